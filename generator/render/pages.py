"""Render the validated model into Markdown pages (pure: data in, texts out)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from collections.abc import Iterable, Mapping
from typing import Any

import jinja2

from .. import thai
from ..charts.topics import Chart, charts_by_page, site_charts
from ..checks.engine import CheckReport
from ..checks.rules import DUE_DESCRIPTIONS, RULES
from ..model.base import Evidence
from ..model.dataset import Dataset, FiscalYearData, local_documents
from ..opendata.catalogue import CATALOGUE_PAGE, OpenData, OpenDataset, catalogued, open_datasets
from ..topics import TOPIC_INFO, Topic
from .compiled import TemplateCache
from .markdown import link_path, link_target, md_cell, md_code, md_line, md_text
from .types import GENERATED_MARK, Asset, Page

TEMPLATE_PACKAGE_DIR = Path(__file__).parent.parent / "templates"
THEME_TEMPLATE_SUBDIR = "oit"   # site_theme/oit/<name>.md.j2 overrides a default template
RULES_PAGE = "rules.md"
CATALOGUE_TITLE = "แคตตาล็อกข้อมูล"


def make_environment(theme_dir: Path | None,
                     cache: TemplateCache | None = None) -> jinja2.Environment:
    """Templates from ``site_theme/oit/`` first, then the package defaults; compiled ones
    read from ``cache`` (render/compiled.py) when given.

    ``default:NAME`` always names the packaged template, so an override can
    ``{% extends "default:01-budget-plan.md.j2" %}`` and change one block.
    """
    env = jinja2.Environment(
        loader=template_loader(theme_dir), undefined=jinja2.StrictUndefined,
        bytecode_cache=cache.of("pages") if cache else None,
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,   # a build's templates do not change under it: no stat per page
        # Markdown heading ids are written {#id}: Jinja's own comment syntax would eat them.
        comment_start_string="{##", comment_end_string="##}")
    env.filters.update(FILTERS)
    return env


def template_loader(theme_dir: Path | None) -> jinja2.BaseLoader:
    """``site_theme/oit/NAME`` before the packaged NAME; ``default:NAME`` is always the latter."""
    defaults = jinja2.FileSystemLoader(TEMPLATE_PACKAGE_DIR)
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"default": defaults}, delimiter=":")]
    if theme_dir is not None and (theme_dir / THEME_TEMPLATE_SUBDIR).is_dir():
        loaders.append(jinja2.FileSystemLoader(theme_dir / THEME_TEMPLATE_SUBDIR))
    loaders.append(defaults)
    return jinja2.ChoiceLoader(loaders)


def _baht(value: Decimal | None) -> str:
    return "–" if value is None else thai.baht(value)


def _date(value: datetime.date | None, style: str = "full") -> str:
    return "–" if value is None else thai.thai_date(value, style)


def evidence_href(evidence: Evidence, page_root: str) -> str:
    """The link target: the web address, or the published file relative to the page."""
    if evidence.file is None:
        return link_target(evidence.url or "")
    return page_root + link_path(evidence.file.site_path)


def evidence_facts(evidence: Evidence) -> str:
    """' (PDF, 245 KB)' after a local document's link; nothing after a web address."""
    if evidence.file is None:
        return ""
    return f" ({evidence.file.type.label}, {thai.file_size(evidence.file.size)})"


def document_assets(dataset: Dataset) -> list[Asset]:
    """Every evidence file kept beside the data, and the unit's emblem, each published at the
    path it has in data/."""
    documents = {doc.site_path: doc for doc in local_documents(dataset)}
    if dataset.unit.logo is not None:
        documents.setdefault(dataset.unit.logo.site_path, dataset.unit.logo)
    return [Asset(path, source=doc.source) for path, doc in documents.items()]


def year_links(years: Iterable[int], year: int, target: str, current: int) -> str:
    """'**2570** (ปัจจุบัน) · [2569](../2569/index.md)': every year, latest first, each linked
    to its ``target`` page but the page's own year. (In Python: a Jinja loop over every
    year on every page grows with the square of the archive.)"""
    return " · ".join((f"**{y}**" if y == year else f"[{y}](../{y}/{target})")
                      + (" (ปัจจุบัน)" if y == current else "")
                      for y in sorted(years, reverse=True))


FILTERS = {
    "md": md_text,
    "cell": md_cell,
    "baht": _baht,
    "thai_date": _date,
    "percent": thai.format_percent,
    "pct_of": lambda part, whole: thai.format_percent(thai.percent(part, whole)),
    "md_line": md_line,
    "code": md_code,
    "link_target": link_target,
    "evidence_href": evidence_href,
    "evidence_facts": evidence_facts,
    "file_size": thai.file_size,
    "year_links": year_links,
}


def page_path(year: int, topic: Topic | None = None) -> str:
    """Stable docs-relative path of a year index or a topic page."""
    return f"{year}/index.md" if topic is None else f"{year}/{topic.slug}.md"


@dataclass(frozen=True)
class YearOutput:
    """One fiscal year's share of the site: its pages, its open data and its chart images."""

    year: int
    pages: list[Page]
    open_datasets: list[OpenDataset]
    charts: list[Chart]           # to be drawn: the pages only link their images


@dataclass(frozen=True)
class SiteOutput:
    """Every generated page, the open data, and the generated files beside the pages."""

    pages: list[Page]
    open_data: OpenData
    charts: list[Chart]          # the chart images, not drawn yet (see drawn())
    reports: Mapping[int, CheckReport]   # each year's check, for its memo (render/memo.py)

    @property
    def assets(self) -> list[Asset]:
        """The open data files (not the evidence documents); the catalogue is made here."""
        return [Asset(f.path, f.content) for f in self.open_data.files]

    @property
    def asset_paths(self) -> list[str]:
        """Where every generated file goes, known before the charts and the catalogue are made."""
        return self.open_data.paths + [c.asset_path for c in self.charts]


def render_site(dataset: Dataset, *, build_date: datetime.date, intro: str,
                env: jinja2.Environment, reports: Mapping[int, CheckReport],
                show_findings: bool = False) -> SiteOutput:
    """Every generated page and file of the site, in a stable order.

    ``reports`` holds the completeness check of every year as of the build date; each
    topic page lists its own findings only when ``show_findings`` (the webmaster's build).
    """
    common = {"unit": dataset.unit, "dataset": dataset, "build_date": build_date,
              "topics": list(Topic), "info": TOPIC_INFO, "page_path": page_path,
              "thai": thai, "reports": reports, "show_findings": show_findings,
              "licence": dataset.unit.open_data_licence, "catalogue_page": CATALOGUE_PAGE}
    by_year = [_render_year(env, common, dataset, year) for year in sorted(dataset.years)]
    open_data = catalogued(dataset.unit, (d for o in by_year for d in o.open_datasets))
    pages = _site_pages(env, common, intro)
    pages.append(_render(env, "catalogue.md.j2", CATALOGUE_PAGE, CATALOGUE_TITLE,
                         {**common, "open_data": open_data}))
    pages += [page for output in by_year for page in output.pages]
    return SiteOutput(pages, open_data, [c for o in by_year for c in o.charts], reports)


def _site_pages(env: jinja2.Environment, common: dict[str, Any], intro: str) -> list[Page]:
    """The home page and the rules page."""
    return [_render(env, "home.md.j2", "index.md", "หน้าแรก", {**common, "intro": intro}),
            _render(env, "rules.md.j2", RULES_PAGE, "เกณฑ์การตรวจความครบถ้วน",
                    {**common, "rules": sorted(RULES, key=lambda r: r.topic.value),
                     "due_descriptions": DUE_DESCRIPTIONS,
                     "current_year": common["dataset"].current_year})]


def drawn(charts: Iterable[Chart]) -> list[Asset]:
    """The charts' SVG images (the pages only link them)."""
    return [Asset(chart.asset_path, chart.svg().encode("utf-8")) for chart in charts]


def _render_year(env: jinja2.Environment, common: dict[str, Any], dataset: Dataset,
                 year: int) -> YearOutput:
    fy = dataset.years[year]
    datasets = open_datasets(dataset, [year])
    charts = charts_by_page(dataset, [year])
    context = {**common, "year": year, "fy": fy}
    pages = [_render(env, "year.md.j2", page_path(year), f"ปีงบประมาณ พ.ศ. {year}", context)]
    downloads = {d.topic: d for d in datasets}
    pages += [_topic_page(env, context, fy, topic, downloads.get(topic), charts[(year, topic)])
              for topic in Topic]
    pages.append(_render(env, "status.md.j2", status_path(year), "สถานะความครบถ้วน",
                         {**context, **_report_context(common["reports"][year], for_site=True)}))
    return YearOutput(year, pages, datasets, site_charts(dataset, charts))


def _report_context(report: CheckReport, *, for_site: bool) -> dict[str, Any]:
    return {"report": report, "badges": for_site, "topic_links": for_site,
            "rules_link": f"../{RULES_PAGE}" if for_site else "",
            "memo_link": site_memo_path(report.year).split("/")[-1] if for_site else ""}


def render_check_markdown(report: CheckReport, env: jinja2.Environment) -> str:
    """The completeness report as a stand-alone Markdown document for the director."""
    template = env.get_template("check-report.md.j2")
    return template.render(_report_context(report, for_site=False)).rstrip() + "\n"


def status_path(year: int) -> str:
    return f"{year}/status.md"


def site_memo_path(year: int) -> str:
    """The working group's memo of the year, beside its status page (render/memo.py)."""
    return f"{year}/oit-check-{year}.html"


def _topic_page(env: jinja2.Environment, context: dict[str, Any], fy: FiscalYearData,
                topic: Topic, downloads: OpenDataset | None, charts: dict[str, Chart]) -> Page:
    data = fy.get(topic)
    start, end = thai.fiscal_year_bounds(fy.year)
    context = {**context, "topic": topic, "t": topic.info, "data": data,
               "source": fy.sources.get(topic), "year_start": start, "year_end": end,
               "downloads": downloads, "charts": charts}
    name = f"{topic.slug}.md.j2" if data is not None else "topic-missing.md.j2"
    title = f"{topic.value} {topic.info.title_th}"
    return _render(env, name, page_path(fy.year, topic), title, context)


def _render(env: jinja2.Environment, template: str, path: str, title: str,
            context: dict[str, Any]) -> Page:
    # Relative links from this page to the site root ('../' from 2569/01-budget-plan.md).
    page_root = "../" * path.count("/")
    text = env.get_template(template).render(context, page_title=title, page_root=page_root)
    mark = (f"{GENERATED_MARK}: หน้านี้สร้างจากแฟ้มข้อมูลใน data/ ให้แก้ที่แฟ้มข้อมูลแล้วสั่ง "
            "oit build ใหม่ (ถ้าแก้หน้านี้โดยตรง oit build จะหยุดและแจ้งจนกว่าจะย้ายการแก้ไขไปไว้ในแฟ้มข้อมูล) -->\n")
    return Page(path=path, title=title, text=mark + text.rstrip() + "\n")
