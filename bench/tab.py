"""A browser tab's side of Streamlit's websocket, for the benches: connect with a login cookie, ask for a run as the
browser asks for it (the values of its widgets, a fragment's id, a button's click), read what the server sends back.

Every bench that plays a browser (meeting, replicas, rerun_ratio, soak) speaks through these three, so a change in
Streamlit's protocol is mended in one place.
"""

from __future__ import annotations

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from services.access import COOKIE_NAME


def connect(url: str, cookie: str = "") -> websockets.connect:
    """The tab's websocket to the app at `url` ("http://host:port"), logged in with `cookie` (none: not logged in)."""
    headers = {"Origin": url} | ({"Cookie": f"{COOKIE_NAME}={cookie}"} if cookie else {})
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    return websockets.connect(stream, additional_headers=headers, subprotocols=["streamlit"], max_size=None)


def rerun_request(
    page: str, query: str, values: dict[str, str], *, fragment_id: str = "", timer: bool = False, trigger: str = ""
) -> bytes:
    """A run of `page` with the widgets' `values` (as the browser holds them); with `fragment_id`, a run of that
    fragment only (`timer`: its run_every timer asked for it, not a click); with `trigger`, that button clicked."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string, state.page_name = query, page
    state.fragment_id, state.is_auto_rerun = fragment_id, timer
    for widget_id, value in values.items():
        widget = state.widget_states.widgets.add()
        widget.id, widget.string_value = widget_id, value
    if trigger:
        widget = state.widget_states.widgets.add()
        widget.id, widget.trigger_value = trigger, True
    return message.SerializeToString()


async def received(ws: websockets.ClientConnection) -> ForwardMsg:
    """The next message the server sends."""
    forward = ForwardMsg()
    forward.ParseFromString(await ws.recv())
    return forward
