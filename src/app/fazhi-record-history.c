/* fazhi-record-history.c — what the history says of one record: its changes, newest first
 *
 * One group per change: what was done, when (local time) and by whom, then for an edit or a put
 * back each field it changed, old → new, as the form shows values (the names of choices, "—"
 * for nothing). Everything in it comes from the ledger and is shown as written, never as markup.
 * The list is read again whenever the database says the record changed, at once when it is
 * shown, else when it is shown next.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-history.h"
#include "fazhi-record-history.h"
#include "fazhi-store.h"

struct _FazhiRecordHistory
{
  AdwBin              parent_instance;

  FazhiDatabase      *database;
  FazhiLedgerId       ledger;
  gint64              id;
  char               *uuid;
  GPtrArray          *groups;     /* the AdwPreferencesGroups shown, one per change */
  gboolean            stale;      /* changed while not shown */

  GtkStack           *stack;
  AdwPreferencesPage *page;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (FazhiRecordHistory, fazhi_record_history, ADW_TYPE_BIN)

enum
{
  PUT_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
fazhi_format_change_time (const char *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at != NULL ? at : "");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* A value as the form shows it. */
static const char *
shown_value (const FazhiField *field,
             const char       *value)
{
  if (value == NULL || *value == '\0')
    return "—";
  if (field != NULL && field->type == FAZHI_FIELD_CHOICE)
    return fazhi_field_choice_name (field, value);

  return value;
}

/* What a change did, in words. */
static char *
describe_change (const FazhiHistoryEntry *entry)
{
  g_autofree char *file = entry->source != NULL ? g_filename_display_basename (entry->source) : NULL;
  const char *action = entry->action != NULL ? entry->action : "";

  if (g_str_equal (action, "insert"))
    return g_strdup (_("Added"));
  if (g_str_equal (action, "import"))
    /* Translators: %s is the file the record was imported from, such as 台账.xlsx */
    return file != NULL ? g_strdup_printf (_("Imported from %s"), file) : g_strdup (_("Imported"));
  if (g_str_equal (action, "update") && file != NULL)
    /* Translators: %s is the spreadsheet whose import changed the record */
    return g_strdup_printf (_("Changed by importing %s"), file);
  if (g_str_equal (action, "update"))
    return g_strdup (_("Changed"));
  if (g_str_equal (action, "delete"))
    return g_strdup (_("Moved to the trash"));
  if (g_str_equal (action, "restore"))
    return g_strdup (_("Restored from the trash"));
  if (g_str_equal (action, "revert"))
    return g_strdup (_("Put back to an earlier value"));

  return g_strdup (action);
}

static const char *
change_icon (const char *action)
{
  if (g_strcmp0 (action, "insert") == 0)
    return "list-add-symbolic";
  if (g_strcmp0 (action, "import") == 0)
    return "document-open-symbolic";
  if (g_strcmp0 (action, "delete") == 0)
    return "user-trash-symbolic";
  if (g_strcmp0 (action, "restore") == 0 || g_strcmp0 (action, "revert") == 0)
    return "edit-undo-symbolic";

  return "document-edit-symbolic";
}

/* A row whose title and subtitle are shown as written. */
static GtkWidget *
literal_row (const char *title,
             const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
put_back_clicked_cb (GtkButton          *button,
                     FazhiRecordHistory *self)
{
  g_signal_emit (self, signals[PUT_BACK], 0,
                 g_object_get_data (G_OBJECT (button), "fazhi-key"),
                 g_object_get_data (G_OBJECT (button), "fazhi-value"));
}

static GtkWidget *
field_row (FazhiRecordHistory      *self,
           const FazhiHistoryEntry *entry,
           FazhiRecord             *stored)
{
  const FazhiField *field = fazhi_ledger_field (fazhi_ledger_get (self->ledger), entry->field);
  g_autofree char *change = g_strdup_printf ("%s → %s", shown_value (field, entry->old), shown_value (field, entry->new));
  GtkWidget *row = literal_row (field != NULL ? fazhi_field_display_name (field) : entry->field, change);
  GtkWidget *button;

  if (field == NULL)
    return row;

  button = gtk_button_new_with_mnemonic (_("Put _Back"));
  gtk_widget_set_name (button, "put-back");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "fazhi-key", g_strdup (entry->field), g_free);
  g_object_set_data_full (G_OBJECT (button), "fazhi-value", g_strdup (entry->old), g_free);
  /* Putting back what the field holds already would change nothing. */
  if (stored == NULL || g_strcmp0 (fazhi_record_get (stored, entry->field), entry->old) == 0)
    {
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, _("The field has this value now"));
    }
  else
    gtk_widget_set_tooltip_text (button, _("Give the field its earlier value again"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (put_back_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static int
field_position (const FazhiLedger       *ledger,
                const FazhiHistoryEntry *entry)
{
  return entry->field != NULL ? fazhi_ledger_field_index (ledger, entry->field) : -1;
}

static int
compare_field_order (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const FazhiHistoryEntry *first = *(FazhiHistoryEntry * const *) a;
  const FazhiHistoryEntry *second = *(FazhiHistoryEntry * const *) b;

  return field_position (user_data, first) - field_position (user_data, second);
}

/* One change: entries @first..@last of @entries. */
static void
add_change (FazhiRecordHistory *self,
            GPtrArray          *entries,
            guint               first,
            guint               last,
            FazhiRecord        *stored)
{
  const FazhiLedger *ledger = fazhi_ledger_get (self->ledger);
  const FazhiHistoryEntry *head = g_ptr_array_index (entries, first);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *what = describe_change (head);
  g_autofree char *when = fazhi_format_change_time (head->at);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", when, head->by != NULL ? head->by : "—");
  GtkWidget *row = literal_row (what, subtitle);
  gboolean with_fields = g_strcmp0 (head->action, "update") == 0 || g_strcmp0 (head->action, "revert") == 0;

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (change_icon (head->action)));
  gtk_widget_add_css_class (row, "fazhi-change");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* An addition, an import, a delete or a restore has every field: the form shows them. */
  if (with_fields)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (guint i = first; i <= last; i++)
        if (((FazhiHistoryEntry *) g_ptr_array_index (entries, i))->field != NULL)
          g_ptr_array_add (fields, g_ptr_array_index (entries, i));
      g_ptr_array_sort_with_data (fields, compare_field_order, (gpointer) ledger);
      for (guint i = 0; i < fields->len; i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field_row (self, g_ptr_array_index (fields, i), stored));
    }

  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
}

static void
clear (FazhiRecordHistory *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

void
fazhi_record_history_refresh (FazhiRecordHistory *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(FazhiRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FAZHI_IS_RECORD_HISTORY (self));

  self->stale = FALSE;
  clear (self);

  entries = fazhi_history_list (self->database, self->uuid, &error);
  if (entries == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_title (self->empty_page, _("The History Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* What the fields hold now, for the put backs that would change nothing. */
  stored = fazhi_store_load (self->database, self->ledger, self->id, NULL);

  /* The entries come oldest first, a change's fields together. */
  for (guint last = entries->len; last-- > 0;)
    {
      gint64 change = ((FazhiHistoryEntry *) g_ptr_array_index (entries, last))->change;
      guint first = last;

      while (first > 0 && ((FazhiHistoryEntry *) g_ptr_array_index (entries, first - 1))->change == change)
        first--;
      add_change (self, entries, first, last, stored);
      last = first;
    }

  adw_status_page_set_title (self->empty_page, _("No Changes Recorded"));
  adw_status_page_set_description (self->empty_page,
                                   _("Changes are recorded from this version of Fazhi Ledger on."));
  gtk_stack_set_visible_child_name (self->stack, self->groups->len > 0 ? "list" : "empty");
}

static void
database_changed_cb (FazhiRecordHistory *self,
                     int                 ledger,
                     int                 change,
                     gint64              id)
{
  if (ledger != (int) self->ledger || (change != FAZHI_CHANGE_MANY && id != self->id))
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    fazhi_record_history_refresh (self);
  else
    self->stale = TRUE;
}

static void
fazhi_record_history_map (GtkWidget *widget)
{
  FazhiRecordHistory *self = FAZHI_RECORD_HISTORY (widget);

  GTK_WIDGET_CLASS (fazhi_record_history_parent_class)->map (widget);
  if (self->stale)
    fazhi_record_history_refresh (self);
}

static void
fazhi_record_history_dispose (GObject *object)
{
  FazhiRecordHistory *self = FAZHI_RECORD_HISTORY (object);

  /* GTK 4.8 unparents a template child without telling AdwBin, which would unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_RECORD_HISTORY);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_record_history_parent_class)->dispose (object);
}

static void
fazhi_record_history_class_init (FazhiRecordHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_record_history_dispose;
  widget_class->map = fazhi_record_history_map;

  /**
   * FazhiRecordHistory::put-back:
   * @key: the field's key
   * @value: the value it had before the change (NULL: empty)
   *
   * The clerk asked for a field's earlier value again.
   */
  signals[PUT_BACK] = g_signal_new ("put-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-record-history.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordHistory, page);
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordHistory, empty_page);
}

static void
fazhi_record_history_init (FazhiRecordHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->stale = TRUE;
}

FazhiRecordHistory *
fazhi_record_history_new (FazhiDatabase *database,
                          FazhiRecord   *record)
{
  FazhiRecordHistory *self;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);
  g_return_val_if_fail (fazhi_record_get_uuid (record) != NULL, NULL);

  self = g_object_new (FAZHI_TYPE_RECORD_HISTORY, NULL);
  self->database = g_object_ref (database);
  self->ledger = fazhi_record_get_ledger (record)->id;
  self->id = fazhi_record_get_id (record);
  self->uuid = g_strdup (fazhi_record_get_uuid (record));
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

guint
fazhi_record_history_get_n_changes (FazhiRecordHistory *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD_HISTORY (self), 0);

  return self->groups->len;
}
