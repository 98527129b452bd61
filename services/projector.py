"""What the shared screen of a bijeenkomst shows: per group its progress in the open block, and once the
facilitator reveals them the figures of the room under the regio's disclosure rules (the room is not the regio
team)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

import questionnaire
from analysis.disclosure import Rules
from analysis.picture import SharedQuestion, SharedStandard, shared_figures
from analysis.scoring import score_round
from domain.access import Principal
from domain.meeting import Meeting
from services.meeting import meeting_in, require_facilitator
from services.publications import rules_of
from store import answers_repo
from store import repository as repo
from store.unit_of_work import reading


class GroupProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    answered: int
    total: int


class ProjectorView(BaseModel):
    """What the shared screen shows. Figures only when the facilitator has revealed them, under the regio's
    disclosure rules (the room is not the regio team): only the open block's questions and standards."""

    model_config = ConfigDict(frozen=True)

    meeting: Meeting
    block_label: str
    groups: tuple[GroupProgress, ...]
    questions: tuple[SharedQuestion, ...] = ()  # of the open block (or all, when no block is open)
    standards: tuple[SharedStandard, ...] = ()  # the standards of the open block (or all)
    highlights: tuple[str, ...] = ()
    rules: Rules | None = None


def projector(engine: Engine, principal: Principal, *, meeting_id: int) -> ProjectorView:
    """Per group its progress in the open block; once revealed, x van y, the spinnenweb, what stands out."""
    with reading(engine) as session:
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
        answers = answers_repo.answers_of_rounds(session, round_ids=[g.round_id for g in meeting.groups])
        regio = repo.get_regio(session, regio_id=meeting.regio_id)
    qn = questionnaire.current()
    block = meeting.open_block
    shown = [q.number for q in (qn.questions_of_block(block) if block else qn.questions)]
    groups = tuple(
        GroupProgress(
            label=meeting.group_label(g),
            answered=sum(1 for a in answers[g.round_id] if a.value is not None and a.question_number in shown),
            total=len(shown),
        )
        for g in meeting.groups
    )
    label = f"Blok {block} is open" if block else "Er is geen blok open"
    if not meeting.results_shown:
        return ProjectorView(meeting=meeting, block_label=label, groups=groups)
    # Only the open block: a standard of the other block must not show answers from earlier sittings.
    in_block = set(shown)
    results = [
        score_round(qn, [a for a in answers[g.round_id] if a.question_number in in_block]) for g in meeting.groups
    ]
    results = [r for r in results if r.total.answered]
    rules = rules_of(regio)
    standards, questions, lines = shared_figures(results, rules, noun="groepen")
    block_standards = {q.standard for q in qn.questions if q.number in in_block}
    return ProjectorView(
        meeting=meeting,
        block_label=label,
        groups=groups,
        questions=tuple(q for q in questions if q.number in in_block),
        standards=tuple(s for s in standards if s.number in block_standards),
        highlights=tuple(lines),
        rules=rules,
    )
