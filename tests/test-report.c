/* test-report.c — the report text, its placeholders, the annual report and the quarterly summary
 *
 * Today is fixed at 2026-11-28 (FAZHI_TODAY), the last day the sample ledgers cover, so that the
 * date under the report and the overdue mediations are the same on every run.
 */

#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fazhi-demo.h"
#include "fazhi-report.h"
#include "fazhi-stats.h"
#include "fazhi-summary.h"
#include "fazhi-template.h"
#include "fazhi-test-util.h"

#define TODAY "2026-11-28"

typedef struct
{
  char          *directory;
  FazhiDatabase *database;
} Fixture;

/* The figures of the domain reference's table as the default text words them: the fragment of
 * the default text, and what it must read for the sample ledgers' 2023. */
static const struct
{
  const char *fragment;
  const char *reads;
} reference_phrases[] = {
  { "开展监督检查{inspection.times}次", "开展监督检查35次" },
  { "出庭应诉{litigation.hearings}场", "出庭应诉7场" },
  { "提供法律咨询{consultation.persons~}人次", "提供法律咨询70余人次" },
  { "各类文书{review.documents}份", "各类文书13份" },
  { "承办政协提案{proposal.received}件", "承办政协提案2件" },
  { "答复满意率{proposal.satisfaction_rate}", "答复满意率100%" },
  { "开展培训{training.by_audience.staff.sessions}次", "开展培训4次" },
  { "参训{training.by_audience.staff.attendees~}人次", "参训200余人次" },
  { "选派{training.exam.participants}人", "选派7人" },
  { "集中培训{training.by_audience.enforcement.sessions}次", "集中培训8次" },
  { "法治宣传活动{outreach.events}次", "法治宣传活动44次" },
  { "发放宣传资料{outreach.materials~}份", "发放宣传资料8000余份" },
  { "启动{elections.started}个小区", "启动6个小区" },
  { "已完成换届{elections.completed}个", "已完成换届3个" },
  { "受理矛盾纠纷{mediation.received}件", "受理矛盾纠纷14件" },
  { "调处率{mediation.handled_rate}", "调处率100%" },
  { "调解成功率{mediation.success_rate}", "调解成功率100%" },
};

/* Every stats key of the domain reference's table. */
static const char *const reference_keys[] = {
  "inspection.times", "litigation.hearings", "consultation.persons", "review.documents",
  "proposal.received", "proposal.satisfaction_rate", "training.by_audience.staff.sessions",
  "training.by_audience.staff.attendees", "training.exam.participants",
  "training.by_audience.enforcement.sessions", "outreach.events", "outreach.materials",
  "elections.started", "elections.completed", "mediation.received", "mediation.handled_rate",
  "mediation.success_rate",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = fazhi_test_make_dir ("fazhi-report-XXXXXX");
  fixture->database = fazhi_test_open_database (fixture->directory);

  if (data != NULL)
    {
      g_assert_true (fazhi_demo_fill (fixture->database, 0, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  fazhi_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static FazhiStats *
compute (Fixture *fixture,
         int      year,
         int      quarter)
{
  g_autoptr(GError) error = NULL;
  FazhiPeriod period;
  FazhiStats *stats;

  g_assert_true (fazhi_period_init (&period, year, quarter));
  stats = fazhi_stats_compute (fixture->database, &period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);

  return stats;
}

static double
figure (FazhiStats *stats,
        const char *key)
{
  double value = -1;

  g_assert_true (fazhi_stats_lookup (stats, key, NULL, &value, NULL));
  return value;
}

static char *
expand (FazhiStats *stats,
        GHashTable *values,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  char *expanded = fazhi_template_expand (text, stats, values, &error);

  g_assert_no_error (error);
  g_assert_nonnull (expanded);
  return expanded;
}

static void
assert_refused (FazhiStats *stats,
                const char *text,
                int         code,
                const char *message_part,
                const char *position)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = fazhi_template_expand (text, stats, NULL, &error);

  g_assert_null (expanded);
  g_assert_error (error, FAZHI_TEMPLATE_ERROR, code);
  if (strstr (error->message, message_part) == NULL || strstr (error->message, position) == NULL)
    g_error ("“%s”: the message “%s” should name “%s” and “%s”", text, error->message, message_part, position);
}

static void
test_approximate (void)
{
  static const struct
  {
    gint64      number;
    const char *reads;
  } examples[] = {
    { 73, "70余" }, { 8150, "8000余" }, { 213, "200余" }, { 200, "200" }, { 9, "9" },
    { 0, "0" }, { 10, "10" }, { 99, "90余" }, { 100, "100" }, { 101, "100余" },
    { 1000, "1000" }, { 1999, "1000余" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *text = fazhi_format_approximate (examples[i].number);

      g_assert_cmpstr (text, ==, examples[i].reads);
    }
}

static void
test_rate (void)
{
  static const struct
  {
    double      rate;
    const char *reads;
  } examples[] = {
    { 1, "100%" }, { 0.9688, "96.9%" }, { 0.5, "50%" }, { 0, "0%" }, { 2.0 / 3.0, "66.7%" },
    { 0.25, "25%" }, { 0.9999, "99.9%" }, { 0.001, "0.1%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *text = fazhi_format_rate (examples[i].rate);

      g_assert_cmpstr (text, ==, examples[i].reads);
    }
}

/* @text expands to @prefix, @figure_text (owned) and @suffix. */
static void
assert_expands (FazhiStats *stats,
                GHashTable *values,
                const char *text,
                const char *prefix,
                char       *figure_text,
                const char *suffix)
{
  g_autofree char *owned_figure = figure_text;
  g_autofree char *expected = g_strconcat (prefix, owned_figure, suffix, NULL);
  g_autofree char *expanded = expand (stats, values, text);

  g_assert_cmpstr (expanded, ==, expected);
}

static void
test_expand_kinds (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);
  g_autoptr(FazhiStats) empty = compute (fixture, 1990, 2);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *approximate = NULL;

  g_hash_table_insert (values, (gpointer) "office_name", (gpointer) "某某街道办事处");
  g_hash_table_insert (values, (gpointer) "district", (gpointer) "某区");
  g_hash_table_insert (values, (gpointer) "year", (gpointer) "2023");

  assert_expands (stats, values, "调解{mediation.received}件", "调解",
                  g_strdup_printf ("%.0f", figure (stats, "mediation.received")), "件");
  assert_expands (stats, values, "咨询{consultation.persons~}人次", "咨询",
                  fazhi_format_approximate ((gint64) figure (stats, "consultation.persons")), "人次");
  assert_expands (stats, values, "成功率{mediation.success_rate}。", "成功率",
                  fazhi_format_rate (figure (stats, "mediation.success_rate")), "。");
  assert_expands (stats, values, "{training.hours}学时", "",
                  fazhi_format_decimal ((gint64) figure (stats, "training.hours")), "学时");
  assert_expands (stats, values, "{district}{office_name}{year}年", "某区某某街道办事处", g_strdup ("2023"), "年");
  /* Not given: the year and quarter come from the period. */
  assert_expands (empty, NULL, "{year}年第{quarter}季度", "1990年第", g_strdup ("2"), "季度");
  assert_expands (empty, NULL, "{period.start}至{period.end}", "1990-04-01至", g_strdup ("1990-06-30"), "");
  /* Nothing received: no rate, and a dash rather than a made-up 0%. */
  assert_expands (empty, NULL, "调处率{mediation.handled_rate}", "调处率", g_strdup ("—"), "");
  assert_expands (stats, values, "{{mediation.received}} {{}}", "{mediation.received}", g_strdup (" "), "{}");

  approximate = expand (stats, values, "{consultation.persons~}");
  g_assert_true (g_str_has_suffix (approximate, "余"));
}

static void
test_expand_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);

  assert_refused (stats, "第一行\n调解{mediaton.received}件", FAZHI_TEMPLATE_ERROR_UNKNOWN,
                  "“{mediaton.received}”", "line 2, column 3");
  assert_refused (stats, "{no.such.figure~}", FAZHI_TEMPLATE_ERROR_UNKNOWN, "{no.such.figure~}", "line 1, column 1");
  assert_refused (stats, "一\n二\n共{mediation.received件", FAZHI_TEMPLATE_ERROR_MALFORMED,
                  "{mediation.received件", "line 3, column 2");
  assert_refused (stats, "{mediation.received\n}", FAZHI_TEMPLATE_ERROR_MALFORMED, "{mediation.received", "line 1, column 1");
  assert_refused (stats, "空的{}", FAZHI_TEMPLATE_ERROR_MALFORMED, "{}", "line 1, column 3");
  assert_refused (stats, "只有{~}", FAZHI_TEMPLATE_ERROR_MALFORMED, "{~}", "line 1, column 3");
  assert_refused (stats, "多了}", FAZHI_TEMPLATE_ERROR_MALFORMED, "}", "line 1, column 3");
  assert_refused (stats, "{mediation.handled_rate~}", FAZHI_TEMPLATE_ERROR_MALFORMED,
                  "{mediation.handled_rate~}", "line 1, column 1");
  assert_refused (stats, "{year~}", FAZHI_TEMPLATE_ERROR_MALFORMED, "{year~}", "line 1, column 1");
}

/* The insert menu offers every figure the statistics have, and the text placeholders. */
static void
test_placeholders (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);
  g_autoptr(GPtrArray) keys = fazhi_stats_keys (stats);
  g_autoptr(GPtrArray) placeholders = fazhi_template_list_placeholders ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  guint position = 0;

  for (guint i = 0; i < placeholders->len; i++)
    {
      FazhiPlaceholder *placeholder = g_ptr_array_index (placeholders, i);
      g_autofree char *text = g_strdup_printf ("{%s}", placeholder->key);
      g_autofree char *expanded = expand (stats, NULL, text);

      g_assert_true (g_hash_table_add (listed, (gpointer) placeholder->key));
      g_assert_cmpstr (placeholder->description, !=, "");
    }

  g_assert_true (g_hash_table_contains (listed, "office_name"));
  g_assert_true (g_hash_table_contains (listed, "district"));
  g_assert_true (g_hash_table_contains (listed, "year"));
  g_assert_true (g_hash_table_contains (listed, "quarter"));

  /* Every figure, in the statistics' order after the text placeholders. */
  g_assert_cmpuint (placeholders->len, ==, keys->len + 4);
  for (guint i = 0; i < placeholders->len; i++)
    {
      FazhiPlaceholder *placeholder = g_ptr_array_index (placeholders, i);

      if (i < 4)
        continue;
      g_assert_cmpstr (placeholder->key, ==, g_ptr_array_index (keys, position));
      position++;
    }
}

static void
test_default_uses_every_figure (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *text = fazhi_template_default_annual ();
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);
  g_autofree char *expanded = expand (stats, NULL, text);

  for (guint i = 0; i < G_N_ELEMENTS (reference_keys); i++)
    {
      g_autofree char *exact = g_strdup_printf ("{%s}", reference_keys[i]);
      g_autofree char *approximate = g_strdup_printf ("{%s~}", reference_keys[i]);

      if (strstr (text, exact) == NULL && strstr (text, approximate) == NULL)
        g_error ("The default text does not use %s", reference_keys[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (reference_phrases); i++)
    if (strstr (text, reference_phrases[i].fragment) == NULL)
      g_error ("The default text no longer says “%s”", reference_phrases[i].fragment);

  g_assert_null (strstr (expanded, "{"));
  g_assert_null (strstr (expanded, "}"));
}

static char *
strip_white_space (const char *text)
{
  GString *stripped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (stripped, c);
    }

  return g_string_free (stripped, FALSE);
}

/* No run of 20 characters of the reference report is in the default text. */
#define RUN_LENGTH 20

static void
test_default_own_words (void)
{
  const char *reference_path = g_getenv ("FAZHI_REFERENCE");
  g_autofree char *reference = NULL;
  g_autofree char *reference_stripped = NULL;
  g_autofree char *text_stripped = NULL;
  g_autoptr(GHashTable) runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  glong reference_length;
  glong text_length;

  if (reference_path == NULL || !g_file_get_contents (reference_path, &reference, NULL, NULL))
    {
      g_test_skip ("the reference report is not there (FAZHI_REFERENCE)");
      return;
    }

  reference_stripped = strip_white_space (reference);
  text_stripped = strip_white_space (fazhi_template_default_annual ());
  reference_length = g_utf8_strlen (reference_stripped, -1);
  text_length = g_utf8_strlen (text_stripped, -1);
  g_assert_cmpint (reference_length, >, 1000);

  for (const char *p = reference_stripped; reference_length >= RUN_LENGTH; p = g_utf8_next_char (p), reference_length--)
    g_hash_table_add (runs, g_strndup (p, g_utf8_offset_to_pointer (p, RUN_LENGTH) - p));

  for (const char *p = text_stripped; text_length >= RUN_LENGTH; p = g_utf8_next_char (p), text_length--)
    {
      g_autofree char *run = g_strndup (p, g_utf8_offset_to_pointer (p, RUN_LENGTH) - p);

      if (g_hash_table_contains (runs, run))
        g_error ("The default text repeats the reference report: “%s”", run);
    }
}

static guint
count_blocks (FazhiDocument  *document,
              FazhiBlockKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < document->blocks->len; i++)
    if (((FazhiBlock *) g_ptr_array_index (document->blocks, i))->kind == kind)
      n++;

  return n;
}

static void
test_annual_demo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiDocument) document = fazhi_report_build_annual (fixture->database, 2023, &error);
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);
  g_autofree char *path = g_build_filename (fixture->directory, "2023年报告.TXT", NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *text = NULL;
  FazhiBlock *first;
  FazhiBlock *last;
  guint n_leads = 0;

  g_assert_no_error (error);
  g_assert_nonnull (document);

  g_assert_true (fazhi_report_write (document, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  text = fazhi_test_read_file (path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reference_phrases); i++)
    {
      g_autofree char *phrase = expand (stats, NULL, reference_phrases[i].fragment);

      g_assert_cmpstr (phrase, ==, reference_phrases[i].reads);
      if (strstr (text, reference_phrases[i].reads) == NULL)
        g_error ("The 2023 report does not say “%s”", reference_phrases[i].reads);
    }

  g_assert_true (g_str_has_prefix (text, "解放区王褚街道办事处关于\n2023年法治政府建设情况的报告\n"));
  g_assert_null (strstr (text, "{"));

  first = g_ptr_array_index (document->blocks, 0);
  g_assert_cmpint (first->kind, ==, FAZHI_BLOCK_TITLE);
  g_assert_cmpstr (first->text, ==, "解放区王褚街道办事处关于\n2023年法治政府建设情况的报告");
  g_assert_cmpuint (count_blocks (document, FAZHI_BLOCK_TITLE), ==, 1);
  g_assert_cmpuint (count_blocks (document, FAZHI_BLOCK_HEADING), ==, 4);

  for (guint i = 0; i < document->blocks->len; i++)
    {
      FazhiBlock *block = g_ptr_array_index (document->blocks, i);

      if (block->kind != FAZHI_BLOCK_PARAGRAPH || block->lead == NULL)
        continue;
      n_leads++;
      g_assert_true (g_str_has_prefix (block->lead, "（"));
      g_assert_true (g_str_has_suffix (block->lead, "。"));
      /* The lead is the first sentence only. */
      g_assert_true (strstr (block->lead, "。") == g_strrstr (block->lead, "。"));
    }
  g_assert_cmpuint (n_leads, ==, 11);

  last = g_ptr_array_index (document->blocks, document->blocks->len - 1);
  g_assert_cmpint (last->kind, ==, FAZHI_BLOCK_DATE);
  g_assert_cmpstr (last->text, ==, "2026年11月28日");
  last = g_ptr_array_index (document->blocks, document->blocks->len - 2);
  g_assert_cmpint (last->kind, ==, FAZHI_BLOCK_SIGNATURE);
  g_assert_cmpstr (last->text, ==, "王褚街道办事处");
}

static FazhiBlock *
block_at (FazhiDocument *document,
          guint          index)
{
  g_assert_cmpuint (index, <, document->blocks->len);
  return g_ptr_array_index (document->blocks, index);
}

static void
test_build_from_text (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char text[] =
    "标题第一行\n"
    "　标题第二行\n"
    "\n"
    "　　开头一段。\n"
    "\n"
    "一、第一部分\n"
    "（一）没有句号的小标题\n"
    "（二）小标题。正文{mediation.received}件。又一句。\n"
    "二十、第二十部分\n"
    "一是不算标题。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiDocument) document = NULL;
  g_autoptr(FazhiDocument) untitled = NULL;
  g_autoptr(FazhiDocument) broken = NULL;
  g_autoptr(FazhiStats) stats = compute (fixture, 2023, 0);
  g_autofree char *received = g_strdup_printf ("正文%.0f件。又一句。", figure (stats, "mediation.received"));

  document = fazhi_report_build_from_text (fixture->database, 2023, text, &error);
  g_assert_no_error (error);

  g_assert_cmpint (block_at (document, 0)->kind, ==, FAZHI_BLOCK_TITLE);
  g_assert_cmpstr (block_at (document, 0)->text, ==, "标题第一行\n标题第二行");
  g_assert_cmpint (block_at (document, 1)->kind, ==, FAZHI_BLOCK_PARAGRAPH);
  g_assert_cmpstr (block_at (document, 1)->text, ==, "开头一段。");
  g_assert_null (block_at (document, 1)->lead);
  g_assert_cmpint (block_at (document, 2)->kind, ==, FAZHI_BLOCK_HEADING);
  g_assert_cmpstr (block_at (document, 2)->text, ==, "一、第一部分");
  g_assert_cmpstr (block_at (document, 3)->lead, ==, "（一）没有句号的小标题");
  g_assert_cmpstr (block_at (document, 3)->text, ==, "");
  g_assert_cmpstr (block_at (document, 4)->lead, ==, "（二）小标题。");
  g_assert_cmpstr (block_at (document, 4)->text, ==, received);
  g_assert_cmpint (block_at (document, 5)->kind, ==, FAZHI_BLOCK_HEADING);
  g_assert_cmpint (block_at (document, 6)->kind, ==, FAZHI_BLOCK_PARAGRAPH);
  g_assert_null (block_at (document, 6)->lead);
  g_assert_cmpint (block_at (document, 7)->kind, ==, FAZHI_BLOCK_SIGNATURE);
  g_assert_cmpint (block_at (document, 8)->kind, ==, FAZHI_BLOCK_DATE);
  g_assert_cmpuint (document->blocks->len, ==, 9);

  /* No blank line: the first line alone is the title. */
  untitled = fazhi_report_build_from_text (fixture->database, 2023, "标题\n正文。", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (block_at (untitled, 0)->text, ==, "标题");
  g_assert_cmpstr (block_at (untitled, 1)->text, ==, "正文。");

  /* The line of an error is the line of the whole text. */
  broken = fazhi_report_build_from_text (fixture->database, 2023, "标题\n\n正文。\n\n一、部分\n共{mediation.recieved}件",
                                         &error);
  g_assert_null (broken);
  g_assert_error (error, FAZHI_TEMPLATE_ERROR, FAZHI_TEMPLATE_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "line 6, column 2"));
  g_assert_nonnull (strstr (error->message, "{mediation.recieved}"));
}

static gint64
query_count (Fixture    *fixture,
             const char *sql,
             const char *start,
             const char *end)
{
  const char *period[] = { start, end, NULL };

  return fazhi_test_query_int (fazhi_database_get_handle (fixture->database), sql, start != NULL ? period : NULL);
}

static char *
load (Fixture *fixture,
      int      year,
      int      quarter)
{
  g_autoptr(GError) error = NULL;
  char *text = fazhi_report_text_load (fixture->database, year, quarter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
test_text_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char first[] = "标题\n\n“引号”、'单引号'；\"双引号\" 与 {mediation.received} 件。\n";
  static const char second[] = "改过的标题\n\n改过的正文。";
  g_autoptr(GError) error = NULL;
  g_autofree char *initial = load (fixture, 2023, 0);
  g_autofree char *initial_quarter = load (fixture, 2023, 1);
  g_autofree char *saved = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *other_year = NULL;
  g_autofree char *quarter = NULL;

  g_assert_cmpstr (initial, ==, fazhi_template_default_annual ());
  g_assert_cmpstr (initial_quarter, ==, "");
  g_assert_cmpint (query_count (fixture, "SELECT count(*) FROM report_texts", NULL, NULL), ==, 0);

  g_assert_true (fazhi_report_text_save (fixture->database, 2023, 0, first, &error));
  g_assert_no_error (error);
  saved = load (fixture, 2023, 0);
  g_assert_cmpstr (saved, ==, first);

  g_assert_true (fazhi_report_text_save (fixture->database, 2023, 0, second, &error));
  g_assert_no_error (error);
  updated = load (fixture, 2023, 0);
  g_assert_cmpstr (updated, ==, second);
  g_assert_cmpint (query_count (fixture, "SELECT count(*) FROM report_texts", NULL, NULL), ==, 1);

  g_assert_true (fazhi_report_text_save (fixture->database, 2023, 3, first, &error));
  g_assert_no_error (error);
  quarter = load (fixture, 2023, 3);
  g_assert_cmpstr (quarter, ==, first);
  other_year = load (fixture, 2024, 0);
  g_assert_cmpstr (other_year, ==, fazhi_template_default_annual ());
  g_assert_cmpint (query_count (fixture, "SELECT count(*) FROM report_texts", NULL, NULL), ==, 2);

  /* Inside a transaction that is rolled back, the save is undone with it. */
  g_assert_true (fazhi_database_begin (fixture->database, &error));
  g_assert_true (fazhi_report_text_save (fixture->database, 2025, 0, first, &error));
  g_assert_no_error (error);
  fazhi_database_rollback (fixture->database);
  g_assert_cmpint (query_count (fixture, "SELECT count(*) FROM report_texts", NULL, NULL), ==, 2);
}

static void
test_write_formats (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiDocument) document = fazhi_report_build_annual (fixture->database, 2023, &error);
  g_autofree char *odt = g_build_filename (fixture->directory, "report.odt", NULL);
  g_autofree char *missing = g_build_filename (fixture->directory, "no-such-folder", "report.txt", NULL);
  g_autofree char *pdf = g_build_filename (fixture->directory, "report.Pdf", NULL);
  g_autofree char *pdf_partial = g_strconcat (pdf, ".partial", NULL);
  g_autofree char *odt_partial = g_strconcat (odt, ".partial", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);

  g_assert_false (fazhi_report_write (document, odt, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, odt));
  g_assert_false (g_file_test (odt, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (odt_partial, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (fazhi_report_write (document, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_true (fazhi_report_write (document, pdf, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (pdf_partial, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* The summary's tables, by the start of their caption. */
static FazhiBlock *
find_table (FazhiDocument *document,
            const char    *caption)
{
  for (guint i = 0; i < document->blocks->len; i++)
    {
      FazhiBlock *block = g_ptr_array_index (document->blocks, i);

      if (block->kind == FAZHI_BLOCK_TABLE && block->text != NULL && strstr (block->text, caption) != NULL)
        return block;
    }

  g_error ("No table “%s” in the summary", caption);
  return NULL;
}

static GStrv
row_at (FazhiBlock *table,
        guint       index)
{
  g_assert_cmpuint (index, <, table->rows->len);
  return g_ptr_array_index (table->rows, index);
}

static GStrv
find_row (FazhiBlock *table,
          const char *label)
{
  for (guint i = 1; i < table->rows->len; i++)
    if (strcmp (row_at (table, i)[0], label) == 0)
      return row_at (table, i);

  return NULL;
}

static gint64
cell_hundredths (const char *cell)
{
  gint64 hundredths = 0;

  if (!fazhi_parse_decimal (cell, &hundredths))
    g_error ("“%s” is not a number", cell);
  return hundredths;
}

static FazhiDocument *
summary (Fixture *fixture,
         int      year,
         int      quarter)
{
  g_autoptr(GError) error = NULL;
  FazhiDocument *document = fazhi_summary_build (fixture->database, year, quarter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static gboolean
is_rate_cell (const char *cell)
{
  return strchr (cell, '%') != NULL || strcmp (cell, "—") == 0;
}

static char *
signed_decimal (gint64 hundredths)
{
  g_autofree char *magnitude = fazhi_format_decimal (ABS (hundredths));

  if (hundredths == 0)
    return g_strdup ("0");
  return g_strconcat (hundredths > 0 ? "+" : "-", magnitude, NULL);
}

/* The year to date of Q4 is the whole year, its rate divided again from the summed counts; the
 * same quarter a year before is 2022 Q4. */
static void
assert_mediation_rows (FazhiBlock *table,
                       FazhiStats *year,
                       FazhiStats *last_year)
{
  GStrv received = find_row (table, "受理矛盾纠纷（件）");
  GStrv concluded = find_row (table, "调解办结（件）");
  GStrv handled = find_row (table, "调处率");
  g_autofree char *year_received = g_strdup_printf ("%.0f", figure (year, "mediation.received"));
  g_autofree char *last_received = g_strdup_printf ("%.0f", figure (last_year, "mediation.received"));
  g_autofree char *handled_rate = NULL;

  g_assert_nonnull (received);
  g_assert_nonnull (concluded);
  g_assert_nonnull (handled);
  g_assert_cmpstr (received[2], ==, year_received);
  g_assert_cmpstr (received[3], ==, last_received);
  handled_rate = fazhi_format_rate ((double) cell_hundredths (concluded[2]) / cell_hundredths (received[2]));
  g_assert_cmpstr (handled[2], ==, handled_rate);
}

static void
test_summary_year_to_date (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *const columns[] = { "指标", "本季度", "本年累计", "去年同期", "增减" };
  FazhiDocument *quarters[4];
  g_autoptr(FazhiStats) year = compute (fixture, 2023, 0);
  g_autoptr(FazhiStats) last_year = compute (fixture, 2022, 4);
  FazhiBlock *fourth;
  FazhiBlock *title;
  guint n_counts = 0;

  for (int q = 1; q <= 4; q++)
    quarters[q - 1] = summary (fixture, 2023, q);

  title = block_at (quarters[3], 0);
  g_assert_cmpint (title->kind, ==, FAZHI_BLOCK_TITLE);
  g_assert_cmpstr (title->text, ==, "解放区王褚街道办事处\n2023年第四季度法治工作统计表");
  g_assert_cmpint (block_at (quarters[3], 1)->kind, ==, FAZHI_BLOCK_SUBTITLE);
  g_assert_nonnull (strstr (block_at (quarters[3], 1)->text, "2023年10月1日至2023年12月31日"));
  g_assert_nonnull (strstr (block_at (quarters[3], 1)->text, "2026年11月28日"));

  fourth = find_table (quarters[3], "主要指标");
  g_assert_cmpuint (fourth->n_columns, ==, 5);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_assert_cmpstr (row_at (fourth, 0)[c], ==, columns[c]);
  g_assert_cmpuint (fourth->rows->len, >=, 25);

  for (guint r = 1; r < fourth->rows->len; r++)
    {
      GStrv row = row_at (fourth, r);
      gint64 sum = 0;
      gint64 change;
      g_autofree char *change_text = NULL;

      if (is_rate_cell (row[1]))
        continue;

      for (int q = 0; q < 4; q++)
        {
          GStrv same = row_at (find_table (quarters[q], "主要指标"), r);

          g_assert_cmpstr (same[0], ==, row[0]);
          sum += cell_hundredths (same[1]);
        }
      if (sum != cell_hundredths (row[2]))
        g_error ("%s: the year to date %s is not the sum of the quarters", row[0], row[2]);
      n_counts++;

      change = cell_hundredths (row[1]) - cell_hundredths (row[3]);
      change_text = signed_decimal (change);
      g_assert_cmpstr (row[4], ==, change_text);
    }
  g_assert_cmpuint (n_counts, >=, 20);

  assert_mediation_rows (fourth, year, last_year);

  for (int q = 0; q < 4; q++)
    fazhi_document_free (quarters[q]);
}

static void
test_summary_breakdowns (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FazhiDocument) document = summary (fixture, 2023, 2);
  g_autoptr(FazhiStats) quarter = compute (fixture, 2023, 2);
  FazhiBlock *categories = find_table (document, "纠纷");
  FazhiBlock *themes = find_table (document, "普法");
  g_autofree char *received = g_strdup_printf ("%.0f", figure (quarter, "mediation.received"));
  g_autofree char *events = g_strdup_printf ("%.0f", figure (quarter, "outreach.events"));

  for (const FazhiChoice *category = fazhi_case_categories; category->key != NULL; category++)
    {
      g_autofree char *key = g_strconcat ("mediation.by_category.", category->key, NULL);
      g_autofree char *count = g_strdup_printf ("%.0f", figure (quarter, key));
      GStrv row = find_row (categories, category->label);

      if (row == NULL)
        g_error ("No row for %s", category->label);
      g_assert_cmpstr (row[1], ==, count);
    }
  g_assert_cmpstr (find_row (categories, "合计")[1], ==, received);

  for (const FazhiChoice *theme = fazhi_outreach_themes; theme->key != NULL; theme++)
    {
      g_autofree char *key = g_strconcat ("outreach.by_theme.", theme->key, NULL);
      g_autofree char *count = g_strdup_printf ("%.0f", figure (quarter, key));
      GStrv row = find_row (themes, theme->label);

      if (row == NULL)
        g_error ("No row for %s", theme->label);
      g_assert_cmpstr (row[1], ==, count);
    }
  g_assert_cmpstr (find_row (themes, "合计")[1], ==, events);
}

static void
assert_communities (Fixture *fixture,
                    int      quarter_number)
{
  g_autoptr(FazhiDocument) document = summary (fixture, 2023, quarter_number);
  FazhiBlock *table = find_table (document, "村（社区）");
  FazhiPeriod quarter;
  g_autofree char *cases = NULL;
  g_autofree char *materials = NULL;
  gint64 n_communities = query_count (fixture, "SELECT count(*) FROM communities", NULL, NULL);
  gint64 without = 0;
  gint64 sums[4] = { 0, 0, 0, 0 };
  GStrv total;
  GStrv unfilled;

  fazhi_period_init (&quarter, 2023, quarter_number);
  cases = g_strdup_printf ("%" G_GINT64_FORMAT,
                           query_count (fixture, "SELECT count(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2",
                                        quarter.start, quarter.end));
  materials = g_strdup_printf ("%" G_GINT64_FORMAT,
                               query_count (fixture, "SELECT total(materials) FROM outreach"
                                                     " WHERE held_on BETWEEN ?1 AND ?2", quarter.start, quarter.end));
  without = query_count (fixture, "SELECT (SELECT count(*) FROM cases WHERE community_id IS NULL"
                                  " AND received_on BETWEEN ?1 AND ?2) + (SELECT count(*) FROM outreach"
                                  " WHERE community_id IS NULL AND held_on BETWEEN ?1 AND ?2)",
                         quarter.start, quarter.end);

  g_assert_cmpstr (row_at (table, 0)[1], ==, "案件");
  total = row_at (table, table->rows->len - 1);
  g_assert_cmpstr (total[0], ==, "合计");
  g_assert_cmpstr (total[1], ==, cases);
  g_assert_cmpstr (total[4], ==, materials);

  unfilled = find_row (table, "未填写");
  g_assert_true ((unfilled != NULL) == (without > 0));
  /* Header, the communities, perhaps the unfilled row, the total. */
  g_assert_cmpint (table->rows->len, ==, 1 + n_communities + (without > 0 ? 1 : 0) + 1);

  for (guint r = 1; r + 1 < table->rows->len; r++)
    for (guint c = 0; c < 4; c++)
      sums[c] += cell_hundredths (row_at (table, r)[c + 1]);
  for (guint c = 0; c < 4; c++)
    g_assert_cmpint (sums[c], ==, cell_hundredths (total[c + 1]));
}

static void
test_summary_communities (Fixture       *fixture,
                          gconstpointer  data)
{
  sqlite3_stmt *statement = NULL;

  for (int q = 1; q <= 4; q++)
    assert_communities (fixture, q);

  /* A case that names no community gets its own row. */
  g_assert_cmpint (sqlite3_prepare_v2 (fazhi_database_get_handle (fixture->database),
                                       "INSERT INTO cases (uuid, created_at, updated_at, number, kind, title, received_on)"
                                       " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)", -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, "test-report-unfilled", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, "2023-11-15T08:00:00Z", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, "（2023）测调字第999号", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, "mediation", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 5, "未填写村社区的纠纷", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 6, "2023-11-15", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);

  assert_communities (fixture, 4);
}

static void
test_summary_bad_quarter (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FazhiDocument) document = fazhi_summary_build (fixture->database, 2023, 5, &error);

  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("FAZHI_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/format/approximate", test_approximate);
  g_test_add_func ("/report/format/rate", test_rate);
  g_test_add ("/report/template/kinds", Fixture, "demo", fixture_set_up, test_expand_kinds, fixture_tear_down);
  g_test_add ("/report/template/errors", Fixture, NULL, fixture_set_up, test_expand_errors, fixture_tear_down);
  g_test_add ("/report/template/placeholders", Fixture, NULL, fixture_set_up, test_placeholders, fixture_tear_down);
  g_test_add ("/report/default/every-figure", Fixture, NULL, fixture_set_up, test_default_uses_every_figure,
              fixture_tear_down);
  g_test_add_func ("/report/default/own-words", test_default_own_words);
  g_test_add ("/report/annual/demo-2023", Fixture, "demo", fixture_set_up, test_annual_demo, fixture_tear_down);
  g_test_add ("/report/annual/from-text", Fixture, "demo", fixture_set_up, test_build_from_text, fixture_tear_down);
  g_test_add ("/report/text/round-trip", Fixture, NULL, fixture_set_up, test_text_round_trip, fixture_tear_down);
  g_test_add ("/report/write/formats", Fixture, "demo", fixture_set_up, test_write_formats, fixture_tear_down);
  g_test_add ("/report/summary/year-to-date", Fixture, "demo", fixture_set_up, test_summary_year_to_date,
              fixture_tear_down);
  g_test_add ("/report/summary/breakdowns", Fixture, "demo", fixture_set_up, test_summary_breakdowns,
              fixture_tear_down);
  g_test_add ("/report/summary/communities", Fixture, "demo", fixture_set_up, test_summary_communities,
              fixture_tear_down);
  g_test_add ("/report/summary/bad-quarter", Fixture, NULL, fixture_set_up, test_summary_bad_quarter,
              fixture_tear_down);

  return g_test_run ();
}
