"""The server entry point: `streamlit run server.py`.

- Streamlit treats a `pages/` folder next to the main script as a legacy multipage app
  until some session has called `st.navigation`. On a fresh server, the first request
  to e.g. /scan would then run pages/scan.py on its own, without app.py and its login
  check. We measured this with Streamlit 1.67; the flag below (pinned version, guarded
  by a browser test) makes every request go through app.py from the start.
- Two small routes turn a login into an httponly cookie and end it again; Streamlit
  itself cannot set cookies.
- On first start the installation's beheerder code is created and printed once.
- No proxy header is trusted by uvicorn, for HTTP or the websocket (see services/client_address.py).
- Downloads are served by /bestand/<token>, only to the login that made them (services/downloads.py).
- /.well-known/security.txt says where to report a vulnerability (services/security_txt.py).
- Every connection sends small messages at once (TCP_NODELAY): see services/connections.py.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager

import streamlit as st
import uvicorn.config
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from services import downloads
from services.access import COOKIE_NAME, cookie_for_handoff, logout
from services.access_codes import ensure_first_beheerder_code
from services.client_address import client_address
from services.connections import send_small_messages_at_once
from services.security_txt import security_txt
from settings import get_settings
from store.engine import shared_engine
from ui.auth import LOGOUT_ROUTE, SESSION_ROUTE
from ui.runtime import serve_on

PagesManager.uses_pages_directory = False


class _NoProxyHeaders:
    """uvicorn rewrites a connection's client address from X-Forwarded-For when it comes from 127.0.0.1 (its
    default), for HTTP and for the websocket: a client could then name any address and get a fresh allowance of
    login attempts. `streamlit run` builds uvicorn's settings before it imports this file, so setting
    FORWARDED_ALLOW_IPS here comes too late; uvicorn looks this middleware up when it loads the app, after the
    import. The app reads the header itself, only from the proxies in ZELFSCAN_TRUSTED_PROXIES
    (services/client_address.py)."""

    def __init__(self, app, trusted_hosts=None) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        await self.app(scope, receive, send)


uvicorn.config.ProxyHeadersMiddleware = _NoProxyHeaders  # type: ignore[assignment,misc]
os.environ["FORWARDED_ALLOW_IPS"] = ""  # for a server that reads it after this import


send_small_messages_at_once()  # every connection: TCP_NODELAY (services/connections.py)


def _engine():  # type: ignore[no-untyped-def]
    return shared_engine(get_settings().effective_database_url)


async def set_session_cookie(request: Request) -> Response:
    try:
        token = str((await request.json()).get("token", ""))
    except ValueError:
        return Response(status_code=400)
    swapped = cookie_for_handoff(_engine(), token)
    if swapped is None:
        return Response(status_code=400)
    value, max_age = swapped
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=get_settings().secure_cookies,
        path="/",
    )
    return response


async def get_file(request: Request) -> Response:
    """A download made on a page, for the same login only (services/downloads.py); else 404, empty."""
    offered = downloads.fetch(
        _engine(), token=request.path_params["token"], session_token=request.cookies.get(COOKIE_NAME)
    )
    if offered is None:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    return Response(
        offered.data,
        media_type=offered.mime,
        headers={
            "Content-Disposition": downloads.content_disposition(offered.file_name),
            "Cache-Control": "no-store, private",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def security_contact(_request: Request) -> Response:
    """/.well-known/security.txt: where to report a vulnerability (services/security_txt.py); 404 when not set."""
    text = security_txt(get_settings().security_contact)
    if text is None:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    return Response(text, media_type="text/plain; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


async def end_session_cookie(request: Request) -> Response:
    peer = request.client.host if request.client else "127.0.0.1"
    origin = client_address(peer, request.headers.get("X-Forwarded-For"), get_settings().trusted_proxies)
    logout(_engine(), request.cookies.get(COOKIE_NAME), origin=origin)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict")
    return response


@asynccontextmanager
async def lifespan(_app):  # type: ignore[no-untyped-def]
    serve_on(asyncio.get_running_loop())  # pages drawn in turns let this loop send them (ui/runtime.in_turn)
    issued = ensure_first_beheerder_code(_engine())
    if issued is not None:
        print(
            "\n  Eerste beheerderscode (wordt maar één keer getoond, bewaar hem goed):\n"
            f"      {issued.code}\n"
            "  Kwijt? Maak een nieuwe met: .venv/bin/python -m services.cli reset-beheerder\n",
            flush=True,
        )
    yield


app = st.App(
    "app.py",
    lifespan=lifespan,
    routes=[
        Route(SESSION_ROUTE, set_session_cookie, methods=["POST"]),
        Route(LOGOUT_ROUTE, end_session_cookie, methods=["POST"]),
        Route(downloads.ROUTE + "/{token}", get_file, methods=["GET"]),
        Route("/.well-known/security.txt", security_contact, methods=["GET"]),
    ],
)
