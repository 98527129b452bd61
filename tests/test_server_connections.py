"""The connections the server accepts send a page's small messages at once (services/connections.py, called by
server.py).

Each check runs in a fresh interpreter: importing server.py changes uvicorn for the whole process, as it does in
the running app. A listening socket is made as Streamlit makes its own (`socket.socket(family)`, protocol number
0), served by the HTTP protocol uvicorn picks, and the server's side of an accepted connection is asked whether
Nagle's algorithm is off.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ACCEPT_ONE = """
import asyncio, socket, sys
if sys.argv[1] == "with-server":
    import server  # noqa: F401
import uvicorn
from uvicorn.server import ServerState


async def app(scope, receive, send):
    pass


async def main():
    config = uvicorn.Config(app, lifespan="off", log_level="error")
    config.load()
    listener = socket.socket(socket.AF_INET)  # as streamlit/web/server/starlette/starlette_server._bind_socket
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []

    def protocol():
        made = config.http_protocol_class(config=config, server_state=ServerState(), app_state={})
        accepted.append(made)
        return made

    server = await asyncio.get_running_loop().create_server(protocol, sock=listener)
    reader, writer = await asyncio.open_connection(*listener.getsockname())
    for _ in range(1000):  # the accept runs on this loop: give it its turns
        if accepted and getattr(accepted[0], "transport", None) is not None:
            break
        await asyncio.sleep(0.01)
    own_side = accepted[0].transport.get_extra_info("socket")
    print(own_side.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
    writer.close()
    server.close()


asyncio.run(main())
"""


def nagle_off_on_accepted_connection(mode: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", ACCEPT_ONE, mode], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip().splitlines()[-1] != "0"


def test_a_connection_on_a_socket_made_as_streamlit_makes_it_keeps_nagles_algorithm_without_our_server() -> None:
    assert not nagle_off_on_accepted_connection("without-server")  # when this fails, Streamlit mended it upstream


def test_every_connection_our_server_accepts_sends_small_messages_at_once() -> None:
    assert nagle_off_on_accepted_connection("with-server")
