"""The questionnaire definition, validated when it loads.

The cross-field rules live here so a broken data file is refused with a message that
names the problem, before any page or score depends on it.
"""

from __future__ import annotations

from functools import cached_property
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

CORE_QUESTION_COUNT = 31
STANDARD_COUNT = 10
CLUSTER_CODES = ("A", "B", "C", "D", "E")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Block(_Frozen):
    number: int = Field(ge=1, le=2)
    name: str = Field(min_length=1)
    first_question: int
    last_question: int

    def contains(self, question_number: int) -> bool:
        return self.first_question <= question_number <= self.last_question


class Cluster(_Frozen):
    code: str
    name: str = Field(min_length=1)


class Standard(_Frozen):
    number: int = Field(ge=1, le=STANDARD_COUNT)
    short_name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    cluster: str
    block: int = Field(ge=1, le=2)


class Begrip(_Frozen):
    """A concept users ask about, explained in one or two plain sentences."""

    term: str = Field(min_length=1)
    definition: str = Field(min_length=1)

    @property
    def sentence(self) -> str:
        return f"{self.term}: {self.definition}"


class Question(_Frozen):
    number: int = Field(ge=1, le=CORE_QUESTION_COUNT)
    standard: int
    block: int = Field(ge=1, le=2)
    text: str = Field(min_length=1)
    topic: str = Field(min_length=1, max_length=200)
    """What the question is about, as a short phrase: the maatregel a verbeterplan row starts from."""
    help: str = ""
    begrippen: tuple[str, ...] = ()


class Practice(_Frozen):
    """A measure seen in practice, offered as a suggestion for a verbeterplan row; never a norm."""

    standard: int
    text: str = Field(min_length=1, max_length=300)
    questions: tuple[int, ...] = ()


class Questionnaire(_Frozen):
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    blocks: tuple[Block, ...]
    clusters: tuple[Cluster, ...]
    standards: tuple[Standard, ...]
    begrippen: dict[str, Begrip] = {}
    questions: tuple[Question, ...]
    practices_source: str = ""
    practices: tuple[Practice, ...] = ()
    based_on: str = ""
    """The version this one follows. A question keeps its number and meaning unless `not_comparable` names it."""
    not_comparable: dict[int, str] = {}
    """Questions whose meaning changed since `based_on`, each with the reason, in plain Dutch."""

    @model_validator(mode="after")
    def _check_structure(self) -> Questionnaire:
        problems: list[str] = []
        problems += _check_blocks(self.blocks)
        problems += _check_comparison(self)
        problems += _check_clusters(self.clusters)
        problems += _check_standards(self.standards, {c.code for c in self.clusters})
        problems += _check_questions(self)
        problems += _check_practices(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @cached_property
    def standards_by_number(self) -> dict[int, Standard]:
        return {s.number: s for s in self.standards}

    @cached_property
    def questions_by_number(self) -> dict[int, Question]:
        return {q.number: q for q in self.questions}

    def block(self, number: int) -> Block:
        return next(b for b in self.blocks if b.number == number)

    def cluster(self, code: str) -> Cluster:
        return next(c for c in self.clusters if c.code == code)

    def questions_of_standard(self, standard: int) -> list[Question]:
        return [q for q in self.questions if q.standard == standard]

    def questions_of_block(self, block: int) -> list[Question]:
        return [q for q in self.questions if q.block == block]

    def standards_of_block(self, block: int) -> list[Standard]:
        """Standards in the order their first question appears in the block."""
        seen: list[int] = []
        for q in self.questions_of_block(block):
            if q.standard not in seen:
                seen.append(q.standard)
        return [self.standards_by_number[n] for n in seen]

    def begrippen_of(self, question: Question) -> list[Begrip]:
        return [self.begrippen[key] for key in question.begrippen]

    def practices_for(self, standard: int, questions: tuple[int, ...] = ()) -> list[Practice]:
        """The suggestions of a standard, those about the given questions first (order kept otherwise)."""
        own = [p for p in self.practices if p.standard == standard]
        return sorted(own, key=lambda p: not set(p.questions) & set(questions))


_Key = TypeVar("_Key", int, str)  # the numbers of questions or of standards


def _duplicates(numbers: list[_Key]) -> list[_Key]:
    return sorted({n for n in numbers if numbers.count(n) > 1})


def _check_blocks(blocks: tuple[Block, ...]) -> list[str]:
    if sorted(b.number for b in blocks) != [1, 2]:
        return ["er moeten precies twee blokken zijn, met nummer 1 en 2"]
    b1, b2 = sorted(blocks, key=lambda b: b.number)
    if (b1.first_question, b1.last_question, b2.first_question, b2.last_question) != (
        1,
        14,
        15,
        CORE_QUESTION_COUNT,
    ):
        return ["blok 1 moet vraag 1 tot en met 14 bevatten en blok 2 vraag 15 tot en met 31"]
    return []


def _check_clusters(clusters: tuple[Cluster, ...]) -> list[str]:
    codes = [c.code for c in clusters]
    if sorted(codes) != list(CLUSTER_CODES):
        return [f"de clusters moeten A tot en met E zijn, gevonden: {', '.join(codes)}"]
    return []


def _check_standards(standards: tuple[Standard, ...], cluster_codes: set[str]) -> list[str]:
    problems = []
    numbers = [s.number for s in standards]
    if dupes := _duplicates(numbers):
        problems.append(f"standaard {', '.join(map(str, dupes))} komt meer dan eens voor")
    if len(set(numbers)) != STANDARD_COUNT:
        problems.append(f"er moeten {STANDARD_COUNT} standaarden zijn, gevonden: {len(set(numbers))}")
    for s in standards:
        if s.cluster not in cluster_codes:
            problems.append(f"standaard {s.number} hoort bij onbekend cluster '{s.cluster}'")
    return problems


def _check_questions(qn: Questionnaire) -> list[str]:
    problems = []
    numbers = [q.number for q in qn.questions]
    if dupes := _duplicates(numbers):
        problems.append(f"vraag {', '.join(map(str, dupes))} komt meer dan eens voor")
    if len(qn.questions) != CORE_QUESTION_COUNT:
        problems.append(f"er moeten {CORE_QUESTION_COUNT} vragen zijn, gevonden: {len(qn.questions)}")
    standards = {s.number: s for s in qn.standards}
    blocks = {b.number: b for b in qn.blocks}
    for q in qn.questions:
        standard = standards.get(q.standard)
        if standard is None:
            problems.append(f"vraag {q.number} hoort bij onbekende standaard {q.standard}")
        elif standard.block != q.block:
            problems.append(
                f"vraag {q.number} staat in blok {q.block}, maar standaard {q.standard} hoort in blok {standard.block}"
            )
        block = blocks.get(q.block)
        if block is not None and not block.contains(q.number):
            problems.append(f"vraag {q.number} staat in het verkeerde blok ({q.block})")
        for key in q.begrippen:
            if key not in qn.begrippen:
                problems.append(f"vraag {q.number} noemt onbekend begrip '{key}'")
    for number in standards:
        if not any(q.standard == number for q in qn.questions):
            problems.append(f"standaard {number} heeft geen vragen")
    return problems


def _check_practices(qn: Questionnaire) -> list[str]:
    problems = []
    if qn.practices and not qn.practices_source.strip():
        problems.append("bij de voorbeelden uit de praktijk ontbreekt de bron (practices_source)")
    standards = {s.number for s in qn.standards}
    numbers = {q.number for q in qn.questions}
    for i, p in enumerate(qn.practices, start=1):
        if p.standard not in standards:
            problems.append(f"voorbeeld {i} hoort bij onbekende standaard {p.standard}")
        if unknown := sorted(set(p.questions) - numbers):
            problems.append(f"voorbeeld {i} noemt onbekende vraag {', '.join(map(str, unknown))}")
    return problems


def _check_comparison(qn: Questionnaire) -> list[str]:
    problems = []
    if qn.not_comparable and not qn.based_on.strip():
        problems.append("bij 'not_comparable' hoort 'based_on': de versie waarmee niet te vergelijken valt")
    if qn.based_on and qn.based_on == qn.version:
        problems.append("een versie kan niet op zichzelf gebaseerd zijn (based_on)")
    for number, reason in qn.not_comparable.items():
        if not 1 <= number <= CORE_QUESTION_COUNT:
            problems.append(f"not_comparable noemt onbekende vraag {number}")
        if not reason.strip():
            problems.append(f"bij vraag {number} in not_comparable ontbreekt de reden")
    return problems
