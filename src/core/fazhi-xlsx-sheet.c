/* fazhi-xlsx-sheet.c — the rows of an .xlsx sheet, streamed
 *
 * A sheet's XML is parsed as zip_fread() inflates it and the parser is paused at each row, so
 * a row is handed out as soon as it is read and the sheet is never whole in memory.
 *
 * Merged ranges read as their top-left cell in every cell: that is how a title across a table or
 * a header merged over two rows is meant. The sheet lists its merges after its rows, so a first
 * pass over the part inflates it up to them, unparsed, and collects them; the rows are read in a
 * second.
 * A row that the sheet leaves out but a merge covers (the lower half of a header merged down)
 * is made up from the merges alone.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-xlsx-private.h"

/* Excel keeps at most 32 767 characters in a cell. */
#define MAX_CELL_BYTES (1024 * 1024)

typedef enum
{
  STATE_WAITING,      /* between rows */
  STATE_ROW_STARTED,  /* <row> seen: rows before it may be made up from merges first */
  STATE_IN_ROW,
  STATE_ROW_ENDED,
  STATE_AT_END,
} State;

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED_STRING,
  CELL_INLINE_STRING,
  CELL_FORMULA_STRING,
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_ISO_DATE,
} CellKind;

typedef struct
{
  FazhiSheetReader  parent;
  FazhiXlsxBackend *backend;
  zip_t            *zip;
  FazhiXlsxPart    *part;
  FazhiMergeFill    merges;
  State             state;
  gboolean          failed;
  guint             row_number;   /* the row being read */
  guint             next_row;     /* rows before it have been handed out or passed */
  int               column;       /* the last cell's column in the row, -1 before the first */

  /* the cell being read */
  gboolean          in_cell;
  gboolean          in_value;
  gboolean          in_inline;
  gboolean          in_text;
  guint             phonetic;
  guint             cell_column;
  CellKind          cell_kind;
  guint             cell_style;
  GString          *cell_text;
} SheetReader;

/* Merges */

static void
merge_start (void        *user_data,
             const char  *name,
             const char **attributes)
{
  FazhiXlsxPart *part = user_data;
  FazhiMergeFill *merges = part->data;
  const char *reference;
  const char *end;
  guint first_row, last_row, first_column, last_column;

  if (!fazhi_xlsx_part_enter (part) || strcmp (fazhi_xlsx_local_name (name), "mergeCell") != 0)
    return;

  reference = fazhi_xlsx_attribute (attributes, "ref");
  if (reference == NULL
      || !fazhi_xlsx_parse_reference (reference, &first_column, &first_row, &end)
      || *end != ':'
      || !fazhi_xlsx_parse_reference (end + 1, &last_column, &last_row, &end))
    return;  /* a single cell "merged" with itself changes nothing */

  if (!fazhi_merge_fill_add (merges, first_row, last_row, first_column, last_column))
    fazhi_xlsx_part_fail (part, FAZHI_WORKBOOK_ERROR_TOO_LARGE, _("merges more than a million ranges"));
}

static void
merge_end (void       *user_data,
           const char *name)
{
  FazhiXlsxPart *part = user_data;

  fazhi_xlsx_part_leave (part);
  /* Nothing after the merges matters. */
  if (strcmp (fazhi_xlsx_local_name (name), "mergeCells") == 0)
    fazhi_xlsx_part_stop (part);
}

static void
merge_text (void       *user_data,
            const char *text,
            int         length)
{
  fazhi_xlsx_part_event (user_data);
}

/* The sheet's merges: those a reader of it found before, else read from the part (and kept). */
static gboolean
collect_merges (SheetReader  *self,
                guint         sheet,
                const char   *part_name,
                GError      **error)
{
  FazhiXlsxBackend *backend = self->backend;
  FazhiXlsxPart *part;
  GArray *known = NULL;
  gboolean ok;

  g_mutex_lock (&backend->merges_lock);
  if (sheet < backend->merges->len && g_ptr_array_index (backend->merges, sheet) != NULL)
    known = g_array_ref (g_ptr_array_index (backend->merges, sheet));
  g_mutex_unlock (&backend->merges_lock);
  if (known != NULL)
    {
      for (guint i = 0; i < known->len; i++)
        {
          FazhiMerge *merge = &g_array_index (known, FazhiMerge, i);

          fazhi_merge_fill_add (&self->merges, merge->first_row, merge->last_row,
                                merge->first_column, merge->last_column);
        }
      g_array_unref (known);
      fazhi_merge_fill_ready (&self->merges);
      return TRUE;
    }

  part = fazhi_xlsx_part_open (self->parent.workbook, self->zip, part_name,
                               FAZHI_XLSX_MAX_SHEET_BYTES, &self->merges, error);
  if (part == NULL)
    return FALSE;
  XML_SetElementHandler (part->parser, merge_start, merge_end);
  XML_SetCharacterDataHandler (part->parser, merge_text);
  ok = fazhi_xlsx_part_skip_to (part, "mergeCells", error) && fazhi_xlsx_part_parse_all (part, error);
  fazhi_xlsx_part_close (part);
  if (!ok)
    return FALSE;

  fazhi_merge_fill_ready (&self->merges);
  known = g_array_sized_new (FALSE, FALSE, sizeof (FazhiMerge), self->merges.merges->len);
  for (guint i = 0; i < self->merges.merges->len; i++)
    {
      FazhiMerge merge = g_array_index (self->merges.merges, FazhiMerge, i);

      merge.text = NULL;
      g_array_append_val (known, merge);
    }
  g_mutex_lock (&backend->merges_lock);
  if (backend->merges->len <= sheet)
    g_ptr_array_set_size (backend->merges, sheet + 1);
  if (g_ptr_array_index (backend->merges, sheet) == NULL)
    g_ptr_array_index (backend->merges, sheet) = g_steal_pointer (&known);
  g_mutex_unlock (&backend->merges_lock);
  g_clear_pointer (&known, g_array_unref);
  return TRUE;
}

/* The next row before @before that the sheet does not have but a merge covers, made up from the
 * merges alone; NULL when there is none or it has nothing in it. */
static const FazhiSheetRow *
make_up_row (SheetReader *self,
             guint        before)
{
  guint row = fazhi_merge_fill_next_row (&self->merges, self->next_row);

  if (row >= before)
    {
      self->next_row = before;
      return NULL;
    }

  self->next_row = row + 1;
  fazhi_row_builder_begin (&self->parent.builder, row);
  fazhi_merge_fill_apply (&self->merges, &self->parent.builder);
  return fazhi_row_builder_finish (&self->parent.builder);
}

/* Cells */

static void
store_cell (SheetReader   *self,
            FazhiXlsxPart *part)
{
  FazhiRowBuilder *builder = &self->parent.builder;
  GString *text = self->cell_text;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->cell_column >= FAZHI_WORKBOOK_MAX_COLUMNS)
    {
      fazhi_xlsx_part_fail (part, FAZHI_WORKBOOK_ERROR_CORRUPT, _("a cell is past the last column, XFD"));
      return;
    }

  switch (self->cell_kind)
    {
    case CELL_SHARED_STRING:
      {
        guint64 index = 0;
        GArray *offsets = self->backend->string_offsets;

        if (text->len == 0)
          return;
        if (!g_ascii_string_to_unsigned (g_strstrip (text->str), 10, 0, G_MAXUINT, &index, NULL)
            || index >= offsets->len)
          {
            fazhi_xlsx_part_fail (part, FAZHI_WORKBOOK_ERROR_CORRUPT,
                                  _("a cell refers to a shared string that is not there"));
            return;
          }
        fazhi_row_builder_set (builder, self->cell_column, FAZHI_CELL_TEXT,
                               self->backend->strings->str + g_array_index (offsets, guint32, index), -1);
        return;
      }

    case CELL_INLINE_STRING:
    case CELL_FORMULA_STRING:
    case CELL_ERROR:
      fazhi_xlsx_unescape (text);
      fazhi_row_builder_set (builder, self->cell_column, FAZHI_CELL_TEXT, text->str, text->len);
      return;

    case CELL_BOOLEAN:
      g_strstrip (text->str);
      if (text->str[0] != '\0')
        fazhi_row_builder_set (builder, self->cell_column, FAZHI_CELL_BOOLEAN,
                               strcmp (text->str, "1") == 0 || g_ascii_strcasecmp (text->str, "true") == 0
                               ? "TRUE" : "FALSE", -1);
      return;

    case CELL_ISO_DATE:
      {
        const char *p = g_strstrip (text->str);
        gboolean date = strlen (p) >= 10 && p[4] == '-' && p[7] == '-';

        /* "2023-03-05T00:00:00": the date, if it is one. */
        for (guint i = 0; date && i < 10; i++)
          date = i == 4 || i == 7 || g_ascii_isdigit (p[i]);
        date = date && g_date_valid_dmy (atoi (p + 8), atoi (p + 5), atoi (p));
        if (date)
          text->str[10] = '\0';
        fazhi_row_builder_set (builder, self->cell_column, date ? FAZHI_CELL_DATE : FAZHI_CELL_TEXT, p, -1);
        return;
      }

    case CELL_NUMBER:
    default:
      {
        char *end = NULL;
        double value;
        gboolean date_style;

        g_strstrip (text->str);
        if (text->str[0] == '\0')
          return;
        value = g_ascii_strtod (text->str, &end);
        if (end == text->str || *end != '\0')
          {
            fazhi_row_builder_set (builder, self->cell_column, FAZHI_CELL_TEXT, text->str, -1);
            return;
          }

        date_style = self->cell_style < self->backend->date_styles->len
                     && g_array_index (self->backend->date_styles, guint8, self->cell_style);
        if (date_style)
          {
            g_autofree char *date = fazhi_workbook_serial_to_date (value, self->parent.workbook->date1904);

            /* A time of day alone, or a serial no calendar has, stays the number it is. */
            if (date != NULL)
              {
                fazhi_row_builder_set (builder, self->cell_column, FAZHI_CELL_DATE, date, -1);
                return;
              }
          }
        fazhi_row_builder_set (builder, self->cell_column, FAZHI_CELL_NUMBER,
                               fazhi_workbook_format_number (value, buffer), -1);
        return;
      }
    }
}

static CellKind
cell_kind (const char *type)
{
  static const struct { const char *name; CellKind kind; } kinds[] = {
    { "s", CELL_SHARED_STRING },
    { "inlineStr", CELL_INLINE_STRING },
    { "str", CELL_FORMULA_STRING },
    { "b", CELL_BOOLEAN },
    { "e", CELL_ERROR },
    { "d", CELL_ISO_DATE },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (type, kinds[i].name) == 0)
      return kinds[i].kind;
  return CELL_NUMBER;
}

static void
sheet_start (void        *user_data,
             const char  *name,
             const char **attributes)
{
  FazhiXlsxPart *part = user_data;
  SheetReader *self = part->data;
  const char *local = fazhi_xlsx_local_name (name);

  if (!fazhi_xlsx_part_enter (part))
    return;

  if (strcmp (local, "row") == 0 && self->state == STATE_WAITING)
    {
      const char *number = fazhi_xlsx_attribute (attributes, "r");
      guint64 value = 0;

      /* Without r, a row follows the one before. */
      if (number != NULL && g_ascii_string_to_unsigned (number, 10, 1, 1048576, &value, NULL))
        self->row_number = (guint) value;
      else
        self->row_number++;
      self->column = -1;
      self->state = STATE_ROW_STARTED;
      fazhi_xlsx_part_pause (part);
    }
  else if (strcmp (local, "c") == 0 && self->state == STATE_IN_ROW)
    {
      const char *reference = fazhi_xlsx_attribute (attributes, "r");
      const char *style = fazhi_xlsx_attribute (attributes, "s");
      guint column, row;
      guint64 value = 0;

      /* Without r (as some writers save), a cell follows the one before. */
      if (reference != NULL && fazhi_xlsx_parse_reference (reference, &column, &row, NULL))
        self->cell_column = column;
      else
        self->cell_column = self->column + 1;
      self->column = self->cell_column;
      self->cell_kind = cell_kind (fazhi_xlsx_attribute (attributes, "t"));
      self->cell_style = style != NULL && g_ascii_string_to_unsigned (style, 10, 0, G_MAXUINT, &value, NULL)
                         ? (guint) value : 0;
      g_string_truncate (self->cell_text, 0);
      self->in_cell = TRUE;
    }
  else if (!self->in_cell)
    return;
  else if (strcmp (local, "v") == 0)
    self->in_value = TRUE;
  else if (strcmp (local, "is") == 0)
    self->in_inline = TRUE;
  else if (strcmp (local, "rPh") == 0)
    self->phonetic++;
  else if (strcmp (local, "t") == 0 && self->in_inline && self->phonetic == 0)
    self->in_text = TRUE;
}

static void
sheet_end (void       *user_data,
           const char *name)
{
  FazhiXlsxPart *part = user_data;
  SheetReader *self = part->data;
  const char *local = fazhi_xlsx_local_name (name);

  fazhi_xlsx_part_leave (part);
  if (strcmp (local, "c") == 0 && self->in_cell)
    {
      store_cell (self, part);
      self->in_cell = self->in_value = self->in_inline = self->in_text = FALSE;
      self->phonetic = 0;
    }
  else if (strcmp (local, "v") == 0)
    self->in_value = FALSE;
  else if (strcmp (local, "t") == 0)
    self->in_text = FALSE;
  else if (strcmp (local, "is") == 0)
    self->in_inline = FALSE;
  else if (strcmp (local, "rPh") == 0 && self->phonetic > 0)
    self->phonetic--;
  else if (strcmp (local, "row") == 0 && self->state == STATE_IN_ROW)
    {
      self->state = STATE_ROW_ENDED;
      fazhi_xlsx_part_pause (part);
    }
  else if (strcmp (local, "sheetData") == 0)
    {
      /* What follows the rows (merges, page setup) was read in the first pass or is not needed. */
      if (self->state != STATE_ROW_ENDED)
        self->state = STATE_AT_END;
      fazhi_xlsx_part_stop (part);
    }
}

static void
sheet_text (void       *user_data,
            const char *text,
            int         length)
{
  FazhiXlsxPart *part = user_data;
  SheetReader *self = part->data;

  fazhi_xlsx_part_event (part);
  if (!self->in_value && !self->in_text)
    return;
  if (self->cell_text->len + length > MAX_CELL_BYTES)
    {
      fazhi_xlsx_part_fail (part, FAZHI_WORKBOOK_ERROR_TOO_LARGE, _("holds a cell of more than a megabyte"));
      return;
    }
  g_string_append_len (self->cell_text, text, length);
}

/* The reader */

static const FazhiSheetRow *
sheet_reader_next (FazhiSheetReader  *reader,
                   GError           **error)
{
  SheetReader *self = (SheetReader *) reader;
  const FazhiSheetRow *row;

  while (!self->failed)
    {
      switch (self->state)
        {
        case STATE_ROW_STARTED:
          while (self->next_row < self->row_number)
            if ((row = make_up_row (self, self->row_number)) != NULL)
              return row;
          fazhi_row_builder_begin (&reader->builder, self->row_number);
          self->state = STATE_IN_ROW;
          break;

        case STATE_ROW_ENDED:
          fazhi_merge_fill_apply (&self->merges, &reader->builder);
          self->next_row = MAX (self->next_row, self->row_number + 1);
          self->state = self->part->finished ? STATE_AT_END : STATE_WAITING;
          if ((row = fazhi_row_builder_finish (&reader->builder)) != NULL)
            return row;
          break;

        case STATE_AT_END:
          while (self->next_row <= self->merges.last_row)
            if ((row = make_up_row (self, self->merges.last_row + 1)) != NULL)
              return row;
          return NULL;

        case STATE_WAITING:
        case STATE_IN_ROW:
        default:
          if (self->part->finished)
            {
              self->state = STATE_AT_END;
              break;
            }
          if (!fazhi_xlsx_part_step (self->part, error))
            {
              self->failed = TRUE;
              return NULL;
            }
          break;
        }
    }
  return NULL;
}

static double
sheet_reader_get_fraction (FazhiSheetReader *reader)
{
  SheetReader *self = (SheetReader *) reader;

  if (self->state == STATE_AT_END)
    return 1.0;
  return fazhi_xlsx_part_fraction (self->part);
}

static void
sheet_reader_finalize (FazhiSheetReader *reader)
{
  SheetReader *self = (SheetReader *) reader;

  g_clear_pointer (&self->part, fazhi_xlsx_part_close);
  g_clear_pointer (&self->zip, zip_discard);
  fazhi_merge_fill_clear (&self->merges);
  if (self->cell_text != NULL)
    g_string_free (self->cell_text, TRUE);
}

static const FazhiSheetReaderFuncs sheet_reader_funcs = {
  sheet_reader_next,
  sheet_reader_get_fraction,
  sheet_reader_finalize,
};

FazhiSheetReader *
fazhi_xlsx_read_sheet (FazhiWorkbook  *workbook,
                       guint           sheet,
                       GError        **error)
{
  g_autoptr(FazhiSheetReader) reader = NULL;
  const char *part_name = g_array_index (workbook->sheets, FazhiSheetInfo, sheet).part;
  SheetReader *self;
  int code = 0;

  reader = fazhi_sheet_reader_alloc (sizeof (SheetReader), &sheet_reader_funcs, workbook);
  self = (SheetReader *) reader;
  self->backend = workbook->backend;
  fazhi_merge_fill_init (&self->merges);
  self->cell_text = g_string_new (NULL);
  self->next_row = 1;

  /* A zip of its own: libzip's archives are not for two threads at once, and the reader may
   * run in another thread than the workbook's. */
  self->zip = zip_open (workbook->path, ZIP_RDONLY, &code);
  if (self->zip == NULL)
    {
      zip_error_t zip_error;

      zip_error_init_with_code (&zip_error, code);
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT,
                   _("%s cannot be read: its zip archive is damaged (%s). Open it in Excel or WPS "
                     "and save it again"),
                   workbook->display_name, zip_error_strerror (&zip_error));
      zip_error_fini (&zip_error);
      return NULL;
    }

  if (!collect_merges (self, sheet, part_name, error))
    return NULL;

  self->part = fazhi_xlsx_part_open (workbook, self->zip, part_name, FAZHI_XLSX_MAX_SHEET_BYTES, self, error);
  if (self->part == NULL)
    return NULL;
  XML_SetElementHandler (self->part->parser, sheet_start, sheet_end);
  XML_SetCharacterDataHandler (self->part->parser, sheet_text);
  return g_steal_pointer (&reader);
}
