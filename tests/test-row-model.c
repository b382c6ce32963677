/* test-row-model.c — rows that stay while what they show changes */

#define G_LOG_DOMAIN "fazhi-test"

#include "config.h"

#include "fazhi-row-model.h"

/* A list that counts how often its items are read, over a GListStore. */
#define TEST_TYPE_COUNTING (test_counting_get_type ())
G_DECLARE_FINAL_TYPE (TestCounting, test_counting, TEST, COUNTING, GObject)

struct _TestCounting
{
  GObject     parent_instance;
  GListModel *store;
  guint       reads;
};

static void test_counting_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCounting, test_counting, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, test_counting_list_model_init))

static GType
test_counting_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
test_counting_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (TEST_COUNTING (model)->store);
}

static gpointer
test_counting_get_item (GListModel *model,
                        guint       position)
{
  TEST_COUNTING (model)->reads++;
  return g_list_model_get_item (TEST_COUNTING (model)->store, position);
}

static void
test_counting_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = test_counting_get_item_type;
  iface->get_n_items = test_counting_get_n_items;
  iface->get_item = test_counting_get_item;
}

static void
test_counting_finalize (GObject *object)
{
  g_object_unref (TEST_COUNTING (object)->store);
  G_OBJECT_CLASS (test_counting_parent_class)->finalize (object);
}

static void
test_counting_class_init (TestCountingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_counting_finalize;
}

static void
test_counting_init (TestCounting *self)
{
}

static TestCounting *
test_counting_new (GListStore *store)
{
  TestCounting *self = g_object_new (TEST_TYPE_COUNTING, NULL);

  self->store = g_object_ref (G_LIST_MODEL (store));
  g_signal_connect_object (store, "items-changed", G_CALLBACK (g_list_model_items_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} LastChange;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  LastChange *last)
{
  *last = (LastChange) { position, removed, added, last->count + 1 };
}

static void
on_notify (GObject    *row,
           GParamSpec *pspec,
           guint      *notified)
{
  (*notified)++;
}

/* Replaces @removed items at @position by @added new ones. */
static void
fill (GListStore *store,
      guint       position,
      guint       removed,
      guint       added)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
  g_list_store_splice (store, position, removed, items->pdata, added);
}

/* Every row shows the item at its position in the store. */
static void
assert_rows_show (GListModel *rows,
                  GListStore *store)
{
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, g_list_model_get_n_items (G_LIST_MODEL (store)));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(FazhiRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpuint (fazhi_row_get_position (row), ==, i);
      g_assert_true (fazhi_row_get_item (row) == item);
    }
  g_assert_null (g_list_model_get_item (rows, g_list_model_get_n_items (rows)));
}

static void
test_rows_stay (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(TestCounting) counting = test_counting_new (store);
  g_autoptr(FazhiRowModel) model = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *rows;
  LastChange last = { 0 };
  guint notified[6] = { 0 };

  fill (store, 0, 0, 6);
  model = fazhi_row_model_new (G_LIST_MODEL (counting));
  rows = G_LIST_MODEL (model);
  g_assert_true (g_type_is_a (g_list_model_get_item_type (rows), FAZHI_TYPE_ROW));
  g_assert_true (fazhi_row_model_get_model (model) == G_LIST_MODEL (counting));
  assert_rows_show (rows, store);
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &last);

  /* A list view holds the rows it shows. */
  for (guint i = 0; i < 6; i++)
    {
      g_ptr_array_add (held, g_list_model_get_item (rows, i));
      g_signal_connect (held->pdata[i], "notify::item", G_CALLBACK (on_notify), &notified[i]);
    }
  {
    g_autoptr(FazhiRow) again = g_list_model_get_item (rows, 2);

    g_assert_true (again == held->pdata[2]);
  }

  /* Everything replaced by fewer items: the rows held take the new ones, the last two go. */
  fill (store, 0, 6, 4);
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpuint (last.position, ==, 4);
  g_assert_cmpuint (last.removed, ==, 2);
  g_assert_cmpuint (last.added, ==, 0);
  assert_rows_show (rows, store);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(FazhiRow) row = g_list_model_get_item (rows, i);

      g_assert_true (row == held->pdata[i]);
      g_assert_cmpuint (notified[i], ==, 1);
    }
  g_assert_null (fazhi_row_get_item (held->pdata[4]));
  g_assert_null (fazhi_row_get_item (held->pdata[5]));

  /* One item added in the middle: the rows before it are left alone; one row more at the end. */
  fill (store, 2, 0, 1);
  g_assert_cmpuint (last.count, ==, 2);
  g_assert_cmpuint (last.position, ==, 4);
  g_assert_cmpuint (last.removed, ==, 0);
  g_assert_cmpuint (last.added, ==, 1);
  g_assert_cmpuint (notified[0], ==, 1);
  g_assert_cmpuint (notified[1], ==, 1);
  g_assert_cmpuint (notified[2], ==, 2);
  g_assert_cmpuint (notified[3], ==, 2);
  assert_rows_show (rows, store);

  /* The same items again: the rows are told to look again, and find them; nothing is announced. */
  g_list_model_items_changed (G_LIST_MODEL (store), 0, 5, 5);
  g_assert_cmpuint (last.count, ==, 2);
  g_assert_cmpuint (notified[0] + notified[1] + notified[2] + notified[3], ==, 10);
  assert_rows_show (rows, store);

  /* A row reads what it shows when asked: changes nobody looks at read nothing. */
  counting->reads = 0;
  fill (store, 0, 1, 1);
  g_list_store_remove (store, 0);
  g_assert_cmpuint (notified[0], ==, 4);
  g_assert_cmpuint (counting->reads, ==, 0);
  {
    g_autoptr(GObject) now = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (fazhi_row_get_item (held->pdata[0]) == now);
    g_assert_true (fazhi_row_get_item (held->pdata[0]) == now);
    g_assert_cmpuint (counting->reads, ==, 1);
  }

  /* A row let go is made again when asked for. */
  g_ptr_array_set_size (held, 0);
  assert_rows_show (rows, store);
}

/* A long list comes at first with its first rows only, and whole once the main loop is idle;
 * a change before then shows it whole at once. */
static void
test_first_rows (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(FazhiRowModel) model = NULL;
  LastChange last = { 0 };
  guint first;

  fill (store, 0, 0, 1000);
  model = fazhi_row_model_new (G_LIST_MODEL (store));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &last);
  first = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (first, >=, 50);
  g_assert_cmpuint (first, <, 1000);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), first));

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpuint (last.position, ==, first);
  g_assert_cmpuint (last.removed, ==, 0);
  g_assert_cmpuint (last.added, ==, 1000 - first);
  assert_rows_show (G_LIST_MODEL (model), store);

  g_clear_object (&model);
  last = (LastChange) { 0 };
  model = fazhi_row_model_new (G_LIST_MODEL (store));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &last);
  fill (store, 1000, 0, 1);
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpuint (last.position, ==, first);
  g_assert_cmpuint (last.added, ==, 1001 - first);
  assert_rows_show (G_LIST_MODEL (model), store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (last.count, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/row-model/rows-stay", test_rows_stay);
  g_test_add_func ("/row-model/first-rows", test_first_rows);

  return g_test_run ();
}
