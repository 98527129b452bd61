"""Logins with an access code, and the login sessions. Issuing codes is in access_codes.

A code looks like `K7PM-3XQ9-MZ3H-TR8W`: the first group is a public id to find the
code; the other twelve characters are the secret, stored only as a salted scrypt hash
and compared in constant time. Failed attempts are limited per client and per code.
A login is a server-side session; the browser holds its id in a signed cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from domain.access import CodeKey, LoginSession, Principal, Role
from domain.audit import NOBODY, Action
from services import ServiceError, audit
from store import access_repo
from store.repository import now
from store.unit_of_work import reading, writing

PUBLIC_LENGTH, SECRET_LENGTH = 4, 12
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
SESSION_HOURS = 12
WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_CLIENT = 20  # then this client (not the code's owner) is refused for a while
FREE_FAILURES = 3  # typing errors that cost nothing
MAX_DELAY = 8.0  # seconds; the longest a right code can be kept waiting after strangers guessed
COOKIE_NAME = "zelfscan_sessie"

WRONG_CODE = "Deze code klopt niet. Controleer de code en probeer het opnieuw."
TOO_MANY = (
    "Te veel mislukte pogingen vanaf dit apparaat. Wacht 15 minuten en probeer het dan opnieuw. "
    "Lukt het daarna niet? Vraag de beheerder van uw regio om een nieuwe code."
)
EXPIRED = "Deze code is verlopen. Vraag de beheerder van uw regio om een nieuwe code."
REVOKED = "Deze code is ingetrokken. Vraag de beheerder van uw regio om een nieuwe code."
NO_ACCESS = "U heeft geen toegang tot deze gegevens."
WRONG_IN_LOG = "mislukt: code klopt niet"


class LoginError(ServiceError):
    """Login refused; the message says why and what to do."""


class Login(BaseModel):
    """A successful login: the signed session id and a one-time token to set the cookie."""

    model_config = ConfigDict(frozen=True)

    principal: Principal
    session_token: str
    handoff_token: str


# --- codes ---------------------------------------------------------------------------


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_secret(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, **SCRYPT)


# --- login -----------------------------------------------------------------------------


def delay_for(failures: int, free: int = FREE_FAILURES) -> float:
    """Seconds a wrong code's answer waits, after this many recent failures: none for the first few typing
    errors, then doubling up to MAX_DELAY."""
    if failures < free:
        return 0.0
    return min(2.0 ** (failures - free), MAX_DELAY)


def login(engine: Engine, *, code: str, client_key: str, sleep: Callable[[float], None] = time.sleep) -> Login:
    """Check a code. **The right code always logs in, at once**, from any address, whatever others tried before:
    slowing and refusing apply to wrong codes only (OWASP ASVS 2.2.1: no lockout a stranger can cause). A wrong
    code is answered later the more wrong codes came from this client or at this code, and from the client that
    guessed most with a refusal. The 12-character secret (about 59 bits, scrypt) is what makes guessing hopeless;
    see the README's threat model."""
    plain = normalise(code)
    public_id = plain[:PUBLIC_LENGTH] if len(plain) == PUBLIC_LENGTH + SECRET_LENGTH else None
    since = now() - WINDOW
    refused: str | None = None
    with writing(engine) as session:
        access_repo.forget_failures(session, before=now() - 4 * WINDOW)
        row = access_repo.find_code(session, public_id=public_id) if public_id else None
        if row is None:
            hash_secret(plain[PUBLIC_LENGTH:] or "x", b"0" * 16)  # a wrong public id takes as long as a wrong secret
            right = False
        else:
            right = hmac.compare_digest(hash_secret(plain[PUBLIC_LENGTH:], row.salt), row.secret_hash)
        if right and row is not None:
            if row.revoked_at is not None:
                refused = REVOKED
            elif row.expires_at is not None and aware_utc(row.expires_at) <= now():
                refused = EXPIRED
            else:
                return start_session(session, row, origin=client_key, how="met toegangscode")
            audit.record(
                session,
                action=Action.LOGIN,
                object="met toegangscode",
                result="geweigerd: code ingetrokken" if refused is REVOKED else "geweigerd: code verlopen",
                origin=client_key,
                actor=audit.actor_of(_principal(row)),
                regio_id=row.regio_id,
            )
        else:
            access_repo.add_failure(session, client_key=client_key, public_id=public_id)
            by_client = access_repo.count_failures(session, since=since, client_key=client_key)
            by_code = access_repo.count_failures(session, since=since, public_id=public_id) if public_id else 0
            audit.record(
                session,
                action=Action.LOGIN,
                object=f"met toegangscode {row.id} ({row.label})" if row is not None else "met een onbekende code",
                result="geweigerd: te veel pogingen"
                if by_client >= MAX_FAILURES_PER_CLIENT
                else "mislukt: code klopt niet",
                origin=client_key,
                actor=NOBODY,
                regio_id=row.regio_id if row is not None else None,
            )
    if refused is not None:
        raise LoginError(refused)
    wrong_answer(client_key, max(delay_for(by_client), delay_for(by_code)), sleep)
    raise LoginError(TOO_MANY if by_client >= MAX_FAILURES_PER_CLIENT else WRONG_CODE)


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def wrong_answer(client_key: str, wait: float, sleep: Callable[[float], None] = time.sleep) -> None:
    """Hold a wrong code's answer: the wrong answers of one client wait their turn (within this process), so one
    client that guesses does not get answers faster by asking many at once. A right code never comes here."""
    if not wait:
        return
    with _LOCKS_GUARD:
        if len(_LOCKS) > 10_000:
            _LOCKS.clear()
        lock = _LOCKS.setdefault(client_key, threading.Lock())
    with lock:
        sleep(wait)


def start_session(
    session: Session, row: CodeKey, *, origin: str, how: str, person: str | None = None, until: datetime | None = None
) -> Login:
    """A new login session for a valid code (in the caller's writing session), in the audit log. `person`: who
    logged in with an account mapped to this code; `until`: an earlier end than the usual SESSION_HOURS."""
    session_id, handoff = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = min(moment for moment in (now() + timedelta(hours=SESSION_HOURS), until) if moment is not None)
    if row.expires_at is not None:
        expires = min(expires, aware_utc(row.expires_at))
    access_repo.add_session(
        session,
        id_hash=_sha256(session_id),
        code_id=row.id,
        expires_at=expires,
        handoff_hash=_sha256(handoff),
        person=person,
    )
    key = signing_key(session, create=True)
    principal = _principal(row, person)
    audit.record(
        session, action=Action.LOGIN, object=how, origin=origin, actor=audit.actor_of(principal), regio_id=row.regio_id
    )
    return Login(principal=principal, session_token=_sign(session_id, key), handoff_token=handoff)


def note_failure(session: Session, *, client_key: str) -> int:
    """Record a wrong code of this client; the number of its recent failures."""
    access_repo.add_failure(session, client_key=client_key, public_id=None)
    return access_repo.count_failures(session, since=now() - WINDOW, client_key=client_key)


def principal_for(engine: Engine, session_token: str | None) -> Principal | None:
    """The principal of a signed session token, if the session and its code still hold."""
    found = _session_of_token(engine, session_token)
    if found is None:
        return None
    sessie, code = found
    if _code_ended(code) or aware_utc(sessie.expires_at) <= now():
        return None
    return _principal(code, sessie.person)


def participation_ended(engine: Engine, session_token: str | None) -> bool:
    """True when the token belongs to a device that joined a bijeenkomst which has ended since
    (its join code was revoked when the facilitator closed it, or expired the night after)."""
    found = _session_of_token(engine, session_token)
    return found is not None and found[1].role is Role.DEELNEMER and _code_ended(found[1])


def _session_of_token(engine: Engine, session_token: str | None) -> tuple[LoginSession, CodeKey] | None:
    """(login session, code) of a signed session token, whether or not they still hold."""
    if not session_token:
        return None
    with reading(engine) as session:
        key = signing_key(session)
        session_id = _unsign(session_token, key) if key else None
        if session_id is None:
            return None
        return access_repo.session_with_code(session, id_hash=_sha256(session_id))


def _code_ended(code: CodeKey) -> bool:
    return code.revoked_at is not None or (code.expires_at is not None and aware_utc(code.expires_at) <= now())


def cookie_for_handoff(engine: Engine, handoff_token: str) -> tuple[str, int] | None:
    """Swap a one-time handoff token for a cookie session: (cookie value, max-age in seconds).

    The cookie gets a session of its own (same code, same expiry), so the page's session
    id never has to pass through the browser's JavaScript.
    """
    with writing(engine) as session:
        login_session = access_repo.take_handoff(session, handoff_hash=_sha256(handoff_token))
        if login_session is None:
            return None
        cookie_id = secrets.token_urlsafe(32)
        access_repo.add_session(
            session,
            id_hash=_sha256(cookie_id),
            code_id=login_session.code_id,
            expires_at=login_session.expires_at,
            person=login_session.person,
        )
        max_age = max(0, int((aware_utc(login_session.expires_at) - now()).total_seconds()))
        return _sign(cookie_id, signing_key(session, create=True)), max_age


def logout(engine: Engine, *session_tokens: str | None, origin: str) -> None:
    """End these sessions (a page's and its cookie's); one event in the audit log for the person they belonged to."""
    with writing(engine) as session:
        key = signing_key(session)
        ended: Principal | None = None
        for token in session_tokens:
            session_id = _unsign(token, key) if token and key else None
            if session_id is None:
                continue
            found = access_repo.session_with_code(session, id_hash=_sha256(session_id))
            if found is not None:
                ended = ended or _principal(found[1], found[0].person)
                access_repo.delete_session(session, id_hash=_sha256(session_id))
        if ended is not None:
            audit.record(
                session,
                action=Action.LOGOUT,
                object="sessie beëindigd",
                origin=origin,
                actor=audit.actor_of(ended),
                regio_id=ended.regio_id,
            )


# --- helpers -----------------------------------------------------------------------------


def _principal(row: CodeKey, person: str | None = None) -> Principal:
    """The principal of a code; with an account, the person comes first: "Anna de Vries (regioteam Entra)"."""
    return Principal(
        code_id=row.id,
        role=row.role,
        label=f"{person} ({row.label})" if person else row.label,
        regio_id=row.regio_id,
        gemeente_id=row.gemeente_id,
        round_id=row.round_id,
    )


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


_KEYS: dict[str, bytes] = {}


def forget_cached_keys() -> None:
    """After a restore the installation has the key of the backup."""
    _KEYS.clear()


def signing_key(session: Session, *, create: bool = False) -> bytes | None:
    """The installation's key for signing session ids; made once, in a writing session.

    It never changes once made, so each process keeps it after the first read (every
    page run resolves the login with it).
    """
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    if url in _KEYS:
        return _KEYS[url]
    value = access_repo.setting(session, name="cookie_key", default_factory=access_repo.new_secret if create else None)
    if not value:
        return None
    if not create:  # a key made in a writing session counts once that session has committed
        _KEYS[url] = value.encode()
    return value.encode()


def _sign(session_id: str, key: bytes | None) -> str:
    """The cookie value: the session id and an HMAC over it."""
    assert key is not None
    mac = hmac.new(key, session_id.encode(), hashlib.sha256).hexdigest()
    return f"{session_id}.{mac}"


def _unsign(token: str, key: bytes) -> str | None:
    session_id, _, mac = token.rpartition(".")
    expected = hmac.new(key, session_id.encode(), hashlib.sha256).hexdigest()
    return session_id if session_id and hmac.compare_digest(mac, expected) else None


def aware_utc(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
