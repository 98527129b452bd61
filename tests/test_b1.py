"""B1: every question, help text, begrip, standard and page text scored with Flesch-Douma.

A text scores at least THRESHOLD, or is listed in EXCEPTIONS by name with the reason.
The Toegankelijkheid page says how this is measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import questionnaire
from tests.readability import flesch_douma, kader_terms, page_texts

ROOT = Path(__file__).resolve().parent.parent
THRESHOLD = 40  # Flesch-Douma: 30–50 "vrij moeilijk", 60–70 B1; single short questions score erratically
QN = questionnaire.current()
TERMS = kader_terms(QN)

# Texts that stay below the threshold, and why. Each is checked to still exist and still score low.
EXCEPTIONS = {
    "hulp 7": "a list of the kader's specific forms of violence (ouderenmishandeling, huwelijksdwang, ...)",
    "standaard 9": "the kader's wording of the standard (gespecialiseerde hulp voor slachtoffers, plegers, ...)",
    "vraag 12": "one short question with one long word (gezamenlijk instrument om veiligheid te beoordelen)",
    "vraag 28": "the kader's wording: genoeg en gevarieerde gespecialiseerde hulp",
    "vraag 13": "the kader's term casusregie in a five-word question",
    "standaard 10": "the kader's wording: samenwerkingsafspraken with Veilig Thuis",
    "begrip Aanpalende problematiek": "a list of problems (licht verstandelijke beperking, ...)",
    "hulp 23": "two short lines; gezinsleden and betrokkenen are the kader's words",
    "hulp 21": "a list of the legal terms it is about (gezag, omgang, kinderbescherming)",
    "hulp 6": "explains the kader's term bespreekbaar maken",
    "hulp 11": "a list of the partners' names (gecertificeerde instellingen, ...)",
}


def texts() -> dict[str, str]:
    found = {}
    for q in QN.questions:
        found[f"vraag {q.number}"] = q.text
        if q.help:
            found[f"hulp {q.number}"] = q.help
    for begrip in QN.begrippen.values():
        found[f"begrip {begrip.term}"] = begrip.definition
    for standard in QN.standards:
        found[f"standaard {standard.number}"] = standard.description
    for folder in ("pages", "ui"):
        found.update(page_texts(ROOT / folder))
    return found


TEXTS = texts()


@pytest.mark.parametrize("name", [n for n in TEXTS if n not in EXCEPTIONS])
def test_every_text_a_person_reads_scores_at_least_the_b1_threshold(name):
    assert flesch_douma(TEXTS[name], TERMS) >= THRESHOLD, TEXTS[name]


@pytest.mark.parametrize("name", list(EXCEPTIONS))
def test_every_exception_still_exists_and_still_needs_to_be_one(name):
    assert name in TEXTS
    assert flesch_douma(TEXTS[name], TERMS) < THRESHOLD


def test_the_measure_tells_an_easy_text_from_a_hard_one():
    easy = "Kies bij elke vraag op orde of niet op orde. Twijfelt u? Kies dan wat het meest klopt."
    hard = (
        "Implementatiegerelateerde organisatieontwikkelingsvraagstukken vereisen interdisciplinaire "
        "afstemmingsmechanismen tussen beleidsverantwoordelijke functionarissen."
    )
    assert flesch_douma(easy, TERMS) >= 60 > flesch_douma(hard, TERMS)


def test_the_texts_of_the_pages_are_found():
    assert len([n for n in TEXTS if n.startswith(("pages/", "ui/"))]) >= 40
