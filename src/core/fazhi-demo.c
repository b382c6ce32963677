/* fazhi-demo.c — the sample office: individual records whose counts give the reference report
 *
 * Every figure of the sample is counted from rows, as it would be in a real office: the tables
 * below hold one line per mediation, consultation, training or event, never a total. The rows
 * go through the same validation and writer as an import, so the sample holds nothing that a
 * clerk could not have typed. The synthetic rows of a scale are drawn from a GRand with a fixed
 * seed, so that two databases filled at the same scale hold the same records.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-demo.h"
#include "fazhi-store.h"
#include "fazhi-validate.h"

/* The sample ends here: nothing is received or held after this day. */
#define SAMPLE_LAST_DAY "2026-11-28"
#define SYNTHETIC_FIRST_DAY "2021-01-01"
#define SYNTHETIC_SEED 20231204u

#define STILL_OPEN (-1)
#define IN_PROGRESS (-2)
#define MAX_FIELDS 24

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

typedef struct
{
  FazhiDatabase     *database;
  const FazhiLedger *ledger;        /* of the row being built */
  FazhiWriter       *writers[FAZHI_N_LEDGERS];
  const char        *input[MAX_FIELDS];
  char               text[MAX_FIELDS][24]; /* numbers, dates and phones of the row being built */
  char               words[3][96];         /* titles, names and places of a synthetic row */
} Filler;

static guint32
julian_of (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) atoi (iso + 8), (GDateMonth) atoi (iso + 5), (GDateYear) atoi (iso));
  return g_date_get_julian (&date);
}

static void
row_start (Filler        *filler,
           FazhiLedgerId  ledger)
{
  filler->ledger = fazhi_ledger_get (ledger);
  memset (filler->input, 0, sizeof filler->input);
}

static int
row_slot (Filler     *filler,
          const char *key)
{
  int slot = fazhi_ledger_field_index (filler->ledger, key);

  g_assert (slot >= 0);
  return slot;
}

static const char *
row_get (Filler     *filler,
         const char *key)
{
  return filler->input[row_slot (filler, key)];
}

static void
row_set (Filler     *filler,
         const char *key,
         const char *text)
{
  filler->input[row_slot (filler, key)] = text;
}

G_GNUC_PRINTF (3, 4)
static void
row_printf (Filler     *filler,
            const char *key,
            const char *format,
            ...)
{
  int slot = row_slot (filler, key);
  va_list args;

  va_start (args, format);
  g_vsnprintf (filler->text[slot], sizeof filler->text[slot], format, args);
  va_end (args);
  filler->input[slot] = filler->text[slot];
}

/* A negative number leaves the field empty. */
static void
row_set_int (Filler     *filler,
             const char *key,
             gint64      number)
{
  if (number >= 0)
    row_printf (filler, key, "%" G_GINT64_FORMAT, number);
}

static void
row_set_hundredths (Filler     *filler,
                    const char *key,
                    gint64      hundredths)
{
  row_printf (filler, key, "%" G_GINT64_FORMAT ".%02d", hundredths / 100, (int) (hundredths % 100));
}

static void
row_set_date (Filler     *filler,
              const char *key,
              guint32     julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  row_printf (filler, key, "%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/* Fictional, but a full eleven digits, as clerks write them down. */
static void
row_set_phone (Filler *filler,
               guint   seed)
{
  row_printf (filler, "phone", "%s%08u",
              phone_prefixes[seed % G_N_ELEMENTS (phone_prefixes)], (seed * 7368787u + 1234u) % 100000000u);
}

/* Status and conclusion of a case @days after @received, or STILL_OPEN or IN_PROGRESS. */
static void
row_set_progress (Filler  *filler,
                  guint32  received,
                  int      days)
{
  row_set_date (filler, "received_on", received);
  if (days == STILL_OPEN)
    row_set (filler, "status", "open");
  else if (days == IN_PROGRESS)
    row_set (filler, "status", "in_progress");
  else
    {
      row_set (filler, "status", "concluded");
      row_set_date (filler, "concluded_on", received + (guint32) days);
    }
}

static gboolean
row_insert (Filler  *filler,
            GError **error)
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

  inserted = fazhi_writer_insert (filler->writers[ledger->id], values, NULL, NULL, error);
  fazhi_values_free (ledger, values);
  return inserted;
}

/* A community or compound the database already has is kept as it is. */
static gboolean
place_insert (Filler  *filler,
              GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE name = ?", filler->ledger->key);
  sqlite3_stmt *statement = fazhi_database_prepare (filler->database, sql, error);
  gboolean exists;

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, row_get (filler, "name"), -1, SQLITE_STATIC);
  exists = sqlite3_step (statement) == SQLITE_ROW;
  sqlite3_reset (statement);

  return exists || row_insert (filler, error);
}

static const char *
organizer_of (const char *theme)
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
row_complete (Filler *filler,
              guint   row)
{
  if (filler->ledger->id == FAZHI_LEDGER_CASES)
    {
      row_set (filler, "handler", handlers[row % G_N_ELEMENTS (handlers)]);
      if (row_get (filler, "concluded_on") != NULL)
        row_set (filler, "status", "concluded");
      if (strcmp (row_get (filler, "kind"), "mediation") == 0)
        row_set_phone (filler, row);
    }
  else if (filler->ledger->id == FAZHI_LEDGER_OUTREACH)
    {
      row_set (filler, "channel", strcmp (row_get (filler, "venue"), "online") == 0 ? "online" : "offline");
      row_set (filler, "organizer", organizer_of (row_get (filler, "theme")));
    }
}

static gboolean
fill_sample (Filler  *filler,
             GError **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (sample_tables); t++)
    {
      const SampleTable *table = &sample_tables[t];
      gboolean place = table->ledger == FAZHI_LEDGER_COMMUNITIES || table->ledger == FAZHI_LEDGER_COMPOUNDS;

      g_assert (g_strv_length ((char **) table->columns) == table->n_columns);
      for (guint row = 0; row < table->n_rows; row++)
        {
          row_start (filler, table->ledger);
          for (guint column = 0; column < table->n_columns; column++)
            row_set (filler, table->columns[column], table->cells[row * table->n_columns + column]);
          if (table->kind != NULL)
            row_set (filler, "kind", table->kind);
          row_complete (filler, row);

          if (!(place ? place_insert (filler, error) : row_insert (filler, error)))
            return FALSE;
        }
    }

  return TRUE;
}

/* The synthetic rows of a scale: a few templates, weighted roughly as a street office sees them
 * (a key repeated in a list is drawn that much more often). */

typedef struct
{
  const char *kind;
  int         percent, max_count, max_days; /* share of the cases; count 1..max; days to conclude */
  const char *before, *after;               /* around the topic, in the title */
  const char *topics[9];
} SyntheticKind;

static const SyntheticKind synthetic_kinds[] = {
  { "mediation", 40, 1, 30, NULL, NULL, { NULL } },
  { "consultation", 36, 5, 0, "", "法律咨询",
    { "劳动合同", "婚姻继承", "房屋租赁", "民间借贷", "交通事故赔偿", "工伤认定", "物业服务", "宅基地使用" } },
  { "review", 8, 4, 10, "", "审查", { "物业服务合同", "房屋租赁合同", "政府采购合同", "工程施工合同", "合作协议" } },
  { "inspection", 8, 4, 5, "", "检查", { "安全生产", "消防安全", "燃气安全", "食品经营", "违法建设", "出租房屋" } },
  { "litigation", 3, 3, 180, "", "行政诉讼", { "行政处罚决定", "房屋征收补偿", "政府信息公开", "违法建设拆除" } },
  { "reconsideration", 2, 1, 60, "", "行政复议", { "行政处罚决定", "责令限期改正通知", "政府信息公开答复" } },
  { "proposal", 3, 1, 90, "关于", "的建议", { "完善社区养老服务", "规范停车秩序", "增设充电设施", "改造背街小巷" } },
};

static const char *mediation_categories[] = {
  "neighbour", "neighbour", "neighbour", "neighbour", "family", "family", "family", "property", "property",
  "housing", "contract", "labour", "damages", "traffic", "consumer", "business", "land", "medical", "other",
};
static const char *mediation_sources[] = {
  "application", "application", "application", "initiative", "initiative", "referral",
};
static const char *mediation_other_outcomes[] = { "failure", "terminated", "withdrawn" };
static const char *training_forms[] = {
  "lecture", "lecture", "lecture", "study", "study", "study", "video", "video", "court", "exam",
};
static const char *synthetic_laws[] = {
  "《宪法》", "《民法典》", "《行政处罚法》", "《行政复议法》", "《国家安全法》", "《安全生产法》", "《信访工作条例》",
};
/* venue key, how a title says it, the place after the community's name */
static const char *offline_venues[][3] = {
  { "village", "进村", "文化大院" }, { "community", "进社区", "党群服务中心" }, { "market", "进市场", "农贸市场" },
  { "school", "进校园", "辖区学校" }, { "enterprise", "进企业", "辖区企业" }, { "agency", "进机关", "片区机关单位" },
};
static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
};
static const char *given_names[] = {
  "建国", "秀英", "志强", "丽华", "海燕", "文斌", "桂兰", "国庆", "晓东", "玉梅",
  "永强", "春花", "立新", "淑珍", "明辉", "雪梅", "长林", "红霞", "振华", "静",
};
static const char *compound_names[] = { "锦华", "润泽", "康乐", "明珠", "金桂", "翠湖", "阳光", "御景", "福润", "嘉禾" };

#define ANY(rand, array) ((array)[g_rand_int_range ((rand), 0, (gint32) G_N_ELEMENTS (array))])

static const char *
choice_label (const FazhiChoice *choices,
              const char        *key)
{
  return fazhi_choices_lookup (choices, key)->label;
}

static void
synthetic_mediation (Filler  *filler,
                     GRand   *rand,
                     guint32  received,
                     guint32  age)
{
  const char *category = ANY (rand, mediation_categories);
  const char *dispute = choice_label (fazhi_case_categories, category);
  const char *applicant_surname = ANY (rand, surnames);
  const char *respondent_surname = ANY (rand, surnames);
  const char *community = ANY (rand, sample_communities)[0];
  /* Old matters are nearly all concluded; those of the last weeks are often still open. */
  int concluded_share = age > 60 ? 98 : age > 30 ? 85 : 50;
  char *title = filler->words[0], *applicant = filler->words[1], *respondent = filler->words[2];

  if (g_rand_boolean (rand))
    g_snprintf (title, sizeof filler->words[0], "%s某与%s某%s纠纷", applicant_surname, respondent_surname, dispute);
  else
    g_snprintf (title, sizeof filler->words[0], "%s%s纠纷", community, dispute);
  g_snprintf (applicant, sizeof filler->words[1], "%s%s", applicant_surname, ANY (rand, given_names));
  g_snprintf (respondent, sizeof filler->words[2], "%s%s", respondent_surname, ANY (rand, given_names));

  row_set (filler, "title", title);
  row_set (filler, "community", community);
  row_set (filler, "category", category);
  row_set (filler, "source", ANY (rand, mediation_sources));
  row_set (filler, "applicant", applicant);
  row_set (filler, "respondent", respondent);
  row_set_phone (filler, g_rand_int (rand));

  if (g_rand_int_range (rand, 0, 100) < concluded_share)
    {
      /* Most succeed; the rest fail, end or are withdrawn alike. */
      const char *outcome = g_rand_int_range (rand, 0, 20) < 17 ? "success" : ANY (rand, mediation_other_outcomes);
      gboolean success = strcmp (outcome, "success") == 0;
      gboolean written = success && g_rand_int_range (rand, 0, 10) < 7;

      row_set_progress (filler, received, g_rand_int_range (rand, 0, (gint32) MIN (age, 30) + 1));
      row_set (filler, "outcome", outcome);
      row_set (filler, "agreement", written ? "written" : success ? "oral" : "none");
      if (written && g_rand_boolean (rand))
        row_set_hundredths (filler, "amount", 10000 * (gint64) g_rand_int_range (rand, 2, 300));
    }
  else
    row_set_progress (filler, received, g_rand_boolean (rand) ? IN_PROGRESS : STILL_OPEN);
}

static gboolean
synthetic_case (Filler  *filler,
                GRand   *rand,
                guint32  received,
                guint32  last_day,
                GError **error)
{
  const SyntheticKind *kind = &synthetic_kinds[0];
  int roll = g_rand_int_range (rand, 0, 100);
  char *title = filler->words[0], *applicant = filler->words[1];
  guint n_topics = 0;
  int days;

  for (guint i = 0; i < G_N_ELEMENTS (synthetic_kinds) && roll >= 0; i++)
    {
      kind = &synthetic_kinds[i];
      roll -= kind->percent;
    }

  row_start (filler, FAZHI_LEDGER_CASES);
  row_set (filler, "kind", kind->kind);
  row_set (filler, "handler", ANY (rand, handlers));
  if (strcmp (kind->kind, "mediation") == 0)
    {
      synthetic_mediation (filler, rand, received, last_day - received);
      return row_insert (filler, error);
    }

  while (kind->topics[n_topics] != NULL)
    n_topics++;
  g_snprintf (title, sizeof filler->words[0], "%s%s%s",
              kind->before, kind->topics[g_rand_int_range (rand, 0, (gint32) n_topics)], kind->after);
  g_snprintf (applicant, sizeof filler->words[1], "%s%s", ANY (rand, surnames), ANY (rand, given_names));
  days = g_rand_int_range (rand, 0, kind->max_days + 1);

  row_set (filler, "title", title);
  row_set (filler, "community", ANY (rand, sample_communities)[0]);
  row_set_progress (filler, received, received + (guint32) days <= last_day ? days : IN_PROGRESS);
  row_set_int (filler, "count", g_rand_int_range (rand, 1, kind->max_count + 1));
  if (strcmp (kind->kind, "proposal") == 0)
    {
      row_set (filler, "applicant", g_rand_boolean (rand) ? "区政协委员" : "区人大代表");
      if (received + (guint32) days <= last_day)
        row_set (filler, "satisfied", g_rand_int_range (rand, 0, 10) < 9 ? "yes" : "no");
    }
  else if (strcmp (kind->kind, "consultation") == 0)
    row_set (filler, "applicant", applicant);

  return row_insert (filler, error);
}

static gboolean
synthetic_training (Filler  *filler,
                    GRand   *rand,
                    guint32  held,
                    GError **error)
{
  const char *form = ANY (rand, training_forms);
  const char *laws = ANY (rand, synthetic_laws);
  gboolean exam = strcmp (form, "exam") == 0;
  int attendees = exam ? g_rand_int_range (rand, 3, 12) : g_rand_int_range (rand, 12, 81);
  guint n_audiences = fazhi_choices_count (fazhi_training_audiences);
  char *title = filler->words[0];

  g_snprintf (title, sizeof filler->words[0], "%s%s", laws, choice_label (fazhi_training_forms, form));
  row_start (filler, FAZHI_LEDGER_TRAININGS);
  row_set_date (filler, "held_on", held);
  row_set (filler, "title", title);
  row_set (filler, "form", form);
  row_set (filler, "audience", exam ? "enforcement"
                               : fazhi_training_audiences[g_rand_int_range (rand, 0, (gint32) n_audiences)].key);
  row_set (filler, "laws", laws);
  row_set (filler, "lecturer", exam ? NULL : ANY (rand, handlers));
  row_set (filler, "location", exam ? "区司法局考试中心" : "街道三楼会议室");
  row_set_int (filler, "planned", attendees + g_rand_int_range (rand, 0, 6));
  row_set_int (filler, "attendees", attendees);
  row_set_hundredths (filler, "hours", 50 * (gint64) g_rand_int_range (rand, 2, 9));
  row_set_int (filler, "passed", exam ? attendees - g_rand_int_range (rand, 0, 3) : -1);

  return row_insert (filler, error);
}

static gboolean
synthetic_outreach (Filler  *filler,
                    GRand   *rand,
                    guint32  held,
                    GError **error)
{
  /* Every theme but the last, "other", which makes a poor title. */
  guint n_themes = fazhi_choices_count (fazhi_outreach_themes) - 1;
  const FazhiChoice *theme = &fazhi_outreach_themes[g_rand_int_range (rand, 0, (gint32) n_themes)];
  const char * const *community = ANY (rand, sample_communities);
  const char * const *venue = ANY (rand, offline_venues);
  char *title = filler->words[0], *location = filler->words[1];

  /* Into a village or a community: whichever the place is. */
  if (strcmp (venue[0], "village") == 0 || strcmp (venue[0], "community") == 0)
    venue = offline_venues[strcmp (community[1], "village") == 0 ? 0 : 1];

  row_start (filler, FAZHI_LEDGER_OUTREACH);
  row_set_date (filler, "held_on", held);
  row_set (filler, "title", title);
  row_set (filler, "theme", theme->key);
  row_set (filler, "organizer", organizer_of (theme->key));
  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_snprintf (title, sizeof filler->words[0], "%s网络宣传", theme->label);
      row_set (filler, "channel", "online");
      row_set (filler, "venue", "online");
      row_set (filler, "location", "王褚街道微信公众号");
      row_set_int (filler, "reached", g_rand_int_range (rand, 300, 3001));
    }
  else
    {
      g_snprintf (title, sizeof filler->words[0], "%s%s活动", theme->label, venue[1]);
      g_snprintf (location, sizeof filler->words[1], "%s%s", community[0], venue[2]);
      row_set (filler, "channel", "offline");
      row_set (filler, "venue", venue[0]);
      row_set (filler, "community", community[0]);
      row_set (filler, "location", location);
      row_set_int (filler, "materials", g_rand_int_range (rand, 50, 401));
      row_set_int (filler, "reached", g_rand_int_range (rand, 80, 601));
      row_set_int (filler, "consultations", g_rand_int_range (rand, 0, 41));
      row_set_int (filler, "banners", g_rand_int_range (rand, 1, 4));
    }

  return row_insert (filler, error);
}

/* A share in thousandths of @total, plus one: a share drawn just over a threshold stays over it. */
static gint64
share_of (GRand  *rand,
          gint64  total,
          int     lowest,
          int     highest)
{
  return MIN (total, total * g_rand_int_range (rand, lowest, highest + 1) / 1000 + 1);
}

/* Each synthetic election has a compound of its own, numbered so that names never repeat. */
static gboolean
synthetic_election (Filler  *filler,
                    GRand   *rand,
                    guint    number,
                    guint32  started,
                    guint32  last_day,
                    GError **error)
{
  gint64 households = g_rand_int_range (rand, 150, 1501);
  gint64 area = households * g_rand_int_range (rand, 7000, 14001);
  guint32 completed = started + (guint32) g_rand_int_range (rand, 60, 151);
  gboolean filed_late = g_rand_int_range (rand, 0, 10) == 0;
  guint32 filed = completed + (guint32) (filed_late ? g_rand_int_range (rand, 31, 61)
                                                    : g_rand_int_range (rand, 3, 29));
  gboolean failed = g_rand_int_range (rand, 0, 10) == 0;
  gboolean voted = completed <= last_day;
  gint64 owners_voted = share_of (rand, households, failed ? 400 : 670, failed ? 600 : 930);
  gint64 area_voted = share_of (rand, area, failed ? 400 : 670, failed ? 600 : 930);
  char *name = filler->words[0];

  g_snprintf (name, sizeof filler->words[0], "%s家园%u期", compound_names[number % G_N_ELEMENTS (compound_names)],
              number / (guint) G_N_ELEMENTS (compound_names) + 1);
  row_start (filler, FAZHI_LEDGER_COMPOUNDS);
  row_set (filler, "name", name);
  row_set (filler, "community", ANY (rand, sample_communities)[0]);
  row_set_int (filler, "households", households);
  row_set_hundredths (filler, "area", area);
  row_set (filler, "property_company", ANY (rand, sample_compounds)[4]);
  /* A new committee serves five years; otherwise the old term has already run out. */
  row_set_date (filler, "term_end", voted && !failed ? completed + 5 * 365 : started + 90);
  if (!place_insert (filler, error))
    return FALSE;

  row_start (filler, FAZHI_LEDGER_ELECTIONS);
  row_set (filler, "compound", name);
  row_set_date (filler, "started_on", started);
  row_set_int (filler, "seats", 5 + 2 * g_rand_int_range (rand, 0, 3));
  if (!voted)
    row_set (filler, "stage", last_day - started < 30 ? "preparing"
                              : last_day - started < 60 ? "candidates" : "voting");
  else
    {
      row_set_int (filler, "owners_total", households);
      row_set_hundredths (filler, "area_total", area);
      row_set_date (filler, "vote_on", completed - (guint32) g_rand_int_range (rand, 0, 6));
      row_set_int (filler, "owners_voted", owners_voted);
      row_set_hundredths (filler, "area_voted", area_voted);
      row_set_int (filler, "owners_approved", share_of (rand, owners_voted, 520, 900));
      row_set_hundredths (filler, "area_approved", share_of (rand, area_voted, 520, 900));
      row_set (filler, "stage", failed ? "failed" : filed <= last_day ? "filed" : "published");
      if (!failed)
        row_set_date (filler, "completed_on", completed);
      if (!failed && filed <= last_day)
        row_set_date (filler, "filed_on", filed);
    }

  return row_insert (filler, error);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 day_a = *(const guint32 *) a, day_b = *(const guint32 *) b;

  return day_a < day_b ? -1 : day_a > day_b;
}

static gboolean
fill_synthetic (Filler  *filler,
                guint    scale,
                GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SYNTHETIC_SEED);
  guint32 first_day = julian_of (SYNTHETIC_FIRST_DAY);
  guint32 last_day = julian_of (SAMPLE_LAST_DAY);
  gint32 n_days = (gint32) (last_day - first_day + 1);
  g_autofree guint32 *received = g_new (guint32, scale);

  /* In date order, the numbers the writer gives follow the order the cases came in. */
  for (guint i = 0; i < scale; i++)
    received[i] = first_day + (guint32) g_rand_int_range (rand, 0, n_days);
  qsort (received, scale, sizeof *received, compare_days);

  for (guint i = 0; i < scale; i++)
    if (!synthetic_case (filler, rand, received[i], last_day, error))
      return FALSE;

  for (guint i = 0; i < scale / 100; i++)
    if (!synthetic_training (filler, rand, first_day + (guint32) g_rand_int_range (rand, 0, n_days), error))
      return FALSE;

  for (guint i = 0; i < scale / 50; i++)
    if (!synthetic_outreach (filler, rand, first_day + (guint32) g_rand_int_range (rand, 0, n_days), error))
      return FALSE;

  for (guint i = 0; i < scale / 1000; i++)
    if (!synthetic_election (filler, rand, i, first_day + (guint32) g_rand_int_range (rand, 0, n_days),
                             last_day, error))
      return FALSE;

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
  Filler filler = { database, NULL, { NULL } };
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
      g_assert (fazhi_ledger_get (ledger)->n_fields <= MAX_FIELDS);
      filler.writers[ledger] = fazhi_writer_new (database, ledger, error);
      filled = filler.writers[ledger] != NULL;
    }

  filled = filled && fill_sample (&filler, error) && (scale == 0 || fill_synthetic (&filler, scale, error));

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
