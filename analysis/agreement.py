"""How far partners agreed when each answered a round alone first. Pure figures, no database.

A *view* is one partner's own answer to one question. The round's agreed answer is set apart
from the views and is what every score uses; the views only say where people saw it differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from analysis.formatting import count_of
from domain.answers import ANSWER_LABELS, AnswerValue, View


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class QuestionViews(_Model):
    """Every partner's view of one question, beside the round's agreed answer."""

    number: int
    standard: int
    views: tuple[View, ...]
    agreed: AnswerValue | None = None

    @property
    def answered(self) -> list[View]:
        return [v for v in self.views if v.value is not None]

    def count(self, value: AnswerValue) -> int:
        return sum(1 for v in self.views if v.value is value)

    @property
    def disagree(self) -> bool:
        """Partners gave both answers."""
        return self.count(AnswerValue.OP_ORDE) > 0 and self.count(AnswerValue.NIET_OP_ORDE) > 0

    @property
    def comparable(self) -> bool:
        """At least two partners answered: only then can they agree or differ."""
        return len(self.answered) >= 2

    @property
    def first_answers(self) -> list[AnswerValue]:
        """The answers partners gave alone, as first handed in."""
        return [v.first_value for v in self.views if v.handed_in and v.first_value is not None]

    @property
    def comparable_first(self) -> bool:
        return len(self.first_answers) >= 2

    @property
    def disagreed_first(self) -> bool:
        """Partners gave both answers when each first handed in alone."""
        return len(set(self.first_answers)) == 2

    @property
    def spread(self) -> str:
        """'4 × op orde, 2 × niet op orde: Veilig Thuis, Jeugdprofessional' (the smaller side named)."""
        return spread_line(self.views)


def spread_line(views: Sequence[View], *, who: str = "names") -> str:
    """'4 × op orde, 2 × niet op orde: Veilig Thuis (Sanne)'. `who`: "names" (role and name, for the gemeente's
    own Samen page), "roles" (roles only) or "none" (counts only): what leaves the Samen page never has names."""
    op = [v for v in views if v.value is AnswerValue.OP_ORDE]
    niet = [v for v in views if v.value is AnswerValue.NIET_OP_ORDE]
    open_ = [v for v in views if v.value is None]
    if not op and not niet:
        return "nog geen antwoord van een partner"
    line = f"{len(op)} × {ANSWER_LABELS[AnswerValue.OP_ORDE]}, {len(niet)} × {ANSWER_LABELS[AnswerValue.NIET_OP_ORDE]}"
    if op and niet and who != "none":
        smaller = niet if len(niet) <= len(op) else op
        line += ": " + ", ".join(v.who if who == "names" else v.role for v in smaller)
    if open_:
        line += f" ({count_of(len(open_), 'partner', 'partners')} nog niet beantwoord)"
    return line


def question_views(
    numbers_and_standards: Iterable[tuple[int, int]],
    views: Mapping[int, Sequence[View]],
    agreed: Mapping[int, AnswerValue | None],
) -> list[QuestionViews]:
    """One row per question, in questionnaire order."""
    return [
        QuestionViews(number=n, standard=s, views=tuple(views.get(n, ())), agreed=agreed.get(n))
        for n, s in numbers_and_standards
    ]


def samen_order(rows: Sequence[QuestionViews]) -> list[QuestionViews]:
    """Disagreements first, then the rest; by number within each. Setting an answer does not move a question: the
    person finds the card where they clicked, with its confirmation."""
    return sorted(rows, key=lambda r: (not r.disagree, r.number))


class StandardAgreement(_Model):
    """Per standard: of the questions at least two partners answered, on how many they all agreed."""

    standard: int
    compared: int
    agreed: int

    @property
    def differed(self) -> int:
        return self.compared - self.agreed

    @property
    def line(self) -> str:
        if self.compared == 0:
            return "nog geen vraag door twee of meer partners beantwoord"
        return f"eens over {self.agreed} van {count_of(self.compared, 'vraag', 'vragen')}"


def standard_agreement(rows: Sequence[QuestionViews]) -> list[StandardAgreement]:
    standards = sorted({r.standard for r in rows})
    found = []
    for standard in standards:
        compared = [r for r in rows if r.standard == standard and r.comparable]
        found.append(
            StandardAgreement(
                standard=standard, compared=len(compared), agreed=sum(1 for r in compared if not r.disagree)
            )
        )
    return found
