/* fazhi-history.h — what a ledger keeps of its changes: the history and the trash
 *
 * Every write of a record goes through the store, which writes here in the same transaction:
 * a change (who, when, what) and the fields it changed, old and new. A deleted record goes to
 * the trash whole and leaves the ledger, so that no list, figure or report counts it; it comes
 * back from there with its id, uuid and creation time.
 */
#pragma once

#include "fazhi-database.h"

G_BEGIN_DECLS

typedef enum
{
  FAZHI_ACTION_INSERT,
  FAZHI_ACTION_UPDATE,
  FAZHI_ACTION_DELETE,
  FAZHI_ACTION_RESTORE,
  FAZHI_ACTION_IMPORT,
  FAZHI_ACTION_REVERT,   /* a field put back to an earlier value */
} FazhiAction;

typedef struct
{
  gint64  change;   /* the change it is part of */
  char   *at;       /* UTC, ISO 8601 */
  char   *by;
  char   *action;   /* "insert", "update", … */
  char   *source;   /* the file an import came from, or NULL */
  char   *field;    /* the field's key, or NULL for a change without fields (an import) */
  char   *old;      /* as the window shows it; NULL when empty */
  char   *new;
} FazhiHistoryEntry;

typedef struct
{
  gint64         id;
  FazhiLedgerId  ledger;
  gint64         record_id;
  char          *record_uuid;
  char          *summary;     /* what it was: its number, date, subject… */
  char          *deleted_at;
  char          *deleted_by;
} FazhiTrashItem;

const char *fazhi_action_key             (FazhiAction         action);

/* Begins a change of record @id (@uuid) of @ledger by the database's clerk at @at (NULL: now);
 * @source names the file of an import. Returns the change's id for fazhi_history_add_field(),
 * or 0 (@error set). Inside the caller's transaction. */
gint64      fazhi_history_begin_change   (FazhiDatabase      *database,
                                          FazhiLedgerId       ledger,
                                          gint64              id,
                                          const char         *uuid,
                                          FazhiAction         action,
                                          const char         *source,
                                          const char         *at,
                                          GError            **error);
gboolean    fazhi_history_add_field      (FazhiDatabase      *database,
                                          gint64              change,
                                          const char         *field,
                                          const char         *old_value,
                                          const char         *new_value,
                                          GError            **error);
/* A record's history, oldest first: one entry per field changed (FazhiHistoryEntry). */
GPtrArray  *fazhi_history_list           (FazhiDatabase      *database,
                                          const char         *uuid,
                                          GError            **error);
void        fazhi_history_entry_free     (FazhiHistoryEntry  *entry);

/* Moves record @id of @ledger to the trash and out of the ledger, with a change "delete" that
 * keeps its values. Inside the caller's transaction. */
gboolean    fazhi_trash_put              (FazhiDatabase      *database,
                                          FazhiLedgerId       ledger,
                                          gint64              id,
                                          GError            **error);
/* Puts the record of @uuid back, as it was, with a change "restore"; its id in @id. Its own
 * transaction. */
gboolean    fazhi_trash_restore          (FazhiDatabase      *database,
                                          const char         *uuid,
                                          gint64             *id,
                                          GError            **error);
/* What the trash holds, latest first (FazhiTrashItem). */
GPtrArray  *fazhi_trash_list             (FazhiDatabase      *database,
                                          GError            **error);
/* Removes for good what was deleted before @before (ISO 8601; NULL: everything). Returns how
 * many, or -1. The history of those records stays. */
gint64      fazhi_trash_purge            (FazhiDatabase      *database,
                                          const char         *before,
                                          GError            **error);
/* Purges what is older than the setting trash_days (90 by default). */
gint64      fazhi_trash_purge_expired    (FazhiDatabase      *database,
                                          GError            **error);
void        fazhi_trash_item_free        (FazhiTrashItem     *item);

G_END_DECLS
