/* test-database.c — opening, migrating, transactions, settings, backup and sharing of the database */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "fazhi-database.h"
#include "fazhi-record.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"

#define APPLICATION_ID 0x467a4c67  /* "FzLg" */

static char *xdg_data_home;

typedef struct
{
  char *folder;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = fazhi_test_make_dir ("fazhi-database-XXXXXX");
  fixture->path = g_build_filename (fixture->folder, "ledger.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fazhi_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

static char *
sibling (const char *path,
         const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static char *
query_text (sqlite3    *handle,
            const char *sql)
{
  sqlite3_stmt *statement = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW && sqlite3_column_type (statement, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);

  return text;
}

static gboolean
table_exists (sqlite3    *handle,
              const char *table)
{
  sqlite3_stmt *statement = NULL;
  gboolean exists;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  exists = sqlite3_column_int (statement, 0) > 0;
  sqlite3_finalize (statement);

  return exists;
}

static int
insert_community_with (sqlite3    *handle,
                       const char *name)
{
  sqlite3_stmt *statement = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO communities (uuid, created_at, updated_at, name) "
                                       "VALUES (?, '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z', ?)",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  sqlite3_finalize (statement);

  return rc;
}

static void
insert_community (FazhiDatabase *database,
                  const char    *name)
{
  g_assert_cmpint (insert_community_with (fazhi_database_get_handle (database), name), ==, SQLITE_DONE);
}

static gint64
communities_seen_by (sqlite3 *handle)
{
  return fazhi_test_query_int (handle, "SELECT count(*) FROM communities", NULL);
}

static GBytes *
read_bytes (const char *path)
{
  gsize length = 0;
  char *contents = fazhi_test_read_file (path, &length);

  return g_bytes_new_take (contents, length);
}

static void
assert_no_companions (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = sibling (path, suffixes[i]);

      if (g_file_test (companion, G_FILE_TEST_EXISTS))
        g_error ("%s was created", companion);
    }
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (handle, 5000);
  return handle;
}

static void
exec_raw (sqlite3    *handle,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static FazhiRecord *
new_case (const char *title,
          const char *received_on)
{
  FazhiRecord *record = fazhi_record_new (FAZHI_LEDGER_CASES);

  fazhi_record_set (record, "kind", "consultation");
  fazhi_record_set (record, "title", title);
  fazhi_record_set (record, "received_on", received_on);
  fazhi_record_set (record, "community", "东风社区");
  return record;
}

static void
save_case (FazhiDatabase *database,
           const char    *title)
{
  g_autoptr(FazhiRecord) record = new_case (title, "2023-03-05");
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_store_save (database, record, &error));
  g_assert_no_error (error);
}

/* Opening and migrating */

static void
test_open_creates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->folder, "data", "fazhi", NULL);
  g_autofree char *path = g_build_filename (folder, "ledger.db", NULL);
  g_autoptr(FazhiDatabase) database = NULL;

  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  database = fazhi_test_open_database_file (path);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (fazhi_database_get_path (database), ==, path);
  g_assert_true (fazhi_database_is_empty (database));
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    g_assert_cmpint (fazhi_database_count (database, id), ==, 0);
}

static void
test_open_cannot_create (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->folder, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "fazhi", "ledger.db", NULL);
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  database = fazhi_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN);
}

static void
test_open_settings_of_connection (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  sqlite3 *handle = fazhi_database_get_handle (database);
  g_autofree char *journal = query_text (handle, "PRAGMA journal_mode");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (fazhi_test_query_int (handle, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_cmpint (fazhi_test_query_int (handle, "PRAGMA user_version", NULL), ==, fazhi_database_latest_version ());
  g_assert_cmpint (fazhi_database_get_version (database), ==, fazhi_database_latest_version ());
  g_assert_cmpint (fazhi_test_query_int (handle, "PRAGMA application_id", NULL), ==, APPLICATION_ID);
  /* A writer waits for another instead of failing at once. */
  g_assert_cmpint (fazhi_test_query_int (handle, "PRAGMA busy_timeout", NULL), >=, 1000);

  /* The journal mode is kept in the file: another program sees it too. */
  {
    sqlite3 *other = open_raw (fixture->path);
    g_autofree char *other_journal = query_text (other, "PRAGMA journal_mode");

    g_assert_cmpstr (other_journal, ==, "wal");
    sqlite3_close (other);
  }
}

/* The latest version is the number of migrations in data/sql. */
static void
test_latest_version (void)
{
  g_autofree char *folder = g_build_filename (g_getenv ("FAZHI_TEST_SRCDIR"), "..", "data", "sql", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int migrations = 0;

  if (g_getenv ("FAZHI_TEST_SRCDIR") == NULL)
    {
      g_test_skip ("FAZHI_TEST_SRCDIR is not set: run the test with meson test");
      return;
    }

  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".sql"))
      migrations++;

  g_assert_cmpint (migrations, >=, 1);
  g_assert_cmpint (fazhi_database_latest_version (), ==, migrations);
}

static void
test_migrate_from_zero (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  sqlite3 *handle;

  database = fazhi_database_open_at_version (fixture->path, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);
  handle = fazhi_database_get_handle (database);

  g_assert_cmpint (fazhi_database_get_version (database), ==, 0);
  g_assert_false (table_exists (handle, "settings"));
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    g_assert_false (table_exists (handle, fazhi_ledger_get (id)->key));

  g_assert_true (fazhi_database_migrate (database, fazhi_database_latest_version (), &error));
  g_assert_no_error (error);

  g_assert_cmpint (fazhi_database_get_version (database), ==, fazhi_database_latest_version ());
  g_assert_cmpint (fazhi_test_query_int (handle, "PRAGMA application_id", NULL), ==, APPLICATION_ID);
  g_assert_true (table_exists (handle, "settings"));
  g_assert_true (table_exists (handle, "report_texts"));
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    g_assert_true (table_exists (handle, fazhi_ledger_get (id)->key));

  limit = fazhi_database_get_setting (database, "mediation_limit_days");
  g_assert_cmpstr (limit, ==, "30");
}

/* Each migration on its own, from the version before it. */
static void
test_migrate_step_by_step (Fixture       *fixture,
                           gconstpointer  data)
{
  int latest = fazhi_database_latest_version ();

  for (int version = 0; version < latest; version++)
    {
      g_autofree char *path = g_strdup_printf ("%s/step-%d.db", fixture->folder, version);
      g_autoptr(FazhiDatabase) database = NULL;
      g_autoptr(GError) error = NULL;

      database = fazhi_database_open_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fazhi_database_get_version (database), ==, version);

      g_assert_true (fazhi_database_migrate (database, version + 1, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fazhi_database_get_version (database), ==, version + 1);
    }
}

/* A file left at version 0 is brought up to date by a plain open. */
static void
test_migrate_on_open (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = fazhi_database_open_at_version (fixture->path, 0, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  database = fazhi_test_open_database_file (fixture->path);
  g_assert_cmpint (fazhi_database_get_version (database), ==, fazhi_database_latest_version ());
  g_assert_true (table_exists (fazhi_database_get_handle (database), "cases"));
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autofree char *schema = NULL;
  g_autofree char *schema_again = NULL;
  g_autofree char *prefix = NULL;

  g_assert_true (fazhi_database_set_setting (database, "number_prefix", "王", NULL));
  insert_community (database, "东风社区");
  schema = query_text (fazhi_database_get_handle (database),
                       "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)");
  g_clear_object (&database);

  database = fazhi_test_open_database_file (fixture->path);
  schema_again = query_text (fazhi_database_get_handle (database),
                             "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)");
  g_assert_cmpstr (schema_again, ==, schema);
  g_assert_cmpint (fazhi_database_get_version (database), ==, fazhi_database_latest_version ());
  prefix = fazhi_database_get_setting (database, "number_prefix");
  g_assert_cmpstr (prefix, ==, "王");
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 1);

  /* Migrating to where it already is changes nothing. */
  g_assert_true (fazhi_database_migrate (database, fazhi_database_latest_version (), NULL));
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 1);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  sqlite3 *handle = open_raw (fixture->path);
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *future = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 99; "
                                             "CREATE TABLE things_of_the_future (id INTEGER PRIMARY KEY)",
                                             APPLICATION_ID);

  exec_raw (handle, future);
  sqlite3_close (handle);
  before = read_bytes (fixture->path);

  database = fazhi_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "99"));

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (fixture->path);
}

static void
test_text_file (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *texts[] = {
    "编号,类别,事由\n（2023）王调字第001号,矛盾纠纷调解,邻里纠纷\n",
    "short",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(FazhiDatabase) database = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GBytes) before = g_bytes_new_static (texts[i], strlen (texts[i]));

      g_assert_true (g_file_set_contents (fixture->path, texts[i], -1, NULL));

      database = fazhi_database_open (fixture->path, &error);
      g_assert_null (database);
      g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, fixture->path));

      after = read_bytes (fixture->path);
      g_assert_true (g_bytes_equal (before, after));
      assert_no_companions (fixture->path);
    }
}

static void
test_other_program (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *handle = open_raw (fixture->path);
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  exec_raw (handle, "CREATE TABLE contacts (name TEXT, phone TEXT); "
                    "INSERT INTO contacts VALUES ('张三', '13812345678')");
  sqlite3_close (handle);
  before = read_bytes (fixture->path);

  database = fazhi_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, fixture->path));

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (fixture->path);

  handle = open_raw (fixture->path);
  g_assert_false (table_exists (handle, "cases"));
  g_assert_cmpint (fazhi_test_query_int (handle, "PRAGMA user_version", NULL), ==, 0);
  sqlite3_close (handle);
}

/* Settings */

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *office = fazhi_database_get_setting (database, "office_name");
  g_autofree char *limit = fazhi_database_get_setting (database, "mediation_limit_days");
  g_autofree char *warning = fazhi_database_get_setting (database, "term_warning_days");
  g_autofree char *missing = fazhi_database_get_setting (database, "no_such_setting");
  g_autofree char *prefix = NULL;
  g_autofree char *name = NULL;

  g_assert_cmpstr (office, ==, "");
  g_assert_cmpstr (limit, ==, "30");
  g_assert_cmpstr (warning, ==, "90");
  g_assert_null (missing);
  g_assert_cmpint (fazhi_database_get_setting_int (database, "mediation_limit_days", -1), ==, 30);
  g_assert_cmpint (fazhi_database_get_setting_int (database, "term_warning_days", -1), ==, 90);
  g_assert_cmpint (fazhi_database_get_setting_int (database, "no_such_setting", 42), ==, 42);

  g_assert_true (fazhi_database_set_setting (database, "number_prefix", "王", &error));
  g_assert_no_error (error);
  g_assert_true (fazhi_database_set_setting (database, "office_name", "王褚街道办事处", &error));
  g_assert_true (fazhi_database_set_setting (database, "office_name", "王褚街道", &error));
  g_assert_true (fazhi_database_set_setting (database, "mediation_limit_days", "45", &error));
  g_assert_true (fazhi_database_set_setting (database, "term_warning_days", "ninety", &error));
  g_assert_no_error (error);

  g_assert_cmpint (fazhi_database_get_setting_int (database, "mediation_limit_days", -1), ==, 45);
  /* What is not a number falls back. */
  g_assert_cmpint (fazhi_database_get_setting_int (database, "term_warning_days", 90), ==, 90);
  g_clear_object (&database);

  database = fazhi_test_open_database_file (fixture->path);
  prefix = fazhi_database_get_setting (database, "number_prefix");
  name = fazhi_database_get_setting (database, "office_name");
  g_assert_cmpstr (prefix, ==, "王");
  g_assert_cmpstr (name, ==, "王褚街道");
  g_assert_cmpint (fazhi_database_get_setting_int (database, "mediation_limit_days", -1), ==, 45);
}

static void
test_default_path (void)
{
  g_autofree char *expected_default = g_build_filename (xdg_data_home, "fazhi", "ledger.db", NULL);
  g_autofree char *from_option = NULL;
  g_autofree char *from_environment = NULL;
  g_autofree char *empty_option = NULL;
  g_autofree char *from_data_folder = NULL;

  g_setenv ("FAZHI_DATABASE", "/srv/ledgers/office.db", TRUE);
  from_option = fazhi_database_default_path ("/home/clerk/ledger.db");
  from_environment = fazhi_database_default_path (NULL);
  empty_option = fazhi_database_default_path ("");

  g_setenv ("FAZHI_DATABASE", "", TRUE);
  from_data_folder = fazhi_database_default_path (NULL);
  g_unsetenv ("FAZHI_DATABASE");

  g_assert_cmpstr (from_option, ==, "/home/clerk/ledger.db");
  g_assert_cmpstr (from_environment, ==, "/srv/ledgers/office.db");
  g_assert_cmpstr (empty_option, ==, "/srv/ledgers/office.db");
  g_assert_cmpstr (from_data_folder, ==, expected_default);
  g_assert_true (g_str_has_suffix (from_data_folder, G_DIR_SEPARATOR_S "fazhi" G_DIR_SEPARATOR_S "ledger.db"));
}

/* Transactions */

typedef struct
{
  FazhiLedgerId ledger;
  FazhiChange   change;
  gint64        id;
} Announced;

static void
on_changed (FazhiDatabase *database,
            int            ledger,
            int            change,
            gint64         id,
            GArray        *announced)
{
  Announced entry = { ledger, change, id };

  g_array_append_val (announced, entry);
}

static GArray *
listen (FazhiDatabase *database)
{
  GArray *announced = g_array_new (FALSE, TRUE, sizeof (Announced));

  g_signal_connect (database, "changed", G_CALLBACK (on_changed), announced);
  return announced;
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_database_begin (database, &error));
  g_assert_no_error (error);
  insert_community (database, "东风社区");
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 1);
  fazhi_database_rollback (database);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 0);

  /* The transaction is over: a new one starts and commits. */
  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "西湖社区");
  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 1);
}

static void
test_nested (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  sqlite3 *other = open_raw (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "甲");

  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "乙");
  g_assert_true (fazhi_database_commit (database, &error));

  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "丙");
  fazhi_database_rollback (database);

  g_assert_true (fazhi_database_begin (database, &error));
  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "丁");
  g_assert_true (fazhi_database_commit (database, &error));
  fazhi_database_rollback (database);
  g_assert_no_error (error);

  /* Nothing is visible to another connection before the outermost commit. */
  g_assert_cmpint (communities_seen_by (other), ==, 0);
  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (communities_seen_by (other), ==, 2);

  {
    g_autofree char *names = query_text (other, "SELECT group_concat(name, ',') FROM "
                                                "(SELECT name FROM communities ORDER BY id)");

    g_assert_cmpstr (names, ==, "甲,乙");
  }

  /* An outer rollback also takes back what an inner commit kept. */
  g_assert_true (fazhi_database_begin (database, &error));
  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "戊");
  g_assert_true (fazhi_database_commit (database, &error));
  fazhi_database_rollback (database);
  g_assert_cmpint (communities_seen_by (other), ==, 2);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 2);

  sqlite3_close (other);
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GArray) announced = listen (database);
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_database_begin (database, &error));
  fazhi_database_emit_changed (database, FAZHI_LEDGER_CASES, FAZHI_CHANGE_ADDED, 1);
  g_assert_true (fazhi_database_begin (database, &error));
  fazhi_database_emit_changed (database, FAZHI_LEDGER_TRAININGS, FAZHI_CHANGE_EDITED, 2);
  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_cmpuint (announced->len, ==, 0);
  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (announced->len, ==, 2);
  g_assert_cmpint (g_array_index (announced, Announced, 0).ledger, ==, FAZHI_LEDGER_CASES);
  g_assert_cmpint (g_array_index (announced, Announced, 0).change, ==, FAZHI_CHANGE_ADDED);
  g_assert_cmpint (g_array_index (announced, Announced, 0).id, ==, 1);
  g_assert_cmpint (g_array_index (announced, Announced, 1).ledger, ==, FAZHI_LEDGER_TRAININGS);
  g_assert_cmpint (g_array_index (announced, Announced, 1).change, ==, FAZHI_CHANGE_EDITED);
  g_assert_cmpint (g_array_index (announced, Announced, 1).id, ==, 2);

  /* Nothing after a rollback, nor after the next commit. */
  g_array_set_size (announced, 0);
  g_assert_true (fazhi_database_begin (database, &error));
  fazhi_database_emit_changed (database, FAZHI_LEDGER_CASES, FAZHI_CHANGE_REMOVED, 3);
  fazhi_database_rollback (database);
  g_assert_cmpuint (announced->len, ==, 0);
  g_assert_true (fazhi_database_begin (database, &error));
  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_cmpuint (announced->len, ==, 0);

  /* Outside a transaction the change is announced at once. */
  fazhi_database_emit_changed (database, FAZHI_LEDGER_OUTREACH, FAZHI_CHANGE_MANY, 0);
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpint (g_array_index (announced, Announced, 0).ledger, ==, FAZHI_LEDGER_OUTREACH);
  g_assert_cmpint (g_array_index (announced, Announced, 0).change, ==, FAZHI_CHANGE_MANY);
}

/* A change made inside an inner transaction that was rolled back did not happen: it is not
 * announced when the outer transaction commits. */
static void
test_changed_after_inner_rollback (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GArray) announced = listen (database);
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "甲");
  fazhi_database_emit_changed (database, FAZHI_LEDGER_COMMUNITIES, FAZHI_CHANGE_ADDED, 1);

  g_assert_true (fazhi_database_begin (database, &error));
  insert_community (database, "乙");
  fazhi_database_emit_changed (database, FAZHI_LEDGER_COMMUNITIES, FAZHI_CHANGE_ADDED, 2);
  fazhi_database_rollback (database);

  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 1);

  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpint (g_array_index (announced, Announced, 0).id, ==, 1);
}

static void
count_emission (guint *emitted)
{
  (*emitted)++;
}

/* A setting changed is announced at once, or once the transaction that changed it commits; a
 * transaction rolled back announces nothing. */
static void
test_settings_changed_signal (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GError) error = NULL;
  guint emitted = 0;

  g_signal_connect_swapped (database, "settings-changed", G_CALLBACK (count_emission), &emitted);

  g_assert_true (fazhi_database_set_setting (database, "office_name", "王褚街道办事处", &error));
  g_assert_cmpuint (emitted, ==, 1);

  g_assert_true (fazhi_database_begin (database, &error));
  g_assert_true (fazhi_database_set_setting (database, "office_name", "甲", &error));
  g_assert_true (fazhi_database_set_setting (database, "number_prefix", "甲", &error));
  g_assert_cmpuint (emitted, ==, 1);
  fazhi_database_rollback (database);
  g_assert_true (fazhi_database_begin (database, &error));
  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_cmpuint (emitted, ==, 1);

  g_assert_true (fazhi_database_begin (database, &error));
  g_assert_true (fazhi_database_set_setting (database, "office_name", "乙", &error));
  g_assert_true (fazhi_database_set_setting (database, "number_prefix", "乙", &error));
  g_assert_true (fazhi_database_commit (database, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emitted, ==, 2);
}

/* Backup and check */

static void
fill_sample (FazhiDatabase *database)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("法律咨询 %d", i);

      save_case (database, title);
    }

  {
    g_autoptr(FazhiRecord) training = fazhi_record_new (FAZHI_LEDGER_TRAININGS);
    g_autoptr(FazhiRecord) election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);

    fazhi_record_set (training, "held_on", "2023-04-12");
    fazhi_record_set (training, "title", "民法典专题讲座");
    fazhi_record_set (training, "attendees", "56");
    g_assert_true (fazhi_store_save (database, training, &error));
    g_assert_no_error (error);

    fazhi_record_set (election, "compound", "幸福家园");
    fazhi_record_set (election, "started_on", "2023-05-10");
    g_assert_true (fazhi_store_save (database, election, &error));
    g_assert_no_error (error);
  }
}

static void
assert_same_counts (FazhiDatabase *one,
                    FazhiDatabase *other)
{
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    g_assert_cmpint (fazhi_database_count (one, id), ==, fazhi_database_count (other, id));
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(FazhiDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autofree char *partial = sibling (destination, ".partial");
  g_autoptr(GBytes) header = NULL;
  sqlite3 *reader = open_raw (fixture->path);
  sqlite3_stmt *reading = NULL;

  fill_sample (database);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_CASES), ==, 5);

  /* Another program is in the middle of reading. */
  exec_raw (reader, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT id FROM cases", -1, &reading, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (reading), ==, SQLITE_ROW);

  g_assert_true (fazhi_database_backup (database, destination, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (destination, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  sqlite3_finalize (reading);
  exec_raw (reader, "COMMIT");
  sqlite3_close (reader);

  /* The copy is one self-contained file, in the rollback-journal format. */
  header = read_bytes (destination);
  g_assert_cmpuint (g_bytes_get_size (header), >=, 100);
  g_assert_cmpmem (g_bytes_get_data (header, NULL), 16, "SQLite format 3", 16);
  g_assert_cmpint (((const guint8 *) g_bytes_get_data (header, NULL))[18], ==, 1);
  assert_no_companions (destination);

  copy = fazhi_test_open_database_file (destination);
  g_assert_cmpint (fazhi_database_count (copy, FAZHI_LEDGER_CASES), ==, 5);
  assert_same_counts (database, copy);
  g_assert_cmpint (fazhi_database_get_version (copy), ==, fazhi_database_get_version (database));
}

/* What another connection has not committed is not in the backup, and the backup does not wait for it. */
static void
test_backup_while_writing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(FazhiDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = g_build_filename (fixture->folder, "backup.db", NULL);
  sqlite3 *writer = open_raw (fixture->path);

  insert_community (database, "甲");
  exec_raw (writer, "BEGIN IMMEDIATE");
  g_assert_cmpint (insert_community_with (writer, "乙"), ==, SQLITE_DONE);

  g_assert_true (fazhi_database_backup (database, destination, &error));
  g_assert_no_error (error);
  exec_raw (writer, "COMMIT");
  sqlite3_close (writer);

  copy = fazhi_test_open_database_file (destination);
  g_assert_cmpint (fazhi_database_count (copy, FAZHI_LEDGER_COMMUNITIES), ==, 1);
  g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_COMMUNITIES), ==, 2);
}

static void
test_backup_fails_cleanly (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = g_build_filename (fixture->folder, "missing", "backup.db", NULL);
  g_autofree char *partial = sibling (destination, ".partial");

  g_assert_false (fazhi_database_backup (database, destination, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == FAZHI_DATABASE_ERROR);
  g_assert_nonnull (strstr (error->message, destination));
  g_assert_false (g_file_test (destination, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = fazhi_database_get_handle (database);
  sqlite3_stmt *statement = NULL;

  fill_sample (database);
  problems = fazhi_database_check (database, &error);
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A case pointing at a community that is not there, written past the foreign keys. */
  exec_raw (handle, "PRAGMA foreign_keys = OFF");
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO cases (uuid, created_at, updated_at, number, kind, title, "
                                       "received_on, community_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, "9f1c2b8e-0000-4000-8000-000000000001", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, "2023-03-05T00:00:00Z", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, "2023-03-05T00:00:00Z", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, "（2023）咨字第999号", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 5, "consultation", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 6, "孤立的记录", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 7, "2023-03-05", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 8, 999);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  exec_raw (handle, "PRAGMA foreign_keys = ON");

  problems = fazhi_database_check (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "cases"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "communities"));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (fixture->path);
  g_autoptr(FazhiRecord) record = new_case ("只读时的新记录", "2023-03-05");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  save_case (database, "已有的记录");
  g_clear_object (&database);
  assert_no_companions (fixture->path);

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  if (access (fixture->path, W_OK) == 0)
    {
      g_chmod (fixture->path, 0644);
      g_test_skip ("the file stays writable after chmod 0444 (running as root): cannot test a read-only database");
      return;
    }
  before = read_bytes (fixture->path);

  database = fazhi_database_open (fixture->path, &error);
  if (database == NULL)
    {
      /* Refusing at once is also fine, provided the clerk is told why. */
      g_test_message ("refused when opened: %s", error != NULL ? error->message : "(no error)");
      g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_READ_ONLY);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_CASES), ==, 1);

      g_assert_false (fazhi_store_save (database, record, &error));
      g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_READ_ONLY);
      g_test_message ("refused when saving: %s", error->message);
      g_assert_cmpint (fazhi_record_get_id (record), ==, 0);
      g_assert_cmpint (fazhi_database_count (database, FAZHI_LEDGER_CASES), ==, 1);
      g_clear_error (&error);

      g_assert_false (fazhi_database_set_setting (database, "number_prefix", "王", &error));
      g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_READ_ONLY);
      g_clear_object (&database);
    }

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_chmod (fixture->path, 0644);
}

/* Two programs on one file */

static void
test_two_connections_alternate (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(FazhiDatabase) one = fazhi_test_open_database_file (fixture->path);
  g_autoptr(FazhiDatabase) other = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const int rounds = 20;

  for (int i = 0; i < rounds; i++)
    {
      FazhiDatabase *writer = i % 2 == 0 ? one : other;
      g_autofree char *title = g_strdup_printf ("第%d次咨询", i);
      g_autoptr(FazhiRecord) record = new_case (title, "2023-03-05");
      g_autoptr(GError) error = NULL;

      g_assert_true (fazhi_store_save (writer, record, &error));
      g_assert_no_error (error);
      /* Each connection numbers from what the other wrote: no number is given twice. */
      g_assert_true (g_hash_table_add (numbers, g_strdup (fazhi_record_get (record, "number"))));
    }

  g_assert_cmpint (fazhi_database_count (one, FAZHI_LEDGER_CASES), ==, rounds);
  g_assert_cmpint (fazhi_database_count (other, FAZHI_LEDGER_CASES), ==, rounds);
  g_assert_cmpint (fazhi_database_count (one, FAZHI_LEDGER_COMMUNITIES), ==, 1);
  g_assert_cmpuint (g_hash_table_size (numbers), ==, rounds);
}

typedef struct
{
  FazhiDatabase *database;
  gulong         hold_us;
  GMutex         mutex;
  GCond          cond;
  gboolean       holding;
  gboolean       committed;
  GError        *error;
} Holder;

static gpointer
hold_write_lock (gpointer data)
{
  Holder *holder = data;
  gboolean began = fazhi_database_begin (holder->database, &holder->error);

  if (began)
    insert_community (holder->database, "先写的社区");

  g_mutex_lock (&holder->mutex);
  holder->holding = TRUE;
  g_cond_signal (&holder->cond);
  g_mutex_unlock (&holder->mutex);

  if (began)
    {
      g_usleep (holder->hold_us);
      holder->committed = fazhi_database_commit (holder->database, &holder->error);
    }

  return NULL;
}

static void
test_writer_waits (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FazhiDatabase) one = fazhi_test_open_database_file (fixture->path);
  g_autoptr(GError) error = NULL;
  Holder holder = { 0 };
  GThread *thread;
  gint64 start, waited;

  holder.database = fazhi_test_open_database_file (fixture->path);
  holder.hold_us = 500 * 1000;
  g_mutex_init (&holder.mutex);
  g_cond_init (&holder.cond);

  thread = g_thread_new ("holder", hold_write_lock, &holder);
  g_mutex_lock (&holder.mutex);
  while (!holder.holding)
    g_cond_wait (&holder.cond, &holder.mutex);
  g_mutex_unlock (&holder.mutex);
  g_assert_no_error (holder.error);

  start = g_get_monotonic_time ();
  g_assert_true (fazhi_database_begin (one, &error));
  g_assert_no_error (error);
  waited = g_get_monotonic_time () - start;
  insert_community (one, "后写的社区");
  g_assert_true (fazhi_database_commit (one, &error));
  g_assert_no_error (error);

  g_thread_join (thread);
  g_assert_no_error (holder.error);
  g_assert_true (holder.committed);

  g_test_message ("the second writer waited %" G_GINT64_FORMAT " ms", waited / 1000);
  /* It did wait for the first one (not merely run after it); the margin allows for a busy machine. */
  g_assert_cmpint (waited, >=, (gint64) holder.hold_us / 5);

  g_assert_cmpint (fazhi_database_count (one, FAZHI_LEDGER_COMMUNITIES), ==, 2);
  g_assert_cmpint (fazhi_database_count (holder.database, FAZHI_LEDGER_COMMUNITIES), ==, 2);

  g_clear_object (&holder.database);
  g_mutex_clear (&holder.mutex);
  g_cond_clear (&holder.cond);
}

/* Version 2 gives every ledger a search column; the records already there get theirs, the same
 * text the program writes for new ones. */
static void
test_migrate_search_text (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = fazhi_database_open_at_version (fixture->path, 1, NULL);
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *statement;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  g_assert_nonnull (database);
  g_assert_cmpint (sqlite3_exec (fazhi_database_get_handle (database),
                                 "INSERT INTO cases (uuid, created_at, updated_at, number, kind, title, applicant, "
                                 "received_on) VALUES ('u1', 'x', 'x', 'N-1', 'consultation', '遗产继承', '王某', "
                                 "'2023-05-01')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (fazhi_database_migrate (database, fazhi_database_latest_version (), &error));
  g_assert_no_error (error);

  /* The same record saved by the program (at the latest version) has the same search text. */
  fazhi_record_set (record, "number", "N-2");
  fazhi_record_set (record, "kind", "consultation");
  fazhi_record_set (record, "title", "遗产继承");
  fazhi_record_set (record, "applicant", "王某");
  fazhi_record_set (record, "received_on", "2023-05-01");
  g_assert_true (fazhi_store_save (database, record, &error));
  g_assert_no_error (error);

  statement = fazhi_database_prepare (database, "SELECT search_text FROM cases ORDER BY id", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  old_text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  new_text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);

  g_assert_cmpstr (old_text, ==, "N-1\x1f遗产继承\x1f王某\x1f\x1f\x1f");
  g_assert_cmpstr (new_text, ==, "N-2\x1f遗产继承\x1f王某\x1f\x1f\x1f");
}

static void
add_test (const char *path,
          void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");

  /* Before anything reads the user's data folder, which GLib reads once. */
  g_unsetenv ("FAZHI_DATABASE");
  xdg_data_home = fazhi_test_make_dir ("fazhi-data-XXXXXX");
  g_setenv ("XDG_DATA_HOME", xdg_data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  add_test ("/database/open/creates", test_open_creates);
  add_test ("/database/open/cannot-create", test_open_cannot_create);
  add_test ("/database/open/connection", test_open_settings_of_connection);
  g_test_add_func ("/database/latest-version", test_latest_version);
  add_test ("/database/migrate/from-zero", test_migrate_from_zero);
  add_test ("/database/migrate/step-by-step", test_migrate_step_by_step);
  add_test ("/database/migrate/on-open", test_migrate_on_open);
  add_test ("/database/migrate/search-text", test_migrate_search_text);
  add_test ("/database/open/reopen", test_reopen);
  add_test ("/database/open/too-new", test_too_new);
  add_test ("/database/open/text-file", test_text_file);
  add_test ("/database/open/other-program", test_other_program);
  add_test ("/database/settings", test_settings);
  g_test_add_func ("/database/default-path", test_default_path);
  add_test ("/database/transaction/rollback", test_rollback);
  add_test ("/database/transaction/nested", test_nested);
  add_test ("/database/transaction/changed", test_changed_signal);
  add_test ("/database/transaction/changed-after-inner-rollback", test_changed_after_inner_rollback);
  add_test ("/database/transaction/settings-changed", test_settings_changed_signal);
  add_test ("/database/backup/while-reading", test_backup);
  add_test ("/database/backup/while-writing", test_backup_while_writing);
  add_test ("/database/backup/fails-cleanly", test_backup_fails_cleanly);
  add_test ("/database/check", test_check);
  add_test ("/database/read-only", test_read_only);
  add_test ("/database/shared/alternate", test_two_connections_alternate);
  add_test ("/database/shared/writer-waits", test_writer_waits);

  status = g_test_run ();

  fazhi_test_remove_tree (xdg_data_home);
  g_free (xdg_data_home);
  return status;
}
