/* fazhi-office-dialog.h — asks a new ledger's office name and case-number prefix, once */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_OFFICE_DIALOG (fazhi_office_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FazhiOfficeDialog, fazhi_office_dialog, FAZHI, OFFICE_DIALOG, AdwWindow)

FazhiOfficeDialog *fazhi_office_dialog_new        (FazhiDatabase *database);

/* Before the first case number is made: when the database has no number prefix and was never
 * asked for one, shows the dialog over @widget's window and returns TRUE; @action_name is then
 * activated on @widget again once the dialog is closed, saved or not. Returns FALSE when there
 * is nothing to ask, and the caller goes on. */
gboolean           fazhi_office_dialog_ask_before (FazhiDatabase *database,
                                                   GtkWidget     *widget,
                                                   const char    *action_name);

G_END_DECLS
