"""Which client a request comes from, for the login limits.

No header decides this on its own: X-Forwarded-For is read only when the request itself comes
from a configured trusted proxy (ZELFSCAN_TRUSTED_PROXIES), and then the right-most address
that is not one of those proxies counts (a client can put anything at the left of the header).
server.py also tells uvicorn to trust no proxy header, so the peer address is the real one.
"""

from __future__ import annotations

import ipaddress


def _canonical(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return None


def client_address(peer: str, forwarded_for: str | None, trusted_proxies: str) -> str:
    trusted = {a for a in (_canonical(p) for p in trusted_proxies.split(",") if p.strip()) if a}
    peer = _canonical(peer) or peer
    if peer not in trusted or not forwarded_for:
        return peer
    for hop in reversed(forwarded_for.split(",")):
        address = _canonical(hop)
        if address is None:
            return peer  # a malformed header: count it under the proxy, never under a made-up name
        if address not in trusted:
            return address
    return peer
