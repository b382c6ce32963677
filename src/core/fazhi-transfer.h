/* fazhi-transfer.h — exporting ledgers to CSV and XLSX (fazhi-import.h brings them in) */
#pragma once

#include "fazhi-database.h"
#include "fazhi-value.h"

G_BEGIN_DECLS

/* Called now and then during a long import with the fraction done (0..1). */
typedef void (*FazhiProgressFunc) (double fraction, gpointer user_data);

/* Which rows of a ledger to export: all (period NULL), or those whose deciding date falls in
 * the period; optionally filtered further by a WHERE clause fragment with bound text values
 * (as the list model builds it). */
typedef struct
{
  const FazhiPeriod  *period;
  const char         *where;       /* extra condition on table alias t, or NULL */
  const char * const *where_args;  /* text values bound to its ? in order, NULL-terminated */
  gboolean            unmasked;    /* phone numbers as they are: to move or keep the ledger */
} FazhiExportFilter;

/* Writes the rows to @path as CSV (UTF-8 with BOM, Chinese label headers, importable again) or
 * XLSX, chosen by the file's extension; personal data is masked unless @filter says unmasked.
 * In a CSV, a text that a spreadsheet would run as a formula starts with a quote. An XLSX sheet has a title row
 * (the office's name when it is set, the ledger, the period of @filter) above the header row,
 * which is frozen; dates are date cells, numbers numbers, columns as wide as their contents.
 * Returns the number of rows written, or -1 with @error set (and no file left behind). */
gint64     fazhi_export            (FazhiDatabase           *database,
                                    FazhiLedgerId            ledger,
                                    const FazhiExportFilter *filter,
                                    const char              *path,
                                    GError                 **error);

G_END_DECLS
