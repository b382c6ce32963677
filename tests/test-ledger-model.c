/* test-ledger-model.c — the paged ledger model against plain SQL over the same database */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gstdio.h>

#include "fazhi-database.h"
#include "fazhi-ledger-model.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"

#define N_CASES 320

static const char *communities[] = { "东风社区", "西湖村", "南山社区", "北街社区" };
static const char *kinds[] = { "mediation", "litigation", "reconsideration", "consultation",
                               "review", "proposal", "inspection" };
static const char *statuses[] = { "open", "in_progress", "concluded" };

typedef struct
{
  char          *folder;
  FazhiDatabase *database;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

/* Replays every items-changed on its own copy of the ids, as a list view would. */
typedef struct
{
  GListModel *model;
  GArray     *changes;
  GArray     *mirror;
} Recorder;

static gint64
save_case (FazhiDatabase *database,
           const char    *kind,
           const char    *title,
           const char    *received_on,
           const char    *community,
           const char    *status)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autoptr(GError) error = NULL;

  fazhi_record_set (record, "kind", kind);
  fazhi_record_set (record, "title", title);
  fazhi_record_set (record, "received_on", received_on);
  fazhi_record_set (record, "community", community);
  fazhi_record_set (record, "status", status);
  if (g_strcmp0 (status, "concluded") == 0)
    {
      fazhi_record_set (record, "concluded_on", received_on);
      if (g_strcmp0 (kind, "mediation") == 0)
        fazhi_record_set (record, "outcome", "success");
    }

  fazhi_store_save (database, record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_record_get_id (record), >, 0);

  return fazhi_record_get_id (record);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  fixture->folder = fazhi_test_make_dir ("fazhi-model-XXXXXX");
  fixture->database = fazhi_test_open_database (fixture->folder);

  /* Two cases a day, every fifth day from 2022 into 2024: ties on the date are ordered by id. */
  g_assert_true (fazhi_database_begin (fixture->database, &error));
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2022);
  for (guint i = 0; i < N_CASES; i++)
    {
      char day[16];
      g_autofree char *title = g_strdup_printf ("事由%03u%s", i, i % 6 == 0 ? "，噪音扰民" : "");

      g_date_strftime (day, sizeof day, "%Y-%m-%d", &date);
      save_case (fixture->database, kinds[i % G_N_ELEMENTS (kinds)], title, day,
                 i % 5 == 4 ? NULL : communities[i % G_N_ELEMENTS (communities)],
                 statuses[i % G_N_ELEMENTS (statuses)]);
      if (i % 2 == 1)
        g_date_add_days (&date, 5);
    }

  /* The last day of Q1 and the first of Q2, and a title that holds LIKE's wildcards. */
  save_case (fixture->database, "consultation", "季度末", "2023-03-31", "东风社区", "open");
  save_case (fixture->database, "consultation", "季度初", "2023-04-01", "东风社区", "open");
  save_case (fixture->database, "review", "打折50%_优惠", "2023-05-05", "南山社区", "open");
  g_assert_true (fazhi_database_commit (fixture->database, &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fixture->database);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/ledger.db%s", fixture->folder, suffixes[i]);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (fixture->folder), ==, 0);
  g_free (fixture->folder);
}

/* Runs @sql with its text values; returns the first column of every row. */
static GArray *
sql_ids (FazhiDatabase      *database,
         const char         *sql,
         const char * const *values)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (database), sql, -1, &statement, NULL),
                   ==, SQLITE_OK);
  for (int i = 0; values != NULL && values[i] != NULL; i++)
    sqlite3_bind_text (statement, i + 1, values[i], -1, SQLITE_TRANSIENT);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (statement);

  return ids;
}

static gint64
sql_count (FazhiDatabase      *database,
           const char         *sql,
           const char * const *values)
{
  g_autoptr(GArray) rows = sql_ids (database, sql, values);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_array_index (rows, gint64, 0);
}

static gint64
item_id (GListModel *model,
         guint       position)
{
  g_autoptr(FazhiRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);
  return fazhi_record_get_id (record);
}

static GArray *
model_ids (GListModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      gint64 id = item_id (model, i);

      g_array_append_val (ids, id);
    }

  return ids;
}

static void
assert_same_ids (GArray *actual,
                 GArray *expected)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (actual, gint64, i), ==, g_array_index (expected, gint64, i));
}

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* The same rows, asked for independently: a join for the place, instr() for the search. */
#define CASES_WITH_PLACE \
  "FROM cases AS c LEFT JOIN communities AS m ON m.id = c.community_id "
#define MATCHES_TEXT \
  "(instr (c.title, ?5) OR instr (c.number, ?5) OR instr (coalesce (c.applicant, ''), ?5) " \
  "OR instr (coalesce (c.respondent, ''), ?5) OR instr (coalesce (m.name, ''), ?5) " \
  "OR instr (coalesce (c.handler, ''), ?5) OR instr (coalesce (c.notes, ''), ?5))"
#define FILTERED \
  CASES_WITH_PLACE "WHERE (?1 IS NULL OR c.received_on BETWEEN ?1 AND ?2) " \
  "AND (?3 IS NULL OR m.name = ?3) AND (?4 IS NULL OR c.kind = ?4) " \
  "AND (?5 IS NULL OR " MATCHES_TEXT ") AND (?6 IS NULL OR c.status = ?6) "

typedef struct
{
  const char *start, *end, *community, *kind, *search, *status;
  int         year, quarter;
} Filter;

static void
apply_filter (FazhiLedgerModel *model,
              const Filter     *filter)
{
  fazhi_ledger_model_set_period (model, filter->year, filter->quarter);
  fazhi_ledger_model_set_community (model, filter->community);
  fazhi_ledger_model_set_choice (model, "kind", filter->kind);
  fazhi_ledger_model_set_choice (model, "status", filter->status);
  fazhi_ledger_model_set_search (model, filter->search);
}

static GArray *
expected_ids (FazhiDatabase *database,
              const Filter  *filter,
              const char    *order)
{
  g_autofree char *sql = g_strdup_printf ("SELECT c.id " FILTERED "ORDER BY %s", order);
  sqlite3_stmt *statement = NULL;
  const char *values[] = { filter->start, filter->end, filter->community, filter->kind,
                           filter->search, filter->status };
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (database), sql, -1, &statement, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL)
      sqlite3_bind_text (statement, (int) i + 1, values[i], -1, SQLITE_STATIC);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (statement);

  return ids;
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  static const Filter filters[] = {
    { NULL },
    { "2023-01-01", "2023-12-31", .year = 2023 },
    { "2023-01-01", "2023-03-31", .year = 2023, .quarter = 1 },
    { "2023-04-01", "2023-06-30", .year = 2023, .quarter = 2 },
    { .community = "东风社区" },
    { .kind = "mediation" },
    { .status = "concluded" },
    { .search = "噪音" },
    { .search = "西湖" },
    { .search = "0%_" },
    { "2023-01-01", "2023-12-31", "东风社区", "consultation", .year = 2023 },
    { "2022-01-01", "2022-12-31", "南山社区", .search = "噪音", .year = 2022 },
    { "2022-01-01", "2022-12-31", .status = "open", .kind = "proposal", .year = 2022 },
  };
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);
  GListModel *list = G_LIST_MODEL (model);
  g_autoptr(GArray) last_of_q1 = sql_ids (fixture->database,
                                           "SELECT id FROM cases WHERE title = '季度末'", NULL);
  g_autoptr(GArray) first_of_q2 = sql_ids (fixture->database,
                                            "SELECT id FROM cases WHERE title = '季度初'", NULL);

  g_assert_true (g_list_model_get_item_type (list) == FAZHI_TYPE_CASE);

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GArray) expected = expected_ids (fixture->database, &filters[i],
                                                 "c.received_on DESC, c.id DESC");
      g_autoptr(GArray) shown = NULL;

      g_test_message ("filter %u: %u rows expected", i, expected->len);
      apply_filter (model, &filters[i]);
      g_assert_cmpuint (expected->len, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected->len);
      shown = model_ids (list);
      assert_same_ids (shown, expected);

      if (filters[i].quarter == 1)
        {
          g_assert_true (contains_id (shown, g_array_index (last_of_q1, gint64, 0)));
          g_assert_false (contains_id (shown, g_array_index (first_of_q2, gint64, 0)));
        }
      else if (filters[i].quarter == 2)
        {
          g_assert_false (contains_id (shown, g_array_index (last_of_q1, gint64, 0)));
          g_assert_true (contains_id (shown, g_array_index (first_of_q2, gint64, 0)));
        }
    }

  /* The wildcards of the search are taken literally: one title holds them. */
  apply_filter (model, &filters[9]);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_dup_where (Fixture       *fixture,
                gconstpointer  data)
{
  static const Filter combined = { "2022-01-01", "2022-12-31", "南山社区", .search = "噪音", .year = 2022 };
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);
  g_auto(GStrv) values = NULL;
  g_autofree char *where = fazhi_ledger_model_dup_where (model, &values);
  g_autofree char *sql = NULL;

  g_assert_cmpstr (where, ==, "1");
  g_assert_cmpuint (g_strv_length (values), ==, 0);
  g_clear_pointer (&where, g_free);
  g_clear_pointer (&values, g_strfreev);

  apply_filter (model, &combined);
  fazhi_ledger_model_set_choice (model, "status", "open");
  where = fazhi_ledger_model_dup_where (model, &values);
  g_assert_cmpuint (g_strv_length (values), >, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM cases AS t WHERE %s", where);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpint (sql_count (fixture->database, sql, (const char * const *) values),
                   ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
}

static void
assert_first (GListModel    *list,
              FazhiDatabase *database,
              const char    *order)
{
  static const Filter everything = { NULL };
  g_autoptr(GArray) expected = expected_ids (database, &everything, order);

  g_assert_cmpint (item_id (list, 0), ==, g_array_index (expected, gint64, 0));
  g_assert_cmpint (item_id (list, expected->len - 1), ==, g_array_index (expected, gint64, expected->len - 1));
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);
  GListModel *list = G_LIST_MODEL (model);
  g_autoptr(FazhiRecord) last = NULL;

  assert_first (list, fixture->database, "c.received_on DESC, c.id DESC");
  fazhi_ledger_model_set_sort (model, "received_on", FALSE);
  assert_first (list, fixture->database, "c.received_on ASC, c.id ASC");
  fazhi_ledger_model_set_sort (model, "title", FALSE);
  assert_first (list, fixture->database, "c.title ASC, c.id ASC");
  fazhi_ledger_model_set_sort (model, "title", TRUE);
  assert_first (list, fixture->database, "c.title DESC, c.id DESC");

  /* Cases without a community come last in either direction. */
  fazhi_ledger_model_set_sort (model, "community", FALSE);
  assert_first (list, fixture->database, "m.name IS NULL, m.name ASC, c.id ASC");
  last = g_list_model_get_item (list, g_list_model_get_n_items (list) - 1);
  g_assert_null (fazhi_record_get (last, "community"));
  fazhi_ledger_model_set_sort (model, "community", TRUE);
  assert_first (list, fixture->database, "m.name IS NULL, m.name DESC, c.id DESC");
  fazhi_ledger_model_set_sort (model, "concluded_on", FALSE);
  assert_first (list, fixture->database, "c.concluded_on IS NULL, c.concluded_on ASC, c.id ASC");

  fazhi_ledger_model_set_sort (model, NULL, FALSE);
  assert_first (list, fixture->database, "c.received_on DESC, c.id DESC");
}

/* Across pages, in the three ways the model reads them: walking the date index, by the ids of a
 * filter's matches, and by the ids of a sort no index serves. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  static const Filter everything = { NULL };
  static const Filter mediations = { .kind = "mediation" };
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);
  GListModel *list = G_LIST_MODEL (model);
  const guint positions[] = { 0, 150, 249, 99, 100, 200 };

  for (guint pass = 0; pass < 3; pass++)
    {
      const char *order = pass == 2 ? "c.title DESC, c.id DESC" : "c.received_on DESC, c.id DESC";
      g_autoptr(GArray) expected = expected_ids (fixture->database, pass == 1 ? &mediations : &everything,
                                                 order);
      guint n = g_list_model_get_n_items (list);

      if (pass == 1)
        {
          g_autoptr(GArray) shown = NULL;

          fazhi_ledger_model_set_choice (model, "kind", "mediation");
          n = g_list_model_get_n_items (list);
          g_assert_cmpuint (n, >, 0);
          shown = model_ids (list);
          assert_same_ids (shown, expected);
        }
      else
        {
          g_assert_cmpuint (n, ==, expected->len);
          g_assert_cmpuint (n, >, 250);
          for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
            g_assert_cmpint (item_id (list, positions[i]), ==, g_array_index (expected, gint64, positions[i]));
        }

      {
        g_autoptr(GObject) first = g_list_model_get_item (list, n - 1);
        g_autoptr(GObject) again = g_list_model_get_item (list, n - 1);

        g_assert_true (first == again);
      }
      g_assert_null (g_list_model_get_item (list, n));
      g_assert_null (g_list_model_get_item (list, n + 1000));

      fazhi_ledger_model_set_choice (model, "kind", NULL);
      if (pass == 1)
        fazhi_ledger_model_set_sort (model, "title", TRUE);
    }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  Change change = { position, removed, added };

  g_array_append_val (recorder->changes, change);
  g_assert_cmpuint (position + removed, <=, recorder->mirror->len);
  g_array_remove_range (recorder->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      gint64 id = item_id (model, position + i);

      g_array_insert_val (recorder->mirror, position + i, id);
    }
  g_assert_cmpuint (recorder->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
recorder_init (Recorder         *recorder,
               FazhiLedgerModel *model)
{
  recorder->model = G_LIST_MODEL (model);
  recorder->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  recorder->mirror = model_ids (recorder->model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), recorder);
}

static void
recorder_clear (Recorder *recorder)
{
  g_signal_handlers_disconnect_by_data (recorder->model, recorder);
  g_array_unref (recorder->changes);
  g_array_unref (recorder->mirror);
}

static void
assert_one_change (Recorder *recorder,
                   guint     position,
                   guint     removed,
                   guint     added)
{
  Change *change;

  g_assert_cmpuint (recorder->changes->len, ==, 1);
  change = &g_array_index (recorder->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_array_set_size (recorder->changes, 0);
}

/* A change of everything is one change of every row. */
static void
assert_reset (Recorder *recorder,
              guint     removed,
              guint     added)
{
  assert_one_change (recorder, 0, removed, added);
}

static guint
index_of (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  g_assert_not_reached ();
}

/* Each change is announced where it happens; the copy kept by replaying the announcements always
 * equals what SQL says the model should hold. */
static void
check_changes (FazhiDatabase    *database,
               FazhiLedgerModel *model,
               const Filter     *filter)
{
  const char *order = "c.received_on DESC, c.id DESC";
  const char *elsewhere = filter->community != NULL ? "西湖村" : NULL;
  Recorder recorder;
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  guint old_position, position;

  recorder_init (&recorder, model);

  fazhi_record_set (record, "kind", "consultation");
  fazhi_record_set (record, "title", "新来的咨询");
  fazhi_record_set (record, "received_on", "2022-07-15");
  fazhi_record_set (record, "community", filter->community);
  fazhi_store_save (database, record, &error);
  g_assert_no_error (error);
  expected = expected_ids (database, filter, order);
  position = index_of (expected, fazhi_record_get_id (record));
  g_assert_cmpuint (position, >, 0);
  assert_one_change (&recorder, position, 0, 1);
  assert_same_ids (recorder.mirror, expected);

  /* Moved to the newest date: one announcement covers where it was and where it goes. */
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), position));
  old_position = position;
  fazhi_record_set (record, "received_on", "2030-01-01");
  fazhi_store_save (database, record, &error);
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_array_unref);
  expected = expected_ids (database, filter, order);
  position = index_of (expected, fazhi_record_get_id (record));
  g_assert_cmpuint (position, ==, 0);
  assert_one_change (&recorder, position, old_position + 1, old_position + 1);
  assert_same_ids (recorder.mirror, expected);

  /* Edited in place. */
  fazhi_record_set (record, "title", "新来的咨询（已补充）");
  fazhi_store_save (database, record, &error);
  g_assert_no_error (error);
  assert_one_change (&recorder, 0, 1, 1);
  assert_same_ids (recorder.mirror, expected);

  /* Out of the filter and back again (only a filtered model can tell). */
  if (elsewhere != NULL)
    {
      g_autoptr(FazhiRecord) other = fazhi_record_copy (record);

      fazhi_record_set (record, "community", elsewhere);
      fazhi_store_save (database, record, &error);
      g_assert_no_error (error);
      assert_one_change (&recorder, 0, 1, 0);

      fazhi_record_set (record, "community", filter->community);
      fazhi_store_save (database, record, &error);
      g_assert_no_error (error);
      assert_one_change (&recorder, 0, 0, 1);

      /* A record the filter does not show changes nothing. */
      fazhi_record_set_id (other, 0);
      fazhi_record_set (other, "number", NULL);
      fazhi_record_set (other, "community", elsewhere);
      fazhi_store_save (database, other, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (recorder.changes->len, ==, 0);
    }

  fazhi_store_delete (database, record, &error);
  g_assert_no_error (error);
  assert_one_change (&recorder, 0, 1, 0);
  g_clear_pointer (&expected, g_array_unref);
  expected = expected_ids (database, filter, order);
  assert_same_ids (recorder.mirror, expected);

  /* Deletions near the end: one the model has not read since the last change, which it may only
   * announce as a change of everything, and one it has read, which it places exactly. */
  for (guint read = 0; read < 2; read++)
    {
      gint64 id = g_array_index (expected, gint64, expected->len - 2);
      g_autoptr(FazhiRecord) deep = fazhi_store_load (database, FAZHI_LEDGER_CASES, id, &error);

      g_assert_no_error (error);
      if (read)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), expected->len - 2));
      fazhi_store_delete (database, deep, &error);
      g_assert_no_error (error);
      if (read)
        assert_one_change (&recorder, expected->len - 2, 1, 0);
      /* Unread, it is a change of everything. */
      g_assert_cmpuint (recorder.changes->len, <=, 1);
      g_array_set_size (recorder.changes, 0);
      g_clear_pointer (&expected, g_array_unref);
      expected = expected_ids (database, filter, order);
      g_assert_false (contains_id (expected, id));
      assert_same_ids (recorder.mirror, expected);
    }

  /* An import: anything may have changed. */
  g_array_set_size (recorder.changes, 0);
  fazhi_database_emit_changed (database, FAZHI_LEDGER_CASES, FAZHI_CHANGE_MANY, 0);
  assert_reset (&recorder, expected->len, expected->len);

  recorder_clear (&recorder);
}

/* A search in the usual order lists the first rows (more than a list view keeps at once) at
 * once, and the rest when the main loop is idle, announced as rows added at the end. A write in
 * between lists everything at once. */
static void
test_first_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  static const Filter titled = { .search = "事由" };
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);
  g_autoptr(GArray) expected = expected_ids (fixture->database, &titled, "c.received_on DESC, c.id DESC");
  guint total = g_list_model_get_n_items (G_LIST_MODEL (model));
  Recorder recorder;
  guint first;

  g_assert_cmpuint (expected->len, ==, N_CASES);
  recorder_init (&recorder, model);

  fazhi_ledger_model_set_search (model, "事由");
  g_assert_false (fazhi_ledger_model_get_complete (model));
  first = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (first, >=, 200);
  g_assert_cmpuint (first, <, N_CASES);
  assert_one_change (&recorder, 0, total, first);
  for (guint i = 0; i < first; i++)
    g_assert_cmpint (g_array_index (recorder.mirror, gint64, i), ==, g_array_index (expected, gint64, i));

  while (!fazhi_ledger_model_get_complete (model))
    g_main_context_iteration (NULL, TRUE);
  assert_one_change (&recorder, first, 0, N_CASES - first);
  assert_same_ids (recorder.mirror, expected);

  /* Again, and a case saved before the rest are listed: everything is listed with it. */
  fazhi_ledger_model_set_search (model, NULL);
  fazhi_ledger_model_set_search (model, "事由");
  g_assert_false (fazhi_ledger_model_get_complete (model));
  g_array_set_size (recorder.changes, 0);
  save_case (fixture->database, "consultation", "事由新增", "2024-12-31", "东风社区", "open");
  g_assert_true (fazhi_ledger_model_get_complete (model));
  g_clear_pointer (&expected, g_array_unref);
  expected = expected_ids (fixture->database, &titled, "c.received_on DESC, c.id DESC");
  g_assert_cmpuint (expected->len, ==, N_CASES + 1);
  assert_same_ids (recorder.mirror, expected);
  g_assert_false (g_main_context_iteration (NULL, FALSE));

  /* An order that SQLite must sort reads every row anyway: all are listed at once. */
  fazhi_ledger_model_set_sort (model, "title", FALSE);
  g_assert_true (fazhi_ledger_model_get_complete (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES + 1);

  recorder_clear (&recorder);
}

static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  static const Filter everything = { NULL };
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);

  check_changes (fixture->database, model, &everything);
}

static void
test_changes_filtered (Fixture       *fixture,
                       gconstpointer  data)
{
  static const Filter dongfeng = { .community = "东风社区" };
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);

  apply_filter (model, &dongfeng);
  check_changes (fixture->database, model, &dongfeng);
}

/* Renaming a community changes what the pages show and whom the filter by name matches. */
static void
test_place_renamed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_CASES);
  g_autoptr(GArray) ids = sql_ids (fixture->database, "SELECT id FROM communities WHERE name = '东风社区'", NULL);
  g_autoptr(FazhiRecord) community = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder;
  guint before;

  fazhi_ledger_model_set_community (model, "东风社区");
  before = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (before, >, 0);
  recorder_init (&recorder, model);

  community = fazhi_store_load (fixture->database, FAZHI_LEDGER_COMMUNITIES,
                                g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  fazhi_record_set (community, "name", "东风新社区");
  fazhi_store_save (fixture->database, community, &error);
  g_assert_no_error (error);

  assert_one_change (&recorder, 0, before, 0);
  recorder_clear (&recorder);

  fazhi_ledger_model_set_community (model, "东风新社区");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, before);
  {
    g_autoptr(FazhiRecord) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpstr (fazhi_record_get (first, "community"), ==, "东风新社区");
  }
}

/* Elections belong to the community of their compound. */
static void
test_elections (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *compounds[][2] = { { "阳光小区", "东风社区" }, { "翠园", "西湖村" }, { "湖景苑", "东风社区" } };
  g_autoptr(FazhiLedgerModel) model = fazhi_ledger_model_new (fixture->database, FAZHI_LEDGER_ELECTIONS);
  const char *values[] = { "东风社区", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (compounds); i++)
    {
      g_autoptr(FazhiRecord) compound = fazhi_record_new (FAZHI_LEDGER_COMPOUNDS);
      g_autoptr(FazhiRecord) election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
      g_autofree char *started = g_strdup_printf ("2023-0%u-10", i + 1);

      fazhi_record_set (compound, "name", compounds[i][0]);
      fazhi_record_set (compound, "community", compounds[i][1]);
      fazhi_store_save (fixture->database, compound, &error);
      g_assert_no_error (error);
      fazhi_record_set (election, "compound", compounds[i][0]);
      fazhi_record_set (election, "started_on", started);
      fazhi_store_save (fixture->database, election, &error);
      g_assert_no_error (error);
    }

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == FAZHI_TYPE_ELECTION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, G_N_ELEMENTS (compounds));

  fazhi_ledger_model_set_community (model, "东风社区");
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                   sql_count (fixture->database,
                              "SELECT count(*) FROM elections AS e JOIN compounds AS p ON p.id = e.compound_id "
                              "JOIN communities AS m ON m.id = p.community_id WHERE m.name = ?", values));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  fazhi_ledger_model_set_community (model, NULL);
  fazhi_ledger_model_set_search (model, "翠园");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  {
    g_autoptr(FazhiRecord) found = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpstr (fazhi_record_get (found, "compound"), ==, "翠园");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ledger-model/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/ledger-model/dup-where", Fixture, NULL, fixture_set_up, test_dup_where, fixture_tear_down);
  g_test_add ("/ledger-model/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/ledger-model/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/ledger-model/first-rows", Fixture, NULL, fixture_set_up, test_first_rows, fixture_tear_down);
  g_test_add ("/ledger-model/changes", Fixture, NULL, fixture_set_up, test_changes, fixture_tear_down);
  g_test_add ("/ledger-model/changes-filtered", Fixture, NULL, fixture_set_up, test_changes_filtered,
              fixture_tear_down);
  g_test_add ("/ledger-model/place-renamed", Fixture, NULL, fixture_set_up, test_place_renamed,
              fixture_tear_down);
  g_test_add ("/ledger-model/elections", Fixture, NULL, fixture_set_up, test_elections, fixture_tear_down);

  return g_test_run ();
}
