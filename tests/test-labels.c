/* test-labels.c — the Chinese window speaks the domain's own words
 *
 * Every field and choice of the ledgers has the Chinese label of the domain reference beside its
 * English name; the zh_CN translation of the name must be that label, so the window, the CSV
 * headers and the reports call a thing by the same name.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "fazhi-ledger.h"

static void
check_choices (const FazhiChoice *choices,
               const char        *where)
{
  for (const FazhiChoice *c = choices; c != NULL && c->key != NULL; c++)
    if (g_strcmp0 (_(c->name), c->label) != 0)
      g_error ("%s: “%s” translates to “%s”, not “%s”", where, c->name, _(c->name), c->label);
}

static void
test_fields_and_choices (void)
{
  guint checked = 0;

  for (FazhiLedgerId l = 0; l < FAZHI_N_LEDGERS; l++)
    {
      const FazhiLedger *ledger = fazhi_ledger_get (l);

      g_assert_cmpstr (_(ledger->name), ==, ledger->label);
      for (guint i = 0; i < ledger->n_fields; i++)
        {
          const FazhiField *field = &ledger->fields[i];

          g_assert_cmpstr (fazhi_field_display_name (field), ==, field->label);
          if (field->type == FAZHI_FIELD_CHOICE)
            check_choices (field->choices, field->key);
          checked++;
        }
    }

  g_assert_cmpuint (checked, >, 50);
}

static void
test_count_meanings (void)
{
  g_assert_cmpstr (fazhi_case_count_name ("litigation"), ==, "出庭场次");
  g_assert_cmpstr (fazhi_case_count_name ("consultation"), ==, "咨询人次");
  g_assert_cmpstr (fazhi_case_count_name ("review"), ==, "文书份数");
  g_assert_cmpstr (fazhi_case_count_name ("inspection"), ==, "检查次数");
  g_assert_null (fazhi_case_count_name ("mediation"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *catalogue = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The catalogue built beside the tests, in Chinese. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_message ("the zh_CN.UTF-8 locale is not installed (locale-gen zh_CN.UTF-8)");
      return 77;
    }
  catalogue = g_build_filename (g_getenv ("FAZHI_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, catalogue);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Received on"), "受理日期") != 0)
    g_error ("no Chinese catalogue in %s", catalogue);

  g_test_add_func ("/labels/fields-and-choices", test_fields_and_choices);
  g_test_add_func ("/labels/count-meanings", test_count_meanings);

  return g_test_run ();
}
