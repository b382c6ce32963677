/* fazhi-backup.c — the automatic backups beside the database, their retention and their list
 *
 * A backup goes through SQLite's backup API (fazhi_database_backup): one consistent snapshot of
 * the live database while other programs read and write it; a file copy could catch a write
 * half-done, and would miss what is still in the WAL. fazhi-backup-restore.c copies one back.
 *
 * The backups are named <database>-YYYYMMDD-HHMMSS-<reason>.db (local time), so that they sort by
 * time and the retention needs nothing but their names: every backup of today; the newest of
 * each of the last 7 days, 4 ISO weeks and 12 months that have one (grandfather-father-son, as
 * restic's and borg's --keep-daily/--keep-weekly/--keep-monthly count them: a clerk back from a
 * month away still has the 7 days before he left). A backup kept by any rule stays.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fazhi-backup.h"
#include "fazhi-backup-private.h"
#include "fazhi-value.h"

/* The same as fazhi-database.c writes into every ledger: "FzLg". */
#define APPLICATION_ID 0x467a4c67
#define KEEP_DAYS 7
#define KEEP_WEEKS 4
#define KEEP_MONTHS 12
/* A .partial or staging file this old was left by a program that died while writing it. */
#define STALE_SECONDS (24 * 60 * 60)

void
fazhi_backup_info_free (FazhiBackupInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->name);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_free (info->reason);
  g_free (info->error);
  g_free (info);
}

const char *
fazhi_backup_reason_label (const char *reason)
{
  if (g_strcmp0 (reason, FAZHI_BACKUP_DAILY) == 0)
    return _("Daily backup");
  if (g_strcmp0 (reason, FAZHI_BACKUP_IMPORT) == 0)
    return _("Before an import");
  if (g_strcmp0 (reason, FAZHI_BACKUP_MIGRATION) == 0)
    return _("Before the database was updated");
  if (g_strcmp0 (reason, FAZHI_BACKUP_MANUAL) == 0)
    return _("Made by hand");
  if (g_strcmp0 (reason, FAZHI_BACKUP_RESTORE) == 0)
    return _("Before a restore");

  return reason;
}

char *
fazhi_backup_folder (FazhiDatabase *database)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);

  folder = g_path_get_dirname (fazhi_database_get_path (database));
  return g_build_filename (folder, "backups", NULL);
}

/* The database file's name without ".db": the backups' names start with it. */
static char *
backup_prefix (const char *database_path)
{
  char *name = g_path_get_basename (database_path);

  if (g_str_has_suffix (name, ".db") && strlen (name) > 3)
    name[strlen (name) - 3] = '\0';
  return name;
}

/* Now, local time; on the day $FAZHI_TODAY says if it is set. */
static GDateTime *
backup_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = fazhi_date_today ();
  int year, month, day;

  if (sscanf (today, "%d-%d-%d", &year, &month, &day) != 3
      || (year == g_date_time_get_year (now) && month == g_date_time_get_month (now)
          && day == g_date_time_get_day_of_month (now)))
    return g_steal_pointer (&now);

  return g_date_time_new_local (year, month, day, g_date_time_get_hour (now),
                                g_date_time_get_minute (now), g_date_time_get_second (now));
}

static gboolean
digits (const char *text,
        guint       n,
        int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

gboolean
fazhi_backup_parse_name (const char  *prefix,
                         const char  *name,
                         GDateTime  **time,
                         char       **reason,
                         guint       *sequence)
{
  size_t length = strlen (prefix);
  const char *p, *start, *end;
  int year, month, day, hour, minute, second, number = 1;
  GDateTime *parsed;

  if (strncmp (name, prefix, length) != 0 || name[length] != '-')
    return FALSE;

  /* -YYYYMMDD-HHMMSS- */
  p = name + length + 1;
  if (!digits (p, 4, &year) || !digits (p + 4, 2, &month) || !digits (p + 6, 2, &day) || p[8] != '-'
      || !digits (p + 9, 2, &hour) || !digits (p + 11, 2, &minute) || !digits (p + 13, 2, &second)
      || p[15] != '-')
    return FALSE;

  start = p = p + 16;
  while (g_ascii_islower (*p))
    p++;
  if (p == start)
    return FALSE;
  end = p;
  if (*p == '-')
    {
      const char *first_digit = ++p;

      number = 0;
      while (g_ascii_isdigit (*p) && number < 100000)
        number = number * 10 + (*p++ - '0');
      if (p == first_digit || number < 2)
        return FALSE;
    }
  if (strcmp (p, ".db") != 0)
    return FALSE;

  parsed = g_date_time_new_local (year, month, day, hour, minute, second);
  if (parsed == NULL)
    return FALSE;

  if (time != NULL)
    *time = parsed;
  else
    g_date_time_unref (parsed);
  if (reason != NULL)
    *reason = g_strndup (start, (gsize) (end - start));
  if (sequence != NULL)
    *sequence = (guint) number;
  return TRUE;
}

static int
day_key (GDateTime *time)
{
  return g_date_time_get_year (time) * 10000 + g_date_time_get_month (time) * 100
         + g_date_time_get_day_of_month (time);
}

static int
week_key (GDateTime *time)
{
  return g_date_time_get_week_numbering_year (time) * 100 + g_date_time_get_week_of_year (time);
}

static int
month_key (GDateTime *time)
{
  return g_date_time_get_year (time) * 100 + g_date_time_get_month (time);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GPtrArray *times = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int order = g_date_time_compare (g_ptr_array_index (times, j), g_ptr_array_index (times, i));

  return order != 0 ? order : (i < j ? 1 : (i > j ? -1 : 0));
}

GArray *
fazhi_backup_select_kept (GPtrArray *times,
                          GDateTime *now)
{
  static const struct
  {
    int   (*key) (GDateTime *time);
    guint periods;
  } rules[] = {
    { day_key, KEEP_DAYS },
    { week_key, KEEP_WEEKS },
    { month_key, KEEP_MONTHS },
  };
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), times->len);
  GArray *kept = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), times->len);

  g_array_set_size (kept, times->len);
  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *time = g_ptr_array_index (times, i);

      g_array_append_val (order, i);
      if (g_date_time_compare (time, now) > 0 || day_key (time) == day_key (now))
        g_array_index (kept, gboolean, i) = TRUE;
    }
  g_array_sort_with_data (order, compare_newest_first, times);

  /* Newest first, the first backup of each new period is that period's newest. */
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      guint periods = 0;
      int last = -1;

      for (guint k = 0; k < order->len; k++)
        {
          guint i = g_array_index (order, guint, k);
          GDateTime *time = g_ptr_array_index (times, i);
          int key;

          if (g_date_time_compare (time, now) > 0)
            continue;
          key = rules[r].key (time);
          if (key == last)
            continue;
          if (periods == rules[r].periods)
            break;
          periods++;
          last = key;
          g_array_index (kept, gboolean, i) = TRUE;
        }
    }

  return kept;
}

/* A file a backup or a restore left half-written when its program died. */
static gboolean
is_stale_leftover (const char *folder,
                   const char *prefix,
                   const char *name)
{
  g_autofree char *path = NULL;
  GStatBuf buffer;

  if (!(g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db.partial"))
      && !g_str_has_prefix (name, ".restoring-"))
    return FALSE;

  path = g_build_filename (folder, name, NULL);
  return g_stat (path, &buffer) == 0 && S_ISREG (buffer.st_mode)
         && buffer.st_mtime + STALE_SECONDS < g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
fazhi_backup_prune_at (const char *folder,
                       const char *prefix,
                       GDateTime  *now,
                       GError    **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) kept = NULL;
  const char *name;
  int failed_errno = 0;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GDateTime *time = NULL;
      guint sequence = 1;

      if (fazhi_backup_parse_name (prefix, name, &time, NULL, &sequence))
        {
          g_ptr_array_add (names, g_strdup (name));
          /* The second backup of a second is the newer: a microsecond for each. */
          g_ptr_array_add (times, g_date_time_add (time, sequence - 1));
          g_date_time_unref (time);
        }
      else if (is_stale_leftover (folder, prefix, name))
        g_ptr_array_add (removed, g_strdup (name));
    }

  kept = fazhi_backup_select_kept (times, now);
  for (guint i = 0; i < names->len; i++)
    if (!g_array_index (kept, gboolean, i))
      g_ptr_array_add (removed, g_strdup (g_ptr_array_index (names, i)));

  for (guint i = 0; i < removed->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, (char *) g_ptr_array_index (removed, i), NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        failed_errno = errno;
    }

  if (failed_errno != 0)
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (failed_errno),
                   _("Cannot remove old backups from %s: %s"), display, g_strerror (failed_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
fazhi_backup_prune (FazhiDatabase *database,
                    GError       **error)
{
  g_autofree char *folder = fazhi_backup_folder (database);
  g_autofree char *prefix = backup_prefix (fazhi_database_get_path (database));
  g_autoptr(GDateTime) now = backup_now ();

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;

  return fazhi_backup_prune_at (folder, prefix, now, error);
}

/* Creates the backup's file, empty, under a name no other backup has, fazhi_database_backup()
 * then renames the copy over it. A second backup in the same second gets the next number
 * (-2, -3 …), whatever its reason, so that the list and the retention know which is newer;
 * O_EXCL settles a race with another program backing up in the same second. */
static char *
reserve_name (const char *folder,
              const char *prefix,
              GDateTime  *now,
              const char *reason,
              GError    **error)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *same_second = g_strdup_printf ("%s-%s-", prefix, stamp);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *existing;
  guint first = 1;

  while (dir != NULL && (existing = g_dir_read_name (dir)) != NULL)
    {
      guint sequence = 1;

      if (g_str_has_prefix (existing, same_second)
          && fazhi_backup_parse_name (prefix, existing, NULL, NULL, &sequence))
        first = MAX (first, sequence + 1);
    }

  for (guint n = first; n < first + 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s%s.db", same_second, reason)
                                     : g_strdup_printf ("%s%s-%u.db", same_second, reason, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
      int saved_errno = errno;

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&path);
        }
      if (saved_errno != EEXIST)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                       _("Cannot write the backup %s: %s"), display, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
               _("Cannot write the backup %s: %s"), folder, g_strerror (EEXIST));
  return NULL;
}

static gboolean
valid_reason (const char *reason)
{
  if (reason == NULL || reason[0] == '\0')
    return FALSE;
  for (const char *p = reason; *p != '\0'; p++)
    if (!g_ascii_islower (*p))
      return FALSE;
  return TRUE;
}

char *
fazhi_backup_make (FazhiDatabase *database,
                   const char    *reason,
                   GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) prune_error = NULL;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), NULL);
  g_return_val_if_fail (valid_reason (reason), NULL);

  folder = fazhi_backup_folder (database);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot create the backup folder %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  prefix = backup_prefix (fazhi_database_get_path (database));
  now = backup_now ();
  path = reserve_name (folder, prefix, now, reason, error);
  if (path == NULL)
    return NULL;

  if (!fazhi_database_backup (database, path, error))
    {
      g_unlink (path);
      return NULL;
    }

  /* The backup is made; a backup that could not be removed only takes room. */
  if (!fazhi_backup_prune_at (folder, prefix, now, &prune_error))
    g_warning ("%s", prune_error->message);

  return g_steal_pointer (&path);
}

gboolean
fazhi_backup_daily (FazhiDatabase *database,
                    GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), FALSE);

  folder = fazhi_backup_folder (database);
  prefix = backup_prefix (fazhi_database_get_path (database));
  now = backup_now ();
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *reason = NULL;

      if (fazhi_backup_parse_name (prefix, name, &time, &reason, NULL)
          && strcmp (reason, FAZHI_BACKUP_DAILY) == 0 && day_key (time) == day_key (now))
        return TRUE;
    }

  made = fazhi_backup_make (database, FAZHI_BACKUP_DAILY, error);
  return made != NULL;
}

int
fazhi_backup_query_int (sqlite3    *handle,
                        const char *sql,
                        int        *value)
{
  sqlite3_stmt *statement = NULL;
  int rc = sqlite3_prepare_v2 (handle, sql, -1, &statement, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (statement);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (statement, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (statement);
  return rc;
}

sqlite3 *
fazhi_backup_open_read_only (const char *path,
                             int        *version,
                             GError    **error)
{
  static const char header[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  char start[16] = { 0 };
  sqlite3 *handle = NULL;
  int application_id = 0, tables = 0, rc;
  FILE *file = g_fopen (path, "rb");
  size_t n;

  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot open %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  n = fread (start, 1, sizeof start, file);
  fclose (file);
  if (n != sizeof start || memcmp (start, header, sizeof header) != 0)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Fazhi Ledger database"), display);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (handle, 10000);
      rc = fazhi_backup_query_int (handle, "PRAGMA application_id", &application_id);
    }
  if (rc == SQLITE_OK)
    rc = fazhi_backup_query_int (handle, "PRAGMA user_version", version);
  if (rc == SQLITE_OK)
    rc = fazhi_backup_query_int (handle, "SELECT count(*) FROM sqlite_schema", &tables);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
                     _("%s is not a Fazhi Ledger database"), display);
      else
        g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN, _("Cannot open %s: %s"), display,
                     handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close (handle);
      return NULL;
    }

  if (tables == 0 || application_id != APPLICATION_ID)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Fazhi Ledger database"), display);
      sqlite3_close (handle);
      return NULL;
    }
  if (*version > fazhi_database_latest_version ())
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_TOO_NEW,
                   _("%s was made by a newer version of Fazhi Ledger (schema %d, this one knows %d); "
                     "this version cannot restore it"),
                   display, *version, fazhi_database_latest_version ());
      sqlite3_close (handle);
      return NULL;
    }

  return handle;
}

FazhiBackupInfo *
fazhi_backup_inspect (const char *path)
{
  g_autoptr(FazhiBackupInfo) info = g_new0 (FazhiBackupInfo, 1);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *handle;
  GStatBuf buffer;

  g_return_val_if_fail (path != NULL, NULL);

  info->path = g_strdup (path);
  info->name = g_filename_display_basename (path);
  info->sequence = 1;
  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    info->counts[ledger] = -1;

  if (g_stat (path, &buffer) != 0)
    {
      int saved_errno = errno;

      info->error = g_strdup_printf (_("Cannot open %s: %s"), info->name, g_strerror (saved_errno));
      return g_steal_pointer (&info);
    }
  info->size = (gint64) buffer.st_size;

  /* Any prefix: the name's last parts are what tell its time and reason. */
  for (const char *dash = strchr (base, '-'); dash != NULL && info->time == NULL; dash = strchr (dash + 1, '-'))
    {
      g_autofree char *prefix = g_strndup (base, (gsize) (dash - base));

      fazhi_backup_parse_name (prefix, base, &info->time, &info->reason, &info->sequence);
    }
  if (info->time == NULL)
    info->time = g_date_time_new_from_unix_local ((gint64) buffer.st_mtime);

  handle = fazhi_backup_open_read_only (path, &info->version, &error);
  if (handle == NULL)
    {
      info->error = g_strdup (error->message);
      return g_steal_pointer (&info);
    }

  for (FazhiLedgerId ledger = 0; ledger < FAZHI_N_LEDGERS; ledger++)
    {
      /* %w quotes the table's name, which comes from the ledgers' description. */
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", fazhi_ledger_get (ledger)->key);
      sqlite3_stmt *statement = NULL;
      int rc = sqlite3_prepare_v2 (handle, sql, -1, &statement, NULL);

      if (rc == SQLITE_OK && (rc = sqlite3_step (statement)) == SQLITE_ROW)
        info->counts[ledger] = sqlite3_column_int64 (statement, 0);
      else if (info->error == NULL)
        info->error = g_strdup_printf (_("Cannot read %s: %s"), info->name, sqlite3_errmsg (handle));
      sqlite3_finalize (statement);
      sqlite3_free (sql);
    }
  sqlite3_close (handle);

  return g_steal_pointer (&info);
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  const FazhiBackupInfo *first = *(FazhiBackupInfo * const *) a;
  const FazhiBackupInfo *second = *(FazhiBackupInfo * const *) b;
  int order = g_date_time_compare (second->time, first->time);

  if (order == 0)
    order = second->sequence < first->sequence ? -1 : second->sequence > first->sequence;
  return order != 0 ? order : strcmp (second->path, first->path);
}

GPtrArray *
fazhi_backup_list (FazhiDatabase *database)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) fazhi_backup_info_free);
  g_autofree char *folder = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (FAZHI_IS_DATABASE (database), backups);

  folder = fazhi_backup_folder (database);
  prefix = backup_prefix (fazhi_database_get_path (database));
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      FazhiBackupInfo *info;

      if (!fazhi_backup_parse_name (prefix, name, NULL, NULL, NULL))
        continue;

      path = g_build_filename (folder, name, NULL);
      info = fazhi_backup_inspect (path);
      /* Still empty: another program is making it right now. */
      if (info->size == 0 && info->error != NULL)
        {
          fazhi_backup_info_free (info);
          continue;
        }
      /* The database's own prefix decides, should the name parse another way too. */
      g_clear_pointer (&info->time, g_date_time_unref);
      g_clear_pointer (&info->reason, g_free);
      fazhi_backup_parse_name (prefix, name, &info->time, &info->reason, &info->sequence);
      g_ptr_array_add (backups, info);
    }

  g_ptr_array_sort (backups, compare_infos);
  return backups;
}
