/* fazhi-cli.c — the ledgers from the command line: the same core as the window, no display needed
 *
 * Exit status: 0 success; 1 bad data or a failed check (the message names the file, line and
 * field); 2 bad usage. A command that fails leaves the database as it was.
 */

#define G_LOG_DOMAIN "fazhi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fazhi-cli-private.h"
#include "fazhi-database.h"
#include "fazhi-demo.h"
#include "fazhi-locale.h"
#include "fazhi-report.h"
#include "fazhi-stats.h"
#include "fazhi-summary.h"
#include "fazhi-transfer.h"

typedef int (*CommandFunc) (Invocation *invocation);

typedef struct
{
  const char  *name;
  const char  *arguments;
  const char  *summary;  /* marked N_() */
  CommandFunc  run;
} Command;

int
fazhi_cli_usage_error (const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("fazhi-cli: %s\n", message);
  g_printerr (_("Try “fazhi-cli --help”.\n"));
  return EXIT_USAGE;
}

int
fazhi_cli_failure (GError *error)
{
  g_printerr ("fazhi-cli: %s\n", error->message);
  return EXIT_FAILED;
}

FazhiDatabase *
fazhi_cli_open_database (Invocation *invocation,
                         GError    **error)
{
  g_autofree char *path = fazhi_database_default_path (invocation->database_option);

  return fazhi_database_open (path, error);
}

/* Parses the options of one command; leaves the positional arguments in argv. */
gboolean
fazhi_cli_parse_options (Invocation   *invocation,
                         const char   *parameters,
                         GOptionEntry *entries,
                         int           n_positional,
                         int          *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &invocation->argc, &invocation->argv, &error))
    {
      *status = fazhi_cli_usage_error ("%s", error->message);
      return FALSE;
    }

  if (invocation->argc - 1 != n_positional)
    {
      *status = fazhi_cli_usage_error (g_dngettext (GETTEXT_PACKAGE, "%s takes %d argument: %s",
                                          "%s takes %d arguments: %s", (gulong) n_positional),
                             invocation->argv[0], n_positional, parameters != NULL ? parameters : "");
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_period (int          year,
              int          quarter,
              FazhiPeriod *period,
              int         *status)
{
  if (year == 0)
    {
      *status = fazhi_cli_usage_error (_("--year is required"));
      return FALSE;
    }
  if (!fazhi_period_init (period, year, quarter))
    {
      *status = fazhi_cli_usage_error (_("there is no period year %d, quarter %d (the quarter is 1 to 4)"), year, quarter);
      return FALSE;
    }

  return TRUE;
}

static int
command_init (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!fazhi_cli_parse_options (invocation, NULL, (GOptionEntry[]) { { NULL } }, 0, &status))
    return status;

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  g_print ("%s\n", fazhi_database_get_path (database));
  return EXIT_OK;
}

static int
command_demo (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int scale = 0, status;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("Also add N synthetic cases over several years"), "N" },
    { NULL }
  };

  if (!fazhi_cli_parse_options (invocation, NULL, entries, 0, &status))
    return status;
  if (scale < 0)
    return fazhi_cli_usage_error (_("--scale must be 0 or more"));

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL || !fazhi_demo_fill (database, (guint) scale, &error))
    return fazhi_cli_failure (error);

  g_print (_("Sample ledgers written to %s\n"), fazhi_database_get_path (database));
  return EXIT_OK;
}

const FazhiLedger *
fazhi_cli_parse_ledger (const char *name,
                        int        *status)
{
  const FazhiLedger *ledger = fazhi_ledger_lookup (name);

  if (ledger == NULL)
    *status = fazhi_cli_usage_error (_("unknown ledger “%s”: use cases, trainings, outreach, elections, compounds or communities"),
                           name);
  return ledger;
}

static int
command_export (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const FazhiLedger *ledger;
  FazhiPeriod period;
  FazhiExportFilter filter = { NULL, NULL, NULL };
  int year = 0, quarter = 0, status;
  gint64 exported;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Only the records of this year"), "YEAR" },
    { "quarter", 0, 0, G_OPTION_ARG_INT, &quarter, N_("Only the records of this quarter (with --year)"), "Q" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .csv or .xlsx"), "FILE" },
    { "unmasked", 0, 0, G_OPTION_ARG_NONE, &filter.unmasked,
      N_("Keep phone numbers as they are, to move or keep the ledger (not for others)"), NULL },
    { NULL }
  };

  if (!fazhi_cli_parse_options (invocation, _("LEDGER"), entries, 1, &status))
    return status;
  if ((ledger = fazhi_cli_parse_ledger (invocation->argv[1], &status)) == NULL)
    return status;
  if (output == NULL)
    return fazhi_cli_usage_error (_("-o FILE is required"));
  if (quarter != 0 && year == 0)
    return fazhi_cli_usage_error (_("--quarter needs --year"));
  if (year != 0)
    {
      if (ledger->date_key == NULL)
        return fazhi_cli_usage_error (_("the %s ledger has no dates; export it without --year"), ledger->key);
      if (!parse_period (year, quarter, &period, &status))
        return status;
      filter.period = &period;
    }

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  exported = fazhi_export (database, ledger->id, &filter, output, &error);
  if (exported < 0)
    return fazhi_cli_failure (error);

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %" PRId64 " record to %s\n",
                           "Exported %" PRId64 " records to %s\n", exported),
              exported, output);
  return EXIT_OK;
}

static int
command_stats (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(FazhiStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  FazhiPeriod period;
  int year = 0, quarter = 0, status;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year"), "YEAR" },
    { "quarter", 0, 0, G_OPTION_ARG_INT, &quarter, N_("A quarter of the year, 1 to 4"), "Q" },
    { NULL }
  };

  if (!fazhi_cli_parse_options (invocation, NULL, entries, 0, &status))
    return status;
  if (!parse_period (year, quarter, &period, &status))
    return status;

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  stats = fazhi_stats_compute (database, &period, &error);
  if (stats == NULL)
    return fazhi_cli_failure (error);

  json = fazhi_stats_to_json (stats);
  fputs (json, stdout);
  return EXIT_OK;
}

/* The annual report, or with --quarter the quarterly summary; the format by the file's extension. */
static int
command_report (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(FazhiDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  FazhiPeriod period;
  int year = 0, quarter = 0, status;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year"), "YEAR" },
    { "quarter", 0, 0, G_OPTION_ARG_INT, &quarter, N_("The quarterly summary of this quarter, 1 to 4"), "Q" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .pdf, .docx or .txt"), "FILE" },
    { NULL }
  };

  if (!fazhi_cli_parse_options (invocation, NULL, entries, 0, &status))
    return status;
  if (!parse_period (year, quarter, &period, &status))
    return status;
  if (output == NULL)
    return fazhi_cli_usage_error (_("-o FILE is required"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".docx")
      && !g_str_has_suffix (output, ".txt"))
    return fazhi_cli_usage_error (_("%s: the file name must end in .pdf, .docx or .txt"), output);

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  document = quarter == 0
             ? fazhi_report_build_annual (database, year, &error)
             : fazhi_summary_build (database, year, quarter, &error);
  if (document == NULL || !fazhi_report_write (document, output, &error))
    return fazhi_cli_failure (error);

  g_printerr (_("Report written to %s\n"), output);
  return EXIT_OK;
}

static int
command_check (Invocation *invocation)
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!fazhi_cli_parse_options (invocation, NULL, (GOptionEntry[]) { { NULL } }, 0, &status))
    return status;

  database = fazhi_cli_open_database (invocation, &error);
  if (database == NULL)
    return fazhi_cli_failure (error);

  problems = fazhi_database_check (database, &error);
  if (problems == NULL)
    return fazhi_cli_failure (error);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s: %s\n", fazhi_database_get_path (database), (char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    return EXIT_FAILED;

  g_print (_("%s: no problems found\n"), fazhi_database_get_path (database));
  return EXIT_OK;
}

static const Command commands[] = {
  { "init", "", N_("Create or update the database and print its path"), command_init },
  { "demo", "[--scale N]", N_("Fill an empty database with the sample ledgers"), command_demo },
  { "import", "LEDGER FILE [--dry-run] [--update]…",
    N_("Import a sheet (.xlsx, .xls, .csv) into a ledger: all rows or none"), fazhi_cli_command_import },
  { "export", "LEDGER [--year Y [--quarter Q]] -o FILE", N_("Export a ledger to .csv or .xlsx"), command_export },
  { "stats", "--year Y [--quarter Q]", N_("Print the figures of a period as JSON"), command_stats },
  { "report", "--year Y [--quarter Q] -o FILE", N_("Write the annual report, or a quarter’s summary: .pdf, .docx or .txt"),
    command_report },
  { "backup", "[-o FILE]", N_("Write a consistent copy of the database: to FILE, or into backups/"),
    fazhi_cli_command_backup },
  { "backups", "[--json]", N_("List the backups of the database, newest first"), fazhi_cli_command_backups },
  { "restore", "FILE", N_("Replace the database with a backup, after backing it up"),
    fazhi_cli_command_restore },
  { "check", "", N_("Check the database’s integrity and links"), command_check },
  { "edit", "LEDGER KEY field=value…", N_("Change fields of a record (KEY: its 编号 or name, or id:N)"),
    fazhi_cli_command_edit },
  { "delete", "LEDGER KEY", N_("Move a record to the trash"), fazhi_cli_command_delete },
  { "trash", "[--restore LEDGER KEY] [--empty]", N_("List the trash, put a record back, or empty it"),
    fazhi_cli_command_trash },
  { "history", "LEDGER KEY", N_("Print a record's changes, one JSON object a line"), fazhi_cli_command_history },
};

static void
print_help (void)
{
  g_print (_("Usage: fazhi-cli [--database PATH] COMMAND [OPTIONS…]\n\n"));
  g_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-8s %-42s %s\n", commands[i].name, commands[i].arguments, _(commands[i].summary));
  g_print (_("\nLEDGER is one of: cases, trainings, outreach, elections, compounds, communities.\n"));
  g_print (_("The database is PATH, else $FAZHI_DATABASE, else %s.\n"),
           "$XDG_DATA_HOME/fazhi/ledger.db");
  g_print (_("Run “fazhi-cli COMMAND --help” for a command’s options.\n"));
}

int
main (int   argc,
      char *argv[])
{
  Invocation invocation = { NULL, 0, NULL };
  int first = 1;

  /* The ledger holds personal data: the database, its -wal and -shm, backups and exports are
   * readable by their owner only (0600), the folders made for them 0700. */
  umask (077);
  fazhi_locale_init ();

  /* The global options come before the command; the command parses the rest. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *option = argv[first];

      if (strcmp (option, "--help") == 0 || strcmp (option, "-h") == 0)
        {
          print_help ();
          return EXIT_OK;
        }
      else if (strcmp (option, "--version") == 0)
        {
          g_print ("fazhi-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else if (strcmp (option, "--database") == 0 && first + 1 < argc)
        {
          invocation.database_option = argv[first + 1];
          first += 2;
        }
      else if (g_str_has_prefix (option, "--database="))
        {
          invocation.database_option = option + strlen ("--database=");
          first++;
        }
      else
        return fazhi_cli_usage_error (_("unknown option “%s”"), option);
    }

  if (first >= argc)
    {
      print_help ();
      return EXIT_USAGE;
    }

  invocation.argc = argc - first;
  invocation.argv = argv + first;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, argv[first]) == 0)
      return commands[i].run (&invocation);

  return fazhi_cli_usage_error (_("unknown command “%s”"), argv[first]);
}
