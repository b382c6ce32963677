/* fazhi-xlsx-private.h — streaming the XML parts of an .xlsx, shared by fazhi-xlsx.c (the
 * workbook's own parts) and fazhi-xlsx-sheet.c (a sheet's rows)
 *
 * A part is inflated by zip_fread() a chunk at a time and fed to expat, so a sheet of any size
 * costs one chunk and expat's buffer. Every part is bounded: its declared size before it is
 * opened, the bytes actually inflated while it is read (the header may lie), the depth of its
 * elements and the bytes expat may buffer between two events (one huge tag or comment).
 */
#pragma once

#include <expat.h>
#include <zip.h>

#include "fazhi-workbook-private.h"

G_BEGIN_DECLS

/* What the workbook's own parts say, read once when it is opened and only read after that, so
 * that readers in other threads share it without locks. */
typedef struct
{
  GString *strings;         /* the shared strings, each ended by a NUL */
  GArray  *string_offsets;  /* guint32 per shared string: where it starts in strings */
  GArray  *date_styles;     /* guint8 per cell format (cellXfs): whether it shows a date */

  /* Each sheet's merges once a reader has gone over them (GArray of FazhiMerge without text,
   * NULL before): the assistant reads its preview again after every change, and the import
   * then, without inflating the sheet each time. Readers in other threads take the lock. */
  GMutex     merges_lock;
  GPtrArray *merges;
} FazhiXlsxBackend;

typedef struct _FazhiXlsxPart FazhiXlsxPart;

struct _FazhiXlsxPart
{
  FazhiWorkbook *workbook;
  char          *name;          /* the part, as messages name it */
  zip_file_t    *file;
  XML_Parser     parser;
  gpointer       data;          /* the handlers' own state */
  char          *buffer;
  guint64        size;          /* as the zip declares it */
  guint64        limit;
  guint64        inflated;      /* bytes read so far */
  guint64        at_last_event; /* inflated when a handler last ran */
  guint          depth;
  gboolean       suspended;     /* a handler paused the parser (a row is ready) */
  gboolean       input_done;    /* the last chunk has been fed */
  gboolean       finished;      /* nothing more to parse: the end, or a handler stopped it */
  GError        *error;         /* set by a handler */
};

/* Opens the part @name of @zip (NULL and an error when it is missing, too large or cannot be
 * read) with a parser whose user data is the part. */
FazhiXlsxPart *fazhi_xlsx_part_open       (FazhiWorkbook  *workbook,
                                           zip_t          *zip,
                                           const char     *name,
                                           guint64         limit,
                                           gpointer        data,
                                           GError        **error);
void           fazhi_xlsx_part_close      (FazhiXlsxPart  *part);
/* Parses on until a handler pauses it (fazhi_xlsx_part_pause) or one more chunk is parsed;
 * FALSE with @error set when the part is damaged or too large. */
gboolean       fazhi_xlsx_part_step       (FazhiXlsxPart  *part,
                                           GError        **error);
gboolean       fazhi_xlsx_part_parse_all  (FazhiXlsxPart  *part,
                                           GError        **error);
/* Inflates the part without parsing it up to the first tag whose local name is @local, and
 * parses from there (inside a root of its own); the part is finished when there is none. A '<'
 * in text or in an attribute's value is always escaped, so the bytes "<mergeCells" can only be
 * that tag: the merges listed after 100 000 rows are found at the cost of inflating them. */
gboolean       fazhi_xlsx_part_skip_to    (FazhiXlsxPart  *part,
                                           const char     *local,
                                           GError        **error);
/* For handlers: count an element in (FALSE, and the part stopped, when nesting is absurd) and
 * out, note that something happened, pause after this event, stop for good, or fail. */
gboolean       fazhi_xlsx_part_enter      (FazhiXlsxPart  *part);
void           fazhi_xlsx_part_leave      (FazhiXlsxPart  *part);
void           fazhi_xlsx_part_event      (FazhiXlsxPart  *part);
void           fazhi_xlsx_part_pause      (FazhiXlsxPart  *part);
void           fazhi_xlsx_part_stop       (FazhiXlsxPart  *part);
void           fazhi_xlsx_part_fail       (FazhiXlsxPart  *part,
                                           FazhiWorkbookError code,
                                           const char     *what);
/* An error about the part @part of @workbook: damaged (what is wrong) or too large (what it does). */
void           fazhi_xlsx_set_part_error  (GError        **error,
                                           FazhiWorkbook  *workbook,
                                           const char     *part,
                                           FazhiWorkbookError code,
                                           const char     *what);
/* Bytes inflated out of the part's declared size, 0..1. */
double         fazhi_xlsx_part_fraction   (FazhiXlsxPart  *part);

/* The local part of a name ("x:c" or "c"). */
const char    *fazhi_xlsx_local_name      (const char     *name);
/* The value of the attribute whose local name is @local, or NULL. */
const char    *fazhi_xlsx_attribute       (const char    **attributes,
                                           const char     *local);
/* Parses a cell reference ("B3", "$B$3", or "B" alone when @row is NULL): 0-based column,
 * 1-based row; FALSE when it is not one. *@end is set past it. */
gboolean       fazhi_xlsx_parse_reference (const char     *reference,
                                           guint          *column,
                                           guint          *row,
                                           const char    **end);
/* Turns the _xHHHH_ escapes of OOXML strings (a carriage return is _x000D_) back into text. */
void           fazhi_xlsx_unescape        (GString        *text);

G_END_DECLS
