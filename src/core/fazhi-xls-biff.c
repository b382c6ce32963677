/* fazhi-xls-biff.c — the BIFF8 records FreeXL leaves out ([MS-XLS])
 *
 * One pass over the Workbook stream: in the globals, FILEPASS (encrypted), DATEMODE, FORMAT and
 * XF (which cells show dates) and BOUNDSHEET (each sheet's offset and whether it is hidden);
 * then in each sheet, FORMULA with its cached result (and the STRING record after it for a text
 * result), BOOLERR and MERGECELLS. A record is 4 bytes of type and length, then its data.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <string.h>

#include "fazhi-xls-private.h"

enum
{
  RECORD_FORMULA    = 0x0006,
  RECORD_EOF        = 0x000a,
  RECORD_DATEMODE   = 0x0022,
  RECORD_FILEPASS   = 0x002f,
  RECORD_CONTINUE   = 0x003c,
  RECORD_BOUNDSHEET = 0x0085,
  RECORD_XF         = 0x00e0,
  RECORD_MERGECELLS = 0x00e5,
  RECORD_BOOLERR    = 0x0205,
  RECORD_STRING     = 0x0207,
  RECORD_FORMAT     = 0x041e,
  RECORD_BOF        = 0x0809,
};

typedef struct
{
  const guchar *data;
  gsize         length;
  gsize         at;       /* the next record */
  guint16       type;     /* the current record */
  guint16       size;
  const guchar *body;
} Records;

static guint16
read_u16 (const guchar *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
read_u32 (const guchar *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static double
read_double (const guchar *p)
{
  guint64 bits = 0;
  double value;

  for (int i = 7; i >= 0; i--)
    bits = (bits << 8) | p[i];
  memcpy (&value, &bits, sizeof value);
  return value;
}

static gboolean
next_record (Records *records)
{
  if (records->at + 4 > records->length)
    return FALSE;
  records->type = read_u16 (records->data + records->at);
  records->size = read_u16 (records->data + records->at + 2);
  if (records->at + 4 + records->size > records->length)
    return FALSE;
  records->body = records->data + records->at + 4;
  records->at += 4 + records->size;
  return TRUE;
}

/* An XLUnicodeString's characters (@n of them from @p, 8-bit or UTF-16 as @high_byte says)
 * appended as UTF-8; the number of bytes taken. */
static gsize
append_characters (GString      *text,
                   const guchar *p,
                   gsize         available,
                   guint         n,
                   gboolean      high_byte)
{
  gsize taken = 0;

  for (guint i = 0; i < n; i++)
    {
      gunichar2 unit;

      if (taken + (high_byte ? 2 : 1) > available)
        break;
      unit = high_byte ? read_u16 (p + taken) : p[taken];
      taken += high_byte ? 2 : 1;
      /* Surrogate pairs are rare in a ledger; a lone half would not be UTF-8. */
      if (unit >= 0xd800 && unit <= 0xdfff)
        {
          if (unit < 0xdc00 && i + 1 < n && taken + 2 <= available && high_byte)
            {
              gunichar2 low = read_u16 (p + taken);

              if (low >= 0xdc00 && low <= 0xdfff)
                {
                  g_string_append_unichar (text, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
                  taken += 2;
                  i++;
                }
            }
          continue;
        }
      g_string_append_unichar (text, unit);
    }
  return taken;
}

/* The text of a STRING record, which may go on in CONTINUE records (each with a flags byte of
 * its own). */
static char *
read_string_record (Records *records)
{
  GString *text = g_string_new (NULL);
  guint n, done;

  if (records->size < 3)
    return g_string_free (text, FALSE);
  n = read_u16 (records->body);
  {
    gboolean high_byte = records->body[2] & 0x01;
    gsize taken = append_characters (text, records->body + 3, records->size - 3, n, high_byte);

    done = high_byte ? taken / 2 : taken;
  }

  while (done < n)
    {
      Records peek = *records;
      gboolean high_byte;
      gsize taken;

      if (!next_record (&peek) || peek.type != RECORD_CONTINUE || peek.size < 1)
        break;
      *records = peek;
      high_byte = records->body[0] & 0x01;
      taken = append_characters (text, records->body + 1, records->size - 1, n - done, high_byte);
      if (taken == 0)
        break;
      done += high_byte ? taken / 2 : taken;
    }
  return g_string_free (text, FALSE);
}

static const char *
error_text (guint8 code)
{
  switch (code)
    {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0f: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1d: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2a: return "#N/A";
    default:   return "#N/A";
    }
}

typedef struct
{
  GHashTable *custom_dates;  /* FORMAT number → whether it shows a date */
  GArray     *xf_formats;    /* guint16 per XF: its FORMAT number */
} Formats;

static gboolean
xf_is_date (Formats *formats,
            guint    xf)
{
  gpointer custom = NULL;
  guint format;

  if (xf >= formats->xf_formats->len)
    return FALSE;
  format = g_array_index (formats->xf_formats, guint16, xf);
  if (g_hash_table_lookup_extended (formats->custom_dates, GUINT_TO_POINTER (format), NULL, &custom))
    return GPOINTER_TO_INT (custom);
  return fazhi_workbook_builtin_format_is_date (format);
}

static void
add_cell (FazhiXlsSheet *sheet,
          guint          row,
          guint          column,
          FazhiCellType  type,
          char          *text)
{
  FazhiXlsCell cell = { row + 1, column, type, text };

  g_array_append_val (sheet->cells, cell);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const FazhiXlsCell *first = a;
  const FazhiXlsCell *second = b;

  if (first->row != second->row)
    return first->row < second->row ? -1 : 1;
  return first->column < second->column ? -1 : first->column > second->column;
}

static void
read_sheet (FazhiXlsExtras *extras,
            FazhiXlsSheet  *sheet,
            Formats        *formats,
            const guchar   *data,
            gsize           length)
{
  Records records = { data, length, sheet->offset, 0, 0, NULL };
  guint depth = 0;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  while (next_record (&records))
    {
      const guchar *p = records.body;

      /* Charts and other objects have BOF…EOF of their own inside the sheet's. */
      if (records.type == RECORD_BOF)
        depth++;
      else if (records.type == RECORD_EOF && (depth == 0 || --depth == 0))
        break;
      else if (records.type == RECORD_MERGECELLS && records.size >= 2)
        {
          guint n = read_u16 (p);

          for (guint i = 0; i < n && 2 + 8 * (i + 1) <= records.size; i++)
            {
              const guchar *range = p + 2 + 8 * i;
              FazhiXlsRange merge = { read_u16 (range) + 1u, read_u16 (range + 2) + 1u, read_u16 (range + 4),
                                      read_u16 (range + 6) };

              g_array_append_val (sheet->merges, merge);
            }
        }
      else if (records.type == RECORD_BOOLERR && records.size >= 8)
        {
          if (p[7] == 0)
            add_cell (sheet, read_u16 (p), read_u16 (p + 2), FAZHI_CELL_BOOLEAN,
                      g_strdup (p[6] ? "TRUE" : "FALSE"));
          else
            add_cell (sheet, read_u16 (p), read_u16 (p + 2), FAZHI_CELL_TEXT, g_strdup (error_text (p[6])));
        }
      else if (records.type == RECORD_FORMULA && records.size >= 14)
        {
          guint row = read_u16 (p);
          guint column = read_u16 (p + 2);
          guint xf = read_u16 (p + 4);

          /* The result: a double, unless its last two bytes are FF FF; then its first says what
           * it is (0 text, in the STRING record that follows; 1 boolean; 2 error; 3 ""). */
          if (p[12] != 0xff || p[13] != 0xff)
            {
              double value = read_double (p + 6);
              char *date = NULL;

              if (xf_is_date (formats, xf))
                date = fazhi_workbook_serial_to_date (value, extras->date1904);

              if (date != NULL)
                add_cell (sheet, row, column, FAZHI_CELL_DATE, date);
              else
                add_cell (sheet, row, column, FAZHI_CELL_NUMBER,
                          g_strdup (fazhi_workbook_format_number (value, buffer)));
            }
          else if (p[6] == 0)
            {
              Records peek = records;

              /* Shared and array formulas put a record of theirs between. */
              while (next_record (&peek) && peek.type != RECORD_STRING && peek.type != RECORD_FORMULA
                     && peek.type != RECORD_EOF && peek.type != RECORD_BOF && peek.type != RECORD_BOOLERR)
                ;
              if (peek.type == RECORD_STRING)
                {
                  records = peek;
                  add_cell (sheet, row, column, FAZHI_CELL_TEXT, read_string_record (&records));
                }
            }
          else if (p[6] == 1)
            add_cell (sheet, row, column, FAZHI_CELL_BOOLEAN, g_strdup (p[8] ? "TRUE" : "FALSE"));
          else if (p[6] == 2)
            add_cell (sheet, row, column, FAZHI_CELL_TEXT, g_strdup (error_text (p[8])));
        }
    }

  g_array_sort (sheet->cells, compare_cells);
}

static void
clear_cell (gpointer data)
{
  g_free (((FazhiXlsCell *) data)->text);
}

static void
sheet_free (gpointer data)
{
  FazhiXlsSheet *sheet = data;

  g_array_unref (sheet->cells);
  g_array_unref (sheet->merges);
  g_free (sheet);
}

FazhiXlsExtras *
fazhi_xls_extras_read (GBytes *stream)
{
  gsize length = 0;
  const guchar *data = g_bytes_get_data (stream, &length);
  Records records = { data, length, 0, 0, 0, NULL };
  Formats formats;
  FazhiXlsExtras *extras;

  /* BIFF8 starts with a BOF of version 0x0600. */
  if (!next_record (&records) || records.type != RECORD_BOF || records.size < 4
      || read_u16 (records.body) != 0x0600)
    return NULL;

  extras = g_new0 (FazhiXlsExtras, 1);
  extras->sheets = g_ptr_array_new_with_free_func (sheet_free);
  formats.custom_dates = g_hash_table_new (NULL, NULL);
  formats.xf_formats = g_array_new (FALSE, FALSE, sizeof (guint16));

  while (next_record (&records) && records.type != RECORD_EOF)
    {
      const guchar *p = records.body;

      switch (records.type)
        {
        case RECORD_FILEPASS:
          extras->encrypted = TRUE;
          goto out;
        case RECORD_DATEMODE:
          if (records.size >= 2)
            extras->date1904 = read_u16 (p) == 1;
          break;
        case RECORD_FORMAT:
          if (records.size >= 5)
            {
              GString *code = g_string_new (NULL);

              append_characters (code, p + 5, records.size - 5, read_u16 (p + 2), p[4] & 0x01);
              g_hash_table_replace (formats.custom_dates, GUINT_TO_POINTER (read_u16 (p)),
                                    GINT_TO_POINTER (fazhi_workbook_format_is_date (code->str)));
              g_string_free (code, TRUE);
            }
          break;
        case RECORD_XF:
          if (records.size >= 4)
            {
              guint16 format = read_u16 (p + 2);
              g_array_append_val (formats.xf_formats, format);
            }
          break;
        case RECORD_BOUNDSHEET:
          if (records.size >= 6)
            {
              FazhiXlsSheet *sheet = g_new0 (FazhiXlsSheet, 1);

              sheet->offset = read_u32 (p);
              /* 0 visible, 1 hidden, 2 very hidden (only a macro shows it again). */
              sheet->hidden = (p[4] & 0x03) != 0;
              sheet->cells = g_array_new (FALSE, FALSE, sizeof (FazhiXlsCell));
              g_array_set_clear_func (sheet->cells, clear_cell);
              sheet->merges = g_array_new (FALSE, FALSE, sizeof (FazhiXlsRange));
              g_ptr_array_add (extras->sheets, sheet);
            }
          break;
        default:
          break;
        }
    }

  for (guint i = 0; i < extras->sheets->len; i++)
    read_sheet (extras, g_ptr_array_index (extras->sheets, i), &formats, data, length);

out:
  g_hash_table_unref (formats.custom_dates);
  g_array_unref (formats.xf_formats);
  return extras;
}

void
fazhi_xls_extras_free (FazhiXlsExtras *extras)
{
  if (extras == NULL)
    return;

  g_ptr_array_unref (extras->sheets);
  g_free (extras);
}
