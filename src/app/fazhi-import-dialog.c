/* fazhi-import-dialog.c — the import assistant: a sheet's columns, checked and imported
 *
 * Clerks import the sheets they already keep, laid out as they like. The assistant shows what
 * fazhi-import.c made of one: the sheet, the header row, the field each column goes into, and
 * the first rows as they would be stored, read again after every change (a preview reads only
 * the rows it shows). Fields the sheet has no column for can be given one value for every row.
 * Check runs the whole import and writes nothing; Import writes it, all rows or none.
 *
 * A run reads the whole sheet, so it runs in a thread on a database connection of its own
 * (fazhi-import-dialog-run.c). The FazhiImport is then the thread's alone: the controls that would
 * read or change it are insensitive, and nothing here touches it until the run is done. The
 * preview is fazhi-import-dialog-preview.c.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-compat.h"
#include "fazhi-import-dialog-private.h"
#include "fazhi-value.h"

/* How much of a column's first value its row shows. */
#define FIRST_VALUE_CHARS 40



G_DEFINE_FINAL_TYPE (FazhiImportDialog, fazhi_import_dialog, ADW_TYPE_WINDOW)

static void build_fixed_rows (FazhiImportDialog *self,
                              gboolean           always);

void
fazhi_import_dialog_show_toast (FazhiImportDialog *self,
                                const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (text));
}

/* "类别 — Kind": the label the sheets use and the name the window gives it, once if they are one. */
static char *
field_option (const FazhiField *field)
{
  const char *name = fazhi_field_display_name (field);

  if (g_str_equal (name, field->label))
    return g_strdup (name);
  return g_strdup_printf ("%s — %s", field->label, name);
}

/* The fields worth one value for the whole sheet: not a number made per record, not a phone. */
static gboolean
can_be_fixed (const FazhiField *field)
{
  return (field->flags & (FAZHI_FIELD_GENERATED | FAZHI_FIELD_PERSONAL)) == 0;
}

static guint64
mapped_fields (FazhiImportDialog *self)
{
  guint64 mapped = 0;

  for (guint c = 0; c < fazhi_import_get_n_columns (self->import); c++)
    {
      int field = fazhi_import_get_column_field (self->import, c);

      if (field >= 0)
        mapped |= FIELD_BIT (field);
    }

  return mapped;
}

/* The first value of each column, from the rows the last preview took for data (not a units
 * row, not a row of totals). */
static GStrv
first_values (FazhiImportDialog *self)
{
  guint n_columns = fazhi_import_get_n_columns (self->import);
  FazhiWorkbook *workbook = fazhi_import_get_workbook (self->import);
  g_autoptr(FazhiSheetReader) reader = NULL;
  char **values = g_new0 (char *, n_columns + 1);
  const FazhiSheetRow *row;
  guint last = 0, found = 0;

  for (guint i = 0; i < self->preview_rows->len; i++)
    last = MAX (last, g_array_index (self->preview_rows, guint, i));
  if (last > 0)
    reader = fazhi_workbook_read_sheet (workbook, fazhi_import_get_sheet (self->import), NULL);
  while (reader != NULL && found < n_columns && (row = fazhi_sheet_reader_next (reader, NULL)) != NULL
         && row->number <= last)
    {
      gboolean data = FALSE;

      for (guint i = 0; i < self->preview_rows->len && !data; i++)
        data = g_array_index (self->preview_rows, guint, i) == row->number;
      if (!data)
        continue;
      for (guint c = 0; c < n_columns && c < row->n_cells; c++)
        if (values[c] == NULL && !fazhi_text_is_blank (row->cells[c].text))
          {
            g_autofree char *text = g_strstrip (g_strdup (row->cells[c].text));

            if (g_utf8_strlen (text, -1) > FIRST_VALUE_CHARS)
              {
                g_autofree char *start = g_utf8_substring (text, 0, FIRST_VALUE_CHARS);

                values[c] = g_strconcat (start, "…", NULL);
              }
            else
              values[c] = g_steal_pointer (&text);
            found++;
          }
    }

  /* The holes a NULL would leave end the vector early: empty columns get "". */
  for (guint c = 0; c < n_columns; c++)
    if (values[c] == NULL)
      values[c] = g_strdup ("");

  return values;
}

static void
sync_column_rows (FazhiImportDialog *self)
{
  self->updating = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c),
                                (guint) (fazhi_import_get_column_field (self->import, c) + 1));
  self->updating = FALSE;
}

static void
column_changed_cb (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   FazhiImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "fazhi-column"));
  guint selected = adw_combo_row_get_selected (row);
  int field = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;

  if (self->updating || self->job != NULL)
    return;

  /* A value for the whole sheet would take the place of the column just chosen for it. */
  if (field >= 0 && fazhi_import_get_fixed (self->import, field) != NULL)
    fazhi_import_set_fixed (self->import, self->ledger->fields[field].key, NULL, NULL);
  fazhi_import_set_column_field (self->import, column, field);

  /* The column that went into that field before goes nowhere now. */
  sync_column_rows (self);
  build_fixed_rows (self, FALSE);
  fazhi_import_dialog_refresh_preview (self);
}

static void
build_column_rows (FazhiImportDialog *self)
{
  guint n_columns = fazhi_import_get_n_columns (self->import);
  g_auto(GStrv) values = first_values (self);

  for (guint c = 0; c < self->column_rows->len; c++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, c));
  g_ptr_array_set_size (self->column_rows, 0);

  for (guint c = 0; c < n_columns; c++)
    {
      const char *header = fazhi_import_get_column_header (self->import, c);
      g_autofree char *letter = fazhi_column_name (c);
      g_autofree char *name = g_strdup_printf ("column-%u", c);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_combo_row_new ();

      /* Translators: the title of a column without a header; %s is its letter (C) */
      title = header[0] != '\0' ? g_strdup (header) : g_strdup_printf (_("Column %s"), letter);
      subtitle = values[c][0] != '\0' ? g_strdup_printf ("%s · %s", letter, values[c]) : g_strdup (letter);
      gtk_widget_set_name (row, name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->field_options));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) (fazhi_import_get_column_field (self->import, c) + 1));
      g_object_set_data (G_OBJECT (row), "fazhi-column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_changed_cb), self);

      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
}

static void
fixed_choice_changed_cb (AdwComboRow       *row,
                         GParamSpec        *pspec,
                         FazhiImportDialog *self)
{
  const FazhiField *field = g_object_get_data (G_OBJECT (row), "fazhi-field");
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->job != NULL)
    return;

  /* Every choice is a valid value. */
  fazhi_import_set_fixed (self->import, field->key,
                          selected == GTK_INVALID_LIST_POSITION || selected == 0
                          ? NULL : field->choices[selected - 1].key, NULL);
  fazhi_import_dialog_refresh_preview (self);
}

static void
fixed_entry_changed_cb (AdwEntryRow       *row,
                        FazhiImportDialog *self)
{
  const FazhiField *field = g_object_get_data (G_OBJECT (row), "fazhi-field");
  GtkWidget *problem_row = g_object_get_data (G_OBJECT (row), "fazhi-problem-row");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (self->updating || self->job != NULL)
    return;

  /* A value that is not valid is not kept: the field is then as if none was given. */
  if (fazhi_import_set_fixed (self->import, field->key, text[0] != '\0' ? text : NULL, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_visible (problem_row, FALSE);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (problem_row))), error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_visible (problem_row, TRUE);
    }
  fazhi_import_dialog_refresh_preview (self);
}

/* A row under @row that says what is wrong with its value, as the record editor does. */
static GtkWidget *
problem_row_new (GtkWidget *row)
{
  GtkWidget *problem_row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (problem_row), FALSE);
  gtk_widget_set_can_focus (problem_row, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (problem_row), label);
  gtk_widget_set_visible (problem_row, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);

  return problem_row;
}

/* The row giving @field one value for the whole sheet, and under it, for a typed value, the
 * row of its problem; both added to @expander, or to the group when it is NULL. */
static void
add_fixed_row (FazhiImportDialog *self,
               const FazhiField  *field,
               AdwExpanderRow    *expander)
{
  const char *fixed = fazhi_import_get_fixed (self->import, fazhi_ledger_field_index (self->ledger, field->key));
  g_autofree char *name = g_strdup_printf ("fixed-%s", field->key);
  GtkWidget *problem_row = NULL;
  GtkWidget *row;

  if (field->type == FAZHI_FIELD_CHOICE)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      guint selected = 0;

      /* Translators: no value for the whole sheet: each row says, or the field stays empty */
      gtk_string_list_append (choices, C_("fixed value", "None"));
      for (guint i = 0; field->choices[i].key != NULL; i++)
        {
          gtk_string_list_append (choices, _(field->choices[i].name));
          if (g_strcmp0 (fixed, field->choices[i].key) == 0)
            selected = i + 1;
        }
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_signal_connect (row, "notify::selected", G_CALLBACK (fixed_choice_changed_cb), self);
    }
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (row), fixed != NULL ? fixed : "");
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      problem_row = problem_row_new (row);
      g_object_set_data (G_OBJECT (row), "fazhi-problem-row", problem_row);
      g_signal_connect (row, "changed", G_CALLBACK (fixed_entry_changed_cb), self);
    }

  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "fazhi-field", (gpointer) field);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fazhi_field_display_name (field));

  if (expander != NULL)
    {
      adw_expander_row_add_row (expander, row);
      if (problem_row != NULL)
        adw_expander_row_add_row (expander, problem_row);
      if (fixed != NULL)
        adw_expander_row_set_expanded (expander, TRUE);
      return;
    }

  adw_preferences_group_add (self->fixed_group, row);
  g_ptr_array_add (self->fixed_widgets, row);
  if (problem_row != NULL)
    {
      adw_preferences_group_add (self->fixed_group, problem_row);
      g_ptr_array_add (self->fixed_widgets, problem_row);
    }
}

/* A row for each field no column goes into: the required ones first, the others folded away. */
static void
build_fixed_rows (FazhiImportDialog *self,
                  gboolean           always)
{
  guint64 mapped = mapped_fields (self);
  guint64 wanted = 0;
  AdwExpanderRow *others = NULL;

  for (guint i = 0; i < self->ledger->n_fields; i++)
    if (!(mapped & FIELD_BIT (i)) && can_be_fixed (&self->ledger->fields[i]))
      wanted |= FIELD_BIT (i);
  if (!always && wanted == self->fixed_fields)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->fixed_widgets->len; i++)
    adw_preferences_group_remove (self->fixed_group, g_ptr_array_index (self->fixed_widgets, i));
  g_ptr_array_set_size (self->fixed_widgets, 0);
  self->fixed_fields = wanted;

  for (guint i = 0; i < self->ledger->n_fields; i++)
    if ((wanted & FIELD_BIT (i)) && (self->ledger->fields[i].flags & FAZHI_FIELD_REQUIRED))
      add_fixed_row (self, &self->ledger->fields[i], NULL);

  for (guint i = 0; i < self->ledger->n_fields; i++)
    if ((wanted & FIELD_BIT (i)) && !(self->ledger->fields[i].flags & FAZHI_FIELD_REQUIRED))
      {
        if (others == NULL)
          {
            others = ADW_EXPANDER_ROW (adw_expander_row_new ());
            gtk_widget_set_name (GTK_WIDGET (others), "fixed-others");
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (others), _("Other Fields"));
            adw_expander_row_set_subtitle (others, _("Optional"));
          }
        add_fixed_row (self, &self->ledger->fields[i], others);
      }
  if (others != NULL)
    {
      adw_preferences_group_add (self->fixed_group, GTK_WIDGET (others));
      g_ptr_array_add (self->fixed_widgets, others);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->fixed_group), wanted != 0);
  self->updating = FALSE;
}

/* The sheet chosen, its header row found or chosen: the rows that follow from them. */
static void
load_sheet (FazhiImportDialog *self)
{
  self->updating = TRUE;
  adw_combo_row_set_selected (self->sheet_row, fazhi_import_get_sheet (self->import));
  gtk_spin_button_set_value (self->header_spin, fazhi_import_get_header_row (self->import));
  self->updating = FALSE;

  if (fazhi_import_recall_mapping (self->import, self->database))
    adw_preferences_group_set_description (self->columns_group,
                                           _("Using the columns chosen last time for this header"));
  else
    adw_preferences_group_set_description (self->columns_group,
                                           _("The field of the ledger each column goes into"));

  /* The preview first: the columns' rows show the first values of the rows it takes for data.
   * On a large workbook each reading of the sheet counts. */
  fazhi_import_dialog_refresh_preview (self);
  build_column_rows (self);
  build_fixed_rows (self, TRUE);
}

static void
sheet_changed_cb (FazhiImportDialog *self)
{
  guint previous = fazhi_import_get_sheet (self->import);
  guint sheet = adw_combo_row_get_selected (self->sheet_row);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->job != NULL || sheet == GTK_INVALID_LIST_POSITION || sheet == previous)
    return;

  if (!fazhi_import_set_sheet (self->import, sheet, &error))
    {
      fazhi_import_dialog_show_toast (self, error->message);
      fazhi_import_set_sheet (self->import, previous, NULL);
    }
  load_sheet (self);
}

static void
header_row_changed_cb (FazhiImportDialog *self)
{
  guint previous = fazhi_import_get_header_row (self->import);
  int row = gtk_spin_button_get_value_as_int (self->header_spin);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->job != NULL || row < 1 || (guint) row == previous)
    return;

  if (!fazhi_import_set_header_row (self->import, (guint) row, &error))
    {
      fazhi_import_dialog_show_toast (self, error->message);
      fazhi_import_set_header_row (self->import, previous, NULL);
    }
  load_sheet (self);
}

static void
update_changed_cb (FazhiImportDialog *self)
{
  if (self->job == NULL)
    fazhi_import_set_update (self->import, gtk_switch_get_active (self->update_switch));
}

static gboolean
fazhi_import_dialog_close_request (GtkWindow *window)
{
  FazhiImportDialog *self = FAZHI_IMPORT_DIALOG (window);

  /* A run in progress is cancelled first, with its own button. */
  if (self->job != NULL)
    return TRUE;

  return GTK_WINDOW_CLASS (fazhi_import_dialog_parent_class)->close_request (window);
}

static void
fazhi_import_dialog_dispose (GObject *object)
{
  FazhiImportDialog *self = FAZHI_IMPORT_DIALOG (object);

  /* A run still going on holds the dialog until its thread is done with the import. */
  self->disposed = TRUE;
  fazhi_import_dialog_stop_run (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_IMPORT_DIALOG);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->fixed_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_array_unref);
  g_clear_object (&self->field_options);
  g_clear_object (&self->problems);
  g_clear_object (&self->notes);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_import_dialog_parent_class)->dispose (object);
}

static void
fazhi_import_dialog_finalize (GObject *object)
{
  FazhiImportDialog *self = FAZHI_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, fazhi_import_free);

  G_OBJECT_CLASS (fazhi_import_dialog_parent_class)->finalize (object);
}

static void
fazhi_import_dialog_class_init (FazhiImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fazhi_import_dialog_dispose;
  object_class->finalize = fazhi_import_dialog_finalize;
  window_class->close_request = fazhi_import_dialog_close_request;

  /* Once an import is written: the records added, updated and already there. */
  g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, prepare_page);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, header_spin);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, preview_window);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, preview_message);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, fixed_group);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, update_switch);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, report_description);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, figures_box);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, existing_label);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, problems_window);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, problem_list);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, notes_window);
  gtk_widget_class_bind_template_child (widget_class, FazhiImportDialog, note_list);
  gtk_widget_class_bind_template_callback (widget_class, sheet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, header_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_changed_cb);

  fazhi_import_dialog_class_add_run_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fazhi_import_dialog_init (FazhiImportDialog *self)
{
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;

  self->column_rows = g_ptr_array_new ();
  self->fixed_widgets = g_ptr_array_new ();
  self->preview_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  fazhi_import_dialog_init_preview (self);
  fazhi_import_dialog_init_run (self);
}

FazhiImportDialog *
fazhi_import_dialog_new (FazhiDatabase  *database,
                         FazhiLedgerId   ledger,
                         const char     *path,
                         GError        **error)
{
  g_autoptr(FazhiImport) import = NULL;
  g_autoptr(GtkStringList) sheets = gtk_string_list_new (NULL);
  g_autofree char *display_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *into = NULL;
  FazhiImportDialog *self;
  FazhiWorkbook *workbook;
  guint n_sheets;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* A file that cannot be read says so before there is anything to show. */
  import = fazhi_import_new (ledger, path, error);
  if (import == NULL)
    return NULL;

  self = g_object_new (FAZHI_TYPE_IMPORT_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->ledger = fazhi_ledger_get (ledger);
  self->import = g_steal_pointer (&import);
  workbook = fazhi_import_get_workbook (self->import);

  title = g_strdup_printf (_("Import %s"), _(self->ledger->name));
  display_name = g_filename_display_basename (path);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, display_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), display_name);
  /* Translators: %s is the name of a ledger */
  into = g_strdup_printf (_("Into the ledger “%s”"), _(self->ledger->name));
  adw_action_row_set_subtitle (self->file_row, into);

  self->field_options = gtk_string_list_new (NULL);
  /* Translators: what a column goes into when it is not imported */
  gtk_string_list_append (self->field_options, _("Ignore"));
  for (guint i = 0; i < self->ledger->n_fields; i++)
    {
      g_autofree char *option = field_option (&self->ledger->fields[i]);

      gtk_string_list_append (self->field_options, option);
    }

  n_sheets = fazhi_workbook_get_n_sheets (workbook);
  for (guint i = 0; i < n_sheets; i++)
    {
      const char *name = fazhi_workbook_get_sheet_name (workbook, i);
      /* Translators: a sheet that the workbook keeps out of sight */
      g_autofree char *shown = fazhi_workbook_sheet_is_hidden (workbook, i) ? g_strdup_printf (_("%s (hidden)"), name)
                                                                              : g_strdup (name);

      gtk_string_list_append (sheets, shown);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (sheets));
  self->updating = FALSE;
  /* A text file is one sheet, named after the file. */
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), fazhi_workbook_get_format (workbook) != FAZHI_WORKBOOK_TEXT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sheet_row), n_sheets > 1);

  load_sheet (self);

  /* Enter imports: the columns found are usually the columns meant. */
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  gtk_window_set_focus (GTK_WINDOW (self), self->import_button);

  return self;
}

gboolean
fazhi_import_dialog_get_running (FazhiImportDialog *self)
{
  g_return_val_if_fail (FAZHI_IS_IMPORT_DIALOG (self), FALSE);

  return self->job != NULL;
}
