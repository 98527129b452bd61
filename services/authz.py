"""Who may read or change what. Every service checks here, whatever the page shows.

- gemeente: reads and changes the rounds of its own gemeente only;
- regio: reads every gemeente of its own regio, changes no answers;
- facilitator: sees the progress of the gemeenten of its regio, not their answers;
- deelnemer: joined a bijeenkomst with a join code; reads and changes that one round;
- partner: invited to answer one round alone first; reaches only its own answers and, once done,
  the partners' views (services/partners.py), never the round's agreed answers through here;
- beheerder: manages gemeenten and codes of its regio (or of every regio when the code
  belongs to the installation), and sees no answers;
- landelijk (the national programme team): reads the national picture and reads in the contributions of regions
  on other installations; sees no regio's own figures, no gemeente, no answer. Whether a regio takes part in the
  national picture is the choice of that regio (its regio team or its beheerder).
"""

from __future__ import annotations

from collections.abc import Callable

from domain.access import Principal, Role
from services import ServiceError

NO_ACCESS = "U heeft geen toegang tot deze gegevens."


class Forbidden(ServiceError):
    def __init__(self, message: str = NO_ACCESS) -> None:
        super().__init__(message)


def require_regio(principal: Principal, regio_id: int, *, roles: tuple[Role, ...]) -> None:
    if principal.role not in roles:
        raise Forbidden()
    if is_installation_beheerder(principal):
        return
    if principal.regio_id != regio_id:
        raise Forbidden()


def require_gemeente(principal: Principal, *, gemeente_id: int, regio_id: int, write: bool = False) -> None:
    """Read (or, with write=True, change) the rounds of one gemeente."""
    if principal.role is Role.GEMEENTE:
        if principal.gemeente_id != gemeente_id:
            raise Forbidden()
        return
    if write:
        raise Forbidden("Alleen de gemeente zelf kan haar antwoorden wijzigen.")
    require_regio(principal, regio_id, roles=(Role.REGIO,))


def require_round(principal: Principal, *, round_id: int, gemeente_id: int, regio_id: int, write: bool = False) -> None:
    """Read (or change) one round. A deelnemer of a bijeenkomst reaches its own round only."""
    if principal.role is Role.DEELNEMER:
        if principal.round_id != round_id:
            raise Forbidden()
        return
    if principal.role is Role.PARTNER:
        raise Forbidden()
    require_gemeente(principal, gemeente_id=gemeente_id, regio_id=regio_id, write=write)


def require_progress(principal: Principal, *, gemeente_id: int, regio_id: int) -> None:
    """See how far a gemeente is (counts only, no answers)."""
    if principal.role is Role.FACILITATOR:
        require_regio(principal, regio_id, roles=(Role.FACILITATOR,))
    else:
        require_gemeente(principal, gemeente_id=gemeente_id, regio_id=regio_id)


def require_beheerder(principal: Principal, regio_id: int | None) -> None:
    """Manage a regio (its gemeenten, codes, account mappings, settings): its own beheerder, or the installation's
    beheerder, who manages every regio; regio_id None: the installation itself."""
    if principal.role is not Role.BEHEERDER:
        raise Forbidden()
    if principal.regio_id is not None and principal.regio_id != regio_id:
        raise Forbidden()


def is_installation_beheerder(principal: Principal) -> bool:
    """The beheerder of the whole installation (every regio), not of one regio."""
    return principal.role is Role.BEHEERDER and principal.regio_id is None


def require_installation_beheerder(principal: Principal, message: str = NO_ACCESS) -> None:
    """What only the installation's beheerder does (backups, questionnaire versions, the audit log's retention)."""
    if not is_installation_beheerder(principal):
        raise Forbidden(message)


def managed_regio(principal: Principal) -> int | None:
    """Which regio a beheerder manages: every regio (None) for the installation's beheerder, its own for a regio's
    beheerder; nobody else manages one."""
    if principal.role is not Role.BEHEERDER:
        raise Forbidden()
    return principal.regio_id


def regio_of_audit_reader(principal: Principal) -> int | None:
    """Whose audit log this person reads: every event (None) for the installation's beheerder, its own regio's for a
    regio's beheerder; nobody else reads it."""
    return managed_regio(principal)


def require_national(principal: Principal) -> None:
    """Read the national picture, read in contribution files, make national publications."""
    if principal.role is not Role.LANDELIJK:
        raise Forbidden()


def require_national_choice(principal: Principal, regio_id: int) -> None:
    """Decide whether a regio takes part in the national picture: its regio team or its beheerder."""
    if principal.role is Role.BEHEERDER:
        require_beheerder(principal, regio_id)
        return
    require_regio(principal, regio_id, roles=(Role.REGIO,))


def can_write(principal: Principal, gemeente_id: int) -> bool:
    return principal.role is Role.GEMEENTE and principal.gemeente_id == gemeente_id


def require_team(principal: Principal) -> int:
    """The gemeente's own team or the regio team: they keep the scans, plans, indicators, workbooks and reports of a
    regio (a gemeente its own only). Returns their regio."""
    if principal.role not in (Role.GEMEENTE, Role.REGIO) or principal.regio_id is None:
        raise Forbidden()
    return principal.regio_id


def sees_gemeente(principal: Principal, gemeente_id: int) -> bool:
    """Within a regio it may read: a gemeente sees itself only, everyone else each gemeente of the regio."""
    return principal.role is not Role.GEMEENTE or principal.gemeente_id == gemeente_id


def keeps_regio_sets(principal: Principal) -> bool:
    """The regio team keeps what belongs to the regio as a whole: its indicators and its regional plan."""
    return principal.role is Role.REGIO


def regional_average_shown(principal: Principal, regio_id: int, *, gemeente_sees_average: bool) -> bool:
    """Whether this person sees the regio's shared figures beside a gemeente's own: the regio team always, a gemeente
    of the regio when the regio allows it; anyone else may not ask (Forbidden)."""
    require_regio(principal, regio_id, roles=(Role.GEMEENTE, Role.REGIO))
    return keeps_regio_sets(principal) or gemeente_sees_average


def require_regional_plan(principal: Principal, regio_id: int, *, write: bool) -> bool:
    """Read (or, with write, change) the regio's own plan: the regio team changes it, a gemeente of the regio reads
    it. Returns whether this person may change it."""
    if own_gemeente(principal) is not None and not write:
        require_regio(principal, regio_id, roles=(Role.GEMEENTE,))
        return False
    if not keeps_regio_sets(principal):
        raise Forbidden("Alleen de regio kan het regionale plan wijzigen.")
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    return True


def keeps_the_round(principal: Principal) -> bool:
    """Who settles a round's agreed answers and sees how its partners agreed: the gemeente's team, or its group's
    device at a bijeenkomst; not the regio, a helper or a partner."""
    return principal.role in (Role.GEMEENTE, Role.DEELNEMER)


def require_partner_round(
    principal: Principal,
    *,
    round_id: int,
    gemeente_id: int,
    regio_id: int,
    write: bool,
    views: bool,
    meeting_running: Callable[[], bool],
) -> None:
    """Start, invite, close or (with views) read the partners' answers of a round: the gemeente (changing: itself
    only), its group's device at a bijeenkomst, and the facilitator of the regio while the round's bijeenkomst runs,
    who sees how far partners are but not their answers. The partners' answers stay with the gemeente."""
    if principal.role is Role.REGIO:
        raise Forbidden("De antwoorden van partners blijven bij de gemeente. De regio ziet alleen aantallen.")
    if principal.role is Role.DEELNEMER:
        if principal.round_id != round_id:
            raise Forbidden()
        return
    if principal.role is Role.FACILITATOR:
        require_regio(principal, regio_id, roles=(Role.FACILITATOR,))
        if views:
            raise Forbidden("De facilitator ziet hoe ver de partners zijn, niet hun antwoorden.")
        if not meeting_running():
            raise Forbidden("Deze ronde hoort niet bij een bijeenkomst die nu loopt.")
        return
    require_gemeente(principal, gemeente_id=gemeente_id, regio_id=regio_id, write=write)


def require_partner(principal: Principal) -> None:
    """What only a partner does: answer its own copy of one round and hand it in."""
    if not answers_alone(principal):
        raise Forbidden()


def require_round_state(principal: Principal, *, round_id: int, gemeente_id: int, regio_id: int) -> None:
    """See which block of a bijeenkomst is open for a round: whoever may read the round, and a partner answering that
    round alone (who sees the state, never the answers)."""
    if answers_alone(principal) and principal.round_id == round_id:
        return
    require_round(principal, round_id=round_id, gemeente_id=gemeente_id, regio_id=regio_id)


# What a page asks to choose what it offers. The services still check each change above; these keep the pages from
# deciding by role themselves.


def own_gemeente(principal: Principal) -> int | None:
    """The gemeente whose rounds and plans this person keeps (its own team), or None for anyone who reads across
    gemeenten (the regio), helps (facilitator, beheerder) or reaches one round only (deelnemer, partner)."""
    return principal.gemeente_id if principal.role is Role.GEMEENTE else None


def chooses_a_gemeente(principal: Principal) -> bool:
    """The regio team reads every gemeente of its regio and picks one to look at; nobody else does."""
    return principal.role is Role.REGIO


def answers_alone(principal: Principal) -> bool:
    """A partner answers one round apart first and sees its own answers, not the round's agreed ones."""
    return principal.role is Role.PARTNER


def has_start_page(principal: Principal) -> bool:
    """Whether the start page (rounds per gemeente) is this person's: the gemeente and the regio team."""
    return principal.role in (Role.GEMEENTE, Role.REGIO)


# Which pages a person may open, in the menu's order, its start page first. The menu (ui/navigation.py) shows these
# and no other; every page asks `may_open` before it draws anything, so the menu and the gate cannot disagree.
PUBLIC_PAGES = ("inloggen", "deelnemen")  # before logging in (or joining a bijeenkomst)
EVERYONES_PAGES = ("begrippen", "toegankelijkheid")  # for everyone, logged in or not
_ROUND_PAGES = ("resultaten", "verbeterplan", "geschiedenis", "inlezen")
_PAGES: dict[Role, tuple[str, ...]] = {
    Role.DEELNEMER: ("scan", "samen"),
    Role.PARTNER: ("scan", "samen"),
    Role.GEMEENTE: ("start", "scan", "samen", *_ROUND_PAGES, "vergelijken", "indicatoren"),
    Role.REGIO: ("regio", "vergelijken", "start", "scan", "indicatoren", *_ROUND_PAGES),
    Role.LANDELIJK: ("landelijk",),
    Role.FACILITATOR: ("bijeenkomst", "scherm", "voortgang"),
    Role.BEHEERDER: ("beheer", "vragenlijst", "logboek"),
}


def pages(principal: Principal | None) -> tuple[str, ...]:
    """The pages of the app this person may open (by their address), the start page first; logging out is not one:
    it is there for everyone logged in."""
    if principal is None:
        return (*PUBLIC_PAGES, *EVERYONES_PAGES)
    own = _PAGES[principal.role]
    if is_installation_beheerder(principal):
        own = (*own, "backup")  # the back-ups are the installation's
    return (*own, *EVERYONES_PAGES)


def may_open(principal: Principal | None, page: str) -> bool:
    return page in pages(principal)
