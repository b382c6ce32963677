/* test-backup.c — the automatic backups: names, modes, retention, the list, restoring, before a migration */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "fazhi-backup.h"
#include "fazhi-backup-private.h"
#include "fazhi-database.h"
#include "fazhi-demo.h"
#include "fazhi-test-util.h"

#define APPLICATION_ID 0x467a4c67  /* "FzLg" */

typedef struct
{
  char *folder;
  char *path;     /* folder/ledger.db */
  char *backups;  /* folder/backups */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = fazhi_test_make_dir ("fazhi-backup-XXXXXX");
  fixture->path = g_build_filename (fixture->folder, "ledger.db", NULL);
  fixture->backups = g_build_filename (fixture->folder, "backups", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fazhi_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->backups);
}

static FazhiDatabase *
open_demo (Fixture *fixture)
{
  FazhiDatabase *database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_demo_fill (database, 0, &error));
  g_assert_no_error (error);
  return database;
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
add_community (FazhiDatabase *database,
               const char    *name)
{
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (database),
                                       "INSERT INTO communities (uuid, created_at, updated_at, name) "
                                       "VALUES (?1, 'x', 'x', ?1)", -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
}

static int
file_mode (const char *path)
{
  GStatBuf buffer;

  g_assert_cmpint (g_stat (path, &buffer), ==, 0);
  return buffer.st_mode & 0777;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted, "\n"-joined. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* The backups of ledger.db in @folder made for @reason, whose name has @part (may be NULL). */
static guint
count_matching (const char *folder,
                const char *part,
                const char *reason)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *made_for = NULL;

      if (fazhi_backup_parse_name ("ledger", name, NULL, &made_for, NULL) && strcmp (made_for, reason) == 0
          && (part == NULL || strstr (name, part) != NULL))
        n++;
    }
  return n;
}

static guint
count_backups (const char *folder,
               const char *reason)
{
  return count_matching (folder, NULL, reason);
}

static void
touch (const char *path)
{
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

/* A backup is a sound copy named for the database, the time and the reason, readable by its
 * owner only, in a folder only its owner can enter — whatever the umask (main sets 022). */
static void
test_make (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *office = g_build_filename (fixture->folder, "office.db", NULL);
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (office);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *base = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *wal = g_strconcat (office, "-wal", NULL);
  g_autofree char *shm = g_strconcat (office, "-shm", NULL);
  g_autoptr(FazhiBackupInfo) info = NULL;
  guint sequence = 0;

  g_assert_true (fazhi_demo_fill (database, 0, &error));
  g_assert_no_error (error);

  first = fazhi_backup_make (database, FAZHI_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  second = fazhi_backup_make (database, FAZHI_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);

  base = g_path_get_basename (first);
  g_assert_true (fazhi_backup_parse_name ("office", base, &time, &reason, &sequence));
  g_assert_cmpstr (reason, ==, "manual");
  g_assert_cmpint (sequence, ==, 1);
  g_assert_cmpint (g_date_time_difference (now, time), <, 60 * G_TIME_SPAN_SECOND);
  {
    g_autofree char *folder = g_path_get_dirname (first);
    g_autofree char *expected = g_build_filename (fixture->folder, "backups", NULL);

    g_assert_cmpstr (folder, ==, expected);
  }

  g_assert_cmpint (file_mode (fixture->backups), ==, 0700);
  g_assert_cmpint (file_mode (first), ==, 0600);
  g_assert_cmpint (file_mode (second), ==, 0600);
  g_assert_cmpint (file_mode (office), ==, 0600);
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);

  info = fazhi_backup_inspect (first);
  g_assert_null (info->error);
  g_assert_cmpint (info->version, ==, fazhi_database_latest_version ());
  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    g_assert_cmpint (info->counts[ledger], ==, fazhi_database_count (database, ledger));
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_CASES), >, 0);
}

static void
test_parse_name (void)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *reason = NULL;
  guint sequence = 0;
  const char *refused[] = {
    "ledger-20261128-093015.db", "ledger-20261128-093015-.db", "ledger-20261128-093015-Daily.db",
    "ledger-20261130-093015-daily.db.partial", "ledger-2026112-093015-daily.db", "ledger-20261131-093015-daily.db",
    "ledger-20261128-250000-daily.db", "ledger-20261128-093015-daily-1.db", "ledger-20261128-093015-daily-x.db",
    "other-20261128-093015-daily.db", "ledger-x-20261128-093015-daily.db", "ledger20261128-093015-daily.db",
  };

  g_assert_true (fazhi_backup_parse_name ("ledger", "ledger-20261128-093015-import-3.db", &time, &reason, &sequence));
  g_assert_cmpstr (reason, ==, "import");
  g_assert_cmpint (sequence, ==, 3);
  g_assert_cmpint (g_date_time_get_year (time), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (time), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (time), ==, 28);
  g_assert_cmpint (g_date_time_get_hour (time), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (time), ==, 30);
  g_assert_cmpint (g_date_time_get_second (time), ==, 15);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (fazhi_backup_parse_name ("ledger", refused[i], NULL, NULL, NULL))
      g_error ("%s taken for a backup's name", refused[i]);
}

/* Two years of backups, two a day (a daily one in the morning, one before an import in the
 * afternoon), as of Saturday 2026-11-28 at noon. */
static void
test_retention_two_years (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 28, 12, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_new_local (2024, 11, 29, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;
  g_autofree char *stale = g_build_filename (fixture->backups, "ledger-20261001-080000-daily.db.partial", NULL);
  g_autofree char *fresh = g_build_filename (fixture->backups, "ledger-20261128-113000-daily.db.partial", NULL);
  guint made = 0;
  static const char expected[] =
    /* the newest of each of the last 12 months */
    "ledger-20251231-170000-import.db\n"
    "ledger-20260131-170000-import.db\n"
    "ledger-20260228-170000-import.db\n"
    "ledger-20260331-170000-import.db\n"
    "ledger-20260430-170000-import.db\n"
    "ledger-20260531-170000-import.db\n"
    "ledger-20260630-170000-import.db\n"
    "ledger-20260731-170000-import.db\n"
    "ledger-20260831-170000-import.db\n"
    "ledger-20260930-170000-import.db\n"
    "ledger-20261031-170000-import.db\n"
    /* the newest of each of the last 4 ISO weeks (weeks 45 and 46; 47 and 48 are days below) */
    "ledger-20261108-170000-import.db\n"
    "ledger-20261115-170000-import.db\n"
    /* the newest of each of the last 7 days */
    "ledger-20261122-170000-import.db\n"
    "ledger-20261123-170000-import.db\n"
    "ledger-20261124-170000-import.db\n"
    "ledger-20261125-170000-import.db\n"
    "ledger-20261126-170000-import.db\n"
    "ledger-20261127-170000-import.db\n"
    /* every one of today */
    "ledger-20261128-080000-daily-2.db\n"
    "ledger-20261128-080000-daily.db\n"
    "ledger-20261128-113000-daily.db.partial\n"
    /* not this database's backups */
    "notes.txt\n"
    "office-20250101-080000-daily.db";

  g_assert_cmpint (g_mkdir (fixture->backups, 0700), ==, 0);
  while (g_date_time_compare (day, now) <= 0)
    {
      g_autofree char *stamp = g_date_time_format (day, "%Y%m%d");
      g_autofree char *morning = g_strdup_printf ("%s/ledger-%s-080000-daily.db", fixture->backups, stamp);
      GDateTime *next = g_date_time_add_days (day, 1);

      touch (morning);
      made++;
      if (g_date_time_get_day_of_year (day) != g_date_time_get_day_of_year (now)
          || g_date_time_get_year (day) != g_date_time_get_year (now))
        {
          g_autofree char *afternoon = g_strdup_printf ("%s/ledger-%s-170000-import.db", fixture->backups, stamp);

          touch (afternoon);
          made++;
        }
      g_date_time_unref (day);
      day = next;
    }
  g_assert_cmpint (made, ==, 2 * 730 - 1);
  {
    g_autofree char *twice = g_build_filename (fixture->backups, "ledger-20261128-080000-daily-2.db", NULL);
    g_autofree char *notes = g_build_filename (fixture->backups, "notes.txt", NULL);
    g_autofree char *other = g_build_filename (fixture->backups, "office-20250101-080000-daily.db", NULL);
    struct utimbuf old = { 0, 0 };

    touch (twice);
    touch (notes);
    touch (other);
    touch (stale);
    touch (fresh);
    /* Left by a program that died writing it, long ago. */
    old.actime = old.modtime = g_get_real_time () / G_USEC_PER_SEC - 3 * 24 * 60 * 60;
    g_assert_cmpint (g_utime (stale, &old), ==, 0);
  }

  g_assert_true (fazhi_backup_prune_at (fixture->backups, "ledger", now, &error));
  g_assert_no_error (error);

  left = list_folder (fixture->backups);
  g_assert_cmpstr (left, ==, expected);

  /* Pruning again as of the same moment removes nothing more. */
  g_assert_true (fazhi_backup_prune_at (fixture->backups, "ledger", now, &error));
  g_clear_pointer (&left, g_free);
  left = list_folder (fixture->backups);
  g_assert_cmpstr (left, ==, expected);
}

/* A clerk away for ten months still has the days, weeks and month before he left: the rules
 * count the periods that have a backup, not the calendar's. A backup dated after now (a clock
 * put back) is kept. */
static void
test_retention_after_a_gap (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 28, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;
  static const char expected[] =
    "ledger-20251215-080000-daily.db\n"   /* the newest of December 2025: a month */
    "ledger-20260111-080000-daily.db\n"   /* the newest of ISO week 2: a week */
    "ledger-20260115-080000-daily.db\n"   /* the last six days that have one */
    "ledger-20260116-080000-daily.db\n"
    "ledger-20260117-080000-daily.db\n"
    "ledger-20260118-080000-daily.db\n"
    "ledger-20260119-080000-daily.db\n"
    "ledger-20260120-080000-daily.db\n"
    "ledger-20261128-090000-daily.db\n"   /* today */
    "ledger-20270101-080000-daily.db";    /* the future */

  g_assert_cmpint (g_mkdir (fixture->backups, 0700), ==, 0);
  for (int d = 5; d <= 20; d++)
    {
      g_autofree char *path = g_strdup_printf ("%s/ledger-202601%02d-080000-daily.db", fixture->backups, d);

      touch (path);
    }
  for (int d = 1; d <= 15; d++)
    {
      g_autofree char *path = g_strdup_printf ("%s/ledger-202512%02d-080000-daily.db", fixture->backups, d);

      touch (path);
    }
  {
    g_autofree char *today = g_build_filename (fixture->backups, "ledger-20261128-090000-daily.db", NULL);
    g_autofree char *future = g_build_filename (fixture->backups, "ledger-20270101-080000-daily.db", NULL);

    touch (today);
    touch (future);
  }

  g_assert_true (fazhi_backup_prune_at (fixture->backups, "ledger", now, &error));
  g_assert_no_error (error);
  left = list_folder (fixture->backups);
  g_assert_cmpstr (left, ==, expected);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *broken = g_build_filename (fixture->backups, "ledger-20200101-000000-daily.db", NULL);
  g_autofree char *stranger = g_build_filename (fixture->backups, "somebody-else.db", NULL);
  gint64 communities = fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES);
  FazhiBackupInfo *info;

  /* Made in the same second or not, the newer comes first. */
  older = fazhi_backup_make (database, FAZHI_BACKUP_IMPORT, &error);
  g_assert_no_error (error);
  add_community (database, "新建社区");
  newer = fazhi_backup_make (database, FAZHI_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (broken, "not a database at all", -1, NULL));
  g_assert_true (g_file_set_contents (stranger, "", 0, NULL));

  backups = fazhi_backup_list (database);
  g_assert_cmpint (backups->len, ==, 3);

  info = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (info->path, ==, newer);
  g_assert_cmpstr (info->reason, ==, "manual");
  g_assert_null (info->error);
  g_assert_cmpint (info->counts[FAZHI_LEDGER_COMMUNITIES], ==, communities + 1);
  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    g_assert_cmpint (info->counts[ledger], ==, fazhi_database_count (database, ledger));
  {
    GStatBuf buffer;

    g_assert_cmpint (g_stat (newer, &buffer), ==, 0);
    g_assert_cmpint (info->size, ==, buffer.st_size);
    g_assert_cmpint (info->size, >, 0);
  }
  {
    g_autofree char *name = g_path_get_basename (newer);

    g_assert_cmpstr (info->name, ==, name);
  }

  info = g_ptr_array_index (backups, 1);
  g_assert_cmpstr (info->path, ==, older);
  g_assert_cmpstr (info->reason, ==, "import");
  g_assert_cmpint (info->counts[FAZHI_LEDGER_COMMUNITIES], ==, communities);
  g_assert_cmpint (info->counts[FAZHI_LEDGER_CASES], ==, fazhi_database_count (database, FAZHI_LEDGER_CASES));
  g_assert_cmpint (info->version, ==, fazhi_database_latest_version ());

  info = g_ptr_array_index (backups, 2);
  g_assert_cmpstr (info->path, ==, broken);
  g_assert_nonnull (info->error);
  g_assert_nonnull (strstr (info->error, "ledger-20200101-000000-daily.db"));
  g_assert_cmpint (info->counts[FAZHI_LEDGER_CASES], ==, -1);
  g_assert_cmpint (g_date_time_get_year (info->time), ==, 2020);
  g_assert_cmpstr (fazhi_backup_reason_label (info->reason), ==, "Daily backup");
}

typedef struct
{
  guint many[FAZHI_N_LEDGERS];
  guint other;
  guint settings;
} Heard;

static void
on_changed (FazhiDatabase *database,
            int            ledger,
            int            change,
            gint64         id,
            Heard         *heard)
{
  if (change == FAZHI_CHANGE_MANY && id == 0)
    heard->many[ledger]++;
  else
    heard->other++;
}

static void
on_settings_changed (FazhiDatabase *database,
                     Heard         *heard)
{
  heard->settings++;
}

/* The restore replaces the whole ledger, records and settings, after backing up the ledger as
 * it was; the window hears that everything changed; another connection sees the backup's. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autoptr(FazhiDatabase) window = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiBackupInfo) before = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *made = NULL;
  g_autofree char *name = NULL;
  gint64 communities = fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES);
  gint64 cases = fazhi_database_count (database, FAZHI_LEDGER_CASES);
  Heard heard = { { 0 }, 0, 0 };

  g_assert_true (fazhi_database_set_setting (database, "office_name", "旧的街道办", &error));
  backup = fazhi_backup_make (database, FAZHI_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  add_community (database, "恢复前新建的社区");
  exec_sql (fazhi_database_get_handle (database), "DELETE FROM outreach");
  g_assert_true (fazhi_database_set_setting (database, "office_name", "新的街道办", &error));
  window = fazhi_test_open_database_file (fixture->path);
  g_assert_cmpint (fazhi_database_count (window, FAZHI_LEDGER_OUTREACH), ==, 0);

  g_signal_connect (database, "changed", G_CALLBACK (on_changed), &heard);
  g_signal_connect (database, "settings-changed", G_CALLBACK (on_settings_changed), &heard);
  g_assert_true (fazhi_backup_restore (database, backup, &made, &error));
  g_assert_no_error (error);

  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, communities);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_CASES), ==, cases);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_OUTREACH), >, 0);
  name = fazhi_database_get_setting (database, "office_name");
  g_assert_cmpstr (name, ==, "旧的街道办");
  g_assert_cmpint (fazhi_database_count (window, FAZHI_LEDGER_OUTREACH), ==,
                   fazhi_database_count (database, FAZHI_LEDGER_OUTREACH));
  g_assert_cmpint (fazhi_database_count (window, FAZHI_LEDGER_COMMUNITIES), ==, communities);

  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    g_assert_cmpint (heard.many[ledger], ==, 1);
  g_assert_cmpint (heard.other, ==, 0);
  g_assert_cmpint (heard.settings, >=, 1);

  /* The ledger as it was before the restore. */
  g_assert_nonnull (made);
  {
    g_autofree char *made_name = g_path_get_basename (made);
    g_autofree char *reason = NULL;

    g_assert_true (fazhi_backup_parse_name ("ledger", made_name, NULL, &reason, NULL));
    g_assert_cmpstr (reason, ==, FAZHI_BACKUP_RESTORE);
  }
  before = fazhi_backup_inspect (made);
  g_assert_null (before->error);
  g_assert_cmpint (before->counts[FAZHI_LEDGER_COMMUNITIES], ==, communities + 1);
  g_assert_cmpint (before->counts[FAZHI_LEDGER_OUTREACH], ==, 0);

  problems = fazhi_database_check (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problems->len, ==, 0);
  {
    g_autofree char *journal = NULL;
    sqlite3_stmt *statement = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (database), "PRAGMA journal_mode", -1,
                                         &statement, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
    journal = g_strdup ((const char *) sqlite3_column_text (statement, 0));
    sqlite3_finalize (statement);
    g_assert_cmpstr (journal, ==, "wal");
  }
}

static char *
write_raw_database (Fixture    *fixture,
                    const char *name,
                    const char *sql)
{
  char *path = g_build_filename (fixture->folder, name, NULL);
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  exec_sql (handle, sql);
  sqlite3_close (handle);
  return path;
}

/* A file that is not a sound ledger this version can read is refused, and nothing changes:
 * not the ledger, not the backups. */
static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autofree char *future = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 99; "
                                             "CREATE TABLE cases (id INTEGER PRIMARY KEY)", APPLICATION_ID);
  g_autofree char *text = g_build_filename (fixture->folder, "letter.txt", NULL);
  g_autofree char *newer = write_raw_database (fixture, "newer.db", future);
  g_autofree char *foreign = write_raw_database (fixture, "other.db", "CREATE TABLE cases (id INTEGER PRIMARY KEY)");
  g_autofree char *empty = write_raw_database (fixture, "empty.db", "PRAGMA user_version = 1");
  g_autofree char *damaged = g_build_filename (fixture->folder, "damaged.db", NULL);
  g_autofree char *missing = g_build_filename (fixture->folder, "missing.db", NULL);
  g_autofree char *listed = NULL;
  gint64 cases = fazhi_database_count (database, FAZHI_LEDGER_CASES);
  struct
  {
    const char *path;
    int         code;
    const char *says;
  } refused[] = {
    { text, FAZHI_DATABASE_ERROR_NOT_A_DATABASE, "letter.txt is not a Fazhi Ledger database" },
    { newer, FAZHI_DATABASE_ERROR_TOO_NEW, "newer version" },
    { foreign, FAZHI_DATABASE_ERROR_NOT_A_DATABASE, "other.db is not a Fazhi Ledger database" },
    { empty, FAZHI_DATABASE_ERROR_NOT_A_DATABASE, "empty.db is not a Fazhi Ledger database" },
    { damaged, FAZHI_DATABASE_ERROR_NOT_A_DATABASE, "damaged.db is damaged" },
    { missing, FAZHI_DATABASE_ERROR_OPEN, "missing.db" },
    { fixture->path, FAZHI_DATABASE_ERROR_INVALID, "the ledger itself" },
  };

  g_assert_true (g_file_set_contents (text, "Dear clerk,\n", -1, NULL));
  /* A sound backup with a page in its middle overwritten. */
  g_assert_true (fazhi_database_backup (database, damaged, NULL));
  {
    FILE *file = g_fopen (damaged, "r+b");
    char garbage[4096];

    memset (garbage, 0x5a, sizeof garbage);
    g_assert_nonnull (file);
    g_assert_cmpint (fseek (file, 3 * 16384, SEEK_SET), ==, 0);
    g_assert_cmpint (fwrite (garbage, 1, sizeof garbage, file), ==, sizeof garbage);
    fclose (file);
  }
  g_assert_cmpint (g_mkdir (fixture->backups, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *made = NULL;

      g_assert_false (fazhi_backup_restore (database, refused[i].path, &made, &error));
      g_assert_error (error, FAZHI_DATABASE_ERROR, refused[i].code);
      g_test_message ("%s", error->message);
      if (strstr (error->message, refused[i].says) == NULL)
        g_error ("“%s” does not say “%s”", error->message, refused[i].says);
      g_assert_null (made);
      g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_CASES), ==, cases);
    }

  listed = list_folder (fixture->backups);
  g_assert_cmpstr (listed, ==, "");
}

/* A backup of an older version is restored and brought up to date. */
static void
test_restore_older_version (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_build_filename (fixture->folder, "old.db", NULL);
  int version = fazhi_database_latest_version () - 1;

  {
    g_autoptr(FazhiDatabase) older = fazhi_database_open_at_version (old, version, &error);

    g_assert_no_error (error);
    add_community (older, "旧版本的社区");
  }

  g_assert_true (fazhi_backup_restore (database, old, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_get_version (database), ==, fazhi_database_latest_version ());
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 1);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_CASES), ==, 0);
  g_assert_cmpint (count_backups (fixture->backups, "restore"), ==, 1);
}

/* A backup with pages of another size (another office's, an older program's) still goes into
 * the WAL ledger, which keeps its own. */
static void
test_restore_other_page_size (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *copy = g_build_filename (fixture->folder, "small-pages.db", NULL);
  g_autofree char *left = NULL;
  gint64 communities = fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES);
  sqlite3 *handle = NULL;

  g_assert_true (fazhi_database_backup (database, copy, &error));
  g_assert_cmpint (sqlite3_open (copy, &handle), ==, SQLITE_OK);
  exec_sql (handle, "PRAGMA page_size = 4096; VACUUM");
  g_assert_cmpint (fazhi_test_query_int (handle, "PRAGMA page_size", NULL), ==, 4096);
  sqlite3_close (handle);
  add_community (database, "恢复后不在的社区");

  g_assert_true (fazhi_backup_restore (database, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, communities);
  g_assert_cmpint (fazhi_test_query_int (fazhi_database_get_handle (database), "PRAGMA page_size", NULL), ==, 16384);
  problems = fazhi_database_check (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problems->len, ==, 0);

  /* Its staging copy is gone. */
  left = list_folder (fixture->backups);
  g_assert_null (strstr (left, ".restoring"));
  g_assert_cmpint (count_backups (fixture->backups, "restore"), ==, 1);
}

/* Opening a ledger of an older version backs it up, as it was, before updating it. */
static void
test_backup_before_migration (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *fresh = g_build_filename (fixture->folder, "fresh", "ledger.db", NULL);
  g_autofree char *fresh_backups = g_build_filename (fixture->folder, "fresh", "backups", NULL);
  int version = fazhi_database_latest_version () - 1;
  FazhiBackupInfo *info;

  {
    g_autoptr(FazhiDatabase) older = fazhi_database_open_at_version (fixture->path, version, &error);

    g_assert_no_error (error);
    add_community (older, "更新前的社区");
  }

  database = fazhi_test_open_database_file (fixture->path);
  g_assert_cmpint (fazhi_database_get_version (database), ==, fazhi_database_latest_version ());
  backups = fazhi_backup_list (database);
  g_assert_cmpint (backups->len, ==, 1);
  info = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (info->reason, ==, FAZHI_BACKUP_MIGRATION);
  g_assert_null (info->error);
  g_assert_cmpint (info->version, ==, version);
  g_assert_cmpint (info->counts[FAZHI_LEDGER_COMMUNITIES], ==, 1);
  g_clear_object (&database);

  /* Up to date, it is not backed up again; a new ledger has nothing to back up. */
  database = fazhi_test_open_database_file (fixture->path);
  g_assert_cmpint (count_backups (fixture->backups, "migration"), ==, 1);
  g_clear_object (&database);
  database = fazhi_test_open_database_file (fresh);
  g_assert_false (g_file_test (fresh_backups, G_FILE_TEST_EXISTS));
}

/* When the backup cannot be made, the old ledger is not updated. */
static void
test_no_migration_without_backup (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int version = fazhi_database_latest_version () - 1;

  {
    g_autoptr(FazhiDatabase) older = fazhi_database_open_at_version (fixture->path, version, &error);

    g_assert_no_error (error);
  }
  /* A file where the folder would be: root cannot make it either. */
  g_assert_true (g_file_set_contents (fixture->backups, "", 0, NULL));

  database = fazhi_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "backup"));
  g_clear_error (&error);

  database = fazhi_database_open_at_version (fixture->path, version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_get_version (database), ==, version);
}

/* The window's first start each day makes one daily backup; later starts that day none. */
static void
test_daily (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *import = NULL;

  /* A backup of another kind made that day is not the daily one. */
  g_setenv ("FAZHI_TODAY", "2026-11-28", TRUE);
  import = fazhi_backup_make (database, FAZHI_BACKUP_IMPORT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (import, "-20261128-"));

  g_assert_true (fazhi_backup_daily (database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_matching (fixture->backups, "-20261128-", "daily"), ==, 1);
  g_assert_true (fazhi_backup_daily (database, &error));
  g_assert_cmpint (count_matching (fixture->backups, "-20261128-", "daily"), ==, 1);

  g_setenv ("FAZHI_TODAY", "2026-11-29", TRUE);
  g_assert_true (fazhi_backup_daily (database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_matching (fixture->backups, "-20261129-", "daily"), ==, 1);
  g_assert_true (fazhi_backup_daily (database, &error));
  g_assert_cmpint (count_matching (fixture->backups, "-20261129-", "daily"), ==, 1);
  g_unsetenv ("FAZHI_TODAY");
}

/* A backup that cannot be written leaves nothing behind. */
static void
test_make_fails_cleanly (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;

  g_assert_true (g_file_set_contents (fixture->backups, "", 0, NULL));
  made = fazhi_backup_make (database, FAZHI_BACKUP_MANUAL, &error);
  g_assert_null (made);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "backups"));
  g_assert_true (g_file_test (fixture->backups, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdg_data_home = NULL;
  int status;

  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");
  /* The files' modes must not come from the umask. */
  umask (022);
  g_unsetenv ("FAZHI_DATABASE");
  g_unsetenv ("FAZHI_TODAY");
  xdg_data_home = fazhi_test_make_dir ("fazhi-data-XXXXXX");
  g_setenv ("XDG_DATA_HOME", xdg_data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/make", test_make);
  g_test_add_func ("/backup/name", test_parse_name);
  ADD ("/backup/make/fails-cleanly", test_make_fails_cleanly);
  ADD ("/backup/retention/two-years", test_retention_two_years);
  ADD ("/backup/retention/after-a-gap", test_retention_after_a_gap);
  ADD ("/backup/daily", test_daily);
  ADD ("/backup/list", test_list);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore/refused", test_restore_refused);
  ADD ("/backup/restore/older-version", test_restore_older_version);
  ADD ("/backup/restore/other-page-size", test_restore_other_page_size);
  ADD ("/backup/migration", test_backup_before_migration);
  ADD ("/backup/migration/not-without-backup", test_no_migration_without_backup);
#undef ADD

  status = g_test_run ();
  fazhi_test_remove_tree (xdg_data_home);
  return status;
}
