"""The one de-identification step of shared text (analysis/deidentify.py): what it replaces, what it keeps, and
how well it does on the hand-marked corpus of toelichtingen (tests/data/deidentify_corpus.txt)."""

from __future__ import annotations

import pytest

from analysis.deidentify import Kind, Words, clean, find
from tests.deidentify_corpus import corpus, score

# Measured on the whole corpus (149 texts, README "Shared text"); a change that finds less fails here.
RECALL_AT_LEAST = {"persoon": 1.0, "email": 1.0, "telefoon": 1.0, "bsn": 1.0, "adres": 1.0}
PRECISION_AT_LEAST = 0.98


@pytest.fixture(scope="module")
def measured():
    return score()


@pytest.mark.parametrize("kind", sorted(RECALL_AT_LEAST))
def test_recall_on_the_corpus_stays_at_least_what_was_measured(measured, kind):
    assert measured.recall(kind) >= RECALL_AT_LEAST[kind], [m for m in measured.missed if m.startswith(kind)]


def test_precision_on_the_corpus_stays_at_least_what_was_measured(measured):
    assert measured.precision >= PRECISION_AT_LEAST, measured.wrong


def test_the_corpus_has_at_least_a_hundred_marked_texts_with_every_kind():
    texts = corpus()
    kinds = {kind for t in texts for _, _, kind in t.spans}
    assert len(texts) >= 100
    assert {"persoon", "adres", "email", "telefoon", "bsn", "geboortedatum"} <= kinds


def test_an_institution_after_a_name_stays_and_the_name_goes():
    assert (
        clean("Mevrouw Jansen van Veilig Thuis belt terug.", Words())
        == "Mevrouw [persoon] van Veilig Thuis belt terug."
    )


def test_a_title_points_to_a_name_deduce_does_not_know():
    assert clean("Wethouder Van der Meer tekende.", Words()) == "Wethouder [persoon] tekende."


def test_a_portfolio_after_a_title_is_no_name():
    assert clean("De wethouder Jeugd is akkoord.", Words()) == "De wethouder Jeugd is akkoord."


def test_contact_details_and_a_bsn_are_replaced_by_what_they_are():
    text = "Mail j.devries@aalsveen.nl of bel 06-12345678; BSN 123 456 782; geboren 03-04-2015."
    assert clean(text, Words()) == "Mail [e-mail] of bel [telefoon]; BSN [bsn]; geboren [geboortedatum]."


def test_a_gemeente_name_inside_an_e_mail_address_goes_with_the_whole_address():
    assert clean("Via info@aalsveen.nl of in Aalsveen zelf.", Words(names=("Aalsveen",))) == (
        "Via [e-mail] of in [gemeente] zelf."
    )


def test_a_public_service_line_is_no_personal_phone_number():
    assert clean("Veilig Thuis is bereikbaar op 0800-2000.", Words()) == "Veilig Thuis is bereikbaar op 0800-2000."


def test_a_word_the_regio_keeps_stays_standing():
    text = "De training kwam van praktijk Visser Jeugdzorg."
    assert "Visser" not in clean(text, Words())  # a surname
    assert clean(text, Words(keep=("Visser Jeugdzorg",))) == text


def test_a_gemeente_name_or_a_bsn_cannot_be_kept():
    words = Words(names=("Aalsveen",), keep=("Aalsveen", "123456782"))
    assert clean("Aalsveen vond BSN 123456782 in het dossier.", words) == "[gemeente] vond BSN [bsn] in het dossier."


def test_a_word_the_regio_leaves_out_becomes_weggelaten():
    assert (
        clean("Het team De Brug doet de triage.", Words(remove=("De Brug",))) == "Het team [weggelaten] doet de triage."
    )


def test_a_name_typed_in_lower_case_after_a_cue_is_found_but_a_month_is_not():
    assert clean("Overleg met jan over de planning voor jan 2026.", Words()) == (
        "Overleg met [persoon] over de planning voor jan 2026."
    )


def test_each_replacement_says_what_was_typed_and_why():
    (found,) = find("Bel Piet de Boer.", Words())
    assert (found.original, found.kind, found.kind.why) == (
        "Piet de Boer",
        Kind.PERSOON,
        "lijkt de naam van een persoon",
    )


@pytest.mark.parametrize("text", ["", "   ", "op orde", "Vraag 14: 3 van de 8 teams."])
def test_a_text_without_anything_personal_comes_back_as_typed(text):
    assert clean(text, Words()) == text
