/* fazhi-compat.h — the only place that knows which GTK it runs on */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The column a GtkColumnView is sorted by (NULL when none) and in which order. */
GtkColumnViewColumn *fazhi_column_view_get_sort_column (GtkColumnView *view,
                                                        GtkSortType   *order);
/* A sorter for a column of a view whose rows are sorted elsewhere (in SQL): it makes the
 * header clickable and lets fazhi_column_view_get_sort_column() find the column. */
GtkSorter           *fazhi_column_sorter_new           (GtkColumnViewColumn *column);

G_END_DECLS

G_BEGIN_DECLS

/* A question or a message over a window: AdwMessageDialog at the floor, AdwAlertDialog from
 * libadwaita 1.5 on, where the former is deprecated (and warns when shown). Both emit
 * "response" with the id chosen. */
GtkWidget           *fazhi_alert_new                   (const char    *heading,
                                                        const char    *body);
void                 fazhi_alert_add_response          (GtkWidget     *alert,
                                                        const char    *id,
                                                        const char    *label,
                                                        gboolean       destructive);
/* The response of Enter and of Escape. */
void                 fazhi_alert_set_default_response  (GtkWidget     *alert,
                                                        const char    *id);
void                 fazhi_alert_present               (GtkWidget     *alert,
                                                        GtkWidget     *parent);
/* Answers @alert as if the response @id had been chosen, and closes it. */
void                 fazhi_alert_respond               (GtkWidget     *alert,
                                                        const char    *id);
/* The alert shown over @parent (any window when NULL), or NULL. */
GtkWidget           *fazhi_alert_find                  (GtkWindow     *parent);

G_END_DECLS

G_BEGIN_DECLS

/* A toast whose title is shown as written: at the floor a toast's title is always markup
 * (libadwaita 1.4 made that optional), so a file name or an error message is escaped. */
AdwToast            *fazhi_toast_new_literal           (const char    *title);

G_END_DECLS
