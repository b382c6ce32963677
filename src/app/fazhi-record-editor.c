/* fazhi-record-editor.c — the form that adds or edits one record of any ledger
 *
 * The rows are made from the ledger's description and the sections of fazhi-ledger-views.c.
 * Everything typed goes into a copy of the record and is validated by the core as it is typed:
 * the message stands under the field, and Save stays insensitive while anything is wrong. Rows
 * of fields that do not apply (the dispute type of a lawsuit) are hidden.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "fazhi-civil-code.h"
#include "fazhi-compat.h"
#include "fazhi-ledger-model.h"
#include "fazhi-ledger-views.h"
#include "fazhi-record-editor.h"
#include "fazhi-record-history.h"
#include "fazhi-store.h"
#include "fazhi-validate.h"
#include "fazhi-value.h"

typedef enum
{
  ROW_ENTRY,
  ROW_COMBO,
  ROW_STEPS,
} RowKind;

typedef struct
{
  FazhiRecordEditor *editor;
  const FazhiField *field;
  RowKind           kind;
  GtkWidget        *row;
  GtkWidget        *problem_row;
  GtkLabel         *problem_label;
  GPtrArray        *keys;     /* combo: the key of each position, NULL for none */
  GPtrArray        *buttons;  /* steps: one toggle button per choice */
  char             *problem;
  gboolean          touched;  /* changed by the clerk: only then is its problem shown */
} FieldRow;

struct _FazhiRecordEditor
{
  AdwWindow          parent_instance;

  FazhiDatabase     *database;
  FazhiRecord       *record;
  char             **saved_values;  /* what the record held when opened, to notice unsaved typing */
  GPtrArray         *rows;          /* FieldRow, in the order of the ledger's fields */
  GtkWidget         *checks_group;  /* elections: the Civil Code checks */
  GPtrArray         *check_rows;
  gboolean           updating;
  gboolean           valid;
  gboolean           show_all_problems;  /* an existing record, or Save was tried */
  char              *subtitle;           /* the record's number or name, when it has one */

  FazhiRecordHistory *history;         /* an existing record's: what was changed, by whom */

  AdwWindowTitle    *window_title;
  GtkWidget         *save_button;
  GtkToggleButton   *history_button;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *content_stack;
  AdwPreferencesPage *page;
};

G_DEFINE_FINAL_TYPE (FazhiRecordEditor, fazhi_record_editor, ADW_TYPE_WINDOW)

static void
field_row_free (FieldRow *row)
{
  g_clear_pointer (&row->keys, g_ptr_array_unref);
  g_clear_pointer (&row->buttons, g_ptr_array_unref);
  g_free (row->problem);
  g_free (row);
}

static const FazhiLedger *
ledger_of (FazhiRecordEditor *self)
{
  return fazhi_record_get_ledger (self->record);
}

/* The values arrays have a slot per field, NULL for empty ones: not a GStrv. */
static char **
copy_values (FazhiRecordEditor *self)
{
  const FazhiLedger *ledger = ledger_of (self);
  char **copy = fazhi_values_new (ledger);

  for (guint i = 0; i < ledger->n_fields; i++)
    copy[i] = g_strdup (fazhi_record_get_values (self->record)[i]);

  return copy;
}

static void
forget_saved_values (FazhiRecordEditor *self)
{
  if (self->record != NULL)
    fazhi_values_free (ledger_of (self), self->saved_values);
  self->saved_values = NULL;
}

static FieldRow *
find_row (FazhiRecordEditor *self,
          const char        *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      if (row != NULL && g_str_equal (row->field->key, key))
        return row;
    }

  return NULL;
}

static char *
row_value (FieldRow *row)
{
  switch (row->kind)
    {
    case ROW_ENTRY:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->row)));
    case ROW_COMBO:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->row));

        if (selected == GTK_INVALID_LIST_POSITION || selected >= row->keys->len)
          return NULL;
        return g_strdup (g_ptr_array_index (row->keys, selected));
      }
    case ROW_STEPS:
      for (guint i = 0; i < row->buttons->len; i++)
        if (gtk_toggle_button_get_active (g_ptr_array_index (row->buttons, i)))
          return g_strdup (row->field->choices[i].key);
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
show_row_value (FieldRow   *row,
                const char *value)
{
  switch (row->kind)
    {
    case ROW_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (row->row), value != NULL ? value : "");
      break;
    case ROW_COMBO:
      {
        guint position = 0;

        for (guint i = 0; i < row->keys->len; i++)
          if (g_strcmp0 (g_ptr_array_index (row->keys, i), value) == 0)
            position = i;
        if (value != NULL && g_strcmp0 (g_ptr_array_index (row->keys, position), value) != 0)
          {
            /* A place that is not in the list (yet): offer it as it is. */
            GtkStringList *names = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (row->row)));

            gtk_string_list_append (names, value);
            g_ptr_array_add (row->keys, g_strdup (value));
            position = row->keys->len - 1;
          }
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), position);
      }
      break;
    case ROW_STEPS:
      for (guint i = 0; i < row->buttons->len; i++)
        gtk_toggle_button_set_active (g_ptr_array_index (row->buttons, i),
                                      g_strcmp0 (row->field->choices[i].key, value) == 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
update_checks (FazhiRecordEditor *self)
{
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *today = NULL;

  if (self->checks_group == NULL)
    return;

  today = fazhi_date_today ();
  checks = fazhi_election_checks (self->record, today);
  for (guint i = 0; i < checks->len && i < self->check_rows->len; i++)
    {
      FazhiCheck *check = g_ptr_array_index (checks, i);
      AdwActionRow *row = g_ptr_array_index (self->check_rows, i);
      GtkImage *icon = g_object_get_data (G_OBJECT (row), "fazhi-icon");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->title);
      adw_action_row_set_subtitle (row, check->detail);
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "dim-label");
      switch (check->verdict)
        {
        case FAZHI_VERDICT_PASS:
          gtk_image_set_from_icon_name (icon, "emblem-ok-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Passes"), -1);
          break;
        case FAZHI_VERDICT_FAIL:
          gtk_image_set_from_icon_name (icon, "dialog-warning-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (icon), "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Fails"), -1);
          break;
        case FAZHI_VERDICT_UNKNOWN:
        default:
          gtk_image_set_from_icon_name (icon, "content-loading-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (icon), "dim-label");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Not yet known"), -1);
          break;
        }
      g_object_set_data (G_OBJECT (row), "fazhi-verdict", GINT_TO_POINTER (check->verdict));
    }
}

/* Reads every row into the record, validates it and shows what is wrong where it is wrong. */
static void
revalidate (FazhiRecordEditor *self)
{
  const FazhiLedger *ledger = ledger_of (self);
  g_autoptr(GPtrArray) problems = NULL;
  const char * const *values;

  if (self->updating)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *value = NULL;

      if (row == NULL)
        continue;
      value = row_value (row);
      /* A hidden field keeps no value: it does not apply to this record. */
      if (!gtk_widget_get_visible (row->row))
        g_clear_pointer (&value, g_free);
      fazhi_record_set (self->record, row->field->key, value);
    }

  values = fazhi_record_get_values (self->record);
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);
      gboolean applies;

      if (row == NULL)
        continue;
      applies = fazhi_field_applies (ledger, values, row->field->key);
      if (ledger->id == FAZHI_LEDGER_CASES && g_str_equal (row->field->key, "count"))
        {
          const char *meaning = fazhi_case_count_name (values[fazhi_ledger_field_index (ledger, "kind")]);

          applies = meaning != NULL;
          if (meaning != NULL)
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), meaning);
        }
      if (applies != gtk_widget_get_visible (row->row))
        {
          gtk_widget_set_visible (row->row, applies);
          if (!applies)
            fazhi_record_set (self->record, row->field->key, NULL);
        }
      g_clear_pointer (&row->problem, g_free);
    }

  problems = fazhi_record_validate (self->record, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      FazhiProblem *problem = g_ptr_array_index (problems, i);
      FieldRow *row = g_ptr_array_index (self->rows, problem->field);

      if (row != NULL && row->problem == NULL && (row->touched || self->show_all_problems))
        row->problem = g_strdup (problem->message);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      if (row == NULL)
        continue;
      gtk_label_set_text (row->problem_label, row->problem != NULL ? row->problem : "");
      gtk_widget_set_visible (row->problem_row, row->problem != NULL && gtk_widget_get_visible (row->row));
      if (row->problem != NULL)
        gtk_widget_add_css_class (row->row, "error");
      else
        gtk_widget_remove_css_class (row->row, "error");
    }

  self->valid = problems->len == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->valid);
  /* Save is off: the title says why, even for a field not reached yet. */
  adw_window_title_set_subtitle (self->window_title,
                                 problems->len > 0
                                 ? ((FazhiProblem *) g_ptr_array_index (problems, 0))->message
                                 : self->subtitle);
  update_checks (self);
}

/* An election's totals default to its compound's households and area (DOMAIN.md). They are
 * shown in their rows as soon as the compound is chosen, so that the checks count with them,
 * and give way to what the clerk types. */
static void
fill_totals_from_compound (FazhiRecordEditor *self)
{
  g_autofree char *compound = row_value (find_row (self, "compound"));
  g_autoptr(GError) error = NULL;
  char *figures[2] = { NULL, NULL };
  static const char *totals[] = { "owners_total", "area_total" };

  if (!fazhi_store_compound_totals (self->database, compound, &figures[0], &figures[1], &error))
    {
      g_warning ("Cannot read the compound’s figures: %s", error->message);
      return;
    }

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      FieldRow *row = find_row (self, totals[i]);

      if (row != NULL && !row->touched && compound != NULL)
        show_row_value (row, figures[i]);
      g_free (figures[i]);
    }
  self->updating = FALSE;
}

static void
field_row_changed (FieldRow *row)
{
  if (!row->editor->updating)
    {
      row->touched = TRUE;
      if (row->field->type == FAZHI_FIELD_COMPOUND)
        fill_totals_from_compound (row->editor);
    }
  revalidate (row->editor);
}

static void
entry_changed_cb (GtkEditable *entry,
                  FieldRow    *row)
{
  field_row_changed (row);
}

static void
combo_selected_cb (GObject    *combo,
                   GParamSpec *pspec,
                   FieldRow   *row)
{
  field_row_changed (row);
}

static void
step_toggled_cb (GtkToggleButton *button,
                 FieldRow        *row)
{
  /* Two buttons change when one is chosen: the one turned off says nothing new. */
  if (gtk_toggle_button_get_active (button))
    field_row_changed (row);
}

static void
date_selected_cb (GtkCalendar *calendar,
                  GtkEditable *entry)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (entry, text);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER)));
}

static void
calendar_shown_cb (GtkPopover  *popover,
                   GtkEditable *entry)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autofree char *iso = fazhi_parse_date (gtk_editable_get_text (entry));

  if (iso != NULL)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (atoi (iso), atoi (iso + 5), atoi (iso + 8), 0, 0, 0);

      gtk_calendar_select_day (calendar, date);
    }
}

static GtkWidget *
make_entry_row (FazhiRecordEditor *self,
                FieldRow          *row)
{
  GtkWidget *entry = adw_entry_row_new ();

  if (row->field->type == FAZHI_FIELD_INTEGER || row->field->type == FAZHI_FIELD_DECIMAL)
    gtk_editable_set_alignment (GTK_EDITABLE (entry), 0);

  if (row->field->type == FAZHI_FIELD_DATE)
    {
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *calendar = gtk_calendar_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Choose a date"));
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      g_signal_connect (calendar, "day-selected", G_CALLBACK (date_selected_cb), entry);
      g_signal_connect (popover, "show", G_CALLBACK (calendar_shown_cb), entry);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), button);
    }

  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), row);
  return entry;
}

static void
append_place_names (FazhiRecordEditor *self,
                    FazhiLedgerId      places,
                    GtkStringList     *names,
                    GPtrArray         *keys)
{
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (self->database, places);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  fazhi_ledger_model_set_sort (model, "name", FALSE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FazhiRecord) place = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *name = fazhi_record_get (place, "name");

      gtk_string_list_append (names, name);
      g_ptr_array_add (keys, g_strdup (name));
    }
}

static GtkWidget *
make_combo_row (FazhiRecordEditor *self,
                FieldRow          *row)
{
  const FazhiField *field = row->field;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *combo = adw_combo_row_new ();

  row->keys = g_ptr_array_new_with_free_func (g_free);
  if (!(field->flags & FAZHI_FIELD_REQUIRED) && field->fallback == NULL)
    {
      gtk_string_list_append (names, _("Not set"));
      g_ptr_array_add (row->keys, NULL);
    }

  if (field->type == FAZHI_FIELD_CHOICE)
    for (const FazhiChoice *c = field->choices; c->key != NULL; c++)
      {
        gtk_string_list_append (names, _(c->name));
        g_ptr_array_add (row->keys, g_strdup (c->key));
      }
  else
    append_place_names (self,
                        field->type == FAZHI_FIELD_COMMUNITY ? FAZHI_LEDGER_COMMUNITIES : FAZHI_LEDGER_COMPOUNDS,
                        names, row->keys);

  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
  g_signal_connect (combo, "notify::selected", G_CALLBACK (combo_selected_cb), row);
  return combo;
}

/* A progression (a case's status, an election's stage) as a line of steps to click through. */
static GtkWidget *
make_steps_row (FazhiRecordEditor *self,
                FieldRow          *row)
{
  GtkWidget *preferences_row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (fazhi_field_display_name (row->field));
  GtkWidget *flow = gtk_flow_box_new ();
  GtkToggleButton *first = NULL;

  row->buttons = g_ptr_array_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (preferences_row), fazhi_field_display_name (row->field));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (preferences_row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);

  for (const FazhiChoice *c = row->field->choices; c->key != NULL; c++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(c->name));

      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      g_signal_connect (button, "toggled", G_CALLBACK (step_toggled_cb), row);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      g_ptr_array_add (row->buttons, button);
    }

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), flow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (preferences_row), box);
  return preferences_row;
}

static gboolean
is_progression (const FazhiField *field)
{
  return g_str_equal (field->key, "status") || g_str_equal (field->key, "stage");
}

static void
add_field_row (FazhiRecordEditor    *self,
               AdwPreferencesGroup  *group,
               const FazhiField     *field)
{
  FieldRow *row = g_new0 (FieldRow, 1);
  GtkWidget *label = gtk_label_new (NULL);

  row->editor = self;
  row->field = field;
  if (field->type == FAZHI_FIELD_CHOICE && is_progression (field))
    {
      row->kind = ROW_STEPS;
      row->row = make_steps_row (self, row);
    }
  else if (field->type == FAZHI_FIELD_CHOICE || field->type == FAZHI_FIELD_COMMUNITY
           || field->type == FAZHI_FIELD_COMPOUND)
    {
      row->kind = ROW_COMBO;
      row->row = make_combo_row (self, row);
    }
  else
    {
      row->kind = ROW_ENTRY;
      row->row = make_entry_row (self, row);
    }

  if (row->kind != ROW_STEPS)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), fazhi_field_display_name (field));
  if (field->flags & FAZHI_FIELD_GENERATED)
    gtk_widget_set_tooltip_text (row->row, _("Left empty, the next number of the year is given"));

  /* The message stands in a row of its own right under the field. */
  row->problem_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->problem_row), FALSE);
  gtk_widget_set_can_focus (row->problem_row, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->problem_row), label);
  row->problem_label = GTK_LABEL (label);
  gtk_widget_set_visible (row->problem_row, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  row->problem_label, NULL, -1);

  adw_preferences_group_add (group, row->row);
  adw_preferences_group_add (group, row->problem_row);
  g_ptr_array_index (self->rows, fazhi_ledger_field_index (ledger_of (self), field->key)) = row;
}

static void
add_checks_group (FazhiRecordEditor *self)
{
  self->checks_group = adw_preferences_group_new ();
  self->check_rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->checks_group), _("What the Law Requires"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->checks_group),
                                         _("Civil Code art. 278 and the rules for owners’ assemblies"));

  for (guint i = 0; i < FAZHI_N_CHECKS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new ();

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), "fazhi-icon", icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->checks_group), row);
      g_ptr_array_add (self->check_rows, row);
    }

  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (self->checks_group));
}

static void
build_form (FazhiRecordEditor *self)
{
  const FazhiLedger *ledger = ledger_of (self);
  const FazhiLedgerView *view = fazhi_ledger_view_get (ledger->id);

  g_ptr_array_set_size (self->rows, ledger->n_fields);
  for (guint s = 0; s < FAZHI_VIEW_MAX_SECTIONS && view->sections[s].fields[0] != NULL; s++)
    {
      const FazhiEditorSection *section = &view->sections[s];
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      if (section->title != NULL)
        adw_preferences_group_set_title (group, _(section->title));
      for (guint f = 0; f < FAZHI_VIEW_MAX_SECTION_FIELDS && section->fields[f] != NULL; f++)
        add_field_row (self, group, fazhi_ledger_field (ledger, section->fields[f]));
      adw_preferences_page_add (self->page, group);
    }

  if (ledger->id == FAZHI_LEDGER_ELECTIONS)
    add_checks_group (self);
}

static void
load_values (FazhiRecordEditor *self)
{
  /* Rows are filled one by one; each would otherwise re-read the half-filled form. */
  char **copy = copy_values (self);

  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      if (row != NULL)
        show_row_value (row, copy[i]);
    }
  self->updating = FALSE;
  fazhi_values_free (ledger_of (self), copy);
}

static gboolean
has_unsaved_typing (FazhiRecordEditor *self)
{
  const FazhiLedger *ledger = ledger_of (self);
  const char * const *values = fazhi_record_get_values (self->record);

  for (guint i = 0; i < ledger->n_fields; i++)
    if (g_strcmp0 (values[i], self->saved_values[i]) != 0)
      return TRUE;

  return FALSE;
}

static gboolean
close_now (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (GtkWidget         *alert,
                     const char        *response,
                     FazhiRecordEditor *self)
{
  if (g_str_equal (response, "discard"))
    {
      forget_saved_values (self);
      /* The alert is still answering and may live in this window: close once it is done. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_now, g_object_ref (self), g_object_unref);
    }
}

static gboolean
fazhi_record_editor_close_request (GtkWindow *window)
{
  FazhiRecordEditor *self = FAZHI_RECORD_EDITOR (window);
  GtkWidget *dialog;

  if (self->saved_values == NULL || !has_unsaved_typing (self))
    return GTK_WINDOW_CLASS (fazhi_record_editor_parent_class)->close_request (window);

  dialog = fazhi_alert_new (_("Discard Changes?"), _("What was typed in this form has not been saved."));
  fazhi_alert_add_response (dialog, "keep", _("_Keep Editing"), FALSE);
  fazhi_alert_add_response (dialog, "discard", _("_Discard"), TRUE);
  fazhi_alert_set_default_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  fazhi_alert_present (dialog, GTK_WIDGET (window));

  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FazhiRecordEditor *self = FAZHI_RECORD_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  self->show_all_problems = TRUE;
  revalidate (self);
  if (!self->valid)
    return;

  if (!fazhi_store_save (self->database, self->record, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (error->message));
      return;
    }

  forget_saved_values (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
history_toggled_cb (FazhiRecordEditor *self)
{
  gboolean shown = gtk_toggle_button_get_active (self->history_button);

  if (self->history == NULL)
    return;
  if (shown)
    fazhi_record_history_refresh (self->history);
  gtk_stack_set_visible_child_name (self->content_stack, shown ? "history" : "form");
}

/* A field put back from the history is written at once, as a change of its own; the form then
 * shows what is stored, except what the clerk typed and has not saved yet in other fields. */
static void
put_back_cb (FazhiRecordEditor *self,
             const char        *key,
             const char        *value)
{
  const FazhiLedger *ledger = ledger_of (self);
  const FazhiField *field = fazhi_ledger_field (ledger, key);
  g_autoptr(FazhiRecord) stored = fazhi_record_copy (self->record);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  char **typed;
  char **was_saved;

  if (field == NULL)
    return;
  if (!fazhi_store_revert_field (self->database, stored, key, value, &error))
    {
      AdwToast *toast = fazhi_toast_new_literal (error->message);

      /* Why not goes before whatever an earlier toast still says. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  typed = copy_values (self);
  was_saved = g_steal_pointer (&self->saved_values);
  g_set_object (&self->record, stored);
  self->saved_values = copy_values (self);
  for (guint i = 0; i < ledger->n_fields; i++)
    if (&ledger->fields[i] != field && was_saved != NULL && g_strcmp0 (typed[i], was_saved[i]) != 0)
      fazhi_record_set (self->record, ledger->fields[i].key, typed[i]);
  fazhi_values_free (ledger, typed);
  if (was_saved != NULL)
    fazhi_values_free (ledger, was_saved);

  g_free (self->subtitle);
  self->subtitle = g_strdup (fazhi_record_get_values (self->record)[0]);
  load_values (self);
  revalidate (self);

  /* Translators: %s is the name of a field, such as 受理日期 */
  message = g_strdup_printf (_("%s has its earlier value again"), fazhi_field_display_name (field));
  adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (message));
}

static void
fazhi_record_editor_dispose (GObject *object)
{
  FazhiRecordEditor *self = FAZHI_RECORD_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_RECORD_EDITOR);
  /* It went with the template's stack. */
  self->history = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->check_rows, g_ptr_array_unref);
  forget_saved_values (self);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_object (&self->record);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_record_editor_parent_class)->dispose (object);
}

static void
fazhi_record_editor_class_init (FazhiRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fazhi_record_editor_dispose;
  window_class->close_request = fazhi_record_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordEditor, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FazhiRecordEditor, page);
  gtk_widget_class_bind_template_callback (widget_class, history_toggled_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fazhi_record_editor_init (FazhiRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
}

FazhiRecordEditor *
fazhi_record_editor_new (FazhiDatabase *database,
                         FazhiRecord   *record)
{
  FazhiRecordEditor *self = g_object_new (FAZHI_TYPE_RECORD_EDITOR, NULL);
  const FazhiLedger *ledger = fazhi_record_get_ledger (record);
  const FazhiLedgerView *view = fazhi_ledger_view_get (ledger->id);

  self->database = g_object_ref (database);
  self->record = fazhi_record_copy (record);

  if (fazhi_record_get_id (record) == 0)
    adw_window_title_set_title (self->window_title, _(view->new_label));
  else
    {
      adw_window_title_set_title (self->window_title, _(view->edit_label));
      self->subtitle = g_strdup (fazhi_record_get_values (record)[0]);
    }

  if (fazhi_record_get_id (record) != 0 && fazhi_record_get_uuid (record) != NULL)
    {
      self->history = fazhi_record_history_new (database, record);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->history), "history");
      g_signal_connect_object (self->history, "put-back", G_CALLBACK (put_back_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_set_visible (GTK_WIDGET (self->history_button), TRUE);
    }

  /* A new form does not scold the clerk for fields not reached yet. */
  self->show_all_problems = fazhi_record_get_id (record) != 0;
  build_form (self);
  load_values (self);
  if (ledger->id == FAZHI_LEDGER_ELECTIONS && fazhi_record_get_id (record) == 0)
    fill_totals_from_compound (self);
  revalidate (self);
  self->saved_values = copy_values (self);

  return self;
}

FazhiRecord *
fazhi_record_editor_get_record (FazhiRecordEditor *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD_EDITOR (self), NULL);

  return self->record;
}

GtkWidget *
fazhi_record_editor_get_row (FazhiRecordEditor *self,
                             const char        *key)
{
  FieldRow *row;

  g_return_val_if_fail (FAZHI_IS_RECORD_EDITOR (self), NULL);

  row = find_row (self, key);
  return row != NULL ? row->row : NULL;
}

const char *
fazhi_record_editor_get_problem (FazhiRecordEditor *self,
                                 const char        *key)
{
  FieldRow *row;

  g_return_val_if_fail (FAZHI_IS_RECORD_EDITOR (self), NULL);

  row = find_row (self, key);
  return row != NULL && row->problem != NULL ? row->problem : "";
}

gboolean
fazhi_record_editor_can_save (FazhiRecordEditor *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD_EDITOR (self), FALSE);

  return self->valid;
}

/* Sets a field as if typed or chosen in its row. */
void
fazhi_record_editor_set_value (FazhiRecordEditor *self,
                               const char        *key,
                               const char        *value)
{
  FieldRow *row;

  g_return_if_fail (FAZHI_IS_RECORD_EDITOR (self));

  row = find_row (self, key);
  g_return_if_fail (row != NULL);

  show_row_value (row, value);
}
