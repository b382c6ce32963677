/* fazhi-import-dialog.h — the import assistant: a sheet's columns, checked and imported */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"
#include "fazhi-ledger.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_IMPORT_DIALOG (fazhi_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FazhiImportDialog, fazhi_import_dialog, FAZHI, IMPORT_DIALOG, AdwWindow)

/* Opens @path for an import into @ledger of @database, with the sheet, header row and columns
 * found (or those chosen last time for that header). NULL, with @error naming the file, when it
 * cannot be read. Emits "imported" (added, updated, already there: three gint64) once an import
 * is written, then closes. */
FazhiImportDialog *fazhi_import_dialog_new         (FazhiDatabase     *database,
                                                    FazhiLedgerId      ledger,
                                                    const char        *path,
                                                    GError           **error);
/* Whether a check or an import is running. */
gboolean           fazhi_import_dialog_get_running (FazhiImportDialog *self);

G_END_DECLS
