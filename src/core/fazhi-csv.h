/* fazhi-csv.h — CSV as Excel and WPS write it: RFC 4180, UTF-8 (with or without BOM) or GB18030 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FAZHI_CSV_ERROR (fazhi_csv_error_quark ())

typedef enum
{
  FAZHI_CSV_ERROR_ENCODING,  /* neither UTF-8 nor GB18030 */
  FAZHI_CSV_ERROR_SYNTAX,    /* e.g. a quote that is never closed */
  FAZHI_CSV_ERROR_EMPTY,
} FazhiCsvError;

typedef struct
{
  guint   line;    /* the line of the file the row starts on, 1-based */
  GStrv   fields;
} FazhiCsvRow;

GQuark      fazhi_csv_error_quark   (void);

/* Decodes @data (BOM or not) to UTF-8: UTF-8 when valid, else GB18030 when valid, else an error. */
char       *fazhi_csv_decode        (const char  *data,
                                     gsize        length,
                                     const char  *filename,
                                     GError     **error);
/* Splits UTF-8 text into rows (GPtrArray of FazhiCsvRow*, free with fazhi_csv_rows_free); blank
 * lines are skipped. Errors name @filename and the line. */
GPtrArray  *fazhi_csv_parse         (const char  *text,
                                     const char  *filename,
                                     GError     **error);
void        fazhi_csv_rows_free     (GPtrArray   *rows);

/* Appends one field, quoted when it holds a comma, a quote or a line break. */
void        fazhi_csv_append_field  (GString     *line,
                                     const char  *field);

G_END_DECLS
