/* fazhi-trash-window.c — what the trash holds, to put back or to remove for good
 *
 * A deleted record leaves every list, figure and report and waits in the trash, latest first,
 * for as many days as the setting trash_days says (the window purges older ones when it starts,
 * fazhi-window.c). Restore puts one back as it was, with its id and history; Empty Trash removes
 * them all for good, after asking. Summaries and names come from the ledger and are shown as
 * written. Everything here runs on the window's own connection.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-compat.h"
#include "fazhi-history.h"
#include "fazhi-ledger-views.h"
#include "fazhi-record-history.h"
#include "fazhi-trash-window.h"

struct _FazhiTrashWindow
{
  AdwWindow        parent_instance;

  FazhiDatabase   *database;
  guint            n_items;
  guint            refresh_id;

  GtkWidget       *empty_button;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkLabel        *description_label;
  GtkListBox      *list_box;
  AdwStatusPage   *empty_page;
};

G_DEFINE_FINAL_TYPE (FazhiTrashWindow, fazhi_trash_window, ADW_TYPE_WINDOW)

static void
show_toast (FazhiTrashWindow *self,
            const char       *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (text));
}

static void
restore_clicked_cb (GtkButton        *button,
                    FazhiTrashWindow *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "fazhi-uuid");
  const char *summary = g_object_get_data (G_OBJECT (button), "fazhi-summary");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* Another record may have taken its number meanwhile: the core says which. */
  if (!fazhi_trash_restore (self->database, uuid, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }

  /* Translators: %s says what the record was: its number, date, subject… */
  message = g_strdup_printf (_("Put back: %s"), summary);
  show_toast (self, message);
  fazhi_trash_window_refresh (self);
}

static GtkWidget *
item_row (FazhiTrashWindow     *self,
          const FazhiTrashItem *item)
{
  const FazhiLedgerView *view = fazhi_ledger_view_get (item->ledger);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
  g_autofree char *when = fazhi_format_change_time (item->deleted_at);
  g_autofree char *subtitle = NULL;
  const char *summary = item->summary != NULL && *item->summary != '\0' ? item->summary : _("A record without a number or subject");

  /* Translators: the ledger (案件), when the record was deleted, and who deleted it */
  subtitle = g_strdup_printf (_("%s · deleted %s by %s"), _(view->title), when,
                              item->deleted_by != NULL ? item->deleted_by : "—");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (view->icon_name));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_widget_set_name (button, "restore");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Put the record back into its ledger, as it was"));
  g_object_set_data_full (G_OBJECT (button), "fazhi-uuid", g_strdup (item->record_uuid), g_free);
  g_object_set_data_full (G_OBJECT (button), "fazhi-summary", g_strdup (summary), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

void
fazhi_trash_window_refresh (FazhiTrashWindow *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (FAZHI_IS_TRASH_WINDOW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  items = fazhi_trash_list (self->database, &error);
  if (items == NULL)
    {
      show_toast (self, error->message);
      items = g_ptr_array_new ();
    }

  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->list_box, item_row (self, g_ptr_array_index (items, i)));

  self->n_items = items->len;
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.empty", items->len > 0);
}

static gboolean
refresh_now (gpointer data)
{
  FazhiTrashWindow *self = data;

  self->refresh_id = 0;
  fazhi_trash_window_refresh (self);
  return G_SOURCE_REMOVE;
}

/* A delete or a restored backup changes what the trash holds: once, for all the signals. */
static void
database_changed_cb (FazhiTrashWindow *self,
                     int               ledger,
                     int               change)
{
  if ((change == FAZHI_CHANGE_REMOVED || change == FAZHI_CHANGE_MANY) && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_now, self);
}

static void
empty_response_cb (GtkWidget        *alert,
                   const char       *response,
                   FazhiTrashWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 purged;

  if (!g_str_equal (response, "empty"))
    return;

  purged = fazhi_trash_purge (self->database, NULL, &error);
  if (purged < 0)
    {
      show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %d record for good", "Removed %d records for good",
                                          (gulong) purged),
                             (int) purged);
  show_toast (self, message);
  fazhi_trash_window_refresh (self);
}

static void
empty_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FazhiTrashWindow *self = FAZHI_TRASH_WINDOW (widget);
  g_autofree char *body = NULL;
  GtkWidget *alert;

  if (self->n_items == 0)
    return;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The record in the trash will be removed for good and cannot be put back. "
                                       "Its history stays.",
                                       "The %u records in the trash will be removed for good and cannot be put back. "
                                       "Their history stays.",
                                       self->n_items),
                          self->n_items);
  alert = fazhi_alert_new (_("Empty the Trash?"), body);
  fazhi_alert_add_response (alert, "cancel", _("_Cancel"), FALSE);
  fazhi_alert_add_response (alert, "empty", _("_Empty Trash"), TRUE);
  fazhi_alert_set_default_response (alert, "cancel");
  g_signal_connect_object (alert, "response", G_CALLBACK (empty_response_cb), self, 0);
  fazhi_alert_present (alert, widget);
}

static void
fazhi_trash_window_dispose (GObject *object)
{
  FazhiTrashWindow *self = FAZHI_TRASH_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_TRASH_WINDOW);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_trash_window_parent_class)->dispose (object);
}

static void
fazhi_trash_window_class_init (FazhiTrashWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_trash_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-trash-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiTrashWindow, empty_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiTrashWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FazhiTrashWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FazhiTrashWindow, description_label);
  gtk_widget_class_bind_template_child (widget_class, FazhiTrashWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, FazhiTrashWindow, empty_page);

  gtk_widget_class_install_action (widget_class, "trash.empty", NULL, empty_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fazhi_trash_window_init (FazhiTrashWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FazhiTrashWindow *
fazhi_trash_window_new (FazhiDatabase *database)
{
  FazhiTrashWindow *self = g_object_new (FAZHI_TYPE_TRASH_WINDOW, NULL);
  int days = fazhi_database_get_setting_int (database, "trash_days", 90);
  g_autofree char *kept = NULL;
  g_autofree char *escaped = NULL;

  self->database = g_object_ref (database);
  kept = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Deleted records wait here for %d day, then are removed for good. "
                                       "Restore puts one back into its ledger as it was.",
                                       "Deleted records wait here for %d days, then are removed for good. "
                                       "Restore puts one back into its ledger as it was.",
                                       (gulong) MAX (days, 0)),
                          days);
  gtk_label_set_text (self->description_label, kept);
  /* A status page's description is markup. */
  escaped = g_markup_escape_text (kept, -1);
  adw_status_page_set_description (self->empty_page, escaped);

  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  fazhi_trash_window_refresh (self);

  return self;
}

guint
fazhi_trash_window_get_n_items (FazhiTrashWindow *self)
{
  g_return_val_if_fail (FAZHI_IS_TRASH_WINDOW (self), 0);

  return self->n_items;
}
