/* fazhi-application.c — opens the database once and shows the window */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-app-resources.h"
#include "fazhi-application.h"
#include "fazhi-backups-window.h"
#include "fazhi-preferences-window.h"
#include "fazhi-settings.h"
#include "fazhi-trash-window.h"
#include "fazhi-window.h"

struct _FazhiApplication
{
  AdwApplication  parent_instance;

  char           *database_option;
  FazhiDatabase  *database;
};

G_DEFINE_FINAL_TYPE (FazhiApplication, fazhi_application, ADW_TYPE_APPLICATION)

static int
fazhi_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  FazhiApplication *self = FAZHI_APPLICATION (application);

  g_variant_dict_lookup (options, "database", "^ay", &self->database_option);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("fazhi %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
show_open_error (FazhiApplication *self,
                 GError           *error)
{
  /* Without its database the program has nothing to show but the reason, in a window of its own
   * that ends the program when closed. */
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The ledger database cannot be opened"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), _("Fazhi Ledger"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 420);
  gtk_window_present (GTK_WINDOW (window));
}

static void
fazhi_application_activate (GApplication *application)
{
  FazhiApplication *self = FAZHI_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->database == NULL)
    {
      g_autofree char *path = fazhi_database_default_path (self->database_option);
      g_autofree char *clerk = fazhi_application_dup_clerk ();

      self->database = fazhi_application_open_database (path, clerk, &error);
      if (self->database == NULL)
        {
          show_open_error (self, error);
          return;
        }
    }

  window = GTK_WINDOW (fazhi_window_new (self));
  gtk_window_present (window);
  /* The first start of the day backs the ledger up, in a thread, behind the first frame. */
  fazhi_window_start_daily_care (FAZHI_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Fazhi Ledger contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "application-name", _("Fazhi Ledger"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("The legal-affairs ledgers of a street office, and the reports made from them"),
                        "website", "https://github.com/fazhi/ledger",
                        "issue-url", "https://github.com/fazhi/ledger/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FazhiApplication *self = FAZHI_APPLICATION (user_data);
  FazhiPreferencesWindow *preferences;

  if (self->database == NULL)
    return;

  preferences = fazhi_preferences_window_new (self->database);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The trash and the backups, over the window they were asked for from. */
static void
present_over_window (FazhiApplication *self,
                     GtkWindow        *window)
{
  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static void
trash_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  FazhiApplication *self = FAZHI_APPLICATION (user_data);

  if (self->database != NULL)
    present_over_window (self, GTK_WINDOW (fazhi_trash_window_new (self->database)));
}

static void
backups_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  FazhiApplication *self = FAZHI_APPLICATION (user_data);

  if (self->database != NULL)
    present_over_window (self, GTK_WINDOW (fazhi_backups_window_new (self->database)));
}

static void
fazhi_application_startup (GApplication *application)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated },
    { "about", about_activated },
    { "preferences", preferences_activated },
    { "trash", trash_activated },
    { "backups", backups_activated },
  };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (fazhi_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences", preferences_accels);
}

static void
fazhi_application_finalize (GObject *object)
{
  FazhiApplication *self = FAZHI_APPLICATION (object);

  g_clear_object (&self->database);
  g_free (self->database_option);

  G_OBJECT_CLASS (fazhi_application_parent_class)->finalize (object);
}

static void
fazhi_application_class_init (FazhiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  /* Registered before any widget class looks for its template. */
  fazhi_app_register_resource ();

  object_class->finalize = fazhi_application_finalize;
  application_class->activate = fazhi_application_activate;
  application_class->startup = fazhi_application_startup;
  application_class->handle_local_options = fazhi_application_handle_local_options;
}

static void
fazhi_application_init (FazhiApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The ledger database to open"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

FazhiApplication *
fazhi_application_new (void)
{
  return g_object_new (FAZHI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/fazhi/Ledger",
                       NULL);
}

FazhiDatabase *
fazhi_application_get_database (FazhiApplication *self)
{
  g_return_val_if_fail (FAZHI_IS_APPLICATION (self), NULL);

  return self->database;
}

/* Uses @database instead of opening one: for tests and for a window on another file. */
void
fazhi_application_set_database (FazhiApplication *self,
                                FazhiDatabase    *database)
{
  g_return_if_fail (FAZHI_IS_APPLICATION (self));

  g_set_object (&self->database, database);
}

char *
fazhi_application_dup_clerk (void)
{
  g_autofree char *clerk = fazhi_settings_get_string ("clerk-name");

  g_strstrip (clerk);
  return *clerk != '\0' ? g_steal_pointer (&clerk) : NULL;
}

FazhiDatabase *
fazhi_application_open_database (const char  *path,
                                 const char  *clerk,
                                 GError     **error)
{
  FazhiDatabase *database = fazhi_database_open (path, error);

  if (database != NULL)
    fazhi_database_set_clerk (database, clerk);

  return database;
}
