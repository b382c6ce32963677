/* test-workbook.c — reading the sheets clerks keep: .xlsx, .xls, CSV and Excel's "Unicode text"
 *
 * The workbooks in fixtures/ were saved by LibreOffice from the .fods beside them
 * (make-workbooks.sh); the others are made here: small .xlsx written byte by byte to reach what
 * LibreOffice does not write (cells without references, rich text, escapes, a zip bomb).
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>
#include <sys/resource.h>

#include "fazhi-test-util.h"
#include "fazhi-workbook.h"

/* Helpers */

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("FAZHI_TEST_SRCDIR"), "fixtures", name, NULL);
}

static FazhiWorkbook *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  FazhiWorkbook *workbook = fazhi_workbook_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workbook);
  return workbook;
}

static FazhiWorkbook *
open_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);

  return open_ok (path);
}

/* Every row of @sheet, each as a GStrv of its cells' "type:text" (t, n, d, b; "" when empty). */
static GPtrArray *
read_rows (FazhiWorkbook *workbook,
           guint          sheet,
           GArray        *numbers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiSheetReader) reader = fazhi_workbook_read_sheet (workbook, sheet, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const FazhiSheetRow *row;
  double fraction = 0;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  while ((row = fazhi_sheet_reader_next (reader, &error)) != NULL)
    {
      GStrv cells = g_new0 (char *, row->n_cells + 1);

      /* A row ends at its last cell with something in it. */
      g_assert_cmpuint (row->n_cells, >, 0);
      g_assert_cmpint (row->cells[row->n_cells - 1].type, !=, FAZHI_CELL_EMPTY);
      for (guint i = 0; i < row->n_cells; i++)
        {
          static const char tags[] = { [FAZHI_CELL_EMPTY] = 'e', [FAZHI_CELL_TEXT] = 't',
                                       [FAZHI_CELL_NUMBER] = 'n', [FAZHI_CELL_DATE] = 'd',
                                       [FAZHI_CELL_BOOLEAN] = 'b' };
          const FazhiCell *cell = &row->cells[i];

          g_assert_nonnull (cell->text);
          g_assert_true ((cell->type == FAZHI_CELL_EMPTY) == (cell->text[0] == '\0'));
          if (cell->type == FAZHI_CELL_EMPTY)
            cells[i] = g_strdup ("");
          else
            cells[i] = g_strdup_printf ("%c:%s", tags[cell->type], cell->text);
        }
      g_ptr_array_add (rows, cells);
      if (numbers != NULL)
        g_array_append_val (numbers, row->number);

      g_assert_cmpfloat (fazhi_sheet_reader_get_fraction (reader), >=, fraction);
      fraction = fazhi_sheet_reader_get_fraction (reader);
    }
  g_assert_no_error (error);
  g_assert_cmpfloat (fazhi_sheet_reader_get_fraction (reader), ==, 1.0);
  return rows;
}

static void
assert_row (GPtrArray          *rows,
            guint               index,
            const char * const *cells)
{
  g_assert_cmpuint (index, <, rows->len);
  g_assert_cmpstrv (g_ptr_array_index (rows, index), cells);
}

static void
assert_numbers (GArray      *numbers,
                const guint *expected,
                guint        n)
{
  g_assert_cmpuint (numbers->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (numbers, guint, i), ==, expected[i]);
}

static GError *
open_error (const char *path)
{
  GError *error = NULL;
  FazhiWorkbook *workbook = fazhi_workbook_open (path, &error);

  g_assert_null (workbook);
  g_assert_nonnull (error);
  return error;
}

/* Opening @path fails with @code and a message that names the file as a person sees it. */
static void
assert_refused (const char *path,
                int         code,
                const char *says)
{
  g_autoptr(GError) error = open_error (path);
  g_autofree char *name = g_filename_display_basename (path);

  g_assert_error (error, FAZHI_WORKBOOK_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, name));
  if (says != NULL)
    g_assert_nonnull (strstr (error->message, says));
}

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* A zip written by hand: parts stored as they are, or one deflated from a generator; the sizes
 * it declares may be other than the true ones, as a zip bomb's are. */

typedef struct
{
  FILE    *file;
  GString *directory;
  guint    n_entries;
} Zip;

static guint32
crc32_of (const char *data,
          gsize       length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= (guchar) data[i];
      for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
  return ~crc;
}

static void
put_u16 (GString *out,
         guint    value)
{
  g_string_append_c (out, value & 0xff);
  g_string_append_c (out, (value >> 8) & 0xff);
}

static void
put_u32 (GString *out,
         guint32  value)
{
  put_u16 (out, value & 0xffff);
  put_u16 (out, value >> 16);
}

static void
zip_local_header (Zip        *zip,
                  const char *name,
                  guint       method,
                  guint32     crc,
                  guint32     compressed,
                  guint32     size,
                  long        offset)
{
  g_autoptr(GString) local = g_string_new (NULL);

  put_u32 (local, 0x04034b50); put_u16 (local, 20); put_u16 (local, 0); put_u16 (local, method);
  put_u16 (local, 0); put_u16 (local, 0x21); put_u32 (local, crc); put_u32 (local, compressed);
  put_u32 (local, size); put_u16 (local, strlen (name)); put_u16 (local, 0);
  g_string_append (local, name);
  fseek (zip->file, offset, SEEK_SET);
  fwrite (local->str, 1, local->len, zip->file);
}

static void
zip_central_header (Zip        *zip,
                    const char *name,
                    guint       method,
                    guint32     crc,
                    guint32     compressed,
                    guint32     size,
                    long        offset)
{
  GString *out = zip->directory;

  put_u32 (out, 0x02014b50); put_u16 (out, 20); put_u16 (out, 20); put_u16 (out, 0); put_u16 (out, method);
  put_u16 (out, 0); put_u16 (out, 0x21); put_u32 (out, crc); put_u32 (out, compressed); put_u32 (out, size);
  put_u16 (out, strlen (name)); put_u16 (out, 0); put_u16 (out, 0); put_u16 (out, 0); put_u16 (out, 0);
  put_u32 (out, 0); put_u32 (out, offset);
  g_string_append (out, name);
  zip->n_entries++;
}

static Zip *
zip_new (const char *path)
{
  Zip *zip = g_new0 (Zip, 1);

  zip->file = g_fopen (path, "wb");
  g_assert_nonnull (zip->file);
  zip->directory = g_string_new (NULL);
  return zip;
}

static void
zip_add (Zip        *zip,
         const char *name,
         const char *data)
{
  long offset = ftell (zip->file);
  gsize length = strlen (data);

  zip_local_header (zip, name, 0, crc32_of (data, length), length, length, offset);
  zip_central_header (zip, name, 0, crc32_of (data, length), length, length, offset);
  fwrite (data, 1, length, zip->file);
}

/* A deflated part: @head, then @filler repeated to @size bytes in all, then @tail; it declares
 * @declared bytes uncompressed. Its CRC is right, so that only the bounds can refuse it. */
static void
zip_add_bomb (Zip        *zip,
              const char *name,
              const char *head,
              const char *filler,
              guint64     size,
              const char *tail,
              guint64     declared)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1);
  g_autoptr(GString) chunk = g_string_new (head);
  g_autofree char *out = g_malloc (1 << 20);
  long offset = ftell (zip->file);
  guint64 produced = 0;
  guint64 written = 0;
  gboolean last = FALSE;
  uLong crc = crc32 (0, NULL, 0);

  zip_local_header (zip, name, 8, 0, 0, 0, offset);  /* written again once the sizes are known */
  while (!last)
    {
      gsize read = 0;
      gsize at = 0;

      while (chunk->len < (1 << 20) && produced + chunk->len < size)
        g_string_append (chunk, filler);
      produced += chunk->len;
      last = produced >= size;
      if (last)
        g_string_append (chunk, tail);
      crc = crc32 (crc, (const Bytef *) chunk->str, (uInt) chunk->len);
      do
        {
          g_autoptr(GError) error = NULL;
          gsize bytes_written = 0;
          GConverterResult result;

          result = g_converter_convert (G_CONVERTER (compressor), chunk->str + at, chunk->len - at,
                                        out, 1 << 20, last ? G_CONVERTER_INPUT_AT_END : 0,
                                        &read, &bytes_written, &error);

          g_assert_no_error (error);
          fwrite (out, 1, bytes_written, zip->file);
          written += bytes_written;
          at += read;
          if (result == G_CONVERTER_FINISHED)
            break;
        }
      while (at < chunk->len || last);
      g_string_truncate (chunk, 0);
    }

  zip_local_header (zip, name, 8, (guint32) crc, written, (guint32) MIN (declared, G_MAXUINT32), offset);
  zip_central_header (zip, name, 8, (guint32) crc, written, (guint32) MIN (declared, G_MAXUINT32), offset);
  fseek (zip->file, 0, SEEK_END);
}

static void
zip_close (Zip *zip)
{
  long offset = ftell (zip->file);
  GString *end = g_string_new (NULL);

  put_u32 (end, 0x06054b50); put_u16 (end, 0); put_u16 (end, 0); put_u16 (end, zip->n_entries);
  put_u16 (end, zip->n_entries); put_u32 (end, zip->directory->len); put_u32 (end, offset); put_u16 (end, 0);
  fwrite (zip->directory->str, 1, zip->directory->len, zip->file);
  fwrite (end->str, 1, end->len, zip->file);
  g_assert_cmpint (fclose (zip->file), ==, 0);
  g_string_free (end, TRUE);
  g_string_free (zip->directory, TRUE);
  g_free (zip);
}

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define ONE_SHEET "<sheet name=\"表1\" sheetId=\"1\" r:id=\"rId1\"/>"

/* A workbook whose <sheets> are @sheets: rId1 is xl/worksheets/sheet1.xml (named by an absolute
 * target, as some writers do), rId2 sheet2.xml (by a path with ".."); the caller adds the sheets'
 * XML and closes it. */
static Zip *
xlsx_new (const char *path,
          const char *sheets,
          const char *styles,
          const char *strings)
{
  Zip *zip = zip_new (path);
  g_autofree char *workbook = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
    "<sheets>%s</sheets></workbook>", sheets);

  zip_add (zip, "xl/workbook.xml", workbook);
  /* Absolute targets, as some writers give them. */
  zip_add (zip, "xl/_rels/workbook.xml.rels",
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
           "<Relationship Id=\"rId2\" Type=\"" REL_NS "/worksheet\""
           " Target=\"worksheets/../worksheets/sheet2.xml\"/>"
           "<Relationship Id=\"rId8\" Type=\"" REL_NS "/styles\" Target=\"styles.xml\"/>"
           "<Relationship Id=\"rId9\" Type=\"" REL_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
           "</Relationships>");
  if (styles != NULL)
    zip_add (zip, "xl/styles.xml", styles);
  if (strings != NULL)
    zip_add (zip, "xl/sharedStrings.xml", strings);
  return zip;
}

static char *
sheet_xml (const char *rows,
           const char *after)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" MAIN_NS "\">"
                          "<sheetData>%s</sheetData>%s</worksheet>", rows, after);
}

static glong
max_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* Reads @sheet of @path to the end and gives the error it stops with, wherever it comes. */
static GError *
read_error (const char *path,
            guint       sheet)
{
  g_autoptr(FazhiWorkbook) workbook = open_ok (path);
  g_autoptr(FazhiSheetReader) reader = NULL;
  GError *error = NULL;

  reader = fazhi_workbook_read_sheet (workbook, sheet, &error);
  while (reader != NULL && fazhi_sheet_reader_next (reader, &error) != NULL)
    ;
  g_assert_nonnull (error);
  return error;
}

/* The fixtures */

static const char *const title[] = { "t:2023年矛盾纠纷排查调处台账", "t:2023年矛盾纠纷排查调处台账",
  "t:2023年矛盾纠纷排查调处台账", "t:2023年矛盾纠纷排查调处台账", "t:2023年矛盾纠纷排查调处台账",
  "t:2023年矛盾纠纷排查调处台账", "t:2023年矛盾纠纷排查调处台账", "t:2023年矛盾纠纷排查调处台账",
  "t:2023年矛盾纠纷排查调处台账", NULL };

static void
check_cases (const char          *name,
             FazhiWorkbookFormat  format)
{
  g_autoptr(FazhiWorkbook) workbook = open_fixture (name);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  static const char *const sheets[] = { "封面", "说明", "案件", "空表" };
  static const guint row_numbers[] = { 1, 2, 3, 4, 5, 7, 9 };

  g_assert_cmpint (fazhi_workbook_get_format (workbook), ==, format);
  g_assert_cmpstr (fazhi_workbook_get_display_name (workbook), ==, name);
  g_assert_cmpuint (fazhi_workbook_get_n_sheets (workbook), ==, G_N_ELEMENTS (sheets));
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_assert_cmpstr (fazhi_workbook_get_sheet_name (workbook, i), ==, sheets[i]);
      g_assert_cmpint (fazhi_workbook_sheet_is_hidden (workbook, i), ==, i == 1);
    }
  g_assert_cmpuint (fazhi_workbook_get_default_sheet (workbook), ==, 0);

  /* Serial 60 is Excel's 1900-02-29, which never was; 61 is 1900-03-01 for everyone. */
  notes = read_rows (workbook, 1, NULL);
  g_assert_cmpuint (notes->len, ==, 3);
  assert_row (notes, 0, (const char *[]) { "t:本表为测试用", NULL });
  assert_row (notes, 1, (const char *[]) { "d:1900-02-29", NULL });
  assert_row (notes, 2, (const char *[]) { "d:1900-03-01", NULL });

  rows = read_rows (workbook, 2, numbers);
  /* Blank rows 6 and 8 are passed over: the numbers are WPS's, with their gaps. */
  assert_numbers (numbers, row_numbers, G_N_ELEMENTS (row_numbers));
  /* The title merged across A1:I1 reads in every cell of it. */
  assert_row (rows, 0, title);
  /* The header of two rows: 序号 merged down A2:A3, 当事人 across B2:C2, the rest down. */
  assert_row (rows, 1, (const char *[]) { "t:序号", "t:当事人", "t:当事人", "t:受理日期", "t:调解金额",
                                          "t:涉及人数", "t:已结案", "t:复查日期", "t:备注", NULL });
  assert_row (rows, 2, (const char *[]) { "t:序号", "t:申请人", "t:被申请人", "t:受理日期", "t:调解金额",
                                          "t:涉及人数", "t:已结案", "t:复查日期", "t:备注", NULL });
  /* A date cell; 1800 formatted 0.00 is a number, not "1800.00"; a boolean; a date formula's
   * cached result; full-width digits stay text. */
  assert_row (rows, 3, (const char *[]) { "n:1", "t:张三", "t:李四", "d:2023-03-05", "n:1800", "n:2", "b:TRUE",
                                          "d:2023-04-04", "t:１２３", NULL });
  /* What clerks type as text stays text: a date, a number with a comma, a count with a unit. */
  if (format == FAZHI_WORKBOOK_XLSX)
    assert_row (rows, 4, (const char *[]) { "n:2", "t:王五", "t:赵六", "t:2023年3月5日", "t:1,234.50", "t:70人",
                                            "b:FALSE", "", "t:王五调解", NULL });
  else
    /* LibreOffice keeps no text result of a text formula in an .xls (it writes 0, and Excel
     * would work it out again): the file has nothing else to read. Excel and WPS write it. */
    assert_row (rows, 4, (const char *[]) { "n:2", "t:王五", "t:赵六", "t:2023年3月5日", "t:1,234.50", "t:70人",
                                            "b:FALSE", "", "n:0", NULL });
  /* A date in the Chinese format yyyy年m月d日 is a date too. */
  assert_row (rows, 5, (const char *[]) { "n:3", "t:孙七", "t:周八", "d:2023-12-31", "n:0.1", "n:1234.5",
                                          "b:TRUE", "t:2023.3.5", NULL });
  /* Sums by formula, in their shortest form (1800 + 0.1 is 1800.0999999999999 in binary). */
  assert_row (rows, 6, (const char *[]) { "t:合计", "", "", "", "n:1800.1", "n:1236.5", NULL });

  empty = read_rows (workbook, 3, NULL);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_xlsx_cases (void)
{
  check_cases ("cases.xlsx", FAZHI_WORKBOOK_XLSX);
}

static void
test_xls_cases (void)
{
  check_cases ("cases.xls", FAZHI_WORKBOOK_XLS);
}

/* The same workbook saved both ways reads the same, cell for cell (but for the one cell above). */
static void
test_xls_as_xlsx (void)
{
  g_autoptr(FazhiWorkbook) xlsx = open_fixture ("cases.xlsx");
  g_autoptr(FazhiWorkbook) xls = open_fixture ("cases.xls");

  for (guint sheet = 0; sheet < fazhi_workbook_get_n_sheets (xlsx); sheet++)
    {
      g_autoptr(GArray) xlsx_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) xls_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) xlsx_rows = read_rows (xlsx, sheet, xlsx_numbers);
      g_autoptr(GPtrArray) xls_rows = read_rows (xls, sheet, xls_numbers);

      g_assert_cmpuint (xlsx_rows->len, ==, xls_rows->len);
      assert_numbers (xls_numbers, (const guint *) xlsx_numbers->data, xlsx_numbers->len);
      for (guint i = 0; i < xlsx_rows->len; i++)
        {
          GStrv a = g_ptr_array_index (xlsx_rows, i);
          GStrv b = g_ptr_array_index (xls_rows, i);

          g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
          for (guint j = 0; a[j] != NULL; j++)
            if (!(sheet == 2 && g_array_index (xlsx_numbers, guint, i) == 5 && j == 8))
              g_assert_cmpstr (a[j], ==, b[j]);
        }
    }
}

/* dates-1904 counts days from 1904-01-01: its 2023-03-05 is serial 43528, which in the 1900
 * system would be 2019-03-04. It reads as the same day as cases' (a 1900-system workbook). */
static void
test_dates_1904 (void)
{
  static const char *const names[] = { "dates-1904.xlsx", "dates-1904.xls" };
  g_autoptr(FazhiWorkbook) cases = open_fixture ("cases.xlsx");
  g_autoptr(GPtrArray) case_rows = read_rows (cases, 2, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(FazhiWorkbook) workbook = open_fixture (names[i]);
      g_autoptr(GPtrArray) rows = read_rows (workbook, 0, NULL);
      GStrv accepted, case_accepted;

      g_assert_cmpuint (rows->len, ==, 4);
      assert_row (rows, 0, (const char *[]) { "t:受理日期", "t:天数", NULL });
      assert_row (rows, 1, (const char *[]) { "d:2023-03-05", "n:43893", NULL });
      /* Serial 1: the second day of the system. */
      assert_row (rows, 2, (const char *[]) { "d:1904-01-02", "n:1", NULL });
      /* A formula's cached date (A2 + 1). */
      assert_row (rows, 3, (const char *[]) { "d:2023-03-06", NULL });
      accepted = g_ptr_array_index (rows, 1);
      case_accepted = g_ptr_array_index (case_rows, 3);
      g_assert_cmpstr (accepted[0], ==, case_accepted[3]);
    }
}

static void
test_find_sheet (void)
{
  g_autoptr(FazhiWorkbook) workbook = open_fixture ("cases.xlsx");
  static const char *const absent[] = { "调解", "5", "0", "" };

  g_assert_cmpint (fazhi_workbook_find_sheet (workbook, "案件", NULL), ==, 2);
  g_assert_cmpint (fazhi_workbook_find_sheet (workbook, "3", NULL), ==, 2);
  g_assert_cmpint (fazhi_workbook_find_sheet (workbook, " 案件 ", NULL), ==, 2);
  g_assert_cmpint (fazhi_workbook_find_sheet (workbook, "说明", NULL), ==, 1);
  g_assert_cmpint (fazhi_workbook_find_sheet (workbook, "1", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (fazhi_workbook_find_sheet (workbook, absent[i], &error), ==, -1);
      g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_NO_SUCH_SHEET);
      g_assert_true (g_str_has_prefix (error->message, "cases.xlsx"));
      /* It lists the sheets there are, the hidden one said to be. */
      g_assert_nonnull (strstr (error->message, "“封面”"));
      g_assert_nonnull (strstr (error->message, "“说明” (hidden)"));
      g_assert_nonnull (strstr (error->message, "“案件”"));
      g_assert_nonnull (strstr (error->message, "“空表”"));
    }
}

/* Text */

static void
test_unicode_text (void)
{
  g_autoptr(FazhiWorkbook) workbook = open_fixture ("unicode-text.txt");
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpint (fazhi_workbook_get_format (workbook), ==, FAZHI_WORKBOOK_TEXT);
  g_assert_cmpuint (fazhi_workbook_get_n_sheets (workbook), ==, 1);
  g_assert_cmpstr (fazhi_workbook_get_sheet_name (workbook, 0), ==, "unicode-text");
  g_assert_false (fazhi_workbook_sheet_is_hidden (workbook, 0));
  g_assert_cmpint (fazhi_workbook_find_sheet (workbook, "unicode-text", NULL), ==, 0);
  g_assert_cmpint (fazhi_workbook_find_sheet (workbook, "1", NULL), ==, 0);

  /* UTF-16 with its BOM, split at tabs; a line of tabs alone is blank; a quoted tab is text. */
  rows = read_rows (workbook, 0, numbers);
  assert_numbers (numbers, (const guint[]) { 1, 2, 4 }, 3);
  assert_row (rows, 0, (const char *[]) { "t:案件编号", "t:当事人", "t:调解金额", "t:受理日期", NULL });
  assert_row (rows, 1, (const char *[]) { "t:(2023)调字第1号", "t:张三", "t:1800", "t:2023-03-05", NULL });
  assert_row (rows, 2, (const char *[]) { "t:(2023)调字第2号", "t:李四\t王五", "t:0.5", "t:2023/3/6", NULL });
}

typedef struct
{
  const char *name;
  const char *text;      /* as UTF-8 */
  const char *charset;   /* what the file is written in */
  const char *sheet;
  const char *rows[3][3];
  guint       numbers[3];
} TextCase;

static void
test_text_files (void)
{
  static const TextCase cases[] = {
    /* GB18030 CSV, as Excel on Chinese Windows saves it; a line of commas alone is blank; an
     * empty field is an empty cell. */
    { "台账.csv", "序号,当事人\n1,张三\n,,\n,李四\n", "GB18030", "台账",
      { { "t:序号", "t:当事人" }, { "t:1", "t:张三" }, { "", "t:李四" } }, { 1, 2, 4 } },
    /* Tabs and no commas on the first line: tab-separated, whatever the name. */
    { "名单.csv", "姓名\t电话\n张三\t13800000000\n", "UTF-8", "名单",
      { { "t:姓名", "t:电话" }, { "t:张三", "t:13800000000" } }, { 1, 2 } },
    /* A .txt of commas and no tabs is CSV. */
    { "名单.txt", "姓名,电话\r\n李四,0571\r\n", "UTF-8", "名单",
      { { "t:姓名", "t:电话" }, { "t:李四", "t:0571" } }, { 1, 2 } },
    /* UTF-16 big-endian with its BOM. */
    { "导出.txt", "\xef\xbb\xbf案由\t人数\r\n咨询\t2\r\n", "UTF-16BE", "导出",
      { { "t:案由", "t:人数" }, { "t:咨询", "t:2" } }, { 1, 2 } },
  };
  g_autofree char *dir = fazhi_test_make_dir ("fazhi-workbook-XXXXXX");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      g_autofree char *data = g_convert (cases[i].text, -1, cases[i].charset, "UTF-8", NULL, &length, &error);
      g_autofree char *path = NULL;
      g_autoptr(FazhiWorkbook) workbook = NULL;
      g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) rows = NULL;
      guint n = cases[i].numbers[2] != 0 ? 3 : 2;

      g_assert_no_error (error);
      path = write_file (dir, cases[i].name, data, length);
      workbook = open_ok (path);
      rows = read_rows (workbook, 0, numbers);
      g_assert_cmpstr (fazhi_workbook_get_sheet_name (workbook, 0), ==, cases[i].sheet);
      assert_numbers (numbers, cases[i].numbers, n);
      g_assert_cmpuint (rows->len, ==, n);
      for (guint j = 0; j < n; j++)
        {
          const char *expected[3] = { cases[i].rows[j][0], cases[i].rows[j][1], NULL };

          assert_row (rows, j, expected);
        }
    }

  fazhi_test_remove_tree (dir);
}

static void
test_text_damaged (void)
{
  g_autofree char *dir = fazhi_test_make_dir ("fazhi-workbook-XXXXXX");
  g_autofree char *path = write_file (dir, "未闭合.csv", "a,b\n1,\"never closed\n", -1);
  g_autoptr(GError) error = read_error (path, 0);

  g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, "未闭合.csv:2:"));
  fazhi_test_remove_tree (dir);
}
/* Workbooks as other programs write them */

static const char styles_xml[] =
  "<styleSheet xmlns=\"" MAIN_NS "\"><numFmts>"
  "<numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/>"
  "<numFmt numFmtId=\"165\" formatCode=\"h:mm\"/>"
  "<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00\"/>"
  "<numFmt numFmtId=\"167\" formatCode=\"0.00E+00\"/>"
  "<numFmt numFmtId=\"168\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
  "<numFmt numFmtId=\"169\" formatCode=\"&quot;m&quot;0\"/>"
  "<numFmt numFmtId=\"170\" formatCode=\"[h]:mm:ss\"/>"
  "<numFmt numFmtId=\"171\" formatCode=\"mm:ss\"/>"
  "<numFmt numFmtId=\"172\" formatCode=\"General\"/>"
  "<numFmt numFmtId=\"173\" formatCode=\"0.0_m\\d\"/>"
  "</numFmts>"
  /* Cell style formats are not the cells' formats: this date one must not count. */
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
  "<cellXfs>"
  "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
  "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/><xf numFmtId=\"169\"/>"
  "<xf numFmtId=\"170\"/><xf numFmtId=\"171\"/><xf numFmtId=\"172\"/><xf numFmtId=\"173\"/>"
  "<xf numFmtId=\"57\"/><xf numFmtId=\"4\"/>"
  "</cellXfs></styleSheet>";

static const char strings_xml[] =
  "<sst xmlns=\"" MAIN_NS "\">"
  /* Rich text runs are one text; phonetic runs (furigana) are not part of it; _x000D_ is a
   * carriage return. */
  "<si><r><t>第一行</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">_x000D_\n第二行</t></r>"
  "<rPh sb=\"0\" eb=\"1\"><t>ダイ</t></rPh></si>"
  /* _x005F_ is an underscore: what follows it is text. */
  "<si><t>_x005F_x0041_</t></si>"
  "</sst>";

static const char cells_rows[] =
  /* 1: 45000 (2023-03-15) in each cell format */
  "<row r=\"1\">"
  "<c r=\"A1\" s=\"1\"><v>45000</v></c><c r=\"B1\" s=\"2\"><v>45000</v></c>"
  "<c r=\"C1\" s=\"3\"><v>45000</v></c><c r=\"D1\" s=\"4\"><v>45000</v></c>"
  "<c r=\"E1\" s=\"5\"><v>45000</v></c><c r=\"F1\" s=\"6\"><v>45000</v></c>"
  "<c r=\"G1\" s=\"7\"><v>45000</v></c><c r=\"H1\" s=\"8\"><v>45000</v></c>"
  "<c r=\"I1\" s=\"9\"><v>45000</v></c><c r=\"J1\" s=\"10\"><v>45000</v></c>"
  "<c r=\"K1\" s=\"11\"><v>45000</v></c><c r=\"L1\" s=\"12\"><v>45000</v></c>"
  "<c r=\"M1\" s=\"13\"><v>45000</v></c></row>"
  /* 2: around Lotus's 1900-02-29; a time alone; a date and time; past 9999-12-31 */
  "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>59</v></c><c r=\"B2\" s=\"1\"><v>60</v></c>"
  "<c r=\"C2\" s=\"1\"><v>61</v></c>"
  "<c r=\"D2\" s=\"1\"><v>1</v></c><c r=\"E2\" s=\"1\"><v>0.5</v></c><c r=\"F2\" s=\"1\"><v>45000.75</v></c>"
  "<c r=\"G2\" s=\"1\"><v>2958466</v></c></row>"
  /* 3: numbers as Excel shows them */
  "<row r=\"3\"><c r=\"A3\"><f>0.1+0.2</f><v>0.30000000000000004</v></c><c r=\"B3\"><v>-3</v></c>"
  "<c r=\"C3\"><v>1.0000000000000001E-5</v></c><c r=\"D3\"><v>123456789012345678</v></c>"
  "<c r=\"E3\"><v>1234567890123</v></c><c r=\"F3\"><v>-0</v></c><c r=\"G3\"><v>1800.00</v></c></row>"
  /* 4: cells without references follow the one before; inline strings, rich and phonetic */
  "<row r=\"4\"><c t=\"inlineStr\"><is><t>甲</t></is></c>"
  "<c t=\"inlineStr\"><is><r><t>乙</t></r><r><t>丙</t></r><rPh><t>ヘイ</t></rPh></is></c>"
  "<c r=\"E4\" t=\"b\"><v>1</v></c><c><v>7</v></c></row>"
  /* 5: a row without a reference follows the one before: shared strings, an error, an ISO date,
   * a formula's text */
  "<row><c r=\"A5\" t=\"s\"><v>0</v></c><c r=\"B5\" t=\"e\"><v>#DIV/0!</v></c>"
  "<c r=\"C5\" t=\"d\"><v>2023-03-05T00:00:00</v></c><c r=\"D5\" t=\"str\"><f>A1</f><v>公式_x000D_文本</v></c>"
  "<c r=\"E5\" t=\"s\"><v>1</v></c></row>"
  /* 7: A7:B8 merged, with a stale value in the covered B7; row 8 is not written at all */
  "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>合并</t></is></c>"
  "<c r=\"B7\" t=\"inlineStr\"><is><t>旧</t></is></c></row>"
  /* 10: C10:C11 merged, empty; 12 a number; 13: A13:A14 merged, the sheet's last row */
  "<row r=\"10\"><c r=\"C10\" s=\"3\"/></row>"
  "<row r=\"12\"><c r=\"A12\"><v>1</v></c></row>"
  "<row r=\"13\"><c r=\"A13\" t=\"inlineStr\"><is><t>尾</t></is></c></row>";

static const char cells_merges[] =
  "<mergeCells count=\"4\"><mergeCell ref=\"A7:B8\"/><mergeCell ref=\"C10:C11\"/>"
  "<mergeCell ref=\"A13:A14\"/><mergeCell ref=\"D20:E21\"/></mergeCells>";

static void
test_xlsx_cells (void)
{
  g_autofree char *dir = fazhi_test_make_dir ("fazhi-workbook-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "他人.xlsx", NULL);
  g_autofree char *sheet = sheet_xml (cells_rows, cells_merges);
  g_autofree char *other = sheet_xml ("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>", "");
  Zip *zip = xlsx_new (path,
                       "<sheet name=\"隐藏\" sheetId=\"2\" state=\"veryHidden\" r:id=\"rId2\"/>"
                       "<sheet name=\"表1\" sheetId=\"1\" r:id=\"rId1\"/>",
                       styles_xml, strings_xml);
  g_autoptr(FazhiWorkbook) workbook = NULL;
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) hidden = NULL;

  zip_add (zip, "xl/worksheets/sheet1.xml", sheet);
  zip_add (zip, "xl/worksheets/sheet2.xml", other);
  zip_close (zip);

  workbook = open_ok (path);
  g_assert_cmpuint (fazhi_workbook_get_n_sheets (workbook), ==, 2);
  g_assert_true (fazhi_workbook_sheet_is_hidden (workbook, 0));
  g_assert_false (fazhi_workbook_sheet_is_hidden (workbook, 1));
  /* The first sheet that is not hidden. */
  g_assert_cmpuint (fazhi_workbook_get_default_sheet (workbook), ==, 1);
  hidden = read_rows (workbook, 0, NULL);
  assert_row (hidden, 0, (const char *[]) { "n:2", NULL });

  rows = read_rows (workbook, 1, numbers);
  assert_numbers (numbers, (const guint[]) { 1, 2, 3, 4, 5, 7, 8, 12, 13, 14 }, 10);
  /* Dates: built-in 14, yyyy/m/d, [$-804]yyyy"年"m"月"d"日", built-in 57. Not dates: h:mm,
   * [Red]0.00, 0.00E+00, "m"0, [h]:mm:ss, mm:ss, General, 0.0_m\d, #,##0.00. */
  assert_row (rows, 0, (const char *[]) { "d:2023-03-15", "d:2023-03-15", "n:45000", "n:45000", "n:45000",
                                          "d:2023-03-15", "n:45000", "n:45000", "n:45000", "n:45000",
                                          "n:45000", "d:2023-03-15", "n:45000", NULL });
  assert_row (rows, 1, (const char *[]) { "d:1900-02-28", "d:1900-02-29", "d:1900-03-01", "d:1900-01-01",
                                          "n:0.5", "d:2023-03-15", "n:2958466", NULL });
  assert_row (rows, 2, (const char *[]) { "n:0.3", "n:-3", "n:1E-05", "n:1.23456789012346E+17",
                                          "n:1234567890123", "n:0", "n:1800", NULL });
  assert_row (rows, 3, (const char *[]) { "t:甲", "t:乙丙", "", "", "b:TRUE", "n:7", NULL });
  assert_row (rows, 4, (const char *[]) { "t:第一行\r\n第二行", "t:#DIV/0!", "d:2023-03-05", "t:公式\r文本",
                                          "t:_x0041_", NULL });
  /* Every cell of a merge reads as its top-left one, in a row the sheet leaves out too. */
  assert_row (rows, 5, (const char *[]) { "t:合并", "t:合并", NULL });
  assert_row (rows, 6, (const char *[]) { "t:合并", "t:合并", NULL });
  assert_row (rows, 7, (const char *[]) { "n:1", NULL });
  assert_row (rows, 8, (const char *[]) { "t:尾", NULL });
  assert_row (rows, 9, (const char *[]) { "t:尾", NULL });

  fazhi_test_remove_tree (dir);
}

/* A sheet of many rows reads a chunk at a time: the fraction climbs from 0 to 1, and the reader
 * works in another thread than the one that opened the workbook. */
typedef struct
{
  FazhiWorkbook *workbook;
  guint          n_rows;
  guint          last;
  guint          n_between;  /* fractions strictly between 0 and 1 */
} Progress;

static gpointer
read_in_thread (gpointer data)
{
  Progress *progress = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiSheetReader) reader = fazhi_workbook_read_sheet (progress->workbook, 0, &error);
  const FazhiSheetRow *row;
  double fraction = fazhi_sheet_reader_get_fraction (reader);

  g_assert_no_error (error);
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <, 0.5);
  while ((row = fazhi_sheet_reader_next (reader, &error)) != NULL)
    {
      double now = fazhi_sheet_reader_get_fraction (reader);
      g_autofree char *expected = g_strdup_printf ("第%u行", row->number);

      g_assert_cmpfloat (now, >=, fraction);
      if (now > 0.0 && now < 1.0 && now > fraction)
        progress->n_between++;
      fraction = now;
      g_assert_cmpuint (row->n_cells, ==, 2);
      g_assert_cmpstr (row->cells[0].text, ==, expected);
      g_assert_cmpuint (g_ascii_strtoull (row->cells[1].text, NULL, 10), ==, row->number);
      progress->n_rows++;
      progress->last = row->number;
    }
  g_assert_no_error (error);
  g_assert_cmpfloat (fazhi_sheet_reader_get_fraction (reader), ==, 1.0);
  return NULL;
}

static void
test_xlsx_progress (void)
{
  g_autofree char *dir = fazhi_test_make_dir ("fazhi-workbook-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "大表.xlsx", NULL);
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *sheet = NULL;
  Zip *zip = xlsx_new (path, ONE_SHEET, NULL, NULL);
  Progress progress = { NULL, 0, 0, 0 };
  GThread *thread;

  for (guint i = 1; i <= 30000; i++)
    g_string_append_printf (rows, "<row r=\"%u\"><c r=\"A%u\" t=\"inlineStr\"><is><t>第%u行</t></is></c>"
                            "<c r=\"B%u\"><v>%u</v></c></row>", i, i, i, i, i);
  sheet = sheet_xml (rows->str, "");
  zip_add (zip, "xl/worksheets/sheet1.xml", sheet);
  zip_close (zip);

  progress.workbook = open_ok (path);
  thread = g_thread_new ("reader", read_in_thread, &progress);
  g_thread_join (thread);
  g_assert_cmpuint (progress.n_rows, ==, 30000);
  g_assert_cmpuint (progress.last, ==, 30000);
  /* Some 3 MB of XML in 64 KB chunks. */
  g_assert_cmpuint (progress.n_between, >, 10);
  fazhi_workbook_free (progress.workbook);
  fazhi_test_remove_tree (dir);
}

static void
test_column_name (void)
{
  static const struct { guint column; const char *name; } names[] = {
    { 0, "A" }, { 1, "B" }, { 25, "Z" }, { 26, "AA" }, { 27, "AB" }, { 51, "AZ" }, { 52, "BA" },
    { 701, "ZZ" }, { 702, "AAA" }, { 16383, "XFD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = fazhi_column_name (names[i].column);

      g_assert_cmpstr (name, ==, names[i].name);
    }
}
/* Refusals */

static void
test_refusals (void)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D',
                                'R', 0, 0, 0, 0x10, 0x80, 0xff, 0x00, 0xfe };
  g_autofree char *dir = fazhi_test_make_dir ("fazhi-workbook-XXXXXX");
  g_autofree char *cases_xls = fixture_path ("cases.xls");
  g_autofree char *cases_xlsx = fixture_path ("cases.xlsx");
  g_autofree char *encrypted_xlsx = fixture_path ("encrypted.xlsx");
  g_autofree char *encrypted_xls = fixture_path ("encrypted.xls");
  g_autofree char *xls_data = NULL;
  g_autofree char *xlsx_data = NULL;
  gsize xls_length = 0;
  gsize xlsx_length = 0;
  g_autofree char *text_xlsx = write_file (dir, "台账.xlsx", "序号,事由\n1,咨询\n", -1);
  g_autofree char *png_xlsx = write_file (dir, "图.xlsx", (const char *) png, sizeof png);
  g_autofree char *png_xls = write_file (dir, "图.xls", (const char *) png, sizeof png);
  g_autofree char *png_csv = write_file (dir, "图.csv", (const char *) png, sizeof png);
  g_autofree char *empty = write_file (dir, "空.csv", "", 0);
  g_autofree char *blank = write_file (dir, "空行.csv", "\xef\xbb\xbf\r\n\r\n", -1);
  g_autofree char *et = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *docx = g_build_filename (dir, "报告.xlsx", NULL);
  g_autofree char *missing = g_build_filename (dir, "没有.xlsx", NULL);
  Zip *zip;

  xls_data = fazhi_test_read_file (cases_xls, &xls_length);
  xlsx_data = fazhi_test_read_file (cases_xlsx, &xlsx_length);
  et = write_file (dir, "汇总.et", xls_data, xls_length);
  cut = write_file (dir, "半截.xlsx", xlsx_data, xlsx_length / 2);
  zip = zip_new (docx);
  zip_add (zip, "word/document.xml", "<document/>");
  zip_close (zip);

  assert_refused (text_xlsx, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK, "is not an Excel workbook");
  assert_refused (png_xlsx, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK, "is not an Excel workbook");
  assert_refused (png_xls, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK, "is not an Excel workbook");
  /* Binary that is no text: NULs, and bytes neither UTF-8 nor GB18030. */
  assert_refused (png_csv, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK, "neither a workbook nor text");
  assert_refused (empty, FAZHI_WORKBOOK_ERROR_EMPTY, "is empty");
  assert_refused (blank, FAZHI_WORKBOOK_ERROR_EMPTY, "is empty");
  /* WPS's own format: it says what to do in WPS's words. */
  assert_refused (et, FAZHI_WORKBOOK_ERROR_WPS_FORMAT, "另存为");
  assert_refused (encrypted_xlsx, FAZHI_WORKBOOK_ERROR_ENCRYPTED, "password");
  assert_refused (encrypted_xls, FAZHI_WORKBOOK_ERROR_ENCRYPTED, "password");
  assert_refused (docx, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK, "zip archive but not an Excel workbook");
  assert_refused (cut, FAZHI_WORKBOOK_ERROR_CORRUPT, "zip archive is damaged");
  {
    g_autoptr(GError) error = open_error (missing);

    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_true (g_str_has_prefix (error->message, "没有.xlsx"));
  }

  fazhi_test_remove_tree (dir);
}

static void
test_xlsx_damaged (void)
{
  g_autofree char *dir = fazhi_test_make_dir ("fazhi-workbook-XXXXXX");
  g_autofree char *unclosed = g_build_filename (dir, "未完.xlsx", NULL);
  g_autofree char *no_part = g_build_filename (dir, "缺表.xlsx", NULL);
  g_autofree char *doctype = g_build_filename (dir, "实体.xlsx", NULL);
  g_autofree char *bad_string = g_build_filename (dir, "串号.xlsx", NULL);
  g_autofree char *shared = sheet_xml ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>", "");
  Zip *zip;

  zip = xlsx_new (unclosed, ONE_SHEET, NULL, NULL);
  zip_add (zip, "xl/worksheets/sheet1.xml",
           "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\"><c><v>1</v></c>");
  zip_close (zip);
  zip = xlsx_new (no_part, ONE_SHEET, NULL, NULL);
  zip_close (zip);
  /* A DTD is where entity bombs ("billion laughs") live; no workbook has one. */
  zip = xlsx_new (doctype, ONE_SHEET, NULL, NULL);
  zip_add (zip, "xl/worksheets/sheet1.xml",
           "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
           "<worksheet xmlns=\"" MAIN_NS "\"><sheetData>"
           "<row r=\"1\"><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
           "</sheetData></worksheet>");
  zip_close (zip);
  zip = xlsx_new (bad_string, ONE_SHEET, NULL, strings_xml);
  zip_add (zip, "xl/worksheets/sheet1.xml", shared);
  zip_close (zip);

  {
    g_autoptr(GError) error = read_error (unclosed, 0);

    g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT);
    g_assert_true (g_str_has_prefix (error->message, "未完.xlsx"));
    g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet1.xml"));
  }
  {
    g_autoptr(GError) error = read_error (no_part, 0);

    g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT);
    g_assert_true (g_str_has_prefix (error->message, "缺表.xlsx"));
    g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet1.xml is damaged (it is missing)"));
  }
  {
    g_autoptr(GError) error = read_error (doctype, 0);

    g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "document type declaration"));
  }
  {
    g_autoptr(GError) error = read_error (bad_string, 0);

    g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "shared string"));
  }

  fazhi_test_remove_tree (dir);
}

/* Zip bombs: a few hundred kilobytes that inflate to hundreds of megabytes. They are refused,
 * quickly when the zip says how large they are and within the bound when it lies, and neither
 * costs the memory of what it inflates to. */
static void
test_xlsx_bombs (void)
{
  g_autofree char *dir = fazhi_test_make_dir ("fazhi-workbook-XXXXXX");
  g_autofree char *honest = g_build_filename (dir, "炸弹1.xlsx", NULL);
  g_autofree char *lying = g_build_filename (dir, "炸弹2.xlsx", NULL);
  g_autofree char *comment = g_build_filename (dir, "注释.xlsx", NULL);
  g_autofree char *sheet = sheet_xml ("", "");
  const char *head = "<worksheet xmlns=\"" MAIN_NS "\"><sheetData>";
  g_autofree char *blank_rows = g_strdup_printf ("<row/>%*s", 150, "");
  const char *tail = "</sheetData></worksheet>";
  glong rss_before;
  gint64 start;
  Zip *zip;

  /* 80 MB of shared strings, said to be so: refused when the workbook is opened. */
  zip = xlsx_new (honest, ONE_SHEET, NULL, NULL);
  zip_add (zip, "xl/worksheets/sheet1.xml", sheet);
  zip_add_bomb (zip, "xl/sharedStrings.xml", "<sst xmlns=\"" MAIN_NS "\"><si><t>", "          ",
                80 * 1024 * 1024, "</t></si></sst>", 80 * 1024 * 1024);
  zip_close (zip);
  /* 600 MB of sheet (blank rows), said to be 1000 bytes: refused when the bound is passed. */
  zip = xlsx_new (lying, ONE_SHEET, NULL, NULL);
  zip_add_bomb (zip, "xl/worksheets/sheet1.xml", head, blank_rows,
                G_GUINT64_CONSTANT (600) * 1024 * 1024, tail, 1000);
  zip_close (zip);
  /* A comment of 20 MB, which expat would hold whole before it told of it. */
  zip = xlsx_new (comment, ONE_SHEET, NULL, NULL);
  zip_add_bomb (zip, "xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" MAIN_NS "\"><!--", "xxxxxxxxxxxxxxxx",
                20 * 1024 * 1024, "--><sheetData/></worksheet>", 20 * 1024 * 1024);
  zip_close (zip);
  g_assert_cmpint (g_file_test (lying, G_FILE_TEST_EXISTS), ==, TRUE);

  rss_before = max_rss_kb ();
  start = g_get_monotonic_time ();
  assert_refused (honest, FAZHI_WORKBOOK_ERROR_TOO_LARGE, "xl/sharedStrings.xml");
  /* Said to be too large: nothing was inflated. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  {
    g_autoptr(GError) error = read_error (lying, 0);

    g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_TOO_LARGE);
    g_assert_true (g_str_has_prefix (error->message, "炸弹2.xlsx"));
    g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet1.xml"));
  }
  {
    g_autoptr(GError) error = read_error (comment, 0);

    g_assert_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "single tag or comment"));
  }
  /* Far less than the 600 MB inflated: a chunk, expat's buffer, 16 MB of comment at most. */
  g_assert_cmpint (max_rss_kb () - rss_before, <, 64 * 1024);

  fazhi_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workbook/xlsx/cases", test_xlsx_cases);
  g_test_add_func ("/workbook/xls/cases", test_xls_cases);
  g_test_add_func ("/workbook/xls/as-xlsx", test_xls_as_xlsx);
  g_test_add_func ("/workbook/dates-1904", test_dates_1904);
  g_test_add_func ("/workbook/find-sheet", test_find_sheet);
  g_test_add_func ("/workbook/text/unicode-text", test_unicode_text);
  g_test_add_func ("/workbook/text/files", test_text_files);
  g_test_add_func ("/workbook/text/damaged", test_text_damaged);
  g_test_add_func ("/workbook/xlsx/cells", test_xlsx_cells);
  g_test_add_func ("/workbook/xlsx/progress", test_xlsx_progress);
  g_test_add_func ("/workbook/column-name", test_column_name);
  g_test_add_func ("/workbook/refusals", test_refusals);
  g_test_add_func ("/workbook/xlsx/damaged", test_xlsx_damaged);
  g_test_add_func ("/workbook/xlsx/bombs", test_xlsx_bombs);

  return g_test_run ();
}
