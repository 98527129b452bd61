"""The table of what the disclosure rules withhold (tools/withheld.py, quoted in issue notes) adds up."""

from pathlib import Path

import pytest

from services.publications import latest
from tools.document_images import demo
from tools.withheld import tally

pytestmark = pytest.mark.file_format  # on SQLite only: see pyproject.toml


def test_the_withheld_table_counts_every_question_of_the_demo_publication_once(tmp_path: Path) -> None:
    found = demo(tmp_path / "demo.db")
    picture = latest(found.engine, found.regio_user, regio_id=found.regio_id)
    assert picture is not None
    families = tally(picture)
    assert sum(families["vragen (x van y op orde)"].values()) == len(picture.questions) == 31
    assert any(state.startswith("in woorden") for state in families["vragen (x van y op orde)"])
