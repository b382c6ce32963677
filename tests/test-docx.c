/* test-docx.c — the .docx writer: a zip of well-formed parts that says what the document says
 *
 * The file is read back with libzip and each XML part parsed with GMarkup, so that a reserved
 * character left unescaped or a part left out fails here rather than in the clerk's WPS. Where
 * LibreOffice is installed, it must also open the file and turn it into a PDF.
 */

#define G_LOG_DOMAIN "test-docx"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>

#include "fazhi-demo.h"
#include "fazhi-docx.h"
#include "fazhi-report.h"
#include "fazhi-summary.h"
#include "fazhi-test-util.h"

#define TODAY "2026-11-28"

static const char *const parts[] = {
  "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
  "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
  "docProps/core.xml", "docProps/app.xml",
};

typedef struct
{
  char *directory;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->directory = fazhi_test_make_dir ("fazhi-docx-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fazhi_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

/* One part of the archive as text, or NULL when it is not there. */
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
  if (zip_stat (archive, name, 0, &stat) < 0)
    {
      zip_discard (archive);
      return NULL;
    }

  g_assert_true (stat.valid & ZIP_STAT_SIZE);
  file = zip_fopen (archive, name, 0);
  g_assert_nonnull (file);
  contents = g_malloc0 (stat.size + 1);
  g_assert_cmpint (zip_fread (file, contents, stat.size), ==, (zip_int64_t) stat.size);
  zip_fclose (file);
  zip_discard (archive);

  g_assert_true (g_utf8_validate (contents, -1, NULL));
  return contents;
}

/* The text of the paragraphs of a WordprocessingML part: <w:t> text, <w:br/> as a line break,
 * <w:tab/> as a tab, one string per <w:p>. */
typedef struct
{
  GPtrArray *paragraphs;
  GString   *current;
  gboolean   in_text;
} Reader;

static void
reader_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              data,
              GError              **error)
{
  Reader *reader = data;

  if (strcmp (element, "w:p") == 0)
    g_string_truncate (reader->current, 0);
  else if (strcmp (element, "w:t") == 0)
    reader->in_text = TRUE;
  else if (strcmp (element, "w:br") == 0)
    g_string_append_c (reader->current, '\n');
  else if (strcmp (element, "w:tab") == 0)
    g_string_append_c (reader->current, '\t');
}

static void
reader_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              data,
            GError              **error)
{
  Reader *reader = data;

  if (strcmp (element, "w:p") == 0)
    g_ptr_array_add (reader->paragraphs, g_strdup (reader->current->str));
  else if (strcmp (element, "w:t") == 0)
    reader->in_text = FALSE;
}

static void
reader_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              data,
             GError              **error)
{
  Reader *reader = data;

  if (reader->in_text)
    g_string_append_len (reader->current, text, length);
}

/* Parses @xml, failing the test if it is not well-formed; returns its paragraphs' text. */
static GPtrArray *
parse_paragraphs (const char *name,
                  const char *xml)
{
  static const GMarkupParser parser = { reader_start, reader_end, reader_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Reader reader = { g_ptr_array_new_with_free_func (g_free), g_string_new (NULL), FALSE };

  context = g_markup_parse_context_new (&parser, 0, &reader, NULL);
  if (!g_markup_parse_context_parse (context, xml, -1, &error)
      || !g_markup_parse_context_end_parse (context, &error))
    g_error ("%s is not well-formed: %s", name, error->message);

  g_string_free (reader.current, TRUE);
  return reader.paragraphs;
}

static gboolean
has_paragraph (GPtrArray  *paragraphs,
               const char *text)
{
  for (guint i = 0; i < paragraphs->len; i++)
    if (strcmp (g_ptr_array_index (paragraphs, i), text) == 0)
      return TRUE;

  return FALSE;
}

static void
assert_contains (const char *part,
                 const char *xml,
                 const char *needle)
{
  if (strstr (xml, needle) == NULL)
    g_error ("%s does not contain %s", part, needle);
}

/* Every part is there and well-formed, and every block's text is a paragraph of the document. */
static GPtrArray *
assert_docx_says (const char    *path,
                  FazhiDocument *document)
{
  g_autofree char *document_xml = read_part (path, "word/document.xml");
  GPtrArray *paragraphs;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *xml = read_part (path, parts[i]);
      g_autoptr(GPtrArray) ignored = NULL;

      if (xml == NULL)
        g_error ("%s has no part %s", path, parts[i]);
      ignored = parse_paragraphs (parts[i], xml);
    }

  paragraphs = parse_paragraphs ("word/document.xml", document_xml);

  for (guint i = 0; i < document->blocks->len; i++)
    {
      FazhiBlock *block = g_ptr_array_index (document->blocks, i);
      g_autofree char *text = NULL;

      if (block->kind == FAZHI_BLOCK_TABLE)
        {
          if (block->text != NULL && !has_paragraph (paragraphs, block->text))
            g_error ("The caption “%s” is not in the document", block->text);
          for (guint r = 0; r < block->rows->len; r++)
            {
              GStrv cells = g_ptr_array_index (block->rows, r);

              for (guint c = 0; c < block->n_columns; c++)
                if (!has_paragraph (paragraphs, cells[c]))
                  g_error ("The cell “%s” is not in the document", cells[c]);
            }
          continue;
        }

      text = g_strconcat (block->lead != NULL ? block->lead : "", block->text, NULL);
      if (!has_paragraph (paragraphs, text))
        g_error ("The paragraph “%s” is not in the document", text);
    }

  return paragraphs;
}

static FazhiDocument *
sample_document (void)
{
  FazhiDocument *document = fazhi_document_new ();
  FazhiBlock *table;
  const char *header[] = { "指标", "本季度", "说明" };
  const char *row[] = { "A&B <c>", "\"引号\" 'single'", "" };

  fazhi_document_add (document, FAZHI_BLOCK_TITLE, "某区某街道办事处关于\n2023年法治政府建设情况的报告");
  fazhi_document_add (document, FAZHI_BLOCK_HEADING, "一、标题 & <尖括号>");
  fazhi_document_add_paragraph (document, "（一）小标题。", "正文：甲方“乙方”\"丙\"'丁' & 3 < 5 > 2。");
  fazhi_document_add_paragraph (document, NULL, "没有小标题的一段，含\t制表符。");
  table = fazhi_document_add_table (document, "二、表格", 3);
  fazhi_block_add_row (table, header);
  fazhi_block_add_row (table, row);
  fazhi_document_add (document, FAZHI_BLOCK_SIGNATURE, "某街道办事处");
  fazhi_document_add (document, FAZHI_BLOCK_DATE, "2024年1月15日");

  return document;
}

static void
test_content (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FazhiDocument) document = sample_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autofree char *path = g_build_filename (fixture->directory, "sample.docx", NULL);
  g_autofree char *document_xml = NULL;
  g_autofree char *relationships = NULL;
  g_autofree char *content_types = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *odd_footer = NULL;
  g_autofree char *even_footer = NULL;
  g_autofree char *core = NULL;

  g_assert_true (fazhi_docx_write (document, path, &error));
  g_assert_no_error (error);

  paragraphs = assert_docx_says (path, document);
  g_assert_true (has_paragraph (paragraphs, "某区某街道办事处关于\n2023年法治政府建设情况的报告"));

  document_xml = read_part (path, "word/document.xml");
  assert_contains ("document.xml", document_xml, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>");
  assert_contains ("document.xml", document_xml, "w:top=\"2098\"");
  assert_contains ("document.xml", document_xml, "w:left=\"1587\"");
  assert_contains ("document.xml", document_xml, "w:right=\"1474\"");
  assert_contains ("document.xml", document_xml, "w:bottom=\"1984\"");
  assert_contains ("document.xml", document_xml, "<w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>");
  assert_contains ("document.xml", document_xml, "<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>");
  assert_contains ("document.xml", document_xml, "<w:rStyle w:val=\"Lead\"/>");
  assert_contains ("document.xml", document_xml, "<w:tblBorders>");
  assert_contains ("document.xml", document_xml, "<w:tblHeader/>");
  assert_contains ("document.xml", document_xml, "A&amp;B &lt;c&gt;");
  g_assert_null (strstr (document_xml, "A&B"));

  relationships = read_part (path, "word/_rels/document.xml.rels");
  assert_contains ("document.xml.rels", relationships, "Id=\"rIdFooterOdd\"");
  assert_contains ("document.xml.rels", relationships, "Target=\"footer1.xml\"");
  assert_contains ("document.xml.rels", relationships, "Target=\"footer2.xml\"");
  content_types = read_part (path, "[Content_Types].xml");
  assert_contains ("[Content_Types].xml", content_types, "/word/footer1.xml");

  odd_footer = read_part (path, "word/footer1.xml");
  even_footer = read_part (path, "word/footer2.xml");
  assert_contains ("footer1.xml", odd_footer, " PAGE ");
  assert_contains ("footer1.xml", odd_footer, "— ");
  assert_contains ("footer1.xml", odd_footer, "<w:jc w:val=\"right\"/>");
  assert_contains ("footer1.xml", odd_footer, "w:eastAsia=\"宋体\"");
  assert_contains ("footer1.xml", odd_footer, "<w:sz w:val=\"28\"/>");
  assert_contains ("footer2.xml", even_footer, " PAGE ");
  assert_contains ("footer2.xml", even_footer, "<w:jc w:val=\"left\"/>");

  styles = read_part (path, "word/styles.xml");
  assert_contains ("styles.xml", styles, "w:eastAsia=\"方正小标宋简体\"");
  assert_contains ("styles.xml", styles, "<w:sz w:val=\"44\"/>");
  assert_contains ("styles.xml", styles, "w:eastAsia=\"仿宋_GB2312\"");
  assert_contains ("styles.xml", styles, "w:firstLineChars=\"200\"");
  assert_contains ("styles.xml", styles, "w:line=\"579\" w:lineRule=\"exact\"");
  assert_contains ("styles.xml", styles, "w:eastAsia=\"黑体\"");
  assert_contains ("styles.xml", styles, "w:eastAsia=\"楷体_GB2312\"");

  core = read_part (path, "docProps/core.xml");
  assert_contains ("core.xml", core, "<dc:title>某区某街道办事处关于2023年法治政府建设情况的报告</dc:title>");
}

static FazhiDatabase *
open_demo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  FazhiDatabase *database = fazhi_test_open_database (fixture->directory);

  g_assert_true (fazhi_demo_fill (database, 0, &error));
  g_assert_no_error (error);

  return database;
}

static void
test_reports (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FazhiDatabase) database = open_demo (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiDocument) annual = fazhi_report_build_annual (database, 2023, &error);
  g_autoptr(FazhiDocument) summary = fazhi_summary_build (database, 2023, 4, &error);
  g_autofree char *annual_path = g_build_filename (fixture->directory, "annual.DOCX", NULL);
  g_autofree char *summary_path = g_build_filename (fixture->directory, "summary.docx", NULL);
  g_autoptr(GPtrArray) annual_paragraphs = NULL;
  g_autoptr(GPtrArray) summary_paragraphs = NULL;

  g_assert_no_error (error);
  g_assert_true (fazhi_report_write (annual, annual_path, &error));
  g_assert_no_error (error);
  g_assert_true (fazhi_report_write (summary, summary_path, &error));
  g_assert_no_error (error);

  annual_paragraphs = assert_docx_says (annual_path, annual);
  summary_paragraphs = assert_docx_says (summary_path, summary);

  for (guint i = 0; i < annual_paragraphs->len; i++)
    g_assert_null (strchr (g_ptr_array_index (annual_paragraphs, i), '{'));
  g_assert_true (has_paragraph (summary_paragraphs, "解放区王褚街道办事处\n2023年第四季度法治工作统计表"));
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FazhiDocument) document = sample_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->directory, "no-such-folder", "sample.docx", NULL);

  g_assert_false (fazhi_docx_write (document, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Runs a program with the arguments up to NULL; it must succeed. Returns what it printed. */
G_GNUC_NULL_TERMINATED
static char *
run (const char *program,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  const char *argument;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (gpointer) program);
  va_start (args, program);
  while ((argument = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &output, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  return output;
}

/* LibreOffice opens the file and prints it to a PDF that holds the text. */
static void
test_libreoffice (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *office = g_find_program_in_path ("libreoffice");
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(FazhiDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->directory, "annual.docx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->directory, "annual.pdf", NULL);
  g_autofree char *profile = g_build_filename (fixture->directory, "profile", NULL);
  g_autofree char *profile_uri = NULL;
  g_autofree char *profile_option = NULL;
  g_autofree char *output = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gsize length = 0;

  if (office == NULL)
    office = g_find_program_in_path ("soffice");
  if (office == NULL)
    {
      g_test_skip ("libreoffice is not installed");
      return;
    }
  /* Calc alone (libreoffice-calc-nogui, which makes the spreadsheet fixtures) cannot open a DOCX. */
  if (!g_file_test ("/usr/lib/libreoffice/program/libswlo.so", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("LibreOffice Writer is not installed");
      return;
    }

  database = open_demo (fixture);
  document = fazhi_report_build_annual (database, 2023, &error);
  g_assert_no_error (error);
  g_assert_true (fazhi_report_write (document, path, &error));
  g_assert_no_error (error);

  /* A profile of its own, so that the test neither needs nor touches the user's. */
  profile_uri = g_filename_to_uri (profile, NULL, &error);
  g_assert_no_error (error);
  profile_option = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);

  output = run (office, profile_option, "--headless", "--convert-to", "pdf", "--outdir", fixture->directory,
                path, NULL);

  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  if (pdftotext != NULL)
    {
      g_autofree char *text = run (pdftotext, "-enc", "UTF-8", pdf, "-", NULL);
      g_auto(GStrv) words = g_strsplit_set (text, " \n\f", -1);
      g_autofree char *squeezed = g_strjoinv ("", words);

      g_assert_nonnull (strstr (squeezed, "法治政府建设情况的报告"));
      g_assert_nonnull (strstr (squeezed, "开展监督检查35次"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("FAZHI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/docx/content", Fixture, NULL, fixture_set_up, test_content, fixture_tear_down);
  g_test_add ("/docx/reports", Fixture, NULL, fixture_set_up, test_reports, fixture_tear_down);
  g_test_add ("/docx/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);
  g_test_add ("/docx/libreoffice", Fixture, NULL, fixture_set_up, test_libreoffice, fixture_tear_down);

  return g_test_run ();
}
