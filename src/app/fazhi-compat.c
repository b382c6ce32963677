/* fazhi-compat.c — the only place that knows which GTK it runs on
 *
 * GTK 4.10 tells which column a column view is sorted by; GTK 4.8, the floor, does not. There the
 * columns' sorters answer for themselves: asked to compare, the view's sorter consults the sort
 * column's sorter first and turns its answer around when sorting down, so one comparison reveals
 * both the column and the order.
 *
 * libadwaita 1.5 replaced AdwMessageDialog by AdwAlertDialog, shown inside its window; the
 * alerts below use whichever the library built against prefers.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <adwaita.h>

#include "fazhi-compat.h"

#define FAZHI_TYPE_COLUMN_SORTER (fazhi_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (FazhiColumnSorter, fazhi_column_sorter, FAZHI, COLUMN_SORTER, GtkSorter)

struct _FazhiColumnSorter
{
  GtkSorter            parent_instance;
  GtkColumnViewColumn *column;  /* unowned: the column owns the sorter */
};

G_DEFINE_FINAL_TYPE (FazhiColumnSorter, fazhi_column_sorter, GTK_TYPE_SORTER)

static GtkColumnViewColumn *asked_column;

static GtkOrdering
fazhi_column_sorter_compare (GtkSorter *sorter,
                             gpointer   item1,
                             gpointer   item2)
{
  FazhiColumnSorter *self = FAZHI_COLUMN_SORTER (sorter);

  if (asked_column == NULL)
    asked_column = self->column;

  /* The rows come sorted from the database; this order is only ever used as a probe. */
  return item1 == item2 ? GTK_ORDERING_EQUAL : GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
fazhi_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
fazhi_column_sorter_class_init (FazhiColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = fazhi_column_sorter_compare;
  sorter_class->get_order = fazhi_column_sorter_get_order;
}

static void
fazhi_column_sorter_init (FazhiColumnSorter *self)
{
}

GtkSorter *
fazhi_column_sorter_new (GtkColumnViewColumn *column)
{
  FazhiColumnSorter *sorter = g_object_new (FAZHI_TYPE_COLUMN_SORTER, NULL);

  sorter->column = column;
  return GTK_SORTER (sorter);
}

GtkColumnViewColumn *
fazhi_column_view_get_sort_column (GtkColumnView *view,
                                   GtkSortType   *order)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  /* Built for the floor, so newer API is flagged: this is the one place that uses it. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkColumnViewSorter *sorter = GTK_COLUMN_VIEW_SORTER (gtk_column_view_get_sorter (view));

  *order = gtk_column_view_sorter_get_primary_sort_order (sorter);
  return gtk_column_view_sorter_get_primary_sort_column (sorter);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_autoptr(GObject) first = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) second = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering answer;

  asked_column = NULL;
  answer = gtk_sorter_compare (gtk_column_view_get_sorter (view), first, second);
  *order = answer == GTK_ORDERING_LARGER ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;

  return asked_column;
#endif
}

/* Built for the floor, newer API is flagged as unavailable: the branches for libadwaita 1.5 and
 * later know what they do. */
#if ADW_CHECK_VERSION (1, 5, 0)
# define NEWER_ADW_BEGIN G_GNUC_BEGIN_IGNORE_DEPRECATIONS
# define NEWER_ADW_END G_GNUC_END_IGNORE_DEPRECATIONS
#endif

GtkWidget *
fazhi_alert_new (const char *heading,
                 const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  NEWER_ADW_BEGIN
  return GTK_WIDGET (adw_alert_dialog_new (heading, body));
  NEWER_ADW_END
#else
  return adw_message_dialog_new (NULL, heading, body);
#endif
}

void
fazhi_alert_add_response (GtkWidget  *alert,
                          const char *id,
                          const char *label,
                          gboolean    destructive)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  NEWER_ADW_BEGIN
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), id, label);
  if (destructive)
    adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), id, ADW_RESPONSE_DESTRUCTIVE);
  NEWER_ADW_END
#else
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), id, label);
  if (destructive)
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), id, ADW_RESPONSE_DESTRUCTIVE);
#endif
}

void
fazhi_alert_set_default_response (GtkWidget  *alert,
                                  const char *id)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  NEWER_ADW_BEGIN
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), id);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), id);
  NEWER_ADW_END
#else
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (alert), id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (alert), id);
#endif
}

void
fazhi_alert_present (GtkWidget *alert,
                     GtkWidget *parent)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  NEWER_ADW_BEGIN
  adw_dialog_present (ADW_DIALOG (alert), parent);
  NEWER_ADW_END
#else
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (alert), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_present (GTK_WINDOW (alert));
#endif
}

void
fazhi_alert_respond (GtkWidget  *alert,
                     const char *id)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_autofree char *detailed = g_strconcat ("response::", id, NULL);

  NEWER_ADW_BEGIN
  /* An alert dialog has no call that chooses a response: it is what its buttons do. */
  g_signal_emit_by_name (alert, detailed, id);
  adw_dialog_force_close (ADW_DIALOG (alert));
  NEWER_ADW_END
#else
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alert), id);
  gtk_window_destroy (GTK_WINDOW (alert));
#endif
}

#if ADW_CHECK_VERSION (1, 5, 0)
static GtkWidget *
visible_dialog (GtkWindow *window)
{
  NEWER_ADW_BEGIN
  if (ADW_IS_APPLICATION_WINDOW (window))
    return GTK_WIDGET (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)));
  if (ADW_IS_WINDOW (window))
    return GTK_WIDGET (adw_window_get_visible_dialog (ADW_WINDOW (window)));
  NEWER_ADW_END

  return NULL;
}
#endif

GtkWidget *
fazhi_alert_find (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

#if ADW_CHECK_VERSION (1, 5, 0)
      if (parent == NULL || window == parent)
        found = visible_dialog (window);
#else
      if (ADW_IS_MESSAGE_DIALOG (window)
          && (parent == NULL || gtk_window_get_transient_for (window) == parent))
        found = GTK_WIDGET (window);
#endif
    }

  return found;
}

AdwToast *
fazhi_toast_new_literal (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}
