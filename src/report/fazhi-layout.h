/* fazhi-layout.h — a document laid out on A4 pages as GB/T 9704-2012 prescribes
 *
 * Units are points (1/72 inch), origin at the top-left corner of the paper. The same drawing
 * serves the PDF export, the print dialog and the window's preview.
 */
#pragma once

#include <cairo.h>

#include "fazhi-document.h"

G_BEGIN_DECLS

#define FAZHI_A4_WIDTH  595.276  /* 210 mm */
#define FAZHI_A4_HEIGHT 841.890  /* 297 mm */

typedef struct _FazhiLayout FazhiLayout;

/* Lays @document out (it must outlive the layout). */
FazhiLayout *fazhi_layout_new            (FazhiDocument *document);
void         fazhi_layout_free           (FazhiLayout   *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiLayout, fazhi_layout_free)

guint        fazhi_layout_get_n_pages    (FazhiLayout   *layout);
/* Draws page @page (0-based) on @cr, whose user units are points with the origin at the
 * paper's top-left corner. */
void         fazhi_layout_draw_page      (FazhiLayout   *layout,
                                          cairo_t       *cr,
                                          guint          page);

gboolean     fazhi_layout_write_pdf      (FazhiDocument *document,
                                          const char    *path,
                                          GError       **error);

G_END_DECLS
