/* main.c — starts Fazhi Ledger */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fazhi-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FazhiApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Fazhi Ledger"));
  application = fazhi_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
