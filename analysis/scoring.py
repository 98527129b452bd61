"""Scoring of one round: per question, per standard, per block and in total."""

from __future__ import annotations

from collections.abc import Iterable

from analysis.results import Progress, QuestionResult, RoundResult, StandardScore
from domain.answers import Answer, AnswerValue
from questionnaire import Questionnaire


def score_round(questionnaire: Questionnaire, answers: Iterable[Answer]) -> RoundResult:
    """Score the answers of one round against the questionnaire.

    Answers to question numbers the questionnaire does not have are ignored, so a
    regional extra question can never leak into the core scores.
    """
    by_number = {a.question_number: a for a in answers}
    questions = tuple(
        QuestionResult(
            number=q.number,
            standard=q.standard,
            block=q.block,
            text=q.text,
            value=by_number[q.number].value if q.number in by_number else None,
            toelichting=by_number[q.number].toelichting if q.number in by_number else "",
        )
        for q in questionnaire.questions
    )
    standards = tuple(
        _score_standard(s.number, s.short_name, s.cluster, questions)
        for s in sorted(questionnaire.standards, key=lambda s: s.number)
    )
    blocks = tuple(
        _progress(block.name, [q for q in questions if q.block == block.number])
        for block in sorted(questionnaire.blocks, key=lambda b: b.number)
    )
    return RoundResult(
        questionnaire_version=questionnaire.version,
        questions=questions,
        standards=standards,
        blocks=blocks,
        total=_progress("Totaal", list(questions)),
    )


def _score_standard(number: int, short_name: str, cluster: str, questions: tuple[QuestionResult, ...]) -> StandardScore:
    own = [q for q in questions if q.standard == number]
    return StandardScore(
        number=number,
        short_name=short_name,
        cluster=cluster,
        question_count=len(own),
        answered=sum(1 for q in own if q.value is not None),
        op_orde=sum(1 for q in own if q.value is AnswerValue.OP_ORDE),
    )


def _progress(label: str, questions: list[QuestionResult]) -> Progress:
    return Progress(
        label=label,
        answered=sum(1 for q in questions if q.value is not None),
        total=len(questions),
    )
