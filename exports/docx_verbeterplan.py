"""A verbeterplan as a Word document (.docx) that opens and edits in Word and LibreOffice.

Real headings (so the navigation pane and a table of contents work), the six VNG
columns in every action table with a repeating header row, the spinnenweb as a
picture with the same figures in a table beside it, and Dutch dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

from analysis.definitions import MEAN_SHARE, SHARE_OF_ROUND
from analysis.formatting import long_date, percent
from analysis.verbeterplan import ClusterSection, PlanView, StandardSection
from domain.plan import ACTION_COLUMNS, GUIDANCE, PLAN_TEXT_FIELDS, ActionStatus, PlanAction, PlanKind, PlanLayout

# Maatregel, stand van zaken, omschrijving, resultaat, wie, planning: 25.7 cm, the width of A4 landscape.
ACTION_WIDTHS_CM = (4.6, 5.0, 5.4, 4.6, 2.7, 3.4)
DECISIONS = ("commissioner", "author", "presented_to", "adoption", "repeat_scan")
PROGRESS_COLUMNS = ("Cluster", "Acties", "Gepland", "In uitvoering", "Gereed", "Bijgesteld", "Vervallen", "Gereed (%)")


def verbeterplan_docx(view: PlanView, radar: bytes, *, today: date, cover: bool = False) -> bytes:
    """`cover`: the title block on a page of its own (gemeente or regio, period, state of the actions, date)."""
    plan = view.plan
    document = Document()
    _page_setup(document)
    _properties(document, plan.texts["title"] or "Verbeterplan", today)
    texts = plan.texts
    document.add_heading(texts["title"] or "Verbeterplan", level=0)
    whose = "Regio" if plan.info.kind is PlanKind.REGIO else "Gemeente"
    document.add_paragraph(f"{whose}: {view.subject}")
    document.add_paragraph(f"Periode: {texts['period'] or 'nog niet ingevuld'}")
    document.add_paragraph(f"Stand van de acties: {state_of_actions(view)}.")
    document.add_paragraph(f"Gebaseerd op: {view.based_on}. Versie van {long_date(today)}.")
    if cover:
        document.add_page_break()

    for field in ("introduction", "context", "summary"):
        _text_section(document, PLAN_TEXT_FIELDS[field], texts[field], field)

    document.add_heading("Spinnenweb", level=1)
    document.add_picture(BytesIO(radar), width=Cm(15))
    caption = "het gemiddelde van de gemeenten" if plan.info.kind is PlanKind.REGIO else "deze ronde"
    document.add_paragraph(
        f"Per standaard het deel van de beantwoorde vragen dat op orde is ({caption}). Dezelfde cijfers:"
    )
    document.add_paragraph(MEAN_SHARE if plan.info.kind is PlanKind.REGIO else SHARE_OF_ROUND)
    figures_table = _table(
        document,
        ("Standaard", "Op orde", "Score"),
        [(f"{f.number}. {f.short_name}", percent(f.share), f.score_line) for f in view.figures],
    )
    _widths(figures_table, (9.0, 3.0, 13.7))

    for cluster in view.clusters:
        _cluster(document, view, cluster)
    if uses_practices(view):
        document.add_paragraph(
            f"Een deel van de maatregelen is gebaseerd op voorbeelden uit de praktijk. "
            f"Bron: {view.questionnaire.practices_source}."
        )

    document.add_heading("Voortgang per cluster", level=1)
    if view.follow_up is not None:
        document.add_paragraph(
            f"{view.follow_up.label}. Bij elke actie staat in de kolom Planning hoe haar vragen daarin scoren."
        )
    progress_table = _table(
        document,
        PROGRESS_COLUMNS,
        [
            (
                f"{p.code}. {p.name}",
                str(p.total),
                *(str(count) for count in p.counts.values()),
                "nog geen acties" if p.done_share is None else percent(p.done_share),
            )
            for p in view.progress
        ],
    )
    _widths(progress_table, (7.0, 2.5, 2.5, 2.8, 2.5, 2.5, 2.5, 3.4))
    for field in ("costs", "monitoring", "securing"):
        _text_section(document, PLAN_TEXT_FIELDS[field], texts[field], field)
    document.add_heading("Besluitvorming", level=1)
    decisions = _table(document, ("Besluitpunt", "Afspraak"), [(PLAN_TEXT_FIELDS[f], texts[f]) for f in DECISIONS])
    for row, field in zip(decisions.rows[1:], DECISIONS, strict=True):
        if not texts[field].strip():
            _guide_cell(row.cells[1], field, PLAN_TEXT_FIELDS[field])
    _widths(decisions, (8, 17.7))

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: Document) -> None:
    """A4 landscape: six columns need the width."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "nl-NL")
    normal.element.get_or_add_rPr().append(language)


def _properties(document: Document, title: str, today: date) -> None:
    """No template leftovers and no person's name in the file's metadata."""
    properties = document.core_properties
    properties.title = title
    properties.subject = "Verbeterplan Werken aan veiligheid"
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.language = "nl-NL"
    properties.revision = 1
    made = datetime.now(UTC).replace(tzinfo=None, microsecond=0)  # python-docx's template says 2013
    properties.created = properties.modified = made


def uses_practices(view: PlanView) -> bool:
    texts = [p.text for p in view.questionnaire.practices]
    return any(t in action.measure for action in view.plan.live_actions for t in texts)


def state_of_actions(view: PlanView) -> str:
    totals: dict[ActionStatus, int] = dict.fromkeys(ActionStatus, 0)
    for progress in view.progress:
        for status, count in progress.counts.items():
            totals[status] += count
    shown = [f"{count} {status.label.lower()}" for status, count in totals.items() if count]
    return ", ".join(shown) if shown else "nog geen acties"


def _text_section(document: Document, heading: str, text: str, field: str) -> None:
    document.add_heading(heading, level=1)
    if text.strip():
        _paragraphs(document, text)
    else:
        placeholder = document.add_paragraph()
        placeholder._p.addnext(guidance(GUIDANCE[field], heading))
        placeholder._p.getparent().remove(placeholder._p)


def guidance(text: str, alias: str) -> OxmlElement:
    """A content control holding grey guidance ("Vul in: ..."): Word and LibreOffice show it as a
    placeholder, which goes away as soon as someone types in it."""
    sdt, properties, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    name = OxmlElement("w:alias")
    name.set(qn("w:val"), alias)
    kind = OxmlElement("w:text")
    kind.set(qn("w:multiLine"), "1")
    properties.extend([name, OxmlElement("w:showingPlcHdr"), kind])
    paragraph, run, run_properties, words = (OxmlElement(t) for t in ("w:p", "w:r", "w:rPr", "w:t"))
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "595959")  # 7:1 on white
    run_properties.extend([OxmlElement("w:i"), colour])
    words.text = text
    run.extend([run_properties, words])
    paragraph.append(run)
    content.append(paragraph)
    sdt.extend([properties, content])
    return sdt


def _paragraphs(document: Document, text: str, empty: str = "Nog niet ingevuld.") -> None:
    lines = text.strip().splitlines() if text.strip() else [empty]
    for line in lines:
        document.add_paragraph(line)


def _cluster(document: Document, view: PlanView, cluster: ClusterSection) -> None:
    document.add_heading(f"Cluster {cluster.code}: {cluster.name}", level=1)
    per_standard = view.plan.info.layout is PlanLayout.PER_STANDAARD
    for section in cluster.standards:
        _standard(document, section)
        if per_standard:
            if section.actions:
                _action_table(document, view, [(None, section.actions)])
            elif not section.figures.fully_op_orde:
                document.add_paragraph("Nog geen verbeteracties bij deze standaard.")
    if not per_standard:
        groups = [(f"Standaard {s.figures.number}: {s.figures.short_name}", s.actions) for s in cluster.standards]
        groups = [(label, actions) for label, actions in groups if actions]
        document.add_heading(f"Verbeteracties cluster {cluster.code}", level=2)
        if groups:
            _action_table(document, view, groups)
        else:
            document.add_paragraph("Nog geen verbeteracties in dit cluster.")


def _standard(document: Document, section: StandardSection) -> None:
    figures = section.figures
    document.add_heading(f"Standaard {figures.number}: {figures.short_name}", level=2)
    document.add_paragraph(figures.description).runs[0].italic = True
    document.add_paragraph(f"Score: {figures.score_line}")
    if figures.gaps:
        document.add_paragraph("Niet op orde:")
        for gap in figures.gaps:
            document.add_paragraph(gap, style="List Bullet")
    if figures.fully_op_orde:
        document.add_paragraph("Deze standaard is helemaal op orde.")
        document.add_paragraph("Zo houden we dit op orde:")
        _paragraphs(document, section.keep_note)
    elif section.keep_note.strip():
        document.add_paragraph("Notitie:")
        _paragraphs(document, section.keep_note)


def _action_table(document: Document, view: PlanView, groups: list[tuple[str | None, Iterable[PlanAction]]]) -> None:
    table = _table(document, tuple(ACTION_COLUMNS.values()), [])
    for label, actions in groups:
        if label is not None:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = label
            merged.paragraphs[0].runs[0].bold = True
        for action in actions:
            cells = table.add_row().cells
            for cell, value, field in zip(cells, action_cells(view, action), ACTION_COLUMNS, strict=True):
                if value.strip() or field not in GUIDANCE:
                    cell.text = value
                else:
                    _guide_cell(cell, field, ACTION_COLUMNS[field])
    keep_rows_whole(table)
    _widths(table, ACTION_WIDTHS_CM)


def _guide_cell(cell, field: str, alias: str) -> None:  # type: ignore[no-untyped-def]
    """An empty cell gets the field's guidance, as a placeholder that typing replaces."""
    tc = cell._tc
    for paragraph in tc.findall(qn("w:p")):
        tc.remove(paragraph)
    tc.append(guidance(GUIDANCE[field], alias))


def _widths(table: Table, centimetres: tuple[float, ...]) -> None:
    """Fixed column widths that suit each column's content (Word and LibreOffice both keep them)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        start = 0
        for tc in row._tr.tc_lst:  # a merged cell (a group label) gets the width of the columns it spans
            tc.width = Cm(sum(centimetres[start : start + tc.grid_span]))
            start += tc.grid_span
    for column, width in zip(table.columns, centimetres, strict=False):
        column.width = Cm(width)


def action_cells(view: PlanView, action: PlanAction) -> list[str]:
    measure = action.measure or "(nog geen maatregel)"
    refs = ", ".join(str(n) for n in action.question_numbers)
    measure += f"\n{action.level.label}" + (f"; vraag {refs}" if refs else "")
    planning = [action.planning] if action.planning else []
    if action.start_on:
        planning.append(f"Start: {long_date(action.start_on)}")
    if action.due_on:
        planning.append(f"Gereed: {long_date(action.due_on)}")
    planning.append(f"Status: {action.status.label}")
    if view.follow_up is not None:
        planning.extend(q.line for q in view.follow_up.of(action))
    return [
        measure,
        action.current_state,
        action.description,
        action.intended_result,
        action.owner,
        "\n".join(planning),
    ]


def _table(document: Document, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    keep_rows_whole(table)
    document.add_paragraph()
    return table


def keep_rows_whole(table: Table) -> None:
    """A row never splits over two pages (Word's "Rij mag over pagina's worden afgebroken" off)."""
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        if properties.find(qn("w:cantSplit")) is None:
            properties.append(OxmlElement("w:cantSplit"))


def _repeat_header(table: Table) -> None:
    """The header row comes back on every page, and screen readers read it as a header."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
