/* fazhi-ledger-model.c — one ledger as a GListModel, read from SQL page by page
 *
 * The model never holds a whole table: SQLite filters, sorts and counts, and the model keeps
 * the count, a few recently used pages of records and, when SQLite could only find a page by
 * reading the whole table again (a filter, or an order no index serves), the ids of the matching
 * rows in order, so that any page is then read by id. Every items-changed is relative to the
 * count last reported; when a change cannot be placed exactly (a record outside the cached pages,
 * several changes committed together) the model says "everything changed" instead of guessing,
 * which is always correct. The SQL it runs is written by fazhi-ledger-query.c.
 *
 * A new filter walking the date's index (the usual order) first lists only the rows a list view
 * shows at once, and the rest when the main loop is next idle: the list is drawn before the
 * whole ledger has been read for the count. The rest is announced as rows added at the end.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <string.h>

#include "fazhi-ledger-model.h"
#include "fazhi-ledger-query-private.h"
#include "fazhi-store.h"
#include "fazhi-value.h"

#define MAX_CACHED_PAGES 8
/* More than a list view keeps at once (about 200 rows), in whole pages. */
#define FIRST_ROWS (3 * FAZHI_LEDGER_PAGE_SIZE)

typedef struct
{
  guint      index;
  GPtrArray *records;
} Page;

struct _FazhiLedgerModel
{
  GObject            parent_instance;

  FazhiDatabase     *database;
  const FazhiLedger *ledger;
  GType              item_type;
  gulong             changed_handler;
  FazhiLedgerQuery   query;            /* the filters, the order and their SQL */

  guint              n_items;
  GArray            *ids;              /* gint64: every match in order (or the first), or NULL */
  guint              rest_id;          /* idle: lists the rows after the first ones */
  GQueue             pages;            /* Page *, most recently used first */
};

static void fazhi_ledger_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FazhiLedgerModel, fazhi_ledger_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      fazhi_ledger_model_list_model_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LEDGER,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->records);
  g_free (page);
}

static void
drop_pages (FazhiLedgerModel *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

/* Blank text is no filter. Returns whether the filter changed. */
static gboolean
replace_filter (char       **target,
                const char  *text)
{
  g_autofree char *value = fazhi_text_is_blank (text) ? NULL : g_strstrip (g_strdup (text));

  if (g_strcmp0 (*target, value) == 0)
    return FALSE;

  g_free (*target);
  *target = g_steal_pointer (&value);
  return TRUE;
}

static gint64
count_query (FazhiLedgerModel *self)
{
  sqlite3_stmt *statement = fazhi_ledger_query_prepare (&self->query, FAZHI_LEDGER_QUERY_COUNT);
  gint64 count = 0;

  if (statement == NULL)
    return 0;

  fazhi_ledger_query_bind_where (&self->query, statement, 1);
  if (sqlite3_step (statement) == SQLITE_ROW)
    count = sqlite3_column_int64 (statement, 0);
  fazhi_ledger_query_finish (statement);

  return count;
}

/* The ids in order, at most @limit of them, and so their count; with too many to keep, their
 * count alone. Returns whether that is all of them. */
static gboolean
list_ids (FazhiLedgerModel *self,
          guint             limit,
          gint64           *count)
{
  sqlite3_stmt *statement = fazhi_ledger_query_prepare (&self->query, FAZHI_LEDGER_QUERY_IDS);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  *count = 0;
  if (statement == NULL)
    return TRUE;

  fazhi_ledger_query_bind_where (&self->query, statement, 1);
  while (ids->len <= limit && sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  fazhi_ledger_query_finish (statement);

  if (ids->len <= limit)
    {
      *count = ids->len;
      self->ids = g_steal_pointer (&ids);
      return TRUE;
    }

  if (limit >= FAZHI_LEDGER_MAX_LISTED_IDS)
    {
      *count = count_query (self);
      return TRUE;
    }

  g_array_set_size (ids, limit);
  *count = limit;
  self->ids = g_steal_pointer (&ids);
  return FALSE;
}

static gboolean list_rest (gpointer data);

/* The number of rows that pass the filters; also refreshes the list of ids. With @first_only,
 * where SQLite finds rows in order without reading them all, counts the first ones now and
 * the others when the main loop is idle. */
static guint
count_rows (FazhiLedgerModel *self,
            gboolean          first_only)
{
  gint64 count;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_handle_id (&self->rest_id, g_source_remove);

  if (fazhi_ledger_query_walks_index (&self->query))
    count = count_query (self);
  else if (!list_ids (self, first_only && fazhi_ledger_query_streams (&self->query)
                              ? FIRST_ROWS : FAZHI_LEDGER_MAX_LISTED_IDS, &count))
    self->rest_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, list_rest, self, NULL);

  return (guint) CLAMP (count, 0, G_MAXUINT);
}

/* Where record @id stands in the current order, or -1 when it does not pass the filters. */
static gint64
sorted_position (FazhiLedgerModel *self,
                 gint64            id)
{
  sqlite3_stmt *statement = fazhi_ledger_query_prepare (&self->query, FAZHI_LEDGER_QUERY_MATCH);
  sqlite3_value *key = NULL;
  gint64 position = -1;
  int parameter;

  if (statement == NULL)
    return -1;

  sqlite3_bind_int64 (statement, fazhi_ledger_query_bind_where (&self->query, statement, 1), id);
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      fazhi_ledger_query_finish (statement);
      return -1;
    }
  key = sqlite3_value_dup (sqlite3_column_value (statement, 0));
  fazhi_ledger_query_finish (statement);

  statement = fazhi_ledger_query_prepare (&self->query, FAZHI_LEDGER_QUERY_BEFORE);
  if (statement != NULL)
    {
      parameter = fazhi_ledger_query_bind_where (&self->query, statement, 1);
      sqlite3_bind_value (statement, parameter, key);
      sqlite3_bind_int64 (statement, parameter + 1, id);
      if (sqlite3_step (statement) == SQLITE_ROW)
        position = sqlite3_column_int64 (statement, 0);
      fazhi_ledger_query_finish (statement);
    }
  sqlite3_value_free (key);

  return position;
}

static gint64
listed_position (FazhiLedgerModel *self,
                 gint64            id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return -1;
}

/* Where the model showed record @id before a change: known for a listed or cached record only. */
static gint64
shown_position (FazhiLedgerModel *self,
                gint64            id)
{
  if (self->ids != NULL)
    return listed_position (self, id);

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->records->len; i++)
        if (fazhi_record_get_id (g_ptr_array_index (page->records, i)) == id)
          return (gint64) page->index * FAZHI_LEDGER_PAGE_SIZE + i;
    }

  return -1;
}

/* Where record @id stands now; after count_rows(). */
static gint64
current_position (FazhiLedgerModel *self,
                  gint64            id)
{
  return self->ids != NULL ? listed_position (self, id) : sorted_position (self, id);
}

static void
read_records (FazhiLedgerModel *self,
              sqlite3_stmt     *statement,
              GPtrArray        *records)
{
  int rc;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      FazhiRecord *record = fazhi_record_new (self->ledger->id);

      fazhi_store_read_row (statement, record);
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    g_warning ("%s: %s", fazhi_database_get_path (self->database),
               sqlite3_errmsg (fazhi_database_get_handle (self->database)));
  fazhi_ledger_query_finish (statement);
}

static Page *
fetch_page (FazhiLedgerModel *self,
            guint             index)
{
  FazhiLedgerQueryKind kind = self->ids != NULL ? FAZHI_LEDGER_QUERY_ROW : FAZHI_LEDGER_QUERY_PAGE;
  sqlite3_stmt *statement = fazhi_ledger_query_prepare (&self->query, kind);
  Page *page;
  guint first = index * FAZHI_LEDGER_PAGE_SIZE;

  if (statement == NULL)
    return NULL;

  page = g_new0 (Page, 1);
  page->index = index;
  page->records = g_ptr_array_new_full (FAZHI_LEDGER_PAGE_SIZE, g_object_unref);

  if (self->ids != NULL)
    {
      for (guint i = first; i < self->ids->len && i < first + FAZHI_LEDGER_PAGE_SIZE; i++)
        {
          sqlite3_bind_int64 (statement, 1, g_array_index (self->ids, gint64, i));
          read_records (self, statement, page->records);
        }
    }
  else
    {
      sqlite3_bind_int64 (statement, fazhi_ledger_query_bind_where (&self->query, statement, 1), first);
      read_records (self, statement, page->records);
    }

  return page;
}

static Page *
lookup_page (FazhiLedgerModel *self,
             guint             index)
{
  Page *page;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      page = l->data;
      if (page->index == index)
        {
          g_queue_unlink (&self->pages, l);
          g_queue_push_head_link (&self->pages, l);
          return page;
        }
    }

  page = fetch_page (self, index);
  if (page == NULL)
    return NULL;

  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > MAX_CACHED_PAGES)
    page_free (g_queue_pop_tail (&self->pages));

  return page;
}

static void
announce (FazhiLedgerModel *self,
          guint             position,
          guint             removed,
          guint             added,
          gboolean          was_complete)
{
  if (removed != 0 || added != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_complete != fazhi_ledger_model_get_complete (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/* Everything may have changed: drop what is cached, count again, and say so. */
static void
reset (FazhiLedgerModel *self)
{
  guint old_n = self->n_items;
  gboolean was_complete = fazhi_ledger_model_get_complete (self);

  drop_pages (self);
  self->n_items = count_rows (self, TRUE);
  announce (self, 0, old_n, self->n_items, was_complete);
}

/* The rows after the first ones. Nothing was written in between (a write lists everything
 * again), unless by another program: the first rows are then compared before they are kept. */
static gboolean
list_rest (gpointer data)
{
  FazhiLedgerModel *self = data;
  g_autoptr(GArray) first = g_steal_pointer (&self->ids);
  guint old_n = self->n_items;
  gboolean same;

  self->rest_id = 0;
  self->n_items = count_rows (self, FALSE);
  same = self->ids != NULL && self->ids->len >= first->len
         && memcmp (self->ids->data, first->data, first->len * sizeof (gint64)) == 0;
  if (same)
    announce (self, old_n, 0, self->n_items - old_n, FALSE);
  else
    {
      drop_pages (self);
      announce (self, 0, old_n, self->n_items, FALSE);
    }

  return G_SOURCE_REMOVE;
}

static void
refilter (FazhiLedgerModel *self)
{
  fazhi_ledger_query_rebuild (&self->query);
  reset (self);
}

/* A record was added, edited or removed. Its old place is known only when it was listed or
 * cached; the count tells the rest: unchanged means it was and is shown (or neither), one more
 * that it came into view, one less that it left. Anything else is a change of everything. */
static void
record_changed (FazhiLedgerModel *self,
                gint64            id)
{
  guint old_n = self->n_items;
  gboolean was_complete = fazhi_ledger_model_get_complete (self);
  gint64 old_position = shown_position (self, id);
  guint new_n = count_rows (self, FALSE);
  gint64 new_position = current_position (self, id);

  if (old_position < 0 && new_position < 0 && new_n == old_n && was_complete)
    return;

  drop_pages (self);
  self->n_items = new_n;
  if (old_position >= 0 && new_position >= 0 && new_n == old_n && new_position < new_n)
    {
      /* One signal covering both places keeps the model consistent while it is delivered. */
      guint first = (guint) MIN (old_position, new_position);
      guint span = (guint) ABS (old_position - new_position) + 1;

      announce (self, first, span, span, was_complete);
    }
  else if (old_position >= 0 && new_position < 0 && new_n + 1 == old_n)
    announce (self, (guint) old_position, 1, 0, was_complete);
  else if (old_position < 0 && new_position >= 0 && new_n == old_n + 1 && new_position <= old_n)
    announce (self, (guint) new_position, 0, 1, was_complete);
  else
    announce (self, 0, old_n, new_n, was_complete);
}

/* Whether this ledger shows (or filters by) names kept in @places. */
static gboolean
depends_on_places (FazhiLedgerModel *self,
                   FazhiLedgerId     places)
{
  for (guint i = 0; i < self->ledger->n_fields; i++)
    {
      FazhiFieldType type = self->ledger->fields[i].type;

      if (type == FAZHI_FIELD_COMPOUND)
        return places == FAZHI_LEDGER_COMPOUNDS || places == FAZHI_LEDGER_COMMUNITIES;
      if (type == FAZHI_FIELD_COMMUNITY && places == FAZHI_LEDGER_COMMUNITIES)
        return TRUE;
    }

  return FALSE;
}

static void
on_database_changed (FazhiDatabase    *database,
                     int               ledger,
                     int               change,
                     gint64            id,
                     FazhiLedgerModel *self)
{
  if ((FazhiLedgerId) ledger != self->ledger->id)
    {
      /* A place added or removed is named by no row yet (the database refuses to delete one in
       * use); a renamed one changes what the pages show and whom the filters match. */
      if (depends_on_places (self, (FazhiLedgerId) ledger)
          && (change == FAZHI_CHANGE_EDITED || change == FAZHI_CHANGE_MANY))
        reset (self);
      return;
    }

  if (change == FAZHI_CHANGE_MANY)
    reset (self);
  else
    record_changed (self, id);
}

static GType
fazhi_ledger_model_get_item_type (GListModel *model)
{
  return FAZHI_LEDGER_MODEL (model)->item_type;
}

static guint
fazhi_ledger_model_get_n_items (GListModel *model)
{
  return FAZHI_LEDGER_MODEL (model)->n_items;
}

static gpointer
fazhi_ledger_model_get_item (GListModel *model,
                             guint       position)
{
  FazhiLedgerModel *self = FAZHI_LEDGER_MODEL (model);
  Page *page;
  guint offset = position % FAZHI_LEDGER_PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;

  page = lookup_page (self, position / FAZHI_LEDGER_PAGE_SIZE);
  if (page == NULL || offset >= page->records->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (page->records, offset));
}

static void
fazhi_ledger_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fazhi_ledger_model_get_item_type;
  iface->get_n_items = fazhi_ledger_model_get_n_items;
  iface->get_item = fazhi_ledger_model_get_item;
}

static void
fazhi_ledger_model_constructed (GObject *object)
{
  FazhiLedgerModel *self = FAZHI_LEDGER_MODEL (object);
  g_autoptr(FazhiRecord) prototype = NULL;

  G_OBJECT_CLASS (fazhi_ledger_model_parent_class)->constructed (object);

  g_return_if_fail (FAZHI_IS_DATABASE (self->database));

  prototype = fazhi_record_new (self->ledger->id);
  self->item_type = G_OBJECT_TYPE (prototype);
  fazhi_ledger_query_init (&self->query, self->database, self->ledger);
  self->n_items = count_rows (self, FALSE);

  self->changed_handler = g_signal_connect (self->database, "changed",
                                            G_CALLBACK (on_database_changed), self);
}

static void
fazhi_ledger_model_dispose (GObject *object)
{
  FazhiLedgerModel *self = FAZHI_LEDGER_MODEL (object);

  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_handle_id (&self->rest_id, g_source_remove);
  drop_pages (self);
  fazhi_ledger_query_forget_statements (&self->query);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fazhi_ledger_model_parent_class)->dispose (object);
}

static void
fazhi_ledger_model_finalize (GObject *object)
{
  FazhiLedgerModel *self = FAZHI_LEDGER_MODEL (object);

  fazhi_ledger_query_clear (&self->query);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (fazhi_ledger_model_parent_class)->finalize (object);
}

static void
fazhi_ledger_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FazhiLedgerModel *self = FAZHI_LEDGER_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LEDGER:
      g_value_set_int (value, (int) self->ledger->id);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, fazhi_ledger_model_get_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fazhi_ledger_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FazhiLedgerModel *self = FAZHI_LEDGER_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_LEDGER:
      self->ledger = fazhi_ledger_get ((FazhiLedgerId) g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fazhi_ledger_model_class_init (FazhiLedgerModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = fazhi_ledger_model_constructed;
  object_class->dispose = fazhi_ledger_model_dispose;
  object_class->finalize = fazhi_ledger_model_finalize;
  object_class->get_property = fazhi_ledger_model_get_property;
  object_class->set_property = fazhi_ledger_model_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, FAZHI_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEDGER] =
    g_param_spec_int ("ledger", NULL, NULL, 0, FAZHI_N_LEDGERS - 1, FAZHI_LEDGER_CASES,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, FAZHI_TYPE_RECORD,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FazhiLedgerModel:complete:
   *
   * Whether every row that passes the filters is counted; if not, the rest are added at the end
   * when the main loop is next idle.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fazhi_ledger_model_init (FazhiLedgerModel *self)
{
  g_queue_init (&self->pages);
  self->ledger = fazhi_ledger_get (FAZHI_LEDGER_CASES);
}

FazhiLedgerModel *
fazhi_ledger_model_new (FazhiDatabase *database,
                        FazhiLedgerId  ledger)
{
  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);
  g_return_val_if_fail (ledger < FAZHI_N_LEDGERS, NULL);

  return g_object_new (FAZHI_TYPE_LEDGER_MODEL,
                       "database", database,
                       "ledger", (int) ledger,
                       NULL);
}

FazhiLedgerId
fazhi_ledger_model_get_ledger (FazhiLedgerModel *self)
{
  g_return_val_if_fail (FAZHI_IS_LEDGER_MODEL (self), FAZHI_LEDGER_CASES);

  return self->ledger->id;
}

void
fazhi_ledger_model_set_search (FazhiLedgerModel *self,
                               const char       *text)
{
  g_return_if_fail (FAZHI_IS_LEDGER_MODEL (self));

  if (replace_filter (&self->query.search, text))
    refilter (self);
}

/* @year 0 shows every period; @quarter 0 the whole year. */
void
fazhi_ledger_model_set_period (FazhiLedgerModel *self,
                               int               year,
                               int               quarter)
{
  FazhiPeriod period;

  g_return_if_fail (FAZHI_IS_LEDGER_MODEL (self));
  g_return_if_fail (quarter >= 0 && quarter <= 4);
  g_return_if_fail (year == 0 || fazhi_period_init (&period, year, quarter));

  if (self->query.year == year && self->query.quarter == quarter)
    return;

  self->query.year = year;
  self->query.quarter = quarter;
  refilter (self);
}

/* Ledgers without a community (the communities themselves) ignore it. */
void
fazhi_ledger_model_set_community (FazhiLedgerModel *self,
                                  const char       *name)
{
  g_return_if_fail (FAZHI_IS_LEDGER_MODEL (self));

  if (replace_filter (&self->query.community, name))
    refilter (self);
}

void
fazhi_ledger_model_set_choice (FazhiLedgerModel *self,
                               const char       *field,
                               const char       *key)
{
  int index;

  g_return_if_fail (FAZHI_IS_LEDGER_MODEL (self));
  g_return_if_fail (field != NULL);

  index = fazhi_ledger_field_index (self->ledger, field);
  g_return_if_fail (index >= 0);
  g_return_if_fail (self->ledger->fields[index].type == FAZHI_FIELD_CHOICE);

  if (replace_filter (&self->query.choice_filters[index], key))
    refilter (self);
}

/* @field NULL or "" restores the usual order: newest first, or by name. */
void
fazhi_ledger_model_set_sort (FazhiLedgerModel *self,
                             const char       *field,
                             gboolean          descending)
{
  int index;

  g_return_if_fail (FAZHI_IS_LEDGER_MODEL (self));

  if (field == NULL || field[0] == '\0')
    fazhi_ledger_query_default_sort (self->ledger, &index, &descending);
  else
    {
      index = fazhi_ledger_field_index (self->ledger, field);
      g_return_if_fail (index >= 0);
    }

  descending = !!descending;
  if (index == self->query.sort_field && descending == self->query.sort_descending)
    return;

  self->query.sort_field = index;
  self->query.sort_descending = descending;
  refilter (self);
}

gboolean
fazhi_ledger_model_get_complete (FazhiLedgerModel *self)
{
  g_return_val_if_fail (FAZHI_IS_LEDGER_MODEL (self), TRUE);

  return self->rest_id == 0;
}

/* Counts the rest now, if they are not yet. */
void
fazhi_ledger_model_complete (FazhiLedgerModel *self)
{
  g_return_if_fail (FAZHI_IS_LEDGER_MODEL (self));

  if (self->rest_id != 0)
    list_rest (self);
}

char *
fazhi_ledger_model_dup_where (FazhiLedgerModel *self,
                              GStrv            *values)
{
  g_return_val_if_fail (FAZHI_IS_LEDGER_MODEL (self), NULL);

  if (values != NULL)
    {
      GPtrArray *where_values = self->query.where_values;
      GStrv copy = g_new0 (char *, where_values->len + 1);

      for (guint i = 0; i < where_values->len; i++)
        copy[i] = g_strdup (g_ptr_array_index (where_values, i));
      *values = copy;
    }

  return g_strdup (self->query.where);
}
