/* fazhi-import-dialog-private.h — what the import assistant's files share: the dialog itself
 * (fazhi-import-dialog.c), its preview (fazhi-import-dialog-preview.c), and its runs, Check and
 * Import, with their report (fazhi-import-dialog-run.c)
 */
#pragma once

#include "fazhi-import.h"
#include "fazhi-import-dialog.h"

G_BEGIN_DECLS

/* The rows the preview shows. */
#define PREVIEW_ROWS 10
#define FIELD_BIT(i) (G_GUINT64_CONSTANT (1) << (i))

typedef struct _FazhiImportJob FazhiImportJob;

struct _FazhiImportDialog
{
  AdwWindow           parent_instance;

  FazhiDatabase      *database;
  const FazhiLedger  *ledger;
  FazhiImport        *import;
  gboolean            updating;       /* the rows are being set from the import, not by the clerk */
  gboolean            disposed;

  FazhiImportJob     *job;            /* the run going on, or NULL (fazhi-import-dialog-run.c) */
  GCancellable       *cancellable;
  guint               progress_source;

  GtkStringList      *field_options;  /* "Ignore", then the ledger's fields */
  GPtrArray          *column_rows;    /* AdwComboRow, per column of the sheet */
  GPtrArray          *fixed_widgets;  /* what the whole-sheet group holds now */
  GArray             *preview_rows;   /* guint: the rows the preview shows, as the sheet numbers them */
  guint64             fixed_fields;   /* bit per field: those it has rows for */
  GtkStringList      *problems;
  GtkStringList      *notes;

  AdwWindowTitle     *window_title;
  GtkWidget          *cancel_button;
  GtkWidget          *back_button;
  GtkWidget          *import_button;
  GtkRevealer        *progress_revealer;
  GtkProgressBar     *progress_bar;
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  AdwPreferencesPage *prepare_page;
  AdwActionRow       *file_row;
  AdwComboRow        *sheet_row;
  GtkSpinButton      *header_spin;
  GtkWidget          *preview_window;
  GtkGrid            *preview_grid;
  GtkLabel           *preview_message;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *fixed_group;
  GtkSwitch          *update_switch;
  GtkLabel           *report_title;
  GtkLabel           *report_description;
  GtkWidget          *figures_box;
  GtkLabel           *added_label;
  GtkLabel           *existing_label;
  GtkLabel           *updated_label;
  GtkLabel           *problems_label;
  GtkWidget          *problems_heading;
  GtkWidget          *problems_window;
  GtkListView        *problem_list;
  GtkWidget          *notes_heading;
  GtkWidget          *notes_window;
  GtkListView        *note_list;
};

void fazhi_import_dialog_show_toast          (FazhiImportDialog *self,
                                              const char        *text);

/* fazhi-import-dialog-preview.c */
void fazhi_import_dialog_init_preview        (FazhiImportDialog *self);
void fazhi_import_dialog_refresh_preview     (FazhiImportDialog *self);

/* fazhi-import-dialog-run.c */
void fazhi_import_dialog_class_add_run_actions (GtkWidgetClass  *widget_class);
void fazhi_import_dialog_init_run            (FazhiImportDialog *self);
/* Cancels the run going on, if any, as the dialog goes. */
void fazhi_import_dialog_stop_run            (FazhiImportDialog *self);

G_END_DECLS
