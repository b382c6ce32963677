/* test-transfer.c — importing ledgers from CSV and exporting them to CSV and XLSX */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "fazhi-csv.h"
#include "fazhi-store.h"
#include "fazhi-test-util.h"
#include "fazhi-import.h"
#include "fazhi-workbook.h"
#include "fazhi-transfer.h"
#include "fazhi-value.h"

#define CASES_HEADER_ZH \
  "编号,类别,事由,纠纷类型,来源,申请人,被申请人,联系电话,村/社区,受理日期,承办人,状态,结果,办结日期," \
  "协议形式,协议金额,数量,是否满意,备注\r\n"

typedef struct
{
  char          *dir;
  FazhiDatabase *database;
} Fixture;

static FazhiDatabase *
open_database (Fixture    *fixture,
               const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return fazhi_test_open_database_file (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fazhi_test_make_dir ("fazhi-transfer-XXXXXX");
  fixture->database = open_database (fixture, "ledger.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  fazhi_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
import_ok (FazhiDatabase *database,
           FazhiLedgerId  ledger,
           const char    *path,
           GPtrArray     *notes)
{
  g_autoptr(GError) error = NULL;
  gint64 n = fazhi_import_file (database, ledger, path, notes, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 0);
  return n;
}

/* Imports a file that must be refused, and returns the message. */
static char *
import_refused (FazhiDatabase *database,
                FazhiLedgerId  ledger,
                const char    *path)
{
  g_autoptr(GError) error = NULL;
  gint64 n = fazhi_import_file (database, ledger, path, NULL, NULL, NULL, &error);

  g_assert_cmpint (n, ==, -1);
  g_assert_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID);
  return g_strdup (error->message);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static char *
query_text (FazhiDatabase *database,
            const char    *sql,
            const char    *argument)
{
  sqlite3_stmt *statement = fazhi_database_prepare (database, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (statement);
  if (argument != NULL)
    sqlite3_bind_text (statement, 1, argument, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) == SQLITE_ROW && sqlite3_column_type (statement, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);

  return text;
}

/* Every row of a ledger in the export's order, each a GStrv of its fields (NULL read as ""). */
static GPtrArray *
read_rows (FazhiDatabase *database,
           FazhiLedgerId  ledger_id)
{
  const FazhiLedger *ledger = fazhi_ledger_get (ledger_id);
  g_autofree char *order = ledger->date_key != NULL ? g_strdup_printf ("t.%s, t.id", ledger->date_key)
                                                    : g_strdup ("t.id");
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s AS t ORDER BY %s",
                                          fazhi_store_select_columns (ledger_id), ledger->key, order);
  sqlite3_stmt *statement = fazhi_database_prepare (database, sql, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_nonnull (statement);

  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      GStrv values = g_new0 (char *, ledger->n_fields + 1);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          values[i] = fazhi_store_column_text (statement, 4 + (int) i, &ledger->fields[i]);
          if (values[i] == NULL)
            values[i] = g_strdup ("");
        }
      g_ptr_array_add (rows, values);
    }
  sqlite3_reset (statement);

  return rows;
}

static const char *
row_value (GPtrArray     *rows,
           guint          index,
           FazhiLedgerId  ledger,
           const char    *key)
{
  int field = fazhi_ledger_field_index (fazhi_ledger_get (ledger), key);

  g_assert_cmpint (field, >=, 0);
  g_assert_cmpuint (index, <, rows->len);
  return ((GStrv) g_ptr_array_index (rows, index))[field];
}

static void
test_import_chinese_headers (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "cases.csv",
    "\xef\xbb\xbf" CASES_HEADER_ZH
    ",矛盾纠纷调解,邻里噪音纠纷,邻里,申请调解,张三,李四,13812345678,东风社区,2023-03-05,王五,已办结,成功,"
    "2023-03-20,书面,1500.5,,,\"双方达成协议，\"\"握手言和\"\"\"\r\n"
    ",mediation,宅基地纠纷,housing,initiative,,,,红星村,2023/3/5,,in_progress,,,,,,,\r\n"
    ",法律咨询,劳动合同咨询,,,,,,,2023.3.5,,,,,,,3,,\r\n"
    ",inspection,食品安全检查,,,,,,,2023年3月5日,,已办结,,2023年3月6日,,,2,,\r\n",
    -1);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, path, NULL), ==, 4);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 4);

  rows = read_rows (fixture->database, FAZHI_LEDGER_CASES);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (row_value (rows, i, FAZHI_LEDGER_CASES, "received_on"), ==, "2023-03-05");

  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "kind"), ==, "mediation");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "category"), ==, "neighbour");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "source"), ==, "application");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "status"), ==, "concluded");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "outcome"), ==, "success");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "agreement"), ==, "written");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "amount"), ==, "1500.5");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "phone"), ==, "13812345678");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "notes"), ==, "双方达成协议，\"握手言和\"");
  g_assert_cmpstr (row_value (rows, 1, FAZHI_LEDGER_CASES, "kind"), ==, "mediation");
  g_assert_cmpstr (row_value (rows, 1, FAZHI_LEDGER_CASES, "category"), ==, "housing");
  g_assert_cmpstr (row_value (rows, 1, FAZHI_LEDGER_CASES, "status"), ==, "in_progress");
  g_assert_cmpstr (row_value (rows, 2, FAZHI_LEDGER_CASES, "kind"), ==, "consultation");
  g_assert_cmpstr (row_value (rows, 2, FAZHI_LEDGER_CASES, "count"), ==, "3");
  g_assert_cmpstr (row_value (rows, 2, FAZHI_LEDGER_CASES, "status"), ==, "open");
  g_assert_cmpstr (row_value (rows, 3, FAZHI_LEDGER_CASES, "kind"), ==, "inspection");
  g_assert_cmpstr (row_value (rows, 3, FAZHI_LEDGER_CASES, "concluded_on"), ==, "2023-03-06");
}

static void
test_import_english_headers (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Keys in any case, and the English field names, are headers too. */
  g_autofree char *path = write_file (fixture, "cases-en.csv",
    "Kind,Subject,RECEIVED_ON,status,Outcome,concluded_on,community,count\n"
    "mediation,Noise between neighbours,2023-06-01,concluded,withdrawn,2023-06-02,东风社区,\n"
    "review,Lease contract,2023-06-03,open,,,,4\n",
    -1);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, path, NULL), ==, 2);

  rows = read_rows (fixture->database, FAZHI_LEDGER_CASES);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "title"), ==, "Noise between neighbours");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "outcome"), ==, "withdrawn");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "community"), ==, "东风社区");
  g_assert_cmpstr (row_value (rows, 0, FAZHI_LEDGER_CASES, "count"), ==, "1");
  g_assert_cmpstr (row_value (rows, 1, FAZHI_LEDGER_CASES, "kind"), ==, "review");
  g_assert_cmpstr (row_value (rows, 1, FAZHI_LEDGER_CASES, "count"), ==, "4");
}

static void
test_import_gb18030 (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char utf8[] = "类别,事由,受理日期\r\n法律咨询,“继承”问题咨询,2023年7月1日\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  gsize length = 0;

  bytes = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  path = write_file (fixture, "gb.csv", bytes, (gssize) length);

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, path, NULL), ==, 1);
  title = query_text (fixture->database, "SELECT title FROM cases WHERE received_on = ?", "2023-07-01");
  g_assert_cmpstr (title, ==, "“继承”问题咨询");
}

static void
test_import_unknown_column (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "unknown.csv",
                                      "类别,事由,颜色,受理日期\nconsultation,咨询,红,2023-01-10\n", -1);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, path, notes), ==, 1);
  g_assert_cmpuint (notes->len, ==, 1);
  assert_contains (g_ptr_array_index (notes, 0), "unknown.csv:1:");
  assert_contains (g_ptr_array_index (notes, 0), "颜色");
}

static void
test_import_missing_required (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "missing.csv", "类别,事由\nconsultation,咨询\n", -1);
  g_autofree char *message = import_refused (fixture->database, FAZHI_LEDGER_CASES, path);

  assert_contains (message, "missing.csv");
  assert_contains (message, "受理日期");
  assert_contains (message, "received_on");
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 0);
}

static void
test_import_duplicate_column (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "twice.csv",
                                      "类别,事由,受理日期,received_on\nconsultation,咨询,2023-01-10,2023-01-11\n", -1);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *received = NULL;

  /* The first column of a field is read; the second is named in a note and left alone. */
  g_assert_cmpint (fazhi_import_file (fixture->database, FAZHI_LEDGER_CASES, path, notes, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
  assert_contains (g_ptr_array_index (notes, 0), "twice.csv:1:");
  assert_contains (g_ptr_array_index (notes, 0), "“received_on” (D)");
  assert_contains (g_ptr_array_index (notes, 0), "“受理日期” (C)");
  received = query_text (fixture->database, "SELECT received_on FROM cases WHERE title = ?", "咨询");
  g_assert_cmpstr (received, ==, "2023-01-10");
}

typedef struct
{
  FazhiLedgerId  ledger;
  const char    *name;
  const char    *contents;  /* line 2 is valid, line 3 is not */
  const char    *column;    /* the column the message must name, if any */
} BadFile;

static const BadFile bad_files[] = {
  { FAZHI_LEDGER_CASES, "date.csv",
    "类别,事由,受理日期,村/社区\nmediation,好的一行,2023-03-01,新建社区\nmediation,坏日期,2023-02-30,新建社区\n",
    "受理日期" },
  { FAZHI_LEDGER_CASES, "date-en.csv",
    "kind,title,received_on\nmediation,ok,2023-03-01\nmediation,bad,2023-13-01\n",
    "received_on" },
  { FAZHI_LEDGER_CASES, "kind.csv",
    "类别,事由,受理日期\nmediation,好的一行,2023-03-01\n打架,坏类别,2023-03-02\n",
    "类别" },
  { FAZHI_LEDGER_CASES, "count.csv",
    "类别,事由,受理日期,数量\nconsultation,好的一行,2023-03-01,2\nconsultation,负数,2023-03-02,-2\n",
    "数量" },
  { FAZHI_LEDGER_CASES, "outcome.csv",
    "类别,事由,受理日期,状态,办结日期,结果\n"
    "mediation,好的一行,2023-03-01,已办结,2023-03-05,成功\n"
    "mediation,没有结果,2023-03-02,已办结,2023-03-06,\n",
    "结果" },
  { FAZHI_LEDGER_TRAININGS, "exam.csv",
    "日期,名称,形式,实到人数,合格人数\n2023-05-01,好的一行,考试,10,9\n2023-05-02,合格多于实到,exam,7,8\n",
    "合格人数" },
  { FAZHI_LEDGER_CASES, "cells.csv",
    "类别,事由,受理日期\nconsultation,好的一行,2023-03-01\nconsultation,多一格,2023-03-02,多余\n",
    NULL },
};

static void
test_import_bad_rows (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *good_cases = write_file (fixture, "good-cases.csv",
                                            "类别,事由,受理日期\nconsultation,咨询,2023-01-10\n", -1);
  g_autofree char *good_trainings = write_file (fixture, "good-trainings.csv",
                                                "日期,名称,实到人数\n2023-01-12,民法典学习,30\n", -1);

  import_ok (fixture->database, FAZHI_LEDGER_CASES, good_cases, NULL);
  import_ok (fixture->database, FAZHI_LEDGER_TRAININGS, good_trainings, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFile *bad = &bad_files[i];
      g_autofree char *path = write_file (fixture, bad->name, bad->contents, -1);
      g_autofree char *line = g_strdup_printf ("%s:3:", bad->name);
      gint64 rows_before = fazhi_database_count (fixture->database, bad->ledger);
      gint64 communities_before = fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES);
      g_autofree char *message = import_refused (fixture->database, bad->ledger, path);

      g_test_message ("%s: %s", bad->name, message);
      g_assert_true (g_str_has_prefix (message, line));
      if (bad->column != NULL)
        assert_contains (message, bad->column);
      /* Only line 3 is wrong. */
      g_assert_null (strstr (message, ":2:"));
      g_assert_cmpint (fazhi_database_count (fixture->database, bad->ledger), ==, rows_before);
      g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES), ==, communities_before);
    }
}

static void
test_import_many_problems (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new ("类别,事由,受理日期\n");
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (contents, "consultation,咨询%u,2023-02-3%u\n", i, i % 2);
  path = write_file (fixture, "many.csv", contents->str, -1);
  message = import_refused (fixture->database, FAZHI_LEDGER_CASES, path);

  /* At most 20 problems and a line that says there are more. */
  lines = g_strsplit (message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 21);
  g_assert_true (g_str_has_prefix (lines[0], "many.csv:2:"));
  g_assert_false (g_str_has_prefix (lines[20], "many.csv:"));
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 0);
}

/* A problem only the writer finds (a number given twice), early in a long file, and one the
 * rules find, late in it: both are told, in the order of the file, and nothing is written. */
static void
test_import_problems_in_order (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *first = write_file (fixture, "first.csv",
                                       "编号,类别,事由,受理日期\nA-1,consultation,第一,2023-01-10\n", -1);
  g_autoptr(GString) contents = g_string_new ("编号,类别,事由,受理日期\n");
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, first, NULL), ==, 1);

  /* Line 1 is the header: row i is on line i + 2. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (contents, "%s,consultation,咨询%u,%s\n",
                            i == 1 || i == 8 ? "B-7" : i == 20 ? "A-1" : "", i,
                            i == 2798 ? "2023-02-30" : "2023-03-01");
  path = write_file (fixture, "long.csv", contents->str, -1);
  message = import_refused (fixture->database, FAZHI_LEDGER_CASES, path);

  g_test_message ("%s", message);
  lines = g_strsplit (message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "long.csv:10: "));
  assert_contains (lines[0], "the same 编号 as row 3");
  g_assert_true (g_str_has_prefix (lines[1], "long.csv:2800: "));
  assert_contains (lines[1], "受理日期");
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 1);
}

static void
test_import_failure_keeps_earlier_import (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *good = write_file (fixture, "good.csv",
                                      "类别,事由,受理日期\nconsultation,第一,2023-01-10\n"
                                      "review,第二,2023-01-11\nproposal,第三,2023-01-12\n", -1);
  g_autofree char *bad = write_file (fixture, "bad.csv",
                                     "类别,事由,受理日期\nconsultation,第四,2023-01-13\n"
                                     "review,第五,2023年2月30日\n", -1);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, good, NULL), ==, 3);
  before = read_rows (fixture->database, FAZHI_LEDGER_CASES);

  message = import_refused (fixture->database, FAZHI_LEDGER_CASES, bad);
  assert_contains (message, "bad.csv:3:");

  after = read_rows (fixture->database, FAZHI_LEDGER_CASES);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstrv (g_ptr_array_index (after, i), g_ptr_array_index (before, i));
}

static void
test_import_creates_places (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *cases = write_file (fixture, "cases.csv",
                                       "类别,事由,受理日期,村/社区\nconsultation,一,2023-01-10,东风社区\n"
                                       "consultation,二,2023-01-11,红星村\nreview,三,2023-01-12,东风社区\n", -1);
  g_autofree char *compounds = write_file (fixture, "compounds.csv",
                                           "小区名称,所属社区,户数,专有部分总面积\n阳光花园,东风社区,300,25000.5\n", -1);
  g_autofree char *elections = write_file (fixture, "elections.csv",
                                           "小区,启动日期,进度\n阳光花园,2023-04-01,筹备\n新月小区,2023-05-01,preparing\n", -1);
  g_autofree char *owners = NULL;
  g_autofree char *area = NULL;
  g_autofree char *found = NULL;

  import_ok (fixture->database, FAZHI_LEDGER_CASES, cases, NULL);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES), ==, 2);
  found = query_text (fixture->database, "SELECT name FROM communities WHERE name = ?", "红星村");
  g_assert_cmpstr (found, ==, "红星村");

  import_ok (fixture->database, FAZHI_LEDGER_COMPOUNDS, compounds, NULL);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMMUNITIES), ==, 2);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMPOUNDS), ==, 1);

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_ELECTIONS, elections, NULL), ==, 2);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_COMPOUNDS), ==, 2);
  g_clear_pointer (&found, g_free);
  found = query_text (fixture->database, "SELECT name FROM compounds WHERE name = ?", "新月小区");
  g_assert_cmpstr (found, ==, "新月小区");

  /* The totals of an election default to its compound's. */
  owners = query_text (fixture->database,
                       "SELECT e.owners_total FROM elections AS e JOIN compounds AS c ON c.id = e.compound_id "
                       "WHERE c.name = ?", "阳光花园");
  area = query_text (fixture->database,
                     "SELECT e.area_total FROM elections AS e JOIN compounds AS c ON c.id = e.compound_id "
                     "WHERE c.name = ?", "阳光花园");
  g_assert_cmpstr (owners, ==, "300");
  g_assert_cmpstr (area, ==, "2500050");
}

static void
test_import_generated_numbers (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "numbers.csv",
                                      "编号,类别,事由,受理日期\n,mediation,一,2023-02-01\n,mediation,二,2023-02-02\n"
                                      ",consultation,三,2023-02-03\n（2022）调字第007号,mediation,四,2022-12-30\n", -1);
  static const char *expected[][2] = {
    { "一", "（2023）调字第001号" }, { "二", "（2023）调字第002号" },
    { "三", "（2023）咨字第001号" }, { "四", "（2022）调字第007号" },
  };

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, path, NULL), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *number = query_text (fixture->database, "SELECT number FROM cases WHERE title = ?",
                                            expected[i][0]);

      g_assert_cmpstr (number, ==, expected[i][1]);
    }
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_import_progress (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new ("类别,事由,受理日期,数量\n");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_rows = 2500;
  gint64 n;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (contents, "consultation,咨询%u,2023-%02u-%02u,%u\n", i, i % 12 + 1, i % 28 + 1, i % 5 + 1);
  path = write_file (fixture, "progress.csv", contents->str, -1);

  n = fazhi_import_file (fixture->database, FAZHI_LEDGER_CASES, path, NULL, record_progress, fractions, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, n_rows);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, n_rows);

  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* A ledger with something in every field, in a file for each ledger, imported in the order the
 * places must exist in. */
static const struct
{
  FazhiLedgerId  ledger;
  const char    *contents;
} full_ledgers[] = {
  { FAZHI_LEDGER_COMMUNITIES, "名称,类型\n东风社区,社区\n红星村,village\n" },
  { FAZHI_LEDGER_COMPOUNDS,
    "小区名称,所属社区,户数,专有部分总面积,物业公司,本届任期届满\n"
    "阳光花园,东风社区,300,25000.5,安居物业,2024-06-30\n"
    "新月小区,,120,9800,,\n" },
  { FAZHI_LEDGER_CASES,
    CASES_HEADER_ZH
    "（2023）调字第001号,矛盾纠纷调解,邻里噪音纠纷,邻里,申请调解,张三,李四,13812345678,东风社区,2023-03-05,王五,"
    "已办结,成功,2023-03-20,书面,1500.55,,,\"双方达成协议，\"\"握手言和\"\"\n另附说明\"\n"
    ",mediation,宅基地纠纷,housing,referral,\"赵,六\",,0571-8765 4321,红星村,2023-01-15,,in_progress,,,,,,,\n"
    ",proposal,关于增设路灯的提案,,,,,,,2023-04-02,孙七,concluded,,2023-05-01,,,,yes,\n"
    ",litigation,行政诉讼出庭,,,,,,,2022-11-30,,open,,,,,2,,\n" },
  { FAZHI_LEDGER_TRAININGS,
    "日期,名称,形式,对象,学习内容,授课人,地点,应到人数,实到人数,学时,合格人数,备注\n"
    "2023-03-01,民法典专题讲座,讲座,机关干部职工,《民法典》,刘律师,三楼会议室,60,52,1.5,,\n"
    "2023-06-10,执法资格考试,exam,enforcement,,,,8,7,2,7,抽考\n" },
  { FAZHI_LEDGER_OUTREACH,
    "日期,活动名称,主题,形式,场所,村/社区,地点,主办单位,发放资料份数,受众人次,解答咨询人次,悬挂横幅条数,备注\n"
    "2023-04-15,国家安全日宣传,4·15全民国家安全教育日,线下,进社区,东风社区,广场,司法所,500,300,20,2,\n"
    "2023-12-04,宪法日线上答题,constitution,online,online,,,,0,1200,,,\n" },
  { FAZHI_LEDGER_ELECTIONS,
    "小区,启动日期,进度,表决日期,完成日期,备案日期,业主总人数,专有部分总面积,参与表决人数,参与表决面积,"
    "同意人数,同意面积,委员人数,任期（年）,备注\n"
    "阳光花园,2023-03-01,已备案,2023-05-20,2023-05-25,2023-06-10,300,25000.5,220,19000,150,13000.25,7,5,\n"
    "新月小区,2023-09-01,筹备,,,,,,,,,,,,\n" },
};

static void
assert_same_rows (FazhiLedgerId  ledger_id,
                  GPtrArray     *original,
                  GPtrArray     *copy)
{
  const FazhiLedger *ledger = fazhi_ledger_get (ledger_id);

  g_assert_cmpuint (copy->len, ==, original->len);
  for (guint r = 0; r < original->len; r++)
    {
      GStrv expected = g_ptr_array_index (original, r);
      GStrv actual = g_ptr_array_index (copy, r);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          /* An export for others masks phone numbers; a masked number is never imported. */
          if (ledger->fields[i].flags & FAZHI_FIELD_PERSONAL)
            g_assert_cmpstr (actual[i], ==, "");
          else
            g_assert_cmpstr (actual[i], ==, expected[i]);
        }
    }
}

static void
test_export_csv_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FazhiDatabase) copy = open_database (fixture, "copy.db");

  for (guint l = 0; l < G_N_ELEMENTS (full_ledgers); l++)
    {
      FazhiLedgerId ledger = full_ledgers[l].ledger;
      g_autofree char *source_name = g_strdup_printf ("source-%u.csv", l);
      g_autofree char *export_name = g_strdup_printf ("export-%u.csv", l);
      g_autofree char *source = write_file (fixture, source_name, full_ledgers[l].contents, -1);
      g_autofree char *exported = g_build_filename (fixture->dir, export_name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) original = NULL;
      g_autoptr(GPtrArray) copied = NULL;
      gint64 imported, written;

      imported = import_ok (fixture->database, ledger, source, NULL);
      g_assert_cmpint (imported, >, 0);

      written = fazhi_export (fixture->database, ledger, NULL, exported, &error);
      g_assert_no_error (error);
      g_assert_cmpint (written, ==, fazhi_database_count (fixture->database, ledger));

      g_assert_cmpint (import_ok (copy, ledger, exported, NULL), ==, written);
      original = read_rows (fixture->database, ledger);
      copied = read_rows (copy, ledger);
      assert_same_rows (ledger, original, copied);
    }
}

/* Texts a spreadsheet would run as formulas: the CSV quotes them, the XLSX writes them as
 * strings, and both import back exactly. */
static void
test_export_formula_injection (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *const texts[] = {
    "=HYPERLINK(\"http://example.com/x\",\"点此\")", "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "-2+3",
  };
  const char *formats[] = { "csv", "xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(FazhiRecord) record = fazhi_record_new (FAZHI_LEDGER_CASES);
      g_autofree char *number = g_strdup_printf ("F-%u", i);
      g_autoptr(GError) error = NULL;

      fazhi_record_set (record, "number", number);
      fazhi_record_set (record, "kind", "consultation");
      fazhi_record_set (record, "title", texts[i]);
      fazhi_record_set (record, "received_on", "2023-05-01");
      fazhi_record_set (record, "notes", texts[i]);
      g_assert_true (fazhi_store_save (fixture->database, record, &error));
      g_assert_no_error (error);
    }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("formulas.%s", formats[f]);
      g_autofree char *copy_name = g_strdup_printf ("copy-%s.db", formats[f]);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(FazhiDatabase) copy = open_database (fixture, copy_name);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (fazhi_export (fixture->database, FAZHI_LEDGER_CASES, NULL, path, &error), ==, G_N_ELEMENTS (texts));
      g_assert_no_error (error);
      if (f == 0)
        {
          g_autofree char *contents = fazhi_test_read_file (path, NULL);

          g_assert_nonnull (strstr (contents, ",\"'=HYPERLINK(\"\"http://example.com/x\"\",\"\"点此\"\")\","));
          g_assert_nonnull (strstr (contents, ",'+1+1,"));
          g_assert_nonnull (strstr (contents, ",'@SUM(1),"));
          g_assert_null (strstr (contents, ",+1+1,"));
        }
      else
        {
          g_autoptr(FazhiWorkbook) workbook = fazhi_workbook_open (path, &error);
          g_autoptr(FazhiSheetReader) reader = fazhi_workbook_read_sheet (workbook, 0, &error);
          const FazhiSheetRow *row;
          guint strings = 0;

          /* Every one is a text cell holding the text, no formula. */
          while ((row = fazhi_sheet_reader_next (reader, &error)) != NULL)
            for (guint c = 0; c < row->n_cells; c++)
              for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
                if (strcmp (row->cells[c].text, texts[i]) == 0 && row->cells[c].type == FAZHI_CELL_TEXT)
                  strings++;
          g_assert_no_error (error);
          g_assert_cmpuint (strings, ==, 2 * G_N_ELEMENTS (texts));
        }

      g_assert_cmpint (import_ok (copy, FAZHI_LEDGER_CASES, path, NULL), ==, G_N_ELEMENTS (texts));
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autofree char *number = g_strdup_printf ("F-%u", i);
          g_autofree char *title = query_text (copy, "SELECT title FROM cases WHERE number = ?", number);
          g_autofree char *notes = query_text (copy, "SELECT notes FROM cases WHERE number = ?", number);

          g_assert_cmpstr (title, ==, texts[i]);
          g_assert_cmpstr (notes, ==, texts[i]);
        }
    }
}

/* Phone numbers: masked for others, kept with unmasked; a masked one is never imported as a
 * number, and a note names its rows. */
static void
test_export_unmasked (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *source = write_file (fixture, "phones.csv",
                                        "编号,类别,事由,受理日期,联系电话\n"
                                        "P-1,consultation,咨询,2023-05-01,17712345169\n"
                                        "P-2,consultation,咨询二,2023-05-02,\n", -1);
  g_autofree char *masked = g_build_filename (fixture->dir, "masked.csv", NULL);
  g_autofree char *kept = g_build_filename (fixture->dir, "kept.xlsx", NULL);
  g_autoptr(FazhiDatabase) from_masked = open_database (fixture, "from-masked.db");
  g_autoptr(FazhiDatabase) from_kept = open_database (fixture, "from-kept.db");
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  FazhiExportFilter unmasked = { NULL, NULL, NULL, TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL, *masked_phone = NULL;

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, source, NULL), ==, 2);
  g_assert_cmpint (fazhi_export (fixture->database, FAZHI_LEDGER_CASES, NULL, masked, &error), ==, 2);
  g_assert_cmpint (fazhi_export (fixture->database, FAZHI_LEDGER_CASES, &unmasked, kept, &error), ==, 2);
  g_assert_no_error (error);

  g_assert_cmpint (import_ok (from_kept, FAZHI_LEDGER_CASES, kept, NULL), ==, 2);
  phone = query_text (from_kept, "SELECT phone FROM cases WHERE number = ?", "P-1");
  g_assert_cmpstr (phone, ==, "17712345169");

  g_assert_cmpint (import_ok (from_masked, FAZHI_LEDGER_CASES, masked, notes), ==, 2);
  masked_phone = query_text (from_masked, "SELECT phone FROM cases WHERE number = ?", "P-1");
  g_assert_null (masked_phone);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes, 0), ==,
                   "masked.csv: row 2: 联系电话 is masked (as an export for others writes it); not stored");
}

static void
test_export_csv_format (Fixture       *fixture,
                        gconstpointer  data)
{
  const FazhiLedger *ledger = fazhi_ledger_get (FAZHI_LEDGER_CASES);
  g_autofree char *source = write_file (fixture, "source.csv", full_ledgers[2].contents, -1);
  g_autofree char *exported = g_build_filename (fixture->dir, "Export.CSV", NULL);
  g_autofree char *partial = g_strconcat (exported, ".partial", NULL);
  g_autoptr(GString) header = g_string_new ("\xef\xbb\xbf");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  import_ok (fixture->database, FAZHI_LEDGER_CASES, source, NULL);
  g_assert_cmpint (fazhi_export (fixture->database, FAZHI_LEDGER_CASES, NULL, exported, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  g_file_get_contents (exported, &contents, &length, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ledger->n_fields; i++)
    g_string_append_printf (header, "%s%s", i > 0 ? "," : "", ledger->fields[i].label);
  g_string_append (header, "\r\n");
  g_assert_true (g_str_has_prefix (contents, header->str));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));

  /* Choices as the clerk reads them, the phone masked. */
  assert_contains (contents, ",矛盾纠纷调解,");
  assert_contains (contents, ",已办结,");
  g_assert_null (strstr (contents, ",mediation,"));
  g_assert_null (strstr (contents, "13812345678"));
  assert_contains (contents, "138****5678");
}

static void
test_export_period (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *dates[] = { "2022-12-31", "2023-01-01", "2023-03-31", "2023-04-01", "2023-06-15" };
  g_autoptr(GString) contents = g_string_new ("类别,事由,受理日期\n");
  g_autoptr(FazhiDatabase) copy = open_database (fixture, "copy.db");
  g_autofree char *source = NULL;
  g_autofree char *exported = g_build_filename (fixture->dir, "q1.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  FazhiPeriod period;
  FazhiExportFilter filter = { &period, NULL, NULL };
  gint64 in_period = 0;
  gint64 written;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_string_append_printf (contents, "consultation,咨询%u,%s\n", i, dates[i]);
  source = write_file (fixture, "source.csv", contents->str, -1);
  import_ok (fixture->database, FAZHI_LEDGER_CASES, source, NULL);

  g_assert_true (fazhi_period_init (&period, 2023, 1));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (strcmp (dates[i], period.start) >= 0 && strcmp (dates[i], period.end) <= 0)
      in_period++;
  g_assert_cmpint (in_period, >, 0);
  g_assert_cmpint (in_period, <, G_N_ELEMENTS (dates));

  written = fazhi_export (fixture->database, FAZHI_LEDGER_CASES, &filter, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, in_period);

  g_assert_cmpint (import_ok (copy, FAZHI_LEDGER_CASES, exported, NULL), ==, in_period);
  rows = read_rows (copy, FAZHI_LEDGER_CASES);
  g_assert_cmpuint (rows->len, ==, in_period);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *received = row_value (rows, i, FAZHI_LEDGER_CASES, "received_on");

      g_assert_cmpstr (received, >=, period.start);
      g_assert_cmpstr (received, <=, period.end);
    }
}

static void
test_export_where (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const args[] = { "mediation", NULL };
  FazhiExportFilter filter = { NULL, "t.kind = ?", args };
  g_autofree char *source = write_file (fixture, "source.csv", full_ledgers[2].contents, -1);
  g_autofree char *exported = g_build_filename (fixture->dir, "mediation.csv", NULL);
  g_autoptr(FazhiDatabase) copy = open_database (fixture, "copy.db");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 written;

  import_ok (fixture->database, FAZHI_LEDGER_CASES, source, NULL);
  expected = query_text (fixture->database, "SELECT count(*) FROM cases WHERE kind = ?", "mediation");

  written = fazhi_export (fixture->database, FAZHI_LEDGER_CASES, &filter, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, g_ascii_strtoll (expected, NULL, 10));
  g_assert_cmpint (written, <, fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES));

  import_ok (copy, FAZHI_LEDGER_CASES, exported, NULL);
  rows = read_rows (copy, FAZHI_LEDGER_CASES);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (row_value (rows, i, FAZHI_LEDGER_CASES, "kind"), ==, "mediation");
}

static void
test_export_xlsx (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint l = 0; l < G_N_ELEMENTS (full_ledgers); l++)
    {
      FazhiLedgerId ledger = full_ledgers[l].ledger;
      g_autofree char *source_name = g_strdup_printf ("source-%u.csv", l);
      g_autofree char *export_name = g_strdup_printf ("export-%u.%s", l, l % 2 ? "XLSX" : "xlsx");
      g_autofree char *source = write_file (fixture, source_name, full_ledgers[l].contents, -1);
      g_autofree char *exported = g_build_filename (fixture->dir, export_name, NULL);
      g_autofree char *partial = g_strconcat (exported, ".partial", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;
      gint64 written;

      import_ok (fixture->database, ledger, source, NULL);
      written = fazhi_export (fixture->database, ledger, NULL, exported, &error);
      g_assert_no_error (error);
      g_assert_cmpint (written, ==, fazhi_database_count (fixture->database, ledger));
      g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

      g_file_get_contents (exported, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 4);
      g_assert_cmpmem (contents, 4, "PK\x03\x04", 4);
    }
}

/* A wrong extension, a folder that does not exist, a cell too long for a spreadsheet: an error
 * that names the file, and no file left behind. */
static void
test_export_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new ("类别,事由,受理日期,备注\nconsultation,咨询,2023-01-10,");
  g_autofree char *source = NULL;
  struct
  {
    const char *name;
    GQuark      domain;
    int         code;
  } refused[] = {
    { "cases.txt", G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT },
    { "no-such-folder/cases.csv", G_IO_ERROR, G_IO_ERROR_NOT_FOUND },
    { "long.xlsx", G_IO_ERROR, G_IO_ERROR_FAILED },
  };

  /* Excel cells hold at most 32 767 characters. */
  for (guint i = 0; i < 40000; i++)
    g_string_append (contents, "记");
  g_string_append (contents, "\n");
  source = write_file (fixture, "long.csv", contents->str, -1);
  import_ok (fixture->database, FAZHI_LEDGER_CASES, source, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, refused[i].name, NULL);
      g_autofree char *partial = g_strconcat (path, ".partial", NULL);
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (fazhi_export (fixture->database, FAZHI_LEDGER_CASES, NULL, path, &error), ==, -1);
      g_assert_error (error, refused[i].domain, refused[i].code);
      assert_contains (error->message, base);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
    }
}

static char *
case_indexes (FazhiDatabase *database)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *statement = fazhi_database_prepare (database,
                                                    "SELECT name FROM sqlite_schema WHERE type = 'index' "
                                                    "AND tbl_name = 'cases' ORDER BY name", NULL);

  while (sqlite3_step (statement) == SQLITE_ROW)
    g_string_append_printf (names, "%s ", sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* A large import builds the plain indexes afresh at its end: afterwards they are all there and
 * serve their queries, and a refused one leaves them as they were. */
static void
test_import_bulk_keeps_indexes (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("kind,title,received_on,community\n");
  g_autofree char *before = case_indexes (fixture->database);
  g_autofree char *after = NULL;
  g_autofree char *after_refused = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *message = NULL;
  sqlite3_stmt *plan;

  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (csv, "consultation,咨询%u,2024-%02u-%02u,社区%u\n", i, 1 + i % 12, 1 + i % 28, i % 5);
  good = write_file (fixture, "good.csv", csv->str, -1);
  g_string_append (csv, "consultation,坏日期,2024-02-30,社区1\n");
  bad = write_file (fixture, "bad.csv", csv->str, -1);

  g_assert_true (strstr (before, "cases_received") != NULL);
  message = import_refused (fixture->database, FAZHI_LEDGER_CASES, bad);
  assert_contains (message, "bad.csv:6002:");
  after_refused = case_indexes (fixture->database);
  g_assert_cmpstr (after_refused, ==, before);
  g_assert_cmpint (fazhi_database_count (fixture->database, FAZHI_LEDGER_CASES), ==, 0);

  g_assert_cmpint (import_ok (fixture->database, FAZHI_LEDGER_CASES, good, NULL), ==, 6000);
  after = case_indexes (fixture->database);
  g_assert_cmpstr (after, ==, before);

  plan = fazhi_database_prepare (fixture->database,
                                 "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE received_on > '2024-06-01'", NULL);
  g_assert_cmpint (sqlite3_step (plan), ==, SQLITE_ROW);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (plan, 3), "cases_received"));
  sqlite3_reset (plan);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  ADD ("/transfer/import/chinese-headers", test_import_chinese_headers);
  ADD ("/transfer/import/english-headers", test_import_english_headers);
  ADD ("/transfer/import/gb18030", test_import_gb18030);
  ADD ("/transfer/import/unknown-column", test_import_unknown_column);
  ADD ("/transfer/import/missing-required", test_import_missing_required);
  ADD ("/transfer/import/duplicate-column", test_import_duplicate_column);
  ADD ("/transfer/import/bad-rows", test_import_bad_rows);
  ADD ("/transfer/import/many-problems", test_import_many_problems);
  ADD ("/transfer/import/problems-in-order", test_import_problems_in_order);
  ADD ("/transfer/import/failure-keeps-earlier-import", test_import_failure_keeps_earlier_import);
  ADD ("/transfer/import/creates-places", test_import_creates_places);
  ADD ("/transfer/import/generated-numbers", test_import_generated_numbers);
  ADD ("/transfer/import/progress", test_import_progress);
  ADD ("/transfer/import/bulk-keeps-indexes", test_import_bulk_keeps_indexes);
  ADD ("/transfer/export/csv-round-trip", test_export_csv_round_trip);
  ADD ("/transfer/export/csv-format", test_export_csv_format);
  ADD ("/transfer/export/formula-injection", test_export_formula_injection);
  ADD ("/transfer/export/unmasked", test_export_unmasked);
  ADD ("/transfer/export/period", test_export_period);
  ADD ("/transfer/export/where", test_export_where);
  ADD ("/transfer/export/xlsx", test_export_xlsx);
  ADD ("/transfer/export/refused", test_export_refused);

  return g_test_run ();
}
