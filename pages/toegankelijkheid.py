"""Toegankelijkheid: what we tested, how, and what does not meet WCAG 2.1 AA yet."""

from __future__ import annotations

import streamlit as st

st.title("Toegankelijkheid")
st.write(
    "Deze app moet voor iedereen bruikbaar zijn, ook met alleen een toetsenbord of met een schermlezer. "
    "We streven naar WCAG 2.1 niveau AA (EN 301 549), de eis voor Nederlandse overheden. "
    "Hieronder staat wat we testen, hoe we dat doen, en wat nog niet goed genoeg is."
)

st.header("Wat we testen")
st.markdown(
    """
- **Automatisch, bij elke wijziging**: een test opent elke pagina van elke rol in een echte browser
  (Chromium) en controleert die met axe-core. Ernstige en kritieke fouten laten de test falen.
  Dat gebeurt ook op de scan met antwoorden, de resultaten, de regiopagina's, het beheer,
  de inlogpagina en een foutmelding.
- **Alleen met het toetsenbord**: een test logt in, vult de hele scan in (31 vragen, beide blokken)
  en opent de resultaten, zonder muis.
- **Grafieken**: bij elke spinnenweb staat een tabel met dezelfde cijfers. Een test controleert
  dat de tabel dezelfde cijfers heeft als de grafiek.
- **Taal**: de pagina heeft de taal Nederlands (`lang="nl"`), zodat een schermlezer Nederlands voorleest.
  Een test leest elke pagina van elke rol, ook de labels voor schermlezers, en keurt elk Engels woord af.
  Vaste Engelse teksten van Streamlit (zoals de link naar de inhoud en de knoppen van de datumkiezer)
  vertalen we in de browser naar het Nederlands.
"""
)

st.header("Hoe het is gebouwd")
st.markdown(
    """
- Elk invoerveld heeft een zichtbaar label. Bij een vraag noemt het label de vraag zelf.
- 'Op orde' en 'niet op orde' hebben een teken (✓ en ✗) en tekst, niet alleen een kleur.
- In de grafieken verschillen lijnen ook in vorm (doorgetrokken of gestippeld, rondjes of ruitjes).
  De kleuren hebben een contrast van minstens 7:1 met de witte achtergrond.
- Een vraag zonder antwoord telt nooit als 'niet op orde'. Dat staat er ook bij.
- Teksten zijn geschreven in eenvoudig Nederlands (taalniveau B1). Begrippen staan uitgelegd bij de vraag.
- Foutmeldingen zeggen wat er misging en wat u nu kunt doen.
"""
)

st.header("Wat nog niet goed genoeg is")
st.markdown(
    """
- De app is gebouwd met Streamlit. Sommige onderdelen daarvan kunnen we niet zelf aanpassen. Zo is de
  interactieve grafiek zelf niet met een schermlezer te lezen. Gebruik daarvoor de tabel eronder.
- Uitgeschakelde velden van Streamlit hebben weinig contrast. Daarom tonen we antwoorden die u alleen
  mag bekijken als gewone tekst, niet als uitgeschakelde velden.
- De keuzelijsten van Streamlit werken met het toetsenbord, maar de schermlezer leest niet altijd het
  aantal keuzes voor.
- Een toelichting wordt bewaard als u het veld verlaat (Tab) of op Ctrl+Enter drukt, niet bij elke letter.
- Taalniveau B1 meten we met een leesbaarheidsformule (Flesch-Douma). Elke vraag, uitleg, begrip en
  tekst op de pagina's moet minstens 40 scoren. Vaktermen uit het kwaliteitskader tellen als één kort
  woord, want ze staan uitgelegd bij Begrippen. Elf teksten van het kader halen dat niet, vooral lijsten
  met vaktermen. Een formule is geen lezer: we lezen de teksten ook zelf na.

Loopt u tegen iets aan? Meld het bij de beheerder van uw regio. Dan lossen we het op.
"""
)
