/* fazhi-import.h — bringing in the sheets an office already keeps, as clerks lay them out
 *
 * An import is prepared before it is run: the workbook is opened, a sheet chosen (the first
 * visible one), the header row found among the first rows (title rows above it and a units row
 * below it are passed over) and each column mapped to the field its header names. All of that
 * can be changed — another sheet or header row, a column mapped elsewhere or ignored, a fixed
 * value for a field the sheet has no column for — and looked at (a preview of the first rows as
 * they would be stored) before the import runs, dry or for real: all rows or none, in one
 * transaction.
 */
#pragma once

#include <gio/gio.h>

#include "fazhi-database.h"
#include "fazhi-transfer.h"
#include "fazhi-workbook.h"

G_BEGIN_DECLS

typedef struct
{
  guint  row;      /* the row as WPS shows it; 0 for the sheet as a whole */
  int    field;    /* the field it is about, or -1 */
  char  *message;  /* the problem, naming the column as the sheet heads it */
  char  *text;     /* where and what: "台账.xlsx, sheet “调解”, row 17: …" */
} FazhiImportProblem;

typedef struct
{
  gint64     added;          /* new records (a dry run: that would be added) */
  gint64     existing;       /* rows already in the ledger, left as they are */
  gint64     updated;        /* rows already in the ledger whose changed fields were updated */
  gint64     with_problems;  /* rows with at least one problem */
  GPtrArray *problems;       /* FazhiImportProblem, every one, in the order of the sheet */
  GPtrArray *notes;          /* char *: columns ignored, rows passed over (a 合计 row) */
} FazhiImportReport;

typedef struct
{
  guint   row;       /* as WPS shows it */
  char  **values;    /* per field of the ledger: what would be stored, or NULL */
  char   *problems;  /* what is wrong with the row, one problem a line, or NULL */
} FazhiImportPreviewRow;

typedef struct _FazhiImport FazhiImport;

FazhiImportReport *fazhi_import_report_new         (void);
void               fazhi_import_report_free        (FazhiImportReport *report);
void               fazhi_import_preview_row_free   (FazhiImportPreviewRow *row);

/* Opens @path (.xlsx, .xls, .csv or .txt, told apart by their content) for an import into
 * @ledger, with its default sheet, found header row and guessed mapping. */
FazhiImport       *fazhi_import_new                (FazhiLedgerId       ledger,
                                                    const char         *path,
                                                    GError            **error);
void               fazhi_import_free               (FazhiImport        *import);
FazhiLedgerId      fazhi_import_get_ledger         (FazhiImport        *import);
FazhiWorkbook     *fazhi_import_get_workbook       (FazhiImport        *import);

guint              fazhi_import_get_sheet          (FazhiImport        *import);
/* Another sheet: its header row is looked for again and its columns mapped afresh. */
gboolean           fazhi_import_set_sheet          (FazhiImport        *import,
                                                    guint               sheet,
                                                    GError            **error);
/* The header row as WPS numbers it, and whether it was found (or set) rather than assumed. */
guint              fazhi_import_get_header_row     (FazhiImport        *import);
gboolean           fazhi_import_has_header         (FazhiImport        *import);
gboolean           fazhi_import_set_header_row     (FazhiImport        *import,
                                                    guint               row,
                                                    GError            **error);

guint              fazhi_import_get_n_columns      (FazhiImport        *import);
/* The header cell of @column as written ("" when it has none). */
const char        *fazhi_import_get_column_header  (FazhiImport        *import,
                                                    guint               column);
/* The field @column goes into, or -1 when it is ignored. */
int                fazhi_import_get_column_field   (FazhiImport        *import,
                                                    guint               column);
void               fazhi_import_set_column_field   (FazhiImport        *import,
                                                    guint               column,
                                                    int                 field);
/* --map 'HEADER=field': the column headed @header goes into the field @field names (its key,
 * label or name); "" or "-" ignores the column. */
gboolean           fazhi_import_map_header         (FazhiImport        *import,
                                                    const char         *header,
                                                    const char         *field,
                                                    GError            **error);
/* --set field=value: every row gets @value in @field (NULL: no fixed value), in place of any
 * column that goes into it. The value is checked as a cell would be. */
gboolean           fazhi_import_set_fixed          (FazhiImport        *import,
                                                    const char         *field,
                                                    const char         *value,
                                                    GError            **error);
const char        *fazhi_import_get_fixed          (FazhiImport        *import,
                                                    int                 field);
/* Whether rows already in the ledger update their changed fields (--update). */
void               fazhi_import_set_update         (FazhiImport        *import,
                                                    gboolean            update);

/* What choosing the sheet, the header and the mapping noticed: columns ignored, rows skipped. */
GPtrArray         *fazhi_import_get_notes          (FazhiImport        *import);

/* The first @n_rows rows under the header as they would be stored (FazhiImportPreviewRow):
 * only they are read, whatever the size of the sheet. */
GPtrArray         *fazhi_import_preview            (FazhiImport        *import,
                                                    guint               n_rows,
                                                    GError            **error);

/* Runs the import into @database: every row is checked, rows already in the ledger (the same
 * 编号 or uuid where the sheet has them, else the same deciding date, subject and parties) are
 * not added again, and the new ones are written in one transaction — or, with @dry_run, nothing
 * is written. @report (may be NULL) gets the counts, every problem and the notes. Returns the
 * records added and updated (that would be, for a dry run), or -1 with @error set: the first
 * problems, a failure of the database, or G_IO_ERROR_CANCELLED; then nothing was written. */
gint64             fazhi_import_run                (FazhiImport        *import,
                                                    FazhiDatabase      *database,
                                                    gboolean            dry_run,
                                                    FazhiImportReport  *report,
                                                    FazhiProgressFunc   progress,
                                                    gpointer            user_data,
                                                    GCancellable       *cancellable,
                                                    GError            **error);

/* The mapping (columns and fixed values) is remembered per ledger and header, in the database,
 * and offered again for a sheet with the same header. */
gboolean           fazhi_import_remember_mapping   (FazhiImport        *import,
                                                    FazhiDatabase      *database,
                                                    GError            **error);
gboolean           fazhi_import_recall_mapping     (FazhiImport        *import,
                                                    FazhiDatabase      *database);

/* All at once, as the window's drop and the tests do it: opens, runs, frees. @notes (may be
 * NULL) gets the notes. */
gint64             fazhi_import_file               (FazhiDatabase      *database,
                                                    FazhiLedgerId       ledger,
                                                    const char         *path,
                                                    GPtrArray          *notes,
                                                    FazhiProgressFunc   progress,
                                                    gpointer            user_data,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiImport, fazhi_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiImportReport, fazhi_import_report_free)

G_END_DECLS
