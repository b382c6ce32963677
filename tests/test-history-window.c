/* test-history-window.c — the change history in the record editor, the trash and the backups,
 * driven as a clerk drives them, under a display
 *
 * Each test changes the ledger through the window (Save, Put Back, Restore, Empty Trash, Back Up
 * Now, a restore), then checks what the window shows and what reaches the database, read
 * through a connection of the test's own. The clerk's name has markup characters in it: shown as
 * markup, it would fail to parse and warn, which fails the test.
 */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fazhi-application.h"
#include "fazhi-backup.h"
#include "fazhi-backups-window.h"
#include "fazhi-compat.h"
#include "fazhi-history.h"
#include "fazhi-import-dialog.h"
#include "fazhi-ledger-page-private.h"
#include "fazhi-preferences-window.h"
#include "fazhi-record-history.h"
#include "fazhi-report-page.h"
#include "fazhi-report.h"
#include "fazhi-settings.h"
#include "fazhi-test-ui.h"
#include "fazhi-test-util.h"
#include "fazhi-trash-window.h"
#include "fazhi-value.h"
#include "fazhi-window.h"

#define CLERK "张三 <法治办> & 李"
#define COUNT_CASES "SELECT count(*) FROM cases"
#define COUNT_TRASH "SELECT count(*) FROM trash"

/* A label under @root that shows @text as written (not as markup), mapped. */
static gboolean
shows_label (gpointer    root,
             const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), GTK_TYPE_LABEL, NULL, NULL, NULL, found);
  for (guint i = 0; i < found->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (found, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) && !gtk_label_get_use_markup (label)
          && g_strcmp0 (gtk_label_get_text (label), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A toast (or any mapped label) under @root that reads @text; a toast's title is markup at the
 * floor, escaped by the program. */
static gboolean
shows_toast (gpointer    root,
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

/* A mapped label under @root whose text holds @part. */
static gboolean
shows_label_with (gpointer    root,
                  const char *part)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), GTK_TYPE_LABEL, NULL, NULL, NULL, found);
  for (guint i = 0; i < found->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (found, i))
        && strstr (gtk_label_get_text (g_ptr_array_index (found, i)), part) != NULL)
      return TRUE;
  return FALSE;
}

/* The action rows under @root titled @title (every one if NULL), in the order they are drawn. */
static GPtrArray *
rows_titled (gpointer    root,
             const char *title)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), ADW_TYPE_ACTION_ROW, NULL, title != NULL ? "title" : NULL, title, found);
  return found;
}

static const char *
subtitle_of (gpointer row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static GtkWidget *
button_named (gpointer    root,
              const char *name)
{
  GtkWidget *button = find_widget (GTK_WIDGET (root), GTK_TYPE_BUTTON, NULL, "name", name);

  g_assert_nonnull (button);
  return button;
}

/* When a change of the history was made, as the test expects the window to say it. */
static char *
local_minute (const char *utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (time);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const char *
label_of (const char *key)
{
  return fazhi_field_display_name (field_of (FAZHI_LEDGER_CASES, key));
}

static gint64
save_new_case (Fixture    *fixture,
               const char *title,
               const char *received_on)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);

  fazhi_record_set (record, "kind", "mediation");
  fazhi_record_set (record, "title", title);
  fazhi_record_set (record, "received_on", received_on);
  save (fixture, record);
  return fazhi_record_get_id (record);
}

static FazhiRecord *
load_case (Fixture *fixture,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  FazhiRecord *record = fazhi_store_load (fixture->database, FAZHI_LEDGER_CASES, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static char *
case_value (Fixture    *fixture,
            gint64      id,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(%s, '') FROM cases WHERE id = ?", column);
  g_autofree char *text_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return sql_text (fixture, sql, (const char *[]) { text_id, NULL });
}

/* Opens the editor of a stored case on its history. */
static FazhiRecordHistory *
open_history (Fixture            *fixture,
              gint64              id,
              FazhiRecordEditor **editor_out)
{
  g_autoptr(FazhiRecord) record = load_case (fixture, id);
  FazhiRecordEditor *editor = show_editor (fixture, record);
  GtkWidget *toggle = find_widget (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON, NULL, "name", "history");
  FazhiRecordHistory *history;

  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_get_visible (toggle));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  history = FAZHI_RECORD_HISTORY (find_widget (GTK_WIDGET (editor), FAZHI_TYPE_RECORD_HISTORY, NULL, NULL, NULL));
  g_assert_nonnull (history);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (history)));
  *editor_out = editor;
  return history;
}

/* The rows that head each change, newest first. */
static GPtrArray *
change_rows (FazhiRecordHistory *history)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (history), ADW_TYPE_ACTION_ROW, "fazhi-change", NULL, NULL, found);
  return found;
}

static void
test_edit_and_put_back (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FazhiRecord) fresh = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autoptr(FazhiRecord) copy = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) respondents = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) expected = NULL;
  g_autofree char *changed_at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *expected_subtitle = NULL;
  g_autofree char *value = NULL;
  g_autofree char *status_line = NULL;
  FazhiRecordEditor *editor;
  FazhiRecordHistory *history;
  GtkWidget *put_back;
  gint64 id;

  fazhi_database_set_clerk (fixture->database, CLERK);
  id = save_new_case (fixture, "邻里噪音纠纷", "2023-03-01");

  /* A new record has no history to show. */
  editor = show_editor (fixture, fresh);
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON, NULL, "name",
                                                       "history")));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The clerk moves the date, names the other party and starts on the case. */
  {
    g_autoptr(FazhiRecord) record = load_case (fixture, id);

    editor = show_editor (fixture, record);
    type_into (editor, "received_on", "2023-03-05");
    type_into (editor, "respondent", "李四");
    fazhi_record_editor_set_value (editor, "status", "in_progress");
    g_assert_true (fazhi_record_editor_can_save (editor));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
    WAIT_UNTIL (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL) == NULL);
  }
  value = case_value (fixture, id, "received_on");
  g_assert_cmpstr (value, ==, "2023-03-05");

  /* Newest first: the edit, by the clerk, then the addition. */
  history = open_history (fixture, id, &editor);
  g_assert_cmpuint (fazhi_record_history_get_n_changes (history), ==, 2);
  changes = change_rows (history);
  g_assert_cmpuint (changes->len, ==, 2);
  changed_at = sql_text (fixture, "SELECT at FROM changes WHERE action = 'update'", NULL);
  when = local_minute (changed_at);
  expected_subtitle = g_strdup_printf ("%s · %s", when, CLERK);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (changes, 0)), ==, _("Changed"));
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (changes, 0)), ==, expected_subtitle);
  g_assert_true (shows_label (history, expected_subtitle));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (changes, 1)), ==, _("Added"));

  /* Each field the edit changed, as the form shows it: a choice by its name, nothing as —. */
  dates = rows_titled (history, label_of ("received_on"));
  g_assert_cmpuint (dates->len, ==, 1);
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (dates, 0)), ==, "2023-03-01 → 2023-03-05");
  respondents = rows_titled (history, label_of ("respondent"));
  g_assert_cmpuint (respondents->len, ==, 1);
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (respondents, 0)), ==, "— → 李四");
  statuses = rows_titled (history, label_of ("status"));
  g_assert_cmpuint (statuses->len, ==, 1);
  status_line = g_strdup_printf ("%s → %s", choice_name (FAZHI_LEDGER_CASES, "status", "open"),
                                 choice_name (FAZHI_LEDGER_CASES, "status", "in_progress"));
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (statuses, 0)), ==, status_line);

  /* Something typed and not saved yet stays through a put back. */
  type_into (editor, "handler", "赵六");

  put_back = button_named (g_ptr_array_index (dates, 0), "put-back");
  g_assert_true (gtk_widget_get_sensitive (put_back));
  gtk_widget_activate (put_back);
  WAIT_UNTIL (fazhi_record_history_get_n_changes (history) == 3);
  g_free (value);
  value = case_value (fixture, id, "received_on");
  g_assert_cmpstr (value, ==, "2023-03-01");
  g_free (value);
  value = case_value (fixture, id, "handler");
  g_assert_cmpstr (value, ==, "");
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM changes WHERE action = 'revert' AND by = ?",
                              (const char *[]) { CLERK, NULL }), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fazhi_record_editor_get_row (editor, "received_on"))),
                   ==, "2023-03-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fazhi_record_editor_get_row (editor, "handler"))),
                   ==, "赵六");
  g_assert_true (shows_label_with (editor, label_of ("received_on")));

  /* The put back is a change of its own, on top; the edit's line has nothing left to put back. */
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = change_rows (history);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (changes, 0)), ==,
                   _("Put back to an earlier value"));
  g_clear_pointer (&dates, g_ptr_array_unref);
  dates = rows_titled (history, label_of ("received_on"));
  g_assert_cmpuint (dates->len, ==, 2);
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (dates, 0)), ==, "2023-03-05 → 2023-03-01");
  g_assert_true (gtk_widget_get_sensitive (button_named (g_ptr_array_index (dates, 0), "put-back")));
  g_assert_false (gtk_widget_get_sensitive (button_named (g_ptr_array_index (dates, 1), "put-back")));

  /* A value the ledger refuses is not written, and the core says why, as written. */
  copy = load_case (fixture, id);
  g_assert_false (fazhi_store_revert_field (fixture->database, copy, "kind", NULL, &expected));
  g_assert_nonnull (expected);
  g_signal_emit_by_name (history, "put-back", "kind", NULL);
  WAIT_UNTIL (shows_toast (editor, expected->message));
  g_assert_cmpuint (fazhi_record_history_get_n_changes (history), ==, 3);
  g_free (value);
  value = case_value (fixture, id, "kind");
  g_assert_cmpstr (value, ==, "mediation");
}

static guint
backup_files (Fixture    *fixture,
              const char *reason)
{
  g_autofree char *folder = g_build_filename (fixture->folder, "backups", NULL);
  g_autofree char *word = g_strdup_printf ("-%s", reason);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  /* ledger-20261128-093015-manual.db, or -manual-2.db for the next of the same second. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, word) != NULL && g_str_has_suffix (name, ".db"))
      n++;
  return n;
}

static void
test_clerk_from_preferences (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "台账.csv", NULL);
  g_autofree char *setting = NULL;
  g_autofree char *clerk = NULL;
  g_autofree char *imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiDatabase) other = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  FazhiPreferencesWindow *preferences;
  FazhiImportDialog *dialog;
  FazhiRecordEditor *editor;
  FazhiRecordHistory *history;
  GtkWidget *row;
  gint64 id;

  preferences = fazhi_preferences_window_new (fixture->database);
  watch (fixture, preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  row = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, NULL, "title",
                     _("Your name (in the change history)"));
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (row), "王五");
  setting = fazhi_settings_get_string ("clerk-name");
  g_assert_cmpstr (setting, ==, "王五");
  g_assert_cmpstr (fazhi_database_get_clerk (fixture->database), ==, "王五");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* Every connection the window opens writes as that clerk. */
  clerk = fazhi_application_dup_clerk ();
  g_assert_cmpstr (clerk, ==, "王五");
  other = fazhi_application_open_database (fazhi_database_get_path (fixture->database), clerk, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fazhi_database_get_clerk (other), ==, "王五");
  g_clear_object (&other);

  /* The import assistant's thread, on its connection, after backing the ledger up. */
  g_assert_true (g_file_set_contents (path, "受理日期,类别,事由\n2023-01-05,调解,邻里噪音纠纷\n", -1, &error));
  g_assert_no_error (error);
  dialog = fazhi_import_dialog_new (fixture->database, FAZHI_LEDGER_CASES, path, &error);
  g_assert_no_error (error);
  watch (fixture, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_IMPORT_DIALOG, NULL) == NULL);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 1);
  g_assert_cmpint (sql_count (fixture, "SELECT count(*) FROM changes WHERE action = 'import' AND by = '王五'", NULL),
                   ==, 1);
  g_assert_cmpuint (backup_files (fixture, "import"), ==, 1);

  /* The history names the clerk and the file. */
  id = sql_count (fixture, "SELECT id FROM cases", NULL);
  history = open_history (fixture, id, &editor);
  changes = change_rows (history);
  g_assert_cmpuint (changes->len, ==, 1);
  imported = g_strdup_printf (_("Imported from %s"), "台账.csv");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (changes, 0)), ==, imported);
  g_assert_true (g_str_has_suffix (subtitle_of (g_ptr_array_index (changes, 0)), " · 王五"));

  fazhi_settings_set_string ("clerk-name", "");
}

static void
delete_selected (FazhiLedgerPage *page,
                 const char      *title)
{
  GListModel *model = G_LIST_MODEL (fazhi_ledger_page_get_model (page));
  guint before = n_items (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FazhiRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (fazhi_record_get (record, "title"), title) == 0)
        fazhi_ledger_page_select (page, i);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.delete", NULL));
  WAIT_UNTIL (n_items (page) == before - 1);
}

static FazhiTrashWindow *
show_trash (Fixture *fixture)
{
  FazhiTrashWindow *trash = fazhi_trash_window_new (fixture->database);

  watch (fixture, trash);
  gtk_window_present (GTK_WINDOW (trash));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (trash)));
  return trash;
}

static GtkWidget *
wait_for_alert (GtkWindow *parent)
{
  GtkWidget *alert;

  WAIT_UNTIL ((alert = fazhi_alert_find (parent)) != NULL);
  return alert;
}

static void
test_trash (Fixture       *fixture,
            gconstpointer  data)
{
  FazhiLedgerPage *page;
  FazhiTrashWindow *trash;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *deleted_at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *number = NULL;
  GtkWidget *alert;

  fazhi_database_set_clerk (fixture->database, CLERK);
  save_new_case (fixture, "邻里噪音纠纷", "2026-03-02");
  save_new_case (fixture, "劳动合同咨询", "2026-05-14");
  save_new_case (fixture, "停车位纠纷", "2026-10-09");
  page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  show_in_window (fixture, GTK_WIDGET (page));

  /* A delete says where the record went, and its undo still brings it back from there. */
  delete_selected (page, "劳动合同咨询");
  g_assert_true (shows_toast (page, _("Moved to the trash")));
  g_assert_cmpint (sql_count (fixture, COUNT_TRASH, NULL), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.undo", NULL));
  WAIT_UNTIL (n_items (page) == 3);
  g_assert_cmpint (sql_count (fixture, COUNT_TRASH, NULL), ==, 0);

  /* The trash lists it: what it was, its ledger, when and by whom it was deleted. */
  delete_selected (page, "劳动合同咨询");
  trash = show_trash (fixture);
  g_assert_cmpuint (fazhi_trash_window_get_n_items (trash), ==, 1);
  summary = sql_text (fixture, "SELECT summary FROM trash", NULL);
  deleted_at = sql_text (fixture, "SELECT deleted_at FROM trash", NULL);
  g_assert_nonnull (strstr (summary, "劳动合同咨询"));
  when = local_minute (deleted_at);
  subtitle = g_strdup_printf (_("%s · deleted %s by %s"), _("Cases"), when, CLERK);
  rows = rows_titled (trash, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, summary);
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (rows, 0)), ==, subtitle);
  g_assert_true (shows_label (trash, subtitle));

  /* Restore puts it back in the ledger's page. */
  gtk_widget_activate (button_named (g_ptr_array_index (rows, 0), "restore"));
  WAIT_UNTIL (n_items (page) == 3);
  g_assert_nonnull (listed_record (page, "title", "劳动合同咨询"));
  g_assert_cmpint (sql_count (fixture, COUNT_TRASH, NULL), ==, 0);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 3);
  g_assert_cmpuint (fazhi_trash_window_get_n_items (trash), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (button_named (trash, "empty-trash")));
  gtk_window_destroy (GTK_WINDOW (trash));

  /* A record whose number another one has taken meanwhile cannot come back: the core says so. */
  number = sql_text (fixture, "SELECT number FROM cases WHERE title = '停车位纠纷'", NULL);
  delete_selected (page, "停车位纠纷");
  {
    g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);

    fazhi_record_set (record, "kind", "mediation");
    fazhi_record_set (record, "title", "另一起纠纷");
    fazhi_record_set (record, "received_on", "2026-10-10");
    fazhi_record_set (record, "number", number);
    save (fixture, record);
  }
  trash = show_trash (fixture);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_titled (trash, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  gtk_widget_activate (button_named (g_ptr_array_index (rows, 0), "restore"));
  WAIT_UNTIL (shows_label_with (trash, "cannot be put back"));
  g_assert_cmpint (sql_count (fixture, COUNT_TRASH, NULL), ==, 1);
  g_assert_cmpuint (fazhi_trash_window_get_n_items (trash), ==, 1);

  /* A delete while the trash is open shows up in it. */
  delete_selected (page, "邻里噪音纠纷");
  WAIT_UNTIL (fazhi_trash_window_get_n_items (trash) == 2);

  /* Empty Trash asks first; Cancel keeps everything. */
  g_assert_true (gtk_widget_is_sensitive (button_named (trash, "empty-trash")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.empty", NULL));
  alert = wait_for_alert (GTK_WINDOW (trash));
  fazhi_alert_respond (alert, "cancel");
  drain_events ();
  g_assert_cmpint (sql_count (fixture, COUNT_TRASH, NULL), ==, 2);
  g_assert_cmpuint (fazhi_trash_window_get_n_items (trash), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.empty", NULL));
  alert = wait_for_alert (GTK_WINDOW (trash));
  fazhi_alert_respond (alert, "empty");
  WAIT_UNTIL (fazhi_trash_window_get_n_items (trash) == 0);
  g_assert_cmpint (sql_count (fixture, COUNT_TRASH, NULL), ==, 0);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 2);
  g_assert_cmpuint (n_items (page), ==, 2);
}

static GPtrArray *
backup_rows (FazhiBackupsWindow *window)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, NULL, "name", "backups");
  GPtrArray *found = g_ptr_array_new ();

  g_assert_nonnull (list);
  collect_widgets (list, ADW_TYPE_ACTION_ROW, NULL, NULL, NULL, found);
  return found;
}

static void
test_backups (Fixture       *fixture,
              gconstpointer  data)
{
  FazhiBackupsWindow *window;
  FazhiLedgerPage *page;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *garbage = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *alert;

  save_new_case (fixture, "邻里噪音纠纷", "2026-03-02");
  save_new_case (fixture, "劳动合同咨询", "2026-05-14");
  page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  show_in_window (fixture, GTK_WIDGET (page));

  window = fazhi_backups_window_new (fixture->database);
  watch (fixture, window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)) && !fazhi_backups_window_is_loading (window));
  rows = backup_rows (window);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpuint (backup_files (fixture, "manual"), ==, 0);

  /* Back Up Now: a file in backups/, a row that says what it holds. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "backups.make", NULL));
  g_assert_cmpuint (backup_files (fixture, "manual"), ==, 1);
  WAIT_UNTIL (!fazhi_backups_window_is_loading (window));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = backup_rows (window);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (g_str_has_suffix (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)),
                                   fazhi_backup_reason_label (FAZHI_BACKUP_MANUAL)));
  counts = g_strdup_printf ("%s 2 · %s 0", _("Cases"), _("Trainings"));
  g_assert_nonnull (strstr (subtitle_of (g_ptr_array_index (rows, 0)), counts));

  /* More cases, then the backup restored: the ledger is the backup's again, and the page says so. */
  save_new_case (fixture, "停车位纠纷", "2026-10-09");
  save_new_case (fixture, "租赁合同审查", "2026-08-20");
  save_new_case (fixture, "楼道堆物纠纷", "2026-11-02");
  WAIT_UNTIL (n_items (page) == 5);
  gtk_widget_activate (button_named (g_ptr_array_index (rows, 0), "restore"));
  alert = wait_for_alert (GTK_WINDOW (window));
  fazhi_alert_respond (alert, "restore");
  WAIT_UNTIL (n_items (page) == 2);
  g_assert_cmpint (sql_count (fixture, COUNT_CASES, NULL), ==, 2);
  g_assert_null (listed_record (page, "title", "停车位纠纷"));
  g_assert_nonnull (listed_record (page, "title", "劳动合同咨询"));

  /* The ledger it replaced was backed up first, and is in the list. */
  g_assert_cmpuint (backup_files (fixture, "restore"), ==, 1);
  WAIT_UNTIL (!fazhi_backups_window_is_loading (window));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = backup_rows (window);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&counts, g_free);
  counts = g_strdup_printf ("%s 5 ·", _("Cases"));
  g_assert_nonnull (strstr (subtitle_of (g_ptr_array_index (rows, 0)), counts));
  g_assert_true (g_str_has_suffix (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)),
                                   fazhi_backup_reason_label (FAZHI_BACKUP_RESTORE)));

  /* A backup that cannot be read says why, and offers no restore. */
  garbage = g_build_filename (fixture->folder, "backups", "ledger-20261127-093000-daily.db", NULL);
  g_assert_true (g_file_set_contents (garbage, "not a database, whatever its name says", -1, &error));
  g_assert_no_error (error);
  fazhi_backups_window_refresh (window);
  WAIT_UNTIL (!fazhi_backups_window_is_loading (window));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = backup_rows (window);
  g_assert_cmpuint (rows->len, ==, 3);
  {
    g_autoptr(FazhiBackupInfo) info = fazhi_backup_inspect (garbage);
    GtkWidget *unreadable = g_ptr_array_index (rows, 2);

    g_autoptr(GString) said = NULL;

    /* What the core says, the file named without its folder (shown below the list). */
    g_assert_nonnull (info->error);
    g_assert_nonnull (strstr (info->error, garbage));
    said = g_string_new (info->error);
    g_string_replace (said, garbage, "ledger-20261127-093000-daily.db", 0);
    g_assert_cmpstr (subtitle_of (unreadable), ==, said->str);
    g_assert_null (strstr (subtitle_of (unreadable), fixture->folder));
    g_assert_false (gtk_widget_get_sensitive (button_named (unreadable, "restore")));
  }
}

/* The report's text comes back with a restored backup instead of being saved over it. */
static void
test_report_text_after_restore (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *stored = NULL;
  FazhiReportPage *page;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  g_assert_true (fazhi_report_text_save (fixture->database, 2026, 0, "备份时的报告", &error));
  g_assert_no_error (error);
  backup = fazhi_backup_make (fixture->database, FAZHI_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_true (fazhi_report_text_save (fixture->database, 2026, 0, "恢复前的报告", &error));
  g_assert_no_error (error);

  page = fazhi_report_page_new (fixture->database);
  show_in_window (fixture, GTK_WIDGET (page));
  fazhi_report_page_set_period (page, 2026, 0);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW, NULL, NULL,
                                                                 NULL)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "恢复前的报告");

  g_assert_true (fazhi_backup_restore (fixture->database, backup, NULL, &error));
  g_assert_no_error (error);
  WAIT_UNTIL ((g_free (shown), gtk_text_buffer_get_bounds (buffer, &start, &end),
               shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE),
               g_str_equal (shown, "备份时的报告")));
  /* Longer than the page waits before it saves. */
  {
    gint64 until = g_get_monotonic_time () + 800 * 1000;

    WAIT_UNTIL (g_get_monotonic_time () > until);
  }
  stored = sql_text (fixture, "SELECT body FROM report_texts WHERE year = 2026 AND quarter = 0", NULL);
  g_assert_cmpstr (stored, ==, "备份时的报告");
}

/* An export masks phone numbers, unless the clerk keeps them, after a warning. */
static void
test_export_keeps_phones (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autofree char *masked_path = g_build_filename (fixture->folder, "shared.csv", NULL);
  g_autofree char *kept_path = g_build_filename (fixture->folder, "moved.csv", NULL);
  g_autofree char *masked = fazhi_mask_phone ("13812345678");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  FazhiLedgerPage *page;
  GtkWidget *host;
  GtkWidget *alert;

  fazhi_record_set (record, "kind", "mediation");
  fazhi_record_set (record, "title", "邻里噪音纠纷");
  fazhi_record_set (record, "received_on", "2026-03-02");
  fazhi_record_set (record, "phone", "13812345678");
  save (fixture, record);
  /* In a libadwaita window, as in the program, where libadwaita 1.5 shows alerts inside. */
  page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  host = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (host), 1000, 700);
  adw_window_set_content (ADW_WINDOW (host), GTK_WIDGET (page));
  watch (fixture, host);
  watch (fixture, page);
  gtk_window_present (GTK_WINDOW (host));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (masked, !=, "13812345678");

  fazhi_ledger_page_export_to (page, masked_path, FALSE);
  g_assert_null (fazhi_alert_find (NULL));
  g_assert_true (g_file_get_contents (masked_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, masked));
  g_assert_null (strstr (contents, "13812345678"));

  /* Kept: asked first; Cancel writes nothing. */
  fazhi_ledger_page_export_to (page, kept_path, TRUE);
  alert = wait_for_alert (GTK_WINDOW (host));
  fazhi_alert_respond (alert, "cancel");
  drain_events ();
  g_assert_false (g_file_test (kept_path, G_FILE_TEST_EXISTS));

  fazhi_ledger_page_export_to (page, kept_path, TRUE);
  alert = wait_for_alert (GTK_WINDOW (host));
  fazhi_alert_respond (alert, "export");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (kept_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "13812345678"));
}

static void
menu_activated (GApplication *application,
                Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GtkWindow *trash, *backups;

  g_assert_true (FAZHI_IS_WINDOW (window));
  watch (fixture, window);

  /* The first start of the day: a daily backup, and the trash rid of what it kept too long. */
  WAIT_UNTIL (backup_files (fixture, "daily") == 1);
  WAIT_UNTIL (sql_count (fixture, COUNT_TRASH, NULL) == 0);

  g_action_group_activate_action (G_ACTION_GROUP (application), "trash", NULL);
  WAIT_UNTIL ((trash = find_toplevel (FAZHI_TYPE_TRASH_WINDOW, window)) != NULL);
  watch (fixture, trash);
  gtk_window_destroy (trash);
  g_action_group_activate_action (G_ACTION_GROUP (application), "backups", NULL);
  WAIT_UNTIL ((backups = find_toplevel (FAZHI_TYPE_BACKUPS_WINDOW, window)) != NULL);
  watch (fixture, backups);
  WAIT_UNTIL (!fazhi_backups_window_is_loading (FAZHI_BACKUPS_WINDOW (backups)));
  gtk_window_destroy (backups);

  gtk_window_destroy (window);
  g_application_quit (application);
}

static void
test_from_the_menu (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FazhiApplication) application = fazhi_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiRecord) record = NULL;
  gint64 id;

  /* A record deleted long ago, which the trash has kept for long enough. */
  id = save_new_case (fixture, "邻里噪音纠纷", "2020-03-02");
  record = load_case (fixture, id);
  g_assert_true (fazhi_store_delete (fixture->database, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (fazhi_database_get_handle (fixture->database),
                                 "UPDATE trash SET deleted_at = '2020-04-01T08:00:00Z'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sql_count (fixture, COUNT_TRASH, NULL), ==, 1);
  g_assert_true (fazhi_database_set_setting (fixture->database, "office_asked", "1", &error));
  g_assert_no_error (error);

  watch (fixture, application);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  fazhi_application_set_database (application, fixture->database);
  g_signal_connect_after (application, "activate", G_CALLBACK (menu_activated), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 0, NULL), ==, 0);
}

static void
daily_fails_activated (GApplication *application,
                       Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *start = g_strdup_printf (_("Today’s backup was not made: %s"), "");

  watch (fixture, window);
  WAIT_UNTIL (shows_label_with (window, start));
  gtk_window_destroy (window);
  g_application_quit (application);
}

/* A daily backup that cannot be made is said in the window, and stays said. */
static void
test_daily_backup_fails (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FazhiApplication) application = fazhi_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *in_the_way = g_build_filename (fixture->folder, "backups", NULL);

  /* A file where the folder of backups would be. */
  g_assert_true (g_file_set_contents (in_the_way, "", -1, &error));
  g_assert_no_error (error);
  g_assert_true (fazhi_database_set_setting (fixture->database, "office_asked", "1", &error));
  g_assert_no_error (error);
  watch (fixture, application);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  fazhi_application_set_database (application, fixture->database);
  g_signal_connect_after (application, "activate", G_CALLBACK (daily_fails_activated), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 0, NULL), ==, 0);
  g_assert_cmpuint (backup_files (fixture, "daily"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  fazhi_test_ui_init (&argc, &argv);

  g_test_add ("/history-window/edit-and-put-back", Fixture, NULL, fixture_set_up, test_edit_and_put_back,
              fixture_tear_down);
  g_test_add ("/history-window/clerk-from-preferences", Fixture, NULL, fixture_set_up, test_clerk_from_preferences,
              fixture_tear_down);
  g_test_add ("/history-window/trash", Fixture, NULL, fixture_set_up, test_trash, fixture_tear_down);
  g_test_add ("/history-window/backups", Fixture, NULL, fixture_set_up, test_backups, fixture_tear_down);
  g_test_add ("/history-window/report-text-after-restore", Fixture, NULL, fixture_set_up,
              test_report_text_after_restore, fixture_tear_down);
  g_test_add ("/history-window/export-keeps-phones", Fixture, NULL, fixture_set_up, test_export_keeps_phones,
              fixture_tear_down);
  g_test_add ("/history-window/from-the-menu", Fixture, NULL, fixture_set_up, test_from_the_menu, fixture_tear_down);

  g_test_add ("/history-window/daily-backup-fails", Fixture, NULL, fixture_set_up, test_daily_backup_fails,
              fixture_tear_down);

  return g_test_run ();
}
