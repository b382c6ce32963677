/* fazhi-test-ui.h — scaffolding the window's test programs share: waiting on the main loop, a
 * fixture that fails a test on any warning or on a window left alive, finding and driving widgets
 */
#pragma once

#include <adwaita.h>
#include <sqlite3.h>

#include "fazhi-ledger-page.h"
#include "fazhi-record-editor.h"
#include "fazhi-store.h"

G_BEGIN_DECLS

#define TODAY "2026-11-28"
#define TIMEOUT_MS 5000

/* Lets the main loop bring @condition about, or says what it found instead; a tick wakes the
 * loop when nothing else would. */
#define WAIT_UNTIL_OR(condition, explain)                                                 \
  G_STMT_START {                                                                          \
    gint64 deadline_ = g_get_monotonic_time () + TIMEOUT_MS * G_GINT64_CONSTANT (1000);   \
    guint tick_ = g_timeout_add (10, fazhi_test_keep_waiting, NULL);                                 \
                                                                                          \
    while (!(condition) && g_get_monotonic_time () < deadline_)                           \
      g_main_context_iteration (NULL, TRUE);                                              \
    g_source_remove (tick_);                                                              \
    if (!(condition))                                                                     \
      explain;                                                                            \
    g_assert_true (condition);                                                            \
  } G_STMT_END
#define WAIT_UNTIL(condition) WAIT_UNTIL_OR (condition, (void) 0)

typedef struct
{
  char          *folder;
  FazhiDatabase *database;
  sqlite3       *reader;   /* a connection of the test's own, for the counts it checks against */
  GHashTable    *alive;    /* watched objects not finalized yet → their type names */
} Fixture;

/* Sets "today", counts warnings, starts GTK and libadwaita without animations, and registers
 * the program's resources; call first in main(). */
void fazhi_test_ui_init (int *argc, char ***argv);

gboolean fazhi_test_keep_waiting (gpointer user_data);
void drain_events (void);
GtkWindow *find_toplevel (GType type, GtkWindow *transient_for);
void watch (Fixture *fixture, gpointer object);
void fixture_set_up (Fixture *fixture, gconstpointer data);
void fixture_tear_down (Fixture *fixture, gconstpointer data);
char *sql_text (Fixture *fixture, const char *sql, const char * const *values);
gint64 sql_count (Fixture *fixture, const char *sql, const char * const *values);
void save (Fixture *fixture, FazhiRecord *record);
void save_case (Fixture *fixture, const char *kind, const char *title, const char *received_on);
void fill_with_sample (Fixture *fixture);
void show_in_window (Fixture *fixture, GtkWidget *child);
FazhiRecordEditor *show_editor (Fixture *fixture, FazhiRecord *record);
void collect_widgets (GtkWidget *root, GType type, const char *css_class, const char *property, const char *value, GPtrArray *found);
GtkWidget *find_widget (GtkWidget *root, GType type, const char *css_class, const char *property, const char *value);
guint string_position (GListModel *strings, const char *text);
void choose_in_combo (GtkWidget *row, const char *text);
GtkDropDown *choose_in_dropdown (FazhiLedgerPage *page, const char *tooltip, const char *text);
void type_into (FazhiRecordEditor *editor, const char *key, const char *text);
const FazhiField *field_of (FazhiLedgerId ledger, const char *key);
const char *choice_name (FazhiLedgerId ledger, const char *key, const char *choice);
guint n_items (FazhiLedgerPage *page);
FazhiRecord *listed_record (FazhiLedgerPage *page, const char *key, const char *value);

G_END_DECLS
