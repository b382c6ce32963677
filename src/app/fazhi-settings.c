/* fazhi-settings.c — the window's own settings, kept in GSettings when its schema is installed
 *
 * g_settings_new() aborts the program when its schema is missing, which is how a copied binary
 * or a broken install would end before showing anything. The schema is looked up instead; without
 * it the keys keep the schema's defaults (the table below, which a test holds equal to the schema)
 * and whatever the session sets, in memory.
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-settings.h"

static const char * const session_defaults[] = {
  "window-width", "1100",
  "window-height", "720",
  "window-maximized", "false",
  "last-page", "'cases'",
  "clerk-name", "''",
  NULL, NULL,
};

typedef struct
{
  GSettings  *settings;   /* NULL without the schema */
  GHashTable *session;    /* key → GVariant, without the schema */
} Settings;

static Settings *
settings_get (void)
{
  static Settings settings;
  static gsize looked_up;

  if (g_once_init_enter (&looked_up))
    {
      Settings *found = &settings;
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

      if (schema != NULL)
        found->settings = g_settings_new_full (schema, NULL, NULL);
      else
        {
          found->session = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_variant_unref);
          /* g_variant_parse() gives a reference of our own, not a floating one: no ref_sink. */
          for (guint i = 0; session_defaults[i] != NULL; i += 2)
            g_hash_table_insert (found->session, (gpointer) session_defaults[i],
                                 g_variant_parse (NULL, session_defaults[i + 1], NULL, NULL, NULL));
          /* Not a warning: nothing is wrong with what the clerk does, and the program goes on. */
          g_printerr (_("fazhi: the settings schema “%s” is not installed; the window’s size and last "
                        "page are kept for this session only\n"),
                      APP_ID);
        }

      g_once_init_leave (&looked_up, 1);
    }

  return &settings;
}

GVariant *
fazhi_settings_get_value (const char *key)
{
  Settings *settings = settings_get ();
  GVariant *value;

  if (settings->settings != NULL)
    return g_settings_get_value (settings->settings, key);

  value = g_hash_table_lookup (settings->session, key);
  g_return_val_if_fail (value != NULL, NULL);
  return g_variant_ref (value);
}

void
fazhi_settings_set_value (const char *key,
                          GVariant   *value)
{
  Settings *settings = settings_get ();
  GVariant *old;
  g_autoptr(GVariant) sunk = g_variant_ref_sink (value);

  if (settings->settings != NULL)
    {
      g_settings_set_value (settings->settings, key, sunk);
      return;
    }

  old = g_hash_table_lookup (settings->session, key);
  g_return_if_fail (old != NULL);
  g_return_if_fail (g_variant_is_of_type (sunk, g_variant_get_type (old)));
  g_hash_table_insert (settings->session, (gpointer) g_intern_string (key), g_variant_ref (sunk));
}

int
fazhi_settings_get_int (const char *key)
{
  g_autoptr(GVariant) value = fazhi_settings_get_value (key);

  return value != NULL ? g_variant_get_int32 (value) : 0;
}

void
fazhi_settings_set_int (const char *key,
                        int         value)
{
  fazhi_settings_set_value (key, g_variant_new_int32 (value));
}

gboolean
fazhi_settings_get_boolean (const char *key)
{
  g_autoptr(GVariant) value = fazhi_settings_get_value (key);

  return value != NULL && g_variant_get_boolean (value);
}

void
fazhi_settings_set_boolean (const char *key,
                            gboolean    value)
{
  fazhi_settings_set_value (key, g_variant_new_boolean (value));
}

char *
fazhi_settings_get_string (const char *key)
{
  g_autoptr(GVariant) value = fazhi_settings_get_value (key);

  return value != NULL ? g_variant_dup_string (value, NULL) : g_strdup ("");
}

void
fazhi_settings_set_string (const char *key,
                           const char *value)
{
  fazhi_settings_set_value (key, g_variant_new_string (value));
}

gboolean
fazhi_settings_are_kept (void)
{
  return settings_get ()->settings != NULL;
}

const char * const *
fazhi_settings_session_defaults (void)
{
  return session_defaults;
}
