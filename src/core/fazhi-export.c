/* fazhi-export.c — writing a ledger to CSV or XLSX for Excel and WPS
 *
 * Both formats show what a clerk reads: the Chinese labels as headers, the Chinese label of
 * each choice, phone numbers masked. A CSV export can be imported again, because the import
 * accepts labels as well as keys. An XLSX sheet is headed as a printed ledger is: a title row
 * naming the office, the ledger and the period above the header row, which stays in view; dates
 * are the spreadsheet's dates and numbers its numbers, so that Excel and WPS sort and filter them,
 * and each column is as wide as what it holds. The import finds the header row below the title.
 * The file is written beside its destination and renamed into place at the end, so an export
 * that fails leaves no half-written file.
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

/* A field as a clerk reads it: the label of a choice, a phone number masked unless the export
 * keeps them (to move the ledger to another computer). */
static char *
export_text (sqlite3_stmt     *statement,
             guint             index,
             const FazhiField *field,
             gboolean          unmasked)
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

  if ((field->flags & FAZHI_FIELD_PERSONAL) && !unmasked)
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
           gboolean            unmasked,
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
          g_autofree char *text = export_text (statement, i, &ledger->fields[i], unmasked);
          g_autofree char *guarded = NULL;

          /* A text that a spreadsheet would take for a formula (=HYPERLINK(…), +1+1, @SUM…)
           * gets the quote that makes it text, as OWASP advises; the import takes it off. */
          if (text != NULL && fazhi_text_looks_like_formula (text))
            guarded = g_strconcat ("'", text, NULL);
          if (i > 0)
            g_string_append_c (line, ',');
          fazhi_csv_append_field (line, guarded != NULL ? guarded : text);
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

/* A sheet is laid out as clerks head a printed ledger: a title row, the header, the records. */
#define TITLE_ROW        0
#define HEADER_ROW       1
#define FIRST_RECORD_ROW 2

/* Column widths are counted in digits of the default font, in which a Chinese character takes
 * two. The button of the header's filter takes about two more. */
#define MIN_COLUMN_WIDTH     6
#define MAX_COLUMN_WIDTH     50
#define COLUMN_PADDING       2
#define FILTER_BUTTON_WIDTH  2

typedef struct
{
  lxw_worksheet *sheet;
  lxw_format    *title;
  lxw_format    *header;
  lxw_format    *date;
  guint         *widths;  /* per field: the widest header or value written so far */
  gboolean       unmasked;
} XlsxSheet;

/* How wide @text shows: its longest line, a Chinese or other full-width character counting two.
 * Counting stops past the widest a column is made, so a long note costs no more than a short. */
static guint
text_width (const char *text)
{
  guint widest = 0;
  guint line = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return MIN (strlen (text), MAX_COLUMN_WIDTH);

  for (const char *p = text; *p != '\0' && line < MAX_COLUMN_WIDTH; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          widest = MAX (widest, line);
          line = 0;
        }
      else if (!g_unichar_iszerowidth (c))
        line += g_unichar_iswide (c) ? 2 : 1;
    }

  return MAX (widest, line);
}

static void
widen_column (XlsxSheet  *xlsx,
              guint       index,
              const char *text)
{
  xlsx->widths[index] = MAX (xlsx->widths[index], text_width (text));
}

/* The value of the @digits decimal digits at @text, or -1 when they are not all digits. */
static int
digits_value (const char *text,
              guint       digits)
{
  int value = 0;

  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + g_ascii_digit_value (text[i]);
    }

  return value;
}

/* A stored date, YYYY-MM-DD, as a spreadsheet date, so that Excel and WPS sort and filter it as
 * one; FALSE for anything else (and for a year before 1900, where Excel's dates begin), which is
 * then written as the text it is. */
static gboolean
datetime_from_iso (const char   *text,
                   lxw_datetime *datetime)
{
  int year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  year = digits_value (text, 4);
  month = digits_value (text + 5, 2);
  day = digits_value (text + 8, 2);
  if (year < 1900 || month < 1 || month > 12 || day < 1
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  memset (datetime, 0, sizeof *datetime);
  datetime->year = year;
  datetime->month = month;
  datetime->day = day;
  return TRUE;
}

static char *
period_title (const FazhiPeriod *period)
{
  switch (period->quarter)
    {
    case 1:
      /* Translators: the period in the title of an exported ledger: the first quarter of a year
       * (%d), e.g. "2023 Q1" */
      return g_strdup_printf (C_("export title", "%d Q1"), period->year);
    case 2:
      /* Translators: the period in the title of an exported ledger: the second quarter of a year */
      return g_strdup_printf (C_("export title", "%d Q2"), period->year);
    case 3:
      /* Translators: the period in the title of an exported ledger: the third quarter of a year */
      return g_strdup_printf (C_("export title", "%d Q3"), period->year);
    case 4:
      /* Translators: the period in the title of an exported ledger: the fourth quarter of a year */
      return g_strdup_printf (C_("export title", "%d Q4"), period->year);
    default:
      /* Translators: the period in the title of an exported ledger: a whole year, e.g. "2023" */
      return g_strdup_printf (C_("export title", "%d"), period->year);
    }
}

/* The office (from its settings, left out when unset), the ledger and the period exported (none
 * for all years, and none for a ledger that no date puts in a period). */
static char *
sheet_title (FazhiDatabase           *database,
             const FazhiLedger       *ledger,
             const FazhiExportFilter *filter)
{
  g_autofree char *office = fazhi_database_get_setting (database, "office_name");
  g_autofree char *period = NULL;
  const char *name = _(ledger->name);

  if (office != NULL && *g_strstrip (office) == '\0')
    g_clear_pointer (&office, g_free);
  if (filter != NULL && filter->period != NULL && ledger->date_key != NULL)
    period = period_title (filter->period);

  if (office != NULL && period != NULL)
    /* Translators: the title row of an exported ledger: the office, the ledger's name and the
     * period, e.g. "褚家街道办事处 案件与法律事务台账（2023年第一季度）" */
    return g_strdup_printf (C_("export title", "%1$s — %2$s (%3$s)"), office, name, period);
  if (office != NULL)
    /* Translators: the title row of an exported ledger of all years: the office and the
     * ledger's name, e.g. "褚家街道办事处 小区台账" */
    return g_strdup_printf (C_("export title", "%1$s — %2$s"), office, name);
  if (period != NULL)
    /* Translators: the title row of an exported ledger when the office's name is not set: the
     * ledger's name and the period, e.g. "法治培训台账（2023年）" */
    return g_strdup_printf (C_("export title", "%1$s (%2$s)"), name, period);

  /* Translators: the title row of an exported ledger of all years when the office's name is
   * not set: the ledger's name, e.g. "法治培训台账" */
  return g_strdup_printf (C_("export title", "%s"), name);
}

static void
add_formats (XlsxSheet    *xlsx,
             lxw_workbook *workbook)
{
  xlsx->title = workbook_add_format (workbook);
  format_set_bold (xlsx->title);
  format_set_font_size (xlsx->title, 16);
  format_set_align (xlsx->title, LXW_ALIGN_CENTER);
  format_set_align (xlsx->title, LXW_ALIGN_VERTICAL_CENTER);

  xlsx->header = workbook_add_format (workbook);
  format_set_bold (xlsx->header);
  format_set_pattern (xlsx->header, LXW_PATTERN_SOLID);
  format_set_bg_color (xlsx->header, 0xDDEBF7);
  format_set_border (xlsx->header, LXW_BORDER_THIN);
  format_set_align (xlsx->header, LXW_ALIGN_CENTER);
  format_set_align (xlsx->header, LXW_ALIGN_VERTICAL_CENTER);

  xlsx->date = workbook_add_format (workbook);
  format_set_num_format (xlsx->date, "yyyy-mm-dd");
}

static lxw_error
write_title_and_header (XlsxSheet         *xlsx,
                        const FazhiLedger *ledger,
                        const char        *title)
{
  lxw_col_t last_column = (lxw_col_t) (ledger->n_fields - 1);
  lxw_error code;

  /* In constant memory a row's height is set before its cells. */
  code = worksheet_set_row (xlsx->sheet, TITLE_ROW, 28, NULL);
  if (code == LXW_NO_ERROR && last_column > 0)
    code = worksheet_merge_range (xlsx->sheet, TITLE_ROW, 0, TITLE_ROW, last_column, title, xlsx->title);
  else if (code == LXW_NO_ERROR)
    code = worksheet_write_string (xlsx->sheet, TITLE_ROW, 0, title, xlsx->title);

  for (guint i = 0; i < ledger->n_fields && code == LXW_NO_ERROR; i++)
    {
      xlsx->widths[i] = text_width (ledger->fields[i].label) + FILTER_BUTTON_WIDTH;
      code = worksheet_write_string (xlsx->sheet, HEADER_ROW, (lxw_col_t) i, ledger->fields[i].label, xlsx->header);
    }

  if (code == LXW_NO_ERROR)
    worksheet_freeze_panes (xlsx->sheet, FIRST_RECORD_ROW, 0);

  return code;
}

static lxw_error
write_xlsx_cell (XlsxSheet         *xlsx,
                 lxw_row_t          row,
                 guint              index,
                 const FazhiField  *field,
                 sqlite3_stmt      *statement)
{
  int column = FIRST_FIELD_COLUMN + (int) index;
  g_autofree char *text = NULL;
  lxw_datetime datetime;
  gint64 value;

  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return LXW_NO_ERROR;

  if (field->type == FAZHI_FIELD_INTEGER || field->type == FAZHI_FIELD_DECIMAL)
    {
      value = sqlite3_column_int64 (statement, column);
      if (field->type == FAZHI_FIELD_INTEGER)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      else
        text = fazhi_format_decimal (value);
      widen_column (xlsx, index, text);

      return worksheet_write_number (xlsx->sheet, row, (lxw_col_t) index,
                                     field->type == FAZHI_FIELD_INTEGER ? (double) value : (double) value / 100.0,
                                     NULL);
    }

  text = export_text (statement, index, field, xlsx->unmasked);
  if (text == NULL)
    return LXW_NO_ERROR;
  widen_column (xlsx, index, text);

  if (field->type == FAZHI_FIELD_DATE && datetime_from_iso (text, &datetime))
    return worksheet_write_datetime (xlsx->sheet, row, (lxw_col_t) index, &datetime, xlsx->date);

  return worksheet_write_string (xlsx->sheet, row, (lxw_col_t) index, text, NULL);
}

/* What can be decided only when every row is written: the widths the columns' contents need (in
 * constant memory too, libxlsxwriter writes the columns when the workbook is closed), the filter
 * over all the rows, and a print that repeats the title and the header on every A4 page. */
static lxw_error
finish_sheet (XlsxSheet         *xlsx,
              const FazhiLedger *ledger,
              lxw_row_t          last_row)
{
  lxw_col_t last_column = (lxw_col_t) (ledger->n_fields - 1);
  lxw_error code = LXW_NO_ERROR;

  for (guint i = 0; i < ledger->n_fields && code == LXW_NO_ERROR; i++)
    {
      double width = CLAMP (xlsx->widths[i] + COLUMN_PADDING, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);

      code = worksheet_set_column (xlsx->sheet, (lxw_col_t) i, (lxw_col_t) i, width, NULL);
    }

  if (code == LXW_NO_ERROR)
    code = worksheet_autofilter (xlsx->sheet, HEADER_ROW, 0, last_row, last_column);
  if (code == LXW_NO_ERROR)
    code = worksheet_repeat_rows (xlsx->sheet, TITLE_ROW, HEADER_ROW);

  worksheet_set_paper (xlsx->sheet, 9 /* A4 */);
  worksheet_set_landscape (xlsx->sheet);
  worksheet_fit_to_pages (xlsx->sheet, 1, 0);
  worksheet_center_horizontally (xlsx->sheet);
  worksheet_gridlines (xlsx->sheet, LXW_SHOW_ALL_GRIDLINES);

  return code;
}

static void
set_xlsx_error (const char  *path,
                lxw_error    code,
                GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Cannot write %s: %s"), path, lxw_strerror (code));
}

static gint64
write_xlsx (FazhiDatabase           *database,
            const FazhiLedger       *ledger,
            const FazhiExportFilter *filter,
            sqlite3_stmt            *statement,
            const char              *partial,
            const char              *path,
            GError                 **error)
{
  g_autofree char *name = sheet_name (ledger);
  g_autofree char *title = sheet_title (database, ledger, filter);
  g_autofree guint *widths = g_new0 (guint, ledger->n_fields);
  XlsxSheet xlsx = { NULL, NULL, NULL, NULL, widths, filter != NULL && filter->unmasked };
  lxw_workbook_options options;
  lxw_workbook *workbook;
  lxw_error code = LXW_NO_ERROR;
  lxw_row_t row = HEADER_ROW;
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
  xlsx.sheet = code == LXW_NO_ERROR ? workbook_add_worksheet (workbook, name) : NULL;
  if (xlsx.sheet == NULL)
    {
      set_xlsx_error (path, code != LXW_NO_ERROR ? code : LXW_ERROR_MEMORY_MALLOC_FAILED, error);
      workbook_close (workbook);
      return -1;
    }
  add_formats (&xlsx, workbook);

  code = write_title_and_header (&xlsx, ledger, title);

  while (code == LXW_NO_ERROR && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      row++;
      for (guint i = 0; i < ledger->n_fields && code == LXW_NO_ERROR; i++)
        {
          code = write_xlsx_cell (&xlsx, row, i, &ledger->fields[i], statement);
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

  if (code == LXW_NO_ERROR && rc == SQLITE_DONE)
    code = finish_sheet (&xlsx, ledger, row);

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

  return row - HEADER_ROW;
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
    written = write_xlsx (database, ledger, filter, statement, partial, path, error);
  else
    written = write_csv (database, ledger, statement, filter != NULL && filter->unmasked, partial, path, error);
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
