/* fazhi-report-page.c — the annual report and the quarterly summaries: edit, preview, print, export
 *
 * The clerk edits the annual text on the left; a moment after the typing stops it is saved and
 * the pages on the right are laid out again with the same code that prints and writes the PDF.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "fazhi-compat.h"
#include "fazhi-layout.h"
#include "fazhi-report-page.h"
#include "fazhi-report.h"
#include "fazhi-summary.h"
#include "fazhi-template.h"
#include "fazhi-value.h"

#define PREVIEW_WIDTH 420
#define SIDE_BY_SIDE_WIDTH 760  /* narrower, the text stands above the pages */
#define RELAYOUT_DELAY_MS 400

struct _FazhiReportPage
{
  AdwBin          parent_instance;

  FazhiDatabase  *database;
  FazhiDocument  *document;
  FazhiLayout    *layout;
  GtkStringList  *years;
  int             year;
  int             quarter;
  guint           relayout_id;
  gboolean        loading;
  gboolean        stale;        /* the period changed while the page was not shown */
  gboolean        reload_text;  /* the database was replaced or refilled: its text, not the buffer's */

  AdwToastOverlay *toast_overlay;
  AdwHeaderBar   *header_bar;
  GtkWidget      *back_button;
  AdwWindowTitle *window_title;
  GtkDropDown    *year_dropdown;
  GtkDropDown    *kind_dropdown;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkWidget      *text_pane;
  GtkListBox     *placeholder_list;
  GtkMenuButton  *insert_button;
  GtkTextView    *text_view;
  GtkBox         *preview_box;
  GtkPaned       *paned;
  guint           orient_id;
  gboolean        watching_window;
};

G_DEFINE_FINAL_TYPE (FazhiReportPage, fazhi_report_page, ADW_TYPE_BIN)

static void
draw_preview_page (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  FazhiReportPage *self = FAZHI_REPORT_PAGE (user_data);
  guint page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "fazhi-page"));
  double scale = width / FAZHI_A4_WIDTH;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->layout == NULL || page >= fazhi_layout_get_n_pages (self->layout))
    return;

  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 0, 0, 0);
  fazhi_layout_draw_page (self->layout, cr, page);
}

static void
show_pages (FazhiReportPage *self)
{
  guint n = self->layout != NULL ? fazhi_layout_get_n_pages (self->layout) : 0;
  GtkWidget *child;
  guint shown = 0;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    shown++;

  while (shown > n)
    {
      gtk_box_remove (self->preview_box, gtk_widget_get_last_child (GTK_WIDGET (self->preview_box)));
      shown--;
    }
  for (; shown < n; shown++)
    {
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), PREVIEW_WIDTH);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                           (int) (PREVIEW_WIDTH * FAZHI_A4_HEIGHT / FAZHI_A4_WIDTH));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_preview_page, self, NULL);
      g_object_set_data (G_OBJECT (area), "fazhi-page", GUINT_TO_POINTER (shown));
      gtk_widget_add_css_class (area, "card");
      gtk_box_append (self->preview_box, area);
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_queue_draw (child);

  {
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n), n);

    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
}

static char *
current_text (FazhiReportPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Builds the document of the chosen period and lays it out; problems in the text are shown
 * above the preview, and the last good pages stay. */
static void
relayout (FazhiReportPage *self)
{
  g_autoptr(FazhiDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->quarter == 0)
    {
      g_autofree char *text = current_text (self);

      document = fazhi_report_build_from_text (self->database, self->year, text, &error);
    }
  else
    document = fazhi_summary_build (self->database, self->year, self->quarter, &error);

  gtk_revealer_set_reveal_child (self->error_revealer, document == NULL);
  if (document == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", FALSE);
      return;
    }

  g_clear_pointer (&self->layout, fazhi_layout_free);
  g_clear_pointer (&self->document, fazhi_document_free);
  self->document = g_steal_pointer (&document);
  self->layout = fazhi_layout_new (self->document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", TRUE);
  show_pages (self);
}

static void load_period (FazhiReportPage *self);

static gboolean
save_and_relayout (gpointer data)
{
  FazhiReportPage *self = data;
  g_autofree char *text = current_text (self);
  g_autoptr(GError) error = NULL;

  self->relayout_id = 0;
  if (self->reload_text)
    {
      load_period (self);
      return G_SOURCE_REMOVE;
    }
  if (self->quarter == 0 && !fazhi_report_text_save (self->database, self->year, 0, text, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (error->message));
  relayout (self);

  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (FazhiReportPage *self)
{
  if (self->loading)
    return;

  g_clear_handle_id (&self->relayout_id, g_source_remove);
  self->relayout_id = g_timeout_add (RELAYOUT_DELAY_MS, save_and_relayout, self);
}

/* Saves what is waiting to be saved, before the period changes or the page goes away. */
static void
flush_pending_text (FazhiReportPage *self)
{
  if (self->relayout_id != 0)
    {
      g_clear_handle_id (&self->relayout_id, g_source_remove);
      save_and_relayout (self);
    }
}

static void
load_period (FazhiReportPage *self)
{
  g_autoptr(GError) error = NULL;

  self->reload_text = FALSE;
  gtk_widget_set_visible (self->text_pane, self->quarter == 0);
  if (self->quarter == 0)
    {
      g_autofree char *text = fazhi_report_text_load (self->database, self->year, 0, &error);

      self->loading = TRUE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
      self->loading = FALSE;
      if (text == NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (error->message));
    }

  relayout (self);
}

static void
period_changed_cb (FazhiReportPage *self)
{
  guint year_index, kind_index;

  if (self->database == NULL)
    return;

  year_index = gtk_drop_down_get_selected (self->year_dropdown);
  kind_index = gtk_drop_down_get_selected (self->kind_dropdown);
  if (year_index == GTK_INVALID_LIST_POSITION || kind_index == GTK_INVALID_LIST_POSITION)
    return;

  flush_pending_text (self);
  self->year = atoi (gtk_string_list_get_string (self->years, year_index));
  self->quarter = (int) kind_index;
  /* Laying out a report takes a moment: not while the page waits behind another. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_period (self);
  else
    self->stale = TRUE;
}

static gboolean
orient_panes (gpointer data)
{
  FazhiReportPage *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  GtkOrientation wanted = width < SIDE_BY_SIDE_WIDTH ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  self->orient_id = 0;
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->paned)) != wanted)
    {
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned), wanted);
      gtk_paned_set_position (self->paned, wanted == GTK_ORIENTATION_VERTICAL
                                           ? gtk_widget_get_height (GTK_WIDGET (self)) / 3
                                           : width / 3);
    }

  return G_SOURCE_REMOVE;
}

/* A phone-sized window has no room for text and pages side by side: the panes turn with the
 * window's width, after it changed (never while it is being allocated). */
static void
window_resized_cb (FazhiReportPage *self)
{
  if (self->orient_id == 0)
    self->orient_id = g_idle_add (orient_panes, self);
}

static void
fazhi_report_page_map (GtkWidget *widget)
{
  FazhiReportPage *self = FAZHI_REPORT_PAGE (widget);

  GTK_WIDGET_CLASS (fazhi_report_page_parent_class)->map (widget);
  if (!self->watching_window)
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      g_signal_connect_object (root, "notify::default-width", G_CALLBACK (window_resized_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (root, "notify::maximized", G_CALLBACK (window_resized_cb), self,
                               G_CONNECT_SWAPPED);
      self->watching_window = TRUE;
    }
  window_resized_cb (self);
  if (self->stale)
    {
      self->stale = FALSE;
      load_period (self);
    }
}

static void
placeholder_activated_cb (FazhiReportPage *self,
                          GtkListBoxRow   *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *key = g_object_get_data (G_OBJECT (row), "fazhi-placeholder");
  g_autofree char *text = g_strdup_printf ("{%s}", key);

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_menu_button_popdown (self->insert_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
fill_placeholders (FazhiReportPage *self)
{
  g_autoptr(GPtrArray) placeholders = fazhi_template_list_placeholders ();

  for (guint i = 0; i < placeholders->len; i++)
    {
      FazhiPlaceholder *placeholder = g_ptr_array_index (placeholders, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), placeholder->description);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), placeholder->key);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "fazhi-placeholder", g_strdup (placeholder->key), g_free);
      gtk_list_box_append (self->placeholder_list, row);
    }
}

static void
fill_years (FazhiReportPage *self)
{
  g_autofree char *today = fazhi_date_today ();
  int this_year = atoi (today), first = this_year - 1, start, end;

  for (FazhiLedgerId ledger = FAZHI_LEDGER_CASES; ledger <= FAZHI_LEDGER_ELECTIONS; ledger++)
    if (fazhi_database_year_range (self->database, ledger, &start, &end))
      first = MIN (first, start);

  for (int year = this_year; year >= first; year--)
    {
      g_autofree char *text = g_strdup_printf ("%d", year);

      gtk_string_list_append (self->years, text);
    }
}

/* Printing draws the same pages on the printer's cairo context, in points on the whole sheet. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                FazhiReportPage   *self)
{
  gtk_print_operation_set_n_pages (operation, (int) fazhi_layout_get_n_pages (self->layout));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              FazhiReportPage   *self)
{
  fazhi_layout_draw_page (self->layout, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FazhiReportPage *self = FAZHI_REPORT_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;

  flush_pending_text (self);
  if (self->layout == NULL)
    return;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  gtk_print_operation_set_job_name (operation, adw_window_title_get_title (self->window_title));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (error->message));
}

static void
export_file_chosen (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  FazhiReportPage *self = FAZHI_REPORT_PAGE (user_data);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *extension = g_object_get_data (G_OBJECT (dialog), "fazhi-extension");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      path = g_file_get_path (file);
      if (!g_str_has_suffix (path, extension))
        {
          char *full = g_strconcat (path, extension, NULL);

          g_free (path);
          path = full;
        }
    }
  g_object_unref (dialog);
  if (path == NULL)
    return;

  if (!fazhi_report_write (self->document, path, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, fazhi_toast_new_literal (error->message));
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Report exported")));
}

static char *
suggested_name (FazhiReportPage *self,
                const char      *extension)
{
  if (self->quarter == 0)
    /* Translators: the file name of an annual report, e.g. "2023年法治政府建设情况报告.pdf" */
    return g_strdup_printf (_("%d rule-of-law report%s"), self->year, extension);

  /* Translators: the file name of a quarterly summary */
  return g_strdup_printf (_("%d Q%d summary%s"), self->year, self->quarter, extension);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FazhiReportPage *self = FAZHI_REPORT_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *extension = g_strconcat (".", format, NULL);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  flush_pending_text (self);
  if (self->document == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = suggested_name (self, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "fazhi-extension", g_steal_pointer (&extension), g_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
database_changed_cb (FazhiReportPage *self,
                     int              ledger,
                     int              change)
{
  /* A restored backup brings its own text: it is read, not written over with the old one.
   * (Typing is saved within moments; an import or a restore waits on a dialog longer.) */
  if (change == FAZHI_CHANGE_MANY)
    self->reload_text = TRUE;

  /* New figures: the pages are laid out again (the text stays as typed). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->relayout_id == 0)
    self->relayout_id = g_timeout_add (RELAYOUT_DELAY_MS, save_and_relayout, self);
}

static void
fazhi_report_page_dispose (GObject *object)
{
  FazhiReportPage *self = FAZHI_REPORT_PAGE (object);

  g_clear_handle_id (&self->orient_id, g_source_remove);
  if (self->database != NULL)
    flush_pending_text (self);
  /* GTK 4.8 unparents a template child without telling AdwBin, which would unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_REPORT_PAGE);
  g_clear_pointer (&self->layout, fazhi_layout_free);
  g_clear_pointer (&self->document, fazhi_document_free);
  g_clear_object (&self->years);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_report_page_parent_class)->dispose (object);
}

static void
fazhi_report_page_class_init (FazhiReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_report_page_dispose;
  widget_class->map = fazhi_report_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, text_pane);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, placeholder_list);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, insert_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, preview_box);
  gtk_widget_class_bind_template_child (widget_class, FazhiReportPage, paned);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, placeholder_activated_cb);

  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "report.export", "s", export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "report.print", NULL);
}

static void
fazhi_report_page_init (FazhiReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->years = gtk_string_list_new (NULL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
}

FazhiReportPage *
fazhi_report_page_new (FazhiDatabase *database)
{
  FazhiReportPage *self = g_object_new (FAZHI_TYPE_REPORT_PAGE, NULL);

  fill_placeholders (self);
  self->database = g_object_ref (database);
  fill_years (self);
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);

  /* Reports are written for the year just ended until the new one is well under way. */
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (self->years));
  gtk_drop_down_set_selected (self->year_dropdown, 1);
  period_changed_cb (self);

  return self;
}

AdwHeaderBar *
fazhi_report_page_get_header_bar (FazhiReportPage *self)
{
  g_return_val_if_fail (FAZHI_IS_REPORT_PAGE (self), NULL);

  return self->header_bar;
}

GtkWidget *
fazhi_report_page_get_back_button (FazhiReportPage *self)
{
  g_return_val_if_fail (FAZHI_IS_REPORT_PAGE (self), NULL);

  return self->back_button;
}

void
fazhi_report_page_set_period (FazhiReportPage *self,
                              int              year,
                              int              quarter)
{
  g_return_if_fail (FAZHI_IS_REPORT_PAGE (self));
  g_return_if_fail (quarter >= 0 && quarter <= 4);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->years)); i++)
    if (atoi (gtk_string_list_get_string (self->years, i)) == year)
      gtk_drop_down_set_selected (self->year_dropdown, i);
  gtk_drop_down_set_selected (self->kind_dropdown, (guint) quarter);
  period_changed_cb (self);
}

guint
fazhi_report_page_get_n_pages (FazhiReportPage *self)
{
  g_return_val_if_fail (FAZHI_IS_REPORT_PAGE (self), 0);

  return self->layout != NULL ? fazhi_layout_get_n_pages (self->layout) : 0;
}
