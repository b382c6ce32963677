/* fazhi-summary.c — the quarterly summary: tables of the quarter's figures
 *
 * The summary is a Chinese official form sent to the district, so its fixed wording (title,
 * captions, column and row labels) is written here in Chinese directly and not through gettext:
 * it must read the same whatever language the program's window speaks.
 *
 * The year to date is the sum of the quarters so far, each counted by fazhi_stats_compute(), and
 * its rates are divided again from the summed numerators and denominators: an average of
 * quarterly rates would weigh a quiet quarter like a busy one.
 */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-stats.h"
#include "fazhi-summary.h"
#include "fazhi-template.h"

typedef struct
{
  const char *label;
  const char *key;
  const char *numerator;    /* a rate: the figures it divides, to sum over the quarters */
  const char *denominator;
} Indicator;

static const Indicator indicators[] = {
  { "受理矛盾纠纷（件）", "mediation.received", NULL, NULL },
  { "调解办结（件）", "mediation.concluded", NULL, NULL },
  { "调解成功（件）", "mediation.successful", NULL, NULL },
  { "超期未结（件）", "mediation.overdue", NULL, NULL },
  { "调处率", "mediation.handled_rate", "mediation.concluded", "mediation.received" },
  { "调解成功率", "mediation.success_rate", "mediation.successful", "mediation.concluded" },
  { "出庭应诉（场）", "litigation.hearings", NULL, NULL },
  { "行政复议（件）", "reconsideration.cases", NULL, NULL },
  { "法律咨询（次）", "consultation.sessions", NULL, NULL },
  { "法律咨询（人次）", "consultation.persons", NULL, NULL },
  { "审查合同文书（份）", "review.documents", NULL, NULL },
  { "监督检查（次）", "inspection.times", NULL, NULL },
  { "收到提案建议（件）", "proposal.received", NULL, NULL },
  { "提案建议答复（件）", "proposal.replied", NULL, NULL },
  { "法治培训（次）", "training.sessions", NULL, NULL },
  { "参加培训（人次）", "training.attendees", NULL, NULL },
  { "培训学时", "training.hours", NULL, NULL },
  { "参加考试（人）", "training.exam.participants", NULL, NULL },
  { "考试合格（人）", "training.exam.passed", NULL, NULL },
  { "法治宣传活动（次）", "outreach.events", NULL, NULL },
  { "发放宣传资料（份）", "outreach.materials", NULL, NULL },
  { "宣传受众（人次）", "outreach.reached", NULL, NULL },
  { "启动业委会换届（个）", "elections.started", NULL, NULL },
  { "完成业委会换届（个）", "elections.completed", NULL, NULL },
};

/* Rounds half away from zero without libm, which the report library does not link. */
static gint64
round_to_integer (double value)
{
  return value < 0 ? -(gint64) (0.5 - value) : (gint64) (value + 0.5);
}

static const char *const quarter_numerals[] = { "一", "二", "三", "四" };

/* One figure as the tables show it. */
typedef struct
{
  FazhiStatKind kind;
  double        value;    /* counts as is, decimals in hundredths, rates as a fraction */
  gboolean      is_null;
} Figure;

/* The figures a summary is made of: the quarters of the year so far and the same quarter a
 * year earlier. */
typedef struct
{
  FazhiStats  *quarters[4];
  guint        n_quarters;
  FazhiStats  *last_year;
  FazhiPeriod  year_to_date;
} Figures;

static void
figures_clear (Figures *figures)
{
  for (guint i = 0; i < G_N_ELEMENTS (figures->quarters); i++)
    g_clear_pointer (&figures->quarters[i], fazhi_stats_free);
  g_clear_pointer (&figures->last_year, fazhi_stats_free);
}

static FazhiStats *
current_quarter (Figures *figures)
{
  return figures->quarters[figures->n_quarters - 1];
}

static Figure
lookup (FazhiStats *stats,
        const char *key)
{
  Figure figure = { FAZHI_STAT_COUNT, 0, FALSE };

  if (!fazhi_stats_lookup (stats, key, &figure.kind, &figure.value, &figure.is_null))
    g_critical ("The summary asks for a figure the statistics do not have: %s", key);

  return figure;
}

static double
sum_over_year (Figures    *figures,
               const char *key)
{
  double sum = 0;

  for (guint i = 0; i < figures->n_quarters; i++)
    sum += lookup (figures->quarters[i], key).value;

  return sum;
}

static Figure
year_to_date (Figures         *figures,
              const Indicator *indicator)
{
  Figure figure = lookup (current_quarter (figures), indicator->key);
  double denominator;

  if (figure.kind != FAZHI_STAT_RATE)
    {
      figure.value = sum_over_year (figures, indicator->key);
      return figure;
    }

  denominator = sum_over_year (figures, indicator->denominator);
  figure.is_null = denominator == 0;
  figure.value = figure.is_null ? 0 : sum_over_year (figures, indicator->numerator) / denominator;

  return figure;
}

static char *
format_figure (Figure figure)
{
  if (figure.is_null)
    return g_strdup ("—");

  switch (figure.kind)
    {
    case FAZHI_STAT_RATE:
      return fazhi_format_rate (figure.value);
    case FAZHI_STAT_DECIMAL:
      return fazhi_format_decimal (round_to_integer (figure.value));
    case FAZHI_STAT_COUNT:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, round_to_integer (figure.value));
    }
}

/* The quarter against the same quarter a year earlier: +3, -2, 0; rates in percentage points. */
static char *
format_change (Figure now,
               Figure before)
{
  gint64 difference;
  g_autofree char *magnitude = NULL;

  if (now.is_null || before.is_null)
    return g_strdup ("—");

  switch (now.kind)
    {
    case FAZHI_STAT_RATE:
      {
        gint64 tenths = round_to_integer ((now.value - before.value) * 1000.0);

        if (tenths == 0)
          return g_strdup ("0");
        if (tenths % 10 == 0)
          magnitude = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (tenths) / 10);
        else
          magnitude = g_strdup_printf ("%" G_GINT64_FORMAT ".%d", ABS (tenths) / 10, (int) (ABS (tenths) % 10));
        return g_strconcat (tenths > 0 ? "+" : "-", magnitude, "个百分点", NULL);
      }
    case FAZHI_STAT_DECIMAL:
      difference = round_to_integer (now.value - before.value);
      magnitude = fazhi_format_decimal (ABS (difference));
      break;
    case FAZHI_STAT_COUNT:
    default:
      difference = round_to_integer (now.value - before.value);
      magnitude = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (difference));
      break;
    }

  if (difference == 0)
    return g_strdup ("0");

  return g_strconcat (difference > 0 ? "+" : "-", magnitude, NULL);
}

static void
add_row (FazhiBlock *table,
         ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  va_list args;
  char *cell;

  va_start (args, table);
  while (cells->len < table->n_columns && (cell = va_arg (args, char *)) != NULL)
    g_ptr_array_add (cells, cell);
  va_end (args);

  g_ptr_array_add (cells, NULL);
  fazhi_block_add_row (table, (const char * const *) cells->pdata);
}

static void
add_header (FazhiBlock *table,
            ...)
{
  va_list args;
  const char *header[8] = { NULL };

  va_start (args, table);
  for (guint i = 0; i < table->n_columns && i < G_N_ELEMENTS (header); i++)
    header[i] = va_arg (args, const char *);
  va_end (args);

  fazhi_block_add_row (table, header);
}

static void
add_indicators (FazhiDocument *document,
                Figures       *figures)
{
  FazhiBlock *table = fazhi_document_add_table (document, "一、主要指标（比率的增减以百分点计）", 5);

  add_header (table, "指标", "本季度", "本年累计", "去年同期", "增减");

  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      Figure quarter = lookup (current_quarter (figures), indicators[i].key);
      Figure cumulated = year_to_date (figures, &indicators[i]);
      Figure last_year = { quarter.kind, 0, TRUE };

      if (figures->last_year != NULL)
        last_year = lookup (figures->last_year, indicators[i].key);

      add_row (table, g_strdup (indicators[i].label), format_figure (quarter), format_figure (cumulated),
               format_figure (last_year), format_change (quarter, last_year), NULL);
    }
}

static char *
count_text (double count)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, round_to_integer (count));
}

static void
add_categories (FazhiDocument *document,
                Figures       *figures)
{
  FazhiBlock *table = fazhi_document_add_table (document, "二、矛盾纠纷调解分类情况（单位：件）", 3);

  add_header (table, "纠纷类型", "本季度", "本年累计");

  for (const FazhiChoice *category = fazhi_case_categories; category->key != NULL; category++)
    {
      g_autofree char *key = g_strconcat ("mediation.by_category.", category->key, NULL);

      add_row (table, g_strdup (category->label),
               count_text (lookup (current_quarter (figures), key).value),
               count_text (sum_over_year (figures, key)), NULL);
    }

  add_row (table, g_strdup ("合计"),
           count_text (lookup (current_quarter (figures), "mediation.received").value),
           count_text (sum_over_year (figures, "mediation.received")), NULL);
}

typedef struct
{
  gint64 events;
  gint64 materials;
} ThemeCounts;

/* Events and materials per theme between @start and @end, into @counts (one per theme). */
static gboolean
count_themes (FazhiDatabase *database,
              const char    *start,
              const char    *end,
              ThemeCounts   *counts,
              GError       **error)
{
  sqlite3_stmt *statement;
  int rc;

  statement = fazhi_database_prepare (database,
                                      "SELECT theme, count(*), coalesce(sum(materials), 0) FROM outreach"
                                      " WHERE held_on BETWEEN ?1 AND ?2 GROUP BY theme",
                                      error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, end, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *theme = (const char *) sqlite3_column_text (statement, 0);
      guint position = 0;

      for (const FazhiChoice *choice = fazhi_outreach_themes; choice->key != NULL; choice++, position++)
        if (g_strcmp0 (choice->key, theme) == 0)
          {
            counts[position].events += sqlite3_column_int64 (statement, 1);
            counts[position].materials += sqlite3_column_int64 (statement, 2);
          }
    }
  sqlite3_reset (statement);

  if (rc != SQLITE_DONE)
    return fazhi_database_set_error (database, rc, error);

  return TRUE;
}

static gboolean
add_themes (FazhiDocument  *document,
            FazhiDatabase  *database,
            Figures        *figures,
            GError        **error)
{
  const FazhiPeriod *quarter = fazhi_stats_get_period (current_quarter (figures));
  guint n_themes = fazhi_choices_count (fazhi_outreach_themes);
  g_autofree ThemeCounts *in_quarter = g_new0 (ThemeCounts, n_themes);
  g_autofree ThemeCounts *in_year = g_new0 (ThemeCounts, n_themes);
  ThemeCounts total_quarter = { 0, 0 };
  ThemeCounts total_year = { 0, 0 };
  FazhiBlock *table;

  if (!count_themes (database, quarter->start, quarter->end, in_quarter, error)
      || !count_themes (database, figures->year_to_date.start, figures->year_to_date.end, in_year, error))
    return FALSE;

  table = fazhi_document_add_table (document, "三、普法宣传分主题情况（单位：次、份）", 5);
  add_header (table, "宣传主题", "本季度活动", "本季度资料", "本年累计活动", "本年累计资料");

  for (guint i = 0; i < n_themes; i++)
    {
      add_row (table, g_strdup (fazhi_outreach_themes[i].label),
               count_text (in_quarter[i].events), count_text (in_quarter[i].materials),
               count_text (in_year[i].events), count_text (in_year[i].materials), NULL);
      total_quarter.events += in_quarter[i].events;
      total_quarter.materials += in_quarter[i].materials;
      total_year.events += in_year[i].events;
      total_year.materials += in_year[i].materials;
    }

  add_row (table, g_strdup ("合计"), count_text (total_quarter.events), count_text (total_quarter.materials),
           count_text (total_year.events), count_text (total_year.materials), NULL);

  return TRUE;
}

#define COMMUNITY_FIGURES \
  "(SELECT count(*) FROM cases WHERE community_id IS c.id AND received_on BETWEEN ?1 AND ?2)," \
  " (SELECT count(*) FROM cases WHERE community_id IS c.id AND kind = 'mediation'" \
  "   AND received_on BETWEEN ?1 AND ?2)," \
  " (SELECT count(*) FROM outreach WHERE community_id IS c.id AND held_on BETWEEN ?1 AND ?2)," \
  " (SELECT coalesce(sum(materials), 0) FROM outreach WHERE community_id IS c.id" \
  "   AND held_on BETWEEN ?1 AND ?2)"

/* Each community in the order the clerk entered them, then the records that name none (an
 * id that is NULL, which IS matches); the figures are the quarter's. */
static gboolean
add_communities (FazhiDocument  *document,
                 FazhiDatabase  *database,
                 Figures        *figures,
                 GError        **error)
{
  const FazhiPeriod *quarter = fazhi_stats_get_period (current_quarter (figures));
  gint64 totals[4] = { 0, 0, 0, 0 };
  sqlite3_stmt *statement;
  FazhiBlock *table;
  int rc;

  statement = fazhi_database_prepare (database,
                                      "SELECT c.name, " COMMUNITY_FIGURES ", 0, c.id FROM communities AS c"
                                      " UNION ALL SELECT NULL, " COMMUNITY_FIGURES ", 1, 0"
                                      " FROM (SELECT NULL AS id) AS c ORDER BY 6, 7",
                                      error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, quarter->start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, quarter->end, -1, SQLITE_TRANSIENT);

  table = fazhi_document_add_table (document, "四、各村（社区）情况（单位：件、次、份）", 5);
  add_header (table, "村（社区）", "案件", "其中调解", "普法活动", "发放资料");

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (statement, 0);
      gint64 row[4];
      gboolean any = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (row); i++)
        {
          row[i] = sqlite3_column_int64 (statement, i + 1);
          totals[i] += row[i];
          any = any || row[i] != 0;
        }

      /* Records without a community are worth a row only when there are some. */
      if (name == NULL && !any)
        continue;

      add_row (table, g_strdup (name != NULL ? name : "未填写"),
               count_text (row[0]), count_text (row[1]), count_text (row[2]), count_text (row[3]), NULL);
    }
  sqlite3_reset (statement);

  if (rc != SQLITE_DONE)
    return fazhi_database_set_error (database, rc, error);

  add_row (table, g_strdup ("合计"),
           count_text (totals[0]), count_text (totals[1]), count_text (totals[2]), count_text (totals[3]), NULL);

  return TRUE;
}

/* 2023-10-01 → 2023年10月1日 */
static char *
chinese_date (const char *iso)
{
  return g_strdup_printf ("%d年%d月%d日", atoi (iso), atoi (iso + 5), atoi (iso + 8));
}

static char *
setting_or_empty (FazhiDatabase *database,
                  const char    *key)
{
  char *value = fazhi_database_get_setting (database, key);

  return value != NULL ? g_strstrip (value) : g_strdup ("");
}

static void
add_heading (FazhiDocument *document,
             FazhiDatabase *database,
             Figures       *figures)
{
  const FazhiPeriod *quarter = fazhi_stats_get_period (current_quarter (figures));
  g_autofree char *office = setting_or_empty (database, "office_name");
  g_autofree char *district = setting_or_empty (database, "district");
  g_autofree char *today = fazhi_date_today ();
  g_autofree char *first_day = chinese_date (quarter->start);
  g_autofree char *last_day = chinese_date (quarter->end);
  g_autofree char *made_on = chinese_date (today);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Two lines each: at 2号 and 3号 neither fits on one line of the 156 mm text block. */
  title = g_strdup_printf ("%s%s\n%d年第%s季度法治工作统计表", district, office, quarter->year,
                           quarter_numerals[quarter->quarter - 1]);
  subtitle = g_strdup_printf ("统计期间：%s至%s\n制表日期：%s", first_day, last_day, made_on);

  fazhi_document_add (document, FAZHI_BLOCK_TITLE, title);
  fazhi_document_add (document, FAZHI_BLOCK_SUBTITLE, subtitle);
}

static gboolean
compute_figures (FazhiDatabase  *database,
                 int             year,
                 int             quarter,
                 Figures        *figures,
                 GError        **error)
{
  FazhiPeriod period;

  for (int q = 1; q <= quarter; q++)
    {
      fazhi_period_init (&period, year, q);
      figures->quarters[q - 1] = fazhi_stats_compute (database, &period, error);
      if (figures->quarters[q - 1] == NULL)
        return FALSE;
      figures->n_quarters = q;
    }

  /* The first year a ledger can hold has no year before it: its comparison stays empty. */
  if (fazhi_period_init (&period, year - 1, quarter))
    {
      figures->last_year = fazhi_stats_compute (database, &period, error);
      if (figures->last_year == NULL)
        return FALSE;
    }

  fazhi_period_init (&figures->year_to_date, year, 0);
  g_strlcpy (figures->year_to_date.end, fazhi_stats_get_period (current_quarter (figures))->end,
             sizeof figures->year_to_date.end);

  return TRUE;
}

FazhiDocument *
fazhi_summary_build (FazhiDatabase  *database,
                     int             year,
                     int             quarter,
                     GError        **error)
{
  g_autoptr(FazhiDocument) document = NULL;
  Figures figures = { { NULL, NULL, NULL, NULL }, 0, NULL, { 0 } };
  FazhiPeriod period;
  gboolean built;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);

  if (quarter < 1 || quarter > 4 || !fazhi_period_init (&period, year, quarter))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no quarter %d of %d: the quarter is 1 to 4"), quarter, year);
      return NULL;
    }

  document = fazhi_document_new ();

  built = compute_figures (database, year, quarter, &figures, error);
  if (built)
    {
      add_heading (document, database, &figures);
      add_indicators (document, &figures);
      add_categories (document, &figures);
      built = add_themes (document, database, &figures, error)
              && add_communities (document, database, &figures, error);
    }

  figures_clear (&figures);

  return built ? g_steal_pointer (&document) : NULL;
}
