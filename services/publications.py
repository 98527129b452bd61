"""Publications: the regional picture as it leaves the regio team, fixed and kept.

Every output for a reader outside the regio team renders from a publication, never from live figures:
the anonymised workbook and CSV, the factsheet, the regional plan, the average a gemeente sees, the
vervolg's themes, the indicator files. So is every output of the partners' counts, whose reader is the
regio itself. A publication is made here, once, from the one regional picture (`services/regio_report`)
with the regio's disclosure rules; before it is stored, each family of figures is checked against every
earlier publication (`analysis.disclosure.smallest_isolated`). A family that would let someone isolate
fewer gemeenten than the minimum keeps its figures of the earlier publication, and says so.

Who may do what:
- the regio makes publications, reads every one and its register;
- a gemeente reads the newest (the average beside its own only when the regio allows it);
- a facilitator reads the newest (for the themes of a vervolg).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analysis.deidentify import Replacement, Words, clean, find
from analysis.disclosure import GroupRule, Rules, smallest_isolated
from analysis.formatting import count_of, long_date
from analysis.indicators import period_key
from analysis.picture import (
    SharedPicture,
    SharedQuestion,
    SharedToelichting,
    fingerprint,
    shared_figures,
    shared_questions,
)
from domain.access import Principal, Role
from domain.models import Purpose, Regio
from services import ServiceError
from services.authz import regional_average_shown, require_regio
from services.publication_families import indicator_families, partner_family
from services.regio_report import RegioReport, report_in
from store import publication_repo
from store import repository as repo
from store.repository import now
from store.unit_of_work import reading, writing

SCAN, PARTNERS = "scan", "partners"
NOTHING_YET = "De regio heeft nog geen cijfers gedeeld."


def rules_of(regio: Regio) -> Rules:
    return Rules(min_gemeenten=regio.min_gemeenten, group=GroupRule(regio.group_rule), dominance=regio.dominance)


class Selection(BaseModel):
    """Which rounds count: the regio's rule, optionally within a period or of a purpose, and its own choices."""

    model_config = ConfigDict(frozen=True)

    period: tuple[date, date] | None = None
    purpose: Purpose | None = None
    chosen: tuple[tuple[int, int], ...] = ()  # (gemeente, round)


class Options(BaseModel):
    """What goes into a publication besides the figures."""

    model_config = ConfigDict(frozen=True)

    include_toelichtingen: bool = False
    extra_words: tuple[str, ...] = ()  # words to leave out of texts besides the gemeente names


class Preview(BaseModel):
    """What a new publication would share, before it is stored. Without the partners' counts: the regio may
    see those only as published (each one is checked against every earlier one)."""

    model_config = ConfigDict(frozen=True)

    picture: SharedPicture
    renewed: tuple[str, ...]  # families whose figures are new
    kept: tuple[str, ...]  # families that keep the figures of the newest publication, and why
    refused: str = ""  # why nothing can be published now
    replaced: tuple[tuple[Replacement, ...], ...] = ()  # per shared toelichting: what was replaced, as typed


# --- reading ---------------------------------------------------------------------------------


def latest(engine: Engine, principal: Principal, *, regio_id: int) -> SharedPicture | None:
    """The regio's newest publication, for whoever may read it (None: nothing shared yet)."""
    with reading(engine) as session:
        regio = _readable(session, principal, regio_id)
        found = publication_repo.latest(session, regio_id=regio.id)
        return None if found is None else loaded_picture(session, regio, found[1])


def latest_with_id(engine: Engine, principal: Principal, *, regio_id: int) -> tuple[int, SharedPicture] | None:
    with reading(engine) as session:
        regio = _readable(session, principal, regio_id)
        found = publication_repo.latest(session, regio_id=regio.id)
        return None if found is None else (found[0], loaded_picture(session, regio, found[1]))


def get(engine: Engine, principal: Principal, *, publication_id: int) -> SharedPicture:
    with reading(engine) as session:
        found = publication_repo.get(session, publication_id=publication_id)
        if found is None:
            raise ServiceError("Deze gedeelde stand bestaat niet (meer).")
        regio = _readable(session, principal, found[0])
        return loaded_picture(session, regio, found[1])


def loaded_picture(session: Session, regio: Regio, stored: str) -> SharedPicture:
    """A stored publication as it may be read. One made before shared text passed the de-identification step
    has its texts passed through it now, with the regio's word lists: what was shared then carried gemeente
    names masked only, and may have named persons."""
    picture = SharedPicture.model_validate_json(stored)
    if picture.texts_checked:
        return picture
    names = [g.name for g in repo.list_gemeenten(session, regio_id=regio.id)]
    words = words_of(regio, names)
    return picture.model_copy(
        update={
            "toelichtingen": tuple(t.model_copy(update={"text": clean(t.text, words)}) for t in picture.toelichtingen),
            "extras": tuple(q.model_copy(update={"text": clean(q.text, words)}) for q in picture.extras),
            "indicators": tuple(
                i.model_copy(update={f: clean(getattr(i, f), words) for f in ("name", "definition", "source")})
                for i in picture.indicators
            ),
            "texts_checked": True,
        }
    )


def gemeente_average(engine: Engine, principal: Principal, *, regio_id: int) -> SharedPicture | None:
    """The shared picture a gemeente may set beside its own results: only when the regio allows it."""
    with reading(engine) as session:
        regio = _readable(session, principal, regio_id)
    if not regional_average_shown(principal, regio_id, gemeente_sees_average=regio.gemeente_sees_average):
        return None
    return latest(engine, principal, regio_id=regio_id)


def register(engine: Engine, principal: Principal, *, regio_id: int) -> list[tuple[int, str, str]]:
    """(id, when, by whom) of every publication, newest first: what the regio shared."""
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    with reading(engine) as session:
        rows = publication_repo.register(session, regio_id=regio_id)
    return [(i, long_date(at.date()), by) for i, at, by in rows]


def _readable(session: Session, principal: Principal, regio_id: int) -> Regio:
    require_regio(principal, regio_id, roles=(Role.REGIO, Role.GEMEENTE, Role.FACILITATOR))
    try:
        return repo.get_regio(session, regio_id=regio_id)
    except repo.NotFound as exc:
        raise ServiceError("Deze regio bestaat niet (meer).") from exc


# --- making one --------------------------------------------------------------------------------


def preview(engine: Engine, principal: Principal, *, regio_id: int, selection: Selection, options: Options) -> Preview:
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    with reading(engine) as session:
        found, _contributions = _prepare(session, regio_id, selection, options, with_partners=False)
    return found


def publish(
    engine: Engine, principal: Principal, *, regio_id: int, selection: Selection, options: Options
) -> tuple[int, Preview]:
    """Store a new publication and return it (with the partners' counts). Refused with a Dutch message when
    nothing in it can be shared."""
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    with writing(engine) as session:
        return publish_in(session, regio_id=regio_id, actor=principal.actor, selection=selection, options=options)


def publish_in(
    session: Session,
    *,
    regio_id: int,
    actor: str,
    selection: Selection,
    options: Options,
    made_at: datetime | None = None,
) -> tuple[int, Preview]:
    """`publish` within an open unit of work (the caller has checked who may; the demo region uses it, with the
    moment of its fictional publication)."""
    found, contributions = _prepare(session, regio_id, selection, options, with_partners=True, made_at=made_at)
    if found.refused:
        raise ServiceError(found.refused)
    publication_id = publication_repo.add(
        session,
        regio_id=regio_id,
        actor=actor,
        picture=found.picture.model_dump_json(),
        contributions={k: sorted(v) for k, v in contributions.items()},
        made_at=found.picture.made_at,
    )
    return publication_id, found


def _prepare(
    session: Session,
    regio_id: int,
    selection: Selection,
    options: Options,
    *,
    with_partners: bool,
    made_at: datetime | None = None,
) -> tuple[Preview, dict[str, frozenset[str]]]:
    report = report_in(
        session,
        regio_id=regio_id,
        period=selection.period,
        purpose=selection.purpose,
        only_gemeenten=None,
        chosen_rounds=dict(selection.chosen),
    )
    rules = rules_of(report.regio)
    picture, contributions, replaced = _picture(session, report, rules, options, with_partners=with_partners)
    if made_at is not None:
        picture = picture.model_copy(update={"made_at": made_at})
    earlier = publication_repo.contributions(session, regio_id=regio_id)
    newest = publication_repo.latest(session, regio_id=regio_id)
    before = loaded_picture(session, report.regio, newest[1]) if newest else None
    renewed, kept = [], []
    new_scan = contributions.get(SCAN)
    last = earlier[-1] if earlier else {}
    minimum = rules.min_gemeenten
    short = ""
    if len(report.counted) < minimum:
        short = (
            f"Er tellen nu {count_of(len(report.counted), 'gemeente', 'gemeenten')} mee; de regio deelt cijfers van "
            f"de scan pas vanaf {minimum} gemeenten."
        )
    for family in list(contributions):
        history = [frozenset(p.get(family, ())) for p in earlier]
        new = contributions[family]
        if new == frozenset(last.get(family, ())):
            continue  # as in the newest publication: nothing new, nothing to check
        if family == SCAN and short:
            picture, _reason = _keep(picture, before, family, rules)
            contributions[family] = frozenset(last.get(family, ()))
            kept.append(short)
            continue
        if new in history or smallest_isolated([*history, new], minimum) is None:
            renewed.append(family)
            continue
        picture, reason = _keep(picture, before, family, rules)
        contributions[family] = frozenset(last.get(family, ()))
        kept.append(reason)
    if SCAN in contributions and contributions[SCAN] != new_scan:
        replaced = ()  # the scan's part is kept as before (or left out): its texts are not these
    refused = ""
    if not renewed:
        refused = short or "Er is niets nieuws te delen: alles blijft zoals bij de vorige keer dat de regio deelde."
    picture = picture.model_copy(update={"kept": tuple(kept)})
    found = Preview(picture=picture, renewed=tuple(renewed), kept=tuple(kept), refused=refused, replaced=replaced)
    return found, contributions


def _keep(picture: SharedPicture, before: SharedPicture | None, family: str, rules: Rules) -> tuple[SharedPicture, str]:
    """The picture with one family's figures as in the newest publication (or none), and the reason in words."""
    when = f"zoals gedeeld op {long_date(before.made_on)}" if before else "nog niet gedeeld"
    why = (
        f"sinds de vorige keer veranderde dit bij minder dan {rules.min_gemeenten} gemeenten; nieuwe cijfers "
        "zouden naast de oude laten zien wat die gemeenten antwoordden"
    )
    if family == SCAN:
        if before is None:  # nothing of the scan was shared yet: share none of it now either
            empty = {"highlights": (), "toelichtingen": (), "extras": ()}
            return picture.model_copy(update=empty), f"De cijfers van de scan: {why}."
        kept_fields = ("selection", "gemeenten_counted", "standards", "questions", "extras", "highlights",
                       "toelichtingen", "left_out")  # fmt: skip
        return picture.model_copy(update={f: getattr(before, f) for f in kept_fields}), (
            f"De cijfers van de scan blijven {when}: {why}."
        )
    if family == PARTNERS:
        old = before.partners if before else None
        return picture.model_copy(update={"partners": old}), f"De tellingen van de partners blijven {when}: {why}."
    # an indicator's period: "indicator:<id>:<period>"
    _, indicator_id, period = family.split(":", 2)
    old_period = None
    if before is not None:
        old_indicator = next((i for i in before.indicators if str(i.indicator_id) == indicator_id), None)
        if old_indicator is not None:
            old_period = next((p for p in old_indicator.periods if p.period == period), None)
    indicators = []
    for item in picture.indicators:
        if str(item.indicator_id) != indicator_id:
            indicators.append(item)
            continue
        periods = [p for p in item.periods if p.period != period] + ([old_period] if old_period else [])
        periods.sort(key=lambda p: period_key(p.period))
        indicators.append(item.model_copy(update={"periods": tuple(periods)}))
        name = item.name
    return picture.model_copy(update={"indicators": tuple(indicators)}), (
        f"Indicator '{name}', periode {period}: het regiocijfer blijft {when}: {why}."
    )


def words_of(regio: Regio, gemeente_names: list[str], extra_words: tuple[str, ...] = ()) -> Words:
    """The word lists the de-identification of this regio's shared text works with."""
    return Words(names=tuple(gemeente_names), remove=(*regio.words_removed, *extra_words), keep=regio.words_kept)


def _picture(
    session: Session, report: RegioReport, rules: Rules, options: Options, *, with_partners: bool
) -> tuple[SharedPicture, dict[str, frozenset[str]], tuple[tuple[Replacement, ...], ...]]:
    words = words_of(report.regio, [g.gemeente_name for g in report.gemeenten], options.extra_words)
    standards, questions, highlights = shared_figures(list(report.results), rules)
    extras = [q.model_copy(update={"text": clean(q.text, words)}) for q in shared_questions(report.extras, rules)]
    notes = report.toelichtingen if options.include_toelichtingen else ()
    replaced = tuple(find(t.text, words) for t in notes)
    toelichtingen = tuple(
        SharedToelichting(standard=t.standard, question_number=t.question_number, text=clean(t.text, words))
        for t in notes
    )
    counted = report.counted
    # The texts change with the regio's word lists: a new list is something new to share.
    flag = f"{int(options.include_toelichtingen)}:{hash_words(words) if options.include_toelichtingen else ''}"
    contributions: dict[str, frozenset[str]] = {
        SCAN: frozenset(f"{g.gemeente_id}:{g.fingerprint}:{flag}" for g in counted)
    }
    partners = None
    if with_partners:
        partners, members = partner_family(session, report, rules)
        if members:
            contributions[PARTNERS] = members
    indicators, indicator_members = indicator_families(session, report, rules, words)
    contributions |= indicator_members
    picture = SharedPicture(
        regio_name=report.regio.name,
        is_demo=report.regio.is_demo,
        made_at=now(),
        selection=report.selection,
        gemeenten_counted=len(counted),
        gemeenten_total=len(report.gemeenten),
        rules=rules,
        standards=tuple(standards),
        questions=tuple(questions),
        extras=tuple(extras),
        highlights=tuple(highlights),
        toelichtingen=toelichtingen,
        left_out=report.left_out,
        partners=partners,
        indicators=tuple(indicators),
        texts_checked=True,
    )
    return picture, contributions, replaced


def hash_words(words: Words) -> str:
    return fingerprint(words.model_dump_json())[:12]


def contribution_sets(engine: Engine, principal: Principal, *, regio_id: int) -> list[dict[str, list[str]]]:
    """For tests and the register: what each publication rested on (ids only, no names)."""
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    with reading(engine) as session:
        return publication_repo.contributions(session, regio_id=regio_id)


__all__ = [
    "NOTHING_YET",
    "Options",
    "Preview",
    "Selection",
    "SharedQuestion",
    "gemeente_average",
    "get",
    "latest",
    "preview",
    "publish",
    "register",
    "rules_of",
]
