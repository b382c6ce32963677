/* fazhi-database-private.h — what fazhi-database.c decides on its own, open to the tests */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a statfs() f_type is a network or userspace filesystem (NFS, SMB/CIFS, FUSE, 9P,
 * Coda, AFS, Ceph, cluster filesystems), where SQLite's locks are not reliable and WAL's
 * shared memory does not work; @name (may be NULL) gets a name for messages. */
gboolean  fazhi_database_filesystem_is_network  (long         f_type,
                                                 const char **name);

G_END_DECLS
