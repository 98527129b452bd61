"""Uitloggen: ends the session here and the login cookie in the browser."""

from __future__ import annotations

import streamlit as st

from ui import auth, runtime

st.title("Uitloggen")
st.write("U wordt uitgelogd. Even geduld.")
auth.sign_out(runtime.engine())
