"""Regio: every gemeente, the regional spinnenweb, x van y, what stands out, toelichtingen."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import definitions
from analysis.charts import standards_table
from analysis.formatting import long_date, moment, percent
from analysis.regional_charts import WITHHELD, multiples_table, regio_radar, regio_table, small_multiples
from domain.access import Role
from services import ServiceError
from services.regio import get_regio
from services.regio_exports import (
    FORMATS,
    anonymised,
    anonymised_file,
    internal_file,
    internal_file_name,
    masked_summary,
    parse_extra_words,
)
from services.regio_report import regio_report, regio_rounds
from services.workbooks import regio_archive
from ui import auth, runtime
from ui.downloads import download_button
from ui.round_header import DEMO_NOTICE
from ui.text import md, plain, table

principal = auth.require(Role.REGIO)
engine = runtime.engine()
assert principal.regio_id is not None
regio = get_regio(engine, principal, regio_id=principal.regio_id)
st.title(f"Regio: {md(regio.name)}")
if regio.is_demo:
    st.info(DEMO_NOTICE, icon=":material/info:")

CHOICES = {
    "laatste": "De laatste ronde van elke gemeente",
    "periode": "De laatste ronde binnen een periode",
    "zelf": "Per gemeente zelf kiezen",
}
choice = st.radio(
    "Welke rondes tellen mee?", list(CHOICES), format_func=CHOICES.get, horizontal=True, key="regio_keuze"
)
all_rounds = regio_rounds(engine, principal, regio_id=regio.id)
period = None
chosen_rounds: dict[int, int] = {}
if choice == "zelf":
    st.caption(
        "Alleen rondes met antwoorden kunnen meetellen. Laat 'De laatste ronde met antwoorden' staan om niets te "
        "veranderen."
    )
    for gemeente, rounds in all_rounds:
        options = [r for r in rounds if r.answered]
        if not options:
            continue
        picked = st.selectbox(
            f"Ronde van {md(gemeente.name)}",
            [None, *(r.id for r in options)],
            format_func=lambda i, options=options: (
                "De laatste ronde met antwoorden"
                if i is None
                else next(
                    f"{r.purpose.short_label} van {long_date(r.held_on)} ({r.answered} van {r.total} beantwoord)"
                    for r in options
                    if r.id == i
                )
            ),
            key=f"regio_ronde_{gemeente.id}",
        )
        if picked is not None:
            chosen_rounds[gemeente.id] = picked
if choice == "periode":
    left, right = st.columns(2)
    start = left.date_input("Van", value=date(date.today().year - 2, 1, 1), format="DD-MM-YYYY", key="regio_van")
    end = right.date_input("Tot en met", value=date.today(), format="DD-MM-YYYY", key="regio_tot")
    period = (start, end) if isinstance(start, date) and isinstance(end, date) else None
try:
    report = regio_report(engine, principal, regio_id=principal.regio_id, period=period, chosen_rounds=chosen_rounds)
except ServiceError as exc:
    st.error(md(str(exc)))
    st.stop()

minimum = report.regio.min_gemeenten
counted = report.counted
st.write(
    f"{len(counted)} van {len(report.gemeenten)} gemeenten hebben een ronde die meetelt. "
    f"Cijfers die op minder dan {minimum} gemeenten rusten, worden zonder namen niet getoond."
)

st.header("Gemeenten en hun rondes")
counting = {g.round_id for g in counted}
rows = []
for gemeente, rounds in all_rounds:
    if not rounds:
        rows.append(
            {"Gemeente": gemeente.name, "Ronde": "nog geen ronde", "Telt mee": "–", "Blok 1": "–", "Blok 2": "–",
             "Laatst gewijzigd": "–"}
        )  # fmt: skip
    for summary in rounds:
        rows.append(
            {
                "Gemeente": gemeente.name,
                "Ronde": f"{summary.purpose.short_label}, {long_date(summary.held_on)}",
                "Telt mee": "ja" if summary.id in counting else ("nee, nog leeg" if not summary.answered else "nee"),
                "Blok 1": f"{summary.answered_by_block.get(1, 0)} van {summary.block_sizes.get(1, 0)}",
                "Blok 2": f"{summary.answered_by_block.get(2, 0)} van {summary.block_sizes.get(2, 0)}",
                "Laatst gewijzigd": moment(summary.last_change),
            }
        )
table(rows)

st.header("Spinnenweb van de regio")
st.write(
    "Per standaard het gemiddelde van de gemeenten: het deel van hun beantwoorde vragen dat op orde is. "
    "Bij elke as staat op hoeveel gemeenten het cijfer rust (n)."
)
names = {g.gemeente_id: g.gemeente_name for g in counted}
overlay_id = st.selectbox(
    "Eén gemeente naast het gemiddelde zetten (alleen voor intern gebruik)",
    list(names),
    index=None,
    format_func=names.__getitem__,
    placeholder="Geen gemeente",
)
overlay = next(((g.gemeente_name, g.result) for g in counted if g.gemeente_id == overlay_id and g.result), None)
st.plotly_chart(
    regio_radar(list(report.average), f"Spinnenweb {regio.name}", overlay, minimum),
    config={"displaylogo": False, "locale": "nl"},
    alt="Spinnenweb van de regio. De cijfers staan in de tabel hieronder.",
)
st.markdown("**Tabel bij de spinnenweb van de regio**")
table(regio_table(list(report.standards), list(report.average), minimum))
st.caption(f"{definitions.MEAN_SHARE} {definitions.WHOLE_STANDARD}")
if overlay is not None:
    st.markdown(f"**Tabel bij {md(overlay[0])}**")
    table(standards_table(overlay[1]))

st.header("Wat valt op")
found = report.highlights
if found.most_niet_op_orde:
    st.subheader("Vragen die het vaakst niet op orde zijn")
    for q in found.most_niet_op_orde:
        st.write(
            f"Vraag {q.number} (standaard {q.standard}): bij {q.niet_op_orde} van {q.y} gemeenten "
            f"niet op orde. {q.text}"
        )
if found.lowest_standards:
    st.subheader("Standaarden met de laagste score")
    for s in found.lowest_standards:
        st.write(
            f"Standaard {s.number}, {s.short_name}: gemiddeld {percent(s.mean_share)} op orde "
            f"({s.answered_by} gemeenten)."
        )
if found.most_different:
    st.subheader("Waar gemeenten het meest verschillen")
    for spread in found.most_different:
        st.write(
            f"Standaard {spread.number}, {spread.short_name}: van {percent(spread.lowest)} tot "
            f"{percent(spread.highest)} op orde ({spread.gemeenten} gemeenten)."
        )
if found.most_split:
    st.subheader("Vragen waarover gemeenten het meest verdeeld zijn")
    for q in found.most_split:
        st.write(f"Vraag {q.number} (standaard {q.standard}): {q.x} van {q.y} gemeenten op orde. {q.text}")
if not (found.most_niet_op_orde or found.lowest_standards or found.most_different):
    st.write("Er zijn nog te weinig antwoorden om iets te laten opvallen.")

st.header("x van y gemeenten, per vraag")
st.caption(definitions.PER_QUESTION)
table(
    [
        {
            "Vraag": f"{q.number}. {q.text}",
            "Standaard": q.standard,
            "Op orde": WITHHELD if q.withheld else f"{q.x} van {q.y} gemeenten",
        }
        for q in report.questions
    ]
)

st.header("Alle gemeenten naast elkaar")
if counted:
    named = [(g.gemeente_name, g.result) for g in counted if g.result]
    st.plotly_chart(
        small_multiples(named),
        config={"displaylogo": False},
        alt="Een kleine spinnenweb per gemeente. De cijfers staan in de tabel hieronder.",
    )
    table(multiples_table(named))

st.header("Toelichtingen per standaard")
st.write("Met de naam van de gemeente: alleen voor intern gebruik in het regioteam.")
for standard in report.standards:
    notes = [t for t in report.toelichtingen if t.standard == standard.number]
    with st.expander(f"Standaard {standard.number}: {standard.short_name} ({len(notes)} toelichtingen)"):
        for note in notes:
            answer = {True: "op orde", False: "niet op orde", None: "niet beantwoord"}[note.op_orde]
            st.markdown(f"**{md(note.gemeente_name)}**, vraag {note.question_number} ({answer}):")
            plain(note.text)

st.header("Delen buiten het regioteam")
st.write(
    "Deze bestanden noemen geen gemeenten: niet in de cellen, de bladnamen, de grafiek, de bestandsnaam "
    f"of de eigenschappen van het bestand. Cijfers die op minder dan {minimum} gemeenten rusten, staan er niet in."
)
include = st.checkbox("Toelichtingen meenemen (namen van gemeenten worden vervangen door [gemeente])")
duiding = st.text_area("Duiding door de regio (komt in de factsheet en het werkboek)", max_chars=5000)
extra_words: tuple[str, ...] = ()
if include:
    extra_words = parse_extra_words(
        st.text_area(
            "Ook deze woorden weglaten (bijvoorbeeld een wijk, een team of een persoon; één per regel of met komma's)",
            max_chars=2000,
        )
    )
figures = anonymised(report, include_toelichtingen=include, duiding=duiding, extra_words=extra_words)
if include:
    found = masked_summary(report, extra_words)
    if found:
        st.write("Deze woorden worden vervangen door [gemeente]:")
        table([{"Woord zoals getypt": word, "Aantal keer": count} for word, count in found])
    else:
        st.write("In de toelichtingen staat geen naam van een gemeente.")
    with st.expander(f"Bekijk de toelichtingen zoals ze in de bestanden komen ({len(figures.toelichtingen)})"):
        for note in figures.toelichtingen:
            st.markdown(f"Standaard {note.standard}, vraag {note.question_number}:")
            plain(note.text)
labels = {
    "xlsx": "Werkboek zonder namen (.xlsx)",
    "csv": "Cijfers zonder namen (.csv)",
    "html": "Factsheet om te printen (.html)",
}
for column, (kind, label) in zip(st.columns(3), labels.items(), strict=True):
    file_name, _, mime = FORMATS[kind]
    download_button(
        label,
        make=lambda kind=kind: anonymised_file(figures, kind)[1],  # made on click, not on every run
        file_name=file_name.format(stamp=figures.made_on.isoformat()),
        mime=mime,
        container=column,
    )

st.header("Werkboek per gemeente (intern)")
st.write(
    "Een blad per gemeente met haar spinnenweb, voor gesprekken met de gemeenten zelf. Dit bestand noemt gemeenten."
)
download_button(
    "Werkboek per gemeente (.xlsx)",
    make=lambda: internal_file(report)[1],
    file_name=internal_file_name(),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.header("Archief")
st.write("Alle rondes van alle gemeenten in één Excel-werkboek, een blad per ronde. Dit bestand noemt gemeenten.")
download_button(
    "Alle rondes als één werkboek (.xlsx)",
    make=lambda: regio_archive(engine, principal, regio_id=regio.id)[1],
    file_name=f"zelfscan-archief-{date.today().isoformat()}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
