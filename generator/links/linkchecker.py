"""LinkChecker as a subprocess (config and URLs in, CSV rows out), and a local server for a site.

Facts this relies on (LinkChecker 10.6, measured here): it reads its config file before it
drops root privileges to ``nobody``, so results go to stdout (``-o csv``), never to a file;
it throttles each host to one request per 0.1–0.6 s unless the config raises
``maxrequestspersecond`` *and* the server has answered with a ``LinkChecker`` header, which our
local server sends. Until that first answer every request waits its turn, so the URLs to check
are best listed on one page: LinkChecker fetches it, and then the URLs it links, unthrottled.
"""
from __future__ import annotations

import csv
import functools
import http.server
import importlib.util
import io
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, UserError
from ..language import Said, tr
from ..processes import die_with_parent

INSTALL_HINT = Said("LinkChecker 10 ในสภาพแวดล้อมเดียวกับ oit "
                    "(./setup.sh --install-only ติดตั้งให้ หรือ pip install 'LinkChecker>=10.5,<11')",
                    "LinkChecker 10 in the same environment as oit (./setup.sh --install-only "
                    "installs it, or pip install 'LinkChecker>=10.5,<11')")


@dataclass(frozen=True)
class LinkCheckerRow:
    """One URL as LinkChecker reports it (CSV output)."""

    url: str          # the link as written (urlname)
    parent: str       # the page that holds it ('' for a URL given directly)
    valid: bool
    result: str       # e.g. '200 OK', '404 Not Found', 'ConnectionError: …'
    warning: str      # e.g. "Redirected to `…' status: 301 Moved Permanently."
    final_url: str    # after redirects


# LinkChecker's idle threads look for work once a second, and it finishes only when they
# have all looked; it waits 0.1-0.6 s before a host's second request until that host has
# answered with its header. Neither is an option: set in the checker's own process, before
# it starts (benchmarks/versus_mkdocs.py shows the cost). Only our own local server is
# spared the wait; an external host keeps LinkChecker's politeness.
_POLL = "import linkcheck.director.checker as c; c.QUEUE_POLL_INTERVALL_SECS = 0.01"
_NO_WAIT = ("import linkcheck.director.aggregator as a; "
            "a.Aggregate.wait_time_min_default = a.Aggregate.wait_time_max_default = 0")
# Our own server is reached directly: an office's http_proxy would otherwise be asked for
# 127.0.0.1 and fail the build. requests also reads the proxy variables and ~/.netrc again
# for every URL, a fifth of LinkChecker's time at 2,300 URLs (docs/benchmarks.md).
_NO_ENVIRONMENT = """
import linkcheck.director.aggregator as a
new_session = a.new_request_session
def local_session(*args):
    session = new_session(*args)
    session.trust_env = False
    return session
a.new_request_session = local_session
"""
# LinkChecker makes ~/.local/share/linkchecker/ at start and loads any plugin a user put in
# its plugins/ folder: nothing outside the project is written, and no plugin of the
# machine's changes what a build finds (our config names the plugins it uses: none).
_NO_USER_PLUGINS = ("import linkcheck.configuration as c; "
                    "c.get_plugin_folders = lambda: []")
# Once its results are out, the interpreter's tearing down of LinkChecker's modules and
# threads takes another 30 ms of every build (measured on the example): skip it.
_RUN = """
import os, runpy, sys
code = 0
try:
    runpy.run_module('linkcheck', run_name='__main__', alter_sys=True)
except SystemExit as end:
    code = end.code if isinstance(end.code, int) else 1 if end.code else 0
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
"""


def linkchecker_command(local: bool) -> list[str]:
    """LinkChecker's command line, tuned as above (``local``: only our own server)."""
    # -P: a linkcheck.py in the working folder must not stand in for LinkChecker.
    return [sys.executable, "-P", "-c", "\n".join([die_with_parent(os.getpid()), _POLL,
                                                  _NO_USER_PLUGINS,
                                                  *([_NO_WAIT, _NO_ENVIRONMENT] if local else []),
                                                  _RUN])]


class LinkChecker:
    """One LinkChecker process reading its URLs from stdin.

    It is started before the URLs are known so that its start-up (its imports) overlaps our
    own work; ``check`` then feeds the URLs and reads every row it logs. ``local``: every URL
    is on our own local server.
    """

    def __init__(self, args: Sequence[str], config: Mapping[str, Mapping[str, str]],
                 local: bool = False) -> None:
        if importlib.util.find_spec("linkcheck") is None:
            raise linkchecker_missing("No module named linkcheck")
        # The config goes through a pipe (LinkChecker reads a FIFO as a config file): no file
        # is written outside the project, and a small config fits in the pipe's buffer.
        read_end, write_end = os.pipe()
        try:
            os.write(write_end, _ini(config).encode("utf-8"))
        finally:
            os.close(write_end)
        try:
            self._proc = subprocess.Popen(
                [*linkchecker_command(local), "-f", f"/dev/fd/{read_end}", "--no-status",
                 "--no-robots", "-o", "csv/utf-8", "--stdin", *args],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
                pass_fds=(read_end,))
        finally:
            os.close(read_end)

    def check(self, urls: Sequence[str]) -> list[LinkCheckerRow]:
        """Check ``urls`` (whitespace-free) and return LinkChecker's rows."""
        out, err = self._proc.communicate("".join(f"{url}\n" for url in urls))
        self.close()
        if self._proc.returncode not in (0, 1) or not _has_csv_header(out):
            raise linkchecker_missing(err)   # it never started checking
        return parse_csv(out)

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.communicate()

    def __enter__(self) -> LinkChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_linkchecker(urls: Sequence[str], args: Sequence[str],
                    config: Mapping[str, Mapping[str, str]]) -> list[LinkCheckerRow]:
    """Check ``urls`` with LinkChecker started with ``args`` and our own config file."""
    with LinkChecker(args, config) as checker:
        return checker.check(urls)


def linkchecker_missing(stderr: str) -> UserError:
    """LinkChecker is not installed or does not start: its own last words, and the remedy."""
    last = next((line.strip() for line in reversed(stderr.splitlines()) if line.strip()),
                tr("ไม่มีข้อความ", "no message"))
    return UserError(Problem("linkchecker", None, "",
                             tr(f"เรียกใช้ LinkChecker ไม่ได้ จึงตรวจลิงก์ไม่ได้ ({last})",
                                f"LinkChecker cannot be run, so the links are not checked "
                                f"({last})"),
                             str(INSTALL_HINT)),
                     tr("ตรวจลิงก์ไม่ได้เพราะปัญหาของเครื่อง ไม่ใช่ของข้อมูล "
                        "(site/ ที่เผยแพร่อยู่ยังเป็นชุดเดิม):",
                        "the links cannot be checked because of the machine, not the data "
                        "(the published site/ is still the previous one):"))


def _has_csv_header(out: str) -> bool:
    """LinkChecker writes its CSV header as soon as it has started."""
    return any(line.startswith("urlname;") for line in out.splitlines()[:20])


def _ini(config: Mapping[str, Mapping[str, str]]) -> str:
    """The config file's text; LinkChecker refuses one without a section."""
    config = config or {"checking": {}}
    return "".join(f"[{section}]\n" + "".join(f"{k}={v}\n" for k, v in options.items())
                   for section, options in config.items())


def parse_csv(text: str) -> list[LinkCheckerRow]:
    """LinkChecker's CSV (``;``-separated, ``#`` comment lines) as rows."""
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    rows = []
    for row in csv.DictReader(io.StringIO("".join(lines)), delimiter=";"):
        rows.append(LinkCheckerRow(
            url=row.get("urlname") or row.get("url") or "", parent=row.get("parentname") or "",
            valid=(row.get("valid") or "").lower() in ("true", "1"),
            result=row.get("result") or "", warning=row.get("warningstring") or "",
            final_url=row.get("url") or ""))
    return rows


# --- a local server for a built site ------------------------------------------------------

class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, and pages held in memory (e.g. the list of link targets)."""

    def __init__(self, *args: Any, extra_pages: Mapping[str, bytes], **kwargs: Any) -> None:
        self.extra_pages = extra_pages
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "oit")   # lifts LinkChecker's per-host throttle
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        page = self.extra_pages.get(self.path)
        if page is None:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 drops some of LinkChecker's ten simultaneous connections, and
    # each dropped one waits a second for TCP to try again.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A checker that has seen the headers closes the connection before the body: fine.
        if not isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout)):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, extra_pages: Mapping[str, bytes] | None = None) -> Iterator[str]:
    """Serve ``directory`` (and ``extra_pages`` by path) on 127.0.0.1, a free port, for the
    duration of the block."""
    handler = functools.partial(_SiteHandler, directory=str(directory),
                                extra_pages=extra_pages if extra_pages is not None else {})
    server = _QuietServer(("127.0.0.1", 0), handler)
    # shutdown() waits for the loop's next look: 10 ms, not the default half second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
