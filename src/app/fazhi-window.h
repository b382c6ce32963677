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
/* What the first start of a day does, in a thread: a daily backup, then the trash emptied of
 * what it has kept longer than trash_days. A toast says so if the backup cannot be made. */
void         fazhi_window_start_daily_care (FazhiWindow    *self);

G_END_DECLS
