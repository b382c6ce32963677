/* fazhi-preferences-window.h — the office's settings, its communities and its compounds */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_PREFERENCES_WINDOW (fazhi_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (FazhiPreferencesWindow, fazhi_preferences_window, FAZHI, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

FazhiPreferencesWindow *fazhi_preferences_window_new (FazhiDatabase *database);

G_END_DECLS
