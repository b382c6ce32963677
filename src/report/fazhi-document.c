/* fazhi-document.c — a report as a sequence of blocks, before it is laid out */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include "fazhi-document.h"

static void
block_free (FazhiBlock *block)
{
  g_free (block->text);
  g_free (block->lead);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

FazhiDocument *
fazhi_document_new (void)
{
  FazhiDocument *document = g_new0 (FazhiDocument, 1);

  document->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  return document;
}

void
fazhi_document_free (FazhiDocument *document)
{
  if (document == NULL)
    return;

  g_ptr_array_unref (document->blocks);
  g_free (document);
}

FazhiBlock *
fazhi_document_add (FazhiDocument  *document,
                    FazhiBlockKind  kind,
                    const char     *text)
{
  FazhiBlock *block = g_new0 (FazhiBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (document->blocks, block);

  return block;
}

FazhiBlock *
fazhi_document_add_paragraph (FazhiDocument *document,
                              const char    *lead,
                              const char    *text)
{
  FazhiBlock *block = fazhi_document_add (document, FAZHI_BLOCK_PARAGRAPH, text);

  block->lead = g_strdup (lead);
  return block;
}

FazhiBlock *
fazhi_document_add_table (FazhiDocument *document,
                          const char    *caption,
                          guint          n_columns)
{
  FazhiBlock *block = fazhi_document_add (document, FAZHI_BLOCK_TABLE, caption);

  block->n_columns = n_columns;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return block;
}

void
fazhi_block_add_row (FazhiBlock         *table,
                     const char * const *cells)
{
  GStrv row = g_new0 (char *, table->n_columns + 1);

  g_return_if_fail (table->kind == FAZHI_BLOCK_TABLE);

  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
}

char *
fazhi_document_to_text (FazhiDocument *document)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < document->blocks->len; i++)
    {
      FazhiBlock *block = g_ptr_array_index (document->blocks, i);

      switch (block->kind)
        {
        case FAZHI_BLOCK_PARAGRAPH:
          g_string_append_printf (text, "　　%s%s\n", block->lead != NULL ? block->lead : "",
                                  block->text != NULL ? block->text : "");
          break;
        case FAZHI_BLOCK_TABLE:
          if (block->text != NULL)
            g_string_append_printf (text, "%s\n", block->text);
          for (guint r = 0; r < block->rows->len; r++)
            {
              g_autofree char *line = g_strjoinv ("\t", g_ptr_array_index (block->rows, r));

              g_string_append_printf (text, "%s\n", line);
            }
          break;
        case FAZHI_BLOCK_TITLE:
        case FAZHI_BLOCK_SUBTITLE:
        case FAZHI_BLOCK_HEADING:
        case FAZHI_BLOCK_SIGNATURE:
        case FAZHI_BLOCK_DATE:
        default:
          g_string_append_printf (text, "%s\n", block->text != NULL ? block->text : "");
        }
      if (block->kind == FAZHI_BLOCK_TITLE || block->kind == FAZHI_BLOCK_TABLE)
        g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}
