"""The server entry point: `streamlit run server.py`.

Streamlit treats a `pages/` folder next to the main script as a legacy multipage app
until some session has called `st.navigation`. On a fresh server, the first request to
e.g. /scan would then run pages/scan.py on its own, without app.py. We measured this
with Streamlit 1.67; the flag below (pinned version, guarded by a browser test) makes
every request go through app.py from the start.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

PagesManager.uses_pages_directory = False

app = st.App("app.py")
