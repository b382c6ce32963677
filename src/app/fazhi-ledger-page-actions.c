/* fazhi-ledger-page-actions.c — what the ledger page does: new, edit, delete and undo, search,
 * the sample ledgers, import and export
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "fazhi-compat.h"
#include "fazhi-demo.h"
#include "fazhi-import-dialog.h"
#include "fazhi-ledger-page-private.h"
#include "fazhi-office-dialog.h"
#include "fazhi-record-editor.h"
#include "fazhi-store.h"
#include "fazhi-transfer.h"
#include "fazhi-value.h"

static void
show_toast (FazhiLedgerPage *self,
            const char      *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (title));
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

  /* The undo puts it back from the trash (fazhi_store_restore()). */
  toast = adw_toast_new (_("Moved to the trash"));
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

static void
import_done_cb (FazhiLedgerPage *self,
                gint64           added,
                gint64           updated,
                gint64           existing)
{
  g_autoptr(GString) message = g_string_new (NULL);
  AdwToast *toast;

  g_string_printf (message, g_dngettext (GETTEXT_PACKAGE, "Imported %zd record", "Imported %zd records", added),
                   (gssize) added);
  if (updated > 0)
    {
      g_string_append (message, " · ");
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%zd updated", "%zd updated", updated),
                              (gssize) updated);
    }
  if (existing > 0)
    {
      g_string_append (message, " · ");
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "%zd already in the ledger", "%zd already in the ledger",
                                           existing),
                              (gssize) existing);
    }

  /* What was just done goes before whatever an earlier toast still says. */
  toast = fazhi_toast_new_literal (message->str);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The file waiting for the assistant: chosen, or dropped on the window, and the office asked
 * for first where the import numbers cases. */
static void
import_pending_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);
  g_autoptr(GFile) file = g_steal_pointer (&self->import_file);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FazhiImportDialog *dialog;

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      /* Translators: %s is a file's name or address */
      g_autofree char *message = g_strdup_printf (_("%s is not a file on this computer"), name);

      show_error (self, _("The file cannot be imported"), message);
      return;
    }

  dialog = fazhi_import_dialog_new (self->database, self->ledger->id, path, &error);
  if (dialog == NULL)
    {
      show_error (self, _("The file cannot be imported"), error->message);
      return;
    }

  g_signal_connect_object (dialog, "imported", G_CALLBACK (import_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
fazhi_ledger_page_import_file (FazhiLedgerPage *self,
                               GFile           *file)
{
  g_return_if_fail (FAZHI_IS_LEDGER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->import_file, file);
  /* An import numbers the cases that come without a number. */
  if (self->ledger->id == FAZHI_LEDGER_CASES
      && fazhi_office_dialog_ask_before (self->database, GTK_WIDGET (self), "ledger.import-pending"))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.import-pending", NULL);
}

static void
import_file_chosen (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file != NULL)
    fazhi_ledger_page_import_file (self, file);
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

/* What clerks keep their sheets in, whatever the case of the extension. */
static GtkFileFilter *
sheet_filter (void)
{
  static const char *suffixes[] = { "xlsx", "xls", "csv", "txt" };
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx, .xls, .csv, .txt)"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);

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
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), sheet_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Writes the rows shown to @path, phone numbers masked unless @unmasked. */
static void
write_export (FazhiLedgerPage *self,
              const char      *path,
              gboolean         unmasked)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_auto(GStrv) values = NULL;
  FazhiExportFilter filter = { NULL, NULL, NULL, unmasked };
  gint64 exported;

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
keep_phones_response_cb (GtkWidget       *alert,
                         const char      *response,
                         FazhiLedgerPage *self)
{
  if (g_str_equal (response, "export"))
    write_export (self, g_object_get_data (G_OBJECT (alert), "fazhi-path"), TRUE);
}

void
fazhi_ledger_page_export_to (FazhiLedgerPage *self,
                             const char      *path,
                             gboolean         keep_phones)
{
  GtkWidget *alert;

  g_return_if_fail (FAZHI_IS_LEDGER_PAGE (self));
  g_return_if_fail (path != NULL);

  if (!keep_phones)
    {
      write_export (self, path, FALSE);
      return;
    }

  /* Phone numbers in full leave the office's hands with the file: said before it is written. */
  alert = fazhi_alert_new (_("Keep Phone Numbers?"),
                           _("The file will hold every phone number in full, as the ledger does. Use it only "
                             "to move the ledger to another computer of the office, keep it where only the "
                             "office can read it, and delete it once the ledger is moved."));
  fazhi_alert_add_response (alert, "cancel", _("_Cancel"), FALSE);
  fazhi_alert_add_response (alert, "export", _("_Export"), TRUE);
  fazhi_alert_set_default_response (alert, "cancel");
  g_object_set_data_full (G_OBJECT (alert), "fazhi-path", g_strdup (path), g_free);
  g_signal_connect_object (alert, "response", G_CALLBACK (keep_phones_response_cb), self, 0);
  fazhi_alert_present (alert, GTK_WIDGET (self));
}

static gboolean
has_personal_fields (const FazhiLedger *ledger)
{
  for (guint i = 0; i < ledger->n_fields; i++)
    if (ledger->fields[i].flags & FAZHI_FIELD_PERSONAL)
      return TRUE;

  return FALSE;
}

static void
export_file_chosen (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean keep_phones = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      keep_phones = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "keep-phones"), "true") == 0;
    }
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

  fazhi_ledger_page_export_to (self, path, keep_phones);
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
  /* Masked unless asked: an export is usually meant for others. Off each time. */
  if (has_personal_fields (self->ledger))
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "keep-phones",
                                 _("Keep phone numbers (for moving the ledger to another computer)"), NULL, NULL);
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
  gtk_widget_class_install_action (widget_class, "ledger.import-pending", NULL, import_pending_activated);
  gtk_widget_class_install_action (widget_class, "ledger.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "ledger.load-sample", NULL, load_sample_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "ledger.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "ledger.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "ledger.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "ledger.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "ledger.undo", NULL);
}
