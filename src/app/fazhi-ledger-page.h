/* fazhi-ledger-page.h — one ledger in the window: list, search, filters, editing */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"
#include "fazhi-ledger-model.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_LEDGER_PAGE (fazhi_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (FazhiLedgerPage, fazhi_ledger_page, FAZHI, LEDGER_PAGE, AdwBin)

FazhiLedgerPage  *fazhi_ledger_page_new            (FazhiDatabase   *database,
                                                    FazhiLedgerId    ledger);
FazhiLedgerModel *fazhi_ledger_page_get_model      (FazhiLedgerPage *self);
AdwHeaderBar     *fazhi_ledger_page_get_header_bar (FazhiLedgerPage *self);
GtkWidget        *fazhi_ledger_page_get_back_button (FazhiLedgerPage *self);
void              fazhi_ledger_page_select         (FazhiLedgerPage *self,
                                                    guint            position);
void              fazhi_ledger_page_add_top        (FazhiLedgerPage *self,
                                                    GtkWidget       *widget);
void              fazhi_ledger_page_set_choice_filter (FazhiLedgerPage *self,
                                                       const char      *field,
                                                       const char      *key);
/* Opens the import assistant for @file (asking for the office first where cases are numbered),
 * or says why the file cannot be imported; a toast says what was imported. */
void              fazhi_ledger_page_import_file    (FazhiLedgerPage *self,
                                                    GFile           *file);

G_END_DECLS
