/* fazhi-record-history.h — what the history says of one record: its changes, newest first */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"
#include "fazhi-record.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_RECORD_HISTORY (fazhi_record_history_get_type ())
G_DECLARE_FINAL_TYPE (FazhiRecordHistory, fazhi_record_history, FAZHI, RECORD_HISTORY, AdwBin)

/* Shows the history of @record (a stored one: it has an id and a uuid) as the database has it,
 * read again whenever the record changes. Its field lines offer to put an earlier value back:
 * the signal ::put-back (key, value) asks for it, the editor does it. */
FazhiRecordHistory *fazhi_record_history_new         (FazhiDatabase      *database,
                                                      FazhiRecord        *record);
void                fazhi_record_history_refresh     (FazhiRecordHistory *self);
/* How many changes it lists: for tests. */
guint               fazhi_record_history_get_n_changes (FazhiRecordHistory *self);

/* When a change was made (UTC, ISO 8601) as the window shows it: local time, to the minute. */
char               *fazhi_format_change_time         (const char         *at);

G_END_DECLS
