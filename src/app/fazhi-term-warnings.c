/* fazhi-term-warnings.c — the compounds whose committee should start its election
 *
 * Shown above the elections ledger: each compound whose committee's term ends within the
 * warning window of the office settings, with a button that starts the election's record.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-civil-code.h"
#include "fazhi-record-editor.h"
#include "fazhi-term-warnings.h"
#include "fazhi-value.h"

struct _FazhiTermWarnings
{
  AdwBin          parent_instance;

  FazhiDatabase  *database;
  guint           count;

  GtkRevealer    *revealer;
  GtkLabel       *heading;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (FazhiTermWarnings, fazhi_term_warnings, ADW_TYPE_BIN)

static void
start_clicked_cb (GtkButton         *button,
                  FazhiTermWarnings *self)
{
  FazhiRecord *compound = g_object_get_data (G_OBJECT (button), "fazhi-compound");
  g_autoptr(FazhiRecord) election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  g_autofree char *today = fazhi_date_today ();
  FazhiRecordEditor *editor;

  fazhi_record_set (election, "compound", fazhi_record_get (compound, "name"));
  fazhi_record_set (election, "started_on", today);
  editor = fazhi_record_editor_new (self->database, election);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static GtkWidget *
warning_row (FazhiTermWarnings *self,
             FazhiRecord       *compound,
             const char        *today)
{
  const char *term_end = fazhi_record_get (compound, "term_end");
  int days = fazhi_date_days_between (today, term_end);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Start Election"));
  g_autofree char *subtitle = NULL;

  if (days >= 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The committee’s term ends on %s, in %d day",
                                             "The committee’s term ends on %s, in %d days", days),
                                term_end, days);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The committee’s term ended on %s, %d day ago",
                                             "The committee’s term ended on %s, %d days ago", -days),
                                term_end, -days);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fazhi_record_get (compound, "name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (days >= 0 ? "alarm-symbolic" : "dialog-warning-symbolic"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "fazhi-compound", g_object_ref (compound), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (start_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
refresh (FazhiTermWarnings *self)
{
  g_autofree char *today = fazhi_date_today ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  int warning_days = fazhi_database_get_setting_int (self->database, "term_warning_days", 90);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  due = fazhi_compounds_due_for_election (self->database, today, warning_days, &error);
  if (due == NULL)
    {
      g_warning ("Cannot list the committee terms: %s", error->message);
      self->count = 0;
    }
  else
    {
      g_autofree char *heading = NULL;

      self->count = due->len;
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u compound should start electing its committee",
                                              "%u compounds should start electing their committees", due->len),
                                 due->len);
      gtk_label_set_text (self->heading, heading);
      for (guint i = 0; i < due->len; i++)
        gtk_list_box_append (self->list, warning_row (self, g_ptr_array_index (due, i), today));
    }

  gtk_revealer_set_reveal_child (self->revealer, self->count > 0);
}

static void
database_changed_cb (FazhiTermWarnings *self,
                     int                ledger)
{
  if (ledger == FAZHI_LEDGER_COMPOUNDS || ledger == FAZHI_LEDGER_ELECTIONS)
    refresh (self);
}

static void
fazhi_term_warnings_dispose (GObject *object)
{
  FazhiTermWarnings *self = FAZHI_TERM_WARNINGS (object);

  /* GTK 4.8 unparents a template child without telling AdwBin, which would unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_TERM_WARNINGS);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_term_warnings_parent_class)->dispose (object);
}

static void
fazhi_term_warnings_class_init (FazhiTermWarningsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_term_warnings_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-term-warnings.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiTermWarnings, revealer);
  gtk_widget_class_bind_template_child (widget_class, FazhiTermWarnings, heading);
  gtk_widget_class_bind_template_child (widget_class, FazhiTermWarnings, list);
}

static void
fazhi_term_warnings_init (FazhiTermWarnings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FazhiTermWarnings *
fazhi_term_warnings_new (FazhiDatabase *database)
{
  FazhiTermWarnings *self = g_object_new (FAZHI_TYPE_TERM_WARNINGS, NULL);

  self->database = g_object_ref (database);
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);

  return self;
}

guint
fazhi_term_warnings_get_count (FazhiTermWarnings *self)
{
  g_return_val_if_fail (FAZHI_IS_TERM_WARNINGS (self), 0);

  return self->count;
}
