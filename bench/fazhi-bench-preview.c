/* fazhi-bench-preview.c — how long the import assistant takes to show a sheet: opening the
 * workbook, finding its header and guessing the columns, then the preview of its first rows.
 *
 *   fazhi-bench-preview FILE [LEDGER]
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "fazhi-import.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FazhiImport) import = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const FazhiLedger *ledger;
  gint64 start, opened, shown;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE [LEDGER]\n", argv[0]);
      return 2;
    }
  ledger = fazhi_ledger_lookup (argc > 2 ? argv[2] : "cases");
  if (ledger == NULL)
    return 2;

  start = g_get_monotonic_time ();
  import = fazhi_import_new (ledger->id, argv[1], &error);
  opened = g_get_monotonic_time ();
  if (import != NULL)
    rows = fazhi_import_preview (import, 20, &error);
  shown = g_get_monotonic_time ();
  if (rows == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("preview: opened and header found in %.0f ms, %u rows shown after %.0f ms in all\n",
          (opened - start) / 1000.0, rows->len, (shown - start) / 1000.0);
  return 0;
}
