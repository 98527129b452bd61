"""Routing only: which pages exist and in what order."""

import streamlit as st

from ui.runtime import set_page_language

st.set_page_config(page_title="Zelfscan Werken aan veiligheid", page_icon=":material/shield:", layout="wide")
navigation = st.navigation(
    [
        st.Page("pages/start.py", title="Start", icon=":material/home:", url_path="start", default=True),
        st.Page("pages/scan.py", title="Scan invullen", icon=":material/edit:", url_path="scan"),
        st.Page("pages/resultaten.py", title="Resultaten", icon=":material/radar:", url_path="resultaten"),
        st.Page("pages/begrippen.py", title="Begrippen", icon=":material/menu_book:", url_path="begrippen"),
    ]
)
set_page_language()
navigation.run()
