/* fazhi-demo-synthetic.c — the synthetic rows of `demo --scale N`: cases by the thousand
 *
 * Drawn from a GRand with a fixed seed, so that two databases filled at the same scale hold the
 * same records, and spread over several years with trainings, outreach events and elections in
 * proportion to the cases. They reuse the sample office's communities, compounds and staff, and
 * go through the same validation and writer as its rows.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fazhi-demo-private.h"

/* The sample ends here: nothing is received or held after this day. */
#define SAMPLE_LAST_DAY "2026-11-28"
#define SYNTHETIC_FIRST_DAY "2021-01-01"
#define SYNTHETIC_SEED 20231204u

#define STILL_OPEN (-1)
#define IN_PROGRESS (-2)

static guint32
julian_of (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) atoi (iso + 8), (GDateMonth) atoi (iso + 5), (GDateYear) atoi (iso));
  return g_date_get_julian (&date);
}

/* A negative number leaves the field empty. */
static void
row_set_int (FazhiDemoFiller *filler,
             const char      *key,
             gint64           number)
{
  if (number >= 0)
    fazhi_demo_row_printf (filler, key, "%" G_GINT64_FORMAT, number);
}

static void
row_set_hundredths (FazhiDemoFiller *filler,
                    const char      *key,
                    gint64           hundredths)
{
  fazhi_demo_row_printf (filler, key, "%" G_GINT64_FORMAT ".%02d", hundredths / 100, (int) (hundredths % 100));
}

static void
row_set_date (FazhiDemoFiller *filler,
              const char      *key,
              guint32          julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  fazhi_demo_row_printf (filler, key, "%04d-%02d-%02d",
                         g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/* Status and conclusion of a case @days after @received, or STILL_OPEN or IN_PROGRESS. */
static void
row_set_progress (FazhiDemoFiller *filler,
                  guint32          received,
                  int              days)
{
  row_set_date (filler, "received_on", received);
  if (days == STILL_OPEN)
    fazhi_demo_row_set (filler, "status", "open");
  else if (days == IN_PROGRESS)
    fazhi_demo_row_set (filler, "status", "in_progress");
  else
    {
      fazhi_demo_row_set (filler, "status", "concluded");
      row_set_date (filler, "concluded_on", received + (guint32) days);
    }
}

/* A few templates, weighted roughly as a street office sees them (a key repeated in a list is
 * drawn that much more often). */

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

static const char *
choice_label (const FazhiChoice *choices,
              const char        *key)
{
  return fazhi_choices_lookup (choices, key)->label;
}

static void
synthetic_mediation (FazhiDemoFiller *filler,
                     GRand           *rand,
                     guint32          received,
                     guint32          age)
{
  const char *category = FAZHI_DEMO_ANY (rand, mediation_categories);
  const char *dispute = choice_label (fazhi_case_categories, category);
  const char *applicant_surname = FAZHI_DEMO_ANY (rand, surnames);
  const char *respondent_surname = FAZHI_DEMO_ANY (rand, surnames);
  const char *community = fazhi_demo_any_community (rand)[0];
  /* Old matters are nearly all concluded; those of the last weeks are often still open. */
  int concluded_share = age > 60 ? 98 : age > 30 ? 85 : 50;
  char *title = filler->words[0], *applicant = filler->words[1], *respondent = filler->words[2];

  if (g_rand_boolean (rand))
    g_snprintf (title, sizeof filler->words[0], "%s某与%s某%s纠纷", applicant_surname, respondent_surname, dispute);
  else
    g_snprintf (title, sizeof filler->words[0], "%s%s纠纷", community, dispute);
  g_snprintf (applicant, sizeof filler->words[1], "%s%s",
              applicant_surname, FAZHI_DEMO_ANY (rand, given_names));
  g_snprintf (respondent, sizeof filler->words[2], "%s%s",
              respondent_surname, FAZHI_DEMO_ANY (rand, given_names));

  fazhi_demo_row_set (filler, "title", title);
  fazhi_demo_row_set (filler, "community", community);
  fazhi_demo_row_set (filler, "category", category);
  fazhi_demo_row_set (filler, "source", FAZHI_DEMO_ANY (rand, mediation_sources));
  fazhi_demo_row_set (filler, "applicant", applicant);
  fazhi_demo_row_set (filler, "respondent", respondent);
  fazhi_demo_row_set_phone (filler, g_rand_int (rand));

  if (g_rand_int_range (rand, 0, 100) < concluded_share)
    {
      /* Most succeed; the rest fail, end or are withdrawn alike. */
      const char *outcome = g_rand_int_range (rand, 0, 20) < 17 ? "success"
                                                                : FAZHI_DEMO_ANY (rand, mediation_other_outcomes);
      gboolean success = strcmp (outcome, "success") == 0;
      gboolean written = success && g_rand_int_range (rand, 0, 10) < 7;

      row_set_progress (filler, received, g_rand_int_range (rand, 0, (gint32) MIN (age, 30) + 1));
      fazhi_demo_row_set (filler, "outcome", outcome);
      fazhi_demo_row_set (filler, "agreement", written ? "written" : success ? "oral" : "none");
      if (written && g_rand_boolean (rand))
        row_set_hundredths (filler, "amount", 10000 * (gint64) g_rand_int_range (rand, 2, 300));
    }
  else
    row_set_progress (filler, received, g_rand_boolean (rand) ? IN_PROGRESS : STILL_OPEN);
}

static gboolean
synthetic_case (FazhiDemoFiller  *filler,
                GRand            *rand,
                guint32           received,
                guint32           last_day,
                GError          **error)
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

  fazhi_demo_row_start (filler, FAZHI_LEDGER_CASES);
  fazhi_demo_row_set (filler, "kind", kind->kind);
  fazhi_demo_row_set (filler, "handler", fazhi_demo_any_handler (rand));
  if (strcmp (kind->kind, "mediation") == 0)
    {
      synthetic_mediation (filler, rand, received, last_day - received);
      return fazhi_demo_row_insert (filler, error);
    }

  while (kind->topics[n_topics] != NULL)
    n_topics++;
  g_snprintf (title, sizeof filler->words[0], "%s%s%s",
              kind->before, kind->topics[g_rand_int_range (rand, 0, (gint32) n_topics)], kind->after);
  g_snprintf (applicant, sizeof filler->words[1], "%s%s",
              FAZHI_DEMO_ANY (rand, surnames), FAZHI_DEMO_ANY (rand, given_names));
  days = g_rand_int_range (rand, 0, kind->max_days + 1);

  fazhi_demo_row_set (filler, "title", title);
  fazhi_demo_row_set (filler, "community", fazhi_demo_any_community (rand)[0]);
  row_set_progress (filler, received, received + (guint32) days <= last_day ? days : IN_PROGRESS);
  row_set_int (filler, "count", g_rand_int_range (rand, 1, kind->max_count + 1));
  if (strcmp (kind->kind, "proposal") == 0)
    {
      fazhi_demo_row_set (filler, "applicant", g_rand_boolean (rand) ? "区政协委员" : "区人大代表");
      if (received + (guint32) days <= last_day)
        fazhi_demo_row_set (filler, "satisfied", g_rand_int_range (rand, 0, 10) < 9 ? "yes" : "no");
    }
  else if (strcmp (kind->kind, "consultation") == 0)
    fazhi_demo_row_set (filler, "applicant", applicant);

  return fazhi_demo_row_insert (filler, error);
}

static gboolean
synthetic_training (FazhiDemoFiller  *filler,
                    GRand            *rand,
                    guint32           held,
                    GError          **error)
{
  const char *form = FAZHI_DEMO_ANY (rand, training_forms);
  const char *laws = FAZHI_DEMO_ANY (rand, synthetic_laws);
  gboolean exam = strcmp (form, "exam") == 0;
  int attendees = exam ? g_rand_int_range (rand, 3, 12) : g_rand_int_range (rand, 12, 81);
  guint n_audiences = fazhi_choices_count (fazhi_training_audiences);
  char *title = filler->words[0];

  g_snprintf (title, sizeof filler->words[0], "%s%s", laws, choice_label (fazhi_training_forms, form));
  fazhi_demo_row_start (filler, FAZHI_LEDGER_TRAININGS);
  row_set_date (filler, "held_on", held);
  fazhi_demo_row_set (filler, "title", title);
  fazhi_demo_row_set (filler, "form", form);
  fazhi_demo_row_set (filler, "audience", exam ? "enforcement"
                                          : fazhi_training_audiences[g_rand_int_range (rand, 0, (gint32) n_audiences)].key);
  fazhi_demo_row_set (filler, "laws", laws);
  fazhi_demo_row_set (filler, "lecturer", exam ? NULL : fazhi_demo_any_handler (rand));
  fazhi_demo_row_set (filler, "location", exam ? "区司法局考试中心" : "街道三楼会议室");
  row_set_int (filler, "planned", attendees + g_rand_int_range (rand, 0, 6));
  row_set_int (filler, "attendees", attendees);
  row_set_hundredths (filler, "hours", 50 * (gint64) g_rand_int_range (rand, 2, 9));
  row_set_int (filler, "passed", exam ? attendees - g_rand_int_range (rand, 0, 3) : -1);

  return fazhi_demo_row_insert (filler, error);
}

static gboolean
synthetic_outreach (FazhiDemoFiller  *filler,
                    GRand            *rand,
                    guint32           held,
                    GError          **error)
{
  /* Every theme but the last, "other", which makes a poor title. */
  guint n_themes = fazhi_choices_count (fazhi_outreach_themes) - 1;
  const FazhiChoice *theme = &fazhi_outreach_themes[g_rand_int_range (rand, 0, (gint32) n_themes)];
  const char * const *community = fazhi_demo_any_community (rand);
  const char * const *venue = FAZHI_DEMO_ANY (rand, offline_venues);
  char *title = filler->words[0], *location = filler->words[1];

  /* Into a village or a community: whichever the place is. */
  if (strcmp (venue[0], "village") == 0 || strcmp (venue[0], "community") == 0)
    venue = offline_venues[strcmp (community[1], "village") == 0 ? 0 : 1];

  fazhi_demo_row_start (filler, FAZHI_LEDGER_OUTREACH);
  row_set_date (filler, "held_on", held);
  fazhi_demo_row_set (filler, "title", title);
  fazhi_demo_row_set (filler, "theme", theme->key);
  fazhi_demo_row_set (filler, "organizer", fazhi_demo_organizer_of (theme->key));
  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_snprintf (title, sizeof filler->words[0], "%s网络宣传", theme->label);
      fazhi_demo_row_set (filler, "channel", "online");
      fazhi_demo_row_set (filler, "venue", "online");
      fazhi_demo_row_set (filler, "location", "王褚街道微信公众号");
      row_set_int (filler, "reached", g_rand_int_range (rand, 300, 3001));
    }
  else
    {
      g_snprintf (title, sizeof filler->words[0], "%s%s活动", theme->label, venue[1]);
      g_snprintf (location, sizeof filler->words[1], "%s%s", community[0], venue[2]);
      fazhi_demo_row_set (filler, "channel", "offline");
      fazhi_demo_row_set (filler, "venue", venue[0]);
      fazhi_demo_row_set (filler, "community", community[0]);
      fazhi_demo_row_set (filler, "location", location);
      row_set_int (filler, "materials", g_rand_int_range (rand, 50, 401));
      row_set_int (filler, "reached", g_rand_int_range (rand, 80, 601));
      row_set_int (filler, "consultations", g_rand_int_range (rand, 0, 41));
      row_set_int (filler, "banners", g_rand_int_range (rand, 1, 4));
    }

  return fazhi_demo_row_insert (filler, error);
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
synthetic_election (FazhiDemoFiller  *filler,
                    GRand            *rand,
                    guint             number,
                    guint32           started,
                    guint32           last_day,
                    GError          **error)
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
  fazhi_demo_row_start (filler, FAZHI_LEDGER_COMPOUNDS);
  fazhi_demo_row_set (filler, "name", name);
  fazhi_demo_row_set (filler, "community", fazhi_demo_any_community (rand)[0]);
  row_set_int (filler, "households", households);
  row_set_hundredths (filler, "area", area);
  fazhi_demo_row_set (filler, "property_company", fazhi_demo_any_property_company (rand));
  /* A new committee serves five years; otherwise the old term has already run out. */
  row_set_date (filler, "term_end", voted && !failed ? completed + 5 * 365 : started + 90);
  if (!fazhi_demo_place_insert (filler, error))
    return FALSE;

  fazhi_demo_row_start (filler, FAZHI_LEDGER_ELECTIONS);
  fazhi_demo_row_set (filler, "compound", name);
  row_set_date (filler, "started_on", started);
  row_set_int (filler, "seats", 5 + 2 * g_rand_int_range (rand, 0, 3));
  if (!voted)
    fazhi_demo_row_set (filler, "stage", last_day - started < 30 ? "preparing"
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
      fazhi_demo_row_set (filler, "stage", failed ? "failed" : filed <= last_day ? "filed" : "published");
      if (!failed)
        row_set_date (filler, "completed_on", completed);
      if (!failed && filed <= last_day)
        row_set_date (filler, "filed_on", filed);
    }

  return fazhi_demo_row_insert (filler, error);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 day_a = *(const guint32 *) a, day_b = *(const guint32 *) b;

  return day_a < day_b ? -1 : day_a > day_b;
}

gboolean
fazhi_demo_fill_synthetic (FazhiDemoFiller  *filler,
                           guint             scale,
                           GError          **error)
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

