"""The audit log (logboek): who did what, when, from where, and how it ended (BIO2 8.15).

An event names the action, its object, the result, the origin (the client address as the app trusts it,
services/client_address.py), the actor and the time. It never holds a secret, an access code or answer text:
an object is named by kind and number or by a file name, never by what is in it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Action(StrEnum):
    LOGIN = "inloggen"
    LOGOUT = "uitloggen"
    CODE_MADE = "code gemaakt"
    CODE_REVOKED = "code ingetrokken"
    CODE_REPLACED = "code vervangen"
    MAPPING = "koppeling gemaakt"
    DOWNLOAD = "download"
    IMPORT = "inlezen"
    BACKUP = "back-up gemaakt"
    RESTORE = "back-up teruggezet"
    SETTING = "instelling gewijzigd"
    NATIONAL_JOIN = "landelijk meedoen"
    NATIONAL_WITHDRAW = "landelijk stoppen"
    NATIONAL_PUBLISH = "landelijke stand gemaakt"
    NATIONAL_KEY = "sleutel vertrouwd"


class Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    action: Action
    object: str
    result: str
    origin: str
    actor: str
    regio_id: int | None = None


SUCCEEDED = "gelukt"
REFUSED = "geweigerd: geen toegang"
FAILED = "mislukt"
NOBODY = "onbekend (niet ingelogd)"
SERVER = "server"  # origin of what the server does itself (first start, the command line)
