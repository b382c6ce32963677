/* fazhi-bench-model.c — times the list model on a large database
 *
 *   fazhi-bench-model DATABASE [SEARCH]
 *
 * Prints, in milliseconds: listing the first rows that match the search (what a list shows at
 * once), then all of them; fetching the first page of 100 rows, a page deep in the list, and the
 * same first page again (from the cache).
 */

#include "config.h"

#include <locale.h>

#include "fazhi-ledger-model.h"

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(FazhiLedgerModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const char *search = argc > 2 ? argv[2] : "纠纷";
  gint64 start;
  guint n;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: fazhi-bench-model DATABASE [SEARCH]\n");
      return 2;
    }

  database = fazhi_database_open (argv[1], &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  model = fazhi_ledger_model_new (database, FAZHI_LEDGER_CASES);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_print ("all rows: count %u in %.1f ms\n", n, elapsed_ms (start));

  /* As the window does: sorted by the date column's header. */
  if (g_getenv ("FAZHI_BENCH_SORT") != NULL)
    fazhi_ledger_model_set_sort (model, g_getenv ("FAZHI_BENCH_SORT"), TRUE);
  start = g_get_monotonic_time ();
  fazhi_ledger_model_set_search (model, search);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_print ("search “%s”: first %u rows listed in %.1f ms\n", search, n, elapsed_ms (start));
  fazhi_ledger_model_complete (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_print ("search “%s”: all %u rows counted in %.1f ms\n", search, n, elapsed_ms (start));

  start = g_get_monotonic_time ();
  g_clear_object (&(GObject *) { g_list_model_get_item (G_LIST_MODEL (model), 0) });
  g_print ("search “%s”: first page of 100 rows in %.1f ms\n", search, elapsed_ms (start));

  if (n > 1000)
    {
      start = g_get_monotonic_time ();
      g_clear_object (&(GObject *) { g_list_model_get_item (G_LIST_MODEL (model), n / 2) });
      g_print ("search “%s”: page at row %u in %.1f ms\n", search, n / 2, elapsed_ms (start));
    }

  start = g_get_monotonic_time ();
  g_clear_object (&(GObject *) { g_list_model_get_item (G_LIST_MODEL (model), 1) });
  g_print ("search “%s”: cached row in %.3f ms\n", search, elapsed_ms (start));

  return 0;
}
