/* fazhi-record.h — one record of a ledger, as an object the window can bind to
 *
 * Each field is a string property named after its key ("received-on"). A record holds the
 * text as the clerk typed it, which may not be valid yet (a date such as 2023-02-30 must survive
 * until it is corrected), and fazhi_record_validate() says whether it is. The subclasses
 * (FazhiCase, FazhiTraining …) only tie the class to its ledger description.
 */
#pragma once

#include <glib-object.h>

#include "fazhi-ledger.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_RECORD (fazhi_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (FazhiRecord, fazhi_record, FAZHI, RECORD, GObject)

struct _FazhiRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  const FazhiLedger *ledger;
  guint              first_field_prop;
  GParamSpec       **field_props;
};

FazhiRecord        *fazhi_record_new               (FazhiLedgerId   ledger);
const FazhiLedger  *fazhi_record_get_ledger        (FazhiRecord    *self);
gint64              fazhi_record_get_id            (FazhiRecord    *self);
void                fazhi_record_set_id            (FazhiRecord    *self,
                                                    gint64          id);
const char         *fazhi_record_get_uuid          (FazhiRecord    *self);
void                fazhi_record_set_uuid          (FazhiRecord    *self,
                                                    const char     *uuid);
const char         *fazhi_record_get_created_at    (FazhiRecord    *self);
const char         *fazhi_record_get_updated_at    (FazhiRecord    *self);
void                fazhi_record_set_timestamps    (FazhiRecord    *self,
                                                    const char     *created_at,
                                                    const char     *updated_at);
const char         *fazhi_record_get               (FazhiRecord    *self,
                                                    const char     *key);
void                fazhi_record_set               (FazhiRecord    *self,
                                                    const char     *key,
                                                    const char     *value);
const char * const *fazhi_record_get_values        (FazhiRecord    *self);
void                fazhi_record_set_values        (FazhiRecord    *self,
                                                    const char * const *values);
FazhiRecord        *fazhi_record_copy              (FazhiRecord    *self);
GPtrArray          *fazhi_record_validate          (FazhiRecord    *self,
                                                    char         ***normalized);

void                fazhi_record_class_set_ledger  (FazhiRecordClass *klass,
                                                    FazhiLedgerId     ledger);

#define FAZHI_TYPE_CASE (fazhi_case_get_type ())
G_DECLARE_FINAL_TYPE (FazhiCase, fazhi_case, FAZHI, CASE, FazhiRecord)
#define FAZHI_TYPE_TRAINING (fazhi_training_get_type ())
G_DECLARE_FINAL_TYPE (FazhiTraining, fazhi_training, FAZHI, TRAINING, FazhiRecord)
#define FAZHI_TYPE_OUTREACH (fazhi_outreach_get_type ())
G_DECLARE_FINAL_TYPE (FazhiOutreach, fazhi_outreach, FAZHI, OUTREACH, FazhiRecord)
#define FAZHI_TYPE_ELECTION (fazhi_election_get_type ())
G_DECLARE_FINAL_TYPE (FazhiElection, fazhi_election, FAZHI, ELECTION, FazhiRecord)
#define FAZHI_TYPE_COMPOUND (fazhi_compound_get_type ())
G_DECLARE_FINAL_TYPE (FazhiCompound, fazhi_compound, FAZHI, COMPOUND, FazhiRecord)
#define FAZHI_TYPE_COMMUNITY (fazhi_community_get_type ())
G_DECLARE_FINAL_TYPE (FazhiCommunity, fazhi_community, FAZHI, COMMUNITY, FazhiRecord)

G_END_DECLS
