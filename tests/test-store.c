/* test-store.c — saving, loading, deleting and restoring records, and the record objects */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "fazhi-database.h"
#include "fazhi-record.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"
#include "fazhi-validate.h"

typedef struct
{
  FazhiLedgerId ledger;
  FazhiChange   change;
  gint64        id;
} Announced;

typedef struct
{
  char          *folder;
  FazhiDatabase *database;
  GArray        *announced;
} Fixture;

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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = fazhi_test_make_dir ("fazhi-store-XXXXXX");
  fixture->database = fazhi_test_open_database (fixture->folder);
  fixture->announced = g_array_new (FALSE, TRUE, sizeof (Announced));
  g_signal_connect (fixture->database, "changed", G_CALLBACK (on_changed), fixture->announced);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *files[] = { "ledger.db", "ledger.db-wal", "ledger.db-shm" };

  g_clear_object (&fixture->database);
  g_clear_pointer (&fixture->announced, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->folder, files[i], NULL);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (fixture->folder), ==, 0);
  g_free (fixture->folder);
}

static FazhiRecord *
new_case (const char *kind,
          const char *title,
          const char *received_on)
{
  FazhiRecord *record = fazhi_record_new (FAZHI_LEDGER_CASES);

  fazhi_record_set (record, "kind", kind);
  fazhi_record_set (record, "title", title);
  fazhi_record_set (record, "received_on", received_on);
  return record;
}

static FazhiRecord *
saved_case (Fixture    *fixture,
            const char *kind,
            const char *received_on)
{
  FazhiRecord *record = new_case (kind, "物业费纠纷", received_on);
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);
  return record;
}

static gint64
place_id (Fixture    *fixture,
          const char *table,
          const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE name = ?", table);
  sqlite3 *handle = fazhi_database_get_handle (fixture->database);
  sqlite3_stmt *statement = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (statement) == SQLITE_ROW)
    id = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);

  return id;
}

static void
assert_same_values (FazhiRecord *one,
                    FazhiRecord *other)
{
  const FazhiLedger *ledger = fazhi_record_get_ledger (one);

  g_assert_true (fazhi_record_get_ledger (other) == ledger);
  for (guint i = 0; i < ledger->n_fields; i++)
    {
      g_test_message ("field %s", ledger->fields[i].key);
      g_assert_cmpstr (fazhi_record_get (one, ledger->fields[i].key), ==,
                       fazhi_record_get (other, ledger->fields[i].key));
    }
}

static gboolean
is_timestamp (const char *text)
{
  return text != NULL
         && g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", text, 0, 0);
}

/* Saving cases */

static void
test_save_new_case (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FazhiRecord) first = new_case ("mediation", "邻里噪音纠纷", "2023-03-05");
  g_autoptr(FazhiRecord) second = new_case ("mediation", "物业费纠纷", "2023/3/9");
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_store_save (fixture->database, first, &error));
  g_assert_no_error (error);

  g_assert_cmpint (fazhi_record_get_id (first), >, 0);
  g_assert_true (g_uuid_string_is_valid (fazhi_record_get_uuid (first)));
  g_assert_true (is_timestamp (fazhi_record_get_created_at (first)));
  g_assert_cmpstr (fazhi_record_get_updated_at (first), ==, fazhi_record_get_created_at (first));
  g_assert_cmpstr (fazhi_record_get (first, "number"), ==, "（2023）调字第001号");
  /* The record holds what was stored, fallbacks included. */
  g_assert_cmpstr (fazhi_record_get (first, "status"), ==, "open");
  g_assert_cmpstr (fazhi_record_get (first, "count"), ==, "1");

  g_assert_true (fazhi_store_save (fixture->database, second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (second, "number"), ==, "（2023）调字第002号");
  g_assert_cmpstr (fazhi_record_get (second, "received_on"), ==, "2023-03-09");
  g_assert_cmpint (fazhi_record_get_id (second), !=, fazhi_record_get_id (first));
  g_assert_cmpstr (fazhi_record_get_uuid (second), !=, fazhi_record_get_uuid (first));

  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 2);

  g_assert_cmpuint (fixture->announced->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 0).ledger, ==, FAZHI_LEDGER_CASES);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 0).change, ==, FAZHI_CHANGE_ADDED);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 0).id, ==, fazhi_record_get_id (first));
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 1).id, ==, fazhi_record_get_id (second));
}

static void
test_number_prefix (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = NULL;

  g_assert_true (fazhi_database_set_setting (fixture->database, "number_prefix", "王", NULL));
  record = saved_case (fixture, "mediation", "2023-03-05");
  g_assert_cmpstr (fazhi_record_get (record, "number"), ==, "（2023）王调字第001号");
}

/* Numbers run per kind and per year, and go on from the highest number already used. */
static void
test_number_sequence (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FazhiRecord) mediation1 = saved_case (fixture, "mediation", "2023-03-05");
  g_autoptr(FazhiRecord) litigation1 = saved_case (fixture, "litigation", "2023-03-06");
  g_autoptr(FazhiRecord) mediation2 = saved_case (fixture, "mediation", "2023-11-30");
  g_autoptr(FazhiRecord) next_year = saved_case (fixture, "mediation", "2024-01-02");
  g_autoptr(FazhiRecord) litigation2 = saved_case (fixture, "litigation", "2023-12-31");
  g_autoptr(FazhiRecord) typed = new_case ("mediation", "手工编号的调解", "2023-06-01");
  g_autoptr(FazhiRecord) after_typed = NULL;
  g_autofree char *litigation_first = fazhi_case_number (NULL, "litigation", 2023, 1);
  g_autofree char *litigation_second = fazhi_case_number (NULL, "litigation", 2023, 2);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (fazhi_record_get (mediation1, "number"), ==, "（2023）调字第001号");
  g_assert_cmpstr (fazhi_record_get (mediation2, "number"), ==, "（2023）调字第002号");
  g_assert_cmpstr (fazhi_record_get (next_year, "number"), ==, "（2024）调字第001号");

  g_assert_true (g_str_has_prefix (fazhi_record_get (litigation1, "number"), "（2023）"));
  g_assert_true (g_str_has_suffix (fazhi_record_get (litigation1, "number"), "字第001号"));
  g_assert_cmpstr (fazhi_record_get (litigation1, "number"), !=, fazhi_record_get (mediation1, "number"));
  g_assert_cmpstr (fazhi_record_get (litigation1, "number"), ==, litigation_first);
  g_assert_cmpstr (fazhi_record_get (litigation2, "number"), ==, litigation_second);

  /* A number typed by the clerk is kept, and the next one follows it. */
  fazhi_record_set (typed, "number", "（2023）调字第014号");
  g_assert_true (fazhi_store_save (fixture->database, typed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (typed, "number"), ==, "（2023）调字第014号");
  after_typed = saved_case (fixture, "mediation", "2023-07-01");
  g_assert_cmpstr (fazhi_record_get (after_typed, "number"), ==, "（2023）调字第015号");
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = saved_case (fixture, "mediation", "2023-03-05");
  g_autoptr(FazhiRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = g_strdup (fazhi_record_get_created_at (record));
  g_autofree char *updated = g_strdup (fazhi_record_get_updated_at (record));
  g_autofree char *uuid = g_strdup (fazhi_record_get_uuid (record));
  g_autofree char *number = g_strdup (fazhi_record_get (record, "number"));
  gint64 id = fazhi_record_get_id (record);

  /* Timestamps are to the second. */
  g_usleep (1100 * 1000);
  g_array_set_size (fixture->announced, 0);

  fazhi_record_set (record, "title", "物业费及停车位纠纷");
  fazhi_record_set (record, "status", "办理中");
  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);

  g_assert_cmpint (fazhi_record_get_id (record), ==, id);
  g_assert_cmpstr (fazhi_record_get_uuid (record), ==, uuid);
  g_assert_cmpstr (fazhi_record_get (record, "number"), ==, number);
  g_assert_cmpstr (fazhi_record_get (record, "status"), ==, "in_progress");
  g_assert_cmpstr (fazhi_record_get_created_at (record), ==, created);
  g_assert_true (is_timestamp (fazhi_record_get_updated_at (record)));
  g_assert_cmpstr (fazhi_record_get_updated_at (record), >, updated);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 1);

  loaded = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (loaded, "title"), ==, "物业费及停车位纠纷");
  g_assert_cmpstr (fazhi_record_get_updated_at (loaded), ==, fazhi_record_get_updated_at (record));

  g_assert_cmpuint (fixture->announced->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 0).change, ==, FAZHI_CHANGE_EDITED);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 0).id, ==, id);
}

/* What is loaded is what was saved, in its stored form. */
static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autoptr(FazhiRecord) loaded = NULL;
  g_autoptr(FazhiRecord) missing = NULL;
  g_autoptr(GError) error = NULL;

  fazhi_record_set (record, "kind", "矛盾纠纷调解");
  fazhi_record_set (record, "title", " 宅基地边界纠纷 ");
  fazhi_record_set (record, "category", "房屋宅基地");
  fazhi_record_set (record, "source", "initiative");
  fazhi_record_set (record, "applicant", "张三");
  fazhi_record_set (record, "respondent", "李四");
  fazhi_record_set (record, "phone", "13812345678");
  fazhi_record_set (record, "community", "东风社区");
  fazhi_record_set (record, "received_on", "2023年3月5日");
  fazhi_record_set (record, "handler", "王调解员");
  fazhi_record_set (record, "status", "concluded");
  fazhi_record_set (record, "outcome", "成功");
  fazhi_record_set (record, "concluded_on", "2023.3.20");
  fazhi_record_set (record, "agreement", "书面");
  fazhi_record_set (record, "amount", "12000.50");
  fazhi_record_set (record, "notes", "双方当场履行");
  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);

  /* The saved record already holds the stored form. */
  g_assert_cmpstr (fazhi_record_get (record, "kind"), ==, "mediation");
  g_assert_cmpstr (fazhi_record_get (record, "title"), ==, "宅基地边界纠纷");
  g_assert_cmpstr (fazhi_record_get (record, "category"), ==, "housing");
  g_assert_cmpstr (fazhi_record_get (record, "received_on"), ==, "2023-03-05");
  g_assert_cmpstr (fazhi_record_get (record, "concluded_on"), ==, "2023-03-20");
  g_assert_cmpstr (fazhi_record_get (record, "outcome"), ==, "success");
  g_assert_cmpstr (fazhi_record_get (record, "agreement"), ==, "written");
  g_assert_cmpstr (fazhi_record_get (record, "amount"), ==, "12000.5");
  g_assert_cmpstr (fazhi_record_get (record, "community"), ==, "东风社区");
  g_assert_cmpstr (fazhi_record_get (record, "phone"), ==, "13812345678");

  loaded = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, fazhi_record_get_id (record), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (FAZHI_IS_CASE (loaded));
  g_assert_cmpint (fazhi_record_get_id (loaded), ==, fazhi_record_get_id (record));
  g_assert_cmpstr (fazhi_record_get_uuid (loaded), ==, fazhi_record_get_uuid (record));
  g_assert_cmpstr (fazhi_record_get_created_at (loaded), ==, fazhi_record_get_created_at (record));
  assert_same_values (loaded, record);

  missing = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, 9999, &error);
  g_assert_null (missing);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND);
}

/* Every ledger goes through a save and a load unchanged. */
static void
test_round_trip_every_ledger (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char *values[][3] = {
    { "communities", "name", "西湖村" }, { "communities", "kind", "village" },
    { "compounds", "name", "锦绣花园" }, { "compounds", "community", "西湖村" },
    { "compounds", "households", "320" }, { "compounds", "area", "28650.75" },
    { "compounds", "property_company", "安居物业" }, { "compounds", "term_end", "2024-06-30" },
    { "trainings", "held_on", "2023-04-12" }, { "trainings", "title", "执法资格考试" },
    { "trainings", "form", "exam" }, { "trainings", "audience", "staff" }, { "trainings", "attendees", "7" },
    { "trainings", "passed", "7" }, { "trainings", "hours", "2.5" },
    { "outreach", "held_on", "2023-12-04" }, { "outreach", "title", "宪法日宣传" },
    { "outreach", "theme", "constitution" }, { "outreach", "venue", "community" },
    { "outreach", "community", "西湖村" }, { "outreach", "materials", "800" }, { "outreach", "banners", "2" },
    { "elections", "compound", "锦绣花园" }, { "elections", "started_on", "2023-05-10" },
    { "elections", "stage", "filed" }, { "elections", "vote_on", "2023-06-18" },
    { "elections", "completed_on", "2023-06-25" }, { "elections", "filed_on", "2023-07-05" },
    { "elections", "owners_voted", "250" }, { "elections", "area_voted", "22000.25" },
    { "elections", "owners_approved", "180" }, { "elections", "area_approved", "16000" },
    { "elections", "seats", "5" },
  };
  static const FazhiLedgerId order[] = {
    FAZHI_LEDGER_COMMUNITIES, FAZHI_LEDGER_COMPOUNDS, FAZHI_LEDGER_TRAININGS, FAZHI_LEDGER_OUTREACH,
    FAZHI_LEDGER_ELECTIONS,
  };

  for (guint l = 0; l < G_N_ELEMENTS (order); l++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (order[l]);
      g_autoptr(FazhiRecord) record = fazhi_record_new (order[l]);
      g_autoptr(FazhiRecord) loaded = NULL;
      g_autoptr(GError) error = NULL;

      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        if (g_str_equal (values[v][0], ledger->key))
          fazhi_record_set (record, values[v][1], values[v][2]);

      g_test_message ("ledger %s", ledger->key);
      g_assert_true (fazhi_store_save (fixture->database, record, &error));
      g_assert_no_error (error);

      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        if (g_str_equal (values[v][0], ledger->key))
          g_assert_cmpstr (fazhi_record_get (record, values[v][1]), ==, values[v][2]);

      loaded = fazhi_store_load (fixture->database, order[l], fazhi_record_get_id (record), &error);
      g_assert_no_error (error);
      assert_same_values (loaded, record);
      g_assert_cmpint (fazhi_database_count (fixture->database, order[l]), ==, 1);
    }
}

static void
test_invalid_not_saved (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = new_case ("mediation", NULL, "2023-02-30");
  g_autoptr(GError) error = NULL;

  fazhi_record_set (record, "amount", "-5");
  g_assert_false (fazhi_store_save (fixture->database, record, &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  g_test_message ("%s", error->message);

  /* Every problem is listed, each naming its field. */
  g_assert_nonnull (strstr (error->message, "Subject is required"));
  g_assert_nonnull (strstr (error->message, "Received on"));
  g_assert_nonnull (strstr (error->message, "2023-02-30"));
  g_assert_nonnull (strstr (error->message, "Amount agreed"));

  g_assert_cmpint (fazhi_record_get_id (record), ==, 0);
  g_assert_null (fazhi_record_get_uuid (record));
  /* What was typed is kept so that it can be corrected. */
  g_assert_cmpstr (fazhi_record_get (record, "received_on"), ==, "2023-02-30");
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 0);
  g_assert_cmpuint (fixture->announced->len, ==, 0);
}

static void
test_duplicate_number (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(FazhiRecord) first = saved_case (fixture, "mediation", "2023-03-05");
  g_autoptr(FazhiRecord) second = new_case ("mediation", "另一件纠纷", "2023-04-01");
  g_autoptr(GError) error = NULL;

  g_array_set_size (fixture->announced, 0);
  fazhi_record_set (second, "number", fazhi_record_get (first, "number"));
  fazhi_record_set (second, "community", "新建的社区");
  g_assert_false (fazhi_store_save (fixture->database, second, &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "number"));
  g_assert_nonnull (strstr (error->message, "already used"));

  g_assert_cmpint (fazhi_record_get_id (second), ==, 0);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 1);
  /* The community it named was not kept either: the whole save was undone. */
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES), ==, 0);
  g_assert_cmpuint (fixture->announced->len, ==, 0);
}

static void
test_community_created (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FazhiRecord) first = new_case ("consultation", "继承咨询", "2023-03-05");
  g_autoptr(FazhiRecord) second = new_case ("consultation", "劳动合同咨询", "2023-03-06");
  g_autoptr(FazhiRecord) community = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  fazhi_record_set (first, "community", "东风社区");
  fazhi_record_set (second, "community", "东风社区");
  g_assert_true (fazhi_store_save (fixture->database, first, &error));
  g_assert_true (fazhi_store_save (fixture->database, second, &error));
  g_assert_no_error (error);

  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES), ==, 1);
  id = place_id (fixture, "communities", "东风社区");
  g_assert_cmpint (id, >, 0);

  community = fazhi_store_load (fixture->database, FAZHI_LEDGER_COMMUNITIES, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (community, "name"), ==, "东风社区");
  g_assert_true (g_uuid_string_is_valid (fazhi_record_get_uuid (community)));
  g_assert_cmpstr (fazhi_record_get (second, "community"), ==, "东风社区");
}

static void
test_election_compound (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FazhiRecord) compound = fazhi_record_new (FAZHI_LEDGER_COMPOUNDS);
  g_autoptr(FazhiRecord) election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  g_autoptr(FazhiRecord) own_totals = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  g_autoptr(FazhiRecord) new_compound = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  g_autoptr(FazhiRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;

  fazhi_record_set (compound, "name", "幸福家园");
  fazhi_record_set (compound, "households", "300");
  fazhi_record_set (compound, "area", "25000.5");
  g_assert_true (fazhi_store_save (fixture->database, compound, &error));
  g_assert_no_error (error);

  fazhi_record_set (election, "compound", "幸福家园");
  fazhi_record_set (election, "started_on", "2023-05-10");
  fazhi_record_set (election, "owners_voted", "250");
  g_assert_true (fazhi_store_save (fixture->database, election, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (election, "owners_total"), ==, "300");
  g_assert_cmpstr (fazhi_record_get (election, "area_total"), ==, "25000.5");
  g_assert_cmpstr (fazhi_record_get (election, "term_years"), ==, "5");
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMPOUNDS), ==, 1);

  loaded = fazhi_store_load (fixture->database, FAZHI_LEDGER_ELECTIONS, fazhi_record_get_id (election), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (loaded, "owners_total"), ==, "300");
  g_assert_cmpstr (fazhi_record_get (loaded, "area_total"), ==, "25000.5");
  g_assert_cmpstr (fazhi_record_get (loaded, "compound"), ==, "幸福家园");

  /* Totals typed for the election are kept. */
  fazhi_record_set (own_totals, "compound", "幸福家园");
  fazhi_record_set (own_totals, "started_on", "2023-06-01");
  fazhi_record_set (own_totals, "owners_total", "296");
  fazhi_record_set (own_totals, "area_total", "24800");
  g_assert_true (fazhi_store_save (fixture->database, own_totals, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (own_totals, "owners_total"), ==, "296");
  g_assert_cmpstr (fazhi_record_get (own_totals, "area_total"), ==, "24800");

  /* A compound named for the first time is created, without totals to take. */
  fazhi_record_set (new_compound, "compound", "新城小区");
  fazhi_record_set (new_compound, "started_on", "2023-07-01");
  g_assert_true (fazhi_store_save (fixture->database, new_compound, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMPOUNDS), ==, 2);
  g_assert_cmpint (place_id (fixture, "compounds", "新城小区"), >, 0);
  g_assert_null (fazhi_record_get (new_compound, "owners_total"));
  g_assert_null (fazhi_record_get (new_compound, "area_total"));
}

/* The totals taken from the compound are checked like typed ones, and the clerk is told in words. */
static void
test_election_totals_checked (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FazhiRecord) compound = fazhi_record_new (FAZHI_LEDGER_COMPOUNDS);
  g_autoptr(FazhiRecord) election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  g_autoptr(GError) error = NULL;

  fazhi_record_set (compound, "name", "幸福家园");
  fazhi_record_set (compound, "households", "100");
  g_assert_true (fazhi_store_save (fixture->database, compound, &error));
  g_assert_no_error (error);

  fazhi_record_set (election, "compound", "幸福家园");
  fazhi_record_set (election, "started_on", "2023-05-10");
  fazhi_record_set (election, "owners_voted", "150");
  g_assert_false (fazhi_store_save (fixture->database, election, &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_ELECTIONS), ==, 0);
  g_assert_nonnull (strstr (error->message, "Owners who voted"));
}

static void
test_delete_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = saved_case (fixture, "mediation", "2023-03-05");
  g_autoptr(FazhiRecord) kept = fazhi_record_copy (record);
  g_autoptr(FazhiRecord) gone = NULL;
  g_autoptr(FazhiRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = fazhi_record_get_id (record);

  g_array_set_size (fixture->announced, 0);
  g_assert_true (fazhi_store_delete (fixture->database, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 0);
  gone = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, id, &error);
  g_assert_null (gone);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (fixture->announced->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 0).change, ==, FAZHI_CHANGE_REMOVED);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 0).id, ==, id);

  g_assert_true (fazhi_store_restore (fixture->database, kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_record_get_id (kept), ==, id);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 1);

  back = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_record_get_id (back), ==, id);
  g_assert_cmpstr (fazhi_record_get_uuid (back), ==, fazhi_record_get_uuid (record));
  g_assert_cmpstr (fazhi_record_get (back, "number"), ==, "（2023）调字第001号");
  assert_same_values (back, record);

  g_assert_cmpuint (fixture->announced->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 1).change, ==, FAZHI_CHANGE_ADDED);
  g_assert_cmpint (g_array_index (fixture->announced, Announced, 1).id, ==, id);

  /* Restoring what is already there (no longer in the trash) is refused and changes nothing. */
  g_assert_false (fazhi_store_restore (fixture->database, kept, &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 1);
}

/* The undo of a delete puts back the record as it was, down to when it was first entered. */
static void
test_restore_keeps_created_at (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = saved_case (fixture, "mediation", "2023-03-05");
  g_autoptr(FazhiRecord) kept = fazhi_record_copy (record);
  g_autoptr(GError) error = NULL;

  /* Timestamps are to the second. */
  g_usleep (1100 * 1000);
  g_assert_true (fazhi_store_delete (fixture->database, record, &error));
  g_assert_true (fazhi_store_restore (fixture->database, kept, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get_created_at (kept), ==, fazhi_record_get_created_at (record));
}

/* A record deleted elsewhere (another window, the command line) is not silently re-created. */
static void
test_edit_deleted (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = saved_case (fixture, "mediation", "2023-03-05");
  g_autoptr(FazhiRecord) open_in_editor = fazhi_record_copy (record);
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_store_delete (fixture->database, record, &error));
  g_array_set_size (fixture->announced, 0);

  fazhi_record_set (open_in_editor, "title", "改过的事由");
  g_assert_false (fazhi_store_save (fixture->database, open_in_editor, &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 0);
  g_assert_cmpuint (fixture->announced->len, ==, 0);
  g_assert_cmpstr (fazhi_record_get (open_in_editor, "title"), ==, "改过的事由");
}

static void
test_duplicate_name (Fixture       *fixture,
                     gconstpointer  data)
{
  static const FazhiLedgerId places[] = { FAZHI_LEDGER_COMMUNITIES, FAZHI_LEDGER_COMPOUNDS };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(FazhiRecord) first = fazhi_record_new (places[i]);
      g_autoptr(FazhiRecord) second = fazhi_record_new (places[i]);
      g_autoptr(GError) error = NULL;

      fazhi_record_set (first, "name", "东风");
      fazhi_record_set (second, "name", " 东风 ");
      g_assert_true (fazhi_store_save (fixture->database, first, &error));
      g_assert_no_error (error);
      g_assert_false (fazhi_store_save (fixture->database, second, &error));
      g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "already used"));
      g_assert_cmpint (fazhi_database_count (fixture->database, places[i]), ==, 1);
    }
}

static void
test_delete_community_in_use (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = new_case ("consultation", "继承咨询", "2023-03-05");
  g_autoptr(FazhiRecord) community = NULL;
  g_autoptr(FazhiRecord) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  fazhi_record_set (record, "community", "东风社区");
  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  community = fazhi_store_load (fixture->database, FAZHI_LEDGER_COMMUNITIES,
                                place_id (fixture, "communities", "东风社区"), &error);
  g_assert_no_error (error);

  g_array_set_size (fixture->announced, 0);
  g_assert_false (fazhi_store_delete (fixture->database, community, &error));
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "refer"));
  g_clear_error (&error);

  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES), ==, 1);
  g_assert_cmpuint (fixture->announced->len, ==, 0);
  reloaded = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, fazhi_record_get_id (record), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (reloaded, "community"), ==, "东风社区");

  /* Once nothing refers to it, it goes. */
  g_assert_true (fazhi_store_delete (fixture->database, record, &error));
  g_assert_true (fazhi_store_delete (fixture->database, community, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES), ==, 0);
}

/* Records as objects */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_record_properties (void)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autofree char *received_on = NULL;
  g_autofree char *title = NULL;
  guint notified = 0;

  g_signal_connect (record, "notify::received-on", G_CALLBACK (count_notify), &notified);

  fazhi_record_set (record, "received_on", "2023-03-05");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (record, "received-on", &received_on, NULL);
  g_assert_cmpstr (received_on, ==, "2023-03-05");

  /* The same value again is no change. */
  fazhi_record_set (record, "received_on", "2023-03-05");
  g_object_set (record, "received-on", "2023-03-05", NULL);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (record, "received-on", "2023-02-30", NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (fazhi_record_get (record, "received_on"), ==, "2023-02-30");

  /* Empty text is no value. */
  fazhi_record_set (record, "received_on", "");
  g_assert_cmpuint (notified, ==, 3);
  g_assert_null (fazhi_record_get (record, "received_on"));
  fazhi_record_set (record, "received_on", NULL);
  g_object_set (record, "received-on", "", NULL);
  g_assert_cmpuint (notified, ==, 3);

  /* Another field does not notify this one. */
  g_object_set (record, "title", "邻里纠纷", NULL);
  g_object_get (record, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "邻里纠纷");
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_record_set_values (void)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_TRAININGS);
  const FazhiLedger *ledger = fazhi_record_get_ledger (record);
  const char *values[32] = { NULL };
  guint held_on = 0, title = 0, attendees = 0;

  g_assert_cmpuint (ledger->n_fields, <, G_N_ELEMENTS (values));
  g_signal_connect (record, "notify::held-on", G_CALLBACK (count_notify), &held_on);
  g_signal_connect (record, "notify::title", G_CALLBACK (count_notify), &title);
  g_signal_connect (record, "notify::attendees", G_CALLBACK (count_notify), &attendees);

  values[fazhi_ledger_field_index (ledger, "held_on")] = "2023-04-12";
  values[fazhi_ledger_field_index (ledger, "title")] = "民法典讲座";
  fazhi_record_set_values (record, values);
  g_assert_cmpuint (held_on, ==, 1);
  g_assert_cmpuint (title, ==, 1);
  g_assert_cmpuint (attendees, ==, 0);

  for (guint i = 0; i < ledger->n_fields; i++)
    g_assert_cmpstr (fazhi_record_get_values (record)[i], ==, values[i]);
}

/* Every field of every ledger is a string property named after its key. */
static void
test_record_every_property (void)
{
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      g_autoptr(FazhiRecord) record = fazhi_record_new (id);
      const FazhiLedger *ledger = fazhi_record_get_ledger (record);

      g_assert_true (ledger == fazhi_ledger_get (id));
      for (guint i = 0; i < ledger->n_fields; i++)
        {
          g_autofree char *name = g_strdelimit (g_strdup (ledger->fields[i].key), "_", '-');
          g_autofree char *read = NULL;
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), name);

          g_assert_nonnull (pspec);
          g_assert_true (G_IS_PARAM_SPEC_STRING (pspec));
          g_object_set (record, name, "值", NULL);
          g_object_get (record, name, &read, NULL);
          g_assert_cmpstr (read, ==, "值");
          g_assert_cmpstr (fazhi_record_get (record, ledger->fields[i].key), ==, "值");
        }
    }
}

static void
test_record_copy (void)
{
  g_autoptr(FazhiRecord) record = new_case ("mediation", "邻里纠纷", "2023-03-05");
  g_autoptr(FazhiRecord) copy = NULL;

  fazhi_record_set_id (record, 42);
  fazhi_record_set_uuid (record, "7d444840-9dc0-11d1-b245-5ffdce74fad2");
  fazhi_record_set_timestamps (record, "2023-03-05T08:00:00Z", "2023-03-06T09:30:00Z");

  copy = fazhi_record_copy (record);
  g_assert_true (copy != record);
  g_assert_true (G_OBJECT_TYPE (copy) == G_OBJECT_TYPE (record));
  g_assert_cmpint (fazhi_record_get_id (copy), ==, 42);
  g_assert_cmpstr (fazhi_record_get_uuid (copy), ==, fazhi_record_get_uuid (record));
  g_assert_cmpstr (fazhi_record_get_created_at (copy), ==, "2023-03-05T08:00:00Z");
  g_assert_cmpstr (fazhi_record_get_updated_at (copy), ==, "2023-03-06T09:30:00Z");
  assert_same_values (copy, record);

  /* Changing one leaves the other as it was. */
  fazhi_record_set (copy, "title", "改过的事由");
  fazhi_record_set (record, "received_on", "2023-04-01");
  g_assert_cmpstr (fazhi_record_get (record, "title"), ==, "邻里纠纷");
  g_assert_cmpstr (fazhi_record_get (copy, "received_on"), ==, "2023-03-05");
}

static void
test_record_validate (void)
{
  g_autoptr(FazhiRecord) record = new_case ("mediation", "邻里纠纷", "2023/3/5");
  g_autoptr(GPtrArray) problems = NULL;
  char **normalized = NULL;

  problems = fazhi_record_validate (record, &normalized);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (normalized[fazhi_ledger_field_index (fazhi_record_get_ledger (record), "received_on")], ==,
                   "2023-03-05");
  fazhi_values_free (fazhi_record_get_ledger (record), normalized);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Validation reads the record, it does not change it. */
  g_assert_cmpstr (fazhi_record_get (record, "received_on"), ==, "2023/3/5");

  fazhi_record_set (record, "received_on", "2023-02-30");
  problems = fazhi_record_validate (record, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpint (((FazhiProblem *) g_ptr_array_index (problems, 0))->field, ==,
                   fazhi_ledger_field_index (fazhi_record_get_ledger (record), "received_on"));
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
  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");
  g_test_init (&argc, &argv, NULL);

  add_test ("/store/case/new", test_save_new_case);
  add_test ("/store/case/number-prefix", test_number_prefix);
  add_test ("/store/case/number-sequence", test_number_sequence);
  add_test ("/store/case/edit", test_edit);
  add_test ("/store/case/load", test_load);
  add_test ("/store/round-trip", test_round_trip_every_ledger);
  add_test ("/store/invalid", test_invalid_not_saved);
  add_test ("/store/duplicate-number", test_duplicate_number);
  add_test ("/store/community-created", test_community_created);
  add_test ("/store/election/compound", test_election_compound);
  add_test ("/store/election/totals-checked", test_election_totals_checked);
  add_test ("/store/delete-restore", test_delete_restore);
  add_test ("/store/restore-keeps-created-at", test_restore_keeps_created_at);
  add_test ("/store/case/edit-deleted", test_edit_deleted);
  add_test ("/store/duplicate-name", test_duplicate_name);
  add_test ("/store/delete-community-in-use", test_delete_community_in_use);
  g_test_add_func ("/store/record/properties", test_record_properties);
  g_test_add_func ("/store/record/set-values", test_record_set_values);
  g_test_add_func ("/store/record/every-property", test_record_every_property);
  g_test_add_func ("/store/record/copy", test_record_copy);
  g_test_add_func ("/store/record/validate", test_record_validate);

  return g_test_run ();
}
