"""Who is logged in, and with which role. Authorisation is checked in the services."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Role(StrEnum):
    BEHEERDER = "beheerder"
    REGIO = "regio"
    FACILITATOR = "facilitator"
    GEMEENTE = "gemeente"
    DEELNEMER = "deelnemer"  # joined a bijeenkomst with a join code: one round only
    PARTNER = "partner"  # invited to answer one round alone first, with a personal code
    LANDELIJK = "landelijk"  # the national programme team: the national picture only

    @property
    def label(self) -> str:
        return {
            Role.BEHEERDER: "Beheerder",
            Role.REGIO: "Regio",
            Role.FACILITATOR: "Facilitator",
            Role.GEMEENTE: "Gemeente",
            Role.DEELNEMER: "Deelnemer",
            Role.PARTNER: "Partner",
            Role.LANDELIJK: "Landelijk team",
        }[self]


class Principal(BaseModel):
    """A logged-in code. A beheerder without regio manages the whole installation."""

    model_config = ConfigDict(frozen=True)

    code_id: int
    role: Role
    label: str
    regio_id: int | None = None
    gemeente_id: int | None = None
    round_id: int | None = None  # a deelnemer reaches this one round and nothing else
    origin: str = ""  # the client address this login's page runs from, for the audit log (services/audit.py)

    @property
    def actor(self) -> str:
        """How this person appears in the history of an answer."""
        return f"{self.label} ({self.role.label.lower()})"


class CodeKey(BaseModel):
    """An access code as the login checks it: whom it logs in, until when, and its salted hash (never the code)."""

    model_config = ConfigDict(frozen=True)

    id: int
    role: Role
    label: str
    regio_id: int | None
    gemeente_id: int | None
    round_id: int | None
    salt: bytes
    secret_hash: bytes
    expires_at: datetime | None
    revoked_at: datetime | None


class LoginSession(BaseModel):
    """One login session (a page's or its cookie's): which code it belongs to, whose account, and its end."""

    model_config = ConfigDict(frozen=True)

    code_id: int
    person: str | None
    expires_at: datetime


class CodeInfo(BaseModel):
    """An access code as the beheerder sees it: never the code itself."""

    model_config = ConfigDict(frozen=True)

    id: int
    public_id: str
    role: Role
    label: str
    regio_id: int | None
    gemeente_id: int | None
    gemeente_name: str | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    is_demo: bool
    join_code: str | None = None  # a bijeenkomst's code for this group (deelnemer codes), e.g. "K7PM3X"
    meeting_title: str | None = None
    account: AccountMapping | None = None  # set when this code is an account mapping (single sign-on)


class AccountMapping(BaseModel):
    """Accounts of an identity provider whose claim holds a value (in one tenant, when set) log in as one code."""

    model_config = ConfigDict(frozen=True)

    provider: str
    claim: str
    value: str
    tenant: str = ""

    def describe(self) -> str:
        tenant = f", tenant {self.tenant}" if self.tenant else ""
        return f"account bij {self.provider} met {self.claim} = {self.value}{tenant}"


class IssuedCode(BaseModel):
    """A freshly made code: the only moment the plain code exists."""

    model_config = ConfigDict(frozen=True)

    id: int
    code: str
    role: Role
    label: str
