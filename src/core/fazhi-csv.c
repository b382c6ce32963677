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

/* Excel's "Unicode text" is UTF-16 LE with a byte order mark. Without the mark UTF-16 is not
 * told from other bytes, and is not taken: its NULs would fail both other encodings anyway. */
static char *
decode_utf16 (const char *data,
              gsize       length)
{
  const char *charset;
  g_autofree char *converted = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;

  if (length >= 2 && (guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
    charset = "UTF-16LE";
  else if (length >= 2 && (guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)
    charset = "UTF-16BE";
  else
    return NULL;

  converted = g_convert (data + 2, length - 2, "UTF-8", charset, &bytes_read, &bytes_written, NULL);
  /* A U+0000 in the text would end it early: such a file is not text. */
  if (converted == NULL || bytes_read != length - 2 || !g_utf8_validate_len (converted, bytes_written, NULL))
    return NULL;
  return g_steal_pointer (&converted);
}

char *
fazhi_csv_decode (char        *data,
                  gsize        length,
                  const char  *filename,
                  GError     **error)
{
  g_autofree char *owned = data;
  g_autofree char *converted = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;

  g_return_val_if_fail (data != NULL, NULL);

  converted = decode_utf16 (data, length);
  if (converted != NULL)
    return g_steal_pointer (&converted);

  /* UTF-8 is taken as it is, in place: a file of many megabytes is not copied. */
  if (g_utf8_validate_len (data, length, NULL))
    {
      if (has_utf8_bom (data, length))
        memmove (data, data + 3, length - 2);
      return g_steal_pointer (&owned);
    }

  /* GB18030 maps almost every byte sequence, but not all: a lead byte 0x80 or 0xFF, or a
   * sequence cut short, does not convert, and then the file is neither. */
  converted = g_convert (data, length, "UTF-8", "GB18030", &bytes_read, &bytes_written, NULL);
  if (converted != NULL && bytes_read == length && g_utf8_validate_len (converted, bytes_written, NULL))
    {
      /* GB18030 has its own byte order mark, which converts to U+FEFF. */
      if (has_utf8_bom (converted, bytes_written))
        memmove (converted, converted + 3, bytes_written - 2);
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
  char        separator;     /* ',' or, for tab-separated text, '\t' */
  char        plain_stops[4];  /* what ends an unquoted field: the separator and line breaks */
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
  parser->p += strspn (parser->p, parser->separator == '\t' ? " " : " \t");
  if (*parser->p != parser->separator && *parser->p != '\r' && *parser->p != '\n' && *parser->p != '\0')
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

  parser->p += strcspn (parser->p, parser->plain_stops);
  g_string_append_len (parser->cells, run, parser->p - run);
  end_cell (parser, start);
}

struct _FazhiCsvReader
{
  Parser       parser;
  const char  *text;
  gsize        length;
  GPtrArray   *fields;   /* the row's cell pointers into parser.cells, NULL-terminated */
  FazhiCsvRow  row;
  gboolean     any;      /* a row has been read */
};

FazhiCsvReader *
fazhi_csv_reader_new (const char *text,
                      const char *filename)
{
  FazhiCsvReader *reader;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  reader = g_new0 (FazhiCsvReader, 1);
  reader->text = text;
  reader->length = strlen (text);
  reader->parser.p = has_utf8_bom (text, reader->length) ? text + 3 : text;
  reader->parser.filename = filename;
  fazhi_csv_reader_set_separator (reader, ',');
  reader->parser.line = 1;
  reader->parser.cells = g_string_new (NULL);
  reader->parser.starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->fields = g_ptr_array_new ();
  return reader;
}

void
fazhi_csv_reader_set_separator (FazhiCsvReader *reader,
                                char            separator)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (separator != '"' && separator != '\r' && separator != '\n' && separator != '\0');

  reader->parser.separator = separator;
  reader->parser.plain_stops[0] = separator;
  reader->parser.plain_stops[1] = '\r';
  reader->parser.plain_stops[2] = '\n';
  reader->parser.plain_stops[3] = '\0';
}

void
fazhi_csv_reader_free (FazhiCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_string_free (reader->parser.cells, TRUE);
  g_array_unref (reader->parser.starts);
  g_ptr_array_unref (reader->fields);
  g_free (reader);
}

double
fazhi_csv_reader_get_fraction (FazhiCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0.0);

  return reader->length == 0 ? 1.0 : (double) (reader->parser.p - reader->text) / reader->length;
}

const FazhiCsvRow *
fazhi_csv_reader_next (FazhiCsvReader  *reader,
                       GError         **error)
{
  Parser *parser = &reader->parser;
  guint row_line;

  g_return_val_if_fail (reader != NULL, NULL);

  while (skip_line_break (parser))
    ;

  if (*parser->p == '\0')
    {
      if (!reader->any)
        g_set_error (error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_EMPTY, _("%s is empty"), parser->filename);
      return NULL;
    }

  g_string_truncate (parser->cells, 0);
  g_array_set_size (parser->starts, 0);
  row_line = parser->line;
  for (;;)
    {
      if (*parser->p == '"')
        {
          if (!read_quoted_field (parser, error))
            return NULL;
        }
      else
        read_plain_field (parser);

      if (*parser->p != parser->separator)
        break;
      parser->p++;
    }
  skip_line_break (parser);

  /* The cells are pointed at only now: the text they are in may have moved while it grew. */
  g_ptr_array_set_size (reader->fields, 0);
  for (guint i = 0; i < parser->starts->len; i++)
    g_ptr_array_add (reader->fields, parser->cells->str + g_array_index (parser->starts, gsize, i));
  g_ptr_array_add (reader->fields, NULL);

  reader->any = TRUE;
  reader->row.line = row_line;
  reader->row.n_fields = parser->starts->len;
  reader->row.fields = (GStrv) reader->fields->pdata;
  return &reader->row;
}

/* A copy of a row in one block (the row, its cell pointers, then the text of the cells). */
static FazhiCsvRow *
copy_row (const FazhiCsvRow *row)
{
  gsize size = 0;
  FazhiCsvRow *copy;
  char *text;

  for (guint i = 0; i < row->n_fields; i++)
    size += strlen (row->fields[i]) + 1;

  copy = g_malloc (sizeof (FazhiCsvRow) + (row->n_fields + 1) * sizeof (char *) + size);
  copy->line = row->line;
  copy->n_fields = row->n_fields;
  copy->fields = (GStrv) (copy + 1);
  text = (char *) (copy->fields + row->n_fields + 1);
  for (guint i = 0; i < row->n_fields; i++)
    {
      copy->fields[i] = text;
      text = g_stpcpy (text, row->fields[i]) + 1;
    }
  copy->fields[row->n_fields] = NULL;
  return copy;
}

GPtrArray *
fazhi_csv_parse (const char  *text,
                 const char  *filename,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FazhiCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  const FazhiCsvRow *row;

  g_return_val_if_fail (text != NULL, NULL);

  reader = fazhi_csv_reader_new (text, filename);
  while ((row = fazhi_csv_reader_next (reader, &local_error)) != NULL)
    g_ptr_array_add (rows, copy_row (row));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
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
