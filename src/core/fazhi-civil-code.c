/* fazhi-civil-code.c — the checks the law makes of an owners' committee election
 *
 * Every threshold is compared on integers (areas in hundredths of a square metre), so that a
 * vote exactly at two thirds passes and one exactly at half fails, as the law reads.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "fazhi-civil-code.h"
#include "fazhi-store.h"
#include "fazhi-value.h"

#define FILING_DAYS 30
#define SEATS_MIN 5
#define SEATS_MAX 11
#define TERM_YEARS_MAX 5

void
fazhi_check_free (FazhiCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->title);
  g_free (check->detail);
  g_free (check);
}

gboolean
fazhi_quorum_reached (gint64 voted,
                      gint64 total)
{
  return 3 * voted >= 2 * total;
}

gboolean
fazhi_approval_reached (gint64 approved,
                        gint64 voted)
{
  return 2 * approved > voted;
}

gboolean
fazhi_seats_valid (gint64 seats)
{
  return seats % 2 == 1 && seats >= SEATS_MIN && seats <= SEATS_MAX;
}

gboolean
fazhi_term_valid (gint64 years)
{
  return years >= 1 && years <= TERM_YEARS_MAX;
}

/* Days from @from to @to, or FALSE when either is not a date of the calendar. */
static gboolean
days_between (const char *from,
              const char *to,
              int        *days)
{
  g_autofree char *from_iso = fazhi_parse_date (from);
  g_autofree char *to_iso = fazhi_parse_date (to);

  if (from_iso == NULL || to_iso == NULL)
    return FALSE;

  *days = fazhi_date_days_between (from_iso, to_iso);
  return TRUE;
}

/* @today: NULL for the real date (or $FAZHI_TODAY). */
gboolean
fazhi_filing_overdue (const char *completed_on,
                      const char *filed_on,
                      const char *today)
{
  g_autofree char *real_today = NULL;
  int days;

  if (!fazhi_text_is_blank (filed_on))
    return days_between (completed_on, filed_on, &days) && days > FILING_DAYS;

  if (today == NULL)
    today = real_today = fazhi_date_today ();

  return days_between (completed_on, today, &days) && days > FILING_DAYS;
}

static FazhiCheck *
check_new (FazhiCheckId  id,
           FazhiVerdict  verdict,
           const char   *title,
           char         *detail)
{
  FazhiCheck *check = g_new0 (FazhiCheck, 1);

  check->id = id;
  check->verdict = verdict;
  check->title = g_strdup (title);
  check->detail = detail;

  return check;
}

static gboolean
get_integer (FazhiRecord *election,
             const char  *key,
             gint64      *value)
{
  return fazhi_parse_integer (fazhi_record_get (election, key), value) && *value >= 0;
}

static gboolean
get_decimal (FazhiRecord *election,
             const char  *key,
             gint64      *hundredths)
{
  return fazhi_parse_decimal (fazhi_record_get (election, key), hundredths) && *hundredths >= 0;
}

/* "66.7%", rounded half up in integers so that the text never disagrees with the verdict
 * because of binary fractions; empty when there is nothing to divide by. */
static char *
format_percent (gint64 part,
                gint64 whole)
{
  gint64 tenths;

  if (whole <= 0)
    return g_strdup ("");

  tenths = (2000 * part + whole) / (2 * whole);
  return g_strdup_printf (" (%" PRId64 ".%" PRId64 "%%)", tenths / 10, tenths % 10);
}

static char *
missing_detail (FazhiRecord *election,
                const char  *first,
                const char  *second)
{
  const FazhiLedger *ledger = fazhi_record_get_ledger (election);
  const char *missing = first;

  if (!fazhi_text_is_blank (fazhi_record_get (election, first)))
    missing = second;

  /* Translators: %s is a field name, e.g. 参与表决人数 */
  return g_strdup_printf (_("%s is not entered yet, or is not a number"),
                          fazhi_field_display_name (fazhi_ledger_field (ledger, missing)));
}

/* The fewest votes that reach the thresholds, shown beside the figures: a percentage alone
 * cannot say on which side of ⅔ or ½ a vote lies when it is rounded. */
static gint64
quorum_needed (gint64 total)
{
  return (2 * total + 2) / 3;
}

static gint64
approval_needed (gint64 voted)
{
  return voted / 2 + 1;
}

static FazhiCheck *
check_quorum_owners (FazhiRecord *election)
{
  const char *title = _("Participation by owners (at least ⅔)");
  g_autofree char *percent = NULL;
  gint64 voted, total;

  if (!get_integer (election, "owners_voted", &voted)
      || !get_integer (election, "owners_total", &total))
    return check_new (FAZHI_CHECK_QUORUM_OWNERS, FAZHI_VERDICT_UNKNOWN, title,
                      missing_detail (election, "owners_voted", "owners_total"));

  percent = format_percent (voted, total);
  return check_new (FAZHI_CHECK_QUORUM_OWNERS,
                    fazhi_quorum_reached (voted, total) ? FAZHI_VERDICT_PASS : FAZHI_VERDICT_FAIL, title,
                    /* Translators: e.g. "201 of 300 owners voted (67.0%); at least 200 needed";
                     * the third %s is the percentage in brackets, or nothing */
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%" PRId64 " of %" PRId64 " owner voted%s; "
                                                  "at least %" PRId64 " needed",
                                                  "%" PRId64 " of %" PRId64 " owners voted%s; "
                                                  "at least %" PRId64 " needed",
                                                  (gulong) total),
                                     voted, total, percent, quorum_needed (total)));
}

static FazhiCheck *
check_quorum_area (FazhiRecord *election)
{
  const char *title = _("Participation by area (at least ⅔)");
  g_autofree char *percent = NULL;
  g_autofree char *voted_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *needed_text = NULL;
  gint64 voted, total;

  if (!get_decimal (election, "area_voted", &voted) || !get_decimal (election, "area_total", &total))
    return check_new (FAZHI_CHECK_QUORUM_AREA, FAZHI_VERDICT_UNKNOWN, title,
                      missing_detail (election, "area_voted", "area_total"));

  percent = format_percent (voted, total);
  voted_text = fazhi_format_decimal (voted);
  total_text = fazhi_format_decimal (total);
  needed_text = fazhi_format_decimal (quorum_needed (total));
  return check_new (FAZHI_CHECK_QUORUM_AREA,
                    fazhi_quorum_reached (voted, total) ? FAZHI_VERDICT_PASS : FAZHI_VERDICT_FAIL, title,
                    /* Translators: e.g. "1800.5 of 2400 m² of exclusive area voted (75.0%);
                     * at least 1600 m² needed" */
                    g_strdup_printf (_("%s of %s m² of exclusive area voted%s; at least %s m² needed"),
                                     voted_text, total_text, percent, needed_text));
}

static FazhiCheck *
check_approval_owners (FazhiRecord *election)
{
  const char *title = _("Approval by owners (more than ½ of those who voted)");
  g_autofree char *percent = NULL;
  gint64 approved, voted;

  if (!get_integer (election, "owners_approved", &approved)
      || !get_integer (election, "owners_voted", &voted))
    return check_new (FAZHI_CHECK_APPROVAL_OWNERS, FAZHI_VERDICT_UNKNOWN, title,
                      missing_detail (election, "owners_approved", "owners_voted"));

  percent = format_percent (approved, voted);
  return check_new (FAZHI_CHECK_APPROVAL_OWNERS,
                    fazhi_approval_reached (approved, voted) ? FAZHI_VERDICT_PASS : FAZHI_VERDICT_FAIL, title,
                    /* Translators: e.g. "151 of 201 owners who voted approved (75.1%); at least 101 needed" */
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%" PRId64 " of %" PRId64 " owner who voted "
                                                  "approved%s; at least %" PRId64 " needed",
                                                  "%" PRId64 " of %" PRId64 " owners who voted "
                                                  "approved%s; at least %" PRId64 " needed",
                                                  (gulong) voted),
                                     approved, voted, percent, approval_needed (voted)));
}

static FazhiCheck *
check_approval_area (FazhiRecord *election)
{
  const char *title = _("Approval by area (more than ½ of the area that voted)");
  g_autofree char *percent = NULL;
  g_autofree char *approved_text = NULL;
  g_autofree char *voted_text = NULL;
  g_autofree char *needed_text = NULL;
  gint64 approved, voted;

  if (!get_decimal (election, "area_approved", &approved) || !get_decimal (election, "area_voted", &voted))
    return check_new (FAZHI_CHECK_APPROVAL_AREA, FAZHI_VERDICT_UNKNOWN, title,
                      missing_detail (election, "area_approved", "area_voted"));

  percent = format_percent (approved, voted);
  approved_text = fazhi_format_decimal (approved);
  voted_text = fazhi_format_decimal (voted);
  needed_text = fazhi_format_decimal (approval_needed (voted));
  return check_new (FAZHI_CHECK_APPROVAL_AREA,
                    fazhi_approval_reached (approved, voted) ? FAZHI_VERDICT_PASS : FAZHI_VERDICT_FAIL, title,
                    /* Translators: e.g. "1200 of 1800.5 m² that voted approved (66.6%);
                     * at least 900.26 m² needed" */
                    g_strdup_printf (_("%s of %s m² that voted approved%s; at least %s m² needed"),
                                     approved_text, voted_text, percent, needed_text));
}

static FazhiCheck *
check_seats (FazhiRecord *election)
{
  const char *title = _("Committee members (an odd number from 5 to 11)");
  gint64 seats;
  char *detail;

  if (!get_integer (election, "seats", &seats))
    return check_new (FAZHI_CHECK_SEATS, FAZHI_VERDICT_UNKNOWN, title,
                      missing_detail (election, "seats", "seats"));

  if (seats < SEATS_MIN)
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%" PRId64 " member: fewer than 5",
                                           "%" PRId64 " members: fewer than 5", (gulong) seats),
                              seats);
  else if (seats > SEATS_MAX)
    detail = g_strdup_printf (_("%" PRId64 " members: more than 11"), seats);
  else if (seats % 2 == 0)
    detail = g_strdup_printf (_("%" PRId64 " members: the number must be odd"), seats);
  else
    detail = g_strdup_printf (_("%" PRId64 " members"), seats);

  return check_new (FAZHI_CHECK_SEATS, fazhi_seats_valid (seats) ? FAZHI_VERDICT_PASS : FAZHI_VERDICT_FAIL,
                    title, detail);
}

static FazhiCheck *
check_term (FazhiRecord *election)
{
  const char *title = _("Term of office (at most 5 years)");
  gint64 years;
  char *detail;

  if (!get_integer (election, "term_years", &years))
    return check_new (FAZHI_CHECK_TERM, FAZHI_VERDICT_UNKNOWN, title,
                      missing_detail (election, "term_years", "term_years"));

  if (years > TERM_YEARS_MAX)
    detail = g_strdup_printf (_("%" PRId64 " years: longer than 5"), years);
  else if (years < 1)
    detail = g_strdup (_("The term must be at least one year"));
  else
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%" PRId64 " year",
                                           "%" PRId64 " years", (gulong) years),
                              years);

  return check_new (FAZHI_CHECK_TERM, fazhi_term_valid (years) ? FAZHI_VERDICT_PASS : FAZHI_VERDICT_FAIL,
                    title, detail);
}

static FazhiCheck *
check_filing (FazhiRecord *election,
              const char  *today)
{
  const char *title = _("Filing with the street office (within 30 days of completion)");
  const char *completed_on = fazhi_record_get (election, "completed_on");
  const char *filed_on = fazhi_record_get (election, "filed_on");
  g_autofree char *completed_iso = fazhi_parse_date (completed_on);
  int days, days_left;

  if (completed_iso == NULL)
    return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_UNKNOWN, title,
                      g_strdup (_("The election is not completed yet (no valid completion date)")));

  if (!fazhi_text_is_blank (filed_on))
    {
      if (!days_between (completed_iso, filed_on, &days))
        return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_UNKNOWN, title,
                          /* Translators: %s is the date as typed */
                          g_strdup_printf (_("The filing date “%s” is not a date"), filed_on));

      if (days > FILING_DAYS)
        return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_FAIL, title,
                          g_strdup_printf (_("Filed %d days after completion, more than 30"), days));

      return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_PASS, title,
                        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Filed %d day after completion",
                                                      "Filed %d days after completion", (gulong) ABS (days)),
                                         days));
    }

  if (!days_between (completed_iso, today, &days))
    return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_UNKNOWN, title,
                      g_strdup (_("Not filed yet")));

  if (days > FILING_DAYS)
    return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_FAIL, title,
                      g_strdup_printf (_("Not filed, and %d days have passed since completion: overdue"),
                                       days));

  /* Still inside the window: neither a pass nor a fault yet. */
  days_left = FILING_DAYS - MAX (days, 0);
  if (days_left == 0)
    return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_UNKNOWN, title,
                      g_strdup (_("Not filed yet; today is the last day")));

  return check_new (FAZHI_CHECK_FILING, FAZHI_VERDICT_UNKNOWN, title,
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Not filed yet; %d day left",
                                                  "Not filed yet; %d days left", (gulong) days_left),
                                     days_left));
}

GPtrArray *
fazhi_election_checks (FazhiRecord *election,
                       const char  *today)
{
  g_autofree char *real_today = NULL;
  GPtrArray *checks;

  g_return_val_if_fail (FAZHI_IS_RECORD (election), NULL);
  g_return_val_if_fail (fazhi_record_get_ledger (election)->id == FAZHI_LEDGER_ELECTIONS, NULL);

  if (today == NULL)
    today = real_today = fazhi_date_today ();

  checks = g_ptr_array_new_full (FAZHI_N_CHECKS, (GDestroyNotify) fazhi_check_free);
  g_ptr_array_add (checks, check_quorum_owners (election));
  g_ptr_array_add (checks, check_quorum_area (election));
  g_ptr_array_add (checks, check_approval_owners (election));
  g_ptr_array_add (checks, check_approval_area (election));
  g_ptr_array_add (checks, check_seats (election));
  g_ptr_array_add (checks, check_term (election));
  g_ptr_array_add (checks, check_filing (election, today));

  return checks;
}

/* Figures not entered cannot show that the vote was valid, so they count against it. */
gboolean
fazhi_election_vote_is_valid (FazhiRecord *election)
{
  gint64 owners_total, owners_voted, owners_approved, area_total, area_voted, area_approved;

  g_return_val_if_fail (FAZHI_IS_RECORD (election), FALSE);

  return get_integer (election, "owners_total", &owners_total)
         && get_integer (election, "owners_voted", &owners_voted)
         && get_integer (election, "owners_approved", &owners_approved)
         && get_decimal (election, "area_total", &area_total)
         && get_decimal (election, "area_voted", &area_voted)
         && get_decimal (election, "area_approved", &area_approved)
         && fazhi_quorum_reached (owners_voted, owners_total)
         && fazhi_quorum_reached (area_voted, area_total)
         && fazhi_approval_reached (owners_approved, owners_voted)
         && fazhi_approval_reached (area_approved, area_voted);
}

/* The compounds that should start their committee's election: the term ends within
 * @warning_days of @today (or has ended), and no election has been started for it since a
 * year before the term's end, except failed ones. Soonest first. */
GPtrArray *
fazhi_compounds_due_for_election (FazhiDatabase *database,
                                  const char    *today,
                                  int            warning_days,
                                  GError       **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);

  sql = g_strdup_printf ("SELECT %s FROM compounds AS t "
                         "WHERE t.term_end IS NOT NULL "
                         "  AND julianday (t.term_end) - julianday (?1) <= ?2 "
                         "  AND NOT EXISTS (SELECT 1 FROM elections AS e "
                         "                  WHERE e.compound_id = t.id AND e.stage <> 'failed' "
                         "                    AND e.started_on >= date (t.term_end, '-1 year')) "
                         "ORDER BY t.term_end, t.name",
                         fazhi_store_select_columns (FAZHI_LEDGER_COMPOUNDS));
  statement = fazhi_database_prepare (database, sql, error);
  if (statement == NULL)
    return NULL;

  sqlite3_bind_text (statement, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 2, warning_days);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      FazhiRecord *compound = fazhi_record_new (FAZHI_LEDGER_COMPOUNDS);

      fazhi_store_read_row (statement, compound);
      g_ptr_array_add (due, compound);
    }
  sqlite3_reset (statement);

  if (rc != SQLITE_DONE)
    {
      fazhi_database_set_error (database, rc, error);
      return NULL;
    }

  return g_steal_pointer (&due);
}
