/* fazhi-demo.c — the sample office: individual records whose counts give the reference report
 *
 * Every figure of the sample is counted from rows, as it would be in a real office: the tables
 * below hold one line per mediation, consultation, training or event, never a total. The rows
 * go through the same validation and writer as an import, so the sample holds nothing that a
 * clerk could not have typed. The synthetic rows of a scale, drawn in fazhi-demo-synthetic.c,
 * are built with the row helpers below.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-demo-private.h"
#include "fazhi-validate.h"

/* Each table names its columns; a row may stop early, leaving the columns after it empty. A case
 * with a conclusion date is concluded; without one it is open unless its status says otherwise. */
static const char *community_columns[] = { "name", "kind", NULL };
static const char *compound_columns[] = { "name", "community", "households", "area", "property_company", "term_end", NULL };
static const char *mediation_columns[] = {
  "received_on", "title", "category", "source", "applicant", "respondent", "community",
  "concluded_on", "outcome", "agreement", "amount", "status", NULL
};
static const char *case_columns[] = {
  "kind", "received_on", "title", "applicant", "community", "count", "concluded_on", "satisfied", "status", NULL
};
static const char *training_columns[] = {
  "held_on", "title", "form", "audience", "laws", "lecturer", "location", "planned", "attendees", "hours", "passed", NULL
};
static const char *outreach_columns[] = {
  "held_on", "title", "theme", "venue", "community", "location", "materials", "reached", "consultations", "banners", NULL
};
static const char *election_columns[] = {
  "compound", "started_on", "stage", "vote_on", "completed_on", "filed_on",
  "owners_voted", "area_voted", "owners_approved", "area_approved", "seats", "notes", NULL
};

static const char *sample_compounds[][6] = {
  { "锦江花园", "幸福社区", "486", "45210.35", "鑫安物业服务有限公司", "2028-01-11" },
  { "和平里小区", "和平社区", "312", "27864.80", "居安物业管理有限公司", "2027-07-21" },
  { "康泰家园", "柳园社区", "628", "61342.17", "康泰物业服务有限公司", "2028-05-19" },
  { "金水湾小区", "建设路社区", "824", "90315.62", "金水湾物业有限公司", "2028-08-25" },
  { "翠柳苑", "柳园社区", "256", "23980.44", "居安物业管理有限公司", "2029-01-09" },
  { "文华小区", "文化街社区", "398", "35612.09", "鑫安物业服务有限公司", "2029-02-27" },
  { "建业新村", "建设路社区", "540", "47325.70", "建业物业服务中心", "2029-03-19" },
  { "东关家园", "东关村", "720", "75408.26", "润达物业管理有限公司", "2029-04-17" },
  { "南河新苑", "南河村", "466", "44120.58", "润达物业管理有限公司", "2024-06-30" },
  { "西营花园", "西营村", "352", "33740.15", "恒通物业服务有限公司", "2030-07-14" },
  { "幸福里小区", "幸福社区", "284", "25619.93", "恒通物业服务有限公司", "2026-10-31" },
  { "文化街一号院", "文化街社区", "168", "15302.40", NULL, "2031-10-29" },
  { "南苑小区", "和平社区", "430", "38964.72", "居安物业管理有限公司", "2027-01-15" },
  { "电力宿舍", "建设路社区", "192", "14870.36", NULL, "2027-02-10" },
};

static const char *sample_communities[][2] = {
  { "幸福社区", "community" }, { "东关村", "village" }, { "和平社区", "community" }, { "柳园社区", "community" },
  { "西营村", "village" }, { "建设路社区", "community" }, { "南河村", "village" }, { "文化街社区", "community" },
};

static const char *sample_mediations[][12] = {
  { "2022-02-21", "宅基地界址纠纷", "housing", "application", "马长顺", "马长福", "东关村", "2022-03-05", "success", "written" },
  { "2022-05-09", "装修噪音邻里纠纷", "neighbour", "initiative", "林小燕", "黄志强", "和平社区", "2022-05-12", "success", "oral" },
  { "2022-07-18", "工程款结算纠纷", "contract", "referral", "郑国华", "宏达装饰工程队", "建设路社区", "2022-08-12", "failure", "none" },
  { "2022-09-05", "赡养老人家庭矛盾", "family", "application", "何秀英", "何建军", "南河村", "2022-09-14", "success", "written", "6000" },
  { "2022-11-23", "电动车碰撞赔偿纠纷", "traffic", "referral", "朱明", "韩磊", "幸福社区", "2022-11-30", "success", "written", "3200" },
  { "2023-01-09", "邻里漏水纠纷", "neighbour", "application", "赵红梅", "钱立新", "幸福社区", "2023-01-15", "success", "written", "1800" },
  { "2023-02-13", "物业费争议", "property", "application", "孙建平", "金水湾物业有限公司", "建设路社区", "2023-02-28", "success", "written", "2400" },
  { "2023-03-02", "婚姻家庭矛盾", "family", "initiative", "李秀兰", "周德明", "柳园社区", "2023-03-12", "success", "oral" },
  { "2023-03-27", "拖欠务工工资纠纷", "labour", "referral", "吴志刚", "鑫源建材商行", "东关村", "2023-04-14", "success", "written", "15600" },
  { "2023-04-18", "宅基地边界纠纷", "housing", "application", "郑永福", "王春生", "西营村", "2023-05-09", "success", "written" },
  { "2023-05-10", "楼道堆物邻里矛盾", "neighbour", "initiative", "冯丽", "陈光辉", "和平社区", "2023-05-12", "success", "oral" },
  { "2023-06-06", "房屋租赁合同纠纷", "contract", "application", "褚卫东", "蒋晓梅", "文化街社区", "2023-06-18", "success", "written", "5000" },
  { "2023-06-29", "犬只伤人赔偿纠纷", "damages", "application", "沈玉芳", "韩国强", "幸福社区", "2023-07-07", "success", "written", "3600" },
  { "2023-07-24", "征地青苗补偿纠纷", "land", "referral", "杨树林", "南河村股份经济合作社", "南河村", "2023-08-19", "success", "written", "8200" },
  { "2023-08-15", "停车位占用纠纷", "property", "initiative", "朱海涛", "秦丽娟", "建设路社区", "2023-08-19", "success", "oral" },
  { "2023-09-19", "网购家电退货纠纷", "consumer", "application", "尤佳", "美家电器商行", "文化街社区", "2023-09-28", "success", "written", "2980" },
  { "2023-10-16", "遗产继承家庭纠纷", "family", "application", "许桂兰", "许国庆", "东关村", "2023-11-13", "success", "written" },
  { "2023-11-08", "交通事故赔偿纠纷", "traffic", "referral", "何伟", "吕振华", "柳园社区", "2023-11-22", "success", "written", "12500" },
  { "2023-12-05", "商铺经营噪音扰民纠纷", "business", "initiative", "施晓东", "老张烧烤店", "和平社区", "2023-12-11", "success", "written" },
  { "2024-01-22", "楼上漏水邻里纠纷", "neighbour", "application", "张淑珍", "孔德才", "幸福社区", "2024-01-27", "success", "oral" },
  { "2024-04-08", "物业服务质量争议", "property", "application", "曹文杰", "康泰物业服务有限公司", "柳园社区", "2024-04-28", "success", "written", "1500" },
  { "2024-06-17", "离婚财产分割矛盾", "family", "initiative", "严丽萍", "华建新", "南河村", "2024-07-17", "failure", "none" },
  { "2024-08-26", "医疗费用赔偿纠纷", "medical", "referral", "金凤", "康宁诊所", "文化街社区", "2024-09-17", "terminated", "none" },
  { "2024-10-14", "劳务报酬纠纷", "labour", "application", "魏强", "恒通物业服务有限公司", "建设路社区", "2024-10-25", "success", "written", "7800" },
  { "2025-02-17", "宅基地翻建采光纠纷", "housing", "application", "陶金生", "姜永红", "西营村", "2025-03-05", "success", "written" },
  { "2025-04-21", "婚姻家庭矛盾", "family", "initiative", "戚美玲", "谢峰", "和平社区", "2025-04-29", "success", "oral" },
  { "2025-06-30", "装修合同纠纷", "contract", "application", "邹建明", "喻氏装饰", "文化街社区", "2025-07-19", "withdrawn", "none" },
  { "2025-09-08", "饲养宠物扰民纠纷", "neighbour", "initiative", "柏晓丽", "水长江", "幸福社区", "2025-09-11", "success", "oral" },
  { "2025-11-24", "小区停车收费争议", "property", "application", "窦文", "恒通物业服务有限公司", "幸福社区", "2025-12-18", "success", "written", "600" },
  { "2026-01-12", "拖欠工资纠纷", "labour", "referral", "章志远", "顺达物流有限公司", "东关村", "2026-02-02", "success", "written", "9600" },
  { "2026-03-23", "相邻通行纠纷", "neighbour", "application", "云海峰", "苏小红", "南河村", "2026-04-19", "failure", "none" },
  { "2026-06-15", "租赁押金退还纠纷", "contract", "application", "潘文静", "葛建华", "柳园社区", "2026-06-25", "success", "written", "3000" },
  { "2026-09-14", "房屋漏水赔偿纠纷", "damages", "application", "奚晓军", "范丽华", "建设路社区" },
  { "2026-10-12", "宅基地确权纠纷", "housing", "application", "彭长林", "彭长贵", "西营村" },
  { "2026-11-16", "物业维修资金使用争议", "property", "application", "鲁明", "金水湾物业有限公司", "建设路社区", NULL, NULL, NULL, NULL, "in_progress" },
};

static const char *sample_cases[][9] = {
  { "inspection", "2022-04-12", "安全生产大检查", NULL, NULL, "5", "2022-04-15" },
  { "consultation", "2022-03-15", "消费维权现场咨询", NULL, "和平社区", "6", "2022-03-15" },
  { "proposal", "2022-05-16", "关于完善社区养老服务设施的建议", "区政协委员", NULL, "1", "2022-07-13", "yes" },
  { "litigation", "2022-06-13", "行政处罚决定行政诉讼", NULL, NULL, "2", "2022-10-01" },
  { "consultation", "2022-08-09", "劳动争议咨询", NULL, "东关村", "3", "2022-08-09" },
  { "inspection", "2022-09-20", "校园周边环境整治检查", NULL, "文化街社区", "4", "2022-09-22" },
  { "review", "2022-10-18", "物业服务合同审查", NULL, NULL, "2", "2022-10-24" },
  { "consultation", "2022-12-02", "宪法日现场法律咨询", NULL, "幸福社区", "7", "2022-12-02" },
  { "consultation", "2023-01-10", "劳动合同解除补偿咨询", "居民", "幸福社区", "3", "2023-01-10" },
  { "inspection", "2023-01-16", "班子成员“一岗双责”落实情况检查", NULL, NULL, "4", "2023-01-21" },
  { "consultation", "2023-01-31", "遗产继承份额咨询", "居民", "东关村", "4", "2023-01-31" },
  { "review", "2023-02-08", "物业服务合同文本审查", NULL, NULL, "3", "2023-02-15" },
  { "inspection", "2023-02-20", "“三重一大”事项决策程序检查", NULL, NULL, "3", "2023-02-24" },
  { "consultation", "2023-02-22", "房屋租赁合同咨询", "居民", "和平社区", "5", "2023-02-22" },
  { "litigation", "2023-02-27", "乔某诉街道办事处政府信息公开案", NULL, NULL, "2", "2023-06-02" },
  { "proposal", "2023-03-13", "关于增设老旧小区电动车充电设施的提案", "区政协委员", NULL, "1", "2023-05-12", "yes" },
  { "consultation", "2023-03-15", "消费者权益日现场咨询", NULL, "建设路社区", "8", "2023-03-15" },
  { "inspection", "2023-03-21", "安全生产专项执法检查", NULL, NULL, "5", "2023-03-27" },
  { "review", "2023-03-30", "老旧小区改造施工合同审查", NULL, NULL, "2", "2023-04-04" },
  { "consultation", "2023-04-11", "工伤认定程序咨询", "居民", "柳园社区", "2", "2023-04-11" },
  { "proposal", "2023-04-17", "关于规范背街小巷停车秩序的提案", "区政协委员", NULL, "1", "2023-07-01", "yes" },
  { "inspection", "2023-04-25", "燃气使用安全检查", NULL, "和平社区", "2", "2023-04-26" },
  { "consultation", "2023-04-28", "民间借贷纠纷咨询", "居民", "西营村", "3", "2023-04-28" },
  { "litigation", "2023-05-08", "违法建设限期拆除决定行政诉讼", NULL, NULL, "1", "2023-09-05" },
  { "review", "2023-05-17", "集体土地租赁协议审查", NULL, "南河村", "1", "2023-05-21" },
  { "consultation", "2023-05-23", "离婚财产分割咨询", "居民", "文化街社区", "4", "2023-05-23" },
  { "inspection", "2023-06-12", "沿街商户消防安全检查", NULL, "建设路社区", "6", "2023-06-15" },
  { "consultation", "2023-06-14", "物业费缴纳争议咨询", "居民", "建设路社区", "5", "2023-06-14" },
  { "reconsideration", "2023-06-19", "责令停止违法行为通知行政复议", NULL, NULL, "1", "2023-08-03" },
  { "litigation", "2023-07-03", "房屋征收补偿决定行政诉讼", NULL, NULL, "3", "2023-11-30" },
  { "consultation", "2023-07-06", "土地承包经营权流转咨询", "村民", "南河村", "3", "2023-07-06" },
  { "review", "2023-07-12", "政府购买服务合同审查", NULL, NULL, "4", "2023-07-20" },
  { "inspection", "2023-07-18", "“第一议题”制度落实情况检查", NULL, NULL, "3", "2023-07-20" },
  { "consultation", "2023-07-27", "交通事故赔偿咨询", "居民", "柳园社区", "2", "2023-07-27" },
  { "consultation", "2023-08-17", "赡养义务咨询", "村民", "东关村", "3", "2023-08-17" },
  { "inspection", "2023-08-22", "违法建设巡查整治", NULL, "西营村", "4", "2023-08-27" },
  { "consultation", "2023-09-07", "拆迁安置补偿咨询", "村民", "南河村", "6", "2023-09-07" },
  { "review", "2023-09-13", "征收补偿安置协议修改", NULL, "南河村", "2", "2023-09-19" },
  { "consultation", "2023-09-26", "农民工工资追讨咨询", NULL, "东关村", "4", "2023-09-26" },
  { "inspection", "2023-10-10", "食品经营场所卫生检查", NULL, "文化街社区", "5", "2023-10-14" },
  { "consultation", "2023-10-19", "宅基地使用权咨询", "村民", "西营村", "3", "2023-10-19" },
  { "litigation", "2023-10-23", "行政不作为确认违法诉讼", NULL, NULL, "1", "2023-12-22" },
  { "consultation", "2023-11-09", "电信网络诈骗防范咨询", NULL, "和平社区", "5", "2023-11-09" },
  { "review", "2023-11-15", "行政执法文书规范性审查", NULL, NULL, "1", "2023-11-18" },
  { "inspection", "2023-11-27", "出租房屋安全隐患排查", NULL, "幸福社区", "3", "2023-12-03" },
  { "consultation", "2023-11-30", "遗嘱订立咨询", "居民", "幸福社区", "2", "2023-11-30" },
  { "consultation", "2023-12-04", "宪法日现场法律咨询", NULL, "幸福社区", "9", "2023-12-04" },
  { "consultation", "2023-12-20", "房屋买卖合同咨询", "居民", "文化街社区", "2", "2023-12-20" },
  { "consultation", "2024-03-15", "消费维权现场咨询", NULL, "建设路社区", "7", "2024-03-15" },
  { "inspection", "2024-03-19", "安全生产专项检查", NULL, NULL, "6", "2024-03-23" },
  { "proposal", "2024-04-22", "关于改善农贸市场周边交通的提案", "区政协委员", NULL, "1", "2024-07-11", "no" },
  { "litigation", "2024-05-27", "房屋征收决定行政诉讼", NULL, NULL, "2", "2024-10-14" },
  { "consultation", "2024-07-16", "劳动报酬追讨咨询", NULL, "东关村", "4", "2024-07-16" },
  { "review", "2024-08-13", "社区食堂委托运营合同审查", NULL, "柳园社区", "2", "2024-08-19" },
  { "inspection", "2024-09-10", "燃气安全隐患排查", NULL, "和平社区", "4", "2024-09-13" },
  { "reconsideration", "2024-11-05", "行政处罚决定行政复议", NULL, NULL, "1", "2024-12-25" },
  { "consultation", "2024-12-04", "宪法日现场法律咨询", NULL, "和平社区", "8", "2024-12-04" },
  { "consultation", "2025-01-14", "劳动合同签订咨询", "居民", "文化街社区", "3", "2025-01-14" },
  { "proposal", "2025-03-24", "关于增设社区公共法律服务点的建议", "区人大代表", NULL, "1", "2025-05-25", "yes" },
  { "inspection", "2025-04-15", "“三重一大”制度执行检查", NULL, NULL, "3", "2025-04-20" },
  { "consultation", "2025-05-20", "民法典婚姻家庭编咨询", NULL, "柳园社区", "5", "2025-05-20" },
  { "review", "2025-06-10", "老旧小区改造协议审查", NULL, NULL, "3", "2025-06-17" },
  { "litigation", "2025-08-04", "政府信息公开答复行政诉讼", NULL, NULL, "1", "2025-11-02" },
  { "inspection", "2025-10-21", "冬季消防安全检查", NULL, "南河村", "5", "2025-10-25" },
  { "consultation", "2025-12-04", "宪法日现场法律咨询", NULL, "西营村", "6", "2025-12-04" },
  { "consultation", "2026-03-13", "消费维权咨询", NULL, "建设路社区", "5", "2026-03-13" },
  { "inspection", "2026-03-17", "安全生产检查", NULL, NULL, "4", "2026-03-20" },
  { "proposal", "2026-04-20", "关于背街小巷路灯改造的提案", "区政协委员", NULL, "1", NULL, NULL, "in_progress" },
  { "review", "2026-05-12", "物业服务合同审查", NULL, "幸福社区", "2", "2026-05-17" },
  { "consultation", "2026-07-21", "农民工工资咨询", NULL, "东关村", "3", "2026-07-21" },
  { "inspection", "2026-09-15", "食品安全检查", NULL, "文化街社区", "3", "2026-09-17" },
  { "litigation", "2026-10-19", "违法建设强制拆除行政诉讼", NULL, NULL, "1", NULL, NULL, "in_progress" },
  { "consultation", "2026-11-17", "遗产继承咨询", "居民", "和平社区", "2", "2026-11-17" },
};

static const char *sample_trainings[][11] = {
  { "2022-04-20", "人民调解技巧培训", "lecture", "mediators", "《人民调解法》", "刘建国", "街道三楼会议室", "30", "27", "3" },
  { "2022-06-17", "《民法典》学习讲座", "lecture", "staff", "《民法典》", "邵明辉", "街道一楼报告厅", "50", "46", "2" },
  { "2022-09-15", "行政执法规范化培训", "study", "enforcement", "《行政处罚法》", "刘建国", "综合执法队会议室", "22", "20", "3" },
  { "2022-11-10", "执法资格考试", "exam", "enforcement", "《行政处罚法》《行政强制法》", NULL, "区司法局考试中心", "6", "6", "2", "5" },
  { "2023-01-18", "《行政处罚法》执法人员培训", "lecture", "enforcement", "《行政处罚法》", "邵明辉", "综合执法队会议室", "25", "23", "3" },
  { "2023-02-24", "习近平法治思想专题讲座", "lecture", "staff", "习近平法治思想", "方志远", "街道一楼报告厅", "60", "56", "2" },
  { "2023-03-08", "行政执法“三项制度”学习", "study", "enforcement", "行政执法公示、全过程记录、法制审核制度", "刘建国", "综合执法队会议室", "24", "22", "2" },
  { "2023-04-12", "人民调解员业务培训", "lecture", "mediators", "《人民调解法》", "刘建国", "街道三楼会议室", "30", "28", "3" },
  { "2023-04-20", "执法文书制作规范培训", "lecture", "enforcement", "《行政处罚法》", "邵明辉", "综合执法队会议室", "24", "21", "2" },
  { "2023-05-26", "《民法典》专题学习", "study", "staff", "《民法典》", "邵明辉", "街道三楼会议室", "50", "48", "2" },
  { "2023-05-31", "旁听行政诉讼庭审", "court", "enforcement", "《行政诉讼法》", NULL, "区人民法院", "20", "18", "3" },
  { "2023-06-28", "上级执法人员法律知识考试", "exam", "enforcement", "《行政处罚法》《行政许可法》", NULL, "区司法局考试中心", "7", "7", "2", "7" },
  { "2023-07-13", "《安全生产法》执法培训", "lecture", "enforcement", "《安全生产法》", "周文斌", "综合执法队会议室", "25", "24", "2" },
  { "2023-08-16", "执法全过程记录视频学习", "video", "enforcement", "《行政执法全过程记录规定》", NULL, "综合执法队会议室", "22", "20", "1.5" },
  { "2023-08-30", "《国家安全法》学习会", "study", "staff", "《国家安全法》《反间谍法》", "刘建国", "街道一楼报告厅", "65", "62", "1.5" },
  { "2023-09-12", "村（社区）法律明白人培训", "study", "officials", "《民法典》《村民委员会组织法》", "邵明辉", "街道三楼会议室", "40", "38", "2" },
  { "2023-09-21", "违法建设查处业务培训", "lecture", "enforcement", "《城乡规划法》", "周文斌", "综合执法队会议室", "26", "25", "2" },
  { "2023-10-26", "村、社区执法人员业务学习", "study", "enforcement", "《行政强制法》", "刘建国", "街道三楼会议室", "30", "27", "2" },
  { "2023-11-29", "宪法宣传周专题党课", "lecture", "staff", "《宪法》", "方志远", "街道一楼报告厅", "55", "51", "2" },
  { "2023-12-14", "居民法治讲堂", "lecture", "residents", "《民法典》", "邵明辉", "幸福社区党群服务中心", "80", "76", "1.5" },
  { "2024-03-28", "习近平法治思想学习会", "study", "staff", "习近平法治思想", "方志远", "街道一楼报告厅", "58", "55", "2" },
  { "2024-06-20", "新修订《行政复议法》培训", "lecture", "enforcement", "《行政复议法》", "邵明辉", "综合执法队会议室", "26", "24", "3" },
  { "2024-10-17", "村（社区）法治带头人培训", "study", "officials", "《民法典》", "刘建国", "街道三楼会议室", "35", "33", "2" },
  { "2025-04-24", "国家安全教育专题讲座", "lecture", "staff", "《国家安全法》", "方志远", "街道一楼报告厅", "60", "57", "2" },
  { "2025-07-10", "执法案卷评查培训", "study", "enforcement", "《行政处罚法》", "周文斌", "综合执法队会议室", "24", "22", "2" },
  { "2025-09-25", "执法人员法律知识考试", "exam", "enforcement", "《行政处罚法》《行政强制法》", NULL, "区司法局考试中心", "8", "8", "2", "7" },
  { "2026-05-21", "《民法典》专题学习", "study", "staff", "《民法典》", "邵明辉", "街道三楼会议室", "55", "52", "2" },
  { "2026-09-17", "行政执法证件管理培训", "lecture", "enforcement", "《行政执法证件管理办法》", "刘建国", "综合执法队会议室", "25", "23", "2" },
  { "2026-11-12", "人民调解案例研讨", "study", "mediators", "《人民调解法》", "刘建国", "街道三楼会议室", "30", "27", "2" },
};

static const char *sample_outreach[][10] = {
  { "2022-04-15", "国家安全教育日宣传", "security", "community", "和平社区", "和平社区广场", "300", "420", "25", "2" },
  { "2022-05-20", "民法典宣传进村", "civil_code", "village", "东关村", "东关村村委会", "200", "280", "16", "1" },
  { "2022-06-24", "禁毒知识进校园", "antidrug", "school", "柳园社区", "柳园中学", "260", "380", "4", "1" },
  { "2022-09-16", "八五普法线上学习", "five_year", "online", NULL, "王褚街道微信公众号", "0", "1100", "0", "0" },
  { "2022-12-02", "宪法宣传周活动", "constitution", "community", "幸福社区", "幸福社区文化广场", "350", "500", "30", "2" },
  { "2023-01-06", "元旦法治宣传进社区", "five_year", "community", "幸福社区", "幸福社区党群服务中心", "150", "220", "15", "2" },
  { "2023-01-13", "春节前农民工工资维权宣传", "five_year", "market", "东关村", "东关农贸市场", "200", "300", "18", "2" },
  { "2023-02-09", "反邪教警示教育宣传", "anti_cult", "village", "南河村", "南河村村委会广场", "180", "260", "10", "1" },
  { "2023-02-24", "反邪教知识线上答题", "anti_cult", "online", NULL, "王褚街道微信公众号", "0", "1350", "0", "0" },
  { "2023-03-01", "春季开学法治安全第一课", "five_year", "school", "文化街社区", "文化街小学", "300", "450", "5", "1" },
  { "2023-03-03", "法治营商环境政策进企业", "business", "enterprise", "建设路社区", "建设路商业街", "160", "120", "22", "1" },
  { "2023-03-24", "优化营商环境条例线上解读", "business", "online", NULL, "王褚街道微信公众号", "0", "980", "0", "0" },
  { "2023-04-13", "全民国家安全教育日宣传", "security", "community", "和平社区", "和平社区广场", "400", "600", "35", "3" },
  { "2023-04-14", "国家安全知识进校园", "security", "school", "柳园社区", "柳园中学", "350", "520", "10", "2" },
  { "2023-04-15", "国家安全知识网络竞答", "security", "online", NULL, "王褚街道微信公众号", "0", "2100", "0", "0" },
  { "2023-04-17", "国家安全宣传进市场", "security", "market", "东关村", "东关农贸市场", "250", "380", "20", "2" },
  { "2023-04-20", "税收宣传月进企业", "tax", "enterprise", "建设路社区", "辖区企业服务站", "150", "110", "18", "1" },
  { "2023-04-26", "个人所得税汇算清缴宣讲", "tax", "community", "文化街社区", "文化街社区服务中心", "120", "160", "25", "1" },
  { "2023-05-06", "民法典宣传月启动仪式", "civil_code", "community", "幸福社区", "幸福社区文化广场", "380", "560", "40", "3" },
  { "2023-05-11", "民法典进村入户宣传", "civil_code", "village", "西营村", "西营村文化大院", "260", "340", "22", "2" },
  { "2023-05-18", "民法典知识线上有奖答题", "civil_code", "online", NULL, "王褚街道微信公众号", "0", "2600", "0", "0" },
  { "2023-05-24", "民法典宣传进集市", "civil_code", "market", "南河村", "南河村集市", "300", "450", "30", "2" },
  { "2023-05-30", "民法典进校园", "civil_code", "school", "文化街社区", "文化街小学", "280", "400", "8", "1" },
  { "2023-06-09", "禁毒知识进校园", "antidrug", "school", "柳园社区", "柳园中学", "320", "480", "6", "2" },
  { "2023-06-21", "6·26禁毒宣传", "antidrug", "community", "建设路社区", "建设路社区广场", "350", "500", "18", "3" },
  { "2023-06-26", "国际禁毒日网络宣传", "antidrug", "online", NULL, "王褚街道微信公众号", "0", "1800", "0", "0" },
  { "2023-06-28", "禁毒宣传进村", "antidrug", "village", "东关村", "东关村村委会", "200", "280", "12", "2" },
  { "2023-07-12", "安全生产法律宣传进企业", "five_year", "enterprise", "建设路社区", "辖区企业服务站", "180", "140", "15", "1" },
  { "2023-07-20", "反邪教宣传进社区", "anti_cult", "community", "和平社区", "和平社区广场", "160", "230", "9", "1" },
  { "2023-08-08", "法律明白人进村宣讲", "five_year", "village", "西营村", "西营村文化大院", "150", "210", "14", "1" },
  { "2023-08-17", "诚信经营法治宣传", "business", "market", "东关村", "东关农贸市场", "220", "300", "16", "2" },
  { "2023-08-25", "八五普法线上学习", "five_year", "online", NULL, "王褚街道微信公众号", "0", "1500", "0", "0" },
  { "2023-09-01", "秋季开学法治第一课", "five_year", "school", "文化街社区", "文化街小学", "300", "420", "4", "1" },
  { "2023-09-14", "民法典婚姻家庭编宣讲", "civil_code", "community", "幸福社区", "幸福社区党群服务中心", "140", "180", "20", "1" },
  { "2023-09-22", "反邪教宣传进村", "anti_cult", "village", "南河村", "南河村村委会广场", "170", "240", "8", "1" },
  { "2023-10-11", "营商环境法治体检进企业", "business", "enterprise", "建设路社区", "辖区企业服务站", "120", "80", "19", "1" },
  { "2023-10-19", "防范养老诈骗宣传", "five_year", "market", "东关村", "东关农贸市场", "260", "380", "24", "2" },
  { "2023-10-26", "税费优惠政策网上解读", "tax", "online", NULL, "王褚街道微信公众号", "0", "900", "0", "0" },
  { "2023-11-01", "反间谍法宣传进社区", "security", "community", "柳园社区", "柳园社区广场", "200", "290", "11", "2" },
  { "2023-11-09", "消防法律宣传进村", "five_year", "village", "西营村", "西营村文化大院", "150", "220", "10", "1" },
  { "2023-11-16", "反邪教进校园", "anti_cult", "school", "柳园社区", "柳园中学", "240", "350", "3", "1" },
  { "2023-11-23", "个体工商户法治讲座", "business", "community", "文化街社区", "文化街社区服务中心", "110", "90", "17", "1" },
  { "2023-12-01", "宪法宣传周启动仪式", "constitution", "community", "幸福社区", "幸福社区文化广场", "420", "600", "38", "3" },
  { "2023-12-04", "宪法晨读进校园", "constitution", "school", "文化街社区", "文化街小学", "350", "520", "0", "2" },
  { "2023-12-04", "国家宪法日网络宣传", "constitution", "online", NULL, "王褚街道微信公众号", "0", "3200", "0", "0" },
  { "2023-12-05", "宪法进村入户", "constitution", "village", "东关村", "东关村村委会", "260", "350", "20", "2" },
  { "2023-12-06", "宪法宣传进市场", "constitution", "market", "南河村", "南河村集市", "240", "330", "18", "2" },
  { "2023-12-07", "宪法进企业", "constitution", "enterprise", "建设路社区", "辖区企业服务站", "150", "120", "10", "1" },
  { "2023-12-14", "年终个税政策宣传", "tax", "community", "和平社区", "和平社区广场", "130", "170", "15", "1" },
  { "2024-04-12", "国家安全宣传进市场", "security", "market", "东关村", "东关农贸市场", "280", "400", "22", "2" },
  { "2024-05-17", "民法典宣传进社区", "civil_code", "community", "文化街社区", "文化街社区服务中心", "220", "300", "26", "2" },
  { "2024-06-26", "国际禁毒日网络宣传", "antidrug", "online", NULL, "王褚街道微信公众号", "0", "2300", "0", "0" },
  { "2024-09-05", "开学法治第一课", "five_year", "school", "文化街社区", "文化街小学", "300", "430", "5", "1" },
  { "2024-12-04", "宪法进村入户", "constitution", "village", "西营村", "西营村文化大院", "240", "320", "18", "2" },
  { "2025-03-28", "税收政策宣讲进企业", "tax", "enterprise", "建设路社区", "辖区企业服务站", "120", "90", "14", "1" },
  { "2025-04-15", "国家安全知识网络竞答", "security", "online", NULL, "王褚街道微信公众号", "0", "2500", "0", "0" },
  { "2025-06-20", "禁毒宣传进社区", "antidrug", "community", "柳园社区", "柳园社区广场", "300", "450", "20", "2" },
  { "2025-08-14", "反邪教宣传进村", "anti_cult", "village", "南河村", "南河村村委会广场", "180", "250", "9", "1" },
  { "2025-12-04", "宪法宣传周活动", "constitution", "community", "和平社区", "和平社区广场", "320", "460", "28", "2" },
  { "2026-04-15", "国家安全知识进校园", "security", "school", "柳园社区", "柳园中学", "330", "480", "6", "2" },
  { "2026-05-22", "民法典宣传进集市", "civil_code", "market", "南河村", "南河村集市", "260", "380", "24", "2" },
  { "2026-06-26", "禁毒宣传进村", "antidrug", "village", "东关村", "东关村村委会", "210", "300", "12", "2" },
  { "2026-09-18", "法治化营商环境宣讲", "business", "enterprise", "建设路社区", "辖区企业服务站", "140", "100", "16", "1" },
  { "2026-11-06", "八五普法总结线上展播", "five_year", "online", NULL, "王褚街道微信公众号", "0", "1700", "0", "0" },
};

static const char *sample_elections[][12] = {
  { "和平里小区", "2022-03-14", "filed", "2022-07-17", "2022-07-22", "2022-08-05", "236", "21050.30", "201", "17930.55", "5" },
  { "锦江花园", "2022-10-17", "filed", "2023-01-08", "2023-01-12", "2023-01-30", "351", "33102.60", "298", "28045.90", "7" },
  { "康泰家园", "2023-03-06", "filed", "2023-05-14", "2023-05-20", "2023-06-08", "455", "44870.25", "372", "36925.10", "7" },
  { "金水湾小区", "2023-05-15", "filed", "2023-08-20", "2023-08-26", "2023-09-12", "590", "64702.88", "468", "51288.40", "9" },
  { "翠柳苑", "2023-09-04", "filed", "2024-01-06", "2024-01-10", "2024-01-25", "190", "17702.30", "151", "14180.65", "5" },
  { "文华小区", "2023-10-09", "filed", "2024-02-24", "2024-02-28", "2024-03-15", "280", "25020.16", "233", "21190.72", "7" },
  { "建业新村", "2023-11-13", "filed", "2024-03-17", "2024-03-20", "2024-04-10", "389", "34150.25", "301", "26870.40", "7" },
  { "东关家园", "2023-12-04", "filed", "2024-04-14", "2024-04-18", "2024-05-06", "512", "53580.90", "420", "44102.35", "9" },
  { "南河新苑", "2024-05-20", "failed", "2024-09-22", NULL, NULL, "262", "24850.40", "180", "17120.10", "7", "参与表决的业主人数不足三分之二，待重新启动" },
  { "西营花园", "2025-03-10", "filed", "2025-07-12", "2025-07-15", "2025-09-19", "250", "23990.80", "201", "19305.65", "5", "结果公示后逾期备案" },
  { "文化街一号院", "2026-06-15", "published", "2026-10-25", "2026-10-30", NULL, "121", "11040.20", "98", "8930.75", "5" },
  { "幸福里小区", "2026-09-07", "candidates", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "5" },
};

typedef struct
{
  FazhiLedgerId       ledger;
  const char         *kind;    /* cases: the kind of every row, or NULL when a column gives it */
  const char * const *columns;
  const char * const *cells;   /* row after row */
  guint               n_columns;
  guint               n_rows;
} SampleTable;

#define SAMPLE_TABLE(ledger, kind, columns, rows) \
  { ledger, kind, columns, &rows[0][0], G_N_ELEMENTS (rows[0]), G_N_ELEMENTS (rows) }

/* In this order: places before what refers to them, and each year's cases in date order, which
 * is the order of their numbers. */
static const SampleTable sample_tables[] = {
  SAMPLE_TABLE (FAZHI_LEDGER_COMMUNITIES, NULL, community_columns, sample_communities),
  SAMPLE_TABLE (FAZHI_LEDGER_COMPOUNDS, NULL, compound_columns, sample_compounds),
  SAMPLE_TABLE (FAZHI_LEDGER_CASES, "mediation", mediation_columns, sample_mediations),
  SAMPLE_TABLE (FAZHI_LEDGER_CASES, NULL, case_columns, sample_cases),
  SAMPLE_TABLE (FAZHI_LEDGER_TRAININGS, NULL, training_columns, sample_trainings),
  SAMPLE_TABLE (FAZHI_LEDGER_OUTREACH, NULL, outreach_columns, sample_outreach),
  SAMPLE_TABLE (FAZHI_LEDGER_ELECTIONS, NULL, election_columns, sample_elections),
};

static const char *handlers[] = { "刘建国", "孙丽华", "周文斌", "吴静", "陈立" };
static const char *phone_prefixes[] = { "138", "139", "135", "150", "186", "177" };

const char * const *
fazhi_demo_any_community (GRand *rand)
{
  return FAZHI_DEMO_ANY (rand, sample_communities);
}

const char *
fazhi_demo_any_property_company (GRand *rand)
{
  return FAZHI_DEMO_ANY (rand, sample_compounds)[4];
}

const char *
fazhi_demo_any_handler (GRand *rand)
{
  return FAZHI_DEMO_ANY (rand, handlers);
}

void
fazhi_demo_row_start (FazhiDemoFiller *filler,
                      FazhiLedgerId    ledger)
{
  filler->ledger = fazhi_ledger_get (ledger);
  memset (filler->input, 0, sizeof filler->input);
}

static int
row_slot (FazhiDemoFiller *filler,
          const char      *key)
{
  int slot = fazhi_ledger_field_index (filler->ledger, key);

  g_assert (slot >= 0);
  return slot;
}

static const char *
row_get (FazhiDemoFiller *filler,
         const char      *key)
{
  return filler->input[row_slot (filler, key)];
}

void
fazhi_demo_row_set (FazhiDemoFiller *filler,
                    const char      *key,
                    const char      *text)
{
  filler->input[row_slot (filler, key)] = text;
}

void
fazhi_demo_row_printf (FazhiDemoFiller *filler,
                       const char      *key,
                       const char      *format,
                       ...)
{
  int slot = row_slot (filler, key);
  va_list args;

  va_start (args, format);
  g_vsnprintf (filler->text[slot], sizeof filler->text[slot], format, args);
  va_end (args);
  filler->input[slot] = filler->text[slot];
}

/* Fictional, but a full eleven digits, as clerks write them down. */
void
fazhi_demo_row_set_phone (FazhiDemoFiller *filler,
                          guint            seed)
{
  fazhi_demo_row_printf (filler, "phone", "%s%08u",
                         phone_prefixes[seed % G_N_ELEMENTS (phone_prefixes)], (seed * 7368787u + 1234u) % 100000000u);
}

gboolean
fazhi_demo_row_insert (FazhiDemoFiller  *filler,
                       GError          **error)
{
  const FazhiLedger *ledger = filler->ledger;
  g_autoptr(GPtrArray) problems = NULL;
  char **values = NULL;
  gboolean inserted;

  problems = fazhi_validate (ledger, filler->input, NULL, &values);
  if (problems->len > 0)
    {
      g_autofree char *text = fazhi_problems_join (problems, "; ");

      /* Translators: the ledger's name, then what is wrong with the record */
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                   _("A sample record of the ledger “%s” is not valid: %s"), _(ledger->name), text);
      fazhi_values_free (ledger, values);
      return FALSE;
    }

  inserted = fazhi_writer_insert (filler->writers[ledger->id], (const char * const *) values, NULL, NULL, error);
  fazhi_values_free (ledger, values);
  return inserted;
}

/* A community or compound the database already has is kept as it is. */
gboolean
fazhi_demo_place_insert (FazhiDemoFiller  *filler,
                         GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE name = ?", filler->ledger->key);
  sqlite3_stmt *statement = fazhi_database_prepare (filler->database, sql, error);
  gboolean exists;

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, row_get (filler, "name"), -1, SQLITE_STATIC);
  exists = sqlite3_step (statement) == SQLITE_ROW;
  sqlite3_reset (statement);

  return exists || fazhi_demo_row_insert (filler, error);
}

const char *
fazhi_demo_organizer_of (const char *theme)
{
  static const char *organizers[][2] = {
    { "security", "街道综治中心" }, { "anti_cult", "街道综治中心" }, { "antidrug", "街道禁毒办" },
    { "tax", "区税务局王褚税务所" }, { "business", "街道经济发展办" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (organizers); i++)
    if (strcmp (organizers[i][0], theme) == 0)
      return organizers[i][1];

  return "王褚街道司法所";
}

/* What the tables leave to rules: who handled a case, its status from its conclusion date, an
 * applicant's phone, an event's channel from its venue and its organizer from its theme. */
static void
row_complete (FazhiDemoFiller *filler,
              guint            row)
{
  if (filler->ledger->id == FAZHI_LEDGER_CASES)
    {
      fazhi_demo_row_set (filler, "handler", handlers[row % G_N_ELEMENTS (handlers)]);
      if (row_get (filler, "concluded_on") != NULL)
        fazhi_demo_row_set (filler, "status", "concluded");
      if (strcmp (row_get (filler, "kind"), "mediation") == 0)
        fazhi_demo_row_set_phone (filler, row);
    }
  else if (filler->ledger->id == FAZHI_LEDGER_OUTREACH)
    {
      fazhi_demo_row_set (filler, "channel", strcmp (row_get (filler, "venue"), "online") == 0 ? "online" : "offline");
      fazhi_demo_row_set (filler, "organizer", fazhi_demo_organizer_of (row_get (filler, "theme")));
    }
}

static gboolean
fill_sample (FazhiDemoFiller  *filler,
             GError          **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (sample_tables); t++)
    {
      const SampleTable *table = &sample_tables[t];
      gboolean place = table->ledger == FAZHI_LEDGER_COMMUNITIES || table->ledger == FAZHI_LEDGER_COMPOUNDS;

      g_assert (g_strv_length ((char **) table->columns) == table->n_columns);
      for (guint row = 0; row < table->n_rows; row++)
        {
          fazhi_demo_row_start (filler, table->ledger);
          for (guint column = 0; column < table->n_columns; column++)
            fazhi_demo_row_set (filler, table->columns[column], table->cells[row * table->n_columns + column]);
          if (table->kind != NULL)
            fazhi_demo_row_set (filler, "kind", table->kind);
          row_complete (filler, row);

          if (!(place ? fazhi_demo_place_insert (filler, error) : fazhi_demo_row_insert (filler, error)))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
fazhi_demo_fill (FazhiDatabase  *database,
                 guint           scale,
                 GError        **error)
{
  static const char *settings[][2] = {
    { "office_name", "王褚街道办事处" }, { "district", "解放区" }, { "number_prefix", "王" },
  };
  FazhiDemoFiller filler = { database, NULL, { NULL } };
  gboolean filled = TRUE;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);

  if (!fazhi_database_begin (database, error))
    return FALSE;

  if (!fazhi_database_is_empty (database))
    {
      fazhi_database_rollback (database);
      /* Translators: %s is the database file */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already holds records: the sample ledgers only go into an empty database"),
                   fazhi_database_get_path (database));
      return FALSE;
    }

  /* The writer of cases reads the number prefix when it is made, so the settings come first. */
  for (guint i = 0; filled && i < G_N_ELEMENTS (settings); i++)
    filled = fazhi_database_set_setting (database, settings[i][0], settings[i][1], error);

  for (FazhiLedgerId ledger = 0; filled && ledger < FAZHI_N_LEDGERS; ledger++)
    {
      g_assert (fazhi_ledger_get (ledger)->n_fields <= FAZHI_DEMO_MAX_FIELDS);
      filler.writers[ledger] = fazhi_writer_new (database, ledger, error);
      /* The history says where the sample came from, one change a record. */
      if (filler.writers[ledger] != NULL)
        fazhi_writer_set_source (filler.writers[ledger], "fazhi-cli demo");
      filled = filler.writers[ledger] != NULL;
    }

  filled = filled && fill_sample (&filler, error) && (scale == 0 || fazhi_demo_fill_synthetic (&filler, scale, error));

  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    g_clear_pointer (&filler.writers[ledger], fazhi_writer_free);

  if (!filled)
    {
      fazhi_database_rollback (database);
      return FALSE;
    }

  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    fazhi_database_emit_changed (database, ledger, FAZHI_CHANGE_MANY, 0);

  return fazhi_database_commit (database, error);
}
