/* fazhi-template.h — the clerk's report text with named placeholders for the figures */
#pragma once

#include "fazhi-stats.h"

G_BEGIN_DECLS

#define FAZHI_TEMPLATE_ERROR (fazhi_template_error_quark ())

typedef enum
{
  FAZHI_TEMPLATE_ERROR_UNKNOWN,    /* {no.such.figure} */
  FAZHI_TEMPLATE_ERROR_MALFORMED,  /* a brace never closed, an empty {} … */
} FazhiTemplateError;

typedef struct
{
  const char *key;          /* "mediation.received", or "office_name", "year" … */
  const char *description;  /* translated: what it stands for */
} FazhiPlaceholder;

GQuark      fazhi_template_error_quark       (void);

/* Replaces every {key} by its figure and {key~} by the approximate style; text values
 * ({office_name}, {district}, {year}, {quarter}) come from @values (key → text). Rates print as
 * percentages (1 → 100%, 0.969 → 96.9%), a rate with no denominator as “—”. "{{" and "}}" stand
 * for literal braces. An unknown or malformed placeholder is an error naming it and its
 * line:column (1-based, in characters). */
char       *fazhi_template_expand            (const char   *text,
                                              FazhiStats   *stats,
                                              GHashTable   *values,
                                              GError      **error);

/* 73 → 70余, 8150 → 8000余, 213 → 200余, 200 → 200, 9 → 9: rounded down to the leading digit,
 * with 余 when that lost something. */
char       *fazhi_format_approximate         (gint64        number);
/* 1 → 100%, 0.9688 → 96.9%, 0.5 → 50%. */
char       *fazhi_format_rate                (double        rate);

/* The default annual report text (Chinese), written for this program: the reference report's
 * structure with every figure of the domain table as a placeholder. */
const char *fazhi_template_default_annual    (void);

/* Every placeholder the template accepts, in a sensible order for the insert menu
 * (FazhiPlaceholder*, owned by the array). */
GPtrArray  *fazhi_template_list_placeholders (void);

G_END_DECLS
