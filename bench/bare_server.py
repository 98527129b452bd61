"""Serves one bare page (the script named by BARE_PAGE) as server.py serves the app: through `st.App`, with every
connection sending small messages at once (services/connections.py). A bare page served by plain `streamlit run`
keeps Nagle's algorithm, and would be slower than ours for that alone: the benches compare like with like.

Usage (the benches start it themselves): BARE_PAGE=bench/bare_app.py .venv/bin/streamlit run bench/bare_server.py
"""

import os
from pathlib import Path

import streamlit as st

from services.connections import send_small_messages_at_once

send_small_messages_at_once()
app = st.App(str(Path(os.environ["BARE_PAGE"]).resolve()))  # st.App reads a relative path from this folder
