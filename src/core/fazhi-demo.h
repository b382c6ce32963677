/* fazhi-demo.h — the sample ledgers */
#pragma once

#include "fazhi-database.h"

G_BEGIN_DECLS

/* Fills an empty database with the sample office: individual communities, compounds, cases,
 * trainings, outreach events and elections whose 2023 figures are those of the reference report.
 * With @scale > 0, adds that many synthetic cases spread over 2021–2026 with trainings, outreach
 * and elections in proportion. One transaction. Refuses a database that already holds records. */
gboolean   fazhi_demo_fill         (FazhiDatabase  *database,
                                    guint           scale,
                                    GError        **error);

G_END_DECLS
