/* fazhi-cfb.c — the streams of a compound file ([MS-CFB]), as .xls and encrypted .xlsx are
 *
 * A compound file is a FAT file system in one file: sectors of 512 (or 4096) bytes, a FAT that
 * chains them, a directory of 128-byte entries, and small streams (under 4096 bytes) in 64-byte
 * sectors of their own inside a "mini stream". The file is mapped, not read; every chain is
 * followed at most as many steps as there are sectors, so a crafted loop ends.
 */

#define G_LOG_DOMAIN "fazhi-core"

#include "config.h"

#include <string.h>

#include "fazhi-xls-private.h"

#define END_OF_CHAIN   0xfffffffeu
#define HEADER_SIZE    512
#define ENTRY_SIZE     128
#define ENTRY_STREAM   2
#define ENTRY_ROOT     5

typedef struct
{
  char    *name;   /* UTF-8 */
  guint8   type;
  guint32  start;
  guint64  size;
} Entry;

struct _FazhiCfb
{
  GMappedFile  *file;
  const guchar *data;
  gsize         length;
  guint         sector_size;
  guint         mini_sector_size;
  guint32       mini_cutoff;
  guint32       minifat_start;
  GArray       *fat;       /* guint32 */
  GArray       *minifat;   /* guint32, read when first needed */
  GArray       *entries;   /* Entry */
  GBytes       *ministream;
};

static guint32
read_u32 (const guchar *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
read_u16 (const guchar *p)
{
  return p[0] | (p[1] << 8);
}

/* The sector's bytes, or NULL past the end; the last sector of a file may be cut short. */
static const guchar *
sector (FazhiCfb *cfb,
        guint32   number,
        gsize    *length)
{
  guint64 offset = ((guint64) number + 1) * cfb->sector_size;

  if (offset >= cfb->length)
    return NULL;
  *length = MIN (cfb->sector_size, cfb->length - offset);
  return cfb->data + offset;
}

/* The bytes of the chain from @start, up to @limit of them. */
static GByteArray *
read_chain (FazhiCfb *cfb,
            guint32   start,
            guint64   limit)
{
  GByteArray *bytes = g_byte_array_new ();
  guint32 number = start;

  for (guint steps = 0; number != END_OF_CHAIN && bytes->len < limit; steps++)
    {
      const guchar *data;
      gsize length = 0;

      if (steps > cfb->fat->len || number >= cfb->fat->len || (data = sector (cfb, number, &length)) == NULL)
        {
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, data, (guint) MIN (length, limit - bytes->len));
      number = g_array_index (cfb->fat, guint32, number);
    }
  return bytes;
}

static void
append_fat_sector (FazhiCfb *cfb,
                   guint32   number)
{
  gsize length = 0;
  const guchar *data = sector (cfb, number, &length);

  for (gsize i = 0; data != NULL && i + 4 <= length; i += 4)
    {
      guint32 next = read_u32 (data + i);
      g_array_append_val (cfb->fat, next);
    }
}

static gboolean
read_directory (FazhiCfb *cfb,
                guint32   start)
{
  GByteArray *bytes = read_chain (cfb, start, G_MAXUINT32);

  if (bytes == NULL)
    return FALSE;

  for (guint at = 0; at + ENTRY_SIZE <= bytes->len; at += ENTRY_SIZE)
    {
      const guchar *p = bytes->data + at;
      guint name_length = MIN (read_u16 (p + 64), 64);
      gunichar2 name[32];
      Entry entry;

      memcpy (name, p, sizeof name);
      entry.type = p[66];
      entry.start = read_u32 (p + 116);
      /* Version 3 files (512-byte sectors) may leave garbage in the high half of the size. */
      entry.size = read_u32 (p + 120);
      if (cfb->sector_size == 4096)
        entry.size |= (guint64) read_u32 (p + 124) << 32;
      for (guint i = 0; i < 32; i++)
        name[i] = GUINT16_FROM_LE (name[i]);
      entry.name = name_length >= 2 ? g_utf16_to_utf8 (name, name_length / 2 - 1, NULL, NULL, NULL) : NULL;
      if (entry.name == NULL)
        entry.name = g_strdup ("");
      g_array_append_val (cfb->entries, entry);
    }
  g_byte_array_unref (bytes);
  return cfb->entries->len > 0;
}

static void
clear_entry (gpointer data)
{
  g_free (((Entry *) data)->name);
}

FazhiCfb *
fazhi_cfb_open (const char *path)
{
  static const guchar magic[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  g_autoptr(FazhiCfb) cfb = g_new0 (FazhiCfb, 1);
  const guchar *header;
  guint sector_shift, mini_shift;
  guint32 n_fat, difat_next, n_difat;

  cfb->fat = g_array_new (FALSE, FALSE, sizeof (guint32));
  cfb->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (cfb->entries, clear_entry);
  cfb->file = g_mapped_file_new (path, FALSE, NULL);
  if (cfb->file == NULL)
    return NULL;
  cfb->data = (const guchar *) g_mapped_file_get_contents (cfb->file);
  cfb->length = g_mapped_file_get_length (cfb->file);
  header = cfb->data;
  if (cfb->length < HEADER_SIZE || memcmp (header, magic, sizeof magic) != 0)
    return NULL;

  sector_shift = read_u16 (header + 30);
  mini_shift = read_u16 (header + 32);
  if ((sector_shift != 9 && sector_shift != 12) || mini_shift != 6)
    return NULL;
  cfb->sector_size = 1u << sector_shift;
  cfb->mini_sector_size = 1u << mini_shift;
  n_fat = read_u32 (header + 44);
  cfb->mini_cutoff = read_u32 (header + 56);
  cfb->minifat_start = read_u32 (header + 60);
  difat_next = read_u32 (header + 68);
  n_difat = read_u32 (header + 72);

  /* The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors. */
  for (guint i = 0; i < 109 && i < n_fat; i++)
    append_fat_sector (cfb, read_u32 (header + 76 + 4 * i));
  for (guint32 d = 0, listed = 109; d < n_difat && listed < n_fat && difat_next < END_OF_CHAIN - 1; d++)
    {
      gsize length = 0;
      const guchar *data = sector (cfb, difat_next, &length);

      if (data == NULL || length < cfb->sector_size)
        return NULL;
      for (guint i = 0; i + 1 < cfb->sector_size / 4 && listed < n_fat; i++, listed++)
        append_fat_sector (cfb, read_u32 (data + 4 * i));
      difat_next = read_u32 (data + cfb->sector_size - 4);
    }

  if (!read_directory (cfb, read_u32 (header + 48)))
    return NULL;
  return g_steal_pointer (&cfb);
}

void
fazhi_cfb_free (FazhiCfb *cfb)
{
  if (cfb == NULL)
    return;

  g_clear_pointer (&cfb->ministream, g_bytes_unref);
  g_clear_pointer (&cfb->minifat, g_array_unref);
  g_clear_pointer (&cfb->entries, g_array_unref);
  g_clear_pointer (&cfb->fat, g_array_unref);
  g_clear_pointer (&cfb->file, g_mapped_file_unref);
  g_free (cfb);
}

static const Entry *
find_entry (FazhiCfb   *cfb,
            const char *name)
{
  for (guint i = 0; i < cfb->entries->len; i++)
    {
      const Entry *entry = &g_array_index (cfb->entries, Entry, i);

      if (entry->type == ENTRY_STREAM && g_ascii_strcasecmp (entry->name, name) == 0)
        return entry;
    }
  return NULL;
}

gboolean
fazhi_cfb_has_stream (FazhiCfb   *cfb,
                      const char *name)
{
  return find_entry (cfb, name) != NULL;
}

static gboolean
load_mini_stream (FazhiCfb *cfb)
{
  const Entry *root = NULL;
  GByteArray *bytes;

  if (cfb->ministream != NULL)
    return TRUE;

  for (guint i = 0; i < cfb->entries->len && root == NULL; i++)
    if (g_array_index (cfb->entries, Entry, i).type == ENTRY_ROOT)
      root = &g_array_index (cfb->entries, Entry, i);
  if (root == NULL)
    return FALSE;

  bytes = read_chain (cfb, cfb->minifat_start, G_MAXUINT32);
  if (bytes == NULL)
    return FALSE;
  cfb->minifat = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i + 4 <= bytes->len; i += 4)
    {
      guint32 next = read_u32 (bytes->data + i);
      g_array_append_val (cfb->minifat, next);
    }
  g_byte_array_unref (bytes);

  bytes = read_chain (cfb, root->start, root->size);
  if (bytes == NULL)
    return FALSE;
  cfb->ministream = g_byte_array_free_to_bytes (bytes);
  return TRUE;
}

GBytes *
fazhi_cfb_read_stream (FazhiCfb   *cfb,
                       const char *name)
{
  const Entry *entry = find_entry (cfb, name);
  GByteArray *bytes;
  const guchar *mini;
  gsize mini_length;
  guint32 number;

  if (entry == NULL)
    return NULL;

  if (entry->size >= cfb->mini_cutoff)
    {
      bytes = read_chain (cfb, entry->start, entry->size);
      if (bytes == NULL || bytes->len < entry->size)
        {
          g_clear_pointer (&bytes, g_byte_array_unref);
          return NULL;
        }
      return g_byte_array_free_to_bytes (bytes);
    }

  /* A small stream lives in the mini stream, chained by the mini FAT. */
  if (!load_mini_stream (cfb))
    return NULL;
  mini = g_bytes_get_data (cfb->ministream, &mini_length);
  bytes = g_byte_array_new ();
  number = entry->start;
  for (guint steps = 0; bytes->len < entry->size; steps++)
    {
      guint64 offset = (guint64) number * cfb->mini_sector_size;

      if (number == END_OF_CHAIN || steps > cfb->minifat->len || number >= cfb->minifat->len
          || offset + cfb->mini_sector_size > mini_length)
        {
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, mini + offset,
                           (guint) MIN (cfb->mini_sector_size, entry->size - bytes->len));
      number = g_array_index (cfb->minifat, guint32, number);
    }
  return g_byte_array_free_to_bytes (bytes);
}
