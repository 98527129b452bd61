"""Back-up: download the whole installation as a file, or put one back into a new installation."""

from __future__ import annotations

import streamlit as st

from services import ServiceError
from services.backup import MAX_BACKUP_BYTES, backup_file, backup_file_name, installation_is_empty, restore_file
from ui import auth, runtime
from ui.downloads import download_button
from ui.text import md

principal = auth.require("backup")
engine = runtime.engine()

st.title("Back-up")

st.header("Back-up maken")
st.write(
    "De back-up is één bestand. Daarin staat alles: de regio's, gemeenten, rondes en antwoorden, de "
    "geschiedenis, de plannen en de codes (die alleen versleuteld). Wie nu is ingelogd, staat er niet in. "
    "Bewaar het bestand op een veilige plek. Er staan de antwoorden en toelichtingen van alle gemeenten in."
)
download_button(
    "Back-up downloaden (.zip)",
    make=lambda: backup_file(engine, principal)[1],
    file_name=backup_file_name,  # the time of the click
    mime="application/zip",
)

st.header("Back-up terugzetten")
empty = installation_is_empty(engine, principal)
st.write(
    "U zet een back-up terug in een nieuwe, lege installatie, bijvoorbeeld op een nieuwe server of na de "
    "overstap naar PostgreSQL. Daarna werken de codes uit de back-up weer, en deze inlog niet meer."
)
if not empty:  # no uploader that cannot be used: its faded label is unreadable, and it offers what it refuses
    st.info(
        "Deze installatie heeft al gegevens. Terugzetten kan alleen in een lege installatie, zodat er niets "
        "verloren gaat."
    )
    st.stop()
upload = st.file_uploader("Back-upbestand (.zip)", type=["zip"], max_upload_size=MAX_BACKUP_BYTES // (1024 * 1024))
if upload is not None and st.button("Back-up terugzetten", type="primary"):
    try:
        report = restore_file(engine, principal, upload.getvalue())
    except ServiceError as exc:
        st.error(md(str(exc)))
    else:
        st.success(
            f"De back-up van {report.created_at[:10]} is teruggezet: " + ", ".join(report.lines()) + ". "
            "Log opnieuw in met een code uit de back-up."
        )
