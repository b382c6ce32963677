/* fazhi-office-dialog.c — asks a new ledger's office name and case-number prefix, once
 *
 * A case number carries the office's prefix (（2023）王调字第014号) and cannot be renumbered once
 * printed, so a new ledger asks for the prefix before its first number is made, not later in the
 * preferences. It asks once per database: "Later" is an answer too.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-compat.h"
#include "fazhi-office-dialog.h"
#include "fazhi-store.h"
#include "fazhi-value.h"

#define ASKED_SETTING "office_asked"

struct _FazhiOfficeDialog
{
  AdwWindow       parent_instance;

  FazhiDatabase  *database;
  gboolean        prefix_typed;   /* the clerk wrote the prefix: the name no longer suggests one */
  gboolean        suggesting;

  GtkWidget      *then_widget;    /* what asked, and the action it goes on with once closed */
  char           *then_action;

  AdwEntryRow    *office_name_row;
  AdwEntryRow    *district_row;
  AdwEntryRow    *number_prefix_row;
  GtkLabel       *example_label;
};

G_DEFINE_FINAL_TYPE (FazhiOfficeDialog, fazhi_office_dialog, ADW_TYPE_WINDOW)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_example (FazhiOfficeDialog *self)
{
  g_autofree char *today = fazhi_date_today ();
  g_autofree char *prefix = g_strstrip (g_strdup (row_text (self->number_prefix_row)));
  g_autofree char *number = fazhi_case_number (prefix, "mediation", (int) g_ascii_strtoll (today, NULL, 10), 1);
  /* Translators: %s is a case number such as （2026）王调字第001号 */
  g_autofree char *example = g_strdup_printf (_("The first mediation of this year will be numbered %s."), number);

  gtk_label_set_text (self->example_label, example);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "office.save", *row_text (self->office_name_row) != '\0');
}

static void
office_name_changed_cb (FazhiOfficeDialog *self)
{
  /* A street office's prefix is customarily the first character of its name: 王褚街道 → 王. */
  if (!self->prefix_typed)
    {
      const char *name = row_text (self->office_name_row);
      g_autofree char *first = g_utf8_substring (name, 0, MIN (1, g_utf8_strlen (name, -1)));

      self->suggesting = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->number_prefix_row), first);
      self->suggesting = FALSE;
    }
  update_example (self);
}

static void
prefix_changed_cb (FazhiOfficeDialog *self)
{
  if (!self->suggesting)
    self->prefix_typed = TRUE;
  update_example (self);
}

/* Enter in any row saves, once there is a name. */
static void
entry_activated_cb (FazhiOfficeDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "office.save", NULL);
}

static gboolean
save_settings (FazhiOfficeDialog  *self,
               GError            **error)
{
  const struct { const char *key; AdwEntryRow *row; } settings[] = {
    { "office_name", self->office_name_row },
    { "district", self->district_row },
    { "number_prefix", self->number_prefix_row },
  };

  if (!fazhi_database_begin (self->database, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (row_text (settings[i].row)));

      if (!fazhi_database_set_setting (self->database, settings[i].key, value, error))
        {
          fazhi_database_rollback (self->database);
          return FALSE;
        }
    }
  return fazhi_database_commit (self->database, error);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FazhiOfficeDialog *self = FAZHI_OFFICE_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!save_settings (self, &error))
    {
      GtkWidget *alert = fazhi_alert_new (_("The office settings cannot be saved"), error->message);

      fazhi_alert_add_response (alert, "close", _("_Close"), FALSE);
      fazhi_alert_present (alert, widget);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
fazhi_office_dialog_close_request (GtkWindow *window)
{
  FazhiOfficeDialog *self = FAZHI_OFFICE_DIALOG (window);

  /* Whatever waited for the answer goes on, with or without it. */
  if (self->then_widget != NULL)
    {
      g_autoptr(GtkWidget) widget = g_steal_pointer (&self->then_widget);
      g_autofree char *action = g_steal_pointer (&self->then_action);

      if (gtk_widget_get_root (widget) != NULL)
        gtk_widget_activate_action (widget, action, NULL);
    }

  return GTK_WINDOW_CLASS (fazhi_office_dialog_parent_class)->close_request (window);
}

static void
fazhi_office_dialog_dispose (GObject *object)
{
  FazhiOfficeDialog *self = FAZHI_OFFICE_DIALOG (object);

  g_clear_object (&self->then_widget);
  g_clear_pointer (&self->then_action, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_OFFICE_DIALOG);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_office_dialog_parent_class)->dispose (object);
}

static void
fazhi_office_dialog_class_init (FazhiOfficeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fazhi_office_dialog_dispose;
  window_class->close_request = fazhi_office_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-office-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiOfficeDialog, office_name_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiOfficeDialog, district_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiOfficeDialog, number_prefix_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiOfficeDialog, example_label);
  gtk_widget_class_bind_template_callback (widget_class, office_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, prefix_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "office.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fazhi_office_dialog_init (FazhiOfficeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FazhiOfficeDialog *
fazhi_office_dialog_new (FazhiDatabase *database)
{
  FazhiOfficeDialog *self = g_object_new (FAZHI_TYPE_OFFICE_DIALOG, NULL);
  const struct { const char *key; AdwEntryRow *row; } settings[] = {
    { "office_name", self->office_name_row },
    { "district", self->district_row },
    { "number_prefix", self->number_prefix_row },
  };

  self->database = g_object_ref (database);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *value = fazhi_database_get_setting (database, settings[i].key);

      gtk_editable_set_text (GTK_EDITABLE (settings[i].row), value != NULL ? value : "");
    }
  self->prefix_typed = *row_text (self->number_prefix_row) != '\0';
  update_example (self);
  /* Typing starts with the name, not on a button that a space would press. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->office_name_row));

  return self;
}

gboolean
fazhi_office_dialog_ask_before (FazhiDatabase *database,
                                GtkWidget     *widget,
                                const char    *action_name)
{
  g_autofree char *prefix = NULL;
  g_autofree char *asked = NULL;
  g_autoptr(GError) error = NULL;
  FazhiOfficeDialog *self;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  prefix = fazhi_database_get_setting (database, "number_prefix");
  asked = fazhi_database_get_setting (database, ASKED_SETTING);
  if ((prefix != NULL && *prefix != '\0') || g_strcmp0 (asked, "1") == 0)
    return FALSE;

  /* Asked now, whatever the answer; a database that cannot say so is not asked at all. */
  if (!fazhi_database_set_setting (database, ASKED_SETTING, "1", &error))
    return FALSE;

  self = fazhi_office_dialog_new (database);
  self->then_widget = g_object_ref (widget);
  self->then_action = g_strdup (action_name);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (self));

  return TRUE;
}
