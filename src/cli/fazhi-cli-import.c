/* fazhi-cli-import.c — fazhi-cli import: a sheet as the office keeps it, into a ledger
 *
 *   fazhi-cli import LEDGER FILE [--sheet NAME|N] [--header-row N] [--map 'HEADER=field'…]
 *                                [--set field=value…] [--update] [--dry-run]
 */

#define G_LOG_DOMAIN "fazhi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fazhi-backup.h"
#include "fazhi-cli-private.h"
#include "fazhi-import.h"

static void
print_progress (double   fraction,
                gpointer user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r%3.0f%%", fraction * 100);
}

/* Splits "A=B" at its first '='; FALSE when there is none. */
static gboolean
split_assignment (const char  *text,
                  char       **name,
                  char       **value)
{
  const char *equals = strchr (text, '=');

  if (equals == NULL || equals == text)
    return FALSE;

  *name = g_strndup (text, (gsize) (equals - text));
  *value = g_strdup (equals + 1);
  return TRUE;
}

/* Applies --sheet, --header-row, --map and --set to @import. */
static gboolean
prepare (FazhiImport  *import,
         const char   *sheet,
         int           header_row,
         char        **maps,
         char        **sets,
         int          *status)
{
  g_autoptr(GError) error = NULL;

  if (sheet != NULL)
    {
      int found = fazhi_workbook_find_sheet (fazhi_import_get_workbook (import), sheet, &error);

      if (found < 0 || !fazhi_import_set_sheet (import, (guint) found, &error))
        return (*status = fazhi_cli_failure (error), FALSE);
    }
  if (header_row < 0)
    return (*status = fazhi_cli_usage_error (_("--header-row must be 1 or more")), FALSE);
  if (header_row > 0 && !fazhi_import_set_header_row (import, (guint) header_row, &error))
    return (*status = fazhi_cli_failure (error), FALSE);

  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_autofree char *header = NULL;
      g_autofree char *field = NULL;

      if (!split_assignment (maps[i], &header, &field))
        return (*status = fazhi_cli_usage_error (_("--map takes HEADER=field, not “%s”"), maps[i]), FALSE);
      if (!fazhi_import_map_header (import, header, field, &error))
        return (*status = fazhi_cli_failure (error), FALSE);
    }

  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;

      if (!split_assignment (sets[i], &field, &value))
        return (*status = fazhi_cli_usage_error (_("--set takes field=value, not “%s”"), sets[i]), FALSE);
      if (!fazhi_import_set_fixed (import, field, value, &error))
        return (*status = fazhi_cli_failure (error), FALSE);
    }

  return TRUE;
}

static void
print_counts (FazhiImportReport *report,
              gboolean           dry_run,
              const char        *ledger)
{
  if (dry_run)
    /* Translators: the counts of a dry run: new records, rows already in the ledger, rows with
     * problems, then the ledger */
    g_print (_("Would add %" PRId64 ", update %" PRId64 "; already in the ledger: %" PRId64
               "; rows with problems: %" PRId64 " (%s)\n"),
             report->added, report->updated, report->existing, report->with_problems, ledger);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %" PRId64 " record into %s\n",
                          "Imported %" PRId64 " records into %s\n", report->added),
             report->added, ledger);

  if (!dry_run && report->updated > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Updated %" PRId64 " record\n",
                          "Updated %" PRId64 " records\n", report->updated), report->updated);
  if (!dry_run && report->existing > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " row was already in the ledger\n",
                          "%" PRId64 " rows were already in the ledger\n", report->existing),
             report->existing);
}

int
fazhi_cli_command_import (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(FazhiImport) import = NULL;
  g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  g_auto(GStrv) maps = NULL;
  g_auto(GStrv) sets = NULL;
  gboolean update = FALSE, dry_run = FALSE;
  const FazhiLedger *ledger;
  int header_row = 0, status;
  gint64 imported;
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The sheet to read, by name or number (default: the first visible one)"), "NAME|N" },
    { "header-row", 0, 0, G_OPTION_ARG_INT, &header_row, N_("The row that heads the columns (default: found)"), "N" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Put the column headed HEADER (or lettered, B) into a field; “HEADER=” ignores it"), "HEADER=FIELD" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Give every row this value in a field"), "FIELD=VALUE" },
    { "update", 0, 0, G_OPTION_ARG_NONE, &update, N_("Update the changed fields of rows already in the ledger"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check every row and say what would happen; write nothing"), NULL },
    { NULL }
  };

  if (!fazhi_cli_parse_options (invocation, _("LEDGER FILE"), entries, 2, &status))
    return status;
  if ((ledger = fazhi_cli_parse_ledger (invocation->argv[1], &status)) == NULL)
    return status;

  import = fazhi_import_new (ledger->id, invocation->argv[2], &error);
  if (import == NULL)
    return fazhi_cli_failure (error);

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);
  /* What was chosen for a sheet with this header before, unless told otherwise now. */
  if (maps == NULL && sets == NULL && header_row == 0)
    fazhi_import_recall_mapping (import, database);
  if (!prepare (import, sheet, header_row, maps, sets, &status))
    return status;
  fazhi_import_set_update (import, update);

  /* The ledger as it was, in backups/, before the import writes. */
  if (!dry_run)
    {
      g_autofree char *backup = fazhi_backup_make (database, FAZHI_BACKUP_IMPORT, &error);

      if (backup == NULL)
        {
          g_prefix_error (&error, _("Nothing was imported, because the ledger could not be backed up first: "));
          return fazhi_cli_failure (error);
        }
    }

  imported = fazhi_import_run (import, database, dry_run, report, print_progress, NULL, NULL, &error);
  if (isatty (fileno (stderr)))
    g_printerr ("\r    \r");

  for (guint i = 0; i < report->notes->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (report->notes, i));
  for (guint i = 0; i < report->problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (report->problems, i));

  if (imported < 0 && report->problems->len == 0)
    return fazhi_cli_failure (error);
  if (dry_run || imported >= 0)
    print_counts (report, dry_run, ledger->key);
  if (imported < 0 || report->problems->len > 0)
    {
      if (!dry_run)
        g_printerr (_("Nothing was imported.\n"));
      return EXIT_FAILED;
    }

  if (!dry_run && (maps != NULL || sets != NULL || header_row > 0)
      && !fazhi_import_remember_mapping (import, database, &error))
    g_printerr ("fazhi-cli: %s\n", error->message);
  return EXIT_OK;
}
