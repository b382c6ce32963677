/* fuzz-csv.c — any bytes through the CSV decoder and reader
 *
 * The bytes are decoded as an imported text file is (UTF-16 with a BOM, UTF-8, else GB18030),
 * then read row by row, comma- and tab-separated, as fazhi-workbook.c reads a text sheet, and
 * parsed whole by fazhi_csv_parse(). A refusal (an error) is a fine answer; a crash, a
 * sanitizer's report, a leak or a failed assertion is a finding.
 */

#define G_LOG_DOMAIN "fazhi-fuzz"

#include "config.h"

#include <string.h>

#include "fazhi-csv.h"
#include "fazhi-fuzz.h"

static void
read_rows (const char *text,
           char        separator)
{
  g_autoptr(FazhiCsvReader) reader = fazhi_csv_reader_new (text, "fuzz.csv");
  g_autoptr(GError) error = NULL;
  const FazhiCsvRow *row;
  guint last_line = 0;
  double fraction;

  fazhi_csv_reader_set_separator (reader, separator);
  while ((row = fazhi_csv_reader_next (reader, &error)) != NULL)
    {
      /* What the workbook's text reader and the import's messages rely on. */
      g_assert (row->line > last_line);
      for (guint i = 0; i < row->n_fields; i++)
        g_assert (g_utf8_validate (row->fields[i], -1, NULL));
      last_line = row->line;
    }

  fraction = fazhi_csv_reader_get_fraction (reader);
  g_assert (fraction >= 0 && fraction <= 1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* NUL-terminated, as g_file_get_contents() gives a file; fazhi_csv_decode() takes it. */
  char *contents = g_malloc (size + 1);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  memcpy (contents, data, size);
  contents[size] = '\0';

  text = fazhi_csv_decode (contents, size, "fuzz.csv", &error);
  if (text == NULL)
    return 0;
  g_assert (g_utf8_validate (text, -1, NULL));

  read_rows (text, ',');
  read_rows (text, '\t');

  rows = fazhi_csv_parse (text, "fuzz.csv", NULL);
  if (rows != NULL)
    fazhi_csv_rows_free (rows);

  return 0;
}
