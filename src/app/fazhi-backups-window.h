/* fazhi-backups-window.h — the ledger's backups: make one, save a copy, restore one */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_BACKUPS_WINDOW (fazhi_backups_window_get_type ())
G_DECLARE_FINAL_TYPE (FazhiBackupsWindow, fazhi_backups_window, FAZHI, BACKUPS_WINDOW, AdwWindow)

FazhiBackupsWindow *fazhi_backups_window_new          (FazhiDatabase      *database);
/* Reads the list again, in a thread. */
void                fazhi_backups_window_refresh      (FazhiBackupsWindow *self);
/* Whether the list is being read: for tests. */
gboolean            fazhi_backups_window_is_loading   (FazhiBackupsWindow *self);
/* Asks before replacing the ledger with the backup at @path, then restores it: what the list's
 * Restore… and Restore from a File… do. */
void                fazhi_backups_window_ask_restore  (FazhiBackupsWindow *self,
                                                       const char         *path);

G_END_DECLS
