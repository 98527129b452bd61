"""The one writer of our HTML documents (the factsheet, the verslag, the plan as PDF): every text escaped here.

`document` makes the whole page (Dutch, its title, the shared table style and the document's own);
`table` a table with a repeating header row. exports/pdf_writer.py turns such a page into a PDF.
"""

from __future__ import annotations

from html import escape

TABLE_STYLE = """
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #595959; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
figure { margin: 0; } .kort { white-space: nowrap; width: 1%; }
"""


def document(title: str, body: str, style: str = "") -> str:
    """A whole HTML page; `body` is HTML we made, with every text in it escaped."""
    return (
        f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{TABLE_STYLE}{style}</style></head>\n<body>\n{body}\n</body></html>"
    )


def colgroup(widths: tuple[int, ...]) -> str:
    """Column widths in percent of the table's width."""
    return "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>" if widths else ""


def thead(header: tuple[str, ...]) -> str:
    return "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead>"


def table(
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    *,
    caption: str = "",
    widths: tuple[int, ...] = (),
    wide: tuple[int, ...] | None = None,
) -> str:
    """A table of texts. With `wide`, only those columns wrap; the others stay on one line, as narrow as they can."""

    def cell(tag: str, i: int, text: str) -> str:
        short = wide is not None and i not in wide
        return f'<{tag} class="kort">{escape(text)}</{tag}>' if short else f"<{tag}>{escape(text)}</{tag}>"

    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    head = "<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(header)) + "</tr></thead>"
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{caption_html}{colgroup(widths)}{head}<tbody>{body}</tbody></table>"
