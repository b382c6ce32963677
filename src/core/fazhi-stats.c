/* fazhi-stats.c — the figures of a period, exactly as the domain reference defines them
 *
 * define_figures() is the one list of the figures: it lays out every key, in the order of the
 * JSON, with its value zero. The queries then add what they count to those keys, and the lookup,
 * the list of keys and the JSON are all read from that same ordered table, so they cannot
 * disagree. Everything is counted by SQLite over the date range of the period, a handful of
 * grouped queries in all, so the cost follows the indexes on the dates, not the size of a ledger.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <string.h>

#include "fazhi-stats.h"

#define MEDIATION_LIMIT_DEFAULT 30
/* The same window as fazhi_filing_overdue() in fazhi-civil-code.c. */
#define FILING_DAYS 30

typedef struct
{
  char          *key;          /* dotted, e.g. "mediation.by_category.family" */
  FazhiStatKind  kind;
  gboolean       is_text;      /* period.start and period.end: dates, not figures */
  gboolean       is_null;
  gint64         number;       /* a count, or hundredths for a decimal */
  guint          numerator;    /* a rate: the entries it divides */
  guint          denominator;
  double         fraction;
  char          *text;
} Entry;

struct _FazhiStats
{
  FazhiPeriod  period;
  GArray      *entries;  /* Entry, in the order of the JSON */
  GHashTable  *index;    /* key → position in entries + 1 */
};

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_free (entry->text);
}

void
fazhi_stats_free (FazhiStats *stats)
{
  if (stats == NULL)
    return;

  g_clear_pointer (&stats->index, g_hash_table_unref);
  g_clear_pointer (&stats->entries, g_array_unref);
  g_free (stats);
}

const FazhiPeriod *
fazhi_stats_get_period (FazhiStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  return &stats->period;
}

static Entry *
entry_at (FazhiStats *stats,
          guint       position)
{
  return &g_array_index (stats->entries, Entry, position);
}

static Entry *
find_entry (FazhiStats *stats,
            const char *key)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (stats->index, key));

  return position == 0 ? NULL : entry_at (stats, position - 1);
}

static Entry *
add_entry (FazhiStats    *stats,
           char          *key,
           FazhiStatKind  kind)
{
  Entry entry = { key, kind, FALSE, FALSE, 0, 0, 0, 0.0, NULL };

  g_assert (find_entry (stats, key) == NULL);

  g_array_append_val (stats->entries, entry);
  g_hash_table_insert (stats->index, key, GUINT_TO_POINTER (stats->entries->len));

  return entry_at (stats, stats->entries->len - 1);
}

/* Counts named @prefix.NAME, for each NAME up to NULL. */
G_GNUC_NULL_TERMINATED
static void
add_counts (FazhiStats *stats,
            const char *prefix,
            ...)
{
  va_list names;
  const char *name;

  va_start (names, prefix);
  while ((name = va_arg (names, const char *)) != NULL)
    add_entry (stats, g_strconcat (prefix, ".", name, NULL), FAZHI_STAT_COUNT);
  va_end (names);
}

/* A count for every key of an enumeration, so that zeros are listed too. */
static void
add_choice_counts (FazhiStats        *stats,
                   const char        *prefix,
                   const FazhiChoice *choices)
{
  for (const FazhiChoice *choice = choices; choice->key != NULL; choice++)
    add_entry (stats, g_strconcat (prefix, ".", choice->key, NULL), FAZHI_STAT_COUNT);
}

static void
add_rate (FazhiStats *stats,
          const char *key,
          const char *numerator,
          const char *denominator)
{
  Entry *entry;
  guint numerator_position = GPOINTER_TO_UINT (g_hash_table_lookup (stats->index, numerator));
  guint denominator_position = GPOINTER_TO_UINT (g_hash_table_lookup (stats->index, denominator));

  g_assert (numerator_position > 0 && denominator_position > 0);

  entry = add_entry (stats, g_strdup (key), FAZHI_STAT_RATE);
  entry->numerator = numerator_position - 1;
  entry->denominator = denominator_position - 1;
}

static void
add_text (FazhiStats *stats,
          const char *key,
          const char *text)
{
  Entry *entry = add_entry (stats, g_strdup (key), FAZHI_STAT_COUNT);

  entry->is_text = TRUE;
  entry->text = g_strdup (text);
}

/* Every figure of the domain reference's JSON, in its order. */
static void
define_figures (FazhiStats *stats)
{
  Entry *entry;

  entry = add_entry (stats, g_strdup ("period.year"), FAZHI_STAT_COUNT);
  entry->number = stats->period.year;
  entry = add_entry (stats, g_strdup ("period.quarter"), FAZHI_STAT_COUNT);
  entry->number = stats->period.quarter;
  entry->is_null = stats->period.quarter == 0;
  add_text (stats, "period.start", stats->period.start);
  add_text (stats, "period.end", stats->period.end);

  add_counts (stats, "mediation", "received", "concluded", "successful", "failed", "terminated",
              "withdrawn", "overdue", NULL);
  add_rate (stats, "mediation.handled_rate", "mediation.concluded", "mediation.received");
  add_rate (stats, "mediation.success_rate", "mediation.successful", "mediation.concluded");
  add_choice_counts (stats, "mediation.by_category", fazhi_case_categories);

  add_counts (stats, "litigation", "cases", "hearings", NULL);
  add_counts (stats, "reconsideration", "cases", NULL);
  add_counts (stats, "consultation", "sessions", "persons", NULL);
  add_counts (stats, "review", "documents", NULL);
  add_counts (stats, "inspection", "times", NULL);
  add_counts (stats, "proposal", "received", "replied", "satisfied", NULL);
  add_rate (stats, "proposal.satisfaction_rate", "proposal.satisfied", "proposal.replied");

  add_counts (stats, "training", "sessions", "attendees", NULL);
  add_entry (stats, g_strdup ("training.hours"), FAZHI_STAT_DECIMAL);
  for (const FazhiChoice *audience = fazhi_training_audiences; audience->key != NULL; audience++)
    {
      g_autofree char *prefix = g_strconcat ("training.by_audience.", audience->key, NULL);

      add_counts (stats, prefix, "sessions", "attendees", NULL);
    }
  add_counts (stats, "training.exam", "sittings", "participants", "passed", NULL);

  add_counts (stats, "outreach", "events", "materials", "reached", "consultations", "banners",
              "online", "offline", NULL);
  add_choice_counts (stats, "outreach.by_theme", fazhi_outreach_themes);
  add_choice_counts (stats, "outreach.by_venue", fazhi_outreach_venues);

  add_counts (stats, "elections", "started", "completed", "in_progress", "failed",
              "quorum_failures", "filing_overdue", NULL);
}

/* Adds @amount to a figure; a key made from stored data that is not a figure (a value the
 * schema should have refused) is left out rather than invented. */
static void
add_to (FazhiStats *stats,
        const char *key,
        gint64      amount)
{
  Entry *entry = find_entry (stats, key);

  if (entry == NULL || entry->is_text || entry->kind == FAZHI_STAT_RATE)
    {
      g_debug ("No figure %s; %" G_GINT64_FORMAT " left out", key, amount);
      return;
    }

  entry->number += amount;
}

G_GNUC_PRINTF (3, 4)
static void
add_to_printf (FazhiStats *stats,
               gint64      amount,
               const char *format,
               ...)
{
  g_autofree char *key = NULL;
  va_list args;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);

  add_to (stats, key, amount);
}

static void
compute_rates (FazhiStats *stats)
{
  for (guint i = 0; i < stats->entries->len; i++)
    {
      Entry *entry = entry_at (stats, i);
      gint64 denominator;

      if (entry->kind != FAZHI_STAT_RATE)
        continue;

      denominator = entry_at (stats, entry->denominator)->number;
      entry->is_null = denominator == 0;
      if (!entry->is_null)
        entry->fraction = (double) entry_at (stats, entry->numerator)->number / denominator;
    }
}

/* Prepares a statement and binds the period's first and last day to ?1 and ?2. */
static sqlite3_stmt *
prepare_for_period (FazhiDatabase     *database,
                    const FazhiPeriod *period,
                    const char        *sql,
                    GError           **error)
{
  sqlite3_stmt *statement = fazhi_database_prepare (database, sql, error);

  if (statement == NULL)
    return NULL;

  sqlite3_bind_text (statement, 1, period->start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, period->end, -1, SQLITE_TRANSIENT);

  return statement;
}

static gboolean
finish_rows (FazhiDatabase *database,
             sqlite3_stmt  *statement,
             int            rc,
             GError       **error)
{
  sqlite3_reset (statement);
  if (rc == SQLITE_DONE)
    return TRUE;

  return fazhi_database_set_error (database, rc, error);
}

static const char *
column_text (sqlite3_stmt *statement,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (statement, column);

  return text != NULL ? text : "";
}

/* The cases by kind. A mediation counts as overdue when it is not concluded and today is
 * more than the time limit past the day it was received. */
static gboolean
count_cases (FazhiStats    *stats,
             FazhiDatabase *database,
             const char    *today,
             GError       **error)
{
  static const struct
  {
    const char *kind;
    const char *rows;      /* the figure that counts records */
    const char *quantity;  /* the figure that sums `count` */
  } figures[] = {
    { "mediation", "mediation.received", NULL },
    { "litigation", "litigation.cases", "litigation.hearings" },
    { "reconsideration", "reconsideration.cases", NULL },
    { "consultation", "consultation.sessions", "consultation.persons" },
    { "review", NULL, "review.documents" },
    { "inspection", NULL, "inspection.times" },
    { "proposal", "proposal.received", NULL },
  };
  sqlite3_stmt *statement;
  int rc;

  statement = prepare_for_period (database, &stats->period,
                                  "SELECT kind, COUNT(*), SUM(count),"
                                  " SUM(status = 'concluded'),"
                                  " SUM(status = 'concluded' AND outcome = 'success'),"
                                  " SUM(status = 'concluded' AND outcome = 'failure'),"
                                  " SUM(status = 'concluded' AND outcome = 'terminated'),"
                                  " SUM(status = 'concluded' AND outcome = 'withdrawn'),"
                                  " SUM(status <> 'concluded'"
                                  "     AND julianday(?3) - julianday(received_on) > ?4),"
                                  " SUM(status = 'concluded' AND satisfied = 'yes')"
                                  " FROM cases WHERE received_on BETWEEN ?1 AND ?2 GROUP BY kind",
                                  error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 3, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 4, fazhi_database_get_setting_int (database, "mediation_limit_days",
                                                                  MEDIATION_LIMIT_DEFAULT));

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *kind = column_text (statement, 0);

      for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
        {
          if (strcmp (figures[i].kind, kind) != 0)
            continue;
          if (figures[i].rows != NULL)
            add_to (stats, figures[i].rows, sqlite3_column_int64 (statement, 1));
          if (figures[i].quantity != NULL)
            add_to (stats, figures[i].quantity, sqlite3_column_int64 (statement, 2));
        }

      if (strcmp (kind, "mediation") == 0)
        {
          add_to (stats, "mediation.concluded", sqlite3_column_int64 (statement, 3));
          add_to (stats, "mediation.successful", sqlite3_column_int64 (statement, 4));
          add_to (stats, "mediation.failed", sqlite3_column_int64 (statement, 5));
          add_to (stats, "mediation.terminated", sqlite3_column_int64 (statement, 6));
          add_to (stats, "mediation.withdrawn", sqlite3_column_int64 (statement, 7));
          add_to (stats, "mediation.overdue", sqlite3_column_int64 (statement, 8));
        }
      else if (strcmp (kind, "proposal") == 0)
        {
          add_to (stats, "proposal.replied", sqlite3_column_int64 (statement, 3));
          add_to (stats, "proposal.satisfied", sqlite3_column_int64 (statement, 9));
        }
    }

  return finish_rows (database, statement, rc, error);
}

/* A mediation whose dispute type was left empty counts as "other", so that the breakdown
 * adds up to the mediations received. */
static gboolean
count_mediation_categories (FazhiStats    *stats,
                            FazhiDatabase *database,
                            GError       **error)
{
  sqlite3_stmt *statement;
  int rc;

  statement = prepare_for_period (database, &stats->period,
                                  "SELECT COALESCE(category, 'other'), COUNT(*) FROM cases"
                                  " WHERE kind = 'mediation' AND received_on BETWEEN ?1 AND ?2 GROUP BY 1",
                                  error);
  if (statement == NULL)
    return FALSE;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    add_to_printf (stats, sqlite3_column_int64 (statement, 1),
                   "mediation.by_category.%s", column_text (statement, 0));

  return finish_rows (database, statement, rc, error);
}

/* Examinations are counted apart: they are sittings, not training sessions. */
static gboolean
count_trainings (FazhiStats    *stats,
                 FazhiDatabase *database,
                 GError       **error)
{
  sqlite3_stmt *statement;
  int rc;

  statement = prepare_for_period (database, &stats->period,
                                  "SELECT audience, form = 'exam',"
                                  " COUNT(*), SUM(attendees), SUM(hours), SUM(passed)"
                                  " FROM trainings WHERE held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
                                  error);
  if (statement == NULL)
    return FALSE;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *audience = column_text (statement, 0);
      gint64 rows = sqlite3_column_int64 (statement, 2);
      gint64 attendees = sqlite3_column_int64 (statement, 3);

      if (sqlite3_column_int (statement, 1))
        {
          add_to (stats, "training.exam.sittings", rows);
          add_to (stats, "training.exam.participants", attendees);
          add_to (stats, "training.exam.passed", sqlite3_column_int64 (statement, 5));
          continue;
        }

      add_to (stats, "training.sessions", rows);
      add_to (stats, "training.attendees", attendees);
      add_to (stats, "training.hours", sqlite3_column_int64 (statement, 4));
      add_to_printf (stats, rows, "training.by_audience.%s.sessions", audience);
      add_to_printf (stats, attendees, "training.by_audience.%s.attendees", audience);
    }

  return finish_rows (database, statement, rc, error);
}

/* An event without a venue counts as "online" (the network platform) when it was held
 * online and as "other" otherwise, so that the venues add up to the events. */
static gboolean
count_outreach (FazhiStats    *stats,
                FazhiDatabase *database,
                GError       **error)
{
  sqlite3_stmt *statement;
  int rc;

  statement = prepare_for_period (database, &stats->period,
                                  "SELECT theme,"
                                  " COALESCE(venue, CASE channel WHEN 'online' THEN 'online' ELSE 'other' END),"
                                  " channel, COUNT(*),"
                                  " SUM(materials), SUM(reached), SUM(consultations), SUM(banners)"
                                  " FROM outreach WHERE held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3",
                                  error);
  if (statement == NULL)
    return FALSE;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 events = sqlite3_column_int64 (statement, 3);

      add_to (stats, "outreach.events", events);
      add_to (stats, "outreach.materials", sqlite3_column_int64 (statement, 4));
      add_to (stats, "outreach.reached", sqlite3_column_int64 (statement, 5));
      add_to (stats, "outreach.consultations", sqlite3_column_int64 (statement, 6));
      add_to (stats, "outreach.banners", sqlite3_column_int64 (statement, 7));
      add_to_printf (stats, events, "outreach.%s", column_text (statement, 2));
      add_to_printf (stats, events, "outreach.by_theme.%s", column_text (statement, 0));
      add_to_printf (stats, events, "outreach.by_venue.%s", column_text (statement, 1));
    }

  return finish_rows (database, statement, rc, error);
}

/* Started elections count by started_on, completed ones (result published, or filed) by
 * completed_on.
 *
 * quorum_failures uses the rules of fazhi_election_vote_is_valid(), in exact integers:
 * 3·voted ≥ 2·total for participation, 2·approved > voted for approval, by owners and by area.
 * An election completed without its vote figures cannot be shown to have passed, so a missing
 * figure counts as a failure: any comparison with NULL is NULL, and COALESCE turns that into
 * "not valid".
 *
 * filing_overdue: filed more than FILING_DAYS after completion, or not filed and today more
 * than FILING_DAYS after it. */
static gboolean
count_elections (FazhiStats    *stats,
                 FazhiDatabase *database,
                 const char    *today,
                 GError       **error)
{
  sqlite3_stmt *statement;
  int rc;

  statement = prepare_for_period (database, &stats->period,
                                  "SELECT COUNT(*), SUM(stage IN ('preparing', 'candidates', 'voting')),"
                                  " SUM(stage = 'failed')"
                                  " FROM elections WHERE started_on BETWEEN ?1 AND ?2",
                                  error);
  if (statement == NULL)
    return FALSE;

  if ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      add_to (stats, "elections.started", sqlite3_column_int64 (statement, 0));
      add_to (stats, "elections.in_progress", sqlite3_column_int64 (statement, 1));
      add_to (stats, "elections.failed", sqlite3_column_int64 (statement, 2));
      rc = sqlite3_step (statement);
    }
  if (!finish_rows (database, statement, rc, error))
    return FALSE;

  statement = prepare_for_period (database, &stats->period,
                                  "SELECT COUNT(*),"
                                  " SUM(NOT COALESCE(3 * owners_voted >= 2 * owners_total"
                                  "                  AND 3 * area_voted >= 2 * area_total"
                                  "                  AND 2 * owners_approved > owners_voted"
                                  "                  AND 2 * area_approved > area_voted, 0)),"
                                  " SUM(julianday(COALESCE(filed_on, ?3)) - julianday(completed_on) > ?4)"
                                  " FROM elections WHERE completed_on BETWEEN ?1 AND ?2"
                                  " AND stage IN ('published', 'filed')",
                                  error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 3, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 4, FILING_DAYS);

  if ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      add_to (stats, "elections.completed", sqlite3_column_int64 (statement, 0));
      add_to (stats, "elections.quorum_failures", sqlite3_column_int64 (statement, 1));
      add_to (stats, "elections.filing_overdue", sqlite3_column_int64 (statement, 2));
      rc = sqlite3_step (statement);
    }

  return finish_rows (database, statement, rc, error);
}

FazhiStats *
fazhi_stats_compute (FazhiDatabase      *database,
                     const FazhiPeriod  *period,
                     GError            **error)
{
  g_autoptr(FazhiStats) stats = NULL;
  g_autofree char *today = NULL;
  sqlite3 *handle;
  gboolean own_snapshot, counted;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  stats = g_new0 (FazhiStats, 1);
  stats->period = *period;
  stats->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (stats->entries, entry_clear);
  stats->index = g_hash_table_new (g_str_hash, g_str_equal);
  define_figures (stats);

  today = fazhi_date_today ();
  handle = fazhi_database_get_handle (database);

  /* One read transaction, so that all figures describe the same moment even while the window
   * saves a record; inside a caller's transaction that one already does it. */
  own_snapshot = sqlite3_get_autocommit (handle);
  if (own_snapshot && sqlite3_exec (handle, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
    {
      fazhi_database_set_error (database, sqlite3_errcode (handle), error);
      return NULL;
    }

  counted = count_cases (stats, database, today, error)
            && count_mediation_categories (stats, database, error)
            && count_trainings (stats, database, error)
            && count_outreach (stats, database, error)
            && count_elections (stats, database, today, error);

  if (own_snapshot)
    sqlite3_exec (handle, counted ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);

  if (!counted)
    return NULL;

  compute_rates (stats);
  return g_steal_pointer (&stats);
}

gboolean
fazhi_stats_lookup (FazhiStats    *stats,
                    const char    *key,
                    FazhiStatKind *kind,
                    double        *value,
                    gboolean      *is_null)
{
  Entry *entry;

  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  entry = find_entry (stats, key);
  /* period.start and period.end are dates, not figures: fazhi_stats_get_period() has them. */
  if (entry == NULL || entry->is_text)
    return FALSE;

  if (kind != NULL)
    *kind = entry->kind;
  if (is_null != NULL)
    *is_null = entry->is_null;
  if (value != NULL)
    *value = entry->kind == FAZHI_STAT_RATE ? entry->fraction : (double) entry->number;

  return TRUE;
}

GPtrArray *
fazhi_stats_keys (FazhiStats *stats)
{
  GPtrArray *keys;

  g_return_val_if_fail (stats != NULL, NULL);

  keys = g_ptr_array_new_full (stats->entries->len, g_free);
  for (guint i = 0; i < stats->entries->len; i++)
    g_ptr_array_add (keys, g_strdup (entry_at (stats, i)->key));

  return keys;
}

/* At most four decimals, without trailing zeros: 1, 0.5, 0.6667. */
static void
append_fraction (GString *json,
                 double   fraction)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buffer, sizeof buffer, "%.4f", fraction);
  end = buffer + strlen (buffer);
  while (end > buffer && end[-1] == '0')
    *--end = '\0';
  if (end > buffer && end[-1] == '.')
    *--end = '\0';

  g_string_append (json, buffer);
}

static void
append_value (GString     *json,
              const Entry *entry)
{
  if (entry->is_text)
    {
      /* The texts are ISO dates: nothing in them needs escaping. */
      g_string_append_printf (json, "\"%s\"", entry->text);
      return;
    }

  if (entry->is_null)
    {
      g_string_append (json, "null");
      return;
    }

  switch (entry->kind)
    {
    case FAZHI_STAT_DECIMAL:
      {
        g_autofree char *text = fazhi_format_decimal (entry->number);

        g_string_append (json, text);
      }
      break;
    case FAZHI_STAT_RATE:
      append_fraction (json, entry->fraction);
      break;
    case FAZHI_STAT_COUNT:
    default:
      g_string_append_printf (json, "%" G_GINT64_FORMAT, entry->number);
    }
}

static void
append_item_start (GString    *json,
                   gboolean   *needs_comma,
                   guint       depth,
                   const char *name)
{
  g_string_append (json, *needs_comma ? ",\n" : "\n");
  for (guint i = 0; i < depth; i++)
    g_string_append (json, "  ");
  g_string_append_printf (json, "\"%s\": ", name);
}

static void
append_close (GString *json,
              guint    depth)
{
  g_string_append_c (json, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (json, "  ");
  g_string_append_c (json, '}');
}

/* The objects of the JSON are the dotted prefixes of the keys: the entries of one object are
 * next to each other in the table, so walking it in order opens and closes each object once. */
char *
fazhi_stats_to_json (FazhiStats *stats)
{
  GString *json;
  g_auto(GStrv) open_path = NULL;
  guint open = 0;  /* objects open below the outermost one */
  gboolean needs_comma = FALSE;

  g_return_val_if_fail (stats != NULL, NULL);

  json = g_string_new ("{");
  open_path = g_new0 (char *, 1);

  for (guint i = 0; i < stats->entries->len; i++)
    {
      const Entry *entry = entry_at (stats, i);
      g_auto(GStrv) parts = g_strsplit (entry->key, ".", -1);
      guint n_parts = g_strv_length (parts);
      guint shared = 0;

      while (shared < open && shared + 1 < n_parts && strcmp (parts[shared], open_path[shared]) == 0)
        shared++;

      for (; open > shared; open--)
        {
          append_close (json, open);
          needs_comma = TRUE;
        }

      for (; open + 1 < n_parts; open++)
        {
          append_item_start (json, &needs_comma, open + 1, parts[open]);
          g_string_append_c (json, '{');
          needs_comma = FALSE;
        }

      append_item_start (json, &needs_comma, open + 1, parts[n_parts - 1]);
      append_value (json, entry);
      needs_comma = TRUE;

      g_strfreev (open_path);
      open_path = g_steal_pointer (&parts);
    }

  for (; open > 0; open--)
    append_close (json, open);
  g_string_append (json, "\n}\n");

  return g_string_free (json, FALSE);
}
