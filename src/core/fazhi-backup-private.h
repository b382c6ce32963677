/* fazhi-backup-private.h — what fazhi-backup.c shares with fazhi-backup-restore.c and the tests */
#pragma once

#include "fazhi-backup.h"

G_BEGIN_DECLS

/* Parses "<prefix>-YYYYMMDD-HHMMSS-<reason>[-N].db"; FALSE for any other name. */
gboolean  fazhi_backup_parse_name   (const char  *prefix,
                                     const char  *name,
                                     GDateTime  **time,
                                     char       **reason,
                                     guint       *sequence);
/* Which of @times (GDateTime *, in any order) the retention keeps as of @now: a gboolean
 * for each. A time after @now (a clock put back) is kept and counts for no rule. */
GArray   *fazhi_backup_select_kept  (GPtrArray   *times,
                                     GDateTime   *now);
/* Opens @path read-only if it is a Fazhi Ledger database this program can restore: an SQLite
 * file (nothing else is handed to SQLite), with the ledgers' application id, not newer. */
sqlite3  *fazhi_backup_open_read_only (const char *path,
                                       int        *version,
                                       GError    **error);
/* The integer of the first row of @sql; an SQLite result code. */
int       fazhi_backup_query_int    (sqlite3     *handle,
                                     const char  *sql,
                                     int         *value);
/* fazhi_backup_prune() for the backups of @prefix in @folder, as of @now. */
gboolean  fazhi_backup_prune_at     (const char  *folder,
                                     const char  *prefix,
                                     GDateTime   *now,
                                     GError     **error);

G_END_DECLS
