/* fazhi-store.h — reading and writing records, one transaction per change */
#pragma once

#include "fazhi-database.h"
#include "fazhi-record.h"

G_BEGIN_DECLS

/* Inserts rows of already validated, normalized values (see fazhi_validate()) into one ledger:
 * resolves community and compound names (creating those that are missing), numbers cases that
 * have no number, and fills election totals from the compound, leaving the caller's values as
 * they are. The caller owns the transaction; a writer serves many rows, which is what makes an
 * import of 100 000 rows fast. */
typedef struct _FazhiWriter FazhiWriter;

FazhiWriter  *fazhi_writer_new       (FazhiDatabase     *database,
                                      FazhiLedgerId      ledger,
                                      GError           **error);
gboolean      fazhi_writer_insert    (FazhiWriter        *writer,
                                      const char * const *values,
                                      const char         *uuid,
                                      gint64             *id,
                                      GError            **error);
/* The record of the ledger that @values (validated, normalized) are: the one with @uuid, else
 * the one with the same unique value (a case's 编号), else the one with the same identity (see
 * FazhiLedger.identity); 0 in @id when there is none. The records written so far count. */
gboolean      fazhi_writer_find      (FazhiWriter        *writer,
                                      const char * const *values,
                                      const char         *uuid,
                                      gint64             *id,
                                      GError            **error);
/* Updates record @id with @changes (per field: the new value, or NULL to keep what it has);
 * @n_changed gets how many fields differed, 0 leaving the record untouched. */
gboolean      fazhi_writer_merge     (FazhiWriter        *writer,
                                      gint64              id,
                                      const char * const *changes,
                                      guint              *n_changed,
                                      GError            **error);
/* The file the rows come from: each record inserted is one change "import" naming it. */
void          fazhi_writer_set_source (FazhiWriter      *writer,
                                       const char       *source);
void          fazhi_writer_free      (FazhiWriter       *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiWriter, fazhi_writer_free)

char         *fazhi_case_number      (const char        *prefix,
                                      const char        *kind,
                                      int                year,
                                      int                sequence);

gboolean      fazhi_store_compound_totals (FazhiDatabase *database,
                                           const char    *compound,
                                           char         **households,
                                           char         **area,
                                           GError       **error);

gboolean      fazhi_store_save       (FazhiDatabase     *database,
                                      FazhiRecord       *record,
                                      GError           **error);
FazhiRecord  *fazhi_store_load       (FazhiDatabase     *database,
                                      FazhiLedgerId      ledger,
                                      gint64             id,
                                      GError           **error);
gboolean      fazhi_store_revert_field (FazhiDatabase   *database,
                                        FazhiRecord     *record,
                                        const char      *key,
                                        const char      *value,
                                        GError         **error);
gboolean      fazhi_store_delete     (FazhiDatabase     *database,
                                      FazhiRecord       *record,
                                      GError           **error);
gboolean      fazhi_store_restore    (FazhiDatabase     *database,
                                      FazhiRecord       *record,
                                      GError           **error);

/* The SELECT list of a ledger's fields in the order of its description, after id, uuid,
 * created_at and updated_at, for the queries that read records (the list model, exports). */
const char   *fazhi_store_select_columns (FazhiLedgerId  ledger);
void          fazhi_store_read_row   (sqlite3_stmt      *statement,
                                      FazhiRecord       *record);
char         *fazhi_store_column_text (sqlite3_stmt     *statement,
                                       int               column,
                                       const FazhiField *field);

G_END_DECLS
