/* test-history.c — every change in the history, deleted records in the trash */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "fazhi-backup.h"
#include "fazhi-history.h"
#include "fazhi-import.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"

typedef struct
{
  char          *dir;
  FazhiDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fazhi_test_make_dir ("fazhi-history-XXXXXX");
  fixture->database = fazhi_test_open_database (fixture->dir);
  fazhi_database_set_clerk (fixture->database, "李书记员");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  fazhi_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static FazhiRecord *
save_case (Fixture *fixture)
{
  FazhiRecord *record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autoptr(GError) error = NULL;

  fazhi_record_set (record, "kind", "mediation");
  fazhi_record_set (record, "title", "邻里漏水纠纷");
  fazhi_record_set (record, "applicant", "张三");
  fazhi_record_set (record, "received_on", "2023-03-01");
  fazhi_record_set (record, "amount", "1500.5");
  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);
  return record;
}

/* The entries of @uuid's history whose action is @action, as "field:old>new" lines. */
static char *
entries_of (Fixture    *fixture,
            const char *uuid,
            const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = fazhi_history_list (fixture->database, uuid, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      FazhiHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (strcmp (entry->action, action) != 0)
        continue;
      g_assert_cmpstr (entry->by, ==, "李书记员");
      g_assert_true (g_str_has_suffix (entry->at, "Z"));
      g_string_append_printf (text, "%s:%s>%s\n", entry->field != NULL ? entry->field : "-",
                              entry->old != NULL ? entry->old : "", entry->new != NULL ? entry->new : "");
    }

  return g_string_free (text, FALSE);
}

/* A record typed in: its fields; a save: exactly the fields changed, old and new; a field put
 * back: a change of its own. */
static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = save_case (fixture);
  const char *uuid = fazhi_record_get_uuid (record);
  g_autoptr(GError) error = NULL;
  g_autofree char *inserted = NULL, *updated = NULL, *reverted = NULL, *unchanged = NULL;
  sqlite3 *handle = fazhi_database_get_handle (fixture->database);

  inserted = entries_of (fixture, uuid, "insert");
  g_assert_nonnull (strstr (inserted, "received_on:>2023-03-01\n"));
  g_assert_nonnull (strstr (inserted, "amount:>1500.5\n"));
  g_assert_nonnull (strstr (inserted, "number:>（2023）调字第001号\n"));
  g_assert_null (strstr (inserted, "respondent:"));

  fazhi_record_set (record, "received_on", "2023-03-05");
  fazhi_record_set (record, "respondent", "李四");
  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);
  updated = entries_of (fixture, uuid, "update");
  g_assert_cmpstr (updated, ==, "received_on:2023-03-01>2023-03-05\nrespondent:>李四\n");

  /* Saving without a change writes no change. */
  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  unchanged = entries_of (fixture, uuid, "update");
  g_assert_cmpstr (unchanged, ==, updated);

  g_assert_true (fazhi_store_revert_field (fixture->database, record, "received_on", "2023-03-01", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (record, "received_on"), ==, "2023-03-01");
  reverted = entries_of (fixture, uuid, "revert");
  g_assert_cmpstr (reverted, ==, "received_on:2023-03-05>2023-03-01\n");

  /* A value the rules refuse is not put back. */
  g_assert_false (fazhi_store_revert_field (fixture->database, record, "received_on", "2023-02-30", &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Never edited. */
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE changes SET by = 'x'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM change_fields", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (fazhi_test_query_int (handle, "SELECT count(*) FROM change_fields WHERE new = '李四'", NULL), ==, 1);
}

/* A record of an import is one change naming the file; an update by import names it too. */
static void
test_import_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "台账.csv", NULL);
  g_autofree char *changed = g_build_filename (fixture->dir, "台账-改.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiImport) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *uuid = NULL;
  sqlite3 *handle = fazhi_database_get_handle (fixture->database);
  sqlite3_stmt *statement;

  g_assert_true (g_file_set_contents (path, "类别,事由,申请人,受理日期,结果\n调解,噪音,王五,2023-04-01,\n", -1, NULL));
  g_assert_true (g_file_set_contents (changed, "类别,事由,申请人,受理日期,结果,办结日期\n"
                                      "调解,噪音,王五,2023-04-01,调解成功,2023-04-10\n", -1, NULL));
  g_assert_cmpint (fazhi_import_file (fixture->database, FAZHI_LEDGER_CASES, path, NULL, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);

  statement = fazhi_database_prepare (fixture->database, "SELECT uuid FROM cases", NULL);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);

  entries = fazhi_history_list (fixture->database, uuid, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((FazhiHistoryEntry *) entries->pdata[0])->action, ==, "import");
  g_assert_cmpstr (((FazhiHistoryEntry *) entries->pdata[0])->source, ==, "台账.csv");
  g_assert_null (((FazhiHistoryEntry *) entries->pdata[0])->field);

  again = fazhi_import_new (FAZHI_LEDGER_CASES, changed, &error);
  fazhi_import_set_update (again, TRUE);
  g_assert_cmpint (fazhi_import_run (again, fixture->database, FALSE, NULL, NULL, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = fazhi_history_list (fixture->database, uuid, &error);
  /* The import; the update's 办结日期, 结果 and the 状态 that follows from them. */
  g_assert_cmpuint (entries->len, ==, 4);
  for (guint i = 1; i < entries->len; i++)
    {
      FazhiHistoryEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->action, ==, "update");
      g_assert_cmpstr (entry->source, ==, "台账-改.csv");
    }
  g_assert_cmpstr (((FazhiHistoryEntry *) entries->pdata[1])->field, ==, "concluded_on");
  g_assert_cmpstr (((FazhiHistoryEntry *) entries->pdata[2])->field, ==, "outcome");
  g_assert_cmpstr (((FazhiHistoryEntry *) entries->pdata[2])->new, ==, "success");
  g_assert_cmpstr (((FazhiHistoryEntry *) entries->pdata[3])->old, ==, "open");
  g_assert_cmpstr (((FazhiHistoryEntry *) entries->pdata[3])->new, ==, "concluded");
  g_assert_cmpint (fazhi_test_query_int (handle, "SELECT count(*) FROM changes", NULL), ==, 2);
}

/* A delete moves the record to the trash: out of the ledger and its figures, listed with who
 * and when; restored, it is as it was, with its id, uuid and creation time. */
static void
test_trash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = save_case (fixture);
  g_autoptr(FazhiRecord) back = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted = NULL, *restored = NULL;
  FazhiTrashItem *item;
  gint64 id = fazhi_record_get_id (record);

  g_assert_true (fazhi_store_delete (fixture->database, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 0);

  items = fazhi_trash_list (fixture->database, &error);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->ledger, ==, FAZHI_LEDGER_CASES);
  g_assert_cmpint (item->record_id, ==, id);
  g_assert_cmpstr (item->deleted_by, ==, "李书记员");
  g_assert_cmpstr (item->summary, ==, "（2023）调字第001号 · 2023-03-01 · 邻里漏水纠纷 · 张三");
  deleted = entries_of (fixture, fazhi_record_get_uuid (record), "delete");
  g_assert_nonnull (strstr (deleted, "title:邻里漏水纠纷>\n"));

  g_assert_true (fazhi_store_restore (fixture->database, record, &error));
  g_assert_no_error (error);
  back = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get_uuid (back), ==, fazhi_record_get_uuid (record));
  g_assert_cmpstr (fazhi_record_get_created_at (back), ==, fazhi_record_get_created_at (record));
  g_assert_cmpstr (fazhi_record_get (back, "amount"), ==, "1500.5");
  g_assert_cmpstr (fazhi_record_get (back, "number"), ==, "（2023）调字第001号");
  restored = entries_of (fixture, fazhi_record_get_uuid (record), "restore");
  g_assert_nonnull (strstr (restored, "title:>邻里漏水纠纷\n"));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = fazhi_trash_list (fixture->database, &error);
  g_assert_cmpuint (items->len, ==, 0);
}

/* A record whose number was taken again meanwhile stays in the trash, with a message. */
static void
test_restore_conflict (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = save_case (fixture);
  g_autoptr(FazhiRecord) other = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_store_delete (fixture->database, record, &error));
  other = save_case (fixture);
  g_assert_cmpstr (fazhi_record_get (other, "number"), ==, fazhi_record_get (record, "number"));
  g_assert_false (fazhi_store_restore (fixture->database, record, &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "邻里漏水纠纷"));
  items = fazhi_trash_list (fixture->database, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 1);
}

/* What was deleted longer ago than the setting is purged; the history stays. */
static void
test_purge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(FazhiRecord) old = save_case (fixture);
  g_autoptr(FazhiRecord) recent = save_case (fixture);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = fazhi_database_get_handle (fixture->database);
  gint64 changes;

  g_assert_true (fazhi_store_delete (fixture->database, old, &error));
  g_assert_true (fazhi_store_delete (fixture->database, recent, &error));
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE trash SET deleted_at = '2020-01-01T00:00:00Z' WHERE record_id = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  changes = fazhi_test_query_int (handle, "SELECT count(*) FROM changes", NULL);

  g_assert_cmpint (fazhi_trash_purge_expired (fixture->database, &error), ==, 1);
  g_assert_no_error (error);
  items = fazhi_trash_list (fixture->database, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (((FazhiTrashItem *) items->pdata[0])->record_id, ==, fazhi_record_get_id (recent));

  g_assert_true (fazhi_database_set_setting (fixture->database, "trash_days", "0", &error));
  g_assert_cmpint (fazhi_trash_purge (fixture->database, NULL, &error), ==, 1);
  g_assert_cmpint (fazhi_test_query_int (handle, "SELECT count(*) FROM trash", NULL), ==, 0);
  g_assert_cmpint (fazhi_test_query_int (handle, "SELECT count(*) FROM changes", NULL), ==, changes);
}

/* Without a name set, the history says who from the environment or the login. */
static void
test_clerk (Fixture       *fixture,
            gconstpointer  data)
{
  fazhi_database_set_clerk (fixture->database, NULL);
  g_setenv ("FAZHI_CLERK", "王书记员", TRUE);
  g_assert_cmpstr (fazhi_database_get_clerk (fixture->database), ==, "王书记员");
  g_unsetenv ("FAZHI_CLERK");
  g_assert_cmpstr (fazhi_database_get_clerk (fixture->database), !=, "王书记员");
  g_assert_true (fazhi_database_get_clerk (fixture->database)[0] != '\0');
  fazhi_database_set_clerk (fixture->database, "  ");
  g_assert_cmpstr (fazhi_database_get_clerk (fixture->database), !=, "  ");
}

/* A restore puts the ledger back as it was, but not its history: the changes made since the
 * backup are still told. */
static void
test_history_survives_restore (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = save_case (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *updated = NULL;
  g_autoptr(FazhiRecord) back = NULL;

  backup = fazhi_backup_make (fixture->database, FAZHI_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  fazhi_record_set (record, "respondent", "李四");
  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);

  g_assert_true (fazhi_backup_restore (fixture->database, backup, NULL, &error));
  g_assert_no_error (error);
  back = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, fazhi_record_get_id (record), &error);
  g_assert_null (fazhi_record_get (back, "respondent"));
  updated = entries_of (fixture, fazhi_record_get_uuid (record), "update");
  g_assert_cmpstr (updated, ==, "respondent:>李四\n");
  g_assert_cmpint (fazhi_test_query_int (fazhi_database_get_handle (fixture->database),
                                         "SELECT count(*) FROM changes WHERE action = 'insert'", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/changes", test_changes);
  ADD ("/history/import", test_import_changes);
  ADD ("/history/trash", test_trash);
  ADD ("/history/restore-conflict", test_restore_conflict);
  ADD ("/history/purge", test_purge);
  ADD ("/history/clerk", test_clerk);
  ADD ("/history/survives-restore", test_history_survives_restore);
#undef ADD

  return g_test_run ();
}
