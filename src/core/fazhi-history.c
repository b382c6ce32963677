/* fazhi-history.c — the history of every change, and the trash
 *
 * The trash keeps a record's row as JSON, every column as stored, built and read back by SQLite
 * itself (json_object, json_extract) from SQL made once per ledger from its description: a
 * record comes back exactly, whatever its fields are.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-history.h"
#include "fazhi-store.h"
#include "fazhi-validate.h"
#include "fazhi-value.h"

typedef struct
{
  char *to_json;    /* SELECT json_object(…) FROM ledger AS t WHERE t.id = ? */
  char *from_json;  /* INSERT INTO ledger (…) SELECT json_extract(row, …) … FROM trash WHERE id = ? */
  char *load;       /* SELECT the fields as text, as the store reads them */
  char *remove;     /* DELETE FROM ledger WHERE id = ? */
} TrashSql;

static const char *const actions[] = {
  [FAZHI_ACTION_INSERT] = "insert",
  [FAZHI_ACTION_UPDATE] = "update",
  [FAZHI_ACTION_DELETE] = "delete",
  [FAZHI_ACTION_RESTORE] = "restore",
  [FAZHI_ACTION_IMPORT] = "import",
  [FAZHI_ACTION_REVERT] = "revert",
};

const char *
fazhi_action_key (FazhiAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (actions), NULL);

  return actions[action];
}

static const TrashSql *
trash_sql (FazhiLedgerId id)
{
  static TrashSql cache[FAZHI_N_LEDGERS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (FazhiLedgerId l = 0; l < FAZHI_N_LEDGERS; l++)
        {
          const FazhiLedger *ledger = fazhi_ledger_get (l);
          GString *object = g_string_new ("SELECT json_object ('id', t.id, 'uuid', t.uuid, "
                                          "'created_at', t.created_at, 'updated_at', t.updated_at, "
                                          "'search_text', t.search_text");
          GString *columns = g_string_new ("id, uuid, created_at, updated_at, search_text");
          GString *values = g_string_new ("json_extract (row, '$.id'), json_extract (row, '$.uuid'), "
                                          "json_extract (row, '$.created_at'), "
                                          "json_extract (row, '$.updated_at'), "
                                          "json_extract (row, '$.search_text')");

          for (guint i = 0; i < ledger->n_fields; i++)
            {
              const char *column = fazhi_field_column (&ledger->fields[i]);

              g_string_append_printf (object, ", '%s', t.%s", column, column);
              g_string_append_printf (columns, ", %s", column);
              g_string_append_printf (values, ", json_extract (row, '$.%s')", column);
            }
          g_string_append_printf (object, ") FROM %s AS t WHERE t.id = ?", ledger->key);

          cache[l].to_json = g_string_free (object, FALSE);
          cache[l].from_json = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM trash WHERE id = ?",
                                                ledger->key, columns->str, values->str);
          cache[l].load = g_strdup_printf ("SELECT %s FROM %s AS t WHERE t.id = ?",
                                           fazhi_store_select_columns (l), ledger->key);
          cache[l].remove = g_strdup_printf ("DELETE FROM %s WHERE id = ?", ledger->key);
          g_string_free (columns, TRUE);
          g_string_free (values, TRUE);
        }
      g_once_init_leave (&initialized, 1);
    }

  return &cache[id];
}

static gboolean
step_error (FazhiDatabase *database,
            sqlite3_stmt  *statement,
            GError       **error)
{
  int rc = sqlite3_errcode (fazhi_database_get_handle (database));

  sqlite3_reset (statement);
  return fazhi_database_set_error (database, rc, error);
}

gint64
fazhi_history_begin_change (FazhiDatabase  *database,
                            FazhiLedgerId   ledger,
                            gint64          id,
                            const char     *uuid,
                            FazhiAction     action,
                            const char     *source,
                            const char     *at,
                            GError        **error)
{
  sqlite3_stmt *statement;
  g_autofree char *now = at == NULL ? fazhi_timestamp_now () : NULL;

  statement = fazhi_database_prepare (database,
                                      "INSERT INTO changes (at, by, action, ledger, record_id, record_uuid, source) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                      error);
  if (statement == NULL)
    return 0;

  sqlite3_bind_text (statement, 1, at != NULL ? at : now, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, fazhi_database_get_clerk (database), -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, fazhi_action_key (action), -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, fazhi_ledger_get (ledger)->key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 5, id);
  sqlite3_bind_text (statement, 6, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 7, source, -1, SQLITE_STATIC);
  if (!fazhi_database_step_done (database, statement, error))
    return 0;

  return sqlite3_last_insert_rowid (fazhi_database_get_handle (database));
}

gboolean
fazhi_history_add_field (FazhiDatabase  *database,
                         gint64          change,
                         const char     *field,
                         const char     *old_value,
                         const char     *new_value,
                         GError        **error)
{
  sqlite3_stmt *statement = fazhi_database_prepare (database,
                                                    "INSERT INTO change_fields (change_id, field, old, new) "
                                                    "VALUES (?, ?, ?, ?)",
                                                    error);

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_int64 (statement, 1, change);
  sqlite3_bind_text (statement, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, new_value, -1, SQLITE_STATIC);
  return fazhi_database_step_done (database, statement, error);
}

static char *
column_text (sqlite3_stmt *statement,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (statement, column);

  return g_strdup (text);
}

void
fazhi_history_entry_free (FazhiHistoryEntry *entry)
{
  g_free (entry->at);
  g_free (entry->by);
  g_free (entry->action);
  g_free (entry->source);
  g_free (entry->field);
  g_free (entry->old);
  g_free (entry->new);
  g_free (entry);
}

GPtrArray *
fazhi_history_list (FazhiDatabase  *database,
                    const char     *uuid,
                    GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fazhi_history_entry_free);
  sqlite3_stmt *statement;
  int step;

  statement = fazhi_database_prepare (database,
                                      "SELECT c.id, c.at, c.by, c.action, c.source, f.field, f.old, f.new "
                                      "FROM changes AS c LEFT JOIN change_fields AS f ON f.change_id = c.id "
                                      "WHERE c.record_uuid = ? ORDER BY c.id, f.field",
                                      error);
  if (statement == NULL)
    return NULL;

  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  while ((step = sqlite3_step (statement)) == SQLITE_ROW)
    {
      FazhiHistoryEntry *entry = g_new0 (FazhiHistoryEntry, 1);

      entry->change = sqlite3_column_int64 (statement, 0);
      entry->at = column_text (statement, 1);
      entry->by = column_text (statement, 2);
      entry->action = column_text (statement, 3);
      entry->source = column_text (statement, 4);
      entry->field = column_text (statement, 5);
      entry->old = column_text (statement, 6);
      entry->new = column_text (statement, 7);
      g_ptr_array_add (entries, entry);
    }
  if (step != SQLITE_DONE)
    return (step_error (database, statement, error), NULL);
  sqlite3_reset (statement);

  return g_steal_pointer (&entries);
}

/* What the trash's list says of a record: its unique value and what identifies it. */
static char *
summarize (const FazhiLedger  *ledger,
           char              **values)
{
  GString *summary = g_string_new (NULL);
  g_auto(GStrv) keys = g_strsplit (ledger->identity != NULL ? ledger->identity : "", " ", -1);

  if (ledger->unique_key != NULL)
    g_string_append (summary, values[fazhi_ledger_field_index (ledger, ledger->unique_key)]);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = keys[i][0] != '\0' ? values[fazhi_ledger_field_index (ledger, keys[i])] : NULL;

      if (value != NULL && value[0] != '\0' && g_strcmp0 (keys[i], ledger->unique_key) != 0)
        g_string_append_printf (summary, "%s%s", summary->len > 0 ? " · " : "", value);
    }

  return g_string_free (summary, FALSE);
}

/* The record's fields as text, as the store reads them; NULL when there is no such record. */
static char **
load_values (FazhiDatabase      *database,
             const FazhiLedger  *ledger,
             gint64              id,
             char              **uuid,
             GError            **error)
{
  sqlite3_stmt *statement = fazhi_database_prepare (database, trash_sql (ledger->id)->load, error);
  char **values;

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

  values = fazhi_values_new (ledger);
  for (guint i = 0; i < ledger->n_fields; i++)
    values[i] = fazhi_store_column_text (statement, 4 + (int) i, &ledger->fields[i]);
  *uuid = column_text (statement, 1);
  sqlite3_reset (statement);
  return values;
}

/* A change of @action with every field that has a value, before (a delete) or after. */
static gboolean
record_whole_change (FazhiDatabase      *database,
                     const FazhiLedger  *ledger,
                     gint64              id,
                     const char         *uuid,
                     FazhiAction         action,
                     char              **values,
                     GError            **error)
{
  gint64 change = fazhi_history_begin_change (database, ledger->id, id, uuid, action, NULL, NULL, error);
  gboolean before = action == FAZHI_ACTION_DELETE;

  if (change == 0)
    return FALSE;

  for (guint i = 0; i < ledger->n_fields; i++)
    if (values[i] != NULL
        && !fazhi_history_add_field (database, change, ledger->fields[i].key,
                                     before ? values[i] : NULL, before ? NULL : values[i], error))
      return FALSE;

  return TRUE;
}

gboolean
fazhi_trash_put (FazhiDatabase  *database,
                 FazhiLedgerId   ledger_id,
                 gint64          id,
                 GError        **error)
{
  const FazhiLedger *ledger = fazhi_ledger_get (ledger_id);
  const TrashSql *sql = trash_sql (ledger_id);
  g_autofree char *uuid = NULL;
  g_autofree char *row = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *now = fazhi_timestamp_now ();
  sqlite3_stmt *statement;
  char **values;
  gboolean done;

  values = load_values (database, ledger, id, &uuid, error);
  if (values == NULL)
    return FALSE;
  summary = summarize (ledger, values);

  statement = fazhi_database_prepare (database, sql->to_json, error);
  done = statement != NULL;
  if (done)
    {
      sqlite3_bind_int64 (statement, 1, id);
      if (sqlite3_step (statement) == SQLITE_ROW)
        row = column_text (statement, 0);
      sqlite3_reset (statement);
    }

  statement = done ? fazhi_database_prepare (database,
                                             "INSERT INTO trash (ledger, record_id, record_uuid, summary, "
                                             "deleted_at, deleted_by, row) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                             error) : NULL;
  done = statement != NULL;
  if (done)
    {
      sqlite3_bind_text (statement, 1, ledger->key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (statement, 2, id);
      sqlite3_bind_text (statement, 3, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 4, summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 5, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 6, fazhi_database_get_clerk (database), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (statement, 7, row, -1, SQLITE_STATIC);
      done = fazhi_database_step_done (database, statement, error);
    }

  done = done && record_whole_change (database, ledger, id, uuid, FAZHI_ACTION_DELETE, values, error);
  fazhi_values_free (ledger, values);

  statement = done ? fazhi_database_prepare (database, sql->remove, error) : NULL;
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  return fazhi_database_step_done (database, statement, error);
}

gboolean
fazhi_trash_restore (FazhiDatabase  *database,
                     const char     *uuid,
                     gint64         *id,
                     GError        **error)
{
  const FazhiLedger *ledger;
  g_autofree char *ledger_key = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *restored_uuid = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *statement;
  gint64 trash_id = 0, record_id = 0;
  char **values = NULL;
  gboolean done;

  statement = fazhi_database_prepare (database, "SELECT id, ledger, record_id, summary FROM trash WHERE record_uuid = ?",
                                      error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) == SQLITE_ROW)
    {
      trash_id = sqlite3_column_int64 (statement, 0);
      ledger_key = column_text (statement, 1);
      record_id = sqlite3_column_int64 (statement, 2);
      summary = column_text (statement, 3);
    }
  sqlite3_reset (statement);
  ledger = ledger_key != NULL ? fazhi_ledger_lookup (ledger_key) : NULL;
  if (ledger == NULL)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_FOUND,
                   _("The trash holds no such record"));
      return FALSE;
    }

  if (!fazhi_database_begin (database, error))
    return FALSE;

  statement = fazhi_database_prepare (database, trash_sql (ledger->id)->from_json, &local_error);
  done = statement != NULL;
  if (done)
    {
      sqlite3_bind_int64 (statement, 1, trash_id);
      done = fazhi_database_step_done (database, statement, &local_error);
    }
  if (!done && g_error_matches (local_error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                   /* Translators: what the record was (its number, date and subject) */
                   _("“%s” cannot be put back: its number or name is used by another record now, or "
                     "a village, community or compound it belongs to was deleted"),
                   summary);
    }

  statement = done ? fazhi_database_prepare (database, "DELETE FROM trash WHERE id = ?", &local_error) : NULL;
  done = statement != NULL;
  if (done)
    {
      sqlite3_bind_int64 (statement, 1, trash_id);
      done = fazhi_database_step_done (database, statement, &local_error);
    }

  values = done ? load_values (database, ledger, record_id, &restored_uuid, &local_error) : NULL;
  done = values != NULL
         && record_whole_change (database, ledger, record_id, uuid, FAZHI_ACTION_RESTORE, values, &local_error);
  fazhi_values_free (ledger, values);

  if (!done)
    {
      fazhi_database_rollback (database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  fazhi_database_emit_changed (database, ledger->id, FAZHI_CHANGE_ADDED, record_id);
  if (id != NULL)
    *id = record_id;
  return fazhi_database_commit (database, error);
}

void
fazhi_trash_item_free (FazhiTrashItem *item)
{
  g_free (item->record_uuid);
  g_free (item->summary);
  g_free (item->deleted_at);
  g_free (item->deleted_by);
  g_free (item);
}

GPtrArray *
fazhi_trash_list (FazhiDatabase  *database,
                  GError        **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) fazhi_trash_item_free);
  sqlite3_stmt *statement;
  int step;

  statement = fazhi_database_prepare (database,
                                      "SELECT id, ledger, record_id, record_uuid, summary, deleted_at, deleted_by "
                                      "FROM trash ORDER BY deleted_at DESC, id DESC",
                                      error);
  if (statement == NULL)
    return NULL;

  while ((step = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const FazhiLedger *ledger = fazhi_ledger_lookup ((const char *) sqlite3_column_text (statement, 1));
      FazhiTrashItem *item;

      if (ledger == NULL)
        continue;
      item = g_new0 (FazhiTrashItem, 1);
      item->id = sqlite3_column_int64 (statement, 0);
      item->ledger = ledger->id;
      item->record_id = sqlite3_column_int64 (statement, 2);
      item->record_uuid = column_text (statement, 3);
      item->summary = column_text (statement, 4);
      item->deleted_at = column_text (statement, 5);
      item->deleted_by = column_text (statement, 6);
      g_ptr_array_add (items, item);
    }
  if (step != SQLITE_DONE)
    return (step_error (database, statement, error), NULL);
  sqlite3_reset (statement);

  return g_steal_pointer (&items);
}

gint64
fazhi_trash_purge (FazhiDatabase  *database,
                   const char     *before,
                   GError        **error)
{
  sqlite3_stmt *statement = fazhi_database_prepare (database,
                                                    "DELETE FROM trash WHERE ?1 IS NULL OR deleted_at < ?1",
                                                    error);
  gint64 purged;

  if (statement == NULL)
    return -1;

  sqlite3_bind_text (statement, 1, before, -1, SQLITE_TRANSIENT);
  if (!fazhi_database_step_done (database, statement, error))
    return -1;

  purged = sqlite3_changes (fazhi_database_get_handle (database));
  return purged;
}

gint64
fazhi_trash_purge_expired (FazhiDatabase  *database,
                           GError        **error)
{
  int days = fazhi_database_get_setting_int (database, "trash_days", 90);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) cutoff = g_date_time_add_days (now, -MAX (days, 0));
  g_autofree char *before = g_date_time_format (cutoff, "%Y-%m-%dT%H:%M:%SZ");

  return fazhi_trash_purge (database, before, error);
}
