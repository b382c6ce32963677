/* fazhi-csv.h — CSV as Excel and WPS write it: RFC 4180, UTF-8 (with or without BOM) or GB18030,
 * and Excel's "Unicode text" (UTF-16 with a BOM, tab-separated) */
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
  guint   line;      /* the line of the file the row starts on, 1-based */
  guint   n_fields;
  GStrv   fields;
} FazhiCsvRow;

typedef struct _FazhiCsvReader FazhiCsvReader;

GQuark      fazhi_csv_error_quark   (void);

/* Takes @data (NUL-terminated, as g_file_get_contents() gives it) and returns it as UTF-8
 * without a BOM: its conversion when it is UTF-16 with a BOM, itself when it is UTF-8, else its
 * conversion when it is GB18030, else NULL and an error. */
char       *fazhi_csv_decode        (char        *data,
                                     gsize        length,
                                     const char  *filename,
                                     GError     **error);
/* Splits UTF-8 text into rows (GPtrArray of FazhiCsvRow*, free with fazhi_csv_rows_free); blank
 * lines are skipped. Errors name @filename and the line. */
GPtrArray  *fazhi_csv_parse         (const char  *text,
                                     const char  *filename,
                                     GError     **error);
void        fazhi_csv_rows_free     (GPtrArray   *rows);

/* Reads UTF-8 @text (a BOM is skipped) one row at a time; @text must outlive the reader. */
FazhiCsvReader    *fazhi_csv_reader_new          (const char      *text,
                                                  const char      *filename);
/* Splits fields at @separator instead of commas: '\t' for tab-separated text, as Excel saves
 * "Unicode text" and "Text (Tab delimited)". Quoting is the same. */
void               fazhi_csv_reader_set_separator (FazhiCsvReader *reader,
                                                   char            separator);
/* The next row, valid until the next call; NULL at the end, or on an error (@error set). A
 * text without any row is an error, FAZHI_CSV_ERROR_EMPTY. Blank lines are skipped. */
const FazhiCsvRow *fazhi_csv_reader_next         (FazhiCsvReader  *reader,
                                                  GError         **error);
/* How far into the text the reader has read, from 0 to 1. */
double             fazhi_csv_reader_get_fraction (FazhiCsvReader  *reader);
void               fazhi_csv_reader_free         (FazhiCsvReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FazhiCsvReader, fazhi_csv_reader_free)

/* Appends one field, quoted when it holds a comma, a quote or a line break. */
void        fazhi_csv_append_field  (GString     *line,
                                     const char  *field);

G_END_DECLS
