"""Check every internal link of a built site with LinkChecker, over a local HTTP server."""
from __future__ import annotations

import csv
import functools
import http.server
import io
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import Problem, UserError


@dataclass(frozen=True)
class BrokenLink:
    page: str      # the site page that holds the link, e.g. 2569/01-budget-plan/
    url: str       # the link as written
    result: str    # what LinkChecker found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # LinkChecker hangs up once it has what it needs (BrokenPipeError, ConnectionReset):
        # not an error, and its traceback on stderr would read like one.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def find_broken_links(site_dir: Path) -> list[BrokenLink]:
    """Crawl the site from its home page; every internal URL that fails is returned."""
    with serve(site_dir) as base:
        proc = subprocess.run(
            [sys.executable, "-m", "linkcheck", "--no-robots", "--no-status", "--no-warnings",
             "--threads", "10", "-o", "csv", base],
            capture_output=True, text=True, check=False)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"LinkChecker failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
        return _parse_csv(proc.stdout, base)


def _parse_csv(text: str, base: str) -> list[BrokenLink]:
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    broken = []
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        if row.get("valid", "").lower() in ("true", "1"):
            continue
        page = _site_path(row.get("parentname") or "", base)
        broken.append(BrokenLink(page, row.get("urlname") or row.get("url") or "",
                                 row.get("result") or "error"))
    return broken


def _site_path(url: str, base: str) -> str:
    return urlsplit(url).path.lstrip("/") or "(home page)" if url.startswith(base) else url


def check_site_links(site_dir: Path) -> None:
    """Fail with every broken internal link, naming the page and the link."""
    broken = find_broken_links(site_dir)
    if broken:
        problems = [Problem(f"site page {b.page}", None, "", f"broken link '{b.url}': {b.result}")
                    for b in broken]
        raise UserError(problems, "Broken internal links; site/ was left as it was.")
