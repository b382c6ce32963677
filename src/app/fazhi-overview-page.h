/* fazhi-overview-page.h — the year at a glance, and what needs attention now */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_OVERVIEW_PAGE (fazhi_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (FazhiOverviewPage, fazhi_overview_page, FAZHI, OVERVIEW_PAGE, AdwBin)

FazhiOverviewPage *fazhi_overview_page_new             (FazhiDatabase     *database);
AdwHeaderBar      *fazhi_overview_page_get_header_bar  (FazhiOverviewPage *self);
GtkWidget         *fazhi_overview_page_get_back_button (FazhiOverviewPage *self);
/* The text of the card for a statistic key (e.g. "mediation.received"), for tests. */
const char        *fazhi_overview_page_get_figure      (FazhiOverviewPage *self,
                                                        const char        *key);

G_END_DECLS
