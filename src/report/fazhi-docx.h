/* fazhi-docx.h — a document as an Office Open XML file that Word, WPS and LibreOffice open */
#pragma once

#include "fazhi-document.h"

G_BEGIN_DECLS

gboolean fazhi_docx_write (FazhiDocument  *document,
                           const char     *path,
                           GError        **error);

G_END_DECLS
