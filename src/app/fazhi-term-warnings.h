/* fazhi-term-warnings.h — the compounds whose committee should start its election */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_TERM_WARNINGS (fazhi_term_warnings_get_type ())
G_DECLARE_FINAL_TYPE (FazhiTermWarnings, fazhi_term_warnings, FAZHI, TERM_WARNINGS, AdwBin)

FazhiTermWarnings *fazhi_term_warnings_new     (FazhiDatabase     *database);
guint              fazhi_term_warnings_get_count (FazhiTermWarnings *self);

G_END_DECLS
