/* fazhi-import-row.c — a row of the sheet as it would be stored: checked, previewed
 *
 * Both the preview and the import's reading thread check rows here, so that what the assistant
 * shows is what the import does.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-import-private.h"
#include "fazhi-value.h"

static const char *const total_words[] = { "合计", "总计", "小计", "共计", "总合计", "累计", NULL };

FazhiImportReport *
fazhi_import_report_new (void)
{
  FazhiImportReport *report = g_new0 (FazhiImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
fazhi_import_report_free (FazhiImportReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->notes);
  g_free (report);
}

void
fazhi_import_preview_row_free (FazhiImportPreviewRow *row)
{
  g_free (row->values);  /* one block: see copy_values() */
  g_free (row->problems);
  g_free (row);
}

FazhiImportRowKind
fazhi_import_row_kind (FazhiImport         *import,
                       const FazhiSheetRow *row)
{
  if (row->number <= import->header_row || row->number == import->units_row)
    return FAZHI_IMPORT_ROW_SKIPPED;

  /* 合计 in one of the first cells, the others figures or empty. */
  for (guint c = 0; c < row->n_cells && c < 3; c++)
    if (row->cells[c].type == FAZHI_CELL_TEXT)
      return fazhi_import_word_among (row->cells[c].text, (const char *const *) total_words)
             ? FAZHI_IMPORT_ROW_TOTAL : FAZHI_IMPORT_ROW_DATA;

  return FAZHI_IMPORT_ROW_DATA;
}

/* A case sheet without 状态: a case with its 办结日期 (and, for a mediation, its 结果) is
 * concluded, any other one open. Only the former is something the row says. */
static const char *
infer_status (FazhiImport  *import,
              const char  **input,
              gboolean     *given)
{
  const FazhiLedger *ledger = import->ledger;
  const char *kind_text = input[fazhi_ledger_field_index (ledger, "kind")];
  const FazhiChoice *kind = kind_text != NULL
                            ? fazhi_field_find_choice (fazhi_ledger_field (ledger, "kind"), kind_text) : NULL;
  gboolean concluded = !fazhi_text_is_blank (input[fazhi_ledger_field_index (ledger, "concluded_on")]);

  if (concluded && kind != NULL && strcmp (kind->key, "mediation") == 0)
    concluded = !fazhi_text_is_blank (input[fazhi_ledger_field_index (ledger, "outcome")]);

  *given = concluded;
  return concluded ? "concluded" : "open";
}

/* A problem of the row as a whole, not of one field. */
static void
add_row_problem (GPtrArray *problems,
                 char      *message)
{
  FazhiProblem *problem = g_new0 (FazhiProblem, 1);

  problem->field = -1;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

gboolean
fazhi_import_check_row (FazhiImport          *import,
                        const FazhiSheetRow  *row,
                        const char          **input,
                        FazhiImportCheck     *check)
{
  const FazhiLedger *ledger = import->ledger;
  const char *uuid = NULL;
  gboolean blank = TRUE;
  char **values = NULL;

  memset (check, 0, sizeof *check);
  memset (input, 0, sizeof (char *) * (ledger->n_fields + 1));

  for (guint c = 0; c < row->n_cells; c++)
    {
      int field = c < import->column_field->len ? g_array_index (import->column_field, int, c) : -1;
      const char *text = row->cells[c].text;

      if (fazhi_text_is_blank (text))
        continue;
      if (field == FAZHI_IMPORT_UUID_COLUMN)
        uuid = text;
      else if (field >= 0 && (ledger->fields[field].flags & FAZHI_FIELD_PERSONAL) && strchr (text, '*') != NULL)
        {
          /* A masked phone number (138****5678, from an export for others) is no number:
           * never stored; the record keeps what it has. */
          check->masked = TRUE;
          blank = FALSE;
          continue;
        }
      else if (field >= 0)
        /* The quote a CSV export puts before a text a spreadsheet would run as a formula. */
        input[field] = text[0] == '\'' && fazhi_text_looks_like_formula (text + 1)
                       && ledger->fields[field].type != FAZHI_FIELD_DATE ? text + 1 : text;
      else if (c >= import->column_field->len
               && fazhi_workbook_get_format (import->workbook) == FAZHI_WORKBOOK_TEXT)
        {
          /* A text file's row longer than its header is a comma without its quotes. */
          check->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fazhi_problem_free);
          add_row_problem (check->problems,
                           /* Translators: the number of cells in a row, then the number of columns */
                           g_strdup_printf (_("the row has %u cells but the header only %u columns; "
                                              "is a comma missing its quotes?"),
                                            row->n_cells, import->column_field->len));
          return TRUE;
        }
      if (field >= 0 || field == FAZHI_IMPORT_UUID_COLUMN)
        blank = FALSE;
    }
  if (blank)
    return FALSE;

  for (guint i = 0; i < ledger->n_fields; i++)
    {
      if (import->fixed[i] != NULL)
        input[i] = import->fixed[i];
      if (!fazhi_text_is_blank (input[i]))
        check->given |= G_GUINT64_CONSTANT (1) << i;
    }

  if (ledger->id == FAZHI_LEDGER_CASES)
    {
      int status = fazhi_ledger_field_index (ledger, "status");
      gboolean given = FALSE;

      if (fazhi_text_is_blank (input[status]))
        input[status] = infer_status (import, input, &given);
      if (given)
        check->given |= G_GUINT64_CONSTANT (1) << status;
    }

  check->problems = fazhi_validate (ledger, input, import->names, &values);
  if (uuid != NULL && !g_uuid_string_is_valid (uuid))
    /* Translators: the text of a uuid column's cell */
    add_row_problem (check->problems, g_strdup_printf (_("uuid “%s” is not a uuid"), uuid));

  /* One more slot, after the fields: the uuid. */
  check->values = g_renew (char *, values, ledger->n_fields + 2);
  check->values[ledger->n_fields] = g_strdup (uuid);
  check->values[ledger->n_fields + 1] = NULL;
  return TRUE;
}

void
fazhi_import_check_clear (FazhiImport      *import,
                          FazhiImportCheck *check)
{
  if (check->values != NULL)
    {
      g_free (check->values[import->ledger->n_fields]);
      fazhi_values_free (import->ledger, check->values);
    }
  g_clear_pointer (&check->problems, g_ptr_array_unref);
  check->values = NULL;
}

/* The first @n of @values in one block (the pointers, then their text), freed with one g_free():
 * g_strfreev() would stop at the first field without a value. */
static char **
copy_values (char * const *values,
             guint         n)
{
  gsize size = (n + 1) * sizeof (char *);
  char **copy;
  char *text;

  for (guint i = 0; i < n; i++)
    if (values[i] != NULL)
      size += strlen (values[i]) + 1;

  copy = g_malloc (size);
  text = (char *) (copy + n + 1);
  for (guint i = 0; i < n; i++)
    {
      copy[i] = values[i] != NULL ? text : NULL;
      if (values[i] != NULL)
        text = g_stpcpy (text, values[i]) + 1;
    }
  copy[n] = NULL;

  return copy;
}

GPtrArray *
fazhi_import_preview (FazhiImport  *import,
                      guint         n_rows,
                      GError      **error)
{
  g_autoptr(FazhiSheetReader) reader = fazhi_workbook_read_sheet (import->workbook, import->sheet, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) fazhi_import_preview_row_free);
  g_autofree const char **input = g_new0 (const char *, import->ledger->n_fields + 1);
  const FazhiSheetRow *row;
  GError *local_error = NULL;

  if (reader == NULL)
    return NULL;

  while (rows->len < n_rows && (row = fazhi_sheet_reader_next (reader, &local_error)) != NULL)
    {
      FazhiImportPreviewRow *preview;
      FazhiImportCheck check;

      if (fazhi_import_row_kind (import, row) != FAZHI_IMPORT_ROW_DATA
          || !fazhi_import_check_row (import, row, input, &check))
        continue;

      preview = g_new0 (FazhiImportPreviewRow, 1);
      preview->row = row->number;
      if (check.values != NULL)
        {
          /* Without the uuid. */
          preview->values = copy_values (check.values, import->ledger->n_fields);
        }
      if (check.problems->len > 0)
        preview->problems = fazhi_problems_join (check.problems, "\n");
      g_ptr_array_add (rows, preview);
      fazhi_import_check_clear (import, &check);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}
