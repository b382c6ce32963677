/* fazhi-xlsx-part.c — streaming one XML part of an .xlsx through expat, bounded
 *
 * zip_fread() inflates a chunk, XML_Parse() takes it; a handler may pause the parser (a row is
 * ready) and the next step resumes it. What a part may cost is bounded here, once for all parts:
 * see fazhi-xlsx-private.h.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-xlsx-private.h"

#define CHUNK_SIZE (64 * 1024)
/* Sheet XML nests some 6 deep, extensions a few more; only a crafted file goes past this. */
#define MAX_DEPTH 128
/* Expat buffers a whole tag or comment before it tells of it: this much without an event is no
 * workbook's XML. */
#define MAX_BYTES_BETWEEN_EVENTS (G_GUINT64_CONSTANT (16) * 1024 * 1024)

void
fazhi_xlsx_set_part_error (GError            **error,
                           FazhiWorkbook      *workbook,
                           const char         *part,
                           FazhiWorkbookError  code,
                           const char         *what)
{
  if (code == FAZHI_WORKBOOK_ERROR_TOO_LARGE)
    g_set_error (error, FAZHI_WORKBOOK_ERROR, code,
                 _("%s cannot be read: its part %s %s, far more than any ledger needs; it may be a "
                   "zip bomb. Open it in Excel or WPS and save it again, or split the sheet"),
                 workbook->display_name, part, what);
  else
    g_set_error (error, FAZHI_WORKBOOK_ERROR, code,
                 _("%s cannot be read: its part %s is damaged (%s). Open it in Excel or WPS and "
                   "save it again"),
                 workbook->display_name, part, what);
}

/* Parts */

/* No part of a workbook has a DTD: refusing one refuses every entity expansion bomb. */
static void
doctype_start (void       *user_data,
               const char *name,
               const char *system_id,
               const char *public_id,
               int         has_internal_subset)
{
  fazhi_xlsx_part_fail (user_data, FAZHI_WORKBOOK_ERROR_CORRUPT, _("it has a document type declaration"));
}

FazhiXlsxPart *
fazhi_xlsx_part_open (FazhiWorkbook  *workbook,
                      zip_t          *zip,
                      const char     *name,
                      guint64         limit,
                      gpointer        data,
                      GError        **error)
{
  FazhiXlsxPart *part;
  zip_stat_t stat;
  zip_int64_t index;
  zip_file_t *file;

  index = zip_name_locate (zip, name, ZIP_FL_NOCASE);
  if (index < 0)
    {
      fazhi_xlsx_set_part_error (error, workbook, name, FAZHI_WORKBOOK_ERROR_CORRUPT, _("it is missing"));
      return NULL;
    }

  zip_stat_init (&stat);
  if (zip_stat_index (zip, index, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) && stat.size > limit)
    {
      g_autofree char *bound = g_format_size (limit);
      g_autofree char *declared = g_format_size (stat.size);
      g_autofree char *what = g_strdup_printf (_("declares %s uncompressed, more than %s"), declared, bound);

      fazhi_xlsx_set_part_error (error, workbook, name, FAZHI_WORKBOOK_ERROR_TOO_LARGE, what);
      return NULL;
    }

  file = zip_fopen_index (zip, index, 0);
  if (file == NULL)
    {
      zip_error_t *zip_error = zip_get_error (zip);

      int code = zip_error_code_zip (zip_error);

      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
        g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_ENCRYPTED,
                     _("%s is protected by a password: open it in Excel or WPS, remove the password "
                       "and save it, then import it again"),
                     workbook->display_name);
      else
        fazhi_xlsx_set_part_error (error, workbook, name, FAZHI_WORKBOOK_ERROR_CORRUPT,
                                   zip_error_strerror (zip_error));
      return NULL;
    }

  part = g_new0 (FazhiXlsxPart, 1);
  part->workbook = workbook;
  part->name = g_strdup (name);
  part->file = file;
  part->size = (stat.valid & ZIP_STAT_SIZE) ? stat.size : 0;
  part->limit = limit;
  part->data = data;
  part->buffer = g_malloc (CHUNK_SIZE);
  /* Without namespace processing: strict OOXML and other writers use other prefixes and
   * namespaces for the same elements, so handlers look at the local name anyway, and expat
   * reads a sheet a third faster when it does not resolve a namespace for every tag. */
  part->parser = XML_ParserCreate (NULL);
  XML_SetUserData (part->parser, part);
  XML_SetStartDoctypeDeclHandler (part->parser, doctype_start);
  return part;
}

void
fazhi_xlsx_part_close (FazhiXlsxPart *part)
{
  if (part == NULL)
    return;

  if (part->parser != NULL)
    XML_ParserFree (part->parser);
  if (part->file != NULL)
    zip_fclose (part->file);
  g_clear_error (&part->error);
  g_free (part->buffer);
  g_free (part->name);
  g_free (part);
}

gboolean
fazhi_xlsx_part_enter (FazhiXlsxPart *part)
{
  fazhi_xlsx_part_event (part);
  if (++part->depth > MAX_DEPTH)
    {
      fazhi_xlsx_part_fail (part, FAZHI_WORKBOOK_ERROR_CORRUPT, _("its elements nest too deep"));
      return FALSE;
    }
  return TRUE;
}

void
fazhi_xlsx_part_leave (FazhiXlsxPart *part)
{
  fazhi_xlsx_part_event (part);
  if (part->depth > 0)
    part->depth--;
}

void
fazhi_xlsx_part_event (FazhiXlsxPart *part)
{
  part->at_last_event = part->inflated;
}

void
fazhi_xlsx_part_pause (FazhiXlsxPart *part)
{
  if (!part->finished && part->error == NULL)
    XML_StopParser (part->parser, XML_TRUE);
}

void
fazhi_xlsx_part_stop (FazhiXlsxPart *part)
{
  if (!part->finished)
    XML_StopParser (part->parser, XML_FALSE);
  part->finished = TRUE;
}

void
fazhi_xlsx_part_fail (FazhiXlsxPart      *part,
                      FazhiWorkbookError  code,
                      const char         *what)
{
  if (part->error == NULL)
    fazhi_xlsx_set_part_error (&part->error, part->workbook, part->name, code, what);
  fazhi_xlsx_part_stop (part);
}

/* expat 2.9 gives the line as a uint64_t and deprecates the XML_Size of before. */
static guint64
current_line (XML_Parser parser)
{
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 9)
  return XML_GetCurrentLineNumber64 (parser);
#else
  return XML_GetCurrentLineNumber (parser);
#endif
}

static gboolean
check_status (FazhiXlsxPart  *part,
              enum XML_Status status,
              GError        **error)
{
  if (part->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&part->error));
      return FALSE;
    }

  switch (status)
    {
    case XML_STATUS_SUSPENDED:
      part->suspended = TRUE;
      return TRUE;
    case XML_STATUS_OK:
      if (part->input_done)
        part->finished = TRUE;
      return TRUE;
    case XML_STATUS_ERROR:
    default:
      /* Stopped by a handler that had seen all it wanted. */
      if (part->finished && XML_GetErrorCode (part->parser) == XML_ERROR_ABORTED)
        return TRUE;
      {
        g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, current_line (part->parser));
        /* Translators: a line of the part's XML, then expat's description of what is wrong */
        g_autofree char *what = g_strdup_printf (_("line %s: %s"), line,
                                                 XML_ErrorString (XML_GetErrorCode (part->parser)));

        fazhi_xlsx_set_part_error (error, part->workbook, part->name, FAZHI_WORKBOOK_ERROR_CORRUPT, what);
      }
      part->finished = TRUE;
      return FALSE;
    }
}

/* Reads one more chunk into the part's buffer, counting and bounding what is inflated; 0 at the
 * end, -1 with @error set. */
static zip_int64_t
read_chunk (FazhiXlsxPart  *part,
            GError        **error)
{
  zip_int64_t n = zip_fread (part->file, part->buffer, CHUNK_SIZE);

  if (n < 0)
    {
      fazhi_xlsx_set_part_error (error, part->workbook, part->name, FAZHI_WORKBOOK_ERROR_CORRUPT,
                                 zip_error_strerror (zip_file_get_error (part->file)));
      part->finished = TRUE;
      return -1;
    }

  /* The bytes actually inflated, whatever the zip's header said. */
  part->inflated += n;
  if (part->inflated > part->limit)
    {
      g_autofree char *bound = g_format_size (part->limit);
      g_autofree char *what = g_strdup_printf (_("inflates to more than %s"), bound);

      fazhi_xlsx_set_part_error (error, part->workbook, part->name, FAZHI_WORKBOOK_ERROR_TOO_LARGE, what);
      part->finished = TRUE;
      return -1;
    }

  return n;
}

gboolean
fazhi_xlsx_part_step (FazhiXlsxPart  *part,
                      GError        **error)
{
  zip_int64_t n;

  if (part->finished)
    return TRUE;

  if (part->suspended)
    {
      part->suspended = FALSE;
      return check_status (part, XML_ResumeParser (part->parser), error);
    }

  n = read_chunk (part, error);
  if (n < 0)
    return FALSE;

  part->input_done = n == 0;
  if (!check_status (part, XML_Parse (part->parser, part->buffer, (int) n, part->input_done), error))
    return FALSE;

  if (!part->finished && part->inflated - part->at_last_event > MAX_BYTES_BETWEEN_EVENTS)
    {
      fazhi_xlsx_set_part_error (error, part->workbook, part->name, FAZHI_WORKBOOK_ERROR_TOO_LARGE,
                      _("holds a single tag or comment of many megabytes"));
      part->finished = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Where in @text a tag whose local name is @local starts ('<'), or NULL; *@cut is set to where
 * a tag name runs into the end of @text, which the next chunk completes. */
static const char *
find_tag (const char  *text,
          gsize        length,
          const char  *local,
          const char **cut)
{
  const char *end = text + length;
  gsize local_length = strlen (local);

  *cut = NULL;
  for (const char *p = memchr (text, '<', length); p != NULL; p = memchr (p + 1, '<', (gsize) (end - p - 1)))
    {
      const char *name = p + 1;
      const char *q = name;
      const char *local_start = name;

      while (q < end && (g_ascii_isalnum (*q) || *q == '_' || *q == '-' || *q == '.' || *q == ':'))
        if (*q++ == ':')
          local_start = q;
      if (q == end)
        {
          *cut = p;
          return NULL;
        }
      if ((gsize) (q - local_start) == local_length && memcmp (local_start, local, local_length) == 0)
        return p;
      if (p + 1 >= end)
        break;
    }

  return NULL;
}

gboolean
fazhi_xlsx_part_skip_to (FazhiXlsxPart  *part,
                         const char     *local,
                         GError        **error)
{
  g_autoptr(GString) window = g_string_new (NULL);

  for (;;)
    {
      zip_int64_t n = read_chunk (part, error);
      const char *cut = NULL;
      const char *start;

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          part->finished = part->input_done = TRUE;
          return TRUE;
        }

      g_string_append_len (window, part->buffer, n);
      start = find_tag (window->str, window->len, local, &cut);
      if (start != NULL)
        {
          /* A root of its own around the rest: the parser has no namespaces to declare, and the
           * element's handler stops it once the element is done. */
          static const char root[] = "<fazhi-part>";

          part->at_last_event = part->inflated;
          return check_status (part, XML_Parse (part->parser, root, sizeof root - 1, XML_FALSE), error)
                 && check_status (part, XML_Parse (part->parser, start,
                                                   (int) (window->str + window->len - start), XML_FALSE),
                                  error);
        }

      /* Only a tag name cut by the chunk's end is kept for the next one. */
      if (cut != NULL)
        g_string_erase (window, 0, cut - window->str);
      else
        g_string_truncate (window, 0);
    }
}

gboolean
fazhi_xlsx_part_parse_all (FazhiXlsxPart  *part,
                           GError        **error)
{
  while (!part->finished)
    if (!fazhi_xlsx_part_step (part, error))
      return FALSE;
  return TRUE;
}

double
fazhi_xlsx_part_fraction (FazhiXlsxPart *part)
{
  if (part->finished || part->size == 0)
    return part->finished ? 1.0 : 0.0;
  return MIN (1.0, (double) part->inflated / part->size);
}

/* XML helpers */

const char *
fazhi_xlsx_local_name (const char *name)
{
  const char *colon = strchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

const char *
fazhi_xlsx_attribute (const char **attributes,
                      const char  *local)
{
  for (guint i = 0; attributes[i] != NULL; i += 2)
    if (strcmp (fazhi_xlsx_local_name (attributes[i]), local) == 0
        && strncmp (attributes[i], "xmlns", 5) != 0)
      return attributes[i + 1];
  return NULL;
}

gboolean
fazhi_xlsx_parse_reference (const char  *reference,
                            guint       *column,
                            guint       *row,
                            const char **end)
{
  const char *p = reference;
  guint64 col = 0;
  guint64 number = 0;
  guint letters = 0;

  if (*p == '$')
    p++;
  for (; g_ascii_isalpha (*p) && letters < 4; p++, letters++)
    col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  if (letters == 0 || letters > 3 || col > FAZHI_WORKBOOK_MAX_COLUMNS)
    return FALSE;

  if (row != NULL)
    {
      guint digits = 0;

      if (*p == '$')
        p++;
      for (; g_ascii_isdigit (*p) && digits < 8; p++, digits++)
        number = number * 10 + (*p - '0');
      /* 1 048 576 rows is Excel's last. */
      if (digits == 0 || number == 0 || number > 1048576)
        return FALSE;
      *row = (guint) number;
    }

  *column = (guint) col - 1;
  if (end != NULL)
    *end = p;
  return TRUE;
}

void
fazhi_xlsx_unescape (GString *text)
{
  gsize read = 0;
  gsize written = 0;

  if (strstr (text->str, "_x") == NULL)
    return;

  while (read < text->len)
    {
      const char *p = text->str + read;

      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                       | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          read += 7;
          /* Seven bytes always hold the at most three of a UTF-16 code unit in UTF-8. */
          if (c != 0 && g_unichar_validate (c))
            written += g_unichar_to_utf8 (c, text->str + written);
          continue;
        }
      text->str[written++] = text->str[read++];
    }
  g_string_truncate (text, written);
}
