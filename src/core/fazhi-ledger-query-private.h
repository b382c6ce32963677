/* fazhi-ledger-query-private.h — the SQL behind a ledger model: its filters and order as statements */
#pragma once

#include <sqlite3.h>

#include "fazhi-database.h"
#include "fazhi-ledger.h"

G_BEGIN_DECLS

#define FAZHI_LEDGER_PAGE_SIZE 100
/* 800 KB of ids at most; beyond, pages are found with OFFSET like an unfiltered ledger's. */
#define FAZHI_LEDGER_MAX_LISTED_IDS 100000

typedef enum
{
  FAZHI_LEDGER_QUERY_COUNT,   /* the rows that pass the filters */
  FAZHI_LEDGER_QUERY_IDS,     /* their ids, in order */
  FAZHI_LEDGER_QUERY_PAGE,    /* one page of them, found by OFFSET */
  FAZHI_LEDGER_QUERY_ROW,     /* one record by id */
  FAZHI_LEDGER_QUERY_MATCH,   /* a record's sort value, if it passes the filters */
  FAZHI_LEDGER_QUERY_BEFORE,  /* the rows ahead of a record in the order */
  FAZHI_LEDGER_N_QUERIES
} FazhiLedgerQueryKind;

/* The model sets the filters and the order, then calls fazhi_ledger_query_rebuild(). */
typedef struct
{
  FazhiDatabase     *database;        /* not a reference: the model holds one */
  const FazhiLedger *ledger;
  gboolean          *not_null;        /* per field: the schema forbids NULL in its column */
  gboolean          *indexed;         /* per field: an index starts with its column */

  /* NULL (0 for year) is no filter */
  char              *search;
  int                year;
  int                quarter;
  char              *community;
  char             **choice_filters;  /* per field: the choice key required, or NULL */
  int                sort_field;
  gboolean           sort_descending;

  /* Built from the filters by fazhi_ledger_query_rebuild() */
  char              *where;
  GPtrArray         *where_values;
  char              *sql[FAZHI_LEDGER_N_QUERIES];
  sqlite3_stmt      *statements[FAZHI_LEDGER_N_QUERIES];
} FazhiLedgerQuery;

void          fazhi_ledger_query_init               (FazhiLedgerQuery     *query,
                                                     FazhiDatabase        *database,
                                                     const FazhiLedger    *ledger);
void          fazhi_ledger_query_forget_statements  (FazhiLedgerQuery     *query);
void          fazhi_ledger_query_clear              (FazhiLedgerQuery     *query);

void          fazhi_ledger_query_default_sort       (const FazhiLedger    *ledger,
                                                     int                  *field,
                                                     gboolean             *descending);
void          fazhi_ledger_query_rebuild            (FazhiLedgerQuery     *query);
gboolean      fazhi_ledger_query_walks_index        (FazhiLedgerQuery     *query);
gboolean      fazhi_ledger_query_streams            (FazhiLedgerQuery     *query);

sqlite3_stmt *fazhi_ledger_query_prepare            (FazhiLedgerQuery     *query,
                                                     FazhiLedgerQueryKind  kind);
int           fazhi_ledger_query_bind_where         (FazhiLedgerQuery     *query,
                                                     sqlite3_stmt         *statement,
                                                     int                   first);
void          fazhi_ledger_query_finish             (sqlite3_stmt         *statement);

G_END_DECLS
