/* fazhi-store.c — reading and writing records
 *
 * The statements are built once per ledger from its description: column names come from the
 * description, values are always bound.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "fazhi-history.h"
#include "fazhi-store.h"
#include "fazhi-validate.h"
#include "fazhi-value.h"

typedef struct
{
  char *select_columns;  /* t.id, t.uuid, t.created_at, t.updated_at, fields… */
  char *insert;
  char *update;
  char *load;
} LedgerSql;

struct _FazhiWriter
{
  FazhiDatabase     *database;
  const FazhiLedger *ledger;
  char              *number_prefix;
  char              *now;        /* one timestamp for everything a writer writes */
  sqlite3_stmt      *insert;     /* owned by the database's statement cache */
  GHashTable        *communities;  /* name → id, of those met so far */
  GHashTable        *compounds;    /* name → id, of those met so far */
  GHashTable        *sequences;  /* "kind:year" → last case number used */
  const char       **row;        /* the values being written: the caller's, and those filled in */
  char             **filled;     /* the values filled in for the row being written */

  /* The records the ledger holds, by what tells them apart (see FazhiLedger.identity): loaded
   * at the first fazhi_writer_find(), then kept up to date by the writer's own inserts. */
  gboolean           known_loaded;
  GHashTable        *by_uuid;      /* uuid → id */
  GHashTable        *by_unique;    /* the unique field's value → id */
  GHashTable        *by_identity;  /* identity_key() → id */
  int                unique_field;      /* or -1 */
  GArray            *identity_fields;   /* int, the fields of the identity */

  /* What the history says of the writer's changes. */
  char              *source;        /* the file an import comes from: one change a record, no fields */
  FazhiAction        update_action; /* an update, or a field put back (a revert) */
};

/* How a field is read: a place by its name, anything else as it is stored. */
static void
append_field_select (GString          *select,
                     const FazhiField *field)
{
  if (field->type == FAZHI_FIELD_COMMUNITY)
    g_string_append (select, "(SELECT name FROM communities WHERE id = t.community_id)");
  else if (field->type == FAZHI_FIELD_COMPOUND)
    g_string_append (select, "(SELECT name FROM compounds WHERE id = t.compound_id)");
  else
    g_string_append_printf (select, "t.%s", fazhi_field_column (field));
}

static const LedgerSql *
ledger_sql (FazhiLedgerId id)
{
  static LedgerSql cache[FAZHI_N_LEDGERS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (FazhiLedgerId l = 0; l < FAZHI_N_LEDGERS; l++)
        {
          const FazhiLedger *ledger = fazhi_ledger_get (l);
          GString *select = g_string_new ("t.id, t.uuid, t.created_at, t.updated_at");
          GString *columns = g_string_new ("id, uuid, created_at, updated_at");
          GString *marks = g_string_new ("?, ?, ?, ?");
          GString *update = g_string_new (NULL);

          g_string_printf (update, "UPDATE %s SET updated_at = ?", ledger->key);
          for (guint i = 0; i < ledger->n_fields; i++)
            {
              const FazhiField *field = &ledger->fields[i];
              const char *column = fazhi_field_column (field);

              g_string_append (select, ", ");
              append_field_select (select, field);

              g_string_append_printf (columns, ", %s", column);
              g_string_append (marks, ", ?");
              g_string_append_printf (update, ", %s = ?", column);
            }
          /* The search column comes after the fields (see data/sql/0002-search-text.sql). */
          g_string_append (columns, ", search_text");
          g_string_append (marks, ", ?");
          g_string_append (update, ", search_text = ? WHERE id = ?");

          cache[l].select_columns = g_string_free (select, FALSE);
          cache[l].insert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)",
                                             ledger->key, columns->str, marks->str);
          cache[l].update = g_string_free (update, FALSE);
          cache[l].load = g_strdup_printf ("SELECT %s FROM %s AS t WHERE t.id = ?",
                                           cache[l].select_columns, ledger->key);
          g_string_free (columns, TRUE);
          g_string_free (marks, TRUE);
        }
      g_once_init_leave (&initialized, 1);
    }

  return &cache[id];
}

const char *
fazhi_store_select_columns (FazhiLedgerId ledger)
{
  return ledger_sql (ledger)->select_columns;
}

char *
fazhi_store_column_text (sqlite3_stmt     *statement,
                         int               column,
                         const FazhiField *field)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return NULL;

  if (field->type == FAZHI_FIELD_DECIMAL)
    return fazhi_format_decimal (sqlite3_column_int64 (statement, column));

  return g_strdup ((const char *) sqlite3_column_text (statement, column));
}

void
fazhi_store_read_row (sqlite3_stmt *statement,
                      FazhiRecord  *record)
{
  const FazhiLedger *ledger = fazhi_record_get_ledger (record);

  g_object_freeze_notify (G_OBJECT (record));
  fazhi_record_set_id (record, sqlite3_column_int64 (statement, 0));
  fazhi_record_set_uuid (record, (const char *) sqlite3_column_text (statement, 1));
  fazhi_record_set_timestamps (record, (const char *) sqlite3_column_text (statement, 2),
                               (const char *) sqlite3_column_text (statement, 3));
  for (guint i = 0; i < ledger->n_fields; i++)
    {
      g_autofree char *text = fazhi_store_column_text (statement, 4 + (int) i, &ledger->fields[i]);

      fazhi_record_set (record, ledger->fields[i].key, text);
    }
  g_object_thaw_notify (G_OBJECT (record));
}

char *
fazhi_case_number (const char *prefix,
                   const char *kind,
                   int         year,
                   int         sequence)
{
  static const char *marks[][2] = {
    { "mediation", "调" }, { "litigation", "诉" }, { "reconsideration", "复" },
    { "consultation", "咨" }, { "review", "审" }, { "proposal", "提" }, { "inspection", "检" },
  };
  const char *mark = "案";

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_strcmp0 (marks[i][0], kind) == 0)
      mark = marks[i][1];

  if (sequence < 0)
    return g_strdup_printf ("（%d）%s%s字第", year, prefix != NULL ? prefix : "", mark);

  return g_strdup_printf ("（%d）%s%s字第%03d号", year, prefix != NULL ? prefix : "", mark, sequence);
}

FazhiWriter *
fazhi_writer_new (FazhiDatabase *database,
                  FazhiLedgerId  ledger,
                  GError       **error)
{
  FazhiWriter *writer = g_new0 (FazhiWriter, 1);

  writer->database = g_object_ref (database);
  writer->ledger = fazhi_ledger_get (ledger);
  writer->number_prefix = fazhi_database_get_setting (database, "number_prefix");
  writer->now = fazhi_timestamp_now ();
  writer->communities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->compounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->sequences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->row = g_new0 (const char *, writer->ledger->n_fields + 1);
  writer->filled = g_new0 (char *, writer->ledger->n_fields + 1);
  writer->by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->by_unique = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->by_identity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->unique_field = writer->ledger->unique_key != NULL
                         ? fazhi_ledger_field_index (writer->ledger, writer->ledger->unique_key) : -1;
  writer->identity_fields = g_array_new (FALSE, FALSE, sizeof (int));
  writer->update_action = FAZHI_ACTION_UPDATE;
  if (writer->ledger->identity != NULL)
    {
      g_auto(GStrv) keys = g_strsplit (writer->ledger->identity, " ", -1);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          int field = fazhi_ledger_field_index (writer->ledger, keys[i]);

          g_assert (field >= 0);
          g_array_append_val (writer->identity_fields, field);
        }
    }

  /* Prepared once here: looking it up by its text for every row of an import costs. */
  writer->insert = fazhi_database_prepare (database, ledger_sql (ledger)->insert, error);
  if (writer->insert == NULL)
    {
      fazhi_writer_free (writer);
      return NULL;
    }

  return writer;
}

void
fazhi_writer_set_source (FazhiWriter *writer,
                         const char  *source)
{
  g_free (writer->source);
  writer->source = g_strdup (source);
}

void
fazhi_writer_free (FazhiWriter *writer)
{
  if (writer == NULL)
    return;

  g_object_unref (writer->database);
  g_free (writer->number_prefix);
  g_free (writer->now);
  g_hash_table_unref (writer->communities);
  g_hash_table_unref (writer->compounds);
  g_hash_table_unref (writer->sequences);
  g_free (writer->row);
  /* Sparse (only the fields filled in for the last row): g_strfreev() would stop at the first gap. */
  for (guint i = 0; i < writer->ledger->n_fields; i++)
    g_free (writer->filled[i]);
  g_free (writer->filled);
  g_hash_table_unref (writer->by_uuid);
  g_hash_table_unref (writer->by_unique);
  g_hash_table_unref (writer->by_identity);
  g_array_unref (writer->identity_fields);
  g_free (writer->source);
  g_free (writer);
}

static gboolean
insert_place (FazhiWriter *writer,
              const char  *sql,
              const char  *name,
              gint64      *id,
              GError     **error)
{
  sqlite3_stmt *statement = fazhi_database_prepare (writer->database, sql, error);
  g_autofree char *uuid = fazhi_uuid_new ();

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, writer->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, writer->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, name, -1, SQLITE_STATIC);
  if (!fazhi_database_step_done (writer->database, statement, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (fazhi_database_get_handle (writer->database));
  return TRUE;
}

/* The id of a community or compound by name, created when it does not exist yet. */
static gboolean
resolve_place (FazhiWriter    *writer,
               FazhiFieldType  type,
               const char     *name,
               gint64         *id,
               GError        **error)
{
  gboolean community = type == FAZHI_FIELD_COMMUNITY;
  GHashTable *known = community ? writer->communities : writer->compounds;
  sqlite3_stmt *statement;
  gpointer cached;

  if (g_hash_table_lookup_extended (known, name, NULL, &cached))
    {
      *id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  statement = fazhi_database_prepare (writer->database,
                                      community ? "SELECT id FROM communities WHERE name = ?"
                                                : "SELECT id FROM compounds WHERE name = ?",
                                      error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (statement) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (statement, 0);
      sqlite3_reset (statement);
    }
  else
    {
      sqlite3_reset (statement);
      if (!insert_place (writer,
                         community
                         ? "INSERT INTO communities (uuid, created_at, updated_at, name) VALUES (?, ?, ?, ?)"
                         : "INSERT INTO compounds (uuid, created_at, updated_at, name) VALUES (?, ?, ?, ?)",
                         name, id, error))
        return FALSE;
      fazhi_database_emit_changed (writer->database,
                                   community ? FAZHI_LEDGER_COMMUNITIES : FAZHI_LEDGER_COMPOUNDS,
                                   FAZHI_CHANGE_ADDED, *id);
    }

  g_hash_table_insert (known, g_strdup (name), GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

/* The next free number of a kind in a year: one more than the highest one used. */
static gboolean
next_case_number (FazhiWriter *writer,
                  const char  *kind,
                  const char  *received_on,
                  char       **number,
                  GError     **error)
{
  int year = (int) g_ascii_strtoll (received_on, NULL, 10);
  g_autofree char *key = g_strdup_printf ("%s:%d", kind, year);
  gpointer last = NULL;
  int sequence;

  if (!g_hash_table_lookup_extended (writer->sequences, key, NULL, &last))
    {
      g_autofree char *start = fazhi_case_number (writer->number_prefix, kind, year, -1);
      g_autofree char *stop = g_strdup (start);
      size_t start_len = strlen (start);
      sqlite3_stmt *statement;
      int highest = 0;

      /* Every number of the kind and year starts with `start`: the range is read from the index. */
      stop[start_len - 1]++;
      statement = fazhi_database_prepare (writer->database,
                                          "SELECT number FROM cases WHERE number >= ? AND number < ?",
                                          error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_text (statement, 1, start, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 2, stop, -1, SQLITE_STATIC);
      while (sqlite3_step (statement) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (statement, 0);
          int n = (int) g_ascii_strtoll (text + start_len, NULL, 10);

          highest = MAX (highest, n);
        }
      sqlite3_reset (statement);
      last = GINT_TO_POINTER (highest);
    }

  sequence = GPOINTER_TO_INT (last) + 1;
  g_hash_table_insert (writer->sequences, g_steal_pointer (&key), GINT_TO_POINTER (sequence));
  *number = fazhi_case_number (writer->number_prefix, kind, year, sequence);

  return TRUE;
}

/* A compound's households and area, as an election's totals default to them (stored text: the
 * area a decimal); NULL where the compound has none or does not exist. */
gboolean
fazhi_store_compound_totals (FazhiDatabase  *database,
                             const char     *compound,
                             char          **households,
                             char          **area,
                             GError        **error)
{
  sqlite3_stmt *statement;

  *households = *area = NULL;
  statement = fazhi_database_prepare (database, "SELECT households, area FROM compounds WHERE name = ?", error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, compound, -1, SQLITE_STATIC);
  if (sqlite3_step (statement) == SQLITE_ROW)
    {
      const FazhiLedger *compounds = fazhi_ledger_get (FAZHI_LEDGER_COMPOUNDS);

      *households = fazhi_store_column_text (statement, 0, fazhi_ledger_field (compounds, "households"));
      *area = fazhi_store_column_text (statement, 1, fazhi_ledger_field (compounds, "area"));
    }
  sqlite3_reset (statement);

  return TRUE;
}

/* Puts a value the writer worked out into the row. */
static void
fill (FazhiWriter *writer,
      int          field,
      char        *value)
{
  g_free (writer->filled[field]);
  writer->filled[field] = value;
  writer->row[field] = value;
}

/* An election's totals default to the compound's households and area; the figures filled in
 * are checked like typed ones, so that a vote larger than the compound is told in words. */
static gboolean
fill_election_totals (FazhiWriter *writer,
                      GError     **error)
{
  int owners = fazhi_ledger_field_index (writer->ledger, "owners_total");
  int area = fazhi_ledger_field_index (writer->ledger, "area_total");
  int compound = fazhi_ledger_field_index (writer->ledger, "compound");
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *households_text = NULL;
  g_autofree char *area_text = NULL;
  gboolean filled = FALSE;

  if (writer->row[owners] != NULL && writer->row[area] != NULL)
    return TRUE;

  if (!fazhi_store_compound_totals (writer->database, writer->row[compound], &households_text, &area_text, error))
    return FALSE;

  if (writer->row[owners] == NULL && households_text != NULL)
    {
      fill (writer, owners, g_steal_pointer (&households_text));
      filled = TRUE;
    }
  if (writer->row[area] == NULL && area_text != NULL)
    {
      fill (writer, area, g_steal_pointer (&area_text));
      filled = TRUE;
    }

  if (filled)
    {
      problems = fazhi_validate (writer->ledger, writer->row, NULL, NULL);
      if (problems->len > 0)
        {
          g_autofree char *text = fazhi_problems_join (problems, "\n");

          g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID, text);
          return FALSE;
        }
    }

  return TRUE;
}

/* The searchable text fields in one string, as migration 0002 writes it: the list model
 * searches this one column instead of every field. */
static char *
search_text (const FazhiLedger  *ledger,
             const char * const *values)
{
  GString *text = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint i = 0; i < ledger->n_fields; i++)
    {
      const FazhiField *field = &ledger->fields[i];

      if (field->type != FAZHI_FIELD_TEXT || !(field->flags & FAZHI_FIELD_SEARCHABLE))
        continue;
      if (!first)
        g_string_append_c (text, '\x1f');
      if (values[i] != NULL)
        g_string_append (text, values[i]);
      first = FALSE;
    }

  return g_string_free (text, FALSE);
}

/* Binds the row's fields from parameter @first on, in the order of the description, then the
 * search text. */
static gboolean
bind_row (FazhiWriter  *writer,
          sqlite3_stmt *statement,
          int           first,
          GError      **error)
{
  const FazhiLedger *ledger = writer->ledger;
  const char * const *values = writer->row;

  for (guint i = 0; i < ledger->n_fields; i++)
    {
      const FazhiField *field = &ledger->fields[i];
      int parameter = first + (int) i;
      gint64 number = 0;

      if (values[i] == NULL)
        {
          sqlite3_bind_null (statement, parameter);
          continue;
        }

      switch (field->type)
        {
        case FAZHI_FIELD_INTEGER:
          fazhi_parse_integer (values[i], &number);
          sqlite3_bind_int64 (statement, parameter, number);
          break;
        case FAZHI_FIELD_DECIMAL:
          fazhi_parse_decimal (values[i], &number);
          sqlite3_bind_int64 (statement, parameter, number);
          break;
        case FAZHI_FIELD_COMMUNITY:
        case FAZHI_FIELD_COMPOUND:
          if (!resolve_place (writer, field->type, values[i], &number, error))
            return FALSE;
          sqlite3_bind_int64 (statement, parameter, number);
          break;
        case FAZHI_FIELD_TEXT:
        case FAZHI_FIELD_DATE:
        case FAZHI_FIELD_CHOICE:
        default:
          sqlite3_bind_text (statement, parameter, values[i], -1, SQLITE_STATIC);
        }
    }

  sqlite3_bind_text (statement, first + (int) ledger->n_fields, search_text (ledger, values), -1, g_free);
  return TRUE;
}

/* Makes the writer's row the values to store: @values, and what is worked out where they are
 * missing (a case's number, an election's totals). @values are left as they are. */
static gboolean
complete_row (FazhiWriter         *writer,
              const char * const  *values,
              GError             **error)
{
  const FazhiLedger *ledger = writer->ledger;

  for (guint i = 0; i < ledger->n_fields; i++)
    {
      g_clear_pointer (&writer->filled[i], g_free);
      writer->row[i] = values[i];
    }

  if (ledger->id == FAZHI_LEDGER_ELECTIONS)
    return fill_election_totals (writer, error);

  if (ledger->id == FAZHI_LEDGER_CASES)
    {
      int number = fazhi_ledger_field_index (ledger, "number");
      char *generated = NULL;

      if (values[number] != NULL)
        return TRUE;
      if (!next_case_number (writer, values[fazhi_ledger_field_index (ledger, "kind")],
                             values[fazhi_ledger_field_index (ledger, "received_on")], &generated, error))
        return FALSE;
      fill (writer, number, generated);
    }

  return TRUE;
}

static gboolean
explain_constraint (FazhiWriter *writer,
                    GError     **error)
{
  /* The rules were checked before; what is left is a duplicate. */
  if (error != NULL && *error != NULL && (*error)->code == FAZHI_DATABASE_ERROR_INVALID)
    {
      const char *detail = sqlite3_errmsg (fazhi_database_get_handle (writer->database));

      g_clear_error (error);
      if (strstr (detail, "UNIQUE") != NULL && strstr (detail, ".number") != NULL)
        g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                             _("This number is already used by another case"));
      else if (strstr (detail, "UNIQUE") != NULL && strstr (detail, ".name") != NULL)
        g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                             _("This name is already used"));
      else if (strstr (detail, "UNIQUE") != NULL && strstr (detail, ".uuid") != NULL)
        g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                             _("This record is already in the ledger"));
      else
        g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                     _("The record breaks a rule of the ledger: %s"), detail);
    }

  return FALSE;
}

/* What tells the record of @values apart when it has no unique value: its identity fields
 * joined, or NULL when too few of them are given to tell (see FazhiLedger.identity). */
static char *
identity_key (FazhiWriter         *writer,
              const char * const  *values)
{
  const FazhiLedger *ledger = writer->ledger;
  GString *key = g_string_new (NULL);
  gboolean optional = FALSE;
  gboolean optional_given = FALSE;

  for (guint i = 0; i < writer->identity_fields->len; i++)
    {
      int field = g_array_index (writer->identity_fields, int, i);
      const char *value = values[field];
      gboolean given = value != NULL && value[0] != '\0';

      if (ledger->fields[field].flags & FAZHI_FIELD_REQUIRED)
        {
          if (!given)
            return (g_string_free (key, TRUE), NULL);
        }
      else
        {
          optional = TRUE;
          optional_given |= given;
        }
      if (i > 0)
        g_string_append_c (key, '\x1f');
      if (given)
        g_string_append (key, value);
    }

  if (writer->identity_fields->len == 0 || (optional && !optional_given))
    return (g_string_free (key, TRUE), NULL);

  return g_string_free (key, FALSE);
}

/* Enters a record of the ledger into what the writer knows; the first one of a key is kept. */
static void
remember (FazhiWriter         *writer,
          gint64               id,
          const char          *uuid,
          const char * const  *values)
{
  gpointer value = GSIZE_TO_POINTER ((gsize) id);
  char *identity;

  if (uuid != NULL && !g_hash_table_contains (writer->by_uuid, uuid))
    g_hash_table_insert (writer->by_uuid, g_strdup (uuid), value);
  if (writer->unique_field >= 0 && values[writer->unique_field] != NULL
      && !g_hash_table_contains (writer->by_unique, values[writer->unique_field]))
    g_hash_table_insert (writer->by_unique, g_strdup (values[writer->unique_field]), value);
  identity = identity_key (writer, values);
  if (identity != NULL && !g_hash_table_contains (writer->by_identity, identity))
    g_hash_table_insert (writer->by_identity, identity, value);
  else
    g_free (identity);
}

/* Reads what tells each record of the ledger apart, once: for 100 000 cases, a tenth of a
 * second and a few megabytes. */
static gboolean
load_known (FazhiWriter *writer,
            GError     **error)
{
  const FazhiLedger *ledger = writer->ledger;
  g_autoptr(GString) sql = g_string_new ("SELECT t.id, t.uuid");
  g_autofree const char **values = g_new0 (const char *, ledger->n_fields + 1);
  sqlite3_stmt *statement;
  int step;

  if (writer->unique_field >= 0)
    {
      g_string_append (sql, ", ");
      append_field_select (sql, &ledger->fields[writer->unique_field]);
    }
  for (guint i = 0; i < writer->identity_fields->len; i++)
    {
      g_string_append (sql, ", ");
      append_field_select (sql, &ledger->fields[g_array_index (writer->identity_fields, int, i)]);
    }
  g_string_append_printf (sql, " FROM %s AS t", ledger->key);

  statement = fazhi_database_prepare (writer->database, sql->str, error);
  if (statement == NULL)
    return FALSE;

  while ((step = sqlite3_step (statement)) == SQLITE_ROW)
    {
      int column = 2;

      if (writer->unique_field >= 0)
        values[writer->unique_field] = (const char *) sqlite3_column_text (statement, column++);
      for (guint i = 0; i < writer->identity_fields->len; i++)
        values[g_array_index (writer->identity_fields, int, i)] =
          (const char *) sqlite3_column_text (statement, column++);
      remember (writer, sqlite3_column_int64 (statement, 0),
                (const char *) sqlite3_column_text (statement, 1), values);
    }
  sqlite3_reset (statement);
  if (step != SQLITE_DONE)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_SQL, "%s",
                   sqlite3_errmsg (fazhi_database_get_handle (writer->database)));
      return FALSE;
    }

  writer->known_loaded = TRUE;
  return TRUE;
}

gboolean
fazhi_writer_find (FazhiWriter         *writer,
                   const char * const  *values,
                   const char          *uuid,
                   gint64              *id,
                   GError             **error)
{
  g_autofree char *identity = NULL;
  gpointer found = NULL;

  *id = 0;
  if (!writer->known_loaded && !load_known (writer, error))
    return FALSE;

  if (uuid != NULL && g_hash_table_lookup_extended (writer->by_uuid, uuid, NULL, &found))
    ;
  else if (writer->unique_field >= 0 && values[writer->unique_field] != NULL)
    g_hash_table_lookup_extended (writer->by_unique, values[writer->unique_field], NULL, &found);
  else if ((identity = identity_key (writer, values)) != NULL)
    g_hash_table_lookup_extended (writer->by_identity, identity, NULL, &found);

  *id = (gint64) GPOINTER_TO_SIZE (found);
  return TRUE;
}

/* An insert's change: a record of an import names its file; one typed has its fields. */
static gboolean
log_insert (FazhiWriter  *writer,
            gint64        id,
            const char   *uuid,
            GError      **error)
{
  const FazhiLedger *ledger = writer->ledger;
  gint64 change = fazhi_history_begin_change (writer->database, ledger->id, id, uuid,
                                              writer->source != NULL ? FAZHI_ACTION_IMPORT : FAZHI_ACTION_INSERT,
                                              writer->source, writer->now, error);

  if (change == 0)
    return FALSE;
  if (writer->source != NULL)
    return TRUE;

  for (guint i = 0; i < ledger->n_fields; i++)
    if (writer->row[i] != NULL
        && !fazhi_history_add_field (writer->database, change, ledger->fields[i].key, NULL, writer->row[i], error))
      return FALSE;

  return TRUE;
}

/* The fields of record @id as stored, in text (see fazhi_store_column_text()), and its uuid. */
static char **
read_current (FazhiWriter  *writer,
              gint64        id,
              char        **uuid,
              GError      **error)
{
  const FazhiLedger *ledger = writer->ledger;
  sqlite3_stmt *statement = fazhi_database_prepare (writer->database, ledger_sql (ledger->id)->load, error);
  char **current;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, id);
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      sqlite3_reset (statement);
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND,
                   _("The record was deleted in the meantime"));
      return NULL;
    }
  current = fazhi_values_new (ledger);
  for (guint i = 0; i < ledger->n_fields; i++)
    current[i] = fazhi_store_column_text (statement, 4 + (int) i, &ledger->fields[i]);
  if (uuid != NULL)
    *uuid = g_strdup ((const char *) sqlite3_column_text (statement, 1));
  sqlite3_reset (statement);
  return current;
}

/* An update's change: each field whose value is not what it was. */
static gboolean
log_update (FazhiWriter  *writer,
            gint64        id,
            const char   *uuid,
            char        **before,
            GError      **error)
{
  const FazhiLedger *ledger = writer->ledger;
  gint64 change = 0;

  for (guint i = 0; i < ledger->n_fields; i++)
    {
      if (g_strcmp0 (before[i], writer->row[i]) == 0)
        continue;
      if (change == 0)
        change = fazhi_history_begin_change (writer->database, ledger->id, id, uuid, writer->update_action,
                                             writer->source, writer->now, error);
      if (change == 0
          || !fazhi_history_add_field (writer->database, change, ledger->fields[i].key, before[i],
                                       writer->row[i], error))
        return FALSE;
    }

  return TRUE;
}

/* @id: in, the id to use or 0 for a new one; out, the id used. */
gboolean
fazhi_writer_insert (FazhiWriter         *writer,
                     const char * const  *values,
                     const char          *uuid,
                     gint64              *id,
                     GError             **error)
{
  sqlite3_stmt *statement;
  g_autofree char *new_uuid = NULL;
  gint64 new_id;

  if (!complete_row (writer, values, error))
    return FALSE;

  statement = writer->insert;
  sqlite3_reset (statement);

  if (!bind_row (writer, statement, 5, error))
    {
      sqlite3_reset (statement);
      return FALSE;
    }

  if (uuid == NULL)
    uuid = new_uuid = fazhi_uuid_new ();
  if (id != NULL && *id > 0)
    sqlite3_bind_int64 (statement, 1, *id);
  else
    sqlite3_bind_null (statement, 1);
  sqlite3_bind_text (statement, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, writer->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, writer->now, -1, SQLITE_STATIC);

  if (!fazhi_database_step_done (writer->database, statement, error))
    return explain_constraint (writer, error);

  new_id = sqlite3_last_insert_rowid (fazhi_database_get_handle (writer->database));
  if (writer->known_loaded)
    remember (writer, new_id, uuid, writer->row);
  if (id != NULL)
    *id = new_id;

  return log_insert (writer, new_id, uuid, error);
}

static gboolean
writer_update (FazhiWriter         *writer,
               gint64               id,
               const char * const  *values,
               GError             **error)
{
  g_autofree char *uuid = NULL;
  sqlite3_stmt *statement;
  char **before;
  gboolean logged;

  if (!complete_row (writer, values, error))
    return FALSE;

  before = read_current (writer, id, &uuid, error);
  if (before == NULL)
    return FALSE;
  logged = log_update (writer, id, uuid, before, error);
  fazhi_values_free (writer->ledger, before);
  if (!logged)
    return FALSE;

  statement = fazhi_database_prepare (writer->database, ledger_sql (writer->ledger->id)->update, error);
  if (statement == NULL)
    return FALSE;

  if (!bind_row (writer, statement, 2, error))
    {
      sqlite3_reset (statement);
      return FALSE;
    }
  sqlite3_bind_text (statement, 1, writer->now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 3 + (int) writer->ledger->n_fields, id);

  if (!fazhi_database_step_done (writer->database, statement, error))
    return explain_constraint (writer, error);

  if (sqlite3_changes (fazhi_database_get_handle (writer->database)) == 0)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND,
                   _("The record was deleted in the meantime"));
      return FALSE;
    }

  return TRUE;
}

gboolean
fazhi_writer_merge (FazhiWriter         *writer,
                    gint64               id,
                    const char * const  *changes,
                    guint               *n_changed,
                    GError             **error)
{
  const FazhiLedger *ledger = writer->ledger;
  g_autoptr(GPtrArray) problems = NULL;
  char **current;
  gboolean done;

  *n_changed = 0;
  current = read_current (writer, id, NULL, error);
  if (current == NULL)
    return FALSE;

  for (guint i = 0; i < ledger->n_fields; i++)
    if (changes[i] != NULL && g_strcmp0 (changes[i], current[i]) != 0)
      {
        g_free (current[i]);
        current[i] = g_strdup (changes[i]);
        (*n_changed)++;
      }

  /* The fields together must still make a valid record (a later 办结日期 with the old 受理日期). */
  problems = *n_changed > 0 ? fazhi_validate (ledger, (const char * const *) current, NULL, NULL) : NULL;
  if (problems != NULL && problems->len > 0)
    {
      g_autofree char *text = fazhi_problems_join (problems, "\n");

      g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID, text);
      done = FALSE;
    }
  else
    done = *n_changed == 0 || writer_update (writer, id, (const char * const *) current, error);

  fazhi_values_free (ledger, current);
  return done;
}

static gboolean
reload (FazhiDatabase *database,
        FazhiRecord   *record,
        GError       **error)
{
  const FazhiLedger *ledger = fazhi_record_get_ledger (record);
  sqlite3_stmt *statement = fazhi_database_prepare (database, ledger_sql (ledger->id)->load, error);

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_int64 (statement, 1, fazhi_record_get_id (record));
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      sqlite3_reset (statement);
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND,
                   _("No %s record with id %" PRId64), ledger->key, fazhi_record_get_id (record));
      return FALSE;
    }

  fazhi_store_read_row (statement, record);
  sqlite3_reset (statement);
  return TRUE;
}

static gboolean
write_record (FazhiDatabase *database,
              FazhiRecord   *record,
              FazhiAction    action,
              GError       **error)
{
  const FazhiLedger *ledger = fazhi_record_get_ledger (record);
  g_autoptr(FazhiWriter) writer = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  char **values = NULL;
  gint64 id = fazhi_record_get_id (record);
  gboolean adding = id == 0;
  gboolean written;

  problems = fazhi_validate (ledger, fazhi_record_get_values (record), NULL, &values);
  if (problems->len > 0)
    {
      g_autofree char *text = fazhi_problems_join (problems, "\n");

      g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID, text);
      fazhi_values_free (ledger, values);
      return FALSE;
    }

  if (!fazhi_database_begin (database, error))
    {
      fazhi_values_free (ledger, values);
      return FALSE;
    }

  writer = fazhi_writer_new (database, ledger->id, error);
  if (writer == NULL)
    written = FALSE;
  else if (adding)
    written = fazhi_writer_insert (writer, (const char * const *) values, NULL, &id, error);
  else
    {
      writer->update_action = action;
      written = writer_update (writer, id, (const char * const *) values, error);
    }
  fazhi_values_free (ledger, values);

  if (written)
    {
      fazhi_record_set_id (record, id);
      written = reload (database, record, error);
    }

  if (!written)
    {
      fazhi_database_rollback (database);
      if (adding)
        fazhi_record_set_id (record, 0);
      return FALSE;
    }

  fazhi_database_emit_changed (database, ledger->id, adding ? FAZHI_CHANGE_ADDED : FAZHI_CHANGE_EDITED, id);
  return fazhi_database_commit (database, error);
}

/* Validates the record and adds it (id 0) or saves the changes to it, in one transaction, with
 * its change in the history; on success the record holds what was stored: its id, number and
 * timestamps. */
gboolean
fazhi_store_save (FazhiDatabase *database,
                  FazhiRecord   *record,
                  GError       **error)
{
  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (FAZHI_IS_RECORD (record), FALSE);

  return write_record (database, record, FAZHI_ACTION_UPDATE, error);
}

/* Puts field @key of the record back to @value, an earlier one from its history: a change of
 * its own ("revert"), checked as any save. */
gboolean
fazhi_store_revert_field (FazhiDatabase *database,
                          FazhiRecord   *record,
                          const char    *key,
                          const char    *value,
                          GError       **error)
{
  g_autoptr(FazhiRecord) reverted = NULL;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (FAZHI_IS_RECORD (record), FALSE);
  g_return_val_if_fail (fazhi_record_get_id (record) > 0, FALSE);

  reverted = fazhi_store_load (database, fazhi_record_get_ledger (record)->id, fazhi_record_get_id (record), error);
  if (reverted == NULL)
    return FALSE;
  fazhi_record_set (reverted, key, value);
  if (!write_record (database, reverted, FAZHI_ACTION_REVERT, error))
    return FALSE;

  return reload (database, record, error);
}

/* Puts a deleted record back from the trash, with its id, uuid and creation time: the undo of a
 * delete. */
gboolean
fazhi_store_restore (FazhiDatabase *database,
                     FazhiRecord   *record,
                     GError       **error)
{
  gint64 id = 0;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (FAZHI_IS_RECORD (record), FALSE);
  g_return_val_if_fail (fazhi_record_get_uuid (record) != NULL, FALSE);

  if (!fazhi_trash_restore (database, fazhi_record_get_uuid (record), &id, error))
    return FALSE;

  fazhi_record_set_id (record, id);
  return reload (database, record, error);
}

FazhiRecord *
fazhi_store_load (FazhiDatabase *database,
                  FazhiLedgerId  ledger,
                  gint64         id,
                  GError       **error)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (ledger);

  fazhi_record_set_id (record, id);
  if (!reload (database, record, error))
    return NULL;

  return g_steal_pointer (&record);
}

/* Moves the record to the trash, out of the ledger, with its change in the history. */
gboolean
fazhi_store_delete (FazhiDatabase *database,
                    FazhiRecord   *record,
                    GError       **error)
{
  const FazhiLedger *ledger = fazhi_record_get_ledger (record);
  gint64 id = fazhi_record_get_id (record);

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);

  if (!fazhi_database_begin (database, error))
    return FALSE;

  if (!fazhi_trash_put (database, ledger->id, id, error))
    {
      if (error != NULL && *error != NULL && (*error)->code == FAZHI_DATABASE_ERROR_INVALID)
        {
          g_clear_error (error);
          g_set_error_literal (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                               _("Other records still refer to this one; change or delete them first"));
        }
      fazhi_database_rollback (database);
      return FALSE;
    }

  fazhi_database_emit_changed (database, ledger->id, FAZHI_CHANGE_REMOVED, id);
  return fazhi_database_commit (database, error);
}
