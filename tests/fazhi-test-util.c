/* fazhi-test-util.c — scaffolding the test programs share: temporary folders, databases, files */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gstdio.h>

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
