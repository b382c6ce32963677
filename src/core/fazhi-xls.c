/* fazhi-xls.c — an Excel 97–2003 workbook (.xls, BIFF8 in a compound file), through FreeXL
 *
 * FreeXL (Debian's libfreexl) reads a whole .xls into memory when it opens it, which is fine for
 * a format of at most 65 536 rows. It reads strings, numbers and dates (by their cell formats,
 * in the workbook's date system, as text). What FreeXL 1.0.6 leaves out — formulas' cached
 * results, booleans, merged ranges, hidden sheets, RC4 encryption — fazhi-xls-biff.c reads
 * from the same file (see fazhi-xls-private.h). Left as they are: a time of day alone reads as
 * text ("08:30:00"), and BIFF5 files (Excel 95) get FreeXL's cells alone.
 *
 * A FreeXL handle keeps the selected sheet as its state: each reader opens one of its own, so
 * that readers in other threads share nothing with the workbook but what it only reads.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <freexl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-xls-private.h"

static void
set_freexl_error (GError        **error,
                  FazhiWorkbook  *workbook,
                  int             code)
{
  switch (code)
    {
    case FREEXL_FILE_NOT_FOUND:
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s cannot be opened: it is not there"),
                   workbook->display_name);
      break;
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
    case FREEXL_INVALID_CFBF_HEADER:
      /* A compound file, but a Word document, a Visio drawing… */
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK,
                   _("%s is an Office file but not an Excel workbook: open it in the program that "
                     "made it and save the table as .xlsx or as CSV"),
                   workbook->display_name);
      break;
    case FREEXL_INSUFFICIENT_MEMORY:
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_TOO_LARGE,
                   _("%s is too large to read: save it in Excel or WPS as .xlsx, which is read a "
                     "row at a time"),
                   workbook->display_name);
      break;
    default:
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT,
                   _("%s cannot be read as an Excel 97–2003 workbook (FreeXL error %d): open it in "
                     "Excel or WPS and save it again, as .xlsx"),
                   workbook->display_name, code);
      break;
    }
}

static void
set_encrypted_error (GError        **error,
                     FazhiWorkbook  *workbook)
{
  g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_ENCRYPTED,
               _("%s is protected by a password: open it in Excel or WPS, remove the password "
                 "(File › Info › Protect Workbook, or 文件 › 文档加密) and save it, then import it again"),
               workbook->display_name);
}

/* What the compound file holds besides FreeXL's view of it; FALSE (and an error) when it is not
 * an .xls to read. */
static gboolean
read_extras (FazhiWorkbook  *workbook,
             GError        **error)
{
  g_autoptr(FazhiCfb) cfb = fazhi_cfb_open (workbook->path);
  g_autoptr(GBytes) stream = NULL;
  FazhiXlsExtras *extras;

  /* A compound file this cannot follow is left to FreeXL. */
  if (cfb == NULL)
    return TRUE;

  /* Excel and WPS keep a password-protected .xlsx encrypted inside a compound file. */
  if (fazhi_cfb_has_stream (cfb, "EncryptedPackage") || fazhi_cfb_has_stream (cfb, "EncryptionInfo"))
    {
      set_encrypted_error (error, workbook);
      return FALSE;
    }

  /* "Book" is Excel 5's name for it. */
  if (!fazhi_cfb_has_stream (cfb, "Workbook") && !fazhi_cfb_has_stream (cfb, "Book"))
    {
      set_freexl_error (error, workbook, FREEXL_BIFF_WORKBOOK_NOT_FOUND);
      return FALSE;
    }

  stream = fazhi_cfb_read_stream (cfb, "Workbook");
  if (stream == NULL)
    return TRUE;
  extras = fazhi_xls_extras_read (stream);
  if (extras != NULL && extras->encrypted)
    {
      fazhi_xls_extras_free (extras);
      set_encrypted_error (error, workbook);
      return FALSE;
    }
  workbook->backend = extras;
  workbook->backend_free = (GDestroyNotify) fazhi_xls_extras_free;
  return TRUE;
}

gboolean
fazhi_xls_open (FazhiWorkbook  *workbook,
                GError        **error)
{
  FazhiXlsExtras *extras;
  const void *handle = NULL;
  unsigned int value = 0;
  unsigned int n_sheets = 0;
  int code;

  if (!read_extras (workbook, error))
    return FALSE;
  extras = workbook->backend;

  /* Only the workbook's globals: sheet names, the date system, a password. */
  code = freexl_open_info (workbook->path, &handle);
  if (code != FREEXL_OK)
    {
      if (handle != NULL)
        freexl_close (handle);
      set_freexl_error (error, workbook, code);
      return FALSE;
    }

  /* A FILEPASS record that the records' own reading did not see (a BIFF5 file). */
  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &value) == FREEXL_OK && value == FREEXL_BIFF_OBFUSCATED)
    {
      freexl_close (handle);
      set_encrypted_error (error, workbook);
      return FALSE;
    }

  if (freexl_get_info (handle, FREEXL_BIFF_DATEMODE, &value) == FREEXL_OK)
    workbook->date1904 = value == FREEXL_BIFF_DATEMODE_1904;

  if (freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &n_sheets) != FREEXL_OK)
    n_sheets = 0;
  /* The records' sheets are FreeXL's, in the same order; if they are not as many, the records
   * were misread and are not used. */
  if (extras != NULL && extras->sheets->len != n_sheets)
    {
      g_clear_pointer (&workbook->backend, fazhi_xls_extras_free);
      extras = NULL;
    }
  for (unsigned int i = 0; i < n_sheets; i++)
    {
      const char *name = NULL;
      gboolean hidden = extras != NULL && ((FazhiXlsSheet *) g_ptr_array_index (extras->sheets, i))->hidden;

      if (freexl_get_worksheet_name (handle, (unsigned short) i, &name) != FREEXL_OK || name == NULL)
        name = "";
      fazhi_workbook_add_sheet (workbook, name, hidden, NULL);
    }
  freexl_close (handle);

  if (n_sheets == 0)
    {
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT,
                   _("%s cannot be read: it has no sheet. Open it in Excel or WPS and save it again"),
                   workbook->display_name);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  FazhiSheetReader     parent;
  const void          *handle;
  unsigned int         n_rows;     /* FreeXL's */
  unsigned short       n_columns;
  guint                last_row;   /* with the rows of formulas and merges past FreeXL's */
  guint                row;        /* the next row to read, 0-based */
  const FazhiXlsSheet *extras;     /* the workbook's, only read */
  guint                next_cell;  /* in extras->cells */
  FazhiMergeFill       merges;
} XlsReader;

static const FazhiSheetRow *
xls_reader_next (FazhiSheetReader  *reader,
                 GError           **error)
{
  XlsReader *self = (XlsReader *) reader;
  FazhiRowBuilder *builder = &reader->builder;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  while (self->row < self->last_row)
    {
      const FazhiSheetRow *row;
      unsigned int index = self->row++;

      fazhi_row_builder_begin (builder, index + 1);
      for (unsigned short column = 0; index < self->n_rows && column < self->n_columns; column++)
        {
          FreeXL_CellValue value;
          int code = freexl_get_cell_value (self->handle, index, column, &value);

          if (code != FREEXL_OK)
            {
              set_freexl_error (error, reader->workbook, code);
              self->row = self->n_rows;
              return NULL;
            }

          switch (value.type)
            {
            case FREEXL_CELL_INT:
              g_snprintf (buffer, sizeof buffer, "%d", value.value.int_value);
              fazhi_row_builder_set (builder, column, FAZHI_CELL_NUMBER, buffer, -1);
              break;
            case FREEXL_CELL_DOUBLE:
              fazhi_row_builder_set (builder, column, FAZHI_CELL_NUMBER,
                                     fazhi_workbook_format_number (value.value.double_value, buffer), -1);
              break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
              fazhi_row_builder_set (builder, column, FAZHI_CELL_TEXT, value.value.text_value, -1);
              break;
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
              /* "2023-03-05" or "2023-03-05 08:30:00": the date alone. */
              fazhi_row_builder_set (builder, column, FAZHI_CELL_DATE, value.value.text_value,
                                     MIN (strlen (value.value.text_value), 10));
              break;
            case FREEXL_CELL_TIME:
              fazhi_row_builder_set (builder, column, FAZHI_CELL_TEXT, value.value.text_value, -1);
              break;
            case FREEXL_CELL_NULL:
            default:
              break;
            }
        }

      /* Formulas' results and booleans, which FreeXL gives as nothing and as 1 or 0. */
      while (self->extras != NULL && self->next_cell < self->extras->cells->len)
        {
          const FazhiXlsCell *cell = &g_array_index (self->extras->cells, FazhiXlsCell, self->next_cell);

          if (cell->row > index + 1)
            break;
          if (cell->row == index + 1 && cell->column < FAZHI_WORKBOOK_MAX_COLUMNS)
            fazhi_row_builder_set (builder, cell->column, cell->type, cell->text, -1);
          self->next_cell++;
        }
      fazhi_merge_fill_apply (&self->merges, builder);

      row = fazhi_row_builder_finish (builder);
      if (row != NULL)
        return row;
    }
  return NULL;
}

static double
xls_reader_get_fraction (FazhiSheetReader *reader)
{
  XlsReader *self = (XlsReader *) reader;

  return self->last_row == 0 ? 1.0 : (double) self->row / self->last_row;
}

static void
xls_reader_finalize (FazhiSheetReader *reader)
{
  XlsReader *self = (XlsReader *) reader;

  if (self->handle != NULL)
    freexl_close (self->handle);
  self->handle = NULL;
  fazhi_merge_fill_clear (&self->merges);
}

static const FazhiSheetReaderFuncs xls_reader_funcs = {
  xls_reader_next,
  xls_reader_get_fraction,
  xls_reader_finalize,
};

FazhiSheetReader *
fazhi_xls_read_sheet (FazhiWorkbook  *workbook,
                      guint           sheet,
                      GError        **error)
{
  g_autoptr(FazhiSheetReader) reader = NULL;
  FazhiXlsExtras *extras = workbook->backend;
  XlsReader *self;
  int code;

  reader = fazhi_sheet_reader_alloc (sizeof (XlsReader), &xls_reader_funcs, workbook);
  self = (XlsReader *) reader;
  fazhi_merge_fill_init (&self->merges);

  code = freexl_open (workbook->path, &self->handle);
  if (code == FREEXL_OK)
    code = freexl_select_active_worksheet (self->handle, (unsigned short) sheet);
  if (code == FREEXL_OK)
    code = freexl_worksheet_dimensions (self->handle, &self->n_rows, &self->n_columns);
  if (code != FREEXL_OK)
    {
      set_freexl_error (error, workbook, code);
      return NULL;
    }

  self->last_row = self->n_rows;
  if (extras != NULL)
    {
      self->extras = g_ptr_array_index (extras->sheets, sheet);
      for (guint i = 0; i < self->extras->merges->len; i++)
        {
          const FazhiXlsRange *range = &g_array_index (self->extras->merges, FazhiXlsRange, i);

          fazhi_merge_fill_add (&self->merges, range->first_row, range->last_row, range->first_column,
                                range->last_column);
        }
      fazhi_merge_fill_ready (&self->merges);
      self->last_row = MAX (self->last_row, self->merges.last_row);
      if (self->extras->cells->len > 0)
        self->last_row = MAX (self->last_row, g_array_index (self->extras->cells, FazhiXlsCell,
                                                             self->extras->cells->len - 1).row);
    }
  return g_steal_pointer (&reader);
}
