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

G_END_DECLS
