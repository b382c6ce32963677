/* fazhi-civil-code.h — the checks the law makes of an owners' committee election
 *
 * Civil Code art. 278 and the guidance on owners' assemblies (arts. 31–33): participation of
 * at least two thirds of the owners and of the area, approval by more than half of those who
 * voted (by headcount and by area), an odd number of 5 to 11 members, a term of at most five
 * years, and filing with the street office within 30 days. Arithmetic is exact: 3 × voted ≥ 2 × total.
 */
#pragma once

#include "fazhi-database.h"
#include "fazhi-record.h"

G_BEGIN_DECLS

typedef enum
{
  FAZHI_CHECK_QUORUM_OWNERS,
  FAZHI_CHECK_QUORUM_AREA,
  FAZHI_CHECK_APPROVAL_OWNERS,
  FAZHI_CHECK_APPROVAL_AREA,
  FAZHI_CHECK_SEATS,
  FAZHI_CHECK_TERM,
  FAZHI_CHECK_FILING,
  FAZHI_N_CHECKS
} FazhiCheckId;

typedef enum
{
  FAZHI_VERDICT_UNKNOWN,  /* the figures it needs are not entered yet */
  FAZHI_VERDICT_PASS,
  FAZHI_VERDICT_FAIL,
} FazhiVerdict;

typedef struct
{
  FazhiCheckId  id;
  FazhiVerdict  verdict;
  char         *title;    /* translated, e.g. "Participation by headcount ≥ ⅔" */
  char         *detail;   /* translated, with the numbers, e.g. "200 of 300 owners voted (66.7%)" */
} FazhiCheck;

void        fazhi_check_free                (FazhiCheck *check);

/* Every check of FazhiCheckId, in that order, for an election record (values as stored:
 * integers, decimals in their text form, ISO dates). @today decides whether filing is overdue. */
GPtrArray  *fazhi_election_checks           (FazhiRecord *election,
                                             const char  *today);

/* TRUE when the quorum and the approval checks all pass (the four headcount/area checks). */
gboolean    fazhi_election_vote_is_valid    (FazhiRecord *election);

/* The pure tests, on integers (areas in hundredths): */
gboolean    fazhi_quorum_reached            (gint64 voted, gint64 total);    /* 3·voted ≥ 2·total */
gboolean    fazhi_approval_reached          (gint64 approved, gint64 voted); /* 2·approved > voted */
gboolean    fazhi_seats_valid               (gint64 seats);                  /* odd, 5..11 */
gboolean    fazhi_term_valid                (gint64 years);                  /* 1..5 */
/* Filing is on time when filed within 30 days of completion; when not filed, it is overdue
 * once @today is more than 30 days after @completed_on. */
gboolean    fazhi_filing_overdue            (const char *completed_on,
                                             const char *filed_on,
                                             const char *today);

/* Compounds whose committee's term ends within @warning_days of @today, with no election
 * started for the coming term yet (FazhiCompound records, soonest first). */
GPtrArray  *fazhi_compounds_due_for_election (FazhiDatabase *database,
                                              const char    *today,
                                              int            warning_days,
                                              GError       **error);

G_END_DECLS
