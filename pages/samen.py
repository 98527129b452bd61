"""Eerst apart, dan samen: partners answer alone first; here the gemeente invites them, sees where
their views differ, and sets the round's agreed answer. A partner who handed in sees the views."""

from __future__ import annotations

import streamlit as st

from analysis.answers import ANSWER_LABELS, AnswerValue
from analysis.formatting import moment
from domain.access import Role
from domain.models import PARTICIPANT_ROLES
from services import ServiceError
from services.partners import (
    apart_phase,
    close_apart,
    invite_partner,
    revoke_partner,
    samen_view,
    set_agreed,
    start_apart,
)
from services.scan import open_scan
from ui import auth, runtime
from ui.round_header import round_header
from ui.text import md, table

NEW_CODE_KEY = "_nieuwe_partnercode"
principal = auth.require(Role.GEMEENTE, Role.PARTNER)
engine = runtime.engine()
is_partner = principal.role is Role.PARTNER


def _stop(message: str) -> None:
    st.error(md(message))
    st.page_link("pages/scan.py" if is_partner else "pages/start.py", label="Terug", icon=":material/arrow_back:")
    st.stop()


def _run(action, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    try:
        action(engine, principal, *args, **kwargs)
    except ServiceError as exc:
        st.error(md(str(exc)))
    else:
        st.rerun()


def _answer(value: AnswerValue | None) -> str:
    return ANSWER_LABELS[value] if value else "nog niet beantwoord"


round_id = None if is_partner else runtime.current_round_id()
if not is_partner and round_id is None:
    st.title("Eerst apart, dan samen")
    st.info("Kies eerst een ronde op de startpagina.")
    st.page_link("pages/start.py", label="Naar de startpagina", icon=":material/arrow_back:")
    st.stop()

# --- the gemeente: start, invite, follow, close ---------------------------------------------
if not is_partner:
    try:
        phase = apart_phase(engine, principal, round_id=round_id)
        info = open_scan(engine, principal, round_id=round_id).info
    except ServiceError as exc:
        _stop(str(exc))
    round_header(info, "Eerst apart, dan samen")
    st.write(
        "Zo telt ieders mening mee. Elke partner (beleid, wijkteam, Veilig Thuis, GI) vult de 31 vragen eerst "
        "alleen in, met een eigen code. Niemand ziet de antwoorden van een ander tot hij zelf klaar is. "
        "Daarna ziet u per vraag waar de partners het oneens zijn, en stelt u samen het antwoord van de "
        "gemeente vast. Alleen dat antwoord telt mee in de resultaten; de antwoorden van de partners blijven "
        "bij de gemeente. De regio ziet alleen bij hoeveel gemeenten partners het oneens waren."
    )
    if phase is None:
        if st.button("Partners eerst apart laten invullen", type="primary", icon=":material/diversity_3:"):
            _run(start_apart, round_id=round_id)
        st.stop()

    st.header("Partners")
    if phase.partners:
        table(
            [
                {
                    "Partner": p.who,
                    "Beantwoord": f"{p.answered} vragen",
                    "Ingeleverd": "ja" if p.done else "nee",
                    "Code": "werkt niet meer" if p.code_revoked else "werkt",
                }
                for p in phase.partners
            ]
        )
    else:
        st.write("Nog geen partners uitgenodigd.")
    issued = st.session_state.get(NEW_CODE_KEY)
    if issued is not None and issued[0] == round_id:
        st.success(
            f"De code voor {md(issued[1])} is **{issued[2]}**. Geef deze code alleen aan deze persoon. "
            "U ziet de code nu één keer; wij bewaren hem niet. De partner logt ermee in op de inlogpagina "
            "van de zelfscan.",
            icon=":material/key:",
        )
    if not phase.closed:
        with st.form(f"partner_{round_id}", clear_on_submit=True, enter_to_submit=False):
            st.markdown("**Nodig een partner uit.** Elke partner krijgt een eigen code.")
            left, right = st.columns(2)
            role = left.selectbox("Rol van de partner", PARTICIPANT_ROLES, index=None, placeholder="Kies een rol")
            name = right.text_input("Naam (niet verplicht)", max_chars=200)
            if st.form_submit_button("Code maken", type="primary"):
                try:
                    code = invite_partner(engine, principal, round_id=round_id, role=role or "", name=name)
                except ServiceError as exc:
                    st.error(md(str(exc)))
                else:
                    who = f"{role} ({name.strip()})" if name.strip() else role
                    st.session_state[NEW_CODE_KEY] = (round_id, who, code.code)
                    st.rerun()
        st.write(
            "Zijn alle partners klaar, of wilt u niet langer wachten? Sluit dan het apart invullen af. "
            "Daarna kan niemand meer alleen invullen, ziet iedere partner alle antwoorden, en stelt u samen "
            "het antwoord van de gemeente vast."
        )
        confirm = st.checkbox("Ja, ik wil het apart invullen afsluiten")
        if st.button("Apart invullen afsluiten", icon=":material/lock:", disabled=not confirm):
            _run(close_apart, round_id=round_id)
    active = {p.id: p.who for p in phase.partners if not p.code_revoked}
    if active:
        with st.expander("Code van een partner intrekken"):
            chosen = st.selectbox("Partner", list(active), format_func=active.__getitem__, index=None)
            st.caption("De code werkt dan niet meer. Wat de partner al invulde, blijft bewaard.")
            if st.button("Code intrekken", disabled=chosen is None):
                _run(revoke_partner, round_id=round_id, partner_id=chosen)

# --- everyone here: the views ----------------------------------------------------------------
try:
    view = samen_view(engine, principal, round_id=round_id)
except ServiceError as exc:
    if is_partner:
        st.title("Samen")
    _stop(str(exc))
if is_partner:
    round_header(view.info, "Samen")
    if not view.shows_all:
        st.info(
            "U ziet de antwoorden van de partners die hun antwoorden hebben ingeleverd. Na het afsluiten door de "
            "gemeente ziet u alle antwoorden.",
            icon=":material/visibility:",
        )

st.header("Hoe eens waren de partners?")
names = {s.number: s.short_name for s in view.questionnaire.standards}
table([{"Standaard": f"{s.standard}. {names[s.standard]}", "Partners": s.line} for s in view.standards])
differ = view.disagreements
st.write(
    f"Bij {len(differ)} van de {len(view.rows)} vragen gaven partners verschillende antwoorden. "
    "Die vragen staan hieronder eerst."
    if differ
    else "De partners gaven bij elke vraag hetzelfde antwoord (of er zijn nog geen antwoorden)."
)
if not is_partner and not view.can_decide:
    st.info(
        "U stelt het antwoord van de gemeente vast nadat u het apart invullen heeft afgesloten.",
        icon=":material/info:",
    )

st.header("Per vraag")
for row in view.rows:
    question = view.questionnaire.questions_by_number[row.number]
    with st.container(border=True):
        label = "Partners oneens" if row.disagree else "Partners eens" if row.comparable else "Te weinig antwoorden"
        st.markdown(f"**Vraag {row.number}. {md(question.text)}**")
        st.write(f"{'⚠ ' if row.disagree else ''}{label}: {md(row.spread)}")
        if row.views:
            table([{"Partner": v.who, "Antwoord": _answer(v.value), "Toelichting": v.toelichting} for v in row.views])
        st.write(f"Antwoord van de gemeente: **{_answer(row.agreed)}**")
        if view.can_decide:
            with st.form(f"samen_{round_id}_{row.number}", enter_to_submit=False):
                options = [AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE]
                chosen = st.radio(
                    f"Samen vastgesteld antwoord op vraag {row.number}",
                    options,
                    index=options.index(row.agreed) if row.agreed else None,
                    format_func=lambda v: ANSWER_LABELS[v].capitalize(),
                    horizontal=True,
                )
                before = view.toelichtingen.get(row.number, "")
                why = st.text_area(
                    f"Toelichting bij vraag {row.number}: waarom dit antwoord",
                    value=before,
                    max_chars=5000,
                    height=80,
                )
                if st.form_submit_button("Antwoord vaststellen"):
                    if chosen is None:
                        st.error("Kies op orde of niet op orde.")
                    else:
                        _run(
                            set_agreed,
                            round_id=round_id,
                            question_number=row.number,
                            value=chosen,
                            toelichting=why,
                            expected_toelichting=before,
                        )

if view.decisions:
    st.header("Wie stelde wat vast")
    table(
        [
            {
                "Wanneer": moment(at),  # type: ignore[arg-type]
                "Vraag": str(number),
                "Antwoord": _answer(AnswerValue(value) if value else None),
                "Uit de antwoorden van de partners": views,
                "Door": actor,
            }
            for number, value, views, _why, actor, at in view.decisions
        ]
    )
