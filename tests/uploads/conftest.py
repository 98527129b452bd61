"""Fixtures of the upload tests: a regio that chose two indicators from the template."""

from __future__ import annotations

import pytest

from services.indicators import adopt_from_template, overview


@pytest.fixture
def chosen(engine, regio_user):
    adopt_from_template(engine, regio_user, keys=["vt-overdrachten", "wijkteam-doorlooptijd"])
    return {i.indicator.key: i.id for i in overview(engine, regio_user).indicators}
