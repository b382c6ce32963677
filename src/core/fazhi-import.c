/* fazhi-import.c — running an import: every row checked, all written or none
 *
 * Two threads share the work. A reading thread reads the sheet one row at a time and checks
 * each row; the calling thread looks each valid row up in the ledger and writes the new ones
 * inside one transaction, while the next ones are being read. Rows travel between them in
 * batches, a few of which are in use at once, so an import holds a few thousand rows in memory
 * whatever the size of the sheet.
 *
 * Once a row has a problem nothing more is written: the remaining rows are only checked, so that
 * the clerk sees every problem at once, and the transaction is rolled back. A dry run writes
 * every row all the same, so that what it counts (new, already in the ledger) is exactly what
 * the import would do, numbers generated included, and rolls back.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-import-private.h"
#include "fazhi-store.h"
#include "fazhi-value.h"

/* The problems an error message lists; the report has them all. */
#define MAX_PROBLEMS 20
#define BATCH_ROWS 256
#define N_BATCHES 8
/* From this many rows written on, an import into a ledger no larger than that sets its plain
 * indexes aside and builds them afresh at the end. */
#define BULK_ROWS 5000

typedef struct
{
  guint  row;
  int    field;
  char  *message;
} Problem;

/* Rows checked and ready to write, each in one block (see pack_values()); a batch of no rows
 * ends the import. */
typedef struct
{
  guint         n_rows;
  double        fraction;  /* how far into the sheet its last row ends */
  guint         rows[BATCH_ROWS];
  guint64       given[BATCH_ROWS];
  const char  **values[BATCH_ROWS];
} Batch;

typedef struct
{
  FazhiImport        *import;
  const FazhiLedger  *ledger;
  gboolean            dry_run;

  /* The reading thread's own until it has ended. */
  FazhiSheetReader   *reader;
  GArray             *problems;      /* Problem, in the order of the sheet */
  GPtrArray          *notes;         /* char *: rows passed over */
  GArray             *masked_rows;   /* guint: rows whose masked phone number was left out */
  guint               rows_with_problems;
  GError             *read_error;    /* the sheet itself could not be read to the end */

  GAsyncQueue        *ready;         /* batches read, for the writer */
  GAsyncQueue        *spare;         /* batches written, for the reader to fill again */
  int                 write_failed;  /* atomic: the writer found a problem */
  int                 stop;          /* atomic: the writer has failed; read no further */
} Run;

static void
problem_clear (Problem *problem)
{
  g_free (problem->message);
}

static void
add_problem (GArray     *problems,
             guint       row,
             int         field,
             const char *message)
{
  Problem problem = { row, field, g_strdup (message) };

  g_array_append_val (problems, problem);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Problem *first = a;
  const Problem *second = b;

  return (first->row > second->row) - (first->row < second->row);
}

/* A row's values in one block: the pointers, then the text they point at; one more slot after
 * the fields holds the uuid. The writing thread reads a row from a few adjacent cache lines
 * instead of a score of scattered ones. */
static const char **
pack_values (const FazhiLedger  *ledger,
             char              **values)
{
  guint n = ledger->n_fields + 1;
  gsize size = (n + 1) * sizeof (char *);
  const char **packed;
  char *text;

  for (guint i = 0; i < n; i++)
    if (values[i] != NULL)
      size += strlen (values[i]) + 1;

  packed = g_malloc (size);
  text = (char *) (packed + n + 1);
  for (guint i = 0; i < n; i++)
    {
      packed[i] = values[i] != NULL ? text : NULL;
      if (values[i] != NULL)
        text = g_stpcpy (text, values[i]) + 1;
    }
  packed[n] = NULL;

  return packed;
}

/* Frees the values a batch still holds, once they are written (or dropped); the reading thread
 * does this, so that what it allocated is freed where it was allocated. */
static Batch *
recycle (Batch *batch)
{
  for (guint r = 0; r < batch->n_rows; r++)
    g_free (batch->values[r]);
  batch->n_rows = 0;
  return batch;
}

/* The reading thread: checks every row and hands the valid ones over in batches, for as long as
 * they are to be written. Always ends with an empty batch. */
static gpointer
read_rows (gpointer data)
{
  Run *run = data;
  FazhiImport *import = run->import;
  g_autofree const char **input = g_new0 (const char *, run->ledger->n_fields + 2);
  const FazhiSheetRow *row;
  Batch *batch = NULL;

  while (!g_atomic_int_get (&run->stop)
         && (row = fazhi_sheet_reader_next (run->reader, &run->read_error)) != NULL)
    {
      FazhiImportRowKind kind = fazhi_import_row_kind (import, row);
      FazhiImportCheck check;

      if (kind == FAZHI_IMPORT_ROW_TOTAL)
        {
          g_ptr_array_add (run->notes, fazhi_import_describe (import, row->number,
                                                              _("a row of totals; passed over")));
          continue;
        }
      if (kind != FAZHI_IMPORT_ROW_DATA || !fazhi_import_check_row (import, row, input, &check))
        continue;
      if (check.masked)
        g_array_append_val (run->masked_rows, row->number);

      if (check.problems->len > 0)
        {
          for (guint i = 0; i < check.problems->len; i++)
            {
              FazhiProblem *problem = g_ptr_array_index (check.problems, i);

              add_problem (run->problems, row->number, problem->field, problem->message);
            }
          run->rows_with_problems++;
          fazhi_import_check_clear (import, &check);
          continue;
        }

      /* A real import writes nothing more once a row has a problem. */
      if (!run->dry_run && (run->problems->len > 0 || g_atomic_int_get (&run->write_failed)))
        {
          fazhi_import_check_clear (import, &check);
          continue;
        }

      if (batch == NULL)
        batch = recycle (g_async_queue_pop (run->spare));
      batch->rows[batch->n_rows] = row->number;
      batch->given[batch->n_rows] = check.given;
      batch->values[batch->n_rows] = pack_values (run->ledger, check.values);
      fazhi_import_check_clear (import, &check);
      if (++batch->n_rows == BATCH_ROWS)
        {
          batch->fraction = fazhi_sheet_reader_get_fraction (run->reader);
          g_async_queue_push (run->ready, g_steal_pointer (&batch));
        }
    }

  if (batch != NULL)
    {
      batch->fraction = fazhi_sheet_reader_get_fraction (run->reader);
      g_async_queue_push (run->ready, g_steal_pointer (&batch));
    }
  g_async_queue_push (run->ready, recycle (g_async_queue_pop (run->spare)));
  return NULL;
}

typedef struct
{
  FazhiWriter        *writer;
  FazhiImportReport  *report;
  GArray             *problems;    /* Problem: the ledger's own rules (a number taken) */
  GHashTable         *added;       /* id → the row that added it */
  const char        **changes;     /* scratch: what a row already in the ledger changes */
  GStrv               indexes;     /* set aside, to build again at the end */
  gboolean            tried_indexes;
  gint64              start_count; /* the records the ledger had */
} Writing;

/* Writes one row, or counts it as already in the ledger (and updates it with --update).
 * FALSE when the database itself failed (@error set). */
static gboolean
write_row (Run         *run,
           Writing     *writing,
           guint        row,
           guint64      given,
           const char **values,
           GError     **error)
{
  const FazhiLedger *ledger = run->ledger;
  const char *uuid = values[ledger->n_fields];
  g_autoptr(GError) local_error = NULL;
  gpointer added_by = NULL;
  gint64 id = 0;

  if (!fazhi_writer_find (writing->writer, values, uuid, &id, error))
    return FALSE;

  if (id > 0 && g_hash_table_lookup_extended (writing->added, &id, NULL, &added_by))
    {
      g_autofree char *message = NULL;

      if (ledger->unique_key != NULL && values[fazhi_ledger_field_index (ledger, ledger->unique_key)] != NULL)
        {
          /* Translators: a field's Chinese label, then a row as the spreadsheet numbers it */
          message = g_strdup_printf (_("the same %s as row %u"),
                                     fazhi_ledger_field (ledger, ledger->unique_key)->label,
                                     GPOINTER_TO_UINT (added_by));
          add_problem (writing->problems, row, fazhi_ledger_field_index (ledger, ledger->unique_key), message);
          g_atomic_int_set (&run->write_failed, TRUE);
          return TRUE;
        }

      /* Translators: a row as the spreadsheet numbers it */
      message = g_strdup_printf (_("repeats row %u; not added again"), GPOINTER_TO_UINT (added_by));
      g_ptr_array_add (writing->report->notes, fazhi_import_describe (run->import, row, message));
    }

  if (id > 0 && !run->import->update)
    {
      writing->report->existing++;
      return TRUE;
    }

  if (id > 0)
    {
      guint n_changed = 0;

      for (guint i = 0; i < ledger->n_fields; i++)
        writing->changes[i] = (given & (G_GUINT64_CONSTANT (1) << i)) ? values[i] : NULL;
      if (fazhi_writer_merge (writing->writer, id, writing->changes, &n_changed, &local_error))
        {
          if (n_changed > 0)
            writing->report->updated++;
          else
            writing->report->existing++;
          return TRUE;
        }
    }
  else if (fazhi_writer_insert (writing->writer, values, uuid, &id, &local_error))
    {
      gint64 *key = g_new (gint64, 1);

      *key = id;
      g_hash_table_insert (writing->added, key, GUINT_TO_POINTER (row));
      writing->report->added++;
      return TRUE;
    }

  if (g_error_matches (local_error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID))
    {
      add_problem (writing->problems, row, -1, local_error->message);
      g_atomic_int_set (&run->write_failed, TRUE);
      return TRUE;
    }

  {
    g_autofree char *text = fazhi_import_describe (run->import, row, local_error->message);

    g_set_error_literal (error, local_error->domain, local_error->code, text);
  }
  return FALSE;
}

/* Writes the rows of the batches until the empty one. Returns FALSE when the database failed or
 * the import was cancelled (@error set); the rest is then read no further. */
static gboolean
write_batches (Run                *run,
               Writing            *writing,
               FazhiDatabase      *database,
               Batch              *batch,
               FazhiProgressFunc   progress,
               gpointer            user_data,
               GCancellable       *cancellable,
               GError            **error)
{
  gboolean failed = FALSE;
  double shown = 0.0;

  for (; batch->n_rows > 0; batch = g_async_queue_pop (run->ready))
    {
      if (!failed && g_cancellable_set_error_if_cancelled (cancellable, error))
        failed = TRUE;

      for (guint r = 0; r < batch->n_rows && !failed; r++)
        {
          /* The reader sends no more once it has found a problem; the writer stops at its own. */
          if (!run->dry_run && writing->problems->len > 0)
            break;
          failed = !write_row (run, writing, batch->rows[r], batch->given[r], batch->values[r], error);
        }

      /* A large import into a ledger no larger than it: the indexes are built once at the end
       * instead of row by row. */
      if (!failed && !writing->tried_indexes
          && writing->report->added >= MAX (BULK_ROWS, writing->start_count))
        {
          writing->tried_indexes = TRUE;
          writing->indexes = fazhi_database_set_aside_indexes (database, run->ledger->key, error);
          failed = writing->indexes == NULL && error != NULL && *error != NULL;
        }

      if (failed)
        g_atomic_int_set (&run->stop, TRUE);

      /* The last hundredth is the indexes and the commit. */
      if (progress != NULL && !failed && batch->fraction >= shown + 0.01 && batch->fraction < 0.99)
        progress (shown = batch->fraction, user_data);

      g_async_queue_push (run->spare, batch);
    }
  g_async_queue_push (run->spare, batch);

  return !failed;
}

/* Hands back, unwritten, every batch still on its way, up to and with the empty one. */
static void
drain (Run   *run,
       Batch *batch)
{
  for (; batch->n_rows > 0; batch = g_async_queue_pop (run->ready))
    g_async_queue_push (run->spare, batch);
  g_async_queue_push (run->spare, batch);
}

/* The problems of both threads, in the order of the sheet, into @report; the first ones as
 * @error. */
static void
gather_problems (Run               *run,
                 GArray            *write_problems,
                 FazhiImportReport *report,
                 GError           **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GArray *all = run->problems;

  for (guint i = 0; i < write_problems->len; i++)
    {
      Problem *problem = &g_array_index (write_problems, Problem, i);

      g_array_append_val (all, *problem);
      problem->message = NULL;
    }
  /* Stable, so that the problems of one row stay in the order they were found. */
  g_array_sort (all, compare_rows);

  for (guint i = 0; i < all->len; i++)
    {
      Problem *problem = &g_array_index (all, Problem, i);
      char *described = fazhi_import_describe (run->import, problem->row, problem->message);

      if (i < MAX_PROBLEMS)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", described);
      g_ptr_array_add (report->problems, described);
    }
  if (all->len > MAX_PROBLEMS)
    g_string_append_printf (text, "\n%s",
                            /* Translators: the number of problems not shown */
                            _("… and more"));

  g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID, text->str);
}

/* One note for every row whose phone number was masked: "rows 3, 4 and 9: …". */
static char *
describe_masked (FazhiImport *import,
                 GArray      *rows)
{
  const FazhiLedger *ledger = import->ledger;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *message = NULL;
  const char *label = NULL;

  for (guint i = 0; i < ledger->n_fields && label == NULL; i++)
    if (ledger->fields[i].flags & FAZHI_FIELD_PERSONAL)
      label = import->names[i] != NULL ? import->names[i] : ledger->fields[i].label;
  for (guint i = 0; i < rows->len && i < 50; i++)
    g_string_append_printf (list, "%s%u", i > 0 ? ", " : "", g_array_index (rows, guint, i));
  if (rows->len > 50)
    g_string_append (list, ", …");

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the rows, then the column's header */
                                          "row %s: %s is masked (as an export for others writes it); not stored",
                                          "rows %s: %s is masked (as an export for others writes it); not stored",
                                          rows->len),
                             list->str, label);
  return fazhi_import_describe (import, 0, message);
}

gint64
fazhi_import_run (FazhiImport        *import,
                  FazhiDatabase      *database,
                  gboolean            dry_run,
                  FazhiImportReport  *report,
                  FazhiProgressFunc   progress,
                  gpointer            user_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  const FazhiLedger *ledger = import->ledger;
  g_autoptr(FazhiImportReport) own_report = NULL;
  g_autoptr(GArray) write_problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_autoptr(GArray) problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) masked_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GAsyncQueue) ready = g_async_queue_new ();
  g_autoptr(GAsyncQueue) spare = g_async_queue_new_full (g_free);
  g_autoptr(GHashTable) added = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree const char **changes = g_new0 (const char *, ledger->n_fields + 1);
  g_autoptr(FazhiSheetReader) reader = NULL;
  g_autoptr(FazhiWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  Writing writing = { 0 };
  Run run = { 0 };
  gboolean begun = FALSE;
  gboolean ok = TRUE;
  GThread *thread;
  Batch *batch;

  g_return_val_if_fail (import != NULL, -1);
  g_return_val_if_fail (FAZHI_IS_DATABASE (database), -1);

  if (report == NULL)
    report = own_report = fazhi_import_report_new ();
  for (guint i = 0; i < import->notes->len; i++)
    g_ptr_array_add (report->notes, g_strdup (g_ptr_array_index (import->notes, i)));

  g_array_set_clear_func (write_problems, (GDestroyNotify) problem_clear);
  g_array_set_clear_func (problems, (GDestroyNotify) problem_clear);

  missing = fazhi_import_sheet_problems (import);
  if (missing->len > 0)
    {
      g_autofree char *text = NULL;

      for (guint i = 0; i < missing->len; i++)
        g_ptr_array_add (report->problems, g_strdup (g_ptr_array_index (missing, i)));
      g_ptr_array_add (missing, NULL);
      text = g_strjoinv ("\n", (char **) missing->pdata);
      g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID, text);
      return -1;
    }

  reader = fazhi_workbook_read_sheet (import->workbook, import->sheet, error);
  if (reader == NULL)
    return -1;

  run.import = import;
  run.ledger = ledger;
  run.dry_run = dry_run;
  run.reader = reader;
  run.problems = problems;
  run.notes = notes;
  run.masked_rows = masked_rows;
  run.ready = ready;
  run.spare = spare;
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (spare, g_new0 (Batch, 1));

  thread = g_thread_try_new ("fazhi-import", read_rows, &run, error);
  if (thread == NULL)
    return -1;

  /* Nothing is begun before there is something to write: a sheet without valid rows leaves a
   * read-only database alone. */
  batch = g_async_queue_pop (ready);
  if (batch->n_rows > 0)
    {
      begun = fazhi_database_begin (database, &local_error);
      if (begun)
        writer = fazhi_writer_new (database, ledger->id, &local_error);
      if (writer != NULL)
        {
          fazhi_writer_set_source (writer, fazhi_workbook_get_display_name (import->workbook));
          writing.writer = writer;
          writing.report = report;
          writing.problems = write_problems;
          writing.added = added;
          writing.changes = changes;
          writing.start_count = fazhi_database_count (database, ledger->id);
          ok = write_batches (&run, &writing, database, batch, progress, user_data, cancellable, &local_error);
        }
      else
        {
          /* Read no further; what is on its way is dropped. */
          g_atomic_int_set (&run.stop, TRUE);
          drain (&run, batch);
          ok = FALSE;
        }
    }
  else
    drain (&run, batch);
  g_thread_join (thread);
  while ((batch = g_async_queue_try_pop (spare)) != NULL)
    g_free (recycle (batch));

  g_ptr_array_extend_and_steal (report->notes, g_steal_pointer (&notes));
  notes = NULL;
  if (masked_rows->len > 0)
    g_ptr_array_add (report->notes, describe_masked (import, masked_rows));
  if (ok && run.read_error != NULL)
    {
      g_propagate_error (&local_error, g_steal_pointer (&run.read_error));
      ok = FALSE;
    }
  g_clear_error (&run.read_error);

  report->with_problems = run.rows_with_problems + write_problems->len;
  if (ok && (problems->len > 0 || write_problems->len > 0))
    {
      gather_problems (&run, write_problems, report, &local_error);
      ok = FALSE;
    }

  /* A dry run builds no index again: rolling back puts them back as they were. */
  if (ok && !dry_run && writing.indexes != NULL
      && !fazhi_database_restore_indexes (database, (const char * const *) writing.indexes, &local_error))
    ok = FALSE;
  g_strfreev (writing.indexes);
  g_clear_pointer (&writer, fazhi_writer_free);

  if (begun && (!ok || dry_run))
    fazhi_database_rollback (database);
  else if (begun)
    {
      fazhi_database_emit_changed (database, ledger->id, FAZHI_CHANGE_MANY, 0);
      ok = fazhi_database_commit (database, &local_error);
    }

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  if (progress != NULL && report->added + report->updated > 0)
    progress (1.0, user_data);

  return report->added + report->updated;
}

gint64
fazhi_import_file (FazhiDatabase      *database,
                   FazhiLedgerId       ledger,
                   const char         *path,
                   GPtrArray          *notes,
                   FazhiProgressFunc   progress,
                   gpointer            user_data,
                   GError            **error)
{
  g_autoptr(FazhiImport) import = fazhi_import_new (ledger, path, error);
  g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();
  gint64 written;

  if (import == NULL)
    return -1;

  written = fazhi_import_run (import, database, FALSE, report, progress, user_data, NULL, error);
  if (written >= 0 && notes != NULL)
    for (guint i = 0; i < report->notes->len; i++)
      g_ptr_array_add (notes, g_strdup (g_ptr_array_index (report->notes, i)));

  return written;
}
