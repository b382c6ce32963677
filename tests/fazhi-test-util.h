/* fazhi-test-util.h — scaffolding the test programs share: temporary folders, databases, files */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

/* A new folder from a g_dir_make_tmp() template; the test fails if it cannot be made. */
char          *fazhi_test_make_dir           (const char         *template);
/* Removes a file, or a folder and all it holds without following links; TRUE if all of it went. */
gboolean       fazhi_test_remove_tree        (const char         *path);
/* Opens (creating it if need be) the database file at @path; the test fails if it does not open. */
FazhiDatabase *fazhi_test_open_database_file (const char         *path);
/* Opens (creating it if need be) ledger.db in the folder @dir. */
FazhiDatabase *fazhi_test_open_database      (const char         *dir);
/* The whole of the file at @path (@length may be NULL); the test fails if it cannot be read. */
char          *fazhi_test_read_file          (const char         *path,
                                              gsize              *length);
/* The integer in the first column of the first row of @sql, @values (NULL-terminated, or NULL)
 * bound as text in order; the test fails if the statement has no row. */
gint64         fazhi_test_query_int          (sqlite3            *handle,
                                              const char         *sql,
                                              const char * const *values);

/* Mounts a tmpfs of @size ("2m") on the folder @dir (a full disk for the tests); FALSE, with
 * @why for g_test_skip(), when it cannot (not root, no mount in this container). */
gboolean       fazhi_test_mount_tmpfs        (const char         *dir,
                                              const char         *size,
                                              char              **why);
/* Mounts @base on the folder @dir through FUSE (ostree's rofiles-fuse: new files can be made);
 * FALSE, with @why, when it cannot. */
gboolean       fazhi_test_mount_fuse         (const char         *base,
                                              const char         *dir,
                                              char              **why);
void           fazhi_test_unmount            (const char         *dir);

G_END_DECLS
