/* fazhi-document.h — a report as a sequence of blocks, before it is laid out
 *
 * The annual report (from the clerk's text and the figures) and the quarterly summary (tables)
 * are both built as a FazhiDocument; the PDF/print layout, the DOCX writer and the plain-text
 * writer each read the same blocks, so every format says the same thing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  FAZHI_BLOCK_TITLE,      /* 2号 小标宋, centred; may hold a line break */
  FAZHI_BLOCK_SUBTITLE,   /* a line under the title, centred, body font (e.g. the office and date of a summary) */
  FAZHI_BLOCK_HEADING,    /* level 1: "一、…" in 黑体, a line of its own */
  FAZHI_BLOCK_PARAGRAPH,  /* body text, 仿宋, first line indented two characters; `lead` is a level-2
                             run-in heading "（一）…。" set in 楷体 at its start */
  FAZHI_BLOCK_TABLE,      /* a table with a header row */
  FAZHI_BLOCK_SIGNATURE,  /* the issuing office, right-aligned near the end */
  FAZHI_BLOCK_DATE,       /* the date under the signature, right-aligned */
} FazhiBlockKind;

typedef struct
{
  FazhiBlockKind  kind;
  char           *text;      /* UTF-8; for a table its caption, or NULL */
  char           *lead;      /* PARAGRAPH: the run-in level-2 heading, or NULL */
  guint           n_columns; /* TABLE */
  GPtrArray      *rows;      /* TABLE: GStrv per row, n_columns cells each; row 0 is the header */
} FazhiBlock;

typedef struct
{
  GPtrArray *blocks;         /* FazhiBlock* */
} FazhiDocument;

FazhiDocument *fazhi_document_new            (void);
void           fazhi_document_free           (FazhiDocument  *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiDocument, fazhi_document_free)

FazhiBlock    *fazhi_document_add            (FazhiDocument  *document,
                                              FazhiBlockKind  kind,
                                              const char     *text);
FazhiBlock    *fazhi_document_add_paragraph  (FazhiDocument  *document,
                                              const char     *lead,
                                              const char     *text);
FazhiBlock    *fazhi_document_add_table      (FazhiDocument  *document,
                                              const char     *caption,
                                              guint           n_columns);
void           fazhi_block_add_row           (FazhiBlock     *table,
                                              const char * const *cells);

/* The whole text, one block a paragraph: what the TXT export writes and tests search. */
char          *fazhi_document_to_text        (FazhiDocument  *document);

G_END_DECLS
