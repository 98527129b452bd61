"""A real app server on a free port with its own SQLite file, and Debian's chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import Engine

from store.engine import make_engine
from tests.databases import new_database

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-extensions",
    "--no-first-run",
]

pytestmark = pytest.mark.browser

# What an `expect` waits for, at most, unless a test says otherwise: as long as a page's own actions (20 s).
# Playwright's 5 s ran out on a results page while two busy loops and the two test workers shared the two cores (the
# clean-clone run under load of 3 December); a test waits for what it checks, and a loaded machine is slow, not wrong.
expect.set_options(timeout=20_000)

# What a download waits for, at most: the file is made on the click, and the first PDF of a new server also loads
# WeasyPrint and its fonts. The regio's first factsheet PDF took 2.6 s from click to file on a quiet machine and
# 15.2 s beside two busy loops and four test workers (3 December; the .xlsx and .html before it 1.4 s and 1.0 s); in
# the whole suite under that load it passed 20 s twice. The bound only ends a hung test; how fast a download is lives
# in bench/downloads.py.
DOWNLOAD_WAIT_MS = 60_000


@dataclass
class RunningApp:
    url: str
    engine: Engine
    log: Path
    pid: int


# Streamlit shows its status widget while a script runs, and marks elements of the previous run
# as stale (drawn faded) until the new run has drawn them again. An element whose code the browser is still
# loading (the first radio, button or progress bar of a tab) stands as a grey placeholder (stSkeleton) meanwhile.
STREAMLIT_IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]')"""


def wait_until_drawn(page: Page, quiet_ms: int = 400) -> None:
    """Until Streamlit is idle and nothing is drawn faded, twice over a quiet moment (late fragments)."""
    page.wait_for_function(STREAMLIT_IDLE, polling=100)
    page.wait_for_timeout(quiet_ms)
    page.wait_for_function(STREAMLIT_IDLE, polling=100)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(data_dir: Path, database_url: str | None = None) -> Iterator[RunningApp]:
    """A server on a free port, on its own new database (or on database_url, to share one)."""
    if database_url is None:
        with new_database(data_dir) as url:
            yield from start_app(data_dir, url)
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ZELFSCAN_DATA_DIR": str(data_dir), "ZELFSCAN_DATABASE_URL": database_url}
    with served("server.py", env, data_dir) as (url, proc, log):
        engine = make_engine(database_url)
        yield RunningApp(url=url, engine=engine, log=log, pid=proc.pid)
        engine.dispose()


@contextmanager
def served(
    script: str, env: dict[str, str], log_dir: Path, *, port: int | None = None, extra: tuple[str, ...] = ()
) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """`streamlit run script` as scripts/start serves it (headless, no file watcher) on a free port (or `port`),
    with `extra` options, once it answers its health check; its address, process and log. Stopped afterwards."""
    port = port or free_port()
    log = log_dir / f"server-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"App did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield url, proc, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a loaded machine: the server did not stop in time, so end it
            proc.kill()
            proc.wait(timeout=20)


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    yield from start_app(tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test, which installs Debian's chromium.")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(autouse=True)
def no_page_outlives_its_test(request) -> Iterator[None]:
    """Every browser context a test opened is closed when it ends, also the ones it opened itself (other people,
    other devices). A page left open polls its server every few seconds (a bijeenkomst's devices and projector) and,
    once the module's server has stopped, keeps reconnecting: beside the tests that follow on its worker, until the
    whole run ends."""
    browser = request.getfixturevalue("browser") if "browser" in request.fixturenames else None
    yield
    if browser is not None:
        for context in list(browser.contexts):
            context.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


@contextmanager
def caddy_in_front(upstreams: list[str], log_dir: Path, port: int | None = None) -> Iterator[str]:
    """deploy/Caddyfile (sticky sessions) in front of these servers, on a free port (or `port`); its address."""
    if shutil.which("caddy") is None:
        pytest.fail("caddy is missing: run scripts/test, which installs Debian's caddy.")
    port = port or free_port()
    env = {**os.environ, "ZELFSCAN_SITE": f"http://127.0.0.1:{port}",
           "ZELFSCAN_REPLICAS": " ".join(u.removeprefix("http://") for u in upstreams)}  # fmt: skip
    log = log_dir / "caddy.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["caddy", "run", "--config", str(ROOT / "deploy" / "Caddyfile"), "--adapter", "caddyfile"],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, log.read_text()
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
