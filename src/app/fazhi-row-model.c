/* fazhi-row-model.c — rows that stay while what they show changes
 *
 * A list view of GTK 4.8 keeps the widgets of some 200 rows around the rows on screen, and
 * throws every one of them away when its model says those rows were removed: a new search in
 * a ledger of 100 000 records built 200 rows of cells again, most of the time a keystroke took.
 *
 * A FazhiRowModel stands between a list view and a model of records. Its items are rows: a row
 * is a position, and shows the record the model holds at that position. When the model changes,
 * the rows that exist are told that their "item" changed, and only the difference in the number
 * of rows is announced, at the end of the list. The list view keeps its widgets. A row reads its
 * new record when it is asked for it: the rows out of sight are not read until they are shown.
 *
 * Being positions, rows do not follow records: a selection stays where it was when the records
 * around it change.
 *
 * A list view makes all its rows before it draws the first frame. A long list is therefore shown
 * at first with its first FIRST_ROWS rows, more than any screen holds, and whole once the main
 * loop is idle: the window comes up with half the rows made.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include "fazhi-row-model.h"

#define FIRST_ROWS 100

struct _FazhiRow
{
  GObject     parent_instance;

  guint       position;
  gpointer    item;
  GListModel *model;                   /* not a reference; set while the item is to be read */
};

G_DEFINE_FINAL_TYPE (FazhiRow, fazhi_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_ITEM,
  ROW_PROP_POSITION,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
fazhi_row_finalize (GObject *object)
{
  FazhiRow *self = FAZHI_ROW (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (fazhi_row_parent_class)->finalize (object);
}

static void
fazhi_row_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FazhiRow *self = FAZHI_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_ITEM:
      g_value_set_object (value, fazhi_row_get_item (self));
      break;

    case ROW_PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fazhi_row_class_init (FazhiRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fazhi_row_finalize;
  object_class->get_property = fazhi_row_get_property;

  /**
   * FazhiRow:item:
   *
   * What the model holds at the row's position; %NULL once the row is past the end.
   */
  row_properties[ROW_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  row_properties[ROW_PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
fazhi_row_init (FazhiRow *self)
{
}

/* The row shows something else now: what, it reads when asked (from @model; none if NULL). */
static void
row_changed (FazhiRow   *self,
             GListModel *model)
{
  g_clear_object (&self->item);
  self->model = model;
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_ITEM]);
}

/**
 * fazhi_row_get_item:
 *
 * Returns: (transfer none) (nullable): what the row shows
 */
gpointer
fazhi_row_get_item (FazhiRow *self)
{
  g_return_val_if_fail (FAZHI_IS_ROW (self), NULL);

  if (self->model != NULL)
    {
      self->item = g_list_model_get_item (self->model, self->position);
      self->model = NULL;
    }

  return self->item;
}

guint
fazhi_row_get_position (FazhiRow *self)
{
  g_return_val_if_fail (FAZHI_IS_ROW (self), 0);

  return self->position;
}

struct _FazhiRowModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      changed_handler;
  guint       n_items;
  guint       rest_id;                 /* idle: shows the rows after the first ones */
  GHashTable *rows;                    /* position → FazhiRow, not referenced: the rows alive */
};

static void fazhi_row_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FazhiRowModel, fazhi_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, fazhi_row_model_list_model_init))

/* A row went away; a newer row may already stand at its position. */
static void
row_gone_cb (gpointer  data,
             GObject  *where_the_row_was)
{
  FazhiRowModel *self = data;
  gpointer key = GUINT_TO_POINTER (((FazhiRow *) where_the_row_was)->position);

  if (g_hash_table_lookup (self->rows, key) == (gpointer) where_the_row_was)
    g_hash_table_remove (self->rows, key);
}

/* Lets the rows from position @from on go, without telling anyone of the list about them. */
static void
forget_rows (FazhiRowModel *self,
             guint          from)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (FAZHI_ROW (row)->position >= from)
      {
        g_object_weak_unref (row, row_gone_cb, self);
        g_hash_table_iter_remove (&iter);
        row_changed (row, NULL);
      }
}

static void
model_items_changed_cb (FazhiRowModel *self,
                        guint          position,
                        guint          removed,
                        guint          added)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (self->model);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer row;

  /* From the first change on, every row is shown. */
  g_clear_handle_id (&self->rest_id, g_source_remove);

  /* The rows past the new end are no more; they are announced as removed below. */
  forget_rows (self, new_n);

  /* Collected first: a row told of its change may ask for more rows. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (FAZHI_ROW (row)->position >= position)
      g_ptr_array_add (changed, g_object_ref (row));

  self->n_items = new_n;
  for (guint i = 0; i < changed->len; i++)
    row_changed (g_ptr_array_index (changed, i), self->model);

  if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  else if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
}

static GType
fazhi_row_model_get_item_type (GListModel *model)
{
  return FAZHI_TYPE_ROW;
}

static guint
fazhi_row_model_get_n_items (GListModel *model)
{
  return FAZHI_ROW_MODEL (model)->n_items;
}

static gpointer
fazhi_row_model_get_item (GListModel *model,
                          guint       position)
{
  FazhiRowModel *self = FAZHI_ROW_MODEL (model);
  FazhiRow *row;

  if (position >= self->n_items)
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  row = g_object_new (FAZHI_TYPE_ROW, NULL);
  row->position = position;
  row->model = self->model;
  g_object_weak_ref (G_OBJECT (row), row_gone_cb, self);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);

  return row;
}

static void
fazhi_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fazhi_row_model_get_item_type;
  iface->get_n_items = fazhi_row_model_get_n_items;
  iface->get_item = fazhi_row_model_get_item;
}

static void
fazhi_row_model_dispose (GObject *object)
{
  FazhiRowModel *self = FAZHI_ROW_MODEL (object);

  forget_rows (self, 0);
  g_clear_handle_id (&self->rest_id, g_source_remove);
  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_handler, self->model);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (fazhi_row_model_parent_class)->dispose (object);
}

static void
fazhi_row_model_finalize (GObject *object)
{
  FazhiRowModel *self = FAZHI_ROW_MODEL (object);

  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (fazhi_row_model_parent_class)->finalize (object);
}

static void
fazhi_row_model_class_init (FazhiRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fazhi_row_model_dispose;
  object_class->finalize = fazhi_row_model_finalize;
}

static void
fazhi_row_model_init (FazhiRowModel *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
}

static gboolean
show_rest (gpointer data)
{
  FazhiRowModel *self = data;
  guint first = self->n_items;

  self->rest_id = 0;
  self->n_items = g_list_model_get_n_items (self->model);
  if (self->n_items > first)
    g_list_model_items_changed (G_LIST_MODEL (self), first, 0, self->n_items - first);

  return G_SOURCE_REMOVE;
}

/**
 * fazhi_row_model_new:
 * @model: (transfer none): the model whose items the rows show
 *
 * Returns: (transfer full): rows over @model
 */
FazhiRowModel *
fazhi_row_model_new (GListModel *model)
{
  FazhiRowModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (FAZHI_TYPE_ROW_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_items = MIN (g_list_model_get_n_items (model), FIRST_ROWS);
  if (self->n_items < g_list_model_get_n_items (model))
    self->rest_id = g_idle_add (show_rest, self);
  self->changed_handler = g_signal_connect_swapped (model, "items-changed",
                                                    G_CALLBACK (model_items_changed_cb), self);

  return self;
}

/**
 * fazhi_row_model_get_model:
 *
 * Returns: (transfer none): the model whose items the rows show
 */
GListModel *
fazhi_row_model_get_model (FazhiRowModel *self)
{
  g_return_val_if_fail (FAZHI_IS_ROW_MODEL (self), NULL);

  return self->model;
}
