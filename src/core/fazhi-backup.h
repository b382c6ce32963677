/* fazhi-backup.h — the automatic backups in backups/ beside the database, and restoring one */
#pragma once

#include "fazhi-database.h"

G_BEGIN_DECLS

/* Why a backup was made: the last word of its file name (ledger-20261128-093015-daily.db). */
#define FAZHI_BACKUP_DAILY     "daily"      /* the window's first start of the day */
#define FAZHI_BACKUP_IMPORT    "import"     /* before an import writes */
#define FAZHI_BACKUP_MIGRATION "migration"  /* before the schema is updated (fazhi_database_open) */
#define FAZHI_BACKUP_MANUAL    "manual"     /* 立即备份, fazhi-cli backup */
#define FAZHI_BACKUP_RESTORE   "restore"    /* the ledger as it was before a restore replaced it */

/* One backup file, as the window's list and `fazhi-cli backups` show it. */
typedef struct
{
  char      *path;
  char      *name;      /* the file's name, for display */
  GDateTime *time;      /* when it was made (local time): from its name, else the file's mtime */
  char      *reason;    /* FAZHI_BACKUP_DAILY …; NULL for a file not named as a backup */
  guint      sequence;  /* 1, or 2, 3 … for the next backups made in the same second */
  gint64     size;      /* bytes */
  int        version;   /* its schema version (PRAGMA user_version) */
  gint64     counts[FAZHI_N_LEDGERS];  /* records per ledger; -1 when they could not be read */
  char      *error;     /* why it cannot be read or restored, or NULL when it can */
} FazhiBackupInfo;

/* <the database's folder>/backups; made (0700) by the first backup. */
char             *fazhi_backup_folder       (FazhiDatabase  *database);
/* Copies the database (the sqlite3 backup API: one consistent snapshot, even while another
 * program writes) to backups/<name>-YYYYMMDD-HHMMSS-<reason>.db, mode 0600, then removes the
 * backups the retention no longer keeps. Returns the new file's path. Uses the database's
 * connection: call it where that connection is used. */
char             *fazhi_backup_make         (FazhiDatabase  *database,
                                             const char     *reason,
                                             GError        **error);
/* A FAZHI_BACKUP_DAILY backup, unless one was made today ($FAZHI_TODAY fixes "today"). */
gboolean          fazhi_backup_daily        (FazhiDatabase  *database,
                                             GError        **error);
/* Removes the backups the retention does not keep: every one of today; the newest of each of
 * the last 7 days, of each of the last 4 ISO weeks and of each of the last 12 months that have
 * a backup (a backup kept by any of these rules stays). Files not named as this database's
 * backups are left alone. fazhi_backup_make() calls it. */
gboolean          fazhi_backup_prune        (FazhiDatabase  *database,
                                             GError        **error);
/* The database's backups (FazhiBackupInfo), newest first, each opened read-only to count its
 * records; one that cannot be read has its error set. Reads nothing but the database's path,
 * so it may run in a thread while the database stays alive. */
GPtrArray        *fazhi_backup_list         (FazhiDatabase  *database);
/* What fazhi_backup_list() says of one file (any file, for a restore from elsewhere). */
FazhiBackupInfo  *fazhi_backup_inspect      (const char     *path);
/* Replaces the ledger with the backup at @path: refuses a file that is not a sound Fazhi
 * Ledger database or one of a newer version (nothing changed); backs up the ledger as it is
 * (FAZHI_BACKUP_RESTORE; its path in @made_first, which may be NULL); copies the backup into
 * the database with the backup API, in one write transaction, so that a crash or a kill leaves
 * the old ledger or the new one, never a mix; updates it if it is of an older version; then
 * emits ::changed (FAZHI_CHANGE_MANY) for every ledger and ::settings-changed. Other programs
 * with the database open see the restored ledger at their next read. Should only the update
 * fail, @made_first is set with the error (the ledger is the backup's, the next open updates it).
 * Call it outside a transaction, where the database's connection is used. */
gboolean          fazhi_backup_restore      (FazhiDatabase  *database,
                                             const char     *path,
                                             char          **made_first,
                                             GError        **error);
/* What a reason says, translated ("Before an import"); @reason itself if unknown. */
const char       *fazhi_backup_reason_label (const char     *reason);
void              fazhi_backup_info_free    (FazhiBackupInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiBackupInfo, fazhi_backup_info_free)

G_END_DECLS
