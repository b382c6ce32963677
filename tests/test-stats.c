/* test-stats.c — the figures of a period, on a small ledger built by hand
 *
 * Today is fixed at 2023-05-01 (FAZHI_TODAY), so that the mediations received on 31 March and
 * 1 April are one day either side of the 30-day limit, and the elections completed on the
 * same days one day either side of the 30-day filing window.
 */

#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fazhi-civil-code.h"
#include "fazhi-stats.h"
#include "fazhi-test-util.h"
#include "fazhi-store.h"
#include "fazhi-validate.h"

#define TODAY "2023-05-01"

typedef struct
{
  char          *directory;
  FazhiDatabase *database;
  GArray        *completed_2023;  /* ids of the elections completed in 2023 */
} Fixture;

static const struct
{
  const char *kind;
  const char *received_on;
  const char *status;
  const char *outcome;
  const char *category;
  const char *count;
  const char *satisfied;
} cases[] = {
  { "mediation", "2022-12-31", "concluded", "success", "family", NULL, NULL },
  { "mediation", "2023-01-01", "concluded", "success", "family", NULL, NULL },
  { "mediation", "2023-02-15", "concluded", "failure", "neighbour", NULL, NULL },
  { "mediation", "2023-03-10", "concluded", "terminated", "family", NULL, NULL },
  { "mediation", "2023-03-31", "in_progress", NULL, "property", NULL, NULL }, /* 31 days: overdue */
  { "mediation", "2023-04-01", "open", NULL, NULL, NULL, NULL },              /* 30 days: not yet */
  { "mediation", "2023-06-01", "concluded", "withdrawn", "labour", NULL, NULL },
  { "mediation", "2023-12-31", "concluded", "success", "traffic", NULL, NULL },
  { "mediation", "2024-01-01", "open", NULL, "family", NULL, NULL },
  { "litigation", "2023-05-10", "concluded", NULL, NULL, "3", NULL },
  { "litigation", "2023-11-20", "in_progress", NULL, NULL, "4", NULL },
  { "reconsideration", "2023-07-01", "open", NULL, NULL, NULL, NULL },
  { "consultation", "2023-03-31", "concluded", NULL, NULL, "40", NULL },
  { "consultation", "2023-04-01", "concluded", NULL, NULL, "33", NULL },
  { "review", "2023-08-08", "concluded", NULL, NULL, "13", NULL },
  { "inspection", "2022-12-31", "concluded", NULL, NULL, "5", NULL },
  { "inspection", "2023-09-09", "concluded", NULL, NULL, "35", NULL },
  { "proposal", "2023-02-01", "concluded", NULL, NULL, NULL, "yes" },
  { "proposal", "2023-03-01", "concluded", NULL, NULL, NULL, "no" },
  /* Satisfied, but not answered yet: not a satisfied reply. */
  { "proposal", "2023-10-01", "in_progress", NULL, NULL, NULL, "yes" },
};

static const struct
{
  const char *held_on;
  const char *form;
  const char *audience;
  const char *attendees;
  const char *hours;
  const char *passed;
} trainings[] = {
  { "2022-12-31", "lecture", "staff", "99", "3", NULL },
  { "2023-01-01", "lecture", "staff", "50", "2.5", NULL },
  { "2023-03-31", "study", "staff", "60", "1.25", NULL },
  { "2023-04-01", "video", "enforcement", "30", "3", NULL },
  { "2023-07-15", "court", "officials", "20", NULL, NULL },
  { "2023-08-01", "other", "mediators", "15", "0.75", NULL },
  { "2023-09-01", "lecture", "residents", "100", "2", NULL },
  { "2023-10-01", "study", "other", "10", "1", NULL },
  { "2023-11-11", "exam", "staff", "7", "2", "6" },
};

static const struct
{
  const char *held_on;
  const char *theme;
  const char *channel;
  const char *venue;
  const char *materials;
  const char *reached;
  const char *consultations;
  const char *banners;
} outreach[] = {
  { "2022-12-31", "other", "offline", "village", "999", NULL, NULL, NULL },
  { "2023-03-31", "tax", "offline", "market", "200", NULL, NULL, "1" },
  { "2023-04-15", "security", "offline", "community", "500", "300", "20", "2" },
  { "2023-05-20", "civil_code", "offline", NULL, "1000", NULL, NULL, NULL },
  { "2023-06-26", "antidrug", "offline", "school", "300", "200", "10", "1" },
  { "2023-12-04", "constitution", "online", NULL, NULL, "5000", NULL, NULL },
};

static const struct
{
  const char *started_on;
  const char *stage;
  const char *completed_on;
  const char *filed_on;
  const char *owners[3];  /* total, voted, approved */
  const char *area[3];
} elections[] = {
  /* Exactly ⅔ took part: valid. Filed on the 30th day: on time. */
  { "2023-01-05", "filed", "2023-03-01", "2023-03-31", { "300", "200", "101" }, { "15000", "10000", "5000.01" } },
  /* Exactly half approved: not valid. Filed on the 31st day: late. */
  { "2023-01-10", "filed", "2023-03-01", "2023-04-01", { "100", "80", "40" }, { "1000", "800", "400.01" } },
  /* No figures: cannot be shown valid. Not filed, 31 days on: late. */
  { "2023-02-01", "published", "2023-03-31", NULL, { NULL, NULL, NULL }, { NULL, NULL, NULL } },
  /* Not filed, 30 days on: still in time. */
  { "2023-02-15", "published", "2023-04-01", NULL, { "120", "90", "50" }, { "1200", "900", "500" } },
  { "2023-03-01", "voting", NULL, NULL, { NULL, NULL, NULL }, { NULL, NULL, NULL } },
  { "2023-04-20", "failed", NULL, NULL, { NULL, NULL, NULL }, { NULL, NULL, NULL } },
  { "2023-06-01", "preparing", NULL, NULL, { NULL, NULL, NULL }, { NULL, NULL, NULL } },
  { "2023-12-01", "candidates", NULL, NULL, { NULL, NULL, NULL }, { NULL, NULL, NULL } },
  /* Started in 2022, completed on 1 January 2023. */
  { "2022-11-01", "filed", "2023-01-01", "2023-01-15", { "50", "40", "30" }, { "500", "400", "300" } },
  { "2022-12-31", "failed", NULL, NULL, { NULL, NULL, NULL }, { NULL, NULL, NULL } },
};

/* Validates the fields given as key, value, …, NULL and writes them as an import would. */
static gint64
insert (FazhiDatabase *database,
        FazhiLedgerId  ledger_id,
        ...)
{
  const FazhiLedger *ledger = fazhi_ledger_get (ledger_id);
  g_autofree const char **input = g_new0 (const char *, ledger->n_fields + 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(FazhiWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  char **values = NULL;
  const char *key;
  gint64 id = 0;
  va_list args;

  va_start (args, ledger_id);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      int index = fazhi_ledger_field_index (ledger, key);

      g_assert_cmpint (index, >=, 0);
      input[index] = va_arg (args, const char *);
    }
  va_end (args);

  problems = fazhi_validate (ledger, input, NULL, &values);
  if (problems->len > 0)
    g_error ("Test record is not valid: %s", fazhi_problems_join (problems, "; "));

  writer = fazhi_writer_new (database, ledger_id, &error);
  g_assert_no_error (error);
  fazhi_writer_insert (writer, (const char * const *) values, NULL, &id, &error);
  g_assert_no_error (error);
  fazhi_values_free (ledger, values);

  return id;
}

static void
fill_ledgers (Fixture *fixture)
{
  FazhiDatabase *database = fixture->database;
  g_autoptr(GError) error = NULL;

  fazhi_database_begin (database, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean concluded = g_strcmp0 (cases[i].status, "concluded") == 0;

      insert (database, FAZHI_LEDGER_CASES,
              "kind", cases[i].kind, "title", "Test matter", "received_on", cases[i].received_on,
              "status", cases[i].status, "outcome", cases[i].outcome, "category", cases[i].category,
              "count", cases[i].count, "satisfied", cases[i].satisfied,
              "concluded_on", concluded ? cases[i].received_on : NULL, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (trainings); i++)
    insert (database, FAZHI_LEDGER_TRAININGS,
            "held_on", trainings[i].held_on, "title", "Test training", "form", trainings[i].form,
            "audience", trainings[i].audience, "attendees", trainings[i].attendees,
            "hours", trainings[i].hours, "passed", trainings[i].passed, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (outreach); i++)
    insert (database, FAZHI_LEDGER_OUTREACH,
            "held_on", outreach[i].held_on, "title", "Test event", "theme", outreach[i].theme,
            "channel", outreach[i].channel, "venue", outreach[i].venue,
            "materials", outreach[i].materials, "reached", outreach[i].reached,
            "consultations", outreach[i].consultations, "banners", outreach[i].banners, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (elections); i++)
    {
      g_autofree char *compound = g_strdup_printf ("Compound %u", i + 1);
      gint64 id;

      id = insert (database, FAZHI_LEDGER_ELECTIONS,
                   "compound", compound, "started_on", elections[i].started_on,
                   "stage", elections[i].stage, "completed_on", elections[i].completed_on,
                   "filed_on", elections[i].filed_on,
                   "owners_total", elections[i].owners[0], "owners_voted", elections[i].owners[1],
                   "owners_approved", elections[i].owners[2],
                   "area_total", elections[i].area[0], "area_voted", elections[i].area[1],
                   "area_approved", elections[i].area[2], "seats", "7", NULL);
      if (elections[i].completed_on != NULL && g_str_has_prefix (elections[i].completed_on, "2023"))
        g_array_append_val (fixture->completed_2023, id);
    }

  fazhi_database_commit (database, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_setenv ("FAZHI_TODAY", TODAY, TRUE);

  fixture->directory = fazhi_test_make_dir ("fazhi-stats-XXXXXX");
  fixture->database = fazhi_test_open_database (fixture->directory);
  fixture->completed_2023 = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (data != NULL)
    fill_ledgers (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  g_clear_pointer (&fixture->completed_2023, g_array_unref);

  g_assert_true (fazhi_test_remove_tree (fixture->directory));
  g_clear_pointer (&fixture->directory, g_free);
  g_unsetenv ("FAZHI_TODAY");
}

static FazhiStats *
compute (Fixture *fixture,
         int      year,
         int      quarter)
{
  g_autoptr(GError) error = NULL;
  FazhiPeriod period;
  FazhiStats *stats;

  g_assert_true (fazhi_period_init (&period, year, quarter));
  stats = fazhi_stats_compute (fixture->database, &period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);

  return stats;
}

static double
figure (FazhiStats *stats,
        const char *key)
{
  FazhiStatKind kind;
  gboolean is_null = TRUE;
  double value = -1;

  if (!fazhi_stats_lookup (stats, key, &kind, &value, &is_null))
    g_error ("No figure %s", key);
  if (is_null)
    g_error ("Figure %s is null", key);

  return value;
}

static void
assert_figure (FazhiStats *stats,
               const char *key,
               double      expected)
{
  double value = figure (stats, key);

  if (G_APPROX_VALUE (value, expected, 1e-9))
    return;

  g_error ("%s is %g, expected %g", key, value, expected);
}

static void
assert_null (FazhiStats *stats,
             const char *key)
{
  FazhiStatKind kind;
  gboolean is_null = FALSE;
  double value = -1;

  g_assert_true (fazhi_stats_lookup (stats, key, &kind, &value, &is_null));
  if (!is_null)
    g_error ("%s is %g, expected null", key, value);
}

/* Reads the pretty-printed JSON back, line by line, into "dotted.key" → "value text", checking
 * the indentation and the commas on the way, so that its shape can be compared with
 * fazhi_stats_keys() without a JSON library. */
static GPtrArray *
json_leaves (const char *json)
{
  g_auto(GStrv) lines = g_strsplit (json, "\n", -1);
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *leaves = g_ptr_array_new_with_free_func (g_free);
  guint i;

  g_assert_true (g_str_has_suffix (json, "}\n"));
  g_assert_cmpstr (lines[0], ==, "{");

  for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *line = lines[i];
      const char *next = lines[i + 1];
      size_t indent = strspn (line, " ");
      const char *text = line + indent;
      gboolean has_comma = g_str_has_suffix (text, ",");

      if (text[0] == '}')
        {
          g_assert_cmpuint (indent, ==, 2 * path->len);
          if (path->len == 0)
            {
              g_assert_cmpstr (text, ==, "}");
              break;
            }
          g_ptr_array_remove_index (path, path->len - 1);
        }
      else
        {
          const char *colon = strstr (text, "\": ");
          g_autofree char *name = NULL;
          const char *rest;

          g_assert_cmpuint (indent, ==, 2 * (path->len + 1));
          g_assert_true (text[0] == '"' && colon != NULL);
          name = g_strndup (text + 1, colon - text - 1);
          rest = colon + 3;

          if (strcmp (rest, "{") == 0)
            {
              g_ptr_array_add (path, g_steal_pointer (&name));
              continue;
            }

          g_ptr_array_add (path, g_steal_pointer (&name));
          g_ptr_array_add (path, NULL);
          g_ptr_array_add (leaves, g_strjoinv (".", (char **) path->pdata));
          g_ptr_array_add (leaves, g_strndup (rest, strlen (rest) - (has_comma ? 1 : 0)));
          g_ptr_array_remove_index (path, path->len - 1);
          g_ptr_array_remove_index (path, path->len - 1);
        }

      /* A comma exactly when another item of the same object follows. */
      g_assert_nonnull (next);
      g_assert_cmpint (has_comma, ==, strspn (next, " ") == indent && next[indent] != '}');
    }

  g_assert_nonnull (lines[i]);
  g_assert_cmpstr (lines[i + 1], ==, "");
  g_assert_null (lines[i + 2]);

  return leaves;
}

static const char *
json_value (GPtrArray  *leaves,
            const char *key)
{
  for (guint i = 0; i < leaves->len; i += 2)
    if (strcmp (g_ptr_array_index (leaves, i), key) == 0)
      return g_ptr_array_index (leaves, i + 1);

  g_error ("%s is not in the JSON", key);
  return NULL;
}

/* The JSON lists exactly the keys of fazhi_stats_keys(), in their order, with the values of
 * fazhi_stats_lookup(). */
static GPtrArray *
check_json (FazhiStats *stats)
{
  g_autofree char *json = fazhi_stats_to_json (stats);
  g_autoptr(GPtrArray) keys = fazhi_stats_keys (stats);
  GPtrArray *leaves = json_leaves (json);

  g_assert_cmpuint (leaves->len, ==, 2 * keys->len);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *text = g_ptr_array_index (leaves, 2 * i + 1);
      FazhiStatKind kind;
      gboolean is_null;
      double value;

      g_assert_cmpstr (g_ptr_array_index (leaves, 2 * i), ==, key);
      if (!fazhi_stats_lookup (stats, key, &kind, &value, &is_null))
        {
          /* Only the dates of the period are not figures. */
          g_assert_true (strcmp (key, "period.start") == 0 || strcmp (key, "period.end") == 0);
          g_assert_true (text[0] == '"');
          continue;
        }

      if (is_null)
        g_assert_cmpstr (text, ==, "null");
      else if (kind == FAZHI_STAT_DECIMAL)
        {
          g_autofree char *expected = fazhi_format_decimal ((gint64) value);

          g_assert_cmpstr (text, ==, expected);
        }
      else if (kind == FAZHI_STAT_RATE)
        {
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (text, NULL), value, 0.00005);
          g_assert_cmpuint (strlen (text), <=, strlen ("0.6667"));
          g_assert_false (g_str_has_suffix (text, "0") && strchr (text, '.') != NULL);
        }
      else
        {
          g_autofree char *expected = g_strdup_printf ("%.0f", value);

          g_assert_cmpstr (text, ==, expected);
        }
    }

  return leaves;
}

static void
test_year (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);
  g_autoptr(GPtrArray) leaves = check_json (stats);
  const FazhiPeriod *period = fazhi_stats_get_period (stats);

  g_assert_cmpstr (period->start, ==, "2023-01-01");
  g_assert_cmpstr (period->end, ==, "2023-12-31");
  assert_figure (stats, "period.year", 2023);
  assert_null (stats, "period.quarter");
  g_assert_cmpstr (json_value (leaves, "period.quarter"), ==, "null");
  g_assert_cmpstr (json_value (leaves, "period.start"), ==, "\"2023-01-01\"");
  g_assert_cmpstr (json_value (leaves, "period.end"), ==, "\"2023-12-31\"");

  /* 1 January to 31 December: the two mediations outside 2023 are left out. */
  assert_figure (stats, "mediation.received", 7);
  assert_figure (stats, "mediation.concluded", 5);
  assert_figure (stats, "mediation.successful", 2);
  assert_figure (stats, "mediation.failed", 1);
  assert_figure (stats, "mediation.terminated", 1);
  assert_figure (stats, "mediation.withdrawn", 1);
  assert_figure (stats, "mediation.overdue", 1);
  assert_figure (stats, "mediation.handled_rate", 5.0 / 7);
  assert_figure (stats, "mediation.success_rate", 2.0 / 5);
  g_assert_cmpstr (json_value (leaves, "mediation.handled_rate"), ==, "0.7143");
  g_assert_cmpstr (json_value (leaves, "mediation.success_rate"), ==, "0.4");
  assert_figure (stats, "mediation.by_category.family", 2);
  assert_figure (stats, "mediation.by_category.neighbour", 1);
  assert_figure (stats, "mediation.by_category.property", 1);
  assert_figure (stats, "mediation.by_category.labour", 1);
  assert_figure (stats, "mediation.by_category.traffic", 1);
  /* The one received without a dispute type. */
  assert_figure (stats, "mediation.by_category.other", 1);
  assert_figure (stats, "mediation.by_category.medical", 0);

  assert_figure (stats, "litigation.cases", 2);
  assert_figure (stats, "litigation.hearings", 3 + 4);
  assert_figure (stats, "reconsideration.cases", 1);
  assert_figure (stats, "consultation.sessions", 2);
  assert_figure (stats, "consultation.persons", 40 + 33);
  assert_figure (stats, "review.documents", 13);
  assert_figure (stats, "inspection.times", 35);
  assert_figure (stats, "proposal.received", 3);
  assert_figure (stats, "proposal.replied", 2);
  assert_figure (stats, "proposal.satisfied", 1);
  assert_figure (stats, "proposal.satisfaction_rate", 0.5);

  /* The examination is not a training session. */
  assert_figure (stats, "training.sessions", 7);
  assert_figure (stats, "training.attendees", 50 + 60 + 30 + 20 + 15 + 100 + 10);
  assert_figure (stats, "training.hours", 250 + 125 + 300 + 75 + 200 + 100);
  g_assert_cmpstr (json_value (leaves, "training.hours"), ==, "10.5");
  assert_figure (stats, "training.by_audience.staff.sessions", 2);
  assert_figure (stats, "training.by_audience.staff.attendees", 50 + 60);
  assert_figure (stats, "training.by_audience.enforcement.sessions", 1);
  assert_figure (stats, "training.by_audience.enforcement.attendees", 30);
  assert_figure (stats, "training.by_audience.officials.attendees", 20);
  assert_figure (stats, "training.by_audience.mediators.attendees", 15);
  assert_figure (stats, "training.by_audience.residents.attendees", 100);
  assert_figure (stats, "training.by_audience.other.sessions", 1);
  assert_figure (stats, "training.exam.sittings", 1);
  assert_figure (stats, "training.exam.participants", 7);
  assert_figure (stats, "training.exam.passed", 6);

  assert_figure (stats, "outreach.events", 5);
  assert_figure (stats, "outreach.materials", 200 + 500 + 1000 + 300);
  assert_figure (stats, "outreach.reached", 300 + 200 + 5000);
  assert_figure (stats, "outreach.consultations", 20 + 10);
  assert_figure (stats, "outreach.banners", 1 + 2 + 1);
  assert_figure (stats, "outreach.online", 1);
  assert_figure (stats, "outreach.offline", 4);
  assert_figure (stats, "outreach.by_theme.security", 1);
  assert_figure (stats, "outreach.by_theme.constitution", 1);
  assert_figure (stats, "outreach.by_theme.five_year", 0);
  assert_figure (stats, "outreach.by_theme.other", 0);
  assert_figure (stats, "outreach.by_venue.market", 1);
  assert_figure (stats, "outreach.by_venue.school", 1);
  /* Online without a venue is the network platform; in person without one, "other". */
  assert_figure (stats, "outreach.by_venue.online", 1);
  assert_figure (stats, "outreach.by_venue.other", 1);
  assert_figure (stats, "outreach.by_venue.village", 0);

  assert_figure (stats, "elections.started", 8);
  assert_figure (stats, "elections.completed", 5);
  assert_figure (stats, "elections.in_progress", 3);
  assert_figure (stats, "elections.failed", 1);
  assert_figure (stats, "elections.quorum_failures", 2);
  assert_figure (stats, "elections.filing_overdue", 2);

  g_assert_false (fazhi_stats_lookup (stats, "mediation", NULL, NULL, NULL));
  g_assert_false (fazhi_stats_lookup (stats, "mediation.by_category.unknown", NULL, NULL, NULL));
}

/* Every value of an enumeration is listed, even in a year with nothing in it, and the rates
 * with nothing to divide by are null. */
static void
test_empty_year (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FazhiStats) stats = compute (fixture, 2021, 0);
  g_autoptr(GPtrArray) leaves = check_json (stats);
  g_autoptr(GPtrArray) keys = fazhi_stats_keys (stats);
  g_autofree char *json = fazhi_stats_to_json (stats);
  struct { const char *prefix; const FazhiChoice *choices; } lists[] = {
    { "mediation.by_category.", fazhi_case_categories },
    { "outreach.by_theme.", fazhi_outreach_themes },
    { "outreach.by_venue.", fazhi_outreach_venues },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (const FazhiChoice *choice = lists[i].choices; choice->key != NULL; choice++)
      {
        g_autofree char *key = g_strconcat (lists[i].prefix, choice->key, NULL);

        assert_figure (stats, key, 0);
      }
  for (const FazhiChoice *audience = fazhi_training_audiences; audience->key != NULL; audience++)
    {
      g_autofree char *sessions = g_strdup_printf ("training.by_audience.%s.sessions", audience->key);
      g_autofree char *attendees = g_strdup_printf ("training.by_audience.%s.attendees", audience->key);

      assert_figure (stats, sessions, 0);
      assert_figure (stats, attendees, 0);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *text = json_value (leaves, key);

      if (g_str_has_suffix (key, "_rate") || strcmp (key, "period.quarter") == 0)
        g_assert_cmpstr (text, ==, "null");
      else if (g_str_has_prefix (key, "period."))
        continue;
      else
        g_assert_cmpstr (text, ==, "0");
    }

  assert_null (stats, "mediation.handled_rate");
  assert_null (stats, "mediation.success_rate");
  assert_null (stats, "proposal.satisfaction_rate");
  g_assert_nonnull (strstr (json, "\n    \"handled_rate\": null,\n"));
  g_assert_nonnull (strstr (json, "\n    \"satisfaction_rate\": null\n"));
  g_assert_nonnull (strstr (json, "\n  \"period\": {\n    \"year\": 2021,\n    \"quarter\": null,\n"));
  g_assert_nonnull (strstr (json, "\n    \"hours\": 0,\n"));
}

static void
test_quarters (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FazhiStats) q1 = compute (fixture, 2023, 1);
  g_autoptr(FazhiStats) q2 = compute (fixture, 2023, 2);
  g_autoptr(FazhiStats) q3 = compute (fixture, 2023, 3);
  g_autoptr(FazhiStats) q4 = compute (fixture, 2023, 4);
  g_autoptr(GPtrArray) leaves_q1 = check_json (q1);
  g_autoptr(GPtrArray) leaves_q3 = check_json (q3);
  g_autoptr(GPtrArray) leaves_q4 = check_json (q4);
  g_autoptr(FazhiStats) year = compute (fixture, 2023, 0);
  g_autoptr(GPtrArray) keys = fazhi_stats_keys (year);

  assert_figure (q1, "period.quarter", 1);
  g_assert_cmpstr (json_value (leaves_q1, "period.quarter"), ==, "1");
  g_assert_cmpstr (json_value (leaves_q1, "period.end"), ==, "\"2023-03-31\"");

  /* 31 March is in the first quarter, 1 April in the second. */
  assert_figure (q1, "mediation.received", 4);
  assert_figure (q1, "mediation.concluded", 3);
  assert_figure (q1, "mediation.overdue", 1);
  assert_figure (q1, "mediation.handled_rate", 3.0 / 4);
  assert_figure (q1, "mediation.success_rate", 1.0 / 3);
  g_assert_cmpstr (json_value (leaves_q1, "mediation.success_rate"), ==, "0.3333");
  assert_figure (q1, "consultation.persons", 40);
  assert_figure (q1, "training.sessions", 2);
  assert_figure (q1, "training.hours", 250 + 125);
  g_assert_cmpstr (json_value (leaves_q1, "training.hours"), ==, "3.75");
  assert_figure (q1, "outreach.events", 1);
  assert_figure (q1, "elections.started", 5);
  assert_figure (q1, "elections.completed", 4);
  assert_figure (q1, "elections.quorum_failures", 2);
  assert_figure (q1, "elections.filing_overdue", 2);

  assert_figure (q2, "mediation.received", 2);
  assert_figure (q2, "mediation.overdue", 0);
  assert_figure (q2, "mediation.success_rate", 0);
  assert_figure (q2, "consultation.persons", 33);
  assert_figure (q2, "training.by_audience.enforcement.sessions", 1);
  assert_figure (q2, "elections.completed", 1);
  assert_figure (q2, "elections.failed", 1);
  assert_figure (q2, "elections.filing_overdue", 0);

  /* No mediation in the third quarter: its rates are null, the rest is counted. */
  assert_figure (q3, "mediation.received", 0);
  assert_null (q3, "mediation.handled_rate");
  assert_null (q3, "mediation.success_rate");
  g_assert_cmpstr (json_value (leaves_q3, "mediation.handled_rate"), ==, "null");
  assert_figure (q3, "inspection.times", 35);

  /* One mediation on 31 December, concluded: 100%, printed as 1. */
  assert_figure (q4, "mediation.received", 1);
  g_assert_cmpstr (json_value (leaves_q4, "mediation.handled_rate"), ==, "1");
  g_assert_cmpstr (json_value (leaves_q4, "mediation.success_rate"), ==, "1");
  assert_figure (q4, "training.exam.sittings", 1);
  assert_figure (q4, "training.sessions", 1);

  /* Every count (and the hours) of the year is the sum of its quarters. */
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      FazhiStatKind kind;
      double value;
      gboolean is_null;

      if (g_str_has_prefix (key, "period.") || !fazhi_stats_lookup (year, key, &kind, &value, &is_null)
          || kind == FAZHI_STAT_RATE)
        continue;

      if (!G_APPROX_VALUE (value, figure (q1, key) + figure (q2, key) + figure (q3, key) + figure (q4, key), 1e-9))
        g_error ("%s of 2023 is not the sum of its quarters", key);
    }
}

/* The statistics and the election checks agree on which elections fail and which are late. */
static void
test_elections_agree (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);
  g_autofree char *today = fazhi_date_today ();
  guint invalid = 0, late = 0;

  g_assert_cmpstr (today, ==, TODAY);
  g_assert_cmpuint (fixture->completed_2023->len, ==, figure (stats, "elections.completed"));

  for (guint i = 0; i < fixture->completed_2023->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FazhiRecord) election = fazhi_store_load (fixture->database, FAZHI_LEDGER_ELECTIONS,
                                                          g_array_index (fixture->completed_2023, gint64, i),
                                                          &error);

      g_assert_no_error (error);
      if (!fazhi_election_vote_is_valid (election))
        invalid++;
      if (fazhi_filing_overdue (fazhi_record_get (election, "completed_on"),
                                fazhi_record_get (election, "filed_on"), today))
        late++;
    }

  g_assert_cmpuint (invalid, ==, figure (stats, "elections.quorum_failures"));
  g_assert_cmpuint (late, ==, figure (stats, "elections.filing_overdue"));
}

/* The limit is the office's setting; "today" moves with FAZHI_TODAY. */
static void
test_overdue_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiStats) before = compute (fixture, 2023, 0);
  g_autoptr(FazhiStats) next_day = NULL;
  g_autoptr(FazhiStats) longer_limit = NULL;
  g_autoptr(FazhiStats) later_filing = NULL;

  assert_figure (before, "mediation.overdue", 1);
  assert_figure (before, "elections.filing_overdue", 2);

  /* One day later the mediation of 1 April and the election completed that day are late too. */
  g_setenv ("FAZHI_TODAY", "2023-05-02", TRUE);
  next_day = compute (fixture, 2023, 0);
  assert_figure (next_day, "mediation.overdue", 2);
  assert_figure (next_day, "elections.filing_overdue", 3);

  fazhi_database_set_setting (fixture->database, "mediation_limit_days", "31", &error);
  g_assert_no_error (error);
  longer_limit = compute (fixture, 2023, 0);
  assert_figure (longer_limit, "mediation.overdue", 1);

  /* A mediation concluded is never overdue, however old. */
  g_setenv ("FAZHI_TODAY", "2030-01-01", TRUE);
  later_filing = compute (fixture, 2023, 0);
  assert_figure (later_filing, "mediation.overdue", 2);
  assert_figure (later_filing, "elections.filing_overdue", 3);
}

/* Inside a caller's transaction the figures include what it has written so far. */
static void
test_inside_transaction (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiStats) before = NULL;
  g_autoptr(FazhiStats) during = NULL;
  g_autoptr(FazhiStats) after = NULL;

  before = compute (fixture, 2021, 0);
  assert_figure (before, "inspection.times", 0);

  fazhi_database_begin (fixture->database, &error);
  g_assert_no_error (error);
  insert (fixture->database, FAZHI_LEDGER_CASES, "kind", "inspection", "title", "Market check",
          "received_on", "2021-06-01", "count", "3", NULL);
  during = compute (fixture, 2021, 0);
  assert_figure (during, "inspection.times", 3);
  fazhi_database_rollback (fixture->database);

  after = compute (fixture, 2021, 0);
  assert_figure (after, "inspection.times", 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stats/year", Fixture, "filled", fixture_set_up, test_year, fixture_tear_down);
  g_test_add ("/stats/empty-year", Fixture, "filled", fixture_set_up, test_empty_year, fixture_tear_down);
  g_test_add ("/stats/empty-database", Fixture, NULL, fixture_set_up, test_empty_year, fixture_tear_down);
  g_test_add ("/stats/quarters", Fixture, "filled", fixture_set_up, test_quarters, fixture_tear_down);
  g_test_add ("/stats/elections-agree", Fixture, "filled", fixture_set_up, test_elections_agree,
              fixture_tear_down);
  g_test_add ("/stats/overdue-limit", Fixture, "filled", fixture_set_up, test_overdue_limit, fixture_tear_down);
  g_test_add ("/stats/inside-transaction", Fixture, "filled", fixture_set_up, test_inside_transaction,
              fixture_tear_down);

  return g_test_run ();
}
