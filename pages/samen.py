"""Eerst apart, dan samen: partners answer alone first; here the gemeente invites them, sees where
their views differ, and sets the round's agreed answer. A partner who handed in sees the views."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import moment
from domain.answers import ANSWER_LABELS, AnswerValue
from services import ServiceError, authz
from services.partners import apart_phase, samen_view, set_agreed
from services.scan import open_scan
from ui import actions, auth, fields, partner_invite, runtime
from ui.round_header import round_header, round_or_stop
from ui.text import md, table

principal = auth.require("samen")
engine = runtime.engine()
is_partner = authz.answers_alone(principal)


def _stop(message: str) -> None:
    st.error(md(message))
    back = "pages/start.py" if authz.has_start_page(principal) else "pages/scan.py"
    st.page_link(back, label="Terug", icon=":material/arrow_back:")
    st.stop()


SET_KEY = "_samen_vastgesteld"  # the question whose answer this person just set: its card says so


def _answer(value: AnswerValue | None) -> str:
    return ANSWER_LABELS[value] if value else "nog niet beantwoord"


round_id = None if is_partner else principal.round_id or runtime.current_round_id()
if not is_partner:
    round_id = round_or_stop(round_id, "Eerst apart, dan samen", principal)

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
        partner_invite.start_button(engine, principal, round_id, label="Partners eerst apart laten invullen")
        st.stop()
    st.header("Partners")
    partner_invite.manage(engine, principal, round_id, phase)

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
compared = [r for r in view.rows if r.comparable]
if differ:
    st.write(
        f"Bij {len(differ)} van de {len(view.rows)} vragen gaven partners verschillende antwoorden. "
        "Die vragen staan hieronder eerst."
    )
elif not compared:
    st.write(
        "Er is nog niets te vergelijken: daarvoor moeten minstens twee partners dezelfde vraag hebben beantwoord "
        "(en, zolang het apart invullen loopt, hun antwoorden hebben ingeleverd)."
    )
else:
    st.write(f"Bij alle {len(compared)} vragen die twee of meer partners beantwoordden, gaven zij hetzelfde antwoord.")
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
            table(
                [
                    {
                        "Partner": v.who,
                        "Eerst, alleen ingeleverd": _answer(v.first_value) if v.handed_in else "nog niet ingeleverd",
                        "Nu": _answer(v.value) + (" (later gewijzigd)" if v.changed_later else ""),
                        "Toelichting": v.toelichting,
                    }
                    for v in row.views
                ]
            )
            if any(v.changed_later for v in row.views):
                first = [v.first_value for v in row.views if v.handed_in and v.first_value is not None]
                st.caption(
                    "Een partner veranderde zijn antwoord nadat hij de anderen zag. Eerst, alleen: "
                    f"{first.count(AnswerValue.OP_ORDE)} × op orde, {first.count(AnswerValue.NIET_OP_ORDE)} × niet "
                    "op orde. Beide staan hierboven; het eerste antwoord blijft bewaard."
                )
        st.write(f"Antwoord van de gemeente: **{_answer(row.agreed)}**")
        if st.session_state.get(SET_KEY) == (round_id, row.number):
            st.success(
                f"Vastgesteld: {_answer(row.agreed)}. Het staat in de geschiedenis van de ronde.",
                icon=":material/check:",
            )
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
                why = fields.text_area(
                    f"Toelichting bij vraag {row.number}: waarom dit antwoord",
                    limit="toelichting",
                    value=before,
                    height=80,
                )
                if st.form_submit_button("Antwoord vaststellen"):
                    if chosen is None:
                        st.error("Kies op orde of niet op orde.")
                    else:
                        actions.run(
                            set_agreed,
                            engine,
                            principal,
                            None,
                            remember=(SET_KEY, (round_id, row.number)),  # the confirmation shows in this card
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
