/* fazhi-export.c — writing a ledger to CSV or XLSX for Excel and WPS
 *
 * Both formats show what a clerk reads: the Chinese labels as headers, the Chinese label of
 * each choice, phone numbers masked. A CSV export can be imported again, because the import
 * accepts labels as well as keys. The file is written beside its destination and renamed into
 * place at the end, so an export that fails leaves no half-written file.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "fazhi-csv.h"
#include "fazhi-store.h"
#include "fazhi-transfer.h"
#include "fazhi-value.h"

#define FIRST_FIELD_COLUMN 4  /* after id, uuid, created_at, updated_at */

typedef enum
{
  EXPORT_CSV,
  EXPORT_XLSX,
} ExportFormat;

static gboolean
format_for_path (const char    *path,
                 ExportFormat  *format,
                 GError       **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    *format = EXPORT_CSV;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *format = EXPORT_XLSX;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: the file name must end in .csv or .xlsx"), path);
      return FALSE;
    }

  return TRUE;
}

/* The statement varies with the filter, so it is prepared here and finalized by the caller
 * rather than kept in the database's cache. */
static sqlite3_stmt *
select_rows (FazhiDatabase            *database,
             const FazhiLedger        *ledger,
             const FazhiExportFilter  *filter,
             GError                  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  gboolean by_period = filter != NULL && filter->period != NULL && ledger->date_key != NULL;
  gboolean by_where = filter != NULL && filter->where != NULL && filter->where[0] != '\0';
  sqlite3_stmt *statement = NULL;
  int parameter = 1;
  int rc;

  g_string_printf (sql, "SELECT %s FROM %s AS t", fazhi_store_select_columns (ledger->id), ledger->key);
  if (by_period)
    g_string_append_printf (sql, " WHERE t.%s BETWEEN ? AND ?", ledger->date_key);
  if (by_where)
    g_string_append_printf (sql, " %s (%s)", by_period ? "AND" : "WHERE", filter->where);
  if (ledger->date_key != NULL)
    g_string_append_printf (sql, " ORDER BY t.%s, t.id", ledger->date_key);
  else
    g_string_append (sql, " ORDER BY t.id");

  rc = sqlite3_prepare_v2 (fazhi_database_get_handle (database), sql->str, -1, &statement, NULL);
  if (rc != SQLITE_OK)
    {
      fazhi_database_set_error (database, rc, error);
      sqlite3_finalize (statement);
      return NULL;
    }

  if (by_period)
    {
      sqlite3_bind_text (statement, parameter++, filter->period->start, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, parameter++, filter->period->end, -1, SQLITE_STATIC);
    }
  if (by_where && filter->where_args != NULL)
    for (guint i = 0; filter->where_args[i] != NULL; i++)
      sqlite3_bind_text (statement, parameter++, filter->where_args[i], -1, SQLITE_STATIC);

  return statement;
}

/* A field as a clerk reads it: the label of a choice, a masked phone number. */
static char *
export_text (sqlite3_stmt     *statement,
             guint             index,
             const FazhiField *field)
{
  g_autofree char *text = fazhi_store_column_text (statement, FIRST_FIELD_COLUMN + (int) index, field);

  if (text == NULL)
    return NULL;

  if (field->type == FAZHI_FIELD_CHOICE)
    {
      const FazhiChoice *choice = fazhi_choices_lookup (field->choices, text);

      if (choice != NULL)
        return g_strdup (choice->label);
    }

  if (field->flags & FAZHI_FIELD_PERSONAL)
    return fazhi_mask_phone (text);

  return g_steal_pointer (&text);
}

static void
set_write_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file name, then the reason */
               _("Cannot write %s: %s"), path, g_strerror (saved_errno));
}

static gboolean
write_line (FILE        *file,
            GString     *line,
            const char  *path,
            GError     **error)
{
  g_string_append (line, "\r\n");
  if (fwrite (line->str, 1, line->len, file) != line->len)
    {
      set_write_error (path, errno, error);
      return FALSE;
    }

  g_string_truncate (line, 0);
  return TRUE;
}

static gint64
write_csv (FazhiDatabase      *database,
           const FazhiLedger  *ledger,
           sqlite3_stmt       *statement,
           const char         *partial,
           const char         *path,
           GError            **error)
{
  g_autoptr(GString) line = g_string_new ("\xef\xbb\xbf");
  FILE *file = g_fopen (partial, "wb");
  gint64 written = 0;
  int rc = SQLITE_DONE;

  if (file == NULL)
    {
      set_write_error (path, errno, error);
      return -1;
    }

  for (guint i = 0; i < ledger->n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      fazhi_csv_append_field (line, ledger->fields[i].label);
    }
  if (!write_line (file, line, path, error))
    goto failed;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      for (guint i = 0; i < ledger->n_fields; i++)
        {
          g_autofree char *text = export_text (statement, i, &ledger->fields[i]);

          if (i > 0)
            g_string_append_c (line, ',');
          fazhi_csv_append_field (line, text);
        }
      if (!write_line (file, line, path, error))
        goto failed;
      written++;
    }

  if (rc != SQLITE_DONE)
    {
      fazhi_database_set_error (database, rc, error);
      goto failed;
    }

  if (fclose (file) != 0)
    {
      file = NULL;
      set_write_error (path, errno, error);
      goto failed;
    }

  return written;

failed:
  if (file != NULL)
    fclose (file);
  return -1;
}

/* Excel refuses these characters in a sheet name; their full-width forms look the same. */
static char *
sheet_name (const FazhiLedger *ledger)
{
  static const char *replacements[][2] = {
    { "/", "／" }, { "\\", "＼" }, { "?", "？" }, { "*", "＊" },
    { ":", "：" }, { "[", "［" }, { "]", "］" },
  };
  g_autoptr(GString) name = g_string_new (ledger->label);

  for (guint i = 0; i < G_N_ELEMENTS (replacements); i++)
    g_string_replace (name, replacements[i][0], replacements[i][1], 0);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Wide enough for the header and for what the column usually holds; CJK characters take two
 * widths of a Latin one. */
static double
column_width (const FazhiField *field)
{
  double label = 2;
  double content;

  for (const char *p = field->label; *p != '\0'; p = g_utf8_next_char (p))
    label += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  switch (field->type)
    {
    case FAZHI_FIELD_DATE:
      content = 12;
      break;
    case FAZHI_FIELD_INTEGER:
    case FAZHI_FIELD_DECIMAL:
      content = 8;
      break;
    case FAZHI_FIELD_CHOICE:
    case FAZHI_FIELD_COMMUNITY:
    case FAZHI_FIELD_COMPOUND:
      content = 14;
      break;
    case FAZHI_FIELD_TEXT:
    default:
      /* The required text of a record is its subject or name, the longest thing clerks read. */
      content = (field->flags & FAZHI_FIELD_REQUIRED) ? 30 : 16;
      break;
    }

  return MAX (label, content);
}

static void
set_xlsx_error (const char  *path,
                lxw_error    code,
                GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Cannot write %s: %s"), path, lxw_strerror (code));
}

static lxw_error
write_xlsx_cell (lxw_worksheet     *sheet,
                 lxw_row_t          row,
                 guint              index,
                 const FazhiField  *field,
                 sqlite3_stmt      *statement)
{
  int column = FIRST_FIELD_COLUMN + (int) index;
  g_autofree char *text = NULL;

  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return LXW_NO_ERROR;

  if (field->type == FAZHI_FIELD_INTEGER)
    return worksheet_write_number (sheet, row, (lxw_col_t) index,
                                   (double) sqlite3_column_int64 (statement, column), NULL);
  if (field->type == FAZHI_FIELD_DECIMAL)
    return worksheet_write_number (sheet, row, (lxw_col_t) index,
                                   (double) sqlite3_column_int64 (statement, column) / 100.0, NULL);

  text = export_text (statement, index, field);
  return worksheet_write_string (sheet, row, (lxw_col_t) index, text, NULL);
}

static gint64
write_xlsx (FazhiDatabase      *database,
            const FazhiLedger  *ledger,
            sqlite3_stmt       *statement,
            const char         *partial,
            const char         *path,
            GError            **error)
{
  g_autofree char *name = sheet_name (ledger);
  lxw_workbook_options options;
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error code = LXW_NO_ERROR;
  lxw_row_t row = 0;
  int rc = SQLITE_DONE;

  /* Rows go to a temporary file as they are written, so a large ledger needs little memory. */
  memset (&options, 0, sizeof options);
  options.constant_memory = LXW_TRUE;

  errno = 0;
  workbook = workbook_new_opt (partial, &options);
  if (workbook == NULL)
    {
      set_write_error (path, errno != 0 ? errno : EIO, error);
      return -1;
    }

  code = workbook_validate_sheet_name (workbook, name);
  sheet = code == LXW_NO_ERROR ? workbook_add_worksheet (workbook, name) : NULL;
  if (sheet == NULL)
    {
      set_xlsx_error (path, code != LXW_NO_ERROR ? code : LXW_ERROR_MEMORY_MALLOC_FAILED, error);
      workbook_close (workbook);
      return -1;
    }
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  format_set_bottom (bold, LXW_BORDER_THIN);

  for (guint i = 0; i < ledger->n_fields && code == LXW_NO_ERROR; i++)
    code = worksheet_set_column (sheet, (lxw_col_t) i, (lxw_col_t) i, column_width (&ledger->fields[i]), NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint i = 0; i < ledger->n_fields && code == LXW_NO_ERROR; i++)
    code = worksheet_write_string (sheet, 0, (lxw_col_t) i, ledger->fields[i].label, bold);

  while (code == LXW_NO_ERROR && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      row++;
      for (guint i = 0; i < ledger->n_fields && code == LXW_NO_ERROR; i++)
        {
          code = write_xlsx_cell (sheet, row, i, &ledger->fields[i], statement);
          if (code == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           /* Translators: a file name, a field's label, then a record's id */
                           _("%s: the %s of record %" PRId64 " is longer than a spreadsheet "
                             "cell can hold; export to .csv instead"),
                           path, ledger->fields[i].label, (gint64) sqlite3_column_int64 (statement, 0));
              workbook_close (workbook);
              return -1;
            }
        }
    }

  if (code != LXW_NO_ERROR)
    {
      set_xlsx_error (path, code, error);
      workbook_close (workbook);
      return -1;
    }

  if (rc != SQLITE_DONE)
    {
      fazhi_database_set_error (database, rc, error);
      workbook_close (workbook);
      return -1;
    }

  code = workbook_close (workbook);
  if (code != LXW_NO_ERROR)
    {
      set_xlsx_error (path, code, error);
      return -1;
    }

  return row;
}

gint64
fazhi_export (FazhiDatabase           *database,
              FazhiLedgerId            ledger_id,
              const FazhiExportFilter *filter,
              const char              *path,
              GError                 **error)
{
  const FazhiLedger *ledger;
  g_autofree char *partial = NULL;
  sqlite3_stmt *statement;
  ExportFormat format;
  gint64 written;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), -1);
  g_return_val_if_fail (ledger_id < FAZHI_N_LEDGERS, -1);
  g_return_val_if_fail (path != NULL, -1);

  if (!format_for_path (path, &format, error))
    return -1;

  ledger = fazhi_ledger_get (ledger_id);
  statement = select_rows (database, ledger, filter, error);
  if (statement == NULL)
    return -1;

  partial = g_strconcat (path, ".partial", NULL);
  if (format == EXPORT_XLSX)
    written = write_xlsx (database, ledger, statement, partial, path, error);
  else
    written = write_csv (database, ledger, statement, partial, path, error);
  sqlite3_finalize (statement);

  if (written >= 0 && g_rename (partial, path) != 0)
    {
      set_write_error (path, errno, error);
      written = -1;
    }

  if (written < 0)
    g_unlink (partial);

  return written;
}
