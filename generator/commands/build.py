"""The commands' pipelines: `oit build` (validate → links offline → generate Markdown → MkDocs →
internal link check → publish site/), `oit check` and `oit links`."""
from __future__ import annotations

import contextlib
import datetime
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import jinja2

from ..checks.engine import CheckReport, run_checks
from ..checks.rules import DUE_DATES, RULES
from ..errors import Problem, UserError, display_path
from ..links.cache import DEFAULT_MAX_AGE, due_for_check, load_cache, merged, save_cache
from ..links.external import DEFAULT_THREADS, DEFAULT_TIMEOUT, check_external
from ..links.internal import SiteLinkReport, check_site_links, find_broken_links, site_checker
from ..links.offline import UNFETCHABLE, check_offline
from ..links.refs import LinkProblem, LinkRef, LinkSeverity, link_refs, unique_urls
from ..links.report import ExternalRun, LinksReport
from ..links.status import ExternalResult, broken_links, external_problems
from ..model.dataset import Dataset
from ..model.load import DataProblems, load_dataset
from ..processes import paused_gc
from ..project import Project
from ..render.pages import SiteOutput, document_assets, drawn, make_environment, render_site
from ..render.types import Asset
from ..site.builder import run_mkdocs, site_config
from ..site.content import WriteResult, write_pages
from ..site.lock import DEFAULT_WAIT, build_lock
from ..site.publish import clean_leftovers, new_staging, publish, remove_tree

STAGES = ("load+validate", "generate", "mkdocs build", "link check")
T = TypeVar("T")


@dataclass
class BuildReport:
    pages: int = 0
    written: WriteResult | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    link_warnings: list[LinkProblem] = field(default_factory=list)
    broken_links: dict[str, str] = field(default_factory=dict)   # from the link cache
    internal: SiteLinkReport | None = None


def validate(project: Project) -> Dataset:
    """Load and validate the data; raises UserError with every problem."""
    try:
        return load_dataset(project.data_dir, project.root)
    except DataProblems as exc:   # every problem of a run at once: add the unusable addresses
        if exc.valid is None:
            raise
        unusable = [_as_problem(p) for p in check_offline(exc.valid) if p.is_error]
        if not unusable:
            raise
        raise DataProblems(exc.problems + unusable, exc.valid) from None


def check(dataset: Dataset, year: int, as_of: datetime.date,
          broken_links: Mapping[str, str] | None = None) -> CheckReport:
    """The completeness check of one fiscal year as of a date."""
    return run_checks(dataset, year, as_of, RULES, DUE_DATES, broken_links)


def check_all(dataset: Dataset, as_of: datetime.date,
              broken_links: Mapping[str, str] | None = None) -> dict[int, CheckReport]:
    """The completeness check of every fiscal year in the data, as of one date."""
    return {year: check(dataset, year, as_of, broken_links) for year in dataset.years}


def require_valid_links(dataset: Dataset,
                        refs: Sequence[LinkRef] | None = None) -> list[LinkProblem]:
    """The offline link checks: raise UserError with every error (file:line); the warnings.

    ``refs`` are the data's addresses (link_refs) when the caller already has them.
    """
    problems = check_offline(dataset, refs)
    errors = [_as_problem(p) for p in problems if p.is_error]
    if errors:
        raise UserError(errors, f"{len(errors)} web address(es) in the data files cannot work:")
    return problems


def _as_problem(link: LinkProblem) -> Problem:
    ref = link.ref
    assert ref is not None, "offline problems always come from the data"
    return Problem(ref.file, ref.line, ref.field, f"{ref.where}: {link.message}: {link.url}",
                   link.suggestion or "")


def known_broken_links(project: Project, dataset: Dataset,
                       offline: list[LinkProblem] | None = None,
                       refs: Sequence[LinkRef] | None = None) -> dict[str, str]:
    """{url: Thai reason}: offline errors and the cached external results (never the network).

    ``offline`` (the offline checks' result) and ``refs`` (link_refs) when the caller already
    has them.
    """
    refs = link_refs(dataset) if refs is None else refs
    cache = load_cache(project.link_cache)
    results = [cache[url] for url in unique_urls(refs) if url in cache]
    return broken_links(check_offline(dataset, refs) if offline is None else offline, results)


def generate(project: Project, dataset: Dataset, build_date: datetime.date,
             reports: Mapping[int, CheckReport], show_findings: bool = False) -> SiteOutput:
    """Render every page and file (pure) from the validated data and its completeness check."""
    intro = project.intro_file.read_text(encoding="utf-8") if project.intro_file.is_file() else ""
    try:
        return render_site(dataset, build_date=build_date, intro=intro.strip(),
                           env=make_environment(project.theme_dir),
                           reports=reports, show_findings=show_findings)
    except jinja2.TemplateError as exc:   # a broken override in site_theme/oit/ is a user error
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "a page template"
        raise UserError(Problem(display_path(Path(name), project.root),
                                getattr(exc, "lineno", None), "", f"template error: {exc}",
                                "a valid Jinja2 template")) from None


def build(project: Project, build_date: datetime.date, *, check_links: bool = True,
          show_findings: bool = False, wait: float = DEFAULT_WAIT,
          notify: Callable[[str], None] = lambda _: None) -> BuildReport:
    """The whole pipeline; on any failure the published site/ is left untouched.

    One build at a time per project: a second one waits up to ``wait`` seconds (``notify``
    hears once for whom).
    """
    with build_lock(project.work_dir, project.root, wait=wait, notify=notify):
        clean_leftovers(project.site_dir, project.work_dir)
        staging = new_staging(project.work_dir)
        try:
            report = _build_into(staging, project, build_date, check_links=check_links,
                                 show_findings=show_findings)
            publish(staging, project.site_dir, project.work_dir)
        except BaseException:
            with contextlib.suppress(OSError):   # a full disk must not stay full of it
                remove_tree(staging)
            raise
        return report


def _build_into(staging: Path, project: Project, build_date: datetime.date, *,
                check_links: bool, show_findings: bool) -> BuildReport:
    """Everything but publishing: the site built and checked in ``staging``."""
    report = BuildReport()
    timer = _Timer(report.seconds)
    with paused_gc():
        dataset = timer("load+validate", lambda: validate(project))
        refs = timer("load+validate", lambda: link_refs(dataset))
        report.link_warnings = timer("load+validate", lambda: require_valid_links(dataset, refs))
        report.broken_links = timer("load+validate", lambda: known_broken_links(
            project, dataset, report.link_warnings, refs))
        output = timer("generate", lambda: _generate_files(
            project, dataset, build_date, report, show_findings))
        # Written into content/ before MkDocs reads it: another builder can take the site over.
        report.written = timer("generate", lambda: write_pages(
            output.pages, project.content_dir, project.root))
        assets = timer("generate", lambda: _site_files(dataset, output))
        overrides = timer("generate", lambda: site_config(
            project, dataset, output.pages, build_date, staging))
    with contextlib.ExitStack() as stack:
        checker = stack.enter_context(site_checker()) if check_links else None
        timer("mkdocs build", lambda: run_mkdocs(project, overrides, assets,
                                                 dataset.current_year))
        if checker is not None:
            report.internal = timer("link check", lambda: check_site_links(staging, checker))
    return report


def _generate_files(project: Project, dataset: Dataset, build_date: datetime.date,
                    report: BuildReport, show_findings: bool) -> SiteOutput:
    """Check and render the pages; their count goes into ``report``."""
    reports = check_all(dataset, build_date, report.broken_links)
    output = generate(project, dataset, build_date, reports, show_findings)
    report.pages = len(output.pages)
    return output


def _site_files(dataset: Dataset, output: SiteOutput) -> list[Asset]:
    """The files the plugin adds to the site: open data, charts, evidence documents."""
    return output.assets + drawn(output.charts) + document_assets(dataset)


def links(project: Project, now: datetime.datetime, *, external: bool = False,
          refresh: bool = False, max_age: datetime.timedelta = DEFAULT_MAX_AGE,
          timeout: float = DEFAULT_TIMEOUT, threads: int = DEFAULT_THREADS,
          requests_per_second: float = 10) -> LinksReport:
    """`oit links`: the offline checks, the built site's internal links, and (if asked) the
    external addresses over the network, re-checking only what the cache does not vouch for."""
    dataset = validate(project)
    refs = link_refs(dataset)
    report = LinksReport(dataset.unit.name_th, refs, check_offline(dataset, refs))
    if project.site_dir.is_dir():
        report.internal = find_broken_links(project.site_dir)
        report.problems += [LinkProblem(LinkSeverity.ERROR, "internal", b.code, b.url, b.result,
                                        page=b.page) for b in report.internal.broken]
    else:
        report.internal_note = f"{project.site_dir.name}/ does not exist yet: run `oit build`"
    unfetchable = {p.url for p in report.problems if p.code in UNFETCHABLE}
    urls = [url for url in unique_urls(refs) if url not in unfetchable]
    cache = load_cache(project.link_cache)
    if not external:
        report.cached = {url: cache[url] for url in urls if url in cache}
        return report
    report.external = _external_run(project, urls, cache, now, refresh, max_age,
                                    lambda due: check_external(
                                        due, now=now, timeout=timeout, threads=threads,
                                        requests_per_second=requests_per_second))
    report.problems += external_problems(refs, report.external.results)
    return report


def _external_run(project: Project, urls: list[str], cache: Mapping[str, ExternalResult],
                  now: datetime.datetime, refresh: bool, max_age: datetime.timedelta,
                  check: Callable[[list[str]], list[ExternalResult]]) -> ExternalRun:
    """Check what the cache does not vouch for, and keep every result of the data's addresses."""
    start = time.perf_counter()
    due = due_for_check(urls, cache, now, max_age, refresh)
    wanted = set(urls)
    results = {url: result for url, result in merged(cache, check(due) if due else []).items()
               if url in wanted}
    save_cache(project.link_cache, results)   # only what the data still links
    return ExternalRun(results, due, max_age, time.perf_counter() - start)


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
