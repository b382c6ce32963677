/* fazhi-window.h — the main window */
#pragma once

#include <adwaita.h>

#include "fazhi-application.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_WINDOW (fazhi_window_get_type ())
G_DECLARE_FINAL_TYPE (FazhiWindow, fazhi_window, FAZHI, WINDOW, AdwApplicationWindow)

FazhiWindow *fazhi_window_new (FazhiApplication *application);

G_END_DECLS
