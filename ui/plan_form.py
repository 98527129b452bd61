"""The parts of a verbeterplan on screen: texts, a cluster with its rows, progress, agreements.

Widgets get only a key (their value comes from ui/plan_autosave.py), so typing is
saved by the next run without a save button.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analysis.formatting import long_date, percent
from analysis.verbeterplan import ClusterSection, PlanView, StandardSection
from domain.plan import ACTION_COLUMNS, PLAN_TEXT_FIELDS, ActionLevel, ActionStatus, PlanAction
from ui import fields
from ui.plan_autosave import action_key, note_key, plan_key
from ui.text import md, plain, table

INTRO_FIELDS = ("title", "period", "introduction", "context", "summary")
AGREEMENT_TEXTS = ("costs", "monitoring", "securing")
DECISION_FIELDS = ("commissioner", "author", "presented_to", "adoption", "repeat_scan")
SHORT_FIELDS = {"title", "period", *DECISION_FIELDS}
ROW_FIELDS = (*ACTION_COLUMNS, "level", "status", "start_on", "due_on", "question_numbers")

RowCommand = Callable[[str, int], None]  # ("up" | "down" | "remove" | "restore" | "add", id or standard)


def parts(view: PlanView) -> list[str]:
    """The parts of the plan, in the order of the document."""
    return [
        "Inleiding en samenvatting",
        *(f"Cluster {c.code}: {c.name}" for c in view.clusters),
        "Voortgang",
        "Kosten, borging en besluiten",
    ]


def keys_of_part(view: PlanView, part: int) -> set[str]:
    pid = view.plan.info.id
    if part == 0:
        return {plan_key(pid, f) for f in INTRO_FIELDS}
    if part == len(view.clusters) + 2:
        return {plan_key(pid, f) for f in (*AGREEMENT_TEXTS, *DECISION_FIELDS)}
    if 1 <= part <= len(view.clusters):
        cluster = view.clusters[part - 1]
        keys = {note_key(pid, s.figures.number) for s in cluster.standards}
        return keys | {action_key(a.id, f) for a in cluster.actions for f in ROW_FIELDS}
    return set()


def text_field(view: PlanView, field: str) -> None:
    label = PLAN_TEXT_FIELDS[field]
    if not view.editable:
        st.markdown(f"**{label}**")
        plain(view.plan.texts[field] or "Nog niet ingevuld.")
    elif field in SHORT_FIELDS:
        fields.text_input(label, limit="plan_short", key=plan_key(view.plan.info.id, field))
    else:
        fields.text_area(label, limit="plan_text", key=plan_key(view.plan.info.id, field), height=160)


def intro(view: PlanView) -> None:
    for field in INTRO_FIELDS:
        text_field(view, field)
    st.subheader("Scores per standaard")
    st.write(f"Gebaseerd op {view.based_on}. De spinnenweb staat in het Word-bestand; dit zijn dezelfde cijfers.")
    table(
        [
            {"Standaard": f"{f.number}. {f.short_name}", "Op orde": percent(f.share), "Score": f.score_line}
            for f in view.figures
        ]
    )


def agreements(view: PlanView) -> None:
    for field in AGREEMENT_TEXTS:
        text_field(view, field)
    st.subheader("Besluitvorming")
    for field in DECISION_FIELDS:
        text_field(view, field)


def progress(view: PlanView) -> None:
    if view.follow_up is not None:
        st.info(f"{view.follow_up.label}. Bij elke actie staat hieronder hoe haar vragen daarin scoren.")
    table(
        [
            {
                "Cluster": f"{p.code}. {p.name}",
                "Acties": p.total,
                **{s.label: p.counts[s] for s in ActionStatus},
                "Gereed": percent(p.done_share),
            }
            for p in view.progress
        ]
    )
    rows = []
    for cluster in view.clusters:
        for action in cluster.actions:
            now = "; ".join(q.line for q in view.follow_up.of(action)) if view.follow_up else ""
            rows.append(
                {
                    "Standaard": action.standard,
                    "Maatregel": action.measure or "(nog leeg)",
                    "Status": action.status.label,
                    "Gereed op": long_date(action.due_on) if action.due_on else "",
                    **({"Hoe staan de vragen nu": now} if view.follow_up else {}),
                }
            )
    if rows:
        st.subheader("Alle acties")
        table(rows)


def cluster(view: PlanView, section: ClusterSection, command: RowCommand) -> None:
    for standard in section.standards:
        _standard(view, standard, command)


def _standard(view: PlanView, section: StandardSection, command: RowCommand) -> None:
    figures = section.figures
    st.subheader(f"Standaard {figures.number}: {figures.short_name}", divider="gray")
    st.write(figures.description)
    st.write(f"**Score:** {figures.score_line}")
    if figures.gaps:
        st.markdown("**Niet op orde:**\n" + "\n".join(f"- {md(gap)}" for gap in figures.gaps))
    pid = view.plan.info.id
    if figures.fully_op_orde:
        st.success("Deze standaard is helemaal op orde.", icon=":material/check_circle:")
    note_label = "Zo houden we dit op orde" if figures.fully_op_orde else "Notitie bij deze standaard (niet verplicht)"
    if view.editable:
        fields.text_area(note_label, limit="plan_text", key=note_key(pid, figures.number), height=80)
    elif section.keep_note:
        st.markdown(f"**{note_label}**")
        plain(section.keep_note)
    for index, action in enumerate(section.actions, start=1):
        _action(view, action, index, len(section.actions), command)
    if view.editable and st.button(
        f"Actie toevoegen bij standaard {figures.number}", key=f"add_{pid}_{figures.number}", icon=":material/add:"
    ):
        command("add", figures.number)
    removed = [a for a in view.plan.removed_actions if a.standard == figures.number]
    if view.editable and removed:
        with st.expander(f"Verwijderde acties bij standaard {figures.number} ({len(removed)})"):
            for action in removed:
                st.write(action.measure or "(lege actie)")
                if st.button("Terugzetten", key=f"restore_{action.id}", icon=":material/undo:"):
                    command("restore", action.id)


def _action(view: PlanView, action: PlanAction, index: int, count: int, command: RowCommand) -> None:
    questions = ", ".join(str(n) for n in action.question_numbers)
    with st.container(border=True):
        st.markdown(f"**Actie {index} van {count}**" + (f" · vraag {questions}" if questions else ""))
        if view.follow_up is not None:
            for now in view.follow_up.of(action):
                st.write(f"{view.follow_up.label}: {now.line}")
        if not view.editable:
            table([{ACTION_COLUMNS[f]: getattr(action, f) for f in ACTION_COLUMNS} | {"Status": action.status.label}])
            return
        left, right = st.columns(2)
        for i, field in enumerate(("measure", "current_state", "description", "intended_result")):
            fields.text_area(
                f"{ACTION_COLUMNS[field]} (actie {index})",
                limit="plan_text",
                container=left if i % 2 == 0 else right,
                key=action_key(action.id, field),
                height=100,
            )
        fields.text_input(
            f"{ACTION_COLUMNS['owner']} (actie {index})",
            limit="plan_text",
            container=left,
            key=action_key(action.id, "owner"),
        )
        fields.text_input(
            f"{ACTION_COLUMNS['planning']} (actie {index})",
            limit="plan_text",
            container=right,
            key=action_key(action.id, "planning"),
            placeholder="Bijvoorbeeld: eerste helft 2027",
        )
        a, b, c, d = st.columns(4)
        a.selectbox(
            f"Status (actie {index})",
            [s.value for s in ActionStatus],
            format_func=lambda v: ActionStatus(v).label,
            key=action_key(action.id, "status"),
        )
        b.selectbox(
            f"Lokaal of regionaal (actie {index})",
            [lv.value for lv in ActionLevel],
            format_func=lambda v: ActionLevel(v).label,
            key=action_key(action.id, "level"),
        )
        c.date_input(f"Startdatum (actie {index})", key=action_key(action.id, "start_on"), format="DD-MM-YYYY")
        d.date_input(f"Gereed op (actie {index})", key=action_key(action.id, "due_on"), format="DD-MM-YYYY")
        st.multiselect(
            f"Hoort bij vraag (actie {index})",
            [q.number for q in view.questionnaire.questions_of_standard(action.standard)],
            format_func=lambda n: f"{n}. {view.questionnaire.questions_by_number[n].topic}",
            key=action_key(action.id, "question_numbers"),
            placeholder="Kies de vragen waar deze actie bij hoort",
        )
        _suggestions(view, action, index)
        up, down, remove = st.columns([1, 1, 1])
        if up.button("Omhoog", key=f"up_{action.id}", icon=":material/arrow_upward:", disabled=index == 1):
            command("up", action.id)
        if down.button("Omlaag", key=f"down_{action.id}", icon=":material/arrow_downward:", disabled=index == count):
            command("down", action.id)
        if remove.button("Verwijderen", key=f"remove_{action.id}", icon=":material/delete:"):
            command("remove", action.id)


def _suggestions(view: PlanView, action: PlanAction, index: int) -> None:
    """Measures from practice for this standard (those about the action's questions first): pick, then edit."""
    qn = view.questionnaire
    suggestions = qn.practices_for(action.standard, action.question_numbers)
    if not suggestions:
        return
    with st.expander(f"Voorbeelden uit de praktijk (actie {index})", icon=":material/lightbulb:"):
        st.caption(
            f"Bron: {md(qn.practices_source)}. Dit zijn voorbeelden, geen norm: kies er een of meer, "
            "pas ze aan of schrijf uw eigen maatregel."
        )
        chosen = st.multiselect(
            f"Kies voorbeelden (actie {index})",
            list(range(len(suggestions))),
            format_func=lambda i: suggestions[i].text,
            key=f"voorbeelden_{action.id}",
            placeholder="Kies een of meer voorbeelden",
        )
        st.button(
            f"Zet in de maatregel (actie {index})",
            key=f"voorbeelden_knop_{action.id}",
            icon=":material/playlist_add:",
            disabled=not chosen,
            on_click=_add_to_measure,
            args=(action.id, [suggestions[i].text for i in chosen]),
        )


def _add_to_measure(action_id: int, texts: list[str]) -> None:
    """Put the chosen examples under what the measure already says; autosave stores it on this run."""
    key = action_key(action_id, "measure")
    current = (st.session_state.get(key) or "").rstrip()
    st.session_state[key] = "\n".join([current, *texts] if current else texts)
    st.session_state[f"voorbeelden_{action_id}"] = []
