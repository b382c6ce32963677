/* fazhi-layout.c — a document laid out on A4 pages as GB/T 9704-2012 prescribes
 *
 * The text block is 156 × 225 mm, 37 mm from the top and 28 mm from the binding edge, on a grid
 * of 22 lines × 28 characters of 3号 (16 pt) type. Every text line sits in a grid cell of its
 * own, so pages look alike whatever the fonts' own line heights; tables keep their natural row
 * heights and the text after them snaps back onto the grid.
 *
 * The layout is computed once with a 72 dpi context and unhinted metrics, so that one point is
 * one Pango unit and the pages break in the same places on paper, in the PDF and on screen.
 * Drawing paints only the ink: whoever wants white paper paints it first.
 */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "fazhi-layout.h"

#define MM                (72.0 / 25.4)
#define BLOCK_LEFT        (28.0 * MM)
#define BLOCK_TOP         (37.0 * MM)
#define BLOCK_WIDTH       (156.0 * MM)
#define BLOCK_HEIGHT      (225.0 * MM)
#define LINES_PER_PAGE    22
#define CHARS_PER_LINE    28
#define LINE_PITCH        (BLOCK_HEIGHT / LINES_PER_PAGE)
#define BODY_SIZE         16.0   /* 3号 */
#define TITLE_SIZE        22.0   /* 2号 */
#define PAGE_NUMBER_SIZE  14.0   /* 4号 */
#define PAGE_NUMBER_GAP   (7.0 * MM)
#define TABLE_SIZE_LARGE  14.0
#define TABLE_SIZE_SMALL  12.0
#define CELL_PAD_X        5.0
#define CELL_PAD_Y        4.0
#define RULE_WIDTH        0.5
#define EPSILON           0.01

/* CJK fonts draw ideographs in an em box from 0.12 em below the baseline to 0.88 em above it;
 * centring that box in the grid cell centres the visible text whatever the font's line height. */
#define IDEOGRAPHIC_ASCENT 0.88

/* The advance of one grid character: 28 of them fill the line exactly. Glyphs of 3号 type are
 * slightly wider than that, so the letter spacing is negative. */
#define CHAR_PITCH        (BLOCK_WIDTH / CHARS_PER_LINE)

typedef enum
{
  ROLE_TITLE,     /* 小标宋 */
  ROLE_FANGSONG,  /* 仿宋: the body */
  ROLE_HEITI,     /* 黑体: level-1 headings, table headers */
  ROLE_KAITI,     /* 楷体: level-2 run-in headings */
  ROLE_SONG,      /* 宋体: page numbers */
  N_ROLES
} FontRole;

/* In order of preference, the official fonts first (offices usually have them through WPS);
 * the last of each role is installed with the application. */
static const char * const role_families[N_ROLES][8] = {
  [ROLE_TITLE]    = { "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC" },
  [ROLE_FANGSONG] = { "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "FandolFang", "Noto Serif CJK SC" },
  [ROLE_HEITI]    = { "黑体", "SimHei", "Noto Sans CJK SC" },
  [ROLE_KAITI]    = { "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "LXGW WenKai", "AR PL UKai CN",
                      "Noto Serif CJK SC" },
  [ROLE_SONG]     = { "宋体", "SimSun", "Noto Serif CJK SC" },
};

/* The layouts belong to the blocks (or the page): pieces only point at them. */
typedef struct
{
  PangoLayout *layout;
  int          line;     /* the line drawn, or -1 for the whole layout */
  double       x;        /* paper coordinates: a line's origin … */
  double       y;        /* … at its baseline; a whole layout's top-left corner */
} Piece;

typedef struct
{
  double x0, y0, x1, y1;
} Rule;

typedef struct
{
  GArray      *pieces;   /* Piece */
  GArray      *rules;    /* Rule */
  PangoLayout *number;
  double       number_x;
  double       number_y;
} Page;

/* A block of the document with its text shaped. */
typedef struct
{
  PangoLayout  *text;        /* the block's text, or a table's caption; NULL when there is none */
  double        size;
  guint         n_lines;
  double       *line_x;      /* each line's origin, from the left of the text block */
  /* tables */
  guint         n_columns;
  guint         n_rows;
  double       *column_x;    /* n_columns + 1 boundaries from the left of the text block */
  double       *row_height;
  PangoLayout **cells;       /* n_rows × n_columns */
} LaidBlock;

struct _FazhiLayout
{
  FazhiDocument *document;
  PangoContext  *context;
  GPtrArray     *blocks;     /* LaidBlock*, one per block of the document */
  GPtrArray     *pages;      /* Page* */
};

typedef struct
{
  FazhiLayout *self;
  Page        *page;
  double       y;            /* from the top of the text block */
} Flow;

static const char *chosen_families[N_ROLES];
static PangoWeight chosen_weights[N_ROLES];

static void
choose_families (PangoFontMap *font_map)
{
  static gsize chosen = 0;

  if (g_once_init_enter (&chosen))
    {
      PangoFontFamily **families = NULL;
      int n_families = 0;
      g_autoptr(GHashTable) installed = g_hash_table_new (g_str_hash, g_str_equal);

      pango_font_map_list_families (font_map, &families, &n_families);
      for (int i = 0; i < n_families; i++)
        g_hash_table_add (installed, (gpointer) pango_font_family_get_name (families[i]));

      for (guint role = 0; role < N_ROLES; role++)
        {
          guint i = 0;

          /* Nothing installed: the last choice still lets fontconfig find a substitute. */
          while (i + 1 < G_N_ELEMENTS (role_families[role]) && role_families[role][i + 1] != NULL &&
                 !g_hash_table_contains (installed, role_families[role][i]))
            i++;
          chosen_families[role] = role_families[role][i];
          /* A plain serif stands in for the heavy 小标宋 in bold. */
          chosen_weights[role] = role == ROLE_TITLE && role_families[role][i + 1] == NULL
                                 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
          g_debug ("font for role %u: %s", role, chosen_families[role]);
        }

      g_free (families);
      g_once_init_leave (&chosen, 1);
    }
}

static PangoFontDescription *
font_for_role (FontRole role,
               double   size)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, chosen_families[role]);
  pango_font_description_set_weight (font, chosen_weights[role]);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  return font;
}

static PangoLayout *
new_text_layout (FazhiLayout *self,
                 const char  *text,
                 FontRole     role,
                 double       size,
                 double       width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = font_for_role (role, size);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_font_description_free (font);
  return layout;
}

/* Puts the characters of a layout on the 28-character grid: pango adds letter spacing between
 * characters only, so 28 characters are 28 advances and 27 spacings wide. Lines that hold
 * half-width digits are justified to the same width. */
static int
grid_letter_spacing (double size)
{
  return (int) floor ((BLOCK_WIDTH - CHARS_PER_LINE * size) / (CHARS_PER_LINE - 1) * PANGO_SCALE);
}

static void
set_on_grid (PangoLayout   *layout,
             PangoAttrList *attrs,
             double         size,
             guint          indent_chars,
             gboolean       justify)
{
  int spacing = grid_letter_spacing (size);

  pango_attr_list_insert_before (attrs, pango_attr_letter_spacing_new (spacing));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_indent (layout, indent_chars * ((int) (size * PANGO_SCALE) + spacing));
  pango_layout_set_justify (layout, justify);
}

static void
measure_lines (LaidBlock *laid)
{
  PangoLayoutIter *iter;
  guint i = 0;

  laid->n_lines = pango_layout_get_line_count (laid->text);
  laid->line_x = g_new0 (double, laid->n_lines);

  iter = pango_layout_get_iter (laid->text);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle in_layout, in_line;

      pango_layout_iter_get_line_extents (iter, NULL, &in_layout);
      pango_layout_line_get_extents (line, NULL, &in_line);
      laid->line_x[i++] = (double) (in_layout.x - in_line.x) / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter) && i < laid->n_lines);
  pango_layout_iter_free (iter);
}

static double
line_width (PangoLayout *layout,
            guint        index)
{
  PangoRectangle extents;

  pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, index), NULL, &extents);
  return (double) extents.width / PANGO_SCALE;
}

static void
laid_block_free (LaidBlock *laid)
{
  g_clear_object (&laid->text);
  g_free (laid->line_x);
  g_free (laid->column_x);
  g_free (laid->row_height);
  for (guint i = 0; laid->cells != NULL && i < laid->n_rows * laid->n_columns; i++)
    g_clear_object (&laid->cells[i]);
  g_free (laid->cells);
  g_free (laid);
}

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

/* Shapes every cell at @size; returns the width the table would need without wrapping. */
static double
shape_cells (FazhiLayout *self,
             FazhiBlock  *block,
             LaidBlock   *laid,
             double       size,
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

          g_clear_object (cell);
          *cell = new_text_layout (self, text, r == 0 ? ROLE_HEITI : ROLE_FANGSONG, size, -1);
          pango_layout_set_alignment (*cell, r == 0 || numeric ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
          natural[c] = MAX (natural[c], natural_width (*cell) + 2 * CELL_PAD_X);
        }
      /* Two characters a line at the least, so that no column becomes a ribbon of single glyphs. */
      minimum[c] = MIN (natural[c], 2 * size + 2 * CELL_PAD_X);
      total += natural[c];
    }
  return total;
}

static void
lay_table (FazhiLayout *self,
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

  total = shape_cells (self, block, laid, TABLE_SIZE_LARGE, natural, minimum);
  if (total > BLOCK_WIDTH)
    total = shape_cells (self, block, laid, TABLE_SIZE_SMALL, natural, minimum);

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
      double height = 0;

      for (guint c = 0; c < laid->n_columns; c++)
        {
          PangoLayout *cell = laid->cells[r * laid->n_columns + c];
          PangoRectangle extents;

          pango_layout_set_width (cell, (int) ((width[c] - 2 * CELL_PAD_X) * PANGO_SCALE));
          pango_layout_get_extents (cell, NULL, &extents);
          height = MAX (height, (double) extents.height / PANGO_SCALE);
        }
      laid->row_height[r] = height + 2 * CELL_PAD_Y;
    }
}

static LaidBlock *
lay_block (FazhiLayout *self,
           FazhiBlock  *block)
{
  LaidBlock *laid = g_new0 (LaidBlock, 1);
  PangoAttrList *attrs = pango_attr_list_new ();

  laid->size = BODY_SIZE;

  switch (block->kind)
    {
    case FAZHI_BLOCK_TITLE:
      laid->size = TITLE_SIZE;
      laid->text = new_text_layout (self, block->text, ROLE_TITLE, TITLE_SIZE, BLOCK_WIDTH);
      pango_layout_set_alignment (laid->text, PANGO_ALIGN_CENTER);
      break;

    case FAZHI_BLOCK_SUBTITLE:
      laid->text = new_text_layout (self, block->text, ROLE_FANGSONG, BODY_SIZE, BLOCK_WIDTH);
      pango_layout_set_alignment (laid->text, PANGO_ALIGN_CENTER);
      break;

    case FAZHI_BLOCK_HEADING:
      laid->text = new_text_layout (self, block->text, ROLE_HEITI, BODY_SIZE, BLOCK_WIDTH);
      set_on_grid (laid->text, attrs, BODY_SIZE, 2, TRUE);
      break;

    case FAZHI_BLOCK_PARAGRAPH:
      {
        g_autofree char *text = g_strconcat (block->lead != NULL ? block->lead : "",
                                             block->text != NULL ? block->text : "", NULL);

        laid->text = new_text_layout (self, text, ROLE_FANGSONG, BODY_SIZE, BLOCK_WIDTH);
        if (block->lead != NULL && *block->lead != '\0')
          {
            PangoFontDescription *kaiti = font_for_role (ROLE_KAITI, BODY_SIZE);
            PangoAttribute *lead = pango_attr_font_desc_new (kaiti);

            lead->start_index = 0;
            lead->end_index = strlen (block->lead);
            pango_attr_list_insert (attrs, lead);
            pango_font_description_free (kaiti);
          }
        set_on_grid (laid->text, attrs, BODY_SIZE, 2, TRUE);
      }
      break;

    case FAZHI_BLOCK_SIGNATURE:
    case FAZHI_BLOCK_DATE:
      laid->text = new_text_layout (self, block->text, ROLE_FANGSONG, BODY_SIZE, BLOCK_WIDTH);
      set_on_grid (laid->text, attrs, BODY_SIZE, 0, FALSE);
      break;

    case FAZHI_BLOCK_TABLE:
      if (block->text != NULL && *block->text != '\0')
        {
          laid->text = new_text_layout (self, block->text, ROLE_HEITI, BODY_SIZE, BLOCK_WIDTH);
          pango_layout_set_alignment (laid->text, PANGO_ALIGN_CENTER);
        }
      lay_table (self, block, laid);
      break;

    default:
      g_warn_if_reached ();
    }

  pango_attr_list_unref (attrs);
  if (laid->text != NULL)
    measure_lines (laid);
  return laid;
}

/* GB/T 9704: the date stands four characters in from the right edge and the signature is
 * centred on it; a signature longer than the date takes its place, with the date centred under it. */
static void
align_signature (FazhiLayout *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      FazhiBlock *block = g_ptr_array_index (self->document->blocks, i);
      FazhiBlock *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->document->blocks, i + 1) : NULL;
      LaidBlock *group[2] = { g_ptr_array_index (self->blocks, i), NULL };
      double widest = 0, centre;

      if (block->kind != FAZHI_BLOCK_SIGNATURE && block->kind != FAZHI_BLOCK_DATE)
        continue;
      if (block->kind == FAZHI_BLOCK_SIGNATURE && next != NULL && next->kind == FAZHI_BLOCK_DATE)
        group[1] = g_ptr_array_index (self->blocks, ++i);

      for (guint g = 0; g < G_N_ELEMENTS (group) && group[g] != NULL; g++)
        for (guint l = 0; l < group[g]->n_lines; l++)
          widest = MAX (widest, line_width (group[g]->text, l));

      centre = BLOCK_WIDTH - 4 * CHAR_PITCH - widest / 2;
      for (guint g = 0; g < G_N_ELEMENTS (group) && group[g] != NULL; g++)
        for (guint l = 0; l < group[g]->n_lines; l++)
          group[g]->line_x[l] = centre - line_width (group[g]->text, l) / 2;
    }
}

static void
page_free (Page *page)
{
  g_array_unref (page->pieces);
  g_array_unref (page->rules);
  g_clear_object (&page->number);
  g_free (page);
}

static void
add_piece (Page        *page,
           PangoLayout *layout,
           int          line,
           double       x,
           double       y)
{
  Piece piece = { layout, line, x, y };

  g_array_append_val (page->pieces, piece);
}

static void
add_rule (Page   *page,
          double  x0,
          double  y0,
          double  x1,
          double  y1)
{
  Rule rule = { x0, y0, x1, y1 };

  g_array_append_val (page->rules, rule);
}

static void
flow_new_page (Flow *flow)
{
  Page *page = g_new0 (Page, 1);

  page->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  page->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_ptr_array_add (flow->self->pages, page);
  flow->page = page;
  flow->y = 0;
}

static gboolean
flow_at_top (Flow *flow)
{
  return flow->y < EPSILON;
}

/* The top of the first grid line at or below @y. */
static double
snap (double y)
{
  return ceil (y / LINE_PITCH - EPSILON) * LINE_PITCH;
}

static gboolean
fits (double end)
{
  return end <= BLOCK_HEIGHT + EPSILON;
}

static FazhiBlockKind
kind_at (FazhiLayout *self,
         guint        index)
{
  FazhiBlock *block = g_ptr_array_index (self->document->blocks, index);

  return block->kind;
}

static gboolean
followed_by_signature (FazhiLayout *self,
                       guint        index)
{
  return index + 1 < self->blocks->len && (kind_at (self, index + 1) == FAZHI_BLOCK_SIGNATURE ||
                                           kind_at (self, index + 1) == FAZHI_BLOCK_DATE);
}

static gboolean
needs_blank_before (FazhiLayout *self,
                    guint        index,
                    double       y)
{
  FazhiBlockKind kind = kind_at (self, index);

  if (y < EPSILON)
    return FALSE;
  if (kind == FAZHI_BLOCK_SIGNATURE)
    return TRUE;
  return kind == FAZHI_BLOCK_DATE && (index == 0 || kind_at (self, index - 1) != FAZHI_BLOCK_SIGNATURE);
}

/* Where the part of block @index that must not be separated from its start ends, when the
 * block starts at @y: a heading with the start of what follows it, the first two lines of a
 * paragraph, a table's caption with its header and first row, a signature with its date. */
static double
keep_end (FazhiLayout *self,
          guint        index,
          double       y)
{
  LaidBlock *laid = g_ptr_array_index (self->blocks, index);
  FazhiBlockKind kind = kind_at (self, index);
  double end = snap (y);

  if (needs_blank_before (self, index, y))
    end += LINE_PITCH;

  switch (kind)
    {
    case FAZHI_BLOCK_HEADING:
      end += laid->n_lines * LINE_PITCH;
      if (index + 1 < self->blocks->len)
        end = keep_end (self, index + 1, end);
      break;
    case FAZHI_BLOCK_PARAGRAPH:
      /* Fewer than four lines cannot be split without leaving one alone. */
      end += (laid->n_lines < 4 ? laid->n_lines : 2) * LINE_PITCH;
      break;
    case FAZHI_BLOCK_TABLE:
      end += laid->n_lines * LINE_PITCH;  /* the caption's */
      for (guint r = 0; r < MIN (laid->n_rows, 2); r++)
        end += laid->row_height[r];
      break;
    case FAZHI_BLOCK_SIGNATURE:
      end += laid->n_lines * LINE_PITCH;
      if (index + 1 < self->blocks->len && kind_at (self, index + 1) == FAZHI_BLOCK_DATE)
        end = keep_end (self, index + 1, end);
      break;
    case FAZHI_BLOCK_TITLE:
    case FAZHI_BLOCK_SUBTITLE:
    case FAZHI_BLOCK_DATE:
    default:
      end += laid->n_lines * LINE_PITCH;
    }
  return end;
}

static void
place_lines (Flow      *flow,
             LaidBlock *laid,
             guint      first,
             guint      count)
{
  double centred = (LINE_PITCH - laid->size) / 2 + IDEOGRAPHIC_ASCENT * laid->size;

  flow->y = snap (flow->y);
  for (guint i = first; i < first + count; i++)
    {
      PangoRectangle extents;

      /* A large size (the title) would otherwise reach above the top of the text block. */
      pango_layout_line_get_extents (pango_layout_get_line_readonly (laid->text, i), NULL, &extents);
      add_piece (flow->page, laid->text, (int) i, BLOCK_LEFT + laid->line_x[i],
                 BLOCK_TOP + flow->y + MAX (centred, (double) -extents.y / PANGO_SCALE));
      flow->y += LINE_PITCH;
    }
}

static guint
free_lines (Flow *flow)
{
  double left = BLOCK_HEIGHT - snap (flow->y);

  return left > 0 ? (guint) floor (left / LINE_PITCH + EPSILON) : 0;
}

/* Splits a paragraph at line boundaries, never leaving its first line alone at the foot of a
 * page nor its last line alone at the head of the next, and keeping its last lines with a
 * signature that follows. */
static void
flow_paragraph (Flow  *flow,
                guint  index)
{
  FazhiLayout *self = flow->self;
  LaidBlock *laid = g_ptr_array_index (self->blocks, index);
  gboolean has_tail = followed_by_signature (self, index);
  guint done = 0;

  while (done < laid->n_lines)
    {
      guint left = laid->n_lines - done;
      guint room = free_lines (flow);
      guint take = 0;

      if (left <= room &&
          (!has_tail || fits (keep_end (self, index + 1, snap (flow->y) + left * LINE_PITCH))))
        take = left;
      else if (left >= 2 && MIN (room, left - 2) >= (done == 0 ? 2u : 1u))
        take = MIN (room, left - 2);

      if (take == 0 && flow_at_top (flow))
        take = MAX (MIN (room, left), 1);  /* nothing else would ever fit on a page */

      if (take == 0)
        {
          flow_new_page (flow);
          continue;
        }

      place_lines (flow, laid, done, take);
      done += take;
      if (done < laid->n_lines)
        flow_new_page (flow);
    }
}

static void
place_row (Flow      *flow,
           LaidBlock *laid,
           guint      row)
{
  double top = BLOCK_TOP + flow->y;

  add_rule (flow->page, BLOCK_LEFT, top, BLOCK_LEFT + BLOCK_WIDTH, top);
  for (guint c = 0; c < laid->n_columns; c++)
    {
      PangoLayout *cell = laid->cells[row * laid->n_columns + c];
      PangoRectangle extents;

      pango_layout_get_extents (cell, NULL, &extents);
      add_piece (flow->page, cell, -1, BLOCK_LEFT + laid->column_x[c] + CELL_PAD_X,
                 top + (laid->row_height[row] - (double) extents.height / PANGO_SCALE) / 2);
    }
  flow->y += laid->row_height[row];
}

static void
close_table_part (Flow      *flow,
                  LaidBlock *laid,
                  double     part_top)
{
  double top = BLOCK_TOP + part_top;
  double bottom = BLOCK_TOP + flow->y;

  add_rule (flow->page, BLOCK_LEFT, bottom, BLOCK_LEFT + BLOCK_WIDTH, bottom);
  for (guint c = 0; c <= laid->n_columns; c++)
    add_rule (flow->page, BLOCK_LEFT + laid->column_x[c], top, BLOCK_LEFT + laid->column_x[c], bottom);
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
  if (row + 2 >= laid->n_rows && followed_by_signature (self, index))
    end = keep_end (self, index + 1, end);
  return end;
}

/* Rows break between pages whole; the header row is repeated at the top of each page. */
static void
flow_table (Flow  *flow,
            guint  index)
{
  LaidBlock *laid = g_ptr_array_index (flow->self->blocks, index);
  double part_top;

  if (laid->text != NULL)
    place_lines (flow, laid, 0, laid->n_lines);
  if (laid->n_rows == 0)
    return;

  flow->y = snap (flow->y);
  part_top = flow->y;
  place_row (flow, laid, 0);

  for (guint r = 1; r < laid->n_rows; r++)
    {
      if (!fits (rows_keep_end (flow, index, laid, r)) && flow->y - part_top > laid->row_height[0] + EPSILON)
        {
          close_table_part (flow, laid, part_top);
          flow_new_page (flow);
          part_top = 0;
          place_row (flow, laid, 0);
        }
      place_row (flow, laid, r);
    }
  close_table_part (flow, laid, part_top);
}

static void
flow_document (FazhiLayout *self)
{
  Flow flow = { self, NULL, 0 };

  flow_new_page (&flow);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      LaidBlock *laid = g_ptr_array_index (self->blocks, i);
      FazhiBlockKind kind = kind_at (self, i);
      FazhiBlockKind next = i + 1 < self->blocks->len ? kind_at (self, i + 1) : kind;

      if (!flow_at_top (&flow) && !fits (keep_end (self, i, flow.y)))
        flow_new_page (&flow);
      if (needs_blank_before (self, i, flow.y))
        flow.y = snap (flow.y) + LINE_PITCH;

      switch (kind)
        {
        case FAZHI_BLOCK_PARAGRAPH:
          flow_paragraph (&flow, i);
          break;
        case FAZHI_BLOCK_TABLE:
          flow_table (&flow, i);
          break;
        case FAZHI_BLOCK_TITLE:
        case FAZHI_BLOCK_SUBTITLE:
          place_lines (&flow, laid, 0, laid->n_lines);
          /* A blank line parts the title (and the lines under it) from the body. */
          if (next != FAZHI_BLOCK_SUBTITLE && i + 1 < self->blocks->len)
            flow.y += LINE_PITCH;
          break;
        case FAZHI_BLOCK_HEADING:
        case FAZHI_BLOCK_SIGNATURE:
        case FAZHI_BLOCK_DATE:
        default:
          place_lines (&flow, laid, 0, laid->n_lines);
        }
    }
}

/* GB/T 9704: the page number in 4号 between two em dashes, 7 mm below the text block, one
 * character in from its right edge on odd pages and from its left edge on even ones. */
static void
number_pages (FazhiLayout *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);
      g_autofree char *text = g_strdup_printf ("— %u —", i + 1);
      PangoRectangle extents;

      page->number = new_text_layout (self, text, ROLE_SONG, PAGE_NUMBER_SIZE, -1);
      pango_layout_get_extents (page->number, NULL, &extents);
      if (i % 2 == 0)
        page->number_x = BLOCK_LEFT + BLOCK_WIDTH - PAGE_NUMBER_SIZE - (double) extents.width / PANGO_SCALE;
      else
        page->number_x = BLOCK_LEFT + PAGE_NUMBER_SIZE;
      /* The dashes sit at the middle of the ideographic em box. */
      page->number_y = BLOCK_TOP + BLOCK_HEIGHT + PAGE_NUMBER_GAP
                       + (IDEOGRAPHIC_ASCENT - 0.5) * PAGE_NUMBER_SIZE;
    }
}

FazhiLayout *
fazhi_layout_new (FazhiDocument *document)
{
  FazhiLayout *self;
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options;

  g_return_val_if_fail (document != NULL, NULL);

  choose_families (font_map);

  self = g_new0 (FazhiLayout, 1);
  self->document = document;
  self->context = pango_font_map_create_context (font_map);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) laid_block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);

  pango_cairo_context_set_resolution (self->context, 72);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < document->blocks->len; i++)
    g_ptr_array_add (self->blocks, lay_block (self, g_ptr_array_index (document->blocks, i)));
  align_signature (self);
  flow_document (self);
  number_pages (self);

  return self;
}

void
fazhi_layout_free (FazhiLayout *layout)
{
  if (layout == NULL)
    return;

  g_ptr_array_unref (layout->pages);
  g_ptr_array_unref (layout->blocks);
  g_object_unref (layout->context);
  g_free (layout);
}

guint
fazhi_layout_get_n_pages (FazhiLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pages->len;
}

void
fazhi_layout_draw_page (FazhiLayout *layout,
                        cairo_t     *cr,
                        guint        page_index)
{
  Page *page;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (page_index < layout->pages->len);

  page = g_ptr_array_index (layout->pages, page_index);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  for (guint i = 0; i < page->pieces->len; i++)
    {
      Piece *piece = &g_array_index (page->pieces, Piece, i);

      cairo_move_to (cr, piece->x, piece->y);
      if (piece->line >= 0)
        pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (piece->layout, piece->line));
      else
        pango_cairo_show_layout (cr, piece->layout);
    }

  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (guint i = 0; i < page->rules->len; i++)
    {
      Rule *rule = &g_array_index (page->rules, Rule, i);

      cairo_move_to (cr, rule->x0, rule->y0);
      cairo_line_to (cr, rule->x1, rule->y1);
    }
  cairo_stroke (cr);

  cairo_move_to (cr, page->number_x, page->number_y - pango_layout_get_baseline (page->number) / (double) PANGO_SCALE);
  pango_cairo_show_layout (cr, page->number);

  cairo_restore (cr);
}

static char *
document_title (FazhiDocument *document)
{
  for (guint i = 0; i < document->blocks->len; i++)
    {
      FazhiBlock *block = g_ptr_array_index (document->blocks, i);

      if (block->kind == FAZHI_BLOCK_TITLE && block->text != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (block->text, "\n", -1);

          return g_strjoinv ("", lines);
        }
    }
  return NULL;
}

gboolean
fazhi_layout_write_pdf (FazhiDocument *document,
                        const char    *path,
                        GError       **error)
{
  g_autoptr(FazhiLayout) layout = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  int saved_errno;
  cairo_t *cr;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layout = fazhi_layout_new (document);
  partial = g_strconcat (path, ".partial", NULL);
  title = document_title (document);

  surface = cairo_pdf_surface_create (partial, FAZHI_A4_WIDTH, FAZHI_A4_HEIGHT);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  cr = cairo_create (surface);
  for (guint i = 0; i < layout->pages->len; i++)
    {
      fazhi_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && g_rename (partial, path) == 0)
    return TRUE;

  saved_errno = errno;
  g_unlink (partial);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Could not write the PDF file %s: %s"), path,
               status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (saved_errno));
  return FALSE;
}
