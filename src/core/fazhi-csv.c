/* fazhi-csv.c — reading and writing CSV as Excel and WPS write it
 *
 * Excel on Chinese Windows saves "CSV" in GB18030 (code page 936) and "CSV UTF-8" with a byte
 * order mark; WPS does the same. Both are accepted. The parser follows RFC 4180 and runs in one
 * pass over the text, so a field of several megabytes costs no more than many small ones.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-csv.h"

#define UTF8_BOM "\xef\xbb\xbf"

G_DEFINE_QUARK (fazhi-csv-error-quark, fazhi_csv_error)

static gboolean
has_utf8_bom (const char *data,
              gsize       length)
{
  return length >= 3 && memcmp (data, UTF8_BOM, 3) == 0;
}

char *
fazhi_csv_decode (const char  *data,
                  gsize        length,
                  const char  *filename,
                  GError     **error)
{
  g_autofree char *converted = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return g_strdup ("");

  if (has_utf8_bom (data, length))
    {
      data += 3;
      length -= 3;
    }

  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);

  /* GB18030 maps almost every byte sequence, but not all: a lead byte 0x80 or 0xFF, or a
   * sequence cut short, does not convert, and then the file is neither. */
  converted = g_convert (data, length, "UTF-8", "GB18030", &bytes_read, &bytes_written, NULL);
  if (converted != NULL && bytes_read == length && g_utf8_validate_len (converted, bytes_written, NULL))
    {
      /* GB18030 has its own byte order mark, which converts to U+FEFF. */
      if (has_utf8_bom (converted, bytes_written))
        return g_strdup (converted + 3);
      return g_steal_pointer (&converted);
    }

  g_set_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_ENCODING,
               _("%s: the file is neither UTF-8 nor GB18030 text"), filename);
  return NULL;
}

typedef struct
{
  const char *p;
  const char *filename;
  guint       line;     /* the line p is on */
  GString    *cells;    /* the cells of the row being read, each ended by a NUL */
  GArray     *starts;   /* where each of those cells starts in cells */
} Parser;

/* Moves past a line break at p (CRLF, LF or a lone CR) and counts the line; FALSE when there is
 * none. */
static gboolean
skip_line_break (Parser *parser)
{
  if (parser->p[0] == '\r' && parser->p[1] == '\n')
    parser->p += 2;
  else if (parser->p[0] == '\n' || parser->p[0] == '\r')
    parser->p += 1;
  else
    return FALSE;

  parser->line++;
  return TRUE;
}

static void
end_cell (Parser *parser,
          gsize   start)
{
  g_string_append_c (parser->cells, '\0');
  g_array_append_val (parser->starts, start);
}

static gboolean
read_quoted_field (Parser  *parser,
                   GError **error)
{
  guint opening_line = parser->line;
  gsize start = parser->cells->len;

  parser->p++;

  for (;;)
    {
      /* Copy the plain stretch up to the next quote or line break in one go. */
      const char *run = parser->p;

      parser->p += strcspn (parser->p, "\"\r\n");
      g_string_append_len (parser->cells, run, parser->p - run);

      if (*parser->p == '\0')
        {
          g_set_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_SYNTAX,
                       _("%s:%u: a quoted field is never closed"), parser->filename, opening_line);
          return FALSE;
        }

      if (*parser->p == '"')
        {
          if (parser->p[1] == '"')
            {
              g_string_append_c (parser->cells, '"');
              parser->p += 2;
              continue;
            }
          parser->p++;
          break;
        }

      /* A line break inside the quotes belongs to the field, as it was written. */
      run = parser->p;
      skip_line_break (parser);
      g_string_append_len (parser->cells, run, parser->p - run);
    }

  /* Some programs pad with blanks after the closing quote; anything else means the quoting is
   * wrong and the columns could be shifted. */
  parser->p += strspn (parser->p, " \t");
  if (*parser->p != ',' && *parser->p != '\r' && *parser->p != '\n' && *parser->p != '\0')
    {
      g_set_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_SYNTAX,
                   _("%s:%u: there is text after the closing quote of a field; a quote inside a "
                     "quoted field must be doubled (\"\")"),
                   parser->filename, parser->line);
      return FALSE;
    }

  end_cell (parser, start);
  return TRUE;
}

static void
read_plain_field (Parser *parser)
{
  const char *run = parser->p;
  gsize start = parser->cells->len;

  parser->p += strcspn (parser->p, ",\r\n");
  g_string_append_len (parser->cells, run, parser->p - run);
  end_cell (parser, start);
}

/* A row is one block (the row, its cell pointers, then the text of the cells), so that a large
 * file costs one allocation per row rather than one per cell. */
static FazhiCsvRow *
take_row (Parser *parser,
          guint   line)
{
  guint n_cells = parser->starts->len;
  FazhiCsvRow *row = g_malloc (sizeof (FazhiCsvRow) + (n_cells + 1) * sizeof (char *) + parser->cells->len);
  char *text;

  row->line = line;
  row->fields = (GStrv) (row + 1);
  text = (char *) (row->fields + n_cells + 1);
  memcpy (text, parser->cells->str, parser->cells->len);
  for (guint i = 0; i < n_cells; i++)
    row->fields[i] = text + g_array_index (parser->starts, gsize, i);
  row->fields[n_cells] = NULL;

  g_string_truncate (parser->cells, 0);
  g_array_set_size (parser->starts, 0);
  return row;
}

GPtrArray *
fazhi_csv_parse (const char  *text,
                 const char  *filename,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cells = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  Parser parser = { text, filename, 1, cells, starts };

  g_return_val_if_fail (text != NULL, NULL);

  if (has_utf8_bom (text, strlen (text)))
    parser.p += 3;

  while (*parser.p != '\0')
    {
      guint row_line = parser.line;

      if (skip_line_break (&parser))
        continue;

      for (;;)
        {
          if (*parser.p == '"')
            {
              if (!read_quoted_field (&parser, error))
                return NULL;
            }
          else
            read_plain_field (&parser);

          if (*parser.p != ',')
            break;
          parser.p++;
        }
      skip_line_break (&parser);

      g_ptr_array_add (rows, take_row (&parser, row_line));
    }

  if (rows->len == 0)
    {
      g_set_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_EMPTY, _("%s is empty"), filename);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

void
fazhi_csv_rows_free (GPtrArray *rows)
{
  if (rows != NULL)
    g_ptr_array_unref (rows);
}

/* Blanks at either end are quoted too, so that no reader trims them away. */
static gboolean
needs_quotes (const char *field)
{
  size_t length = strlen (field);

  return strpbrk (field, ",\"\r\n") != NULL
         || (length > 0 && strchr (" \t", field[0]) != NULL)
         || (length > 0 && strchr (" \t", field[length - 1]) != NULL);
}

void
fazhi_csv_append_field (GString    *line,
                        const char *field)
{
  if (field == NULL)
    return;

  if (!needs_quotes (field))
    {
      g_string_append (line, field);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}
