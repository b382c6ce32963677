/* fazhi-xls-private.h — what FreeXL does not read from an .xls, read here
 *
 * FreeXL 1.0.6 reads an .xls's strings, numbers and dates, but skips formulas (their cached
 * results), merged ranges, booleans (it gives 1 and 0), whether a sheet is hidden, and cannot
 * open a file encrypted with RC4. fazhi-cfb.c takes the Workbook stream out of the compound file
 * and fazhi-xls-biff.c reads those records from it, so that an .xls reads as the same workbook
 * saved as .xlsx does.
 */
#pragma once

#include "fazhi-workbook-private.h"

G_BEGIN_DECLS

/* A compound file (OLE2, "Compound File Binary"): a FAT file system inside one file. */
typedef struct _FazhiCfb FazhiCfb;

/* NULL when @path is not a compound file this can follow (FreeXL may still read it). */
FazhiCfb *fazhi_cfb_open        (const char *path);
void      fazhi_cfb_free        (FazhiCfb   *cfb);
gboolean  fazhi_cfb_has_stream  (FazhiCfb   *cfb,
                                 const char *name);
/* The stream named @name (names compare without case), or NULL when it is missing or its
 * sectors cannot be followed. */
GBytes   *fazhi_cfb_read_stream (FazhiCfb   *cfb,
                                 const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiCfb, fazhi_cfb_free)

/* A cell whose value FreeXL does not give: a formula's cached result, a boolean, an error. */
typedef struct
{
  guint          row;      /* 1-based */
  guint          column;   /* 0-based */
  FazhiCellType  type;
  char          *text;
} FazhiXlsCell;

typedef struct
{
  guint first_row;     /* 1-based */
  guint last_row;
  guint first_column;  /* 0-based */
  guint last_column;
} FazhiXlsRange;

typedef struct
{
  gboolean  hidden;
  guint32   offset;    /* of the sheet's BOF in the Workbook stream */
  GArray   *cells;     /* FazhiXlsCell, by row then column */
  GArray   *merges;    /* FazhiXlsRange */
} FazhiXlsSheet;

typedef struct
{
  gboolean   encrypted;  /* a FILEPASS record: everything after it is encrypted */
  gboolean   date1904;
  GPtrArray *sheets;     /* FazhiXlsSheet *, in the workbook's order (FreeXL's too) */
} FazhiXlsExtras;

/* Reads the Workbook stream's records; NULL when it is not BIFF8 (BIFF5 and older are left to
 * FreeXL alone). */
FazhiXlsExtras *fazhi_xls_extras_read (GBytes         *stream);
void            fazhi_xls_extras_free (FazhiXlsExtras *extras);

G_END_DECLS
