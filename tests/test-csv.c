/* test-csv.c — reading CSV as Excel and WPS write it */

#include "config.h"

#include <string.h>

#include "fazhi-csv.h"

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = fazhi_csv_parse (text, "test.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static FazhiCsvRow *
row_at (GPtrArray *rows,
        guint      index)
{
  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

static void
assert_row (GPtrArray          *rows,
            guint               index,
            guint               line,
            const char * const *fields)
{
  FazhiCsvRow *row = row_at (rows, index);

  g_assert_cmpuint (row->line, ==, line);
  g_assert_cmpstrv (row->fields, fields);
}

static void
test_plain (void)
{
  GPtrArray *rows = parse_ok ("kind,title,count\nmediation,邻里纠纷,1\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, 1, (const char *[]) { "kind", "title", "count", NULL });
  assert_row (rows, 1, 2, (const char *[]) { "mediation", "邻里纠纷", "1", NULL });
  fazhi_csv_rows_free (rows);
}

static void
test_empty_fields (void)
{
  GPtrArray *rows = parse_ok (",a,,\n\"\",b\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, 1, (const char *[]) { "", "a", "", "", NULL });
  assert_row (rows, 1, 2, (const char *[]) { "", "b", NULL });
  fazhi_csv_rows_free (rows);
}

static void
test_quotes (void)
{
  GPtrArray *rows = parse_ok ("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",plain\n");

  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (rows, 0, 1, (const char *[]) { "a,b", "say \"hi\"", "\"", "plain", NULL });
  fazhi_csv_rows_free (rows);
}

static void
test_line_breaks_in_quotes (void)
{
  /* Three line breaks inside quotes, one of each kind: the row spans lines 1 to 4. */
  GPtrArray *rows = parse_ok ("\"crlf\r\nend\",\"lf\nend\",\"cr\rend\"\r\nnext,row\r\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, 1, (const char *[]) { "crlf\r\nend", "lf\nend", "cr\rend", NULL });
  assert_row (rows, 1, 5, (const char *[]) { "next", "row", NULL });
  fazhi_csv_rows_free (rows);
}

static void
test_row_ends (void)
{
  const char *texts[] = {
    "a,b\r\n1,2\r\n",
    "a,b\n1,2\n",
    "a,b\r1,2\r",
    "a,b\n1,2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GPtrArray *rows = parse_ok (texts[i]);

      g_assert_cmpuint (rows->len, ==, 2);
      assert_row (rows, 0, 1, (const char *[]) { "a", "b", NULL });
      assert_row (rows, 1, 2, (const char *[]) { "1", "2", NULL });
      fazhi_csv_rows_free (rows);
    }
}

static void
test_blank_lines (void)
{
  GPtrArray *rows = parse_ok ("\n\na\r\n\r\n\nb\n\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, 3, (const char *[]) { "a", NULL });
  assert_row (rows, 1, 6, (const char *[]) { "b", NULL });
  fazhi_csv_rows_free (rows);
}

static void
test_bom (void)
{
  static const char data[] = "\xef\xbb\xbf名称,类型\r\n东风社区,社区\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fazhi_csv_decode (g_strdup (data), strlen (data), "bom.csv", &error);
  GPtrArray *rows;

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, data + 3);

  rows = parse_ok (text);
  assert_row (rows, 0, 1, (const char *[]) { "名称", "类型", NULL });
  fazhi_csv_rows_free (rows);

  /* A BOM left in the text is not part of the first header either. */
  rows = parse_ok (data);
  assert_row (rows, 0, 1, (const char *[]) { "名称", "类型", NULL });
  fazhi_csv_rows_free (rows);
}

static void
test_utf8_without_bom (void)
{
  static const char data[] = "事由\n调解\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fazhi_csv_decode (g_strdup (data), strlen (data), "plain.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, data);
}

static void
test_gb18030 (void)
{
  static const char utf8[] = "受理日期,事由,村/社区\r\n2023年3月5日,“邻里”纠纷,红星村\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  GPtrArray *rows;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  /* The test is only meaningful if the bytes are not UTF-8 themselves. */
  g_assert_false (g_utf8_validate_len (gb, length, NULL));

  text = fazhi_csv_decode (g_steal_pointer (&gb), length, "gb.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, utf8);

  rows = parse_ok (text);
  assert_row (rows, 1, 2, (const char *[]) { "2023年3月5日", "“邻里”纠纷", "红星村", NULL });
  fazhi_csv_rows_free (rows);
}

static void
test_neither_encoding (void)
{
  static const char *samples[] = {
    "\xff\xfe\xfa,\xff\r\n",
    "title\n\x80\x80\x80\n",
    "\xd5\xe2\xca\xc7\x81",  /* GB18030 cut short after a lead byte */
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const char *data = samples[i];
      gsize length = strlen (data);
      g_autoptr(GError) convert_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *converted = NULL;
      g_autofree char *text = NULL;
      gsize bytes_read = 0;

      /* The sample really is invalid in both encodings. */
      g_assert_false (g_utf8_validate_len (data, length, NULL));
      converted = g_convert (data, length, "UTF-8", "GB18030", &bytes_read, NULL, &convert_error);
      g_assert_true (converted == NULL || bytes_read < length);

      text = fazhi_csv_decode (g_strndup (data, length), length, "odd.csv", &error);
      g_assert_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_ENCODING);
      g_assert_null (text);
      g_assert_true (g_str_has_prefix (error->message, "odd.csv:"));
    }
}

/* Excel's "Unicode text": UTF-16 with a byte order mark, little- or big-endian. */
static void
test_utf16 (void)
{
  static const char *charsets[] = { "UTF-16LE", "UTF-16BE" };
  const char *utf8 = "\xef\xbb\xbf" "案由\t人数\r\n咨询\t2\r\n";

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      char *data = g_convert (utf8, -1, charsets[i], "UTF-8", NULL, &length, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = fazhi_csv_decode (data, length, "unicode.txt", &error);
      g_assert_no_error (error);
      /* Without its BOM. */
      g_assert_cmpstr (text, ==, "案由\t人数\r\n咨询\t2\r\n");
    }

  /* A BOM and a U+0000 after it: not text. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = fazhi_csv_decode (g_memdup2 ("\xff\xfe" "a\0\0\0", 7), 6, "nul.txt", &error);

    g_assert_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_ENCODING);
    g_assert_null (text);
  }
}

static void
test_tabs (void)
{
  static const char text[] = "姓名\t住址\n张三\t\"幸福路\t1号\"\n\t\n李四,王五\t\n";
  g_autoptr(FazhiCsvReader) reader = fazhi_csv_reader_new (text, "t.txt");
  g_autoptr(GError) error = NULL;
  const FazhiCsvRow *row;

  fazhi_csv_reader_set_separator (reader, '\t');
  row = fazhi_csv_reader_next (reader, &error);
  g_assert_cmpstrv (row->fields, ((const char *[]) { "姓名", "住址", NULL }));
  row = fazhi_csv_reader_next (reader, &error);
  g_assert_cmpstrv (row->fields, ((const char *[]) { "张三", "幸福路\t1号", NULL }));
  /* A line of tabs alone is a row of empty fields; commas are text. */
  row = fazhi_csv_reader_next (reader, &error);
  g_assert_cmpstrv (row->fields, ((const char *[]) { "", "", NULL }));
  row = fazhi_csv_reader_next (reader, &error);
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpstrv (row->fields, ((const char *[]) { "李四,王五", "", NULL }));
  g_assert_null (fazhi_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = fazhi_csv_parse ("a,b\n1,2\n3,\"never\nclosed\n", "open.csv", &error);

  g_assert_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_SYNTAX);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, "open.csv:3:"));
}

static void
test_text_after_quote (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = fazhi_csv_parse ("a,b\n\"x\"y,2\n", "stray.csv", &error);

  g_assert_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_SYNTAX);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, "stray.csv:2:"));
}

static void
test_empty (void)
{
  static const char *samples[] = { "", "\xef\xbb\xbf", "\r\n\n", "\xef\xbb\xbf\n\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = fazhi_csv_decode (g_strdup (samples[i]), strlen (samples[i]), "none.csv", &error);
      GPtrArray *rows;

      g_assert_no_error (error);
      rows = fazhi_csv_parse (text, "none.csv", &error);
      g_assert_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_EMPTY);
      g_assert_null (rows);
      g_assert_nonnull (strstr (error->message, "none.csv"));
    }
}

static void
test_large_field (void)
{
  const gsize size = 2 * 1024 * 1024;
  g_autoptr(GString) field = g_string_sized_new (size);
  g_autoptr(GString) text = g_string_new ("notes,count\n");
  GPtrArray *rows;

  /* Every character the quoting must get right, over and over. */
  while (field->len < size)
    g_string_append (field, "调解“记录”, \"quoted\"\r\nline\n");

  fazhi_csv_append_field (text, field->str);
  g_string_append (text, ",7\n");

  rows = parse_ok (text->str);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (row_at (rows, 1)->fields[0], ==, field->str);
  g_assert_cmpstr (row_at (rows, 1)->fields[1], ==, "7");
  fazhi_csv_rows_free (rows);
}

/* The reader gives one row at a time, in a buffer it reuses, and says how far it has read. */
static void
test_reader (void)
{
  static const char text[] = "a,b\n\n\"x\ny\",2\n3,\"long cell\"\n";
  g_autoptr(FazhiCsvReader) reader = fazhi_csv_reader_new (text, "r.csv");
  g_autoptr(GError) error = NULL;
  const FazhiCsvRow *row;
  double fraction;

  g_assert_cmpfloat (fazhi_csv_reader_get_fraction (reader), ==, 0.0);

  row = fazhi_csv_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->line, ==, 1);
  g_assert_cmpuint (row->n_fields, ==, 2);
  g_assert_cmpstrv (row->fields, ((const char *[]) { "a", "b", NULL }));
  fraction = fazhi_csv_reader_get_fraction (reader);
  g_assert_cmpfloat (fraction, >, 0.0);

  row = fazhi_csv_reader_next (reader, &error);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_cmpstrv (row->fields, ((const char *[]) { "x\ny", "2", NULL }));
  g_assert_cmpfloat (fazhi_csv_reader_get_fraction (reader), >, fraction);

  row = fazhi_csv_reader_next (reader, &error);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->line, ==, 5);
  g_assert_cmpstrv (row->fields, ((const char *[]) { "3", "long cell", NULL }));
  g_assert_cmpfloat (fazhi_csv_reader_get_fraction (reader), ==, 1.0);

  /* The end is not an error, and stays the end. */
  g_assert_null (fazhi_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_null (fazhi_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_append_field (void)
{
  static const char *values[] = {
    "plain", "", "a,b", "say \"hi\"", "\"", "line\nbreak", "cr\rlf\r\n", " lead", "trail ",
    "中文，全角逗号", "138****5678", "（2023）调字第001号",
  };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  GPtrArray *rows;

  fazhi_csv_append_field (plain, "plain");
  g_assert_cmpstr (plain->str, ==, "plain");
  g_string_truncate (plain, 0);
  fazhi_csv_append_field (plain, "a,b");
  g_assert_cmpstr (plain->str, ==, "\"a,b\"");

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      fazhi_csv_append_field (line, values[i]);
    }
  g_string_append (line, "\r\n");

  rows = parse_ok (line->str);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (g_strv_length (row_at (rows, 0)->fields), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpstr (row_at (rows, 0)->fields[i], ==, values[i]);
  fazhi_csv_rows_free (rows);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/plain", test_plain);
  g_test_add_func ("/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/line-breaks-in-quotes", test_line_breaks_in_quotes);
  g_test_add_func ("/csv/row-ends", test_row_ends);
  g_test_add_func ("/csv/blank-lines", test_blank_lines);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/utf8-without-bom", test_utf8_without_bom);
  g_test_add_func ("/csv/gb18030", test_gb18030);
  g_test_add_func ("/csv/neither-encoding", test_neither_encoding);
  g_test_add_func ("/csv/utf16", test_utf16);
  g_test_add_func ("/csv/tabs", test_tabs);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/text-after-quote", test_text_after_quote);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/large-field", test_large_field);
  g_test_add_func ("/csv/reader", test_reader);
  g_test_add_func ("/csv/append-field", test_append_field);

  return g_test_run ();
}
