/* fuzz-xlsx.c — any zip through the .xlsx reader
 *
 * The bytes are written to a file named .xlsx (the reader opens a path: libzip's and the
 * reading thread's own handle) in a folder of this process's own, opened with
 * fazhi_workbook_open(), and every sheet is read, every row and every cell, as an import reads
 * them. Inputs that are not a zip are passed over: they would only reach FreeXL or the refusal
 * of a name that lies. A refusal (an error) is a fine answer; a crash, a sanitizer's report, a
 * leak or a failed assertion is a finding.
 */

#define G_LOG_DOMAIN "fazhi-fuzz"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-fuzz.h"
#include "fazhi-workbook.h"

static char *folder;
static char *path;

static void
remove_folder (void)
{
  g_unlink (path);
  g_rmdir (folder);
}

static void
read_sheet (FazhiWorkbook *workbook,
            guint          sheet)
{
  g_autoptr(FazhiSheetReader) reader = fazhi_workbook_read_sheet (workbook, sheet, NULL);
  const FazhiSheetRow *row;
  double fraction = 0;

  if (reader == NULL)
    return;

  while ((row = fazhi_sheet_reader_next (reader, NULL)) != NULL)
    {
      double now = fazhi_sheet_reader_get_fraction (reader);

      g_assert (row->number > 0);
      g_assert (row->n_cells > 0);
      for (guint c = 0; c < row->n_cells; c++)
        {
          g_assert (row->cells[c].text != NULL);
          g_assert (g_utf8_validate (row->cells[c].text, -1, NULL));
          g_assert (row->cells[c].type != FAZHI_CELL_EMPTY || row->cells[c].text[0] == '\0');
        }
      g_assert (row->cells[row->n_cells - 1].type != FAZHI_CELL_EMPTY);
      g_assert (now >= fraction && now <= 1);
      fraction = now;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char zip_magic[] = { 'P', 'K', 0x03, 0x04 };
  g_autoptr(FazhiWorkbook) workbook = NULL;
  g_autoptr(GError) error = NULL;

  if (size < sizeof zip_magic || memcmp (data, zip_magic, sizeof zip_magic) != 0)
    return 0;

  if (folder == NULL)
    {
      folder = g_dir_make_tmp ("fazhi-fuzz-xlsx-XXXXXX", NULL);
      g_assert (folder != NULL);
      path = g_build_filename (folder, "fuzz.xlsx", NULL);
      atexit (remove_folder);
    }
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));

  workbook = fazhi_workbook_open (path, &error);
  if (workbook == NULL)
    return 0;

  g_assert (fazhi_workbook_get_format (workbook) == FAZHI_WORKBOOK_XLSX);
  g_assert (fazhi_workbook_get_default_sheet (workbook) < MAX (fazhi_workbook_get_n_sheets (workbook), 1));
  for (guint sheet = 0; sheet < fazhi_workbook_get_n_sheets (workbook); sheet++)
    {
      const char *name = fazhi_workbook_get_sheet_name (workbook, sheet);

      g_assert (name != NULL && g_utf8_validate (name, -1, NULL));
      (void) fazhi_workbook_sheet_is_hidden (workbook, sheet);
      g_assert (fazhi_workbook_find_sheet (workbook, name, NULL) >= 0);
      read_sheet (workbook, sheet);
    }

  return 0;
}
