/* fazhi-locale.h — the locale and the translations of both programs */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the locale from the environment and binds the program's translations: those beside the
 * running binary (LOCALEDIR_FROM_BINDIR) when they are there, else the configured LOCALEDIR. */
void   fazhi_locale_init (void);
/* Where fazhi_locale_init() found the translations. */
char  *fazhi_locale_dir  (void);

G_END_DECLS
