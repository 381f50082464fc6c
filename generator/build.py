"""`oit build`: validate → generate Markdown → MkDocs → link check → publish site/."""
from __future__ import annotations

import datetime
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import jinja2

from .charts import site_charts
from .checks import CheckReport, run_checks
from .dataset import load_dataset
from .errors import Problem, UserError, display_path
from .linkcheck import check_site_links
from .model import Dataset
from . import opendata
from .output import WriteResult, write_pages
from .project import Project
from .render import Asset, Page, document_assets, make_environment, render_site
from .rules import DUE_DATES, RULES
from .site_build import run_mkdocs, site_config, write_assets, write_config

STAGES = ("load+validate", "generate", "mkdocs build", "link check")
T = TypeVar("T")


@dataclass
class BuildReport:
    pages: int = 0
    written: WriteResult | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def validate(project: Project) -> Dataset:
    """Load and validate the data; raises UserError with every problem."""
    return load_dataset(project.data_dir, project.root)


def check(dataset: Dataset, year: int, as_of: datetime.date,
          broken_links: Mapping[str, str] | None = None) -> CheckReport:
    """The completeness check of one fiscal year as of a date."""
    return run_checks(dataset, year, as_of, RULES, DUE_DATES, broken_links)


def check_all(dataset: Dataset, as_of: datetime.date) -> dict[int, CheckReport]:
    """The completeness check of every fiscal year in the data, as of one date."""
    return {year: check(dataset, year, as_of) for year in dataset.years}


def generate(project: Project, dataset: Dataset, build_date: datetime.date,
             reports: Mapping[int, CheckReport], show_findings: bool = False) -> list[Page]:
    """Render every page (pure) from the validated data and its completeness check."""
    intro = project.intro_file.read_text(encoding="utf-8") if project.intro_file.is_file() else ""
    try:
        return render_site(dataset, build_date=build_date, intro=intro.strip(),
                           env=make_environment(project.theme_dir), reports=reports,
                           show_findings=show_findings)
    except jinja2.TemplateError as exc:   # a broken override in site_theme/oit/ is a user error
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "a page template"
        raise UserError(Problem(display_path(Path(name), project.root),
                                getattr(exc, "lineno", None), "", f"template error: {exc}",
                                "a valid Jinja2 template")) from None


def generate_assets(project: Project, dataset: Dataset,
                    reports: Mapping[int, CheckReport]) -> list[Asset]:
    """Every generated non-page file: each feature module contributes its own."""
    assets: list[Asset] = []
    assets.extend(Asset(f.path, f.content) for f in opendata.publish(dataset).files)
    assets.extend(document_assets(dataset))
    assets.extend(Asset(chart.asset_path, chart.svg().encode("utf-8"))
                  for chart in site_charts(dataset))
    return assets


def build(project: Project, build_date: datetime.date, *, check_links: bool = True,
          show_findings: bool = False) -> BuildReport:
    """The whole pipeline; on any failure the published site/ is left untouched."""
    report = BuildReport()
    timer = _Timer(report.seconds)
    dataset = timer("load+validate", lambda: validate(project))
    reports = timer("generate", lambda: check_all(dataset, build_date))
    pages = timer("generate", lambda: generate(project, dataset, build_date, reports,
                                               show_findings))
    report.written = timer("generate", lambda: write_pages(pages, project.content_dir, project.root))
    report.pages = len(pages)
    staging, assets_dir = project.work_dir / "site.new", project.work_dir / "assets"
    timer("generate", lambda: write_assets(generate_assets(project, dataset, reports), assets_dir))
    config = write_config(project, site_config(project, dataset, pages, build_date, staging,
                                               assets_dir))
    timer("mkdocs build", lambda: run_mkdocs(config))
    if check_links:
        timer("link check", lambda: check_site_links(staging))
    publish(staging, project.site_dir, project.work_dir)
    return report


def publish(staging: Path, site_dir: Path, work_dir: Path) -> None:
    """Swap the new site in with two renames, so site/ is never half-written."""
    previous = work_dir / "site.old"
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    if previous.exists():
        shutil.rmtree(previous)


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
