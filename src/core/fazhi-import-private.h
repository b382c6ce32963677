/* fazhi-import-private.h — what preparing an import (fazhi-import-sheet.c), checking its rows
 * (fazhi-import-row.c) and running it (fazhi-import.c) share
 */
#pragma once

#include "fazhi-import.h"
#include "fazhi-validate.h"

G_BEGIN_DECLS

/* A column that holds the records' uuids (as a sheet exported by another copy may): not a
 * field, but what tells a record apart first. */
#define FAZHI_IMPORT_UUID_COLUMN (-2)

struct _FazhiImport
{
  const FazhiLedger  *ledger;
  FazhiWorkbook      *workbook;
  guint               sheet;
  guint               header_row;    /* as WPS numbers it */
  gboolean            has_header;
  guint               header_fields; /* how many fields the header names */
  guint               units_row;     /* a row of units under the header, passed over; or 0 */
  GPtrArray          *headers;       /* char *, per column: the header cell as written */
  GArray             *column_field;  /* int per column: a field, -1 (ignored) or the uuid column */
  char              **fixed;         /* per field: the value every row gets, or NULL */
  const char        **names;         /* per field: how messages name it (its column's header) */
  gboolean            update;
  GPtrArray          *notes;         /* char *: what choosing the header and the columns noticed */
};

typedef enum
{
  FAZHI_IMPORT_ROW_DATA,
  FAZHI_IMPORT_ROW_SKIPPED,  /* above or at the header, or the units row */
  FAZHI_IMPORT_ROW_TOTAL,    /* a 合计 / 总计 row */
} FazhiImportRowKind;

/* A row of the sheet, checked: its stored values and which of them the row gave (a cell that
 * was not blank, a fixed value, an inferred status), or its problems. */
typedef struct
{
  char      **values;    /* per field, then the uuid; NULL when the row has problems */
  guint64     given;     /* bit per field */
  GPtrArray  *problems;  /* FazhiProblem */
  gboolean    masked;    /* a masked phone number was left out */
} FazhiImportCheck;

/* Whether the text of a cell, without spaces, brackets or colons, is one of @words. */
gboolean            fazhi_import_word_among     (const char           *text,
                                                 const char *const    *words);
FazhiImportRowKind  fazhi_import_row_kind       (FazhiImport          *import,
                                                 const FazhiSheetRow  *row);
/* Checks @row; @input is scratch space of n_fields + 1 pointers. Returns FALSE when the row
 * holds nothing that goes into a field (then @check is left empty). */
gboolean            fazhi_import_check_row      (FazhiImport          *import,
                                                 const FazhiSheetRow  *row,
                                                 const char          **input,
                                                 FazhiImportCheck     *check);
void                fazhi_import_check_clear    (FazhiImport          *import,
                                                 FazhiImportCheck     *check);
/* The problems of the sheet as a whole (a required column missing, two columns for one field). */
GPtrArray          *fazhi_import_sheet_problems (FazhiImport          *import);
/* "台账.xlsx, sheet “调解”, row 17: message", or "台账.csv:17: message" for a text file;
 * @row 0 for the sheet as a whole. */
char               *fazhi_import_describe       (FazhiImport          *import,
                                                 guint                 row,
                                                 const char           *message);

G_END_DECLS
