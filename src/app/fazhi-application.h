/* fazhi-application.h — the Fazhi Ledger application */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_APPLICATION (fazhi_application_get_type ())
G_DECLARE_FINAL_TYPE (FazhiApplication, fazhi_application, FAZHI, APPLICATION, AdwApplication)

FazhiApplication *fazhi_application_new          (void);
FazhiDatabase    *fazhi_application_get_database (FazhiApplication *self);
void              fazhi_application_set_database (FazhiApplication *self,
                                                  FazhiDatabase    *database);

/* The name the change history gives what is done in the window: the setting clerk-name, or NULL
 * when it is empty (the core then names the login). Main thread only, as the settings are. */
char             *fazhi_application_dup_clerk    (void);
/* Opens the ledger at @path for writing as @clerk (NULL: the core's default): the one place the
 * window opens a connection, its main one and each thread's own. A thread takes @clerk from the
 * main connection (fazhi_database_get_clerk()) before it starts. Any thread. */
FazhiDatabase    *fazhi_application_open_database (const char      *path,
                                                  const char      *clerk,
                                                  GError         **error);

G_END_DECLS
