/* fazhi-docx.c — a document as an Office Open XML file that Word, WPS and LibreOffice open
 *
 * The file is written part by part as text and zipped with libzip. The page and the styles
 * follow GB/T 9704-2012 so that the clerk who edits the file in WPS or Word keeps the official
 * layout: A4, 37 mm top and 28 mm binding margins, 22 lines of 28.95 pt, 仿宋 body with a
 * two-character indent, 小标宋 title, 黑体 and 楷体 headings, “— 1 —” page numbers on the outer
 * side. The element order inside each part is the schema's: Word refuses a file that breaks it.
 *
 * Font names are the ones offices have; fontTable.xml gives each an alternative name that
 * LibreOffice and Word fall back on where only the other spelling is installed.
 */

#define G_LOG_DOMAIN "fazhi-report"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <zip.h>

#include "fazhi-docx.h"

#define XML_HEADER "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PACKAGE_RELATIONSHIPS "http://schemas.openxmlformats.org/package/2006/relationships"
#define RELATIONSHIP_TYPE NS_R "/"

/* Twentieths of a point. A4, and the margins of GB/T 9704: top 37 mm, bottom 35 mm, binding
 * (left) 28 mm, right 26 mm, which leave the 156 × 225 mm text block. */
#define PAGE_WIDTH 11906
#define PAGE_HEIGHT 16838
#define MARGIN_TOP 2098
#define MARGIN_BOTTOM 1984
#define MARGIN_LEFT 1587
#define MARGIN_RIGHT 1474
#define TEXT_WIDTH (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
/* The page number sits 7 mm below the text block: its line ends about 23 mm above the edge. */
#define FOOTER_DISTANCE 1304
/* 22 lines in the 225 mm text block: 28.95 pt. */
#define LINE_PITCH 579
/* One character of the 16 pt body, for indents given in twentieths of a point. */
#define BODY_CHARACTER 320

#define TITLE_FONT "方正小标宋简体"
#define BODY_FONT "仿宋_GB2312"
#define HEADING_FONT "黑体"
#define LEAD_FONT "楷体_GB2312"
#define PAGE_NUMBER_FONT "宋体"

/* Appends @text with what XML reserves escaped and the control characters it forbids left out. */
static void
append_escaped (GString    *xml,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (xml, "&amp;");
          break;
        case '<':
          g_string_append (xml, "&lt;");
          break;
        case '>':
          g_string_append (xml, "&gt;");
          break;
        case '"':
          g_string_append (xml, "&quot;");
          break;
        case '\'':
          g_string_append (xml, "&apos;");
          break;
        default:
          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
            break;
          g_string_append_len (xml, p, g_utf8_next_char (p) - p);
        }
    }
}

/* Runs of @text with @run_properties (a <w:rPr> or ""); a line break becomes <w:br/> and a tab
 * <w:tab/>, which is how Word keeps them. */
static void
append_runs (GString    *xml,
             const char *text,
             const char *run_properties)
{
  const char *p = text;

  g_string_append_printf (xml, "<w:r>%s", run_properties);
  while (*p != '\0')
    {
      gsize length = strcspn (p, "\n\t");

      if (length > 0)
        {
          g_autofree char *piece = g_strndup (p, length);

          g_string_append (xml, "<w:t xml:space=\"preserve\">");
          append_escaped (xml, piece);
          g_string_append (xml, "</w:t>");
          p += length;
        }

      if (*p == '\n')
        g_string_append (xml, "<w:br/>");
      else if (*p == '\t')
        g_string_append (xml, "<w:tab/>");
      if (*p != '\0')
        p++;
    }
  g_string_append (xml, "</w:r>");
}

static void
append_paragraph (GString    *xml,
                  const char *style,
                  const char *text)
{
  g_string_append (xml, "<w:p>");
  if (style != NULL)
    g_string_append_printf (xml, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
  if (text != NULL && *text != '\0')
    append_runs (xml, text, "");
  g_string_append (xml, "</w:p>\n");
}

static void
append_lead_paragraph (GString          *xml,
                       const FazhiBlock *block)
{
  g_string_append (xml, "<w:p>");
  if (block->lead != NULL && *block->lead != '\0')
    append_runs (xml, block->lead, "<w:rPr><w:rStyle w:val=\"Lead\"/></w:rPr>");
  if (block->text != NULL && *block->text != '\0')
    append_runs (xml, block->text, "");
  g_string_append (xml, "</w:p>\n");
}

/* The first column holds the labels and gets a third of the width; the others share the rest. */
static guint
column_width (guint n_columns,
              guint column)
{
  guint other;

  if (n_columns <= 1)
    return TEXT_WIDTH;

  other = TEXT_WIDTH * 2 / 3 / (n_columns - 1);
  return column == 0 ? TEXT_WIDTH - other * (n_columns - 1) : other;
}

static void
append_table (GString          *xml,
              const FazhiBlock *block)
{
  if (block->text != NULL && *block->text != '\0')
    append_paragraph (xml, "TableCaption", block->text);

  g_string_append_printf (xml,
                          "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
                          "<w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
                          "<w:tblBorders>"
                          "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                          "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                          "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                          "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                          "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                          "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                          "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
                          "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/>"
                          "</w:tblCellMar>"
                          "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\""
                          " w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>\n<w:tblGrid>",
                          TEXT_WIDTH);
  for (guint column = 0; column < block->n_columns; column++)
    g_string_append_printf (xml, "<w:gridCol w:w=\"%u\"/>", column_width (block->n_columns, column));
  g_string_append (xml, "</w:tblGrid>\n");

  for (guint r = 0; r < block->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (block->rows, r);
      gboolean header = r == 0;

      /* The header row repeats on every page the table runs onto. */
      g_string_append_printf (xml, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>",
                              header ? "<w:tblHeader/>" : "");
      for (guint column = 0; column < block->n_columns; column++)
        {
          gboolean label = column == 0 && !header;

          g_string_append_printf (xml,
                                  "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/>"
                                  "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"%s\"/></w:pPr>",
                                  column_width (block->n_columns, column), label ? "left" : "center");
          if (cells[column] != NULL && *cells[column] != '\0')
            append_runs (xml, cells[column], header ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : "");
          g_string_append (xml, "</w:p></w:tc>");
        }
      g_string_append (xml, "</w:tr>\n");
    }

  /* A paragraph after each table keeps two tables from running into one; a short one. */
  g_string_append (xml, "</w:tbl>\n<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>"
                   "<w:spacing w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:p>\n");
}

static char *
document_xml (FazhiDocument *document)
{
  GString *xml = g_string_new (XML_HEADER);

  g_string_append (xml, "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>\n");

  for (guint i = 0; i < document->blocks->len; i++)
    {
      const FazhiBlock *block = g_ptr_array_index (document->blocks, i);

      switch (block->kind)
        {
        case FAZHI_BLOCK_TITLE:
          append_paragraph (xml, "Title", block->text);
          break;
        case FAZHI_BLOCK_SUBTITLE:
          append_paragraph (xml, "Subtitle", block->text);
          break;
        case FAZHI_BLOCK_HEADING:
          append_paragraph (xml, "Heading1", block->text);
          break;
        case FAZHI_BLOCK_PARAGRAPH:
          append_lead_paragraph (xml, block);
          break;
        case FAZHI_BLOCK_TABLE:
          append_table (xml, block);
          break;
        case FAZHI_BLOCK_SIGNATURE:
          append_paragraph (xml, "Signature", block->text);
          break;
        case FAZHI_BLOCK_DATE:
          append_paragraph (xml, "Date", block->text);
          break;
        default:
          g_warn_if_reached ();
        }
    }

  g_string_append_printf (xml,
                          "<w:sectPr>"
                          "<w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"
                          "<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"
                          "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
                          "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\""
                          " w:header=\"851\" w:footer=\"%d\" w:gutter=\"0\"/>"
                          "<w:pgNumType w:fmt=\"decimal\"/><w:cols w:space=\"425\"/>"
                          "<w:docGrid w:type=\"lines\" w:linePitch=\"%d\"/>"
                          "</w:sectPr>\n</w:body></w:document>\n",
                          PAGE_WIDTH, PAGE_HEIGHT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT,
                          FOOTER_DISTANCE, LINE_PITCH);

  return g_string_free (xml, FALSE);
}

/* The page number “— N —” in 4号 宋体, one character in from the outer edge: right on odd pages,
 * left on even ones. */
static char *
footer_xml (gboolean odd)
{
  static const char number_font[] =
    "<w:rPr><w:rFonts w:ascii=\"" PAGE_NUMBER_FONT "\" w:hAnsi=\"" PAGE_NUMBER_FONT "\""
    " w:eastAsia=\"" PAGE_NUMBER_FONT "\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>";

  return g_strdup_printf (XML_HEADER
                          "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
                          "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/>%s</w:pPr>"
                          "<w:r>%s<w:t xml:space=\"preserve\">— </w:t></w:r>"
                          "<w:r>%s<w:fldChar w:fldCharType=\"begin\"/></w:r>"
                          "<w:r>%s<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
                          "<w:r>%s<w:fldChar w:fldCharType=\"separate\"/></w:r>"
                          "<w:r>%s<w:t>1</w:t></w:r>"
                          "<w:r>%s<w:fldChar w:fldCharType=\"end\"/></w:r>"
                          "<w:r>%s<w:t xml:space=\"preserve\"> —</w:t></w:r>"
                          "</w:p></w:ftr>\n",
                          odd ? "<w:ind w:right=\"280\"/><w:jc w:val=\"right\"/>"
                              : "<w:ind w:left=\"280\"/><w:jc w:val=\"left\"/>",
                          number_font, number_font, number_font, number_font, number_font,
                          number_font, number_font);
}

#define FONTS(east_asia) \
  "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" east_asia "\"" \
  " w:cs=\"Times New Roman\"/>"

static const char styles_xml[] =
  XML_HEADER
  "<w:styles xmlns:w=\"" NS_W "\">\n"
  "<w:docDefaults><w:rPrDefault><w:rPr>" FONTS (BODY_FONT)
  "<w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
  "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
  "<w:pPrDefault><w:pPr><w:spacing w:line=\"579\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault>"
  "</w:docDefaults>\n"
  /* Body: 3号 仿宋, first line indented two characters, exact 28.95 pt lines. */
  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:widowControl w:val=\"0\"/><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"
  "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/>"
  "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/></w:pPr>"
  "<w:rPr>" FONTS (BODY_FONT) "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\n"
  "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
  "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"
  "</w:style>\n"
  "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
  "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
  "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
  "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\n"
  /* Title: 2号 小标宋, centred, a blank line under it. */
  "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
  "<w:spacing w:before=\"0\" w:after=\"579\" w:line=\"579\" w:lineRule=\"exact\"/>"
  "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
  "<w:rPr>" FONTS (TITLE_FONT) "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>\n"
  "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"290\"/>"
  "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr></w:style>\n"
  /* Level 1: 黑体, indented like the body; level 2 is the run-in 楷体 “Lead”. */
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr>"
  "<w:rPr>" FONTS (HEADING_FONT) "</w:rPr></w:style>\n"
  /* A table's caption: 黑体 like a heading, on a shorter line. */
  "<w:style w:type=\"paragraph\" w:styleId=\"TableCaption\"><w:name w:val=\"Table Caption\"/>"
  "<w:basedOn w:val=\"Heading1\"/><w:next w:val=\"TableText\"/><w:qFormat/><w:pPr><w:keepNext/><w:snapToGrid w:val=\"0\"/>"
  "<w:spacing w:before=\"120\" w:line=\"400\" w:lineRule=\"exact\"/></w:pPr></w:style>\n"
  "<w:style w:type=\"character\" w:styleId=\"Lead\"><w:name w:val=\"Run-in Heading\"/><w:qFormat/>"
  "<w:rPr>" FONTS (LEAD_FONT) "</w:rPr></w:style>\n"
  /* The office and the date: right-aligned, four characters in from the right margin. */
  "<w:style w:type=\"paragraph\" w:styleId=\"Signature\"><w:name w:val=\"Signature\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:next w:val=\"Date\"/><w:pPr><w:keepNext/><w:spacing w:before=\"1158\"/>"
  "<w:ind w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/></w:pPr></w:style>\n"
  "<w:style w:type=\"paragraph\" w:styleId=\"Date\"><w:name w:val=\"Date\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:ind w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/></w:pPr></w:style>\n"
  /* Table cells: 五号 仿宋 on 14 pt lines off the page grid, so that a summary's four tables fit
   * on two pages. */
  "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:qFormat/><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"280\""
  " w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/></w:pPr>"
  "<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>\n"
  "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>"
  "<w:tblPr><w:tblBorders>"
  "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "</w:tblBorders></w:tblPr></w:style>\n"
  "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
  "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/></w:pPr>"
  "<w:rPr><w:rFonts w:ascii=\"" PAGE_NUMBER_FONT "\" w:hAnsi=\"" PAGE_NUMBER_FONT "\" w:eastAsia=\""
  PAGE_NUMBER_FONT "\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\n"
  "</w:styles>\n";

/* Odd and even pages have their own footers; Chinese punctuation is compressed as in WPS. */
static const char settings_xml[] =
  XML_HEADER
  "<w:settings xmlns:w=\"" NS_W "\"><w:zoom w:percent=\"100\"/>"
  "<w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>"
  "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
  "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\""
  " w:val=\"15\"/></w:compat>"
  "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>\n";

#define FONT(name, alternative, family) \
  "<w:font w:name=\"" name "\"><w:altName w:val=\"" alternative "\"/><w:charset w:val=\"86\"/>" \
  "<w:family w:val=\"" family "\"/><w:pitch w:val=\"fixed\"/></w:font>"

static const char font_table_xml[] =
  XML_HEADER
  "<w:fonts xmlns:w=\"" NS_W "\">"
  FONT (TITLE_FONT, "FZXiaoBiaoSong-B05S", "script")
  FONT (BODY_FONT, "仿宋", "modern")
  FONT (HEADING_FONT, "SimHei", "modern")
  FONT (LEAD_FONT, "楷体", "modern")
  FONT (PAGE_NUMBER_FONT, "SimSun", "auto")
  "<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
  "<w:pitch w:val=\"variable\"/></w:font>"
  "</w:fonts>\n";

#define CONTENT_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml."

static const char content_types_xml[] =
  XML_HEADER
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"" CONTENT_TYPE "document.main+xml\"/>"
  "<Override PartName=\"/word/styles.xml\" ContentType=\"" CONTENT_TYPE "styles+xml\"/>"
  "<Override PartName=\"/word/settings.xml\" ContentType=\"" CONTENT_TYPE "settings+xml\"/>"
  "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CONTENT_TYPE "fontTable+xml\"/>"
  "<Override PartName=\"/word/footer1.xml\" ContentType=\"" CONTENT_TYPE "footer+xml\"/>"
  "<Override PartName=\"/word/footer2.xml\" ContentType=\"" CONTENT_TYPE "footer+xml\"/>"
  "<Override PartName=\"/docProps/core.xml\""
  " ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
  "<Override PartName=\"/docProps/app.xml\""
  " ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
  "</Types>\n";

static const char package_relationships_xml[] =
  XML_HEADER
  "<Relationships xmlns=\"" NS_PACKAGE_RELATIONSHIPS "\">"
  "<Relationship Id=\"rId1\" Type=\"" RELATIONSHIP_TYPE "officeDocument\" Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"" NS_PACKAGE_RELATIONSHIPS "/metadata/core-properties\""
  " Target=\"docProps/core.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" RELATIONSHIP_TYPE "extended-properties\" Target=\"docProps/app.xml\"/>"
  "</Relationships>\n";

static const char document_relationships_xml[] =
  XML_HEADER
  "<Relationships xmlns=\"" NS_PACKAGE_RELATIONSHIPS "\">"
  "<Relationship Id=\"rIdStyles\" Type=\"" RELATIONSHIP_TYPE "styles\" Target=\"styles.xml\"/>"
  "<Relationship Id=\"rIdSettings\" Type=\"" RELATIONSHIP_TYPE "settings\" Target=\"settings.xml\"/>"
  "<Relationship Id=\"rIdFontTable\" Type=\"" RELATIONSHIP_TYPE "fontTable\" Target=\"fontTable.xml\"/>"
  "<Relationship Id=\"rIdFooterOdd\" Type=\"" RELATIONSHIP_TYPE "footer\" Target=\"footer1.xml\"/>"
  "<Relationship Id=\"rIdFooterEven\" Type=\"" RELATIONSHIP_TYPE "footer\" Target=\"footer2.xml\"/>"
  "</Relationships>\n";

static const char app_xml[] =
  XML_HEADER
  "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
  " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
  "<Application>Fazhi Ledger " PACKAGE_VERSION "</Application></Properties>\n";

/* The title (its lines joined) names the file in the properties WPS and Word show. */
static char *
core_xml (FazhiDocument *document)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  GString *xml = g_string_new (XML_HEADER);

  g_string_append (xml,
                   "<cp:coreProperties"
                   " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                   " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                   " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\""
                   " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");

  for (guint i = 0; i < document->blocks->len; i++)
    {
      const FazhiBlock *block = g_ptr_array_index (document->blocks, i);
      g_auto(GStrv) lines = NULL;
      g_autofree char *title = NULL;

      if (block->kind != FAZHI_BLOCK_TITLE || block->text == NULL)
        continue;

      lines = g_strsplit (block->text, "\n", -1);
      title = g_strjoinv ("", lines);
      g_string_append (xml, "<dc:title>");
      append_escaped (xml, title);
      g_string_append (xml, "</dc:title>");
      break;
    }

  g_string_append_printf (xml,
                          "<dc:language>zh-CN</dc:language>"
                          "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
                          "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
                          "</cp:coreProperties>\n",
                          timestamp, timestamp);

  return g_string_free (xml, FALSE);
}

static gboolean
add_part (zip_t       *archive,
          const char  *name,
          const char  *content,
          const char  *path,
          GError     **error)
{
  zip_source_t *source = zip_source_buffer (archive, content, strlen (content), 0);

  if (source == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   zip_strerror (archive));
      return FALSE;
    }

  if (zip_file_add (archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   zip_strerror (archive));
      zip_source_free (source);
      return FALSE;
    }

  return TRUE;
}

gboolean
fazhi_docx_write (FazhiDocument  *document,
                  const char     *path,
                  GError        **error)
{
  g_autofree char *document_part = NULL;
  g_autofree char *odd_footer = NULL;
  g_autofree char *even_footer = NULL;
  g_autofree char *core_part = NULL;
  zip_t *archive;
  int zip_code = 0;
  gboolean added;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zip_code);
  if (archive == NULL)
    {
      zip_error_t zip_error;

      zip_error_init_with_code (&zip_error, zip_code);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   zip_error_strerror (&zip_error));
      zip_error_fini (&zip_error);
      return FALSE;
    }

  /* The buffers are read only when the archive is closed: they live until then. */
  document_part = document_xml (document);
  odd_footer = footer_xml (TRUE);
  even_footer = footer_xml (FALSE);
  core_part = core_xml (document);

  added = add_part (archive, "[Content_Types].xml", content_types_xml, path, error)
          && add_part (archive, "_rels/.rels", package_relationships_xml, path, error)
          && add_part (archive, "word/document.xml", document_part, path, error)
          && add_part (archive, "word/_rels/document.xml.rels", document_relationships_xml, path, error)
          && add_part (archive, "word/styles.xml", styles_xml, path, error)
          && add_part (archive, "word/settings.xml", settings_xml, path, error)
          && add_part (archive, "word/fontTable.xml", font_table_xml, path, error)
          && add_part (archive, "word/footer1.xml", odd_footer, path, error)
          && add_part (archive, "word/footer2.xml", even_footer, path, error)
          && add_part (archive, "docProps/core.xml", core_part, path, error)
          && add_part (archive, "docProps/app.xml", app_xml, path, error);

  if (!added)
    {
      zip_discard (archive);
      return FALSE;
    }

  if (zip_close (archive) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   zip_strerror (archive));
      zip_discard (archive);
      return FALSE;
    }

  return TRUE;
}
