"""Every page, with every kind of wrong URL parameter: a plain Dutch message, never a traceback."""

from __future__ import annotations

import pytest

from domain.access import Role
from tests.pages.support import code_of, logged_in
from tests.pages.test_pages import PAGES_BY_ROLE
from ui.errors import MESSAGE
from ui.params import parse_id

BAD = ["²", "1e3", "-1", " 7", "0x1A", "1" * 25, "9" * 5000, "٣", "7; DROP TABLE ronde", "", "2147483648"]
CALM = MESSAGE.split(".")[0]


def test_only_plain_digits_within_range_are_ids():
    assert [parse_id(v) for v in ["7", "0007", "2147483647"]] == [7, 7, 2147483647]
    assert [parse_id(v) for v in BAD] == [None] * len(BAD)


@pytest.mark.parametrize("value", ["²", "9" * 5000])  # every wrong id takes one path: parse_id (tested above)
@pytest.mark.parametrize(
    ("role", "page"),
    [(role, page) for role, pages in PAGES_BY_ROLE.items() if role for page in pages],
)
def test_a_wrong_parameter_gives_a_dutch_message_and_no_traceback(app_engine, demo, role, page, value):
    label = "Demo Aalsveen" if role is Role.GEMEENTE else None
    at = logged_in(code_of(app_engine, role, label), page, ronde=value, blok=value, plan=value, bijeenkomst=value)
    assert not at.exception
    assert not [e.value for e in at.error if CALM in e.value]  # handled as a wrong address, not by surprise


@pytest.mark.parametrize("page", PAGES_BY_ROLE[None])
def test_public_pages_take_wrong_parameters_calmly(app_engine, page):
    at = logged_in(None, page, bijeenkomst="²", ronde="9" * 5000)
    at.query_params["code"] = "=1+1" * 100
    at.run()
    assert not at.exception
    assert not [e.value for e in at.error if CALM in e.value]
