"""The national team's parts of the Landelijk beeld page: the regions that take part and the files of regions on
other installations (with the keys this installation trusts), and the rules of the national figures."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from analysis.disclosure import GroupRule
from analysis.formatting import moment
from analysis.national import NationalRules
from domain.access import Principal
from services import ServiceError
from services.national import (
    check_file,
    distrust_key,
    participants,
    rules,
    set_rules,
    stop_participant,
    take_in_file,
    trust_key,
    trusted_keys,
)
from ui import fields
from ui.actions import run
from ui.text import md, table


def participants_part(engine: Engine, principal: Principal) -> None:
    st.header("Regio's die meedoen")
    st.write(
        "Een regio op deze installatie kiest zelf of ze meedoet, op haar eigen pagina. Een regio die niet genoemd wil "
        "worden, ziet u hier zonder naam."
    )
    found = participants(engine, principal)
    if found:
        table(
            [
                {
                    "Regio": p.shown_as,
                    "Hoe": "per bestand" if p.by_file else "op deze installatie",
                    "Periodes": ", ".join(p.periods) or "–",
                    "Doet mee sinds": p.joined_on,
                    "Gestopt": p.withdrawn_on or "–",
                }
                for p in found
            ]
        )
    else:
        st.write("Er doet nog geen regio mee.")
    by_file = {p.id: f"{p.shown_as} ({', '.join(p.periods)})" for p in found if p.by_file and not p.withdrawn_on}
    if by_file:
        chosen = st.selectbox(
            "Een regio die per bestand meedoet, vroeg te stoppen",
            list(by_file),
            format_func=by_file.__getitem__,
            index=None,
            placeholder="Kies de regio",
        )
        if st.button("Deze regio laten stoppen", disabled=chosen is None, key="landelijk_stop") and chosen is not None:
            run(stop_participant, engine, principal, "De regio telt niet mee in nieuwe landelijke cijfers.",
                participant_id=chosen)  # fmt: skip

    st.header("Bijdrage van een regio op een andere installatie inlezen")
    st.write(
        "Een regio op een andere installatie downloadt haar bijdrage als Excel-bestand en stuurt het u. We lezen het "
        "alleen in als de handtekening klopt, de sleutel bij 'Vertrouwde sleutels' staat en er niets in staat dan de "
        "cijfers: geen gemeente, geen tekst."
    )
    upload = st.file_uploader("Bijdrage (Excel)", type=["xlsx"], key="landelijk_bijdrage")
    if upload is not None:
        data = upload.getvalue()
        try:
            found_file = check_file(engine, principal, data=data, file_name=upload.name)
        except ServiceError as exc:
            st.error(md(str(exc)))
        else:
            c = found_file.contribution
            who = (
                f"regio {md(c.regio_name)} (wil genoemd worden)" if c.named else "een regio die niet genoemd wil worden"
            )
            st.success(
                f"Dit bestand is in orde: ondertekend met sleutel {found_file.fingerprint}, cijfers over {c.period} "
                f"van {c.gemeenten_counted} gemeenten, {who}."
            )
            if st.button("Deze bijdrage inlezen", type="primary", key="landelijk_inlezen"):
                run(take_in_file, engine, principal, "De bijdrage is ingelezen. Maak een nieuwe stand om haar mee te "
                    "tellen.", data=data, file_name=upload.name)  # fmt: skip

    st.header("Vertrouwde sleutels")
    st.write(
        "Elke installatie ondertekent haar bestanden met een eigen sleutel. Vraag de regio om de vingerafdruk van haar "
        "installatie (die staat op haar pagina bij 'Landelijk beeld'), via een andere weg dan het bestand, en voeg hem "
        "hier toe."
    )
    keys = trusted_keys(engine, principal)
    if keys:
        table([{"Vingerafdruk": k.fingerprint, "Installatie": k.label, "Toegevoegd": moment(k.added_at)} for k in keys])
    with st.form("landelijk_sleutel", enter_to_submit=False):
        fingerprint = st.text_input("Vingerafdruk", placeholder="A1B2-C3D4-E5F6-0718")
        label = fields.text_input("Van welke installatie is deze sleutel?", limit="name")
        if st.form_submit_button("Sleutel vertrouwen"):
            run(trust_key, engine, principal, "De sleutel staat bij de vertrouwde sleutels.", fingerprint=fingerprint,
                label=label)  # fmt: skip
    if keys:
        listed = {k.id: f"{k.fingerprint} ({k.label})" for k in keys}
        gone = st.selectbox("Sleutel niet meer vertrouwen", list(listed), format_func=listed.__getitem__, index=None)
        if st.button("Niet meer vertrouwen", disabled=gone is None, key="landelijk_wantrouw") and gone is not None:
            run(distrust_key, engine, principal, "Bestanden met deze sleutel lezen we niet meer in.", key_id=gone)


def rules_part(engine: Engine, principal: Principal) -> None:
    current = rules(engine)
    st.header("Hoe we regio's en gemeenten beschermen")
    for line in current.sentences():
        st.write(f"- {md(line)}")
    st.header("Regels aanpassen")
    with st.form("landelijke_regels", enter_to_submit=False):
        min_regios = st.number_input("Een cijfer tonen vanaf dit aantal regio's", value=current.min_regios, step=1)
        min_gemeenten = st.number_input(
            "Een cijfer over gemeenten tonen vanaf dit aantal gemeenten", value=current.min_gemeenten, step=1
        )  # no min_value or max_value: the browser would say a wrong number in English; the service says it in Dutch
        group = st.radio(
            "Wat doen we met '0 van y' en 'y van y'?",
            list(GroupRule),
            index=list(GroupRule).index(current.group),
            format_func=lambda g: g.label.replace("van de 8", "van de 8 regio's"),
        )
        if st.form_submit_button("Regels opslaan"):
            try:
                new = NationalRules(min_regios=int(min_regios), min_gemeenten=int(min_gemeenten), group=group)
            except ValueError:
                st.error("Kies minstens 2 en hoogstens 50 regio's, en minstens 3 en hoogstens 500 gemeenten.")
            else:
                run(set_rules, engine, principal, "De regels gelden voor de volgende landelijke stand.", new=new)
