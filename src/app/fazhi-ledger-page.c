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
#include "fazhi-ledger-page-private.h"
#include "fazhi-ledger-views.h"
#include "fazhi-value.h"


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
    return 170;
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
      /* room for a status and how long it is overdue */
      return 160;
    case FAZHI_FIELD_COMMUNITY:
    case FAZHI_FIELD_COMPOUND:
    case FAZHI_FIELD_TEXT:
    default:
      return 120;
    }
}

/* A cell is a GtkInscription: its size does not depend on its text, so new text is only drawn,
 * never measured. It shows the record of its row, and follows the row when the row shows another
 * record (see fazhi-row-model.c) — once it is on screen: the list unmaps the rows out of sight,
 * and their records are read when they come back into view. */
static void
show_record (GtkInscription *cell)
{
  FazhiLedgerPage *self = g_object_get_data (G_OBJECT (cell), "fazhi-page");
  const FazhiField *field = g_object_get_data (G_OBJECT (cell), "fazhi-field");
  FazhiRow *row = g_object_get_data (G_OBJECT (cell), "fazhi-row");
  FazhiRecord *record = row != NULL ? fazhi_row_get_item (row) : NULL;
  g_autofree char *text = NULL;
  gboolean alert = FALSE;

  g_object_set_data (G_OBJECT (cell), "fazhi-stale", NULL);
  if (record != NULL)
    text = cell_text (self, record, field, &alert);
  gtk_inscription_set_text (cell, text);
  if (alert)
    gtk_widget_add_css_class (GTK_WIDGET (cell), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (cell), "error");
}

static void
row_changed_cb (GtkInscription *cell)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (cell)))
    show_record (cell);
  else
    g_object_set_data (G_OBJECT (cell), "fazhi-stale", GINT_TO_POINTER (TRUE));
}

static void
cell_mapped_cb (GtkInscription *cell)
{
  if (g_object_get_data (G_OBJECT (cell), "fazhi-stale") != NULL)
    show_record (cell);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (cell), "fazhi-page", user_data);
  g_object_set_data (G_OBJECT (cell), "fazhi-field", g_object_get_data (G_OBJECT (factory), "fazhi-field"));
  g_signal_connect (cell, "map", G_CALLBACK (cell_mapped_cb), NULL);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  FazhiRow *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (cell), "fazhi-row", row);
  g_signal_connect_object (row, "notify::item", G_CALLBACK (row_changed_cb), cell, G_CONNECT_SWAPPED);
  row_changed_cb (GTK_INSCRIPTION (cell));
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  FazhiRow *row = gtk_list_item_get_item (item);

  g_signal_handlers_disconnect_by_func (row, row_changed_cb, cell);
  g_object_set_data (G_OBJECT (cell), "fazhi-row", NULL);
}

/* A new filter or order starts at the top, with nothing selected: rows are positions (see
 * fazhi-row-model.c), and the row selected would show another record. */
static void
start_afresh (FazhiLedgerPage *self)
{
  GtkAdjustment *adjustment;

  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, 0);
}

static void
sort_changed_cb (FazhiLedgerPage *self)
{
  GtkColumnViewColumn *column;
  GtkSortType order;

  /* The columns go away one by one while the page is disposed. */
  if (self->column_view == NULL || self->model == NULL)
    return;

  start_afresh (self);
  column = fazhi_column_view_get_sort_column (self->column_view, &order);

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
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);

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

  /* Until the rows past the first are counted, the count says what it said. */
  if (fazhi_ledger_model_get_complete (self->model))
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);

      gtk_label_set_text (self->count_label, count);
      adw_window_title_set_subtitle (self->window_title, count);
    }

  if (n > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else if (!fazhi_database_has_records (self->database, self->ledger->id))
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "no-results");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.load-sample", fazhi_database_is_empty (self->database));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export", n > 0);
}

FazhiRecord *
fazhi_ledger_page_get_selected (FazhiLedgerPage *self)
{
  FazhiRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? fazhi_row_get_item (row) : NULL;
}

static void
selection_changed_cb (FazhiLedgerPage *self)
{
  FazhiRecord *selected = fazhi_ledger_page_get_selected (self);
  gboolean any = selected != NULL;

  self->selected_id = any ? fazhi_record_get_id (selected) : 0;
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
  start_afresh (self);

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
  start_afresh (self);

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
  start_afresh (self);

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

  start_afresh (self);
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
row_activated_cb (FazhiLedgerPage *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.edit", NULL);
}

static void
model_items_changed_cb (FazhiLedgerPage *self)
{
  FazhiRecord *selected = fazhi_ledger_page_get_selected (self);

  /* The selection is a row, and rows are positions: when the record selected has moved away
   * (deleted, or edited into another place), the row shows another one, which nobody chose. */
  if (selected != NULL && fazhi_record_get_id (selected) != self->selected_id)
    fazhi_ledger_page_select (self, GTK_INVALID_LIST_POSITION);
  update_state (self);
}

static void
database_changing_cb (FazhiLedgerPage *self,
                      int              ledger,
                      int              change)
{
  if (change == FAZHI_CHANGE_MANY)
    start_afresh (self);
}

/* A ledger that starts empty says what comes first, the office's name among it, until it is set. */
static void
settings_changed_cb (FazhiLedgerPage *self)
{
  g_autofree char *office = fazhi_database_get_setting (self->database, "office_name");

  gtk_widget_set_visible (self->empty_office_button, office == NULL || *office == '\0');
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

  /* GTK 4.8 unparents a template child without telling AdwBin, which would unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_LEDGER_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->model);
  g_clear_object (&self->communities);
  g_clear_object (&self->community_names);
  g_clear_object (&self->years);
  g_clear_object (&self->deleted);
  g_clear_object (&self->import_file);
  g_clear_object (&self->database);
  g_clear_pointer (&self->choice_dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (fazhi_ledger_page_parent_class)->dispose (object);
}

/* A page waiting behind another builds no rows: GTK makes the widgets of some 200 rows as soon
 * as a list view has a model, shown or not. */
static void
fazhi_ledger_page_map (GtkWidget *widget)
{
  FazhiLedgerPage *self = FAZHI_LEDGER_PAGE (widget);

  if (gtk_column_view_get_model (self->column_view) == NULL)
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  GTK_WIDGET_CLASS (fazhi_ledger_page_parent_class)->map (widget);
}

static void
fazhi_ledger_page_class_init (FazhiLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_ledger_page_dispose;
  widget_class->map = fazhi_ledger_page_map;

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
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, top_box);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiLedgerPage, empty_office_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, community_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  fazhi_ledger_page_class_add_actions (widget_class);
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
  /* Before the model's, so that an import's reset starts afresh (see start_afresh()). */
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changing_cb), self, G_CONNECT_SWAPPED);
  self->model = fazhi_ledger_model_new (database, ledger);
  self->communities = fazhi_ledger_model_new (database, FAZHI_LEDGER_COMMUNITIES);
  /* Not autoselecting: the clerk picks a row; a search does not. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->rows = fazhi_row_model_new (G_LIST_MODEL (self->model));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));

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
  g_signal_connect_object (self->model, "notify::complete", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (database, "settings-changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.undo", FALSE);
  settings_changed_cb (self);
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
