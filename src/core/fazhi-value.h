/* fazhi-value.h — reading and writing the values clerks type: dates, numbers, phone numbers, periods */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A year, or a quarter of a year (quarter 1–4; 0 means the whole year). */
typedef struct
{
  int  year;
  int  quarter;
  char start[11]; /* first day, ISO */
  char end[11];   /* last day, ISO */
} FazhiPeriod;

gboolean  fazhi_period_init        (FazhiPeriod  *period,
                                    int           year,
                                    int           quarter);
gboolean  fazhi_period_contains    (const FazhiPeriod *period,
                                    const char   *iso_date);
char     *fazhi_period_describe    (const FazhiPeriod *period);

char     *fazhi_parse_date         (const char   *text);
char     *fazhi_text_to_half_width (const char   *text);
char     *fazhi_number_from_text   (const char   *text);
gboolean  fazhi_parse_integer      (const char   *text,
                                    gint64       *value);
gboolean  fazhi_parse_decimal      (const char   *text,
                                    gint64       *hundredths);
char     *fazhi_format_decimal     (gint64        hundredths);
char     *fazhi_mask_phone         (const char   *phone);
gboolean  fazhi_text_is_blank      (const char   *text);
/* Whether a spreadsheet would take @text for a formula: it starts with =, +, -, @, a tab or a
 * carriage return (OWASP's CSV injection rule). */
gboolean  fazhi_text_looks_like_formula (const char *text);
char     *fazhi_timestamp_now      (void);
char     *fazhi_uuid_new           (void);
char     *fazhi_date_today         (void);
int       fazhi_date_days_between  (const char   *from_iso,
                                    const char   *to_iso);

G_END_DECLS
