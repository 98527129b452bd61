"""Files for download, served only to the login that asked for them, for a short while.

Streamlit's own download button puts a file at an address (/media/...) that anyone who sees it
can fetch, without a login, also after logging out. Here a file is made when a person clicks,
kept in this process under a random token for LIFETIME, and handed out by the route
/bestand/<token> (server.py) only to a request whose login cookie is valid now and belongs to
the same access code that made it. Behind the proxy a browser stays on its replica (sticky
cookie), so the file is found where it was made. Nothing is written to disk or cached.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass

from sqlalchemy import Engine

from domain.access import Principal
from domain.audit import Action
from services import audit
from services.access import principal_for

LIFETIME = 120.0  # seconds a download address works after the click
MAX_FILES = 100
MAX_BYTES = 300 * 1024 * 1024
ROUTE = "/bestand"


@dataclass(frozen=True)
class Offered:
    code_id: int
    file_name: str
    mime: str
    data: bytes
    made_at: float


_FILES: dict[str, Offered] = {}
_GUARD = threading.Lock()


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def offer(
    engine: Engine, principal: Principal, *, file_name: str, mime: str, data: bytes, now: float | None = None
) -> str:
    """Keep a file for this login; returns the token of its address. The download goes into the audit log."""
    audit.record_for(engine, principal, action=Action.DOWNLOAD, object=file_name)
    code_id = principal.code_id
    token = secrets.token_urlsafe(24)
    made_at = time.monotonic() if now is None else now
    with _GUARD:
        _forget_old(made_at)
        _FILES[_key(token)] = Offered(code_id=code_id, file_name=file_name, mime=mime, data=data, made_at=made_at)
        while len(_FILES) > MAX_FILES or sum(len(f.data) for f in _FILES.values()) > MAX_BYTES:
            del _FILES[next(iter(_FILES))]  # the oldest first
        _sweep_later()
    return token


def fetch(engine: Engine, *, token: str, session_token: str | None, now: float | None = None) -> Offered | None:
    """The file, if the token is known and fresh and the cookie's login is valid and the same code's."""
    moment = time.monotonic() if now is None else now
    with _GUARD:
        _forget_old(moment)
        offered = _FILES.get(_key(token))
    if offered is None:
        return None
    principal = principal_for(engine, session_token)
    if principal is None or principal.code_id != offered.code_id:
        return None
    return offered


def files_held() -> int:
    """How many files this process keeps for their addresses now."""
    with _GUARD:
        return len(_FILES)


_SWEEPER: threading.Thread | None = None
_OFFERED = threading.Condition(_GUARD)  # wakes the sweeper when a file comes


def _sweep_later() -> None:
    """One thread per process lets go of each file once its address has stopped working, also when nobody asks
    for another file: a file's bytes do not outlive its address. Called with _GUARD held; the thread ends when
    nothing is left, and the next file starts it again."""
    global _SWEEPER
    if _SWEEPER is None:
        _SWEEPER = threading.Thread(target=_sweep, name="downloads-sweeper", daemon=True)
        _SWEEPER.start()
    _OFFERED.notify()


def _sweep() -> None:
    global _SWEEPER
    with _OFFERED:
        while True:
            moment = time.monotonic()
            _forget_old(moment)
            if not _FILES:
                _SWEEPER = None
                return
            _OFFERED.wait(timeout=min(f.made_at for f in _FILES.values()) + LIFETIME - moment + 0.05)


def _forget_old(moment: float) -> None:
    for key in [k for k, f in _FILES.items() if moment - f.made_at > LIFETIME]:
        del _FILES[key]


def content_disposition(file_name: str) -> str:
    """attachment; filename="ascii"; filename*=UTF-8''encoded (RFC 6266), safe for any name."""
    from urllib.parse import quote

    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in file_name) or "bestand"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name, safe='')}"
