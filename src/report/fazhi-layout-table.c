/* fazhi-layout-table.c — tables of a report laid out on A4 pages
 *
 * Tables are not body text: their cells are set in 五号 (10.5 pt) on a grid of their own, each
 * line of a cell 1.2 em from the next with a little room above and below, as a single-spaced
 * table of an office document looks. A quarterly summary's tables then fit on one or two pages,
 * where rows as tall as body lines needed four. Only the caption stays on the body grid.
 *
 * Columns share the width of the text block, rows break between pages whole, and each page a
 * table continues on starts with its header row again.
 */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include <string.h>

#include "fazhi-layout-private.h"

#define TABLE_SIZE        10.5   /* 五号 */
#define TABLE_LINE_PITCH  (1.2 * TABLE_SIZE)
#define CELL_PAD_X        5.0
#define CELL_PAD_Y        1.2

static gboolean
is_numeric_cell (const char *text)
{
  gboolean has_digit = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        has_digit = TRUE;
      else if (!(c < 0x80 && strchr ("%.,-+ ", (int) c) != NULL) &&
               c != 0x4F59 /* 余 */ && c != 0xFF05 /* ％ */)
        return FALSE;
    }
  return has_digit || *text == '\0';
}

static double
natural_width (PangoLayout *layout)
{
  PangoRectangle extents;

  pango_layout_set_width (layout, -1);
  pango_layout_get_extents (layout, NULL, &extents);
  return (double) extents.width / PANGO_SCALE;
}

/* Shapes every cell; returns the width the table would need without wrapping. */
static double
shape_cells (FazhiLayout *self,
             FazhiBlock  *block,
             LaidBlock   *laid,
             double      *natural,
             double      *minimum)
{
  double total = 0;

  for (guint c = 0; c < laid->n_columns; c++)
    {
      gboolean numeric = TRUE;

      natural[c] = 0;
      for (guint r = 1; r < laid->n_rows; r++)
        numeric = numeric && is_numeric_cell (((GStrv) g_ptr_array_index (block->rows, r))[c]);

      for (guint r = 0; r < laid->n_rows; r++)
        {
          const char *text = ((GStrv) g_ptr_array_index (block->rows, r))[c];
          PangoLayout **cell = &laid->cells[r * laid->n_columns + c];

          *cell = _fazhi_layout_new_text (self, text, r == 0 ? ROLE_HEITI : ROLE_FANGSONG, TABLE_SIZE, -1);
          pango_layout_set_alignment (*cell, r == 0 || numeric ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
          natural[c] = MAX (natural[c], natural_width (*cell) + 2 * CELL_PAD_X);
        }
      /* Two characters a line at the least, so that no column becomes a ribbon of single glyphs. */
      minimum[c] = MIN (natural[c], 2 * TABLE_SIZE + 2 * CELL_PAD_X);
      total += natural[c];
    }
  return total;
}

void
_fazhi_layout_lay_table (FazhiLayout *self,
                         FazhiBlock  *block,
                         LaidBlock   *laid)
{
  g_autofree double *natural = NULL;
  g_autofree double *minimum = NULL;
  g_autofree double *width = NULL;
  double total, total_minimum = 0, shrinkable = 0;

  laid->n_columns = MAX (block->n_columns, 1);
  laid->n_rows = block->rows != NULL ? block->rows->len : 0;
  laid->cells = g_new0 (PangoLayout *, laid->n_rows * laid->n_columns);
  laid->row_height = g_new0 (double, laid->n_rows);
  laid->column_x = g_new0 (double, laid->n_columns + 1);
  natural = g_new0 (double, laid->n_columns);
  minimum = g_new0 (double, laid->n_columns);
  width = g_new0 (double, laid->n_columns);

  if (block->n_columns == 0)
    laid->n_rows = 0;

  total = shape_cells (self, block, laid, natural, minimum);

  for (guint c = 0; c < laid->n_columns; c++)
    {
      total_minimum += minimum[c];
      shrinkable += natural[c] - minimum[c];
    }

  /* The table spans the text block: spare room is shared equally, a shortfall is taken from
   * each column in proportion to what it could give up. */
  for (guint c = 0; c < laid->n_columns; c++)
    {
      if (total <= BLOCK_WIDTH)
        width[c] = natural[c] + (BLOCK_WIDTH - total) / laid->n_columns;
      else if (total_minimum <= BLOCK_WIDTH && shrinkable > 0)
        width[c] = minimum[c] + (natural[c] - minimum[c]) * (BLOCK_WIDTH - total_minimum) / shrinkable;
      else
        width[c] = BLOCK_WIDTH / laid->n_columns;
      laid->column_x[c + 1] = laid->column_x[c] + width[c];
    }

  for (guint r = 0; r < laid->n_rows; r++)
    {
      int most_lines = 1;

      for (guint c = 0; c < laid->n_columns; c++)
        {
          PangoLayout *cell = laid->cells[r * laid->n_columns + c];

          pango_layout_set_width (cell, (int) ((width[c] - 2 * CELL_PAD_X) * PANGO_SCALE));
          most_lines = MAX (most_lines, pango_layout_get_line_count (cell));
        }
      laid->row_height[r] = most_lines * TABLE_LINE_PITCH + 2 * CELL_PAD_Y;
    }
}

/* The lines of a cell go on the table's grid whatever the font's own line height; a cell with
 * fewer lines than its row is centred in it. */
static void
place_cell (Flow        *flow,
            PangoLayout *cell,
            double       left,
            double       top,
            double       row_height)
{
  guint n_lines = 0;
  g_autofree double *line_x = _fazhi_layout_measure_line_x (cell, &n_lines);
  double first_top = top + (row_height - n_lines * TABLE_LINE_PITCH) / 2;
  double centred = (TABLE_LINE_PITCH - TABLE_SIZE) / 2 + IDEOGRAPHIC_ASCENT * TABLE_SIZE;

  for (guint i = 0; i < n_lines; i++)
    _fazhi_page_add_piece (flow->page, cell, (int) i, left + line_x[i],
                           first_top + i * TABLE_LINE_PITCH + centred);
}

static void
place_row (Flow      *flow,
           LaidBlock *laid,
           guint      row)
{
  double top = BLOCK_TOP + flow->y;

  _fazhi_page_add_rule (flow->page, BLOCK_LEFT, top, BLOCK_LEFT + BLOCK_WIDTH, top);
  for (guint c = 0; c < laid->n_columns; c++)
    place_cell (flow, laid->cells[row * laid->n_columns + c], BLOCK_LEFT + laid->column_x[c] + CELL_PAD_X,
                top, laid->row_height[row]);
  flow->y += laid->row_height[row];
}

static void
close_table_part (Flow      *flow,
                  LaidBlock *laid,
                  double     part_top)
{
  double top = BLOCK_TOP + part_top;
  double bottom = BLOCK_TOP + flow->y;

  _fazhi_page_add_rule (flow->page, BLOCK_LEFT, bottom, BLOCK_LEFT + BLOCK_WIDTH, bottom);
  for (guint c = 0; c <= laid->n_columns; c++)
    _fazhi_page_add_rule (flow->page, BLOCK_LEFT + laid->column_x[c], top,
                          BLOCK_LEFT + laid->column_x[c], bottom);
}

/* Where the rows from @row on must reach on the page that takes @row: the last row is kept
 * with the one before it and with a signature that follows the table. */
static double
rows_keep_end (Flow      *flow,
               guint      index,
               LaidBlock *laid,
               guint      row)
{
  FazhiLayout *self = flow->self;
  double end = flow->y + laid->row_height[row];

  if (row + 2 == laid->n_rows)
    end += laid->row_height[row + 1];
  if (row + 2 >= laid->n_rows && _fazhi_layout_followed_by_signature (self, index))
    end = _fazhi_layout_keep_end (self, index + 1, end);
  return end;
}

/* Rows break between pages whole; the header row is repeated at the top of each page. */
void
_fazhi_flow_table (Flow  *flow,
                   guint  index)
{
  LaidBlock *laid = g_ptr_array_index (flow->self->blocks, index);
  double part_top;

  if (laid->text != NULL)
    _fazhi_flow_place_lines (flow, laid, 0, laid->n_lines);
  if (laid->n_rows == 0)
    return;

  flow->y = layout_snap (flow->y);
  part_top = flow->y;
  place_row (flow, laid, 0);

  for (guint r = 1; r < laid->n_rows; r++)
    {
      if (!layout_fits (rows_keep_end (flow, index, laid, r)) &&
          flow->y - part_top > laid->row_height[0] + EPSILON)
        {
          close_table_part (flow, laid, part_top);
          _fazhi_flow_new_page (flow);
          part_top = 0;
          place_row (flow, laid, 0);
        }
      place_row (flow, laid, r);
    }
  close_table_part (flow, laid, part_top);
}
