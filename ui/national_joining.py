"""A regio's choice to take part in the national picture: what it would share, shown first; joining, renewing and
stopping; and, for a national installation elsewhere, the signed file and this installation's fingerprint. On the
Regio page (the regio team) and on Beheer (its beheerder)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

import questionnaire
from analysis.contribution import Contribution
from analysis.formatting import long_date, moment, percent
from domain.access import Principal
from domain.calendar import dutch_today
from pictures.national_charts import REGIOS
from services import ServiceError
from services.national import contribution_file, join, offer, own_fingerprint, taking_part, withdraw
from ui.actions import run
from ui.downloads import download_button
from ui.text import md, table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def national_choice(engine: Engine, principal: Principal, regio_id: int) -> None:
    st.header("Landelijk beeld")
    st.write(
        "Het landelijke programmateam maakt een beeld van hoe het land ervoor staat: per standaard en per vraag "
        f"'x van y {REGIOS}' en 'x van y gemeenten', over de regio's die meedoen. Meedoen is een keuze van de regio. "
        "De regio deelt dan alleen wat zij nu al buiten het regioteam deelt (de nieuwste stand bij 'Delen en "
        "downloaden'): cijfers, zonder namen van gemeenten, zonder toelichtingen en zonder eigen vragen. Een regio "
        "die stopt, telt bij de volgende landelijke cijfers niet meer mee."
    )
    status = taking_part(engine, principal, regio_id=regio_id)
    if status is not None and status.withdrawn_at is None:
        st.success(
            f"De regio doet mee sinds {moment(status.joined_at)}, door {md(status.joined_by)}, "
            f"{'met' if status.named else 'zonder'} haar naam, met cijfers over {', '.join(status.periods)}.",
            icon=":material/public:",
        )
    elif status is not None:
        st.info(
            f"De regio stopte op {moment(status.withdrawn_at)}, door {md(status.withdrawn_by or '')}. Ze telt niet "
            "mee in landelijke cijfers die daarna gemaakt worden.",
            icon=":material/info:",
        )
    else:
        st.info("De regio doet niet mee aan het landelijke beeld.", icon=":material/info:")

    this_year = dutch_today().year
    years = [str(y) for y in range(this_year, this_year - 4, -1)]
    left, right = st.columns(2)
    period = left.selectbox(
        "Over welk jaar gaan de cijfers?", years, key="landelijk_periode",
        help="Het jaar waarin de rondes van de nieuwste stand gehouden zijn. Zo kan het landelijke team twee jaren "
        "vergelijken.",
    )  # fmt: skip
    named = right.radio(
        "Mag het landelijke team de naam van de regio noemen?",
        [False, True],
        format_func=lambda v: "Ja, in de lijst van regio's die meedoen" if v else "Nee, noem de regio niet",
        key="landelijk_naam",
    )
    try:
        found = offer(engine, principal, regio_id=regio_id, named=named, period=period)
    except ServiceError as exc:
        st.warning(md(str(exc)), icon=":material/info:")
        return
    st.subheader("Wat de regio deelt")
    st.write(
        f"Precies deze cijfers telt het landelijke team mee, uit de stand van {long_date(found.made_on)} "
        f"({found.gemeenten_counted} gemeenten). Een cijfer dat de regio niet toont, deelt ze ook landelijk niet. "
        f"Naam in de lijst van deelnemers: {md(found.regio_name) if named else 'geen (de regio blijft onbekend)'}."
    )
    _contribution_tables(found)
    label = "Meedoen met deze cijfers" if status is None or status.withdrawn_at else "Deze cijfers delen"
    if st.button(label, type="primary", key="landelijk_meedoen"):
        run(join, engine, principal, "De regio doet mee aan het landelijke beeld met de cijfers hierboven.",
            regio_id=regio_id, named=named, period=period)  # fmt: skip
    if status is not None and status.withdrawn_at is None and st.button("Stoppen met het landelijke beeld",
                                                                         key="landelijk_stoppen"):  # fmt: skip
        run(withdraw, engine, principal, "De regio doet niet meer mee. Ze telt niet mee in nieuwe landelijke cijfers.",
            regio_id=regio_id)  # fmt: skip

    st.subheader("Het landelijke beeld staat op een andere installatie")
    st.write(
        "Draait het landelijke beeld op een andere installatie, download dan deze cijfers als bestand en stuur het "
        "naar het landelijke team. Het bestand is ondertekend: het landelijke team kan zien dat deze app het maakte "
        "en dat er niets aan veranderd is. Geef het team ook de vingerafdruk van deze installatie, via een andere "
        "weg dan het bestand (bijvoorbeeld telefonisch)."
    )
    st.write(f"Vingerafdruk van deze installatie: **{own_fingerprint(engine, principal, regio_id=regio_id)}**")
    download_button(
        "Landelijke bijdrage downloaden (Excel)",
        make=lambda: contribution_file(engine, principal, regio_id=regio_id, named=named, period=period),
        file_name=f"landelijke-bijdrage-{period}.xlsx",
        mime=XLSX,
        key="landelijk_bestand",
    )


def _contribution_tables(found: Contribution) -> None:
    names = {s.number: s.short_name for s in questionnaire.current().standards}
    texts = {q.number: q.text for q in questionnaire.current().questions}

    def words(low: float | None, high: float | None, of: int) -> str:
        if low is None or high is None:
            return "niet gedeeld"
        if low == high:
            return f"{low:.0f} van {of}"
        return f"{low:.0f} tot en met {high:.0f} van {of}"

    def share(low: float | None, high: float | None) -> str:
        if low is None or high is None:
            return "niet gedeeld"
        return percent(low) if low == high else f"tussen {percent(low)} en {percent(high)}"

    table(
        [
            {
                "Standaard": f"{s.number}. {names.get(s.number, '')}",
                "Gemiddeld op orde": share(s.mean.low, s.mean.high),
                "Gemeenten met de hele standaard op orde": words(s.whole.low, s.whole.high, s.of),
            }
            for s in found.standards
        ]
    )
    with st.expander("Per vraag"):
        table(
            [
                {
                    "Vraag": f"{q.number}. {texts.get(q.number, '')}",
                    "Gemeenten op orde": words(q.op_orde.low, q.op_orde.high, q.of),
                }
                for q in found.questions
            ]
        )
