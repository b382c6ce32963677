/* fazhi-validate.h — the one place that decides what a valid record is */
#pragma once

#include <glib.h>

#include "fazhi-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  int   field;   /* index into the ledger's fields */
  char *message; /* translated, names the field as a clerk knows it */
} FazhiProblem;

void        fazhi_problem_free        (FazhiProblem       *problem);

/* Checks the values as typed or read from a file (one per field, NULL or "" for empty) and
 * returns their stored form in @normalized (one per field, NULL for empty or invalid; free with
 * g_strfreev-like fazhi_values_free). @names gives the name to use for each field in messages,
 * such as the column headers of an imported file; NULL uses the translated field names.
 * Returns the problems found, an empty array when the record is valid. */
GPtrArray  *fazhi_validate            (const FazhiLedger  *ledger,
                                       const char * const *input,
                                       const char * const *names,
                                       char             ***normalized);

gboolean    fazhi_field_applies       (const FazhiLedger  *ledger,
                                       const char * const *values,
                                       const char         *key);

char       *fazhi_problems_join       (GPtrArray          *problems,
                                       const char         *separator);

char      **fazhi_values_new          (const FazhiLedger  *ledger);
void        fazhi_values_free         (const FazhiLedger  *ledger,
                                       char              **values);

G_END_DECLS
