/* fazhi-workbook.h — the sheets of a file as clerks keep them: .xlsx, .xls, .csv and .txt
 *
 * A workbook is opened by its content, not its name: an Office Open XML zip (.xlsx, as Excel and
 * WPS save it) is read with libzip and expat, streamed; a BIFF8 compound file (.xls) with FreeXL;
 * anything else as text (UTF-8 with or without BOM, GB18030, or UTF-16 with a BOM as Excel's
 * "Unicode text" is; comma- or tab-separated). A sheet is then read one row at a time, so that a
 * sheet of 100 000 rows costs the memory of a few.
 *
 * Text is tab-separated when its first line has tabs and no commas, or when it is a .txt whose
 * first line has tabs or no commas; each field is a TEXT cell, its row the line it starts on.
 * Refused: WPS's own .et (WPS_FORMAT), a password (ENCRYPTED), a .xlsx/.xls name on other content
 * (NOT_A_WORKBOOK), a part of an .xlsx past 512 MiB (a sheet) or 64 MiB (the others) however its
 * zip declares it (TOO_LARGE), a file without any row (EMPTY).
 *
 * What an .xls gives less than an .xlsx: a time of day alone reads as text ("08:30:00"); a text
 * formula saved by LibreOffice has no result in the file (it reads 0); an Excel 95 (BIFF5) file
 * reads without formulas' results, merges and hidden sheets.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FAZHI_WORKBOOK_ERROR (fazhi_workbook_error_quark ())

typedef enum
{
  FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK, /* neither a workbook nor text, or not what its name says */
  FAZHI_WORKBOOK_ERROR_ENCRYPTED,      /* protected by a password */
  FAZHI_WORKBOOK_ERROR_WPS_FORMAT,     /* WPS's own .et: to be saved as .xlsx */
  FAZHI_WORKBOOK_ERROR_TOO_LARGE,      /* a part inflates beyond the bound (a zip bomb) */
  FAZHI_WORKBOOK_ERROR_CORRUPT,        /* a workbook whose parts cannot be read */
  FAZHI_WORKBOOK_ERROR_NO_SUCH_SHEET,
  FAZHI_WORKBOOK_ERROR_EMPTY,          /* no row with anything in it */
} FazhiWorkbookError;

typedef enum
{
  FAZHI_WORKBOOK_TEXT,
  FAZHI_WORKBOOK_XLSX,
  FAZHI_WORKBOOK_XLS,
} FazhiWorkbookFormat;

typedef enum
{
  FAZHI_CELL_EMPTY,
  FAZHI_CELL_TEXT,
  FAZHI_CELL_NUMBER,
  FAZHI_CELL_DATE,
  FAZHI_CELL_BOOLEAN,
} FazhiCellType;

typedef struct
{
  FazhiCellType  type;
  /* TEXT: as written (a shared or inline string, a formula's cached text, a text file's field);
   * NUMBER: its shortest decimal form ("1800", "0.5", "-3"); DATE: "YYYY-MM-DD" (a date-formatted
   * number, in the workbook's 1900 or 1904 date system; the time of day dropped); BOOLEAN: "TRUE"
   * or "FALSE"; EMPTY: "". Never NULL. */
  const char    *text;
} FazhiCell;

typedef struct
{
  guint            number;   /* the row as WPS and Excel number it (1-based); a text file's line */
  guint            n_cells;  /* up to the last cell that is not empty */
  const FazhiCell *cells;    /* by column: 0 is A */
} FazhiSheetRow;

typedef struct _FazhiWorkbook    FazhiWorkbook;
typedef struct _FazhiSheetReader FazhiSheetReader;

GQuark               fazhi_workbook_error_quark        (void);

/* Opens @path by its content. Errors name the file by its display name. */
FazhiWorkbook       *fazhi_workbook_open               (const char        *path,
                                                        GError           **error);
void                 fazhi_workbook_free               (FazhiWorkbook     *workbook);
FazhiWorkbookFormat  fazhi_workbook_get_format         (FazhiWorkbook     *workbook);
/* The file's display name (g_filename_display_basename()), for messages. */
const char          *fazhi_workbook_get_display_name   (FazhiWorkbook     *workbook);

/* A text file has one sheet, named after the file without its extension. */
guint                fazhi_workbook_get_n_sheets       (FazhiWorkbook     *workbook);
const char          *fazhi_workbook_get_sheet_name     (FazhiWorkbook     *workbook,
                                                        guint              sheet);
gboolean             fazhi_workbook_sheet_is_hidden    (FazhiWorkbook     *workbook,
                                                        guint              sheet);
/* The sheet read when none is chosen: the first that is not hidden. */
guint                fazhi_workbook_get_default_sheet  (FazhiWorkbook     *workbook);
/* The sheet named @name, or numbered @name (1-based, in the workbook's order); -1 and an error
 * that lists the sheets when there is none. */
int                  fazhi_workbook_find_sheet         (FazhiWorkbook     *workbook,
                                                        const char        *name,
                                                        GError           **error);

/* Reads @sheet from its first row. The reader holds what it needs of @workbook and may be used
 * in another thread than the one that opened it (one thread at a time); @workbook must outlive
 * it. Every cell of a merged range reads as its top-left cell, and a row that only a merge
 * fills is a row. An .xlsx sheet is gone over twice, first for its merges (which the file lists
 * after its rows): a damaged or too large sheet may be refused here rather than by
 * fazhi_sheet_reader_next(). */
FazhiSheetReader    *fazhi_workbook_read_sheet         (FazhiWorkbook     *workbook,
                                                        guint              sheet,
                                                        GError           **error);
/* The next row that has a cell that is not empty, valid until the next call; NULL at the end
 * (@error unset) or when the sheet cannot be read further (@error set). */
const FazhiSheetRow *fazhi_sheet_reader_next           (FazhiSheetReader  *reader,
                                                        GError           **error);
/* How far into the sheet the reader has read, from 0 to 1, never going back: the bytes of the
 * sheet's XML inflated (.xlsx), the rows (.xls), the text read (.csv, .txt). */
double               fazhi_sheet_reader_get_fraction   (FazhiSheetReader  *reader);
void                 fazhi_sheet_reader_free           (FazhiSheetReader  *reader);

/* "A", "B", … "Z", "AA": a column as the spreadsheet names it. */
char                *fazhi_column_name                 (guint              column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiWorkbook, fazhi_workbook_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiSheetReader, fazhi_sheet_reader_free)

G_END_DECLS
