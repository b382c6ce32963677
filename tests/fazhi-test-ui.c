/* fazhi-test-ui.c — scaffolding the window's test programs share
 *
 * A fixture opens a database in a folder of its own and a second, read-only connection to check
 * against. A warning or critical from GLib, GTK, libadwaita or the program fails the test that
 * caused it, and so does a window, page or database still alive when the test is over.
 */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fazhi-application.h"
#include "fazhi-demo.h"
#include "fazhi-test-ui.h"
#include "fazhi-test-util.h"

static GPtrArray *logged_warnings;  /* what counting_writer() saw since the fixture was set up */


gboolean
fazhi_test_keep_waiting (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Handles what is already due, without waiting for anything else. */
void
drain_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The first toplevel of @type, and for a dialog the window it belongs to. */
GtkWindow *
find_toplevel (GType      type,
               GtkWindow *transient_for)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type)
        && (transient_for == NULL || gtk_window_get_transient_for (l->data) == transient_for))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static GLogWriterOutput
counting_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  static const char *watched[] = { "Gtk", "Gdk", "Gsk", "Adwaita", "GLib", "fazhi" };

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      const char *domain = NULL;
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
          domain = fields[i].value;
        else if (g_str_equal (fields[i].key, "MESSAGE"))
          message = fields[i].value;

      for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
        if (domain == NULL || g_str_has_prefix (domain, watched[i]))
          {
            g_ptr_array_add (logged_warnings, g_strdup_printf ("%s: %s", domain, message));
            break;
          }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
object_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  Fixture *fixture = data;

  g_assert_true (g_hash_table_remove (fixture->alive, where_the_object_was));
}

void
watch (Fixture  *fixture,
       gpointer  object)
{
  if (g_hash_table_contains (fixture->alive, object))
    return;
  g_hash_table_insert (fixture->alive, object, (gpointer) G_OBJECT_TYPE_NAME (object));
  g_object_weak_ref (G_OBJECT (object), object_finalized, fixture);
}

static void
print_alive (Fixture *fixture)
{
  GHashTableIter iter;
  gpointer object, type_name;

  g_hash_table_iter_init (&iter, fixture->alive);
  while (g_hash_table_iter_next (&iter, &object, &type_name))
    g_printerr ("still alive: %s %p, %u references\n", (char *) type_name, object, G_OBJECT (object)->ref_count);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  g_ptr_array_set_size (logged_warnings, 0);
  fixture->alive = g_hash_table_new (NULL, NULL);
  fixture->folder = fazhi_test_make_dir ("fazhi-window-XXXXXX");
  path = g_build_filename (fixture->folder, "ledger.db", NULL);
  fixture->database = fazhi_test_open_database_file (path);
  watch (fixture, fixture->database);
  g_assert_cmpint (sqlite3_open_v2 (path, &fixture->reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);

  /* Every window, page and editor must go, and with them the last reference to the database. */
  g_clear_object (&fixture->database);
  WAIT_UNTIL_OR (g_hash_table_size (fixture->alive) == 0, print_alive (fixture));
  g_hash_table_unref (fixture->alive);
  /* Whatever the test left scheduled runs now, not in the next test. */
  drain_events ();

  sqlite3_close (fixture->reader);
  fazhi_test_remove_tree (fixture->folder);
  g_free (fixture->folder);

  for (guint i = 0; i < logged_warnings->len; i++)
    g_printerr ("logged: %s\n", (char *) g_ptr_array_index (logged_warnings, i));
  g_assert_cmpuint (logged_warnings->len, ==, 0);
}

/* The first column of the first row of @sql, with @values (NULL-terminated, or NULL) bound in order. */
char *
sql_text (Fixture            *fixture,
          const char         *sql,
          const char * const *values)
{
  sqlite3_stmt *statement = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->reader, sql, -1, &statement, NULL), ==, SQLITE_OK);
  for (int i = 0; values != NULL && values[i] != NULL; i++)
    sqlite3_bind_text (statement, i + 1, values[i], -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);

  return text;
}

gint64
sql_count (Fixture            *fixture,
           const char         *sql,
           const char * const *values)
{
  return fazhi_test_query_int (fixture->reader, sql, values);
}

void
save (Fixture     *fixture,
      FazhiRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);
}

void
save_case (Fixture    *fixture,
           const char *kind,
           const char *title,
           const char *received_on)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);

  fazhi_record_set (record, "kind", kind);
  fazhi_record_set (record, "title", title);
  fazhi_record_set (record, "received_on", received_on);
  save (fixture, record);
}

void
fill_with_sample (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_demo_fill (fixture->database, 0, &error));
  g_assert_no_error (error);
}

/* A window of its own around @child, shown and mapped. */
void
show_in_window (Fixture   *fixture,
                GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, child);
  watch (fixture, window);
  watch (fixture, child);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (child));
}

FazhiRecordEditor *
show_editor (Fixture     *fixture,
             FazhiRecord *record)
{
  FazhiRecordEditor *editor = fazhi_record_editor_new (fixture->database, record);

  watch (fixture, editor);
  gtk_window_present (GTK_WINDOW (editor));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (editor)));

  return editor;
}

/* The widgets under @root, itself included, of @type, that have @css_class (unless NULL) and
 * whose string @property is @value (unless @property is NULL), in the order they are drawn. */
void
collect_widgets (GtkWidget  *root,
                 GType       type,
                 const char *css_class,
                 const char *property,
                 const char *value,
                 GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    {
      g_autofree char *text = NULL;

      if (property != NULL)
        g_object_get (root, property, &text, NULL);
      if (property == NULL || g_strcmp0 (text, value) == 0)
        g_ptr_array_add (found, root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, css_class, property, value, found);
}

GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_class,
             const char *property,
             const char *value)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, css_class, property, value, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* The position of @text among the strings of a GtkStringList, which must hold it. */
guint
string_position (GListModel *strings,
                 const char *text)
{
  guint n = g_list_model_get_n_items (strings);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (strings), i), text) == 0)
      return i;

  g_error ("“%s” is not among the %u choices", text, n);
}

void
choose_in_combo (GtkWidget  *row,
                 const char *text)
{
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              string_position (adw_combo_row_get_model (ADW_COMBO_ROW (row)), text));
}

/* The filter drop-down of @page whose tooltip is @tooltip, set to @text. */
GtkDropDown *
choose_in_dropdown (FazhiLedgerPage *page,
                    const char      *tooltip,
                    const char      *text)
{
  GtkWidget *dropdown = find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, NULL, "tooltip-text", tooltip);

  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_is_sensitive (dropdown));
  if (text != NULL)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                string_position (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown)), text));

  return GTK_DROP_DOWN (dropdown);
}

void
type_into (FazhiRecordEditor *editor,
           const char        *key,
           const char        *text)
{
  GtkWidget *row = fazhi_record_editor_get_row (editor, key);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

const FazhiField *
field_of (FazhiLedgerId  ledger,
          const char    *key)
{
  return fazhi_ledger_field (fazhi_ledger_get (ledger), key);
}

const char *
choice_name (FazhiLedgerId  ledger,
             const char    *key,
             const char    *choice)
{
  return fazhi_field_choice_name (field_of (ledger, key), choice);
}

guint
n_items (FazhiLedgerPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fazhi_ledger_page_get_model (page)));
}

/* The record of the page's list whose @key is @value, or NULL. */
FazhiRecord *
listed_record (FazhiLedgerPage *page,
               const char      *key,
               const char      *value)
{
  GListModel *model = G_LIST_MODEL (fazhi_ledger_page_get_model (page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FazhiRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (fazhi_record_get (record, key), value) == 0)
        return g_steal_pointer (&record);
    }

  return NULL;
}

void
fazhi_test_ui_init (int    *argc,
                    char ***argv)
{
  /* Before any thread: "today" for new records, overdue marks and term warnings. */
  g_setenv ("FAZHI_TODAY", TODAY, TRUE);
  /* Not every test machine runs an accessibility bus; GTK warns where it finds none. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  logged_warnings = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (counting_writer, NULL, NULL);

  g_test_init (argc, argv, NULL);
  /* Warnings are counted, and fail the test that caused them once it has shown them all. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_init ();
  adw_init ();
  /* Dialogs and pages change at once: what a test waits for is the change, not its animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* The widgets' templates are in the resource the application's class registers. */
  g_type_class_unref (g_type_class_ref (FAZHI_TYPE_APPLICATION));
}
