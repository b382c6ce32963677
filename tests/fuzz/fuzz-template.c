/* fuzz-template.c — any text through the report's template and its cutting into blocks
 *
 * The clerk's report text is what the report page and `fazhi-cli report` read: its
 * {placeholders} are expanded (fazhi_template_expand(), with and without the text values) and
 * the result is cut into title, headings, paragraphs and run-in headings
 * (fazhi_report_build_from_text()), over the sample office's figures of 2023 in a database made
 * once per process. The bytes are made valid UTF-8 first, as the text editor gives them. A
 * refusal (an error naming the placeholder) is a fine answer; a crash, a sanitizer's report, a
 * leak or a failed assertion is a finding.
 */

#define G_LOG_DOMAIN "fazhi-fuzz"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fazhi-demo.h"
#include "fazhi-fuzz.h"
#include "fazhi-report.h"
#include "fazhi-stats.h"
#include "fazhi-template.h"

static char *folder;
static FazhiDatabase *database;
static FazhiStats *stats;

static void
tear_down (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&stats, fazhi_stats_free);
  g_clear_object (&database);
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);

      g_unlink (file);
    }
  g_rmdir (folder);
}

static void
set_up (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  FazhiPeriod period;

  /* The same figures every run: "today" decides which mediations are overdue. */
  g_setenv ("FAZHI_TODAY", "2024-01-15", FALSE);

  folder = g_dir_make_tmp ("fazhi-fuzz-template-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (tear_down);
  path = g_build_filename (folder, "ledger.db", NULL);
  database = fazhi_database_open (path, &error);
  g_assert_no_error (error);
  g_assert (fazhi_demo_fill (database, 0, &error));
  g_assert (fazhi_database_set_setting (database, "office_name", "王褚街道办事处", &error));
  g_assert (fazhi_period_init (&period, 2023, 0));
  stats = fazhi_stats_compute (database, &period, &error);
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) data, size);
  g_autofree char *expanded = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(FazhiDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (database == NULL)
    set_up ();

  expanded = fazhi_template_expand (text, stats, NULL, &error);
  g_assert ((expanded != NULL) != (error != NULL));
  g_assert (expanded == NULL || g_utf8_validate (expanded, -1, NULL));
  g_clear_error (&error);
  g_clear_pointer (&expanded, g_free);

  g_hash_table_insert (values, (gpointer) "office_name", (gpointer) "{office_name}");
  g_hash_table_insert (values, (gpointer) "quarter", NULL);
  expanded = fazhi_template_expand (text, stats, values, &error);
  g_assert ((expanded != NULL) != (error != NULL));
  g_clear_error (&error);

  document = fazhi_report_build_from_text (database, 2023, text, &error);
  g_assert ((document != NULL) != (error != NULL));
  if (document != NULL)
    {
      g_autofree char *whole = fazhi_document_to_text (document);

      g_assert (g_utf8_validate (whole, -1, NULL));
    }

  return 0;
}
