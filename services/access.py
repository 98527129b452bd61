"""Access codes and logins.

A code looks like `K7PM-3XQ9-MZ3H-TR8W`: the first group is a public id to find the
code; the other twelve characters are the secret, stored only as a salted scrypt hash
and compared in constant time. Failed attempts are limited per client and per code.
A login is a server-side session; the browser holds its id in a signed cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from domain.access import CodeInfo, IssuedCode, Principal, Role
from services import ServiceError
from store import access_repo, repository
from store.repository import NotFound, now
from store.unit_of_work import reading, writing

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud
PUBLIC_LENGTH, SECRET_LENGTH = 4, 12
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
SESSION_HOURS = 12
WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_CLIENT = 10
MAX_FAILURES_PER_CODE = 5
COOKIE_NAME = "zelfscan_sessie"

WRONG_CODE = "Deze code klopt niet. Controleer de code en probeer het opnieuw."
TOO_MANY = (
    "Te veel mislukte pogingen. Wacht 15 minuten en probeer het dan opnieuw. "
    "Lukt het daarna niet? Vraag de beheerder van uw regio om een nieuwe code."
)
EXPIRED = "Deze code is verlopen. Vraag de beheerder van uw regio om een nieuwe code."
REVOKED = "Deze code is ingetrokken. Vraag de beheerder van uw regio om een nieuwe code."
NO_ACCESS = "U heeft geen toegang tot deze gegevens."


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


def _hash_secret(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, **SCRYPT)


def _random_chars(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def _format(plain: str) -> str:
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))


def _issue(
    session,  # type: ignore[no-untyped-def]
    *,
    role: Role,
    label: str,
    regio_id: int | None,
    gemeente_id: int | None,
    expires_at: datetime | None,
    demo: bool = False,
) -> IssuedCode:
    public_id = _random_chars(PUBLIC_LENGTH)
    while access_repo.public_id_taken(session, public_id=public_id):
        public_id = _random_chars(PUBLIC_LENGTH)
    secret = _random_chars(SECRET_LENGTH)
    salt = secrets.token_bytes(16)
    code = _format(public_id + secret)
    code_id = access_repo.add_code(
        session,
        public_id=public_id,
        salt=salt,
        secret_hash=_hash_secret(secret, salt),
        role=role,
        label=label,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        expires_at=expires_at,
        demo_code=code if demo else None,
    )
    return IssuedCode(id=code_id, code=code, role=role, label=label)


def ensure_first_beheerder_code(engine: Engine) -> IssuedCode | None:
    """On first start: create the signing key and the installation's beheerder code, once."""
    with writing(engine) as session:
        _signing_key(session, create=True)
        if access_repo.count_codes(session, role=Role.BEHEERDER) > 0:
            return None
        return _issue(
            session, role=Role.BEHEERDER, label="Eerste beheerder", regio_id=None, gemeente_id=None, expires_at=None
        )


def reset_beheerder_code(engine: Engine) -> IssuedCode:
    """For whoever runs the server: revoke the installation's beheerder codes, issue a new one."""
    with writing(engine) as session:
        access_repo.revoke_role_codes(session, role=Role.BEHEERDER, regio_id=None)
        return _issue(
            session, role=Role.BEHEERDER, label="Beheerder (hersteld)", regio_id=None, gemeente_id=None, expires_at=None
        )


def issue_code(
    engine: Engine,
    principal: Principal,
    *,
    role: Role,
    label: str,
    regio_id: int,
    gemeente_id: int | None = None,
    expires_at: datetime | None = None,
) -> IssuedCode:
    require_beheerder(principal, regio_id)
    label = label.strip()
    if not label:
        raise ServiceError("Geef de code een naam, bijvoorbeeld 'team Jeugd Aalsveen'.")
    if role is Role.GEMEENTE and gemeente_id is None:
        raise ServiceError("Kies de gemeente waar deze code bij hoort.")
    if expires_at is not None and expires_at <= now():
        raise ServiceError("De vervaldatum ligt in het verleden. Kies een datum in de toekomst.")
    with writing(engine) as session:
        if gemeente_id is not None:
            try:
                gemeente = repository.get_gemeente(session, gemeente_id=gemeente_id)
            except NotFound as exc:
                raise ServiceError("Deze gemeente bestaat niet.") from exc
            if gemeente.regio_id != regio_id:
                raise ServiceError(NO_ACCESS)
        return _issue(
            session,
            role=role,
            label=label,
            regio_id=regio_id,
            gemeente_id=gemeente_id if role is Role.GEMEENTE else None,
            expires_at=expires_at,
        )


def issue_demo_codes(session, *, regio_id: int, gemeenten: list[tuple[int, str]]) -> None:  # type: ignore[no-untyped-def]
    """Demo codes are shown on the login page, so a newcomer can try every role."""
    codes: list[tuple[Role, str, int | None]] = [
        (Role.BEHEERDER, "Demo beheerder", None),
        (Role.REGIO, "Demo regio", None),
        (Role.FACILITATOR, "Demo facilitator", None),
        *[(Role.GEMEENTE, f"Demo {name}", gemeente_id) for gemeente_id, name in gemeenten],
    ]
    for role, label, gemeente_id in codes:
        _issue(session, role=role, label=label, regio_id=regio_id, gemeente_id=gemeente_id, expires_at=None, demo=True)


def list_codes(engine: Engine, principal: Principal, *, regio_id: int | None) -> list[CodeInfo]:
    require_beheerder(principal, regio_id)
    with reading(engine) as session:
        return access_repo.list_codes(session, regio_id=regio_id)


def revoke_code(engine: Engine, principal: Principal, *, code_id: int) -> None:
    with writing(engine) as session:
        try:
            code = access_repo.get_code(session, code_id=code_id)
        except NotFound as exc:
            raise ServiceError("Deze code bestaat niet.") from exc
        require_beheerder(principal, code.regio_id)
        if code.id == principal.code_id:
            raise ServiceError("U kunt de code waarmee u nu bent ingelogd niet intrekken.")
        access_repo.revoke_code(session, code_id=code_id)


def replace_code(engine: Engine, principal: Principal, *, code_id: int) -> IssuedCode:
    """Revoke a code and issue a new one with the same role, label, gemeente and expiry."""
    with reading(engine) as session:
        try:
            old = access_repo.get_code(session, code_id=code_id)
        except NotFound as exc:
            raise ServiceError("Deze code bestaat niet.") from exc
    if old.regio_id is None:
        raise ServiceError("Een beheerderscode van de installatie vervangt u via de opdrachtregel op de server.")
    expires = old.expires_at if old.expires_at and _aware(old.expires_at) > now() else None
    new = issue_code(
        engine,
        principal,
        role=old.role,
        label=old.label,
        regio_id=old.regio_id,
        gemeente_id=old.gemeente_id,
        expires_at=expires,
    )
    revoke_code(engine, principal, code_id=code_id)
    return new


def demo_codes(engine: Engine) -> list[tuple[Role, str, str]]:
    with reading(engine) as session:
        return access_repo.demo_codes(session)


# --- login -----------------------------------------------------------------------------


def login(engine: Engine, *, code: str, client_key: str) -> Login:
    plain = normalise(code)
    public_id = plain[:PUBLIC_LENGTH] if len(plain) == PUBLIC_LENGTH + SECRET_LENGTH else None
    since = now() - WINDOW
    with writing(engine) as session:
        access_repo.forget_failures(session, before=now() - 4 * WINDOW)
        too_many = access_repo.count_failures(session, since=since, client_key=client_key) >= MAX_FAILURES_PER_CLIENT
        if public_id is not None:
            too_many |= access_repo.count_failures(session, since=since, public_id=public_id) >= MAX_FAILURES_PER_CODE
        if too_many:
            raise LoginError(TOO_MANY)
        row = access_repo.find_code(session, public_id=public_id) if public_id else None
        if row is None:
            # Hash anyway, so a wrong public id takes as long as a wrong secret.
            _hash_secret(plain[PUBLIC_LENGTH:] or "x", b"0" * 16)
            access_repo.add_failure(session, client_key=client_key, public_id=public_id)
            failure = WRONG_CODE
        elif not hmac.compare_digest(_hash_secret(plain[PUBLIC_LENGTH:], row.salt), row.secret_hash):
            access_repo.add_failure(session, client_key=client_key, public_id=public_id)
            failure = WRONG_CODE
        elif row.revoked_at is not None:
            failure = REVOKED
        elif row.expires_at is not None and _aware(row.expires_at) <= now():
            failure = EXPIRED
        else:
            return start_session(session, row)
    raise LoginError(failure)


def start_session(session, row) -> Login:  # type: ignore[no-untyped-def]
    """A new login session for a valid code row (in the caller's writing session)."""
    session_id, handoff = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = now() + timedelta(hours=SESSION_HOURS)
    if row.expires_at is not None:
        expires = min(expires, _aware(row.expires_at))
    access_repo.add_session(
        session, id_hash=_sha256(session_id), code_id=row.id, expires_at=expires, handoff_hash=_sha256(handoff)
    )
    key = _signing_key(session, create=True)
    return Login(principal=_principal(row), session_token=_sign(session_id, key), handoff_token=handoff)


def add_participant_code(
    session, *, label: str, regio_id: int, gemeente_id: int, round_id: int, expires_at: datetime
) -> int:  # type: ignore[no-untyped-def]
    """The code row behind a bijeenkomst's join code: it reaches one round. Its own secret is never shown."""
    salt = secrets.token_bytes(16)
    return access_repo.add_code(
        session,
        public_id=_unused_public_id(session),
        salt=salt,
        secret_hash=_hash_secret(secrets.token_urlsafe(16), salt),
        role=Role.DEELNEMER,
        label=label,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        expires_at=expires_at,
        round_id=round_id,
    )


def _unused_public_id(session) -> str:  # type: ignore[no-untyped-def]
    public_id = _random_chars(PUBLIC_LENGTH)
    while access_repo.public_id_taken(session, public_id=public_id):
        public_id = _random_chars(PUBLIC_LENGTH)
    return public_id


def note_failure(session, *, client_key: str) -> None:  # type: ignore[no-untyped-def]
    access_repo.add_failure(session, client_key=client_key, public_id=None)


def too_many_failures(session, *, client_key: str) -> bool:  # type: ignore[no-untyped-def]
    since = now() - WINDOW
    return access_repo.count_failures(session, since=since, client_key=client_key) >= MAX_FAILURES_PER_CLIENT


def principal_for(engine: Engine, session_token: str | None) -> Principal | None:
    """The principal of a signed session token, if the session and its code still hold."""
    if not session_token:
        return None
    with reading(engine) as session:
        key = _signing_key(session)
        session_id = _unsign(session_token, key) if key else None
        if session_id is None:
            return None
        found = access_repo.session_with_code(session, id_hash=_sha256(session_id))
    if found is None:
        return None
    sessie, code = found
    if code.revoked_at is not None or _aware(sessie.expires_at) <= now():
        return None
    if code.expires_at is not None and _aware(code.expires_at) <= now():
        return None
    return _principal(code)


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
            session, id_hash=_sha256(cookie_id), code_id=login_session.code_id, expires_at=login_session.expires_at
        )
        max_age = max(0, int((_aware(login_session.expires_at) - now()).total_seconds()))
        return _sign(cookie_id, _signing_key(session, create=True)), max_age


def logout(engine: Engine, session_token: str | None) -> None:
    if not session_token:
        return
    with writing(engine) as session:
        key = _signing_key(session)
        session_id = _unsign(session_token, key) if key else None
        if session_id is not None:
            access_repo.delete_session(session, id_hash=_sha256(session_id))


def require_beheerder(principal: Principal, regio_id: int | None) -> None:
    """An installation beheerder manages every regio; a regio beheerder only its own."""
    if principal.role is not Role.BEHEERDER:
        raise ServiceError(NO_ACCESS)
    if principal.regio_id is not None and principal.regio_id != regio_id:
        raise ServiceError(NO_ACCESS)


# --- helpers -----------------------------------------------------------------------------


def _principal(row) -> Principal:  # type: ignore[no-untyped-def]
    return Principal(
        code_id=row.id,
        role=Role(row.role),
        label=row.label,
        regio_id=row.regio_id,
        gemeente_id=row.gemeente_id,
        round_id=row.ronde_id,
    )


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


_KEYS: dict[str, bytes] = {}


def forget_cached_keys() -> None:
    """After a restore the installation has the key of the backup."""
    _KEYS.clear()


def _signing_key(session, *, create: bool = False) -> bytes | None:  # type: ignore[no-untyped-def]
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


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
