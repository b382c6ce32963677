/* fazhi-backup-restore.c — a backup copied back into the live database
 *
 * The backup API again, the other way: the backup, opened read-only, is copied into the live
 * connection's "main". SQLite writes every page in one write transaction (the pages go to the
 * WAL, the commit is its last frame), so a crash or a kill -9 leaves the old ledger or the new
 * one, never a mix, and the file is never replaced under another connection, which reads the
 * restored ledger at its next read. The ledger as it was is backed up first (FAZHI_BACKUP_RESTORE).
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "fazhi-backup.h"
#include "fazhi-backup-private.h"

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf first, second;

  return g_stat (a, &first) == 0 && g_stat (b, &second) == 0
         && first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

static gboolean
check_sound (sqlite3    *handle,
             const char *path,
             GError    **error)
{
  sqlite3_stmt *statement = NULL;
  g_autofree char *problem = NULL;
  int rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check", -1, &statement, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") != 0)
    problem = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  else if (rc != SQLITE_ROW)
    problem = g_strdup (sqlite3_errmsg (handle));
  sqlite3_finalize (statement);

  if (problem != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      /* SQLite's report comes in lines. */
      g_strdelimit (problem, "\n", ' ');

      /* Translators: a file, then what SQLite found wrong in it */
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("%s is damaged (%s); it cannot be restored"), display, problem);
      return FALSE;
    }

  return TRUE;
}

/* Copies all of @source into @destination's main database in one step, so in one transaction. */
static int
copy_database (sqlite3 *destination,
               sqlite3 *source)
{
  sqlite3_backup *backup = sqlite3_backup_init (destination, "main", source, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (destination);

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    return SQLITE_OK;

  return rc != SQLITE_OK ? rc : sqlite3_errcode (destination);
}

/* A WAL database cannot take pages of another size: the backup is first copied beside it and
 * rebuilt (VACUUM) with the ledger's page size. */
static sqlite3 *
open_resized_copy (sqlite3    *source,
                   int         page_size,
                   const char *folder,
                   char      **staging,
                   GError    **error)
{
  g_autofree char *path = g_build_filename (folder, ".restoring-XXXXXX", NULL);
  g_autofree char *resize = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA page_size = %d; VACUUM",
                                             page_size);
  sqlite3 *handle = NULL;
  int fd = g_mkstemp_full (path, O_RDWR, 0600);
  int rc;

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot write in %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_database (handle, source);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (handle, resize, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_SQL,
                   _("Cannot write in %s: %s"), display,
                   handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close (handle);
      g_unlink (path);
      return NULL;
    }

  *staging = g_steal_pointer (&path);
  return handle;
}

/* The history is never lost, a restore neither: the changes made since the backup, which the
 * ledger had before it was replaced (@previous, the backup made first), are added back. */
static gboolean
keep_history (FazhiDatabase  *database,
              const char     *previous,
              GError        **error)
{
  static const char *const copies[] = {
    "INSERT INTO main.changes SELECT * FROM previous.changes WHERE id > ?",
    "INSERT INTO main.change_fields SELECT * FROM previous.change_fields WHERE change_id > ?",
  };
  sqlite3 *live = fazhi_database_get_handle (database);
  sqlite3_stmt *statement = NULL;
  gint64 last = 0;
  gboolean kept = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (live, "ATTACH DATABASE ? AS previous", -1, &statement, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (statement, 1, previous, -1, SQLITE_STATIC);
      rc = sqlite3_step (statement) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (live);
    }
  sqlite3_finalize (statement);
  if (rc != SQLITE_OK)
    return fazhi_database_set_error (database, rc, error);

  if (sqlite3_prepare_v2 (live, "SELECT coalesce (max (id), 0) FROM main.changes", -1, &statement, NULL) == SQLITE_OK
      && sqlite3_step (statement) == SQLITE_ROW)
    last = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);

  kept = fazhi_database_begin (database, error);
  for (guint i = 0; kept && i < G_N_ELEMENTS (copies); i++)
    {
      statement = fazhi_database_prepare (database, copies[i], error);
      kept = statement != NULL;
      if (kept)
        {
          sqlite3_bind_int64 (statement, 1, last);
          kept = fazhi_database_step_done (database, statement, error);
        }
    }
  if (kept)
    kept = fazhi_database_commit (database, error);
  else
    fazhi_database_rollback (database);

  /* Statements that read the attached file go before it can be detached. */
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    if ((statement = fazhi_database_prepare (database, copies[i], NULL)) != NULL)
      sqlite3_reset (statement);
  sqlite3_exec (live, "DETACH DATABASE previous", NULL, NULL, NULL);
  return kept;
}

gboolean
fazhi_backup_restore (FazhiDatabase *database,
                      const char    *path,
                      char         **made_first,
                      GError       **error)
{
  sqlite3 *live, *source, *resized = NULL;
  g_autofree char *made = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *folder = NULL;
  int version = 0, live_page_size = 0, source_page_size = 0, rc;
  sqlite3_stmt *statement = NULL;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  live = fazhi_database_get_handle (database);
  /* The copy is a transaction of its own. */
  g_return_val_if_fail (sqlite3_get_autocommit (live), FALSE);

  if (same_file (path, fazhi_database_get_path (database)))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_INVALID,
                   _("%s is the ledger itself, not a backup of it"), display);
      return FALSE;
    }

  source = fazhi_backup_open_read_only (path, &version, error);
  if (source == NULL)
    return FALSE;
  if (!check_sound (source, path, error))
    {
      sqlite3_close (source);
      return FALSE;
    }

  made = fazhi_backup_make (database, FAZHI_BACKUP_RESTORE, error);
  if (made == NULL)
    {
      g_prefix_error (error, _("Nothing was restored: "));
      sqlite3_close (source);
      return FALSE;
    }

  fazhi_backup_query_int (live, "PRAGMA page_size", &live_page_size);
  fazhi_backup_query_int (source, "PRAGMA page_size", &source_page_size);
  folder = fazhi_backup_folder (database);
  if (live_page_size != source_page_size)
    {
      resized = open_resized_copy (source, live_page_size, folder, &staging, error);
      if (resized == NULL)
        {
          g_prefix_error (error, _("Nothing was restored: "));
          sqlite3_close (source);
          return FALSE;
        }
    }

  /* A statement left mid-step would keep a read transaction, and the copy needs none open. */
  while ((statement = sqlite3_next_stmt (live, statement)) != NULL)
    sqlite3_reset (statement);

  rc = copy_database (live, resized != NULL ? resized : source);
  sqlite3_close (source);
  if (resized != NULL)
    {
      g_autofree char *journal = g_strconcat (staging, "-journal", NULL);

      sqlite3_close (resized);
      g_unlink (staging);
      g_unlink (journal);
    }
  if (rc != SQLITE_OK)
    {
      fazhi_database_set_error (database, rc, error);
      g_prefix_error (error, _("Nothing was restored: "));
      return FALSE;
    }

  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    fazhi_database_emit_changed (database, ledger, FAZHI_CHANGE_MANY, 0);
  g_signal_emit_by_name (database, "settings-changed");

  /* The restored ledger is the backup's; an older one is brought up to date like any other (the
   * next open does it, should this fail). */
  if (version < fazhi_database_latest_version ()
      && !fazhi_database_migrate (database, fazhi_database_latest_version (), error))
    {
      g_prefix_error (error, _("The backup was restored, but not updated to this version: "));
      return FALSE;
    }

  if (!keep_history (database, made, error))
    {
      g_prefix_error (error, _("The backup was restored, but the changes made since are only in %s: "), made);
      return FALSE;
    }

  if (made_first != NULL)
    *made_first = g_steal_pointer (&made);
  return TRUE;
}
