/* test-layout.c — reports laid out on A4 pages as GB/T 9704-2012 prescribes
 *
 * The PDF is read back with poppler-utils (pdfinfo, pdffonts, pdftotext); a check whose tool is
 * missing is skipped. The drawing itself is also checked on an image surface, without any tool.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fazhi-document.h"
#include "fazhi-layout.h"
#include "fazhi-test-util.h"

#define MM            (72.0 / 25.4)
#define BLOCK_LEFT    (28.0 * MM)
#define BLOCK_RIGHT   ((28.0 + 156.0) * MM)
#define BLOCK_TOP     (37.0 * MM)
#define BLOCK_BOTTOM  ((37.0 + 225.0) * MM)
#define LINE_PITCH    (225.0 * MM / 22)
#define CHAR_PITCH    (156.0 * MM / 28)
#define NUMBER_SIZE   14.0

static const char *report_title = "解放区安澜街道办事处关于\n2024年法治政府建设情况的报告";
static const char *report_signature = "解放区安澜街道办事处";
static const char *report_date = "2025年1月10日";

/* Short items, each well within one line of 28 characters. */
static const char * const one_liners[] = {
  "1月8日，召开年度法治建设工作部署会。",
  "2月20日，组织机关干部集中学习《宪法》。",
  "3月5日，开展学雷锋志愿普法服务活动。",
  "3月15日，联合市场所开展消费维权宣传。",
  "4月15日，开展全民国家安全教育日宣传。",
  "5月10日，举办民法典进社区专题讲座。",
  "5月28日，组织执法人员旁听行政诉讼庭审。",
  "6月26日，在文化广场开展禁毒宣传活动。",
  "7月12日，对辖区企业开展安全生产检查。",
  "8月3日，调解一起物业服务费用纠纷。",
  "8月21日，指导两个小区启动业委会换届。",
  "9月6日，组织村（社区）法治专员培训。",
  "9月18日，开展反邪教警示教育进校园活动。",
  "10月9日，参加区司法局行政执法考试。",
};

static const char * const work_leads[] = {
  "（一）健全工作机制。",
  "（二）推进依法行政。",
  "（三）化解矛盾纠纷。",
  "（四）深化法治宣传。",
  "（五）规范业委会换届。",
};

static const char * const work_texts[] = {
  "调整充实街道法治建设领导小组，明确司法所、综治中心、综合行政执法队和各村（社区）的职责分工，"
  "建立月调度、季通报的工作制度，形成主要领导亲自抓、分管领导具体抓、各部门协同推进的工作格局。",
  "全年开展行政执法监督检查35次，发现并督促整改问题12个；法律顾问参与行政诉讼出庭应诉7场，"
  "审查修改合同协议等文书13份，提出法律意见40余条，重大事项做到先审查、后决定。",
  "街道、村（社区）两级调解组织共受理矛盾纠纷14件，调处率和调解成功率均为100%。对婚姻家庭、"
  "邻里关系、物业服务等常见纠纷坚持早发现、早介入、早化解，做到小事不出村、大事不出街道。",
  "围绕国家安全教育日、民法典宣传月、国家宪法日等重要节点，组织开展法治宣传活动44次，"
  "发放宣传资料8000余份，接受群众法律咨询70余人次，推动法律知识进社区、进企业、进校园。",
  "指导6个小区启动业主委员会换届程序，其中3个小区已完成选举并公示结果，其余小区正在推进"
  "候选人产生和业主大会表决的准备工作，换届过程中严格核对业主人数和专有部分面积。",
};

static const char * const problems_text =
  "一是部分干部运用法治思维解决问题的能力还有差距，遇到复杂情况习惯于凭经验办事；二是基层法律服务"
  "力量不足，村（社区）法律顾问开展工作的频次不够均衡；三是法治宣传形式还不够新颖，对青年群体和新"
  "就业群体的吸引力有待提高。";

static const char * const plans_text =
  "2025年，街道将继续落实法治建设第一责任人职责，重点抓好以下几项工作：一是加强干部学法用法，"
  "把法治培训纳入年度培训计划，每季度至少组织一次集中学习；二是完善矛盾纠纷多元化解机制，加强"
  "人民调解员队伍建设；三是创新普法方式，利用短视频、微信公众号等平台扩大宣传覆盖面；四是加强"
  "对小区业委会换届选举的指导和监督，确保程序合法、结果公正。";

static const char * const indicator_rows[][5] = {
  { "序号", "指标", "单位", "数量", "备注" },
  { "1", "行政执法监督检查", "次", "35", "" },
  { "2", "法律顾问出庭应诉", "场", "7", "" },
  { "3", "接受法律咨询", "人次", "73", "写作70余人次" },
  { "4", "审查修改合同文书", "份", "13", "" },
  { "5", "组织机关干部学法", "次", "4", "参加200余人" },
  { "6", "法治宣传活动", "次", "44", "发放资料8000余份" },
  { "7", "受理矛盾纠纷", "件", "14", "调解成功率100%" },
  { "8", "启动业委会换届", "个", "6", "已完成3个" },
};

static const char * const dispute_categories[] = {
  "婚姻家庭", "邻里", "房屋宅基地", "合同", "物业", "损害赔偿", "劳动争议", "道路交通",
};

/* ---- documents ---- */

static void
add_indicator_table (FazhiDocument *document)
{
  FazhiBlock *table = fazhi_document_add_table (document, "表1  2024年主要工作指标完成情况", 5);

  for (guint r = 0; r < G_N_ELEMENTS (indicator_rows); r++)
    fazhi_block_add_row (table, indicator_rows[r]);
}

static FazhiDocument *
new_annual_report (void)
{
  FazhiDocument *document = fazhi_document_new ();

  fazhi_document_add (document, FAZHI_BLOCK_TITLE, report_title);
  fazhi_document_add_paragraph (document, NULL,
                                "2024年，安澜街道在区委、区政府的领导下，坚持以习近平法治思想为指导，围绕辖区中心工作，"
                                "把法治建设同基层治理、矛盾化解和为民服务结合起来，各项工作有序推进。现将全年情况报告如下：");
  fazhi_document_add (document, FAZHI_BLOCK_HEADING, "一、第一责任人履职情况");
  fazhi_document_add_paragraph (document, NULL,
                                "街道党政主要负责同志把法治建设列入年度重点工作，年初召开专题会议研究部署，年中听取进展汇报，"
                                "年底对照任务清单逐项检查。全年主持召开党工委会议专题研究法治工作4次，带头讲法治课2次，"
                                "对重大行政决策、重要合同和信访积案坚持先审查后决定。");
  fazhi_document_add (document, FAZHI_BLOCK_HEADING, "二、工作开展情况");
  for (guint i = 0; i < G_N_ELEMENTS (work_leads); i++)
    fazhi_document_add_paragraph (document, work_leads[i], work_texts[i]);
  add_indicator_table (document);
  fazhi_document_add (document, FAZHI_BLOCK_HEADING, "三、存在的问题");
  fazhi_document_add_paragraph (document, NULL, problems_text);
  fazhi_document_add (document, FAZHI_BLOCK_HEADING, "四、下一步工作打算");
  fazhi_document_add_paragraph (document, NULL, plans_text);
  fazhi_document_add (document, FAZHI_BLOCK_SIGNATURE, report_signature);
  fazhi_document_add (document, FAZHI_BLOCK_DATE, report_date);

  return document;
}

static FazhiDocument *
new_filled_document (guint n_one_liners)
{
  FazhiDocument *document = fazhi_document_new ();

  fazhi_document_add (document, FAZHI_BLOCK_TITLE, "安澜街道2024年法治工作大事记");
  for (guint i = 0; i < n_one_liners; i++)
    fazhi_document_add_paragraph (document, NULL, one_liners[i % G_N_ELEMENTS (one_liners)]);
  return document;
}

static guint
count_pages (FazhiDocument *document)
{
  g_autoptr(FazhiLayout) layout = fazhi_layout_new (document);

  return fazhi_layout_get_n_pages (layout);
}

/* The number of one-line paragraphs after the title that fill the first page exactly. */
static guint
one_liners_filling_page (void)
{
  for (guint n = 1; n < 3 * 22; n++)
    {
      g_autoptr(FazhiDocument) fitting = new_filled_document (n);
      g_autoptr(FazhiDocument) overflowing = new_filled_document (n + 1);

      if (count_pages (fitting) == 1 && count_pages (overflowing) == 2)
        return n;
    }
  g_assert_not_reached ();
}

/* ---- files and tools ---- */

typedef struct
{
  char *dir;
  char *pdf;
} Output;

static void
output_clear (Output *output)
{
  g_assert_true (fazhi_test_remove_tree (output->dir));
  g_free (output->dir);
  g_free (output->pdf);
}

static void
write_pdf (FazhiDocument *document,
           Output        *output)
{
  g_autoptr(GError) error = NULL;

  output->dir = fazhi_test_make_dir ("fazhi-layout-XXXXXX");
  output->pdf = g_build_filename (output->dir, "报告.pdf", NULL);

  g_assert_true (fazhi_layout_write_pdf (document, output->pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (output->pdf, G_FILE_TEST_IS_REGULAR));
}

static gboolean
have_tool (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed (poppler-utils)", name);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

/* ---- pdftotext -bbox-layout ---- */

typedef struct
{
  char   *text;  /* the words of the line, without the spaces between them */
  double  x0, y0, x1, y1;
} PdfLine;

static void
pdf_line_free (PdfLine *line)
{
  g_free (line->text);
  g_free (line);
}

static char *
unescape_xml (const char *text)
{
  GString *out = g_string_new (text);

  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&quot;", "\"", 0);
  g_string_replace (out, "&apos;", "'", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (out, FALSE);
}

static double
fetch_double (GMatchInfo *match,
              int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return g_ascii_strtod (text, NULL);
}

/* Returns the pages, each a GPtrArray of PdfLine*. */
static GPtrArray *
read_pdf_lines (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox-layout", pdf, "-", NULL };
  g_autofree char *xhtml = run_tool (argv);
  g_auto(GStrv) rows = g_strsplit (xhtml, "\n", -1);
  g_autoptr(GRegex) line_re = g_regex_new ("<line xMin=\"([-0-9.]+)\" yMin=\"([-0-9.]+)\" "
                                           "xMax=\"([-0-9.]+)\" yMax=\"([-0-9.]+)\">", 0, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word [^>]*>(.*)</word>", 0, 0, NULL);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *page = NULL;
  PdfLine *line = NULL;

  for (guint i = 0; rows[i] != NULL; i++)
    {
      /* Two: g_regex_match() gives a GMatchInfo even when it does not match. */
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GMatchInfo) word_match = NULL;

      if (strstr (rows[i], "<page ") != NULL)
        {
          page = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_line_free);
          g_ptr_array_add (pages, page);
        }
      else if (g_regex_match (line_re, rows[i], 0, &match))
        {
          g_assert_nonnull (page);
          line = g_new0 (PdfLine, 1);
          line->text = g_strdup ("");
          line->x0 = fetch_double (match, 1);
          line->y0 = fetch_double (match, 2);
          line->x1 = fetch_double (match, 3);
          line->y1 = fetch_double (match, 4);
          g_ptr_array_add (page, line);
        }
      else if (g_regex_match (word_re, rows[i], 0, &word_match))
        {
          g_autofree char *escaped = g_match_info_fetch (word_match, 1);
          g_autofree char *word = unescape_xml (escaped);
          char *joined;

          g_assert_nonnull (line);
          joined = g_strconcat (line->text, word, NULL);
          g_free (line->text);
          line->text = joined;
        }
    }

  return pages;
}

static gboolean
is_page_number (const char *text)
{
  return g_regex_match_simple ("^—[0-9]+—$", text, 0, 0);
}

static char *
page_text (GPtrArray *page)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < page->len; i++)
    g_string_append (text, ((PdfLine *) g_ptr_array_index (page, i))->text);
  return g_string_free (text, FALSE);
}

/* The 0-based page whose text holds @needle, or -1. */
static int
page_holding (GPtrArray  *pages,
              const char *needle)
{
  for (guint p = 0; p < pages->len; p++)
    {
      g_autofree char *text = page_text (g_ptr_array_index (pages, p));

      if (strstr (text, needle) != NULL)
        return (int) p;
    }
  return -1;
}

static PdfLine *
find_line (GPtrArray  *page,
           const char *text)
{
  for (guint i = 0; i < page->len; i++)
    {
      PdfLine *line = g_ptr_array_index (page, i);

      if (g_str_equal (line->text, text))
        return line;
    }
  return NULL;
}

static char *
without_space (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ---- tests ---- */

static void
test_pdf_info (void)
{
  g_autoptr(FazhiDocument) document = new_annual_report ();
  g_autoptr(FazhiLayout) layout = fazhi_layout_new (document);
  guint n_pages = fazhi_layout_get_n_pages (layout);
  g_autofree char *pages_line = NULL;
  g_autofree char *info = NULL;
  Output output = { NULL, NULL };

  g_assert_cmpuint (n_pages, >, 1);
  write_pdf (document, &output);

  if (have_tool ("pdfinfo"))
    {
      const char *argv[] = { "pdfinfo", output.pdf, NULL };

      info = run_tool (argv);
      g_assert_true (g_regex_match_simple ("^Page size: +595\\.2[0-9]* x 841\\.89[0-9]* pts \\(A4\\)$",
                                           info, G_REGEX_MULTILINE, 0));
      pages_line = g_strdup_printf ("^Pages: +%u$", n_pages);
      g_assert_true (g_regex_match_simple (pages_line, info, G_REGEX_MULTILINE, 0));
      g_assert_true (g_regex_match_simple ("^Title: +解放区安澜街道办事处关于2024年法治政府建设情况的报告$",
                                           info, G_REGEX_MULTILINE, 0));
    }
  output_clear (&output);
}

static void
test_pdf_fonts (void)
{
  g_autoptr(FazhiDocument) document = new_annual_report ();
  const char *argv[] = { "pdffonts", NULL, NULL };
  g_autofree char *fonts = NULL;
  g_auto(GStrv) rows = NULL;
  Output output = { NULL, NULL };
  guint embedded_cjk = 0;

  write_pdf (document, &output);
  if (have_tool ("pdffonts"))
    {
      argv[1] = output.pdf;
      fonts = run_tool (argv);
      rows = g_strsplit (fonts, "\n", -1);
      /* name, type (several words), encoding, emb, sub, uni, object number, generation */
      for (guint i = 2; rows[i] != NULL; i++)
        {
          g_auto(GStrv) columns = g_strsplit_set (g_strstrip (rows[i]), " ", -1);
          g_autoptr(GPtrArray) words = g_ptr_array_new ();

          for (guint c = 0; columns[c] != NULL; c++)
            if (*columns[c] != '\0')
              g_ptr_array_add (words, columns[c]);
          if (words->len < 8)
            continue;
          if (strstr (rows[i], "CID") != NULL &&
              g_regex_match_simple ("CJK|WenKai|UKai|Fang|Kai|Hei|Song|XiaoBiao", g_ptr_array_index (words, 0), 0, 0) &&
              g_str_equal (g_ptr_array_index (words, words->len - 5), "yes"))
            embedded_cjk++;
        }
      g_assert_cmpuint (embedded_cjk, >, 0);
    }
  output_clear (&output);
}

static void
test_pdf_margins (void)
{
  g_autoptr(FazhiDocument) document = new_annual_report ();
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };
  double widest = 0, leftmost = G_MAXDOUBLE;

  write_pdf (document, &output);
  if (have_tool ("pdftotext"))
    {
      pages = read_pdf_lines (output.pdf);
      g_assert_cmpuint (pages->len, >, 1);

      for (guint p = 0; p < pages->len; p++)
        {
          GPtrArray *page = g_ptr_array_index (pages, p);
          double top = G_MAXDOUBLE;
          guint numbers = 0;

          for (guint i = 0; i < page->len; i++)
            {
              PdfLine *line = g_ptr_array_index (page, i);

              g_assert_cmpfloat (line->x0, >=, BLOCK_LEFT - 1);
              g_assert_cmpfloat (line->x1, <=, BLOCK_RIGHT + 1);
              if (is_page_number (line->text))
                {
                  numbers++;
                  g_assert_cmpfloat (line->y0, >, BLOCK_BOTTOM);
                  continue;
                }
              g_assert_cmpfloat (line->y0, >=, BLOCK_TOP - 1);
              g_assert_cmpfloat (line->y1, <=, BLOCK_BOTTOM + 1);
              top = MIN (top, line->y0);
              widest = MAX (widest, line->x1);
              leftmost = MIN (leftmost, line->x0);
            }
          g_assert_cmpuint (numbers, ==, 1);
          /* Each page's first line sits in the first grid cell, at the top of the text block. */
          g_assert_cmpfloat (fabs (top - BLOCK_TOP), <=, 5);
        }
      /* Full lines reach both edges of the text block. */
      g_assert_cmpfloat (widest, >=, BLOCK_RIGHT - 1);
      g_assert_cmpfloat (leftmost, <=, BLOCK_LEFT + 1);
    }
  output_clear (&output);
}

static void
test_grid_characters (void)
{
  /* A first line of 26 characters after the indent, then a full line of 28. */
  const char *first = "街道党工委坚持把法治建设摆在全局工作的重要位置统筹推";
  const char *second = "进依法行政和基层治理各项任务逐项明确责任单位及其完成期限";
  const char *rest = "确保落到实处取得实效";
  g_autoptr(FazhiDocument) document = fazhi_document_new ();
  g_autofree char *text = g_strconcat (first, second, rest, NULL);
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };
  PdfLine *line1, *line2;

  g_assert_cmpint (g_utf8_strlen (first, -1), ==, 28 - 2);
  g_assert_cmpint (g_utf8_strlen (second, -1), ==, 28);

  fazhi_document_add (document, FAZHI_BLOCK_HEADING, "一、总体情况");
  fazhi_document_add_paragraph (document, NULL, text);
  write_pdf (document, &output);
  if (have_tool ("pdftotext"))
    {
      pages = read_pdf_lines (output.pdf);
      line1 = find_line (g_ptr_array_index (pages, 0), first);
      line2 = find_line (g_ptr_array_index (pages, 0), second);
      g_assert_nonnull (line1);
      g_assert_nonnull (line2);

      g_assert_cmpfloat (fabs (line1->x0 - (BLOCK_LEFT + 2 * CHAR_PITCH)), <=, 1);
      g_assert_cmpfloat (fabs (line1->x1 - BLOCK_RIGHT), <=, 1);
      g_assert_cmpfloat (fabs (line2->x0 - BLOCK_LEFT), <=, 1);
      g_assert_cmpfloat (fabs (line2->x1 - BLOCK_RIGHT), <=, 1);
      g_assert_cmpfloat (fabs (line2->y0 - line1->y0 - LINE_PITCH), <=, 0.1);
    }
  output_clear (&output);
}

static void
test_grid_lines (void)
{
  g_autoptr(FazhiDocument) empty = fazhi_document_new ();
  guint n = one_liners_filling_page ();

  g_assert_cmpuint (count_pages (empty), ==, 1);
  /* The title, the blank line under it and the paragraphs make the 22 lines of the grid. */
  g_assert_cmpuint (1 + 1 + n, ==, 22);
}

static void
test_page_numbers (void)
{
  g_autoptr(FazhiDocument) document = new_annual_report ();
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };
  PdfLine *odd, *even;

  write_pdf (document, &output);
  if (have_tool ("pdftotext"))
    {
      pages = read_pdf_lines (output.pdf);
      g_assert_cmpuint (pages->len, >=, 2);
      odd = find_line (g_ptr_array_index (pages, 0), "—1—");
      even = find_line (g_ptr_array_index (pages, 1), "—2—");
      g_assert_nonnull (odd);
      g_assert_nonnull (even);
      g_assert_null (find_line (g_ptr_array_index (pages, 0), "—2—"));

      /* Odd pages: at the right of the block, one character in; even pages: at the left. */
      g_assert_cmpfloat (odd->x1, <=, BLOCK_RIGHT + 1);
      g_assert_cmpfloat (odd->x1, >=, BLOCK_RIGHT - NUMBER_SIZE - 2);
      g_assert_cmpfloat (even->x0, >=, BLOCK_LEFT - 1);
      g_assert_cmpfloat (even->x0, <=, BLOCK_LEFT + NUMBER_SIZE + 2);

      /* Below the text block, the dashes about 7 mm under its bottom edge. */
      g_assert_cmpfloat (odd->y0, >, BLOCK_BOTTOM);
      g_assert_cmpfloat (even->y0, >, BLOCK_BOTTOM);
      g_assert_cmpfloat (fabs ((odd->y0 + odd->y1) / 2 - (BLOCK_BOTTOM + 7 * MM)), <=, 4);
      g_assert_cmpfloat (fabs (odd->y0 - even->y0), <=, 0.1);
    }
  output_clear (&output);
}

/* The date four characters in from the right, the signature centred on it (or the other way
 * round when the signature is the longer), a blank line above them. */
static void
test_signature (void)
{
  g_autoptr(FazhiDocument) document = new_annual_report ();
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };
  PdfLine *signature, *date, *above = NULL;
  GPtrArray *last;

  write_pdf (document, &output);
  if (have_tool ("pdftotext"))
    {
      pages = read_pdf_lines (output.pdf);
      last = g_ptr_array_index (pages, pages->len - 1);
      signature = find_line (last, report_signature);
      date = find_line (last, report_date);
      g_assert_nonnull (signature);
      g_assert_nonnull (date);

      g_assert_cmpfloat (fabs (MAX (signature->x1, date->x1) - (BLOCK_RIGHT - 4 * CHAR_PITCH)), <=, 1);
      g_assert_cmpfloat (fabs ((signature->x0 + signature->x1) / 2 - (date->x0 + date->x1) / 2), <=, 1);
      g_assert_cmpfloat (fabs (date->y0 - signature->y0 - LINE_PITCH), <=, 0.5);

      for (guint i = 0; i < last->len; i++)
        {
          PdfLine *line = g_ptr_array_index (last, i);

          if (line->y0 < signature->y0 - 1 && (above == NULL || line->y0 > above->y0))
            above = line;
        }
      g_assert_nonnull (above);
      g_assert_cmpfloat (fabs (signature->y0 - above->y0 - 2 * LINE_PITCH), <=, 0.5);
    }
  output_clear (&output);
}

static const char *follow_text =
  "街道综合行政执法队对照权责清单梳理执法事项，统一使用执法文书，执法全过程记录做到应录尽录。"
  "对群众反映集中的占道经营、违规搭建等问题，坚持教育与处罚相结合，全年未发生行政复议被纠错案件。"
  "同时加强与区级部门的协作配合，重大执法决定作出前一律经法制审核。";

static void
assert_moves_to_next_page (FazhiDocument *document,
                           const char    *moved,
                           const char    *last_before)
{
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };

  write_pdf (document, &output);
  if (have_tool ("pdftotext"))
    {
      pages = read_pdf_lines (output.pdf);
      g_assert_cmpint (page_holding (pages, last_before), ==, 0);
      g_assert_cmpint (page_holding (pages, moved), ==, 1);
      /* What follows the moved text starts on the same page. */
      g_assert_cmpint (page_holding (pages, "街道综合行政执法队"), ==, 1);
    }
  output_clear (&output);
}

static void
test_keep_heading (void)
{
  guint n = one_liners_filling_page ();
  const char *heading = "二、依法行政情况";
  g_autoptr(FazhiDocument) at_foot = new_filled_document (n - 1);
  g_autoptr(FazhiDocument) with_room = new_filled_document (n - 3);
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };

  /* On the last line of page 1 the heading would be parted from its paragraph. */
  fazhi_document_add (at_foot, FAZHI_BLOCK_HEADING, heading);
  fazhi_document_add_paragraph (at_foot, NULL, follow_text);
  assert_moves_to_next_page (at_foot, heading, one_liners[(n - 2) % G_N_ELEMENTS (one_liners)]);

  /* With room for the heading and two lines of its paragraph, it stays. */
  fazhi_document_add (with_room, FAZHI_BLOCK_HEADING, heading);
  fazhi_document_add_paragraph (with_room, NULL, follow_text);
  write_pdf (with_room, &output);
  if (have_tool ("pdftotext"))
    {
      pages = read_pdf_lines (output.pdf);
      g_assert_cmpint (page_holding (pages, heading), ==, 0);
      g_assert_cmpint (page_holding (pages, "街道综合行政执法队"), ==, 0);
    }
  output_clear (&output);
}

static void
test_keep_lead (void)
{
  guint n = one_liners_filling_page ();
  const char *lead = "（二）严格规范执法。";
  g_autoptr(FazhiDocument) document = new_filled_document (n - 1);
  g_autoptr(FazhiLayout) layout = NULL;

  /* Its first line would be the last of page 1: the whole paragraph goes to page 2. */
  fazhi_document_add_paragraph (document, lead, follow_text);
  layout = fazhi_layout_new (document);
  g_assert_cmpuint (fazhi_layout_get_n_pages (layout), ==, 2);
  assert_moves_to_next_page (document, lead, one_liners[(n - 2) % G_N_ELEMENTS (one_liners)]);
}

static FazhiDocument *
new_case_register (guint n_cases)
{
  FazhiDocument *document = fazhi_document_new ();
  FazhiBlock *table;

  fazhi_document_add (document, FAZHI_BLOCK_TITLE, "安澜街道2024年矛盾纠纷调解台账");
  fazhi_document_add (document, FAZHI_BLOCK_SUBTITLE, "（2024年1月1日至12月31日）");
  table = fazhi_document_add_table (document, NULL, 4);
  fazhi_block_add_row (table, (const char *[]) { "编号", "纠纷类型", "受理日期", "调解结果" });
  for (guint i = 1; i <= n_cases; i++)
    {
      g_autofree char *number = g_strdup_printf ("（2024）安调字第%03u号", i);
      g_autofree char *date = g_strdup_printf ("2024年%u月%u日", 1 + (i - 1) * 12 / n_cases, 1 + (i * 7) % 28);

      fazhi_block_add_row (table, (const char *[]) {
        number, dispute_categories[i % G_N_ELEMENTS (dispute_categories)], date,
        i % 9 == 0 ? "调解不成功，引导诉讼" : "达成调解协议" });
    }
  fazhi_document_add (document, FAZHI_BLOCK_SIGNATURE, "解放区安澜街道人民调解委员会");
  fazhi_document_add (document, FAZHI_BLOCK_DATE, "2025年1月6日");
  return document;
}

static void
test_table_split (void)
{
  const guint n_cases = 45;
  g_autoptr(FazhiDocument) document = new_case_register (n_cases);
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };
  int previous_page = 0;

  write_pdf (document, &output);
  if (have_tool ("pdftotext"))
    {
      pages = read_pdf_lines (output.pdf);
      g_assert_cmpuint (pages->len, >=, 2);

      /* Every row once, in order, across the pages. */
      for (guint i = 1; i <= n_cases; i++)
        {
          g_autofree char *number = g_strdup_printf ("（2024）安调字第%03u号", i);
          int page = page_holding (pages, number);

          g_assert_cmpint (page, >=, previous_page);
          previous_page = page;
        }
      g_assert_cmpint (previous_page, >=, 1);

      /* Each page that holds rows starts them with the header row. */
      for (int p = 0; p <= previous_page; p++)
        {
          GPtrArray *page = g_ptr_array_index (pages, p);
          double header_y = -1, last_header_y = -1, first_row_y = G_MAXDOUBLE;

          /* pdftotext may cut a table row into several lines: look for the first and the last
           * header cell on the same baseline. */
          for (guint i = 0; i < page->len; i++)
            {
              PdfLine *line = g_ptr_array_index (page, i);

              if (g_str_has_prefix (line->text, "编号"))
                header_y = line->y0;
              if (g_str_has_suffix (line->text, "调解结果"))
                last_header_y = line->y0;
              if (strstr (line->text, "安调字第") != NULL)
                first_row_y = MIN (first_row_y, line->y0);
            }
          g_assert_cmpfloat (header_y, >=, 0);
          g_assert_cmpfloat (fabs (last_header_y - header_y), <=, 0.5);
          g_assert_cmpfloat (header_y, <, first_row_y);
          if (p > 0)
            g_assert_cmpfloat (fabs (header_y - BLOCK_TOP), <=, 10);
        }
    }
  output_clear (&output);
}

/* A statistical table of short cells, as the quarterly summary has them, between two lines of
 * body text. */
static FazhiDocument *
new_short_table (guint n_rows)
{
  FazhiDocument *document = fazhi_document_new ();
  FazhiBlock *table;

  fazhi_document_add_paragraph (document, NULL, one_liners[0]);
  table = fazhi_document_add_table (document, "二、矛盾纠纷调解分类情况（单位：件）", 5);
  fazhi_block_add_row (table, (const char *[]) { "序号", "纠纷类型", "本季度", "本年累计", "增减" });
  for (guint i = 1; i <= n_rows; i++)
    {
      g_autofree char *number = g_strdup_printf ("第%02u", i);
      g_autofree char *quarter = g_strdup_printf ("%u", i % 7);
      g_autofree char *year = g_strdup_printf ("%u", 3 * i);
      g_autofree char *change = g_strdup_printf ("%+d", (int) (i % 5) - 2);

      fazhi_block_add_row (table, (const char *[]) {
        number, dispute_categories[i % G_N_ELEMENTS (dispute_categories)], quarter, year, change });
    }
  fazhi_document_add_paragraph (document, NULL, one_liners[1]);
  return document;
}

/* Table rows are set in 五号 on a grid of their own, not as tall as body lines: 30 rows fit on
 * one page, and the text after the table is back on the body grid. */
static void
test_table_compact (void)
{
  const guint n_rows = 30;
  const double table_size = 10.5;  /* 五号 */
  g_autoptr(FazhiDocument) document = new_short_table (n_rows);
  g_autoptr(FazhiLayout) layout = fazhi_layout_new (document);
  g_autoptr(GPtrArray) pages = NULL;
  Output output = { NULL, NULL };

  g_assert_cmpuint (fazhi_layout_get_n_pages (layout), ==, 1);

  write_pdf (document, &output);
  if (have_tool ("pdftotext"))
    {
      GPtrArray *page;
      PdfLine *before, *after;
      double previous_y = -1, pitch = -1, lines_apart;

      pages = read_pdf_lines (output.pdf);
      g_assert_cmpuint (pages->len, ==, 1);
      page = g_ptr_array_index (pages, 0);

      for (guint r = 1; r <= n_rows; r++)
        {
          g_autofree char *number = g_strdup_printf ("第%02u", r);
          double y = -1;

          for (guint i = 0; i < page->len; i++)
            {
              PdfLine *line = g_ptr_array_index (page, i);

              if (g_str_has_prefix (line->text, number))
                y = line->y0;
            }
          g_assert_cmpfloat (y, >, previous_y);
          /* Every row as tall as the others: about one and a half times the type size. */
          if (previous_y >= 0 && pitch < 0)
            pitch = y - previous_y;
          else if (previous_y >= 0)
            g_assert_cmpfloat (fabs (y - previous_y - pitch), <=, 0.2);
          previous_y = y;
        }
      g_assert_cmpfloat (pitch, >=, 1.3 * table_size);
      g_assert_cmpfloat (pitch, <=, 1.7 * table_size);
      g_assert_cmpfloat (pitch, <, LINE_PITCH * 0.7);

      before = find_line (page, one_liners[0]);
      after = find_line (page, one_liners[1]);
      g_assert_nonnull (before);
      g_assert_nonnull (after);
      g_assert_cmpfloat (after->y0, >, previous_y);
      lines_apart = (after->y0 - before->y0) / LINE_PITCH;
      g_assert_cmpfloat (fabs (lines_apart - round (lines_apart)), <=, 0.5 / LINE_PITCH);
    }
  output_clear (&output);
}

static void
assert_text_present (const char *all,
                     const char *text)
{
  g_autofree char *needle = without_space (text != NULL ? text : "");

  if (strstr (all, needle) == NULL)
    g_error ("“%s” is missing from the PDF's text", needle);
}

static void
test_all_text (void)
{
  g_autoptr(FazhiDocument) document = new_annual_report ();
  g_autoptr(FazhiDocument) register_ = new_case_register (30);
  FazhiDocument *documents[] = { document, register_ };

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      Output output = { NULL, NULL };

      write_pdf (documents[d], &output);
      if (have_tool ("pdftotext"))
        {
          const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", output.pdf, "-", NULL };
          g_autofree char *raw = run_tool (argv);
          g_autofree char *spaceless = without_space (raw);
          g_autoptr(GRegex) numbers = g_regex_new ("—[0-9]+—", 0, 0, NULL);
          g_autofree char *all = g_regex_replace_literal (numbers, spaceless, -1, 0, "", 0, NULL);

          g_assert_nonnull (strstr (spaceless, "—1—"));
          for (guint i = 0; i < documents[d]->blocks->len; i++)
            {
              FazhiBlock *block = g_ptr_array_index (documents[d]->blocks, i);
              g_auto(GStrv) lines = g_strsplit (block->text != NULL ? block->text : "", "\n", -1);

              for (guint l = 0; lines[l] != NULL; l++)
                assert_text_present (all, lines[l]);
              if (block->lead != NULL)
                {
                  g_autofree char *whole = g_strconcat (block->lead, block->text, NULL);

                  assert_text_present (all, whole);
                }
              for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
                for (guint c = 0; c < block->n_columns; c++)
                  assert_text_present (all, ((GStrv) g_ptr_array_index (block->rows, r))[c]);
            }
        }
      output_clear (&output);
    }
}

/* Draws with the same code the print dialog and the preview use, at 2 pixels a point, and
 * checks where the ink falls. */
static void
test_draw_image (void)
{
  const double scale = 2;
  g_autoptr(FazhiDocument) document = new_annual_report ();
  g_autoptr(FazhiLayout) layout = fazhi_layout_new (document);

  for (guint page = 0; page < 2; page++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                             (int) ceil (FAZHI_A4_WIDTH * scale),
                                                             (int) ceil (FAZHI_A4_HEIGHT * scale));
      cairo_t *cr = cairo_create (surface);
      double body_x0 = G_MAXDOUBLE, body_x1 = 0, body_y0 = G_MAXDOUBLE, body_y1 = 0;
      double number_x0 = G_MAXDOUBLE, number_x1 = 0;
      int width, height, stride;
      guchar *data;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      fazhi_layout_draw_page (layout, cr, page);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      width = cairo_image_surface_get_width (surface);
      height = cairo_image_surface_get_height (surface);
      stride = cairo_image_surface_get_stride (surface);
      data = cairo_image_surface_get_data (surface);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint32 pixel = *(guint32 *) (gpointer) (data + y * stride + x * 4);
            double px = x / scale, py = y / scale;

            if ((pixel & 0xff) > 0x80)
              continue;
            if (py <= BLOCK_BOTTOM)
              {
                body_x0 = MIN (body_x0, px);
                body_x1 = MAX (body_x1, px);
                body_y0 = MIN (body_y0, py);
                body_y1 = MAX (body_y1, py);
              }
            else
              {
                g_assert_cmpfloat (py, <, BLOCK_BOTTOM + 14 * MM);
                number_x0 = MIN (number_x0, px);
                number_x1 = MAX (number_x1, px);
              }
          }
      cairo_surface_destroy (surface);

      g_assert_cmpfloat (body_x0, >=, BLOCK_LEFT - 1);
      g_assert_cmpfloat (body_x1, <=, BLOCK_RIGHT + 1);
      g_assert_cmpfloat (body_y0, >=, BLOCK_TOP);
      g_assert_cmpfloat (body_y0, <=, BLOCK_TOP + LINE_PITCH / 2);
      /* Body text down to the foot of the block: the last grid line, or the one above it when
       * the next paragraph could not be split there. */
      g_assert_cmpfloat (body_y1, >=, BLOCK_BOTTOM - 2 * LINE_PITCH);
      g_assert_cmpfloat (number_x1, >, number_x0);
      if (page % 2 == 0)
        g_assert_cmpfloat (number_x0, >, FAZHI_A4_WIDTH / 2);
      else
        g_assert_cmpfloat (number_x1, <, FAZHI_A4_WIDTH / 2);
    }
}

static void
test_write_error (void)
{
  g_autoptr(FazhiDocument) document = new_annual_report ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fazhi-layout-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "missing", "报告.pdf", NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);

  g_assert_no_error (error);
  g_assert_false (fazhi_layout_write_pdf (document, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/pdf/info", test_pdf_info);
  g_test_add_func ("/layout/pdf/fonts", test_pdf_fonts);
  g_test_add_func ("/layout/pdf/margins", test_pdf_margins);
  g_test_add_func ("/layout/pdf/page-numbers", test_page_numbers);
  g_test_add_func ("/layout/pdf/signature", test_signature);
  g_test_add_func ("/layout/pdf/all-text", test_all_text);
  g_test_add_func ("/layout/pdf/write-error", test_write_error);
  g_test_add_func ("/layout/grid/characters", test_grid_characters);
  g_test_add_func ("/layout/grid/lines", test_grid_lines);
  g_test_add_func ("/layout/keep/heading", test_keep_heading);
  g_test_add_func ("/layout/keep/lead", test_keep_lead);
  g_test_add_func ("/layout/table/split", test_table_split);
  g_test_add_func ("/layout/table/compact", test_table_compact);
  g_test_add_func ("/layout/draw/image", test_draw_image);

  return g_test_run ();
}
