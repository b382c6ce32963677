/* fazhi-locale.c — the locale and the translations of both programs
 *
 * A program installed under a DESTDIR (build-aux/dev run stages one inside the build folder) or
 * moved with its tree is not where its prefix says: its translations are looked for relative to
 * the binary first, as its installed layout places them.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fazhi-locale.h"

char *
fazhi_locale_dir (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);

  if (program != NULL && LOCALEDIR_FROM_BINDIR[0] != '\0')
    {
      g_autofree char *bindir = g_path_get_dirname (program);
      g_autofree char *beside = g_canonicalize_filename (LOCALEDIR_FROM_BINDIR, bindir);

      if (g_file_test (beside, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&beside);
    }

  return g_strdup (LOCALEDIR);
}

void
fazhi_locale_init (void)
{
  g_autofree char *dir = fazhi_locale_dir ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
