/* fazhi-workbook-private.h — what the workbook's readers (text, XLSX, XLS) share
 *
 * fazhi-workbook.c tells the formats apart and reads text; fazhi-xlsx.c and fazhi-xls.c each fill
 * a FazhiWorkbook's sheet list when it is opened and give a FazhiSheetReader of their own (the
 * common part first) for a sheet. Rows are put together in a FazhiRowBuilder, so that every
 * format hands out its rows the same way: cells by column, empty ones "" up to the last that is
 * not, one block of text reused from row to row.
 */
#pragma once

#include "fazhi-workbook.h"

G_BEGIN_DECLS

/* Bounds on what a part of a workbook may inflate to: a zip of a few hundred kilobytes can hold
 * gigabytes of zeros. A sheet is streamed, so its bound only limits the time spent; the others
 * are held in memory. Far above what a ledger of 100 000 rows needs (some 50 MB of sheet XML). */
#define FAZHI_XLSX_MAX_SHEET_BYTES (G_GUINT64_CONSTANT (512) * 1024 * 1024)
#define FAZHI_XLSX_MAX_PART_BYTES  (G_GUINT64_CONSTANT (64) * 1024 * 1024)
/* Columns past XFD (16 384, Excel's last) are not a workbook's. */
#define FAZHI_WORKBOOK_MAX_COLUMNS 16384

typedef struct
{
  GArray  *types;    /* FazhiCellType by column */
  GArray  *offsets;  /* gsize by column: where its text starts in text */
  GString *text;     /* every cell's text, each ended by a NUL; offset 0 is "" */
  GArray  *cells;    /* FazhiCell, what the row hands out */
  FazhiSheetRow row;
} FazhiRowBuilder;

void                 fazhi_row_builder_init   (FazhiRowBuilder *builder);
void                 fazhi_row_builder_clear  (FazhiRowBuilder *builder);
/* Starts row @number with every cell empty. */
void                 fazhi_row_builder_begin  (FazhiRowBuilder *builder,
                                               guint            number);
/* Sets (or replaces) the cell at @column; @length may be -1. An empty text makes the cell
 * empty, whatever @type says. */
void                 fazhi_row_builder_set    (FazhiRowBuilder *builder,
                                               guint            column,
                                               FazhiCellType    type,
                                               const char      *text,
                                               gssize           length);
/* The cell at @column as set so far (EMPTY past the last one set); its text is valid until the
 * next change to the builder. */
FazhiCellType        fazhi_row_builder_get    (FazhiRowBuilder *builder,
                                               guint            column,
                                               const char     **text);
/* The row, or NULL when none of its cells is not empty. */
const FazhiSheetRow *fazhi_row_builder_finish (FazhiRowBuilder *builder);

/* Merged ranges, read as their top-left cell in every cell: a title across a table, a header
 * merged over two rows. Rows are given in order (downwards); the top-left value of a merge is
 * taken when its first row is filled and kept until its last. */
typedef struct
{
  guint          first_row;     /* 1-based, as the rows are numbered */
  guint          last_row;
  guint          first_column;  /* 0-based */
  guint          last_column;
  FazhiCellType  type;
  char          *text;          /* the top-left cell, once its row has been filled */
} FazhiMerge;

typedef struct
{
  GArray    *merges;   /* FazhiMerge, by first row once ready */
  guint      next;     /* the first merge not yet reached */
  GPtrArray *active;   /* FazhiMerge *: those over the last row asked about */
  guint      last_row; /* the last row any merge covers */
} FazhiMergeFill;

void     fazhi_merge_fill_init    (FazhiMergeFill  *fill);
void     fazhi_merge_fill_clear   (FazhiMergeFill  *fill);
/* Adds a range (a single cell "merged" with itself is left out); FALSE past a million, more than
 * any person makes. */
gboolean fazhi_merge_fill_add     (FazhiMergeFill  *fill,
                                   guint            first_row,
                                   guint            last_row,
                                   guint            first_column,
                                   guint            last_column);
/* Sorts the ranges: call once they are all added, before the first row. */
void     fazhi_merge_fill_ready   (FazhiMergeFill  *fill);
/* The first row from @row on that a merge covers, or G_MAXUINT. */
guint    fazhi_merge_fill_next_row (FazhiMergeFill *fill,
                                    guint           row);
/* Gives the cells of the merges over the builder's row their top-left value. */
void     fazhi_merge_fill_apply   (FazhiMergeFill  *fill,
                                   FazhiRowBuilder *builder);

typedef struct
{
  const FazhiSheetRow *(*next)         (FazhiSheetReader  *reader,
                                        GError           **error);
  double               (*get_fraction) (FazhiSheetReader  *reader);
  void                 (*finalize)     (FazhiSheetReader  *reader);
} FazhiSheetReaderFuncs;

struct _FazhiSheetReader
{
  const FazhiSheetReaderFuncs *funcs;
  FazhiWorkbook               *workbook;
  FazhiRowBuilder              builder;
};

/* Allocates a reader of @size bytes (its own struct, with FazhiSheetReader first). */
gpointer fazhi_sheet_reader_alloc (gsize                        size,
                                   const FazhiSheetReaderFuncs *funcs,
                                   FazhiWorkbook               *workbook);

typedef struct
{
  char     *name;
  gboolean  hidden;
  char     *part;     /* XLSX: the sheet's part in the zip */
} FazhiSheetInfo;

struct _FazhiWorkbook
{
  FazhiWorkbookFormat  format;
  char                *path;
  char                *display_name;
  GArray              *sheets;          /* FazhiSheetInfo */
  gboolean             date1904;        /* serials count days from 1904-01-01 */
  gpointer             backend;         /* the format's own state */
  GDestroyNotify       backend_free;
};

void     fazhi_workbook_add_sheet     (FazhiWorkbook  *workbook,
                                       const char     *name,
                                       gboolean        hidden,
                                       const char     *part);

/* "2023-03-05" for a spreadsheet date serial in the 1900 system (with Lotus's 1900-02-29, serial
 * 60) or the 1904 one; the time of day is dropped. NULL for a serial no date can have. */
char    *fazhi_workbook_serial_to_date (double    serial,
                                        gboolean  date1904);
/* The shortest decimal that reads back as @value to 15 digits, as Excel shows it: "1800",
 * "0.5", "0.3" for 0.30000000000000004. Writes into @buffer (G_ASCII_DTOSTR_BUF_SIZE). */
const char *fazhi_workbook_format_number (double  value,
                                          char   *buffer);

/* Whether a number format shows a date: by its code, or for a built-in one by its number. */
gboolean    fazhi_workbook_format_is_date         (const char *format_code);
gboolean    fazhi_workbook_builtin_format_is_date (guint       format_id);

/* fazhi-xlsx.c: reads the workbook's parts and fills @workbook's sheets. */
gboolean          fazhi_xlsx_open        (FazhiWorkbook  *workbook,
                                          GError        **error);
FazhiSheetReader *fazhi_xlsx_read_sheet  (FazhiWorkbook  *workbook,
                                          guint           sheet,
                                          GError        **error);

/* fazhi-xls.c: opens the file with FreeXL and fills @workbook's sheets. */
gboolean          fazhi_xls_open         (FazhiWorkbook  *workbook,
                                          GError        **error);
FazhiSheetReader *fazhi_xls_read_sheet   (FazhiWorkbook  *workbook,
                                          guint           sheet,
                                          GError        **error);

G_END_DECLS
