/* fazhi-window.c — the main window */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-window.h"

struct _FazhiWindow
{
  AdwApplicationWindow  parent_instance;
};

G_DEFINE_FINAL_TYPE (FazhiWindow, fazhi_window, ADW_TYPE_APPLICATION_WINDOW)

static void
fazhi_window_class_init (FazhiWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-window.ui");
}

static void
fazhi_window_init (FazhiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FazhiWindow *
fazhi_window_new (FazhiApplication *application)
{
  return g_object_new (FAZHI_TYPE_WINDOW, "application", application, NULL);
}
