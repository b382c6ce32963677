/* fazhi-database.h — the one SQLite file that holds every ledger */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "fazhi-ledger.h"

G_BEGIN_DECLS

#define FAZHI_DATABASE_ERROR (fazhi_database_error_quark ())

typedef enum
{
  FAZHI_DATABASE_ERROR_OPEN,      /* cannot be opened or created */
  FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
  FAZHI_DATABASE_ERROR_TOO_NEW,   /* written by a newer version of the program */
  FAZHI_DATABASE_ERROR_READ_ONLY,
  FAZHI_DATABASE_ERROR_BUSY,
  FAZHI_DATABASE_ERROR_INVALID,   /* a record breaks a rule */
  FAZHI_DATABASE_ERROR_NOT_FOUND,
  FAZHI_DATABASE_ERROR_SQL,
  FAZHI_DATABASE_ERROR_DISK_FULL,
  FAZHI_DATABASE_ERROR_NETWORK_FOLDER,  /* on NFS, SMB, FUSE …: refused (see fazhi_database_open) */
} FazhiDatabaseError;

typedef enum
{
  FAZHI_CHANGE_ADDED,
  FAZHI_CHANGE_EDITED,
  FAZHI_CHANGE_REMOVED,
  FAZHI_CHANGE_MANY,  /* an import or the sample data: anything may have changed */
} FazhiChange;

#define FAZHI_TYPE_DATABASE (fazhi_database_get_type ())
G_DECLARE_FINAL_TYPE (FazhiDatabase, fazhi_database, FAZHI, DATABASE, GObject)

GQuark          fazhi_database_error_quark        (void);
char           *fazhi_database_default_path       (const char     *option);
FazhiDatabase  *fazhi_database_open               (const char     *path,
                                                   GError        **error);
FazhiDatabase  *fazhi_database_open_at_version    (const char     *path,
                                                   int             version,
                                                   GError        **error);
int             fazhi_database_latest_version     (void);
int             fazhi_database_get_version        (FazhiDatabase  *self);
gboolean        fazhi_database_migrate            (FazhiDatabase  *self,
                                                   int             target,
                                                   GError        **error);
const char     *fazhi_database_get_path           (FazhiDatabase  *self);
/* Who the history says made the changes of this connection. */
void            fazhi_database_set_clerk          (FazhiDatabase  *self,
                                                   const char     *clerk);
const char     *fazhi_database_get_clerk          (FazhiDatabase  *self);
sqlite3        *fazhi_database_get_handle         (FazhiDatabase  *self);

sqlite3_stmt   *fazhi_database_prepare            (FazhiDatabase  *self,
                                                   const char     *sql,
                                                   GError        **error);
gboolean        fazhi_database_step_done          (FazhiDatabase  *self,
                                                   sqlite3_stmt   *statement,
                                                   GError        **error);
gboolean        fazhi_database_set_error          (FazhiDatabase  *self,
                                                   int             code,
                                                   GError        **error);

gboolean        fazhi_database_begin              (FazhiDatabase  *self,
                                                   GError        **error);
gboolean        fazhi_database_commit             (FazhiDatabase  *self,
                                                   GError        **error);
void            fazhi_database_rollback           (FazhiDatabase  *self);
void            fazhi_database_emit_changed       (FazhiDatabase  *self,
                                                   FazhiLedgerId   ledger,
                                                   FazhiChange     change,
                                                   gint64          id);

char           *fazhi_database_get_setting        (FazhiDatabase  *self,
                                                   const char     *key);
int             fazhi_database_get_setting_int    (FazhiDatabase  *self,
                                                   const char     *key,
                                                   int             fallback);
gboolean        fazhi_database_set_setting        (FazhiDatabase  *self,
                                                   const char     *key,
                                                   const char     *value,
                                                   GError        **error);

gboolean        fazhi_database_is_empty           (FazhiDatabase  *self);
gboolean        fazhi_database_has_records        (FazhiDatabase  *self,
                                                   FazhiLedgerId   ledger);
gint64          fazhi_database_count              (FazhiDatabase  *self,
                                                   FazhiLedgerId   ledger);
gboolean        fazhi_database_year_range         (FazhiDatabase  *self,
                                                   FazhiLedgerId   ledger,
                                                   int            *first,
                                                   int            *last);
GStrv           fazhi_database_set_aside_indexes  (FazhiDatabase  *self,
                                                   const char     *table,
                                                   GError        **error);
gboolean        fazhi_database_restore_indexes    (FazhiDatabase  *self,
                                                   const char * const *definitions,
                                                   GError        **error);
gboolean        fazhi_database_backup             (FazhiDatabase  *self,
                                                   const char     *destination,
                                                   GError        **error);
GPtrArray      *fazhi_database_check              (FazhiDatabase  *self,
                                                   GError        **error);

G_END_DECLS
