/* fazhi-preferences-window.c — the office's settings, its communities and its compounds
 *
 * Settings are saved as they are changed. Communities and compounds are short lists: every row
 * opens the same record editor as the ledgers.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-compat.h"
#include "fazhi-ledger-model.h"
#include "fazhi-preferences-window.h"
#include "fazhi-record-editor.h"
#include "fazhi-settings.h"
#include "fazhi-store.h"

struct _FazhiPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  FazhiDatabase        *database;
  FazhiLedgerModel     *communities;
  FazhiLedgerModel     *compounds;

  AdwEntryRow          *office_name_row;
  AdwEntryRow          *district_row;
  AdwEntryRow          *number_prefix_row;
  GtkSpinButton        *mediation_limit_spin;
  GtkSpinButton        *term_warning_spin;
  AdwEntryRow          *clerk_row;
  AdwPreferencesGroup  *communities_group;
  AdwPreferencesGroup  *compounds_group;
  GPtrArray            *place_lists;  /* the GtkListBoxes of communities and compounds */
};

G_DEFINE_FINAL_TYPE (FazhiPreferencesWindow, fazhi_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
save_setting (FazhiPreferencesWindow *self,
              const char             *key,
              const char             *value)
{
  g_autoptr(GError) error = NULL;

  if (!fazhi_database_set_setting (self->database, key, value, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), fazhi_toast_new_literal (error->message));
}

static void
text_setting_changed_cb (GtkEditable            *row,
                         FazhiPreferencesWindow *self)
{
  save_setting (self, g_object_get_data (G_OBJECT (row), "fazhi-setting"), gtk_editable_get_text (row));
}

static void
number_setting_changed_cb (GtkSpinButton          *spin,
                           FazhiPreferencesWindow *self)
{
  g_autofree char *text = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));

  save_setting (self, g_object_get_data (G_OBJECT (spin), "fazhi-setting"), text);
}

static void
bind_text_setting (FazhiPreferencesWindow *self,
                   AdwEntryRow            *row,
                   const char             *key)
{
  g_autofree char *value = fazhi_database_get_setting (self->database, key);

  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_object_set_data (G_OBJECT (row), "fazhi-setting", (gpointer) key);
  g_signal_connect (row, "changed", G_CALLBACK (text_setting_changed_cb), self);
}

static void
bind_number_setting (FazhiPreferencesWindow *self,
                     GtkSpinButton          *spin,
                     const char             *key,
                     int                     fallback)
{
  gtk_spin_button_set_value (spin, fazhi_database_get_setting_int (self->database, key, fallback));
  g_object_set_data (G_OBJECT (spin), "fazhi-setting", (gpointer) key);
  g_signal_connect (spin, "value-changed", G_CALLBACK (number_setting_changed_cb), self);
}

/* The clerk's name is this computer's user's, not the ledger's: it is kept in GSettings, and
 * the connection writes with it from now on (the application gives it to every connection it
 * opens later). */
static void
clerk_changed_cb (GtkEditable            *row,
                  FazhiPreferencesWindow *self)
{
  const char *name = gtk_editable_get_text (row);

  fazhi_settings_set_string ("clerk-name", name);
  fazhi_database_set_clerk (self->database, name);
}

static void
edit_record (FazhiPreferencesWindow *self,
             FazhiRecord            *record)
{
  FazhiRecordEditor *editor = fazhi_record_editor_new (self->database, record);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
row_activated_cb (AdwActionRow           *row,
                  FazhiPreferencesWindow *self)
{
  edit_record (self, g_object_get_data (G_OBJECT (row), "fazhi-record"));
}

static void
delete_clicked_cb (GtkButton              *button,
                   FazhiPreferencesWindow *self)
{
  FazhiRecord *record = g_object_get_data (G_OBJECT (button), "fazhi-record");
  g_autoptr(GError) error = NULL;

  if (!fazhi_store_delete (self->database, record, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), fazhi_toast_new_literal (error->message));
}

static GtkWidget *
create_place_row (gpointer item,
                  gpointer user_data)
{
  FazhiPreferencesWindow *self = user_data;
  FazhiRecord *record = item;
  const FazhiLedger *ledger = fazhi_record_get_ledger (record);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fazhi_record_get (record, "name"));
  if (ledger->id == FAZHI_LEDGER_COMMUNITIES)
    subtitle = g_strdup (fazhi_field_choice_name (fazhi_ledger_field (ledger, "kind"),
                                                  fazhi_record_get (record, "kind")));
  else if (fazhi_record_get (record, "term_end") != NULL)
    /* Translators: a compound's community, then the date its committee's term ends */
    subtitle = g_strdup_printf (_("%s · term ends %s"),
                                fazhi_record_get (record, "community") ? fazhi_record_get (record, "community") : "—",
                                fazhi_record_get (record, "term_end"));
  else
    subtitle = g_strdup (fazhi_record_get (record, "community"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "fazhi-record", g_object_ref (record), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);

  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  gtk_widget_set_tooltip_text (delete_button, _("Delete"));
  g_object_set_data_full (G_OBJECT (delete_button), "fazhi-record", g_object_ref (record), g_object_unref);
  g_signal_connect (delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
add_place_list (FazhiPreferencesWindow *self,
                AdwPreferencesGroup    *group,
                FazhiLedgerModel       *model)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (model), create_place_row, self, NULL);
  adw_preferences_group_add (group, list);
  g_ptr_array_add (self->place_lists, list);
}

static void
new_place_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FazhiPreferencesWindow *self = FAZHI_PREFERENCES_WINDOW (widget);
  g_autoptr(FazhiRecord) record =
    fazhi_record_new (g_str_equal (action_name, "preferences.new-community")
                      ? FAZHI_LEDGER_COMMUNITIES : FAZHI_LEDGER_COMPOUNDS);

  edit_record (self, record);
}

static void
fazhi_preferences_window_dispose (GObject *object)
{
  FazhiPreferencesWindow *self = FAZHI_PREFERENCES_WINDOW (object);

  /* libadwaita 1.2 never frees the groups of a preferences window: the lists let go of their
   * models, and so of the database, here. */
  for (guint i = 0; self->place_lists != NULL && i < self->place_lists->len; i++)
    gtk_list_box_bind_model (g_ptr_array_index (self->place_lists, i), NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->place_lists, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->communities);
  g_clear_object (&self->compounds);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_preferences_window_parent_class)->dispose (object);
}

static void
fazhi_preferences_window_class_init (FazhiPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fazhi/Ledger/ui/fazhi-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, office_name_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, district_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, number_prefix_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, mediation_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, term_warning_spin);
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, clerk_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, communities_group);
  gtk_widget_class_bind_template_child (widget_class, FazhiPreferencesWindow, compounds_group);

  gtk_widget_class_install_action (widget_class, "preferences.new-community", NULL, new_place_activated);
  gtk_widget_class_install_action (widget_class, "preferences.new-compound", NULL, new_place_activated);
}

static void
fazhi_preferences_window_init (FazhiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->place_lists = g_ptr_array_new ();
}

FazhiPreferencesWindow *
fazhi_preferences_window_new (FazhiDatabase *database)
{
  FazhiPreferencesWindow *self = g_object_new (FAZHI_TYPE_PREFERENCES_WINDOW, NULL);
  g_autofree char *clerk = NULL;

  self->database = g_object_ref (database);
  bind_text_setting (self, self->office_name_row, "office_name");
  bind_text_setting (self, self->district_row, "district");
  bind_text_setting (self, self->number_prefix_row, "number_prefix");
  bind_number_setting (self, self->mediation_limit_spin, "mediation_limit_days", 30);
  bind_number_setting (self, self->term_warning_spin, "term_warning_days", 90);
  clerk = fazhi_settings_get_string ("clerk-name");
  gtk_editable_set_text (GTK_EDITABLE (self->clerk_row), clerk);
  g_signal_connect_object (self->clerk_row, "changed", G_CALLBACK (clerk_changed_cb), self, 0);

  self->communities = fazhi_ledger_model_new (database, FAZHI_LEDGER_COMMUNITIES);
  self->compounds = fazhi_ledger_model_new (database, FAZHI_LEDGER_COMPOUNDS);
  add_place_list (self, self->communities_group, self->communities);
  add_place_list (self, self->compounds_group, self->compounds);

  return self;
}
