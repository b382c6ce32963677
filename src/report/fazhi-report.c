/* fazhi-report.c — the annual report: the clerk's text per year, filled with the figures
 *
 * The text is plain lines, as a clerk would type it in any editor: the first lines up to a blank
 * line are the title, a line starting “一、” is a section heading, a paragraph starting “（一）”
 * opens with its run-in heading sentence. The fixed Chinese wording added here (the date style)
 * is written in Chinese directly rather than through gettext: the report is a Chinese official
 * document whatever language the program's window speaks.
 */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-docx.h"
#include "fazhi-layout.h"
#include "fazhi-report.h"
#include "fazhi-stats.h"
#include "fazhi-template.h"

#define CHINESE_NUMERALS "一二三四五六七八九十"

char *
fazhi_report_text_load (FazhiDatabase  *database,
                        int             year,
                        int             quarter,
                        GError        **error)
{
  sqlite3_stmt *statement;
  char *body = NULL;
  int rc;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);
  g_return_val_if_fail (quarter >= 0 && quarter <= 4, NULL);

  statement = fazhi_database_prepare (database,
                                      "SELECT body FROM report_texts WHERE year = ? AND quarter = ?",
                                      error);
  if (statement == NULL)
    return NULL;

  sqlite3_bind_int (statement, 1, year);
  sqlite3_bind_int (statement, 2, quarter);

  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    body = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fazhi_database_set_error (database, rc, error);
      return NULL;
    }

  if (body != NULL)
    return body;

  /* Only the annual report is prose; a quarter has its tables and starts with no text. */
  return g_strdup (quarter == 0 ? fazhi_template_default_annual () : "");
}

gboolean
fazhi_report_text_save (FazhiDatabase  *database,
                        int             year,
                        int             quarter,
                        const char     *text,
                        GError        **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = fazhi_timestamp_now ();
  sqlite3_stmt *statement;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (quarter >= 0 && quarter <= 4, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!fazhi_database_begin (database, error))
    return FALSE;

  statement = fazhi_database_prepare (database,
                                      "INSERT INTO report_texts"
                                      " (uuid, created_at, updated_at, year, quarter, body)"
                                      " VALUES (?1, ?2, ?2, ?3, ?4, ?5)"
                                      " ON CONFLICT (year, quarter) DO UPDATE"
                                      " SET body = excluded.body, updated_at = excluded.updated_at",
                                      error);
  if (statement == NULL)
    {
      fazhi_database_rollback (database);
      return FALSE;
    }

  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 3, year);
  sqlite3_bind_int (statement, 4, quarter);
  sqlite3_bind_text (statement, 5, text, -1, SQLITE_STATIC);

  if (!fazhi_database_step_done (database, statement, error))
    {
      fazhi_database_rollback (database);
      return FALSE;
    }

  return fazhi_database_commit (database, error);
}

/* Strips what an editor or a pasted document may leave around a line, full-width spaces
 * (the clerk's own two-character indents) included. */
static char *
clean_line (const char *line)
{
  const char *start = line;
  const char *end = line + strlen (line);

  for (;;)
    {
      gunichar c = g_utf8_get_char (start);

      if (*start == '\0' || !(g_unichar_isspace (c) || c == 0x3000))
        break;
      start = g_utf8_next_char (start);
    }

  while (end > start)
    {
      const char *previous = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (previous);

      if (!(g_unichar_isspace (c) || c == 0x3000))
        break;
      end = previous;
    }

  return g_strndup (start, end - start);
}

/* The length in bytes of the Chinese numeral (一 … 九十九) at the start of @text, or 0. */
static gsize
numeral_length (const char *text)
{
  const char *p = text;
  guint n_characters = 0;

  while (*p != '\0' && n_characters < 3)
    {
      const char *next = g_utf8_next_char (p);
      g_autofree char *character = g_strndup (p, next - p);

      if (strstr (CHINESE_NUMERALS, character) == NULL)
        break;
      p = next;
      n_characters++;
    }

  return p - text;
}

static gboolean
is_heading (const char *line)
{
  gsize length = numeral_length (line);

  return length > 0 && g_str_has_prefix (line + length, "、");
}

static gboolean
has_level2_number (const char *line)
{
  gsize length;

  if (!g_str_has_prefix (line, "（"))
    return FALSE;

  length = numeral_length (line + strlen ("（"));
  return length > 0 && g_str_has_prefix (line + strlen ("（") + length, "）");
}

static void
add_body_line (FazhiDocument *document,
               const char    *line)
{
  const char *full_stop;

  if (is_heading (line))
    {
      fazhi_document_add (document, FAZHI_BLOCK_HEADING, line);
      return;
    }

  if (!has_level2_number (line))
    {
      fazhi_document_add_paragraph (document, NULL, line);
      return;
    }

  /* The run-in heading is the first sentence; a heading line with no full stop stands alone. */
  full_stop = strstr (line, "。");
  if (full_stop == NULL)
    {
      fazhi_document_add_paragraph (document, line, "");
    }
  else
    {
      const char *rest = full_stop + strlen ("。");
      g_autofree char *lead = g_strndup (line, rest - line);

      fazhi_document_add_paragraph (document, lead, rest);
    }
}

/* 2024-01-15 → 2024年1月15日 */
static char *
chinese_date (const char *iso)
{
  return g_strdup_printf ("%d年%d月%d日", atoi (iso), atoi (iso + 5), atoi (iso + 8));
}

static char *
setting_or_empty (FazhiDatabase *database,
                  const char    *key)
{
  char *value = fazhi_database_get_setting (database, key);

  if (value == NULL)
    return g_strdup ("");

  g_strstrip (value);
  return value;
}

static void
add_signature (FazhiDocument *document,
               FazhiDatabase *database)
{
  g_autofree char *office = setting_or_empty (database, "office_name");
  g_autofree char *district = setting_or_empty (database, "district");
  g_autofree char *today = fazhi_date_today ();
  g_autofree char *date = chinese_date (today);

  if (*office != '\0')
    fazhi_document_add (document, FAZHI_BLOCK_SIGNATURE, office);
  else if (*district != '\0')
    fazhi_document_add (document, FAZHI_BLOCK_SIGNATURE, district);

  fazhi_document_add (document, FAZHI_BLOCK_DATE, date);
}

/* Expands the whole text before cutting it into blocks, so that an error's line number is the
 * line of the text the clerk edits. */
FazhiDocument *
fazhi_report_build_from_text (FazhiDatabase  *database,
                              int             year,
                              const char     *text,
                              GError        **error)
{
  g_autoptr(FazhiDocument) document = NULL;
  g_autoptr(FazhiStats) stats = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GString) title = NULL;
  g_autofree char *expanded = NULL;
  g_auto(GStrv) lines = NULL;
  FazhiPeriod period;
  gboolean has_blank_line = FALSE;
  guint i = 0;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!fazhi_period_init (&period, year, 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no report for the year %d: the year is 1949 to 9999"), year);
      return NULL;
    }

  stats = fazhi_stats_compute (database, &period, error);
  if (stats == NULL)
    return NULL;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (values, (gpointer) "office_name", setting_or_empty (database, "office_name"));
  g_hash_table_insert (values, (gpointer) "district", setting_or_empty (database, "district"));
  g_hash_table_insert (values, (gpointer) "year", g_strdup_printf ("%d", year));
  g_hash_table_insert (values, (gpointer) "quarter", g_strdup (""));

  expanded = fazhi_template_expand (text, stats, values, error);
  if (expanded == NULL)
    return NULL;

  lines = g_strsplit (expanded, "\n", -1);
  for (guint j = 0; lines[j] != NULL; j++)
    {
      g_autofree char *line = clean_line (lines[j]);

      g_free (lines[j]);
      lines[j] = g_steal_pointer (&line);
    }

  document = fazhi_document_new ();

  while (lines[i] != NULL && *lines[i] == '\0')
    i++;
  for (guint j = i; lines[j] != NULL && !has_blank_line; j++)
    has_blank_line = *lines[j] == '\0';

  /* Without a blank line anywhere, only the first line can be meant as the title. */
  title = g_string_new (NULL);
  for (; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      if (title->len > 0)
        g_string_append_c (title, '\n');
      g_string_append (title, lines[i]);
      if (!has_blank_line)
        {
          i++;
          break;
        }
    }
  if (title->len > 0)
    fazhi_document_add (document, FAZHI_BLOCK_TITLE, title->str);

  for (; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      add_body_line (document, lines[i]);

  add_signature (document, database);

  return g_steal_pointer (&document);
}

FazhiDocument *
fazhi_report_build_annual (FazhiDatabase  *database,
                           int             year,
                           GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);

  text = fazhi_report_text_load (database, year, 0, error);
  if (text == NULL)
    return NULL;

  return fazhi_report_build_from_text (database, year, text, error);
}

static gboolean
write_text (FazhiDocument  *document,
            const char     *path,
            GError        **error)
{
  g_autofree char *text = fazhi_document_to_text (document);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                   _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
fazhi_report_write (FazhiDocument  *document,
                    const char     *path,
                    GError        **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *lower = NULL;
  gboolean written;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_utf8_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".pdf") && !g_str_has_suffix (lower, ".docx")
      && !g_str_has_suffix (lower, ".txt"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot write “%s”: a report is written as .pdf, .docx or .txt"), path);
      return FALSE;
    }

  /* A reader of @path never sees half a report, and a failure leaves an older one as it was. */
  partial = g_strconcat (path, ".partial", NULL);

  if (g_str_has_suffix (lower, ".pdf"))
    written = fazhi_layout_write_pdf (document, partial, error);
  else if (g_str_has_suffix (lower, ".docx"))
    written = fazhi_docx_write (document, partial, error);
  else
    written = write_text (document, partial, error);

  if (!written)
    {
      g_unlink (partial);
      return FALSE;
    }

  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      g_unlink (partial);
      return FALSE;
    }

  return TRUE;
}
