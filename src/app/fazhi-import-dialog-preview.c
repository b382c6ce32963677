/* fazhi-import-dialog-preview.c — the import assistant's preview: the first rows under the
 * header as the ledger would store them, read again after every change
 */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fazhi-import-dialog-private.h"
#include "fazhi-value.h"

/* How much of a value a cell of the preview shows. */
#define PREVIEW_CHARS 24

/* How the window shows a stored value: choices by name, phones masked, the rest as stored. */
static char *
shown_value (const FazhiField *field,
             const char       *value)
{
  if (value == NULL)
    return NULL;
  if (field->type == FAZHI_FIELD_CHOICE)
    return g_strdup (fazhi_field_choice_name (field, value));
  if (field->flags & FAZHI_FIELD_PERSONAL)
    return fazhi_mask_phone (value);
  return g_strdup (value);
}

/* A cell of the preview: as wide as its text, which the preview scrolls sideways to show,
 * up to a length; a longer text is cut short, and whole in its tooltip. */
static GtkWidget *
preview_cell (const char *text)
{
  GtkWidget *label;

  if (text != NULL && g_utf8_strlen (text, -1) > PREVIEW_CHARS)
    {
      g_autofree char *start = g_utf8_substring (text, 0, PREVIEW_CHARS - 1);
      g_autofree char *shortened = g_strconcat (start, "…", NULL);

      label = gtk_label_new (shortened);
      gtk_widget_set_tooltip_text (label, text);
    }
  else
    label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);

  return label;
}

static void
show_preview_message (FazhiImportDialog *self,
                      const char        *text,
                      gboolean           problem)
{
  gtk_label_set_text (self->preview_message, text);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_message), text != NULL && text[0] != '\0');
  if (problem)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_message), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_message), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_message), "error");
    }
}

/* The first rows under the header as they would be stored: the fields the columns go into, in
 * the order of the sheet, then those the import fills in (a value for the whole sheet, a
 * status it infers, a default), a mark on each row with problems and the problems under it. */
void
fazhi_import_dialog_refresh_preview (FazhiImportDialog *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) rows_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();
  guint64 listed = 0;
  GtkWidget *child;
  GtkWidget *heading;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  rows = fazhi_import_preview (self->import, PREVIEW_ROWS, &error);
  g_array_set_size (self->preview_rows, 0);
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    g_array_append_val (self->preview_rows, ((FazhiImportPreviewRow *) g_ptr_array_index (rows, r))->row);
  gtk_widget_set_visible (self->preview_window, rows != NULL && rows->len > 0);
  if (rows == NULL)
    {
      show_preview_message (self, error->message, TRUE);
      return;
    }
  if (rows->len == 0)
    {
      show_preview_message (self, _("There are no rows under the header row."), FALSE);
      return;
    }

  for (guint c = 0; c < fazhi_import_get_n_columns (self->import); c++)
    {
      int field = fazhi_import_get_column_field (self->import, c);

      if (field >= 0 && !(listed & FIELD_BIT (field)))
        {
          g_array_append_val (shown, field);
          listed |= FIELD_BIT (field);
        }
    }
  for (int field = 0; field < (int) self->ledger->n_fields; field++)
    for (guint r = 0; r < rows->len && !(listed & FIELD_BIT (field)); r++)
      {
        FazhiImportPreviewRow *row = g_ptr_array_index (rows, r);

        if (row->values != NULL && row->values[field] != NULL)
          {
            g_array_append_val (shown, field);
            listed |= FIELD_BIT (field);
          }
      }

  heading = preview_cell (_("Row"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_grid_attach (self->preview_grid, heading, 0, 0, 1, 1);
  for (guint i = 0; i < shown->len; i++)
    {
      heading = preview_cell (fazhi_field_display_name (&self->ledger->fields[g_array_index (shown, int, i)]));
      gtk_widget_add_css_class (heading, "heading");
      gtk_grid_attach (self->preview_grid, heading, (int) i + 1, 0, 1, 1);
    }

  for (guint r = 0; r < rows->len; r++)
    {
      FazhiImportPreviewRow *row = g_ptr_array_index (rows, r);
      g_autofree char *number = g_strdup_printf ("%u", row->row);
      GtkWidget *number_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_box_append (GTK_BOX (number_box), preview_cell (number));
      if (row->problems != NULL)
        {
          GtkWidget *mark = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          g_auto(GStrv) lines = g_strsplit (row->problems, "\n", -1);

          gtk_widget_add_css_class (mark, "error");
          gtk_widget_set_tooltip_text (mark, row->problems);
          gtk_widget_set_tooltip_text (number_box, row->problems);
          gtk_box_append (GTK_BOX (number_box), mark);
          for (guint l = 0; lines[l] != NULL; l++)
            {
              GArray *numbers = g_hash_table_lookup (rows_of, lines[l]);

              if (numbers == NULL)
                {
                  char *message = g_strdup (lines[l]);

                  numbers = g_array_new (FALSE, FALSE, sizeof (guint));
                  g_hash_table_insert (rows_of, message, numbers);
                  g_ptr_array_add (messages, message);
                }
              g_array_append_val (numbers, row->row);
            }
        }
      gtk_grid_attach (self->preview_grid, number_box, 0, (int) r + 1, 1, 1);

      for (guint i = 0; i < shown->len; i++)
        {
          int field = g_array_index (shown, int, i);
          g_autofree char *text = row->values != NULL ? shown_value (&self->ledger->fields[field], row->values[field])
                                                      : NULL;

          gtk_grid_attach (self->preview_grid, preview_cell (text), (int) i + 1, (int) r + 1, 1, 1);
        }
    }

  /* A problem of many rows (a column the sheet lacks) is said once, with its rows. */
  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);
      GArray *numbers = g_hash_table_lookup (rows_of, message);

      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      if (numbers->len == 1)
        /* Translators: a row as the spreadsheet numbers it, then what is wrong with it */
        g_string_append_printf (problems, _("Row %u: %s"), g_array_index (numbers, guint, 0), message);
      else
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint n = 0; n < numbers->len; n++)
            /* Translators: what separates the numbers of rows in a list of them: 4, 5, 7 */
            g_string_append_printf (list, "%s%u", n > 0 ? C_("list of rows", ", ") : "",
                                    g_array_index (numbers, guint, n));
          /* Translators: rows as the spreadsheet numbers them (4, 5, 7), then what is wrong with them */
          g_string_append_printf (problems, _("Rows %s: %s"), list->str, message);
        }
    }

  show_preview_message (self, problems->str, TRUE);
}

/* The preview scrolls sideways only: the wheel turned over it scrolls the page, as it does
 * everywhere else on it, instead of stopping there. */
static gboolean
preview_scrolled_cb (GtkEventControllerScroll *controller,
                     double                    dx,
                     double                    dy,
                     FazhiImportDialog        *self)
{
  GtkWidget *page_window = gtk_widget_get_ancestor (gtk_widget_get_parent (self->preview_window),
                                                    GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double step = 1.0;

  if (dy == 0 || page_window == NULL)
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_window));
  /* What GtkScrolledWindow scrolls for a click of the wheel. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);

  return TRUE;
}


void
fazhi_import_dialog_init_preview (FazhiImportDialog *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (preview_scrolled_cb), self);
  gtk_widget_add_controller (self->preview_window, scroll);
}
