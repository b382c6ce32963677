/* fazhi-validate.c — the one place that decides what a valid record is
 *
 * First every field is read on its own (required, a real date, a choice, a number ≥ 0), then the
 * rules that tie fields together are checked per ledger on the values that were readable.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-validate.h"
#include "fazhi-value.h"

typedef struct
{
  const FazhiLedger  *ledger;
  const char * const *names;
  char              **values;
  GPtrArray          *problems;
} Check;

void
fazhi_problem_free (FazhiProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

char **
fazhi_values_new (const FazhiLedger *ledger)
{
  return g_new0 (char *, ledger->n_fields + 1);
}

void
fazhi_values_free (const FazhiLedger *ledger,
                   char             **values)
{
  if (values == NULL)
    return;

  for (guint i = 0; i < ledger->n_fields; i++)
    g_free (values[i]);
  g_free (values);
}

static const char *
field_name (Check *check,
            int    index)
{
  if (check->names != NULL && check->names[index] != NULL)
    return check->names[index];

  return fazhi_field_display_name (&check->ledger->fields[index]);
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (Check      *check,
             int         index,
             const char *format,
             ...)
{
  FazhiProblem *problem = g_new0 (FazhiProblem, 1);
  va_list args;

  va_start (args, format);
  problem->field = index;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (check->problems, problem);
}

static gboolean
has_problem (Check *check,
             int    index)
{
  for (guint i = 0; i < check->problems->len; i++)
    if (((FazhiProblem *) g_ptr_array_index (check->problems, i))->field == index)
      return TRUE;

  return FALSE;
}

static char *
read_field (Check      *check,
            int         index,
            const char *text)
{
  const FazhiField *field = &check->ledger->fields[index];
  const char *name = field_name (check, index);
  g_autofree char *trimmed = NULL;
  gint64 number;

  if (fazhi_text_is_blank (text))
    {
      if (field->fallback != NULL)
        return g_strdup (field->fallback);
      if (field->flags & FAZHI_FIELD_REQUIRED)
        /* Translators: %s is a field name, e.g. 受理日期 */
        add_problem (check, index, _("%s is required"), name);
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (text));

  switch (field->type)
    {
    case FAZHI_FIELD_DATE:
      {
        char *iso = fazhi_parse_date (trimmed);

        if (iso == NULL)
          /* Translators: a field name, then the text typed */
          add_problem (check, index, _("%s “%s” is not a date (for example 2023-03-31)"), name, trimmed);
        return iso;
      }

    case FAZHI_FIELD_CHOICE:
      {
        const FazhiChoice *choice = fazhi_field_find_choice (field, trimmed);
        g_autoptr(GString) allowed = NULL;

        if (choice != NULL)
          return g_strdup (choice->key);

        allowed = g_string_new (NULL);
        for (const FazhiChoice *c = field->choices; c->key != NULL; c++)
          g_string_append_printf (allowed, "%s%s", allowed->len ? _(", ") : "", _(c->name));
        /* Translators: a field name, the text typed, then the list of allowed values */
        add_problem (check, index, _("%s “%s” is not one of: %s"), name, trimmed, allowed->str);
        return NULL;
      }

    case FAZHI_FIELD_INTEGER:
      {
        /* Most numbers arrive as they are stored: "12", not "012", "+12" or "１２人". */
        gboolean plain = g_ascii_isdigit (trimmed[0]) && (trimmed[0] != '0' || trimmed[1] == '\0');
        g_autofree char *figure = NULL;

        for (const char *p = trimmed; plain && *p != '\0'; p++)
          plain = g_ascii_isdigit (*p);
        if (!plain)
          figure = fazhi_number_from_text (trimmed);
        if (!plain && (figure == NULL || !fazhi_parse_integer (figure, &number)))
          {
            add_problem (check, index, _("%s “%s” is not a whole number"), name, trimmed);
            return NULL;
          }
        if (plain && !fazhi_parse_integer (trimmed, &number))
          {
            add_problem (check, index, _("%s “%s” is not a whole number"), name, trimmed);
            return NULL;
          }
        if (number < 0)
          {
            add_problem (check, index, _("%s cannot be negative"), name);
            return NULL;
          }
        if (plain)
          return g_steal_pointer (&trimmed);
        return g_strdup_printf ("%" G_GINT64_FORMAT, number);
      }

    case FAZHI_FIELD_DECIMAL:
      {
        g_autofree char *figure = fazhi_number_from_text (trimmed);

        if (figure == NULL || !fazhi_parse_decimal (figure, &number))
          {
            add_problem (check, index, _("%s “%s” is not a number with at most two decimals"), name, trimmed);
            return NULL;
          }
        if (number < 0)
          {
            add_problem (check, index, _("%s cannot be negative"), name);
            return NULL;
          }
        return fazhi_format_decimal (number);
      }

    case FAZHI_FIELD_TEXT:
    case FAZHI_FIELD_COMMUNITY:
    case FAZHI_FIELD_COMPOUND:
    default:
      return g_steal_pointer (&trimmed);
    }
}

/* The value of a field that was present and readable, or NULL. */
static const char *
value (Check      *check,
       const char *key)
{
  int index = fazhi_ledger_field_index (check->ledger, key);

  g_assert (index >= 0);
  return check->values[index];
}

static int
index_of (Check      *check,
          const char *key)
{
  return fazhi_ledger_field_index (check->ledger, key);
}

static gint64
number (Check      *check,
        const char *key)
{
  const FazhiField *field = fazhi_ledger_field (check->ledger, key);
  gint64 n = 0;

  if (field->type == FAZHI_FIELD_DECIMAL)
    fazhi_parse_decimal (value (check, key), &n);
  else
    fazhi_parse_integer (value (check, key), &n);

  return n;
}

static void
require (Check      *check,
         const char *key,
         gboolean    when)
{
  int index = index_of (check, key);

  if (when && value (check, key) == NULL && !has_problem (check, index))
    /* Translators: %s is a field name */
    add_problem (check, index, _("%s is required"), field_name (check, index));
}

static void
only_when (Check      *check,
           const char *key,
           gboolean    allowed,
           const char *when)
{
  int index = index_of (check, key);

  if (!allowed && value (check, key) != NULL)
    /* Translators: a field name, then when it applies, e.g. "to mediations" */
    add_problem (check, index, _("%s applies only %s"), field_name (check, index), when);
}

static void
not_before (Check      *check,
            const char *later,
            const char *earlier)
{
  int index = index_of (check, later);

  if (value (check, later) != NULL && value (check, earlier) != NULL
      && strcmp (value (check, later), value (check, earlier)) < 0)
    /* Translators: two field names, e.g. "办结日期 cannot be before 受理日期" */
    add_problem (check, index, _("%s cannot be before %s"),
                 field_name (check, index), field_name (check, index_of (check, earlier)));
}

static void
not_above (Check      *check,
           const char *part,
           const char *whole)
{
  int index = index_of (check, part);

  if (value (check, part) != NULL && value (check, whole) != NULL
      && number (check, part) > number (check, whole))
    /* Translators: two field names, e.g. "同意人数 cannot be more than 参与表决人数" */
    add_problem (check, index, _("%s cannot be more than %s"),
                 field_name (check, index), field_name (check, index_of (check, whole)));
}

static void
at_least_one (Check      *check,
              const char *key)
{
  int index = index_of (check, key);

  if (value (check, key) != NULL && number (check, key) < 1)
    add_problem (check, index, _("%s must be at least 1"), field_name (check, index));
}

/* Whether a field means anything for a record with these values: the editor hides the fields
 * that do not apply, and validation refuses a value in them. */
gboolean
fazhi_field_applies (const FazhiLedger  *ledger,
                     const char * const *values,
                     const char         *key)
{
  const char *kind, *status;

  switch (ledger->id)
    {
    case FAZHI_LEDGER_CASES:
      kind = values[fazhi_ledger_field_index (ledger, "kind")];
      status = values[fazhi_ledger_field_index (ledger, "status")];
      if (g_str_equal (key, "category") || g_str_equal (key, "source")
          || g_str_equal (key, "agreement") || g_str_equal (key, "amount"))
        return g_strcmp0 (kind, "mediation") == 0;
      if (g_str_equal (key, "satisfied"))
        return g_strcmp0 (kind, "proposal") == 0;
      if (g_str_equal (key, "outcome") || g_str_equal (key, "concluded_on"))
        return g_strcmp0 (status, "concluded") == 0;
      return TRUE;

    case FAZHI_LEDGER_TRAININGS:
      if (g_str_equal (key, "passed"))
        return g_strcmp0 (values[fazhi_ledger_field_index (ledger, "form")], "exam") == 0;
      return TRUE;

    case FAZHI_LEDGER_OUTREACH:
    case FAZHI_LEDGER_ELECTIONS:
    case FAZHI_LEDGER_COMPOUNDS:
    case FAZHI_LEDGER_COMMUNITIES:
    case FAZHI_N_LEDGERS:
    default:
      return TRUE;
    }
}

static void
only_when_applies (Check      *check,
                   const char *key,
                   const char *when)
{
  only_when (check, key,
             fazhi_field_applies (check->ledger, (const char * const *) check->values, key), when);
}

static void
check_case (Check *check)
{
  const char *kind = value (check, "kind");
  const char *status = value (check, "status");
  gboolean mediation = g_strcmp0 (kind, "mediation") == 0;
  gboolean concluded = g_strcmp0 (status, "concluded") == 0;
  const char *phone = value (check, "phone");

  only_when_applies (check, "category", _("to mediations"));
  only_when_applies (check, "source", _("to mediations"));
  only_when_applies (check, "agreement", _("to mediations"));
  only_when_applies (check, "amount", _("to mediations"));
  only_when_applies (check, "satisfied", _("to proposals"));
  only_when_applies (check, "outcome", _("once the matter is concluded"));
  only_when_applies (check, "concluded_on", _("once the matter is concluded"));
  require (check, "concluded_on", concluded);
  require (check, "outcome", concluded && mediation);
  not_before (check, "concluded_on", "received_on");
  at_least_one (check, "count");

  if (mediation && value (check, "count") != NULL && number (check, "count") != 1)
    add_problem (check, index_of (check, "count"), _("%s of a mediation is always 1"),
                 field_name (check, index_of (check, "count")));

  if (phone != NULL)
    {
      guint digits = 0;
      gboolean other = FALSE;

      /* A masked number (138****5678) from an export is still a number. */
      for (const char *p = phone; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) || *p == '*')
          digits++;
        else if (strchr (" -+()", *p) == NULL)
          other = TRUE;

      if (other || digits < 7 || digits > 15)
        add_problem (check, index_of (check, "phone"), _("%s “%s” is not a phone number"),
                     field_name (check, index_of (check, "phone")), phone);
    }
}

static void
check_training (Check *check)
{
  only_when_applies (check, "passed", _("to examinations"));
  not_above (check, "passed", "attendees");
}

static void
check_election (Check *check)
{
  const char *stage = value (check, "stage");
  gboolean completed = g_strcmp0 (stage, "published") == 0 || g_strcmp0 (stage, "filed") == 0;

  require (check, "completed_on", completed);
  require (check, "filed_on", g_strcmp0 (stage, "filed") == 0);
  not_before (check, "vote_on", "started_on");
  not_before (check, "completed_on", "started_on");
  not_before (check, "filed_on", "completed_on");
  not_above (check, "owners_voted", "owners_total");
  not_above (check, "area_voted", "area_total");
  not_above (check, "owners_approved", "owners_voted");
  not_above (check, "area_approved", "area_voted");
  at_least_one (check, "seats");
  at_least_one (check, "term_years");
}

GPtrArray *
fazhi_validate (const FazhiLedger  *ledger,
                const char * const *input,
                const char * const *names,
                char             ***normalized)
{
  Check check = { ledger, names, fazhi_values_new (ledger),
                  g_ptr_array_new_with_free_func ((GDestroyNotify) fazhi_problem_free) };

  for (guint i = 0; i < ledger->n_fields; i++)
    check.values[i] = read_field (&check, (int) i, input[i]);

  switch (ledger->id)
    {
    case FAZHI_LEDGER_CASES:
      check_case (&check);
      break;
    case FAZHI_LEDGER_TRAININGS:
      check_training (&check);
      break;
    case FAZHI_LEDGER_ELECTIONS:
      check_election (&check);
      break;
    case FAZHI_LEDGER_OUTREACH:
    case FAZHI_LEDGER_COMPOUNDS:
    case FAZHI_LEDGER_COMMUNITIES:
    case FAZHI_N_LEDGERS:
    default:
      break;
    }

  if (normalized != NULL)
    *normalized = check.values;
  else
    fazhi_values_free (ledger, check.values);

  return check.problems;
}

char *
fazhi_problems_join (GPtrArray  *problems,
                     const char *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      FazhiProblem *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, problem->message);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
