"""`oit build`: validate → links offline → generate Markdown → MkDocs → internal link check →
publish site/."""
from __future__ import annotations

import contextlib
import datetime
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from typing import TypeVar

import jinja2

from .. import thai
from ..checks.engine import CheckReport
from ..errors import Problem, UserError, display_path
from ..language import current
from ..links.internal import SiteLinkReport, check_site_links, site_checker
from ..links.refs import LinkProblem, link_refs
from ..model.dataset import Dataset
from ..processes import paused_gc
from ..project import Project
from ..render.compiled import TemplateCache, template_cache
from ..render.memo import memo_assets
from ..render.pages import SiteOutput, document_assets, drawn, make_environment, render_site
from ..render.types import Asset
from ..site.builder import intro_text, run_mkdocs, site_config
from ..site.content import WriteResult, write_pages
from ..site.lock import DEFAULT_WAIT, build_lock
from ..site.publish import (clean_leftovers, publish, remove_tree, require_site_folder,
                            staging_name)
from .check import check_all, known_broken_links
from .validate import load_data, reading_notes, require_valid_links, warning_lines

STAGES = ("load+validate", "generate", "mkdocs build", "link check")
T = TypeVar("T")


@dataclass
class BuildReport:
    """What a build did, and how long each stage took."""

    site_dir: Path
    data_dir: Path
    pages: int = 0
    written: WriteResult | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    link_warnings: list[LinkProblem] = field(default_factory=list)
    broken_links: dict[str, str] = field(default_factory=dict)   # from the link cache
    internal: SiteLinkReport | None = None
    notes: list[str] = field(default_factory=list)   # what reading the workbooks skipped

    def as_text(self) -> str:
        written, seconds = self.written, sum(self.seconds.values())
        site, data = self.site_dir.name, self.data_dir.name
        if current() == "en":
            changed = (f"{len(written.written)} written, {len(written.unchanged)} unchanged"
                       if written else "")
            removed = f", {len(written.removed)} removed" if written and written.removed else ""
            dead = (f"; {len(self.broken_links)} evidence address(es) known broken "
                    "(`oit links --external`), shown on the status page"
                    if self.broken_links else "")
            summary = (f"Built {site}/ from {data}/: {self.pages} pages ({changed}{removed}); "
                       f"internal links OK{dead}; {seconds:.1f} s")
        else:
            changed = (f"เขียนใหม่ {len(written.written)} คงเดิม {len(written.unchanged)}"
                       if written else "")
            removed = f" ลบ {len(written.removed)}" if written and written.removed else ""
            dead = (f"; เอกสารหลักฐาน {len(self.broken_links)} รายการเปิดไม่ได้ตามผลตรวจครั้งล่าสุด "
                    "(`oit links --external`) แสดงไว้ในหน้าสถานะ" if self.broken_links else "")
            summary = (f"สร้าง {site}/ จาก {data}/ แล้ว: {self.pages} หน้า ({changed}{removed}); "
                       f"ลิงก์ภายในใช้ได้ทั้งหมด{dead}; {seconds:.1f} วินาที")
        return "\n".join([summary, *self.notes, *warning_lines(self.link_warnings)])


def build(project: Project, build_date: datetime.date | None = None, *,
          check_links: bool = True, show_findings: bool = False, wait: float = DEFAULT_WAIT,
          notify: Callable[[str], None] = lambda _: None) -> BuildReport:
    """The whole pipeline; on any failure the published site/ is left untouched.

    ``build_date`` is the date the pages show (default: today in Thailand). One build at a
    time per project: a second one waits up to ``wait`` seconds (``notify`` hears once for
    whom).
    """
    build_date = build_date or thai.today_in_thailand()
    with build_lock(project.work_dir, project.root, wait=wait, notify=notify):
        clean_leftovers(project.site_dir, project.work_dir)
        require_site_folder(project.site_dir, project.root)
        with _staging(project) as staging:
            report = _build_into(staging, project, build_date, check_links=check_links,
                                 show_findings=show_findings)
            publish(staging, project.site_dir, project.work_dir)
        return report


def preview(project: Project, into: Path, build_date: datetime.date | None = None, *,
            env: jinja2.Environment | None = None, wait: float = DEFAULT_WAIT) -> BuildReport:
    """What `oit build` would publish, with the webmaster's findings on each topic page,
    built into ``into`` (swapped in whole) instead of site/, without the link check over
    HTTP. ``env``: the compiled templates, kept by a caller that rebuilds often."""
    build_date = build_date or thai.today_in_thailand()
    with build_lock(project.work_dir, project.root, wait=wait):
        with _staging(project) as staging:
            report = _build_into(staging, project, build_date, check_links=False,
                                 show_findings=True, env=env)
            publish(staging, into, project.work_dir)
        return report


@contextlib.contextmanager
def _staging(project: Project) -> Iterator[Path]:
    """A fresh staging folder for one build, removed if the build fails in any way, a Ctrl-C
    the moment the folder is made included (it is named first, made inside the block)."""
    staging = staging_name(project.work_dir)
    try:
        staging.mkdir(parents=True)
        yield staging
    except BaseException:
        with contextlib.suppress(OSError):   # a full disk must not stay full of it
            remove_tree(staging)
        raise


def generate(project: Project, dataset: Dataset, build_date: datetime.date,
             reports: Mapping[int, CheckReport], show_findings: bool = False,
             env: jinja2.Environment | None = None,
             cache: TemplateCache | None = None) -> SiteOutput:
    """Render every page and file (pure) from the validated data and its completeness check.

    ``env``: the templates, compiled once by a caller that renders many times (default: the
    project's, compiled now or read from ``cache``).
    """
    try:
        return render_site(dataset, build_date=build_date, intro=intro_text(project),
                           env=env or make_environment(project.theme_dir, cache),
                           reports=reports, show_findings=show_findings)
    except jinja2.TemplateError as exc:   # a broken override in site_theme/oit/ is a user error
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "a page template"
        raise UserError(Problem(display_path(Path(name), project.root),
                                getattr(exc, "lineno", None), "", f"template error: {exc}",
                                "a valid Jinja2 template")) from None


def site_files(project: Project, dataset: Dataset, output: SiteOutput,
               cache: TemplateCache | None = None) -> list[Asset]:
    """The files the plugin adds to the site: open data, charts, evidence documents and the
    working group's memo of each year."""
    return (output.assets + drawn(output.charts) + document_assets(dataset)
            + memo_assets(output.reports, project.theme_dir, cache))


def _build_into(staging: Path, project: Project, build_date: datetime.date, *,
                check_links: bool, show_findings: bool,
                env: jinja2.Environment | None = None) -> BuildReport:
    """Everything but publishing: the site built and checked in ``staging``."""
    report = BuildReport(project.site_dir, project.data_dir)
    timer = _Timer(report.seconds)
    cache = template_cache(project.template_cache)
    with paused_gc():
        dataset = timer("load+validate", lambda: load_data(project))
        report.notes = reading_notes(dataset)
        refs = timer("load+validate", lambda: link_refs(dataset))
        report.link_warnings = timer("load+validate", lambda: require_valid_links(dataset, refs))
        report.broken_links = timer("load+validate", lambda: known_broken_links(
            project, dataset, report.link_warnings, refs))
        output = timer("generate", lambda: _generate_files(
            project, dataset, build_date, report, show_findings, env, cache))
        # Written into content/ before MkDocs reads it: another builder can take the site over.
        report.written = timer("generate", lambda: write_pages(
            output.pages, project.content_dir, project.root))
        assets = timer("generate", lambda: site_files(project, dataset, output, cache))
        overrides = timer("generate", lambda: site_config(
            project, dataset, output.pages, build_date, staging))
    with contextlib.ExitStack() as stack:
        checker = stack.enter_context(site_checker()) if check_links else None
        timer("mkdocs build", lambda: run_mkdocs(project, overrides, assets,
                                                 dataset.current_year, cache))
        if checker is not None:
            base = urlsplit(dataset.unit.site_url or "/").path or "/"
            report.internal = timer("link check", lambda: check_site_links(staging, checker,
                                                                          base))
    return report


def _generate_files(project: Project, dataset: Dataset, build_date: datetime.date,
                    report: BuildReport, show_findings: bool, env: jinja2.Environment | None,
                    cache: TemplateCache | None) -> SiteOutput:
    """Check and render the pages; their count goes into ``report``."""
    reports = check_all(dataset, build_date, report.broken_links)
    output = generate(project, dataset, build_date, reports, show_findings, env, cache)
    report.pages = len(output.pages)
    return output


class _Timer:
    """Adds each stage's wall-clock seconds to a shared table."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds

    def __call__(self, stage: str, work: Callable[[], T]) -> T:
        start = time.perf_counter()
        try:
            return work()
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
