"""`oit check`: is every topic of a fiscal year complete, as of a date?"""
from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from .. import thai
from ..checks.engine import CheckReport, run_checks
from ..checks.report import as_json, as_text
from ..checks.rules import DUE_DATES, RULES
from ..errors import UsageError
from ..links.cache import load_cache
from ..links.offline import check_offline
from ..links.refs import LinkProblem, LinkRef, link_refs, unique_urls
from ..links.status import broken_links
from ..model.dataset import Dataset
from ..project import Project
from ..render.pages import make_environment, render_check_markdown
from .validate import load_data

FORMATS = ("text", "json", "markdown")


def check(project: Project, year: int | None = None,
          as_of: datetime.date | None = None) -> CheckReport:
    """The completeness check of one fiscal year (default: the unit's current one) as of a
    date (default: today in Thailand), with the evidence links known to be broken."""
    dataset = load_data(project)
    year = year or dataset.current_year
    if year not in dataset.years:
        known = ", ".join(map(str, sorted(dataset.years)))
        raise UsageError(f"no data for fiscal year {year} (data/{year}/ does not exist; "
                         f"years with data: {known})")
    return check_year(dataset, year, as_of or thai.today_in_thailand(),
                      known_broken_links(project, dataset))


def formatted(report: CheckReport, form: str, project: Project) -> str:
    """The report as ``text``, ``json`` or ``markdown`` (the last with the project's own
    template overrides)."""
    if form == "markdown":
        return render_check_markdown(report, make_environment(project.theme_dir))
    return as_json(report) if form == "json" else as_text(report)


def check_year(dataset: Dataset, year: int, as_of: datetime.date,
               broken: Mapping[str, str] | None = None) -> CheckReport:
    """The completeness check of one fiscal year of valid data as of a date."""
    return run_checks(dataset, year, as_of, RULES, DUE_DATES, broken)


def check_all(dataset: Dataset, as_of: datetime.date,
              broken: Mapping[str, str] | None = None) -> dict[int, CheckReport]:
    """The completeness check of every fiscal year in the data, as of one date."""
    return {year: check_year(dataset, year, as_of, broken) for year in dataset.years}


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
