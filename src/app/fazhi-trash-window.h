/* fazhi-trash-window.h — what the trash holds, to put back or to remove for good */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_TRASH_WINDOW (fazhi_trash_window_get_type ())
G_DECLARE_FINAL_TYPE (FazhiTrashWindow, fazhi_trash_window, FAZHI, TRASH_WINDOW, AdwWindow)

FazhiTrashWindow *fazhi_trash_window_new        (FazhiDatabase    *database);
void              fazhi_trash_window_refresh    (FazhiTrashWindow *self);
/* How many records it lists: for tests. */
guint             fazhi_trash_window_get_n_items (FazhiTrashWindow *self);

G_END_DECLS
