"""`oit check`: is every topic of a fiscal year complete, as of a date?"""
from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from pathlib import Path

from .. import thai
from ..atomic import write_atomic
from ..checks.engine import CheckReport, run_checks
from ..checks.report import as_json, as_text
from ..checks.rules import DUE_DATES, RULES
from ..errors import UsageError, display_path
from ..language import tr
from ..links.cache import load_cache
from ..links.offline import check_offline
from ..links.refs import LinkProblem, LinkRef, link_refs, unique_urls
from ..links.status import broken_links
from ..model.dataset import Dataset
from ..project import Project
from ..render.memo import MemoOptions, is_memo, memo_html, memo_pdf
from ..render.pages import make_environment, render_check_markdown
from .validate import load_data

FORMATS = ("text", "json", "markdown", "html", "pdf")
DOCUMENTS = ("html", "pdf")   # the working group's memo, written to a file


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


def memo_path(project: Project, report: CheckReport, form: str) -> Path:
    """Where the memo goes unless --out says: the project folder, one file per fiscal year."""
    return project.root / f"oit-check-{report.year}.{form}"


def write_memo(project: Project, report: CheckReport, form: str, options: MemoOptions,
               out: Path | None = None) -> Path:
    """Write the memo as ``html`` or ``pdf`` (never over a file oit did not write); its path."""
    default = memo_path(project, report, form)
    path = out or default
    if path.is_dir():
        example = display_path(path / default.name)
        raise UsageError(tr(f"{display_path(path)} เป็นโฟลเดอร์ ให้ระบุชื่อไฟล์ เช่น --out {example}",
                            f"{display_path(path)} is a folder; name a file, e.g. --out {example}"))
    if path.exists() and not _ours(path):
        raise UsageError(tr(f"มีไฟล์ {display_path(path)} อยู่แล้วและไม่ได้สร้างโดย oit "
                            "จึงไม่เขียนทับ ให้ย้ายไฟล์นั้น หรือระบุไฟล์อื่นด้วย --out",
                            f"{display_path(path)} exists and oit did not write it, so it is "
                            "left alone; move it, or name another file with --out"))
    write_atomic(path, memo_document(project, report, form, options))
    return path


def memo_document(project: Project, report: CheckReport, form: str,
                  options: MemoOptions) -> bytes:
    html = memo_html(report, options, project.theme_dir)
    return html.encode("utf-8") if form == "html" else pdf_of(html)


def pdf_of(html: str) -> bytes:
    """The memo as PDF; a machine without Pango gets what to do, not a traceback."""
    try:
        return memo_pdf(html)
    except (ImportError, OSError) as exc:   # WeasyPrint loads Pango when imported
        raise UsageError(tr(
            f"สร้าง PDF ไม่ได้ เพราะเครื่องนี้ไม่มี WeasyPrint หรือไลบรารี Pango ({exc}) "
            "ให้ติดตั้งด้วย ./setup.sh หรือใช้ --format html แล้วสั่งพิมพ์จากเบราว์เซอร์",
            f"cannot make a PDF: WeasyPrint or the Pango library is missing here ({exc}); "
            "install them with ./setup.sh, or use --format html and print from a browser")
        ) from None


def memo_gaps(report: CheckReport, options: MemoOptions) -> list[str]:
    """The details of the memo that unit.yml does not give (the memo leaves them blank)."""
    unit = report.unit
    secretary = unit.working_group.secretary if unit.working_group else None
    given = {"head.position": options.to or (unit.head and unit.head.position),
             "head.name": unit.head and unit.head.name,
             "working_group.secretary.name": secretary and secretary.name,
             "working_group.secretary.position": secretary and secretary.position}
    return [key for key, value in given.items() if not value]


_GAP_NAMES = {"head.position": ("ตำแหน่งหัวหน้าหน่วยงาน", "the head's position"),
              "head.name": ("ชื่อหัวหน้าหน่วยงาน", "the head's name"),
              "working_group.secretary.name": ("ชื่อเลขานุการคณะทำงาน", "the secretary's name"),
              "working_group.secretary.position": ("ตำแหน่งเลขานุการคณะทำงาน",
                                                   "the secretary's position")}


def memo_gaps_said(gaps: list[str]) -> str:
    """One line for the webmaster: what is missing, and where to add it."""
    th = ", ".join(f"{_GAP_NAMES[g][0]} ({g})" for g in gaps)
    en = ", ".join(f"{_GAP_NAMES[g][1]} ({g})" for g in gaps)
    return tr(f"data/unit.yml ยังไม่มี {th} บันทึกข้อความจึงเว้นช่องเหล่านี้ไว้ให้เขียนด้วยมือ "
              "(เพิ่ม head: และ working_group: ได้ตามตัวอย่างใน data/README.md ข้อ 3)",
              f"data/unit.yml does not give {en}: the memo leaves them blank, to write in by "
              "hand (add head: and working_group: as data/README.md, section 3, shows)")


def _ours(path: Path) -> bool:
    """A memo oit wrote before, so it may be replaced."""
    try:
        with path.open("rb") as file:
            start = file.read(64 * 1024)
            file.seek(max(0, path.stat().st_size - 4096))
            end = file.read()
    except OSError:
        return False
    return is_memo(start, end)


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
