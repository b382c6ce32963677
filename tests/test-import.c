/* test-import.c — bringing in a sheet as clerks lay it out: found header, aliases, fixed
 * values, importing again, --update, the dry run, the preview and the remembered mapping
 *
 * The workbooks are written here with libxlsxwriter, as Excel would store them: date cells,
 * merged title cells, numbers as text.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <xlsxwriter.h>

#include "fazhi-import.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"

typedef struct
{
  char          *dir;
  FazhiDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = fazhi_test_make_dir ("fazhi-import-XXXXXX");
  path = g_build_filename (fixture->dir, "ledger.db", NULL);
  fixture->database = fazhi_test_open_database_file (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  fazhi_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* One mediation of the clerk's sheet. */
typedef struct
{
  const char *applicant;
  const char *respondent;
  const char *mediator;
  int         received[3];   /* a date cell: year, month, day */
  const char *category;
  const char *subject;
  const char *result;
  const char *concluded;     /* a text date, or NULL */
  const char *amount;        /* as typed, or NULL */
} Mediation;

static const Mediation mediations[] = {
  { "张三", "李四", "王调解", { 2023, 3, 5 }, "婚姻家庭纠纷", "离婚财产分割", "调解成功", "2023年3月20日", "1,800元" },
  { "王五", "赵六", "王调解", { 2023, 4, 1 }, "邻里纠纷", "噪音扰民", "调解不成功", "2023.4.9", NULL },
  { "孙七", "周八", "李调解", { 2023, 5, 12 }, "物业纠纷", "物业费", NULL, NULL, "１２０" },
};

/* A mediation sheet as a street office keeps it: a title merged across, a blank row, the header
 * clerks write (with 序号), a units row, the cases, a blank row, a 合计 row. @rows: how many of
 * mediations[] (then more made up, numbered). @changed_result: the first case's result. */
static char *
write_mediation_sheet (Fixture    *fixture,
                       const char *name,
                       guint       rows,
                       const char *changed_result)
{
  static const char *headers[] = {
    "序号", "当事人", "对方当事人", "调解员", "受理时间", "纠纷类别", "纠纷简要情况", "调解结果", "结案时间",
    "协议金额（元）", "联系电话",
  };
  char *path = g_build_filename (fixture->dir, name, NULL);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "调解台账");
  lxw_worksheet *other = workbook_add_worksheet (workbook, "说明");
  lxw_format *date = workbook_add_format (workbook);
  lxw_row_t row = 0;

  format_set_num_format (date, "yyyy\"年\"m\"月\"d\"日\"");
  worksheet_merge_range (sheet, 0, 0, 0, G_N_ELEMENTS (headers) - 1, "2023年人民调解工作台账", NULL);
  row = 2;
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    worksheet_write_string (sheet, row, (lxw_col_t) c, headers[c], NULL);
  row++;
  worksheet_write_string (sheet, row, 9, "（元）", NULL);
  row++;

  for (guint i = 0; i < rows; i++)
    {
      const Mediation *m = &mediations[i % G_N_ELEMENTS (mediations)];
      g_autofree char *applicant = i < G_N_ELEMENTS (mediations) ? g_strdup (m->applicant)
                                                                 : g_strdup_printf ("当事人%u", i);
      lxw_datetime received = { m->received[0], m->received[1], m->received[2], 0, 0, 0 };
      const char *result = i == 0 && changed_result != NULL ? changed_result : m->result;

      worksheet_write_number (sheet, row, 0, i + 1, NULL);
      worksheet_write_string (sheet, row, 1, applicant, NULL);
      worksheet_write_string (sheet, row, 2, m->respondent, NULL);
      worksheet_write_string (sheet, row, 3, m->mediator, NULL);
      worksheet_write_datetime (sheet, row, 4, &received, date);
      worksheet_write_string (sheet, row, 5, m->category, NULL);
      worksheet_write_string (sheet, row, 6, m->subject, NULL);
      if (result != NULL)
        worksheet_write_string (sheet, row, 7, result, NULL);
      if (m->concluded != NULL)
        worksheet_write_string (sheet, row, 8, m->concluded, NULL);
      if (m->amount != NULL)
        worksheet_write_string (sheet, row, 9, m->amount, NULL);
      worksheet_write_string (sheet, row, 10, "13812345678", NULL);
      row++;
    }
  row++;
  worksheet_write_string (sheet, row, 0, "合计", NULL);
  worksheet_write_formula_num (sheet, row, 9, "=SUM(J5:J7)", NULL, 1800);
  worksheet_write_string (other, 0, 0, "填表说明", NULL);

  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  return path;
}

static char *
query_text (FazhiDatabase *database,
            const char    *sql,
            const char    *argument)
{
  sqlite3_stmt *statement = fazhi_database_prepare (database, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (statement);
  sqlite3_bind_text (statement, 1, argument, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) == SQLITE_ROW && sqlite3_column_type (statement, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);
  return text;
}

static gint64
count_cases (Fixture *fixture)
{
  return fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES);
}

static FazhiImport *
prepare_mediations (const char *path)
{
  g_autoptr(GError) error = NULL;
  FazhiImport *import = fazhi_import_new (FAZHI_LEDGER_CASES, path, &error);

  g_assert_no_error (error);
  g_assert_true (fazhi_import_set_fixed (import, "kind", "人民调解", &error));
  g_assert_no_error (error);
  return import;
}

static gboolean
notes_contain (GPtrArray  *notes,
               const char *part)
{
  for (guint i = 0; i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static int
column_of (FazhiImport *import,
           const char  *header)
{
  for (guint c = 0; c < fazhi_import_get_n_columns (import); c++)
    if (strcmp (fazhi_import_get_column_header (import, c), header) == 0)
      return (int) c;
  return -1;
}

/* The header under a title and a blank row is found; each alias goes into its field, 序号 is
 * ignored without a word, the units row and the 合计 row are passed over. */
static void
test_clerk_sheet (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_mediation_sheet (fixture, "调解台账.xlsx", 3, NULL);
  g_autoptr(FazhiImport) import = prepare_mediations (path);
  g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();
  const FazhiLedger *cases = fazhi_ledger_get (FAZHI_LEDGER_CASES);
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL, *outcome = NULL, *status = NULL, *concluded = NULL;
  g_autofree char *amount = NULL, *received = NULL, *handler = NULL, *open_status = NULL;
  g_autofree char *number = NULL;
  static const struct { const char *header; const char *field; } expected[] = {
    { "当事人", "applicant" }, { "对方当事人", "respondent" }, { "调解员", "handler" },
    { "受理时间", "received_on" }, { "纠纷类别", "category" }, { "纠纷简要情况", "title" },
    { "调解结果", "outcome" }, { "结案时间", "concluded_on" }, { "协议金额（元）", "amount" },
    { "联系电话", "phone" },
  };

  g_assert_cmpuint (fazhi_import_get_header_row (import), ==, 3);
  g_assert_true (fazhi_import_has_header (import));
  g_assert_cmpstr (fazhi_workbook_get_sheet_name (fazhi_import_get_workbook (import),
                                                  fazhi_import_get_sheet (import)), ==, "调解台账");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int column = column_of (import, expected[i].header);

      g_assert_cmpint (column, >=, 0);
      g_assert_cmpint (fazhi_import_get_column_field (import, (guint) column), ==,
                       fazhi_ledger_field_index (cases, expected[i].field));
    }
  g_assert_cmpint (fazhi_import_get_column_field (import, (guint) column_of (import, "序号")), ==, -1);
  g_assert_cmpuint (fazhi_import_get_notes (import)->len, ==, 0);

  g_assert_cmpint (fazhi_import_run (import, fixture->database, FALSE, report, NULL, NULL, NULL, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (report->added, ==, 3);
  g_assert_cmpint (report->existing, ==, 0);
  g_assert_cmpint (count_cases (fixture), ==, 3);
  g_assert_true (notes_contain (report->notes, "调解台账.xlsx, sheet “调解台账”, row 9: a row of totals"));

  category = query_text (fixture->database, "SELECT category FROM cases WHERE applicant = ?", "张三");
  outcome = query_text (fixture->database, "SELECT outcome FROM cases WHERE applicant = ?", "张三");
  status = query_text (fixture->database, "SELECT status FROM cases WHERE applicant = ?", "张三");
  concluded = query_text (fixture->database, "SELECT concluded_on FROM cases WHERE applicant = ?", "张三");
  amount = query_text (fixture->database, "SELECT amount FROM cases WHERE applicant = ?", "张三");
  received = query_text (fixture->database, "SELECT received_on FROM cases WHERE applicant = ?", "张三");
  handler = query_text (fixture->database, "SELECT handler FROM cases WHERE applicant = ?", "王五");
  open_status = query_text (fixture->database, "SELECT status FROM cases WHERE applicant = ?", "孙七");
  number = query_text (fixture->database, "SELECT number FROM cases WHERE applicant = ?", "孙七");
  g_assert_cmpstr (category, ==, "family");
  g_assert_cmpstr (outcome, ==, "success");
  /* 办结日期 and 结果 given: concluded; neither: open. */
  g_assert_cmpstr (status, ==, "concluded");
  g_assert_cmpstr (open_status, ==, "open");
  g_assert_cmpstr (concluded, ==, "2023-03-20");
  g_assert_cmpstr (received, ==, "2023-03-05");
  g_assert_cmpstr (amount, ==, "180000");
  g_assert_cmpstr (handler, ==, "王调解");
  g_assert_true (g_str_has_suffix (number, "调字第003号"));
}

/* The same sheet again adds nothing; with a row more, only that row, numbered on. */
static void
test_import_again (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_mediation_sheet (fixture, "first.xlsx", 3, NULL);
  g_autofree char *longer = write_mediation_sheet (fixture, "longer.xlsx", 4, NULL);
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(FazhiImport) import = prepare_mediations (path);
      g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();

      g_assert_cmpint (fazhi_import_run (import, fixture->database, FALSE, report, NULL, NULL, NULL, &error),
                       ==, round == 0 ? 3 : 0);
      g_assert_no_error (error);
      g_assert_cmpint (report->existing, ==, round == 0 ? 0 : 3);
      g_assert_cmpint (count_cases (fixture), ==, 3);
    }

  {
    g_autoptr(FazhiImport) import = prepare_mediations (longer);
    g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();

    g_assert_cmpint (fazhi_import_run (import, fixture->database, FALSE, report, NULL, NULL, NULL, &error), ==, 1);
    g_assert_no_error (error);
    g_assert_cmpint (report->existing, ==, 3);
  }
  g_assert_cmpint (count_cases (fixture), ==, 4);
  number = query_text (fixture->database, "SELECT number FROM cases WHERE applicant = ?", "当事人3");
  g_assert_true (g_str_has_suffix (number, "调字第004号"));
}

/* With --update, a row already in the ledger changes exactly the fields whose cells changed; a
 * field the sheet has no column for keeps what the clerk typed in the window. */
static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = write_mediation_sheet (fixture, "before.xlsx", 3, NULL);
  g_autofree char *changed = write_mediation_sheet (fixture, "after.xlsx", 3, "调解不成功");
  const FazhiLedger *cases = fazhi_ledger_get (FAZHI_LEDGER_CASES);
  g_autoptr(FazhiImport) first = prepare_mediations (path);
  g_autoptr(FazhiImport) second = prepare_mediations (changed);
  g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *notes = NULL;
  g_autofree char *other = NULL;
  sqlite3 *handle = fazhi_database_get_handle (fixture->database);

  g_assert_cmpint (fazhi_import_run (first, fixture->database, FALSE, NULL, NULL, NULL, NULL, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE cases SET notes = '回访满意' WHERE applicant = '张三'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < cases->n_fields; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE applicant = ?",
                                              fazhi_field_column (&cases->fields[i]));

      g_ptr_array_add (before, query_text (fixture->database, sql, "张三"));
    }

  fazhi_import_set_update (second, TRUE);
  g_assert_cmpint (fazhi_import_run (second, fixture->database, FALSE, report, NULL, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (report->updated, ==, 1);
  g_assert_cmpint (report->existing, ==, 2);
  g_assert_cmpint (report->added, ==, 0);

  for (guint i = 0; i < cases->n_fields; i++)
    {
      const FazhiField *field = &cases->fields[i];
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE applicant = ?", fazhi_field_column (field));
      g_autofree char *now = query_text (fixture->database, sql, "张三");

      if (strcmp (field->key, "outcome") == 0)
        g_assert_cmpstr (now, ==, "failure");
      else
        g_assert_cmpstr (now, ==, g_ptr_array_index (before, i));
    }
  notes = query_text (fixture->database, "SELECT notes FROM cases WHERE applicant = ?", "张三");
  g_assert_cmpstr (notes, ==, "回访满意");
  other = query_text (fixture->database, "SELECT outcome FROM cases WHERE applicant = ?", "王五");
  g_assert_cmpstr (other, ==, "failure");
}

/* A sheet with a bad date: the dry run names every problem by row and column and counts what
 * would happen, the import refuses, and neither writes anything. */
static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *good = write_mediation_sheet (fixture, "good.xlsx", 2, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();
  g_autoptr(GError) error = NULL;
  gint64 before;
  const char *contents =
    "人民调解台账\n"
    "序号,当事人,对方当事人,受理时间,纠纷类别,事由,调解结果,结案时间\n"
    "1,张三,李四,2023-03-05,婚姻家庭纠纷,离婚财产分割,调解成功,2023-03-20\n"
    "2,钱九,吴十,2023-02-30,邻里纠纷,噪音,,\n"
    "3,郑一,冯二,2023-06-01,什么纠纷,漏水,调解成功,2023-05-01\n"
    "4,陈三,褚四,2023-06-02,邻里纠纷,占道,,\n";

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  {
    g_autoptr(FazhiImport) first = prepare_mediations (good);

    g_assert_cmpint (fazhi_import_run (first, fixture->database, FALSE, NULL, NULL, NULL, NULL, &error), ==, 2);
    g_assert_no_error (error);
  }
  before = count_cases (fixture);

  {
    g_autoptr(FazhiImport) import = prepare_mediations (path);

    g_assert_cmpuint (fazhi_import_get_header_row (import), ==, 2);
    g_assert_cmpint (fazhi_import_run (import, fixture->database, TRUE, report, NULL, NULL, NULL, &error), ==, -1);
    g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (count_cases (fixture), ==, before);
  g_assert_cmpint (report->added, ==, 1);     /* row 7 */
  g_assert_cmpint (report->existing, ==, 1);  /* row 3: 张三 is in the ledger */
  g_assert_cmpint (report->with_problems, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->problems, 0), "bad.csv:4: 受理时间 “2023-02-30”"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->problems, 1), "bad.csv:5: 纠纷类别 “什么纠纷”"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->problems, 2), "bad.csv:5: "));
  g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 2), "结案时间"));

  /* The import itself: the same problems, nothing written. */
  {
    g_autoptr(FazhiImport) import = prepare_mediations (path);
    g_autoptr(FazhiImportReport) real = fazhi_import_report_new ();

    g_assert_cmpint (fazhi_import_run (import, fixture->database, FALSE, real, NULL, NULL, NULL, &error), ==, -1);
    g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
    g_assert_cmpuint (real->problems->len, ==, 3);
    g_assert_true (g_str_has_prefix (error->message, "bad.csv:4: "));
  }
  g_assert_cmpint (count_cases (fixture), ==, before);
}

/* A workbook's problem names the file, the sheet and the row as WPS numbers it. */
static void
test_workbook_message (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = write_mediation_sheet (fixture, "台账.xlsx", 3, NULL);
  g_autoptr(FazhiImport) import = NULL;
  g_autoptr(GError) error = NULL;

  /* Without a kind for the sheet, every row lacks its 类别. */
  import = fazhi_import_new (FAZHI_LEDGER_CASES, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_import_run (import, fixture->database, TRUE, NULL, NULL, NULL, NULL, &error), ==, -1);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "台账.xlsx, sheet “调解台账”: the required column “类别” (kind)"));
  g_clear_error (&error);

  g_assert_false (fazhi_import_set_fixed (import, "kind", "mediations", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (fazhi_import_set_fixed (import, "类别", "mediation", &error));
  g_assert_true (fazhi_import_map_header (import, "受理时间", "notes", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_import_run (import, fixture->database, TRUE, NULL, NULL, NULL, NULL, &error), ==, -1);
  g_assert_true (g_str_has_prefix (error->message, "台账.xlsx, sheet “调解台账”: the required column “受理日期”"));
  g_clear_error (&error);

  g_assert_false (fazhi_import_map_header (import, "受理", "received_on", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* By its letter, as --map E=received_on. */
  g_assert_true (fazhi_import_map_header (import, "E", "received_on", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_import_run (import, fixture->database, TRUE, NULL, NULL, NULL, NULL, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (count_cases (fixture), ==, 0);
}

/* The preview shows the first rows as they would be stored, with their problems, and reads
 * no further. */
static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_mediation_sheet (fixture, "preview.xlsx", 300, NULL);
  g_autoptr(FazhiImport) import = prepare_mediations (path);
  const FazhiLedger *cases = fazhi_ledger_get (FAZHI_LEDGER_CASES);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = fazhi_import_preview (import, 5, &error);
  FazhiImportPreviewRow *first;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  first = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (first->row, ==, 5);
  g_assert_cmpuint (((FazhiImportPreviewRow *) g_ptr_array_index (rows, 4))->row, ==, 9);
  g_assert_cmpstr (first->values[fazhi_ledger_field_index (cases, "category")], ==, "family");
  g_assert_cmpstr (first->values[fazhi_ledger_field_index (cases, "kind")], ==, "mediation");
  g_assert_null (first->problems);

  /* Without the kind, every row shows what is missing. */
  g_assert_true (fazhi_import_set_fixed (import, "kind", NULL, &error));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = fazhi_import_preview (import, 2, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_nonnull (strstr (((FazhiImportPreviewRow *) g_ptr_array_index (rows, 1))->problems, "类别"));
}

/* A mapping chosen once is offered again for a sheet with the same header. */
static void
test_remembered_mapping (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = write_mediation_sheet (fixture, "a.xlsx", 1, NULL);
  g_autofree char *again = write_mediation_sheet (fixture, "b.xlsx", 2, NULL);
  g_autoptr(FazhiImport) first = prepare_mediations (path);
  g_autoptr(FazhiImport) second = NULL;
  g_autoptr(FazhiImport) other_ledger = NULL;
  const FazhiLedger *cases = fazhi_ledger_get (FAZHI_LEDGER_CASES);
  g_autoptr(GError) error = NULL;
  int phone = column_of (first, "联系电话");

  fazhi_import_set_column_field (first, (guint) phone, fazhi_ledger_field_index (cases, "notes"));
  g_assert_true (fazhi_import_remember_mapping (first, fixture->database, &error));
  g_assert_no_error (error);

  second = fazhi_import_new (FAZHI_LEDGER_CASES, again, &error);
  g_assert_cmpint (fazhi_import_get_column_field (second, (guint) phone), ==, fazhi_ledger_field_index (cases, "phone"));
  g_assert_null (fazhi_import_get_fixed (second, fazhi_ledger_field_index (cases, "kind")));
  g_assert_true (fazhi_import_recall_mapping (second, fixture->database));
  g_assert_cmpint (fazhi_import_get_column_field (second, (guint) phone), ==, fazhi_ledger_field_index (cases, "notes"));
  g_assert_cmpstr (fazhi_import_get_fixed (second, fazhi_ledger_field_index (cases, "kind")), ==, "人民调解");

  /* Another ledger has its own. */
  other_ledger = fazhi_import_new (FAZHI_LEDGER_TRAININGS, again, &error);
  g_assert_no_error (error);
  g_assert_false (fazhi_import_recall_mapping (other_ledger, fixture->database));
}

/* A header row given by hand, and a sheet whose rows name no field. */
static void
test_header_row (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "plain.csv", NULL);
  g_autoptr(FazhiImport) import = NULL;
  g_autoptr(GError) error = NULL;
  const char *contents = "甲,乙\n2023-03-01,培训\n";

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  import = fazhi_import_new (FAZHI_LEDGER_TRAININGS, path, &error);
  g_assert_no_error (error);
  g_assert_false (fazhi_import_has_header (import));
  g_assert_cmpuint (fazhi_import_get_header_row (import), ==, 1);
  g_assert_cmpuint (fazhi_import_get_notes (import)->len, ==, 2);
  g_assert_false (fazhi_import_set_header_row (import, 9, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (fazhi_import_map_header (import, "甲", "held_on", &error));
  g_assert_true (fazhi_import_map_header (import, "乙", "名称", &error));
  g_assert_true (fazhi_import_set_fixed (import, "attendees", "３０人", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_import_run (import, fixture->database, FALSE, NULL, NULL, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (fazhi_test_query_int (fazhi_database_get_handle (fixture->database),
                                         "SELECT attendees FROM trainings WHERE title = ?",
                                         (const char *[]) { "培训", NULL }), ==, 30);
}

/* Cancelled halfway: nothing written. */
static void
cancel_at_half (double   fraction,
                gpointer user_data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = write_mediation_sheet (fixture, "long.xlsx", 20000, NULL);
  g_autoptr(FazhiImport) import = prepare_mediations (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (fazhi_import_run (import, fixture->database, FALSE, NULL, cancel_at_half, cancellable,
                                     cancellable, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_cases (fixture), ==, 0);
}

/* A workbook LibreOffice made with a sheet for each ledger, as .xlsx and as .xls: each ledger
 * finds its own sheet and reads its aliases, units and dates. */
static void
test_ledger_sheets (Fixture       *fixture,
                    gconstpointer  data)
{
  static const FazhiLedgerId order[] = {
    FAZHI_LEDGER_COMMUNITIES, FAZHI_LEDGER_COMPOUNDS, FAZHI_LEDGER_CASES,
    FAZHI_LEDGER_TRAININGS, FAZHI_LEDGER_OUTREACH, FAZHI_LEDGER_ELECTIONS,
  };
  static const char *sheets[] = {
    [FAZHI_LEDGER_COMMUNITIES] = "村社区", [FAZHI_LEDGER_COMPOUNDS] = "小区", [FAZHI_LEDGER_CASES] = "调解台账",
    [FAZHI_LEDGER_TRAININGS] = "法治培训", [FAZHI_LEDGER_OUTREACH] = "普法宣传", [FAZHI_LEDGER_ELECTIONS] = "业委会换届",
  };
  static const gint64 counts[] = {
    [FAZHI_LEDGER_COMMUNITIES] = 2, [FAZHI_LEDGER_COMPOUNDS] = 2, [FAZHI_LEDGER_CASES] = 3,
    [FAZHI_LEDGER_TRAININGS] = 2, [FAZHI_LEDGER_OUTREACH] = 2, [FAZHI_LEDGER_ELECTIONS] = 1,
  };
  g_autofree char *name = g_strdup_printf ("ledgers.%s", (const char *) data);
  g_autofree char *path = g_build_filename (g_getenv ("FAZHI_TEST_SRCDIR"), "fixtures", name, NULL);
  struct { const char *sql; const char *expected; } checks[] = {
    { "SELECT kind FROM communities WHERE name = '红星村'", "village" },
    { "SELECT households || '/' || (SELECT name FROM communities WHERE id = community_id) FROM compounds "
      "WHERE name = '阳光花园'", "300/东风社区" },
    { "SELECT received_on || ' ' || amount FROM cases WHERE applicant = '孙七'", "2023-05-12 12000" },
    { "SELECT category || ' ' || outcome || ' ' || status || ' ' || concluded_on || ' ' || amount FROM cases "
      "WHERE applicant = '张三'", "family success concluded 2023-03-20 180000" },
    { "SELECT form || ' ' || audience || ' ' || attendees || ' ' || hours FROM trainings WHERE held_on = '2023-02-15'",
      "lecture staff 70 150" },
    { "SELECT title || ' ' || hours FROM trainings WHERE held_on = '2023-06-08'", "行政执法培训 200" },
    { "SELECT theme || ' ' || channel || ' ' || materials || ' ' || reached FROM outreach WHERE held_on = '2023-04-15'",
      "security offline 1200 300" },
    { "SELECT stage || ' ' || owners_total || ' ' || area_total FROM elections", "preparing 300 2500050" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      FazhiLedgerId ledger = order[i];
      g_autoptr(FazhiImport) import = NULL;
      g_autoptr(FazhiImportReport) report = fazhi_import_report_new ();
      g_autoptr(GError) error = NULL;

      import = fazhi_import_new (ledger, path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (fazhi_workbook_get_sheet_name (fazhi_import_get_workbook (import),
                                                      fazhi_import_get_sheet (import)), ==, sheets[ledger]);
      if (ledger == FAZHI_LEDGER_CASES)
        g_assert_true (fazhi_import_set_fixed (import, "kind", "mediation", &error));
      g_assert_cmpint (fazhi_import_run (import, fixture->database, FALSE, report, NULL, NULL, NULL, &error), >=, 1);
      g_assert_no_error (error);
      g_assert_cmpint (fazhi_database_count (fixture->database, ledger), ==, counts[ledger]);
      if (ledger == FAZHI_LEDGER_CASES)
        g_assert_true (notes_contain (report->notes, "sheet “调解台账”, row 9: a row of totals"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *statement = fazhi_database_prepare (fixture->database, checks[i].sql, NULL);

      g_assert_nonnull (statement);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, checks[i].expected);
      sqlite3_reset (statement);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/clerk-sheet", test_clerk_sheet);
  ADD ("/import/again", test_import_again);
  ADD ("/import/update", test_update);
  ADD ("/import/dry-run", test_dry_run);
  ADD ("/import/workbook-message", test_workbook_message);
  ADD ("/import/preview", test_preview);
  ADD ("/import/remembered-mapping", test_remembered_mapping);
  ADD ("/import/header-row", test_header_row);
  ADD ("/import/cancel", test_cancel);
  g_test_add ("/import/ledger-sheets/xlsx", Fixture, "xlsx", fixture_set_up, test_ledger_sheets, fixture_tear_down);
  g_test_add ("/import/ledger-sheets/xls", Fixture, "xls", fixture_set_up, test_ledger_sheets, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
