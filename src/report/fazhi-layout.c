/* fazhi-layout.c — a document laid out on A4 pages as GB/T 9704-2012 prescribes
 *
 * The text block is 156 × 225 mm, 37 mm from the top and 28 mm from the binding edge, on a grid
 * of 22 lines × 28 characters of 3号 (16 pt) type. Every text line sits in a grid cell of its
 * own, so pages look alike whatever the fonts' own line heights; tables (fazhi-layout-table.c)
 * have a tighter grid of their own and the text after them snaps back onto the body grid.
 *
 * The layout is computed once with a 72 dpi context and unhinted metrics, so that one point is
 * one Pango unit and the pages break in the same places on paper, in the PDF and on screen.
 * Drawing paints only the ink: whoever wants white paper paints it first.
 */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "fazhi-layout-private.h"

#define CHARS_PER_LINE    28
#define BODY_SIZE         16.0   /* 3号 */
#define TITLE_SIZE        22.0   /* 2号 */
#define PAGE_NUMBER_SIZE  14.0   /* 4号 */
#define PAGE_NUMBER_GAP   (7.0 * MM)
#define RULE_WIDTH        0.5

/* The advance of one grid character: 28 of them fill the line exactly. Glyphs of 3号 type are
 * slightly wider than that, so the letter spacing is negative. */
#define CHAR_PITCH        (BLOCK_WIDTH / CHARS_PER_LINE)

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

PangoLayout *
_fazhi_layout_new_text (FazhiLayout *self,
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

double *
_fazhi_layout_measure_line_x (PangoLayout *layout,
                              guint       *n_lines)
{
  PangoLayoutIter *iter;
  double *line_x;
  guint i = 0;

  *n_lines = pango_layout_get_line_count (layout);
  line_x = g_new0 (double, *n_lines);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle in_layout, in_line;

      pango_layout_iter_get_line_extents (iter, NULL, &in_layout);
      pango_layout_line_get_extents (line, NULL, &in_line);
      line_x[i++] = (double) (in_layout.x - in_line.x) / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter) && i < *n_lines);
  pango_layout_iter_free (iter);
  return line_x;
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
      laid->text = _fazhi_layout_new_text (self, block->text, ROLE_TITLE, TITLE_SIZE, BLOCK_WIDTH);
      pango_layout_set_alignment (laid->text, PANGO_ALIGN_CENTER);
      break;

    case FAZHI_BLOCK_SUBTITLE:
      laid->text = _fazhi_layout_new_text (self, block->text, ROLE_FANGSONG, BODY_SIZE, BLOCK_WIDTH);
      pango_layout_set_alignment (laid->text, PANGO_ALIGN_CENTER);
      break;

    case FAZHI_BLOCK_HEADING:
      laid->text = _fazhi_layout_new_text (self, block->text, ROLE_HEITI, BODY_SIZE, BLOCK_WIDTH);
      set_on_grid (laid->text, attrs, BODY_SIZE, 2, TRUE);
      break;

    case FAZHI_BLOCK_PARAGRAPH:
      {
        g_autofree char *text = g_strconcat (block->lead != NULL ? block->lead : "",
                                             block->text != NULL ? block->text : "", NULL);

        laid->text = _fazhi_layout_new_text (self, text, ROLE_FANGSONG, BODY_SIZE, BLOCK_WIDTH);
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
      laid->text = _fazhi_layout_new_text (self, block->text, ROLE_FANGSONG, BODY_SIZE, BLOCK_WIDTH);
      set_on_grid (laid->text, attrs, BODY_SIZE, 0, FALSE);
      break;

    case FAZHI_BLOCK_TABLE:
      if (block->text != NULL && *block->text != '\0')
        {
          laid->text = _fazhi_layout_new_text (self, block->text, ROLE_HEITI, BODY_SIZE, BLOCK_WIDTH);
          pango_layout_set_alignment (laid->text, PANGO_ALIGN_CENTER);
        }
      _fazhi_layout_lay_table (self, block, laid);
      break;

    default:
      g_warn_if_reached ();
    }

  pango_attr_list_unref (attrs);
  if (laid->text != NULL)
    laid->line_x = _fazhi_layout_measure_line_x (laid->text, &laid->n_lines);
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

void
_fazhi_page_add_piece (Page        *page,
                       PangoLayout *layout,
                       int          line,
                       double       x,
                       double       y)
{
  Piece piece = { layout, line, x, y };

  g_array_append_val (page->pieces, piece);
}

void
_fazhi_page_add_rule (Page   *page,
                      double  x0,
                      double  y0,
                      double  x1,
                      double  y1)
{
  Rule rule = { x0, y0, x1, y1 };

  g_array_append_val (page->rules, rule);
}

void
_fazhi_flow_new_page (Flow *flow)
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

static FazhiBlockKind
kind_at (FazhiLayout *self,
         guint        index)
{
  FazhiBlock *block = g_ptr_array_index (self->document->blocks, index);

  return block->kind;
}

gboolean
_fazhi_layout_followed_by_signature (FazhiLayout *self,
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
double
_fazhi_layout_keep_end (FazhiLayout *self,
                        guint        index,
                        double       y)
{
  LaidBlock *laid = g_ptr_array_index (self->blocks, index);
  FazhiBlockKind kind = kind_at (self, index);
  double end = layout_snap (y);

  if (needs_blank_before (self, index, y))
    end += LINE_PITCH;

  switch (kind)
    {
    case FAZHI_BLOCK_HEADING:
      end += laid->n_lines * LINE_PITCH;
      if (index + 1 < self->blocks->len)
        end = _fazhi_layout_keep_end (self, index + 1, end);
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
        end = _fazhi_layout_keep_end (self, index + 1, end);
      break;
    case FAZHI_BLOCK_TITLE:
    case FAZHI_BLOCK_SUBTITLE:
    case FAZHI_BLOCK_DATE:
    default:
      end += laid->n_lines * LINE_PITCH;
    }
  return end;
}

void
_fazhi_flow_place_lines (Flow      *flow,
                         LaidBlock *laid,
                         guint      first,
                         guint      count)
{
  double centred = (LINE_PITCH - laid->size) / 2 + IDEOGRAPHIC_ASCENT * laid->size;

  flow->y = layout_snap (flow->y);
  for (guint i = first; i < first + count; i++)
    {
      PangoRectangle extents;

      /* A large size (the title) would otherwise reach above the top of the text block. */
      pango_layout_line_get_extents (pango_layout_get_line_readonly (laid->text, i), NULL, &extents);
      _fazhi_page_add_piece (flow->page, laid->text, (int) i, BLOCK_LEFT + laid->line_x[i],
                 BLOCK_TOP + flow->y + MAX (centred, (double) -extents.y / PANGO_SCALE));
      flow->y += LINE_PITCH;
    }
}

static guint
free_lines (Flow *flow)
{
  double left = BLOCK_HEIGHT - layout_snap (flow->y);

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
  gboolean has_tail = _fazhi_layout_followed_by_signature (self, index);
  guint done = 0;

  while (done < laid->n_lines)
    {
      guint left = laid->n_lines - done;
      guint room = free_lines (flow);
      guint take = 0;

      if (left <= room &&
          (!has_tail || layout_fits (_fazhi_layout_keep_end (self, index + 1, layout_snap (flow->y) + left * LINE_PITCH))))
        take = left;
      else if (left >= 2 && MIN (room, left - 2) >= (done == 0 ? 2u : 1u))
        take = MIN (room, left - 2);

      if (take == 0 && flow_at_top (flow))
        take = MAX (MIN (room, left), 1);  /* nothing else would ever fit on a page */

      if (take == 0)
        {
          _fazhi_flow_new_page (flow);
          continue;
        }

      _fazhi_flow_place_lines (flow, laid, done, take);
      done += take;
      if (done < laid->n_lines)
        _fazhi_flow_new_page (flow);
    }
}

static void
flow_document (FazhiLayout *self)
{
  Flow flow = { self, NULL, 0 };

  _fazhi_flow_new_page (&flow);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      LaidBlock *laid = g_ptr_array_index (self->blocks, i);
      FazhiBlockKind kind = kind_at (self, i);
      FazhiBlockKind next = i + 1 < self->blocks->len ? kind_at (self, i + 1) : kind;

      if (!flow_at_top (&flow) && !layout_fits (_fazhi_layout_keep_end (self, i, flow.y)))
        _fazhi_flow_new_page (&flow);
      if (needs_blank_before (self, i, flow.y))
        flow.y = layout_snap (flow.y) + LINE_PITCH;

      switch (kind)
        {
        case FAZHI_BLOCK_PARAGRAPH:
          flow_paragraph (&flow, i);
          break;
        case FAZHI_BLOCK_TABLE:
          _fazhi_flow_table (&flow, i);
          break;
        case FAZHI_BLOCK_TITLE:
        case FAZHI_BLOCK_SUBTITLE:
          _fazhi_flow_place_lines (&flow, laid, 0, laid->n_lines);
          /* A blank line parts the title (and the lines under it) from the body. */
          if (next != FAZHI_BLOCK_SUBTITLE && i + 1 < self->blocks->len)
            flow.y += LINE_PITCH;
          break;
        case FAZHI_BLOCK_HEADING:
        case FAZHI_BLOCK_SIGNATURE:
        case FAZHI_BLOCK_DATE:
        default:
          _fazhi_flow_place_lines (&flow, laid, 0, laid->n_lines);
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

      page->number = _fazhi_layout_new_text (self, text, ROLE_SONG, PAGE_NUMBER_SIZE, -1);
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
