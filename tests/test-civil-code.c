/* test-civil-code.c — the election checks at their boundaries */

#define G_LOG_DOMAIN "test-civil-code"

#include "config.h"

#include <string.h>

#include "fazhi-civil-code.h"

static void
test_quorum (void)
{
  g_assert_true (fazhi_quorum_reached (200, 300));
  g_assert_false (fazhi_quorum_reached (199, 300));
  g_assert_true (fazhi_quorum_reached (300, 300));
  g_assert_false (fazhi_quorum_reached (0, 300));
  /* Areas in hundredths: 2/3 of 100.00 m² is 66.666…, so 66.67 m² is enough and 66.66 is not. */
  g_assert_true (fazhi_quorum_reached (6667, 10000));
  g_assert_false (fazhi_quorum_reached (6666, 10000));
  /* Exactly two thirds of 1500.00 m² is 1000.00 m². */
  g_assert_true (fazhi_quorum_reached (100000, 150000));
  g_assert_false (fazhi_quorum_reached (99999, 150000));
  /* Large compounds do not overflow: 999 999 999 999.99 m². */
  g_assert_true (fazhi_quorum_reached (G_GINT64_CONSTANT (66666666666666), G_GINT64_CONSTANT (99999999999999)));
  g_assert_false (fazhi_quorum_reached (G_GINT64_CONSTANT (66666666666665), G_GINT64_CONSTANT (99999999999999)));
}

static void
test_approval (void)
{
  g_assert_false (fazhi_approval_reached (50, 100));
  g_assert_true (fazhi_approval_reached (51, 100));
  g_assert_true (fazhi_approval_reached (101, 201));
  g_assert_false (fazhi_approval_reached (100, 201));
  g_assert_false (fazhi_approval_reached (0, 0));
  /* Area: half of 1000.01 m² is 500.005, so 500.01 passes and 500.00 does not. */
  g_assert_true (fazhi_approval_reached (50001, 100001));
  g_assert_false (fazhi_approval_reached (50000, 100001));
  g_assert_false (fazhi_approval_reached (50000, 100000));
}

static void
test_seats_and_term (void)
{
  const struct { gint64 seats; gboolean valid; } seats[] = {
    { 3, FALSE }, { 4, FALSE }, { 5, TRUE }, { 6, FALSE }, { 7, TRUE }, { 9, TRUE },
    { 10, FALSE }, { 11, TRUE }, { 12, FALSE }, { 13, FALSE }, { 0, FALSE }, { -5, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (seats); i++)
    {
      g_test_message ("%" G_GINT64_FORMAT " seats", seats[i].seats);
      g_assert_cmpint (fazhi_seats_valid (seats[i].seats), ==, seats[i].valid);
    }

  g_assert_false (fazhi_term_valid (0));
  g_assert_true (fazhi_term_valid (1));
  g_assert_true (fazhi_term_valid (3));
  g_assert_true (fazhi_term_valid (5));
  g_assert_false (fazhi_term_valid (6));
}

static void
test_filing (void)
{
  /* 2023-06-30 + 30 days = 2023-07-30. */
  g_assert_false (fazhi_filing_overdue ("2023-06-30", "2023-07-30", "2024-01-01"));
  g_assert_true (fazhi_filing_overdue ("2023-06-30", "2023-07-31", "2024-01-01"));
  g_assert_false (fazhi_filing_overdue ("2023-06-30", "2023-06-30", "2024-01-01"));
  /* Not filed: overdue only once today is more than 30 days on. */
  g_assert_false (fazhi_filing_overdue ("2023-06-30", NULL, "2023-07-30"));
  g_assert_true (fazhi_filing_overdue ("2023-06-30", NULL, "2023-07-31"));
  g_assert_false (fazhi_filing_overdue ("2023-06-30", "", "2023-07-01"));
  /* Across a year and a leap day: 2024-02-01 + 30 days = 2024-03-02. */
  g_assert_false (fazhi_filing_overdue ("2024-02-01", "2024-03-02", NULL));
  g_assert_true (fazhi_filing_overdue ("2024-02-01", "2024-03-03", NULL));
  g_assert_false (fazhi_filing_overdue ("2023-12-15", NULL, "2024-01-14"));
  g_assert_true (fazhi_filing_overdue ("2023-12-15", NULL, "2024-01-15"));
  /* Without a completion date there is nothing to be late for. */
  g_assert_false (fazhi_filing_overdue (NULL, NULL, "2030-01-01"));
  g_assert_false (fazhi_filing_overdue ("2023-02-30", NULL, "2030-01-01"));
}

static FazhiRecord *
election_new (const char *first_key,
              ...)
{
  FazhiRecord *election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      fazhi_record_set (election, key, va_arg (args, const char *));
      key = va_arg (args, const char *);
    }
  va_end (args);

  return election;
}

static FazhiCheck *
check_of (GPtrArray    *checks,
          FazhiCheckId  id)
{
  FazhiCheck *check;

  g_assert_cmpuint (checks->len, ==, FAZHI_N_CHECKS);
  check = g_ptr_array_index (checks, id);
  g_assert_cmpint (check->id, ==, id);
  g_assert_nonnull (check->title);
  g_assert_nonnull (check->detail);
  g_test_message ("%s — %s", check->title, check->detail);

  return check;
}

static void
assert_detail_has (FazhiCheck *check,
                   const char *text)
{
  if (strstr (check->detail, text) == NULL)
    g_error ("“%s” is not in “%s”", text, check->detail);
}

static void
test_checks_valid (void)
{
  g_autoptr(FazhiRecord) election =
    election_new ("compound", "翠湖苑", "started_on", "2023-03-01", "stage", "filed",
                  "completed_on", "2023-06-30", "filed_on", "2023-07-30",
                  "owners_total", "300", "owners_voted", "200", "owners_approved", "101",
                  "area_total", "15000", "area_voted", "10000", "area_approved", "5000.01",
                  "seats", "7", "term_years", "5", NULL);
  g_autoptr(GPtrArray) checks = fazhi_election_checks (election, "2024-01-01");

  for (FazhiCheckId id = 0; id < FAZHI_N_CHECKS; id++)
    g_assert_cmpint (check_of (checks, id)->verdict, ==, FAZHI_VERDICT_PASS);

  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_OWNERS), "200 of 300");
  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_OWNERS), "66.7%");
  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_OWNERS), "at least 200 needed");
  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_AREA), "at least 10000 m² needed");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_AREA), "at least 5000.01 m² needed");
  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_AREA), "10000 of 15000");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_OWNERS), "101 of 200");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_OWNERS), "50.5%");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_AREA), "5000.01 of 10000");
  assert_detail_has (check_of (checks, FAZHI_CHECK_SEATS), "7");
  assert_detail_has (check_of (checks, FAZHI_CHECK_TERM), "5");
  assert_detail_has (check_of (checks, FAZHI_CHECK_FILING), "30");
  g_assert_true (fazhi_election_vote_is_valid (election));
}

static void
test_checks_fail (void)
{
  g_autoptr(FazhiRecord) election =
    election_new ("compound", "翠湖苑", "started_on", "2023-03-01", "stage", "published",
                  "completed_on", "2023-06-30",
                  "owners_total", "300", "owners_voted", "199", "owners_approved", "99",
                  "area_total", "150.00", "area_voted", "99.99", "area_approved", "49.99",
                  "seats", "6", "term_years", "6", NULL);
  g_autoptr(GPtrArray) checks = fazhi_election_checks (election, "2023-07-31");

  for (FazhiCheckId id = 0; id < FAZHI_N_CHECKS; id++)
    g_assert_cmpint (check_of (checks, id)->verdict, ==, FAZHI_VERDICT_FAIL);

  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_OWNERS), "199 of 300");
  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_OWNERS), "66.3%");
  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_AREA), "99.99 of 150");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_OWNERS), "99 of 199");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_OWNERS), "at least 100 needed");
  /* 99.99 of 150 m² rounds to 66.7%, but the figure needed says why it fails. */
  assert_detail_has (check_of (checks, FAZHI_CHECK_QUORUM_AREA), "at least 100 m² needed");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_AREA), "at least 50 m² needed");
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_AREA), "49.99 of 99.99");
  assert_detail_has (check_of (checks, FAZHI_CHECK_SEATS), "odd");
  assert_detail_has (check_of (checks, FAZHI_CHECK_TERM), "6");
  assert_detail_has (check_of (checks, FAZHI_CHECK_FILING), "31");
  g_assert_false (fazhi_election_vote_is_valid (election));

  /* Exactly half of those who voted is not a majority. */
  fazhi_record_set (election, "owners_voted", "200");
  fazhi_record_set (election, "owners_approved", "100");
  fazhi_record_set (election, "area_voted", "100");
  fazhi_record_set (election, "area_approved", "50");
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = fazhi_election_checks (election, "2023-07-31");
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_QUORUM_OWNERS)->verdict, ==, FAZHI_VERDICT_PASS);
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_QUORUM_AREA)->verdict, ==, FAZHI_VERDICT_PASS);
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_APPROVAL_OWNERS)->verdict, ==, FAZHI_VERDICT_FAIL);
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_APPROVAL_AREA)->verdict, ==, FAZHI_VERDICT_FAIL);
  assert_detail_has (check_of (checks, FAZHI_CHECK_APPROVAL_OWNERS), "50.0%");
  g_assert_false (fazhi_election_vote_is_valid (election));

  fazhi_record_set (election, "owners_approved", "101");
  fazhi_record_set (election, "area_approved", "50.01");
  g_assert_true (fazhi_election_vote_is_valid (election));

  /* Twelve and thirteen seats are too many; four too few. */
  fazhi_record_set (election, "seats", "13");
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = fazhi_election_checks (election, "2023-07-31");
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_SEATS)->verdict, ==, FAZHI_VERDICT_FAIL);
  assert_detail_has (check_of (checks, FAZHI_CHECK_SEATS), "11");
  fazhi_record_set (election, "seats", "4");
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = fazhi_election_checks (election, "2023-07-31");
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_SEATS)->verdict, ==, FAZHI_VERDICT_FAIL);
  assert_detail_has (check_of (checks, FAZHI_CHECK_SEATS), "5");
}

static void
test_checks_unknown (void)
{
  g_autoptr(FazhiRecord) election =
    election_new ("compound", "翠湖苑", "started_on", "2023-03-01", "stage", "voting",
                  "owners_total", "300", "area_total", "15000", NULL);
  g_autoptr(GPtrArray) checks = fazhi_election_checks (election, "2023-07-31");

  for (FazhiCheckId id = 0; id < FAZHI_N_CHECKS; id++)
    g_assert_cmpint (check_of (checks, id)->verdict, ==, FAZHI_VERDICT_UNKNOWN);
  g_assert_false (fazhi_election_vote_is_valid (election));

  /* Completed, not filed, still inside the 30 days: pending, with the days left. */
  fazhi_record_set (election, "completed_on", "2023-07-21");
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = fazhi_election_checks (election, "2023-07-31");
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_FILING)->verdict, ==, FAZHI_VERDICT_UNKNOWN);
  assert_detail_has (check_of (checks, FAZHI_CHECK_FILING), "20");

  /* The 30th day is the last one. */
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = fazhi_election_checks (election, "2023-08-20");
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_FILING)->verdict, ==, FAZHI_VERDICT_UNKNOWN);
  assert_detail_has (check_of (checks, FAZHI_CHECK_FILING), "last day");
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = fazhi_election_checks (election, "2023-08-21");
  g_assert_cmpint (check_of (checks, FAZHI_CHECK_FILING)->verdict, ==, FAZHI_VERDICT_FAIL);
  assert_detail_has (check_of (checks, FAZHI_CHECK_FILING), "31");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/civil-code/quorum", test_quorum);
  g_test_add_func ("/civil-code/approval", test_approval);
  g_test_add_func ("/civil-code/seats-and-term", test_seats_and_term);
  g_test_add_func ("/civil-code/filing", test_filing);
  g_test_add_func ("/civil-code/checks/valid", test_checks_valid);
  g_test_add_func ("/civil-code/checks/fail", test_checks_fail);
  g_test_add_func ("/civil-code/checks/unknown", test_checks_unknown);

  return g_test_run ();
}
