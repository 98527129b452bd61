"""/.well-known/security.txt (RFC 9116): where to report a vulnerability of this installation.

The contact is the installation's own (its operator's CERT or security desk: ZELFSCAN_SECURITY_CONTACT), because
who runs the server is who must act first; SECURITY.md in the repository says how reports about the software itself
are handled. The file says how long it holds (Expires, required): it is made for each request from the setting, so
it holds as long as the setting does, and says so for half a year ahead (the RFC advises less than a year).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

VALID_FOR = timedelta(days=182)
SCHEMES = ("mailto:", "https://", "tel:")


def security_txt(contact: str, *, now: datetime | None = None) -> str | None:
    """The file's text, or None when no valid contact is set (then there is no file: a Contact line is required)."""
    contacts = [c.strip() for c in contact.split(",") if c.strip()]
    if not contacts or not all(c.lower().startswith(SCHEMES) and c.isprintable() and " " not in c for c in contacts):
        return None
    expires = ((now or datetime.now(UTC)) + VALID_FOR).astimezone(UTC).replace(microsecond=0)
    lines = [f"Contact: {c}" for c in contacts]
    lines += [f"Expires: {expires.isoformat().replace('+00:00', 'Z')}", "Preferred-Languages: nl, en"]
    return "\n".join(lines) + "\n"
