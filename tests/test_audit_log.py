"""The audit log (BIO2 8.15): every login, logout, code, download, import, backup and setting, with action, object,
result, origin, actor and time; no secret, code or answer text; read by beheerders only; kept for a set time."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import update

from domain.access import Role
from domain.audit import Action
from services import ServiceError, audit, downloads
from services.access import LoginError, login, logout
from services.access_codes import issue_code, replace_code, revoke_code
from services.authz import Forbidden
from services.backup import backup_file
from services.indicators import import_figures
from services.regio import create_regio, set_regio_settings
from services.scan import ToelichtingChange, save_changes
from store.audit_tables import LogboekRow
from store.repository import now
from store.unit_of_work import writing
from tests.conftest import ADMIN, principal_for

HERE = "192.0.2.7"


@pytest.fixture
def code(engine, regio, gemeenten):
    return issue_code(
        engine, ADMIN, role=Role.GEMEENTE, label="team Jeugd Aadorp", regio_id=regio.id, gemeente_id=gemeenten[0].id
    )


def newest(engine, action: Action | None = None):
    return audit.events(engine, ADMIN, action=action)[0]


def test_a_login_with_a_code_is_logged_with_its_origin_and_actor(engine, code):
    login(engine, code=code.code, client_key=HERE)
    event = newest(engine, Action.LOGIN)
    assert (event.result, event.origin) == ("gelukt", HERE)
    assert event.actor == f"team Jeugd Aadorp (gemeente, code {code.id})"


def test_a_wrong_code_is_logged_as_failed_under_the_code_it_aimed_at(engine, code):
    wrong = code.code[:-1] + ("A" if code.code[-1] != "A" else "B")
    with pytest.raises(LoginError):
        login(engine, code=wrong, client_key=HERE, sleep=lambda _s: None)
    event = newest(engine, Action.LOGIN)
    assert event.result == "mislukt: code klopt niet"
    assert event.object == f"met toegangscode {code.id} (team Jeugd Aadorp)"
    assert event.actor.startswith("onbekend")


def test_a_revoked_code_is_logged_as_refused(engine, code):
    revoke_code(engine, ADMIN, code_id=code.id)
    with pytest.raises(LoginError):
        login(engine, code=code.code, client_key=HERE)
    assert newest(engine, Action.LOGIN).result == "geweigerd: code ingetrokken"


def test_logging_out_of_a_page_and_its_cookie_is_one_event(engine, code):
    first = login(engine, code=code.code, client_key=HERE)
    second = login(engine, code=code.code, client_key=HERE)
    logout(engine, first.session_token, second.session_token, origin=HERE)
    assert len(audit.events(engine, ADMIN, action=Action.LOGOUT)) == 1


def test_making_revoking_and_replacing_codes_are_logged(engine, regio, code):
    replaced = replace_code(engine, ADMIN, code_id=code.id)
    revoke_code(engine, ADMIN, code_id=replaced.id)
    actions = [e.action for e in audit.events(engine, ADMIN) if e.action is not Action.SETTING]
    assert actions == [Action.CODE_REVOKED, Action.CODE_REPLACED, Action.CODE_MADE]


def test_a_download_is_logged_with_its_file_name(engine, regio, aadorp):
    downloads.offer(engine, aadorp, file_name="zelfscan-Aadorp-2026.xlsx", mime="x", data=b"inhoud")
    event = newest(engine, Action.DOWNLOAD)
    assert (event.object, event.regio_id) == ("zelfscan-Aadorp-2026.xlsx", regio.id)


def test_a_backup_is_logged(engine, regio):
    backup_file(engine, ADMIN)
    assert newest(engine, Action.BACKUP).result == "gelukt"


def test_an_import_with_a_broken_file_is_logged_as_failed(engine, regio_user):
    with pytest.raises(ServiceError):
        import_figures(engine, regio_user, data=b"not a workbook", file_name="cijfers.xlsx")
    event = newest(engine, Action.IMPORT)
    assert (event.object, event.result) == ("cijfers procesindicatoren uit cijfers.xlsx", "mislukt")


def test_a_refused_setting_is_logged_as_refused(engine, regio, aadorp):
    with pytest.raises(Forbidden):
        set_regio_settings(engine, aadorp, regio_id=regio.id, min_gemeenten=1)
    assert newest(engine, Action.SETTING).result == "geweigerd: geen toegang"


def test_a_setting_names_what_changed_and_counts_words_without_naming_them(engine, regio):
    set_regio_settings(engine, ADMIN, regio_id=regio.id, min_gemeenten=4, words_removed=("Jansen", "Pietersen"))
    event = newest(engine, Action.SETTING)
    assert "minimum aantal gemeenten: 4" in event.object and "woorden die weggaan: 2" in event.object
    assert "Jansen" not in event.object


def test_no_code_session_or_answer_text_reaches_the_log(engine, regio, code, round_id, aadorp):
    secret_text = "Mevrouw De Vries belde over haar buurjongen"
    save_changes(
        engine, aadorp, round_id=round_id, changes=[ToelichtingChange(question_number=1, toelichting=secret_text)]
    )
    made = login(engine, code=code.code, client_key=HERE)
    with pytest.raises(LoginError):
        login(engine, code=code.code.replace("-", "")[:-2] + "ZZ", client_key=HERE, sleep=lambda _s: None)
    logout(engine, made.session_token, origin=HERE)
    written = "\n".join(f"{e.object} {e.result} {e.origin} {e.actor}" for e in audit.events(engine, ADMIN)).upper()
    plain = code.code.replace("-", "")
    secrets = [plain, plain[4:], code.code, made.session_token.upper(), made.handoff_token.upper()]
    assert not [s for s in secrets if s.upper() in written]
    assert secret_text.upper() not in written and "DE VRIES" not in written


def test_a_regio_beheerder_reads_its_own_regio_only(engine, regio):
    other = create_regio(engine, ADMIN, name="Regio Elders", gemeente_names=["Zandvoort-Noord"])
    set_regio_settings(engine, ADMIN, regio_id=other.id, min_gemeenten=4)
    set_regio_settings(engine, ADMIN, regio_id=regio.id, min_gemeenten=5)
    mine = audit.events(engine, principal_for(Role.BEHEERDER, regio))
    assert mine and {e.regio_id for e in mine} == {regio.id}


@pytest.mark.parametrize("role", [Role.REGIO, Role.GEMEENTE, Role.FACILITATOR])
def test_nobody_but_a_beheerder_reads_the_log(engine, regio, gemeenten, role):
    with pytest.raises(Forbidden):
        audit.events(engine, principal_for(role, regio, gemeenten[0]))


def test_events_older_than_the_retention_are_deleted_and_never_shown(engine, regio, code):
    audit.set_retention_days(engine, ADMIN, days=30)
    login(engine, code=code.code, client_key=HERE)
    with writing(engine) as session:
        session.execute(update(LogboekRow).where(LogboekRow.action == "inloggen").values(at=now() - timedelta(days=31)))
    assert not audit.events(engine, ADMIN, action=Action.LOGIN)
    audit._last_enforced.clear()  # the next event deletes at once, not after ENFORCE_EVERY
    set_regio_settings(engine, ADMIN, regio_id=regio.id, min_gemeenten=4)
    with writing(engine) as session:
        assert session.query(LogboekRow).filter(LogboekRow.action == "inloggen").count() == 0


def test_the_retention_is_one_year_unless_the_installation_beheerder_sets_it(engine, regio):
    assert audit.retention_days(engine) == 365
    with pytest.raises(Forbidden):
        audit.set_retention_days(engine, principal_for(Role.BEHEERDER, regio), days=90)
    with pytest.raises(ServiceError, match="30 tot en met 3650"):
        audit.set_retention_days(engine, ADMIN, days=7)
    audit.set_retention_days(engine, ADMIN, days=90)
    assert audit.retention_days(engine) == 90
    assert newest(engine, Action.SETTING).object == "bewaartermijn logboek: 365 → 90 dagen"


def test_the_log_filters_by_action_and_by_words(engine, regio, code):
    login(engine, code=code.code, client_key=HERE)
    set_regio_settings(engine, ADMIN, regio_id=regio.id, min_gemeenten=4)
    assert {e.action for e in audit.events(engine, ADMIN, action=Action.LOGIN)} == {Action.LOGIN}
    assert [e.origin for e in audit.events(engine, ADMIN, search="192.0.2")] == [HERE]
    assert audit.events(engine, ADMIN, search="100%_") == []


def test_the_csv_reads_back_with_every_column_and_no_live_formula(engine, regio):
    create_regio(engine, ADMIN, name='=HYPERLINK("http://x")', gemeente_names=["Aadorp-Zuid"])
    rows = list(csv.reader(io.StringIO(audit.events_csv(engine, ADMIN).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["tijd", "actie", "object", "resultaat", "herkomst", "wie"]
    made = next(r for r in rows if r[1] == "instelling gewijzigd" and "HYPERLINK" in r[2])
    assert not made[2].startswith("=")
