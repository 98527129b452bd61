"""The one writer of PDF files: an HTML document of ours, rendered by WeasyPrint.

Every PDF the app hands out goes through `html_to_pdf`:
- nothing is fetched while rendering: only `data:` addresses (our own charts) are read, so
  text a person typed can never make the server load a file or an address;
- the PDF is tagged (PDF/UA-1): language, title and reading order travel with it, for
  screen readers;
- its properties are ours: title, created and modified now, no author, no personal name;
- pages are A4 and numbered "Pagina x van y"; table rows never split across pages and
  a table's header row repeats on each page (see PAGE_STYLE).
"""

from __future__ import annotations

from datetime import UTC, datetime

from domain.markup import Html, fill

GENERATOR = "Zelfscan Werken aan veiligheid"
PAGE_STYLE = """
@page { size: A4 %(orientation)s; margin: 18mm 16mm 20mm;
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font: 9pt Arial, sans-serif; }
  @bottom-left { content: string(doc-title); font: 9pt Arial, sans-serif; color: #404040; } }
h1 { string-set: doc-title content(); }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.4; margin: 0;
  max-width: none; }
h1, h2, h3 { break-after: avoid; }
tr, li, figure, img, svg, .keep { break-inside: avoid; }
thead { display: table-header-group; }
"""


def html_to_pdf(html: str, *, when: datetime | None = None, landscape: bool = False) -> bytes:
    """Render one of our HTML documents to PDF.

    `html` is a whole document with a <title> in its <head>, user text already escaped.
    The page rules come after the document's own style, so screen layout (width,
    margins) gives way to the page's.
    """
    if "</head>" not in html or "<title>" not in html:
        raise ValueError("a whole HTML document with a title is needed")
    moment = (when or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    head = fill(
        '<meta name="dcterms.created" content="{moment}"><meta name="dcterms.modified" content="{moment}">'
        '<meta name="generator" content="{generator}"><style>{style}</style>',
        moment=moment,
        generator=GENERATOR,
        style=Html(PAGE_STYLE % {"orientation": "landscape" if landscape else "portrait"}),  # our own style sheet
    )
    document = html.replace("</head>", head + "</head>", 1)
    from weasyprint import HTML  # here, not at the top: the app starts (and loads Pango) without it
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=document, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
