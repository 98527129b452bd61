"""Every connection the server accepts sends small messages at once: Nagle's algorithm off (TCP_NODELAY), as
asyncio sets it for the sockets it makes itself.

Streamlit binds its listening socket itself (`socket.socket(family)` in
streamlit/web/server/starlette/starlette_server.py), so the socket's protocol number is 0, and asyncio only sets
TCP_NODELAY on sockets whose number is IPPROTO_TCP (`asyncio.base_events._set_nodelay`): every connection kept
Nagle's algorithm. A page run is sent as many small websocket messages; with Nagle on, the kernel held them back
until the browser acknowledged the first, and a browser that has nothing to send delays its acknowledgement by
40 ms (Linux; up to 200 ms on Windows). Seen on a device's websocket (4 December 2026): the elements of a page came
in one burst, tens of milliseconds after the page drew them; `bench/rerun_ratio --websocket` measures a click.
uvicorn hands the same connection on to the websocket after the upgrade, so setting it when uvicorn's HTTP
protocol accepts the connection covers both.

server.py calls `send_small_messages_at_once()` when uvicorn imports it, before the server accepts anything; the
benches' bare pages are served the same way (bench/bare_server.py), so they are compared like with like.
"""

from __future__ import annotations

import asyncio
import socket

import uvicorn.config
from uvicorn.importer import import_from_string


def send_at_once(protocol_class: type[asyncio.Protocol]) -> None:
    """Each connection this protocol class accepts gets TCP_NODELAY before the protocol sees it. Once per class."""
    if getattr(protocol_class, "_sends_at_once", False):
        return
    accept = protocol_class.connection_made

    def connection_made(self, transport) -> None:  # type: ignore[no-untyped-def]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        accept(self, transport)

    protocol_class.connection_made = connection_made  # type: ignore[method-assign]
    protocol_class._sends_at_once = True  # type: ignore[attr-defined]


def send_small_messages_at_once() -> None:
    """For the HTTP protocol uvicorn picks (`http="auto"`, Streamlit's choice): h11, or httptools where installed."""
    send_at_once(import_from_string(uvicorn.config.HTTP_PROTOCOLS["auto"]))
