/* fazhi-overview-page.c — the year at a glance, and what needs attention now
 *
 * The figures are the same FazhiStats as `fazhi-cli stats` and the reports print.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-civil-code.h"
#include "fazhi-overview-page.h"
#include "fazhi-stats.h"
#include "fazhi-template.h"
#include "fazhi-value.h"

typedef struct
{
  const char *key;      /* the statistic shown large */
  const char *caption;  /* N_() */
  const char *detail;   /* a second statistic shown small, or NULL */
  const char *detail_format;  /* N_(), with one %s for the detail */
} Figure;

static const Figure figures[] = {
  { "mediation.received", N_("Disputes mediated"), "mediation.success_rate", N_("%s successful") },
  { "consultation.persons", N_("People given legal advice"), "consultation.sessions", N_("in %s sessions") },
  { "litigation.hearings", N_("Court hearings attended"), "litigation.cases", N_("in %s lawsuits") },
  { "review.documents", N_("Documents reviewed"), NULL, NULL },
  { "inspection.times", N_("Inspections"), NULL, NULL },
  { "proposal.received", N_("Proposals handled"), "proposal.satisfaction_rate", N_("%s satisfied") },
  { "training.sessions", N_("Trainings"), "training.attendees", N_("%s attendees") },
  { "outreach.events", N_("Legal-publicity events"), "outreach.materials", N_("%s materials handed out") },
  { "elections.started", N_("Committee elections started"), "elections.completed", N_("%s completed") },
};

struct _FazhiOverviewPage
{
  AdwBin          parent_instance;

  FazhiDatabase  *database;
  GtkStringList  *years;
  GHashTable     *figure_labels;  /* key → GtkLabel */
  guint           refresh_id;
  gboolean        stale;     /* the figures shown are not those of the database */

  AdwHeaderBar   *header_bar;
  GtkWidget      *back_button;
  AdwWindowTitle *window_title;
  GtkDropDown    *year_dropdown;
  GtkWidget      *attention_heading;
  GtkListBox     *attention_list;
  GtkLabel       *figures_heading;
  GtkFlowBox     *figures;
};

G_DEFINE_FINAL_TYPE (FazhiOverviewPage, fazhi_overview_page, ADW_TYPE_BIN)

static char *
figure_text (FazhiStats *stats,
             const char *key)
{
  FazhiStatKind kind;
  double value;
  gboolean is_null;

  if (!fazhi_stats_lookup (stats, key, &kind, &value, &is_null) || is_null)
    return g_strdup ("—");

  switch (kind)
    {
    case FAZHI_STAT_RATE:
      return fazhi_format_rate (value);
    case FAZHI_STAT_DECIMAL:
      return fazhi_format_decimal ((gint64) value);
    case FAZHI_STAT_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

/* The format comes from a table, so it is filled in by hand rather than through printf. */
static char *
fill_in (const char *format,
         const char *value)
{
  const char *mark = strstr (format, "%s");

  if (mark == NULL)
    return g_strdup (format);

  return g_strdup_printf ("%.*s%s%s", (int) (mark - format), format, value, mark + 2);
}

static GtkWidget *
figure_card (FazhiOverviewPage *self,
             const Figure      *figure)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (_(figure->caption));
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_size_request (box, 180, -1);
  gtk_widget_set_margin_top (number, 12);
  gtk_widget_add_css_class (number, "title-1");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (caption, "heading");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_margin_bottom (detail, 12);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_set_margin_start (caption, 6);
  gtk_widget_set_margin_end (caption, 6);

  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), detail);
  g_hash_table_insert (self->figure_labels, (gpointer) figure->key, number);
  g_object_set_data (G_OBJECT (number), "fazhi-detail", detail);

  return box;
}

static void
add_attention (FazhiOverviewPage *self,
               const char        *icon_name,
               const char        *title,
               const char        *page)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", page);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_list_box_append (self->attention_list, row);
}

/* How many items a statistic counts over every year with records: what is overdue now does not
 * depend on the year shown. */
static double
sum_over_years (FazhiOverviewPage *self,
                const char        *key)
{
  g_autofree char *today = fazhi_date_today ();
  int first = atoi (today), last = first, start, end;
  double total = 0;

  for (FazhiLedgerId ledger = FAZHI_LEDGER_CASES; ledger <= FAZHI_LEDGER_ELECTIONS; ledger++)
    if (fazhi_database_year_range (self->database, ledger, &start, &end))
      first = MIN (first, start);

  for (int year = first; year <= last; year++)
    {
      g_autoptr(FazhiStats) stats = NULL;
      FazhiPeriod period;
      FazhiStatKind kind;
      double value = 0;
      gboolean is_null;

      if (!fazhi_period_init (&period, year, 0)
          || (stats = fazhi_stats_compute (self->database, &period, NULL)) == NULL)
        continue;
      if (fazhi_stats_lookup (stats, key, &kind, &value, &is_null) && !is_null)
        total += value;
    }

  return total;
}

static void
fill_attention (FazhiOverviewPage *self)
{
  g_autofree char *today = fazhi_date_today ();
  g_autoptr(GPtrArray) due = NULL;
  GtkWidget *child;
  double overdue = sum_over_years (self, "mediation.overdue");
  double filing = sum_over_years (self, "elections.filing_overdue");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_list))) != NULL)
    gtk_list_box_remove (self->attention_list, child);

  if (overdue > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f mediation is past its time limit",
                                      "%.0f mediations are past their time limit", (gulong) overdue), overdue);

      add_attention (self, "dialog-warning-symbolic", title, "cases");
    }
  if (filing > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f election result was not filed within 30 days",
                                      "%.0f election results were not filed within 30 days", (gulong) filing),
                         filing);

      add_attention (self, "document-send-symbolic", title, "elections");
    }

  due = fazhi_compounds_due_for_election (self->database, today,
                                          fazhi_database_get_setting_int (self->database, "term_warning_days", 90),
                                          NULL);
  if (due != NULL && due->len > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u compound should start electing its committee",
                                      "%u compounds should start electing their committees", due->len),
                         due->len);

      add_attention (self, "alarm-symbolic", title, "elections");
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_list));
  gtk_widget_set_visible (self->attention_heading, child != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_list), child != NULL);
}

static int
selected_year (FazhiOverviewPage *self)
{
  guint index = gtk_drop_down_get_selected (self->year_dropdown);

  if (index == GTK_INVALID_LIST_POSITION)
    return 0;

  return atoi (gtk_string_list_get_string (self->years, index));
}

static gboolean
refresh (gpointer data)
{
  FazhiOverviewPage *self = data;
  g_autoptr(FazhiStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  FazhiPeriod period;
  int year = selected_year (self);

  self->refresh_id = 0;
  self->stale = FALSE;
  if (year == 0 || !fazhi_period_init (&period, year, 0))
    return G_SOURCE_REMOVE;

  stats = fazhi_stats_compute (self->database, &period, &error);
  if (stats == NULL)
    {
      g_warning ("Cannot compute the figures of %d: %s", year, error->message);
      return G_SOURCE_REMOVE;
    }

  /* Translators: the heading above the year's figures, e.g. "2023 in Figures" */
  heading = g_strdup_printf (_("%d in Figures"), year);
  gtk_label_set_text (self->figures_heading, heading);

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      GtkLabel *number = g_hash_table_lookup (self->figure_labels, figures[i].key);
      GtkLabel *detail = g_object_get_data (G_OBJECT (number), "fazhi-detail");
      g_autofree char *text = figure_text (stats, figures[i].key);

      gtk_label_set_text (number, text);
      if (figures[i].detail != NULL)
        {
          g_autofree char *value = figure_text (stats, figures[i].detail);
          g_autofree char *line = fill_in (_(figures[i].detail_format), value);

          gtk_label_set_text (detail, line);
        }
    }

  fill_attention (self);

  return G_SOURCE_REMOVE;
}

/* The figures take a moment on a large ledger: they are counted when the page is shown, not
 * while it waits behind another. */
static void
queue_refresh (FazhiOverviewPage *self)
{
  self->stale = TRUE;
  if (self->refresh_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_id = g_idle_add (refresh, self);
}

static void
fazhi_overview_page_map (GtkWidget *widget)
{
  FazhiOverviewPage *self = FAZHI_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (fazhi_overview_page_parent_class)->map (widget);
  if (self->stale)
    queue_refresh (self);
}

static void
fill_years (FazhiOverviewPage *self)
{
  g_autofree char *today = fazhi_date_today ();
  int this_year = atoi (today), first = this_year, last = this_year, start, end;

  for (FazhiLedgerId ledger = FAZHI_LEDGER_CASES; ledger <= FAZHI_LEDGER_ELECTIONS; ledger++)
    if (fazhi_database_year_range (self->database, ledger, &start, &end))
      {
        first = MIN (first, start);
        last = MAX (last, end);
      }

  gtk_string_list_splice (self->years, 0, g_list_model_get_n_items (G_LIST_MODEL (self->years)), NULL);
  for (int year = last; year >= first; year--)
    {
      g_autofree char *text = g_strdup_printf ("%d", year);

      gtk_string_list_append (self->years, text);
    }
  gtk_drop_down_set_selected (self->year_dropdown, (guint) (last - this_year));
}

static void
year_changed_cb (FazhiOverviewPage *self)
{
  if (self->database != NULL)
    queue_refresh (self);
}

static void
database_changed_cb (FazhiOverviewPage *self,
                     int                ledger,
                     int                change)
{
  if (change == FAZHI_CHANGE_MANY)
    fill_years (self);
  queue_refresh (self);
}

static void
fazhi_overview_page_dispose (GObject *object)
{
  FazhiOverviewPage *self = FAZHI_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* GTK 4.8 unparents a template child without telling AdwBin, which would unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->figure_labels, g_hash_table_unref);
  g_clear_object (&self->years);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_overview_page_parent_class)->dispose (object);
}

static void
fazhi_overview_page_class_init (FazhiOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fazhi_overview_page_dispose;
  widget_class->map = fazhi_overview_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, attention_heading);
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, attention_list);
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, figures_heading);
  gtk_widget_class_bind_template_child (widget_class, FazhiOverviewPage, figures);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
}

static void
fazhi_overview_page_init (FazhiOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->figure_labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->years = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (self->years));
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    gtk_flow_box_append (self->figures, figure_card (self, &figures[i]));
}

FazhiOverviewPage *
fazhi_overview_page_new (FazhiDatabase *database)
{
  FazhiOverviewPage *self = g_object_new (FAZHI_TYPE_OVERVIEW_PAGE, NULL);

  self->database = g_object_ref (database);
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  fill_years (self);
  queue_refresh (self);

  return self;
}

AdwHeaderBar *
fazhi_overview_page_get_header_bar (FazhiOverviewPage *self)
{
  g_return_val_if_fail (FAZHI_IS_OVERVIEW_PAGE (self), NULL);

  return self->header_bar;
}

GtkWidget *
fazhi_overview_page_get_back_button (FazhiOverviewPage *self)
{
  g_return_val_if_fail (FAZHI_IS_OVERVIEW_PAGE (self), NULL);

  return self->back_button;
}

const char *
fazhi_overview_page_get_figure (FazhiOverviewPage *self,
                                const char        *key)
{
  GtkLabel *label;

  g_return_val_if_fail (FAZHI_IS_OVERVIEW_PAGE (self), NULL);

  label = g_hash_table_lookup (self->figure_labels, key);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}
