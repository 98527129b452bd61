"""Routing only: who is logged in decides which pages exist."""

import streamlit as st

from ui import auth
from ui.errors import calm
from ui.navigation import pages_for
from ui.runtime import engine, following_the_room, in_turn, set_page_language

st.set_page_config(page_title="Zelfscan Werken aan veiligheid", page_icon=":material/shield:", layout="wide")


@calm
def main() -> None:
    with in_turn(following_the_room()):
        navigation = st.navigation(pages_for(auth.resolve(engine())))
        set_page_language(auth.cookie_script())
        navigation.run()


main()
