/* fazhi-ledger-page-private.h — what the ledger page's files share */
#pragma once

#include "fazhi-ledger-page.h"
#include "fazhi-row-model.h"
#include "fazhi-ledger-views.h"

G_BEGIN_DECLS

struct _FazhiLedgerPage
{
  AdwBin                 parent_instance;

  FazhiDatabase         *database;
  const FazhiLedger     *ledger;
  const FazhiLedgerView *view;
  FazhiLedgerModel      *model;
  FazhiRowModel         *rows;             /* what the list shows: rows over the model */
  GtkSingleSelection    *selection;
  FazhiLedgerModel      *communities;   /* for the community filter */
  GtkStringList         *community_names;
  GtkStringList         *years;
  GPtrArray             *choice_dropdowns;
  FazhiRecord           *deleted;       /* the last record deleted, for undo */
  gint64                 selected_id;   /* the record selected, or 0 */
  GFile                 *import_file;   /* waiting for the import assistant (ledger.import-pending) */

  AdwToastOverlay       *toast_overlay;
  AdwHeaderBar          *header_bar;
  GtkWidget             *back_button;
  GtkWidget             *new_button;
  AdwWindowTitle        *window_title;
  GtkToggleButton       *search_button;
  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *year_dropdown;
  GtkDropDown           *quarter_dropdown;
  GtkDropDown           *community_dropdown;
  GtkBox                *choice_box;
  GtkLabel              *count_label;
  GtkBox                *top_box;
  GtkStack              *content_stack;
  GtkColumnView         *column_view;
  AdwStatusPage         *empty_page;
  GtkButton             *empty_new_button;
  GtkWidget             *empty_office_button;
};

FazhiRecord *fazhi_ledger_page_get_selected      (FazhiLedgerPage *self);
void         fazhi_ledger_page_class_add_actions (GtkWidgetClass  *widget_class);
/* What Export does once the file is chosen: the rows shown, phone numbers masked unless
 * @keep_phones, which asks first (fazhi-ledger-page-actions.c). */
void         fazhi_ledger_page_export_to         (FazhiLedgerPage *self,
                                                  const char      *path,
                                                  gboolean         keep_phones);

G_END_DECLS
