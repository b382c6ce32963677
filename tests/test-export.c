/* test-export.c — the XLSX export as Excel and WPS read it, and the CSV export left as it was
 *
 * The .xlsx is opened with libzip and its parts read as text: the title row above the header,
 * the merge and the frozen pane, dates as date serials in a date style, numbers as numbers, and
 * columns as wide as what they hold.
 */

#include "config.h"

#include <string.h>
#include <zip.h>

#include "fazhi-record.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"
#include "fazhi-transfer.h"
#include "fazhi-value.h"

#define OFFICE "褚家街道办事处"
#define LONG_SUBJECT "物业费及停车位纠纷调解"  /* 11 Chinese characters: 22 widths */

typedef struct
{
  char          *dir;
  FazhiDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fazhi_test_make_dir ("fazhi-export-XXXXXX");
  fixture->database = fazhi_test_open_database (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  fazhi_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
set_office (Fixture    *fixture,
            const char *office)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fazhi_database_set_setting (fixture->database, "office_name", office, &error));
  g_assert_no_error (error);
}

/* Saves a case; @first, … are field keys and values, NULL-terminated. */
static void
save_case (Fixture    *fixture,
           const char *first,
           ...)
{
  g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (const char *key = first; key != NULL; key = va_arg (args, const char *))
    fazhi_record_set (record, key, va_arg (args, const char *));
  va_end (args);

  g_assert_true (fazhi_store_save (fixture->database, record, &error));
  g_assert_no_error (error);
}

/* Two cases in 2023 Q1 (saved out of date order) and one in Q2. */
static void
save_cases (Fixture *fixture)
{
  g_autoptr(GString) note = g_string_new (NULL);

  for (guint i = 0; i < 100; i++)
    g_string_append (note, "备注");

  save_case (fixture, "kind", "mediation", "title", LONG_SUBJECT, "received_on", "2023-03-01",
             "phone", "13812345678", "amount", "1200.5", "notes", note->str, NULL);
  save_case (fixture, "kind", "consultation", "title", "咨询", "received_on", "2023-01-15",
             "count", "12", NULL);
  save_case (fixture, "kind", "consultation", "title", "二季度咨询", "received_on", "2023-04-02", NULL);
}

static gint64
export_ok (Fixture       *fixture,
           FazhiLedgerId  ledger,
           int            year,
           int            quarter,
           const char    *name,
           char         **path)
{
  g_autoptr(GError) error = NULL;
  FazhiPeriod period;
  FazhiExportFilter filter = { &period, NULL, NULL };
  gint64 written;

  *path = g_build_filename (fixture->dir, name, NULL);
  if (year != 0)
    g_assert_true (fazhi_period_init (&period, year, quarter));
  written = fazhi_export (fixture->database, ledger, year != 0 ? &filter : NULL, *path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, >=, 0);

  return written;
}

/* One part of the workbook at @path as text, or NULL when it has no such part. */
static char *
read_part (const char *path,
           const char *name)
{
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_RDONLY, &code);
  zip_stat_t stat;
  zip_file_t *file;
  char *contents;

  g_assert_nonnull (archive);
  zip_stat_init (&stat);
  if (zip_stat (archive, name, 0, &stat) != 0)
    {
      zip_discard (archive);
      return NULL;
    }

  contents = g_malloc (stat.size + 1);
  file = zip_fopen (archive, name, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, contents, stat.size), ==, (zip_int64_t) stat.size);
  contents[stat.size] = '\0';
  zip_fclose (file);
  zip_discard (archive);

  return contents;
}

typedef struct
{
  char      *sheet;
  char      *styles;
  GPtrArray *strings;  /* the shared strings, if the workbook has them */
} Workbook;

static char *
unescape_xml (const char *text,
              gsize       length)
{
  GString *plain = g_string_new_len (text, length);

  g_string_replace (plain, "&lt;", "<", 0);
  g_string_replace (plain, "&gt;", ">", 0);
  g_string_replace (plain, "&quot;", "\"", 0);
  g_string_replace (plain, "&apos;", "'", 0);
  g_string_replace (plain, "&amp;", "&", 0);
  return g_string_free (plain, FALSE);
}

/* The text of the first <t>…</t> in @xml before @end (NULL for the end of @xml), or NULL. */
static char *
text_element (const char *xml,
              const char *end)
{
  const char *start = strstr (xml, "<t");
  const char *close;

  while (start != NULL && start[2] != '>' && start[2] != ' ')
    start = strstr (start + 2, "<t");
  if (start == NULL || (end != NULL && start >= end))
    return NULL;

  start = strchr (start, '>') + 1;
  close = strstr (start, "</t>");
  g_assert_nonnull (close);
  return unescape_xml (start, close - start);
}

static Workbook *
workbook_read (const char *path)
{
  Workbook *workbook = g_new0 (Workbook, 1);
  g_autofree char *strings = read_part (path, "xl/sharedStrings.xml");

  workbook->sheet = read_part (path, "xl/worksheets/sheet1.xml");
  workbook->styles = read_part (path, "xl/styles.xml");
  g_assert_nonnull (workbook->sheet);
  g_assert_nonnull (workbook->styles);

  workbook->strings = g_ptr_array_new_with_free_func (g_free);
  for (const char *item = strings != NULL ? strstr (strings, "<si>") : NULL;
       item != NULL;
       item = strstr (item + 1, "<si>"))
    g_ptr_array_add (workbook->strings, text_element (item, strstr (item, "</si>")));

  return workbook;
}

static void
workbook_free (Workbook *workbook)
{
  g_free (workbook->sheet);
  g_free (workbook->styles);
  g_ptr_array_unref (workbook->strings);
  g_free (workbook);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workbook, workbook_free)

/* "A" … "Z", "AA": the column's name, for the few columns a ledger has. */
static char *
column_name (guint column)
{
  if (column < 26)
    return g_strdup_printf ("%c", 'A' + column);
  return g_strdup_printf ("%c%c", 'A' + column / 26 - 1, 'A' + column % 26);
}

static char *
cell_ref (const FazhiLedger *ledger,
          const char        *key,
          guint              row)
{
  int index = fazhi_ledger_field_index (ledger, key);
  g_autofree char *column = NULL;

  g_assert_cmpint (index, >=, 0);
  column = column_name ((guint) index);
  return g_strdup_printf ("%s%u", column, row);
}

/* The value of attribute @name in the start tag at @tag, or NULL. */
static char *
attribute (const char *tag,
           const char *name)
{
  const char *end = strchr (tag, '>');
  g_autofree char *pattern = g_strdup_printf (" %s=\"", name);
  const char *start = strstr (tag, pattern);
  const char *close;

  g_assert_nonnull (end);
  if (start == NULL || start > end)
    return NULL;

  start += strlen (pattern);
  close = strchr (start, '"');
  return g_strndup (start, close - start);
}

/* The cell @ref of the sheet as XML, from "<c" to its end, or NULL when the sheet has none. */
static char *
cell_xml (Workbook   *workbook,
          const char *ref)
{
  g_autofree char *pattern = g_strdup_printf ("<c r=\"%s\"", ref);
  const char *start = strstr (workbook->sheet, pattern);
  const char *tag_end;
  const char *end;

  if (start == NULL)
    return NULL;

  tag_end = strchr (start, '>');
  if (tag_end[-1] == '/')
    end = tag_end + 1;
  else
    end = strstr (tag_end, "</c>") + strlen ("</c>");
  return g_strndup (start, end - start);
}

/* The text of a text cell (an inline or a shared string), or NULL for any other cell. */
static char *
cell_text (Workbook   *workbook,
           const char *ref)
{
  g_autofree char *cell = cell_xml (workbook, ref);
  g_autofree char *type = NULL;
  const char *value;

  if (cell == NULL)
    return NULL;

  type = attribute (cell, "t");
  if (g_strcmp0 (type, "inlineStr") == 0)
    return text_element (cell, NULL);
  if (g_strcmp0 (type, "s") == 0 && (value = strstr (cell, "<v>")) != NULL)
    {
      guint64 index = g_ascii_strtoull (value + 3, NULL, 10);

      g_assert_cmpuint (index, <, workbook->strings->len);
      return g_strdup (g_ptr_array_index (workbook->strings, index));
    }

  return NULL;
}

/* The value of a number cell; the test fails if @ref is not one. */
static double
cell_number (Workbook   *workbook,
             const char *ref)
{
  g_autofree char *cell = cell_xml (workbook, ref);
  g_autofree char *type = NULL;
  const char *value;

  if (cell == NULL)
    g_error ("the sheet has no cell %s", ref);
  type = attribute (cell, "t");
  if (type != NULL && strcmp (type, "n") != 0)
    g_error ("cell %s is of type %s, not a number: %s", ref, type, cell);
  value = strstr (cell, "<v>");
  g_assert_nonnull (value);

  return g_ascii_strtod (value + 3, NULL);
}

/* The start tag of the @index-th (0-based) element named @name after @section in @xml. */
static const char *
nth_element (const char *xml,
             const char *section,
             const char *name,
             guint       index)
{
  g_autofree char *open = g_strdup_printf ("<%s", name);
  const char *element = strstr (xml, section);

  g_assert_nonnull (element);
  for (guint i = 0; i <= index; i++)
    {
      do
        element = strstr (element + 1, open);
      while (element != NULL && element[strlen (open)] != ' ' && element[strlen (open)] != '>'
             && element[strlen (open)] != '/');
      g_assert_nonnull (element);
    }

  return element;
}

/* The element's XML up to its end tag (or the end of its empty tag). */
static char *
element_xml (const char *element,
             const char *name)
{
  g_autofree char *close = g_strdup_printf ("</%s>", name);
  const char *tag_end = strchr (element, '>');
  const char *end = tag_end[-1] == '/' ? tag_end + 1 : strstr (element, close) + strlen (close);

  return g_strndup (element, end - element);
}

static guint
style_index (const char *style_attribute)
{
  g_assert_nonnull (style_attribute);
  return (guint) g_ascii_strtoull (style_attribute, NULL, 10);
}

typedef struct
{
  char *number_format;  /* the format code, or NULL for a built-in format */
  char *font;           /* <font>…</font> */
  char *fill;           /* <fill>…</fill> */
  char *border;         /* <border>…</border> */
} CellStyle;

static void
cell_style_clear (CellStyle *style)
{
  g_clear_pointer (&style->number_format, g_free);
  g_clear_pointer (&style->font, g_free);
  g_clear_pointer (&style->fill, g_free);
  g_clear_pointer (&style->border, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CellStyle, cell_style_clear)

/* The style of cell @ref (the default style when the cell names none). */
static void
cell_style (Workbook   *workbook,
            const char *ref,
            CellStyle  *style)
{
  g_autofree char *cell = cell_xml (workbook, ref);
  g_autofree char *s = NULL;
  g_autofree char *number_format = NULL;
  g_autofree char *font = NULL;
  g_autofree char *fill = NULL;
  g_autofree char *border = NULL;
  const char *xf;

  if (cell == NULL)
    g_error ("the sheet has no cell %s", ref);
  s = attribute (cell, "s");
  xf = nth_element (workbook->styles, "<cellXfs", "xf", s != NULL ? style_index (s) : 0);

  number_format = attribute (xf, "numFmtId");
  font = attribute (xf, "fontId");
  fill = attribute (xf, "fillId");
  border = attribute (xf, "borderId");

  memset (style, 0, sizeof *style);
  if (g_ascii_strtoull (number_format, NULL, 10) >= 164)
    {
      g_autofree char *pattern = g_strdup_printf ("<numFmt numFmtId=\"%s\"", number_format);
      const char *definition = strstr (workbook->styles, pattern);

      g_assert_nonnull (definition);
      style->number_format = attribute (definition, "formatCode");
    }
  style->font = element_xml (nth_element (workbook->styles, "<fonts", "font", style_index (font)), "font");
  style->fill = element_xml (nth_element (workbook->styles, "<fills", "fill", style_index (fill)), "fill");
  style->border = element_xml (nth_element (workbook->styles, "<borders", "border", style_index (border)),
                               "border");
}

/* The width given to column @column (1-based, as <col> counts), or 0 when it has none. */
static double
column_width (Workbook *workbook,
              guint     column)
{
  g_autofree char *pattern = g_strdup_printf ("<col min=\"%u\" max=\"%u\"", column, column);
  const char *col = strstr (workbook->sheet, pattern);
  g_autofree char *width = NULL;

  if (col == NULL)
    return 0;
  width = attribute (col, "width");
  g_assert_nonnull (width);
  return g_ascii_strtod (width, NULL);
}

static double
field_width (Workbook          *workbook,
             const FazhiLedger *ledger,
             const char        *key)
{
  int index = fazhi_ledger_field_index (ledger, key);

  g_assert_cmpint (index, >=, 0);
  return column_width (workbook, (guint) index + 1);
}

/* Excel stores a width of w digits as w plus the cell's margins, rounded to whole pixels of a
 * 7-pixel digit: within a digit above w. */
static void
assert_width (double width,
              double digits)
{
  if (width < digits || width >= digits + 1)
    g_error ("a column %g wide where %g digits were expected", width, digits);
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  const FazhiLedger *ledger = fazhi_ledger_get (FAZHI_LEDGER_CASES);
  g_autofree char *path = NULL;
  g_autofree char *last_column = column_name (ledger->n_fields - 1);
  g_autofree char *merge = g_strdup_printf ("<mergeCell ref=\"A1:%s1\"/>", last_column);
  g_autofree char *title = NULL;
  g_autofree char *pane = NULL;
  g_autoptr(Workbook) workbook = NULL;
  g_auto(CellStyle) title_style = { NULL, };
  g_auto(CellStyle) header_style = { NULL, };
  g_auto(CellStyle) text_style = { NULL, };
  const char *pane_tag;

  set_office (fixture, OFFICE);
  save_cases (fixture);
  g_assert_cmpint (export_ok (fixture, FAZHI_LEDGER_CASES, 2023, 1, "cases.xlsx", &path), ==, 2);
  workbook = workbook_read (path);

  /* The title above everything, merged over every column of the ledger, bold and larger. */
  title = cell_text (workbook, "A1");
  g_assert_cmpstr (title, ==, OFFICE " — Cases and legal matters (2023 Q1)");
  g_assert_nonnull (strstr (workbook->sheet, "<mergeCells count=\"1\">"));
  if (strstr (workbook->sheet, merge) == NULL)
    g_error ("the title is not merged as %s", merge);
  cell_style (workbook, "A1", &title_style);
  g_assert_nonnull (strstr (title_style.font, "<b/>"));
  g_assert_null (strstr (title_style.font, "<sz val=\"11\"/>"));

  /* The labels on row 2, bold, filled and bordered; the pane frozen below them. */
  for (guint i = 0; i < ledger->n_fields; i++)
    {
      g_autofree char *column = column_name (i);
      g_autofree char *ref = g_strdup_printf ("%s2", column);
      g_autofree char *label = cell_text (workbook, ref);

      g_assert_cmpstr (label, ==, ledger->fields[i].label);
    }
  cell_style (workbook, "B2", &header_style);
  g_assert_nonnull (strstr (header_style.font, "<b/>"));
  g_assert_nonnull (strstr (header_style.fill, "patternType=\"solid\""));
  g_assert_nonnull (strstr (header_style.border, "<left style=\"thin\""));
  g_assert_nonnull (strstr (header_style.border, "<bottom style=\"thin\""));

  pane_tag = strstr (workbook->sheet, "<pane ");
  g_assert_nonnull (pane_tag);
  pane = element_xml (pane_tag, "pane");
  g_assert_nonnull (strstr (pane, " topLeftCell=\"A3\""));
  g_assert_nonnull (strstr (pane, " ySplit=\"2\""));
  g_assert_nonnull (strstr (pane, " state=\"frozen\""));
  g_assert_null (strstr (pane, " xSplit="));

  /* The records of the quarter from row 3, in date order; the Q2 one is not there. */
  {
    g_autofree char *first_subject = cell_ref (ledger, "title", 3);
    g_autofree char *second_subject = cell_ref (ledger, "title", 4);
    g_autofree char *first = cell_text (workbook, first_subject);
    g_autofree char *second = cell_text (workbook, second_subject);

    g_assert_cmpstr (first, ==, "咨询");
    g_assert_cmpstr (second, ==, LONG_SUBJECT);
    g_assert_nonnull (strstr (workbook->sheet, "<row r=\"4\""));
    g_assert_null (strstr (workbook->sheet, "<row r=\"5\""));
    g_assert_null (strstr (workbook->sheet, "二季度咨询"));
    cell_style (workbook, first_subject, &text_style);
    g_assert_null (strstr (text_style.font, "<b/>"));
  }

  /* Dates are date serials (days from 1899-12-30) in a yyyy-mm-dd style. */
  {
    g_autofree char *first_received = cell_ref (ledger, "received_on", 3);
    g_autofree char *second_received = cell_ref (ledger, "received_on", 4);
    g_autofree char *concluded = cell_ref (ledger, "concluded_on", 4);
    g_auto(CellStyle) date_style = { NULL, };

    g_assert_cmpfloat (cell_number (workbook, first_received), ==, 44941);   /* 2023-01-15 */
    g_assert_cmpfloat (cell_number (workbook, second_received), ==, 44986);  /* 2023-03-01 */
    cell_style (workbook, second_received, &date_style);
    g_assert_cmpstr (date_style.number_format, ==, "yyyy-mm-dd");
    g_assert_null (cell_xml (workbook, concluded));
  }

  /* Numbers as numbers, choices by their label, the phone masked. */
  {
    g_autofree char *count = cell_ref (ledger, "count", 3);
    g_autofree char *amount = cell_ref (ledger, "amount", 4);
    g_autofree char *kind_ref = cell_ref (ledger, "kind", 3);
    g_autofree char *phone_ref = cell_ref (ledger, "phone", 4);
    g_autofree char *kind = cell_text (workbook, kind_ref);
    g_autofree char *phone = cell_text (workbook, phone_ref);

    g_assert_cmpfloat (cell_number (workbook, count), ==, 12);
    g_assert_cmpfloat (cell_number (workbook, amount), ==, 1200.5);
    g_assert_cmpstr (kind, ==, "法律咨询");
    g_assert_cmpstr (phone, ==, "138****5678");
    g_assert_null (strstr (workbook->sheet, "13812345678"));
  }

  /* Each column as wide as its widest header or value, in digits (a Chinese character is two),
   * plus two for the cell's margins; the header's filter button takes two more. A long note is
   * cut at 50. */
  assert_width (field_width (workbook, ledger, "title"), 2 * g_utf8_strlen (LONG_SUBJECT, -1) + 2);
  assert_width (field_width (workbook, ledger, "count"), 2 * g_utf8_strlen ("数量", -1) + 2 + 2);
  assert_width (field_width (workbook, ledger, "notes"), 50);
  g_assert_cmpfloat (field_width (workbook, ledger, "title"), >, field_width (workbook, ledger, "count"));
  g_assert_nonnull (strstr (workbook->sheet, "<autoFilter ref=\"A2:"));
}

/* The title names what it can: the office only when it is set, the period only when one was
 * asked for and the ledger has a date that puts its records in one. */
static void
test_title (Fixture       *fixture,
            gconstpointer  data)
{
  const struct
  {
    const char    *office;
    FazhiLedgerId  ledger;
    int            year;
    int            quarter;
    const char    *title;
  } exports[] = {
    { OFFICE, FAZHI_LEDGER_CASES, 2023, 1, OFFICE " — Cases and legal matters (2023 Q1)" },
    { OFFICE, FAZHI_LEDGER_CASES, 2023, 4, OFFICE " — Cases and legal matters (2023 Q4)" },
    { OFFICE, FAZHI_LEDGER_TRAININGS, 2023, 0, OFFICE " — Rule-of-law trainings (2023)" },
    { OFFICE, FAZHI_LEDGER_CASES, 0, 0, OFFICE " — Cases and legal matters" },
    { OFFICE, FAZHI_LEDGER_COMPOUNDS, 2023, 2, OFFICE " — Compounds" },
    { NULL, FAZHI_LEDGER_CASES, 2022, 0, "Cases and legal matters (2022)" },
    { "  ", FAZHI_LEDGER_OUTREACH, 2023, 3, "Legal-publicity events (2023 Q3)" },
    { "", FAZHI_LEDGER_COMMUNITIES, 0, 0, "Communities" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (exports[i].ledger);
      g_autofree char *name = g_strdup_printf ("title-%u.xlsx", i);
      g_autofree char *database = g_strdup_printf ("%s/title-%u.db", fixture->dir, i);
      g_autofree char *path = NULL;
      g_autofree char *last_column = column_name (ledger->n_fields - 1);
      g_autofree char *merge = g_strdup_printf ("<mergeCell ref=\"A1:%s1\"/>", last_column);
      g_autofree char *filter = g_strdup_printf ("<autoFilter ref=\"A2:%s2\"/>", last_column);
      g_autofree char *title = NULL;
      g_autoptr(Workbook) workbook = NULL;

      /* A database of its own, whose office is set or never was. */
      g_clear_object (&fixture->database);
      fixture->database = fazhi_test_open_database_file (database);
      if (exports[i].office != NULL)
        set_office (fixture, exports[i].office);
      g_assert_cmpint (export_ok (fixture, exports[i].ledger, exports[i].year, exports[i].quarter, name, &path), ==, 0);

      workbook = workbook_read (path);
      title = cell_text (workbook, "A1");
      g_assert_cmpstr (title, ==, exports[i].title);
      if (strstr (workbook->sheet, merge) == NULL)
        g_error ("%s: the title is not merged as %s", name, merge);
      /* No records: the header alone, still under the filter. */
      g_assert_nonnull (strstr (workbook->sheet, filter));
      g_assert_null (strstr (workbook->sheet, "<row r=\"3\""));
    }
}

/* The CSV is what other programs read: a BOM, the labels, the rows; no title. */
static void
test_csv_unchanged (Fixture       *fixture,
                    gconstpointer  data)
{
  const FazhiLedger *ledger = fazhi_ledger_get (FAZHI_LEDGER_CASES);
  g_autoptr(GString) header = g_string_new ("\xef\xbb\xbf");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  set_office (fixture, OFFICE);
  save_cases (fixture);
  g_assert_cmpint (export_ok (fixture, FAZHI_LEDGER_CASES, 2023, 1, "cases.csv", &path), ==, 2);
  contents = fazhi_test_read_file (path, NULL);

  for (guint i = 0; i < ledger->n_fields; i++)
    g_string_append_printf (header, "%s%s", i > 0 ? "," : "", ledger->fields[i].label);
  g_string_append (header, "\r\n");
  g_assert_true (g_str_has_prefix (contents, header->str));
  g_assert_null (strstr (contents, OFFICE));
  g_assert_null (strstr (contents, "Cases and legal matters"));

  /* Dates as the text they are stored as, not serials. */
  g_assert_nonnull (strstr (contents, ",2023-01-15,"));
  g_assert_null (strstr (contents, "44941"));

  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 + 1);  /* header, rows, "" after the last */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/export/xlsx/layout", test_layout);
  ADD ("/export/xlsx/title", test_title);
  ADD ("/export/csv/unchanged", test_csv_unchanged);
#undef ADD

  return g_test_run ();
}
