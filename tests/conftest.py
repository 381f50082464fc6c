"""Shared fixtures: throwaway copies of a project, so tests never touch the repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Most tests read the English messages (OIT_LANG=en, as a developer would set it); the Thai
# default is tested where each message is tested in both languages (tests/test_language.py).
os.environ["OIT_LANG"] = "en"

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
OIT = Path(sys.executable).parent / "oit"   # the console script, as a user runs it


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files from the current output (review the diff!)")


@pytest.fixture(autouse=True)
def _language_as_set() -> Iterator[None]:
    """A test that chose a language (language.use) leaves the next one in OIT_LANG's."""
    yield
    from generator import language
    language.use(None)


@pytest.fixture(params=["th", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each message in both languages: the test runs once in Thai, once in English."""
    from generator import language
    language.use(request.param)
    yield request.param
    language.use(None)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_project(target: Path, data: Path) -> Path:
    """A project folder: the repository's config, theme and hand-written pages, and ``data``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "site_theme", target / "site_theme")
    shutil.copytree(REPO / "content", target / "content",
                    ignore=shutil.ignore_patterns("index.md", "[0-9][0-9][0-9][0-9]"))
    shutil.copytree(data, target / "data")
    return target


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """One fiscal year with one small topic file: fast to build."""
    return copy_project(tmp_path / "project", FIXTURES / "minimal")


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """The example data shipped in data/."""
    return copy_project(tmp_path / "project", REPO / "data")


@pytest.fixture(scope="session")
def minimal_built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project built once per test session; tests take a copy (minimal_built)."""
    import datetime

    from generator.commands.build import build
    from generator.project import Project

    root = copy_project(tmp_path_factory.mktemp("minimal") / "project", FIXTURES / "minimal")
    build(Project.at(root), datetime.date(2026, 11, 23))
    return root


@pytest.fixture
def minimal_built(minimal_built_once: Path, tmp_path: Path) -> Path:
    """A copy of the built minimal project (data, content with its generated pages, site/)."""
    return Path(shutil.copytree(minimal_built_once, tmp_path / "project", symlinks=True))


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once per test session with the real `oit build`."""
    import datetime

    from generator.commands.build import build
    from generator.project import Project

    root = copy_project(tmp_path_factory.mktemp("example") / "project", REPO / "data")
    build(Project.at(root), datetime.date(2026, 11, 23))
    return root / "site"


@pytest.fixture(scope="session")
def site_url(example_site: Path) -> object:
    """The built example site served on 127.0.0.1 for the whole session."""
    from generator.links.linkchecker import serve

    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> object:
    """Debian's Chromium, headless, driven by Playwright (no browser download, ever)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class LinkServer:
    """A web server on 127.0.0.1 that answers each way a link can fail; counts every request."""

    def __init__(self, url: str, counts: dict[str, int]) -> None:
        self.url = url.rstrip("/")
        self.counts = counts

    def __call__(self, path: str) -> str:
        return self.url + path

    @property
    def requests(self) -> int:
        return sum(self.counts.values())


@pytest.fixture
def link_server() -> object:
    """200, 404, 500, 301→302→200, a 308, a redirect loop, a slow page, a flaky page, anchors."""
    import http.server
    import threading
    import time

    counts: dict[str, int] = {}
    lock = threading.Lock()
    redirects = {"/chain": (301, "/chain-2"), "/chain-2": (302, "/ok"), "/moved": (308, "/ok"),
                 "/loop": (302, "/loop-2"), "/loop-2": (302, "/loop")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("LinkChecker", "test")   # lets a test lift LinkChecker's throttle
            super().end_headers()

        def do_GET(self) -> None:  # noqa: N802
            from urllib.parse import unquote
            path = unquote(self.path)
            with lock:
                counts[path] = counts.get(path, 0) + 1
                seen = counts[path]
            if path in redirects:
                code, target = redirects[path]
                self.send_response(code)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/slow":
                time.sleep(3)
                self._send(200, b"late")
            elif path == "/flaky":
                self._send(503 if seen == 1 else 200, b"flaky")
            elif path in ("/ok", "/เอกสาร.pdf", "/doc.pdf"):
                self._send(200, b'<html><body><h1 id="present">ok</h1></body></html>')
            else:
                self._send({"/broken": 500}.get(path, 404), b"no")

        def _send(self, code: int, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128   # LinkChecker opens ten connections at once

        def handle_error(self, request: object, client_address: object) -> None:
            # A client that hangs up (LinkChecker stopped, a timeout test) is not a failure;
            # socketserver would print its traceback into whatever sys.stderr is then, which
            # may be a later test's captured output.
            import sys
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield LinkServer(f"http://127.0.0.1:{server.server_address[1]}", counts)
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connection refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


IS_ROOT = os.geteuid() == 0


@contextmanager
def read_only(path: Path) -> Iterator[str]:
    """``path`` made read-only for real: immutable as root (root ignores modes), else
    a mode without write; the message expected."""
    if IS_ROOT:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"chattr +i is refused here (root, but {done.stderr.strip()})")
        expected = ("the system does not allow writing or renaming here (Operation not "
                    "permitted) (expected permission to write in this folder (the file or "
                    "folder may be locked, e.g. chattr +i))")
    else:
        path.chmod(0o555)
        expected = ("no permission to write or read here (Permission denied) (expected "
                    "permission to write in this folder (e.g. chmod u+w), or the project "
                    "moved to a folder you can write)")
    try:
        yield expected
    finally:
        if IS_ROOT:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755)
