/* fazhi-ledger-page.c — one ledger in the window: list, search, filters, editing
 *
 * The same page serves every ledger; fazhi-ledger-views.c says which columns and filters each
 * one shows. The rows come from a FazhiLedgerModel, which filters, sorts and counts in SQL and
 * reads page by page, so the page costs the same for 100 rows as for 100 000.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "fazhi-compat.h"
#include "fazhi-demo.h"
#include "fazhi-ledger-page.h"
#include "fazhi-ledger-views.h"
#include "fazhi-record-editor.h"
#include "fazhi-store.h"
#include "fazhi-transfer.h"
#include "fazhi-value.h"

struct _FazhiLedgerPage
{
  AdwBin                 parent_instance;

  FazhiDatabase         *database;
  const FazhiLedger     *ledger;
  const FazhiLedgerView *view;
  FazhiLedgerModel      *model;
  GtkSingleSelection    *selection;
  FazhiLedgerModel      *communities;   /* for the community filter */
  GtkStringList         *community_names;
  GtkStringList         *years;
  GPtrArray             *choice_dropdowns;
  FazhiRecord           *deleted;       /* the last record deleted, for undo */
  gboolean               importing;

  AdwToastOverlay       *toast_overlay;
  AdwHeaderBar          *header_bar;
  GtkWidget             *back_button;
  GtkWidget             *new_button;
  AdwWindowTitle        *window_title;
  GtkToggleButton       *search_button;
  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *year_dropdown;
  GtkDropDown           *quarter_dropdown;
  GtkDropDown           *community_dropdown;
  GtkBox                *choice_box;
  GtkLabel              *count_label;
  GtkRevealer           *progress_revealer;
  GtkProgressBar        *progress_bar;
  GtkBox                *top_box;
  GtkStack              *content_stack;
  GtkColumnView         *column_view;
  AdwStatusPage         *empty_page;
  GtkButton             *empty_new_button;
};

G_DEFINE_FINAL_TYPE (FazhiLedgerPage, fazhi_ledger_page, ADW_TYPE_BIN)

static const FazhiField *
column_field (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "fazhi-field");
}

/* The text a list cell shows: choices by name, phone numbers masked, overdue mediations marked. */
static char *
cell_text (FazhiLedgerPage  *self,
           FazhiRecord      *record,
           const FazhiField *field,
           gboolean         *alert)
{
  const char *value = fazhi_record_get (record, field->key);

  *alert = FALSE;
  if (value == NULL)
    return NULL;

  if (field->type == FAZHI_FIELD_CHOICE)
    {
      const char *name = fazhi_field_choice_name (field, value);

      if (self->ledger->id == FAZHI_LEDGER_CASES && g_str_equal (field->key, "status")
          && g_strcmp0 (fazhi_record_get (record, "kind"), "mediation") == 0
          && !g_str_equal (value, "concluded"))
        {
          g_autofree char *today = fazhi_date_today ();
          int limit = fazhi_database_get_setting_int (self->database, "mediation_limit_days", 30);
          int days = fazhi_date_days_between (fazhi_record_get (record, "received_on"), today);

          if (days > limit)
            {
              *alert = TRUE;
              /* Translators: a case status, then how long it is past its time limit */
              return g_strdup_printf (_("%s · overdue by %d days"), name, days - limit);
            }
        }
      return g_strdup (name);
    }

  if (field->flags & FAZHI_FIELD_PERSONAL)
    return fazhi_mask_phone (value);

  return g_strdup (value);
}

/* Wide enough for what the column usually holds: a case number, a date, a short name. */
static int
column_width (const FazhiField *field)
{
  if (field->flags & FAZHI_FIELD_GENERATED)
    return 200;
  if (g_str_equal (field->key, "title"))
    return 220;

  switch (field->type)
    {
    case FAZHI_FIELD_DATE:
      return 110;
    case FAZHI_FIELD_INTEGER:
    case FAZHI_FIELD_DECIMAL:
      return 90;
    case FAZHI_FIELD_CHOICE:
      return 130;
    case FAZHI_FIELD_COMMUNITY:
    case FAZHI_FIELD_COMPOUND:
    case FAZHI_FIELD_TEXT:
    default:
      return 120;
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (user_data);
  const FazhiField *field = g_object_get_data (G_OBJECT (factory), "fazhi-field");
  GtkWidget *label = gtk_list_item_get_child (item);
  FazhiRecord *record = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  gboolean alert;

  text = cell_text (self, record, field, &alert);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, text);
  if (alert)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
sort_changed_cb (FazhiLedgerPage *self)
{
  GtkSortType order;
  GtkColumnViewColumn *column = fazhi_column_view_get_sort_column (self->column_view, &order);

  if (column == NULL)
    fazhi_ledger_model_set_sort (self->model, NULL, FALSE);
  else
    fazhi_ledger_model_set_sort (self->model, column_field (column)->key, order == GTK_SORT_DESCENDING);
}

static void
add_columns (FazhiLedgerPage *self)
{
  GtkColumnViewColumn *date_column = NULL;

  for (guint i = 0; i < FAZHI_VIEW_MAX_COLUMNS && self->view->columns[i] != NULL; i++)
    {
      const FazhiField *field = fazhi_ledger_field (self->ledger, self->view->columns[i]);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (factory), "fazhi-field", (gpointer) field);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);

      column = gtk_column_view_column_new (fazhi_field_display_name (field), factory);
      g_object_set_data (G_OBJECT (column), "fazhi-field", (gpointer) field);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_width (field));
      /* The subject takes the room left; a ledger without one gives it to its first column. */
      gtk_column_view_column_set_expand (column, g_str_equal (field->key, "title")
                                                 || (i == 0 && fazhi_ledger_field (self->ledger, "title") == NULL));
      sorter = fazhi_column_sorter_new (column);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);

      if (g_strcmp0 (field->key, self->ledger->date_key) == 0)
        date_column = column;
      g_object_unref (column);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  if (date_column != NULL)
    gtk_column_view_sort_by_column (self->column_view, date_column, GTK_SORT_DESCENDING);
}

static void
update_state (FazhiLedgerPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
  gtk_label_set_text (self->count_label, count);
  adw_window_title_set_subtitle (self->window_title, count);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else if (fazhi_database_count (self->database, self->ledger->id) == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "no-results");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.load-sample", fazhi_database_is_empty (self->database));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export", n > 0);
}

static FazhiRecord *
selected_record (FazhiLedgerPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
selection_changed_cb (FazhiLedgerPage *self)
{
  gboolean any = selected_record (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.edit", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.delete", any);
}

static void
fill_years (FazhiLedgerPage *self)
{
  g_autofree char *today = fazhi_date_today ();
  int first, last, this_year = atoi (today);
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);
  g_autofree char *previous = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    previous = g_strdup (gtk_string_list_get_string (self->years, selected));

  if (!fazhi_database_year_range (self->database, self->ledger->id, &first, &last))
    first = last = this_year;
  last = MAX (last, this_year);

  g_ptr_array_add (names, g_strdup (_("All years")));
  for (int year = last; year >= first; year--)
    g_ptr_array_add (names, g_strdup_printf ("%d", year));
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->years, 0, g_list_model_get_n_items (G_LIST_MODEL (self->years)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->year_dropdown, 0);
  for (guint i = 1; previous != NULL && i < names->len - 1; i++)
    if (g_str_equal (previous, g_ptr_array_index (names, i)))
      gtk_drop_down_set_selected (self->year_dropdown, i);
}

static void
fill_communities (FazhiLedgerPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->communities));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) _("All communities"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FazhiRecord) community = g_list_model_get_item (G_LIST_MODEL (self->communities), i);

      g_ptr_array_add (names, (gpointer) g_intern_string (fazhi_record_get (community, "name")));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->community_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->community_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->community_dropdown, 0);
  fazhi_ledger_model_set_community (self->model, NULL);
}

static void
search_changed_cb (FazhiLedgerPage *self)
{
  if (self->model == NULL)
    return;

  fazhi_ledger_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
period_changed_cb (FazhiLedgerPage *self)
{
  guint year_index = gtk_drop_down_get_selected (self->year_dropdown);
  guint quarter = gtk_drop_down_get_selected (self->quarter_dropdown);
  int year = 0;

  /* The template’s widgets speak before the model exists. */
  if (self->model == NULL)
    return;

  if (year_index != GTK_INVALID_LIST_POSITION && year_index > 0)
    year = atoi (gtk_string_list_get_string (self->years, year_index));

  gtk_widget_set_sensitive (GTK_WIDGET (self->quarter_dropdown), year != 0);
  fazhi_ledger_model_set_period (self->model, year, year != 0 && quarter != GTK_INVALID_LIST_POSITION
                                                    ? (int) quarter : 0);
}

static void
community_changed_cb (FazhiLedgerPage *self)
{
  guint index = gtk_drop_down_get_selected (self->community_dropdown);

  /* The template’s widgets speak before the model exists. */
  if (self->model == NULL)
    return;

  fazhi_ledger_model_set_community (self->model,
                                    index == GTK_INVALID_LIST_POSITION || index == 0
                                    ? NULL : gtk_string_list_get_string (self->community_names, index));
}

static void
choice_changed_cb (GtkDropDown     *dropdown,
                   GParamSpec      *pspec,
                   FazhiLedgerPage *self)
{
  const FazhiField *field = g_object_get_data (G_OBJECT (dropdown), "fazhi-field");
  guint index = gtk_drop_down_get_selected (dropdown);

  fazhi_ledger_model_set_choice (self->model, field->key,
                                 index == GTK_INVALID_LIST_POSITION || index == 0
                                 ? NULL : field->choices[index - 1].key);
}

static void
add_choice_filters (FazhiLedgerPage *self)
{
  for (guint i = 0; i < FAZHI_VIEW_MAX_FILTERS && self->view->filters[i] != NULL; i++)
    {
      const FazhiField *field = fazhi_ledger_field (self->ledger, self->view->filters[i]);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autofree char *all = NULL;
      GtkWidget *dropdown;

      /* Translators: the first entry of a filter, e.g. "Any Status" */
      all = g_strdup_printf (_("Any %s"), fazhi_field_display_name (field));
      gtk_string_list_append (names, all);
      for (const FazhiChoice *c = field->choices; c->key != NULL; c++)
        gtk_string_list_append (names, _(c->name));

      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_widget_set_tooltip_text (dropdown, fazhi_field_display_name (field));
      g_object_set_data (G_OBJECT (dropdown), "fazhi-field", (gpointer) field);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (choice_changed_cb), self);
      gtk_box_append (self->choice_box, dropdown);
      g_ptr_array_add (self->choice_dropdowns, dropdown);
    }
}

void
fazhi_ledger_page_set_choice_filter (FazhiLedgerPage *self,
                                     const char      *field_key,
                                     const char      *key)
{
  g_return_if_fail (FAZHI_IS_LEDGER_PAGE (self));

  for (guint i = 0; i < self->choice_dropdowns->len; i++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->choice_dropdowns, i);
      const FazhiField *field = g_object_get_data (G_OBJECT (dropdown), "fazhi-field");
      guint position = 0;

      if (!g_str_equal (field->key, field_key))
        continue;
      for (guint c = 0; key != NULL && field->choices[c].key != NULL; c++)
        if (g_str_equal (field->choices[c].key, key))
          position = c + 1;
      gtk_drop_down_set_selected (dropdown, position);
    }
}

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
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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
  g_autoptr(FazhiRecord) record = fazhi_record_new (self->ledger->id);

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
  FazhiRecord *record = selected_record (self);

  if (record != NULL)
    {
      g_autoptr(FazhiRecord) copy = fazhi_record_copy (record);

      open_editor (self, copy);
    }
}

static void
row_activated_cb (FazhiLedgerPage *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.edit", NULL);
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
  FazhiRecord *selected = selected_record (self);
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

  imported = fazhi_import_csv (database, job->ledger, job->file, job->notes, import_progress, job, &error);
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
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %" G_GSSIZE_FORMAT " record",
                                    "Imported %" G_GSSIZE_FORMAT " records", imported), imported);

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
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %" G_GINT64_FORMAT " record",
                                      "Exported %" G_GINT64_FORMAT " records", exported), exported);

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

static void
model_items_changed_cb (FazhiLedgerPage *self)
{
  update_state (self);
}

static void
database_changed_cb (FazhiLedgerPage *self,
                     int              ledger,
                     int              change)
{
  if (ledger == FAZHI_LEDGER_COMMUNITIES)
    fill_communities (self);
  if (ledger == (int) self->ledger->id && (change == FAZHI_CHANGE_MANY || change == FAZHI_CHANGE_ADDED))
    fill_years (self);
  update_state (self);
}

static void
fazhi_ledger_page_dispose (GObject *object)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_LEDGER_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->communities);
  g_clear_object (&self->community_names);
  g_clear_object (&self->years);
  g_clear_object (&self->deleted);
  g_clear_object (&self->database);
  g_clear_pointer (&self->choice_dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (fazhi_ledger_page_parent_class)->dispose (object);
}

static void
fazhi_ledger_page_class_init (FazhiLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_ledger_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, quarter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, community_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, choice_box);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, top_box);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, empty_new_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, community_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

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

static void
fazhi_ledger_page_init (FazhiLedgerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->choice_dropdowns = g_ptr_array_new ();
  self->years = gtk_string_list_new (NULL);
  self->community_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (self->years));
  gtk_drop_down_set_model (self->community_dropdown, G_LIST_MODEL (self->community_names));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

FazhiLedgerPage *
fazhi_ledger_page_new (FazhiDatabase *database,
                       FazhiLedgerId  ledger)
{
  FazhiLedgerPage *self = g_object_new (FAZHI_TYPE_LEDGER_PAGE, NULL);

  self->database = g_object_ref (database);
  self->ledger = fazhi_ledger_get (ledger);
  self->view = fazhi_ledger_view_get (ledger);
  self->model = fazhi_ledger_model_new (database, ledger);
  self->communities = fazhi_ledger_model_new (database, FAZHI_LEDGER_COMMUNITIES);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  adw_window_title_set_title (self->window_title, _(self->view->title));
  gtk_widget_set_tooltip_text (self->new_button, _(self->view->new_label));
  gtk_button_set_label (self->empty_new_button, _(self->view->new_label));
  adw_status_page_set_icon_name (self->empty_page, self->view->icon_name);
  adw_status_page_set_description (self->empty_page, _(self->view->empty_description));
  g_object_set (self->search_entry, "placeholder-text", _("Search names, subjects and notes"), NULL);

  /* The period and community filters only where the ledger has a date and a community. */
  gtk_widget_set_visible (GTK_WIDGET (self->year_dropdown), self->ledger->date_key != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->quarter_dropdown), self->ledger->date_key != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->community_dropdown),
                          fazhi_ledger_field (self->ledger, "community") != NULL
                          || fazhi_ledger_field (self->ledger, "compound") != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->quarter_dropdown), FALSE);

  add_columns (self);
  add_choice_filters (self);
  fill_years (self);
  fill_communities (self);

  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.undo", FALSE);
  selection_changed_cb (self);
  update_state (self);

  return self;
}

FazhiLedgerModel *
fazhi_ledger_page_get_model (FazhiLedgerPage *self)
{
  g_return_val_if_fail (FAZHI_IS_LEDGER_PAGE (self), NULL);

  return self->model;
}

AdwHeaderBar *
fazhi_ledger_page_get_header_bar (FazhiLedgerPage *self)
{
  g_return_val_if_fail (FAZHI_IS_LEDGER_PAGE (self), NULL);

  return self->header_bar;
}

GtkWidget *
fazhi_ledger_page_get_back_button (FazhiLedgerPage *self)
{
  g_return_val_if_fail (FAZHI_IS_LEDGER_PAGE (self), NULL);

  return self->back_button;
}

void
fazhi_ledger_page_select (FazhiLedgerPage *self,
                          guint            position)
{
  g_return_if_fail (FAZHI_IS_LEDGER_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* A widget shown above the list, such as the elections' term warnings. */
void
fazhi_ledger_page_add_top (FazhiLedgerPage *self,
                           GtkWidget       *widget)
{
  g_return_if_fail (FAZHI_IS_LEDGER_PAGE (self));

  gtk_box_append (self->top_box, widget);
}
