/* fazhi-layout-private.h — what the text flow and the table layout share
 *
 * fazhi-layout.c shapes the text and flows the blocks onto pages; fazhi-layout-table.c sizes,
 * splits and rules the tables. Both put their ink on the same pages, as pieces and rules.
 */
#pragma once

#include <math.h>

#include <pango/pangocairo.h>

#include "fazhi-layout.h"

G_BEGIN_DECLS

#define MM                (72.0 / 25.4)
#define BLOCK_LEFT        (28.0 * MM)
#define BLOCK_TOP         (37.0 * MM)
#define BLOCK_WIDTH       (156.0 * MM)
#define BLOCK_HEIGHT      (225.0 * MM)
#define LINES_PER_PAGE    22
#define LINE_PITCH        (BLOCK_HEIGHT / LINES_PER_PAGE)
#define EPSILON           0.01

/* CJK fonts draw ideographs in an em box from 0.12 em below the baseline to 0.88 em above it;
 * centring that box in a line's cell centres the visible text whatever the font's line height. */
#define IDEOGRAPHIC_ASCENT 0.88

typedef enum
{
  ROLE_TITLE,     /* 小标宋 */
  ROLE_FANGSONG,  /* 仿宋: the body, table cells */
  ROLE_HEITI,     /* 黑体: level-1 headings, table captions and headers */
  ROLE_KAITI,     /* 楷体: level-2 run-in headings */
  ROLE_SONG,      /* 宋体: page numbers */
  N_ROLES
} FontRole;

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

/* The top of the first grid line at or below @y. */
static inline double
layout_snap (double y)
{
  return ceil (y / LINE_PITCH - EPSILON) * LINE_PITCH;
}

static inline gboolean
layout_fits (double end)
{
  return end <= BLOCK_HEIGHT + EPSILON;
}

/* fazhi-layout.c */
PangoLayout *_fazhi_layout_new_text                 (FazhiLayout *self,
                                                     const char  *text,
                                                     FontRole     role,
                                                     double       size,
                                                     double       width);
/* Each line's origin from the layout's left edge, which is where its alignment put it. */
double      *_fazhi_layout_measure_line_x           (PangoLayout *layout,
                                                     guint       *n_lines);
double       _fazhi_layout_keep_end                 (FazhiLayout *self,
                                                     guint        index,
                                                     double       y);
gboolean     _fazhi_layout_followed_by_signature    (FazhiLayout *self,
                                                     guint        index);
void         _fazhi_page_add_piece                  (Page        *page,
                                                     PangoLayout *layout,
                                                     int          line,
                                                     double       x,
                                                     double       y);
void         _fazhi_page_add_rule                   (Page        *page,
                                                     double       x0,
                                                     double       y0,
                                                     double       x1,
                                                     double       y1);
void         _fazhi_flow_new_page                   (Flow        *flow);
void         _fazhi_flow_place_lines                (Flow        *flow,
                                                     LaidBlock   *laid,
                                                     guint        first,
                                                     guint        count);

/* fazhi-layout-table.c */
void         _fazhi_layout_lay_table                (FazhiLayout *self,
                                                     FazhiBlock  *block,
                                                     LaidBlock   *laid);
void         _fazhi_flow_table                      (Flow        *flow,
                                                     guint        index);

G_END_DECLS
