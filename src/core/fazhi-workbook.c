/* fazhi-workbook.c — telling a file's format by its content, the text reader, and what the
 * formats share
 *
 * Clerks rename files, and WPS saves what it likes under what name it likes: the format is told
 * by the first bytes, and the name is only used to say something better when the content is not
 * what it claims (a .xlsx that is text, WPS's own .et).
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fazhi-csv.h"
#include "fazhi-workbook-private.h"

G_DEFINE_QUARK (fazhi-workbook-error-quark, fazhi_workbook_error)

static const guchar zip_magic[] = { 'P', 'K', 0x03, 0x04 };
static const guchar ole2_magic[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };

/* The workbook */

void
fazhi_workbook_add_sheet (FazhiWorkbook *workbook,
                          const char    *name,
                          gboolean       hidden,
                          const char    *part)
{
  FazhiSheetInfo info = { g_strdup (name), hidden, g_strdup (part) };

  g_array_append_val (workbook->sheets, info);
}

static void
clear_sheet_info (gpointer data)
{
  FazhiSheetInfo *info = data;

  g_free (info->name);
  g_free (info->part);
}

static FazhiWorkbook *
workbook_new (const char          *path,
              FazhiWorkbookFormat  format)
{
  FazhiWorkbook *workbook = g_new0 (FazhiWorkbook, 1);

  workbook->format = format;
  workbook->path = g_strdup (path);
  workbook->display_name = g_filename_display_basename (path);
  workbook->sheets = g_array_new (FALSE, FALSE, sizeof (FazhiSheetInfo));
  g_array_set_clear_func (workbook->sheets, clear_sheet_info);
  return workbook;
}

void
fazhi_workbook_free (FazhiWorkbook *workbook)
{
  if (workbook == NULL)
    return;

  if (workbook->backend_free != NULL)
    workbook->backend_free (workbook->backend);
  g_array_unref (workbook->sheets);
  g_free (workbook->display_name);
  g_free (workbook->path);
  g_free (workbook);
}

FazhiWorkbookFormat
fazhi_workbook_get_format (FazhiWorkbook *workbook)
{
  g_return_val_if_fail (workbook != NULL, FAZHI_WORKBOOK_TEXT);

  return workbook->format;
}

const char *
fazhi_workbook_get_display_name (FazhiWorkbook *workbook)
{
  g_return_val_if_fail (workbook != NULL, NULL);

  return workbook->display_name;
}

guint
fazhi_workbook_get_n_sheets (FazhiWorkbook *workbook)
{
  g_return_val_if_fail (workbook != NULL, 0);

  return workbook->sheets->len;
}

const char *
fazhi_workbook_get_sheet_name (FazhiWorkbook *workbook,
                               guint          sheet)
{
  g_return_val_if_fail (workbook != NULL, NULL);
  g_return_val_if_fail (sheet < workbook->sheets->len, NULL);

  return g_array_index (workbook->sheets, FazhiSheetInfo, sheet).name;
}

gboolean
fazhi_workbook_sheet_is_hidden (FazhiWorkbook *workbook,
                                guint          sheet)
{
  g_return_val_if_fail (workbook != NULL, FALSE);
  g_return_val_if_fail (sheet < workbook->sheets->len, FALSE);

  return g_array_index (workbook->sheets, FazhiSheetInfo, sheet).hidden;
}

guint
fazhi_workbook_get_default_sheet (FazhiWorkbook *workbook)
{
  g_return_val_if_fail (workbook != NULL, 0);

  for (guint i = 0; i < workbook->sheets->len; i++)
    if (!g_array_index (workbook->sheets, FazhiSheetInfo, i).hidden)
      return i;
  return 0;
}

int
fazhi_workbook_find_sheet (FazhiWorkbook  *workbook,
                           const char     *name,
                           GError        **error)
{
  g_autoptr(GString) names = NULL;
  g_autofree char *stripped = NULL;
  guint64 number = 0;

  g_return_val_if_fail (workbook != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < workbook->sheets->len; i++)
    if (strcmp (g_array_index (workbook->sheets, FazhiSheetInfo, i).name, name) == 0)
      return i;

  /* A name typed on a command line may carry blanks that the tab's name does not show. */
  stripped = g_strstrip (g_strdup (name));
  for (guint i = 0; i < workbook->sheets->len; i++)
    {
      const char *sheet_name = g_array_index (workbook->sheets, FazhiSheetInfo, i).name;
      g_autofree char *sheet = g_strstrip (g_strdup (sheet_name));

      if (strcmp (sheet, stripped) == 0)
        return i;
    }

  if (g_ascii_string_to_unsigned (stripped, 10, 1, workbook->sheets->len, &number, NULL))
    return (int) number - 1;

  names = g_string_new (NULL);
  for (guint i = 0; i < workbook->sheets->len; i++)
    {
      const FazhiSheetInfo *info = &g_array_index (workbook->sheets, FazhiSheetInfo, i);

      if (i > 0)
        g_string_append (names, _(", "));
      g_string_append_printf (names, info->hidden ? _("%u “%s” (hidden)") : _("%u “%s”"), i + 1, info->name);
    }
  g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_NO_SUCH_SHEET,
               _("%s has no sheet “%s”; give one of its sheets by name or number: %s"),
               workbook->display_name, name, names->str);
  return -1;
}

/* Text */

typedef struct
{
  char     *text;       /* the whole file as UTF-8 */
  gboolean  tabs;       /* tab-separated */
} TextBackend;

static void
text_backend_free (gpointer data)
{
  TextBackend *backend = data;

  g_free (backend->text);
  g_free (backend);
}

typedef struct
{
  FazhiSheetReader  parent;
  FazhiCsvReader   *csv;
} TextReader;

static const FazhiSheetRow *
text_reader_next (FazhiSheetReader  *reader,
                  GError           **error)
{
  TextReader *self = (TextReader *) reader;
  g_autoptr(GError) local_error = NULL;
  const FazhiCsvRow *row;

  for (;;)
    {
      const FazhiSheetRow *sheet_row;

      row = fazhi_csv_reader_next (self->csv, &local_error);
      if (row == NULL)
        break;

      fazhi_row_builder_begin (&reader->builder, row->line);
      for (guint i = 0; i < row->n_fields && i < FAZHI_WORKBOOK_MAX_COLUMNS; i++)
        fazhi_row_builder_set (&reader->builder, i, FAZHI_CELL_TEXT, row->fields[i], -1);
      /* A line of separators alone ("，，，" as Excel writes below a table) has nothing in it. */
      sheet_row = fazhi_row_builder_finish (&reader->builder);
      if (sheet_row != NULL)
        return sheet_row;
    }

  /* A text without rows has already been refused when it was opened. */
  if (local_error != NULL && !g_error_matches (local_error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_EMPTY))
    g_set_error_literal (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT, local_error->message);
  return NULL;
}

static double
text_reader_get_fraction (FazhiSheetReader *reader)
{
  return fazhi_csv_reader_get_fraction (((TextReader *) reader)->csv);
}

static void
text_reader_finalize (FazhiSheetReader *reader)
{
  g_clear_pointer (&((TextReader *) reader)->csv, fazhi_csv_reader_free);
}

static const FazhiSheetReaderFuncs text_reader_funcs = {
  text_reader_next,
  text_reader_get_fraction,
  text_reader_finalize,
};

static FazhiSheetReader *
text_read_sheet (FazhiWorkbook *workbook)
{
  TextBackend *backend = workbook->backend;
  TextReader *reader = fazhi_sheet_reader_alloc (sizeof (TextReader), &text_reader_funcs, workbook);

  reader->csv = fazhi_csv_reader_new (backend->text, workbook->display_name);
  if (backend->tabs)
    fazhi_csv_reader_set_separator (reader->csv, '\t');
  return &reader->parent;
}

/* Tab-separated when the first line has tabs and no commas; a .txt (what Excel saves "Unicode
 * text" and "Text (Tab delimited)" as) unless its first line has commas and no tabs. */
static gboolean
text_is_tab_separated (const char *text,
                       const char *path)
{
  gsize first_line = strcspn (text, "\r\n");
  gboolean tabs = memchr (text, '\t', first_line) != NULL;
  gboolean commas = memchr (text, ',', first_line) != NULL;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".txt"))
    return tabs || !commas;
  return tabs && !commas;
}

static gboolean
text_open (FazhiWorkbook  *workbook,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(FazhiCsvReader) probe = NULL;
  TextBackend *backend;
  char *dot;
  gsize length = 0;

  if (!g_file_get_contents (workbook->path, &data, &length, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code, _("%s cannot be read: %s"),
                   workbook->display_name, local_error->message);
      return FALSE;
    }

  backend = g_new0 (TextBackend, 1);
  workbook->backend = backend;
  workbook->backend_free = text_backend_free;
  backend->text = fazhi_csv_decode (g_steal_pointer (&data), length, workbook->display_name, &local_error);
  if (backend->text == NULL)
    {
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK,
                   _("%s is neither a workbook nor text in UTF-8, GB18030 or UTF-16: open it in "
                     "Excel or WPS and save it as .xlsx or as CSV"),
                   workbook->display_name);
      return FALSE;
    }
  backend->tabs = text_is_tab_separated (backend->text, workbook->path);

  /* A file with nothing in it is said to be so now, rather than as a sheet without rows. */
  probe = fazhi_csv_reader_new (backend->text, workbook->display_name);
  if (backend->tabs)
    fazhi_csv_reader_set_separator (probe, '\t');
  if (fazhi_csv_reader_next (probe, &local_error) == NULL
      && g_error_matches (local_error, FAZHI_CSV_ERROR, FAZHI_CSV_ERROR_EMPTY))
    {
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_EMPTY, _("%s is empty"),
                   workbook->display_name);
      return FALSE;
    }

  name = g_strdup (workbook->display_name);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot = '\0';
  fazhi_workbook_add_sheet (workbook, name, FALSE, NULL);
  return TRUE;
}

/* Opening */

static gboolean
has_extension (const char *path,
               const char *extension)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, extension);
}

FazhiWorkbook *
fazhi_workbook_open (const char  *path,
                     GError     **error)
{
  g_autoptr(FazhiWorkbook) workbook = NULL;
  g_autofree char *display_name = NULL;
  guchar head[8] = { 0 };
  size_t head_length = 0;
  FILE *file;
  gboolean opened;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_basename (path);
  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), _("%s cannot be opened: %s"),
                   display_name, g_strerror (saved_errno));
      return NULL;
    }
  head_length = fread (head, 1, sizeof head, file);
  fclose (file);

  if (head_length >= sizeof zip_magic && memcmp (head, zip_magic, sizeof zip_magic) == 0)
    {
      workbook = workbook_new (path, FAZHI_WORKBOOK_XLSX);
      opened = fazhi_xlsx_open (workbook, error);
    }
  else if (has_extension (path, ".et"))
    {
      /* An .et is WPS's own compound file, which no other program reads. */
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_WPS_FORMAT,
                   _("%s is in WPS's own format (.et): open it in WPS, choose 另存为 (Save As) and "
                     "save it as an Excel workbook (.xlsx), then import that"),
                   display_name);
      return NULL;
    }
  else if (head_length == sizeof ole2_magic && memcmp (head, ole2_magic, sizeof ole2_magic) == 0)
    {
      /* An .xls, or an encrypted .xlsx (fazhi-xls.c tells them apart). */
      workbook = workbook_new (path, FAZHI_WORKBOOK_XLS);
      opened = fazhi_xls_open (workbook, error);
    }
  else if (has_extension (path, ".xlsx") || has_extension (path, ".xlsm") || has_extension (path, ".xls"))
    {
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK,
                   _("%s is not an Excel workbook, whatever its name says: open it in the program that "
                     "made it and save it as .xlsx or as CSV"),
                   display_name);
      return NULL;
    }
  else
    {
      workbook = workbook_new (path, FAZHI_WORKBOOK_TEXT);
      opened = text_open (workbook, error);
    }

  if (!opened)
    return NULL;
  return g_steal_pointer (&workbook);
}

/* Reading */

gpointer
fazhi_sheet_reader_alloc (gsize                        size,
                          const FazhiSheetReaderFuncs *funcs,
                          FazhiWorkbook               *workbook)
{
  FazhiSheetReader *reader = g_malloc0 (size);

  reader->funcs = funcs;
  reader->workbook = workbook;
  fazhi_row_builder_init (&reader->builder);
  return reader;
}

FazhiSheetReader *
fazhi_workbook_read_sheet (FazhiWorkbook  *workbook,
                           guint           sheet,
                           GError        **error)
{
  g_return_val_if_fail (workbook != NULL, NULL);

  if (sheet >= workbook->sheets->len)
    {
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_NO_SUCH_SHEET,
                   _("%s has no sheet %u: it has %u"), workbook->display_name, sheet + 1,
                   workbook->sheets->len);
      return NULL;
    }

  switch (workbook->format)
    {
    case FAZHI_WORKBOOK_XLSX:
      return fazhi_xlsx_read_sheet (workbook, sheet, error);
    case FAZHI_WORKBOOK_XLS:
      return fazhi_xls_read_sheet (workbook, sheet, error);
    case FAZHI_WORKBOOK_TEXT:
    default:
      return text_read_sheet (workbook);
    }
}

const FazhiSheetRow *
fazhi_sheet_reader_next (FazhiSheetReader  *reader,
                         GError           **error)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->funcs->next (reader, error);
}

double
fazhi_sheet_reader_get_fraction (FazhiSheetReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0.0);

  return CLAMP (reader->funcs->get_fraction (reader), 0.0, 1.0);
}

void
fazhi_sheet_reader_free (FazhiSheetReader *reader)
{
  if (reader == NULL)
    return;

  reader->funcs->finalize (reader);
  fazhi_row_builder_clear (&reader->builder);
  g_free (reader);
}
