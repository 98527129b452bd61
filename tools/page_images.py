"""Pictures of app pages for the README, taken in Debian's chromium from the demo region.

    .venv/bin/python -m tools.page_images --out docs/images

Starts the app on a new SQLite file in a temporary folder, loads the demo region, logs in as
Demo Aalsveen and photographs the top of the Samen page of its round filled in apart first.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')"""


def _serve(data_dir: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ZELFSCAN_DATA_DIR": str(data_dir)}
    env.pop("ZELFSCAN_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("De app startte niet.")


def samen_page(out: Path) -> Path:
    from demo.seed import load_demo_region
    from domain.access import Principal, Role
    from services.access_codes import demo_codes
    from services.regio import list_gemeenten
    from services.scan import list_rounds
    from settings import get_settings
    from store.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        proc, url = _serve(data_dir)
        try:
            os.environ["ZELFSCAN_DATA_DIR"] = str(data_dir)
            get_settings.cache_clear()
            engine = make_engine(get_settings().effective_database_url)
            demo = load_demo_region(engine)
            code = next(c for r, label, c in demo_codes(engine) if r is Role.GEMEENTE and label == "Demo Aalsveen")
            viewer = Principal(code_id=0, role=Role.REGIO, label="beeld", regio_id=demo.id)
            aalsveen = next(g for g in list_gemeenten(engine, viewer, regio_id=demo.id) if g.name == "Aalsveen")
            round_id = list_rounds(engine, viewer, gemeente_id=aalsveen.id)[0].id
            engine.dispose()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
                page = browser.new_page(viewport={"width": 1100, "height": 2000}, locale="nl-NL")
                page.goto(url)
                page.get_by_label("Toegangscode").fill(code)
                page.get_by_role("button", name="Inloggen", exact=True).click()
                page.get_by_role("link", name="Uitloggen").wait_for()
                while not any(c["name"] == "zelfscan_sessie" for c in page.context.cookies()):
                    page.wait_for_timeout(50)
                page.goto(f"{url}/samen?ronde={round_id}")
                page.get_by_role("heading", name="Per vraag").wait_for()
                page.wait_for_function(IDLE, polling=100)
                page.wait_for_timeout(800)
                main = page.get_by_test_id("stMain").bounding_box()
                target = out / "samen.png"
                page.screenshot(
                    path=str(target), clip={"x": main["x"], "y": 60, "width": main["width"], "height": 1900}
                )
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(samen_page(args.out))


if __name__ == "__main__":
    main()
