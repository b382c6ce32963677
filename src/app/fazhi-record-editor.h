/* fazhi-record-editor.h — the form that adds or edits one record of any ledger */
#pragma once

#include <adwaita.h>

#include "fazhi-database.h"
#include "fazhi-record.h"

G_BEGIN_DECLS

#define FAZHI_TYPE_RECORD_EDITOR (fazhi_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (FazhiRecordEditor, fazhi_record_editor, FAZHI, RECORD_EDITOR, AdwWindow)

/* Edits @record (id 0 for a new one); the editor keeps its own copy until it is saved. */
FazhiRecordEditor *fazhi_record_editor_new          (FazhiDatabase     *database,
                                                     FazhiRecord       *record);
FazhiRecord       *fazhi_record_editor_get_record   (FazhiRecordEditor *self);
/* The row of a field (an AdwEntryRow, AdwComboRow or the steps row), and the message shown
 * under it ("" when the field is fine): for tests. */
GtkWidget         *fazhi_record_editor_get_row      (FazhiRecordEditor *self,
                                                     const char        *key);
const char        *fazhi_record_editor_get_problem  (FazhiRecordEditor *self,
                                                     const char        *key);
gboolean           fazhi_record_editor_can_save     (FazhiRecordEditor *self);
void               fazhi_record_editor_set_value    (FazhiRecordEditor *self,
                                                     const char        *key,
                                                     const char        *value);

G_END_DECLS
