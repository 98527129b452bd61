"""Two app replicas on one PostgreSQL database, alone and behind Caddy with sticky sessions."""

from __future__ import annotations

import http.cookiejar
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date

import pytest
from playwright.sync_api import expect

from domain.access import Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from domain.meeting import MeetingKind
from domain.models import Purpose
from services.access_codes import issue_code
from services.meeting import create_meeting, get_meeting, open_block, show_names
from services.regio import create_regio, list_gemeenten
from services.scan import open_scan, start_round
from tests.browser.conftest import DOWNLOAD_WAIT_MS, RunningApp, caddy_in_front, start_app
from tests.browser.test_scan_in_browser import NIET_LABEL, OP_LABEL, log_in, question
from tests.conftest import ADMIN, principal_for
from tests.databases import new_database, postgres_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def replicas(tmp_path_factory) -> Iterator[tuple[RunningApp, RunningApp]]:
    server = postgres_url()
    if server is None:
        pytest.skip("needs PostgreSQL: scripts/test starts it and sets ZELFSCAN_TEST_POSTGRES_URL")
    folder = tmp_path_factory.mktemp("replicas")
    with new_database(folder, server_url=server) as url, ExitStack() as stack:
        first = stack.enter_context(_running(start_app(folder / "a", url)))
        second = stack.enter_context(_running(start_app(folder / "b", url)))
        yield first, second


class _running:
    """A start_app generator as a context manager, so ExitStack stops both servers."""

    def __init__(self, generator: Iterator[RunningApp]) -> None:
        self.generator = generator

    def __enter__(self) -> RunningApp:
        return next(self.generator)

    def __exit__(self, *_exc: object) -> None:
        for _ in self.generator:
            pass


@pytest.fixture(scope="module")
def setup(replicas):
    first, _ = replicas
    regio = create_regio(first.engine, ADMIN, name="Regio Replica", gemeente_names=["Eendorp", "Tweestad", "Driehoek"])
    gemeente = list_gemeenten(first.engine, ADMIN, regio_id=regio.id)[0]
    me = principal_for(Role.GEMEENTE, regio, gemeente)
    round_id = start_round(
        first.engine, me, gemeente_id=gemeente.id, held_on=date(2026, 5, 1), purpose=Purpose.NULMETING, participants=[]
    )
    codes = {
        "gemeente": issue_code(
            first.engine, ADMIN, role=Role.GEMEENTE, label="team Eendorp", regio_id=regio.id, gemeente_id=gemeente.id
        ).code,
        "regio": issue_code(first.engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id).code,
    }
    return regio, me, round_id, codes


def test_an_answer_saved_through_one_replica_shows_on_the_other(replicas, setup, browser):
    first, second = replicas
    _regio, me, round_id, codes = setup
    gemeente_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    regio_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(gemeente_page, first.url, codes["gemeente"])
    gemeente_page.goto(f"{first.url}/scan?ronde={round_id}&blok=1")
    question(gemeente_page, 1).get_by_text(NIET_LABEL).click()
    deadline = time.monotonic() + 10
    while open_scan(first.engine, me, round_id=round_id).answers.get(1) is None:
        assert time.monotonic() < deadline, "the answer was never saved"
        time.sleep(0.1)

    log_in(regio_page, second.url, codes["regio"])
    regio_page.goto(f"{second.url}/scan?ronde={round_id}&blok=1")
    expect(regio_page.get_by_text("Antwoord: ✗ Niet op orde")).to_be_visible()
    regio_page.goto(f"{second.url}/regio")
    expect(regio_page.get_by_text("1 van 3 gemeenten hebben een ronde die meetelt.", exact=False)).to_be_visible()
    gemeente_page.context.close()
    regio_page.context.close()


def test_an_answer_given_at_a_bijeenkomst_on_one_replica_shows_on_the_projector_of_the_other(replicas, setup, browser):
    first, second = replicas
    regio, _, _, _ = setup
    facilitator = principal_for(Role.FACILITATOR, regio, label="voorzitter")
    gemeenten = list_gemeenten(first.engine, ADMIN, regio_id=regio.id)
    meeting_id = create_meeting(
        first.engine, facilitator, regio_id=regio.id, title="Startbijeenkomst Replica", held_on=dutch_today(),
        kind=MeetingKind.START, gemeente_ids=[g.id for g in gemeenten], programme=[],
    )  # fmt: skip
    open_block(first.engine, facilitator, meeting_id=meeting_id, block=1)
    show_names(first.engine, facilitator, meeting_id=meeting_id, shown=True)
    group = get_meeting(first.engine, facilitator, meeting_id=meeting_id).groups[0]

    table = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    table.goto(f"{first.url}/deelnemen?bijeenkomst={meeting_id}&code={group.join_code}")
    table.get_by_role("button", name="Meedoen").click()
    question(table, 1).get_by_text(OP_LABEL).click()

    screen = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    code = issue_code(first.engine, ADMIN, role=Role.FACILITATOR, label="voorzitter", regio_id=regio.id).code
    log_in(screen, second.url, code)
    screen.goto(f"{second.url}/scherm?bijeenkomst={meeting_id}")
    expect(screen.get_by_text(f"{group.gemeente_name}: 1 van 14 vragen beantwoord")).to_be_visible()
    table.context.close()
    screen.context.close()


def test_a_login_made_on_one_replica_is_valid_on_the_other(replicas, setup, browser):
    first, second = replicas
    _, _, _, codes = setup
    context = browser.new_context()
    page = context.new_page()
    log_in(page, first.url, codes["regio"])
    # Browsers send a host's cookies to every port of it, as they would to every replica behind Caddy.
    page.goto(f"{second.url}/regio")
    expect(page.get_by_role("heading", name="Regio: Regio Replica")).to_be_visible()
    context.close()


@pytest.fixture(scope="module")
def caddy(replicas, tmp_path_factory) -> Iterator[str]:
    with caddy_in_front([r.url for r in replicas], tmp_path_factory.mktemp("caddy")) as url:
        yield url


def _replica_of(opener: urllib.request.OpenerDirector, url: str) -> str:
    with opener.open(f"{url}/_stcore/health", timeout=5) as response:
        return response.headers["X-Zelfscan-Replica"]


def test_caddy_keeps_each_browser_on_one_replica_and_spreads_new_ones(caddy, replicas):
    jar = http.cookiejar.CookieJar()
    browser_like = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    first_choice = _replica_of(browser_like, caddy)
    assert {_replica_of(browser_like, caddy) for _ in range(10)} == {first_choice}
    assert any(c.name == "zelfscan_replica" for c in jar)
    newcomers = {_replica_of(urllib.request.build_opener(), caddy) for _ in range(30)}
    assert newcomers == {r.url.removeprefix("http://") for r in replicas}


def test_a_gemeente_fills_in_the_scan_through_caddy(caddy, replicas, setup, browser):
    first, _ = replicas
    _, me, round_id, codes = setup
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, caddy, codes["gemeente"])
    page.goto(f"{caddy}/scan?ronde={round_id}&blok=1")
    question(page, 2).get_by_text(OP_LABEL).click()
    deadline = time.monotonic() + 10
    while (answer := open_scan(first.engine, me, round_id=round_id).answers.get(2)) is None:
        assert time.monotonic() < deadline, "the answer never reached the database"
        time.sleep(0.1)
    assert answer.value is AnswerValue.OP_ORDE
    page.context.close()


def test_a_download_through_caddy_works_for_its_session_only(caddy, replicas, setup, browser):
    _, _, _, codes = setup
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, caddy, codes["gemeente"])
    with page.expect_download(timeout=DOWNLOAD_WAIT_MS) as info:
        page.get_by_role("button", name="Leeg Excel-werkboek om offline in te vullen").click()
    address = info.value.url
    assert page.request.get(address).status == 200  # the sticky cookie brings it to the replica that made it
    stranger = browser.new_context()
    assert stranger.request.get(address).status == 404
    stranger.close()
    page.context.close()
