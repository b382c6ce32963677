/* fazhi-stats.h — the figures of a period, exactly as the domain reference defines them */
#pragma once

#include "fazhi-database.h"
#include "fazhi-value.h"

G_BEGIN_DECLS

typedef struct _FazhiStats FazhiStats;

typedef enum
{
  FAZHI_STAT_COUNT,    /* a whole number */
  FAZHI_STAT_DECIMAL,  /* hundredths, such as training hours */
  FAZHI_STAT_RATE,     /* a fraction; may be null when its denominator is 0 */
} FazhiStatKind;

/* Computes every figure of @period; "today" (for overdue mediations and filings) is
 * fazhi_date_today(). Returns NULL with @error set when the database cannot be read. */
FazhiStats    *fazhi_stats_compute      (FazhiDatabase      *database,
                                         const FazhiPeriod  *period,
                                         GError            **error);
void           fazhi_stats_free         (FazhiStats         *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiStats, fazhi_stats_free)

const FazhiPeriod *fazhi_stats_get_period (FazhiStats       *stats);

/* Looks a figure up by its dotted key, e.g. "mediation.received", "training.by_audience.staff.sessions".
 * Returns FALSE for an unknown key. A rate with a zero denominator is found with @is_null TRUE.
 * @value: counts as is; decimals in hundredths; rates as a fraction. */
gboolean       fazhi_stats_lookup       (FazhiStats         *stats,
                                         const char         *key,
                                         FazhiStatKind      *kind,
                                         double             *value,
                                         gboolean           *is_null);
/* Every dotted key, in the order of the JSON. */
GPtrArray     *fazhi_stats_keys         (FazhiStats         *stats);
/* The JSON of the domain reference, pretty-printed with two-space indents, ending in a newline. */
char          *fazhi_stats_to_json      (FazhiStats         *stats);

G_END_DECLS
