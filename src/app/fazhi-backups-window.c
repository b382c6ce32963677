/* fazhi-backups-window.c — the ledger's backups: make one, save a copy, restore one
 *
 * The list is read in a thread (fazhi_backup_list() opens every backup to count its records and
 * reads nothing of the connection but its path), each reading numbered so that only the last
 * one asked for is shown. Back Up Now, Back Up to a File… and Restore run on the window's own
 * connection, where the ledger pages are told of a restore (FAZHI_CHANGE_MANY, then
 * ::settings-changed) and read everything again. A restore asks first, and backs up the ledger
 * it replaces. File names, paths and messages are shown as written.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-backup.h"
#include "fazhi-backups-window.h"
#include "fazhi-compat.h"
#include "fazhi-ledger-views.h"
#include "fazhi-value.h"

struct _FazhiBackupsWindow
{
  AdwWindow        parent_instance;

  FazhiDatabase   *database;
  guint            reading;       /* the number of the list's last reading */
  gboolean         loading;
  gboolean         disposed;
  char            *restoring;     /* the path the question is asked about */

  AdwToastOverlay *toast_overlay;
  GtkListBox      *list_box;
  AdwActionRow    *folder_row;
  GtkLabel        *placeholder;
};

G_DEFINE_FINAL_TYPE (FazhiBackupsWindow, fazhi_backups_window, ADW_TYPE_WINDOW)

static void
show_toast (FazhiBackupsWindow *self,
            const char         *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (text));
}

static void
show_error (FazhiBackupsWindow *self,
            const char         *heading,
            const char         *message)
{
  GtkWidget *alert = fazhi_alert_new (heading, message);

  fazhi_alert_add_response (alert, "close", _("_Close"), FALSE);
  fazhi_alert_set_default_response (alert, "close");
  fazhi_alert_present (alert, GTK_WIDGET (self));
}

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("—");
}

/* "案件 108 · 培训 12 · …": the records of the four ledgers. */
static char *
format_counts (const FazhiBackupInfo *info)
{
  GString *text = g_string_new (NULL);

  for (FazhiLedgerId ledger = FAZHI_LEDGER_CASES; ledger <= FAZHI_LEDGER_ELECTIONS; ledger++)
    if (info->counts[ledger] >= 0)
      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT, text->len > 0 ? " · " : "",
                              _(fazhi_ledger_view_get (ledger)->title), info->counts[ledger]);

  return g_string_free (text, FALSE);
}

/* Why a backup cannot be read, naming it by its file name: its folder stands below the list,
 * and a whole path, which cannot be broken into lines, would not fit beside the button. */
static char *
short_error (const FazhiBackupInfo *info)
{
  g_autofree char *display = g_filename_display_name (info->path);
  GString *text = g_string_new (info->error);

  g_string_replace (text, display, info->name, 0);
  return g_string_free (text, FALSE);
}

static void
restore_clicked_cb (GtkButton          *button,
                    FazhiBackupsWindow *self)
{
  fazhi_backups_window_ask_restore (self, g_object_get_data (G_OBJECT (button), "fazhi-path"));
}

static GtkWidget *
backup_row (FazhiBackupsWindow    *self,
            const FazhiBackupInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
  g_autofree char *when = format_time (info->time);
  g_autofree char *title = NULL;
  g_autofree char *size = g_format_size ((guint64) MAX (info->size, 0));
  g_autofree char *counts = format_counts (info);
  g_autofree char *subtitle = NULL;

  title = info->reason != NULL ? g_strdup_printf ("%s · %s", when, fazhi_backup_reason_label (info->reason))
                               : g_strdup_printf ("%s · %s", when, info->name);
  if (info->error != NULL)
    subtitle = short_error (info);
  else
    subtitle = g_strdup_printf ("%s · %s", size, counts);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, info->name);
  gtk_widget_set_name (row, info->name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (info->error != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  else
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-save-symbolic"));

  gtk_widget_set_name (button, "restore");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, info->error == NULL);
  g_object_set_data_full (G_OBJECT (button), "fazhi-path", g_strdup (info->path), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
clear_rows (FazhiBackupsWindow *self)
{
  GtkWidget *child;

  /* The placeholder is the list's own child, not a row. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, 0))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, fazhi_backup_list (task_data), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FazhiBackupsWindow *self = FAZHI_BACKUPS_WINDOW (source);
  g_autoptr(GPtrArray) backups = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A later reading is under way, or the window is gone. */
  if (self->disposed || GPOINTER_TO_UINT (user_data) != self->reading)
    return;

  self->loading = FALSE;
  clear_rows (self);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    gtk_list_box_append (self->list_box, backup_row (self, g_ptr_array_index (backups, i)));
  gtk_label_set_text (self->placeholder, _("No backups yet: the first is made at the next start of the day."));
}

void
fazhi_backups_window_refresh (FazhiBackupsWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FAZHI_IS_BACKUPS_WINDOW (self));

  self->loading = TRUE;
  self->reading++;
  if (gtk_list_box_get_row_at_index (self->list_box, 0) == NULL)
    gtk_label_set_text (self->placeholder, _("Reading the backups…"));

  /* The task holds the window, and the window the database, until the list is read. */
  task = g_task_new (self, NULL, list_done, GUINT_TO_POINTER (self->reading));
  g_task_set_task_data (task, g_object_ref (self->database), g_object_unref);
  g_task_run_in_thread (task, list_thread);
}

static void
make_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FazhiBackupsWindow *self = FAZHI_BACKUPS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fazhi_backup_make (self->database, FAZHI_BACKUP_MANUAL, &error);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (path == NULL)
    {
      show_error (self, _("Backup Failed"), error->message);
      return;
    }

  name = g_filename_display_basename (path);
  /* Translators: %s is the backup's file name */
  message = g_strdup_printf (_("Backed up as %s"), name);
  show_toast (self, message);
  fazhi_backups_window_refresh (self);
}

static void
restore_response_cb (GtkWidget          *alert,
                     const char         *response,
                     FazhiBackupsWindow *self)
{
  g_autofree char *path = g_steal_pointer (&self->restoring);
  g_autoptr(FazhiBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "restore") || path == NULL)
    return;

  info = fazhi_backup_inspect (path);
  if (!fazhi_backup_restore (self->database, path, NULL, &error))
    {
      show_error (self, _("Restore Failed"), error->message);
      return;
    }

  when = format_time (info->time);
  /* Translators: %s is when the backup was made, 2026-11-28 09:30 */
  message = g_strdup_printf (_("The ledger is as it was at %s"), when);
  show_toast (self, message);
  fazhi_backups_window_refresh (self);
}

void
fazhi_backups_window_ask_restore (FazhiBackupsWindow *self,
                                  const char         *path)
{
  g_autoptr(FazhiBackupInfo) info = NULL;
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *body = NULL;
  GtkWidget *alert;

  g_return_if_fail (FAZHI_IS_BACKUPS_WINDOW (self));
  g_return_if_fail (path != NULL);

  info = fazhi_backup_inspect (path);
  if (info->error != NULL)
    {
      show_error (self, _("Cannot Restore the Backup"), info->error);
      return;
    }

  when = format_time (info->time);
  counts = format_counts (info);
  /* Translators: when the backup was made, then what it holds (案件 108 · 培训 12 …) */
  body = g_strdup_printf (_("The ledger will be replaced by the backup made at %s, which holds %s. "
                            "The ledger as it is now is backed up first, so that it can be restored in turn."),
                          when, counts);
  g_free (self->restoring);
  self->restoring = g_strdup (path);

  alert = fazhi_alert_new (_("Restore This Backup?"), body);
  fazhi_alert_add_response (alert, "cancel", _("_Cancel"), FALSE);
  fazhi_alert_add_response (alert, "restore", _("_Restore"), TRUE);
  fazhi_alert_set_default_response (alert, "cancel");
  g_signal_connect_object (alert, "response", G_CALLBACK (restore_response_cb), self, 0);
  fazhi_alert_present (alert, GTK_WIDGET (self));
}

static GtkFileFilter *
database_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Ledger databases (.db)"));
  gtk_file_filter_add_suffix (filter, "db");
  return filter;
}

static void
copy_file_chosen (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  FazhiBackupsWindow *self = FAZHI_BACKUPS_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  ledger = g_file_new_for_path (fazhi_database_get_path (self->database));
  if (path == NULL || g_file_equal (file, ledger))
    {
      show_error (self, _("No Copy Saved"),
                  path == NULL ? _("Choose a folder on this computer or on a drive attached to it.")
                               : _("That is the ledger itself: choose another name or folder."));
      return;
    }

  if (!fazhi_database_backup (self->database, path, &error))
    {
      show_error (self, _("No Copy Saved"), error->message);
      return;
    }

  name = g_filename_display_basename (path);
  /* Translators: %s is the name of the file saved */
  message = g_strdup_printf (_("Saved a copy of the ledger as %s"), name);
  show_toast (self, message);
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  g_autofree char *today = fazhi_date_today ();
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Back Up to a File"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), database_filter ());
  /* Translators: the name offered for a copy of the ledger; %s is today's date, 2026-11-28 */
  name = g_strdup_printf (_("Fazhi Ledger %s.db"), today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (copy_file_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
restore_file_chosen (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  FazhiBackupsWindow *self = FAZHI_BACKUPS_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    show_error (self, _("Cannot Restore the Backup"),
                _("Choose a file on this computer or on a drive attached to it."));
  else
    fazhi_backups_window_ask_restore (self, path);
}

static void
restore_file_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Restore from a File"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), database_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_file_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
fazhi_backups_window_dispose (GObject *object)
{
  FazhiBackupsWindow *self = FAZHI_BACKUPS_WINDOW (object);

  self->disposed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_BACKUPS_WINDOW);
  g_clear_pointer (&self->restoring, g_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_backups_window_parent_class)->dispose (object);
}

static void
fazhi_backups_window_class_init (FazhiBackupsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_backups_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-backups-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiBackupsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FazhiBackupsWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, FazhiBackupsWindow, folder_row);

  gtk_widget_class_install_action (widget_class, "backups.make", NULL, make_activated);
  gtk_widget_class_install_action (widget_class, "backups.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "backups.restore-file", NULL, restore_file_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fazhi_backups_window_init (FazhiBackupsWindow *self)
{
  GtkWidget *placeholder = gtk_label_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  self->placeholder = GTK_LABEL (placeholder);
}

FazhiBackupsWindow *
fazhi_backups_window_new (FazhiDatabase *database)
{
  FazhiBackupsWindow *self = g_object_new (FAZHI_TYPE_BACKUPS_WINDOW, NULL);
  g_autofree char *folder = fazhi_backup_folder (database);
  g_autofree char *display = g_filename_display_name (folder);

  self->database = g_object_ref (database);
  adw_action_row_set_subtitle (self->folder_row, display);
  fazhi_backups_window_refresh (self);

  return self;
}

gboolean
fazhi_backups_window_is_loading (FazhiBackupsWindow *self)
{
  g_return_val_if_fail (FAZHI_IS_BACKUPS_WINDOW (self), FALSE);

  return self->loading;
}
