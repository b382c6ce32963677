/* fazhi-settings.h — the window's own settings, kept in GSettings when its schema is installed */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The program's settings: the installed schema's, or — when the schema cannot be found (a copied
 * binary, a broken install) — its defaults, kept for this session only, said once on stderr. */
GVariant   *fazhi_settings_get_value       (const char *key);
void        fazhi_settings_set_value       (const char *key,
                                            GVariant   *value);

int         fazhi_settings_get_int         (const char *key);
void        fazhi_settings_set_int         (const char *key,
                                            int         value);
gboolean    fazhi_settings_get_boolean     (const char *key);
void        fazhi_settings_set_boolean     (const char *key,
                                            gboolean    value);
char       *fazhi_settings_get_string      (const char *key);
void        fazhi_settings_set_string      (const char *key,
                                            const char *value);

/* Whether the settings outlive the session (the schema is installed). */
gboolean    fazhi_settings_are_kept        (void);
/* The defaults used without a schema: key and GVariant text, ending with { NULL, NULL }. */
const char * const *fazhi_settings_session_defaults (void);

G_END_DECLS
