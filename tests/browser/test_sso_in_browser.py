"""Logging in with one's own account through a real OIDC provider running here (oidc-provider-mock): two roles, an
account without a mapping, and a mapping revoked while its account is logged in. Codes keep working beside it."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Page, expect

from domain.access import AccountMapping, Role
from domain.audit import Action
from services import audit
from services.access_codes import revoke_code
from services.regio import create_regio, list_gemeenten
from services.sso import add_mapping
from store.engine import make_engine
from tests.browser.conftest import RunningApp, caddy_in_front, free_port, served
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN
from tests.databases import new_database, postgres_url

pytestmark = pytest.mark.browser
COOKIE_SECRET = secrets.token_urlsafe(32)  # one for every replica: it signs the OAuth state and the identity cookie

USERS = [
    User(sub="anna", claims={"name": "Anna Regioteam", "email": "anna@regio.example", "roles": ["Zelfscan.Regio"]}),
    User(sub="bert", claims={"name": "Bert Gemeente", "email": "bert@aadorp.example", "roles": ["Zelfscan.Aadorp"]}),
    User(sub="carla", claims={"name": "Carla Onbekend", "email": "carla@elders.example", "roles": ["Iets.Anders"]}),
]


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # the provider runs over http on this machine
    with run_server_in_thread(user_claims=USERS) as server:
        yield f"http://localhost:{server.server_port}"


def secrets_file(folder: Path, provider: str, address: str) -> tuple[str, ...]:
    """An `[auth]` section for the provider, for an app people reach at `address`; the server's options for it."""
    (folder / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{address}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        "[auth.organisatie]\n"
        'client_id = "zelfscan"\n'
        'client_secret = "zelfscan-geheim"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    return ("--secrets.files", str(folder / "secrets.toml"))


def mapped_regio(engine) -> None:
    """Regio Account: its regio team's accounts (roles Zelfscan.Regio) and Aadorp's (Zelfscan.Aadorp) are mapped."""
    regio = create_regio(engine, ADMIN, name="Regio Account", gemeente_names=["Aadorp", "Beekdal", "Cranendonk"])
    aadorp = next(g for g in list_gemeenten(engine, ADMIN, regio_id=regio.id) if g.name == "Aadorp")
    mapping = AccountMapping(provider="organisatie", claim="roles", value="Zelfscan.Regio")
    add_mapping(engine, ADMIN, regio_id=regio.id, mapping=mapping, role=Role.REGIO, label="regioteam")
    add_mapping(engine, ADMIN, regio_id=regio.id, role=Role.GEMEENTE, label="Aadorp", gemeente_id=aadorp.id,
                mapping=mapping.model_copy(update={"value": "Zelfscan.Aadorp"}))  # fmt: skip


@pytest.fixture(scope="module")
def sso_app(tmp_path_factory, provider) -> Iterator[RunningApp]:
    folder: Path = tmp_path_factory.mktemp("sso")
    port = free_port()
    with new_database(folder) as url:
        env = {**os.environ, "ZELFSCAN_DATA_DIR": str(folder), "ZELFSCAN_DATABASE_URL": url}
        extra = secrets_file(folder, provider, f"http://127.0.0.1:{port}")
        with served("server.py", env, folder, port=port, extra=extra) as (address, proc, log):
            engine = make_engine(url)
            mapped_regio(engine)
            yield RunningApp(url=address, engine=engine, log=log, pid=proc.pid)
            engine.dispose()


def log_in_with_account(page: Page, app: RunningApp, sub: str) -> None:
    page.goto(app.url)
    page.get_by_role("button", name="Inloggen met uw organisatie-account").click()
    page.get_by_role("button", name=sub, exact=True).click()  # the provider's form: the predefined user


def test_a_regio_account_logs_in_as_the_regio_with_its_own_name(sso_app, page):
    log_in_with_account(page, sso_app, "anna")
    expect(page.get_by_role("link", name="Uitloggen")).to_be_visible()
    expect(page.get_by_role("link", name="Vergelijken")).to_be_visible()  # a page of the regio role
    event = audit.events(sso_app.engine, ADMIN, action=Action.LOGIN)[0]
    assert event.result == "gelukt" and event.actor.startswith("Anna Regioteam")


def test_a_gemeente_account_logs_in_to_its_own_gemeente(sso_app, page):
    log_in_with_account(page, sso_app, "bert")
    expect(page.get_by_role("link", name="Scan invullen")).to_be_visible()  # a page of the gemeente role
    expect(page.get_by_text("Aadorp").first).to_be_visible()


def test_an_account_without_a_mapping_gets_nothing_and_is_told_whom_to_ask(sso_app, page):
    log_in_with_account(page, sso_app, "carla")
    expect(page.get_by_text("Vraag de beheerder van uw regio om uw account te koppelen")).to_be_visible()
    expect(page.get_by_role("link", name="Uitloggen")).to_have_count(0)


def test_a_revoked_mapping_ends_the_login_and_refuses_the_account(sso_app, page):
    log_in_with_account(page, sso_app, "anna")
    expect(page.get_by_role("link", name="Uitloggen")).to_be_visible()
    from services.access_codes import list_codes

    [regioteam] = [c for c in list_codes(sso_app.engine, ADMIN, regio_id=1) if c.label == "regioteam"]
    revoke_code(sso_app.engine, ADMIN, code_id=regioteam.id)
    page.reload()
    expect(page.get_by_text("Vraag de beheerder van uw regio om uw account te koppelen")).to_be_visible()
    expect(page.get_by_role("link", name="Uitloggen")).to_have_count(0)


def test_logging_out_ends_the_app_session_and_the_account(sso_app, page):
    log_in_with_account(page, sso_app, "bert")
    page.get_by_role("link", name="Uitloggen").click()
    page.wait_for_url("**/oauth2/end_session**")  # the provider's own logout, after the app's
    page.goto(sso_app.url)
    expect(page.get_by_role("button", name="Inloggen met uw organisatie-account")).to_be_visible()
    expect(page.get_by_role("link", name="Uitloggen")).to_have_count(0)


def test_codes_still_log_in_beside_accounts(sso_app, page):
    from services.access_codes import issue_code

    code = issue_code(sso_app.engine, ADMIN, role=Role.BEHEERDER, label="code naast account", regio_id=None).code
    log_in(page, sso_app.url, code)
    expect(page.get_by_role("link", name="Logboek")).to_be_visible()


def test_a_beheerder_maps_an_account_on_the_beheer_page_and_that_account_logs_in(sso_app, browser, page):
    from services.access_codes import issue_code

    regio_id = next(c.regio_id for c in audit.events(sso_app.engine, ADMIN, action=Action.MAPPING) if c.regio_id)
    code = issue_code(sso_app.engine, ADMIN, role=Role.BEHEERDER, label="regiobeheer", regio_id=regio_id).code
    log_in(page, sso_app.url, code)
    page.goto(sso_app.url + "/beheer")
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Koppeling maken"))
    form.get_by_label("Waarde van het kenmerk").fill("Iets.Anders")
    form.get_by_text("Facilitator", exact=True).click()
    form.get_by_label("Naam van de koppeling").fill("facilitatoren via organisatie")
    form.get_by_role("button", name="Koppeling maken").click()
    expect(page.get_by_text("De koppeling is gemaakt")).to_be_visible()
    expect(page.get_by_text("account bij organisatie met roles = Iets.Anders")).to_be_visible()
    context = browser.new_context()  # carla, on her own computer
    try:
        carla = context.new_page()
        log_in_with_account(carla, sso_app, "carla")
        expect(carla.get_by_role("link", name="Scherm voor de zaal")).to_be_visible()  # a page of the facilitator
    finally:
        context.close()


def test_accounts_log_in_through_caddy_on_either_of_two_replicas(tmp_path, provider, browser):
    server = postgres_url()
    if server is None:
        pytest.skip("needs PostgreSQL: scripts/test starts it and sets ZELFSCAN_TEST_POSTGRES_URL")
    front = free_port()
    with new_database(tmp_path, server_url=server) as url, ExitStack() as stack:
        extra = secrets_file(tmp_path, provider, f"http://127.0.0.1:{front}")
        addresses = []
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            env = {**os.environ, "ZELFSCAN_DATA_DIR": str(tmp_path / name), "ZELFSCAN_DATABASE_URL": url}
            address, _proc, _log = stack.enter_context(served("server.py", env, tmp_path / name, extra=extra))
            addresses.append(address)
        engine = make_engine(url)
        stack.callback(engine.dispose)
        mapped_regio(engine)
        caddy = stack.enter_context(caddy_in_front(addresses, tmp_path, port=front))
        replicas_used: set[str] = set()
        browsers = 0
        # Caddy gives a new browser a replica at random (the cookie policy's fallback), so six browsers all land on
        # one replica once in 32 runs: open new browsers until both replicas served one (20 at most: one in 500 000).
        while len(replicas_used) < 2 and browsers < 20:
            context = browser.new_context()
            page = context.new_page()
            log_in_with_account(page, RunningApp(url=caddy, engine=engine, log=tmp_path, pid=0), "anna")
            expect(page.get_by_role("link", name="Vergelijken")).to_be_visible()  # logged in on the one it was given
            replicas_used |= {c["value"] for c in context.cookies() if c["name"] == "zelfscan_replica"}
            context.close()
            browsers += 1
        assert len(replicas_used) == 2, f"{browsers} browsers, all on one replica"
