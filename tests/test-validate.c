/* test-validate.c — every rule of the one validation, for every ledger */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "fazhi-ledger.h"
#include "fazhi-validate.h"

#define MAX_FIELDS 32

/* The values of one record as typed, by field key. */
typedef struct
{
  const FazhiLedger *ledger;
  const char        *input[MAX_FIELDS];
  const char        *names[MAX_FIELDS];
  gboolean           use_names;
  char             **normalized;
  GPtrArray         *problems;
} Form;

static void
form_clear_result (Form *form)
{
  g_clear_pointer (&form->problems, g_ptr_array_unref);
  if (form->normalized != NULL)
    fazhi_values_free (form->ledger, g_steal_pointer (&form->normalized));
}

static Form *
form_new (FazhiLedgerId id)
{
  Form *form = g_new0 (Form, 1);

  form->ledger = fazhi_ledger_get (id);
  g_assert_cmpuint (form->ledger->n_fields, <, MAX_FIELDS);
  return form;
}

static void
form_free (Form *form)
{
  form_clear_result (form);
  g_free (form);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Form, form_free)

static int
field_index (Form       *form,
             const char *key)
{
  int index = fazhi_ledger_field_index (form->ledger, key);

  if (index < 0)
    g_error ("the %s ledger has no field %s", form->ledger->key, key);
  return index;
}

static void
form_set (Form       *form,
          const char *key,
          const char *value)
{
  form->input[field_index (form, key)] = value;
}

static void
form_name (Form       *form,
           const char *key,
           const char *name)
{
  form->use_names = TRUE;
  form->names[field_index (form, key)] = name;
}

static GPtrArray *
form_check (Form *form)
{
  form_clear_result (form);
  form->problems = fazhi_validate (form->ledger, form->input, form->use_names ? form->names : NULL,
                                   &form->normalized);
  g_assert_nonnull (form->problems);
  g_assert_nonnull (form->normalized);
  return form->problems;
}

static const char *
normalized (Form       *form,
            const char *key)
{
  return form->normalized[field_index (form, key)];
}

static guint
problems_on (Form       *form,
             const char *key)
{
  int index = field_index (form, key);
  guint n = 0;

  for (guint i = 0; i < form->problems->len; i++)
    if (((FazhiProblem *) g_ptr_array_index (form->problems, i))->field == index)
      n++;

  return n;
}

static const char *
problem_message (Form       *form,
                 const char *key)
{
  int index = field_index (form, key);

  for (guint i = 0; i < form->problems->len; i++)
    {
      FazhiProblem *problem = g_ptr_array_index (form->problems, i);

      if (problem->field == index)
        return problem->message;
    }

  return NULL;
}

static void
dump_problems (Form *form)
{
  for (guint i = 0; i < form->problems->len; i++)
    {
      FazhiProblem *problem = g_ptr_array_index (form->problems, i);

      g_test_message ("problem on %s: %s", form->ledger->fields[problem->field].key, problem->message);
    }
}

static void
assert_valid (Form *form)
{
  form_check (form);
  dump_problems (form);
  g_assert_cmpuint (form->problems->len, ==, 0);
}

/* Exactly one problem, on @key, whose message holds every given fragment. */
static void
assert_only_problem (Form       *form,
                     const char *key,
                     ...)
{
  FazhiProblem *problem;
  va_list fragments;

  form_check (form);
  dump_problems (form);
  g_assert_cmpuint (form->problems->len, ==, 1);
  problem = g_ptr_array_index (form->problems, 0);
  g_assert_cmpstr (form->ledger->fields[problem->field].key, ==, key);

  va_start (fragments, key);
  for (const char *fragment = va_arg (fragments, const char *); fragment != NULL;
       fragment = va_arg (fragments, const char *))
    if (strstr (problem->message, fragment) == NULL)
      g_error ("“%s” does not contain “%s”", problem->message, fragment);
  va_end (fragments);
}

static void
assert_message_contains (const char *message,
                         const char *fragment)
{
  g_assert_nonnull (message);
  if (strstr (message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", message, fragment);
}

static Form *
valid_form (FazhiLedgerId id)
{
  Form *form = form_new (id);

  switch (id)
    {
    case FAZHI_LEDGER_CASES:
      form_set (form, "kind", "mediation");
      form_set (form, "title", "邻里噪音纠纷");
      form_set (form, "received_on", "2023-03-05");
      break;
    case FAZHI_LEDGER_TRAININGS:
      form_set (form, "held_on", "2023-04-12");
      form_set (form, "title", "民法典专题讲座");
      form_set (form, "attendees", "56");
      break;
    case FAZHI_LEDGER_OUTREACH:
      form_set (form, "held_on", "2023-04-15");
      form_set (form, "title", "国家安全教育日宣传");
      break;
    case FAZHI_LEDGER_ELECTIONS:
      form_set (form, "compound", "幸福家园");
      form_set (form, "started_on", "2023-05-10");
      break;
    case FAZHI_LEDGER_COMPOUNDS:
      form_set (form, "name", "幸福家园");
      break;
    case FAZHI_LEDGER_COMMUNITIES:
      form_set (form, "name", "东风社区");
      break;
    case FAZHI_N_LEDGERS:
    default:
      g_assert_not_reached ();
    }

  return form;
}

/* Each ledger's minimal record is valid: the other tests change one thing at a time from it. */
static void
test_minimal_records (void)
{
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      g_autoptr(Form) form = valid_form (id);

      g_test_message ("ledger %s", form->ledger->key);
      assert_valid (form);
    }
}

static void
test_required (void)
{
  guint checked = 0;

  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (id);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];
          static const char *blanks[] = { NULL, "", "   ", "\u3000" };

          if (!(field->flags & FAZHI_FIELD_REQUIRED))
            continue;

          for (guint b = 0; b < G_N_ELEMENTS (blanks); b++)
            {
              g_autoptr(Form) form = valid_form (id);

              g_test_message ("%s.%s left blank", ledger->key, field->key);
              form_set (form, field->key, blanks[b]);
              assert_only_problem (form, field->key, field->name, "is required", NULL);
              g_assert_null (normalized (form, field->key));
            }
          checked++;
        }
    }

  /* As the domain reference has it: kind, title, received_on; held_on, title, attendees; held_on,
   * title; compound, started_on; the names of compounds and communities. */
  g_assert_cmpuint (checked, ==, 12);
}

static void
test_required_message (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

  form_set (form, "received_on", NULL);
  form_check (form);
  g_assert_cmpuint (form->problems->len, ==, 1);
  g_assert_cmpstr (problem_message (form, "received_on"), ==, "Received on is required");
}

/* The names of an imported file's columns are used in the messages. */
static void
test_names (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

  form_name (form, "received_on", "受理日期");
  form_name (form, "concluded_on", "办结日期");
  form_set (form, "received_on", NULL);
  form_check (form);
  g_assert_cmpstr (problem_message (form, "received_on"), ==, "受理日期 is required");

  form_set (form, "received_on", "2023-02-30");
  form_check (form);
  assert_message_contains (problem_message (form, "received_on"), "受理日期");
  assert_message_contains (problem_message (form, "received_on"), "2023-02-30");

  /* Both names of a rule between two fields come from the file. */
  form_set (form, "received_on", "2023-03-05");
  form_set (form, "status", "concluded");
  form_set (form, "outcome", "success");
  form_set (form, "concluded_on", "2023-03-01");
  form_check (form);
  assert_message_contains (problem_message (form, "concluded_on"), "办结日期");
  assert_message_contains (problem_message (form, "concluded_on"), "受理日期");

  /* A field without a name of its own keeps the translated one. */
  form_set (form, "kind", NULL);
  form_set (form, "concluded_on", "2023-03-05");
  form_check (form);
  g_assert_cmpuint (form->problems->len, ==, 1);
  g_assert_cmpstr (problem_message (form, "kind"), ==, "Kind is required");
}

/* A record whose every date is 2023-03-05, with what makes each date allowed: one date can then
 * be changed without breaking a rule between dates. */
static Form *
same_day_form (FazhiLedgerId id)
{
  Form *form = valid_form (id);

  for (guint i = 0; i < form->ledger->n_fields; i++)
    if (form->ledger->fields[i].type == FAZHI_FIELD_DATE)
      form->input[i] = "2023-03-05";

  if (id == FAZHI_LEDGER_CASES)
    {
      form_set (form, "status", "concluded");
      form_set (form, "outcome", "success");
    }
  else if (id == FAZHI_LEDGER_ELECTIONS)
    form_set (form, "stage", "filed");

  return form;
}

static void
test_dates (void)
{
  static const char *typed[] = { "2023-03-05", "2023/3/5", "2023.3.5", "2023年3月5日", "2023-3-5", " 2023-03-05 " };
  static const char *refused[] = { "2023-02-30", "2023-13-01", "2023-02-29", "0000-01-01", "2023-03", "abc",
                                   "2023-03-05 trailing" };

  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (id);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];

          if (field->type != FAZHI_FIELD_DATE)
            continue;

          for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
            {
              g_autoptr(Form) form = same_day_form (id);

              form_set (form, field->key, typed[t]);
              form_check (form);
              g_test_message ("%s.%s = “%s”", ledger->key, field->key, typed[t]);
              dump_problems (form);
              g_assert_cmpstr (normalized (form, field->key), ==, "2023-03-05");
              g_assert_cmpuint (form->problems->len, ==, 0);
            }

          for (guint r = 0; r < G_N_ELEMENTS (refused); r++)
            {
              g_autoptr(Form) form = same_day_form (id);

              form_set (form, field->key, refused[r]);
              form_check (form);
              g_test_message ("%s.%s = “%s”", ledger->key, field->key, refused[r]);
              dump_problems (form);
              g_assert_cmpuint (form->problems->len, ==, 1);
              g_assert_cmpuint (problems_on (form, field->key), ==, 1);
              assert_message_contains (problem_message (form, field->key), field->name);
              assert_message_contains (problem_message (form, field->key), "is not a date");
              assert_message_contains (problem_message (form, field->key), refused[r]);
              g_assert_null (normalized (form, field->key));
            }
        }
    }

  /* 2024 is a leap year. */
  {
    g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

    form_set (form, "received_on", "2024-02-29");
    assert_valid (form);
    g_assert_cmpstr (normalized (form, "received_on"), ==, "2024-02-29");
  }
}

/* Every choice of every field is accepted by its key, its Chinese label and its English name. */
static void
test_choices (void)
{
  guint checked = 0;

  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (id);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];

          if (field->type != FAZHI_FIELD_CHOICE)
            continue;

          for (const FazhiChoice *choice = field->choices; choice->key != NULL; choice++)
            {
              g_autofree char *shouted = g_ascii_strup (choice->name, -1);
              const char *spellings[] = { choice->key, choice->label, choice->name, shouted };

              for (guint s = 0; s < G_N_ELEMENTS (spellings); s++)
                {
                  g_autoptr(Form) form = valid_form (id);

                  form_set (form, field->key, spellings[s]);
                  form_check (form);
                  g_test_message ("%s.%s = “%s”", ledger->key, field->key, spellings[s]);
                  g_assert_cmpstr (normalized (form, field->key), ==, choice->key);
                  checked++;
                }
            }
        }
    }

  g_assert_cmpuint (checked, >, 100);
}

static void
test_choice_refused (void)
{
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (id);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];
          g_autoptr(Form) form = NULL;
          const char *message;

          if (field->type != FAZHI_FIELD_CHOICE)
            continue;

          form = valid_form (id);
          form_set (form, field->key, "不存在的选项");
          form_check (form);
          g_test_message ("%s.%s", ledger->key, field->key);
          g_assert_cmpuint (problems_on (form, field->key), ==, 1);
          g_assert_null (normalized (form, field->key));

          /* The message names the field and the text typed, and lists what is allowed. */
          message = problem_message (form, field->key);
          assert_message_contains (message, field->name);
          assert_message_contains (message, "不存在的选项");
          for (const FazhiChoice *choice = field->choices; choice->key != NULL; choice++)
            assert_message_contains (message, choice->name);
        }
    }
}

typedef struct
{
  const char *typed;
  const char *stored;   /* NULL: refused */
  const char *message;  /* part of the message when refused */
} NumberCase;

static void
check_numbers (FazhiFieldType    type,
               const NumberCase *cases,
               guint             n_cases)
{
  guint checked = 0;

  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (id);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];

          if (field->type != type)
            continue;

          for (guint c = 0; c < n_cases; c++)
            {
              g_autoptr(Form) form = valid_form (id);

              form_set (form, field->key, cases[c].typed);
              form_check (form);
              g_test_message ("%s.%s = “%s”", ledger->key, field->key, cases[c].typed);
              dump_problems (form);
              g_assert_cmpstr (normalized (form, field->key), ==, cases[c].stored);
              if (cases[c].stored == NULL)
                {
                  g_assert_cmpuint (problems_on (form, field->key), ==, 1);
                  assert_message_contains (problem_message (form, field->key), field->name);
                  assert_message_contains (problem_message (form, field->key), cases[c].message);
                }
            }
          checked++;
        }
    }

  g_assert_cmpuint (checked, >, 5);
}

static void
test_integers (void)
{
  static const NumberCase cases[] = {
    { "1", "1", NULL },
    { "007", "7", NULL },
    { " 12 ", "12", NULL },
    { "-1", NULL, "cannot be negative" },
    { "1.5", NULL, "is not a whole number" },
    { "abc", NULL, "is not a whole number" },
    { "99999999999", NULL, "is not a whole number" },
    /* As clerks type them: full-width digits, thousands separators, a unit after the figure. */
    { "１２３", "123", NULL },
    { "1,234", "1234", NULL },
    { "１，２３４", "1234", NULL },
    { "70人", "70", NULL },
    { "13 份", "13", NULL },
    { "2万份", "20000", NULL },
    { "1,23", NULL, "is not a whole number" },
    { "1234,567", NULL, "is not a whole number" },
    { "200余人", NULL, "is not a whole number" },
    { "30多次", NULL, "is not a whole number" },
    { "5-10", NULL, "is not a whole number" },
  };

  check_numbers (FAZHI_FIELD_INTEGER, cases, G_N_ELEMENTS (cases));

  /* Zero is allowed where the count may be zero. */
  {
    g_autoptr(Form) form = valid_form (FAZHI_LEDGER_TRAININGS);

    form_set (form, "attendees", "0");
    form_set (form, "planned", "0");
    assert_valid (form);
    g_assert_cmpstr (normalized (form, "attendees"), ==, "0");
  }
}

static void
test_decimals (void)
{
  static const NumberCase cases[] = {
    { "12", "12", NULL },
    { "12.5", "12.5", NULL },
    { "12.50", "12.5", NULL },
    { "12.34", "12.34", NULL },
    { "12.00", "12", NULL },
    { ".5", "0.5", NULL },
    { "0", "0", NULL },
    { "12.345", NULL, "at most two decimals" },
    { "1e3", NULL, "at most two decimals" },
    { "12,5", NULL, "at most two decimals" },
    { "-3", NULL, "cannot be negative" },
    { "1,234.50", "1234.5", NULL },
    { "1800元", "1800", NULL },
    { "１８００．５元", "1800.5", NULL },
    { "1.25万元", "12500", NULL },
    { "3.456万", "34560", NULL },
    { "12.5㎡", "12.5", NULL },
    { "约1000元", NULL, "at most two decimals" },
    { "1000元左右", NULL, "at most two decimals" },
  };

  check_numbers (FAZHI_FIELD_DECIMAL, cases, G_N_ELEMENTS (cases));
}

/* A field left empty that has a fallback is stored with it, and no problem is raised. */
static void
test_fallbacks (void)
{
  guint checked = 0;

  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (id);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];
          g_autoptr(Form) form = NULL;

          if (field->fallback == NULL)
            continue;

          form = valid_form (id);
          form_set (form, field->key, "  ");
          assert_valid (form);
          g_assert_cmpstr (normalized (form, field->key), ==, field->fallback);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 3);

  /* The fallbacks the domain reference names. */
  {
    g_autoptr(Form) cases = valid_form (FAZHI_LEDGER_CASES);
    g_autoptr(Form) elections = valid_form (FAZHI_LEDGER_ELECTIONS);

    assert_valid (cases);
    g_assert_cmpstr (normalized (cases, "status"), ==, "open");
    g_assert_cmpstr (normalized (cases, "count"), ==, "1");
    assert_valid (elections);
    g_assert_cmpstr (normalized (elections, "term_years"), ==, "5");
  }
}

/* What is stored: trimmed text, ISO dates, choice keys, canonical decimals, nothing for empty. */
static void
test_normalized (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

  form_set (form, "number", " （2023）王调字第014号 ");
  form_set (form, "kind", "矛盾纠纷调解");
  form_set (form, "title", "  邻里噪音纠纷\t");
  form_set (form, "category", "Neighbours");
  form_set (form, "source", "申请调解");
  form_set (form, "applicant", "张三");
  form_set (form, "phone", "138****5678");
  form_set (form, "community", " 东风社区 ");
  form_set (form, "received_on", "2023年3月5日");
  form_set (form, "status", "已办结");
  form_set (form, "outcome", "成功");
  form_set (form, "concluded_on", "2023/3/20");
  form_set (form, "agreement", "written");
  form_set (form, "amount", "1200.50");
  form_set (form, "count", "");
  form_set (form, "notes", "");
  assert_valid (form);

  g_assert_cmpstr (normalized (form, "number"), ==, "（2023）王调字第014号");
  g_assert_cmpstr (normalized (form, "kind"), ==, "mediation");
  g_assert_cmpstr (normalized (form, "title"), ==, "邻里噪音纠纷");
  g_assert_cmpstr (normalized (form, "category"), ==, "neighbour");
  g_assert_cmpstr (normalized (form, "source"), ==, "application");
  g_assert_cmpstr (normalized (form, "applicant"), ==, "张三");
  g_assert_cmpstr (normalized (form, "phone"), ==, "138****5678");
  g_assert_cmpstr (normalized (form, "community"), ==, "东风社区");
  g_assert_cmpstr (normalized (form, "received_on"), ==, "2023-03-05");
  g_assert_cmpstr (normalized (form, "status"), ==, "concluded");
  g_assert_cmpstr (normalized (form, "outcome"), ==, "success");
  g_assert_cmpstr (normalized (form, "concluded_on"), ==, "2023-03-20");
  g_assert_cmpstr (normalized (form, "agreement"), ==, "written");
  g_assert_cmpstr (normalized (form, "amount"), ==, "1200.5");
  g_assert_cmpstr (normalized (form, "count"), ==, "1");
  g_assert_null (normalized (form, "notes"));
  g_assert_null (normalized (form, "respondent"));
  g_assert_null (normalized (form, "satisfied"));
  g_assert_null (form->normalized[form->ledger->n_fields]);

  /* Without @normalized the problems are still returned. */
  {
    g_autoptr(GPtrArray) problems = NULL;

    form_set (form, "title", NULL);
    problems = fazhi_validate (form->ledger, form->input, NULL, NULL);
    g_assert_cmpuint (problems->len, ==, 1);
  }
}

static Form *
concluded_case (const char *kind)
{
  Form *form = valid_form (FAZHI_LEDGER_CASES);

  form_set (form, "kind", kind);
  form_set (form, "status", "concluded");
  form_set (form, "concluded_on", "2023-03-20");
  if (g_strcmp0 (kind, "mediation") == 0)
    form_set (form, "outcome", "success");
  return form;
}

static void
test_case_conclusion (void)
{
  g_autoptr(Form) form = concluded_case ("mediation");

  assert_valid (form);

  /* Concluded the day it was received. */
  form_set (form, "concluded_on", "2023-03-05");
  assert_valid (form);

  form_set (form, "concluded_on", "2023-03-04");
  assert_only_problem (form, "concluded_on", "Concluded on", "cannot be before", "Received on", NULL);

  form_set (form, "concluded_on", NULL);
  assert_only_problem (form, "concluded_on", "Concluded on is required", NULL);

  form_set (form, "concluded_on", "2023-03-20");
  form_set (form, "outcome", NULL);
  assert_only_problem (form, "outcome", "Outcome is required", NULL);

  /* Other kinds may conclude without an outcome. */
  {
    g_autoptr(Form) consultation = concluded_case ("consultation");

    assert_valid (consultation);
    form_set (consultation, "outcome", "success");
    assert_valid (consultation);
    form_set (consultation, "concluded_on", NULL);
    assert_only_problem (consultation, "concluded_on", "is required", NULL);
  }
}

/* An outcome and a conclusion date belong to concluded matters only. */
static void
test_case_not_concluded (void)
{
  static const char *statuses[] = { "open", "in_progress", NULL };

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

      form_set (form, "status", statuses[s]);
      assert_valid (form);

      form_set (form, "outcome", "success");
      assert_only_problem (form, "outcome", "Outcome", "applies only", NULL);

      form_set (form, "outcome", NULL);
      form_set (form, "concluded_on", "2023-03-20");
      assert_only_problem (form, "concluded_on", "Concluded on", "applies only", NULL);
    }
}

static void
test_case_mediation_fields (void)
{
  static const char *mediation_only[][2] = {
    { "category", "family" }, { "source", "initiative" }, { "agreement", "oral" },
  };

  for (const FazhiChoice *kind = fazhi_case_kinds; kind->key != NULL; kind++)
    for (guint f = 0; f < G_N_ELEMENTS (mediation_only); f++)
      {
        g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

        form_set (form, "kind", kind->key);
        form_set (form, mediation_only[f][0], mediation_only[f][1]);
        g_test_message ("%s with %s", kind->key, mediation_only[f][0]);
        if (g_str_equal (kind->key, "mediation"))
          assert_valid (form);
        else
          assert_only_problem (form, mediation_only[f][0], "applies only", "mediation", NULL);
      }
}

static void
test_case_satisfied (void)
{
  for (const FazhiChoice *kind = fazhi_case_kinds; kind->key != NULL; kind++)
    {
      g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

      form_set (form, "kind", kind->key);
      form_set (form, "satisfied", "是");
      g_test_message ("%s with satisfied", kind->key);
      if (g_str_equal (kind->key, "proposal"))
        {
          assert_valid (form);
          g_assert_cmpstr (normalized (form, "satisfied"), ==, "yes");
        }
      else
        assert_only_problem (form, "satisfied", "Satisfied", "applies only", "proposal", NULL);
    }
}

static void
test_case_count (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

  form_set (form, "count", "1");
  assert_valid (form);

  form_set (form, "count", "2");
  assert_only_problem (form, "count", "Quantity", "mediation", "always 1", NULL);

  form_set (form, "kind", "consultation");
  form_set (form, "count", "73");
  assert_valid (form);
  g_assert_cmpstr (normalized (form, "count"), ==, "73");

  for (const FazhiChoice *kind = fazhi_case_kinds; kind->key != NULL; kind++)
    {
      form_set (form, "kind", kind->key);
      form_set (form, "count", "0");
      form_check (form);
      g_test_message ("%s with count 0", kind->key);
      dump_problems (form);
      g_assert_cmpuint (problems_on (form, "count"), >=, 1);
      assert_message_contains (problem_message (form, "count"), "at least 1");
      g_assert_cmpuint (problems_on (form, "count"), ==, form->problems->len);
    }
}

static void
test_case_phone (void)
{
  static const char *accepted[] = {
    "13812345678", "138****5678", "138-1234-5678", "010-12345678", "+86 138 1234 5678",
    "(0371) 66123456", "1234567", "123456789012345",
  };
  static const char *refused[] = {
    "123456", "1234567890123456", "138-abcd-5678", "电话13812345678", "13812345678#2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

      form_set (form, "phone", accepted[i]);
      g_test_message ("phone “%s”", accepted[i]);
      assert_valid (form);
      g_assert_cmpstr (normalized (form, "phone"), ==, accepted[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Form) form = valid_form (FAZHI_LEDGER_CASES);

      form_set (form, "phone", refused[i]);
      g_test_message ("phone “%s”", refused[i]);
      assert_only_problem (form, "phone", "Phone", refused[i], "is not a phone number", NULL);
    }
}

static void
test_training_passed (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_TRAININGS);

  for (const FazhiChoice *training_form = fazhi_training_forms; training_form->key != NULL; training_form++)
    {
      form_set (form, "form", training_form->key);
      form_set (form, "passed", "10");
      g_test_message ("form %s with passed", training_form->key);
      if (g_str_equal (training_form->key, "exam"))
        assert_valid (form);
      else
        assert_only_problem (form, "passed", "Passed", "applies only", "examination", NULL);
    }

  form_set (form, "form", "考试");
  form_set (form, "attendees", "7");
  form_set (form, "passed", "7");
  assert_valid (form);

  form_set (form, "passed", "8");
  assert_only_problem (form, "passed", "Passed", "cannot be more than", "Attendees", NULL);

  /* Compared as numbers, not as text. */
  form_set (form, "attendees", "10");
  form_set (form, "passed", "9");
  assert_valid (form);
  form_set (form, "attendees", "9");
  form_set (form, "passed", "10");
  assert_only_problem (form, "passed", "cannot be more than", NULL);
}

static void
test_election_stages (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_ELECTIONS);
  static const char *not_completed[] = { "preparing", "candidates", "voting", "failed" };

  for (guint i = 0; i < G_N_ELEMENTS (not_completed); i++)
    {
      form_set (form, "stage", not_completed[i]);
      assert_valid (form);
    }

  form_set (form, "stage", "published");
  assert_only_problem (form, "completed_on", "Completed on is required", NULL);
  form_set (form, "completed_on", "2023-07-01");
  assert_valid (form);

  form_set (form, "stage", "已备案");
  assert_only_problem (form, "filed_on", "Filed on is required", NULL);
  form_set (form, "filed_on", "2023-07-20");
  assert_valid (form);
  g_assert_cmpstr (normalized (form, "stage"), ==, "filed");

  form_set (form, "completed_on", NULL);
  assert_only_problem (form, "completed_on", "Completed on is required", NULL);
}

static void
test_election_dates (void)
{
  static const char *later[][2] = {
    { "vote_on", "started_on" }, { "completed_on", "started_on" }, { "filed_on", "completed_on" },
  };
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_ELECTIONS);

  form_set (form, "stage", "filed");
  form_set (form, "started_on", "2023-05-10");
  form_set (form, "vote_on", "2023-06-18");
  form_set (form, "completed_on", "2023-06-25");
  form_set (form, "filed_on", "2023-07-05");
  assert_valid (form);

  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      const FazhiField *later_field = fazhi_ledger_field (form->ledger, later[i][0]);
      const FazhiField *earlier_field = fazhi_ledger_field (form->ledger, later[i][1]);
      g_autoptr(Form) copy = valid_form (FAZHI_LEDGER_ELECTIONS);

      memcpy (copy->input, form->input, sizeof form->input);

      /* The same day is allowed, the day before is not. */
      form_set (copy, later[i][0], copy->input[field_index (copy, later[i][1])]);
      assert_valid (copy);

      form_set (copy, later[i][0], "2023-05-09");
      form_set (copy, later[i][1], "2023-05-10");
      form_check (copy);
      dump_problems (copy);
      g_assert_cmpuint (problems_on (copy, later[i][0]), ==, 1);
      assert_message_contains (problem_message (copy, later[i][0]), later_field->name);
      assert_message_contains (problem_message (copy, later[i][0]), "cannot be before");
      assert_message_contains (problem_message (copy, later[i][0]), earlier_field->name);
    }
}

static void
test_election_headcount (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_ELECTIONS);

  form_set (form, "owners_total", "300");
  form_set (form, "owners_voted", "300");
  form_set (form, "owners_approved", "300");
  assert_valid (form);

  form_set (form, "owners_voted", "301");
  form_set (form, "owners_approved", "200");
  assert_only_problem (form, "owners_voted", "Owners who voted", "cannot be more than", "Owners in total", NULL);

  form_set (form, "owners_voted", "250");
  form_set (form, "owners_approved", "251");
  assert_only_problem (form, "owners_approved", "Owners in favour", "cannot be more than", "Owners who voted",
                       NULL);

  /* As numbers: 99 is less than 100 although “99” sorts after “100”. */
  form_set (form, "owners_total", "100");
  form_set (form, "owners_voted", "99");
  form_set (form, "owners_approved", "60");
  assert_valid (form);
}

static void
test_election_area (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_ELECTIONS);

  form_set (form, "area_total", "1000.5");
  form_set (form, "area_voted", "1000.49");
  form_set (form, "area_approved", "1000.49");
  assert_valid (form);
  g_assert_cmpstr (normalized (form, "area_total"), ==, "1000.5");

  form_set (form, "area_total", "1000.49");
  form_set (form, "area_voted", "1000.5");
  form_set (form, "area_approved", "600");
  assert_only_problem (form, "area_voted", "Area that voted", "cannot be more than", "Exclusive area in total",
                       NULL);

  form_set (form, "area_total", "1000.50");
  form_set (form, "area_voted", "1000.5");
  assert_valid (form);

  form_set (form, "area_voted", "1000.49");
  form_set (form, "area_approved", "1000.5");
  assert_only_problem (form, "area_approved", "Area in favour", "cannot be more than", "Area that voted", NULL);

  /* 999.5 is less than 1000 although it sorts after it as text. */
  form_set (form, "area_total", "1000");
  form_set (form, "area_voted", "999.5");
  form_set (form, "area_approved", "999.5");
  assert_valid (form);
}

static void
test_election_at_least_one (void)
{
  static const char *keys[] = { "seats", "term_years" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(Form) form = valid_form (FAZHI_LEDGER_ELECTIONS);
      const FazhiField *field = fazhi_ledger_field (form->ledger, keys[i]);

      form_set (form, keys[i], "1");
      assert_valid (form);
      form_set (form, keys[i], "0");
      assert_only_problem (form, keys[i], field->name, "at least 1", NULL);
    }
}

/* Several problems are all reported, each on its own field. */
static void
test_several_problems (void)
{
  g_autoptr(Form) form = form_new (FAZHI_LEDGER_CASES);
  g_autofree char *joined = NULL;

  form_set (form, "kind", "lawsuit");
  form_set (form, "received_on", "2023-02-30");
  form_set (form, "amount", "-5");
  form_check (form);
  dump_problems (form);

  g_assert_cmpuint (form->problems->len, ==, 4);
  g_assert_cmpuint (problems_on (form, "kind"), ==, 1);
  g_assert_cmpuint (problems_on (form, "title"), ==, 1);
  g_assert_cmpuint (problems_on (form, "received_on"), ==, 1);
  g_assert_cmpuint (problems_on (form, "amount"), ==, 1);

  joined = fazhi_problems_join (form->problems, "\n");
  {
    g_auto(GStrv) lines = g_strsplit (joined, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    for (guint i = 0; i < form->problems->len; i++)
      g_assert_cmpstr (lines[i], ==, ((FazhiProblem *) g_ptr_array_index (form->problems, i))->message);
  }
}

/* Outreach numbers are counts: zero and more. */
static void
test_outreach (void)
{
  g_autoptr(Form) form = valid_form (FAZHI_LEDGER_OUTREACH);

  form_set (form, "channel", "线上");
  form_set (form, "venue", "网络平台");
  form_set (form, "theme", "12·4国家宪法日");
  form_set (form, "materials", "8000");
  form_set (form, "reached", "0");
  assert_valid (form);
  g_assert_cmpstr (normalized (form, "channel"), ==, "online");
  g_assert_cmpstr (normalized (form, "venue"), ==, "online");
  g_assert_cmpstr (normalized (form, "theme"), ==, "constitution");
  g_assert_cmpstr (normalized (form, "materials"), ==, "8000");

  form_set (form, "banners", "-2");
  assert_only_problem (form, "banners", "Banners hung", "cannot be negative", NULL);
}

/* The headers clerks write name the field they mean. */
static void
test_header_aliases (void)
{
  static const struct { FazhiLedgerId ledger; const char *header; const char *key; } cases[] = {
    { FAZHI_LEDGER_CASES, "当事人", "applicant" },
    { FAZHI_LEDGER_CASES, "申请人", "applicant" },
    { FAZHI_LEDGER_CASES, "对方当事人", "respondent" },
    { FAZHI_LEDGER_CASES, "被申请人", "respondent" },
    { FAZHI_LEDGER_CASES, "调解员", "handler" },
    { FAZHI_LEDGER_CASES, "经办人", "handler" },
    { FAZHI_LEDGER_CASES, "承办人", "handler" },
    { FAZHI_LEDGER_CASES, "受理时间", "received_on" },
    { FAZHI_LEDGER_CASES, "登记日期", "received_on" },
    { FAZHI_LEDGER_CASES, "受理\n日期", "received_on" },
    { FAZHI_LEDGER_CASES, " *受理日期： ", "received_on" },
    { FAZHI_LEDGER_CASES, "结案时间", "concluded_on" },
    { FAZHI_LEDGER_CASES, "调结日期", "concluded_on" },
    { FAZHI_LEDGER_CASES, "办结日期", "concluded_on" },
    { FAZHI_LEDGER_CASES, "纠纷类别", "category" },
    { FAZHI_LEDGER_CASES, "纠纷类型", "category" },
    { FAZHI_LEDGER_CASES, "纠纷简要情况", "title" },
    { FAZHI_LEDGER_CASES, "简要案情", "title" },
    { FAZHI_LEDGER_CASES, "事由", "title" },
    { FAZHI_LEDGER_CASES, "调解结果", "outcome" },
    { FAZHI_LEDGER_CASES, "结果", "outcome" },
    { FAZHI_LEDGER_CASES, "联系方式", "phone" },
    { FAZHI_LEDGER_CASES, "所属村（社区）", "community" },
    { FAZHI_LEDGER_CASES, "所属村(社区)", "community" },
    { FAZHI_LEDGER_CASES, "村（社区）", "community" },
    { FAZHI_LEDGER_CASES, "协议金额（元）", "amount" },
    { FAZHI_LEDGER_CASES, "received_on", "received_on" },
    { FAZHI_LEDGER_CASES, "Received on", "received_on" },
    { FAZHI_LEDGER_CASES, "序号", NULL },
    { FAZHI_LEDGER_CASES, "", NULL },
    { FAZHI_LEDGER_TRAININGS, "实到人数（人）", "attendees" },
    { FAZHI_LEDGER_ELECTIONS, "任期（年）", "term_years" },
    { FAZHI_LEDGER_OUTREACH, "发放资料（份）", "materials" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (cases[i].ledger);
      int field = fazhi_ledger_field_for_header (ledger, cases[i].header);

      g_test_message ("%s: “%s”", ledger->key, cases[i].header);
      if (cases[i].key == NULL)
        g_assert_cmpint (field, ==, -1);
      else
        {
          g_assert_cmpint (field, >=, 0);
          g_assert_cmpstr (ledger->fields[field].key, ==, cases[i].key);
        }
    }
}

/* Every name a field is known by, and every word a choice is known by, means one thing only. */
static void
test_aliases_unambiguous (void)
{
  for (FazhiLedgerId id = 0; id < FAZHI_N_LEDGERS; id++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (id);

      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];
          g_autofree char *all = g_strjoin ("|", field->key, field->label, field->name,
                                            field->aliases != NULL ? field->aliases : field->key, NULL);
          g_auto(GStrv) names = g_strsplit (all, "|", -1);

          for (guint n = 0; names[n] != NULL; n++)
            {
              g_test_message ("%s.%s: “%s”", ledger->key, field->key, names[n]);
              g_assert_cmpint (fazhi_ledger_field_for_header (ledger, names[n]), ==, (int) i);
            }

          for (const FazhiChoice *c = field->choices; field->type == FAZHI_FIELD_CHOICE && c->key != NULL; c++)
            {
              g_autofree char *words = g_strjoin ("|", c->key, c->label, c->name,
                                                  c->aliases != NULL ? c->aliases : c->key, NULL);
              g_auto(GStrv) each = g_strsplit (words, "|", -1);

              for (guint w = 0; each[w] != NULL; w++)
                {
                  g_test_message ("%s.%s = “%s”", ledger->key, field->key, each[w]);
                  g_assert_cmpstr (fazhi_field_find_choice (field, each[w])->key, ==, c->key);
                }
            }
        }
    }
}

/* The values clerks write: the label with 纠纷 after it, and the words of the trade. */
static void
test_value_aliases (void)
{
  static const struct { const char *field; const char *text; const char *key; } cases[] = {
    { "category", "婚姻家庭纠纷", "family" },
    { "category", "邻里纠纷", "neighbour" },
    { "category", "劳资纠纷", "labour" },
    { "category", "物业类", "property" },
    { "category", "婚姻家庭", "family" },
    { "outcome", "调解成功", "success" },
    { "outcome", "调解不成功", "failure" },
    { "outcome", "成功", "success" },
    { "status", "已结案", "concluded" },
    { "status", "已调结", "concluded" },
    { "status", "办理中", "in_progress" },
    { "kind", "矛盾纠纷调解", "mediation" },
    { "kind", "人民调解", "mediation" },
    { "kind", "Dispute mediation", "mediation" },
    { "satisfied", "满意", "yes" },
    { "category", "不存在纠纷", NULL },
    { "outcome", "调解", NULL },
  };
  const FazhiLedger *ledger = fazhi_ledger_get (FAZHI_LEDGER_CASES);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const FazhiChoice *choice = fazhi_field_find_choice (fazhi_ledger_field (ledger, cases[i].field), cases[i].text);

      g_test_message ("%s = “%s”", cases[i].field, cases[i].text);
      g_assert_cmpstr (choice != NULL ? choice->key : NULL, ==, cases[i].key);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* UTF-8 for the messages of a failing test, but English field names: no translation. */
  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/minimal-records", test_minimal_records);
  g_test_add_func ("/validate/required", test_required);
  g_test_add_func ("/validate/required-message", test_required_message);
  g_test_add_func ("/validate/names", test_names);
  g_test_add_func ("/validate/dates", test_dates);
  g_test_add_func ("/validate/choices", test_choices);
  g_test_add_func ("/validate/choice-refused", test_choice_refused);
  g_test_add_func ("/validate/integers", test_integers);
  g_test_add_func ("/validate/decimals", test_decimals);
  g_test_add_func ("/validate/fallbacks", test_fallbacks);
  g_test_add_func ("/validate/normalized", test_normalized);
  g_test_add_func ("/validate/several-problems", test_several_problems);
  g_test_add_func ("/validate/case/conclusion", test_case_conclusion);
  g_test_add_func ("/validate/case/not-concluded", test_case_not_concluded);
  g_test_add_func ("/validate/case/mediation-fields", test_case_mediation_fields);
  g_test_add_func ("/validate/case/satisfied", test_case_satisfied);
  g_test_add_func ("/validate/case/count", test_case_count);
  g_test_add_func ("/validate/case/phone", test_case_phone);
  g_test_add_func ("/validate/training/passed", test_training_passed);
  g_test_add_func ("/validate/outreach", test_outreach);
  g_test_add_func ("/validate/election/stages", test_election_stages);
  g_test_add_func ("/validate/election/dates", test_election_dates);
  g_test_add_func ("/validate/election/headcount", test_election_headcount);
  g_test_add_func ("/validate/election/area", test_election_area);
  g_test_add_func ("/validate/election/at-least-one", test_election_at_least_one);
  g_test_add_func ("/validate/aliases/headers", test_header_aliases);
  g_test_add_func ("/validate/aliases/unambiguous", test_aliases_unambiguous);
  g_test_add_func ("/validate/aliases/values", test_value_aliases);

  return g_test_run ();
}
