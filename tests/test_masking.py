"""Masking finds a gemeente however people type its name, and only its name."""

from __future__ import annotations

import pytest

from analysis.anonymise import MASK, mask_names, masked_words

NAMES = ["Súdwest-Fryslân", "Zoëterveld", "'s-Hertogenbosch", "Cranendonk-Oost", "Aadorp", "Ede", "'t Zandt"]


@pytest.mark.parametrize(
    "typed",
    [
        "Sudwest-Fryslan", "súdwest fryslân", "SUDWEST FRYSLAN", "SudwestFryslan", "Zoeterveld", "ZOËTERVELD",
        "zoëterveld", "s-Hertogenbosch", "'s Hertogenbosch", "’s-Hertogenbosch", "Hertogenbosch", "Den Bosch",
        "Cranendonk Oost", "CranendonkOost", "cranendonk–oost", "Aadorpse", "Aadorpers", "Aadorp's", "Zandt",
        "'t Zandt", "t Zandt",
    ],
)  # fmt: skip
def test_a_name_is_masked_however_it_is_typed(typed):
    assert mask_names(f"Bij {typed} gaat het goed.", NAMES) == f"Bij {MASK} gaat het goed."


@pytest.mark.parametrize("text", ["Edelweiss en Medemblik", "De oost-kant van het dorp", "Een zandtaart"])
def test_words_that_only_contain_a_name_stay(text):
    assert mask_names(text, NAMES) == text


def test_the_masked_words_are_listed_as_typed():
    assert masked_words("Zoeterveld en den bosch werken samen.", NAMES) == ["Zoeterveld", "den bosch"]


def test_the_regio_can_add_its_own_words():
    assert mask_names("De wijk Kanaleneiland doet mee.", [*NAMES, "Kanaleneiland"]) == f"De wijk {MASK} doet mee."
