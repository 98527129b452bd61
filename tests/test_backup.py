"""Backup and restore: every row comes back identical, on either engine and across them."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from sqlalchemy import func, select

from demo.seed import load_demo_region
from domain.access import Role
from domain.models import Purpose
from domain.plan import PlanLayout
from services import ServiceError
from services.access import login
from services.access_codes import issue_code
from services.backup import backup_file, restore_file
from services.plan_edits import PlanChange, add_action, save_plan_changes
from services.plans import create_gemeente_plan, open_plan
from services.regio import list_gemeenten
from services.scan import list_rounds, start_round
from store import backup
from store.engine import make_engine
from store.tables import SessieRow
from tests.conftest import ADMIN, principal_for
from tests.databases import new_database, postgres_url, seeded


def populate(engine) -> None:
    """The demo region (rounds, answers, their history, codes) plus an edited verbeterplan."""
    regio = load_demo_region(engine)
    gemeente = list_gemeenten(engine, ADMIN, regio_id=regio.id)[0]
    me = principal_for(Role.GEMEENTE, regio, gemeente, label="team")
    round_id = list_rounds(engine, me, gemeente_id=gemeente.id)[0].id
    plan_id = create_gemeente_plan(engine, me, round_id=round_id, layout=PlanLayout.PER_CLUSTER)
    action = add_action(engine, me, plan_id=plan_id, standard=1)
    save_plan_changes(
        engine,
        me,
        plan_id=plan_id,
        changes=[
            PlanChange(target="plan", field="costs", value="€ 10.000 – “jeugd”", expected=""),
            PlanChange(target="action", key=action, field="due_on", value=date(2027, 6, 1), expected=None),
            PlanChange(target="action", key=action, field="question_numbers", value=(1, 2), expected=()),
            PlanChange(target="note", key=2, value="Jaarlijks bespreken", expected=""),
        ],
    )
    code = issue_code(engine, ADMIN, role=Role.GEMEENTE, label="team", regio_id=regio.id, gemeente_id=gemeente.id)
    login(engine, code=code.code, client_key="test")  # a session, which a backup leaves out


@pytest.fixture
def populated(engine):
    seeded(engine, "populated", populate)  # populated once per process, then copied
    return engine


def test_a_restored_backup_holds_every_row_of_the_original(populated, tmp_path):
    data = backup.write_backup(populated)
    with new_database(tmp_path / "restored") as url:
        target = make_engine(url)
        restore_file(target, None, data)
        restored, original = backup.table_contents(target), backup.table_contents(populated)
        restored["logboek"].pop()  # the restore itself, the newest event of the restored log
        assert restored == original
        target.dispose()


def test_a_restore_is_the_newest_event_of_the_restored_audit_log(populated, tmp_path):
    data = backup.write_backup(populated)
    with new_database(tmp_path / "restored") as url:
        target = make_engine(url)
        restore_file(target, None, data)
        newest = backup.table_contents(target)["logboek"][-1]
        assert (newest["action"], newest["result"], newest["origin"]) == ("back-up teruggezet", "gelukt", "server")
        target.dispose()


def test_the_backup_holds_rounds_answers_history_and_plans(populated):
    counts = backup.read_manifest(backup.write_backup(populated))["tables"]
    assert all(counts[t] > 0 for t in ("ronde", "antwoord", "antwoord_wijziging", "verbeterplan", "verbeteractie"))


def test_logins_are_not_kept_in_a_backup(populated):
    with zipfile.ZipFile(io.BytesIO(backup.write_backup(populated))) as archive:
        assert "sessie.jsonl" not in archive.namelist()
    with populated.connect() as connection:
        assert connection.execute(select(func.count()).select_from(SessieRow)).scalar_one() == 1


@pytest.mark.parametrize("direction", ["sqlite to postgresql", "postgresql to sqlite"])
def test_a_backup_moves_between_sqlite_and_postgresql(tmp_path, direction):
    server = postgres_url()
    if server is None:
        pytest.skip("needs PostgreSQL: scripts/test starts it and sets ZELFSCAN_TEST_POSTGRES_URL")
    sqlite = f"sqlite:///{tmp_path / 'embedded.db'}"
    with new_database(tmp_path, server_url=server) as pg:
        source_url, target_url = (sqlite, pg) if direction.startswith("sqlite") else (pg, sqlite)
        source, target = make_engine(source_url), make_engine(target_url)
        populate(source)
        restore_file(target, None, backup.write_backup(source))
        restored = backup.table_contents(target)
        restored["logboek"].pop()  # the restore itself
        assert restored == backup.table_contents(source)
        source.dispose()
        target.dispose()


def test_new_rows_after_a_restore_get_new_ids(populated, tmp_path):
    with new_database(tmp_path / "restored") as url:
        target = make_engine(url)
        restore_file(target, None, backup.write_backup(populated))
        regio = load_demo_region(target)  # finds the restored demo region
        gemeente = list_gemeenten(target, ADMIN, regio_id=regio.id)[0]
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        before = {r.id for r in list_rounds(target, me, gemeente_id=gemeente.id)}
        new = start_round(
            target, me, gemeente_id=gemeente.id, held_on=date(2027, 1, 1), purpose=Purpose.EVALUATIE, participants=[]
        )
        assert new not in before and new > max(before)
        target.dispose()


def test_a_backup_is_not_put_into_an_installation_that_has_data(populated, engine):
    data = backup.write_backup(populated)
    before = backup.table_contents(populated)
    with pytest.raises(ServiceError, match="al gegevens"):
        restore_file(populated, None, data)
    after = backup.table_contents(populated)
    refused = after["logboek"].pop()  # only the audit log changed: it says the restore failed
    assert after == before and (refused["action"], refused["result"]) == ("back-up teruggezet", "mislukt")


def test_a_file_that_is_no_backup_is_refused_in_dutch(engine):
    with pytest.raises(ServiceError, match="geen back-up"):
        restore_file(engine, None, b"PK\x03\x04 not really a zip")


def test_a_backup_of_another_schema_version_is_refused(populated, tmp_path):
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(backup.write_backup(populated))) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for name in source.namelist():
            content = source.read(name)
            if name == "manifest.json":
                content = json.dumps({**json.loads(content), "schema": "9999"}).encode()
            target.writestr(name, content)
    with new_database(tmp_path / "other") as url:
        empty = make_engine(url)
        with pytest.raises(ServiceError, match="andere versie van de app"):
            restore_file(empty, None, out.getvalue())
        empty.dispose()


def test_only_the_installation_beheerder_makes_a_backup(populated):
    regio = load_demo_region(populated)
    for principal in (principal_for(Role.BEHEERDER, regio), principal_for(Role.REGIO, regio)):
        with pytest.raises(ServiceError, match="hele installatie"):
            backup_file(populated, principal)
    name, data = backup_file(populated, ADMIN)
    assert name.startswith("zelfscan-backup-") and backup.read_manifest(data)["format"] == backup.FORMAT


def test_a_restored_plan_reads_the_same(populated, tmp_path):
    regio = load_demo_region(populated)
    gemeente = list_gemeenten(populated, ADMIN, regio_id=regio.id)[0]
    me = principal_for(Role.GEMEENTE, regio, gemeente)
    with new_database(tmp_path / "restored") as url:
        target = make_engine(url)
        restore_file(target, None, backup.write_backup(populated))
        assert open_plan(target, me, plan_id=1).plan == open_plan(populated, me, plan_id=1).plan
        target.dispose()
