/* fazhi-window.h — the main window: a sidebar of pages beside the page shown */
#pragma once

#include <adwaita.h>

#include "fazhi-application.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_WINDOW (fazhi_window_get_type ())
G_DECLARE_FINAL_TYPE (FazhiWindow, fazhi_window, FAZHI, WINDOW, AdwApplicationWindow)

FazhiWindow *fazhi_window_new            (FazhiApplication *application);
void         fazhi_window_show_page      (FazhiWindow      *self,
                                          const char       *name);
const char  *fazhi_window_get_page_name  (FazhiWindow      *self);
GtkWidget   *fazhi_window_get_page       (FazhiWindow      *self,
                                          const char       *name);

G_END_DECLS
