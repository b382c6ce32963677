/* fazhi-workbook-cells.c — what every format's reader shares: putting a row together, merged
 * ranges, and how numbers and dates read
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fazhi-workbook-private.h"

/* The row builder */

void
fazhi_row_builder_init (FazhiRowBuilder *builder)
{
  memset (builder, 0, sizeof *builder);
  builder->types = g_array_new (FALSE, FALSE, sizeof (FazhiCellType));
  builder->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  builder->text = g_string_new (NULL);
  builder->cells = g_array_new (FALSE, FALSE, sizeof (FazhiCell));
}

void
fazhi_row_builder_clear (FazhiRowBuilder *builder)
{
  g_clear_pointer (&builder->types, g_array_unref);
  g_clear_pointer (&builder->offsets, g_array_unref);
  if (builder->text != NULL)
    g_string_free (builder->text, TRUE);
  builder->text = NULL;
  g_clear_pointer (&builder->cells, g_array_unref);
}

void
fazhi_row_builder_begin (FazhiRowBuilder *builder,
                         guint            number)
{
  g_array_set_size (builder->types, 0);
  g_array_set_size (builder->offsets, 0);
  /* Offset 0 is the empty text every empty cell points at. */
  g_string_truncate (builder->text, 0);
  g_string_append_c (builder->text, '\0');
  builder->row.number = number;
}

void
fazhi_row_builder_set (FazhiRowBuilder *builder,
                       guint            column,
                       FazhiCellType    type,
                       const char      *text,
                       gssize           length)
{
  gsize offset = 0;

  g_return_if_fail (column < FAZHI_WORKBOOK_MAX_COLUMNS);

  if (length < 0)
    length = text != NULL ? (gssize) strlen (text) : 0;
  if (length == 0)
    type = FAZHI_CELL_EMPTY;

  if (column >= builder->types->len)
    {
      guint old = builder->types->len;

      /* g_array_set_size leaves new elements as they were: zero them (EMPTY, offset 0). */
      g_array_set_size (builder->types, column + 1);
      g_array_set_size (builder->offsets, column + 1);
      memset (&g_array_index (builder->types, FazhiCellType, old), 0,
              (column + 1 - old) * sizeof (FazhiCellType));
      memset (&g_array_index (builder->offsets, gsize, old), 0, (column + 1 - old) * sizeof (gsize));
    }

  if (type != FAZHI_CELL_EMPTY)
    {
      offset = builder->text->len;
      g_string_append_len (builder->text, text, length);
      g_string_append_c (builder->text, '\0');
    }
  g_array_index (builder->types, FazhiCellType, column) = type;
  g_array_index (builder->offsets, gsize, column) = offset;
}

FazhiCellType
fazhi_row_builder_get (FazhiRowBuilder *builder,
                       guint            column,
                       const char     **text)
{
  if (column >= builder->types->len)
    {
      *text = "";
      return FAZHI_CELL_EMPTY;
    }

  *text = builder->text->str + g_array_index (builder->offsets, gsize, column);
  return g_array_index (builder->types, FazhiCellType, column);
}

const FazhiSheetRow *
fazhi_row_builder_finish (FazhiRowBuilder *builder)
{
  guint n_cells = builder->types->len;

  while (n_cells > 0 && g_array_index (builder->types, FazhiCellType, n_cells - 1) == FAZHI_CELL_EMPTY)
    n_cells--;
  if (n_cells == 0)
    return NULL;

  /* The cells point into the text only now: it may have moved while it grew. */
  g_array_set_size (builder->cells, n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      FazhiCell *cell = &g_array_index (builder->cells, FazhiCell, i);

      cell->type = g_array_index (builder->types, FazhiCellType, i);
      cell->text = builder->text->str + g_array_index (builder->offsets, gsize, i);
    }
  builder->row.n_cells = n_cells;
  builder->row.cells = (const FazhiCell *) builder->cells->data;
  return &builder->row;
}

/* Values */

char *
fazhi_workbook_serial_to_date (double   serial,
                               gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double days = floor (serial);

  /* Below a day is a time of day alone; past 9999-12-31 (2 958 465) Excel shows ####. */
  if (!isfinite (serial) || days < 1 || days > 2958465)
    return NULL;

  if (date1904)
    {
      date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
      g_date_add_days (date, (guint) days);
    }
  else
    {
      /* Lotus 1-2-3 took 1900 for a leap year and Excel kept it: serial 60 is 1900-02-29, a
       * day that never was, and every serial after it is one more than the days since
       * 1899-12-31. */
      if (days == 60)
        return g_strdup ("1900-02-29");
      date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
      g_date_add_days (date, (guint) (days < 60 ? days : days - 1));
    }

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

const char *
fazhi_workbook_format_number (double  value,
                              char   *buffer)
{
  char *exponent;
  char *end;

  if (value == 0)
    return strcpy (buffer, "0");  /* and not "-0" */

  /* Whole numbers up to 2^53 are exact in full: a 16-digit account number as it was typed. */
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    return g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.0f", value);

  /* 15 significant digits is what Excel shows, and what rounds 0.30000000000000004 to 0.3. */
  g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", value);

  /* %g already drops trailing zeros; an exponent is written as Excel writes it, "1E-05". */
  exponent = strchr (buffer, 'e');
  if (exponent != NULL)
    *exponent = 'E';
  else if (strchr (buffer, '.') != NULL)
    {
      end = buffer + strlen (buffer);
      while (end[-1] == '0')
        *--end = '\0';
      if (end[-1] == '.')
        end[-1] = '\0';
    }
  return buffer;
}

char *
fazhi_column_name (guint column)
{
  char name[8];
  int i = G_N_ELEMENTS (name) - 1;
  guint64 n = (guint64) column + 1;

  /* Bijective base 26: after Z comes AA, not BA. */
  name[i] = '\0';
  while (n > 0 && i > 0)
    {
      n--;
      name[--i] = 'A' + n % 26;
      n /= 26;
    }
  return g_strdup (name + i);
}

/* Merged ranges */

void
fazhi_merge_fill_init (FazhiMergeFill *fill)
{
  memset (fill, 0, sizeof *fill);
  fill->merges = g_array_new (FALSE, FALSE, sizeof (FazhiMerge));
  fill->active = g_ptr_array_new ();
}

void
fazhi_merge_fill_clear (FazhiMergeFill *fill)
{
  for (guint i = 0; fill->merges != NULL && i < fill->merges->len; i++)
    g_free (g_array_index (fill->merges, FazhiMerge, i).text);
  g_clear_pointer (&fill->merges, g_array_unref);
  g_clear_pointer (&fill->active, g_ptr_array_unref);
}

gboolean
fazhi_merge_fill_add (FazhiMergeFill *fill,
                      guint           first_row,
                      guint           last_row,
                      guint           first_column,
                      guint           last_column)
{
  FazhiMerge merge = { first_row, last_row, first_column, MIN (last_column, FAZHI_WORKBOOK_MAX_COLUMNS - 1),
                       FAZHI_CELL_EMPTY, NULL };

  if (first_row == 0 || last_row < first_row || last_column < first_column
      || first_column >= FAZHI_WORKBOOK_MAX_COLUMNS
      || (last_row == first_row && last_column == first_column))
    return TRUE;
  if (fill->merges->len >= 1000000)
    return FALSE;
  g_array_append_val (fill->merges, merge);
  fill->last_row = MAX (fill->last_row, last_row);
  return TRUE;
}

static int
compare_merges (gconstpointer a,
                gconstpointer b)
{
  const FazhiMerge *first = a;
  const FazhiMerge *second = b;

  if (first->first_row != second->first_row)
    return first->first_row < second->first_row ? -1 : 1;
  return first->first_column < second->first_column ? -1 : first->first_column > second->first_column;
}

void
fazhi_merge_fill_ready (FazhiMergeFill *fill)
{
  g_array_sort (fill->merges, compare_merges);
}

/* The merges over @row, from those before; rows only ever go down. */
static void
update_active (FazhiMergeFill *fill,
               guint           row)
{
  for (guint i = fill->active->len; i > 0; i--)
    {
      FazhiMerge *merge = g_ptr_array_index (fill->active, i - 1);

      if (merge->last_row < row)
        {
          g_clear_pointer (&merge->text, g_free);
          g_ptr_array_remove_index_fast (fill->active, i - 1);
        }
    }

  while (fill->next < fill->merges->len
         && g_array_index (fill->merges, FazhiMerge, fill->next).first_row <= row)
    {
      FazhiMerge *merge = &g_array_index (fill->merges, FazhiMerge, fill->next++);

      if (merge->last_row >= row)
        g_ptr_array_add (fill->active, merge);
    }
}

guint
fazhi_merge_fill_next_row (FazhiMergeFill *fill,
                           guint           row)
{
  update_active (fill, row);
  if (fill->active->len > 0)
    return row;
  if (fill->next < fill->merges->len)
    return g_array_index (fill->merges, FazhiMerge, fill->next).first_row;
  return G_MAXUINT;
}

void
fazhi_merge_fill_apply (FazhiMergeFill  *fill,
                        FazhiRowBuilder *builder)
{
  guint row = builder->row.number;

  update_active (fill, row);
  for (guint i = 0; i < fill->active->len; i++)
    {
      FazhiMerge *merge = g_ptr_array_index (fill->active, i);
      guint column = merge->first_column;
      const char *text;

      if (row == merge->first_row)
        {
          merge->type = fazhi_row_builder_get (builder, merge->first_column, &text);
          g_free (merge->text);
          merge->text = g_strdup (text);
          column++;
        }

      for (; column <= merge->last_column; column++)
        {
          /* Cells past the row's last are empty already. */
          if (merge->type == FAZHI_CELL_EMPTY
              && fazhi_row_builder_get (builder, column, &text) == FAZHI_CELL_EMPTY)
            continue;
          fazhi_row_builder_set (builder, column, merge->type, merge->text, -1);
        }
    }
}

/* Which number formats show dates */

gboolean
fazhi_workbook_format_is_date (const char *code)
{
  GString *letters = g_string_new (NULL);
  gboolean date = FALSE;

  /* The date and time letters outside quotes, brackets ([Red], [$-804], elapsed [h]) and
   * escapes; "General", AM/PM and an exponent's E+ are not dates either. */
  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        {
          const char *close = strchr (p + 1, '"');
          if (close == NULL)
            break;
          p = close;
        }
      else if (*p == '[')
        {
          const char *close = strchr (p + 1, ']');
          if (close == NULL)
            break;
          p = close;
        }
      else if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
        }
      else if (g_ascii_strncasecmp (p, "General", 7) == 0)
        p += 6;
      else if (g_ascii_strncasecmp (p, "AM/PM", 5) == 0)
        p += 4;
      else if (g_ascii_strncasecmp (p, "A/P", 3) == 0)
        p += 2;
      else if ((*p == 'e' || *p == 'E') && (p[1] == '+' || p[1] == '-'))
        p++;
      else if (strchr ("ymdhseYMDHSE", *p) != NULL)
        g_string_append_c (letters, g_ascii_tolower (*p));
    }

  for (gsize i = 0; i < letters->len && !date; i++)
    {
      char c = letters->str[i];

      if (c == 'y' || c == 'd' || c == 'e')
        date = TRUE;
      else if (c == 'm')
        {
          /* m right after hours or right before seconds is minutes. */
          gsize before = i;
          gsize after = i;

          while (before > 0 && letters->str[before - 1] == 'm')
            before--;
          while (after + 1 < letters->len && letters->str[after + 1] == 'm')
            after++;
          date = !((before > 0 && letters->str[before - 1] == 'h')
                   || (after + 1 < letters->len && letters->str[after + 1] == 's'));
        }
    }

  g_string_free (letters, TRUE);
  return date;
}

gboolean
fazhi_workbook_builtin_format_is_date (guint id)
{
  /* Excel's built-in date and time formats, those of the Chinese, Japanese and Korean
   * versions (27–36, 50–58) included. */
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
         || (id >= 50 && id <= 58);
}
