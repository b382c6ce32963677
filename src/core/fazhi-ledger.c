/* fazhi-ledger.c — the ledgers' fields and enumerations, as the domain reference defines them */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-ledger.h"
#include "fazhi-value.h"

#define CHOICE(k, n, l) { k, n, l, NULL }
/* …and the other words clerks write for it, besides the label with 纠纷 or 类 after it. */
#define CHOICE_ALSO(k, n, l, a) { k, n, l, a }
#define END_OF_CHOICES { NULL, NULL, NULL, NULL }

const FazhiChoice fazhi_case_kinds[] = {
  CHOICE_ALSO ("mediation", N_("Dispute mediation"), "矛盾纠纷调解",
               "调解|矛盾纠纷|纠纷调解|人民调解|矛盾调解"),
  CHOICE_ALSO ("litigation", N_("Administrative litigation"), "行政诉讼应诉",
               "行政诉讼|应诉|出庭应诉|行政应诉"),
  CHOICE_ALSO ("reconsideration", N_("Administrative reconsideration"), "行政复议",
               "复议|行政复议案件"),
  CHOICE_ALSO ("consultation", N_("Legal consultation"), "法律咨询",
               "咨询|法律咨询服务"),
  CHOICE_ALSO ("review", N_("Contract and document review"), "合同文书审查",
               "合同审查|文书审查|合法性审查|合同协议审查"),
  CHOICE_ALSO ("proposal", N_("Proposals and suggestions"), "提案建议办理",
               "提案|建议|提案办理|建议提案|政协提案|人大建议"),
  CHOICE_ALSO ("inspection", N_("Supervision and inspection"), "监督检查",
               "检查|监督|执法检查"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_case_categories[] = {
  CHOICE_ALSO ("family", N_("Marriage and family"), "婚姻家庭",
               "婚姻|家庭"),
  CHOICE_ALSO ("neighbour", N_("Neighbours"), "邻里",
               "相邻|邻里关系"),
  CHOICE_ALSO ("housing", N_("Housing and homestead"), "房屋宅基地",
               "房屋|宅基地|房屋宅基地"),
  CHOICE ("contract", N_("Contract"), "合同"),
  CHOICE ("business", N_("Production and business"), "生产经营"),
  CHOICE_ALSO ("damages", N_("Compensation for damage"), "损害赔偿",
               "人身损害|损害赔偿"),
  CHOICE_ALSO ("labour", N_("Labour dispute"), "劳动争议",
               "劳动|劳资|欠薪"),
  CHOICE_ALSO ("property", N_("Property management"), "物业",
               "物业管理|物业服务"),
  CHOICE_ALSO ("land", N_("Land acquisition and demolition"), "征地拆迁",
               "征地|拆迁"),
  CHOICE_ALSO ("traffic", N_("Road traffic"), "道路交通",
               "交通|交通事故|道路交通事故"),
  CHOICE_ALSO ("medical", N_("Medical"), "医疗",
               "医患"),
  CHOICE_ALSO ("consumer", N_("Consumer"), "消费",
               "消费者权益"),
  CHOICE_ALSO ("other", N_("Other"), "其他",
               "其它"),
  END_OF_CHOICES
};

static const FazhiChoice case_sources[] = {
  CHOICE_ALSO ("application", N_("On application"), "申请调解",
               "当事人申请|申请"),
  CHOICE_ALSO ("initiative", N_("On own initiative"), "主动调解",
               "主动|主动介入|排查"),
  CHOICE_ALSO ("referral", N_("Referred"), "委托移送",
               "委托|移送|委托调解|移交"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_case_statuses[] = {
  CHOICE_ALSO ("open", N_("Accepted"), "已受理",
               "受理|已登记|待办|未办结|未结案"),
  CHOICE_ALSO ("in_progress", N_("In progress"), "办理中",
               "正在办理|调解中|处理中|进行中"),
  CHOICE_ALSO ("concluded", N_("Concluded"), "已办结",
               "已结案|已调结|办结|结案|调结|已完成|完成"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_case_outcomes[] = {
  CHOICE_ALSO ("success", N_("Successful"), "成功",
               "调解成功|成功调解|达成协议"),
  CHOICE_ALSO ("failure", N_("Unsuccessful"), "不成功",
               "调解不成功|调解失败|失败|未达成协议|未成功"),
  CHOICE_ALSO ("terminated", N_("Terminated"), "终止",
               "终止调解|调解终止"),
  CHOICE_ALSO ("withdrawn", N_("Withdrawn"), "撤回",
               "撤回申请|申请撤回"),
  END_OF_CHOICES
};

static const FazhiChoice case_agreements[] = {
  CHOICE_ALSO ("written", N_("Written"), "书面",
               "书面协议"),
  CHOICE_ALSO ("oral", N_("Oral"), "口头",
               "口头协议"),
  CHOICE_ALSO ("none", N_("None"), "无",
               "无协议"),
  END_OF_CHOICES
};

static const FazhiChoice yes_no[] = {
  CHOICE_ALSO ("yes", N_("Yes"), "是",
               "满意|Y|TRUE|√"),
  CHOICE_ALSO ("no", N_("No"), "否",
               "不满意|N|FALSE|×"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_training_forms[] = {
  CHOICE_ALSO ("lecture", N_("Lecture"), "讲座",
               "专题讲座|法治讲座"),
  CHOICE_ALSO ("study", N_("Group study"), "集中学习",
               "学习|集中学法|会前学法"),
  CHOICE_ALSO ("video", N_("Video"), "视频学习",
               "视频|线上学习|网络学习"),
  CHOICE_ALSO ("court", N_("Court hearing visit"), "旁听庭审",
               "旁听|庭审旁听"),
  CHOICE_ALSO ("exam", N_("Examination"), "考试",
               "测试|执法考试|考核"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_training_audiences[] = {
  CHOICE_ALSO ("staff", N_("Office staff"), "机关干部职工",
               "机关干部|干部职工|机关人员"),
  CHOICE_ALSO ("enforcement", N_("Law-enforcement officers"), "执法人员",
               "行政执法人员|执法队员"),
  CHOICE_ALSO ("officials", N_("Village and community officials"), "村（社区）干部/法治专员",
               "村干部|社区干部|法治专员|村（社区）干部"),
  CHOICE_ALSO ("mediators", N_("People's mediators"), "人民调解员",
               "调解员"),
  CHOICE_ALSO ("residents", N_("Residents"), "群众",
               "居民|村民"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_outreach_themes[] = {
  CHOICE_ALSO ("security", N_("National Security Education Day (15 April)"), "4·15全民国家安全教育日",
               "国家安全|国家安全教育日|4·15|4.15"),
  CHOICE_ALSO ("antidrug", N_("International Day against Drug Abuse (26 June)"), "6·26国际禁毒日",
               "禁毒|禁毒日|6·26|6.26"),
  CHOICE_ALSO ("constitution", N_("National Constitution Day (4 December)"), "12·4国家宪法日",
               "宪法|宪法日|宪法宣传周|12·4|12.4"),
  CHOICE_ALSO ("civil_code", N_("Civil Code month"), "民法典宣传月",
               "民法典"),
  CHOICE ("five_year", N_("Eighth five-year legal publicity plan"), "八五普法"),
  CHOICE_ALSO ("anti_cult", N_("Anti-cult"), "反邪教",
               "反邪教宣传"),
  CHOICE_ALSO ("tax", N_("Tax law"), "税法宣传",
               "税法|税收"),
  CHOICE_ALSO ("business", N_("Law-based business environment"), "法治化营商环境",
               "营商环境|优化营商环境"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_outreach_channels[] = {
  CHOICE_ALSO ("offline", N_("In person"), "线下",
               "现场|线下活动"),
  CHOICE_ALSO ("online", N_("Online"), "线上",
               "网络|网上|线上活动"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_outreach_venues[] = {
  CHOICE_ALSO ("village", N_("In villages"), "进村",
               "村|农村"),
  CHOICE_ALSO ("community", N_("In communities"), "进社区",
               "社区"),
  CHOICE_ALSO ("market", N_("In markets"), "进市场",
               "市场"),
  CHOICE_ALSO ("school", N_("In schools"), "进学校",
               "学校|校园"),
  CHOICE_ALSO ("enterprise", N_("In enterprises"), "进企业",
               "企业"),
  CHOICE_ALSO ("agency", N_("In government offices"), "进机关",
               "机关"),
  CHOICE_ALSO ("online", N_("Online platform"), "网络平台",
               "网络|网上|线上"),
  CHOICE ("other", N_("Other"), "其他"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_election_stages[] = {
  CHOICE_ALSO ("preparing", N_("Preparing"), "筹备",
               "筹备中|筹备阶段"),
  CHOICE_ALSO ("candidates", N_("Candidates announced"), "候选人公示",
               "候选人|公示候选人"),
  CHOICE_ALSO ("voting", N_("Owners' assembly vote"), "业主大会表决",
               "表决|投票|业主大会"),
  CHOICE_ALSO ("published", N_("Result announced"), "结果公示",
               "公示|结果公示|已公示|选举完成"),
  CHOICE_ALSO ("filed", N_("Filed"), "已备案",
               "备案"),
  CHOICE_ALSO ("failed", N_("Failed"), "未成功",
               "失败|换届失败|未通过"),
  END_OF_CHOICES
};

const FazhiChoice fazhi_community_kinds[] = {
  CHOICE_ALSO ("village", N_("Village"), "村",
               "行政村"),
  CHOICE_ALSO ("community", N_("Community"), "社区",
               "居委会|居民委员会"),
  END_OF_CHOICES
};

#define REQUIRED FAZHI_FIELD_REQUIRED
#define PERSONAL FAZHI_FIELD_PERSONAL
#define SEARCH FAZHI_FIELD_SEARCHABLE
#define GENERATED FAZHI_FIELD_GENERATED

static const FazhiField community_fields[] = {
  { "name", N_("Name"), "名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL,
    "村（社区）|社区名称|村名" },
  { "kind", N_("Type"), "类型", FAZHI_FIELD_CHOICE, 0, fazhi_community_kinds, "community",
    "类别" },
};

static const FazhiField compound_fields[] = {
  { "name", N_("Compound name"), "小区名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL,
    "小区|名称" },
  { "community", N_("Part of community"), "所属社区", FAZHI_FIELD_COMMUNITY, SEARCH, NULL, NULL,
    "社区|所属村（社区）|村（社区）" },
  { "households", N_("Households"), "户数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "总户数|专有部分户数" },
  { "area", N_("Total exclusive area"), "专有部分总面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL,
    "总面积|专有面积" },
  { "property_company", N_("Property company"), "物业公司", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "物业|物业服务企业|物业管理公司" },
  { "term_end", N_("Committee term ends"), "本届任期届满", FAZHI_FIELD_DATE, 0, NULL, NULL,
    "任期届满|任期届满日期|届满日期" },
};

static const FazhiField case_fields[] = {
  { "number", N_("Number"), "编号", FAZHI_FIELD_TEXT, SEARCH | GENERATED, NULL, NULL,
    "案件编号|案号|卷号|编码" },
  { "kind", N_("Kind"), "类别", FAZHI_FIELD_CHOICE, REQUIRED, fazhi_case_kinds, NULL,
    "案件类别|事项类别|案件类型|事项类型" },
  { "title", N_("Subject"), "事由", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL,
    "纠纷简要情况|简要案情|案由|纠纷事由|事项|事项名称|基本情况|纠纷情况|主要内容" },
  { "category", N_("Dispute type"), "纠纷类型", FAZHI_FIELD_CHOICE, 0, fazhi_case_categories, NULL,
    "纠纷类别|纠纷种类" },
  { "source", N_("Source"), "来源", FAZHI_FIELD_CHOICE, 0, case_sources, NULL,
    "纠纷来源|案件来源|受理方式" },
  { "applicant", N_("Applicant"), "申请人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "当事人|申请方|咨询人" },
  { "respondent", N_("Respondent"), "被申请人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "对方当事人|被申请方" },
  { "phone", N_("Phone"), "联系电话", FAZHI_FIELD_TEXT, PERSONAL, NULL, NULL,
    "联系方式|电话|手机|手机号|手机号码" },
  { "community", N_("Village or community"), "村/社区", FAZHI_FIELD_COMMUNITY, SEARCH, NULL, NULL,
    "所属村（社区）|村（社区）|所属社区|社区|所属村居" },
  { "received_on", N_("Received on"), "受理日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL,
    "受理时间|登记日期|受理日期|登记时间|收案日期" },
  { "handler", N_("Handled by"), "承办人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "调解员|经办人|承办人员|办理人" },
  { "status", N_("Status"), "状态", FAZHI_FIELD_CHOICE, 0, fazhi_case_statuses, "open",
    "办理状态|办理情况|进展" },
  { "outcome", N_("Outcome"), "结果", FAZHI_FIELD_CHOICE, 0, fazhi_case_outcomes, NULL,
    "调解结果|办理结果|处理结果|调处结果" },
  { "concluded_on", N_("Concluded on"), "办结日期", FAZHI_FIELD_DATE, 0, NULL, NULL,
    "结案时间|调结日期|结案日期|办结时间|调结时间" },
  { "agreement", N_("Agreement"), "协议形式", FAZHI_FIELD_CHOICE, 0, case_agreements, NULL,
    "协议|调解协议|协议类型" },
  { "amount", N_("Amount agreed"), "协议金额", FAZHI_FIELD_DECIMAL, 0, NULL, NULL,
    "涉及金额|金额|协议涉及金额|标的额|涉案金额" },
  { "count", N_("Quantity"), "数量", FAZHI_FIELD_INTEGER, 0, NULL, "1",
    "次数|人次|份数|场次|件数" },
  { "satisfied", N_("Satisfied"), "是否满意", FAZHI_FIELD_CHOICE, 0, yes_no, NULL,
    "满意度|满意情况|答复满意" },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "说明" },
};

static const FazhiField training_fields[] = {
  { "held_on", N_("Date"), "日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL,
    "培训日期|培训时间|时间|学习时间|举办日期" },
  { "title", N_("Title"), "名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL,
    "培训名称|培训内容|培训主题|课程" },
  { "form", N_("Form"), "形式", FAZHI_FIELD_CHOICE, 0, fazhi_training_forms, "other",
    "培训形式|方式|学习形式" },
  { "audience", N_("Audience"), "对象", FAZHI_FIELD_CHOICE, 0, fazhi_training_audiences, "other",
    "培训对象|参加对象|参训对象" },
  { "laws", N_("Laws studied"), "学习内容", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "学习法律|法律法规|内容" },
  { "lecturer", N_("Lecturer"), "授课人", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "主讲人|主讲|授课老师|讲师" },
  { "location", N_("Location"), "地点", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "培训地点|地址" },
  { "planned", N_("Expected"), "应到人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "应参加人数|计划人数" },
  { "attendees", N_("Attendees"), "实到人数", FAZHI_FIELD_INTEGER, REQUIRED, NULL, NULL,
    "参加人数|参训人数|人数|出席人数|参考人数" },
  { "hours", N_("Hours"), "学时", FAZHI_FIELD_DECIMAL, 0, NULL, NULL,
    "时长|课时" },
  { "passed", N_("Passed"), "合格人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "通过人数|及格人数" },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "说明" },
};

static const FazhiField outreach_fields[] = {
  { "held_on", N_("Date"), "日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL,
    "活动日期|活动时间|时间|宣传日期" },
  { "title", N_("Event name"), "活动名称", FAZHI_FIELD_TEXT, REQUIRED | SEARCH, NULL, NULL,
    "活动主题|名称|宣传活动|活动内容" },
  { "theme", N_("Theme"), "主题", FAZHI_FIELD_CHOICE, 0, fazhi_outreach_themes, "other",
    "宣传主题|普法主题|专题" },
  { "channel", N_("Channel"), "形式", FAZHI_FIELD_CHOICE, 0, fazhi_outreach_channels, "offline",
    "宣传形式|活动形式|方式" },
  { "venue", N_("Venue"), "场所", FAZHI_FIELD_CHOICE, 0, fazhi_outreach_venues, NULL,
    "活动场所|宣传场所" },
  { "community", N_("Village or community"), "村/社区", FAZHI_FIELD_COMMUNITY, SEARCH, NULL, NULL,
    "所属村（社区）|村（社区）|所属社区|社区" },
  { "location", N_("Location"), "地点", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "活动地点|宣传地点|地址" },
  { "organizer", N_("Organizer"), "主办单位", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "主办|组织单位|承办单位" },
  { "materials", N_("Materials handed out"), "发放资料份数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "发放资料|资料份数|发放宣传资料|发放材料" },
  { "reached", N_("People reached"), "受众人次", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "受众人数|参与人数|覆盖人次|受众|参加人数" },
  { "consultations", N_("Questions answered"), "解答咨询人次", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "咨询人次|解答咨询|现场咨询" },
  { "banners", N_("Banners hung"), "悬挂横幅条数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "横幅|悬挂横幅|横幅条数" },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "说明" },
};

static const FazhiField election_fields[] = {
  { "compound", N_("Compound"), "小区", FAZHI_FIELD_COMPOUND, REQUIRED | SEARCH, NULL, NULL,
    "小区名称|住宅小区" },
  { "started_on", N_("Started on"), "启动日期", FAZHI_FIELD_DATE, REQUIRED, NULL, NULL,
    "启动时间|换届启动日期|筹备日期" },
  { "stage", N_("Stage"), "进度", FAZHI_FIELD_CHOICE, 0, fazhi_election_stages, "preparing",
    "换届进度|进展|状态|阶段" },
  { "vote_on", N_("Vote held on"), "表决日期", FAZHI_FIELD_DATE, 0, NULL, NULL,
    "投票日期|选举日期|业主大会日期" },
  { "completed_on", N_("Completed on"), "完成日期", FAZHI_FIELD_DATE, 0, NULL, NULL,
    "完成时间|结果公示日期" },
  { "filed_on", N_("Filed on"), "备案日期", FAZHI_FIELD_DATE, 0, NULL, NULL,
    "备案时间" },
  { "owners_total", N_("Owners in total"), "业主总人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "业主总数|业主人数" },
  { "area_total", N_("Exclusive area in total"), "专有部分总面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL,
    "总面积" },
  { "owners_voted", N_("Owners who voted"), "参与表决人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "参与表决业主人数|参加投票人数|投票人数" },
  { "area_voted", N_("Area that voted"), "参与表决面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL,
    "参与表决专有面积|投票面积" },
  { "owners_approved", N_("Owners in favour"), "同意人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL },
  { "area_approved", N_("Area in favour"), "同意面积", FAZHI_FIELD_DECIMAL, 0, NULL, NULL },
  { "seats", N_("Committee members"), "委员人数", FAZHI_FIELD_INTEGER, 0, NULL, NULL,
    "委员会人数|委员名额" },
  { "term_years", N_("Term in years"), "任期（年）", FAZHI_FIELD_INTEGER, 0, NULL, "5",
    "任期|任期年限" },
  { "notes", N_("Notes"), "备注", FAZHI_FIELD_TEXT, SEARCH, NULL, NULL,
    "说明" },
};

static const FazhiLedger ledgers[FAZHI_N_LEDGERS] = {
  [FAZHI_LEDGER_CASES] = {
    FAZHI_LEDGER_CASES, "cases", N_("Cases and legal matters"), "案件与法律事务", "received_on", "kind", "status",
    case_fields, G_N_ELEMENTS (case_fields),
    "number", "received_on title applicant respondent" },
  [FAZHI_LEDGER_TRAININGS] = {
    FAZHI_LEDGER_TRAININGS, "trainings", N_("Rule-of-law trainings"), "法治培训", "held_on", "form", NULL,
    training_fields, G_N_ELEMENTS (training_fields),
    NULL, "held_on title" },
  [FAZHI_LEDGER_OUTREACH] = {
    FAZHI_LEDGER_OUTREACH, "outreach", N_("Legal-publicity events"), "普法宣传活动", "held_on", "theme", NULL,
    outreach_fields, G_N_ELEMENTS (outreach_fields),
    NULL, "held_on title" },
  [FAZHI_LEDGER_ELECTIONS] = {
    FAZHI_LEDGER_ELECTIONS, "elections", N_("Owners’ committee elections"), "业委会换届选举", "started_on", NULL, "stage",
    election_fields, G_N_ELEMENTS (election_fields),
    NULL, "compound started_on" },
  [FAZHI_LEDGER_COMPOUNDS] = {
    FAZHI_LEDGER_COMPOUNDS, "compounds", N_("Compounds"), "小区", NULL, NULL, NULL,
    compound_fields, G_N_ELEMENTS (compound_fields),
    "name", NULL },
  [FAZHI_LEDGER_COMMUNITIES] = {
    FAZHI_LEDGER_COMMUNITIES, "communities", N_("Communities"), "村/社区", NULL, "kind", NULL,
    community_fields, G_N_ELEMENTS (community_fields),
    "name", NULL },
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

/* A word as clerks write it, reduced to what it says: full-width forms as ASCII, no spaces or
 * line breaks (a header cell wraps: 受理\n日期), no required mark (*受理日期) or colon, ASCII in
 * lower case. */
static char *
plain_word (const char *text)
{
  g_autofree char *half = fazhi_text_to_half_width (text);
  GString *word = g_string_sized_new (strlen (half));

  for (const char *p = half; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '*' || c == ':')
        continue;
      g_string_append_unichar (word, g_unichar_tolower (c));
    }

  return g_string_free (word, FALSE);
}

/* Whether @word (plain) is one of the '|'-separated @words. */
static gboolean
among (const char *word,
       const char *words)
{
  g_auto(GStrv) each = NULL;

  if (words == NULL)
    return FALSE;

  each = g_strsplit (words, "|", -1);
  for (guint i = 0; each[i] != NULL; i++)
    {
      g_autofree char *plain = plain_word (each[i]);

      if (strcmp (plain, word) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
names_field (const FazhiField *field,
             const char       *word)
{
  g_autofree char *key = plain_word (field->key);
  g_autofree char *label = plain_word (field->label);
  g_autofree char *name = plain_word (field->name);
  g_autofree char *translated = plain_word (_(field->name));

  return strcmp (word, key) == 0 || strcmp (word, label) == 0 || strcmp (word, name) == 0
         || strcmp (word, translated) == 0 || among (word, field->aliases);
}

int
fazhi_ledger_field_for_header (const FazhiLedger *ledger,
                               const char        *header)
{
  g_autofree char *word = NULL;
  char *bracket;

  if (header == NULL)
    return -1;

  word = plain_word (header);
  if (*word == '\0')
    return -1;
  for (guint i = 0; i < ledger->n_fields; i++)
    if (names_field (&ledger->fields[i], word))
      return (int) i;

  /* A unit in brackets after the name: 协议金额(元), 实到人数(人). */
  bracket = strrchr (word, '(');
  if (bracket != NULL && bracket != word && g_str_has_suffix (bracket, ")"))
    {
      *bracket = '\0';
      for (guint i = 0; i < ledger->n_fields; i++)
        if (names_field (&ledger->fields[i], word))
          return (int) i;
    }

  return -1;
}

static const FazhiChoice *
find_alias (const FazhiField *field,
            const char       *word)
{
  for (const FazhiChoice *c = field->choices; c->key != NULL; c++)
    {
      g_autofree char *label = plain_word (c->label);
      g_autofree char *name = plain_word (_(c->name));

      if (strcmp (word, label) == 0 || strcmp (word, name) == 0 || among (word, c->aliases))
        return c;
    }
  return NULL;
}

/* A value typed or imported may be the key, the Chinese label or the name in the language of the
 * program, or one of the other words clerks write for it: the label with 纠纷 or 类 after it
 * (婚姻家庭纠纷), an alias of the description (调解成功, 已调结). */
const FazhiChoice *
fazhi_field_find_choice (const FazhiField *field,
                         const char       *text)
{
  static const char *suffixes[] = { "类纠纷", "纠纷", "类" };
  g_autofree char *word = NULL;
  const FazhiChoice *found;

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

  word = plain_word (text);
  if ((found = find_alias (field, word)) != NULL)
    return found;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (word, suffixes[i]) && strlen (word) > strlen (suffixes[i]))
      {
        word[strlen (word) - strlen (suffixes[i])] = '\0';
        if ((found = find_alias (field, word)) != NULL)
          return found;
        break;
      }

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
