/* fazhi-ledger-views.h — how the window shows each ledger: columns, filters, editor sections
 *
 * The ledger page and the record editor are one class each; this table is what differs.
 */
#pragma once

#include <glib.h>

#include "fazhi-ledger.h"

G_BEGIN_DECLS

#define FAZHI_VIEW_MAX_COLUMNS 10
#define FAZHI_VIEW_MAX_FILTERS 3
#define FAZHI_VIEW_MAX_SECTIONS 6
#define FAZHI_VIEW_MAX_SECTION_FIELDS 10

typedef struct
{
  const char *title;   /* N_(), or NULL for a group without a title */
  const char *fields[FAZHI_VIEW_MAX_SECTION_FIELDS];
} FazhiEditorSection;

typedef struct
{
  FazhiLedgerId       ledger;
  const char         *page;               /* page name, kept in GSettings */
  const char         *title;              /* N_() */
  const char         *icon_name;
  const char         *new_label;          /* N_(), e.g. "New Case" */
  const char         *edit_label;         /* N_(), e.g. "Edit Case" */
  const char         *empty_description;  /* N_() */
  const char         *columns[FAZHI_VIEW_MAX_COLUMNS];
  const char         *filters[FAZHI_VIEW_MAX_FILTERS];  /* choice fields offered as filters */
  FazhiEditorSection  sections[FAZHI_VIEW_MAX_SECTIONS];
} FazhiLedgerView;

const FazhiLedgerView *fazhi_ledger_view_get (FazhiLedgerId ledger);

G_END_DECLS
