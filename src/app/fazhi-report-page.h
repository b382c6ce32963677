/* fazhi-report-page.h — the annual report and the quarterly summaries: edit, preview, print, export */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_REPORT_PAGE (fazhi_report_page_get_type ())
G_DECLARE_FINAL_TYPE (FazhiReportPage, fazhi_report_page, FAZHI, REPORT_PAGE, AdwBin)

FazhiReportPage *fazhi_report_page_new             (FazhiDatabase   *database);
AdwHeaderBar    *fazhi_report_page_get_header_bar  (FazhiReportPage *self);
GtkWidget       *fazhi_report_page_get_back_button (FazhiReportPage *self);
/* Shows the annual report (quarter 0) or a quarter's summary of @year. */
void             fazhi_report_page_set_period      (FazhiReportPage *self,
                                                    int              year,
                                                    int              quarter);
guint            fazhi_report_page_get_n_pages     (FazhiReportPage *self);

G_END_DECLS
