/* fazhi-ledger-model.h — one ledger as a GListModel, read from SQL page by page */
#pragma once

#include <gio/gio.h>

#include "fazhi-database.h"
#include "fazhi-record.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_LEDGER_MODEL (fazhi_ledger_model_get_type ())
G_DECLARE_FINAL_TYPE (FazhiLedgerModel, fazhi_ledger_model, FAZHI, LEDGER_MODEL, GObject)

FazhiLedgerModel *fazhi_ledger_model_new             (FazhiDatabase    *database,
                                                      FazhiLedgerId     ledger);
FazhiLedgerId     fazhi_ledger_model_get_ledger      (FazhiLedgerModel *self);

/* Filters; NULL or "" (and 0 for year) means any. Each change refreshes the model. */
void              fazhi_ledger_model_set_search      (FazhiLedgerModel *self,
                                                      const char       *text);
void              fazhi_ledger_model_set_period      (FazhiLedgerModel *self,
                                                      int               year,
                                                      int               quarter);
void              fazhi_ledger_model_set_community   (FazhiLedgerModel *self,
                                                      const char       *name);
/* An equality filter on a choice field, e.g. ("kind", "mediation"), ("stage", "voting"). */
void              fazhi_ledger_model_set_choice      (FazhiLedgerModel *self,
                                                      const char       *field,
                                                      const char       *key);
void              fazhi_ledger_model_set_sort        (FazhiLedgerModel *self,
                                                      const char       *field,
                                                      gboolean          descending);

/* After a new filter, the rows a list shows at once may be counted before the rest (which are
 * then added at the end when the main loop is idle): "complete" says whether all are. */
gboolean          fazhi_ledger_model_get_complete    (FazhiLedgerModel *self);
void              fazhi_ledger_model_complete        (FazhiLedgerModel *self);

/* The WHERE clause (on alias t) and its text values for the current filters, for exporting the
 * rows the model shows. */
char             *fazhi_ledger_model_dup_where       (FazhiLedgerModel *self,
                                                      GStrv            *values);

G_END_DECLS
