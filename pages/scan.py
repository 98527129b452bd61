"""Scan invullen: the 31 questions in two blocks, saved as the person works."""

from __future__ import annotations

import streamlit as st

from domain.answers import ANSWER_LABELS, AnswerValue
from services import ServiceError, authz
from services.partners import partner_snapshot
from services.scan import BlockClosed, SaveReport, open_scan, update_round_details
from ui import auth, autosave, fields, live, partner_status, runtime
from ui.round_form import round_details_form
from ui.round_header import (
    help_text,
    participants_line,
    progress_bar,
    round_header,
    round_or_stop,
    standard_heading,
)
from ui.text import md, plain

OPTION_LABELS = {
    AnswerValue.OP_ORDE.value: f"✓ {ANSWER_LABELS[AnswerValue.OP_ORDE].capitalize()}",
    AnswerValue.NIET_OP_ORDE.value: f"✗ {ANSWER_LABELS[AnswerValue.NIET_OP_ORDE].capitalize()}",
}

principal = auth.require("scan")
engine = runtime.engine()
is_partner = authz.answers_alone(principal)
round_id = principal.round_id if is_partner else runtime.current_round_id()
round_id = round_or_stop(round_id, "Scan invullen", principal)

closed_notice = None
try:
    try:
        report = autosave.save_pending(engine, principal, round_id)
    except BlockClosed as exc:  # the facilitator closed the block meanwhile: the widget goes back
        report, closed_notice = SaveReport(changed=0), str(exc)
    snapshot = partner_snapshot(engine, principal) if is_partner else open_scan(engine, principal, round_id=round_id)
except ServiceError as exc:
    st.title("Scan invullen")
    st.error(md(str(exc)))
    if authz.has_start_page(principal):  # a deelnemer or partner has none
        st.page_link("pages/start.py", label="Naar de startpagina", icon=":material/arrow_back:")
    st.stop()

qn = snapshot.questionnaire
runtime.remember_round(round_id)
editable = snapshot.editable

round_header(snapshot.info, "Uw eigen antwoorden" if is_partner else "Scan invullen" if editable else "Antwoorden")
notice_area = st.container()  # filled once the widgets are synced, below
if snapshot.partners_apart:
    with notice_area:
        st.info(
            "Partners vullen deze ronde eerst ieder apart in. Op de pagina Samen ziet u waar zij het oneens zijn, en "
            "stelt u samen het antwoord vast.",
            icon=":material/diversity_3:",
        )
        st.page_link(
            "pages/samen.py", label="Naar Samen", icon=":material/diversity_3:", query_params={"ronde": str(round_id)}
        )
if is_partner:
    partner_status.intro(engine, principal, editable)
elif not editable:
    st.info("U kunt deze antwoorden bekijken. Alleen de gemeente zelf kan ze wijzigen.")
if editable:
    st.write(
        "Kies bij elke vraag **op orde** of **niet op orde**. Twijfelt u? Kies dan wat het meest klopt "
        "en schrijf de nuance in de toelichting. Alles wordt vanzelf bewaard: u hoeft niets op te slaan. "
        "Een toelichting wordt bewaard zodra u het veld verlaat."
    )
progress_bar(snapshot.result)
# Always these same elements, so that nothing below them moves when a line appears: Streamlit
# redraws a moved widget as a new one, and a text being typed in it would be lost.
with st.container():
    if editable:
        st.caption(autosave.last_saved(round_id))
    if closed_notice:
        st.warning(closed_notice, icon=":material/lock:")
with st.container():  # a bijeenkomst can start or end while the page is open
    if snapshot.in_meeting:
        live.meeting_banner(engine, principal, round_id, snapshot.meeting_block)


@st.dialog("Gegevens van deze ronde", width="large")
def edit_round_details() -> None:
    details = round_details_form(
        f"ronde_{round_id}",
        submit_label="Gegevens opslaan",
        held_on=snapshot.info.held_on,
        purpose=snapshot.info.purpose,
        participants=snapshot.info.participants,
    )
    if details is not None:
        update_round_details(engine, principal, round_id=round_id, **dict(details))
        st.rerun()


if not is_partner:
    st.write(participants_line(snapshot.info))
with st.container():
    if (
        editable
        and not is_partner
        and not snapshot.in_meeting
        and st.button("Datum, doel of deelnemers wijzigen", icon=":material/group:")
    ):
        edit_round_details()

block_numbers = [b.number for b in qn.blocks]
runtime.init_from_query("blok", block_numbers)
if snapshot.in_meeting and snapshot.meeting_block and st.session_state.get("_open_blok") != snapshot.meeting_block:
    st.session_state["blok"] = st.session_state["_open_blok"] = snapshot.meeting_block  # follow the facilitator
block = st.radio(
    "Welk blok wilt u invullen?" if editable else "Welk blok wilt u bekijken?",
    block_numbers,
    format_func=lambda n: qn.block(n).name + f" (vragen {qn.block(n).first_question}–{qn.block(n).last_question})",
    key="blok",
)
runtime.write_query("blok", block)

# Only the shown block's widgets get their stored value: every widget Streamlit creates copies
# the whole session state, so keys for the hidden block would slow every rerun.
extras = [q for q in snapshot.extra_questions if q.block == block]
shown = [q.number for q in qn.questions_of_block(block)] + [q.number for q in extras]
numbers = sorted(qn.questions_by_number) + [q.number for q in snapshot.extra_questions]
answers = {**snapshot.answers, **snapshot.extra_answers}
notices = autosave.sync_widgets(round_id, answers, numbers, principal.actor, shown)
for notice in notices + autosave.overwritten_notices(report):
    notice_area.warning(md(notice), icon=":material/group:")

frozen = snapshot.in_meeting and block != snapshot.meeting_block  # at a bijeenkomst: only the open block


def question_card(number: int, label: str, help_markdown: str) -> None:
    """One question: its choice, help and toelichting (or, to read, the answer). Core and extra alike."""
    name = label.split(". ", 1)[0]  # "Vraag 5" or "Extra vraag 1 (regio)"
    with st.container(border=True):
        if editable:
            st.radio(
                label,
                list(OPTION_LABELS),
                index=None,
                format_func=OPTION_LABELS.__getitem__,
                horizontal=True,
                key=autosave.value_key(round_id, number),
                disabled=frozen,
            )
            st.markdown(help_markdown)
            fields.text_area(
                f"Toelichting bij {name[0].lower()}{name[1:]} (niet verplicht)",
                limit="toelichting",
                last_in_container=True,
                disabled=frozen,
                key=autosave.toelichting_key(round_id, number),
                height=80,
                placeholder="Bijvoorbeeld: wat gaat goed, wat nog niet, en waarom.",
            )
        else:
            answer = answers.get(number)
            value = answer.value.value if answer and answer.value else None
            st.markdown(f"**{label}**")
            st.write(f"Antwoord: {OPTION_LABELS[value] if value else 'nog niet beantwoord'}")
            if answer and answer.toelichting:
                st.write("Toelichting:")
                plain(answer.toelichting)


for standard in qn.standards_of_block(block):
    standard_heading(standard)
    for question in qn.questions_of_block(block):
        if question.standard != standard.number:
            continue
        question_card(question.number, f"Vraag {question.number}. {md(question.text)}", help_text(qn, question))
if extras:
    st.subheader("Extra vragen van de regio", divider="gray")
    st.write(
        "Deze vragen voegde de regio zelf toe. Ze horen niet bij de 31 vragen van de VNG en tellen niet mee in de "
        "scores, de spinnenweb of de cijfers van de regio."
    )
    for extra in extras:
        extra_help = f"Hoort bij standaard {extra.standard}. {md(extra.help)}".strip()
        question_card(extra.number, f"{extra.label}. {md(extra.text)}", extra_help)
if editable:
    autosave.mark_drawn()

last = block_numbers[-1]
if block != last:
    st.write("Klaar met dit blok? Kies hierboven het volgende blok.")
if is_partner:
    partner_status.hand_in(engine, principal, editable)
elif authz.has_start_page(principal):  # a deelnemer of a bijeenkomst stays on the scan
    st.page_link(
        "pages/resultaten.py",
        label="Bekijk de resultaten van deze ronde",
        icon=":material/radar:",
        query_params={"ronde": str(round_id)},
    )
