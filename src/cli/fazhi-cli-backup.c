/* fazhi-cli-backup.c — fazhi-cli backup, backups and restore
 *
 *   fazhi-cli backup [-o FILE]     a consistent copy: to FILE, or into backups/ beside the database
 *   fazhi-cli backups [--json]     the backups in backups/, newest first, with their counts
 *   fazhi-cli restore FILE         the ledger replaced by a backup, the ledger as it was backed up first
 */

#define G_LOG_DOMAIN "fazhi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fazhi-backup.h"
#include "fazhi-cli-private.h"

/* The ledgers `backups` shows in its table (--json has them all). */
static const FazhiLedgerId shown_ledgers[] = {
  FAZHI_LEDGER_CASES, FAZHI_LEDGER_TRAININGS, FAZHI_LEDGER_OUTREACH, FAZHI_LEDGER_ELECTIONS,
};

int
fazhi_cli_command_backup (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *made = NULL;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write the copy to (default: a new backup in the backups folder)"), "FILE" },
    { NULL }
  };

  if (!fazhi_cli_parse_options (invocation, NULL, entries, 0, &status))
    return status;

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  if (output == NULL)
    {
      made = fazhi_backup_make (database, FAZHI_BACKUP_MANUAL, &error);
      if (made == NULL)
        return fazhi_cli_failure (error);
      g_printerr (_("Backup written to %s\n"), made);
      return EXIT_OK;
    }

  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) source = g_file_new_for_path (fazhi_database_get_path (database));
      g_autoptr(GFile) target = g_file_new_for_path (output);

      if (g_file_equal (source, target))
        return fazhi_cli_usage_error (_("the backup cannot overwrite the database itself"));
    }

  if (!fazhi_database_backup (database, output, &error))
    return fazhi_cli_failure (error);

  g_printerr (_("Backup written to %s\n"), output);
  return EXIT_OK;
}

/* How many columns @text takes in a terminal: CJK characters take two. */
static glong
display_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      width += g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
append_cell (GString    *line,
             const char *text,
             glong       width,
             gboolean    right)
{
  glong padding = MAX (width - display_width (text), 0);

  if (right)
    for (glong i = 0; i < padding; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!right)
    for (glong i = 0; i < padding; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, "  ");
}

enum { COLUMN_TIME, COLUMN_REASON, COLUMN_SIZE, COLUMN_FIRST_COUNT };
#define N_COLUMNS (COLUMN_FIRST_COUNT + G_N_ELEMENTS (shown_ledgers))

static void
print_table (GPtrArray *backups)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  glong widths[N_COLUMNS] = { 0 };
  char **header = g_new0 (char *, N_COLUMNS + 1);

  header[COLUMN_TIME] = g_strdup (_("Made"));
  header[COLUMN_REASON] = g_strdup (_("Reason"));
  header[COLUMN_SIZE] = g_strdup (_("Size"));
  for (guint l = 0; l < G_N_ELEMENTS (shown_ledgers); l++)
    header[COLUMN_FIRST_COUNT + l] = g_strdup (fazhi_ledger_get (shown_ledgers[l])->key);
  g_ptr_array_add (rows, header);

  for (guint i = 0; i < backups->len; i++)
    {
      FazhiBackupInfo *info = g_ptr_array_index (backups, i);
      char **row = g_new0 (char *, N_COLUMNS + 1);

      row[COLUMN_TIME] = g_date_time_format (info->time, "%Y-%m-%d %H:%M:%S");
      row[COLUMN_REASON] = g_strdup (fazhi_backup_reason_label (info->reason));
      row[COLUMN_SIZE] = g_format_size ((guint64) info->size);
      for (guint l = 0; l < G_N_ELEMENTS (shown_ledgers); l++)
        {
          gint64 count = info->counts[shown_ledgers[l]];

          row[COLUMN_FIRST_COUNT + l] = count < 0 ? g_strdup ("—") : g_strdup_printf ("%" PRId64, count);
        }
      g_ptr_array_add (rows, row);
    }

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < N_COLUMNS; c++)
      widths[c] = MAX (widths[c], display_width (((char **) g_ptr_array_index (rows, r))[c]));

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);
      FazhiBackupInfo *info = r > 0 ? g_ptr_array_index (backups, r - 1) : NULL;

      for (guint c = 0; c < N_COLUMNS; c++)
        append_cell (line, row[c], widths[c], c >= COLUMN_SIZE && r > 0);
      if (info != NULL)
        {
          g_autofree char *path = g_filename_display_name (info->path);

          g_string_append (line, path);
        }
      else
        g_string_append (line, _("File"));
      g_print ("%s\n", line->str);
      if (info != NULL && info->error != NULL)
        g_print ("    %s\n", info->error);
    }
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
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static void
print_json (GPtrArray *backups)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < backups->len; i++)
    {
      FazhiBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *path = g_filename_display_name (info->path);
      g_autofree char *time = g_date_time_format_iso8601 (info->time);

      g_string_append (json, i == 0 ? "\n  {" : ",\n  {");
      g_string_append (json, "\"path\": ");
      append_json_string (json, path);
      g_string_append (json, ", \"time\": ");
      append_json_string (json, time);
      g_string_append (json, ", \"reason\": ");
      append_json_string (json, info->reason);
      g_string_append_printf (json, ", \"size\": %" PRId64 ", \"version\": %d, \"counts\": ",
                              info->size, info->version);
      if (info->error != NULL)
        g_string_append (json, "null");
      else
        for (FazhiLedgerId l = 0; l < FAZHI_N_LEDGERS; l++)
          g_string_append_printf (json, "%s\"%s\": %" PRId64, l == 0 ? "{" : ", ",
                                  fazhi_ledger_get (l)->key, info->counts[l]);
      if (info->error == NULL)
        g_string_append_c (json, '}');
      g_string_append (json, ", \"error\": ");
      append_json_string (json, info->error);
      g_string_append_c (json, '}');
    }
  g_string_append (json, backups->len > 0 ? "\n]\n" : "]\n");
  fputs (json->str, stdout);
}

int
fazhi_cli_command_backups (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
    { NULL }
  };

  if (!fazhi_cli_parse_options (invocation, NULL, entries, 0, &status))
    return status;

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  backups = fazhi_backup_list (database);
  if (json)
    print_json (backups);
  else if (backups->len == 0)
    {
      g_autofree char *folder = fazhi_backup_folder (database);

      g_print (_("No backups in %s yet\n"), folder);
    }
  else
    print_table (backups);

  return EXIT_OK;
}

int
fazhi_cli_command_restore (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *made = NULL;
  int status;

  if (!fazhi_cli_parse_options (invocation, _("FILE"), (GOptionEntry[]) { { NULL } }, 1, &status))
    return status;

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  /* A name from `fazhi-cli backups` is looked for in the backups folder. */
  path = g_strdup (invocation->argv[1]);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && strchr (path, G_DIR_SEPARATOR) == NULL)
    {
      g_autofree char *folder = fazhi_backup_folder (database);
      g_autofree char *in_folder = g_build_filename (folder, path, NULL);

      if (g_file_test (in_folder, G_FILE_TEST_EXISTS))
        {
          g_free (path);
          path = g_steal_pointer (&in_folder);
        }
    }

  if (!fazhi_backup_restore (database, path, &made, &error))
    return fazhi_cli_failure (error);

  g_printerr (_("Restored %s into %s\n"), path, fazhi_database_get_path (database));
  g_printerr (_("The ledger as it was before is kept in %s\n"), made);
  return EXIT_OK;
}
