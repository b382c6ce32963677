/* fuzz-replay.c — a harness without libFuzzer: feeds it the files it is given
 *
 * `fuzz-replay-NAME FOLDER|FILE…` calls the harness's LLVMFuzzerTestOneInput() once per file
 * (a folder's files in the order of their names), as libFuzzer does when given files to run.
 * `meson test` runs each harness this way over its seed corpus and the inputs that once made it
 * fail (tests/fuzz/regressions/NAME/), with whatever compiler and sanitizers the build has. A
 * folder that does not exist has nothing to replay: a harness has no regressions until a fuzzer
 * finds one.
 */

#define G_LOG_DOMAIN "fazhi-fuzz"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "fazhi-fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static guint
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree guint8 *input = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);

  g_print ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  /* A copy of its exact size, without the NUL that g_file_get_contents() adds, so that
   * AddressSanitizer sees a read past its end as libFuzzer's inputs show it. */
  input = g_malloc (MAX (length, 1));
  memcpy (input, contents, length);
  LLVMFuzzerTestOneInput (input, length);
  return 1;
}

static guint
replay_folder (const char *path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    {
      g_print ("# %s: nothing to replay (%s)\n", path, error->message);
      return 0;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (path, name, NULL));
  g_ptr_array_sort (files, compare_names);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        n += replay_file (file);
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  setlocale (LC_ALL, "");

  for (int i = 1; i < argc; i++)
    n += g_file_test (argv[i], G_FILE_TEST_IS_DIR) || !g_file_test (argv[i], G_FILE_TEST_EXISTS)
         ? replay_folder (argv[i]) : replay_file (argv[i]);

  g_print ("# %u inputs replayed\n", n);
  return 0;
}
