/* test-import-dialog.c — the import assistant driven as a clerk drives it, under a display
 *
 * Each test writes a sheet as offices keep them (a title row above the header, a column the
 * ledger has no field for, a bad date), opens the assistant from a ledger page or by dropping
 * the file on the window, changes what a clerk would change, and checks what the assistant
 * shows and what reaches the database, read through a connection of the test's own.
 */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "fazhi-application.h"
#include "fazhi-compat.h"
#include "fazhi-import-dialog.h"
#include "fazhi-ledger-page.h"
#include "fazhi-test-ui.h"
#include "fazhi-test-util.h"
#include "fazhi-window.h"

#define COUNT_CASES "SELECT count(*) FROM cases"

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static FazhiLedgerPage *
show_page (Fixture       *fixture,
           FazhiLedgerId  ledger)
{
  FazhiLedgerPage *page;
  g_autoptr(GError) error = NULL;

  /* The office was asked for already, and left for later (test-first-start.c). */
  g_assert_true (fazhi_database_set_setting (fixture->database, "office_asked", "1", &error));
  g_assert_no_error (error);
  page = fazhi_ledger_page_new (fixture->database, ledger);
  show_in_window (fixture, GTK_WIDGET (page));
  return page;
}

static FazhiImportDialog *
wait_for_assistant (Fixture *fixture)
{
  FazhiImportDialog *dialog;

  WAIT_UNTIL ((dialog = (FazhiImportDialog *) find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL)) != NULL);
  watch (fixture, dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static FazhiImportDialog *
open_assistant (Fixture         *fixture,
                FazhiLedgerPage *page,
                const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_null (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL));
  fazhi_ledger_page_import_file (page, file);
  return wait_for_assistant (fixture);
}

/* The widget under @root named @name (every control of the assistant that a test drives has one). */
static GtkWidget *
named (gpointer    root,
       GType       type,
       const char *name)
{
  GtkWidget *widget = find_widget (GTK_WIDGET (root), type, NULL, "name", name);

  if (widget == NULL)
    g_error ("no %s named “%s”", g_type_name (type), name);
  return widget;
}

static GtkWidget *
column_row (FazhiImportDialog *dialog,
            guint              column)
{
  g_autofree char *name = g_strdup_printf ("column-%u", column);

  return named (dialog, ADW_TYPE_COMBO_ROW, name);
}

/* The position of the field labelled @label among a column's choices ("Ignore", then the fields). */
static guint
field_position (GtkWidget  *row,
                const char *label)
{
  GListModel *options = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 1; i < g_list_model_get_n_items (options); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (options), i), label))
      return i;

  g_error ("no field labelled “%s”", label);
}

static const char *
visible_step (FazhiImportDialog *dialog)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (named (dialog, GTK_TYPE_STACK, "steps")));
}

/* Whether @dialog is still open and running; an import that is written closes it. */
static gboolean
still_running (FazhiImportDialog *dialog)
{
  return find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == (GtkWindow *) dialog
         && fazhi_import_dialog_get_running (dialog);
}

/* Check (dry run) or Import, and the wait for the thread. */
static void
run (FazhiImportDialog *dialog,
     const char        *action)
{
  g_assert_false (fazhi_import_dialog_get_running (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), action, NULL));
  g_assert_true (fazhi_import_dialog_get_running (dialog));
  WAIT_UNTIL (!still_running (dialog));
}

/* The lines a report list (problems or notes) shows. */
static GListModel *
report_lines (FazhiImportDialog *dialog,
              const char        *name)
{
  GtkWidget *view = named (dialog, GTK_TYPE_LIST_VIEW, name);

  return gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (view))));
}

static gboolean
lines_have (GListModel *lines,
            const char *first,
            const char *second)
{
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      const char *line = gtk_string_list_get_string (GTK_STRING_LIST (lines), i);

      if (strstr (line, first) != NULL && (second == NULL || strstr (line, second) != NULL))
        return TRUE;
    }

  return FALSE;
}

static const char *
label_text (FazhiImportDialog *dialog,
            const char        *name)
{
  return gtk_label_get_text (GTK_LABEL (named (dialog, GTK_TYPE_LABEL, name)));
}

/* A label under @root that shows @text, as the clerk reads it, mapped: a toast, a cell of the
 * preview. */
static gboolean
shows_label (gpointer    root,
             const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), GTK_TYPE_LABEL, NULL, NULL, NULL, found);
  for (guint i = 0; i < found->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (found, i))
        && g_strcmp0 (gtk_label_get_text (g_ptr_array_index (found, i)), text) == 0)
      return TRUE;
  return FALSE;
}

/* A sheet with a title row above its header, a row-number column and a column of notes whose
 * text would be markup; the header finds every column but the notes'. */
#define TITLED_SHEET                                              \
  "2023年矛盾纠纷调解台账\n"                                      \
  "序号,受理日期,类别,事由,申请人,情况说明\n"                     \
  "1,2023-01-05,调解,邻里噪音纠纷,张三,A&B <内部> 未结\n"         \
  "2,2023-02-10,调解,楼道堆物纠纷,李四,\n"                        \
  "3,2023-03-15,法律咨询,劳动合同咨询,王五,\n"

static void
test_header_and_guesses (Fixture       *fixture,
                         gconstpointer  data)
{
  /* A name that would be markup, shown as written wherever it is shown. */
  g_autofree char *path = write_file (fixture, "调解<2023>&台账.csv", TITLED_SHEET);
  FazhiLedgerPage *page = show_page (fixture, FAZHI_LEDGER_CASES);
  FazhiImportDialog *dialog = open_assistant (fixture, page, path);
  GtkSpinButton *header_row = GTK_SPIN_BUTTON (named (dialog, GTK_TYPE_SPIN_BUTTON, "header-row"));
  GtkWidget *applicant, *notes, *import_button;
  g_autoptr(FazhiRecord) noise = NULL;
  const char *columns_description;

  /* The title row is passed over: the header is the second row. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (header_row), ==, 2);
  g_assert_true (shows_label (dialog, "调解<2023>&台账.csv"));
  /* A header row past the end is refused with the file's name, and the header stays. */
  gtk_spin_button_set_value (header_row, 40);
  WAIT_UNTIL (shows_label (dialog, "调解<2023>&台账.csv: row 40 is empty or past the end of the sheet"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (header_row), ==, 2);
  /* The first row as the header: its one cell is no field, and nothing is taken for one. */
  gtk_spin_button_set_value (header_row, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (column_row (dialog, 0))), ==,
                   "2023年矛盾纠纷调解台账");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (column_row (dialog, 0))), ==, 0);
  gtk_spin_button_set_value (header_row, 2);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)), _(fazhi_ledger_get (FAZHI_LEDGER_CASES)->name)));

  /* 申请人 is taken for the applicant, and says what its column holds; the notes' column is
   * no field and is ignored, its text shown as written. */
  applicant = column_row (dialog, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (applicant)), ==, "申请人");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (applicant)), ==, "E · 张三");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (applicant)), ==, field_position (applicant, "申请人"));
  notes = column_row (dialog, 5);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (notes)), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (notes)), ==, "F · A&B <内部> 未结");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (notes)));
  columns_description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (named (dialog, ADW_TYPE_PREFERENCES_GROUP, "columns")));
  g_assert_cmpstr (columns_description, !=, _("Using the columns chosen last time for this header"));

  /* The preview shows the rows as the ledger will: the kinds by name. */
  g_assert_true (shows_label (named (dialog, GTK_TYPE_GRID, "preview"),
                              choice_name (FAZHI_LEDGER_CASES, "kind", "consultation")));
  g_assert_false (shows_label (named (dialog, GTK_TYPE_GRID, "preview"), "A&B <内部> 未结"));

  /* The applicants are the respondents, and the notes are notes. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (applicant), field_position (applicant, "被申请人"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (notes), field_position (notes, "备注"));
  g_assert_true (shows_label (named (dialog, GTK_TYPE_GRID, "preview"), "A&B <内部> 未结"));

  /* Enter imports. */
  import_button = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, NULL, "action-name", "import.run");
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == import_button);
  run (dialog, "import.run");
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);

  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 3);
  WAIT_UNTIL (n_items (page) == 3);
  WAIT_UNTIL (shows_label (page, "Imported 3 records"));
  noise = listed_record (page, "title", "邻里噪音纠纷");
  g_assert_nonnull (noise);
  g_assert_cmpstr (fazhi_record_get (noise, "respondent"), ==, "张三");
  g_assert_null (fazhi_record_get (noise, "applicant"));
  g_assert_cmpstr (fazhi_record_get (noise, "notes"), ==, "A&B <内部> 未结");
  g_assert_cmpstr (fazhi_record_get (noise, "received_on"), ==, "2023-01-05");

  /* The same file again: the columns chosen last time, and nothing added twice. */
  dialog = open_assistant (fixture, page, path);
  columns_description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (named (dialog, ADW_TYPE_PREFERENCES_GROUP, "columns")));
  g_assert_cmpstr (columns_description, ==, _("Using the columns chosen last time for this header"));
  applicant = column_row (dialog, 4);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (applicant)), ==, field_position (applicant, "被申请人"));
  run (dialog, "import.run");
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
  WAIT_UNTIL (shows_label (page, "Imported 0 records · 3 already in the ledger"));
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 3);
  g_assert_cmpuint (n_items (page), ==, 3);

  /* Updating: the notes' column taken for the handler changes the one row that has it. */
  dialog = open_assistant (fixture, page, path);
  notes = column_row (dialog, 5);
  adw_combo_row_set_selected (ADW_COMBO_ROW (notes), field_position (notes, "承办人"));
  gtk_switch_set_active (GTK_SWITCH (named (dialog, GTK_TYPE_SWITCH, "update")), TRUE);
  run (dialog, "import.check");
  g_assert_cmpstr (label_text (dialog, "count-updated"), ==, "1");
  g_assert_cmpstr (label_text (dialog, "count-existing"), ==, "2");
  g_assert_cmpstr (label_text (dialog, "count-added"), ==, "0");
  run (dialog, "import.run");
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
  WAIT_UNTIL (shows_label (page, "Imported 0 records · 1 updated · 2 already in the ledger"));
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases WHERE handler = 'A&B <内部> 未结'", NULL), ==, 1);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 3);
}

/* A workbook as Excel saves it: an instructions sheet first, a hidden one, and the ledger under
 * a merged title and a line saying who made it. */
static char *
write_workbook (Fixture *fixture)
{
  static const char *headers[] = { "受理时间", "类别", "纠纷简要情况", "当事人" };
  char *path = g_build_filename (fixture->folder, "2023年台账.xlsx", NULL);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *instructions = workbook_add_worksheet (workbook, "填表说明");
  lxw_worksheet *old = workbook_add_worksheet (workbook, "旧表");
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "调解");
  lxw_format *date = workbook_add_format (workbook);
  lxw_datetime received = { 2023, 6, 18, 0, 0, 0 };

  worksheet_write_string (instructions, 0, 0, "每件纠纷填一行", NULL);
  worksheet_write_string (old, 0, 0, "作废", NULL);
  worksheet_hide (old);
  format_set_num_format (date, "yyyy\"年\"m\"月\"d\"日\"");
  worksheet_merge_range (sheet, 0, 0, 0, G_N_ELEMENTS (headers) - 1, "2023年人民调解工作台账", NULL);
  worksheet_write_string (sheet, 1, 0, "填表单位：王褚街道", NULL);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    worksheet_write_string (sheet, 2, (lxw_col_t) c, headers[c], NULL);
  worksheet_write_datetime (sheet, 3, 0, &received, date);
  worksheet_write_string (sheet, 3, 1, "调解", NULL);
  worksheet_write_string (sheet, 3, 2, "宅基地边界纠纷", NULL);
  worksheet_write_string (sheet, 3, 3, "赵六", NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  return path;
}

static void
test_workbook (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = write_workbook (fixture);
  FazhiLedgerPage *page = show_page (fixture, FAZHI_LEDGER_CASES);
  FazhiImportDialog *dialog = open_assistant (fixture, page, path);
  GtkWidget *sheet_row = named (dialog, ADW_TYPE_COMBO_ROW, "sheet");
  GListModel *sheets = adw_combo_row_get_model (ADW_COMBO_ROW (sheet_row));
  g_autoptr(FazhiRecord) record = NULL;

  /* The sheet with the ledger's header, not the instructions; the hidden one says so. */
  g_assert_cmpuint (g_list_model_get_n_items (sheets), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sheets), 1), ==, "旧表 (hidden)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sheet_row)), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (named (dialog, GTK_TYPE_SPIN_BUTTON,
                                                                              "header-row"))), ==, 3);
  /* The date cell as the ledger stores it. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (column_row (dialog, 0))), ==, "A · 2023-06-18");
  g_assert_true (shows_label (named (dialog, GTK_TYPE_GRID, "preview"), "2023-06-18"));

  /* Another sheet is read afresh: the instructions have no such columns. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (sheet_row), 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (named (dialog, GTK_TYPE_SPIN_BUTTON,
                                                                              "header-row"))), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (column_row (dialog, 0))), ==, "每件纠纷填一行");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sheet_row), 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (column_row (dialog, 0))), ==, "受理时间");

  run (dialog, "import.run");
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
  WAIT_UNTIL (n_items (page) == 1);
  record = listed_record (page, "title", "宅基地边界纠纷");
  g_assert_nonnull (record);
  g_assert_cmpstr (fazhi_record_get (record, "received_on"), ==, "2023-06-18");
  g_assert_cmpstr (fazhi_record_get (record, "kind"), ==, "mediation");
  g_assert_cmpstr (fazhi_record_get (record, "applicant"), ==, "赵六");
}

/* A consultation desk's sheet: no kind, no date; the whole sheet is one day's consultations. */
static void
test_values_for_the_whole_sheet (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "咨询登记.csv",
                                      "事由,申请人\n"
                                      "劳动合同咨询,钱多多\n"
                                      "房屋租赁咨询,孙小美\n");
  FazhiLedgerPage *page = show_page (fixture, FAZHI_LEDGER_CASES);
  FazhiImportDialog *dialog = open_assistant (fixture, page, path);
  GtkWidget *kind, *date, *problem_label;
  g_autoptr(FazhiRecord) record = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new ();

  /* Without a kind, Check says the column is missing, and nothing is written. */
  run (dialog, "import.check");
  g_assert_cmpstr (visible_step (dialog), ==, "report");
  g_assert_true (lines_have (report_lines (dialog, "problems"), "类别", "kind"));
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL);
  g_assert_cmpstr (visible_step (dialog), ==, "prepare");

  /* The required fields no column goes into, each with its row. */
  kind = named (dialog, ADW_TYPE_COMBO_ROW, "fixed-kind");
  date = named (dialog, ADW_TYPE_ENTRY_ROW, "fixed-received_on");
  g_assert_true (gtk_widget_get_mapped (kind));

  /* A date that is no date is said so under its row, and not taken. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2023-02-30");
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error", NULL, NULL, problems);
  problem_label = NULL;
  for (guint i = 0; i < problems->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (problems, i)), "2023-02-30") != NULL)
      problem_label = g_ptr_array_index (problems, i);
  g_assert_nonnull (problem_label);
  WAIT_UNTIL (gtk_widget_get_mapped (problem_label));
  choose_in_combo (kind, choice_name (FAZHI_LEDGER_CASES, "kind", "consultation"));
  run (dialog, "import.check");
  g_assert_true (lines_have (report_lines (dialog, "problems"), "受理日期", "received_on"));
  g_assert_false (lines_have (report_lines (dialog, "problems"), "类别", "kind"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL);

  gtk_editable_set_text (GTK_EDITABLE (date), "2023年3月1日");
  WAIT_UNTIL (!gtk_widget_get_mapped (problem_label));
  g_assert_true (shows_label (named (dialog, GTK_TYPE_GRID, "preview"),
                              choice_name (FAZHI_LEDGER_CASES, "kind", "consultation")));
  g_assert_true (shows_label (named (dialog, GTK_TYPE_GRID, "preview"), "2023-03-01"));
  run (dialog, "import.check");
  g_assert_cmpstr (label_text (dialog, "count-added"), ==, "2");
  g_assert_cmpstr (label_text (dialog, "count-problems"), ==, "0");
  g_assert_cmpuint (g_list_model_get_n_items (report_lines (dialog, "problems")), ==, 0);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 0);

  /* Import from the report: every row gets the kind and the date. */
  run (dialog, "import.run");
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 2);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases WHERE kind = 'consultation' "
                                       "AND received_on = '2023-03-01'", NULL), ==, 2);
  WAIT_UNTIL (n_items (page) == 2);
  record = listed_record (page, "applicant", "孙小美");
  g_assert_nonnull (record);
  g_assert_cmpstr (fazhi_record_get (record, "title"), ==, "房屋租赁咨询");
}

static void
test_check_lists_problems (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "坏日期.csv",
                                      "受理日期,类别,事由\n"
                                      "2023-01-05,调解,邻里噪音纠纷\n"
                                      "2023-02-30,调解,楼道堆物纠纷\n"
                                      "2023-03-15,调解,停车位纠纷\n");
  FazhiLedgerPage *page = show_page (fixture, FAZHI_LEDGER_CASES);
  FazhiImportDialog *dialog;
  GtkWidget *problem_list;
  g_autoptr(GPtrArray) marks = g_ptr_array_new ();
  guint marked = 0;

  save_case (fixture, "mediation", "相邻通行纠纷", "2023-01-02");
  dialog = open_assistant (fixture, page, path);

  /* The preview marks the row, and says why. */
  collect_widgets (named (dialog, GTK_TYPE_GRID, "preview"), GTK_TYPE_IMAGE, "error", NULL, NULL, marks);
  for (guint i = 0; i < marks->len; i++)
    marked += strstr (gtk_widget_get_tooltip_text (g_ptr_array_index (marks, i)), "2023-02-30") != NULL;
  g_assert_cmpuint (marks->len, ==, 1);
  g_assert_cmpuint (marked, ==, 1);
  g_assert_nonnull (strstr (label_text (dialog, "preview-problems"), "2023-02-30"));

  /* Check counts every row, lists the problem with its file and row, and writes nothing. */
  run (dialog, "import.check");
  g_assert_cmpstr (visible_step (dialog), ==, "report");
  g_assert_cmpstr (label_text (dialog, "count-added"), ==, "2");
  g_assert_cmpstr (label_text (dialog, "count-existing"), ==, "0");
  g_assert_cmpstr (label_text (dialog, "count-problems"), ==, "1");
  g_assert_cmpuint (g_list_model_get_n_items (report_lines (dialog, "problems")), ==, 1);
  g_assert_true (lines_have (report_lines (dialog, "problems"), "坏日期.csv:3:", "2023-02-30"));
  problem_list = named (dialog, GTK_TYPE_LIST_VIEW, "problems");
  WAIT_UNTIL (gtk_widget_get_mapped (problem_list));
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 1);

  /* Imported all the same: nothing, and the same list. */
  run (dialog, "import.run");
  g_assert_nonnull (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL));
  g_assert_cmpstr (visible_step (dialog), ==, "report");
  g_assert_cmpstr (label_text (dialog, "report-title"), ==, _("Nothing was imported"));
  g_assert_true (lines_have (report_lines (dialog, "problems"), "坏日期.csv:3:", "2023-02-30"));
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 1);
  g_assert_cmpuint (n_items (page), ==, 1);

  /* Escape closes it when nothing runs. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GString) sheet = g_string_new ("受理日期,类别,事由,申请人\n");
  g_autofree char *path = NULL;
  FazhiLedgerPage *page = show_page (fixture, FAZHI_LEDGER_CASES);
  FazhiImportDialog *dialog;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (sheet, "2023-%02u-%02u,调解,第%u件纠纷,当事人%u\n", i % 12 + 1, i % 28 + 1, i, i);
  path = write_file (fixture, "大台账.csv", sheet->str);
  dialog = open_assistant (fixture, page, path);

  /* Importing: closing is refused, Cancel stops it, and nothing was written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (fazhi_import_dialog_get_running (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_is_sensitive (named (dialog, GTK_TYPE_BUTTON, "stop")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  WAIT_UNTIL (!still_running (dialog));
  g_assert_true (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == GTK_WINDOW (dialog));
  WAIT_UNTIL (shows_label (dialog, "Cancelled: nothing was written"));
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 0);
  g_assert_cmpuint (n_items (page), ==, 0);

  /* Not cancelled, the same import writes every row. */
  run (dialog, "import.run");
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 20000);
  WAIT_UNTIL (n_items (page) == 20000);
}

/* Runs inside the application, once its activation opened the window. */
static void
drop_activated (GApplication *application,
                Fixture      *fixture)
{
  g_autofree char *wps = write_file (fixture, "台账.et", "WPS表格自己的格式");
  g_autofree char *trainings = write_file (fixture, "培训.csv", "日期,名称,实到人数\n2023-03-01,民法典宣讲,30\n");
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkDropTarget *target = NULL;
  FazhiImportDialog *dialog;
  FazhiWindow *window;
  GtkWidget *alert;
  gboolean named_file = FALSE;

  window = FAZHI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (window);
  watch (fixture, window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  /* Dropped on the overview: the cases take it, and a file that is no workbook is said so,
   * by name, without an assistant. */
  fazhi_window_show_page (window, "overview");
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GFile) file = g_file_new_for_path (wps);
    gboolean handled = FALSE;

    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, file);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
    g_assert_true (handled);
  }
  g_assert_cmpstr (fazhi_window_get_page_name (window), ==, "cases");
  WAIT_UNTIL ((alert = fazhi_alert_find (GTK_WINDOW (window))) != NULL);
  watch (fixture, alert);
  collect_widgets (alert, GTK_TYPE_LABEL, NULL, NULL, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    named_file |= strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "台账.et") != NULL;
  g_assert_true (named_file);
  g_assert_null (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL));
  fazhi_alert_respond (alert, "close");
  WAIT_UNTIL (fazhi_alert_find (NULL) == NULL);

  /* Dropped on the trainings: an assistant for the trainings. */
  fazhi_window_show_page (window, "trainings");
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GFile) file = g_file_new_for_path (trainings);
    gboolean handled = FALSE;

    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, file);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
    g_assert_true (handled);
  }
  dialog = wait_for_assistant (fixture);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)),
                            _(fazhi_ledger_get (FAZHI_LEDGER_TRAININGS)->name)));
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM trainings", NULL), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (application);
}

static void
test_drop_on_window (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FazhiApplication) application = fazhi_application_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_database_set_setting (fixture->database, "office_asked", "1", &error));
  g_assert_no_error (error);
  watch (fixture, application);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  fazhi_application_set_database (application, fixture->database);

  g_signal_connect_after (application, "activate", G_CALLBACK (drop_activated), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 0, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  fazhi_test_ui_init (&argc, &argv);

  g_test_add ("/import-dialog/header-and-guesses", Fixture, NULL, fixture_set_up, test_header_and_guesses,
              fixture_tear_down);
  g_test_add ("/import-dialog/workbook", Fixture, NULL, fixture_set_up, test_workbook, fixture_tear_down);
  g_test_add ("/import-dialog/values-for-the-whole-sheet", Fixture, NULL, fixture_set_up,
              test_values_for_the_whole_sheet, fixture_tear_down);
  g_test_add ("/import-dialog/check-lists-problems", Fixture, NULL, fixture_set_up, test_check_lists_problems,
              fixture_tear_down);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/import-dialog/drop-on-window", Fixture, NULL, fixture_set_up, test_drop_on_window,
              fixture_tear_down);

  return g_test_run ();
}
