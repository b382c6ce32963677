/* test-faults.c — the ledger on a full disk, in a network folder, and written by a newer version */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "fazhi-backup.h"
#include "fazhi-database.h"
#include "fazhi-database-private.h"
#include "fazhi-import.h"
#include "fazhi-test-util.h"

#define APPLICATION_ID 0x467a4c67  /* "FzLg" */

typedef struct
{
  char *folder;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = fazhi_test_make_dir ("fazhi-faults-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fazhi_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static GBytes *
read_bytes (const char *path)
{
  gsize length = 0;
  char *contents = fazhi_test_read_file (path, &length);

  return g_bytes_new_take (contents, length);
}

static void
exec_sql (sqlite3    *handle,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
assert_no_companions (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static char *
write_cases (const char *folder,
             const char *name,
             guint       n)
{
  g_autoptr(GString) csv = g_string_new ("kind,title,received_on,applicant,notes\n");
  char *path = g_build_filename (folder, name, NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "consultation,一件写满磁盘的咨询 %u,2024-%02u-%02u,申请人%u,%s\n",
                            i, 1 + i % 12, 1 + i % 28, i, "这一行的备注让每条记录大一些，磁盘满得更快。");
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

/* The filesystems statfs() names: over a network or through FUSE the ledger is refused. */
static void
test_network_magic (void)
{
  struct
  {
    long        f_type;
    const char *name;  /* NULL: local */
  } filesystems[] = {
    { 0x6969, "NFS" },
    { 0x517b, "SMB" },
    { 0xff534d42, "CIFS" },
    { (long) (gint32) 0xff534d42, "CIFS" },  /* as a 32-bit system's f_type has it */
    { 0xfe534d42, "SMB2" },
    { 0x65735546, "FUSE" },
    { 0x01021997, "9P" },
    { 0x73757245, "Coda" },
    { 0x5346414f, "AFS" },
    { 0x00c36400, "Ceph" },
    { 0xef53, NULL },        /* ext2/3/4 */
    { 0x01021994, NULL },    /* tmpfs */
    { 0x9123683e, NULL },    /* btrfs */
    { 0x58465342, NULL },    /* XFS */
    { 0x794c7630, NULL },    /* overlayfs */
    { 0x2fc12fc1, NULL },    /* ZFS */
    { 0x4d44, NULL },        /* FAT (a USB stick) */
    { 0x5346544e, NULL },    /* NTFS, the kernel's */
  };

  for (guint i = 0; i < G_N_ELEMENTS (filesystems); i++)
    {
      const char *name = NULL;
      gboolean network = fazhi_database_filesystem_is_network (filesystems[i].f_type, &name);

      g_assert_cmpint (network, ==, filesystems[i].name != NULL);
      g_assert_cmpstr (name, ==, filesystems[i].name);
    }
}

/* A real FUSE mount: a new ledger is not created there, an existing one is not opened. */
static void
test_network_fuse (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *real = g_build_filename (fixture->folder, "real", NULL);
  g_autofree char *mount = g_build_filename (fixture->folder, "mount", NULL);
  g_autofree char *existing_real = g_build_filename (real, "existing.db", NULL);
  g_autofree char *existing = g_build_filename (mount, "existing.db", NULL);
  g_autofree char *fresh = g_build_filename (mount, "new", "ledger.db", NULL);
  g_autofree char *fresh_real = g_build_filename (real, "new", NULL);
  g_autofree char *why = NULL;
  g_autoptr(GError) fresh_error = NULL;
  g_autoptr(GError) existing_error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  FazhiDatabase *database;

  g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (mount, 0700), ==, 0);
  g_object_unref (fazhi_test_open_database_file (existing_real));
  before = read_bytes (existing_real);

  if (!fazhi_test_mount_fuse (real, mount, &why))
    {
      g_test_skip (why);
      return;
    }
  database = fazhi_database_open (fresh, &fresh_error);
  g_assert_null (database);
  database = fazhi_database_open (existing, &existing_error);
  g_assert_null (database);
  fazhi_test_unmount (mount);

  g_assert_error (fresh_error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NETWORK_FOLDER);
  g_test_message ("%s", fresh_error->message);
  g_assert_nonnull (strstr (fresh_error->message, "new/ledger.db"));
  g_assert_nonnull (strstr (fresh_error->message, "FUSE"));
  g_assert_nonnull (strstr (fresh_error->message, "locking"));
  g_assert_nonnull (strstr (fresh_error->message, "postgresql://"));
  g_assert_false (g_file_test (fresh_real, G_FILE_TEST_EXISTS));

  g_assert_error (existing_error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NETWORK_FOLDER);
  g_assert_nonnull (strstr (existing_error->message, "existing.db"));
  after = read_bytes (existing_real);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (existing_real);
}

/* A newer version's ledger in WAL mode, as that version leaves it: refused before SQLite opens
 * it, so that not even a -wal or -shm file appears beside it. */
static void
test_newer_in_wal_mode (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "ledger.db", NULL);
  g_autofree char *future = g_strdup_printf ("PRAGMA journal_mode = WAL; PRAGMA application_id = %d; "
                                             "PRAGMA user_version = 99; CREATE TABLE cases (id INTEGER PRIMARY KEY)",
                                             APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  FazhiDatabase *database;
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  exec_sql (handle, future);
  sqlite3_close (handle);
  assert_no_companions (path);
  before = read_bytes (path);

  database = fazhi_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_nonnull (strstr (error->message, "99"));

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (path);
}

/* The newer version is still running: its new schema version is only in the WAL yet. The
 * header looks old, but nothing is written before SQLite is asked, and it is refused too. */
static void
test_newer_only_in_wal (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  FazhiDatabase *database;
  sqlite3 *newer = NULL;

  g_object_unref (fazhi_test_open_database_file (path));
  g_assert_cmpint (sqlite3_open (path, &newer), ==, SQLITE_OK);
  exec_sql (newer, "PRAGMA wal_autocheckpoint = 0");
  exec_sql (newer, "PRAGMA user_version = 99");
  before = read_bytes (path);

  database = fazhi_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_TOO_NEW);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (fazhi_test_query_int (newer, "PRAGMA user_version", NULL), ==, 99);
  sqlite3_close (newer);
}

static gboolean
mount_small_disk (Fixture *fixture,
                  char   **disk)
{
  g_autofree char *why = NULL;

  *disk = g_build_filename (fixture->folder, "disk", NULL);
  g_assert_cmpint (g_mkdir (*disk, 0700), ==, 0);
  if (!fazhi_test_mount_tmpfs (*disk, "2m", &why))
    {
      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

/* An import that fills the disk: a message that says so and names the file; the ledger as it
 * was, and sound. */
static void
test_disk_full_import (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *disk = NULL;
  g_autofree char *path = NULL;
  g_autofree char *few = write_cases (fixture->folder, "few.csv", 10);
  g_autofree char *many = write_cases (fixture->folder, "many.csv", 40000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  FazhiDatabase *database;
  gint64 imported, count;

  if (!mount_small_disk (fixture, &disk))
    return;
  path = g_build_filename (disk, "ledger.db", NULL);

  database = fazhi_test_open_database_file (path);
  imported = fazhi_import_file (database, FAZHI_LEDGER_CASES, few, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported, ==, 10);

  imported = fazhi_import_file (database, FAZHI_LEDGER_CASES, many, NULL, NULL, NULL, &error);
  g_object_unref (database);

  database = fazhi_database_open (path, NULL);
  count = database != NULL ? fazhi_database_count (database, FAZHI_LEDGER_CASES) : -1;
  problems = database != NULL ? fazhi_database_check (database, NULL) : NULL;
  g_clear_object (&database);
  fazhi_test_unmount (disk);

  g_assert_cmpint (imported, ==, -1);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (count, ==, 10);
  g_assert_nonnull (problems);
  g_assert_cmpint (problems->len, ==, 0);
}

/* A backup on a full disk fails with a message that says so, and leaves nothing behind. */
static void
test_disk_full_backup (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *disk = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *backups = NULL;
  g_autofree char *made = NULL;
  g_autofree char *few = write_cases (fixture->folder, "few.csv", 200);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  FazhiDatabase *database;
  char block[65536];
  guint leftovers = 0;
  FILE *file;

  if (!mount_small_disk (fixture, &disk))
    return;
  path = g_build_filename (disk, "ledger.db", NULL);
  filler = g_build_filename (disk, "filler", NULL);
  backups = g_build_filename (disk, "backups", NULL);

  database = fazhi_test_open_database_file (path);
  g_assert_cmpint (fazhi_import_file (database, FAZHI_LEDGER_CASES, few, NULL, NULL, NULL, NULL), ==, 200);
  memset (block, 'x', sizeof block);
  file = g_fopen (filler, "wb");
  g_assert_nonnull (file);
  while (fwrite (block, 1, sizeof block, file) == sizeof block && fflush (file) == 0)
    ;
  fclose (file);

  made = fazhi_backup_make (database, FAZHI_BACKUP_MANUAL, &error);
  left = fazhi_backup_list (database);
  g_object_unref (database);
  {
    g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_test_message ("left in backups/: %s", name);
        leftovers++;
      }
  }
  fazhi_test_unmount (disk);

  g_assert_null (made);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_cmpint (left->len, ==, 0);
  g_assert_cmpint (leftovers, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdg_data_home = NULL;
  int status;

  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");
  g_unsetenv ("FAZHI_DATABASE");
  xdg_data_home = fazhi_test_make_dir ("fazhi-data-XXXXXX");
  g_setenv ("XDG_DATA_HOME", xdg_data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/faults/network/magic-numbers", test_network_magic);
  ADD ("/faults/network/fuse", test_network_fuse);
  ADD ("/faults/newer/wal-mode", test_newer_in_wal_mode);
  ADD ("/faults/newer/only-in-wal", test_newer_only_in_wal);
  ADD ("/faults/disk-full/import", test_disk_full_import);
  ADD ("/faults/disk-full/backup", test_disk_full_backup);
#undef ADD

  status = g_test_run ();
  fazhi_test_remove_tree (xdg_data_home);
  return status;
}
