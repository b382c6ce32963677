/* fazhi-bench-window.c — times the window on a database (run under a display)
 *
 *   fazhi-bench-window DATABASE
 *
 * Prints: the time from the start of main() to the window's first painted frame; what a frame
 * costs with nothing and with one label changed; for a few search texts, the time from the
 * search being applied to the next painted frame; and the resident memory once the window is up
 * and after scrolling to the end of the list.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fazhi-application.h"
#include "fazhi-ledger-page.h"
#include "fazhi-window.h"

static gint64 started;
static gint64 mark;
static gboolean painted;

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;

  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static void
wait_for_paint (GtkWidget *widget)
{
  painted = FALSE;
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The first widget of @type (with the style class @css_class, unless NULL) under @widget. */
static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FazhiApplication) application = NULL;
  g_autoptr(FazhiDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  static const char *searches[] = { "纠", "纠纷", "邻里", "咨询", "" };
  FazhiLedgerPage *page;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  FazhiWindow *window;
  GtkLabel *count_label;
  GdkFrameClock *clock;
  long rss_up;

  started = g_get_monotonic_time ();
  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: fazhi-bench-window DATABASE\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  database = fazhi_database_open (argv[1], &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  application = fazhi_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  fazhi_application_set_database (application, database);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  window = fazhi_window_new (application);
  fazhi_window_show_page (window, "cases");
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  wait_for_paint (GTK_WIDGET (window));
  g_print ("window up: %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);
  /* For a profiler: the start-up alone. */
  if (g_getenv ("FAZHI_BENCH_UP_ONLY") != NULL)
    return 0;

  settle ();
  rss_up = resident_kb ();
  g_print ("resident memory with the window up: %.1f MB\n", rss_up / 1024.0);

  page = FAZHI_LEDGER_PAGE (fazhi_window_get_page (window, "cases"));

  /* What one frame costs here, with nothing changed, and with one short label changed: the
   * floor under every figure below (a renderer that cannot redraw part of the window pays for
   * all of it on any change). */
  mark = g_get_monotonic_time ();
  wait_for_paint (GTK_WIDGET (window));
  g_print ("a frame with nothing changed: %.1f ms\n", (g_get_monotonic_time () - mark) / 1000.0);
  count_label = GTK_LABEL (find_child (GTK_WIDGET (page), GTK_TYPE_LABEL, "numeric"));
  if (count_label != NULL)
    {
      g_autofree char *text = g_strdup (gtk_label_get_text (count_label));
      double frames[5];

      for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
        {
          mark = g_get_monotonic_time ();
          gtk_label_set_text (count_label, i % 2 == 0 ? "1" : "2");
          wait_for_paint (GTK_WIDGET (window));
          frames[i] = (g_get_monotonic_time () - mark) / 1000.0;
        }
      qsort (frames, G_N_ELEMENTS (frames), sizeof (double), compare_doubles);
      g_print ("a frame with one label changed: %.1f ms (median of 5)\n", frames[2]);
      gtk_label_set_text (count_label, text);
      wait_for_paint (GTK_WIDGET (window));
    }
  mark = g_get_monotonic_time ();
  fazhi_ledger_model_set_search (fazhi_ledger_page_get_model (page), "纠纷");
  fazhi_ledger_model_complete (fazhi_ledger_page_get_model (page));
  g_print ("search “纠纷” in the model alone: %.1f ms\n", (g_get_monotonic_time () - mark) / 1000.0);
  fazhi_ledger_model_set_search (fazhi_ledger_page_get_model (page), "");
  wait_for_paint (GTK_WIDGET (window));
  settle ();

  /* For a profiler: the same two searches again and again, nothing else. */
  if (g_getenv ("FAZHI_BENCH_LOOP") != NULL)
    {
      for (int i = 0; i < atoi (g_getenv ("FAZHI_BENCH_LOOP")); i++)
        {
          fazhi_ledger_model_set_search (fazhi_ledger_page_get_model (page), "纠纷");
          wait_for_paint (GTK_WIDGET (window));
          fazhi_ledger_model_set_search (fazhi_ledger_page_get_model (page), "");
          wait_for_paint (GTK_WIDGET (window));
        }
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      FazhiLedgerModel *model = fazhi_ledger_page_get_model (page);
      double shown;

      mark = g_get_monotonic_time ();
      fazhi_ledger_model_set_search (model, searches[i]);
      wait_for_paint (GTK_WIDGET (window));
      shown = (g_get_monotonic_time () - mark) / 1000.0;
      /* The rows past those on screen are counted once the list is drawn. */
      while (!fazhi_ledger_model_get_complete (model))
        g_main_context_iteration (NULL, TRUE);
      g_print ("search “%s”: list updated in %.1f ms; all %u rows counted in %.1f ms\n", searches[i], shown,
               g_list_model_get_n_items (G_LIST_MODEL (model)), (g_get_monotonic_time () - mark) / 1000.0);
      settle ();
    }

  /* Scroll to the end and back: only the pages shown are read. */
  scrolled = gtk_widget_get_parent (find_child (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  for (int step = 1; step <= 20; step++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * step / 20);
      wait_for_paint (GTK_WIDGET (window));
    }
  mark = g_get_monotonic_time ();
  gtk_adjustment_set_value (adjustment, 0);
  wait_for_paint (GTK_WIDGET (window));
  g_print ("scrolled through %u rows; back to the top in %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (fazhi_ledger_page_get_model (page))),
           (g_get_monotonic_time () - mark) / 1000.0);
  settle ();
  g_print ("resident memory after scrolling: %.1f MB (+%.1f MB)\n", resident_kb () / 1024.0,
           (resident_kb () - rss_up) / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
