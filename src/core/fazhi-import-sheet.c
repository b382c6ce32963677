/* fazhi-import-sheet.c — preparing an import: the sheet, its header, its columns, the mapping
 * remembered
 *
 * Clerks' sheets start with a title (often one cell merged across), sometimes a header of two
 * rows (当事人 over 申请人 and 被申请人) and a row of units under it. The header is the row among
 * the first ones whose cells name the most fields; of two adjacent rows naming as many, the lower
 * one, which is what a two-row header's merged cells make of it.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-import-private.h"
#include "fazhi-value.h"

/* How far down a header is looked for. */
#define HEADER_SCAN_ROWS 30

/* The unit words a units row under the header holds. */
static const char *const unit_words[] = {
  "人", "人次", "名", "户", "件", "次", "条", "份", "个", "场", "期", "天", "日", "小时", "学时",
  "元", "万元", "平方米", "㎡", "m2", "m²", NULL,
};

/* Headers of a column that only counts the rows. */
static const char *const row_number_headers[] = { "序号", "序", "no", "no.", "#", NULL };

/* The text of a cell as a word: no spaces (full-width ones neither), half-width, lower case,
 * no brackets, colons or a unit's 单位 before it. */
static char *
cell_word (const char *text)
{
  g_autofree char *half = fazhi_text_to_half_width (text);
  GString *word = g_string_new (NULL);

  for (const char *p = half; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || strchr ("():*", (int) c) != NULL)
        continue;
      g_string_append_unichar (word, g_unichar_tolower (c));
    }
  if (g_str_has_prefix (word->str, "单位"))
    g_string_erase (word, 0, strlen ("单位"));

  return g_string_free (word, FALSE);
}

gboolean
fazhi_import_word_among (const char        *text,
                         const char *const *words)
{
  g_autofree char *word = cell_word (text);

  return g_strv_contains (words, word);
}

char *
fazhi_import_describe (FazhiImport *import,
                       guint        row,
                       const char  *message)
{
  const char *file = fazhi_workbook_get_display_name (import->workbook);
  const char *sheet = fazhi_workbook_get_sheet_name (import->workbook, import->sheet);

  if (fazhi_workbook_get_format (import->workbook) == FAZHI_WORKBOOK_TEXT)
    return row > 0 ? g_strdup_printf ("%s:%u: %s", file, row, message)
                   : g_strdup_printf ("%s: %s", file, message);

  if (row == 0)
    /* Translators: a file name, a sheet's name, then what is wrong */
    return g_strdup_printf (_("%s, sheet “%s”: %s"), file, sheet, message);

  /* Translators: a file name, a sheet's name, a row as the spreadsheet numbers it, then what is
   * wrong */
  return g_strdup_printf (_("%s, sheet “%s”, row %u: %s"), file, sheet, row, message);
}

static void
add_note (FazhiImport *import,
          guint        row,
          const char  *message)
{
  g_ptr_array_add (import->notes, fazhi_import_describe (import, row, message));
}

/* How many fields the cells of @row name (each once). */
static guint
header_score (FazhiImport         *import,
              const FazhiSheetRow *row)
{
  g_autofree gboolean *named = g_new0 (gboolean, import->ledger->n_fields);
  guint score = 0;

  for (guint c = 0; c < row->n_cells; c++)
    {
      int field = row->cells[c].type == FAZHI_CELL_TEXT
                  ? fazhi_ledger_field_for_header (import->ledger, row->cells[c].text) : -1;

      if (field >= 0 && !named[field])
        {
          named[field] = TRUE;
          score++;
        }
    }

  return score;
}

/* A row of units under the header: every cell a unit in brackets or repeating the header cell
 * above it (a cell merged down over both), and at least one unit. */
static gboolean
is_units_row (FazhiImport         *import,
              const FazhiSheetRow *row)
{
  gboolean unit = FALSE;

  for (guint c = 0; c < row->n_cells; c++)
    {
      const char *text = row->cells[c].text;

      if (row->cells[c].type == FAZHI_CELL_EMPTY)
        continue;
      if (row->cells[c].type == FAZHI_CELL_TEXT && fazhi_import_word_among (text, (const char *const *) unit_words))
        unit = TRUE;
      else if (c >= import->headers->len || strcmp (text, g_ptr_array_index (import->headers, c)) != 0)
        return FALSE;
    }

  return unit;
}

static void
set_headers (FazhiImport         *import,
             const FazhiSheetRow *row)
{
  g_ptr_array_set_size (import->headers, 0);
  for (guint c = 0; c < row->n_cells; c++)
    g_ptr_array_add (import->headers, g_strstrip (g_strdup (row->cells[c].text)));
  import->header_row = row->number;
}

/* Reads the first rows of the sheet, once, to find its header (or, with @header_row, to take that
 * row) and a units row under it. Without a row that names a field, the first row is taken as the
 * header, to be mapped by hand. */
static gboolean
read_header (FazhiImport  *import,
             guint         header_row,
             GError      **error)
{
  g_autoptr(FazhiSheetReader) reader = fazhi_workbook_read_sheet (import->workbook, import->sheet, error);
  const FazhiSheetRow *row;
  GError *local_error = NULL;
  gboolean check_units = FALSE;
  guint best_score = 0;
  guint n_rows = 0;

  if (reader == NULL)
    return FALSE;

  import->units_row = 0;
  import->header_row = 0;
  import->has_header = FALSE;
  while ((row = fazhi_sheet_reader_next (reader, &local_error)) != NULL)
    {
      guint score;

      if (check_units)
        {
          import->units_row = is_units_row (import, row) ? row->number : 0;
          check_units = FALSE;
        }
      if (header_row > 0 ? row->number > header_row : n_rows++ >= HEADER_SCAN_ROWS)
        break;

      if (header_row > 0)
        score = row->number == header_row ? 1 : 0;
      else
        score = header_score (import, row);

      /* Of two adjacent rows naming as many fields, the lower: a two-row header's merged cells
       * repeat in both, and only the lower one has all the names. */
      if (import->header_row == 0 || score > best_score
          || (score > 0 && score == best_score && row->number == import->header_row + 1))
        {
          set_headers (import, row);
          import->has_header = score > 0;
          import->header_fields = header_row > 0 ? header_score (import, row) : score;
          best_score = score;
          check_units = import->has_header;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (import->header_row == 0)
    {
      g_autofree char *text = fazhi_import_describe (import, 0, _("the sheet is empty"));

      g_set_error_literal (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_EMPTY, text);
      return FALSE;
    }

  if (header_row > 0 && !import->has_header)
    {
      /* Translators: a row number as the spreadsheet shows it */
      g_autofree char *message = g_strdup_printf (_("row %u is empty or past the end of the sheet"), header_row);
      g_autofree char *text = fazhi_import_describe (import, 0, message);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, text);
      return FALSE;
    }

  return TRUE;
}

static void
clear_names (FazhiImport *import)
{
  memset (import->names, 0, sizeof (char *) * import->ledger->n_fields);
  for (guint c = 0; c < import->column_field->len; c++)
    {
      int field = g_array_index (import->column_field, int, c);

      if (field >= 0 && import->names[field] == NULL)
        import->names[field] = g_ptr_array_index (import->headers, c);
    }
}

/* Each column to the field its header names; a second column for one field, and columns that
 * name none, are ignored with a note. */
static void
map_columns (FazhiImport *import)
{
  const FazhiLedger *ledger = import->ledger;
  g_autofree int *column_of = g_new (int, ledger->n_fields);
  gboolean uuid = FALSE;

  for (guint i = 0; i < ledger->n_fields; i++)
    column_of[i] = -1;
  g_ptr_array_set_size (import->notes, 0);
  g_array_set_size (import->column_field, import->headers->len);

  for (guint c = 0; c < import->headers->len; c++)
    {
      const char *header = g_ptr_array_index (import->headers, c);
      int field = fazhi_ledger_field_for_header (ledger, header);
      g_autofree char *letter = fazhi_column_name (c);

      g_array_index (import->column_field, int, c) = -1;
      if (header[0] == '\0' || fazhi_import_word_among (header, (const char *const *) row_number_headers))
        continue;

      if (field < 0 && !uuid && g_ascii_strcasecmp (header, "uuid") == 0)
        {
          g_array_index (import->column_field, int, c) = FAZHI_IMPORT_UUID_COLUMN;
          uuid = TRUE;
          continue;
        }

      if (field < 0)
        {
          g_autofree char *message =
            /* Translators: a column header, its letter (D), then the ledger's name */
            g_strdup_printf (_("column “%s” (%s) is not a field of the %s ledger; ignored"),
                             header, letter, _(ledger->name));

          add_note (import, import->has_header ? import->header_row : 0, message);
          continue;
        }

      if (column_of[field] >= 0)
        {
          g_autofree char *first = fazhi_column_name ((guint) column_of[field]);
          g_autofree char *message =
            /* Translators: a column header and its letter, the other column's header and letter,
             * then the field's Chinese label */
            g_strdup_printf (_("column “%s” (%s) is %s like column “%s” (%s); ignored"),
                             header, letter, ledger->fields[field].label,
                             (const char *) g_ptr_array_index (import->headers, column_of[field]), first);

          add_note (import, import->header_row, message);
          continue;
        }

      column_of[field] = (int) c;
      g_array_index (import->column_field, int, c) = field;
    }

  clear_names (import);
}

FazhiImport *
fazhi_import_new (FazhiLedgerId   ledger,
                  const char     *path,
                  GError        **error)
{
  g_autoptr(FazhiImport) import = NULL;
  FazhiWorkbook *workbook;

  g_return_val_if_fail (ledger < FAZHI_N_LEDGERS, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  workbook = fazhi_workbook_open (path, error);
  if (workbook == NULL)
    return NULL;

  import = g_new0 (FazhiImport, 1);
  import->ledger = fazhi_ledger_get (ledger);
  import->workbook = workbook;
  import->headers = g_ptr_array_new_with_free_func (g_free);
  import->column_field = g_array_new (FALSE, TRUE, sizeof (int));
  import->fixed = g_new0 (char *, import->ledger->n_fields + 1);
  import->names = g_new0 (const char *, import->ledger->n_fields + 1);
  import->notes = g_ptr_array_new_with_free_func (g_free);

  if (!fazhi_import_set_sheet (import, fazhi_workbook_get_default_sheet (workbook), error))
    return NULL;

  /* A workbook that opens on a cover or an instructions sheet, or keeps every ledger in a sheet
   * of its own: the visible sheet whose header names the most of this ledger's fields is the
   * one meant; the first visible one when none names more. */
  {
    guint best = import->sheet;
    guint best_fields = import->header_fields;

    for (guint sheet = 0; sheet < fazhi_workbook_get_n_sheets (workbook); sheet++)
      {
        g_autoptr(GError) local_error = NULL;

        if (sheet == best || fazhi_workbook_sheet_is_hidden (workbook, sheet))
          continue;
        import->sheet = sheet;
        if (read_header (import, 0, &local_error) && import->has_header && import->header_fields > best_fields)
          {
            best = sheet;
            best_fields = import->header_fields;
          }
      }
    if (!fazhi_import_set_sheet (import, best, error))
      return NULL;
  }

  return g_steal_pointer (&import);
}

void
fazhi_import_free (FazhiImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->workbook, fazhi_workbook_free);
  g_ptr_array_unref (import->headers);
  g_array_unref (import->column_field);
  /* Sparse: g_strfreev() would stop at the first field without a fixed value. */
  for (guint i = 0; i < import->ledger->n_fields; i++)
    g_free (import->fixed[i]);
  g_free (import->fixed);
  g_free (import->names);
  g_ptr_array_unref (import->notes);
  g_free (import);
}

FazhiLedgerId
fazhi_import_get_ledger (FazhiImport *import)
{
  return import->ledger->id;
}

FazhiWorkbook *
fazhi_import_get_workbook (FazhiImport *import)
{
  return import->workbook;
}

guint
fazhi_import_get_sheet (FazhiImport *import)
{
  return import->sheet;
}

gboolean
fazhi_import_set_sheet (FazhiImport  *import,
                        guint         sheet,
                        GError      **error)
{
  g_return_val_if_fail (sheet < fazhi_workbook_get_n_sheets (import->workbook), FALSE);

  import->sheet = sheet;
  if (!read_header (import, 0, error))
    return FALSE;
  map_columns (import);
  return TRUE;
}

guint
fazhi_import_get_header_row (FazhiImport *import)
{
  return import->header_row;
}

gboolean
fazhi_import_has_header (FazhiImport *import)
{
  return import->has_header;
}

gboolean
fazhi_import_set_header_row (FazhiImport  *import,
                             guint         row,
                             GError      **error)
{
  g_return_val_if_fail (row > 0, FALSE);

  if (!read_header (import, row, error))
    return FALSE;
  map_columns (import);
  return TRUE;
}

guint
fazhi_import_get_n_columns (FazhiImport *import)
{
  return import->headers->len;
}

const char *
fazhi_import_get_column_header (FazhiImport *import,
                                guint        column)
{
  g_return_val_if_fail (column < import->headers->len, NULL);

  return g_ptr_array_index (import->headers, column);
}

int
fazhi_import_get_column_field (FazhiImport *import,
                               guint        column)
{
  g_return_val_if_fail (column < import->column_field->len, -1);

  return MAX (g_array_index (import->column_field, int, column), -1);
}

/* A field goes into from one column at most: the one it is now given to. */
void
fazhi_import_set_column_field (FazhiImport *import,
                               guint        column,
                               int          field)
{
  g_return_if_fail (column < import->column_field->len);
  g_return_if_fail (field >= -1 && field < (int) import->ledger->n_fields);

  if (field >= 0)
    for (guint c = 0; c < import->column_field->len; c++)
      if (g_array_index (import->column_field, int, c) == field)
        g_array_index (import->column_field, int, c) = -1;
  g_array_index (import->column_field, int, column) = field;
  clear_names (import);
}

/* The field @name names: its key, label, name or an alias. */
static int
find_field (FazhiImport  *import,
            const char   *name,
            GError      **error)
{
  int field = fazhi_ledger_field_index (import->ledger, name);

  if (field < 0)
    field = fazhi_ledger_field_for_header (import->ledger, name);
  if (field < 0)
    {
      g_autoptr(GString) keys = g_string_new (NULL);

      for (guint i = 0; i < import->ledger->n_fields; i++)
        g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "", import->ledger->fields[i].key);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: what was given, the ledger's name, then the list of its fields */
                   _("“%s” is not a field of the %s ledger (the fields are: %s)"),
                   name, _(import->ledger->name), keys->str);
    }

  return field;
}

gboolean
fazhi_import_map_header (FazhiImport  *import,
                         const char   *header,
                         const char   *field_name,
                         GError      **error)
{
  int field = -1;

  if (field_name[0] != '\0' && strcmp (field_name, "-") != 0
      && (field = find_field (import, field_name, error)) < 0)
    return FALSE;

  for (guint c = 0; c < import->headers->len; c++)
    {
      g_autofree char *letter = fazhi_column_name (c);

      if (strcmp (g_ptr_array_index (import->headers, c), header) == 0 || strcmp (letter, header) == 0)
        {
          fazhi_import_set_column_field (import, c, field);
          return TRUE;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: a column header given on the command line, then the row of the header */
               _("the sheet has no column headed “%s” in row %u"), header, import->header_row);
  return FALSE;
}

gboolean
fazhi_import_set_fixed (FazhiImport  *import,
                        const char   *field_name,
                        const char   *value,
                        GError      **error)
{
  int field = find_field (import, field_name, error);
  g_autofree const char **input = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (field < 0)
    return FALSE;

  g_clear_pointer (&import->fixed[field], g_free);
  if (value == NULL)
    return TRUE;

  /* Checked on its own, as a cell of the field would be. */
  input = g_new0 (const char *, import->ledger->n_fields + 1);
  input[field] = value;
  problems = fazhi_validate (import->ledger, input, NULL, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      FazhiProblem *problem = g_ptr_array_index (problems, i);

      if (problem->field == field)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, problem->message);
          return FALSE;
        }
    }

  import->fixed[field] = g_strdup (value);
  return TRUE;
}

const char *
fazhi_import_get_fixed (FazhiImport *import,
                        int          field)
{
  g_return_val_if_fail (field >= 0 && field < (int) import->ledger->n_fields, NULL);

  return import->fixed[field];
}

void
fazhi_import_set_update (FazhiImport *import,
                         gboolean     update)
{
  import->update = update;
}

GPtrArray *
fazhi_import_get_notes (FazhiImport *import)
{
  return import->notes;
}

GPtrArray *
fazhi_import_sheet_problems (FazhiImport *import)
{
  const FazhiLedger *ledger = import->ledger;
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ledger->n_fields; i++)
    if ((ledger->fields[i].flags & FAZHI_FIELD_REQUIRED) && import->names[i] == NULL
        && import->fixed[i] == NULL)
      {
        g_autofree char *message =
          /* Translators: a field's Chinese label and its key */
          g_strdup_printf (_("the required column “%s” (%s) is missing"),
                           ledger->fields[i].label, ledger->fields[i].key);

        g_ptr_array_add (problems, fazhi_import_describe (import, 0, message));
      }

  return problems;
}

/* The setting a mapping is kept under: the ledger and the header's cells. */
static char *
mapping_key (FazhiImport *import)
{
  g_autoptr(GString) header = g_string_new (NULL);
  g_autofree char *checksum = NULL;

  for (guint c = 0; c < import->headers->len; c++)
    g_string_append_printf (header, "%s\x1f", (const char *) g_ptr_array_index (import->headers, c));
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, header->str, -1);

  return g_strdup_printf ("import-mapping:%s:%s", import->ledger->key, checksum);
}

/* The mapping as text: a line of field keys ("" ignored, "uuid"), one per column, tab-separated,
 * then a line of key=value fixed values. */
gboolean
fazhi_import_remember_mapping (FazhiImport    *import,
                               FazhiDatabase  *database,
                               GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *key = mapping_key (import);

  for (guint c = 0; c < import->column_field->len; c++)
    {
      int field = g_array_index (import->column_field, int, c);

      if (c > 0)
        g_string_append_c (text, '\t');
      g_string_append (text, field >= 0 ? import->ledger->fields[field].key
                             : field == FAZHI_IMPORT_UUID_COLUMN ? "uuid" : "");
    }
  g_string_append_c (text, '\n');
  for (guint i = 0; i < import->ledger->n_fields; i++)
    if (import->fixed[i] != NULL)
      g_string_append_printf (text, "%s=%s\t", import->ledger->fields[i].key, import->fixed[i]);

  return fazhi_database_set_setting (database, key, text->str, error);
}

gboolean
fazhi_import_recall_mapping (FazhiImport   *import,
                             FazhiDatabase *database)
{
  g_autofree char *key = mapping_key (import);
  g_autofree char *text = fazhi_database_get_setting (database, key);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) fixed = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;

  lines = g_strsplit (text, "\n", 2);
  columns = g_strsplit (lines[0], "\t", -1);
  if (g_strv_length (columns) != import->column_field->len)
    return FALSE;

  for (guint c = 0; columns[c] != NULL; c++)
    g_array_index (import->column_field, int, c) =
      strcmp (columns[c], "uuid") == 0 ? FAZHI_IMPORT_UUID_COLUMN
                                       : fazhi_ledger_field_index (import->ledger, columns[c]);
  clear_names (import);

  fixed = g_strsplit (lines[1] != NULL ? lines[1] : "", "\t", -1);
  for (guint i = 0; i < import->ledger->n_fields; i++)
    g_clear_pointer (&import->fixed[i], g_free);
  for (guint i = 0; fixed[i] != NULL; i++)
    {
      char *equals = strchr (fixed[i], '=');
      int field;

      if (equals == NULL)
        continue;
      *equals = '\0';
      field = fazhi_ledger_field_index (import->ledger, fixed[i]);
      if (field >= 0)
        import->fixed[field] = g_strdup (equals + 1);
    }

  return TRUE;
}
