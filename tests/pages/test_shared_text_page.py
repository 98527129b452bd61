"""The regio checks on its page what the de-identification replaces, and keeps what is not personal."""

from __future__ import annotations

from domain.access import Role
from services.regio import get_regio, list_gemeenten
from services.scan import ToelichtingChange, list_rounds, save_changes
from tests.conftest import principal_for
from tests.pages.support import code_of, logged_in

TEXT = "Mevrouw Jansen van Veilig Thuis en de praktijk Visser Jeugdzorg (06-12345678) doen de triage."


def typed_in_demo(engine, demo) -> None:
    viewer = principal_for(Role.REGIO, demo)
    gemeente = next(g for g in list_gemeenten(engine, viewer, regio_id=demo.id) if g.name == "Aalsveen")
    newest = max(list_rounds(engine, viewer, gemeente_id=gemeente.id), key=lambda r: r.held_on)
    me = principal_for(Role.GEMEENTE, demo, gemeente)
    save_changes(engine, me, round_id=newest.id, changes=[ToelichtingChange(question_number=1, toelichting=TEXT)])


def delen_with_texts(engine):
    at = logged_in(code_of(engine, Role.REGIO), "pages/regio.py", onderdeel="delen")
    at.checkbox(key="delen_toelichtingen").check().run()
    return at


def rows_of(at) -> list[list[str]]:
    """Cells as shown (the page escapes markdown in cells: a backslash before '-' or '[')."""
    return [[str(v).replace("\\", "") for v in t.value.to_numpy()[i]] for t in at.table for i in range(len(t.value))]


def texts_of(at) -> list[str]:
    return [h.proto.body for h in at.get("html") if "zs-plain" in h.proto.body]


def test_the_regio_sees_each_replaced_word_what_it_becomes_and_why(app_engine, demo):
    typed_in_demo(app_engine, demo)
    at = delen_with_texts(app_engine)
    assert not at.exception and not at.error
    rows = rows_of(at)
    assert any(r[0] == "Jansen" and "persoon" in r[1] and r[2] == "lijkt de naam van een persoon" for r in rows)
    assert any(r[0] == "06-12345678" and "telefoon" in r[1] for r in rows)
    assert any("Mevrouw [persoon] van Veilig Thuis" in t for t in texts_of(at))
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any("Jansen" in c and "[persoon]" in c for c in captions)  # per text: what was replaced and why


def test_a_word_the_regio_chooses_to_keep_stays_and_is_remembered(app_engine, demo):
    typed_in_demo(app_engine, demo)
    at = delen_with_texts(app_engine)
    keep = at.multiselect(key="delen_laten_staan")
    assert "Visser Jeugdzorg" in keep.options or "Visser" in keep.options
    word = "Visser" if "Visser" in keep.options else "Visser Jeugdzorg"
    keep.select(word).run()
    assert not at.exception and not at.error
    assert get_regio(app_engine, principal_for(Role.REGIO, demo), regio_id=demo.id).words_kept == ("Scholing", word)
    assert any("praktijk Visser Jeugdzorg" in t for t in texts_of(at))
