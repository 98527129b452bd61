"""Regio: every gemeente, the regional spinnenweb, x van y, what stands out, toelichtingen, sharing.

The page is in parts; only the chosen part is drawn (a regio of 30 gemeenten has ~900
toelichtingen), and the part is kept in the address (?onderdeel=...), so a link or a reload
opens the same part.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import definitions
from analysis.formatting import long_date, moment, percent
from domain.calendar import dutch_today
from exports.svg_radar import small_multiples_html
from pictures.charts import standards_table
from pictures.regional_charts import multiples_table, regio_radar, regio_table
from services import ServiceError
from services.indicators import latest
from services.publications import NOTHING_YET, Selection
from services.publications import latest as latest_publication
from services.regio import get_regio
from services.regio_report import regio_report, regio_rounds
from ui import auth, regio_rules, regio_sharing, runtime
from ui.actions import show_notice
from ui.national_joining import national_choice
from ui.round_header import DEMO_NOTICE
from ui.text import md, table

principal = auth.require("regio")
engine = runtime.engine()
assert principal.regio_id is not None
regio = get_regio(engine, principal, regio_id=principal.regio_id)
st.title(f"Regio: {md(regio.name)}")
show_notice()
if regio.is_demo:
    st.info(DEMO_NOTICE, icon=":material/info:")

CHOICES = {
    "laatste": "Volgens de regel van de regio",
    "periode": "Binnen een periode",
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
        "Alleen rondes met antwoorden kunnen meetellen. Laat 'Volgens de regel van de regio' staan om niets te "
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
                "Volgens de regel van de regio"
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
    start = left.date_input("Van", value=date(dutch_today().year - 2, 1, 1), format="DD-MM-YYYY", key="regio_van")
    end = right.date_input("Tot en met", value=dutch_today(), format="DD-MM-YYYY", key="regio_tot")
    period = (start, end) if isinstance(start, date) and isinstance(end, date) else None
try:
    report = regio_report(engine, principal, regio_id=principal.regio_id, period=period, chosen_rounds=chosen_rounds)
except ServiceError as exc:
    st.error(md(str(exc)))
    st.stop()

selection = Selection(period=period, chosen=tuple(sorted(chosen_rounds.items())))
counted = report.counted
st.write(f"{md(report.selection)} {len(counted)} van {len(report.gemeenten)} gemeenten hebben een ronde die meetelt.")
st.caption(
    "De cijfers op deze pagina zijn voor het regioteam: precies, en met namen waar dat erbij staat. Wat de regio "
    "buiten het regioteam deelt, legt u vast bij 'Delen en downloaden'; daar gelden de regels voor kleine aantallen."
)
for line in report.left_out:  # rounds of another questionnaire version: what cannot be compared, and why
    st.caption(md(line))


def overview() -> None:
    """Every gemeente with its rounds, and which one counts."""
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
                    "Telt mee": "ja"
                    if summary.id in counting
                    else ("nee, nog leeg" if not summary.answered else "nee"),
                    "Blok 1": f"{summary.answered_by_block.get(1, 0)} van {summary.block_sizes.get(1, 0)}",
                    "Blok 2": f"{summary.answered_by_block.get(2, 0)} van {summary.block_sizes.get(2, 0)}",
                    "Laatst gewijzigd": moment(summary.last_change),
                }
            )
    table(rows)


def regional_radar() -> None:
    """The regional spinnenweb with its table, and what stands out."""
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
        regio_radar(list(report.average), f"Spinnenweb {regio.name}", overlay),
        config={"displaylogo": False, "locale": "nl"},
        alt="Spinnenweb van de regio. De cijfers staan in de tabel hieronder.",
    )
    st.markdown("**Tabel bij de spinnenweb van de regio**")
    table(regio_table(list(report.standards), list(report.average), 1))
    st.caption(f"{definitions.MEAN_SHARE} {definitions.WHOLE_STANDARD}")
    if overlay is not None:
        st.markdown(f"**Tabel bij {md(overlay[0])}**")
        table(standards_table(overlay[1]))
    beside_indicators()

    st.header("Wat valt op")
    found = report.highlights
    if found.most_niet_op_orde:
        st.subheader("Vragen die het vaakst niet op orde zijn")
        for q in found.most_niet_op_orde:
            st.write(
                f"Vraag {q.number} (standaard {q.standard}): bij {q.niet_op_orde} van {q.y} gemeenten "
                f"niet op orde. {md(q.text)}"
            )
    if found.lowest_standards:
        st.subheader("Standaarden met de laagste score")
        for s in found.lowest_standards:
            st.write(
                f"Standaard {s.number}, {md(s.short_name)}: gemiddeld {percent(s.mean_share)} op orde "
                f"({s.answered_by} gemeenten)."
            )
    if found.most_different:
        st.subheader("Waar gemeenten het meest verschillen")
        for spread in found.most_different:
            st.write(
                f"Standaard {spread.number}, {md(spread.short_name)}: van {percent(spread.lowest)} tot "
                f"{percent(spread.highest)} op orde ({spread.gemeenten} gemeenten)."
            )
    if found.most_split:
        st.subheader("Vragen waarover gemeenten het meest verdeeld zijn")
        for q in found.most_split:
            st.write(f"Vraag {q.number} (standaard {q.standard}): {q.x} van {q.y} gemeenten op orde. {md(q.text)}")
    if not (found.most_niet_op_orde or found.lowest_standards or found.most_different):
        st.write("Er zijn nog te weinig antwoorden om iets te laten opvallen.")


def per_question() -> None:
    """x van y per question; the regio's own extra questions in a table of their own."""
    st.header("x van y gemeenten, per vraag")
    st.caption(definitions.PER_QUESTION)
    table(
        [
            {
                "Vraag": f"{q.number}. {q.text}",
                "Standaard": q.standard,
                "Op orde": f"{q.x} van {q.y} gemeenten",
            }
            for q in report.questions
        ]
    )
    if report.extras:
        st.subheader("Extra vragen van de regio")
        st.caption("Deze vragen voegde de regio zelf toe. Ze tellen niet mee in de scores en de spinnenweb.")
        table(
            [
                {
                    "Extra vraag (regio)": q.text,
                    "Hoort bij standaard": q.standard,
                    "Op orde": f"{q.x} van {q.y} gemeenten",
                }
                for q in report.extras
            ]
        )


def beside_indicators() -> None:
    """The regio's procesindicatoren next to the standards they relate to: scan and figures read together."""
    found = latest(engine, principal)
    if not found:
        return
    st.subheader("Procesindicatoren bij deze standaarden")
    st.caption("De nieuwste periode per indicator, naast het gemiddelde van de standaarden waar hij bij hoort.")
    shares = {a.number: a for a in report.average}

    def standards_of(numbers: tuple[int, ...]) -> str:
        words = [
            f"{n}. {shares[n].short_name}: {percent(shares[n].mean_share)} op orde" for n in numbers if n in shares
        ]
        return "; ".join(words) or "geen"

    table(
        [
            {
                "Indicator": item.indicator.name,
                "Hoort bij standaard": standards_of(item.indicator.standards),
                "Periode": row.period if row else "nog geen cijfer",
                "Regio": f"{row.regio.text} ({row.regio_basis})" if row else "",
            }
            for item, row in found
        ]
    )  # fmt: skip
    st.page_link("pages/indicatoren.py", label="Naar de procesindicatoren", icon=":material/monitoring:")


def partner_agreement() -> None:
    """Counts only, from the newest publication: at how many gemeenten partners who answered alone first saw a
    question differently. Never which gemeente, role or person; never from the rounds chosen on this page."""
    st.header("Waar partners het oneens waren")
    st.write(
        "Sommige gemeenten laten hun partners de scan eerst ieder apart invullen, en stellen daarna samen het "
        "antwoord vast. Hier ziet u per vraag bij hoeveel van die gemeenten de partners verschillende antwoorden "
        "gaven: toen ieder apart inleverde, en nu. U ziet nooit welke gemeente, welke rol of welke persoon."
    )
    st.write(
        "Deze tellingen komen uit de stand die de regio het laatst vastlegde (bij 'Delen en downloaden'), niet uit "
        "de rondes die u bovenaan kiest. Zo kan niemand door een andere ronde te kiezen zien wat de partners van "
        "één gemeente vonden."
    )
    shared = latest_publication(engine, principal, regio_id=regio.id)
    if shared is None:
        st.info(NOTHING_YET, icon=":material/info:")
        return
    found = shared.partners
    if found is None:
        st.info("In de laatste stand zitten nog geen tellingen van partners.", icon=":material/info:")
        return
    if found.note:
        st.info(md(found.note), icon=":material/visibility_off:")
        return
    st.write(
        f"Stand van {long_date(shared.made_on)}: van de {shared.gemeenten_counted} gemeenten waarvan een ronde "
        f"meetelde, lieten {found.gemeenten_apart} hun partners eerst apart invullen. Per vraag telt een gemeente "
        "mee als minstens twee partners de vraag beantwoordden."
    )
    questions = {q.number: q.text for q in shared.questions}
    table(
        [
            {
                "Vraag": f"{number}. {questions.get(number, '')}",
                "Oneens toen ieder apart inleverde": first.of(),
                "Oneens nu": later.of(),
            }
            for number, first, later in found.questions
        ]
    )


def side_by_side() -> None:
    """A small spinnenweb per gemeente, with the same figures in a table."""
    st.header("Alle gemeenten naast elkaar")
    if counted:
        named = [(g.gemeente_name, g.result) for g in counted if g.result]
        st.caption(
            "Bij elke as staat het nummer van de standaard. Het midden is 0% op orde, de buitenste ring 100%. "
            "Een standaard zonder beantwoorde vragen heeft geen punt."
        )
        st.html(small_multiples_html(named))
        table(multiples_table(named))


def toelichtingen() -> None:
    """The toelichtingen of one standard at a time, with gemeente names (internal)."""
    st.header("Toelichtingen per standaard")
    st.write("Met de naam van de gemeente: alleen voor intern gebruik in het regioteam.")
    counts = {s.number: sum(1 for t in report.toelichtingen if t.standard == s.number) for s in report.standards}
    names = {s.number: s.short_name for s in report.standards}
    number = st.selectbox(
        "Van welke standaard wilt u de toelichtingen lezen?",
        list(names),
        format_func=lambda n: f"Standaard {n}: {names[n]} ({counts[n]} toelichtingen)",
        key="regio_toelichtingen_standaard",
    )
    notes = sorted(
        (t for t in report.toelichtingen if t.standard == number), key=lambda t: (t.question_number, t.gemeente_name)
    )
    if not notes:
        st.write("Bij deze standaard heeft geen gemeente een toelichting geschreven.")
        return
    answers = {True: "op orde", False: "niet op orde", None: "niet beantwoord"}
    table(
        [
            {
                "Vraag": t.question_number,
                "Gemeente": t.gemeente_name,
                "Antwoord": answers[t.op_orde],
                "Toelichting": t.text,
            }
            for t in notes
        ]
    )


PARTS = {
    "overzicht": ("Gemeenten en rondes", overview),
    "spinnenweb": ("Spinnenweb en wat opvalt", regional_radar),
    "vragen": ("Per vraag", per_question),
    "naast-elkaar": ("Gemeenten naast elkaar", side_by_side),
    "toelichtingen": ("Toelichtingen", toelichtingen),
    "partners": ("Partners eens of oneens", partner_agreement),
    "delen": ("Delen en downloaden", lambda: regio_sharing.sharing(engine, principal, report, selection)),
    "regels": ("Regels voor tellen en delen", lambda: regio_rules.rules(engine, principal, regio)),
    "landelijk": ("Landelijk beeld", lambda: national_choice(engine, principal, regio.id)),
}
runtime.init_from_query("onderdeel", list(PARTS))
part = st.radio(
    "Wat wilt u zien?",
    list(PARTS),
    format_func=lambda key: PARTS[key][0],
    horizontal=True,
    key="onderdeel",
)
runtime.write_query("onderdeel", part)
PARTS[part][1]()
