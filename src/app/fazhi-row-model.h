/* fazhi-row-model.h — rows that stay while what they show changes */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FAZHI_TYPE_ROW (fazhi_row_get_type ())
G_DECLARE_FINAL_TYPE (FazhiRow, fazhi_row, FAZHI, ROW, GObject)

gpointer fazhi_row_get_item     (FazhiRow *self);
guint    fazhi_row_get_position (FazhiRow *self);

#define FAZHI_TYPE_ROW_MODEL (fazhi_row_model_get_type ())
G_DECLARE_FINAL_TYPE (FazhiRowModel, fazhi_row_model, FAZHI, ROW_MODEL, GObject)

FazhiRowModel *fazhi_row_model_new       (GListModel    *model);
GListModel    *fazhi_row_model_get_model (FazhiRowModel *self);

G_END_DECLS
