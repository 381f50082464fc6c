"""`oit serve`: a live preview on 127.0.0.1 of what `oit build` would publish, with the
webmaster's findings; rebuilt in this process when data/, content/, site_theme/ or mkdocs.yml
change, and the open page reloads. A data error shows a Thai page listing every problem.
site/ is never touched: the preview lives in .oit-build/preview/."""
from __future__ import annotations

import datetime
import errno
import html
import logging
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import watchdog.events
from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer

from .. import thai
from ..errors import UsageError, UserError, environment_error
from ..language import current, tr
from ..project import Project
from ..render.pages import THEME_TEMPLATE_SUBDIR, make_environment
from ..site.content import is_generated
from .build import preview

PREVIEW_FOLDER = "preview"
DEFAULT_PORT = 8000
# MkDocs' live reload script as a file of the site's own origin: the pages' policy runs no
# inline script, and this one must run to reload them.
_RELOAD_SCRIPT = re.compile(r"/\.oit-livereload/([0-9]+)/([0-9]+)\.js")
_PAGE = re.compile(r"(?:/|\.html)$")


class PreviewServer(LiveReloadServer):
    """MkDocs' live reload server with its script served as a file, oit's error page while
    the data has problems, and no rebuild for the pages the build itself wrote."""

    def __init__(self, project: Project, rebuild: Callable[[], None], host: str,
                 port: int) -> None:
        super().__init__(builder=rebuild, host=host, port=port,
                         root=str(project.work_dir / PREVIEW_FOLDER))
        self.project = project
        self.problems: list[str] | None = None   # the lines of the error page, when failing
        self._bound = False

    def bind(self) -> None:
        """Take the port now, so that a busy one is said before any build; serve() then
        finds it taken."""
        try:
            super().server_bind()
        except OSError as exc:
            self.server_close()
            if exc.errno == errno.EADDRINUSE:
                port = self.server_address[1]
                raise UsageError(tr(f"พอร์ต {port} มีโปรแกรมอื่นใช้อยู่ ให้เลือกพอร์ตอื่น "
                                    f"เช่น --port {port + 1}",
                                    f"port {port} is in use by another program: choose "
                                    f"another, e.g. --port {port + 1}")) from None
            raise
        super().server_activate()
        self._bound = True

    def server_bind(self) -> None:
        if not self._bound:
            super().server_bind()

    def server_activate(self) -> None:
        if not self._bound:
            super().server_activate()

    def watch_project(self) -> None:
        for path in (self.project.data_dir, self.project.content_dir, self.project.theme_dir,
                     self.project.mkdocs_yml):
            if path.exists():
                self.watch(str(path), recursive=path.is_dir())

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As MkDocs watches, but a page that the build generated in content/ (it writes
        them on every rebuild) starts no rebuild."""
        path = os.path.abspath(path)
        self._watched_paths[path] = self._watched_paths.get(path, 0) + 1
        if self._watched_paths[path] > 1:
            return

        def changed(event: watchdog.events.FileSystemEvent) -> None:
            source = Path(os.fsdecode(event.src_path))
            if event.is_directory or (source.suffix == ".md" and is_generated(source)):
                return
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        script = f'<script src="/.oit-livereload/{epoch}/{time.monotonic_ns()}.js"></script>'
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + script.encode() + content[end:]

    def _serve_request(self, environ: dict[str, Any],
                       start_response: Callable[..., Any]) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        script = _RELOAD_SCRIPT.fullmatch(path)
        if script is not None:
            body = _SCRIPT_TEMPLATE.substitute(epoch=script[1], request_id=script[2]).encode()
            start_response("200 OK", [("Content-Type", "text/javascript; charset=utf-8"),
                                      ("Content-Length", str(len(body)))])
            return [body]
        problems = self.problems
        if problems is not None and _PAGE.search(path):
            with self._epoch_cond:
                epoch = self._visible_epoch
            body = self._inject_js_into_html(error_page(problems), epoch)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(body)))])
            return [body]
        result: Iterable[bytes] | None = super()._serve_request(environ, start_response)
        return result


def error_page(lines: list[str]) -> bytes:
    """The page shown instead of the site while the data has problems (Thai by default)."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    title = tr("ข้อมูลยังมีปัญหา", "The data has problems")
    heading = tr("ยังแสดงหน้าเว็บไม่ได้: ข้อมูลมีปัญหา", "The site cannot be shown: the data has problems")
    advice = tr("แก้แฟ้มตามรายการด้านล่างแล้วบันทึก หน้านี้จะเปลี่ยนเป็นหน้าเว็บเองเมื่อข้อมูลถูกต้อง",
                "Fix the files as listed below and save: this page turns into the site by "
                "itself once the data is valid.")
    return f"""<!doctype html>
<html lang="{current()}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: oit serve</title></head>
<body style="font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem">
<h1>{heading}</h1>
<p>{advice}</p>
<ul style="line-height: 1.6">{items}</ul>
</body></html>
""".encode()


class Preview:
    """Rebuilds the preview and keeps what does not change between rebuilds (the compiled
    templates); says each outcome on the terminal."""

    def __init__(self, project: Project, build_date: datetime.date | None,
                 say: Callable[[str], None]) -> None:
        self.project, self.build_date, self.say = project, build_date, say
        self.env: jinja2.Environment | None = None
        self.server: PreviewServer | None = None
        self.seconds: list[float] = []   # each rebuild's, for the benchmark

    def rebuild(self) -> None:
        start = time.perf_counter()
        problems: list[str] | None = None
        # The compiled templates are kept, unless the project overrides some (site_theme/oit/):
        # an edit of those must show at once.
        overridden = (self.project.theme_dir / THEME_TEMPLATE_SUBDIR).is_dir()
        if self.env is None or overridden:
            self.env = make_environment(self.project.theme_dir)
        try:
            report = preview(self.project, self.project.work_dir / PREVIEW_FOLDER,
                             self.build_date or thai.today_in_thailand(), env=self.env)
        except UserError as exc:
            problems = exc.render().splitlines()
        except OSError as exc:
            problems = environment_error(exc, self.project.root).render().splitlines()
        seconds = time.perf_counter() - start
        self.seconds.append(seconds)
        if self.server is not None:
            self.server.problems = problems
        if problems is None:
            self.say(tr(f"สร้างหน้าตัวอย่างแล้ว: {report.pages} หน้า ({seconds:.1f} วินาที)",
                        f"preview built: {report.pages} pages ({seconds:.1f} s)"))
        else:
            self.say(tr("ข้อมูลยังมีปัญหา (หน้าเว็บแสดงรายการเดียวกันนี้):",
                        "the data has problems (the page shows the same list):")
                     + "\n" + "\n".join(problems))


def serve(project: Project, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          build_date: datetime.date | None = None,
          say: Callable[[str], None] = print) -> None:
    """Build the preview, serve it until Ctrl-C, rebuild on every change."""
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)
    runner = Preview(project, build_date, say)
    server = PreviewServer(project, runner.rebuild, host, port)
    server.bind()
    runner.server = server
    runner.rebuild()
    server.watch_project()
    say(tr(f"ดูหน้าตัวอย่างที่ {server.url} (กด Ctrl-C เพื่อหยุด; ไม่แก้ไข site/)",
           f"preview at {server.url} (Ctrl-C stops it; site/ is not touched)"))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    finally:
        server.shutdown()
