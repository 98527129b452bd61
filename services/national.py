"""The national picture: regions that choose to take part, their contributions, and the national publications.

- A regio takes part by its own choice (its regio team or its beheerder, `authz.require_national_choice`): it sees
  its contribution first, exactly as it will count (`offer`), then joins (`join`), with who and when recorded, and
  may stop (`withdraw`): it leaves the next national figures, and what was published before says that a regio
  stopped since.
- A contribution is the regio's newest publication (`services/publications.py`), figures only
  (`analysis.national.contribution_of`): never a gemeente name, a toelichting or an own question.
- A regio on another installation downloads its contribution as a signed workbook (`contribution_file`); the
  national installation reads it in through the one upload reader (`imports/xlsx_contribution.py`) and takes it only
  when its signature holds and its key is one the national team trusts (`trust_key`).
- The national team (role landelijk) makes national publications (`publish`) and reads the newest (`latest`); every
  output it gets renders from a publication, checked against the earlier ones (`analysis.national.build`).
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.contribution import Contribution, contribution_of
from analysis.deidentify import Words, find
from analysis.formatting import long_date
from analysis.national import NationalPicture, NationalRules
from analysis.national_stand import build
from domain.access import Principal
from domain.audit import Action
from exports.xlsx_contribution import contribution_workbook
from imports.upload import UploadRefused
from imports.xlsx_contribution import SignedContribution, read_contribution
from services import ServiceError, audit, signing
from services.authz import require_national, require_national_choice
from services.publications import NOTHING_YET, loaded_picture
from store import access_repo, national_repo, publication_repo
from store import repository as repo
from store.national_repo import Taking, TrustedKey
from store.repository import now
from store.unit_of_work import reading, writing

RULES_SETTING = "landelijke_regels"
UNNAMED = "Een regio die niet genoemd wil worden"


class Participant(BaseModel):
    """A regio that takes part, as the national team sees it: its name only when it chose to be named."""

    model_config = ConfigDict(frozen=True)

    id: int
    shown_as: str
    by_file: bool
    periods: tuple[str, ...]
    joined_on: str
    withdrawn_on: str = ""


def local_key(regio_id: int) -> str:
    return f"hier:{regio_id}"


def file_key(fingerprint: str, regio_name: str) -> str:
    name = hashlib.sha256(regio_name.strip().casefold().encode()).hexdigest()[:12]
    return f"bestand:{fingerprint}:{name}"


def current_version() -> str:
    return questionnaire.current().version


# --- a regio's choice --------------------------------------------------------------------------


def _contribution(session: Session, regio_id: int, *, named: bool, period: str) -> Contribution:
    regio = repo.get_regio(session, regio_id=regio_id)
    found = publication_repo.latest(session, regio_id=regio_id)
    if found is None:
        raise ServiceError(
            f"{NOTHING_YET} Leg eerst bij 'Delen en downloaden' vast wat de regio deelt; dat is wat de regio "
            "landelijk bijdraagt."
        )
    picture = loaded_picture(session, regio, found[1])
    try:
        return contribution_of(picture, named=named, period=period, questionnaire_version=current_version())
    except ValidationError as exc:
        raise ServiceError("Kies een periode: een jaartal, bijvoorbeeld 2026.") from exc


def offer(engine: Engine, principal: Principal, *, regio_id: int, named: bool, period: str) -> Contribution:
    """What the regio would contribute, exactly as it will count, before it joins."""
    require_national_choice(principal, regio_id)
    with reading(engine) as session:
        return _contribution(session, regio_id, named=named, period=period)


def taking_part(engine: Engine, principal: Principal, *, regio_id: int) -> Taking | None:
    require_national_choice(principal, regio_id)
    with reading(engine) as session:
        return national_repo.taking(session, regio_key=local_key(regio_id))


def join(engine: Engine, principal: Principal, *, regio_id: int, named: bool, period: str) -> Contribution:
    """Take part with the regio's newest publication for a scan period (again, when it did before: the newer
    contribution replaces the one of the same period)."""
    require_national_choice(principal, regio_id)
    with writing(engine) as session:
        contribution = _contribution(session, regio_id, named=named, period=period)
        deelname = national_repo.join(
            session,
            regio_key=local_key(regio_id),
            regio_id=regio_id,
            regio_name=contribution.regio_name,
            named=named,
            by_file=False,
            actor=principal.actor,
        )
        national_repo.contribute(
            session,
            deelname_id=deelname,
            period=period,
            contribution=contribution.model_dump_json(),
            actor=principal.actor,
        )
        audit.record_by(
            session,
            principal,
            action=Action.NATIONAL_JOIN,
            object=f"regio {regio_id}, periode {period}, {'met' if named else 'zonder'} naam",
            regio_id=regio_id,
        )
        return contribution


def withdraw(engine: Engine, principal: Principal, *, regio_id: int) -> None:
    require_national_choice(principal, regio_id)
    with writing(engine) as session:
        if not national_repo.withdraw(session, regio_key=local_key(regio_id), actor=principal.actor):
            raise ServiceError("De regio doet niet (meer) mee aan het landelijke beeld.")
        audit.record_by(session, principal, action=Action.NATIONAL_WITHDRAW, object=f"regio {regio_id}",
                        regio_id=regio_id)  # fmt: skip


def contribution_file(engine: Engine, principal: Principal, *, regio_id: int, named: bool, period: str) -> bytes:
    """The contribution as a signed workbook, for a national installation elsewhere."""
    require_national_choice(principal, regio_id)
    with writing(engine) as session:  # the signing key is made on first use
        contribution = _contribution(session, regio_id, named=named, period=period)
        public, signature = signing.sign(session, contribution.model_dump_json().encode())
    return contribution_workbook(
        contribution, public_key=public, fingerprint=signing.fingerprint(public), signature=signature
    )


def own_fingerprint(engine: Engine, principal: Principal, *, regio_id: int) -> str:
    """The fingerprint of this installation's signing key: the national team trusts files signed with it."""
    require_national_choice(principal, regio_id)
    with reading(engine) as session:
        known = signing.known_public_key(session)
    if known is None:  # made on first use, once
        with writing(engine) as session:
            known = signing.public_key(session)
    return signing.fingerprint(known)


# --- the national team ---------------------------------------------------------------------------


def rules(engine: Engine) -> NationalRules:
    with reading(engine) as session:
        return _rules(session)


def _rules(session: Session) -> NationalRules:
    stored = access_repo.setting(session, name=RULES_SETTING)
    return NationalRules.model_validate_json(stored) if stored else NationalRules()


def set_rules(engine: Engine, principal: Principal, *, new: NationalRules) -> None:
    require_national(principal)
    with writing(engine) as session:
        access_repo.set_setting(session, name=RULES_SETTING, value=new.model_dump_json())
        audit.record_by(
            session,
            principal,
            action=Action.SETTING,
            object=f"landelijke regels: {new.min_regios} regio's, {new.min_gemeenten} gemeenten, {new.group.value}",
            regio_id=None,
        )


def participants(engine: Engine, principal: Principal) -> list[Participant]:
    require_national(principal)
    with reading(engine) as session:
        found = national_repo.takings(session)
    return [
        Participant(
            id=t.id,
            shown_as=t.regio_name if t.named else UNNAMED,
            by_file=t.by_file,
            periods=t.periods,
            joined_on=long_date(t.joined_at.date()),
            withdrawn_on=long_date(t.withdrawn_at.date()) if t.withdrawn_at else "",
        )
        for t in found
    ]


def stop_participant(engine: Engine, principal: Principal, *, participant_id: int) -> None:
    """A regio on another installation asked to stop: the national team takes it out of the next figures. A regio on
    this installation stops itself."""
    require_national(principal)
    with writing(engine) as session:
        found = next((t for t in national_repo.takings(session) if t.id == participant_id), None)
        if found is None or not found.by_file:
            raise ServiceError("Een regio op deze installatie stopt zelf, op haar eigen pagina.")
        national_repo.withdraw(session, regio_key=found.regio_key, actor=principal.actor)
        audit.record_by(session, principal, action=Action.NATIONAL_WITHDRAW, object=f"deelnemer {participant_id}",
                        regio_id=None)  # fmt: skip


def trusted_keys(engine: Engine, principal: Principal) -> list[TrustedKey]:
    require_national(principal)
    with reading(engine) as session:
        return national_repo.trusted_keys(session)


def trust_key(engine: Engine, principal: Principal, *, fingerprint: str, label: str) -> str:
    require_national(principal)
    normal = signing.normal_fingerprint(fingerprint)
    if not normal:
        raise ServiceError(
            "Een vingerafdruk heeft 16 tekens (cijfers 0 tot en met 9 en letters A tot en met F), bijvoorbeeld "
            "A1B2-C3D4-E5F6-0718. De regio vindt hem op haar pagina, bij 'Landelijk beeld'."
        )
    label = " ".join(label.split())[:120]
    if not label:
        raise ServiceError("Schrijf erbij van welke installatie deze sleutel is, bijvoorbeeld 'Installatie Twente'.")
    with writing(engine) as session:
        national_repo.trust_key(session, fingerprint=normal, label=label, actor=principal.actor)
        audit.record_by(session, principal, action=Action.NATIONAL_KEY, object=f"sleutel {normal}", regio_id=None)
    return normal


def distrust_key(engine: Engine, principal: Principal, *, key_id: int) -> None:
    require_national(principal)
    with writing(engine) as session:
        national_repo.distrust_key(session, key_id=key_id)
        audit.record_by(session, principal, action=Action.NATIONAL_KEY, object=f"sleutel {key_id} niet meer vertrouwd",
                        regio_id=None)  # fmt: skip


def check_file(engine: Engine, principal: Principal, *, data: bytes, file_name: str) -> SignedContribution:
    """A contribution file as it would count, or a Dutch refusal: not what the app wrote, changed since, signed
    with a key the national team does not trust, or with a name that is not a regio's."""
    require_national(principal)
    try:
        found = read_contribution(data, file_name)
    except UploadRefused as exc:
        raise ServiceError(str(exc)) from exc
    if not signing.verify(found.public_key, found.signature, found.contribution.model_dump_json().encode()):
        raise ServiceError(
            "De handtekening in dit bestand hoort niet bij deze cijfers: het bestand is veranderd nadat de app van de "
            "regio het maakte, of een andere app maakte het. Vraag de regio het bestand opnieuw te downloaden."
        )
    if signing.fingerprint(found.public_key) != found.fingerprint:
        raise ServiceError("De vingerafdruk in het bestand hoort niet bij de sleutel ernaast. Vraag een nieuw bestand.")
    with reading(engine) as session:
        trusted = {k.fingerprint for k in national_repo.trusted_keys(session)}
        names = [g.name for r in repo.list_regios(session) for g in repo.list_gemeenten(session, regio_id=r.id)]
    if found.fingerprint not in trusted:
        raise ServiceError(
            f"Dit bestand is ondertekend met sleutel {found.fingerprint}, en die vertrouwt deze installatie "
            "(nog) niet. "
            "Vraag de regio om de vingerafdruk van haar installatie, vergelijk die met deze, en voeg hem toe bij "
            "'Vertrouwde sleutels'."
        )
    if find(found.contribution.regio_name, Words(names=tuple(names))):
        raise ServiceError(
            "De naam van de regio in dit bestand lijkt een gemeente, een persoon of een contactgegeven te noemen. "
            "Zo'n bestand lezen we niet in."
        )
    return found


def take_in_file(engine: Engine, principal: Principal, *, data: bytes, file_name: str) -> Contribution:
    found = check_file(engine, principal, data=data, file_name=file_name)
    contribution = found.contribution
    with writing(engine) as session:
        deelname = national_repo.join(
            session,
            regio_key=file_key(found.fingerprint, contribution.regio_name),
            regio_id=None,
            regio_name=contribution.regio_name,
            named=contribution.named,
            by_file=True,
            actor=principal.actor,
        )
        national_repo.contribute(
            session,
            deelname_id=deelname,
            period=contribution.period,
            contribution=contribution.model_dump_json(),
            actor=principal.actor,
        )
        what = f"landelijke bijdrage {file_name}, periode {contribution.period}"
        audit.record_by(session, principal, action=Action.IMPORT, object=what, regio_id=None)
    return contribution


def publish(engine: Engine, principal: Principal) -> NationalPicture:
    """A new national publication from the current contributions, checked against the earlier ones."""
    require_national(principal)
    with writing(engine) as session:
        active = [(key, Contribution.model_validate_json(c)) for key, c in national_repo.active(session)]
        newest = national_repo.latest_publication(session)
        demo = {r.id for r in repo.list_regios(session) if r.is_demo}
        takings = {t.regio_key: t for t in national_repo.takings(session)}
        is_demo = any(takings[key].regio_id in demo for key, _ in active if key in takings)
        picture, rested = build(
            active,
            rules=_rules(session),
            questionnaire_version=current_version(),
            made_at=now(),
            earlier=national_repo.publication_contributions(session),
            before=NationalPicture.model_validate_json(newest[1]) if newest else None,
            is_demo=is_demo,
        )
        national_repo.add_publication(
            session,
            actor=principal.actor,
            picture=picture.model_dump_json(),
            contributions={k: sorted(v) for k, v in rested.items()},
        )
        audit.record_by(session, principal, action=Action.NATIONAL_PUBLISH,
                        object=f"{len({k for k, _ in active})} regio's", regio_id=None)  # fmt: skip
        return picture


def latest(engine: Engine, principal: Principal) -> NationalPicture | None:
    """The newest national publication, saying whether regions stopped since it was made."""
    require_national(principal)
    with reading(engine) as session:
        found = national_repo.latest_publication(session)
        if found is None:
            return None
        picture = NationalPicture.model_validate_json(found[1])
        stopped = national_repo.withdrawals_since(session, picture.made_at)
    if stopped:
        words = "is 1 regio gestopt" if stopped == 1 else f"zijn {stopped} regio's gestopt"
        note = f"Sinds deze stand {words}. Maak een nieuwe stand: daarin telt zij niet meer mee."
        picture = picture.model_copy(update={"withdrawn_since": (note,)})
    return picture


__all__ = [
    "UNNAMED",
    "Participant",
    "check_file",
    "contribution_file",
    "join",
    "latest",
    "offer",
    "own_fingerprint",
    "participants",
    "publish",
    "rules",
    "set_rules",
    "stop_participant",
    "take_in_file",
    "taking_part",
    "trust_key",
    "trusted_keys",
    "withdraw",
]
