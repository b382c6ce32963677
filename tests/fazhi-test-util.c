/* fazhi-test-util.c — scaffolding the test programs share: temporary folders, databases, files */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "fazhi-test-util.h"

char *
fazhi_test_make_dir (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

gboolean
fazhi_test_remove_tree (const char *path)
{
  gboolean removed = TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          removed = fazhi_test_remove_tree (child) && removed;
        }
      return g_rmdir (path) == 0 && removed;
    }

  return g_unlink (path) == 0;
}

FazhiDatabase *
fazhi_test_open_database_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  FazhiDatabase *database = fazhi_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (database);
  return database;
}

FazhiDatabase *
fazhi_test_open_database (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);

  return fazhi_test_open_database_file (path);
}

char *
fazhi_test_read_file (const char *path,
                      gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gboolean read = g_file_get_contents (path, &contents, length, &error);

  g_assert_no_error (error);
  g_assert_true (read);
  return contents;
}

gint64
fazhi_test_query_int (sqlite3            *handle,
                      const char         *sql,
                      const char * const *values)
{
  sqlite3_stmt *statement = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &statement, NULL), ==, SQLITE_OK);
  for (int i = 0; values != NULL && values[i] != NULL; i++)
    sqlite3_bind_text (statement, i + 1, values[i], -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);

  return value;
}

/* Runs @argv; FALSE with its output in @why when it fails. */
static gboolean
run_quietly (const char * const *argv,
             char              **why)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      *why = g_strdup_printf ("%s failed: %s %s", argv[0], error->message, err != NULL ? g_strstrip (err) : "");
      return FALSE;
    }

  return TRUE;
}

gboolean
fazhi_test_mount_tmpfs (const char *dir,
                        const char *size,
                        char      **why)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0700", size);
  const char *argv[] = { "mount", "-t", "tmpfs", "-o", options, "tmpfs", dir, NULL };

  if (geteuid () != 0)
    {
      *why = g_strdup ("mounting a small tmpfs needs root");
      return FALSE;
    }

  return run_quietly (argv, why);
}

gboolean
fazhi_test_mount_fuse (const char *base,
                       const char *dir,
                       char      **why)
{
  const char *argv[] = { "rofiles-fuse", base, dir, NULL };
  g_autofree char *program = g_find_program_in_path ("rofiles-fuse");

  if (program == NULL)
    {
      *why = g_strdup ("no FUSE filesystem to mount: rofiles-fuse (Debian package ostree) is not installed");
      return FALSE;
    }
  if (!g_file_test ("/dev/fuse", G_FILE_TEST_EXISTS))
    {
      *why = g_strdup ("no /dev/fuse here");
      return FALSE;
    }

  return run_quietly (argv, why);
}

void
fazhi_test_unmount (const char *dir)
{
  const char *fusermount[] = { "fusermount3", "-u", dir, NULL };
  const char *umount[] = { "umount", dir, NULL };
  g_autofree char *why = NULL;

  if (geteuid () == 0 ? run_quietly (umount, &why) : run_quietly (fusermount, &why))
    return;
  g_test_message ("%s", why);
}
