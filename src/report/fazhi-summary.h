/* fazhi-summary.h — the quarterly summary: tables of the quarter's figures */
#pragma once

#include "fazhi-database.h"
#include "fazhi-document.h"

G_BEGIN_DECLS

/* Title, office and date, then tables: each indicator for the quarter, the year to date, the
 * same quarter a year earlier and the change; mediations by category; outreach by theme; and
 * the figures per community. */
FazhiDocument *fazhi_summary_build (FazhiDatabase  *database,
                                    int             year,
                                    int             quarter,
                                    GError        **error);

G_END_DECLS
