/* fazhi-cli-records.c — one record at a time, for scripts: edit, delete, the trash, the history
 *
 *   fazhi-cli edit LEDGER KEY field=value…
 *   fazhi-cli delete LEDGER KEY
 *   fazhi-cli trash [--restore LEDGER KEY] [--empty]
 *   fazhi-cli history LEDGER KEY
 *
 * KEY is a case's 编号, a community's or compound's name, or id:N. The same rules and messages
 * as the window; a command that fails writes nothing.
 */

#define G_LOG_DOMAIN "fazhi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fazhi-cli-private.h"
#include "fazhi-history.h"
#include "fazhi-store.h"

/* "id:12" → 12; 0 when @key is not written so. */
static gint64
parse_id_key (const char *key)
{
  guint64 id = 0;

  if (!g_str_has_prefix (key, "id:") || !g_ascii_string_to_unsigned (key + 3, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return (gint64) id;
}

/* The id of the record @key names in @ledger, or 0 with a message printed. */
static gint64
find_record (FazhiDatabase     *database,
             const FazhiLedger *ledger,
             const char        *key,
             int               *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id = parse_id_key (key);
  sqlite3_stmt *statement;

  if (id > 0)
    return id;

  if (ledger->unique_key == NULL)
    {
      *status = fazhi_cli_usage_error (_("the %s ledger has no number or name: give the record as id:N"), ledger->key);
      return 0;
    }

  sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?", ledger->key,
                         fazhi_field_column (fazhi_ledger_field (ledger, ledger->unique_key)));
  statement = fazhi_database_prepare (database, sql, &error);
  if (statement == NULL)
    {
      *status = fazhi_cli_failure (error);
      return 0;
    }
  sqlite3_bind_text (statement, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) == SQLITE_ROW)
    id = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);

  if (id == 0)
    {
      /* Translators: a ledger, then the number or name given */
      g_printerr (_("fazhi-cli: the %s ledger has no record “%s”\n"), ledger->key, key);
      *status = EXIT_FAILED;
    }
  return id;
}

/* Opens the database and loads the record of LEDGER KEY (argv[1], argv[2]). */
static FazhiRecord *
load_record (Invocation     *invocation,
             FazhiDatabase **database,
             int            *status)
{
  const FazhiLedger *ledger = fazhi_cli_parse_ledger (invocation->argv[1], status);
  g_autoptr(GError) error = NULL;
  FazhiRecord *record;
  gint64 id;

  if (ledger == NULL)
    return NULL;

  *database = fazhi_cli_open_database (invocation, &error);
  if (*database == NULL)
    return (*status = fazhi_cli_failure (error), NULL);

  id = find_record (*database, ledger, invocation->argv[2], status);
  if (id == 0)
    return NULL;

  record = fazhi_store_load (*database, ledger->id, id, &error);
  if (record == NULL)
    *status = fazhi_cli_failure (error);
  return record;
}

int
fazhi_cli_command_edit (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(FazhiRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const FazhiLedger *ledger;
  int status;

  if (invocation->argc < 4)
    return fazhi_cli_usage_error (_("edit takes LEDGER KEY and at least one field=value"));
  if (!fazhi_cli_parse_options (invocation, _("LEDGER KEY field=value…"), (GOptionEntry[]) { { NULL } },
                                invocation->argc - 1, &status))
    return status;

  record = load_record (invocation, &database, &status);
  if (record == NULL)
    return status;
  ledger = fazhi_record_get_ledger (record);

  for (int i = 3; i < invocation->argc; i++)
    {
      const char *assignment = invocation->argv[i];
      const char *equals = strchr (assignment, '=');
      g_autofree char *name = equals != NULL ? g_strndup (assignment, (gsize) (equals - assignment)) : NULL;
      int field = name != NULL ? fazhi_ledger_field_index (ledger, name) : -1;

      if (name != NULL && field < 0)
        field = fazhi_ledger_field_for_header (ledger, name);
      if (equals == NULL)
        return fazhi_cli_usage_error (_("“%s” is not field=value"), assignment);
      if (field < 0)
        return fazhi_cli_usage_error (_("“%s” is not a field of the %s ledger"), name, ledger->key);
      fazhi_record_set (record, ledger->fields[field].key, equals + 1);
    }

  if (!fazhi_store_save (database, record, &error))
    return fazhi_cli_failure (error);

  /* Translators: a ledger, then the record's id */
  g_print (_("Saved %s record id:%" PRId64 "\n"), ledger->key, fazhi_record_get_id (record));
  return EXIT_OK;
}

int
fazhi_cli_command_delete (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(FazhiRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!fazhi_cli_parse_options (invocation, _("LEDGER KEY"), (GOptionEntry[]) { { NULL } }, 2, &status))
    return status;

  record = load_record (invocation, &database, &status);
  if (record == NULL)
    return status;

  if (!fazhi_store_delete (database, record, &error))
    return fazhi_cli_failure (error);

  g_print (_("Moved %s record id:%" PRId64 " to the trash\n"), fazhi_record_get_ledger (record)->key,
           fazhi_record_get_id (record));
  return EXIT_OK;
}

/* The trash's item of @ledger that @key names: id:N, or its number or name (the summary begins
 * with it). */
static FazhiTrashItem *
find_in_trash (GPtrArray         *items,
               const FazhiLedger *ledger,
               const char        *key)
{
  gint64 id = parse_id_key (key);
  g_autofree char *prefix = g_strconcat (key, " · ", NULL);

  for (guint i = 0; i < items->len; i++)
    {
      FazhiTrashItem *item = g_ptr_array_index (items, i);

      if (item->ledger != ledger->id)
        continue;
      if (id > 0 ? item->record_id == id
                 : ledger->unique_key != NULL && (strcmp (item->summary, key) == 0
                                                  || g_str_has_prefix (item->summary, prefix)))
        return item;
    }

  return NULL;
}

int
fazhi_cli_command_trash (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) restore = NULL;
  gboolean empty = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "restore", 0, 0, G_OPTION_ARG_STRING_ARRAY, &restore, N_("Put a record back: LEDGER, then KEY"), "LEDGER" },
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty, N_("Remove everything in the trash for good"), NULL },
    { NULL }
  };

  int n_positional = 0;

  /* --restore LEDGER KEY: the KEY is left among the arguments. */
  for (int i = 1; i < invocation->argc; i++)
    if (g_str_has_prefix (invocation->argv[i], "--restore"))
      n_positional = 1;
  if (!fazhi_cli_parse_options (invocation, NULL, entries, n_positional, &status))
    return status;

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);
  if (fazhi_trash_purge_expired (database, &error) < 0)
    return fazhi_cli_failure (error);

  if (empty)
    {
      gint64 purged = fazhi_trash_purge (database, NULL, &error);

      if (purged < 0)
        return fazhi_cli_failure (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %" PRId64 " record from the trash for good\n",
                            "Removed %" PRId64 " records from the trash for good\n", (gulong) purged), purged);
      return EXIT_OK;
    }

  items = fazhi_trash_list (database, &error);
  if (items == NULL)
    return fazhi_cli_failure (error);

  if (restore != NULL)
    {
      const FazhiLedger *ledger = fazhi_cli_parse_ledger (restore[0], &status);
      FazhiTrashItem *item;
      gint64 id = 0;

      if (ledger == NULL)
        return status;
      if (invocation->argc != 2)
        return fazhi_cli_usage_error (_("--restore takes LEDGER KEY"));
      item = find_in_trash (items, ledger, invocation->argv[1]);
      if (item == NULL)
        {
          g_printerr (_("fazhi-cli: the trash holds no %s record “%s”\n"), ledger->key, invocation->argv[1]);
          return EXIT_FAILED;
        }
      if (!fazhi_trash_restore (database, item->record_uuid, &id, &error))
        return fazhi_cli_failure (error);
      g_print (_("Put back %s record id:%" PRId64 ": %s\n"), ledger->key, id, item->summary);
      return EXIT_OK;
    }

  for (guint i = 0; i < items->len; i++)
    {
      FazhiTrashItem *item = g_ptr_array_index (items, i);

      g_print ("%s\t%s\t%s\tid:%" PRId64 "\t%s\n", item->deleted_at, item->deleted_by,
               fazhi_ledger_get (item->ledger)->key, item->record_id, item->summary);
    }
  return EXIT_OK;
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  if (text == NULL)
    {
      g_string_append (json, "null");
      return;
    }

  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (json, "\\%c", c);
      else if (c == '\n')
        g_string_append (json, "\\n");
      else if (c < 0x20)
        g_string_append_printf (json, "\\u%04x", c);
      else
        g_string_append_c (json, (char) c);
    }
  g_string_append_c (json, '"');
}

int
fazhi_cli_command_history (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  const FazhiLedger *ledger;
  int status = EXIT_OK;
  gint64 id;

  if (!fazhi_cli_parse_options (invocation, _("LEDGER KEY"), (GOptionEntry[]) { { NULL } }, 2, &status))
    return status;
  ledger = fazhi_cli_parse_ledger (invocation->argv[1], &status);
  if (ledger == NULL)
    return status;
  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  /* A record in the trash has a history too. */
  items = fazhi_trash_list (database, &error);
  if (items == NULL)
    return fazhi_cli_failure (error);
  if (find_in_trash (items, ledger, invocation->argv[2]) != NULL)
    uuid = g_strdup (find_in_trash (items, ledger, invocation->argv[2])->record_uuid);
  else if ((id = find_record (database, ledger, invocation->argv[2], &status)) > 0)
    {
      g_autoptr(FazhiRecord) record = fazhi_store_load (database, ledger->id, id, &error);

      if (record == NULL)
        return fazhi_cli_failure (error);
      uuid = g_strdup (fazhi_record_get_uuid (record));
    }
  else
    return status;

  entries = fazhi_history_list (database, uuid, &error);
  if (entries == NULL)
    return fazhi_cli_failure (error);

  for (guint i = 0; i < entries->len; i++)
    {
      FazhiHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GString) line = g_string_new ("{\"at\": ");

      append_json_string (line, entry->at);
      g_string_append (line, ", \"by\": ");
      append_json_string (line, entry->by);
      g_string_append (line, ", \"action\": ");
      append_json_string (line, entry->action);
      g_string_append (line, ", \"source\": ");
      append_json_string (line, entry->source);
      g_string_append (line, ", \"field\": ");
      append_json_string (line, entry->field);
      g_string_append (line, ", \"old\": ");
      append_json_string (line, entry->old);
      g_string_append (line, ", \"new\": ");
      append_json_string (line, entry->new);
      g_string_append (line, "}\n");
      fputs (line->str, stdout);
    }

  return EXIT_OK;
}
