"""This installation's signing key (Ed25519), for the files another installation reads in and must be able to
trust: a national contribution. The private key lives in the database (table `instelling`), made on first use;
what another installation trusts is its fingerprint."""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session

from store import access_repo

SETTING = "ondertekensleutel"


def _new_key() -> str:
    return base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()).decode()


def _private(session: Session) -> Ed25519PrivateKey:
    stored = access_repo.setting(session, name=SETTING, default_factory=_new_key)
    assert stored is not None
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))


def public_key(session: Session) -> str:
    raw = _private(session).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def known_public_key(session: Session) -> str | None:
    """The public key when the installation has one already (None: not yet made), without writing."""
    stored = access_repo.setting(session, name=SETTING)
    if stored is None:
        return None
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    return base64.b64encode(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def fingerprint(public: str) -> str:
    """What a person compares and types: 16 hex digits in groups of four (e.g. 'A1B2-C3D4-E5F6-0718')."""
    digest = hashlib.sha256(base64.b64decode(public)).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def normal_fingerprint(text: str) -> str:
    """A typed fingerprint, case and separators as the person wrote them, in the form above (or '' when none)."""
    plain = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(plain) != 16 or any(ch not in "0123456789ABCDEF" for ch in plain):
        return ""
    return "-".join(plain[i : i + 4] for i in range(0, 16, 4))


def sign(session: Session, payload: bytes) -> tuple[str, str]:
    """(public key, signature), both base64."""
    return public_key(session), base64.b64encode(_private(session).sign(payload)).decode()


def verify(public: str, signature: str, payload: bytes) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        key.verify(base64.b64decode(signature, validate=True), payload)
    except (InvalidSignature, ValueError):
        return False
    return True
