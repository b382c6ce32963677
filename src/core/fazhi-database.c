/* fazhi-database.c — opening, migrating and guarding the ledger database
 *
 * One SQLite file in WAL mode with foreign keys on. The schema version is PRAGMA user_version;
 * the migrations are the numbered SQL files of data/sql, compiled into the program, each applied
 * in one transaction. Transactions nest: the outermost is BEGIN IMMEDIATE (so that a writer waits
 * for the busy timeout instead of failing half-way), inner ones are savepoints. Changes are
 * announced with ::changed only once they are committed.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include "fazhi-backup.h"
#include "fazhi-database.h"
#include "fazhi-database-private.h"
#include "fazhi-value.h"
#include "fazhi-resources.h"

#define MIGRATIONS_PATH "/io/github/fazhi/Ledger/sql"
#define APPLICATION_ID 0x467a4c67 /* "FzLg" */
#define BUSY_TIMEOUT_MS 10000

typedef struct
{
  FazhiLedgerId ledger;
  FazhiChange   change;
  gint64        id;
} PendingChange;

struct _FazhiDatabase
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *handle;
  GHashTable  *statements;  /* SQL text → sqlite3_stmt */
  guint        depth;       /* open transactions, outermost included */
  GArray      *pending;     /* PendingChange, announced on the outermost commit */
  GArray      *marks;       /* per savepoint: how many changes were pending when it began */
  gboolean     settings_pending;  /* a setting changed in the open transaction */
  char        *clerk;       /* who the changes are written by (see fazhi_database_get_clerk) */
};

G_DEFINE_FINAL_TYPE (FazhiDatabase, fazhi_database, G_TYPE_OBJECT)

enum {
  CHANGED,
  SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (fazhi-database-error-quark, fazhi_database_error)

static void
fazhi_database_finalize (GObject *object)
{
  FazhiDatabase *self = FAZHI_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->path);
  g_free (self->clerk);

  G_OBJECT_CLASS (fazhi_database_parent_class)->finalize (object);
}

static void
fazhi_database_class_init (FazhiDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fazhi_database_finalize;

  /**
   * FazhiDatabase::changed:
   * @ledger: the #FazhiLedgerId that changed
   * @change: a #FazhiChange
   * @id: the record's id, or 0 for %FAZHI_CHANGE_MANY
   *
   * Emitted after a transaction that changed records is committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT64);

  /**
   * FazhiDatabase::settings-changed:
   *
   * Emitted after a setting (the office's name, the number prefix …) may have changed: at once, or
   * when the transaction that set it is committed. Listeners read the settings they show again.
   */
  signals[SETTINGS_CHANGED] =
    g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
fazhi_database_init (FazhiDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* --database PATH, else $FAZHI_DATABASE, else the user's data folder. */
char *
fazhi_database_default_path (const char *option)
{
  const char *env = g_getenv ("FAZHI_DATABASE");

  if (option != NULL && option[0] != '\0')
    return g_strdup (option);
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "fazhi", "ledger.db", NULL);
}

gboolean
fazhi_database_set_error (FazhiDatabase *self,
                          int            code,
                          GError       **error)
{
  int primary = code & 0xff;
  FazhiDatabaseError kind;

  switch (primary)
    {
    case SQLITE_READONLY:
      kind = FAZHI_DATABASE_ERROR_READ_ONLY;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = FAZHI_DATABASE_ERROR_BUSY;
      break;
    case SQLITE_NOTADB:
      kind = FAZHI_DATABASE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_CONSTRAINT:
      kind = FAZHI_DATABASE_ERROR_INVALID;
      break;
    case SQLITE_FULL:
      kind = FAZHI_DATABASE_ERROR_DISK_FULL;
      break;
    case SQLITE_IOERR:
      /* Growing the WAL's shared memory on a full disk fails as an I/O error. */
      kind = sqlite3_system_errno (self->handle) == ENOSPC ? FAZHI_DATABASE_ERROR_DISK_FULL
                                                           : FAZHI_DATABASE_ERROR_SQL;
      break;
    default:
      kind = FAZHI_DATABASE_ERROR_SQL;
    }

  if (kind == FAZHI_DATABASE_ERROR_READ_ONLY)
    g_set_error (error, FAZHI_DATABASE_ERROR, kind,
                 _("%s: the database is read-only; nothing was changed"), self->path);
  else if (kind == FAZHI_DATABASE_ERROR_BUSY)
    g_set_error (error, FAZHI_DATABASE_ERROR, kind,
                 _("%s: the database is in use by another program; try again"), self->path);
  else if (kind == FAZHI_DATABASE_ERROR_NOT_A_DATABASE)
    g_set_error (error, FAZHI_DATABASE_ERROR, kind,
                 _("%s is not a Fazhi Ledger database"), self->path);
  else if (kind == FAZHI_DATABASE_ERROR_DISK_FULL)
    g_set_error (error, FAZHI_DATABASE_ERROR, kind,
                 _("%s: the disk is full; nothing was changed. Free some space on it and try again"),
                 self->path);
  else
    g_set_error (error, FAZHI_DATABASE_ERROR, kind, "%s: %s", self->path, sqlite3_errmsg (self->handle));

  return FALSE;
}

/* A cached statement, reset and without bindings; owned by the database. */
sqlite3_stmt *
fazhi_database_prepare (FazhiDatabase *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (statement != NULL)
    {
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      return statement;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL);
  if (rc != SQLITE_OK)
    {
      fazhi_database_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), statement);
  return statement;
}

gboolean
fazhi_database_step_done (FazhiDatabase *self,
                          sqlite3_stmt  *statement,
                          GError       **error)
{
  int rc = sqlite3_step (statement);

  sqlite3_reset (statement);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  return fazhi_database_set_error (self, rc, error);
}

static gboolean
exec (FazhiDatabase *self,
      const char    *sql,
      GError       **error)
{
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return fazhi_database_set_error (self, rc, error);

  return TRUE;
}

gboolean
fazhi_database_begin (FazhiDatabase *self,
                      GError       **error)
{
  g_return_val_if_fail (FAZHI_IS_DATABASE (self), FALSE);

  if (!exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", error))
    return FALSE;

  if (self->depth > 0)
    g_array_append_val (self->marks, self->pending->len);
  self->depth++;
  return TRUE;
}

gboolean
fazhi_database_commit (FazhiDatabase *self,
                       GError       **error)
{
  g_autoptr(GArray) announced = NULL;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      if (!exec (self, "RELEASE nested", error))
        return FALSE;
      g_array_set_size (self->marks, self->marks->len - 1);
      self->depth--;
      return TRUE;
    }

  if (!exec (self, "COMMIT", error))
    {
      fazhi_database_rollback (self);
      return FALSE;
    }

  self->depth = 0;
  announced = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  for (guint i = 0; i < announced->len; i++)
    {
      PendingChange *change = &g_array_index (announced, PendingChange, i);

      g_signal_emit (self, signals[CHANGED], 0, change->ledger, change->change, change->id);
    }
  if (self->settings_pending)
    {
      self->settings_pending = FALSE;
      g_signal_emit (self, signals[SETTINGS_CHANGED], 0);
    }

  return TRUE;
}

void
fazhi_database_rollback (FazhiDatabase *self)
{
  sqlite3_stmt *statement = NULL;

  g_return_if_fail (FAZHI_IS_DATABASE (self));
  g_return_if_fail (self->depth > 0);

  /* Statements left mid-step would keep the transaction's locks. */
  while ((statement = sqlite3_next_stmt (self->handle, statement)) != NULL)
    sqlite3_reset (statement);

  if (self->depth > 1)
    {
      sqlite3_exec (self->handle, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
      /* What the savepoint announced never happened. */
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->marks->len - 1));
      g_array_set_size (self->marks, self->marks->len - 1);
      self->depth--;
      return;
    }

  sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  self->depth = 0;
  self->settings_pending = FALSE;
  g_array_set_size (self->pending, 0);
  g_array_set_size (self->marks, 0);
}

void
fazhi_database_emit_changed (FazhiDatabase *self,
                             FazhiLedgerId  ledger,
                             FazhiChange    change,
                             gint64         id)
{
  PendingChange pending = { ledger, change, id };

  g_return_if_fail (FAZHI_IS_DATABASE (self));

  if (self->depth > 0)
    g_array_append_val (self->pending, pending);
  else
    g_signal_emit (self, signals[CHANGED], 0, ledger, change, id);
}

static int
pragma_int (FazhiDatabase *self,
            const char    *sql,
            int           *value)
{
  sqlite3_stmt *statement = NULL;
  int rc = sqlite3_prepare_v2 (self->handle, sql, -1, &statement, NULL);

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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_migrations (void)
{
  static gsize registered = 0;
  g_auto(GStrv) names = NULL;
  GPtrArray *migrations;

  if (g_once_init_enter (&registered))
    {
      fazhi_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  migrations = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (migrations, g_strdup (names[i]));

  g_ptr_array_sort (migrations, compare_names);
  return migrations;
}

int
fazhi_database_latest_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  return (int) migrations->len;
}

int
fazhi_database_get_version (FazhiDatabase *self)
{
  int version = 0;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), -1);

  pragma_int (self, "PRAGMA user_version", &version);
  return version;
}

/* Applies the migrations after the current version up to @target, each in its own transaction. */
gboolean
fazhi_database_migrate (FazhiDatabase *self,
                        int            target,
                        GError       **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  int version = fazhi_database_get_version (self);

  g_return_val_if_fail (target <= (int) migrations->len, FALSE);

  for (int next = version + 1; next <= target; next++)
    {
      g_autofree char *path = g_build_path ("/", MIGRATIONS_PATH,
                                            (char *) g_ptr_array_index (migrations, next - 1), NULL);
      g_autoptr(GBytes) sql = g_resources_lookup_data (path, 0, error);
      g_autofree char *script = NULL;
      g_autofree char *set_version = NULL;

      if (sql == NULL)
        return FALSE;

      script = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
      /* The version is the migration's own number, never a value from outside. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                     next, APPLICATION_ID);
      if (!fazhi_database_begin (self, error))
        return FALSE;
      if (!exec (self, script, error) || !exec (self, set_version, error))
        {
          g_prefix_error (error, _("Updating the database to version %d failed: "), next);
          fazhi_database_rollback (self);
          return FALSE;
        }
      if (!fazhi_database_commit (self, error))
        return FALSE;
    }

  return TRUE;
}

/* SQLite would take any file and fail later; a file that is not a database is refused before
 * anything is written to it. */
static gboolean
looks_like_sqlite (const char *path,
                   GError    **error)
{
  static const char header[16] = "SQLite format 3";
  char start[16] = { 0 };
  FILE *file;
  size_t n;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot open %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (start, 1, sizeof start, file);
  fclose (file);

  if (n == 0 || memcmp (start, header, sizeof header) == 0)
    return TRUE;

  g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
               _("%s is not a Fazhi Ledger database (it is not an SQLite file); it was left as it is"),
               path);
  return FALSE;
}

static gboolean
check_owner (FazhiDatabase *self,
             GError       **error)
{
  int application_id = 0, version = 0, tables = 0;

  if (pragma_int (self, "PRAGMA application_id", &application_id) != SQLITE_OK
      || pragma_int (self, "PRAGMA user_version", &version) != SQLITE_OK
      || pragma_int (self, "SELECT count(*) FROM sqlite_schema", &tables) != SQLITE_OK)
    return fazhi_database_set_error (self, sqlite3_errcode (self->handle), error);

  if (tables > 0 && application_id != APPLICATION_ID)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database of another program; it was left as it is"), self->path);
      return FALSE;
    }

  if (version > fazhi_database_latest_version ())
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Fazhi Ledger (schema %d, this one knows %d)"),
                   self->path, version, fazhi_database_latest_version ());
      return FALSE;
    }

  return TRUE;
}

/* The statfs() magic numbers of the filesystems a ledger is not opened on: over a network (NFS,
 * SMB) or through FUSE SQLite's POSIX locks are not reliable, and WAL's shared memory (the -shm
 * file, mapped) is not shared between two computers, so two clerks writing at once would damage
 * the file. Written out rather than taken from <linux/magic.h>, whose list depends on how old
 * the kernel's headers are. */
static const struct
{
  guint32     magic;
  const char *name;
} network_filesystems[] = {
  { 0x00006969, "NFS" },
  { 0x0000517b, "SMB" },
  { 0xff534d42, "CIFS" },
  { 0xfe534d42, "SMB2" },
  { 0x65735546, "FUSE" },
  { 0x01021997, "9P" },
  { 0x73757245, "Coda" },
  { 0x5346414f, "AFS" },
  { 0x6b414653, "AFS" },
  { 0x00c36400, "Ceph" },
  { 0x01161970, "GFS2" },
  { 0x7461636f, "OCFS2" },
  { 0x0bd00bd0, "Lustre" },
  { 0x47504653, "GPFS" },
  { 0x0000564c, "NCP" },
};

gboolean
fazhi_database_filesystem_is_network (long         f_type,
                                      const char **name)
{
  /* f_type is an int on 32-bit systems, where CIFS's magic number is negative. */
  guint32 magic = (guint32) f_type;

  for (guint i = 0; i < G_N_ELEMENTS (network_filesystems); i++)
    if (network_filesystems[i].magic == magic)
      {
        if (name != NULL)
          *name = network_filesystems[i].name;
        return TRUE;
      }

  return FALSE;
}

/* Refuses a ledger on a network folder: the file's filesystem, or for a new ledger that of the
 * nearest folder that exists, so that nothing is created there. */
static gboolean
check_local_filesystem (const char *path,
                        GError    **error)
{
#ifdef __linux__
  g_autofree char *existing = g_strdup (path);
  g_autofree char *display = NULL;
  const char *name = NULL;
  struct statfs info;

  while (statfs (existing, &info) != 0)
    {
      char *parent;

      /* Opening says what else is wrong. */
      if (errno != ENOENT && errno != ENOTDIR)
        return TRUE;
      parent = g_path_get_dirname (existing);
      if (strcmp (parent, existing) == 0)
        {
          g_free (parent);
          return TRUE;
        }
      g_free (existing);
      existing = parent;
    }

  if (!fazhi_database_filesystem_is_network ((long) info.f_type, &name))
    return TRUE;

  display = g_filename_display_name (path);
  /* Translators: the database file, then the kind of filesystem (NFS, CIFS, FUSE…) */
  g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NETWORK_FOLDER,
               _("%s is in a network folder (%s): the ledger is not opened there, because SQLite’s "
                 "locking is not reliable on network folders and its WAL journal needs memory shared "
                 "on one computer, so the file could be damaged. Keep the ledger on this computer, or "
                 "share it through a PostgreSQL server (--database postgresql://…)"),
               display, name);
  return FALSE;
#else
  return TRUE;
#endif
}

/* The schema version and the owner that the file's header says (bytes 60 and 68), read before
 * SQLite opens it: a ledger of a newer version or another program's database is refused without
 * SQLite setting up its WAL or changing its journal mode. check_owner() asks SQLite again, for
 * a version that only the WAL holds yet. */
static gboolean
check_header (const char *path,
              GError    **error)
{
  guint8 header[100];
  guint32 version, application_id;
  FILE *file = g_fopen (path, "rb");
  size_t n;

  if (file == NULL)
    return TRUE;
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return TRUE;

  memcpy (&version, header + 60, sizeof version);
  memcpy (&application_id, header + 68, sizeof application_id);
  version = GUINT32_FROM_BE (version);
  application_id = GUINT32_FROM_BE (application_id);

  if (application_id != 0 && application_id != APPLICATION_ID)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database of another program; it was left as it is"), path);
      return FALSE;
    }
  if ((gint32) version > fazhi_database_latest_version ())
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Fazhi Ledger (schema %d, this one knows %d)"),
                   path, (int) (gint32) version, fazhi_database_latest_version ());
      return FALSE;
    }

  return TRUE;
}

/* A new ledger is readable by its owner only, whatever the umask: SQLite gives the -wal and
 * -shm files the database's own mode. */
static void
create_private_file (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);

  if (fd >= 0)
    close (fd);
}

/* A copy of the ledger as it is, in backups/, before a migration changes it. */
static gboolean
backup_before_migration (FazhiDatabase *self,
                         GError       **error)
{
  g_autofree char *made = NULL;
  int tables = 0;

  if (pragma_int (self, "SELECT count(*) FROM sqlite_schema", &tables) != SQLITE_OK)
    return fazhi_database_set_error (self, sqlite3_errcode (self->handle), error);
  /* A new, empty file has nothing to lose. */
  if (tables == 0)
    return TRUE;

  made = fazhi_backup_make (self, FAZHI_BACKUP_MIGRATION, error);
  if (made == NULL)
    {
      g_prefix_error (error, _("The database was not updated, because it could not be backed up first: "));
      return FALSE;
    }

  return TRUE;
}

FazhiDatabase *
fazhi_database_open_at_version (const char *path,
                                int         version,
                                GError    **error)
{
  g_autoptr(FazhiDatabase) self = NULL;
  g_autofree char *folder = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!looks_like_sqlite (path, error) || !check_header (path, error) || !check_local_filesystem (path, error))
    return NULL;

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    create_private_file (path);

  self = g_object_new (FAZHI_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot open %s: %s"), path,
                   self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->handle, TRUE);

  if (!check_owner (self, error))
    return NULL;

  /* Sorting a large search result in memory rather than in temporary files keeps a keystroke
   * in the search field fast. The page cache is SQLite's usual 2 MB, said here so that it does
   * not depend on how SQLite was built: it holds the pages a list shows and the upper levels of
   * the indexes, and what reads a whole ledger (a search's count, the statistics, an import)
   * goes through it faster than through a larger one, whose pages spill out of the processor's
   * caches. On 100 000 cases, against 8 MB: counting a search's rows 38 ms instead of 67, the
   * statistics 0.06 s instead of 0.09, an import 1.0 s instead of 1.15. */
  if (!exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -2000", error))
    return NULL;

  if (!sqlite3_db_readonly (self->handle, "main"))
    {
      /* A new database gets pages of 16 KiB (a database that has any keeps its own size):
       * SQLite writes and reads a page per call, through the WAL and back, and with pages of
       * 4 KiB an import of 100 000 cases spent a third of its time in those calls.
       * WAL lets the window read while the command line writes. */
      if (!exec (self, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
        return NULL;
    }

  if (version < 0)
    version = fazhi_database_latest_version ();
  if (fazhi_database_get_version (self) < version
      && (!backup_before_migration (self, error) || !fazhi_database_migrate (self, version, error)))
    return NULL;

  return g_steal_pointer (&self);
}

FazhiDatabase *
fazhi_database_open (const char *path,
                     GError    **error)
{
  return fazhi_database_open_at_version (path, -1, error);
}

void
fazhi_database_set_clerk (FazhiDatabase *self,
                          const char    *clerk)
{
  g_return_if_fail (FAZHI_IS_DATABASE (self));

  g_free (self->clerk);
  self->clerk = clerk != NULL && !fazhi_text_is_blank (clerk) ? g_strstrip (g_strdup (clerk)) : NULL;
}

/* The clerk's name as set in the window, else $FAZHI_CLERK (scripts, the command line), else
 * the login's full name, else the login name. */
const char *
fazhi_database_get_clerk (FazhiDatabase *self)
{
  const char *name;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), NULL);

  if (self->clerk != NULL)
    return self->clerk;
  name = g_getenv ("FAZHI_CLERK");
  if (name != NULL && !fazhi_text_is_blank (name))
    return name;
  name = g_get_real_name ();
  if (name != NULL && strcmp (name, "Unknown") != 0 && !fazhi_text_is_blank (name))
    return name;
  return g_get_user_name ();
}

const char *
fazhi_database_get_path (FazhiDatabase *self)
{
  g_return_val_if_fail (FAZHI_IS_DATABASE (self), NULL);

  return self->path;
}

sqlite3 *
fazhi_database_get_handle (FazhiDatabase *self)
{
  g_return_val_if_fail (FAZHI_IS_DATABASE (self), NULL);

  return self->handle;
}

char *
fazhi_database_get_setting (FazhiDatabase *self,
                            const char    *key)
{
  sqlite3_stmt *statement;
  char *value = NULL;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), NULL);

  statement = fazhi_database_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (statement == NULL)
    return NULL;

  sqlite3_bind_text (statement, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);

  return value;
}

int
fazhi_database_get_setting_int (FazhiDatabase *self,
                                const char    *key,
                                int            fallback)
{
  g_autofree char *text = fazhi_database_get_setting (self, key);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &value, NULL))
    return fallback;

  return (int) value;
}

gboolean
fazhi_database_set_setting (FazhiDatabase *self,
                            const char    *key,
                            const char    *value,
                            GError       **error)
{
  sqlite3_stmt *statement;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), FALSE);

  statement = fazhi_database_prepare (self,
                                      "INSERT INTO settings (key, value) VALUES (?, ?) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                      error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, value != NULL ? value : "", -1, SQLITE_STATIC);

  if (!fazhi_database_step_done (self, statement, error))
    return FALSE;

  /* A savepoint rolled back may leave this set: the signal only asks to read the settings again. */
  if (self->depth > 0)
    self->settings_pending = TRUE;
  else
    g_signal_emit (self, signals[SETTINGS_CHANGED], 0);
  return TRUE;
}

gint64
fazhi_database_count (FazhiDatabase *self,
                      FazhiLedgerId  ledger)
{
  static const char *queries[FAZHI_N_LEDGERS] = {
    [FAZHI_LEDGER_CASES] = "SELECT count(*) FROM cases",
    [FAZHI_LEDGER_TRAININGS] = "SELECT count(*) FROM trainings",
    [FAZHI_LEDGER_OUTREACH] = "SELECT count(*) FROM outreach",
    [FAZHI_LEDGER_ELECTIONS] = "SELECT count(*) FROM elections",
    [FAZHI_LEDGER_COMPOUNDS] = "SELECT count(*) FROM compounds",
    [FAZHI_LEDGER_COMMUNITIES] = "SELECT count(*) FROM communities",
  };
  sqlite3_stmt *statement;
  gint64 count = 0;

  g_return_val_if_fail (ledger < FAZHI_N_LEDGERS, 0);

  statement = fazhi_database_prepare (self, queries[ledger], NULL);
  if (statement != NULL && sqlite3_step (statement) == SQLITE_ROW)
    count = sqlite3_column_int64 (statement, 0);
  if (statement != NULL)
    sqlite3_reset (statement);

  return count;
}

/* Whether a ledger holds any record: answered from the first row, where a count would read
 * the whole table. */
gboolean
fazhi_database_has_records (FazhiDatabase *self,
                            FazhiLedgerId  ledger)
{
  static const char *queries[FAZHI_N_LEDGERS] = {
    [FAZHI_LEDGER_CASES] = "SELECT EXISTS (SELECT 1 FROM cases)",
    [FAZHI_LEDGER_TRAININGS] = "SELECT EXISTS (SELECT 1 FROM trainings)",
    [FAZHI_LEDGER_OUTREACH] = "SELECT EXISTS (SELECT 1 FROM outreach)",
    [FAZHI_LEDGER_ELECTIONS] = "SELECT EXISTS (SELECT 1 FROM elections)",
    [FAZHI_LEDGER_COMPOUNDS] = "SELECT EXISTS (SELECT 1 FROM compounds)",
    [FAZHI_LEDGER_COMMUNITIES] = "SELECT EXISTS (SELECT 1 FROM communities)",
  };
  sqlite3_stmt *statement;
  gboolean any = FALSE;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ledger < FAZHI_N_LEDGERS, FALSE);

  statement = fazhi_database_prepare (self, queries[ledger], NULL);
  if (statement != NULL && sqlite3_step (statement) == SQLITE_ROW)
    any = sqlite3_column_int (statement, 0) != 0;
  if (statement != NULL)
    sqlite3_reset (statement);

  return any;
}

/* No ledger holds a record yet (places and settings do not count). */
gboolean
fazhi_database_is_empty (FazhiDatabase *self)
{
  for (FazhiLedgerId ledger = FAZHI_LEDGER_CASES; ledger <= FAZHI_LEDGER_ELECTIONS; ledger++)
    if (fazhi_database_has_records (self, ledger))
      return FALSE;

  return TRUE;
}

/* A consistent copy, even while another program writes: the backup API copies one snapshot.
 * The copy is written beside the destination and renamed, so a failed backup leaves nothing. */
gboolean
fazhi_database_backup (FazhiDatabase *self,
                       const char    *destination,
                       GError       **error)
{
  g_autofree char *partial = g_strconcat (destination, ".partial", NULL);
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), FALSE);

  g_unlink (partial);
  /* Readable by its owner only, whatever the umask, like the database. */
  create_private_file (partial);
  rc = sqlite3_open_v2 (partial, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot write the backup %s: %s"), destination, sqlite3_errstr (rc));
      sqlite3_close (copy);
      return FALSE;
    }

  backup = sqlite3_backup_init (copy, "main", self->handle, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (copy);
  else
    {
      while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
      sqlite3_backup_finish (backup);
    }

  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (copy);

  if ((rc & 0xff) == SQLITE_FULL)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_DISK_FULL,
                   _("Cannot write the backup %s: the disk is full"), destination);
      g_unlink (partial);
      return FALSE;
    }
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_SQL,
                   _("Cannot write the backup %s: %s"), destination, sqlite3_errstr (rc));
      g_unlink (partial);
      return FALSE;
    }

  if (g_rename (partial, destination) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FAZHI_DATABASE_ERROR, FAZHI_DATABASE_ERROR_OPEN,
                   _("Cannot write the backup %s: %s"), destination, g_strerror (saved_errno));
      g_unlink (partial);
      return FALSE;
    }

  return TRUE;
}

/* The problems SQLite finds in the file and in the links between records; empty when sound. */
GPtrArray *
fazhi_database_check (FazhiDatabase *self,
                      GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), NULL);

  statement = fazhi_database_prepare (self, "PRAGMA integrity_check", error);
  if (statement == NULL)
    return NULL;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (statement, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      fazhi_database_set_error (self, rc, error);
      return NULL;
    }

  statement = fazhi_database_prepare (self, "PRAGMA foreign_key_check", error);
  if (statement == NULL)
    return NULL;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    /* Translators: a table, a record id and the table it points to */
    g_ptr_array_add (problems,
                     g_strdup_printf (_("%s record %lld refers to a missing %s record"),
                                      sqlite3_column_text (statement, 0),
                                      (long long) sqlite3_column_int64 (statement, 1),
                                      sqlite3_column_text (statement, 2)));
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      fazhi_database_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&problems);
}

/* The first and last year a ledger's deciding date falls in; FALSE when it has no dated records. */
gboolean
fazhi_database_year_range (FazhiDatabase *self,
                           FazhiLedgerId  ledger,
                           int           *first,
                           int           *last)
{
  /* Apart, min() and max() each read one end of the date's index; together they read all of it. */
  static const char *queries[FAZHI_N_LEDGERS] = {
    [FAZHI_LEDGER_CASES] = "SELECT (SELECT min(received_on) FROM cases), (SELECT max(received_on) FROM cases)",
    [FAZHI_LEDGER_TRAININGS] = "SELECT (SELECT min(held_on) FROM trainings), (SELECT max(held_on) FROM trainings)",
    [FAZHI_LEDGER_OUTREACH] = "SELECT (SELECT min(held_on) FROM outreach), (SELECT max(held_on) FROM outreach)",
    [FAZHI_LEDGER_ELECTIONS] = "SELECT (SELECT min(started_on) FROM elections), "
                               "(SELECT max(started_on) FROM elections)",
  };
  sqlite3_stmt *statement;
  gboolean found = FALSE;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), FALSE);

  if (ledger >= FAZHI_N_LEDGERS || queries[ledger] == NULL)
    return FALSE;

  statement = fazhi_database_prepare (self, queries[ledger], NULL);
  if (statement != NULL && sqlite3_step (statement) == SQLITE_ROW
      && sqlite3_column_type (statement, 0) != SQLITE_NULL)
    {
      *first = atoi ((const char *) sqlite3_column_text (statement, 0));
      *last = atoi ((const char *) sqlite3_column_text (statement, 1));
      found = TRUE;
    }
  if (statement != NULL)
    sqlite3_reset (statement);

  return found;
}

/* Drops @table's plain (not unique) indexes, returning the SQL that makes them again for
 * fazhi_database_restore_indexes(): for a bulk insert, building an index once over all the rows
 * is cheaper than keeping it up to date row by row. Call both inside one transaction, so that
 * a failure (or a killed process) leaves the indexes as they were. */
GStrv
fazhi_database_set_aside_indexes (FazhiDatabase *self,
                                  const char    *table,
                                  GError       **error)
{
  g_autoptr(GStrvBuilder) definitions = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (FAZHI_IS_DATABASE (self), NULL);
  g_return_val_if_fail (self->depth > 0, NULL);

  statement = fazhi_database_prepare (self,
                                      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                      "AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
                                      error);
  if (statement == NULL)
    return NULL;

  sqlite3_bind_text (statement, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
      g_strv_builder_add (definitions, (const char *) sqlite3_column_text (statement, 1));
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      fazhi_database_set_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* %w quotes the name as an identifier; it comes from the schema, not from outside. */
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\"", (char *) g_ptr_array_index (names, i));
      gboolean dropped = exec (self, drop, error);

      sqlite3_free (drop);
      if (!dropped)
        return NULL;
    }

  return g_strv_builder_end (definitions);
}

gboolean
fazhi_database_restore_indexes (FazhiDatabase      *self,
                                const char * const *definitions,
                                GError            **error)
{
  g_return_val_if_fail (FAZHI_IS_DATABASE (self), FALSE);

  for (guint i = 0; definitions != NULL && definitions[i] != NULL; i++)
    if (!exec (self, definitions[i], error))
      return FALSE;

  return TRUE;
}
