/* fazhi-import-dialog-run.c — the import assistant's runs: Check (a dry run) and Import, each in
 * a thread on a connection of its own, and the report of what they found
 *
 * While a run goes on, the FazhiImport is the thread's: the dialog's controls are insensitive and
 * nothing here touches the import until the task returns. The task holds the dialog, which frees
 * the import only when it is finalized.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-application.h"
#include "fazhi-backup.h"
#include "fazhi-compat.h"
#include "fazhi-import-dialog-private.h"

struct _FazhiImportJob
{
  FazhiImport       *import;         /* the dialog's: the thread's alone while it runs */
  char              *database_path;
  char              *clerk;          /* who the main connection writes as: the history's name */
  gboolean           dry_run;
  FazhiImportReport *report;
  int                permille;       /* atomic: how far into the sheet the run is */
};

static void
job_free (FazhiImportJob *job)
{
  g_free (job->database_path);
  g_free (job->clerk);
  fazhi_import_report_free (job->report);
  g_free (job);
}

static void
set_count (GtkLabel *label,
           gint64    count)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  gtk_label_set_text (label, text);
}

static void
fill_strings (GtkStringList *strings,
              GPtrArray     *lines)
{
  g_ptr_array_add (lines, NULL);
  gtk_string_list_splice (strings, 0, g_list_model_get_n_items (G_LIST_MODEL (strings)),
                          (const char * const *) lines->pdata);
  g_ptr_array_remove_index (lines, lines->len - 1);
}

/* What a check found, or why an import wrote nothing: the counts and every problem. */
static void
show_report (FazhiImportDialog *self,
             FazhiImportReport *report,
             gboolean           dry_run)
{
  gboolean problems = report->problems->len > 0;

  if (!dry_run)
    {
      gtk_label_set_text (self->report_title, _("Nothing was imported"));
      gtk_label_set_text (self->report_description,
                          _("The rows below have problems. Correct them in the sheet, or the columns here, "
                            "then import again."));
    }
  else if (problems)
    {
      gtk_label_set_text (self->report_title, _("The sheet has problems"));
      gtk_label_set_text (self->report_description,
                          _("Nothing was written. Correct the rows below in the sheet, or the columns here, "
                            "then check again."));
    }
  else
    {
      gtk_label_set_text (self->report_title, _("The sheet can be imported"));
      gtk_label_set_text (self->report_description,
                          _("Nothing has been written yet: Import adds the new records."));
    }

  /* A real import stops adding at the first problem: only a check counts every row. */
  gtk_widget_set_visible (self->figures_box, dry_run);
  set_count (self->added_label, report->added);
  set_count (self->existing_label, report->existing);
  set_count (self->updated_label, report->updated);
  set_count (self->problems_label, report->with_problems);
  if (report->with_problems > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->problems_label), "error");

  fill_strings (self->problems, report->problems);
  gtk_widget_set_visible (self->problems_heading, problems);
  gtk_widget_set_visible (self->problems_window, problems);
  fill_strings (self->notes, report->notes);
  gtk_widget_set_visible (self->notes_heading, report->notes->len > 0);
  gtk_widget_set_visible (self->notes_window, report->notes->len > 0);

  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", TRUE);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FazhiImportDialog *self = FAZHI_IMPORT_DIALOG (widget);

  gtk_stack_set_visible_child_name (self->stack, "prepare");
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_widget_action_set_enabled (widget, "import.back", FALSE);
  gtk_widget_grab_focus (self->import_button);
}

static gboolean
show_progress (gpointer user_data)
{
  FazhiImportDialog *self = user_data;

  if (self->job != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->job->permille) / 1000.0);

  return G_SOURCE_CONTINUE;
}

/* Called in the run's thread: the main loop reads it now and then (show_progress()). */
static void
job_progress (double   fraction,
              gpointer user_data)
{
  FazhiImportJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) (fraction * 1000));
}

static void
set_running (FazhiImportDialog *self,
             FazhiImportJob    *job)
{
  gboolean running = job != NULL;

  self->job = job;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !running);
  gtk_widget_set_sensitive (self->cancel_button, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back",
                                 !running && gtk_widget_get_visible (self->back_button));
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, job->dry_run ? _("Checking…") : _("Importing…"));
      self->progress_source = g_timeout_add (100, show_progress, self);
    }
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FazhiImportJob *job = task_data;
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  gint64 written;

  database = fazhi_application_open_database (job->database_path, job->clerk, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  written = fazhi_import_run (job->import, database, job->dry_run, job->report, job_progress, job,
                              cancellable, &error);
  if (written < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, (gssize) written);
}

static void
imported (FazhiImportDialog *self,
          FazhiImportReport *report)
{
  g_autoptr(GError) error = NULL;

  /* The next sheet with this header starts from these columns; not being able to say so is no
   * reason to call the import a failure. */
  if (!fazhi_import_remember_mapping (self->import, self->database, &error))
    g_debug ("The columns chosen are not remembered: %s", error->message);

  /* Another connection wrote the rows: tell everything that shows this database. */
  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    fazhi_database_emit_changed (self->database, ledger, FAZHI_CHANGE_MANY, 0);

  g_signal_emit_by_name (self, "imported", report->added, report->updated, report->existing);
  gtk_window_close (GTK_WINDOW (self));
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  FazhiImportDialog *self = FAZHI_IMPORT_DIALOG (source);
  FazhiImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize written = g_task_propagate_int (G_TASK (result), &error);

  if (self->disposed)
    return;

  set_running (self, NULL);
  g_clear_object (&self->cancellable);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fazhi_import_dialog_show_toast (self, _("Cancelled: nothing was written"));
  else if (written < 0 && job->report->problems->len > 0)
    show_report (self, job->report, job->dry_run);
  else if (written < 0)
    {
      GtkWidget *alert = fazhi_alert_new (job->dry_run ? _("The sheet cannot be checked") : _("Nothing was imported"),
                                          error->message);

      fazhi_alert_add_response (alert, "close", _("_Close"), FALSE);
      fazhi_alert_set_default_response (alert, "close");
      fazhi_alert_present (alert, GTK_WIDGET (self));
    }
  else if (job->dry_run)
    show_report (self, job->report, TRUE);
  else
    imported (self, job->report);
}

static void
start_run (FazhiImportDialog *self,
           gboolean           dry_run)
{
  g_autoptr(GTask) task = NULL;
  FazhiImportJob *job;

  if (self->job != NULL)
    return;

  job = g_new0 (FazhiImportJob, 1);
  job->import = self->import;
  job->database_path = g_strdup (fazhi_database_get_path (self->database));
  job->clerk = g_strdup (fazhi_database_get_clerk (self->database));
  job->dry_run = dry_run;
  job->report = fazhi_import_report_new ();

  self->cancellable = g_cancellable_new ();
  set_running (self, job);

  task = g_task_new (self, self->cancellable, run_done, NULL);
  /* What the run did is what it returns: a cancel that came after the commit changes nothing. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_thread);
}

static void
check_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  start_run (FAZHI_IMPORT_DIALOG (widget), TRUE);
}

/* What an import writes can be taken back: the ledger is backed up first, on the main
 * connection, and nothing is imported if it cannot be. */
static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FazhiImportDialog *self = FAZHI_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  if (self->job != NULL)
    return;

  backup = fazhi_backup_make (self->database, FAZHI_BACKUP_IMPORT, &error);
  if (backup == NULL)
    {
      /* Translators: %s says why the backup failed */
      g_autofree char *message = g_strdup_printf (_("The ledger could not be backed up before the import, "
                                                    "so nothing was imported: %s"),
                                                  error->message);
      GtkWidget *alert = fazhi_alert_new (_("Nothing was imported"), message);

      fazhi_alert_add_response (alert, "close", _("_Close"), FALSE);
      fazhi_alert_set_default_response (alert, "close");
      fazhi_alert_present (alert, widget);
      return;
    }

  start_run (self, FALSE);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FazhiImportDialog *self = FAZHI_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    {
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
      g_cancellable_cancel (self->cancellable);
    }
}

static void
setup_line (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, label);
}

static void
bind_line (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkStringObject *line = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (line));
}

static void
list_lines (GtkListView   *view,
            GtkStringList *lines)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_line), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line), NULL);
  gtk_list_view_set_factory (view, factory);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (lines)))));
}


void
fazhi_import_dialog_class_add_run_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_activated);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_activated);
}

void
fazhi_import_dialog_init_run (FazhiImportDialog *self)
{
  self->problems = gtk_string_list_new (NULL);
  self->notes = gtk_string_list_new (NULL);
  list_lines (self->problem_list, self->problems);
  list_lines (self->note_list, self->notes);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", FALSE);
}

void
fazhi_import_dialog_stop_run (FazhiImportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
}
