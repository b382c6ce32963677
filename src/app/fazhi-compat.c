/* fazhi-compat.c — the only place that knows which GTK it runs on
 *
 * GTK 4.10 tells which column a column view is sorted by; GTK 4.8, the floor, does not. There the
 * columns' sorters answer for themselves: asked to compare, the view's sorter consults the sort
 * column's sorter first and turns its answer around when sorting down, so one comparison reveals
 * both the column and the order.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

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
