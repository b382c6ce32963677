/* fazhi-ledger-query.c — the SQL behind a ledger model: its filters and order as statements
 *
 * Everything the model asks SQLite is written here: the WHERE clause of the filters with its
 * values (always bound, never in the text), the order, and what the schema says about the
 * columns, which decides whether an order can be served by walking an index.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <string.h>

#include "fazhi-ledger-query-private.h"
#include "fazhi-store.h"
#include "fazhi-value.h"

/* The table of the places a field names, or NULL. */
static const char *
place_table (const FazhiField *field)
{
  if (field->type == FAZHI_FIELD_COMMUNITY)
    return "communities";
  if (field->type == FAZHI_FIELD_COMPOUND)
    return "compounds";

  return NULL;
}

/* What a field is sorted and compared by: the place's name rather than its id. */
static char *
sort_expression (const FazhiField *field)
{
  if (place_table (field) != NULL)
    return g_strdup_printf ("(SELECT name FROM %s WHERE id = t.%s)", place_table (field),
                            fazhi_field_column (field));

  return g_strdup_printf ("t.%s", fazhi_field_column (field));
}

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/* Leaves nothing pointing at strings that may go away: the filter values are freed by a rebuild. */
void
fazhi_ledger_query_finish (sqlite3_stmt *statement)
{
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
}

/* Marks the fields whose column the schema says is NOT NULL (0) or leads an index (1). */
static void
read_schema (FazhiLedgerQuery *query,
             int               what,
             gboolean         *marks)
{
  static const char *queries[] = {
    "SELECT name FROM pragma_table_info (?) WHERE \"notnull\"",
    "SELECT i.name FROM pragma_index_list (?) AS l, pragma_index_info (l.name) AS i WHERE i.seqno = 0",
  };
  sqlite3_stmt *statement = fazhi_database_prepare (query->database, queries[what], NULL);

  if (statement == NULL)
    return;

  sqlite3_bind_text (statement, 1, query->ledger->key, -1, SQLITE_STATIC);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (statement, 0);

      for (guint i = 0; i < query->ledger->n_fields; i++)
        if (g_strcmp0 (fazhi_field_column (&query->ledger->fields[i]), column) == 0)
          marks[i] = TRUE;
    }
  fazhi_ledger_query_finish (statement);
}

static void
add_condition (GString    *where,
               const char *condition)
{
  if (where->len > 0)
    g_string_append (where, " AND ");
  g_string_append (where, condition);
}

static void
build_search_condition (FazhiLedgerQuery *query,
                        GString          *where)
{
  g_autofree char *pattern = like_pattern (query->search);
  GString *any = g_string_new (NULL);

  /* The text fields are searched in the one column that holds them all (migration 0002);
   * communities and compounds by their names, in their own small tables. */
  g_string_append (any, "(t.search_text LIKE ? ESCAPE '\\'");
  g_ptr_array_add (query->where_values, g_strdup (pattern));
  for (guint i = 0; i < query->ledger->n_fields; i++)
    {
      const FazhiField *field = &query->ledger->fields[i];

      if (!(field->flags & FAZHI_FIELD_SEARCHABLE) || place_table (field) == NULL)
        continue;

      g_string_append_printf (any, " OR t.%s IN (SELECT id FROM %s WHERE name LIKE ? ESCAPE '\\')",
                              fazhi_field_column (field), place_table (field));
      g_ptr_array_add (query->where_values, g_strdup (pattern));
    }

  if (any->len > 0)
    {
      g_string_append_c (any, ')');
      add_condition (where, any->str);
    }
  g_string_free (any, TRUE);
}

static void
build_community_condition (FazhiLedgerQuery *query,
                           GString          *where)
{
  for (guint i = 0; i < query->ledger->n_fields; i++)
    {
      const FazhiField *field = &query->ledger->fields[i];

      /* An election belongs to the community of its compound. */
      if (field->type == FAZHI_FIELD_COMMUNITY)
        add_condition (where, "t.community_id = (SELECT id FROM communities WHERE name = ?)");
      else if (field->type == FAZHI_FIELD_COMPOUND)
        add_condition (where, "t.compound_id IN (SELECT id FROM compounds WHERE community_id = "
                              "(SELECT id FROM communities WHERE name = ?))");
      else
        continue;

      g_ptr_array_add (query->where_values, g_strdup (query->community));
      return;
    }
}

/* Every value is text, so that an export can bind them the same way. */
static void
build_where (FazhiLedgerQuery *query)
{
  GString *where = g_string_new (NULL);
  FazhiPeriod period;

  g_clear_pointer (&query->where_values, g_ptr_array_unref);
  query->where_values = g_ptr_array_new_with_free_func (g_free);

  if (query->year != 0 && query->ledger->date_key != NULL
      && fazhi_period_init (&period, query->year, query->quarter))
    {
      g_autofree char *condition = g_strdup_printf ("t.%s BETWEEN ? AND ?", query->ledger->date_key);

      add_condition (where, condition);
      g_ptr_array_add (query->where_values, g_strdup (period.start));
      g_ptr_array_add (query->where_values, g_strdup (period.end));
    }

  if (query->community != NULL)
    build_community_condition (query, where);

  for (guint i = 0; i < query->ledger->n_fields; i++)
    if (query->choice_filters[i] != NULL)
      {
        g_autofree char *condition = g_strdup_printf ("t.%s = ?", fazhi_field_column (&query->ledger->fields[i]));

        add_condition (where, condition);
        g_ptr_array_add (query->where_values, g_strdup (query->choice_filters[i]));
      }

  if (query->search != NULL)
    build_search_condition (query, where);

  if (where->len == 0)
    g_string_append (where, "1");

  g_free (query->where);
  query->where = g_string_free (where, FALSE);
}

/* The statements are the query's own, prepared when first used: the database's cache would keep
 * one for every combination of filters and order ever asked for. */
sqlite3_stmt *
fazhi_ledger_query_prepare (FazhiLedgerQuery     *query,
                            FazhiLedgerQueryKind  kind)
{
  sqlite3 *handle = fazhi_database_get_handle (query->database);

  if (query->statements[kind] == NULL
      && sqlite3_prepare_v3 (handle, query->sql[kind], -1, SQLITE_PREPARE_PERSISTENT,
                             &query->statements[kind], NULL) != SQLITE_OK)
    g_warning ("%s: %s", fazhi_database_get_path (query->database), sqlite3_errmsg (handle));

  return query->statements[kind];
}

/* The row query reads by id alone, so it outlives every change of filters. */
static void
forget_queries (FazhiLedgerQuery *query,
                gboolean          all)
{
  for (FazhiLedgerQueryKind kind = 0; kind < FAZHI_LEDGER_N_QUERIES; kind++)
    if (all || kind != FAZHI_LEDGER_QUERY_ROW)
      {
        g_clear_pointer (&query->statements[kind], sqlite3_finalize);
        g_clear_pointer (&query->sql[kind], g_free);
      }
}

static gboolean
is_date_order (FazhiLedgerQuery *query)
{
  return query->ledger->date_key != NULL
         && g_str_equal (query->ledger->fields[query->sort_field].key, query->ledger->date_key);
}

void
fazhi_ledger_query_rebuild (FazhiLedgerQuery *query)
{
  const char *direction = query->sort_descending ? "DESC" : "ASC";
  const char *ahead = query->sort_descending ? ">" : "<";
  const char *nulls = query->not_null[query->sort_field] ? "" : " NULLS LAST";
  g_autofree char *key = sort_expression (&query->ledger->fields[query->sort_field]);
  g_autofree char *from = NULL;
  char **sql = query->sql;
  const char *plus;
  int key_parameter;

  build_where (query);
  from = g_strdup_printf ("FROM %s AS t WHERE (%s)", query->ledger->key, query->where);
  forget_queries (query, FALSE);

  sql[FAZHI_LEDGER_QUERY_COUNT] = g_strdup_printf ("SELECT count(*) %s", from);
  /* The unary + keeps SQLite from walking an index in this order when it has to read every
   * matching row anyway: sorting them is cheaper. The date's index is the exception: it holds
   * the search text and the place (migration 0003), so walking it reads no record at all. */
  plus = is_date_order (query) ? "" : "+";
  sql[FAZHI_LEDGER_QUERY_IDS] = g_strdup_printf ("SELECT t.id %s ORDER BY %s%s %s%s, %st.id %s LIMIT %d",
                                                 from, plus, key, direction, nulls, plus, direction,
                                                 FAZHI_LEDGER_MAX_LISTED_IDS + 1);
  /* A bare NOT NULL column lets SQLite walk its index instead of sorting. */
  sql[FAZHI_LEDGER_QUERY_PAGE] = g_strdup_printf ("SELECT %s %s ORDER BY %s %s%s, t.id %s LIMIT %d OFFSET ?",
                                                  fazhi_store_select_columns (query->ledger->id), from,
                                                  key, direction, nulls, direction, FAZHI_LEDGER_PAGE_SIZE);
  sql[FAZHI_LEDGER_QUERY_MATCH] = g_strdup_printf ("SELECT %s %s AND t.id = ?", key, from);

  /* The record's sort value and id follow the filter values. A NULL one comes after every value,
   * and the row-value comparison alone is never true for it. */
  key_parameter = (int) query->where_values->len + 1;
  if (query->not_null[query->sort_field])
    sql[FAZHI_LEDGER_QUERY_BEFORE] = g_strdup_printf ("SELECT count(*) %s AND (%s, t.id) %s (?%d, ?%d)",
                                                      from, key, ahead, key_parameter, key_parameter + 1);
  else
    sql[FAZHI_LEDGER_QUERY_BEFORE] = g_strdup_printf ("SELECT count(*) %s AND ((%s, t.id) %s (?%d, ?%d) "
                                                      "OR (?%d IS NULL AND (%s IS NOT NULL OR t.id %s ?%d)))",
                                                      from, key, ahead, key_parameter, key_parameter + 1,
                                                      key_parameter, key, ahead, key_parameter + 1);
}

/* Only an unfiltered ledger in the order of an index is paged by walking that index; anything
 * else would make SQLite read (and sort) the whole table again for every page. */
gboolean
fazhi_ledger_query_walks_index (FazhiLedgerQuery *query)
{
  int field = query->sort_field;

  return query->where_values->len == 0
         && query->not_null[field] && query->indexed[field]
         && place_table (&query->ledger->fields[field]) == NULL;
}

/* Whether SQLite finds the matching rows in order as it walks the date's index, so that the
 * first ones come without reading the rest (see the unary + in fazhi_ledger_query_rebuild()). */
gboolean
fazhi_ledger_query_streams (FazhiLedgerQuery *query)
{
  return is_date_order (query);
}

/* Binds the filter values from parameter @first on; returns the next free parameter. */
int
fazhi_ledger_query_bind_where (FazhiLedgerQuery *query,
                               sqlite3_stmt     *statement,
                               int               first)
{
  for (guint i = 0; i < query->where_values->len; i++)
    sqlite3_bind_text (statement, first + (int) i, g_ptr_array_index (query->where_values, i),
                       -1, SQLITE_STATIC);

  return first + (int) query->where_values->len;
}

/* Newest first where the ledger has a deciding date, else by name. */
void
fazhi_ledger_query_default_sort (const FazhiLedger *ledger,
                                 int               *field,
                                 gboolean          *descending)
{
  *descending = ledger->date_key != NULL;
  *field = MAX (fazhi_ledger_field_index (ledger, *descending ? ledger->date_key : "name"), 0);
}

/* No filter, the usual order, and the statements built for them. */
void
fazhi_ledger_query_init (FazhiLedgerQuery  *query,
                         FazhiDatabase     *database,
                         const FazhiLedger *ledger)
{
  memset (query, 0, sizeof *query);
  query->database = database;
  query->ledger = ledger;
  query->choice_filters = g_new0 (char *, ledger->n_fields);
  fazhi_ledger_query_default_sort (ledger, &query->sort_field, &query->sort_descending);
  query->not_null = g_new0 (gboolean, ledger->n_fields);
  query->indexed = g_new0 (gboolean, ledger->n_fields);
  read_schema (query, 0, query->not_null);
  read_schema (query, 1, query->indexed);
  query->sql[FAZHI_LEDGER_QUERY_ROW] = g_strdup_printf ("SELECT %s FROM %s AS t WHERE t.id = ?",
                                                        fazhi_store_select_columns (ledger->id), ledger->key);
  fazhi_ledger_query_rebuild (query);
}

/* Apart from fazhi_ledger_query_clear(): the statements must go before the database does. */
void
fazhi_ledger_query_forget_statements (FazhiLedgerQuery *query)
{
  forget_queries (query, TRUE);
}

void
fazhi_ledger_query_clear (FazhiLedgerQuery *query)
{
  forget_queries (query, TRUE);
  g_clear_pointer (&query->not_null, g_free);
  g_clear_pointer (&query->indexed, g_free);
  g_clear_pointer (&query->search, g_free);
  g_clear_pointer (&query->community, g_free);
  for (guint i = 0; query->choice_filters != NULL && i < query->ledger->n_fields; i++)
    g_free (query->choice_filters[i]);
  g_clear_pointer (&query->choice_filters, g_free);
  g_clear_pointer (&query->where, g_free);
  g_clear_pointer (&query->where_values, g_ptr_array_unref);
}
