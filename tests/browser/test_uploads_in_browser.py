"""Uploads are capped by the server itself, not only by the page: big uploads are refused at once
and the server keeps answering everyone else meanwhile."""

from __future__ import annotations

import http.client
import threading
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.browser

FIFTY_MB = 50 * 1024 * 1024
CHUNK = b"\0" * (1024 * 1024)


def put_big_file(url: str, results: list[int]) -> None:
    """Try to upload 50 MB to Streamlit's upload route, as a client that ignores the page's limit."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest("PUT", "/_stcore/upload_file/some-session/some-file")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(FIFTY_MB))
        connection.endheaders()
        try:
            for _ in range(FIFTY_MB // len(CHUNK)):
                connection.send(CHUNK)
        except OSError:
            pass  # the server closed the connection: refused before the body was read
        results.append(connection.getresponse().status)
    except (OSError, http.client.HTTPException):
        results.append(0)  # the connection was cut: refused too
    finally:
        connection.close()


def test_ten_uploads_of_50_mb_are_refused_while_the_server_keeps_answering(app):
    results: list[int] = []
    uploads = [threading.Thread(target=put_big_file, args=(app.url, results)) for _ in range(10)]
    for upload in uploads:
        upload.start()
    answered = [urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=30).read() for _ in range(10)]
    page = urllib.request.urlopen(app.url, timeout=30).status
    for upload in uploads:
        upload.join(timeout=120)
    assert answered == [b"ok"] * 10 and page == 200
    assert len(results) == 10 and all(status == 0 or 400 <= status < 500 for status in results), results


def test_the_server_caps_every_upload_at_25_mb():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == 25
