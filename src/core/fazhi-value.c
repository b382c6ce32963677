/* fazhi-value.c — reading and writing the values clerks type */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-value.h"

gboolean
fazhi_period_init (FazhiPeriod *period,
                   int          year,
                   int          quarter)
{
  static const int last_day[] = { 31, 30, 30, 31 };

  if (year < 1949 || year > 9999 || quarter < 0 || quarter > 4)
    return FALSE;

  period->year = year;
  period->quarter = quarter;
  if (quarter == 0)
    {
      g_snprintf (period->start, sizeof period->start, "%04d-01-01", year);
      g_snprintf (period->end, sizeof period->end, "%04d-12-31", year);
    }
  else
    {
      g_snprintf (period->start, sizeof period->start, "%04d-%02d-01", year, quarter * 3 - 2);
      g_snprintf (period->end, sizeof period->end, "%04d-%02d-%02d",
                  year, quarter * 3, last_day[quarter - 1]);
    }

  return TRUE;
}

gboolean
fazhi_period_contains (const FazhiPeriod *period,
                       const char        *iso_date)
{
  return iso_date != NULL
         && strcmp (iso_date, period->start) >= 0
         && strcmp (iso_date, period->end) <= 0;
}

char *
fazhi_period_describe (const FazhiPeriod *period)
{
  if (period->quarter == 0)
    /* Translators: a year, e.g. "2023" */
    return g_strdup_printf (_("%d"), period->year);

  /* Translators: a quarter of a year, e.g. "2023 Q1" */
  return g_strdup_printf (_("%d Q%d"), period->year, period->quarter);
}

gboolean
fazhi_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Chinese input methods type full-width forms: ２０２３年３月５日, １２３，（元）. The full-width
 * forms of ASCII (U+FF01–U+FF5E) become ASCII and the ideographic space a space; the text is
 * trimmed. */
char *
fazhi_text_to_half_width (const char *text)
{
  GString *half;

  if (text == NULL)
    return NULL;

  half = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (half, (char) (c - 0xFF01 + 0x21));
      else if (c == 0x3000)
        g_string_append_c (half, ' ');
      else
        g_string_append_unichar (half, c);
    }

  return g_strstrip (g_string_free (half, FALSE));
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Words after a number that make it a guess, not a figure: 200余人, 30多次, 50左右. */
static gboolean
is_approximate (const char *unit)
{
  static const char *words[] = { "余", "多", "左右", "以上", "以下", "约", "+", "~" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (unit, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* A number as clerks type it — full-width digits (１２３), thousands separators (1,234.50), a unit
 * or currency after it (70人, 13份, 1800元, 1.2万元) — as the plain number it means ("1234.50",
 * "12000"), or NULL when the text is not such a number (200余人 is an estimate, not a figure). */
char *
fazhi_number_from_text (const char *text)
{
  g_autofree char *half = NULL;
  g_autoptr(GString) plain = NULL;
  const char *p, *unit;
  guint group = 0;
  gboolean grouped = FALSE, any = FALSE;
  int shift = 0;

  if (text == NULL)
    return NULL;

  half = is_ascii (text) ? g_strstrip (g_strdup (text)) : fazhi_text_to_half_width (text);
  plain = g_string_sized_new (strlen (half));
  p = half;
  if (*p == '-')
    g_string_append_c (plain, *p++);
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      g_string_append_c (plain, '0');
      any = TRUE;
    }

  /* The whole part, with commas between groups of three digits (1,234,567) or without any. */
  for (; g_ascii_isdigit (*p) || (*p == ',' && any); p++)
    {
      if (*p == ',')
        {
          if ((grouped ? group != 3 : group > 3) || !g_ascii_isdigit (p[1]))
            return NULL;
          grouped = TRUE;
          group = 0;
          continue;
        }
      g_string_append_c (plain, *p);
      group++;
      any = TRUE;
    }
  if (!any || (grouped && group != 3))
    return NULL;

  if (*p == '.' && g_ascii_isdigit (p[1]))
    for (g_string_append_c (plain, *p++); g_ascii_isdigit (*p); p++)
      g_string_append_c (plain, *p);

  unit = p;
  while (*unit == ' ')
    unit++;
  if (*unit != '\0')
    {
      if (g_ascii_isdigit (*unit) || *unit == '.' || *unit == ',' || is_approximate (unit))
        return NULL;
      for (const char *u = unit; *u != '\0'; u++)
        if (g_ascii_isdigit (*u))
          return NULL;
      /* 万 is ten thousand: 1.2万元 is 12000 yuan. */
      if (g_str_has_prefix (unit, "万"))
        shift = 4;
    }

  if (shift > 0)
    {
      char *point = strchr (plain->str, '.');
      gsize at = point != NULL ? (gsize) (point - plain->str) : plain->len;
      g_autoptr(GString) digits = g_string_new_len (plain->str, at);

      if (point != NULL)
        g_string_append (digits, point + 1);
      at += shift;
      while (digits->len < at)
        g_string_append_c (digits, '0');
      if (digits->len > at)
        g_string_insert_c (digits, at, '.');
      g_string_assign (plain, digits->str);
    }

  return g_string_free (g_steal_pointer (&plain), FALSE);
}

/* Reads up to max_digits ASCII digits; returns the position after them, or NULL. */
static const char *
read_number (const char *p,
             int         max_digits,
             int        *value)
{
  int n = 0;

  *value = 0;
  while (g_ascii_isdigit (*p) && n < max_digits)
    {
      *value = *value * 10 + (*p - '0');
      p++;
      n++;
    }

  return (n == 0 || g_ascii_isdigit (*p)) ? NULL : p;
}

static const char *
skip_literal (const char *p,
              const char *literal)
{
  size_t len = strlen (literal);

  return strncmp (p, literal, len) == 0 ? p + len : NULL;
}

/* Accepts 2023-03-05, 2023/3/5, 2023.3.5 and 2023年3月5日; returns the ISO date, or NULL when
 * the text is not one of these or not a day of the calendar (2023-02-30). */
char *
fazhi_parse_date (const char *text)
{
  static const char *separators[][3] = {
    { "-", "-", "" }, { "/", "/", "" }, { ".", ".", "" }, { "年", "月", "日" },
  };
  g_autofree char *trimmed = NULL;
  int year, month, day;

  if (text == NULL)
    return NULL;

  trimmed = is_ascii (text) ? g_strstrip (g_strdup (text)) : fazhi_text_to_half_width (text);
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *p = trimmed;

      if ((p = read_number (p, 4, &year)) == NULL || p - trimmed != 4
          || (p = skip_literal (p, separators[i][0])) == NULL
          || (p = read_number (p, 2, &month)) == NULL
          || (p = skip_literal (p, separators[i][1])) == NULL
          || (p = read_number (p, 2, &day)) == NULL
          || (p = skip_literal (p, separators[i][2])) == NULL
          || *p != '\0')
        continue;

      if (year < 1900 || !g_date_valid_dmy (day, month, year))
        return NULL;

      /* Every date of every imported row passes here: no printf. */
      {
        char *iso = g_malloc (11);

        iso[0] = '0' + year / 1000;
        iso[1] = '0' + year / 100 % 10;
        iso[2] = '0' + year / 10 % 10;
        iso[3] = '0' + year % 10;
        iso[4] = '-';
        iso[5] = '0' + month / 10;
        iso[6] = '0' + month % 10;
        iso[7] = '-';
        iso[8] = '0' + day / 10;
        iso[9] = '0' + day % 10;
        iso[10] = '\0';
        return iso;
      }
    }

  return NULL;
}

gboolean
fazhi_parse_integer (const char *text,
                     gint64     *value)
{
  g_autofree char *trimmed = NULL;
  guint64 magnitude;
  const char *digits;
  char *end = NULL;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  digits = trimmed[0] == '-' ? trimmed + 1 : trimmed;
  if (!g_ascii_isdigit (digits[0]))
    return FALSE;

  errno = 0;
  magnitude = g_ascii_strtoull (digits, &end, 10);
  if (*end != '\0' || errno != 0 || magnitude > G_MAXINT32)
    return FALSE;

  *value = trimmed[0] == '-' ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

/* Decimals are kept in hundredths, so that sums and the voting thresholds stay exact. */
gboolean
fazhi_parse_decimal (const char *text,
                     gint64     *hundredths)
{
  g_autofree char *trimmed = NULL;
  gboolean negative;
  const char *p;
  gint64 whole = 0;
  int fraction = 0, fraction_digits = 0, whole_digits = 0;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  negative = trimmed[0] == '-';
  p = negative ? trimmed + 1 : trimmed;

  for (; g_ascii_isdigit (*p); p++, whole_digits++)
    {
      if (whole_digits >= 12)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }

  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, fraction_digits++)
      {
        if (fraction_digits >= 2)
          return FALSE;
        fraction = fraction * 10 + (*p - '0');
      }

  if (*p != '\0' || (whole_digits == 0 && fraction_digits == 0))
    return FALSE;

  if (fraction_digits == 1)
    fraction *= 10;

  *hundredths = (whole * 100 + fraction) * (negative ? -1 : 1);
  return TRUE;
}

char *
fazhi_format_decimal (gint64 hundredths)
{
  gint64 magnitude = hundredths < 0 ? -hundredths : hundredths;
  const char *sign = hundredths < 0 ? "-" : "";
  int fraction = (int) (magnitude % 100);

  if (fraction == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, magnitude / 100);
  if (fraction % 10 == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%d", sign, magnitude / 100, fraction / 10);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", sign, magnitude / 100, fraction);
}

/* 13812345678 → 138****5678: from eight digits on, the first three and the last four stay;
 * a shorter number keeps only its first and last digit (1398765 → 1*****5). */
char *
fazhi_mask_phone (const char *phone)
{
  GString *masked;
  guint n_digits = 0, seen = 0, keep_start, keep_end;

  if (phone == NULL)
    return NULL;

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      n_digits++;

  keep_start = n_digits >= 8 ? 3 : 1;
  keep_end = n_digits >= 8 ? 4 : 1;
  masked = g_string_new (NULL);
  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) && n_digits >= 3)
        {
          seen++;
          if (seen > keep_start && seen + keep_end <= n_digits)
            {
              g_string_append_c (masked, '*');
              continue;
            }
        }
      g_string_append_c (masked, *p);
    }

  return g_string_free (masked, FALSE);
}

gboolean
fazhi_text_looks_like_formula (const char *text)
{
  return text != NULL && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

char *
fazhi_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* FAZHI_TODAY fixes "today" for reproducible reports and tests. */
char *
fazhi_date_today (void)
{
  const char *fixed = g_getenv ("FAZHI_TODAY");
  g_autoptr(GDateTime) now = NULL;

  if (fixed != NULL)
    {
      char *iso = fazhi_parse_date (fixed);

      if (iso != NULL)
        return iso;
      g_warning ("FAZHI_TODAY=%s is not a date; using the real date", fixed);
    }

  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static void
date_from_iso (const char *iso,
               GDate      *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, atoi (iso + 8), atoi (iso + 5), atoi (iso));
}

int
fazhi_date_days_between (const char *from_iso,
                         const char *to_iso)
{
  GDate from, to;

  date_from_iso (from_iso, &from);
  date_from_iso (to_iso, &to);

  return g_date_days_between (&from, &to);
}

/* A UUID of version 7 (RFC 9562): the time in milliseconds, a counter, then random bits, so
 * that the records of one import follow each other in the uuid index instead of landing all over
 * it. Made without printf: an import makes one per row. */
char *
fazhi_uuid_new (void)
{
  static const char hex[] = "0123456789abcdef";
  static gint64 last_ms = 0;
  static guint counter = 0;
  G_LOCK_DEFINE_STATIC (uuid);
  guint8 bytes[16];
  char *text = g_malloc (37);
  gint64 ms = g_get_real_time () / 1000;
  int out = 0;

  G_LOCK (uuid);
  if (ms <= last_ms)
    {
      /* Within one millisecond (or if the clock stepped back) the counter keeps the order. */
      ms = last_ms;
      if (++counter > 0xfff)
        {
          ms = ++last_ms;
          counter = 0;
        }
    }
  else
    {
      last_ms = ms;
      counter = 0;
    }
  G_UNLOCK (uuid);

  for (guint i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (8 * (5 - i)));
  bytes[6] = 0x70 | (guint8) (counter >> 8);
  bytes[7] = (guint8) counter;
  for (guint i = 8; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (bytes + i, &r, 4);
    }
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        text[out++] = '-';
      text[out++] = hex[bytes[i] >> 4];
      text[out++] = hex[bytes[i] & 0x0f];
    }
  text[out] = '\0';

  return text;
}
