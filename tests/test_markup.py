"""The one place a text becomes markup (domain/markup.py): documents, SVG and chart labels."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from domain.markup import Html, fill, join, script_value, text
from exports.html_writer import document, table

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "<script>alert('x')</script> & \"citaat\""


def test_a_value_put_into_our_markup_is_escaped_once():
    made = fill('<p title="{t}">{t}</p>', t=HOSTILE)
    assert "<script>" not in made and made.count("&lt;script&gt;") == 2 and "&quot;citaat&quot;" in made
    assert fill("<div>{inner}</div>", inner=made) == f"<div>{made}</div>"  # markup is not escaped a second time


def test_a_number_keeps_its_format_in_a_template():
    assert fill('<circle cx="{x:.1f}" r="{r}"/>', x=3.14159, r=4) == '<circle cx="3.1" r="4"/>'


def test_joining_escapes_a_piece_that_is_plain_text():
    assert join([Html("<b>vet</b>"), "<i>"]) == "<b>vet</b>&lt;i&gt;"
    assert text(Html("<b>")) == "<b>"


def test_a_document_refuses_a_body_that_is_a_plain_string():
    with pytest.raises(TypeError):
        document("Titel", "<p>" + HOSTILE + "</p>")  # type: ignore[arg-type]
    page = document(HOSTILE, table(("Kop",), [(HOSTILE,)], caption=HOSTILE))
    assert "<script>" not in page


def test_a_value_in_a_script_of_ours_cannot_end_the_script():
    file_name = 'factsheet_</script><img src=x onerror="alert(1)">&.pdf'
    script = fill("<script>a.download = {name};</script>", name=script_value(file_name))
    assert script.count("</script>") == 1 and "<img" not in script
    assert json.loads(script.removeprefix("<script>a.download = ").removesuffix(";</script>")) == file_name


def test_no_writer_of_pages_documents_pictures_or_figures_escapes_text_itself():
    found = []
    for folder in ("ui", "pages", "exports", "pictures", "analysis", "services"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            if re.search(r"(^|[^.\w])escape\(|html\.escape\(|from html import", source, re.MULTILINE):
                found.append(str(path.relative_to(ROOT)))
    assert found == []
