/* fazhi-window.c — the main window: a sidebar of pages beside the page shown
 *
 * The sidebar folds away below 600 px or so (AdwLeaflet, libadwaita 1.2); every page then has a
 * back button. Size, maximized state and the last page are kept in the settings (fazhi-settings.c).
 * A spreadsheet dropped on the window opens the import assistant for the ledger shown. At the
 * first start of each day a thread of its own backs the ledger up and empties the trash of what
 * it has kept long enough (fazhi_window_start_daily_care()).
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fazhi-backup.h"
#include "fazhi-compat.h"
#include "fazhi-history.h"
#include "fazhi-ledger-page.h"
#include "fazhi-ledger-views.h"
#include "fazhi-overview-page.h"
#include "fazhi-report-page.h"
#include "fazhi-settings.h"
#include "fazhi-term-warnings.h"
#include "fazhi-window.h"

typedef struct
{
  const char   *name;
  const char   *title;        /* N_() */
  const char   *icon_name;
  int           ledger;       /* a FazhiLedgerId, or -1 */
} PageInfo;

static const PageInfo pages[] = {
  { "overview", N_("Overview"), "view-grid-symbolic", -1 },
  { "cases", N_("Cases"), "folder-documents-symbolic", FAZHI_LEDGER_CASES },
  { "trainings", N_("Trainings"), "x-office-presentation-symbolic", FAZHI_LEDGER_TRAININGS },
  { "outreach", N_("Outreach"), "user-info-symbolic", FAZHI_LEDGER_OUTREACH },
  { "elections", N_("Elections"), "mail-send-symbolic", FAZHI_LEDGER_ELECTIONS },
  { "report", N_("Report"), "x-office-document-symbolic", -1 },
};

struct _FazhiWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkStack             *stack;
};

G_DEFINE_FINAL_TYPE (FazhiWindow, fazhi_window, ADW_TYPE_APPLICATION_WINDOW)

static const PageInfo *
page_info (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].name, name) == 0)
      return &pages[i];

  return NULL;
}

static void
bind_to_fold (FazhiWindow  *self,
              AdwHeaderBar *header_bar,
              GtkWidget    *back_button)
{
  g_object_bind_property (self->leaflet, "folded", header_bar, "show-start-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", back_button, "visible", G_BINDING_SYNC_CREATE);
}

static GtkWidget *
sidebar_row (const PageInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);

  return row;
}

void
fazhi_window_show_page (FazhiWindow *self,
                        const char  *name)
{
  GtkListBoxRow *row;

  g_return_if_fail (FAZHI_IS_WINDOW (self));

  if (page_info (name) == NULL)
    name = "cases";

  gtk_stack_set_visible_child_name (self->stack, name);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), name))
      gtk_list_box_select_row (self->sidebar_list, row);

  fazhi_settings_set_string ("last-page", name);
}

static void
sidebar_row_activated_cb (FazhiWindow   *self,
                          GtkListBoxRow *row)
{
  fazhi_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FazhiWindow *self = FAZHI_WINDOW (widget);

  fazhi_window_show_page (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_sidebar_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FazhiWindow *self = FAZHI_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Ctrl+N, Ctrl+F and Ctrl+Z act on the ledger shown wherever the focus is. */
static void
forward_to_page (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FazhiWindow *self = FAZHI_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  g_autofree char *page_action = g_strconcat ("ledger.", action_name + strlen ("win."), NULL);

  if (FAZHI_IS_LEDGER_PAGE (page))
    gtk_widget_activate_action (page, page_action, NULL);
}

/* A sheet dropped on the window goes into the ledger shown, or into the cases when no ledger is. */
static gboolean
file_dropped_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 FazhiWindow   *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  g_autoptr(GFile) file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      /* One sheet at a time: the first of several. */
      if (files != NULL)
        file = g_object_ref (files->data);
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_dup_object (value);
  if (file == NULL)
    return FALSE;

  if (!FAZHI_IS_LEDGER_PAGE (page))
    {
      fazhi_window_show_page (self, "cases");
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      page = gtk_stack_get_visible_child (self->stack);
    }
  fazhi_ledger_page_import_file (FAZHI_LEDGER_PAGE (page), file);

  return TRUE;
}

typedef struct
{
  char *path;
  char *clerk;
} DailyCare;

static void
daily_care_free (DailyCare *care)
{
  g_free (care->path);
  g_free (care->clerk);
  g_free (care);
}

/* On a connection of its own: the copy takes a moment on a big ledger, and the first frame
 * does not wait for it. The backup comes first, so that it still holds what is purged. */
static void
daily_care_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DailyCare *care = task_data;
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = fazhi_application_open_database (care->path, care->clerk, &error);
  if (database == NULL || !fazhi_backup_daily (database, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (fazhi_trash_purge_expired (database, &error) < 0)
    g_debug ("The trash was not emptied of its old records: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
daily_care_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FazhiWindow *self = FAZHI_WINDOW (source);
  g_autoptr(GError) error = NULL;

  /* A window closed meanwhile has no one to tell. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) && self->toast_overlay != NULL)
    {
      /* Translators: %s says why, as the database or the file system said it */
      g_autofree char *message = g_strdup_printf (_("Today’s backup was not made: %s"), error->message);
      AdwToast *toast = fazhi_toast_new_literal (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

void
fazhi_window_start_daily_care (FazhiWindow *self)
{
  FazhiApplication *application = FAZHI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  FazhiDatabase *database = fazhi_application_get_database (application);
  g_autoptr(GTask) task = NULL;
  DailyCare *care;

  g_return_if_fail (FAZHI_IS_WINDOW (self));

  care = g_new0 (DailyCare, 1);
  care->path = g_strdup (fazhi_database_get_path (database));
  care->clerk = g_strdup (fazhi_database_get_clerk (database));
  /* The task holds the window until the thread is done. */
  task = g_task_new (self, NULL, daily_care_done, NULL);
  g_task_set_task_data (task, care, (GDestroyNotify) daily_care_free);
  g_task_run_in_thread (task, daily_care_thread);
}

static gboolean
fazhi_window_close_request (GtkWindow *window)
{
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  fazhi_settings_set_int ("window-width", width);
  fazhi_settings_set_int ("window-height", height);
  fazhi_settings_set_boolean ("window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (fazhi_window_parent_class)->close_request (window);
}

static void
fazhi_window_dispose (GObject *object)
{
  FazhiWindow *self = FAZHI_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FAZHI_TYPE_WINDOW);

  G_OBJECT_CLASS (fazhi_window_parent_class)->dispose (object);
}

static void
fazhi_window_class_init (FazhiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fazhi_window_dispose;
  window_class->close_request = fazhi_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fazhi/Ledger/ui/fazhi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FazhiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FazhiWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FazhiWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, FazhiWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, forward_to_page);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, forward_to_page);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, forward_to_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}

static void
fazhi_window_init (FazhiWindow *self)
{
  GtkDropTarget *drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_target_set_gtypes (drop_target, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (drop_target, "drop", G_CALLBACK (file_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

FazhiWindow *
fazhi_window_new (FazhiApplication *application)
{
  FazhiWindow *self = g_object_new (FAZHI_TYPE_WINDOW, "application", application, NULL);
  FazhiDatabase *database = fazhi_application_get_database (application);
  g_autofree char *last_page = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      const PageInfo *info = &pages[i];
      GtkWidget *page;

      if (info->ledger >= 0)
        {
          FazhiLedgerPage *ledger_page = fazhi_ledger_page_new (database, info->ledger);

          bind_to_fold (self, fazhi_ledger_page_get_header_bar (ledger_page),
                        fazhi_ledger_page_get_back_button (ledger_page));
          if (info->ledger == FAZHI_LEDGER_ELECTIONS)
            fazhi_ledger_page_add_top (ledger_page, GTK_WIDGET (fazhi_term_warnings_new (database)));
          page = GTK_WIDGET (ledger_page);
        }
      else if (g_str_equal (info->name, "overview"))
        {
          FazhiOverviewPage *overview = fazhi_overview_page_new (database);

          bind_to_fold (self, fazhi_overview_page_get_header_bar (overview),
                        fazhi_overview_page_get_back_button (overview));
          page = GTK_WIDGET (overview);
        }
      else
        {
          FazhiReportPage *report = fazhi_report_page_new (database);

          bind_to_fold (self, fazhi_report_page_get_header_bar (report),
                        fazhi_report_page_get_back_button (report));
          page = GTK_WIDGET (report);
        }

      gtk_stack_add_named (self->stack, page, info->name);
      gtk_list_box_append (self->sidebar_list, sidebar_row (info));
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               fazhi_settings_get_int ("window-width"),
                               fazhi_settings_get_int ("window-height"));
  if (fazhi_settings_get_boolean ("window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = fazhi_settings_get_string ("last-page");
  fazhi_window_show_page (self, last_page);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));

  return self;
}

const char *
fazhi_window_get_page_name (FazhiWindow *self)
{
  g_return_val_if_fail (FAZHI_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
fazhi_window_get_page (FazhiWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (FAZHI_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}
