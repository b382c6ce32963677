/* fazhi-template.c — the clerk's report text with named placeholders for the figures
 *
 * A placeholder is a figure's dotted key in braces, {mediation.received}, or the same with a
 * tilde, {consultation.persons~}, for the rounded style officials write ("70余"). The few text
 * placeholders ({office_name}, {district}, {year}, {quarter}) come from the caller. Errors name
 * the placeholder and where it stands, counted in characters, because the clerk finds it in an
 * editor that counts characters, not bytes.
 */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-template.h"

/* What a malformed placeholder quotes of itself: enough to find it, not the rest of the line. */
#define QUOTE_MAX_CHARS 24

G_DEFINE_QUARK (fazhi-template-error-quark, fazhi_template_error)

/* Rounds half away from zero without libm, which the report library does not link. */
static gint64
round_to_integer (double value)
{
  return value < 0 ? -(gint64) (0.5 - value) : (gint64) (value + 0.5);
}

/* The text placeholders, in the order of the insert menu. */
static const struct
{
  const char *key;
  const char *description;
} text_placeholders[] = {
  { "office_name", N_("Office name") },
  { "district", N_("District") },
  { "year", N_("Year of the report") },
  { "quarter", N_("Quarter of the report") },
};

/* The figures whose key names no enumeration value, in the order of the statistics' JSON; the
 * per-category, per-audience, per-theme and per-venue figures are made from the enumerations. */
static const struct
{
  const char *key;
  const char *description;
} figure_placeholders[] = {
  { "period.year", N_("Year of the period") },
  { "period.quarter", N_("Quarter of the period") },
  { "period.start", N_("First day of the period") },
  { "period.end", N_("Last day of the period") },
  { "mediation.received", N_("Mediations received") },
  { "mediation.concluded", N_("Mediations concluded") },
  { "mediation.successful", N_("Mediations successful") },
  { "mediation.failed", N_("Mediations unsuccessful") },
  { "mediation.terminated", N_("Mediations terminated") },
  { "mediation.withdrawn", N_("Mediations withdrawn") },
  { "mediation.overdue", N_("Mediations overdue") },
  { "mediation.handled_rate", N_("Mediation handling rate") },
  { "mediation.success_rate", N_("Mediation success rate") },
  { "litigation.cases", N_("Administrative lawsuits") },
  { "litigation.hearings", N_("Court hearings attended") },
  { "reconsideration.cases", N_("Administrative reconsiderations") },
  { "consultation.sessions", N_("Legal consultations") },
  { "consultation.persons", N_("Persons given legal advice") },
  { "review.documents", N_("Documents reviewed") },
  { "inspection.times", N_("Inspections") },
  { "proposal.received", N_("Proposals received") },
  { "proposal.replied", N_("Proposals answered") },
  { "proposal.satisfied", N_("Proposals answered to satisfaction") },
  { "proposal.satisfaction_rate", N_("Proposal satisfaction rate") },
  { "training.sessions", N_("Training sessions") },
  { "training.attendees", N_("Training attendees") },
  { "training.hours", N_("Training hours") },
  { "training.exam.sittings", N_("Examinations held") },
  { "training.exam.participants", N_("Examination candidates") },
  { "training.exam.passed", N_("Examination candidates who passed") },
  { "outreach.events", N_("Legal publicity events") },
  { "outreach.materials", N_("Publicity materials handed out") },
  { "outreach.reached", N_("People reached by publicity") },
  { "outreach.consultations", N_("Questions answered at publicity events") },
  { "outreach.banners", N_("Banners hung") },
  { "outreach.online", N_("Online publicity events") },
  { "outreach.offline", N_("Publicity events in person") },
  { "elections.started", N_("Committee elections started") },
  { "elections.completed", N_("Committee elections completed") },
  { "elections.in_progress", N_("Committee elections in progress") },
  { "elections.failed", N_("Committee elections failed") },
  { "elections.quorum_failures", N_("Committee elections failing the vote thresholds") },
  { "elections.filing_overdue", N_("Committee elections filed late") },
};

/* The default annual report. Its wording is this program's own; the structure (title, opening,
 * the first-responsible-person section, five areas of work, problems, plans) is the one such
 * reports follow. Every figure of the domain reference's table appears in it. */
static const char default_annual[] =
  "{district}{office_name}关于\n"
  "{year}年法治政府建设情况的报告\n"
  "\n"
  "{year}年，{office_name}在区委、区政府的坚强领导下，坚持以习近平法治思想为根本遵循，"
  "紧紧围绕全面依法治区的总体部署，把法治政府建设摆在基层治理的突出位置，以依法行政规范"
  "日常管理，以法治方式化解矛盾、服务群众，为辖区经济社会平稳健康发展营造了良好的法治环境。"
  "现将本年度法治政府建设有关情况报告如下。\n"
  "\n"
  "一、党政主要负责人履行法治建设第一责任人职责情况\n"
  "街道党工委、办事处主要负责同志把推进法治建设作为分内之责，做到重要工作亲自部署、"
  "重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。年内多次在党工委会议、主任办公会议上"
  "专题研究法治政府建设，带头学习习近平法治思想和《宪法》《民法典》《行政复议法》等法律法规，"
  "将学法用法列入班子理论学习中心组的年度计划，以上率下带动班子成员和机关干部牢固树立法治观念、"
  "提高依法办事本领，推动法治建设各项任务落到实处。\n"
  "\n"
  "二、法治政府建设工作开展情况\n"
  "（一）健全法治建设工作机制，压紧压实工作责任。街道调整充实法治建设工作领导小组，"
  "由党工委书记任组长、办事处主任任常务副组长，各村（社区）党组织书记为成员，明确职责分工，"
  "形成上下贯通、齐抓共管的工作格局。坚持把法治建设同经济社会发展工作一起谋划、一起推进、"
  "一起考核，纳入年度目标管理和班子成员述职内容。围绕“一把手”和领导班子履职、"
  "“三重一大”事项决策等关键环节加强日常监督，全年开展监督检查{inspection.times}次，"
  "对发现的问题建立台账、逐项督促整改到位。\n"
  "（二）坚持依法科学民主决策，发挥法律顾问作用。严格执行重大行政决策程序规定，"
  "凡涉及群众切身利益的重要事项，一律经过调查研究、征求意见、合法性审查和集体讨论后再作决定，"
  "全年未发生因决策失当引发的群体性事件。街道常年聘请执业律师担任法律顾问，"
  "对重要文件、合同协议和重大决策事项提前把关，并代理行政应诉、复议等法律事务。"
  "全年法律顾问出庭应诉{litigation.hearings}场，为机关和群众提供法律咨询{consultation.persons~}人次，"
  "审查修改合同协议等各类文书{review.documents}份。自觉接受人大监督和政协民主监督，"
  "全年承办政协提案{proposal.received}件，逐件研究、限期办理、及时答复，"
  "答复满意率{proposal.satisfaction_rate}。\n"
  "（三）加强法治工作队伍建设，提升依法履职能力。把学法作为干部教育培训的重要内容，"
  "围绕《宪法》《民法典》《信访工作条例》等法律法规，采取专题讲座、集中学习、旁听庭审等形式"
  "组织机关干部职工学法，全年开展培训{training.by_audience.staff.sessions}次，"
  "参训{training.by_audience.staff.attendees~}人次。注重提高执法队伍的专业水平，"
  "选派{training.exam.participants}人参加上级组织的行政执法考试，"
  "组织村（社区）执法人员和法治专员集中培训{training.by_audience.enforcement.sessions}次。"
  "在干部考察中把遵法守法、依法办事情况作为重要内容，同等条件下优先使用法治素养好的干部。\n"
  "（四）深入开展普法宣传教育，营造浓厚法治氛围。落实“谁执法谁普法”责任制，"
  "抓住全民国家安全教育日、国际禁毒日、民法典宣传月、国家宪法日等重要节点，"
  "在村（社区）、集贸市场、学校和企业设立宣传咨询点，面对面为群众答疑解惑。"
  "线上依托微信公众号和工作群推送以案释法内容，线下组织法律知识进村入户，两条渠道同步发力。"
  "全年开展各类法治宣传活动{outreach.events}次，发放宣传资料{outreach.materials~}份。"
  "同时围绕营造公平透明的营商环境，走访辖区重点企业宣讲税收等法律知识，引导企业依法诚信经营；"
  "持续抓好禁毒、反邪教宣传，公布举报电话，鼓励群众积极提供线索。\n"
  "（五）夯实基层群众自治法治基础，推进矛盾纠纷源头化解。指导各小区依法成立和运行业主委员会，"
  "规范换届选举程序，全年启动{elections.started}个小区业委会换届工作，"
  "已完成换届{elections.completed}个。健全街道、村（社区）两级人民调解组织网络，"
  "坚持抓早抓小、就地化解，对群众反映的问题及时回应、限时办结。"
  "全年受理矛盾纠纷{mediation.received}件，调处率{mediation.handled_rate}，"
  "调解成功率{mediation.success_rate}，努力做到小事不出村（社区）、矛盾不上交。\n"
  "\n"
  "三、存在的问题\n"
  "对照上级部署和群众期待，我们的法治政府建设工作还有一些薄弱环节，主要是：\n"
  "（一）法治思维和依法办事能力有待提高。少数干部处理具体事务时仍习惯凭经验办事，"
  "对程序要求重视不够；部分村（社区）干部法律知识储备不足，运用法律手段化解矛盾的本领还不强。\n"
  "（二）基层执法力量相对薄弱。街道执法人员数量偏少、专业化程度不高，"
  "对基层治理中的一些违法行为缺少有效的处置手段，发现问题后往往需要协调上级部门才能解决。\n"
  "（三）普法宣传的针对性和吸引力不够。宣传仍以讲座、发放资料、设置展板等传统方式为主，"
  "借助短视频等新媒体开展普法的办法不多，贴近群众需求的内容还不够丰富。\n"
  "\n"
  "四、下一步工作打算\n"
  "（一）进一步压实法治建设责任。坚持党工委对法治建设的统一领导，定期听取法治建设情况汇报，"
  "完善党政主要负责人履职清单，把法治建设考核结果作为评价班子和干部实绩的重要依据，"
  "推动法治建设与中心工作同部署、同落实。\n"
  "（二）进一步提升干部依法行政能力。以案例教学为重点，结合合同管理、信息公开、行政执法等日常工作，"
  "邀请法律顾问和司法所工作人员开展分类培训；组织法治知识测试和业务竞赛，推动学法用法常态化。\n"
  "（三）进一步加强基层法治队伍和调解组织建设。充实人民调解员和法律志愿者队伍，"
  "完善纠纷排查、分级调处和跟踪回访机制；深化法律顾问制度，拓展其参与重大事项的深度和广度，"
  "加强与司法所、人民法院的沟通协作，切实把矛盾纠纷化解在基层。\n";

const char *
fazhi_template_default_annual (void)
{
  return default_annual;
}

char *
fazhi_format_approximate (gint64 number)
{
  gint64 unit = 1;
  gint64 rounded;

  if (number < 10)
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);

  while (number / unit >= 10)
    unit *= 10;
  rounded = number / unit * unit;

  if (rounded == number)
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);

  return g_strdup_printf ("%" G_GINT64_FORMAT "余", rounded);
}

char *
fazhi_format_rate (double rate)
{
  gint64 tenths;

  if (rate != rate)  /* NaN */
    return g_strdup ("—");

  tenths = round_to_integer (rate * 1000.0);
  /* 999 of 1000 is not “all”: a rate short of one never reads 100%. */
  if (tenths == 1000 && rate < 1.0)
    tenths = 999;

  if (tenths % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "%%", tenths / 10);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%d%%", tenths < 0 ? "-" : "",
                          ABS (tenths) / 10, (int) (ABS (tenths) % 10));
}

/* The start of a placeholder as the clerk sees it, shortened when it runs on. */
static char *
quote_start (const char *start,
             const char *end)
{
  glong length = g_utf8_strlen (start, end - start);
  g_autofree char *shortened = NULL;

  if (length <= QUOTE_MAX_CHARS)
    return g_strndup (start, end - start);

  shortened = g_strndup (start, g_utf8_offset_to_pointer (start, QUOTE_MAX_CHARS) - start);
  return g_strconcat (shortened, "…", NULL);
}

static gboolean
is_text_placeholder (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_placeholders); i++)
    if (strcmp (text_placeholders[i].key, key) == 0)
      return TRUE;

  return FALSE;
}

/* A text placeholder the caller did not give: the period knows the year and quarter. */
static char *
text_from_period (const char        *key,
                  const FazhiPeriod *period)
{
  if (strcmp (key, "year") == 0)
    return g_strdup_printf ("%d", period->year);
  if (strcmp (key, "quarter") == 0 && period->quarter > 0)
    return g_strdup_printf ("%d", period->quarter);

  return g_strdup ("");
}

/* The text of the figure @key, or NULL when there is no such figure. A key is a figure when
 * fazhi_stats_lookup() knows it, or when it is one of the period's two dates. */
static char *
format_figure (FazhiStats *stats,
               const char *key,
               gboolean    approximate,
               gboolean   *approximate_refused)
{
  const FazhiPeriod *period = fazhi_stats_get_period (stats);
  FazhiStatKind kind;
  double value;
  gboolean is_null;

  *approximate_refused = FALSE;

  if (strcmp (key, "period.start") == 0 || strcmp (key, "period.end") == 0)
    {
      *approximate_refused = approximate;
      return g_strdup (key[7] == 's' ? period->start : period->end);
    }

  if (!fazhi_stats_lookup (stats, key, &kind, &value, &is_null))
    return NULL;

  /* The year and quarter are counts to the statistics, but “2000余年” would be nonsense. */
  if (approximate && (kind != FAZHI_STAT_COUNT || g_str_has_prefix (key, "period.")))
    {
      *approximate_refused = TRUE;
      return g_strdup ("");
    }

  if (is_null)
    return g_strdup ("—");

  switch (kind)
    {
    case FAZHI_STAT_RATE:
      return fazhi_format_rate (value);
    case FAZHI_STAT_DECIMAL:
      return fazhi_format_decimal (round_to_integer (value));
    case FAZHI_STAT_COUNT:
    default:
      if (approximate)
        return fazhi_format_approximate (round_to_integer (value));
      return g_strdup_printf ("%" G_GINT64_FORMAT, round_to_integer (value));
    }
}

/* Appends the value of the placeholder whose name (between the braces) is @name. */
static gboolean
append_placeholder (GString     *out,
                    const char  *name,
                    FazhiStats  *stats,
                    GHashTable  *values,
                    guint        line,
                    guint        column,
                    GError     **error)
{
  gsize length = strlen (name);
  gboolean approximate = length > 0 && name[length - 1] == '~';
  g_autofree char *key = g_strndup (name, approximate ? length - 1 : length);
  g_autofree char *text = NULL;
  gboolean approximate_refused = FALSE;
  const char *given;

  if (*key == '\0')
    {
      /* Translators: the line and column of the placeholder in the report text */
      g_set_error (error, FAZHI_TEMPLATE_ERROR, FAZHI_TEMPLATE_ERROR_MALFORMED,
                   approximate ? _("line %u, column %u: “{~}” names no figure")
                               : _("line %u, column %u: empty placeholder “{}”"),
                   line, column);
      return FALSE;
    }

  if (values != NULL && g_hash_table_lookup_extended (values, key, NULL, (gpointer *) &given))
    {
      approximate_refused = approximate;
      text = g_strdup (given != NULL ? given : "");
    }
  else if (is_text_placeholder (key))
    {
      approximate_refused = approximate;
      text = text_from_period (key, fazhi_stats_get_period (stats));
    }
  else
    {
      text = format_figure (stats, key, approximate, &approximate_refused);
    }

  if (text == NULL)
    {
      /* Translators: the line and column of the placeholder in the report text */
      g_set_error (error, FAZHI_TEMPLATE_ERROR, FAZHI_TEMPLATE_ERROR_UNKNOWN,
                   _("line %u, column %u: unknown figure “{%s}”"), line, column, name);
      return FALSE;
    }

  if (approximate_refused)
    {
      /* Translators: the line and column of the placeholder in the report text */
      g_set_error (error, FAZHI_TEMPLATE_ERROR, FAZHI_TEMPLATE_ERROR_MALFORMED,
                   _("line %u, column %u: “{%s}” cannot be approximate: only counts can"),
                   line, column, name);
      return FALSE;
    }

  g_string_append (out, text);
  return TRUE;
}

char *
fazhi_template_expand (const char  *text,
                       FazhiStats  *stats,
                       GHashTable  *values,
                       GError     **error)
{
  g_autoptr(GString) out = NULL;
  const char *p;
  guint line = 1;
  guint column = 1;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (stats != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = g_string_sized_new (strlen (text) + 64);
  p = text;

  while (*p != '\0')
    {
      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (out, p[0]);
          p += 2;
          column += 2;
        }
      else if (p[0] == '}')
        {
          /* Translators: the line and column of the brace in the report text */
          g_set_error (error, FAZHI_TEMPLATE_ERROR, FAZHI_TEMPLATE_ERROR_MALFORMED,
                       _("line %u, column %u: “}” closes no placeholder; write “}}” for a brace"),
                       line, column);
          return NULL;
        }
      else if (p[0] == '{')
        {
          const char *end = p + 1;
          g_autofree char *name = NULL;

          while (*end != '\0' && *end != '}' && *end != '{' && *end != '\n')
            end++;

          if (*end != '}')
            {
              g_autofree char *quoted = quote_start (p, end);

              /* Translators: the line and column of the placeholder, then its start */
              g_set_error (error, FAZHI_TEMPLATE_ERROR, FAZHI_TEMPLATE_ERROR_MALFORMED,
                           _("line %u, column %u: placeholder “%s” is not closed with “}”"),
                           line, column, quoted);
              return NULL;
            }

          name = g_strndup (p + 1, end - p - 1);
          if (!append_placeholder (out, name, stats, values, line, column, error))
            return NULL;

          column += g_utf8_strlen (p, end + 1 - p);
          p = end + 1;
        }
      else if (p[0] == '\n')
        {
          g_string_append_c (out, '\n');
          p++;
          line++;
          column = 1;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
          column++;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One allocation holds the struct and both strings, so that the array frees it with g_free. */
static FazhiPlaceholder *
placeholder_new (const char *key,
                 const char *description)
{
  gsize key_size = strlen (key) + 1;
  gsize description_size = strlen (description) + 1;
  FazhiPlaceholder *placeholder = g_malloc (sizeof (FazhiPlaceholder) + key_size + description_size);
  char *strings = (char *) (placeholder + 1);

  memcpy (strings, key, key_size);
  memcpy (strings + key_size, description, description_size);
  placeholder->key = strings;
  placeholder->description = strings + key_size;

  return placeholder;
}

static void
add_placeholder (GPtrArray  *placeholders,
                 const char *key,
                 const char *description)
{
  g_ptr_array_add (placeholders, placeholder_new (key, description));
}

/* Adds the fixed figures from *@position up to, not including, @stop_key (or to the end). */
static void
add_figures (GPtrArray  *placeholders,
             guint      *position,
             const char *stop_key)
{
  for (; *position < G_N_ELEMENTS (figure_placeholders); (*position)++)
    {
      if (stop_key != NULL && strcmp (figure_placeholders[*position].key, stop_key) == 0)
        return;
      add_placeholder (placeholders, figure_placeholders[*position].key,
                       _(figure_placeholders[*position].description));
    }
}

GPtrArray *
fazhi_template_list_placeholders (void)
{
  GPtrArray *placeholders = g_ptr_array_new_with_free_func (g_free);
  guint position = 0;

  for (guint i = 0; i < G_N_ELEMENTS (text_placeholders); i++)
    add_placeholder (placeholders, text_placeholders[i].key, _(text_placeholders[i].description));

  /* The enumerated figures sit where the statistics list them, after the figure before them. */
  add_figures (placeholders, &position, "litigation.cases");
  for (const FazhiChoice *category = fazhi_case_categories; category->key != NULL; category++)
    {
      g_autofree char *key = g_strconcat ("mediation.by_category.", category->key, NULL);
      /* Translators: %s is a kind of dispute, e.g. “Neighbours” */
      g_autofree char *description = g_strdup_printf (_("Mediations: %s"), _(category->name));

      add_placeholder (placeholders, key, description);
    }

  add_figures (placeholders, &position, "training.exam.sittings");
  for (const FazhiChoice *audience = fazhi_training_audiences; audience->key != NULL; audience++)
    {
      g_autofree char *sessions_key = g_strconcat ("training.by_audience.", audience->key, ".sessions", NULL);
      g_autofree char *attendees_key = g_strconcat ("training.by_audience.", audience->key, ".attendees", NULL);
      g_autofree char *sessions = g_strdup_printf (_("Training sessions for: %s"), _(audience->name));
      g_autofree char *attendees = g_strdup_printf (_("Training attendees: %s"), _(audience->name));

      add_placeholder (placeholders, sessions_key, sessions);
      add_placeholder (placeholders, attendees_key, attendees);
    }

  add_figures (placeholders, &position, "elections.started");
  for (const FazhiChoice *theme = fazhi_outreach_themes; theme->key != NULL; theme++)
    {
      g_autofree char *key = g_strconcat ("outreach.by_theme.", theme->key, NULL);
      g_autofree char *description = g_strdup_printf (_("Publicity events on: %s"), _(theme->name));

      add_placeholder (placeholders, key, description);
    }
  for (const FazhiChoice *venue = fazhi_outreach_venues; venue->key != NULL; venue++)
    {
      g_autofree char *key = g_strconcat ("outreach.by_venue.", venue->key, NULL);
      g_autofree char *description = g_strdup_printf (_("Publicity events: %s"), _(venue->name));

      add_placeholder (placeholders, key, description);
    }

  add_figures (placeholders, &position, NULL);

  return placeholders;
}
