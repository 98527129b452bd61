"""The one writer of our HTML documents (the factsheet, the verslag, the plan as PDF): every text is escaped by
domain/markup.py, which every writer uses to put texts into its markup; a body that is not such markup is refused.

`document` makes the whole page (Dutch, its title, the shared table style and the document's own);
`table` a table with a repeating header row. exports/pdf_writer.py turns such a page into a PDF.
"""

from __future__ import annotations

from domain.markup import Html, fill, join

TABLE_STYLE = """
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #595959; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
figure { margin: 0; } .kort { white-space: nowrap; width: 1%; }
"""


def document(title: str, body: Html, style: str = "") -> str:
    """A whole HTML page; `body` is markup made with domain/markup.py, so every text in it is escaped there."""
    if not isinstance(body, Html):
        raise TypeError("a document's body is markup made with domain.markup (fill, join), never a plain string")
    return fill(
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>{style}</style></head>\n<body>\n{body}\n</body></html>",
        title=title,
        style=Html(TABLE_STYLE + style),  # our own style sheets, never a person's text
        body=body,
    )


def colgroup(widths: tuple[int, ...]) -> Html:
    """Column widths in percent of the table's width."""
    if not widths:
        return Html("")
    return fill("<colgroup>{cols}</colgroup>", cols=join(fill('<col style="width:{w}%">', w=w) for w in widths))


def thead(header: tuple[str, ...]) -> Html:
    return fill("<thead><tr>{cells}</tr></thead>", cells=join(fill("<th>{h}</th>", h=h) for h in header))


def table(
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    *,
    caption: str = "",
    widths: tuple[int, ...] = (),
    wide: tuple[int, ...] | None = None,
) -> Html:
    """A table of texts. With `wide`, only those columns wrap; the others stay on one line, as narrow as they can."""

    def cell(tag: str, i: int, text: str) -> Html:
        short = wide is not None and i not in wide
        return fill(
            '<{tag} class="kort">{text}</{tag}>' if short else "<{tag}>{text}</{tag}>", tag=Html(tag), text=text
        )

    body = join(fill("<tr>{cells}</tr>", cells=join(cell("td", i, c) for i, c in enumerate(row))) for row in rows)
    head = fill("<thead><tr>{cells}</tr></thead>", cells=join(cell("th", i, h) for i, h in enumerate(header)))
    caption_html = fill("<caption>{caption}</caption>", caption=caption) if caption else Html("")
    return fill(
        "<table>{caption}{cols}{head}<tbody>{body}</tbody></table>",
        caption=caption_html,
        cols=colgroup(widths),
        head=head,
        body=body,
    )
