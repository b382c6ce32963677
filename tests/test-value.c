/* test-value.c — dates, numbers, phone numbers and periods as clerks type them */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "fazhi-value.h"

typedef struct
{
  const char *text;
  const char *iso;
} DateCase;

static void
test_date_styles (void)
{
  static const DateCase cases[] = {
    { "2023-03-05", "2023-03-05" },
    { "2023-3-5", "2023-03-05" },
    { "2023/3/5", "2023-03-05" },
    { "2023/03/05", "2023-03-05" },
    { "2023.3.5", "2023-03-05" },
    { "2023.12.31", "2023-12-31" },
    { "2023年3月5日", "2023-03-05" },
    { "2023年12月31日", "2023-12-31" },
    { "２０２３年３月５日", "2023-03-05" },
    { "２０２３／３／５", "2023-03-05" },
    { "  2023-03-05\t", "2023-03-05" },
    { "2024-02-29", "2024-02-29" },
    { "2000-02-29", "2000-02-29" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = fazhi_parse_date (cases[i].text);

      g_test_message ("date “%s”", cases[i].text);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
test_date_refused (void)
{
  static const char *refused[] = {
    "2023-02-30", "2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31",
    "2023-01-00", "2023-01-32", "0000-01-01", "2023-03", "2023", "abc", "", "   ",
    "2023-03-05x", "2023-03-05 10:00", "2023-03-05日", "2023年3月5", "2023年3月5日号",
    "23-03-05", "02023-03-05", "2023-003-05", "2023-03-005", "2023-3/5", "2023/3-5",
    "2023.3/5", "5/3/2023", "2023--03-05", "-2023-03-05", "2023-03-",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *iso = fazhi_parse_date (refused[i]);

      g_test_message ("date “%s”", refused[i]);
      g_assert_null (iso);
    }

  g_assert_null (fazhi_parse_date (NULL));
}

/* Every day of a leap year and a common year, written in each style, reads back as the same day. */
static void
test_date_every_day (void)
{
  static const int years[] = { 2023, 2024 };

  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    {
      g_autoptr(GDate) day = g_date_new_dmy (1, G_DATE_JANUARY, years[y]);
      guint days = 0;

      while (g_date_get_year (day) == years[y])
        {
          int d = g_date_get_day (day), m = g_date_get_month (day);
          g_autofree char *expected = g_strdup_printf ("%04d-%02d-%02d", years[y], m, d);
          g_autofree char *slashes = g_strdup_printf ("%d/%d/%d", years[y], m, d);
          g_autofree char *dots = g_strdup_printf ("%d.%d.%d", years[y], m, d);
          g_autofree char *chinese = g_strdup_printf ("%d年%d月%d日", years[y], m, d);
          g_autofree char *from_iso = fazhi_parse_date (expected);
          g_autofree char *from_slashes = fazhi_parse_date (slashes);
          g_autofree char *from_dots = fazhi_parse_date (dots);
          g_autofree char *from_chinese = fazhi_parse_date (chinese);

          g_assert_cmpstr (from_iso, ==, expected);
          g_assert_cmpstr (from_slashes, ==, expected);
          g_assert_cmpstr (from_dots, ==, expected);
          g_assert_cmpstr (from_chinese, ==, expected);

          g_date_add_days (day, 1);
          days++;
        }

      g_assert_cmpuint (days, ==, g_date_is_leap_year (years[y]) ? 366 : 365);
    }
}

typedef struct
{
  const char *text;
  gboolean    valid;
  gint64      value;
} NumberCase;

static void
test_integer (void)
{
  static const NumberCase cases[] = {
    { "0", TRUE, 0 },
    { "7", TRUE, 7 },
    { "007", TRUE, 7 },
    { " 12 ", TRUE, 12 },
    { "-5", TRUE, -5 },
    { "-0", TRUE, 0 },
    { "2147483647", TRUE, G_MAXINT32 },
    { "2147483648", FALSE, 0 },
    { "99999999999999999999999", FALSE, 0 },
    { "1.5", FALSE, 0 },
    { "1,000", FALSE, 0 },
    { "1 000", FALSE, 0 },
    { "+5", FALSE, 0 },
    { "- 5", FALSE, 0 },
    { "--5", FALSE, 0 },
    { "5-", FALSE, 0 },
    { "1e3", FALSE, 0 },
    { "0x10", FALSE, 0 },
    { "abc", FALSE, 0 },
    { "", FALSE, 0 },
    { " ", FALSE, 0 },
    { "-", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = -12345;

      g_test_message ("integer “%s”", cases[i].text);
      g_assert_cmpint (fazhi_parse_integer (cases[i].text, &value), ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_cmpint (value, ==, cases[i].value);
      else
        g_assert_cmpint (value, ==, -12345);
    }

  g_assert_false (fazhi_parse_integer (NULL, NULL));
}

static void
test_decimal (void)
{
  static const NumberCase cases[] = {
    { "12", TRUE, 1200 },
    { "12.5", TRUE, 1250 },
    { "12.50", TRUE, 1250 },
    { "12.34", TRUE, 1234 },
    { "12.05", TRUE, 1205 },
    { ".5", TRUE, 50 },
    { "0.05", TRUE, 5 },
    { "-3", TRUE, -300 },
    { "-0.5", TRUE, -50 },
    { " 1000.49 ", TRUE, 100049 },
    { "0", TRUE, 0 },
    { "999999999999.99", TRUE, G_GINT64_CONSTANT (99999999999999) },
    { "12.345", FALSE, 0 },
    { "1e3", FALSE, 0 },
    { "1,5", FALSE, 0 },
    { "1.2.3", FALSE, 0 },
    { "12 .5", FALSE, 0 },
    { "+3", FALSE, 0 },
    { "abc", FALSE, 0 },
    { ".", FALSE, 0 },
    { "-", FALSE, 0 },
    { "", FALSE, 0 },
    { "1000000000000", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 hundredths = -12345;

      g_test_message ("decimal “%s”", cases[i].text);
      g_assert_cmpint (fazhi_parse_decimal (cases[i].text, &hundredths), ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_cmpint (hundredths, ==, cases[i].value);
      else
        g_assert_cmpint (hundredths, ==, -12345);
    }

  g_assert_false (fazhi_parse_decimal (NULL, NULL));
}

static void
test_decimal_format (void)
{
  static const struct { gint64 hundredths; const char *text; } cases[] = {
    { 0, "0" }, { 1200, "12" }, { 1250, "12.5" }, { 1234, "12.34" }, { 1205, "12.05" },
    { 5, "0.05" }, { 50, "0.5" }, { -300, "-3" }, { -50, "-0.5" }, { -1205, "-12.05" },
    { 100049, "1000.49" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fazhi_format_decimal (cases[i].hundredths);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Whatever is formatted reads back as the same amount, and a canonical text formats back as itself. */
static void
test_decimal_round_trip (void)
{
  for (gint64 hundredths = -2500; hundredths <= 2500; hundredths += 7)
    {
      g_autofree char *text = fazhi_format_decimal (hundredths);
      g_autofree char *again = NULL;
      gint64 parsed = 0;

      g_assert_true (fazhi_parse_decimal (text, &parsed));
      g_assert_cmpint (parsed, ==, hundredths);

      again = fazhi_format_decimal (parsed);
      g_assert_cmpstr (again, ==, text);
    }
}

typedef struct
{
  const char *phone;
  const char *masked;
} PhoneCase;

static void
test_mask_phone (void)
{
  static const PhoneCase cases[] = {
    { "13812345678", "138****5678" },
    { "138-1234-5678", "138-****-5678" },
    { "010-12345678", "010-****5678" },
    { "0371-66123456", "037*-****3456" },
    { "+86 13812345678", "+86 1******5678" },
    { "12345", "1***5" },
    { "110", "1*0" },
    { "12", "12" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = fazhi_mask_phone (cases[i].phone);

      g_test_message ("phone “%s”", cases[i].phone);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }

  g_assert_null (fazhi_mask_phone (NULL));
}

/* A phone number is personal data: whatever its length (from 3 digits on), some digits are hidden,
 * and the separators stay where they were. */
static void
test_mask_phone_hides_digits (void)
{
  const char *digits = "139876543210987";

  for (guint length = 3; length <= strlen (digits); length++)
    {
      g_autofree char *phone = g_strndup (digits, length);
      g_autofree char *masked = fazhi_mask_phone (phone);

      g_test_message ("a phone number of %u digits: “%s” → “%s”", length, phone, masked);
      g_assert_cmpuint (strlen (masked), ==, length);
      g_assert_nonnull (strchr (masked, '*'));
      g_assert_cmpint (masked[0], ==, phone[0]);
      g_assert_cmpint (masked[length - 1], ==, phone[length - 1]);
    }
}

static void
test_period_year (void)
{
  FazhiPeriod period;
  g_autofree char *described = NULL;

  g_assert_true (fazhi_period_init (&period, 2023, 0));
  g_assert_cmpint (period.year, ==, 2023);
  g_assert_cmpint (period.quarter, ==, 0);
  g_assert_cmpstr (period.start, ==, "2023-01-01");
  g_assert_cmpstr (period.end, ==, "2023-12-31");

  described = fazhi_period_describe (&period);
  g_assert_nonnull (strstr (described, "2023"));
}

static void
test_period_quarters (void)
{
  static const char *expected[][2] = {
    { "2024-01-01", "2024-03-31" },
    { "2024-04-01", "2024-06-30" },
    { "2024-07-01", "2024-09-30" },
    { "2024-10-01", "2024-12-31" },
  };

  for (int quarter = 1; quarter <= 4; quarter++)
    {
      FazhiPeriod period;
      GDateMonth last_month = (GDateMonth) (quarter * 3);
      g_autofree char *last_day = NULL;
      g_autofree char *described = NULL;
      g_autofree char *quarter_text = g_strdup_printf ("%d", quarter);

      g_assert_true (fazhi_period_init (&period, 2024, quarter));
      g_assert_cmpint (period.year, ==, 2024);
      g_assert_cmpint (period.quarter, ==, quarter);
      g_assert_cmpstr (period.start, ==, expected[quarter - 1][0]);
      g_assert_cmpstr (period.end, ==, expected[quarter - 1][1]);

      /* The end is the calendar's last day of the quarter's last month. */
      last_day = g_strdup_printf ("2024-%02d-%02d", last_month, g_date_get_days_in_month (last_month, 2024));
      g_assert_cmpstr (period.end, ==, last_day);

      described = fazhi_period_describe (&period);
      g_assert_nonnull (strstr (described, "2024"));
      g_assert_nonnull (strstr (described, quarter_text));
    }
}

static void
test_period_refused (void)
{
  FazhiPeriod period = { 0 };

  g_assert_false (fazhi_period_init (&period, 2023, 5));
  g_assert_false (fazhi_period_init (&period, 2023, -1));
  g_assert_false (fazhi_period_init (&period, 0, 0));
  g_assert_false (fazhi_period_init (&period, 10000, 1));
  g_assert_true (fazhi_period_init (&period, 2023, 4));
}

static void
test_period_contains (void)
{
  FazhiPeriod year, q1, q2, q4;

  g_assert_true (fazhi_period_init (&year, 2023, 0));
  g_assert_true (fazhi_period_init (&q1, 2023, 1));
  g_assert_true (fazhi_period_init (&q2, 2023, 2));
  g_assert_true (fazhi_period_init (&q4, 2023, 4));

  g_assert_true (fazhi_period_contains (&q1, "2023-01-01"));
  g_assert_true (fazhi_period_contains (&q1, "2023-03-31"));
  g_assert_false (fazhi_period_contains (&q1, "2023-04-01"));
  g_assert_false (fazhi_period_contains (&q1, "2022-12-31"));
  g_assert_false (fazhi_period_contains (&q2, "2023-03-31"));
  g_assert_true (fazhi_period_contains (&q2, "2023-04-01"));
  g_assert_true (fazhi_period_contains (&q2, "2023-06-30"));
  g_assert_false (fazhi_period_contains (&q2, "2023-07-01"));
  g_assert_true (fazhi_period_contains (&q4, "2023-12-31"));
  g_assert_false (fazhi_period_contains (&q4, "2024-01-01"));

  g_assert_true (fazhi_period_contains (&year, "2023-01-01"));
  g_assert_true (fazhi_period_contains (&year, "2023-12-31"));
  g_assert_false (fazhi_period_contains (&year, "2022-12-31"));
  g_assert_false (fazhi_period_contains (&year, "2024-01-01"));

  g_assert_false (fazhi_period_contains (&year, NULL));
}

/* The four quarters cover the year exactly: every day falls in one quarter and in the year. */
static void
test_period_quarters_cover_year (void)
{
  FazhiPeriod year, quarters[4];
  g_autoptr(GDate) day = g_date_new_dmy (1, G_DATE_JANUARY, 2024);

  g_assert_true (fazhi_period_init (&year, 2024, 0));
  for (int q = 0; q < 4; q++)
    g_assert_true (fazhi_period_init (&quarters[q], 2024, q + 1));

  while (g_date_get_year (day) == 2024)
    {
      char iso[16];
      int containing = 0, expected_quarter = (g_date_get_month (day) - 1) / 3;

      g_snprintf (iso, sizeof iso, "2024-%02d-%02d", g_date_get_month (day), g_date_get_day (day));
      for (int q = 0; q < 4; q++)
        if (fazhi_period_contains (&quarters[q], iso))
          {
            containing++;
            g_assert_cmpint (q, ==, expected_quarter);
          }
      g_assert_cmpint (containing, ==, 1);
      g_assert_true (fazhi_period_contains (&year, iso));
      g_date_add_days (day, 1);
    }
}

static void
test_days_between (void)
{
  g_assert_cmpint (fazhi_date_days_between ("2023-03-05", "2023-03-05"), ==, 0);
  g_assert_cmpint (fazhi_date_days_between ("2023-03-05", "2023-03-06"), ==, 1);
  g_assert_cmpint (fazhi_date_days_between ("2023-03-06", "2023-03-05"), ==, -1);
  g_assert_cmpint (fazhi_date_days_between ("2023-02-28", "2023-03-01"), ==, 1);
  g_assert_cmpint (fazhi_date_days_between ("2024-02-28", "2024-03-01"), ==, 2);
  g_assert_cmpint (fazhi_date_days_between ("2023-12-31", "2024-01-01"), ==, 1);
  g_assert_cmpint (fazhi_date_days_between ("2023-01-01", "2024-01-01"), ==, 365);
  g_assert_cmpint (fazhi_date_days_between ("2024-01-01", "2025-01-01"), ==, 366);
  g_assert_cmpint (fazhi_date_days_between ("2023-03-01", "2023-03-31"), ==, 30);
}

static void
test_today (void)
{
  g_autofree char *fixed = NULL;
  g_autofree char *chinese = NULL;
  g_autofree char *real = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_setenv ("FAZHI_TODAY", "2023-03-05", TRUE);
  fixed = fazhi_date_today ();
  g_assert_cmpstr (fixed, ==, "2023-03-05");

  g_setenv ("FAZHI_TODAY", "2023年12月31日", TRUE);
  chinese = fazhi_date_today ();
  g_assert_cmpstr (chinese, ==, "2023-12-31");

  g_unsetenv ("FAZHI_TODAY");
  now = g_date_time_new_now_local ();
  before = g_date_time_format (now, "%Y-%m-%d");
  real = fazhi_date_today ();
  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_new_now_local ();
  expected = g_date_time_format (now, "%Y-%m-%d");
  /* Midnight may pass between the two readings. */
  g_assert_true (g_strcmp0 (real, before) == 0 || g_strcmp0 (real, expected) == 0);
}

static void
test_today_not_a_date (void)
{
  g_autofree char *today = NULL;
  g_autofree char *reparsed = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  before = g_date_time_format (now, "%Y-%m-%d");
  g_setenv ("FAZHI_TODAY", "2023-02-30", TRUE);
  g_test_expect_message ("fazhi-core", G_LOG_LEVEL_WARNING, "*FAZHI_TODAY*2023-02-30*");
  today = fazhi_date_today ();
  g_test_assert_expected_messages ();
  g_unsetenv ("FAZHI_TODAY");
  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_new_now_local ();
  after = g_date_time_format (now, "%Y-%m-%d");

  /* The real date is used instead. */
  reparsed = fazhi_parse_date (today);
  g_assert_cmpstr (reparsed, ==, today);
  g_assert_true (g_strcmp0 (today, before) == 0 || g_strcmp0 (today, after) == 0);
}

static void
test_blank (void)
{
  g_assert_true (fazhi_text_is_blank (NULL));
  g_assert_true (fazhi_text_is_blank (""));
  g_assert_true (fazhi_text_is_blank (" \t\n"));
  g_assert_true (fazhi_text_is_blank ("\u3000"));  /* the ideographic space of Chinese input */
  g_assert_false (fazhi_text_is_blank (" a "));
  g_assert_false (fazhi_text_is_blank ("王"));
}

static void
test_timestamp (void)
{
  g_autofree char *stamp = fazhi_timestamp_now ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       stamp, 0, 0));
  parsed = g_date_time_new_from_iso8601 (stamp, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (ABS (g_date_time_difference (now, parsed)), <, 5 * G_TIME_SPAN_SECOND);
}

int
main (int   argc,
      char *argv[])
{
  /* UTF-8 for the messages of a failing test, but no translation. */
  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");
  g_unsetenv ("FAZHI_TODAY");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/date/styles", test_date_styles);
  g_test_add_func ("/value/date/refused", test_date_refused);
  g_test_add_func ("/value/date/every-day", test_date_every_day);
  g_test_add_func ("/value/integer", test_integer);
  g_test_add_func ("/value/decimal/parse", test_decimal);
  g_test_add_func ("/value/decimal/format", test_decimal_format);
  g_test_add_func ("/value/decimal/round-trip", test_decimal_round_trip);
  g_test_add_func ("/value/phone/mask", test_mask_phone);
  g_test_add_func ("/value/phone/mask-hides-digits", test_mask_phone_hides_digits);
  g_test_add_func ("/value/period/year", test_period_year);
  g_test_add_func ("/value/period/quarters", test_period_quarters);
  g_test_add_func ("/value/period/refused", test_period_refused);
  g_test_add_func ("/value/period/contains", test_period_contains);
  g_test_add_func ("/value/period/quarters-cover-year", test_period_quarters_cover_year);
  g_test_add_func ("/value/date/days-between", test_days_between);
  g_test_add_func ("/value/date/today", test_today);
  g_test_add_func ("/value/date/today-not-a-date", test_today_not_a_date);
  g_test_add_func ("/value/text/blank", test_blank);
  g_test_add_func ("/value/timestamp", test_timestamp);

  return g_test_run ();
}
