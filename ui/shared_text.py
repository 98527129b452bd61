"""The regio checks what the de-identification replaces in shared text, and keeps what is not personal."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from analysis.deidentify import Replacement, Words, find
from domain.access import Principal
from domain.models import Regio
from services import ServiceError
from services.publications import Preview
from services.regio import set_regio_settings
from services.regio_exports import replaced_summary
from ui.text import md, plain, table

EXPLAINED = (
    "Voordat iets de regio verlaat, vervangen we in de toelichtingen namen van gemeenten, namen van personen, "
    "adressen, plaatsen en wijken, e-mailadressen, telefoonnummers, BSN's en andere lange nummers, links en "
    "geboortedata. Organisaties en functies uit het werkveld (Veilig Thuis, GI, de Raad voor de "
    "Kinderbescherming, wijkteam) blijven staan. Lees de toelichtingen toch zelf na: een naam in kleine letters, "
    "een bijnaam of een beschrijving van een situatie ('het gezin met de drieling') herkent geen computer."
)


def review(engine: Engine, principal: Principal, regio: Regio, coming: Preview) -> None:
    """What is replaced (word, what it becomes, why, how often), which words the regio keeps, and each text."""
    st.markdown("**Wat in de toelichtingen wordt vervangen**")
    st.write(EXPLAINED)
    summary = replaced_summary(coming.replaced)
    if summary:
        table(
            [
                {"Woord zoals getypt": word, "Wordt": kind.placeholder, "Waarom": kind.why, "Aantal keer": n}
                for word, kind, n in summary
            ]
        )
    else:
        st.write("In de toelichtingen is niets gevonden om te vervangen.")
    _kept_words(engine, principal, regio, [word for word, kind, _ in summary if kind.may_keep])
    if coming.picture.toelichtingen:
        with st.expander(
            f"Bekijk de toelichtingen zoals ze in de bestanden komen ({len(coming.picture.toelichtingen)})"
        ):
            for note, replaced in zip(coming.picture.toelichtingen, _aligned(coming), strict=True):
                st.markdown(f"Standaard {note.standard}, vraag {note.question_number}:")
                plain(note.text)
                if replaced:
                    st.caption(md("Vervangen: " + "; ".join(_said(r) for r in replaced) + "."))


def _aligned(coming: Preview) -> tuple[tuple[Replacement, ...], ...]:
    if len(coming.replaced) == len(coming.picture.toelichtingen):
        return coming.replaced
    return tuple(() for _ in coming.picture.toelichtingen)  # texts kept from before: nothing new replaced


def _said(r: Replacement) -> str:
    return f"'{r.original}' door {r.kind.placeholder} ({r.kind.why})"


def _kept_words(engine: Engine, principal: Principal, regio: Regio, found: list[str]) -> None:
    """The regio's list of words that stay: chosen from what is replaced now, kept for next time (saved when the
    choice changes, before the preview above is made again)."""
    options = list(dict.fromkeys([*regio.words_kept, *sorted(found, key=str.casefold)]))
    if not options:
        return

    def save() -> None:
        try:
            set_regio_settings(engine, principal, regio_id=regio.id, words_kept=tuple(st.session_state[KEY]))
        except ServiceError as exc:
            st.session_state[PROBLEM] = str(exc)

    st.multiselect(
        "Deze woorden laten staan (ze zijn niet persoonlijk, zoals een organisatie of een team). De regio onthoudt "
        "dit voor de volgende keer; haal een woord weg om het weer te laten vervangen.",
        options=options,
        default=[w for w in regio.words_kept if w in options],
        key=KEY,
        placeholder="Kies woorden",
        on_change=save,
    )
    if problem := st.session_state.pop(PROBLEM, ""):
        st.error(md(problem))


KEY, PROBLEM = "delen_laten_staan", "delen_laten_staan_probleem"


def duiding_note(duiding: str, words: Words) -> None:
    """What the de-identification replaces in the regio's own duiding."""
    replaced = find(duiding, words)
    if replaced:
        st.caption(md("In de bestanden wordt in uw duiding vervangen: " + "; ".join(_said(r) for r in replaced) + "."))
