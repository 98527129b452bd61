"""Vergelijken: two moments (e.g. nulmeting and evaluatie) for the regio or one gemeente."""

from __future__ import annotations

import streamlit as st

import questionnaire
from analysis.compare import gemeente_changes, regio_changes
from analysis.formatting import long_date
from domain.models import Purpose
from pictures.regional_charts import compare_radar, compare_table
from services import authz
from services.regio import get_regio
from services.regio_report import compare_moments, paired
from services.scan import list_rounds, open_scan
from ui import auth, runtime
from ui.text import md, table

principal = auth.require("vergelijken")
engine = runtime.engine()
assert principal.regio_id is not None
regio = get_regio(engine, principal, regio_id=principal.regio_id)


def own_rounds() -> None:
    """A gemeente compares two of its own rounds: its spinnenweb of both, the table, and per question what changed
    (answered with answered: a question open in one of them is no change)."""
    st.title("Twee rondes vergelijken")
    rounds = [r for r in list_rounds(engine, principal, gemeente_id=principal.gemeente_id or 0) if r.answered]
    if len(rounds) < 2:
        st.info(
            "Om te vergelijken zijn twee rondes met antwoorden nodig. Uw gemeente heeft er nu " + str(len(rounds)) + "."
        )
        st.page_link("pages/start.py", label="Naar de startpagina", icon=":material/arrow_back:")
        st.stop()
    labels = {
        r.id: f"{r.purpose.short_label} van {long_date(r.held_on)} ({r.answered} van {r.total} beantwoord)"
        for r in rounds
    }
    ids = list(labels)
    left, right = st.columns(2)
    first_id = left.selectbox("Eerste ronde", ids, index=1, format_func=labels.__getitem__)
    second_id = right.selectbox("Tweede ronde", ids, index=0, format_func=labels.__getitem__)
    if first_id == second_id:
        st.warning("Kies twee verschillende rondes.")
        st.stop()
    a, b = open_scan(engine, principal, round_id=first_id), open_scan(engine, principal, round_id=second_id)
    names = ("Eerste ronde", "Tweede ronde")
    labels_std = [f"{s.number}. {s.short_name}" for s in a.result.standards]
    values = ([s.share for s in a.result.standards], [s.share for s in b.result.standards])
    st.plotly_chart(
        compare_radar("Twee rondes van uw gemeente", labels_std, *values, names),
        config={"displaylogo": False, "locale": "nl"},
        alt="Spinnenweb met twee rondes. De cijfers staan in de tabel hieronder.",
    )
    table(compare_table(labels_std, *values, names, missing="geen score"))
    left_out = questionnaire.comparability(a.questionnaire, b.questionnaire)
    for number, reason in sorted(left_out.items()):
        st.caption(f"Vraag {number} is niet te vergelijken tussen deze twee rondes: {md(reason)}")
    changes = gemeente_changes(a.result, b.result, left_out)
    open_ones = sum(1 for c in changes if c.unanswered)
    st.header("Per vraag: wat veranderde")
    if open_ones:
        st.caption(
            f"{open_ones} vragen waren in een van de twee rondes nog niet beantwoord; die tellen niet als verandering."
        )
    rows = [{"Vraag": f"{c.number}. {c.text}", names[0]: c.before, names[1]: c.after} for c in changes if c.changed]
    table(rows) if rows else st.write("Geen vragen veranderden.")
    st.stop()


if authz.own_gemeente(principal) is not None:
    own_rounds()

st.title("Twee momenten vergelijken")
st.write(
    "Kies twee soorten rondes, bijvoorbeeld de nulmeting en de evaluatie. Per gemeente telt de laatste ronde "
    "van elke soort."
)
purposes = list(Purpose)
left, right = st.columns(2)
first = left.selectbox("Eerste moment", purposes, index=0, format_func=lambda p: p.short_label)
second = right.selectbox("Tweede moment", purposes, index=1, format_func=lambda p: p.short_label)
if first == second:
    st.warning("Kies twee verschillende momenten om te vergelijken.")
    st.stop()
before, after = compare_moments(engine, principal, regio_id=regio.id, first=first, second=second)
names = (first.short_label, second.short_label)

both = {
    g.gemeente_id: g.gemeente_name for g in before.counted if any(h.gemeente_id == g.gemeente_id for h in after.counted)
}
who = st.selectbox(
    "Voor wie?",
    [None, *both],
    format_func=lambda i: "De hele regio (gemiddelden)" if i is None else both[i],
)
labels = [f"{s.number}. {s.short_name}" for s in before.standards]

if who is None:
    st.header(f"De regio: {md(names[0])} en {md(names[1])}")
    comparison = paired(before, after)
    st.write(
        f"Er tellen {len(both)} gemeenten mee: die met een ronde van beide soorten. Per standaard en per vraag "
        "tellen alleen de gemeenten die op beide momenten antwoordden; zo vergelijkt u gelijk met gelijk."
    )
    values = ([a.mean_share for _, a, _b in comparison.average], [b.mean_share for _, _a, b in comparison.average])
    st.plotly_chart(
        compare_radar(f"{regio.name}: {names[0]} en {names[1]}", labels, *values, names),
        config={"displaylogo": False, "locale": "nl"},
        alt="Spinnenweb met twee momenten. De cijfers staan in de tabel hieronder.",
    )
    counts = ([a.gemeenten for _, a, _b in comparison.average], [b.gemeenten for _, _a, b in comparison.average])
    table(compare_table(labels, *values, names, rests_on=counts, missing="geen score"))
    for line in dict.fromkeys(before.left_out + after.left_out + comparison.left):
        st.caption(md(line))
    changes = regio_changes(
        [a for _, _t, a, _b in comparison.questions], [b for _, _t, _a, b in comparison.questions], "geen antwoorden"
    )
else:
    a = next(g for g in before.counted if g.gemeente_id == who)
    b = next(g for g in after.counted if g.gemeente_id == who)
    assert a.result is not None and b.result is not None and a.held_on and b.held_on
    st.header(f"{md(both[who])}: {names[0]} ({long_date(a.held_on)}) en {names[1]} ({long_date(b.held_on)})")
    values = ([s.share for s in a.result.standards], [s.share for s in b.result.standards])
    st.plotly_chart(
        compare_radar(f"{both[who]}: {names[0]} en {names[1]}", labels, *values, names),
        config={"displaylogo": False, "locale": "nl"},
        alt="Spinnenweb met twee momenten. De cijfers staan in de tabel hieronder.",
    )
    table(compare_table(labels, *values, names, missing="geen score"))
    versions = (questionnaire.by_version(a.version or ""), questionnaire.by_version(b.version or ""))
    left_out = questionnaire.comparability(*versions)
    for number, reason in sorted(left_out.items()):
        st.caption(f"Vraag {number} is niet te vergelijken tussen deze twee rondes: {md(reason)}")
    changes = gemeente_changes(a.result, b.result, left_out)

st.header("Per vraag: wat veranderde")
only_changed = st.checkbox("Alleen vragen die veranderden", value=True)
rows = [
    {"Vraag": f"{c.number}. {c.text}", names[0]: c.before, names[1]: c.after}
    for c in changes
    if c.changed or not only_changed
]
if rows:
    table(rows)
else:
    st.write("Geen vragen veranderden.")
