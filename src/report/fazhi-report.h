/* fazhi-report.h — the annual report: the clerk's text per year, filled with the figures */
#pragma once

#include "fazhi-database.h"
#include "fazhi-document.h"

G_BEGIN_DECLS

/* The text kept for a period (quarter 0: the annual report), or the default text when none was
 * saved yet. */
char          *fazhi_report_text_load      (FazhiDatabase  *database,
                                            int             year,
                                            int             quarter,
                                            GError        **error);
/* Saves the text of a period in one transaction. */
gboolean       fazhi_report_text_save      (FazhiDatabase  *database,
                                            int             year,
                                            int             quarter,
                                            const char     *text,
                                            GError        **error);

/* The annual report of @year as a document: the text's first paragraph(s) up to a blank line
 * are the title; lines starting 一、二、… are level-1 headings; paragraphs starting （一）… have
 * their first sentence as a run-in level-2 heading; then the office (setting office_name) and
 * the date as signature. Figures come from fazhi_stats_compute for the year. */
FazhiDocument *fazhi_report_build_annual   (FazhiDatabase  *database,
                                            int             year,
                                            GError        **error);
/* The same from a given text, e.g. the one being edited. */
FazhiDocument *fazhi_report_build_from_text (FazhiDatabase *database,
                                             int            year,
                                             const char    *text,
                                             GError       **error);

/* Writes @document to @path as .pdf, .docx or .txt, chosen by the extension; no file is left
 * behind on failure. */
gboolean       fazhi_report_write          (FazhiDocument  *document,
                                            const char     *path,
                                            GError        **error);

G_END_DECLS
