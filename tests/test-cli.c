/* test-cli.c — fazhi-cli end to end: commands, exit status, messages, and the database afterwards */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "fazhi-database.h"
#include "fazhi-test-util.h"

typedef struct
{
  char *dir;
  char *database;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fazhi_test_make_dir ("fazhi-cli-XXXXXX");
  fixture->database = g_build_filename (fixture->dir, "ledger.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fazhi_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->database);
}

static GSubprocessLauncher *
launcher_new (void)
{
  GSubprocessLauncher *launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "FAZHI_TODAY", "2026-11-28", TRUE);
  g_subprocess_launcher_setenv (launcher, "FAZHI_CLERK", "测试员", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "FAZHI_DATABASE");
  return launcher;
}

/* Runs fazhi-cli with the arguments (NULL-terminated) and collects its status and output. */
static Run
cli (const char *first,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0, NULL, NULL };
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FAZHI_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  run.status = g_subprocess_get_exit_status (process);

  return run;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count_rows (const char   *database_path,
            FazhiLedgerId ledger)
{
  g_autoptr(FazhiDatabase) database = fazhi_test_open_database_file (database_path);

  return fazhi_database_count (database, ledger);
}

static JsonNode *
stats_json (const char *database,
            const char *year,
            const char *quarter)
{
  g_auto(Run) run = quarter != NULL
                    ? cli ("--database", database, "stats", "--year", year, "--quarter", quarter, NULL)
                    : cli ("--database", database, "stats", "--year", year, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_cmpint (run.status, ==, 0);
  root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  return root;
}

static JsonNode *
at (JsonNode   *root,
    const char *dotted)
{
  g_auto(GStrv) parts = g_strsplit (dotted, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }

  return node;
}

static gint64
at_int (JsonNode   *root,
        const char *dotted)
{
  return json_node_get_int (at (root, dotted));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  struct { const char *args[8]; } cases[] = {
    { { NULL } },
    { { "frobnicate", NULL } },
    { { "--database", fixture->database, "stats", NULL } },
    { { "--database", fixture->database, "stats", "--year", "2023", "--quarter", "5" } },
    { { "--database", fixture->database, "import", "lawsuits", "x.csv", NULL } },
    { { "--database", fixture->database, "export", "cases", NULL } },
    { { "--database", fixture->database, "stats", "--year", "twenty", NULL } },
    { { "--bogus", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char **a = cases[i].args;
      g_auto(Run) run = cli (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);

      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, i == 0 ? run.out : "");
    }
}

static void
test_init (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (fixture->dir, "a", "b", "ledger.db", NULL);
  g_auto(Run) run = cli ("--database", nested, "init", NULL);
  g_autofree char *expected = g_strconcat (nested, "\n", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
}

/* The figures of the reference report, from individual sample records. */
static void
test_demo_reproduces_reference (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(Run) demo = cli ("--database", fixture->database, "demo", NULL);
  g_autoptr(JsonNode) stats = NULL;

  g_assert_cmpint (demo.status, ==, 0);
  stats = stats_json (fixture->database, "2023", NULL);

  g_assert_cmpint (at_int (stats, "period.year"), ==, 2023);
  g_assert_true (JSON_NODE_HOLDS_NULL (at (stats, "period.quarter")));
  g_assert_cmpint (at_int (stats, "inspection.times"), ==, 35);
  g_assert_cmpint (at_int (stats, "litigation.hearings"), ==, 7);
  g_assert_cmpint (at_int (stats, "consultation.persons"), >=, 70);
  g_assert_cmpint (at_int (stats, "consultation.persons"), <=, 79);
  g_assert_cmpint (at_int (stats, "review.documents"), ==, 13);
  g_assert_cmpint (at_int (stats, "proposal.received"), ==, 2);
  g_assert_cmpfloat (json_node_get_double (at (stats, "proposal.satisfaction_rate")), ==, 1.0);
  g_assert_cmpint (at_int (stats, "training.by_audience.staff.sessions"), ==, 4);
  g_assert_cmpint (at_int (stats, "training.by_audience.staff.attendees"), >=, 200);
  g_assert_cmpint (at_int (stats, "training.by_audience.staff.attendees"), <=, 299);
  g_assert_cmpint (at_int (stats, "training.exam.participants"), ==, 7);
  g_assert_cmpint (at_int (stats, "training.by_audience.enforcement.sessions"), ==, 8);
  g_assert_cmpint (at_int (stats, "outreach.events"), ==, 44);
  g_assert_cmpint (at_int (stats, "outreach.materials"), >=, 8000);
  g_assert_cmpint (at_int (stats, "outreach.materials"), <=, 8999);
  g_assert_cmpint (at_int (stats, "elections.started"), ==, 6);
  g_assert_cmpint (at_int (stats, "elections.completed"), ==, 3);
  g_assert_cmpint (at_int (stats, "mediation.received"), ==, 14);
  g_assert_cmpfloat (json_node_get_double (at (stats, "mediation.handled_rate")), ==, 1.0);
  g_assert_cmpfloat (json_node_get_double (at (stats, "mediation.success_rate")), ==, 1.0);

  /* A second demo would double every figure: it is refused and changes nothing. */
  {
    g_auto(Run) again = cli ("--database", fixture->database, "demo", NULL);
    g_autoptr(JsonNode) after = NULL;

    g_assert_cmpint (again.status, ==, 1);
    g_assert_cmpstr (again.err, !=, "");
    after = stats_json (fixture->database, "2023", NULL);
    g_assert_cmpint (at_int (after, "mediation.received"), ==, 14);
  }
}

/* Export every ledger (as .csv, or as .xlsx), import the files into an empty database: the
 * same figures; importing them once more adds nothing. */
static void
test_export_import_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *order[] = { "communities", "compounds", "cases", "trainings", "outreach", "elections" };
  const char *extension = data;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_auto(Run) demo = cli ("--database", fixture->database, "demo", NULL);

  g_assert_cmpint (demo.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.%s", fixture->dir, order[i], extension);
      g_auto(Run) exported = cli ("--database", fixture->database, "export", order[i], "-o", file, NULL);
      g_auto(Run) imported = { 0, NULL, NULL };
      g_auto(Run) again = { 0, NULL, NULL };
      gint64 count = count_rows (fixture->database, fazhi_ledger_lookup (order[i])->id);
      g_autofree char *already = NULL;

      g_assert_cmpint (exported.status, ==, 0);
      imported = cli ("--database", copy, "import", order[i], file, NULL);
      if (imported.status != 0)
        g_printerr ("%s", imported.err);
      g_assert_cmpint (imported.status, ==, 0);
      g_assert_cmpint (count_rows (copy, fazhi_ledger_lookup (order[i])->id), ==, count);

      again = cli ("--database", copy, "import", order[i], file, NULL);
      g_assert_cmpint (again.status, ==, 0);
      g_assert_cmpint (count_rows (copy, fazhi_ledger_lookup (order[i])->id), ==, count);
      already = g_strdup_printf ("Imported 0 records into %s\n%" G_GINT64_FORMAT " row%s already in the ledger",
                                 order[i], count, count == 1 ? " was" : "s were");
      g_assert_nonnull (strstr (again.out, already));
    }

  for (const char *const *year = (const char *[]) { "2022", "2023", "2024", NULL }; *year; year++)
    for (const char *const *quarter = (const char *[]) { "", "1", "2", "3", "4", NULL }; *quarter; quarter++)
      {
        const char *q = (*quarter)[0] != '\0' ? *quarter : NULL;
        g_autoptr(JsonNode) original = stats_json (fixture->database, *year, q);
        g_autoptr(JsonNode) reimported = stats_json (copy, *year, q);

        g_assert_true (json_node_equal (original, reimported));
      }
}

static void
test_export_period (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "q1.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "cases.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) demo = cli ("--database", fixture->database, "demo", NULL);
  g_auto(Run) run = cli ("--database", fixture->database, "export", "cases", "--year", "2023",
                         "--quarter", "1", "-o", file, NULL);
  g_auto(Run) xlsx_run = cli ("--database", fixture->database, "export", "cases", "-o", xlsx, NULL);
  g_auto(Run) wrong = cli ("--database", fixture->database, "export", "cases", "-o", "cases.pdf", NULL);
  g_auto(GStrv) lines = NULL;
  gsize length = 0;

  g_assert_cmpint (demo.status, ==, 0);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_true (strstr (lines[0], "受理日期") != NULL);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_assert_true (strstr (lines[i], ",2023-01-") != NULL || strstr (lines[i], ",2023-02-") != NULL
                   || strstr (lines[i], ",2023-03-") != NULL);
  g_assert_cmpint (xlsx_run.status, ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (xlsx, &contents, &length, NULL));
  g_assert_cmpmem (contents, 2, "PK", 2);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_false (g_file_test ("cases.pdf", G_FILE_TEST_EXISTS));
}

/* A bad row refuses the whole file, names the file, line and column, and writes nothing. */
static void
test_bad_import (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "cases.csv",
                                      "类别,事由,受理日期\n"
                                      "法律咨询,房屋租赁咨询,2023-02-01\n"
                                      "法律咨询,继承咨询,2023-02-30\n");
  g_autofree char *empty = write_file (fixture, "empty.csv", "");
  g_auto(Run) init = cli ("--database", fixture->database, "init", NULL);
  g_auto(Run) run = cli ("--database", fixture->database, "import", "cases", path, NULL);
  g_auto(Run) run_empty = cli ("--database", fixture->database, "import", "cases", empty, NULL);

  g_assert_cmpint (init.status, ==, 0);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (strstr (run.err, "cases.csv:3:") != NULL);
  g_assert_true (strstr (run.err, "受理日期") != NULL);
  g_assert_true (strstr (run.err, "2023-02-30") != NULL);
  g_assert_cmpint (run_empty.status, ==, 1);
  g_assert_true (strstr (run_empty.err, "empty.csv") != NULL);
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, 0);
}

/* A sheet as a clerk keeps it: a title above the header, no 类别 column; the dry run, a
 * value for the whole sheet, importing again, --update, and each refusal. */
static void
test_import_clerk_sheet (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "调解.csv",
                                      "2023年人民调解台账\n"
                                      "序号,当事人,对方当事人,受理时间,纠纷类别,纠纷简要情况,调解结果,结案时间\n"
                                      "1,张三,李四,2023-03-05,婚姻家庭纠纷,离婚财产分割,调解成功,2023-03-20\n"
                                      "2,王五,赵六,2023/4/1,邻里纠纷,噪音扰民,,\n"
                                      "合计,2件\n");
  g_autofree char *changed = write_file (fixture, "调解-改.csv",
                                         "序号,当事人,对方当事人,受理时间,纠纷类别,纠纷简要情况,调解结果,结案时间\n"
                                         "1,张三,李四,2023-03-05,婚姻家庭纠纷,离婚财产分割,调解成功,2023-03-20\n"
                                         "2,王五,赵六,2023/4/1,邻里纠纷,噪音扰民,调解不成功,2023-04-09\n");
  g_autofree char *fake = write_file (fixture, "台账.xlsx", "序号,事由\n1,咨询\n");
  g_autofree char *workbook = g_build_filename (g_getenv ("FAZHI_TEST_SRCDIR"), "fixtures", "cases.xlsx", NULL);
  g_auto(Run) init = cli ("--database", fixture->database, "init", NULL);
  g_auto(Run) no_kind = cli ("--database", fixture->database, "import", "cases", path, NULL);
  g_auto(Run) dry = cli ("--database", fixture->database, "import", "cases", path, "--set", "kind=人民调解",
                         "--dry-run", NULL);
  g_auto(Run) bad_value = cli ("--database", fixture->database, "import", "cases", path, "--set", "kind=调停",
                               NULL);
  g_auto(Run) bad_set = cli ("--database", fixture->database, "import", "cases", path, "--set", "kind", NULL);
  g_auto(Run) bad_map = cli ("--database", fixture->database, "import", "cases", path, "--map", "当事人=party",
                             NULL);
  g_auto(Run) not_xlsx = cli ("--database", fixture->database, "import", "cases", fake, NULL);
  g_auto(Run) no_sheet = cli ("--database", fixture->database, "import", "cases", workbook, "--sheet", "调解",
                              NULL);
  g_auto(Run) sheet_dry = cli ("--database", fixture->database, "import", "cases", workbook, "--sheet", "3",
                               "--set", "kind=consultation", "--map", "备注=title", "--dry-run", NULL);
  g_auto(Run) first = { 0, NULL, NULL };
  g_auto(Run) again = { 0, NULL, NULL };
  g_auto(Run) update = { 0, NULL, NULL };

  g_assert_cmpint (init.status, ==, 0);
  g_assert_cmpint (no_kind.status, ==, 1);
  g_assert_nonnull (strstr (no_kind.err, "调解.csv: the required column “类别” (kind) is missing"));
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "Would add 2, update 0; already in the ledger: 0; rows with problems: 0"));
  g_assert_nonnull (strstr (dry.err, "调解.csv:5: a row of totals"));
  g_assert_cmpint (bad_value.status, ==, 1);
  g_assert_nonnull (strstr (bad_value.err, "“调停”"));
  g_assert_cmpint (bad_set.status, ==, 2);
  g_assert_cmpint (bad_map.status, ==, 1);
  g_assert_nonnull (strstr (bad_map.err, "“party” is not a field"));
  g_assert_cmpint (not_xlsx.status, ==, 1);
  g_assert_nonnull (strstr (not_xlsx.err, "台账.xlsx"));
  g_assert_cmpint (no_sheet.status, ==, 1);
  g_assert_nonnull (strstr (no_sheet.err, "“案件”"));
  /* Row 7 of the sheet 案件 has no 备注, which is the 事由 here. */
  g_assert_cmpint (sheet_dry.status, ==, 1);
  g_assert_nonnull (strstr (sheet_dry.out, "Would add 2, update 0; already in the ledger: 0; rows with problems: 1"));
  g_assert_nonnull (strstr (sheet_dry.err, "cases.xlsx, sheet “案件”, row 7: 备注 is required"));
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, 0);

  first = cli ("--database", fixture->database, "import", "cases", path, "--set", "kind=mediation", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "Imported 2 records into cases"));
  again = cli ("--database", fixture->database, "import", "cases", path, "--set", "kind=mediation", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "2 rows were already in the ledger"));
  update = cli ("--database", fixture->database, "import", "cases", changed, "--set", "kind=mediation",
                "--update", NULL);
  g_assert_cmpint (update.status, ==, 0);
  g_assert_nonnull (strstr (update.out, "Updated 1 record\n1 row was already in the ledger"));
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, 2);
}

/* edit, delete, trash and history: the same rules as the window, nothing written on bad input,
 * every change in the history. */
static void
test_records (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "cases.csv",
                                      "编号,类别,事由,申请人,受理日期\n"
                                      "A-1,mediation,漏水纠纷,张三,2023-03-01\n");
  g_auto(Run) imported = cli ("--database", fixture->database, "import", "cases", path, NULL);
  g_auto(Run) edited = cli ("--database", fixture->database, "edit", "cases", "A-1", "受理日期=2023-03-05",
                            "respondent=李四", NULL);
  g_auto(Run) bad = cli ("--database", fixture->database, "edit", "cases", "A-1", "received_on=2023-02-30", NULL);
  g_auto(Run) unknown = cli ("--database", fixture->database, "edit", "cases", "A-9", "notes=x", NULL);
  g_auto(Run) no_field = cli ("--database", fixture->database, "edit", "cases", "A-1", "colour=red", NULL);
  g_auto(Run) deleted = { 0, NULL, NULL };
  g_auto(Run) trash = { 0, NULL, NULL };
  g_auto(Run) restored = { 0, NULL, NULL };
  g_auto(Run) history = { 0, NULL, NULL };
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (imported.status, ==, 0);
  g_assert_cmpint (edited.status, ==, 0);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "2023-02-30"));
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "“A-9”"));
  g_assert_cmpint (no_field.status, ==, 2);

  deleted = cli ("--database", fixture->database, "delete", "cases", "A-1", NULL);
  g_assert_cmpint (deleted.status, ==, 0);
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, 0);
  trash = cli ("--database", fixture->database, "trash", NULL);
  g_assert_cmpint (trash.status, ==, 0);
  g_assert_nonnull (strstr (trash.out, "\tcases\tid:1\tA-1 · 2023-03-05 · 漏水纠纷 · 张三 · 李四\n"));
  restored = cli ("--database", fixture->database, "trash", "--restore", "cases", "A-1", NULL);
  g_assert_cmpint (restored.status, ==, 0);
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, 1);

  history = cli ("--database", fixture->database, "history", "cases", "A-1", NULL);
  g_assert_cmpint (history.status, ==, 0);
  lines = g_strsplit (history.out, "\n", -1);
  g_assert_nonnull (strstr (lines[0], "\"action\": \"import\", \"source\": \"cases.csv\""));
  g_assert_nonnull (strstr (history.out, "\"action\": \"update\", \"source\": null, \"field\": \"received_on\", "
                                         "\"old\": \"2023-03-01\", \"new\": \"2023-03-05\"}"));
  g_assert_nonnull (strstr (history.out, "\"by\": \"测试员\""));
  g_assert_nonnull (strstr (history.out, "\"action\": \"delete\""));
  g_assert_nonnull (strstr (history.out, "\"action\": \"restore\""));
  g_assert_null (strstr (history.out, "2023-02-30"));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char text[] = "This is a letter, not a ledger.\n";
  g_autofree char *path = write_file (fixture, "letter.txt", text);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *after = NULL;
  g_auto(Run) run = cli ("--database", path, "stats", "--year", "2023", NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (strstr (run.err, "letter.txt") != NULL);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static char *
write_many_cases (Fixture    *fixture,
                  const char *name,
                  const char *title,
                  guint       n)
{
  g_autoptr(GString) csv = g_string_new ("kind,title,received_on,count\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "consultation,%s %u,2024-%02u-%02u,%u\n", title, i, 1 + i % 12, 1 + i % 28, 1 + i % 3);

  return write_file (fixture, name, csv->str);
}

/* SIGKILL in the middle of an import: the database stays sound and holds all of it or none. */
static void
test_killed_import (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint n = 200000;
  g_autofree char *path = write_many_cases (fixture, "many.csv", "咨询", n);
  g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) init = cli ("--database", fixture->database, "init", NULL);
  g_auto(Run) check = { 0, NULL, NULL };
  gint64 count;

  g_assert_cmpint (init.status, ==, 0);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FAZHI_CLI"), "--database",
                                         fixture->database, "import", "cases", path, NULL);
  g_assert_no_error (error);
  g_usleep (G_USEC_PER_SEC / 2);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  check = cli ("--database", fixture->database, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  count = count_rows (fixture->database, FAZHI_LEDGER_CASES);
  g_assert_true (count == 0 || count == n);
}

/* Two programs importing into one database at once: the busy timeout makes one wait. */
static void
test_concurrent_writers (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *first = write_many_cases (fixture, "first.csv", "甲", 20000);
  g_autofree char *second = write_many_cases (fixture, "second.csv", "乙", 20000);
  g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) init = cli ("--database", fixture->database, "init", NULL);

  g_assert_cmpint (init.status, ==, 0);
  a = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FAZHI_CLI"), "--database",
                                   fixture->database, "import", "cases", first, NULL);
  g_assert_no_error (error);
  b = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FAZHI_CLI"), "--database",
                                   fixture->database, "import", "cases", second, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (b, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, 40000);
}

static void
test_backup_and_check (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "backup.db", NULL);
  g_auto(Run) demo = cli ("--database", fixture->database, "demo", NULL);
  g_auto(Run) backup = cli ("--database", fixture->database, "backup", "-o", copy, NULL);
  g_auto(Run) check = cli ("--database", copy, "check", NULL);
  g_auto(Run) self = cli ("--database", fixture->database, "backup", "-o", fixture->database, NULL);

  g_assert_cmpint (demo.status, ==, 0);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpint (self.status, ==, 2);
  for (FazhiLedgerId l = 0; l < FAZHI_N_LEDGERS; l++)
    g_assert_cmpint (count_rows (copy, l), ==, count_rows (fixture->database, l));
}

/* The backups of fazhi-cli: what `backups` lists, by reason and with its counts. */
static JsonArray *
backups_json (const char *database,
              JsonNode  **root)
{
  g_auto(Run) run = cli ("--database", database, "backups", "--json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run.status, ==, 0);
  *root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*root));
  return json_node_get_array (*root);
}

static JsonObject *
backup_of_reason (JsonArray  *backups,
                  const char *reason)
{
  for (guint i = 0; i < json_array_get_length (backups); i++)
    {
      JsonObject *backup = json_array_get_object_element (backups, i);

      if (g_strcmp0 (json_object_get_string_member (backup, "reason"), reason) == 0)
        return backup;
    }

  g_error ("no %s backup", reason);
  return NULL;
}

static gint64
backup_count (JsonObject *backup,
              const char *ledger)
{
  return json_object_get_int_member (json_object_get_object_member (backup, "counts"), ledger);
}

/* backup without -o into backups/, an import's backup, the list, and a restore that says which
 * backup of the ledger it made first. */
static void
test_backups_and_restore (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *csv = write_many_cases (fixture, "more.csv", "新增", 5);
  g_autofree char *manual_name = NULL;
  g_auto(Run) demo = cli ("--database", fixture->database, "demo", NULL);
  g_auto(Run) backup = cli ("--database", fixture->database, "backup", NULL);
  gint64 cases = count_rows (fixture->database, FAZHI_LEDGER_CASES);
  g_auto(Run) import = cli ("--database", fixture->database, "import", "cases", csv, NULL);
  g_auto(Run) table = cli ("--database", fixture->database, "backups", NULL);
  g_auto(Run) restore = { 0, NULL, NULL };
  g_auto(Run) check = { 0, NULL, NULL };
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) listed_after = NULL;
  g_autofree char *cases_text = g_strdup_printf (" %" G_GINT64_FORMAT " ", cases);
  JsonArray *backups;
  JsonObject *manual, *before_import, *before_restore;

  g_assert_cmpint (demo.status, ==, 0);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_nonnull (strstr (backup.err, "backups/ledger-20261128-"));
  g_assert_nonnull (strstr (backup.err, "-manual"));
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, cases + 5);

  g_assert_cmpint (table.status, ==, 0);
  g_test_message ("%s", table.out);
  g_assert_nonnull (strstr (table.out, "Made by hand"));
  g_assert_nonnull (strstr (table.out, "Before an import"));
  g_assert_nonnull (strstr (table.out, "cases"));
  g_assert_nonnull (strstr (table.out, cases_text));

  backups = backups_json (fixture->database, &listed);
  g_assert_cmpint (json_array_get_length (backups), ==, 2);
  manual = backup_of_reason (backups, "manual");
  before_import = backup_of_reason (backups, "import");
  g_assert_cmpint (backup_count (manual, "cases"), ==, cases);
  g_assert_cmpint (backup_count (before_import, "cases"), ==, cases);
  g_assert_cmpint (backup_count (manual, "communities"), ==, count_rows (fixture->database, FAZHI_LEDGER_COMMUNITIES));
  g_assert_cmpint (json_object_get_int_member (manual, "size"), >, 0);
  g_assert_true (json_object_get_null_member (manual, "error"));

  /* By its name alone, as the list shows it. */
  manual_name = g_path_get_basename (json_object_get_string_member (manual, "path"));
  restore = cli ("--database", fixture->database, "restore", manual_name, NULL);
  g_assert_cmpint (restore.status, ==, 0);
  g_test_message ("%s", restore.err);
  g_assert_nonnull (strstr (restore.err, manual_name));
  g_assert_nonnull (strstr (restore.err, "The ledger as it was before is kept in"));
  g_assert_nonnull (strstr (restore.err, "-restore"));
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, cases);

  backups = backups_json (fixture->database, &listed_after);
  g_assert_cmpint (json_array_get_length (backups), ==, 3);
  before_restore = backup_of_reason (backups, "restore");
  g_assert_cmpint (backup_count (before_restore, "cases"), ==, cases + 5);
  g_assert_nonnull (strstr (restore.err, json_object_get_string_member (before_restore, "path")));

  check = cli ("--database", fixture->database, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
}

static char *
write_newer_database (Fixture *fixture)
{
  g_autofree char *future = g_strdup_printf ("PRAGMA journal_mode = WAL; PRAGMA application_id = %d; "
                                             "PRAGMA user_version = 99; CREATE TABLE cases (id INTEGER PRIMARY KEY)",
                                             0x467a4c67);
  char *path = g_build_filename (fixture->dir, "newer.db", NULL);
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, future, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  return path;
}

/* restore refuses what is not a ledger, or a newer version's, and changes nothing. */
static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *letter = write_file (fixture, "letter.txt", "Dear clerk,\n");
  g_autofree char *newer = write_newer_database (fixture);
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_auto(Run) demo = cli ("--database", fixture->database, "demo", NULL);
  gint64 cases = count_rows (fixture->database, FAZHI_LEDGER_CASES);
  g_auto(Run) text = cli ("--database", fixture->database, "restore", letter, NULL);
  g_auto(Run) future = cli ("--database", fixture->database, "restore", newer, NULL);
  g_auto(Run) itself = cli ("--database", fixture->database, "restore", fixture->database, NULL);
  g_auto(Run) nothing = cli ("--database", fixture->database, "restore", NULL);

  g_assert_cmpint (demo.status, ==, 0);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_nonnull (strstr (text.err, "letter.txt is not a Fazhi Ledger database"));
  g_assert_cmpint (future.status, ==, 1);
  g_test_message ("%s", future.err);
  g_assert_nonnull (strstr (future.err, "newer.db was made by a newer version of Fazhi Ledger"));
  g_assert_cmpint (itself.status, ==, 1);
  g_assert_cmpint (nothing.status, ==, 2);
  g_assert_cmpint (count_rows (fixture->database, FAZHI_LEDGER_CASES), ==, cases);
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
}

/* A ledger of a newer version is refused with a message saying so, and left byte for byte. */
static void
test_newer_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *newer = write_newer_database (fixture);
  gsize before_length = 0, after_length = 0;
  g_autofree char *before = fazhi_test_read_file (newer, &before_length);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (newer, "-wal", NULL);
  g_auto(Run) stats = cli ("--database", newer, "stats", "--year", "2023", NULL);
  g_auto(Run) init = cli ("--database", newer, "init", NULL);

  g_assert_cmpint (stats.status, ==, 1);
  g_assert_cmpint (init.status, ==, 1);
  g_test_message ("%s", init.err);
  g_assert_nonnull (strstr (init.err, "newer.db was written by a newer version of Fazhi Ledger (schema 99"));
  after = fazhi_test_read_file (newer, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static gint64
file_size (const char *path)
{
  GStatBuf buffer;

  return g_stat (path, &buffer) == 0 ? (gint64) buffer.st_size : -1;
}

/* kill -9 during a restore, in the middle of the copy and at a moment chosen blindly: the
 * ledger is the old one or the new one, whole and sound. */
static void
test_killed_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *big = g_build_filename (fixture->dir, "big.db", NULL);
  g_autofree char *wal = g_strconcat (fixture->database, "-wal", NULL);
  g_auto(Run) large = cli ("--database", big, "demo", "--scale", "50000", NULL);
  g_auto(Run) demo = cli ("--database", fixture->database, "demo", NULL);
  gint64 old_count = count_rows (fixture->database, FAZHI_LEDGER_CASES);
  gint64 new_count = count_rows (big, FAZHI_LEDGER_CASES);

  g_assert_cmpint (large.status, ==, 0);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_cmpint (new_count, >, old_count);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(Run) check = { 0, NULL, NULL };
      gint64 waited = 0, count;

      process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FAZHI_CLI"), "--database",
                                             fixture->database, "restore", big, NULL);
      g_assert_no_error (error);
      if (round == 0)
        /* In the middle of the copy: the WAL grows as the pages go in. */
        while (file_size (wal) < 4 * 1024 * 1024 && waited < 10 * G_USEC_PER_SEC)
          {
            g_usleep (500);
            waited += 500;
          }
      else
        g_usleep (75 * 1000);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("round %u: %s", round,
                      g_subprocess_get_if_signaled (process) ? "killed" : "done before the kill");

      check = cli ("--database", fixture->database, "check", NULL);
      g_assert_cmpint (check.status, ==, 0);
      count = count_rows (fixture->database, FAZHI_LEDGER_CASES);
      g_assert_true (count == old_count || count == new_count);
      if (round == 0 && g_subprocess_get_if_signaled (process))
        g_assert_cmpint (count, ==, old_count);
    }
}

static int
file_mode (const char *path)
{
  GStatBuf buffer;

  g_assert_cmpint (g_stat (path, &buffer), ==, 0);
  return buffer.st_mode & 0777;
}

/* The database, its -wal and -shm, the backups and the exports are the clerk's alone, whatever
 * the umask fazhi-cli was started with. */
static void
test_files_private (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = write_many_cases (fixture, "many.csv", "咨询", 100000);
  g_autofree char *folder = g_build_filename (fixture->dir, "private", NULL);
  g_autofree char *database = g_build_filename (folder, "ledger.db", NULL);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database, "-shm", NULL);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);
  g_autofree char *import_backup = NULL;
  g_autofree char *exported_csv = g_build_filename (fixture->dir, "cases.csv", NULL);
  g_autofree char *exported_xlsx = g_build_filename (fixture->dir, "cases.xlsx", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  mode_t umask_before = umask (022);
  gint64 waited = 0;

  {
    g_auto(Run) init = cli ("--database", database, "init", NULL);

    g_assert_cmpint (init.status, ==, 0);
  }
  g_assert_cmpint (file_mode (folder), ==, 0700);
  g_assert_cmpint (file_mode (database), ==, 0600);

  /* An import killed once it has backed up the ledger and begun writing leaves its -wal and
   * -shm behind. */
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FAZHI_CLI"), "--database",
                                         database, "import", "cases", csv, NULL);
  g_assert_no_error (error);
  while (waited < 10 * G_USEC_PER_SEC)
    {
      g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
      const char *name;

      while (dir != NULL && import_backup == NULL && (name = g_dir_read_name (dir)) != NULL)
        if (strstr (name, "-import") != NULL && g_str_has_suffix (name, ".db"))
          {
            g_autofree char *path = g_build_filename (backups, name, NULL);

            if (file_size (path) > 0)
              import_backup = g_steal_pointer (&path);
          }
      if (import_backup != NULL && file_size (wal) > 0)
        break;
      g_usleep (1000);
      waited += 1000;
    }
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_nonnull (import_backup);
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);
  g_assert_cmpint (file_mode (backups), ==, 0700);
  g_assert_cmpint (file_mode (import_backup), ==, 0600);

  {
    g_auto(Run) to_csv = cli ("--database", database, "export", "cases", "-o", exported_csv, NULL);
    g_auto(Run) to_xlsx = cli ("--database", database, "export", "cases", "-o", exported_xlsx, NULL);
    g_auto(Run) backup = cli ("--database", database, "backup", "-o", copy, NULL);

    g_assert_cmpint (to_csv.status, ==, 0);
    g_assert_cmpint (to_xlsx.status, ==, 0);
    g_assert_cmpint (backup.status, ==, 0);
  }
  g_assert_cmpint (file_mode (exported_csv), ==, 0600);
  g_assert_cmpint (file_mode (exported_xlsx), ==, 0600);
  g_assert_cmpint (file_mode (copy), ==, 0600);
  g_assert_cmpint (file_mode (database), ==, 0600);

  umask (umask_before);
}

/* An import that fills the disk (a 2 MB tmpfs): exit 1, a message that says the disk is full
 * and names the database, and the ledger as it was, sound. */
static void
test_import_disk_full (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *few = write_many_cases (fixture, "few.csv", "少量", 10);
  g_autofree char *many = write_many_cases (fixture, "many.csv", "大量的咨询记录写满磁盘", 60000);
  g_autofree char *disk = g_build_filename (fixture->dir, "disk", NULL);
  g_autofree char *database = g_build_filename (disk, "ledger.db", NULL);
  g_autofree char *why = NULL;
  g_auto(Run) first = { 0, NULL, NULL };
  g_auto(Run) full = { 0, NULL, NULL };
  g_auto(Run) check = { 0, NULL, NULL };
  gint64 count;

  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);
  if (!fazhi_test_mount_tmpfs (disk, "2m", &why))
    {
      g_test_skip (why);
      return;
    }

  first = cli ("--database", database, "import", "cases", few, NULL);
  full = cli ("--database", database, "import", "cases", many, NULL);
  check = cli ("--database", database, "check", NULL);
  count = count_rows (database, FAZHI_LEDGER_CASES);
  fazhi_test_unmount (disk);

  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpint (full.status, ==, 1);
  g_test_message ("%s", full.err);
  g_assert_nonnull (strstr (full.err, "the disk is full"));
  g_assert_nonnull (strstr (full.err, database));
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpint (count, ==, 10);
}

/* A ledger in a network folder (a FUSE mount here) is refused, pointing to the shared ledger. */
static void
test_network_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *real = g_build_filename (fixture->dir, "real", NULL);
  g_autofree char *mount = g_build_filename (fixture->dir, "mount", NULL);
  g_autofree char *database = g_build_filename (mount, "ledger.db", NULL);
  g_autofree char *real_database = g_build_filename (real, "ledger.db", NULL);
  g_autofree char *why = NULL;
  g_auto(Run) init = { 0, NULL, NULL };

  g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (mount, 0700), ==, 0);
  if (!fazhi_test_mount_fuse (real, mount, &why))
    {
      g_test_skip (why);
      return;
    }
  init = cli ("--database", database, "init", NULL);
  fazhi_test_unmount (mount);

  g_assert_cmpint (init.status, ==, 1);
  g_test_message ("%s", init.err);
  g_assert_nonnull (strstr (init.err, "mount/ledger.db is in a network folder (FUSE)"));
  g_assert_nonnull (strstr (init.err, "postgresql://"));
  g_assert_false (g_file_test (real_database, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("FAZHI_CLI"));

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/init", test_init);
  ADD ("/cli/demo/reference-figures", test_demo_reproduces_reference);
  g_test_add ("/cli/export-import/round-trip/csv", Fixture, "csv", fixture_set_up,
              test_export_import_round_trip, fixture_tear_down);
  g_test_add ("/cli/export-import/round-trip/xlsx", Fixture, "xlsx", fixture_set_up,
              test_export_import_round_trip, fixture_tear_down);
  ADD ("/cli/import/clerk-sheet", test_import_clerk_sheet);
  ADD ("/cli/records", test_records);
  ADD ("/cli/export/period-and-formats", test_export_period);
  ADD ("/cli/import/bad-row", test_bad_import);
  ADD ("/cli/database/not-a-database", test_not_a_database);
  ADD ("/cli/import/killed", test_killed_import);
  ADD ("/cli/import/concurrent", test_concurrent_writers);
  ADD ("/cli/backup-and-check", test_backup_and_check);
  ADD ("/cli/backups/list-and-restore", test_backups_and_restore);
  ADD ("/cli/restore/refused", test_restore_refused);
  ADD ("/cli/restore/killed", test_killed_restore);
  ADD ("/cli/database/newer", test_newer_database);
  ADD ("/cli/database/network-folder", test_network_folder);
  ADD ("/cli/files/private", test_files_private);
  ADD ("/cli/import/disk-full", test_import_disk_full);
#undef ADD

  return g_test_run ();
}
