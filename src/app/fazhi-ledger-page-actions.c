/* fazhi-ledger-page-actions.c — what the ledger page does: new, edit, delete and undo, search,
 * the sample ledgers, import and export
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "fazhi-compat.h"
#include "fazhi-demo.h"
#include "fazhi-ledger-page-private.h"
#include "fazhi-office-dialog.h"
#include "fazhi-record-editor.h"
#include "fazhi-store.h"
#include "fazhi-import.h"
#include "fazhi-transfer.h"
#include "fazhi-value.h"

static void
show_toast (FazhiLedgerPage *self,
            const char      *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_error (FazhiLedgerPage *self,
            const char      *heading,
            const char      *message)
{
  GtkWidget *alert = fazhi_alert_new (heading, message);

  fazhi_alert_add_response (alert, "close", _("_Close"), FALSE);
  fazhi_alert_set_default_response (alert, "close");
  fazhi_alert_present (alert, GTK_WIDGET (self));
}

static void
open_editor (FazhiLedgerPage *self,
             FazhiRecord     *record)
{
  FazhiRecordEditor *editor = fazhi_record_editor_new (self->database, record);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  g_autoptr(FazhiRecord) record = NULL;

  if (self->ledger->id == FAZHI_LEDGER_CASES
      && fazhi_office_dialog_ask_before (self->database, widget, action_name))
    return;

  record = fazhi_record_new (self->ledger->id);
  /* A new record starts from today and from the filters in use, where they say something. */
  if (self->ledger->date_key != NULL)
    {
      g_autofree char *today = fazhi_date_today ();

      fazhi_record_set (record, self->ledger->date_key, today);
    }
  for (guint i = 0; i < self->choice_dropdowns->len; i++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->choice_dropdowns, i);
      const FazhiField *field = g_object_get_data (G_OBJECT (dropdown), "fazhi-field");
      guint index = gtk_drop_down_get_selected (dropdown);

      if (index != GTK_INVALID_LIST_POSITION && index > 0)
        fazhi_record_set (record, field->key, field->choices[index - 1].key);
    }

  open_editor (self, record);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  FazhiRecord *record = fazhi_ledger_page_get_selected (self);

  if (record != NULL)
    {
      g_autoptr(FazhiRecord) copy = fazhi_record_copy (record);

      open_editor (self, copy);
    }
}

static void
undo_toast_clicked_cb (FazhiLedgerPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.undo", NULL);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  FazhiRecord *selected = fazhi_ledger_page_get_selected (self);
  g_autoptr(FazhiRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (selected == NULL)
    return;

  record = fazhi_record_copy (selected);
  if (!fazhi_store_delete (self->database, record, &error))
    {
      show_error (self, _("The record cannot be deleted"), error->message);
      return;
    }

  g_set_object (&self->deleted, record);
  gtk_widget_action_set_enabled (widget, "ledger.undo", TRUE);

  toast = adw_toast_new (_("Record deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  g_autoptr(FazhiRecord) record = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (widget, "ledger.undo", FALSE);
  if (record == NULL)
    return;

  if (!fazhi_store_restore (self->database, record, &error))
    show_error (self, _("The record cannot be restored"), error->message);
  else
    show_toast (self, _("Record restored"));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);

  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
load_sample_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!fazhi_demo_fill (self->database, 0, &error))
    show_error (self, _("The sample ledgers cannot be loaded"), error->message);
  else
    show_toast (self, _("Sample ledgers loaded"));
}

/* Importing runs in a thread on its own connection, so the window stays responsive and shows
 * progress; the page learns of the new rows when it is done. */
typedef struct
{
  char          *database_path;
  FazhiLedgerId  ledger;
  char          *file;
  GPtrArray     *notes;
  GWeakRef       page;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->database_path);
  g_free (job->file);
  g_ptr_array_unref (job->notes);
  g_weak_ref_clear (&job->page);
  g_free (job);
}

typedef struct
{
  GWeakRef page;
  double   fraction;
} ProgressUpdate;

static gboolean
show_progress (gpointer data)
{
  ProgressUpdate *update = data;
  g_autoptr(FazhiLedgerPage) self = g_weak_ref_get (&update->page);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, update->fraction);
  g_weak_ref_clear (&update->page);
  g_free (update);

  return G_SOURCE_REMOVE;
}

static void
import_progress (double   fraction,
                 gpointer user_data)
{
  ImportJob *job = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);
  g_autoptr(GObject) page = g_weak_ref_get (&job->page);

  g_weak_ref_init (&update->page, page);
  update->fraction = fraction;
  g_idle_add (show_progress, update);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  gint64 imported;

  database = fazhi_database_open (job->database_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  imported = fazhi_import_file (database, job->ledger, job->file, job->notes, import_progress, job, &error);
  if (imported < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, imported);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize imported = g_task_propagate_int (G_TASK (result), &error);

  self->importing = FALSE;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.import", TRUE);

  if (imported < 0)
    {
      show_error (self, _("Nothing was imported"), error->message);
      return;
    }

  /* Another connection wrote the rows: tell everything that shows this database. */
  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    fazhi_database_emit_changed (self->database, ledger, FAZHI_CHANGE_MANY, 0);

  {
    g_autofree char *message =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %zd record",
                                    "Imported %zd records", imported), imported);

    if (job->notes->len > 0)
      {
        g_autofree char *notes = g_strjoinv ("\n", (char **) g_ptr_array_steal (job->notes, NULL));

        show_error (self, message, notes);
      }
    else
      show_toast (self, message);
  }
}

static void
import_file_chosen (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (user_data);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->database_path = g_strdup (fazhi_database_get_path (self->database));
  job->ledger = self->ledger->id;
  job->file = g_file_get_path (file);
  job->notes = g_ptr_array_new_with_free_func (g_free);
  g_weak_ref_init (&job->page, self);

  self->importing = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.import", FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Importing…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  task = g_task_new (self, NULL, import_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static GtkFileFilter *
file_filter (const char *name,
             const char *pattern,
             const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *title = NULL;

  /* An import numbers the cases that come without a number. */
  if (self->ledger->id == FAZHI_LEDGER_CASES
      && fazhi_office_dialog_ask_before (self->database, widget, action_name))
    return;

  title = g_strdup_printf (_("Import %s"), _(self->ledger->name));
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog),
                               file_filter (_("CSV files"), "*.csv", "text/csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_file_chosen (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (user_data);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  g_auto(GStrv) values = NULL;
  FazhiExportFilter filter = { NULL, NULL, NULL };
  gint64 exported;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".xlsx"))
    {
      char *with_extension = g_strconcat (path, ".xlsx", NULL);

      g_free (path);
      path = with_extension;
    }

  where = fazhi_ledger_model_dup_where (self->model, &values);
  filter.where = where;
  filter.where_args = (const char * const *) values;
  exported = fazhi_export (self->database, self->ledger->id, &filter, path, &error);
  if (exported < 0)
    show_error (self, _("Nothing was exported"), error->message);
  else
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %" PRId64 " record",
                                      "Exported %" PRId64 " records", exported), exported);

      show_toast (self, message);
    }
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  title = g_strdup_printf (_("Export %s"), _(self->ledger->name));
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), file_filter (_("Excel workbook (.xlsx)"), "*.xlsx", NULL));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), file_filter (_("CSV file (.csv)"), "*.csv", "text/csv"));
  name = g_strdup_printf ("%s.xlsx", self->ledger->label);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
fazhi_ledger_page_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ledger.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "ledger.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "ledger.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "ledger.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "ledger.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "ledger.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "ledger.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "ledger.load-sample", NULL, load_sample_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "ledger.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "ledger.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "ledger.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "ledger.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "ledger.undo", NULL);
}
