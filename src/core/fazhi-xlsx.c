/* fazhi-xlsx.c — an Office Open XML workbook: its zip and its own parts
 *
 * Debian 12 has no XLSX reading library, so this is what xlsxio and sc-im do: libzip inflates
 * the parts and expat parses them as they come. Opening reads the package's relationships, the
 * workbook (its sheets, whether they are hidden, the date system), the shared strings and the
 * cell formats (which of them show dates); fazhi-xlsx-part.c streams each part and
 * fazhi-xlsx-sheet.c the sheets.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fazhi-xlsx-private.h"

/* Relationships */

typedef struct
{
  GHashTable *targets;   /* Id → resolved part name */
  GHashTable *by_type;   /* last word of Type ("worksheet", "sharedStrings") → part name */
  const char *base;      /* the folder the targets are relative to ("xl/"), or "" */
} Relationships;

/* @target resolved against @base: "worksheets/sheet1.xml" in "xl/", or "/xl/…" from the top,
 * with "." and ".." taken out; zip names have no leading slash. */
static char *
resolve_target (const char *base,
                const char *target)
{
  g_autofree char *joined = target[0] == '/' ? g_strdup (target + 1) : g_strconcat (base, target, NULL);
  g_auto(GStrv) segments = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, segments[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static void
relationship_start (void        *user_data,
                    const char  *name,
                    const char **attributes)
{
  FazhiXlsxPart *part = user_data;
  Relationships *rels = part->data;
  const char *id, *type, *target, *mode, *slash;
  char *resolved;

  if (!fazhi_xlsx_part_enter (part) || strcmp (fazhi_xlsx_local_name (name), "Relationship") != 0)
    return;

  id = fazhi_xlsx_attribute (attributes, "Id");
  type = fazhi_xlsx_attribute (attributes, "Type");
  target = fazhi_xlsx_attribute (attributes, "Target");
  mode = fazhi_xlsx_attribute (attributes, "TargetMode");
  if (id == NULL || target == NULL || (mode != NULL && strcmp (mode, "External") == 0))
    return;

  resolved = resolve_target (rels->base, target);
  g_hash_table_replace (rels->targets, g_strdup (id), resolved);
  slash = type != NULL ? strrchr (type, '/') : NULL;
  if (slash != NULL && !g_hash_table_contains (rels->by_type, slash + 1))
    g_hash_table_insert (rels->by_type, g_strdup (slash + 1), g_strdup (resolved));
}

static void
element_end (void       *user_data,
             const char *name)
{
  fazhi_xlsx_part_leave (user_data);
}

static gboolean
read_relationships (FazhiWorkbook  *workbook,
                    zip_t          *zip,
                    const char     *rels_part,
                    Relationships  *rels,
                    GError        **error)
{
  FazhiXlsxPart *part = fazhi_xlsx_part_open (workbook, zip, rels_part, FAZHI_XLSX_MAX_PART_BYTES, rels,
                                              error);
  gboolean ok;

  if (part == NULL)
    return FALSE;
  XML_SetElementHandler (part->parser, relationship_start, element_end);
  ok = fazhi_xlsx_part_parse_all (part, error);
  fazhi_xlsx_part_close (part);
  return ok;
}

static void
relationships_init (Relationships *rels,
                    const char    *base)
{
  rels->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rels->by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rels->base = base;
}

static void
relationships_clear (Relationships *rels)
{
  g_clear_pointer (&rels->targets, g_hash_table_unref);
  g_clear_pointer (&rels->by_type, g_hash_table_unref);
}

/* The workbook part */

typedef struct
{
  FazhiWorkbook *workbook;
  Relationships *rels;
} WorkbookState;

static void
workbook_start (void        *user_data,
                const char  *name,
                const char **attributes)
{
  FazhiXlsxPart *part = user_data;
  WorkbookState *state = part->data;
  const char *local = fazhi_xlsx_local_name (name);

  if (!fazhi_xlsx_part_enter (part))
    return;

  if (strcmp (local, "workbookPr") == 0)
    {
      const char *date1904 = fazhi_xlsx_attribute (attributes, "date1904");

      state->workbook->date1904 = date1904 != NULL
                                  && (strcmp (date1904, "1") == 0 || strcmp (date1904, "true") == 0);
    }
  else if (strcmp (local, "sheet") == 0)
    {
      const char *sheet_name = fazhi_xlsx_attribute (attributes, "name");
      const char *sheet_state = fazhi_xlsx_attribute (attributes, "state");
      const char *id = NULL;
      const char *target;

      /* The relationship id is the attribute "id" with the relationships prefix (r:id). */
      for (guint i = 0; attributes[i] != NULL; i += 2)
        if (strchr (attributes[i], ':') != NULL && strcmp (fazhi_xlsx_local_name (attributes[i]), "id") == 0)
          id = attributes[i + 1];

      target = id != NULL ? g_hash_table_lookup (state->rels->targets, id) : NULL;
      if (sheet_name == NULL || target == NULL)
        {
          fazhi_xlsx_part_fail (part, FAZHI_WORKBOOK_ERROR_CORRUPT, _("a sheet has no name or no part"));
          return;
        }
      fazhi_workbook_add_sheet (state->workbook, sheet_name,
                                sheet_state != NULL && (strcmp (sheet_state, "hidden") == 0
                                                        || strcmp (sheet_state, "veryHidden") == 0),
                                target);
    }
}

/* Shared strings */

typedef struct
{
  FazhiXlsxBackend *backend;
  GString          *text;       /* the string being read */
  gboolean          in_string;
  gboolean          in_text;    /* inside a <t> that is not phonetic */
  guint             phonetic;   /* inside <rPh>: furigana, not the text */
} StringsState;

static void
strings_start (void        *user_data,
               const char  *name,
               const char **attributes)
{
  FazhiXlsxPart *part = user_data;
  StringsState *state = part->data;
  const char *local = fazhi_xlsx_local_name (name);

  if (!fazhi_xlsx_part_enter (part))
    return;

  if (strcmp (local, "si") == 0)
    {
      state->in_string = TRUE;
      g_string_truncate (state->text, 0);
    }
  else if (strcmp (local, "rPh") == 0)
    state->phonetic++;
  else if (strcmp (local, "t") == 0 && state->in_string && state->phonetic == 0)
    state->in_text = TRUE;
}

static void
strings_end (void       *user_data,
             const char *name)
{
  FazhiXlsxPart *part = user_data;
  StringsState *state = part->data;
  const char *local = fazhi_xlsx_local_name (name);

  fazhi_xlsx_part_leave (part);
  if (strcmp (local, "t") == 0)
    state->in_text = FALSE;
  else if (strcmp (local, "rPh") == 0 && state->phonetic > 0)
    state->phonetic--;
  else if (strcmp (local, "si") == 0 && state->in_string)
    {
      guint32 offset = state->backend->strings->len;

      fazhi_xlsx_unescape (state->text);
      g_string_append_len (state->backend->strings, state->text->str, state->text->len + 1);
      g_array_append_val (state->backend->string_offsets, offset);
      state->in_string = FALSE;
    }
}

static void
strings_text (void       *user_data,
              const char *text,
              int         length)
{
  FazhiXlsxPart *part = user_data;
  StringsState *state = part->data;

  fazhi_xlsx_part_event (part);
  if (state->in_text)
    g_string_append_len (state->text, text, length);
}

/* Cell formats */

typedef struct
{
  FazhiXlsxBackend *backend;
  GHashTable       *custom;     /* numFmtId → whether that custom format shows a date */
  GArray           *format_ids; /* guint per cellXfs entry */
  gboolean          in_cell_formats;
} StylesState;

static void
styles_start (void        *user_data,
              const char  *name,
              const char **attributes)
{
  FazhiXlsxPart *part = user_data;
  StylesState *state = part->data;
  const char *local = fazhi_xlsx_local_name (name);
  const char *id = fazhi_xlsx_attribute (attributes, "numFmtId");
  guint64 number = 0;

  if (!fazhi_xlsx_part_enter (part))
    return;

  if (strcmp (local, "cellXfs") == 0)
    state->in_cell_formats = TRUE;
  else if (strcmp (local, "numFmt") == 0 && id != NULL)
    {
      const char *code = fazhi_xlsx_attribute (attributes, "formatCode");

      if (g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL))
        g_hash_table_replace (state->custom, GUINT_TO_POINTER ((guint) number),
                              GINT_TO_POINTER (code != NULL && fazhi_workbook_format_is_date (code)));
    }
  else if (strcmp (local, "xf") == 0 && state->in_cell_formats)
    {
      guint format = 0;

      if (id != NULL && g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL))
        format = (guint) number;
      g_array_append_val (state->format_ids, format);
    }
}

static void
styles_end (void       *user_data,
            const char *name)
{
  FazhiXlsxPart *part = user_data;
  StylesState *state = part->data;

  fazhi_xlsx_part_leave (part);
  if (strcmp (fazhi_xlsx_local_name (name), "cellXfs") == 0)
    state->in_cell_formats = FALSE;
}

/* Opening */

/* A sheet's merges, or NULL for a sheet no reader has gone over. */
static void
merges_free (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static void
backend_free (gpointer data)
{
  FazhiXlsxBackend *backend = data;

  g_string_free (backend->strings, TRUE);
  g_array_unref (backend->string_offsets);
  g_array_unref (backend->date_styles);
  g_ptr_array_unref (backend->merges);
  g_mutex_clear (&backend->merges_lock);
  g_free (backend);
}

static gboolean
read_part (FazhiWorkbook      *workbook,
           zip_t              *zip,
           const char         *name,
           gpointer            state,
           XML_StartElementHandler start,
           XML_EndElementHandler   end,
           XML_CharacterDataHandler text,
           GError            **error)
{
  FazhiXlsxPart *part = fazhi_xlsx_part_open (workbook, zip, name, FAZHI_XLSX_MAX_PART_BYTES, state, error);
  gboolean ok;

  if (part == NULL)
    return FALSE;
  XML_SetElementHandler (part->parser, start, end);
  if (text != NULL)
    XML_SetCharacterDataHandler (part->parser, text);
  ok = fazhi_xlsx_part_parse_all (part, error);
  fazhi_xlsx_part_close (part);
  return ok;
}

static gboolean
read_workbook (FazhiWorkbook  *workbook,
               zip_t          *zip,
               GError        **error)
{
  FazhiXlsxBackend *backend = workbook->backend;
  Relationships package = { 0 };
  Relationships rels = { 0 };
  g_autofree char *workbook_part = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rels_part = NULL;
  const char *slash;
  const char *part;
  gboolean ok = FALSE;

  /* The package's relationships say where the workbook is; it is xl/workbook.xml for every
   * writer seen, which is also taken when they are missing. */
  relationships_init (&package, "");
  if (zip_name_locate (zip, "_rels/.rels", ZIP_FL_NOCASE) >= 0
      && !read_relationships (workbook, zip, "_rels/.rels", &package, error))
    goto out;
  part = g_hash_table_lookup (package.by_type, "officeDocument");
  workbook_part = g_strdup (part != NULL ? part : "xl/workbook.xml");
  if (zip_name_locate (zip, workbook_part, ZIP_FL_NOCASE) < 0)
    {
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_NOT_A_WORKBOOK,
                   _("%s is a zip archive but not an Excel workbook: open it in the program that "
                     "made it and save it as .xlsx"),
                   workbook->display_name);
      goto out;
    }

  slash = strrchr (workbook_part, '/');
  base = slash != NULL ? g_strndup (workbook_part, slash - workbook_part + 1) : g_strdup ("");
  rels_part = g_strdup_printf ("%s_rels/%s.rels", base, slash != NULL ? slash + 1 : workbook_part);
  relationships_init (&rels, base);
  if (!read_relationships (workbook, zip, rels_part, &rels, error))
    goto out;

  {
    WorkbookState state = { workbook, &rels };

    if (!read_part (workbook, zip, workbook_part, &state, workbook_start, element_end, NULL, error))
      goto out;
  }
  if (workbook->sheets->len == 0)
    {
      fazhi_xlsx_set_part_error (error, workbook, workbook_part, FAZHI_WORKBOOK_ERROR_CORRUPT,
                                 _("it lists no sheet"));
      goto out;
    }

  /* A workbook of numbers alone has no shared strings, and one without formats no styles. */
  part = g_hash_table_lookup (rels.by_type, "sharedStrings");
  if (part != NULL && zip_name_locate (zip, part, ZIP_FL_NOCASE) >= 0)
    {
      StringsState state = { backend, g_string_new (NULL), FALSE, FALSE, 0 };
      gboolean read = read_part (workbook, zip, part, &state, strings_start, strings_end, strings_text,
                                 error);

      g_string_free (state.text, TRUE);
      if (!read)
        goto out;
    }

  part = g_hash_table_lookup (rels.by_type, "styles");
  if (part != NULL && zip_name_locate (zip, part, ZIP_FL_NOCASE) >= 0)
    {
      StylesState state = { backend, g_hash_table_new (NULL, NULL), NULL, FALSE };
      gboolean read;

      state.format_ids = g_array_new (FALSE, FALSE, sizeof (guint));
      read = read_part (workbook, zip, part, &state, styles_start, styles_end, NULL, error);

      for (guint i = 0; read && i < state.format_ids->len; i++)
        {
          guint id = g_array_index (state.format_ids, guint, i);
          gpointer custom = NULL;
          guint8 date;

          /* A custom format may reuse a built-in's number: then it is what it says. */
          if (g_hash_table_lookup_extended (state.custom, GUINT_TO_POINTER (id), NULL, &custom))
            date = GPOINTER_TO_INT (custom);
          else
            date = fazhi_workbook_builtin_format_is_date (id);
          g_array_append_val (backend->date_styles, date);
        }
      g_hash_table_unref (state.custom);
      g_array_unref (state.format_ids);
      if (!read)
        goto out;
    }
  ok = TRUE;

out:
  relationships_clear (&package);
  relationships_clear (&rels);
  return ok;
}

gboolean
fazhi_xlsx_open (FazhiWorkbook  *workbook,
                 GError        **error)
{
  FazhiXlsxBackend *backend;
  zip_t *zip;
  int code = 0;
  gboolean ok;

  zip = zip_open (workbook->path, ZIP_RDONLY, &code);
  if (zip == NULL)
    {
      zip_error_t zip_error;

      zip_error_init_with_code (&zip_error, code);
      g_set_error (error, FAZHI_WORKBOOK_ERROR, FAZHI_WORKBOOK_ERROR_CORRUPT,
                   _("%s cannot be read: its zip archive is damaged (%s). Open it in Excel or WPS "
                     "and save it again"),
                   workbook->display_name, zip_error_strerror (&zip_error));
      zip_error_fini (&zip_error);
      return FALSE;
    }

  backend = g_new0 (FazhiXlsxBackend, 1);
  g_mutex_init (&backend->merges_lock);
  backend->merges = g_ptr_array_new_with_free_func (merges_free);
  backend->strings = g_string_new (NULL);
  backend->string_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  backend->date_styles = g_array_new (FALSE, FALSE, sizeof (guint8));
  workbook->backend = backend;
  workbook->backend_free = backend_free;

  ok = read_workbook (workbook, zip, error);
  zip_discard (zip);
  return ok;
}
