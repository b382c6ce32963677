/* fazhi-demo-private.h — what the sample office and its synthetic rows share: building a row */
#pragma once

#include "fazhi-demo.h"
#include "fazhi-store.h"

G_BEGIN_DECLS

/* The most fields of any ledger; fazhi_demo_fill() checks it. */
#define FAZHI_DEMO_MAX_FIELDS 24

/* An element of a C array, each as likely as the others. */
#define FAZHI_DEMO_ANY(rand, array) ((array)[g_rand_int_range ((rand), 0, (gint32) G_N_ELEMENTS (array))])

/* One row at a time, typed in as text as a clerk would, then validated and written. */
typedef struct
{
  FazhiDatabase     *database;
  const FazhiLedger *ledger;        /* of the row being built */
  FazhiWriter       *writers[FAZHI_N_LEDGERS];
  const char        *input[FAZHI_DEMO_MAX_FIELDS];
  char               text[FAZHI_DEMO_MAX_FIELDS][24]; /* numbers, dates and phones of the row being built */
  char               words[3][96];                    /* titles, names and places of a synthetic row */
} FazhiDemoFiller;

void                fazhi_demo_row_start            (FazhiDemoFiller  *filler,
                                                     FazhiLedgerId     ledger);
/* @text is not copied: it must last until the row is inserted. */
void                fazhi_demo_row_set              (FazhiDemoFiller  *filler,
                                                     const char       *key,
                                                     const char       *text);
void                fazhi_demo_row_printf           (FazhiDemoFiller  *filler,
                                                     const char       *key,
                                                     const char       *format,
                                                     ...) G_GNUC_PRINTF (3, 4);
void                fazhi_demo_row_set_phone        (FazhiDemoFiller  *filler,
                                                     guint             seed);
gboolean            fazhi_demo_row_insert           (FazhiDemoFiller  *filler,
                                                     GError          **error);
gboolean            fazhi_demo_place_insert         (FazhiDemoFiller  *filler,
                                                     GError          **error);
const char         *fazhi_demo_organizer_of         (const char       *theme);

/* Drawn from the sample office, so that synthetic rows name its places and its staff; a
 * community comes as { name, kind }, and a compound may have no property company (NULL). */
const char * const *fazhi_demo_any_community        (GRand            *rand);
const char         *fazhi_demo_any_property_company (GRand            *rand);
const char         *fazhi_demo_any_handler          (GRand            *rand);

/* After the sample: @scale cases, and trainings, outreach and elections in proportion. */
gboolean            fazhi_demo_fill_synthetic       (FazhiDemoFiller  *filler,
                                                     guint             scale,
                                                     GError          **error);

G_END_DECLS
