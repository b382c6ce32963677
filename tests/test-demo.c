/* test-demo.c — the sample ledgers: the reference report's figures, counted from valid records
 *
 * Today is fixed at 2026-11-28 (FAZHI_TODAY), the last day the sample covers, so that its open
 * mediations are overdue and its committee terms run out where the sample means them to.
 */

#define G_LOG_DOMAIN "test-demo"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fazhi-civil-code.h"
#include "fazhi-demo.h"
#include "fazhi-stats.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"
#include "fazhi-validate.h"

#define TODAY "2026-11-28"

typedef struct
{
  char          *directory;
  FazhiDatabase *database;
} Fixture;

/* A figure of the reference report (DOMAIN.md), the range it must fall in, and the same figure
 * counted straight from the tables: ?1 and ?2 are the period's first and last day, ?3… the
 * parameters. A rate divides the count by the count of @of. */
typedef struct
{
  const char *key;
  double      lowest, highest;
  const char *count;
  const char *of;
  const char *parameters[3];
} Figure;

#define SUM_OF_COUNT "SELECT total(count) FROM cases WHERE kind = ?3 AND received_on BETWEEN ?1 AND ?2"
#define CASES "SELECT count(*) FROM cases WHERE kind = ?3 AND received_on BETWEEN ?1 AND ?2"
#define TRAININGS "FROM trainings WHERE audience = ?3 AND form <> ?4 AND held_on BETWEEN ?1 AND ?2"

static const Figure report_figures[] = {
  { "inspection.times", 35, 35, SUM_OF_COUNT, NULL, { "inspection" } },
  { "litigation.hearings", 7, 7, SUM_OF_COUNT, NULL, { "litigation" } },
  { "consultation.persons", 70, 79, SUM_OF_COUNT, NULL, { "consultation" } },
  { "review.documents", 13, 13, SUM_OF_COUNT, NULL, { "review" } },
  { "proposal.received", 2, 2, CASES, NULL, { "proposal" } },
  { "proposal.satisfaction_rate", 1, 1, CASES " AND status = ?4 AND satisfied = ?5",
    CASES " AND status = ?4", { "proposal", "concluded", "yes" } },
  { "training.by_audience.staff.sessions", 4, 4, "SELECT count(*) " TRAININGS, NULL, { "staff", "exam" } },
  { "training.by_audience.staff.attendees", 200, 299, "SELECT total(attendees) " TRAININGS, NULL, { "staff", "exam" } },
  { "training.exam.participants", 7, 7,
    "SELECT total(attendees) FROM trainings WHERE form = ?3 AND held_on BETWEEN ?1 AND ?2", NULL, { "exam" } },
  { "training.by_audience.enforcement.sessions", 8, 8, "SELECT count(*) " TRAININGS, NULL, { "enforcement", "exam" } },
  { "outreach.events", 44, 44, "SELECT count(*) FROM outreach WHERE held_on BETWEEN ?1 AND ?2", NULL, { NULL } },
  { "outreach.materials", 8000, 8999,
    "SELECT total(materials) FROM outreach WHERE held_on BETWEEN ?1 AND ?2", NULL, { NULL } },
  { "elections.started", 6, 6, "SELECT count(*) FROM elections WHERE started_on BETWEEN ?1 AND ?2", NULL, { NULL } },
  { "elections.completed", 3, 3,
    "SELECT count(*) FROM elections WHERE completed_on BETWEEN ?1 AND ?2", NULL, { NULL } },
  { "mediation.received", 14, 14, CASES, NULL, { "mediation" } },
  { "mediation.handled_rate", 1, 1, CASES " AND status = ?4", CASES, { "mediation", "concluded" } },
  { "mediation.success_rate", 1, 1, CASES " AND status = ?4 AND outcome = ?5",
    CASES " AND status = ?4", { "mediation", "concluded", "success" } },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->directory = fazhi_test_make_dir ("fazhi-demo-XXXXXX");
  fixture->database = fazhi_test_open_database (fixture->directory);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  fazhi_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static void
fill (Fixture *fixture,
      guint    scale)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_demo_fill (fixture->database, scale, &error));
  g_assert_no_error (error);
}

/* One number from a query; the parameters are text, up to a NULL. */
G_GNUC_NULL_TERMINATED
static double
query_number (FazhiDatabase *database,
              const char    *sql,
              ...)
{
  sqlite3_stmt *statement = NULL;
  const char *parameter;
  double number;
  va_list args;
  int n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (database), sql, -1, &statement, NULL),
                   ==, SQLITE_OK);
  va_start (args, sql);
  while ((parameter = va_arg (args, const char *)) != NULL)
    if (++n <= sqlite3_bind_parameter_count (statement))
      sqlite3_bind_text (statement, n, parameter, -1, SQLITE_TRANSIENT);
  va_end (args);

  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  number = sqlite3_column_double (statement, 0);
  sqlite3_finalize (statement);

  return number;
}

static double
count_figure (FazhiDatabase     *database,
              const Figure      *figure,
              const FazhiPeriod *period)
{
  const char * const *p = figure->parameters;
  double count = query_number (database, figure->count, period->start, period->end, p[0], p[1], p[2], NULL);
  double whole;

  if (figure->of == NULL)
    return count;

  whole = query_number (database, figure->of, period->start, period->end, p[0], p[1], p[2], NULL);
  g_assert_cmpfloat (whole, >, 0);
  return count / whole;
}

static double
stats_figure (FazhiStats *stats,
              const char *key)
{
  FazhiStatKind kind;
  gboolean is_null = TRUE;
  double value = -1;

  g_assert_true (fazhi_stats_lookup (stats, key, &kind, &value, &is_null));
  g_assert_false (is_null);
  return value;
}

static FazhiStats *
compute (FazhiDatabase *database,
         int            year)
{
  g_autoptr(GError) error = NULL;
  FazhiPeriod period;
  FazhiStats *stats;

  g_assert_true (fazhi_period_init (&period, year, 0));
  stats = fazhi_stats_compute (database, &period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);

  return stats;
}

static void
on_changed (FazhiDatabase *database,
            int            ledger,
            int            change,
            gint64         id,
            gpointer       user_data)
{
  if (change == FAZHI_CHANGE_MANY)
    ((guint *) user_data)[ledger]++;
}

/* Every figure of the report, counted straight from the tables. */
static void
test_figures_counted (Fixture       *fixture,
                      gconstpointer  data)
{
  guint many[FAZHI_N_LEDGERS] = { 0 };
  FazhiPeriod period;

  g_signal_connect (fixture->database, "changed", G_CALLBACK (on_changed), many);
  fill (fixture, 0);

  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    g_assert_cmpuint (many[ledger], ==, 1);

  fazhi_period_init (&period, 2023, 0);
  for (guint i = 0; i < G_N_ELEMENTS (report_figures); i++)
    {
      const Figure *figure = &report_figures[i];
      double counted = count_figure (fixture->database, figure, &period);

      g_test_message ("%s = %g", figure->key, counted);
      g_assert_cmpfloat (counted, >=, figure->lowest);
      g_assert_cmpfloat (counted, <=, figure->highest);
    }
}

/* The same figures from the statistics, as the 2023 report shows them. */
static void
test_figures_2023 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FazhiStats) stats = NULL;

  fill (fixture, 0);
  stats = compute (fixture->database, 2023);

  for (guint i = 0; i < G_N_ELEMENTS (report_figures); i++)
    {
      const Figure *figure = &report_figures[i];
      double value = stats_figure (stats, figure->key);

      g_test_message ("%s = %g", figure->key, value);
      g_assert_cmpfloat (value, >=, figure->lowest);
      g_assert_cmpfloat (value, <=, figure->highest);
      g_assert_cmpfloat (value, ==, count_figure (fixture->database, figure, fazhi_stats_get_period (stats)));
    }

  /* The three elections completed in 2023 passed every check and were filed in time. */
  g_assert_cmpfloat (stats_figure (stats, "elections.quorum_failures"), ==, 0);
  g_assert_cmpfloat (stats_figure (stats, "elections.filing_overdue"), ==, 0);
  g_assert_cmpfloat (stats_figure (stats, "mediation.overdue"), ==, 0);
}

/* The other years give the overviews something to warn about. */
static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  FazhiDatabase *database = fixture->database;
  g_autoptr(FazhiStats) stats_2026 = NULL;
  g_autoptr(FazhiStats) stats_2025 = NULL;
  g_autoptr(FazhiStats) stats_2024 = NULL;
  double overdue;

  fill (fixture, 0);
  stats_2026 = compute (database, 2026);
  stats_2025 = compute (database, 2025);
  stats_2024 = compute (database, 2024);

  overdue = query_number (database, "SELECT count(*) FROM cases WHERE kind = ?1 AND status <> ?2 "
                          "AND received_on BETWEEN ?3 AND ?4 AND julianday(?5) - julianday(received_on) > 30",
                          "mediation", "concluded", "2026-01-01", "2026-12-31", TODAY, NULL);
  g_assert_cmpfloat (overdue, >=, 2);
  g_assert_cmpfloat (stats_figure (stats_2026, "mediation.overdue"), ==, overdue);
  g_assert_cmpfloat (stats_figure (stats_2026, "mediation.received"), >,
                     stats_figure (stats_2026, "mediation.concluded"));
  g_assert_cmpfloat (stats_figure (stats_2026, "mediation.failed"), >=, 1);
  g_assert_cmpfloat (stats_figure (stats_2024, "elections.failed"), >=, 1);
  g_assert_cmpfloat (stats_figure (stats_2025, "elections.filing_overdue"), >=, 1);
  g_assert_cmpfloat (stats_figure (stats_2026, "elections.in_progress"), >=, 1);

  /* Committee terms: some ran out already, some run out within the 90 days of the warning. */
  g_assert_cmpfloat (query_number (database, "SELECT count(*) FROM compounds WHERE term_end < ?1", TODAY, NULL),
                     >=, 2);
  g_assert_cmpfloat (query_number (database, "SELECT count(*) FROM compounds WHERE term_end >= ?1 "
                                   "AND julianday(term_end) - julianday(?1) <= 90", TODAY, NULL),
                     >=, 2);
  g_assert_cmpfloat (query_number (database, "SELECT count(*) FROM cases WHERE received_on > ?1", TODAY, NULL),
                     ==, 0);
}

static void
assert_all_valid (FazhiDatabase *database)
{
  for (FazhiLedgerId ledger_id = 0; ledger_id < FAZHI_N_LEDGERS; ledger_id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (ledger_id);
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", ledger->key);
      sqlite3_stmt *statement = NULL;
      gint64 loaded = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (database), sql, -1, &statement, NULL),
                       ==, SQLITE_OK);
      while (sqlite3_step (statement) == SQLITE_ROW)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(FazhiRecord) record = NULL;
          g_autoptr(GPtrArray) problems = NULL;
          g_autofree char *text = NULL;

          record = fazhi_store_load (database, ledger_id, sqlite3_column_int64 (statement, 0), &error);
          g_assert_no_error (error);
          problems = fazhi_record_validate (record, NULL);
          text = fazhi_problems_join (problems, "; ");
          g_assert_cmpstr (text, ==, "");

          /* A completed election passed the vote's checks (a failed one never completed). */
          if (ledger_id == FAZHI_LEDGER_ELECTIONS && fazhi_record_get (record, "completed_on") != NULL)
            g_assert_true (fazhi_election_vote_is_valid (record));
          loaded++;
        }
      sqlite3_finalize (statement);

      g_assert_cmpint (loaded, ==, fazhi_database_count (database, ledger_id));
      g_assert_cmpint (loaded, >, 0);
    }
}

static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  fill (fixture, 0);
  assert_all_valid (fixture->database);
}

static void
assert_numbers (FazhiDatabase *database)
{
  g_autoptr(GRegex) pattern = g_regex_new ("^（(\\d{4})）王.字第\\d{3,}号$", 0, 0, NULL);
  sqlite3_stmt *statement = NULL;
  guint checked = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (database),
                                       "SELECT number, kind, received_on FROM cases", -1, &statement, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (statement, 0);
      const char *kind = (const char *) sqlite3_column_text (statement, 1);
      const char *received_on = (const char *) sqlite3_column_text (statement, 2);
      g_autofree char *start = fazhi_case_number ("王", kind, (int) g_ascii_strtoll (received_on, NULL, 10), -1);

      if (!g_regex_match (pattern, number, 0, NULL) || !g_str_has_prefix (number, start))
        g_error ("case number %s does not fit a %s received on %s", number, kind, received_on);
      checked++;
    }
  sqlite3_finalize (statement);

  g_assert_cmpuint (checked, ==, fazhi_database_count (database, FAZHI_LEDGER_CASES));
}

static void
test_numbers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *prefix = NULL;

  fill (fixture, 0);
  prefix = fazhi_database_get_setting (fixture->database, "number_prefix");
  g_assert_cmpstr (prefix, ==, "王");
  assert_numbers (fixture->database);

  /* Numbered in the order received: the first mediation of 2023 has number 001. */
  g_assert_cmpfloat (query_number (fixture->database,
                                   "SELECT count(*) FROM cases WHERE number = ?1 AND received_on = "
                                   "(SELECT min(received_on) FROM cases WHERE kind = ?2 AND received_on >= ?3)",
                                   "（2023）王调字第001号", "mediation", "2023-01-01", NULL),
                     ==, 1);
}

static gint64
snapshot (FazhiDatabase *database,
          GString       *counts)
{
  g_autofree char *office = fazhi_database_get_setting (database, "office_name");
  gint64 total = 0;

  g_string_truncate (counts, 0);
  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    {
      g_string_append_printf (counts, "%" G_GINT64_FORMAT " ", fazhi_database_count (database, ledger));
      total += fazhi_database_count (database, ledger);
    }
  g_string_append (counts, office != NULL ? office : "(none)");

  return total;
}

static void
test_refuses_filled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint many[FAZHI_N_LEDGERS] = { 0 };

  fill (fixture, 0);
  g_assert_cmpint (snapshot (fixture->database, before), >, 0);

  g_signal_connect (fixture->database, "changed", G_CALLBACK (on_changed), many);
  g_assert_false (fazhi_demo_fill (fixture->database, 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);

  snapshot (fixture->database, after);
  g_assert_cmpstr (after->str, ==, before->str);
  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    g_assert_cmpuint (many[ledger], ==, 0);
}

/* One training typed by hand is enough to keep the sample out, places and settings included. */
static void
test_refuses_one_record (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FazhiRecord) training = fazhi_record_new (FAZHI_LEDGER_TRAININGS);
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  fazhi_record_set (training, "held_on", "2023-03-01");
  fazhi_record_set (training, "title", "普法讲座");
  fazhi_record_set (training, "attendees", "12");
  g_assert_true (fazhi_store_save (fixture->database, training, &error));
  g_assert_no_error (error);
  g_assert_cmpint (snapshot (fixture->database, before), ==, 1);

  g_assert_false (fazhi_demo_fill (fixture->database, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);

  snapshot (fixture->database, after);
  g_assert_cmpstr (after->str, ==, before->str);
}

static void
test_scale (Fixture       *fixture,
            gconstpointer  data)
{
  Fixture sample = { NULL, NULL };
  Fixture again = { NULL, NULL };
  const char *digest_sql = "SELECT group_concat(number || title || received_on || status, '|') FROM "
                           "(SELECT * FROM cases ORDER BY number)";
  sqlite3_stmt *statement = NULL;
  g_autofree char *digest = NULL;
  guint scale = 1000;

  fixture_set_up (&sample, NULL);
  fill (&sample, 0);
  fill (fixture, scale);

  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES),
                   ==, fazhi_database_count (sample.database, FAZHI_LEDGER_CASES) + scale);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_TRAININGS),
                   ==, fazhi_database_count (sample.database, FAZHI_LEDGER_TRAININGS) + scale / 100);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_OUTREACH),
                   ==, fazhi_database_count (sample.database, FAZHI_LEDGER_OUTREACH) + scale / 50);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_ELECTIONS),
                   ==, fazhi_database_count (sample.database, FAZHI_LEDGER_ELECTIONS) + scale / 1000);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES),
                   ==, fazhi_database_count (sample.database, FAZHI_LEDGER_COMMUNITIES));

  /* Spread over the years, never after the sample's last day. */
  for (int year = 2021; year <= 2026; year++)
    {
      g_autofree char *first = g_strdup_printf ("%d-01-01", year);
      g_autofree char *last = g_strdup_printf ("%d-12-31", year);

      g_assert_cmpfloat (query_number (fixture->database,
                                       "SELECT count(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2",
                                       first, last, NULL),
                         >, query_number (sample.database,
                                          "SELECT count(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2",
                                          first, last, NULL) + scale / 12);
    }
  g_assert_cmpfloat (query_number (fixture->database, "SELECT count(*) FROM cases WHERE received_on > ?1",
                                   TODAY, NULL), ==, 0);

  assert_all_valid (fixture->database);
  assert_numbers (fixture->database);

  /* The same scale gives the same ledgers. */
  fixture_set_up (&again, NULL);
  fill (&again, scale);
  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (fixture->database), digest_sql, -1,
                                       &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  digest = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (again.database), digest_sql, -1,
                                       &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, digest);
  sqlite3_finalize (statement);

  fixture_tear_down (&again, NULL);
  fixture_tear_down (&sample, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("FAZHI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, test) g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down)
  ADD ("/demo/figures/counted", test_figures_counted);
  ADD ("/demo/figures/2023", test_figures_2023);
  ADD ("/demo/warnings", test_warnings);
  ADD ("/demo/valid", test_valid);
  ADD ("/demo/numbers", test_numbers);
  ADD ("/demo/refuses/filled", test_refuses_filled);
  ADD ("/demo/refuses/one-record", test_refuses_one_record);
  ADD ("/demo/scale", test_scale);
#undef ADD

  return g_test_run ();
}
