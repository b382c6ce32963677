/* main.c — starts Fazhi Ledger */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <sys/stat.h>

#include "fazhi-application.h"
#include "fazhi-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FazhiApplication) application = NULL;

  /* The ledger holds personal data: the database, its -wal and -shm, backups and exports are
   * readable by their owner only (0600), the folders made for them 0700. */
  umask (077);
  fazhi_locale_init ();

  g_set_application_name (_("Fazhi Ledger"));
  application = fazhi_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
