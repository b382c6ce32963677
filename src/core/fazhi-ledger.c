/* fazhi-ledger.c — the ledgers' fields and enumerations, as the domain reference defines them */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-ledger.h"

#define CHOICE(k, n, l) { k, n, l }
#define END_OF_CHOICES { NULL, NULL, NULL }

const FazhiChoice fazhi_case_kinds[] = {
  CHOICE ("mediation", N_("Dispute mediation"), "矛盾纠纷调解"),
  CHOICE ("litigation", N_("Administrative litigation"), "行政诉讼应诉"),
  CHOICE ("reconsideration", N_("Administrative reconsideration"), "行政复议"),
  CHOICE ("consultation", N_("Legal consultation"), "法律咨询"),
  CHOICE ("review", N_("Contract and document review"), "合同文书审查"),
  CHOICE ("proposal", N_("Proposals and suggestions"), "提案建议办理"),
  CHOICE ("inspection", N_("Supervision and inspection"), "监督检查"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_case_categories[] = {
  CHOICE ("family", N_("Marriage and family"), "婚姻家庭"),
  CHOICE ("neighbour", N_("Neighbours"), "邻里"),
  CHOICE ("housing", N_("Housing and homestead"), "房屋宅基地"),
  CHOICE ("contract", N_("Contract"), "合同"),
  CHOICE ("business", N_("Production and business"), "生产经营"),
  CHOICE ("damages", N_("Compensation for damage"), "损害赔偿"),
  CHOICE ("labour", N_("Labour dispute"), "劳动争议"),
  CHOICE ("property", N_("Property management"), "物业"),
  CHOICE ("land", N_("Land acquisition and demolition"), "征地拆迁"),
  CHOICE ("traffic", N_("Road traffic"), "道路交通"),
  CHOICE ("medical", N_("Medical"), "医疗"),
  CHOICE ("consumer", N_("Consumer"), "消费"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

static const FazhiChoice case_sources[] = {
  CHOICE ("application", N_("On application"), "申请调解"),
  CHOICE ("initiative", N_("On own initiative"), "主动调解"),
  CHOICE ("referral", N_("Referred"), "委托移送"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_case_statuses[] = {
  CHOICE ("open", N_("Accepted"), "已受理"),
  CHOICE ("in_progress", N_("In progress"), "办理中"),
  CHOICE ("concluded", N_("Concluded"), "已办结"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_case_outcomes[] = {
  CHOICE ("success", N_("Successful"), "成功"),
  CHOICE ("failure", N_("Unsuccessful"), "不成功"),
  CHOICE ("terminated", N_("Terminated"), "终止"),
  CHOICE ("withdrawn", N_("Withdrawn"), "撤回"),
  END_OF_CHOICES
};

static const FazhiChoice case_agreements[] = {
  CHOICE ("written", N_("Written"), "书面"),
  CHOICE ("oral", N_("Oral"), "口头"),
  CHOICE ("none", N_("None"), "无"),
  END_OF_CHOICES
};

static const FazhiChoice yes_no[] = {
  CHOICE ("yes", N_("Yes"), "是"),
  CHOICE ("no", N_("No"), "否"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_training_forms[] = {
  CHOICE ("lecture", N_("Lecture"), "讲座"),
  CHOICE ("study", N_("Group study"), "集中学习"),
  CHOICE ("video", N_("Video"), "视频学习"),
  CHOICE ("court", N_("Court hearing visit"), "旁听庭审"),
  CHOICE ("exam", N_("Examination"), "考试"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_training_audiences[] = {
  CHOICE ("staff", N_("Office staff"), "机关干部职工"),
  CHOICE ("enforcement", N_("Law-enforcement officers"), "执法人员"),
  CHOICE ("officials", N_("Village and community officials"), "村（社区）干部/法治专员"),
  CHOICE ("mediators", N_("People's mediators"), "人民调解员"),
  CHOICE ("residents", N_("Residents"), "群众"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_outreach_themes[] = {
  CHOICE ("security", N_("National Security Education Day (15 April)"), "4·15全民国家安全教育日"),
  CHOICE ("antidrug", N_("International Day against Drug Abuse (26 June)"), "6·26国际禁毒日"),
  CHOICE ("constitution", N_("National Constitution Day (4 December)"), "12·4国家宪法日"),
  CHOICE ("civil_code", N_("Civil Code month"), "民法典宣传月"),
  CHOICE ("five_year", N_("Eighth five-year legal publicity plan"), "八五普法"),
  CHOICE ("anti_cult", N_("Anti-cult"), "反邪教"),
  CHOICE ("tax", N_("Tax law"), "税法宣传"),
  CHOICE ("business", N_("Law-based business environment"), "法治化营商环境"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_outreach_channels[] = {
  CHOICE ("offline", N_("In person"), "线下"),
  CHOICE ("online", N_("Online"), "线上"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_outreach_venues[] = {
  CHOICE ("village", N_("In villages"), "进村"),
  CHOICE ("community", N_("In communities"), "进社区"),
  CHOICE ("market", N_("In markets"), "进市场"),
  CHOICE ("school", N_("In schools"), "进学校"),
  CHOICE ("enterprise", N_("In enterprises"), "进企业"),
  CHOICE ("agency", N_("In government offices"), "进机关"),
  CHOICE ("online", N_("Online platform"), "网络平台"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_election_stages[] = {
  CHOICE ("preparing", N_("Preparing"), "筹备"),
  CHOICE ("candidates", N_("Candidates announced"), "候选人公示"),
  CHOICE ("voting", N_("Owners' assembly vote"), "业主大会表决"),
  CHOICE ("published", N_("Result announced"), "结果公示"),
  CHOICE ("filed", N_("Filed"), "已备案"),
  CHOICE ("failed", N_("Failed"), "未成功"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_community_kinds[] = {
  CHOICE ("village", N_("Village"), "村"),
  CHOICE ("community", N_("Community"), "社区"),
  END_OF_CHOICES
};

#define REQUIRED FAZHI_FIELD_REQUIRED
#define PERSONAL FAZHI_FIELD_PERSONAL
#define SEARCH FAZHI_FIELD_SEARCHABLE
#define GENERATED FAZHI_FIELD_GENERATED

static const FazhiField community_fields[] = {
  { "name", N_("Name"), "名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL },
  { "kind", N_("Type"), "类型", FAZHI_FIELD_CHOICE, 0, fazhi_community_kinds, "community" },
};

static const FazhiField compound_fields[] = {
  { "name", N_("Compound name"), "小区名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL },
  { "community", N_("Part of community"), "所属社区", FAZHI_FIELD_COMMUNITY, SEARCH, NULL, NULL },
  { "households", N_("Households"), "户数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "area", N_("Total exclusive area"), "专有部分总面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL },
  { "property_company", N_("Property company"), "物业公司", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "term_end", N_("Committee term ends"), "本届任期届满", FAZHI_FIELD_DATE, 0, NULL, NULL },
};

static const FazhiField case_fields[] = {
  { "number", N_("Number"), "编号", FAZHI_FIELD_TEXT, SEARCH | GENERATED, NULL, NULL },
  { "kind", N_("Kind"), "类别", FAZHI_FIELD_CHOICE, REQUIRED, fazhi_case_kinds, NULL },
  { "title", N_("Subject"), "事由", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL },
  { "category", N_("Dispute type"), "纠纷类型", FAZHI_FIELD_CHOICE, 0, fazhi_case_categories, NULL },
  { "source", N_("Source"), "来源", FAZHI_FIELD_CHOICE, 0, case_sources, NULL },
  { "applicant", N_("Applicant"), "申请人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "respondent", N_("Respondent"), "被申请人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "phone", N_("Phone"), "联系电话", FAZHI_FIELD_TEXT, PERSONAL, NULL, NULL },
  { "community", N_("Village or community"), "村/社区", FAZHI_FIELD_COMMUNITY, SEARCH, NULL, NULL },
  { "received_on", N_("Received on"), "受理日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL },
  { "handler", N_("Handled by"), "承办人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "status", N_("Status"), "状态", FAZHI_FIELD_CHOICE, 0, fazhi_case_statuses, "open" },
  { "outcome", N_("Outcome"), "结果", FAZHI_FIELD_CHOICE, 0, fazhi_case_outcomes, NULL },
  { "concluded_on", N_("Concluded on"), "办结日期", FAZHI_FIELD_DATE, 0, NULL, NULL },
  { "agreement", N_("Agreement"), "协议形式", FAZHI_FIELD_CHOICE, 0, case_agreements, NULL },
  { "amount", N_("Amount agreed"), "协议金额", FAZHI_FIELD_DECIMAL, 0, NULL, NULL },
  { "count", N_("Quantity"), "数量", FAZHI_FIELD_INTEGER, 0, NULL, "1" },
  { "satisfied", N_("Satisfied"), "是否满意", FAZHI_FIELD_CHOICE, 0, yes_no, NULL },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
};

static const FazhiField training_fields[] = {
  { "held_on", N_("Date"), "日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL },
  { "title", N_("Title"), "名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL },
  { "form", N_("Form"), "形式", FAZHI_FIELD_CHOICE, 0, fazhi_training_forms, "other" },
  { "audience", N_("Audience"), "对象", FAZHI_FIELD_CHOICE, 0, fazhi_training_audiences, "other" },
  { "laws", N_("Laws studied"), "学习内容", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "lecturer", N_("Lecturer"), "授课人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "location", N_("Location"), "地点", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "planned", N_("Expected"), "应到人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "attendees", N_("Attendees"), "实到人数", FAZHI_FIELD_INTEGER, REQUIRED, NULL, NULL },
  { "hours", N_("Hours"), "学时", FAZHI_FIELD_DECIMAL, 0, NULL, NULL },
  { "passed", N_("Passed"), "合格人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
};

static const FazhiField outreach_fields[] = {
  { "held_on", N_("Date"), "日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL },
  { "title", N_("Event name"), "活动名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL },
  { "theme", N_("Theme"), "主题", FAZHI_FIELD_CHOICE, 0, fazhi_outreach_themes, "other" },
  { "channel", N_("Channel"), "形式", FAZHI_FIELD_CHOICE, 0, fazhi_outreach_channels, "offline" },
  { "venue", N_("Venue"), "场所", FAZHI_FIELD_CHOICE, 0, fazhi_outreach_venues, NULL },
  { "community", N_("Village or community"), "村/社区", FAZHI_FIELD_COMMUNITY, SEARCH, NULL, NULL },
  { "location", N_("Location"), "地点", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "organizer", N_("Organizer"), "主办单位", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
  { "materials", N_("Materials handed out"), "发放资料份数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "reached", N_("People reached"), "受众人次", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "consultations", N_("Questions answered"), "解答咨询人次", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "banners", N_("Banners hung"), "悬挂横幅条数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
};

static const FazhiField election_fields[] = {
  { "compound", N_("Compound"), "小区", FAZHI_FIELD_COMPOUND, REQUIRED | SEARCH, NULL, NULL },
  { "started_on", N_("Started on"), "启动日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL },
  { "stage", N_("Stage"), "进度", FAZHI_FIELD_CHOICE, 0, fazhi_election_stages, "preparing" },
  { "vote_on", N_("Vote held on"), "表决日期", FAZHI_FIELD_DATE, 0, NULL, NULL },
  { "completed_on", N_("Completed on"), "完成日期", FAZHI_FIELD_DATE, 0, NULL, NULL },
  { "filed_on", N_("Filed on"), "备案日期", FAZHI_FIELD_DATE, 0, NULL, NULL },
  { "owners_total", N_("Owners in total"), "业主总人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "area_total", N_("Exclusive area in total"), "专有部分总面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL },
  { "owners_voted", N_("Owners who voted"), "参与表决人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "area_voted", N_("Area that voted"), "参与表决面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL },
  { "owners_approved", N_("Owners in favour"), "同意人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "area_approved", N_("Area in favour"), "同意面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL },
  { "seats", N_("Committee members"), "委员人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "term_years", N_("Term in years"), "任期（年）", FAZHI_FIELD_INTEGER, 0, NULL, "5" },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL },
};

static const FazhiLedger ledgers[FAZHI_N_LEDGERS] = {
  [FAZHI_LEDGER_CASES] = {
    FAZHI_LEDGER_CASES, "cases", N_("Cases and legal matters"), "案件与法律事务", "received_on", "kind", "status",
    case_fields, G_N_ELEMENTS (case_fields) },
  [FAZHI_LEDGER_TRAININGS] = {
    FAZHI_LEDGER_TRAININGS, "trainings", N_("Rule-of-law trainings"), "法治培训", "held_on", "form", NULL,
    training_fields, G_N_ELEMENTS (training_fields) },
  [FAZHI_LEDGER_OUTREACH] = {
    FAZHI_LEDGER_OUTREACH, "outreach", N_("Legal-publicity events"), "普法宣传活动", "held_on", "theme", NULL,
    outreach_fields, G_N_ELEMENTS (outreach_fields) },
  [FAZHI_LEDGER_ELECTIONS] = {
    FAZHI_LEDGER_ELECTIONS, "elections", N_("Owners’ committee elections"), "业委会换届选举", "started_on", NULL, "stage",
    election_fields, G_N_ELEMENTS (election_fields) },
  [FAZHI_LEDGER_COMPOUNDS] = {
    FAZHI_LEDGER_COMPOUNDS, "compounds", N_("Compounds"), "小区", NULL, NULL, NULL,
    compound_fields, G_N_ELEMENTS (compound_fields) },
  [FAZHI_LEDGER_COMMUNITIES] = {
    FAZHI_LEDGER_COMMUNITIES, "communities", N_("Communities"), "村/社区", NULL, "kind", NULL,
    community_fields, G_N_ELEMENTS (community_fields) },
};

const FazhiLedger *
fazhi_ledger_get (FazhiLedgerId id)
{
  g_return_val_if_fail (id < FAZHI_N_LEDGERS, NULL);

  return &ledgers[id];
}

const FazhiLedger *
fazhi_ledger_lookup (const char *key)
{
  for (guint i = 0; i < FAZHI_N_LEDGERS; i++)
    if (g_strcmp0 (ledgers[i].key, key) == 0)
      return &ledgers[i];

  return NULL;
}

/* Looked up for every field of every imported row: a table per ledger, made once. */
int
fazhi_ledger_field_index (const FazhiLedger *ledger,
                          const char        *key)
{
  static GHashTable *indexes[FAZHI_N_LEDGERS];
  static gsize initialized = 0;
  gpointer index;

  /* The keys are usually the very literals of the descriptions, which the linker merges. */
  for (guint i = 0; i < ledger->n_fields; i++)
    if (ledger->fields[i].key == key)
      return (int) i;

  if (g_once_init_enter (&initialized))
    {
      for (guint l = 0; l < FAZHI_N_LEDGERS; l++)
        {
          indexes[l] = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < ledgers[l].n_fields; i++)
            g_hash_table_insert (indexes[l], (gpointer) ledgers[l].fields[i].key, GUINT_TO_POINTER (i + 1));
        }
      g_once_init_leave (&initialized, 1);
    }

  index = g_hash_table_lookup (indexes[ledger->id], key);
  return index != NULL ? (int) GPOINTER_TO_UINT (index) - 1 : -1;
}

const FazhiField *
fazhi_ledger_field (const FazhiLedger *ledger,
                    const char        *key)
{
  int i = fazhi_ledger_field_index (ledger, key);

  return i < 0 ? NULL : &ledger->fields[i];
}

const char *
fazhi_field_column (const FazhiField *field)
{
  switch (field->type)
    {
    case FAZHI_FIELD_COMMUNITY:
      return "community_id";
    case FAZHI_FIELD_COMPOUND:
      return "compound_id";
    case FAZHI_FIELD_TEXT:
    case FAZHI_FIELD_DATE:
    case FAZHI_FIELD_CHOICE:
    case FAZHI_FIELD_INTEGER:
    case FAZHI_FIELD_DECIMAL:
    default:
      return field->key;
    }
}

const FazhiChoice *
fazhi_choices_lookup (const FazhiChoice *choices,
                      const char        *key)
{
  for (const FazhiChoice *c = choices; c != NULL && c->key != NULL; c++)
    if (g_strcmp0 (c->key, key) == 0)
      return c;

  return NULL;
}

guint
fazhi_choices_count (const FazhiChoice *choices)
{
  guint n = 0;

  while (choices[n].key != NULL)
    n++;

  return n;
}

/* A value typed or imported may be the key, the Chinese label or the name in the
 * language of the program; all three mean the same choice. */
const FazhiChoice *
fazhi_field_find_choice (const FazhiField *field,
                         const char       *text)
{
  g_return_val_if_fail (field->type == FAZHI_FIELD_CHOICE, NULL);

  if (text == NULL)
    return NULL;

  /* Keys first: an import of exported files or of the program's own data has nothing else,
   * and the translated names cost a catalogue lookup each. */
  for (const FazhiChoice *c = field->choices; c->key != NULL; c++)
    if (strcmp (c->key, text) == 0 || strcmp (c->label, text) == 0)
      return c;

  for (const FazhiChoice *c = field->choices; c->key != NULL; c++)
    if (g_ascii_strcasecmp (c->name, text) == 0 || strcmp (_(c->name), text) == 0)
      return c;

  return NULL;
}

const char *
fazhi_field_choice_name (const FazhiField *field,
                         const char       *key)
{
  const FazhiChoice *choice = fazhi_choices_lookup (field->choices, key);

  return choice != NULL ? _(choice->name) : key;
}

const char *
fazhi_field_display_name (const FazhiField *field)
{
  return _(field->name);
}

/* What a case's count means for its kind, or NULL where it means nothing (always 1). */
const char *
fazhi_case_count_name (const char *kind)
{
  static const FazhiChoice meanings[] = {
    CHOICE ("litigation", N_("Court hearings attended"), "出庭场次"),
    CHOICE ("consultation", N_("Persons consulted"), "咨询人次"),
    CHOICE ("review", N_("Documents reviewed"), "文书份数"),
    CHOICE ("inspection", N_("Inspections"), "检查次数"),
    END_OF_CHOICES
  };
  const FazhiChoice *meaning = fazhi_choices_lookup (meanings, kind);

  return meaning != NULL ? _(meaning->name) : NULL;
}
