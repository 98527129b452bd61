"""A bare Streamlit app for `bench/pages_ready --floor`: the same sidebar as a regio user has (the same page
names), and on each page only a title and a table the size of the Regio overview of the bench regio (30
gemeenten × 3 rounds: 90 rows, 6 columns). No database, no login. What any page of ours costs beyond drawing
that much is the difference.

Usage (pages_ready starts it itself): BARE_PAGE=bench/bare_app.py .venv/bin/streamlit run bench/bare_server.py
"""

import streamlit as st

st.set_page_config(page_title="Zelfscan Werken aan veiligheid", layout="wide")
NAMES = [
    ("regio", "Regio"), ("vergelijken", "Vergelijken"), ("start", "Gemeenten"), ("scan", "Antwoorden"),
    ("indicatoren", "Procesindicatoren"), ("resultaten", "Resultaten"), ("verbeterplan", "Verbeterplan"),
    ("geschiedenis", "Geschiedenis"), ("inlezen", "Excel inlezen"), ("begrippen", "Begrippen"),
    ("toegankelijkheid", "Toegankelijkheid"),
]  # fmt: skip
ROWS = [
    {
        "Gemeente": f"Gemeente {g:02}",
        "Ronde": f"Nulmeting van {k + 1} maart 202{4 + k}",
        "Telt mee": "ja" if k == 2 else "",
        "Blok 1": "14 van 14",
        "Blok 2": "17 van 17",
        "Laatst gewijzigd": f"{k + 1} maart 202{4 + k}",
    }
    for g in range(30)
    for k in range(3)
]


def bare() -> None:
    st.title("Regio: Regio Bench")
    st.table(ROWS, hide_index=True)


pages = [st.Page(bare, title=title, url_path=path, default=i == 0) for i, (path, title) in enumerate(NAMES)]
st.navigation(pages).run()
