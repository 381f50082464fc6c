"""`oit links`: every web address of the data and every link of the built site."""
from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from ..language import tr
from ..links.cache import DEFAULT_MAX_AGE, due_for_check, load_cache, merged, save_cache
from ..links.external import DEFAULT_THREADS, DEFAULT_TIMEOUT, check_external
from ..links.internal import find_broken_links
from ..links.offline import UNFETCHABLE, check_offline
from ..links.refs import LinkProblem, LinkSeverity, link_refs, unique_urls
from ..links.report import ExternalRun, LinksReport, as_json, as_text
from ..links.status import ExternalResult, external_problems, nothing_answered
from ..project import Project
from .validate import load_data

FORMATS = ("text", "json")


def links(project: Project, now: datetime.datetime | None = None, *, external: bool = False,
          refresh: bool = False, max_age: datetime.timedelta = DEFAULT_MAX_AGE,
          timeout: float = DEFAULT_TIMEOUT, threads: int = DEFAULT_THREADS,
          requests_per_second: float = 10) -> LinksReport:
    """The offline checks, the built site's internal links, and (if asked) the external
    addresses over the network, re-checking only what the cache does not vouch for."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    dataset = load_data(project)
    refs = link_refs(dataset)
    report = LinksReport(dataset.unit.name_th, refs, check_offline(dataset, refs))
    if project.site_dir.is_dir():
        report.internal = find_broken_links(
            project.site_dir, base=urlsplit(dataset.unit.site_url or "/").path or "/")
        report.problems += [LinkProblem(LinkSeverity.ERROR, "internal", b.code, b.url, b.result,
                                        page=b.page) for b in report.internal.broken]
    else:
        report.internal_note = tr(f"ยังไม่มี {project.site_dir.name}/ ให้สั่ง `oit build` ก่อน",
                                  f"{project.site_dir.name}/ does not exist yet: run `oit build`")
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


def formatted(report: LinksReport, form: str) -> str:
    """The report as ``text`` or ``json`` (schema oit-links/1)."""
    return as_json(report) if form == "json" else as_text(report)


def _external_run(project: Project, urls: list[str], cache: Mapping[str, ExternalResult],
                  now: datetime.datetime, refresh: bool, max_age: datetime.timedelta,
                  check: Callable[[list[str]], list[ExternalResult]]) -> ExternalRun:
    """Check what the cache does not vouch for, and keep every result of the data's addresses."""
    start = time.perf_counter()
    due = due_for_check(urls, cache, now, max_age, refresh)
    wanted = set(urls)
    fresh = check(due) if due else []
    results = {url: result for url, result in merged(cache, fresh).items() if url in wanted}
    # An offline run would mark every document dead on the next build's status page.
    unanswered = nothing_answered(fresh)
    if not unanswered:
        save_cache(project.link_cache, results)   # only what the data still links
    return ExternalRun(results, due, max_age, time.perf_counter() - start, unanswered)
