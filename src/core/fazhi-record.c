/* fazhi-record.c — one record of a ledger, with a string property per field */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <string.h>

#include "fazhi-record.h"
#include "fazhi-validate.h"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *created_at;
  char   *updated_at;
  char  **values;  /* one per field of the ledger; NULL when empty */
} FazhiRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FazhiRecord, fazhi_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76, after the floor. */
static gboolean
replace_string (char       **target,
                const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;

  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

static const FazhiLedger *
ledger_of (FazhiRecord *self)
{
  return FAZHI_RECORD_GET_CLASS (self)->ledger;
}

static FazhiRecordPrivate *
private_of (FazhiRecord *self)
{
  FazhiRecordPrivate *priv = fazhi_record_get_instance_private (self);

  /* The ledger is only known once the subclass is, so the values are made on first use. */
  if (priv->values == NULL)
    priv->values = fazhi_values_new (ledger_of (self));

  return priv;
}

static void
fazhi_record_finalize (GObject *object)
{
  FazhiRecord *self = FAZHI_RECORD (object);
  FazhiRecordPrivate *priv = fazhi_record_get_instance_private (self);

  fazhi_values_free (ledger_of (self), priv->values);
  g_free (priv->uuid);
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (fazhi_record_parent_class)->finalize (object);
}

static void
fazhi_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FazhiRecord *self = FAZHI_RECORD (object);
  FazhiRecordPrivate *priv = private_of (self);
  guint first_field = FAZHI_RECORD_GET_CLASS (self)->first_field_prop;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    default:
      if (first_field != 0 && prop_id >= first_field && prop_id - first_field < ledger_of (self)->n_fields)
        g_value_set_string (value, priv->values[prop_id - first_field]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fazhi_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FazhiRecord *self = FAZHI_RECORD (object);
  guint first_field = FAZHI_RECORD_GET_CLASS (self)->first_field_prop;

  switch (prop_id)
    {
    case PROP_ID:
      fazhi_record_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_UUID:
      fazhi_record_set_uuid (self, g_value_get_string (value));
      break;
    default:
      if (first_field != 0 && prop_id >= first_field && prop_id - first_field < ledger_of (self)->n_fields)
        fazhi_record_set (self, ledger_of (self)->fields[prop_id - first_field].key,
                          g_value_get_string (value));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fazhi_record_class_init (FazhiRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fazhi_record_finalize;
  object_class->get_property = fazhi_record_get_property;
  object_class->set_property = fazhi_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fazhi_record_init (FazhiRecord *self)
{
}

/* Installs one string property per field of the ledger on a subclass. */
void
fazhi_record_class_set_ledger (FazhiRecordClass *klass,
                               FazhiLedgerId     ledger_id)
{
  const FazhiLedger *ledger = fazhi_ledger_get (ledger_id);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Set again on the subclass: GObject looks the accessors up on the class that owns a property. */
  object_class->get_property = fazhi_record_get_property;
  object_class->set_property = fazhi_record_set_property;
  klass->ledger = ledger;
  klass->first_field_prop = N_PROPS;
  klass->field_props = g_new0 (GParamSpec *, ledger->n_fields);

  for (guint i = 0; i < ledger->n_fields; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (ledger->fields[i].key), "_", '-');

      klass->field_props[i] =
        g_param_spec_string (g_intern_string (name), NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      g_object_class_install_property (object_class, N_PROPS + i, klass->field_props[i]);
    }
}

FazhiRecord *
fazhi_record_new (FazhiLedgerId ledger)
{
  GType types[FAZHI_N_LEDGERS] = {
    [FAZHI_LEDGER_CASES] = FAZHI_TYPE_CASE,
    [FAZHI_LEDGER_TRAININGS] = FAZHI_TYPE_TRAINING,
    [FAZHI_LEDGER_OUTREACH] = FAZHI_TYPE_OUTREACH,
    [FAZHI_LEDGER_ELECTIONS] = FAZHI_TYPE_ELECTION,
    [FAZHI_LEDGER_COMPOUNDS] = FAZHI_TYPE_COMPOUND,
    [FAZHI_LEDGER_COMMUNITIES] = FAZHI_TYPE_COMMUNITY,
  };

  g_return_val_if_fail (ledger < FAZHI_N_LEDGERS, NULL);

  return g_object_new (types[ledger], NULL);
}

const FazhiLedger *
fazhi_record_get_ledger (FazhiRecord *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  return ledger_of (self);
}

gint64
fazhi_record_get_id (FazhiRecord *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD (self), 0);

  return private_of (self)->id;
}

void
fazhi_record_set_id (FazhiRecord *self,
                     gint64       id)
{
  FazhiRecordPrivate *priv;

  g_return_if_fail (FAZHI_IS_RECORD (self));

  priv = private_of (self);
  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
fazhi_record_get_uuid (FazhiRecord *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  return private_of (self)->uuid;
}

void
fazhi_record_set_uuid (FazhiRecord *self,
                       const char  *uuid)
{
  g_return_if_fail (FAZHI_IS_RECORD (self));

  if (replace_string (&private_of (self)->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
fazhi_record_get_created_at (FazhiRecord *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  return private_of (self)->created_at;
}

const char *
fazhi_record_get_updated_at (FazhiRecord *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  return private_of (self)->updated_at;
}

void
fazhi_record_set_timestamps (FazhiRecord *self,
                             const char  *created_at,
                             const char  *updated_at)
{
  FazhiRecordPrivate *priv;

  g_return_if_fail (FAZHI_IS_RECORD (self));

  priv = private_of (self);
  if (replace_string (&priv->created_at, created_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
  if (replace_string (&priv->updated_at, updated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const char *
fazhi_record_get (FazhiRecord *self,
                  const char  *key)
{
  int index;

  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  index = fazhi_ledger_field_index (ledger_of (self), key);
  g_return_val_if_fail (index >= 0, NULL);

  return private_of (self)->values[index];
}

/* Empty text is no value. */
void
fazhi_record_set (FazhiRecord *self,
                  const char  *key,
                  const char  *value)
{
  FazhiRecordPrivate *priv;
  int index;

  g_return_if_fail (FAZHI_IS_RECORD (self));

  index = fazhi_ledger_field_index (ledger_of (self), key);
  g_return_if_fail (index >= 0);

  if (value != NULL && value[0] == '\0')
    value = NULL;

  priv = private_of (self);
  if (replace_string (&priv->values[index], value))
    g_object_notify_by_pspec (G_OBJECT (self), FAZHI_RECORD_GET_CLASS (self)->field_props[index]);
}

void
fazhi_record_set_values (FazhiRecord        *self,
                         const char * const *values)
{
  const FazhiLedger *ledger;

  g_return_if_fail (FAZHI_IS_RECORD (self));

  ledger = ledger_of (self);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < ledger->n_fields; i++)
    fazhi_record_set (self, ledger->fields[i].key, values[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char * const *
fazhi_record_get_values (FazhiRecord *self)
{
  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  return (const char * const *) private_of (self)->values;
}

FazhiRecord *
fazhi_record_copy (FazhiRecord *self)
{
  FazhiRecordPrivate *priv;
  FazhiRecord *copy;

  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  priv = private_of (self);
  copy = fazhi_record_new (ledger_of (self)->id);
  fazhi_record_set_id (copy, priv->id);
  fazhi_record_set_uuid (copy, priv->uuid);
  fazhi_record_set_timestamps (copy, priv->created_at, priv->updated_at);
  fazhi_record_set_values (copy, (const char * const *) priv->values);

  return copy;
}

GPtrArray *
fazhi_record_validate (FazhiRecord   *self,
                       char        ***normalized)
{
  g_return_val_if_fail (FAZHI_IS_RECORD (self), NULL);

  return fazhi_validate (ledger_of (self), fazhi_record_get_values (self), NULL, normalized);
}

/* The record types: each one only ties its class to a ledger description. */
#define DEFINE_RECORD_TYPE(TypeName, type_name, LEDGER)                     \
  struct _##TypeName { FazhiRecord parent_instance; };                      \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, FAZHI_TYPE_RECORD)              \
  static void type_name##_class_init (TypeName##Class *klass)               \
  {                                                                         \
    fazhi_record_class_set_ledger (FAZHI_RECORD_CLASS (klass), LEDGER);     \
  }                                                                         \
  static void type_name##_init (TypeName *self) { }

DEFINE_RECORD_TYPE (FazhiCase, fazhi_case, FAZHI_LEDGER_CASES)
DEFINE_RECORD_TYPE (FazhiTraining, fazhi_training, FAZHI_LEDGER_TRAININGS)
DEFINE_RECORD_TYPE (FazhiOutreach, fazhi_outreach, FAZHI_LEDGER_OUTREACH)
DEFINE_RECORD_TYPE (FazhiElection, fazhi_election, FAZHI_LEDGER_ELECTIONS)
DEFINE_RECORD_TYPE (FazhiCompound, fazhi_compound, FAZHI_LEDGER_COMPOUNDS)
DEFINE_RECORD_TYPE (FazhiCommunity, fazhi_community, FAZHI_LEDGER_COMMUNITIES)
