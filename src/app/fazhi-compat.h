/* fazhi-compat.h — the only place that knows which GTK it runs on */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The column a GtkColumnView is sorted by (NULL when none) and in which order. */
GtkColumnViewColumn *fazhi_column_view_get_sort_column (GtkColumnView *view,
                                                        GtkSortType   *order);
/* A sorter for a column of a view whose rows are sorted elsewhere (in SQL): it makes the
 * header clickable and lets fazhi_column_view_get_sort_column() find the column. */
GtkSorter           *fazhi_column_sorter_new           (GtkColumnViewColumn *column);

G_END_DECLS
