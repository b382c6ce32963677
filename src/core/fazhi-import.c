/* fazhi-import.c — reading a ledger from a CSV file, all rows or none
 *
 * The rows are validated and written in one pass inside one transaction: once a row has a
 * problem nothing more is written, the remaining rows are only checked (so the clerk sees up to
 * MAX_PROBLEMS problems at once) and the transaction is rolled back. A row costs one validation
 * and one execution of a statement prepared once; no object is made per row.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-csv.h"
#include "fazhi-store.h"
#include "fazhi-transfer.h"
#include "fazhi-validate.h"
#include "fazhi-value.h"

#define MAX_PROBLEMS 20
#define PROGRESS_EVERY 1000
#define IMPORT_CACHE_KIB 32768

typedef struct
{
  const FazhiLedger  *ledger;
  const char         *filename;      /* the file's base name, for messages */
  int                *column_field;  /* per column of the file: the field it holds, or -1 */
  guint               n_columns;
  const char        **names;         /* per field: its header as written in the file, or NULL */
  GPtrArray          *problems;      /* "FILE:LINE: message" */
  gboolean            more_problems;
} Import;

/* Adds a problem; FALSE once there are too many to show and the import should stop looking. */
static gboolean
report (Import     *import,
        guint       line,
        const char *message)
{
  if (import->problems->len >= MAX_PROBLEMS)
    {
      import->more_problems = TRUE;
      return FALSE;
    }

  g_ptr_array_add (import->problems, g_strdup_printf ("%s:%u: %s", import->filename, line, message));
  return TRUE;
}

static void
set_problems_error (Import  *import,
                    GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < import->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (import->problems, i));
    }
  if (import->more_problems)
    g_string_append_printf (text, "\n%s", _("… and more"));

  g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID, text->str);
}

/* A header may be the English key, the Chinese label or the field's name (in English or in the
 * language of the program). */
static int
field_for_header (const FazhiLedger *ledger,
                  const char        *header)
{
  for (guint i = 0; i < ledger->n_fields; i++)
    {
      const FazhiField *field = &ledger->fields[i];

      if (g_ascii_strcasecmp (header, field->key) == 0
          || strcmp (header, field->label) == 0
          || g_ascii_strcasecmp (header, field->name) == 0
          || g_ascii_strcasecmp (header, _(field->name)) == 0)
        return (int) i;
    }

  return -1;
}

static gboolean
read_header (Import      *import,
             FazhiCsvRow *header,
             GPtrArray   *notes)
{
  const FazhiLedger *ledger = import->ledger;

  for (guint c = 0; c < import->n_columns; c++)
    {
      const char *text = g_strstrip (header->fields[c]);
      int field = text[0] != '\0' ? field_for_header (ledger, text) : -1;

      import->column_field[c] = field;

      /* Excel writes empty header cells for columns that were once used. */
      if (text[0] == '\0')
        continue;

      if (field < 0)
        {
          if (notes != NULL)
            g_ptr_array_add (notes,
                             /* Translators: a file name, a line, a column header, then the ledger's name */
                             g_strdup_printf (_("%s:%u: column “%s” is not a field of the %s ledger; ignored"),
                                              import->filename, header->line, text, _(ledger->name)));
          continue;
        }

      if (import->names[field] != NULL)
        {
          g_autofree char *message =
            /* Translators: two column headers, then the field's Chinese label and its key */
            g_strdup_printf (_("the columns “%s” and “%s” are both %s (%s)"),
                             import->names[field], text, ledger->fields[field].label,
                             ledger->fields[field].key);

          report (import, header->line, message);
          continue;
        }

      import->names[field] = text;
    }

  for (guint i = 0; i < ledger->n_fields; i++)
    if ((ledger->fields[i].flags & FAZHI_FIELD_REQUIRED) && import->names[i] == NULL
        && import->problems->len < MAX_PROBLEMS)
      g_ptr_array_add (import->problems,
                       /* Translators: a file name, a field's Chinese label and its key */
                       g_strdup_printf (_("%s: the required column “%s” (%s) is missing"),
                                        import->filename, ledger->fields[i].label, ledger->fields[i].key));

  return import->problems->len == 0;
}

/* Points @input at the row's cells; FALSE when the row holds nothing at all (Excel leaves rows of
 * empty cells at the end of a sheet). */
static gboolean
gather_row (Import       *import,
            FazhiCsvRow  *row,
            guint         n_cells,
            const char  **input)
{
  gboolean blank = TRUE;

  memset (input, 0, sizeof (char *) * import->ledger->n_fields);
  for (guint c = 0; c < n_cells && c < import->n_columns; c++)
    {
      int field = import->column_field[c];

      if (field < 0)
        continue;
      input[field] = row->fields[c];
      if (blank && !fazhi_text_is_blank (row->fields[c]))
        blank = FALSE;
    }

  return !blank;
}

/* Validates every data row and writes the valid ones while no problem was found. Returns the
 * rows written, or -1 on a failure of the database itself (@error set). */
/* From this many rows on, an import into a ledger no larger than itself rebuilds the indexes. */
#define BULK_ROWS 5000

static gint64
import_rows (Import             *import,
             FazhiDatabase      *database,
             GPtrArray          *rows,
             FazhiProgressFunc   progress,
             gpointer            user_data,
             GError            **error)
{
  const FazhiLedger *ledger = import->ledger;
  g_autoptr(FazhiWriter) writer = NULL;
  g_autofree const char **input = g_new0 (const char *, ledger->n_fields + 1);
  gint64 written = 0;

  writer = fazhi_writer_new (database, ledger->id, error);
  if (writer == NULL)
    return -1;

  for (guint r = 1; r < rows->len && !import->more_problems; r++)
    {
      FazhiCsvRow *row = g_ptr_array_index (rows, r);
      guint n_cells = g_strv_length (row->fields);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) local_error = NULL;
      char **values = NULL;

      if (progress != NULL && r % PROGRESS_EVERY == 0)
        progress ((double) r / rows->len, user_data);

      if (n_cells > import->n_columns)
        {
          g_autofree char *message =
            /* Translators: the number of cells in a row, then the number of columns */
            g_strdup_printf (_("the row has %u cells but the header only %u columns; "
                               "is a comma missing its quotes?"),
                             n_cells, import->n_columns);

          report (import, row->line, message);
          continue;
        }

      if (!gather_row (import, row, n_cells, input))
        continue;

      problems = fazhi_validate (ledger, input, import->names, &values);
      for (guint i = 0; i < problems->len; i++)
        if (!report (import, row->line, ((FazhiProblem *) g_ptr_array_index (problems, i))->message))
          break;

      if (problems->len == 0 && import->problems->len == 0)
        {
          if (fazhi_writer_insert (writer, values, NULL, NULL, &local_error))
            written++;
          else if (g_error_matches (local_error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID))
            report (import, row->line, local_error->message);
          else
            {
              g_set_error (error, local_error->domain, local_error->code, "%s:%u: %s",
                           import->filename, row->line, local_error->message);
              fazhi_values_free (ledger, values);
              return -1;
            }
        }

      fazhi_values_free (ledger, values);
    }

  return written;
}

/* The uuids are random, so a large import touches index pages all over the file; with SQLite's
 * default cache of 2 MB the open transaction keeps writing pages out to the WAL and reading them
 * back, which costs more than the inserts themselves. The cache is made larger for the import
 * only. Returns the size to restore, as PRAGMA cache_size gave it, or 0 when it was left alone. */
static int
enlarge_cache (FazhiDatabase *database)
{
  sqlite3 *handle = fazhi_database_get_handle (database);
  sqlite3_stmt *statement = NULL;
  g_autofree char *sql = NULL;
  gint64 kib = 0;
  int size = 0;
  int page_size = 4096;

  if (sqlite3_prepare_v2 (handle, "PRAGMA cache_size", -1, &statement, NULL) == SQLITE_OK
      && sqlite3_step (statement) == SQLITE_ROW)
    size = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  if (sqlite3_prepare_v2 (handle, "PRAGMA page_size", -1, &statement, NULL) == SQLITE_OK
      && sqlite3_step (statement) == SQLITE_ROW)
    page_size = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);

  /* Positive sizes count pages, negative ones KiB. */
  kib = size < 0 ? -(gint64) size : (gint64) size * page_size / 1024;
  if (size == 0 || kib >= IMPORT_CACHE_KIB)
    return 0;

  /* PRAGMA takes no bound parameters; the number is the program's own. */
  sql = g_strdup_printf ("PRAGMA cache_size = %d", -IMPORT_CACHE_KIB);
  sqlite3_exec (handle, sql, NULL, NULL, NULL);
  return size;
}

static void
restore_cache (FazhiDatabase *database,
               int            size)
{
  g_autofree char *sql = NULL;

  if (size == 0)
    return;

  sql = g_strdup_printf ("PRAGMA cache_size = %d", size);
  sqlite3_exec (fazhi_database_get_handle (database), sql, NULL, NULL, NULL);
}

gint64
fazhi_import_csv (FazhiDatabase      *database,
                  FazhiLedgerId       ledger_id,
                  const char         *path,
                  GPtrArray          *notes,
                  FazhiProgressFunc   progress,
                  gpointer            user_data,
                  GError            **error)
{
  const FazhiLedger *ledger;
  g_autofree char *filename = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree int *column_field = NULL;
  g_autofree const char **names = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  FazhiCsvRow *header;
  Import import = { 0 };
  gsize length = 0;
  g_auto(GStrv) indexes = NULL;
  gint64 written;
  int cache_size;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), -1);
  g_return_val_if_fail (ledger_id < FAZHI_N_LEDGERS, -1);
  g_return_val_if_fail (path != NULL, -1);

  ledger = fazhi_ledger_get (ledger_id);
  filename = g_path_get_basename (path);

  if (!g_file_get_contents (path, &contents, &length, error))
    return -1;

  text = fazhi_csv_decode (contents, length, filename, error);
  if (text == NULL)
    return -1;
  g_clear_pointer (&contents, g_free);

  rows = fazhi_csv_parse (text, filename, error);
  if (rows == NULL)
    return -1;
  g_clear_pointer (&text, g_free);

  header = g_ptr_array_index (rows, 0);
  names = g_new0 (const char *, ledger->n_fields + 1);
  column_field = g_new (int, g_strv_length (header->fields));
  import.ledger = ledger;
  import.filename = filename;
  import.column_field = column_field;
  import.n_columns = g_strv_length (header->fields);
  import.names = names;
  import.problems = problems;

  if (!read_header (&import, header, notes))
    {
      set_problems_error (&import, error);
      return -1;
    }

  if (rows->len == 1)
    return 0;

  if (!fazhi_database_begin (database, error))
    return -1;

  cache_size = enlarge_cache (database);
  /* An import that at least doubles the ledger builds its plain indexes afresh at the end. */
  if (rows->len - 1 >= BULK_ROWS && (gint64) rows->len - 1 >= fazhi_database_count (database, ledger->id))
    {
      indexes = fazhi_database_set_aside_indexes (database, ledger->key, error);
      if (indexes == NULL)
        {
          fazhi_database_rollback (database);
          restore_cache (database, cache_size);
          return -1;
        }
    }
  written = import_rows (&import, database, rows, progress, user_data, error);
  if (written >= 0 && problems->len == 0 && indexes != NULL
      && !fazhi_database_restore_indexes (database, (const char * const *) indexes, error))
    written = -1;
  if (written < 0 || problems->len > 0)
    {
      fazhi_database_rollback (database);
      restore_cache (database, cache_size);
      if (written >= 0)
        set_problems_error (&import, error);
      return -1;
    }

  fazhi_database_emit_changed (database, ledger->id, FAZHI_CHANGE_MANY, 0);
  written = fazhi_database_commit (database, error) ? written : -1;
  restore_cache (database, cache_size);
  if (written < 0)
    return -1;

  if (progress != NULL)
    progress (1.0, user_data);

  return written;
}
