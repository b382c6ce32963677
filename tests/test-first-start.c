/* test-first-start.c — what a new user meets first: the settings without their schema, the
 * office asked for before the first case number, the empty ledger saying what to do
 */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-application.h"
#include "fazhi-office-dialog.h"
#include "fazhi-settings.h"
#include "fazhi-test-ui.h"
#include "fazhi-test-util.h"
#include "fazhi-window.h"

/* The defaults kept without a schema are the schema's own, key for key. */
static void
test_session_defaults (void)
{
  const char * const *defaults = fazhi_settings_session_defaults ();
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;
  guint n_defaults = 0;

  source = g_settings_schema_source_new_from_directory (g_getenv ("GSETTINGS_SCHEMA_DIR"), NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);

  for (guint i = 0; defaults[i] != NULL; i += 2, n_defaults++)
    {
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) expected = NULL;
      g_autoptr(GVariant) given = g_variant_parse (NULL, defaults[i + 1], NULL, NULL, &error);

      g_test_message ("%s = %s", defaults[i], defaults[i + 1]);
      g_assert_no_error (error);
      g_assert_true (g_settings_schema_has_key (schema, defaults[i]));
      key = g_settings_schema_get_key (schema, defaults[i]);
      expected = g_settings_schema_key_get_default_value (key);
      g_assert_true (g_variant_equal (given, expected));
    }

  keys = g_settings_schema_list_keys (schema);
  g_assert_cmpuint (g_strv_length (keys), ==, n_defaults);
}

static void
no_schema_activated (GApplication *application,
                     Fixture      *fixture)
{
  FazhiWindow *window = FAZHI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  FazhiWindow *second;
  g_autofree char *clerk = NULL;
  int width, height;

  g_assert_false (fazhi_settings_are_kept ());
  g_assert_nonnull (window);
  watch (fixture, window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 720);
  g_assert_cmpstr (fazhi_window_get_page_name (window), ==, "cases");

  /* The clerk's name too: none at first (the core's default), then the one given. */
  g_assert_null (fazhi_application_dup_clerk ());
  fazhi_settings_set_string ("clerk-name", " 李四 ");
  clerk = fazhi_application_dup_clerk ();
  g_assert_cmpstr (clerk, ==, "李四");

  /* What the session changes, the session keeps. */
  fazhi_window_show_page (window, "outreach");
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_close (GTK_WINDOW (window));

  second = fazhi_window_new (FAZHI_APPLICATION (application));
  watch (fixture, second);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  g_assert_cmpstr (fazhi_window_get_page_name (second), ==, "outreach");

  gtk_window_destroy (GTK_WINDOW (second));
  g_application_quit (application);
}

/* A copied binary or a broken install: no schema anywhere GLib looks. The window comes up with the
 * defaults, keeps what the session sets, and says once on stderr what is missing. */
static void
test_no_schema (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *schema_dir = NULL;
  g_autofree char *data_dirs = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(FazhiApplication) application = fazhi_application_new ();
      g_autoptr(GError) error = NULL;

      watch (fixture, application);
      g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
      g_assert_no_error (error);
      fazhi_application_set_database (application, fixture->database);
      g_signal_connect_after (application, "activate", G_CALLBACK (no_schema_activated), fixture);
      g_assert_cmpint (g_application_run (G_APPLICATION (application), 0, NULL), ==, 0);
      return;
    }

  /* GTK reads settings while it starts, so the child has to start without the schema: it takes
   * this environment. The parent's schemas were found long ago and stay. */
  schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));

  g_setenv ("GSETTINGS_SCHEMA_DIR", fixture->folder, TRUE);
  /* Not /usr/local/share, where an earlier `meson install` may have put the schema. */
  g_setenv ("XDG_DATA_DIRS", "/usr/share", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  if (data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  else
    g_unsetenv ("XDG_DATA_DIRS");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*settings schema “" APP_ID "” is not installed*");
  g_test_trap_assert_stderr_unmatched ("*is not installed*is not installed*");
}

static FazhiOfficeDialog *
wait_for_office_dialog (Fixture *fixture)
{
  GtkWindow *dialog = NULL;

  WAIT_UNTIL ((dialog = find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL)) != NULL);
  watch (fixture, dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  return FAZHI_OFFICE_DIALOG (dialog);
}

static GtkEditable *
office_row (FazhiOfficeDialog *dialog,
            const char        *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, "title", title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static FazhiRecordEditor *
wait_for_editor (Fixture *fixture)
{
  GtkWindow *editor = NULL;

  WAIT_UNTIL ((editor = find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL)) != NULL);
  watch (fixture, editor);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (editor)));

  return FAZHI_RECORD_EDITOR (editor);
}

static void
close_editor (FazhiRecordEditor *editor)
{
  gtk_window_close (GTK_WINDOW (editor));
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL) == NULL);
}

/* The label under @root whose text holds @text, or NULL. */
static GtkWidget *
find_label_holding (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, NULL, NULL, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL)
      return g_ptr_array_index (labels, i);

  return NULL;
}

static char *
setting (Fixture    *fixture,
         const char *key)
{
  const char *values[] = { key, NULL };

  return sql_text (fixture, "SELECT coalesce ((SELECT value FROM settings WHERE key = ?), '(unset)')", values);
}

/* The first new case asks for the office; what is typed there numbers the cases, and the second
 * new case goes straight to the editor. */
static void
test_office_asked_before_first_case (Fixture       *fixture,
                                     gconstpointer  data)
{
  FazhiLedgerPage *page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  FazhiOfficeDialog *dialog;
  FazhiRecordEditor *editor;
  GtkWidget *example, *save_button;
  g_autofree char *number = NULL;
  g_autofree char *office = NULL;
  g_autofree char *prefix = NULL;

  show_in_window (fixture, GTK_WIDGET (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL);
  dialog = wait_for_office_dialog (fixture);
  g_assert_null (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL));
  /* Nothing to save until the office has a name. */
  save_button = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, NULL, "action-name", "office.save");
  g_assert_nonnull (save_button);
  g_assert_false (gtk_widget_is_sensitive (save_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "office.save", NULL);
  g_assert_nonnull (find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL));

  /* The prefix follows the name until the clerk writes one, and the example number shows it. */
  gtk_editable_set_text (office_row (dialog, _("Office name")), "王褚街道办事处");
  g_assert_cmpstr (gtk_editable_get_text (office_row (dialog, _("Case number prefix"))), ==, "王");
  g_assert_true (gtk_widget_is_sensitive (save_button));
  example = find_label_holding (GTK_WIDGET (dialog), "（2026）王调字第001号");
  g_assert_nonnull (example);
  gtk_editable_set_text (office_row (dialog, _("Case number prefix")), "褚");
  gtk_editable_set_text (office_row (dialog, _("Office name")), "王褚街道");
  g_assert_cmpstr (gtk_editable_get_text (office_row (dialog, _("Case number prefix"))), ==, "褚");
  gtk_editable_set_text (office_row (dialog, _("District")), "解放区");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "office.save", NULL));
  editor = wait_for_editor (fixture);
  g_assert_null (find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL));
  office = setting (fixture, "office_name");
  prefix = setting (fixture, "number_prefix");
  g_assert_cmpstr (office, ==, "王褚街道");
  g_assert_cmpstr (prefix, ==, "褚");

  /* The case saved from that editor is numbered with the prefix. */
  gtk_editable_set_text (GTK_EDITABLE (fazhi_record_editor_get_row (editor, "title")), "楼道堆物纠纷");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL) == NULL);
  number = sql_text (fixture, "SELECT number FROM cases", NULL);
  g_assert_cmpstr (number, ==, "（2026）褚调字第001号");

  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL);
  close_editor (wait_for_editor (fixture));
  g_assert_null (find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL));
}

/* "Later" is an answer: the case goes on without a prefix, and the question is not asked again. */
static void
test_office_later (Fixture       *fixture,
                   gconstpointer  data)
{
  FazhiLedgerPage *page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  FazhiOfficeDialog *dialog;
  g_autofree char *prefix = NULL;
  g_autofree char *office = NULL;

  show_in_window (fixture, GTK_WIDGET (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL);
  dialog = wait_for_office_dialog (fixture);
  gtk_editable_set_text (office_row (dialog, _("Office name")), "不保存的名称");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  close_editor (wait_for_editor (fixture));
  prefix = setting (fixture, "number_prefix");
  office = setting (fixture, "office_name");
  g_assert_cmpstr (prefix, ==, "");
  g_assert_cmpstr (office, ==, "");

  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL);
  close_editor (wait_for_editor (fixture));
  g_assert_null (find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL));
}

/* An import numbers cases too: it asks first. Other ledgers have no numbers and never ask, and a
 * prefix set beforehand in the preferences leaves nothing to ask. */
static void
test_office_asked_where_numbers_are_made (Fixture       *fixture,
                                          gconstpointer  data)
{
  FazhiLedgerPage *trainings = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_TRAININGS);
  FazhiLedgerPage *cases = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_CASES);
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  GtkWindow *dialog;
  g_autoptr(GError) error = NULL;

  gtk_box_append (box, GTK_WIDGET (trainings));
  gtk_box_append (box, GTK_WIDGET (cases));
  watch (fixture, trainings);
  watch (fixture, cases);
  show_in_window (fixture, GTK_WIDGET (box));

  gtk_widget_activate_action (GTK_WIDGET (trainings), "ledger.new", NULL);
  close_editor (wait_for_editor (fixture));
  g_assert_null (find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL));

  gtk_widget_activate_action (GTK_WIDGET (cases), "ledger.import", NULL);
  dialog = GTK_WINDOW (wait_for_office_dialog (fixture));
  /* Gone without an answer (the window closed under it): nothing goes on. */
  gtk_window_destroy (dialog);
  WAIT_UNTIL (find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL) == NULL);
  g_assert_null (find_toplevel (FAZHI_TYPE_RECORD_EDITOR, NULL));

  g_assert_true (fazhi_database_set_setting (fixture->database, "office_asked", "", &error));
  g_assert_true (fazhi_database_set_setting (fixture->database, "number_prefix", "王", &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (cases), "ledger.new", NULL);
  close_editor (wait_for_editor (fixture));
  g_assert_null (find_toplevel (FAZHI_TYPE_OFFICE_DIALOG, NULL));
}

/* An empty ledger offers to set up the office until the office has a name. */
static void
test_empty_ledger_offers_office (Fixture       *fixture,
                                 gconstpointer  data)
{
  FazhiLedgerPage *page = fazhi_ledger_page_new (fixture->database, FAZHI_LEDGER_OUTREACH);
  GtkWidget *button;
  g_autoptr(GError) error = NULL;

  show_in_window (fixture, GTK_WIDGET (page));
  button = find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, NULL, "action-name", "app.preferences");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));

  g_assert_true (fazhi_database_set_setting (fixture->database, "office_name", "王褚街道办事处", &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (button));

  g_assert_true (fazhi_database_set_setting (fixture->database, "office_name", "", &error));
  g_assert_true (gtk_widget_get_visible (button));
}

int
main (int   argc,
      char *argv[])
{
  fazhi_test_ui_init (&argc, &argv);

  g_test_add_func ("/first-start/session-defaults", test_session_defaults);
  g_test_add ("/first-start/no-schema", Fixture, NULL, fixture_set_up, test_no_schema, fixture_tear_down);
  g_test_add ("/first-start/office-asked-before-first-case", Fixture, NULL,
              fixture_set_up, test_office_asked_before_first_case, fixture_tear_down);
  g_test_add ("/first-start/office-later", Fixture, NULL, fixture_set_up, test_office_later, fixture_tear_down);
  g_test_add ("/first-start/office-asked-where-numbers-are-made", Fixture, NULL,
              fixture_set_up, test_office_asked_where_numbers_are_made, fixture_tear_down);
  g_test_add ("/first-start/empty-ledger-offers-office", Fixture, NULL,
              fixture_set_up, test_empty_ledger_offers_office, fixture_tear_down);

  return g_test_run ();
}
