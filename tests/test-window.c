/* test-window.c — the window's widgets driven for real, under a display
 *
 * Each test types into the rows, picks from the drop-downs and activates the actions a clerk
 * would, then checks what the widgets show against the database, read through a connection of
 * its own (the fixture of fazhi-test-ui.c, which also fails a test on any warning).
 */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "fazhi-application.h"
#include "fazhi-compat.h"
#include "fazhi-civil-code.h"
#include "fazhi-demo.h"
#include "fazhi-ledger-page.h"
#include "fazhi-record-editor.h"
#include "fazhi-store.h"
#include "fazhi-term-warnings.h"
#include "fazhi-test-ui.h"
#include "fazhi-test-util.h"
#include "fazhi-value.h"
#include "fazhi-window.h"

static void
test_create_case (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *title = "楼上漏水协商咨询";
  FazhiLedgerPage *page;
  FazhiRecordEditor *editor;
  GtkWidget *count_row, *in_progress, *cell;
  g_autoptr(FazhiRecord) listed = NULL;
  g_autoptr(FazhiRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;

  save_case (fixture, "mediation", "相邻通行纠纷", "2026-10-02");
  /* The office was asked for already, and left for later (test-first-start.c). */
  g_assert_true (fazhi_database_set_setting (fixture->database, "office_asked", "1", &error));
  g_assert_no_error (error);
  page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  show_in_window (fixture, GTK_WIDGET (page));
  g_assert_cmpuint (n_items (page), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL));
  WAIT_UNTIL ((editor = (FazhiRecordEditor *) find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL)) != NULL);
  watch (fixture, editor);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  /* A new case starts from today. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fazhi_record_editor_get_row (editor, "received_on"))), ==,
                   TODAY);

  type_into (editor, "title", title);
  type_into (editor, "applicant", "钱多多");
  choose_in_combo (fazhi_record_editor_get_row (editor, "kind"),
                   choice_name (FAZHI_LEDGER_CASES, "kind", "consultation"));

  /* A consultation counts the persons consulted: that row appears, under its meaning. */
  count_row = fazhi_record_editor_get_row (editor, "count");
  WAIT_UNTIL (gtk_widget_get_mapped (count_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (count_row)), ==,
                   fazhi_case_count_name ("consultation"));
  type_into (editor, "count", "3");

  in_progress = find_widget (fazhi_record_editor_get_row (editor, "status"), GTK_TYPE_TOGGLE_BUTTON, NULL, "label",
                             choice_name (FAZHI_LEDGER_CASES, "status", "in_progress"));
  g_assert_nonnull (in_progress);
  gtk_widget_activate (in_progress);
  WAIT_UNTIL (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (in_progress)));

  g_assert_true (fazhi_record_editor_can_save (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL) == NULL);

  /* In the page: one more row, that row is the case typed, and the list shows it. */
  g_assert_cmpuint (n_items (page), ==, 2);
  listed = listed_record (page, "title", title);
  g_assert_nonnull (listed);
  WAIT_UNTIL ((cell = find_widget (GTK_WIDGET (page), GTK_TYPE_INSCRIPTION, NULL, "text", title)) != NULL
              && gtk_widget_get_mapped (cell));

  /* In the database, as typed. */
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 2);
  loaded = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, fazhi_record_get_id (listed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get (loaded, "title"), ==, title);
  g_assert_cmpstr (fazhi_record_get (loaded, "kind"), ==, "consultation");
  g_assert_cmpstr (fazhi_record_get (loaded, "applicant"), ==, "钱多多");
  g_assert_cmpstr (fazhi_record_get (loaded, "received_on"), ==, TODAY);
  g_assert_cmpstr (fazhi_record_get (loaded, "status"), ==, "in_progress");
  g_assert_cmpstr (fazhi_record_get (loaded, "count"), ==, "3");
  g_assert_false (fazhi_text_is_blank (fazhi_record_get (loaded, "number")));
}

static void
test_impossible_date (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  FazhiRecordEditor *editor;
  GtkWidget *save_button, *problem_label;
  const char *problem;

  editor = show_editor (fixture, record);
  save_button = find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, NULL, "action-name", "editor.save");
  g_assert_nonnull (save_button);

  /* The subject is required, but a form just opened does not scold for it. */
  g_assert_false (fazhi_record_editor_can_save (editor));
  g_assert_cmpstr (fazhi_record_editor_get_problem (editor, "title"), ==, "");

  type_into (editor, "title", "婚姻家庭纠纷");
  type_into (editor, "received_on", "2023-02-30");
  drain_events ();
  g_assert_false (fazhi_record_editor_can_save (editor));
  g_assert_false (gtk_widget_is_sensitive (save_button));

  /* The message names the field and what was typed, and stands under the field. */
  problem = fazhi_record_editor_get_problem (editor, "received_on");
  g_assert_nonnull (strstr (problem, "2023-02-30"));
  g_assert_nonnull (strstr (problem, fazhi_field_display_name (field_of (FAZHI_LEDGER_CASES, "received_on"))));
  problem_label = find_widget (GTK_WIDGET (editor), GTK_TYPE_LABEL, "error", "label", problem);
  g_assert_nonnull (problem_label);
  WAIT_UNTIL (gtk_widget_get_mapped (problem_label));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  drain_events ();
  g_assert_nonnull (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL));
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 0);

  type_into (editor, "received_on", "2023-02-28");
  drain_events ();
  g_assert_true (fazhi_record_editor_can_save (editor));
  g_assert_cmpstr (fazhi_record_editor_get_problem (editor, "received_on"), ==, "");
  g_assert_true (gtk_widget_is_sensitive (save_button));
  WAIT_UNTIL (!gtk_widget_get_mapped (problem_label));
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  FazhiLedgerPage *page;
  GtkSelectionModel *selection;
  g_autoptr(FazhiRecord) chosen = NULL;
  g_autoptr(FazhiRecord) gone = NULL;
  g_autoptr(FazhiRecord) back = NULL;
  g_autoptr(FazhiRecord) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *title;

  save_case (fixture, "mediation", "邻里噪音纠纷", "2026-03-02");
  save_case (fixture, "consultation", "劳动合同咨询", "2026-05-14");
  save_case (fixture, "review", "租赁合同审查", "2026-08-20");
  save_case (fixture, "mediation", "停车位纠纷", "2026-10-09");
  page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  show_in_window (fixture, GTK_WIDGET (page));
  g_assert_cmpuint (n_items (page), ==, 4);

  /* Nothing is selected until the clerk selects it: nothing to edit, nothing to delete. */
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW,
                                                                       NULL, NULL, NULL)));
  for (guint i = 0; i < 4; i++)
    g_assert_false (gtk_selection_model_is_selected (selection, i));
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.delete", NULL);
  drain_events ();
  g_assert_null (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL));
  g_assert_cmpuint (n_items (page), ==, 4);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 4);

  fazhi_ledger_page_select (page, 1);
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  chosen = g_list_model_get_item (G_LIST_MODEL (fazhi_ledger_page_get_model (page)), 1);
  title = fazhi_record_get (chosen, "title");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, fazhi_record_get_id (chosen));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.delete", NULL));
  WAIT_UNTIL (n_items (page) == 3);
  g_assert_null ((gone = listed_record (page, "title", title)));
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 3);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases WHERE id = ?", (const char *[]) { id, NULL }),
                   ==, 0);
  /* The record that took its place is not selected: a second Delete deletes nothing. */
  for (guint i = 0; i < 3; i++)
    g_assert_false (gtk_selection_model_is_selected (selection, i));
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.delete", NULL);
  drain_events ();
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.undo", NULL));
  WAIT_UNTIL (n_items (page) == 4);
  back = listed_record (page, "title", title);
  g_assert_nonnull (back);
  g_assert_cmpint (fazhi_record_get_id (back), ==, fazhi_record_get_id (chosen));
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 4);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases WHERE id = ? AND uuid = ?",
                              (const char *[]) { id, fazhi_record_get_uuid (chosen), NULL }), ==, 1);
  restored = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, fazhi_record_get_id (chosen), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_record_get_uuid (restored), ==, fazhi_record_get_uuid (chosen));
  g_assert_cmpstr (fazhi_record_get (restored, "number"), ==, fazhi_record_get (chosen, "number"));

  /* One undo per delete. */
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.undo", NULL);
  drain_events ();
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 4);
}

/* The number the count label starts with. */
static guint64
shown_count (FazhiLedgerPage *page)
{
  GtkWidget *label = find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "numeric", NULL, NULL);
  const char *text;
  char *end;
  guint64 count;

  g_assert_nonnull (label);
  text = gtk_label_get_text (GTK_LABEL (label));
  count = g_ascii_strtoull (text, &end, 10);
  g_assert_true (end != text);

  return count;
}

/* How many of the list's cells on screen show @text (those out of sight are not kept up to date). */
static guint
cells_showing (FazhiLedgerPage *page,
               const char      *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint shown = 0;

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_INSCRIPTION, NULL, "text", text, found);
  for (guint i = 0; i < found->len; i++)
    shown += gtk_widget_get_mapped (g_ptr_array_index (found, i));
  return shown;
}

/* The page lists, and its label counts, what SELECT count(*) finds with the same conditions. */
static void
assert_filtered (Fixture         *fixture,
                 FazhiLedgerPage *page,
                 GString         *where,
                 GPtrArray       *values)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM cases WHERE %s", where->str);
  gint64 expected;

  g_ptr_array_add (values, NULL);
  expected = sql_count (fixture, sql, (const char * const *) values->pdata);
  g_ptr_array_remove_index (values, values->len - 1);
  g_test_message ("%s → %" G_GINT64_FORMAT, where->str, expected);
  WAIT_UNTIL (n_items (page) == (guint) expected);
  WAIT_UNTIL (shown_count (page) == (guint64) expected);
}

static void
test_filter_count (Fixture       *fixture,
                   gconstpointer  data)
{
  FazhiLedgerPage *page;
  GtkDropDown *status_dropdown, *quarter_dropdown;
  g_autoptr(GString) where = g_string_new ("kind = 'mediation'");
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autofree char *chosen = NULL;
  g_autofree char *quarter_start = NULL;
  g_auto(GStrv) filters = NULL;
  GtkAdjustment *adjustment;
  guint all, filtered, consultations;
  int quarter;

  fill_with_sample (fixture);
  page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  show_in_window (fixture, GTK_WIDGET (page));
  all = n_items (page);
  g_assert_cmpint (all, ==, sql_count (fixture, "SELECT count(*) FROM cases", NULL));
  g_assert_cmpuint (shown_count (page), ==, all);

  /* The narrowest filters that still leave mediations of 2023 to count: status, quarter, community. */
  chosen = sql_text (fixture,
                     "SELECT t.status || '|' || ((CAST (substr (t.received_on, 6, 2) AS INTEGER) + 2) / 3) "
                     "       || '|' || c.name "
                     "FROM cases AS t JOIN communities AS c ON c.id = t.community_id "
                     "WHERE t.kind = 'mediation' AND t.received_on LIKE '2023-%' "
                     "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", NULL);
  filters = g_strsplit (chosen, "|", 3);
  quarter = (int) g_ascii_strtoll (filters[1], NULL, 10);
  quarter_start = g_strdup_printf ("2023-%02d-01", 3 * quarter - 2);
  quarter_dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, NULL, "tooltip-text",
                                                 _("Quarter")));
  g_assert_nonnull (quarter_dropdown);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (quarter_dropdown)));

  /* Scrolled down, then filtered: the list starts again at the top, and the rows it keeps show
   * the records now at their places, none of the kind filtered out. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW,
                                                                              NULL, NULL, NULL)));
  WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  consultations = cells_showing (page, choice_name (FAZHI_LEDGER_CASES, "kind", "consultation"));
  g_assert_cmpuint (consultations, >, 0);
  choose_in_dropdown (page, fazhi_field_display_name (field_of (FAZHI_LEDGER_CASES, "kind")),
                      choice_name (FAZHI_LEDGER_CASES, "kind", "mediation"));
  assert_filtered (fixture, page, where, values);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_cmpuint (cells_showing (page, choice_name (FAZHI_LEDGER_CASES, "kind", "consultation")), ==, 0);
  g_assert_cmpuint (cells_showing (page, choice_name (FAZHI_LEDGER_CASES, "kind", "mediation")), >, 0);
  /* The rows that were out of sight read their records when they come into view. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  WAIT_UNTIL (gtk_adjustment_get_value (adjustment) > 0);
  drain_events ();
  g_assert_cmpuint (cells_showing (page, choice_name (FAZHI_LEDGER_CASES, "kind", "consultation")), ==, 0);
  g_assert_cmpuint (cells_showing (page, choice_name (FAZHI_LEDGER_CASES, "kind", "mediation")), >, 0);

  /* The status through the page's call: its drop-down follows. */
  fazhi_ledger_page_set_choice_filter (page, "status", filters[0]);
  status_dropdown = choose_in_dropdown (page, fazhi_field_display_name (field_of (FAZHI_LEDGER_CASES, "status")), NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (status_dropdown), ==,
                    string_position (gtk_drop_down_get_model (status_dropdown),
                                     choice_name (FAZHI_LEDGER_CASES, "status", filters[0])));
  g_string_append (where, " AND status = ?");
  g_ptr_array_add (values, g_strdup (filters[0]));
  assert_filtered (fixture, page, where, values);

  choose_in_dropdown (page, _("Year"), "2023");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (quarter_dropdown)));
  g_string_append (where, " AND received_on BETWEEN '2023-01-01' AND '2023-12-31'");
  assert_filtered (fixture, page, where, values);

  /* Whole year, Q1 … Q4. */
  gtk_drop_down_set_selected (quarter_dropdown, quarter);
  g_string_append (where, " AND received_on BETWEEN ? AND date (?, '+3 months', '-1 day')");
  g_ptr_array_add (values, g_strdup (quarter_start));
  g_ptr_array_add (values, g_strdup (quarter_start));
  assert_filtered (fixture, page, where, values);

  choose_in_dropdown (page, _("Village or community"), filters[2]);
  g_string_append (where, " AND community_id = (SELECT id FROM communities WHERE name = ?)");
  g_ptr_array_add (values, g_strdup (filters[2]));
  assert_filtered (fixture, page, where, values);
  filtered = n_items (page);
  g_assert_cmpuint (filtered, >, 0);
  g_assert_cmpuint (filtered, <, all);

  /* A case saved elsewhere that the filters let through comes into the list, and they stay. */
  fazhi_record_set (record, "kind", "mediation");
  fazhi_record_set (record, "title", "楼道堆物纠纷");
  fazhi_record_set (record, "received_on", quarter_start);
  fazhi_record_set (record, "community", filters[2]);
  fazhi_record_set (record, "status", filters[0]);
  if (g_str_equal (filters[0], "concluded"))
    {
      fazhi_record_set (record, "concluded_on", quarter_start);
      fazhi_record_set (record, "outcome", "success");
    }
  save (fixture, record);
  assert_filtered (fixture, page, where, values);
  g_assert_cmpuint (n_items (page), ==, filtered + 1);
}

/* Runs inside the application, after its activation opened the window. */
static void
switch_pages_activated (GApplication *application,
                        Fixture      *fixture)
{
  static const char *names[] = { "overview", "cases", "trainings", "outreach", "elections", "report" };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  FazhiWindow *window, *second;
  GtkListBox *sidebar = NULL;
  GtkListBoxRow *selected;

  window = FAZHI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (window);
  watch (fixture, window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* The sidebar: the navigation list that is in none of the pages. */
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "navigation-sidebar", NULL, NULL, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      gboolean in_page = FALSE;

      for (guint p = 0; p < G_N_ELEMENTS (names); p++)
        in_page |= gtk_widget_is_ancestor (g_ptr_array_index (lists, i), fazhi_window_get_page (window, names[p]));
      if (!in_page)
        {
          g_assert_null (sidebar);
          sidebar = g_ptr_array_index (lists, i);
        }
    }
  g_assert_nonnull (sidebar);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *page = fazhi_window_get_page (window, names[i]);
      g_autofree char *last_page = NULL;

      g_assert_nonnull (page);
      g_assert_true (FAZHI_IS_LEDGER_PAGE (page) == (i >= 1 && i <= 4));
      fazhi_window_show_page (window, names[i]);
      g_assert_cmpstr (fazhi_window_get_page_name (window), ==, names[i]);
      WAIT_UNTIL (gtk_widget_get_mapped (page));
      last_page = g_settings_get_string (settings, "last-page");
      g_assert_cmpstr (last_page, ==, names[i]);
      selected = gtk_list_box_get_selected_row (sidebar);
      g_assert_cmpint (selected != NULL ? gtk_list_box_row_get_index (selected) : -1, ==, i);
    }

  /* A page that does not exist (an old setting) shows the cases. */
  fazhi_window_show_page (window, "no-such-page");
  g_assert_cmpstr (fazhi_window_get_page_name (window), ==, "cases");

  /* The sidebar's rows, backwards, activated as a click does. */
  for (guint i = G_N_ELEMENTS (names); i-- > 0;)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, i);
      g_autofree char *last_page = NULL;

      g_assert_nonnull (row);
      gtk_widget_activate (GTK_WIDGET (row));
      WAIT_UNTIL (g_strcmp0 (fazhi_window_get_page_name (window), names[i]) == 0);
      WAIT_UNTIL (gtk_widget_get_mapped (fazhi_window_get_page (window, names[i])));
      last_page = g_settings_get_string (settings, "last-page");
      g_assert_cmpstr (last_page, ==, names[i]);
    }
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (names)));

  /* The next window opens where the last one was left. */
  fazhi_window_show_page (window, "outreach");
  second = fazhi_window_new (FAZHI_APPLICATION (application));
  watch (fixture, second);
  g_assert_cmpstr (fazhi_window_get_page_name (second), ==, "outreach");

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (application);
}

static void
test_switch_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FazhiApplication) application = fazhi_application_new ();
  g_autoptr(GError) error = NULL;

  watch (fixture, application);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  fazhi_application_set_database (application, fixture->database);

  /* Run, so that the application opens its window itself, and lets go of it when the test is done. */
  g_signal_connect_after (application, "activate", G_CALLBACK (switch_pages_activated), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 0, NULL), ==, 0);
}

static void
assert_verdicts (GPtrArray    *rows,
                 FazhiVerdict  quorum_owners,
                 FazhiVerdict  quorum_area,
                 FazhiVerdict  approval_owners,
                 FazhiVerdict  approval_area)
{
  const FazhiVerdict expected[] = { quorum_owners, quorum_area, approval_owners, approval_area };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, FAZHI_CHECK_QUORUM_OWNERS + i);
      GtkWidget *icon = g_object_get_data (G_OBJECT (row), "fazhi-icon");
      FazhiVerdict verdict = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "fazhi-verdict"));

      g_test_message ("%s: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                      adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
      g_assert_cmpint (verdict, ==, expected[i]);
      /* What the clerk sees says the same. */
      g_assert_nonnull (icon);
      g_assert_true (gtk_widget_has_css_class (icon, "success") == (verdict == FAZHI_VERDICT_PASS));
      g_assert_true (gtk_widget_has_css_class (icon, "error") == (verdict == FAZHI_VERDICT_FAIL));
    }
}

static void
test_election_checks (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *compound_name = "翠湖家园";
  g_autoptr(FazhiRecord) compound = fazhi_record_new (FAZHI_LEDGER_COMPOUNDS);
  g_autoptr(FazhiRecord) election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  FazhiRecordEditor *editor;
  GtkWidget *group;

  fazhi_record_set (compound, "name", compound_name);
  fazhi_record_set (compound, "households", "300");
  fazhi_record_set (compound, "area", "30000");
  fazhi_record_set (compound, "term_end", "2027-01-31");
  save (fixture, compound);

  fazhi_record_set (election, "started_on", "2026-10-08");
  editor = show_editor (fixture, election);
  choose_in_combo (fazhi_record_editor_get_row (editor, "compound"), compound_name);

  group = find_widget (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_GROUP, NULL, "title", _("What the Law Requires"));
  g_assert_nonnull (group);
  collect_widgets (group, ADW_TYPE_ACTION_ROW, NULL, NULL, NULL, rows);
  g_assert_cmpuint (rows->len, ==, FAZHI_N_CHECKS);

  /* The totals are left to the compound's households and area, as the ledger says. Exactly ⅔
   * takes part; exactly half does not approve. */
  type_into (editor, "owners_voted", "200");
  type_into (editor, "area_voted", "20000");
  type_into (editor, "owners_approved", "100");
  type_into (editor, "area_approved", "10000.01");
  assert_verdicts (rows, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS, FAZHI_VERDICT_FAIL, FAZHI_VERDICT_PASS);

  /* 199 of 300 is short of ⅔; 100 of 199 is more than half. */
  type_into (editor, "owners_voted", "199");
  assert_verdicts (rows, FAZHI_VERDICT_FAIL, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS);

  type_into (editor, "owners_voted", "200");
  type_into (editor, "owners_approved", "101");
  assert_verdicts (rows, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS);

  /* A total typed in the form takes the compound's place. */
  type_into (editor, "owners_total", "302");
  assert_verdicts (rows, FAZHI_VERDICT_FAIL, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS, FAZHI_VERDICT_PASS);
}

/* Compounds whose committee's term ends within the warning window, or has ended, and for whose
 * coming term no election has started (a failed one does not count). ?1 is today. */
#define DUE_COMPOUNDS                                                                                  \
  "FROM compounds AS c WHERE c.term_end IS NOT NULL "                                                  \
  "AND c.term_end <= date (?1, '+' || (SELECT value FROM settings WHERE key = 'term_warning_days') || ' days') " \
  "AND NOT EXISTS (SELECT 1 FROM elections AS e WHERE e.compound_id = c.id AND e.stage <> 'failed' "   \
  "                AND e.started_on >= date (c.term_end, '-1 year'))"

static void
test_term_warnings (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *today[] = { TODAY, NULL };
  g_autoptr(FazhiRecord) election = fazhi_record_new (FAZHI_LEDGER_ELECTIONS);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *first_due = NULL;
  FazhiTermWarnings *warnings;
  gint64 expected;

  fill_with_sample (fixture);
  expected = sql_count (fixture, "SELECT count(*) " DUE_COMPOUNDS, today);
  g_assert_cmpint (expected, >, 0);

  warnings = fazhi_term_warnings_new (fixture->database);
  show_in_window (fixture, GTK_WIDGET (warnings));
  g_assert_cmpuint (fazhi_term_warnings_get_count (warnings), ==, expected);
  collect_widgets (GTK_WIDGET (warnings), ADW_TYPE_ACTION_ROW, NULL, NULL, NULL, rows);
  g_assert_cmpuint (rows->len, ==, expected);

  /* An election started for one of them takes it off the list. */
  first_due = sql_text (fixture, "SELECT c.name " DUE_COMPOUNDS " ORDER BY c.name LIMIT 1", today);
  fazhi_record_set (election, "compound", first_due);
  fazhi_record_set (election, "started_on", TODAY);
  save (fixture, election);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) " DUE_COMPOUNDS, today), ==, expected - 1);
  WAIT_UNTIL (fazhi_term_warnings_get_count (warnings) == expected - 1);
  g_ptr_array_set_size (rows, 0);
  collect_widgets (GTK_WIDGET (warnings), ADW_TYPE_ACTION_ROW, NULL, NULL, NULL, rows);
  g_assert_cmpuint (rows->len, ==, expected - 1);
}

static void
test_unsaved_close (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  FazhiRecordEditor *editor;
  GtkWidget *dialog;

  fazhi_record_set (record, "received_on", TODAY);

  /* Typed and not saved: closing asks first, and keeping goes on with what was typed. */
  editor = show_editor (fixture, record);
  type_into (editor, "title", "宅基地边界纠纷");
  gtk_window_close (GTK_WINDOW (editor));
  WAIT_UNTIL ((dialog = fazhi_alert_find (GTK_WINDOW (editor))) != NULL);
  watch (fixture, dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  fazhi_alert_respond (dialog, "keep");
  WAIT_UNTIL (fazhi_alert_find (NULL) == NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fazhi_record_editor_get_row (editor, "title"))), ==,
                   "宅基地边界纠纷");

  /* Asked again (Escape, Cancel), discarding closes it and saves nothing. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  WAIT_UNTIL ((dialog = fazhi_alert_find (GTK_WINDOW (editor))) != NULL);
  watch (fixture, dialog);
  fazhi_alert_respond (dialog, "discard");
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL) == NULL);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM cases", NULL), ==, 0);

  /* Typed and taken back is nothing typed. */
  editor = show_editor (fixture, record);
  type_into (editor, "title", "临时");
  type_into (editor, "title", "");
  gtk_window_close (GTK_WINDOW (editor));
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL) == NULL);
  g_assert_null (fazhi_alert_find (NULL));

  /* Nothing typed: it closes at once. */
  editor = show_editor (fixture, record);
  gtk_window_close (GTK_WINDOW (editor));
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL) == NULL);
  g_assert_null (fazhi_alert_find (NULL));
}

int
main (int   argc,
      char *argv[])
{
  fazhi_test_ui_init (&argc, &argv);

  g_test_add ("/window/create-case", Fixture, NULL, fixture_set_up, test_create_case, fixture_tear_down);
  g_test_add ("/window/impossible-date", Fixture, NULL, fixture_set_up, test_impossible_date, fixture_tear_down);
  g_test_add ("/window/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/window/filter-count", Fixture, NULL, fixture_set_up, test_filter_count, fixture_tear_down);
  g_test_add ("/window/switch-pages", Fixture, NULL, fixture_set_up, test_switch_pages, fixture_tear_down);
  g_test_add ("/window/election-checks", Fixture, NULL, fixture_set_up, test_election_checks, fixture_tear_down);
  g_test_add ("/window/term-warnings", Fixture, NULL, fixture_set_up, test_term_warnings, fixture_tear_down);
  g_test_add ("/window/unsaved-close", Fixture, NULL, fixture_set_up, test_unsaved_close, fixture_tear_down);

  return g_test_run ();
}
