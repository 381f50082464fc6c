"""The working group's memo (บันทึกข้อความ): the completeness report laid out as the memo the
ITA working group sends to the unit's head, with the round's details attached.

One self-contained HTML file (its stylesheet and the Sarabun font inside) that prints on A4
in a browser, and the same file as PDF through WeasyPrint, which shapes Thai with Pango and
breaks lines between Thai words (libthai)."""
from __future__ import annotations

import base64
import datetime
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .. import periods, thai
from ..checks.engine import CheckReport, Finding, Source, Status, ita_item
from ..checks.report import finding_place
from ..topics import Topic
from .compiled import TemplateCache
from .pages import TEMPLATE_PACKAGE_DIR, site_memo_path, template_loader
from .types import Asset

MEMO_TEMPLATE = "memo.html.j2"
MEMO_GENERATOR = "oit check"   # <meta name="generator">: a file with it is ours to replace
PDF_MARK = b"oit-check-"       # the start of our PDFs' file identifier, for the same purpose
FONT_DIR = Path(__file__).parent.parent / "site" / "defaults" / "theme" / "assets" / "fonts"
SITE_FONTS = "../assets/fonts"   # the same files in the built site, seen from a year's folder
ROUND_NAMES = {1: "รอบ 5 เดือนแรก", 2: "รอบ 5 เดือนหลัง", None: "ทั้งปีงบประมาณ"}


@dataclass(frozen=True)
class MemoOptions:
    """What the command line may add to unit.yml's details."""

    to: str | None = None          # เรียน …: default the head's position in unit.yml
    number: str | None = None      # the memo's number after the unit's document code
    thai_digits: bool = False      # ๐–๙ in the prose, as official memos often write


def subject(report: CheckReport) -> str:
    """เรื่อง: the fiscal year and the round of the check's date."""
    round_name = ROUND_NAMES[periods.reported_round(report.year, report.as_of)]
    return (f"รายงานผลการตรวจความครบถ้วนของการเปิดเผยข้อมูลสาธารณะ (OIT) "
            f"ประจำปีงบประมาณ พ.ศ. {report.year} ({round_name})")


def memo_html(report: CheckReport, options: MemoOptions = MemoOptions(),
              theme_dir: Path | None = None, fonts: str | None = None,
              env: jinja2.Environment | None = None) -> str:
    """The memo as one HTML file; every value from the data is escaped (autoescape).

    ``fonts``: the folder of the site's own Sarabun files, relative to the memo, for the copy
    published beside the status page; default: the fonts inside the file. ``env``: the
    templates, when compiled once for many memos (memo_environment)."""
    env = env or memo_environment(theme_dir)
    unit = report.unit
    head = unit.head
    group = unit.working_group
    return env.get_template(MEMO_TEMPLATE).render(
        report=report, unit=unit, options=options, subject=subject(report),
        to=options.to or (head.position if head else None),
        head=head, group=group, secretary=group.secretary if group else None,
        number=_number(unit.document_code, options.number),
        complete=report.summary[Status.COMPLETE], not_due=report.summary[Status.NOT_DUE],
        dead_links=[f for f in report.findings if f.url],
        sources=[(s, s in report.counted) for s in Source],
        items=[(t, ita_item(report.year, t)) for t in Topic],
        fonts_css=_fonts_css(fonts), generator=MEMO_GENERATOR)


def memo_assets(reports: Mapping[int, CheckReport], theme_dir: Path | None,
                cache: TemplateCache | None = None) -> list[Asset]:
    """The memo of every year, published beside its status page (site_memo_path)."""
    env = memo_environment(theme_dir, cache)
    return [Asset(site_memo_path(year), memo_html(report, fonts=SITE_FONTS,
                                                  env=env).encode("utf-8"))
            for year, report in reports.items()]


def memo_pdf(html: str) -> bytes:
    """The memo as PDF (WeasyPrint is imported here: half a second no other command needs).

    Its file identifier starts with PDF_MARK, in the uncompressed trailer, so that a later run
    knows the file as its own."""
    import weasyprint  # type: ignore[import-untyped]  # noqa: PLC0415

    identifier = PDF_MARK + hashlib.sha256(html.encode()).hexdigest()[:16].encode()
    document: bytes = weasyprint.HTML(string=html, base_url=str(TEMPLATE_PACKAGE_DIR)).write_pdf(
        pdf_identifier=identifier)
    return document


def is_memo(start: bytes, end: bytes) -> bool:
    """Whether a file (its first 64 KiB and last 4 KiB) is a memo oit wrote."""
    return (start.startswith(b"<!DOCTYPE html>") and
            f'<meta name="generator" content="{MEMO_GENERATOR}">'.encode() in start) or \
        (start.startswith(b"%PDF-") and b"/ID [(" + PDF_MARK in end)


def _number(code: str | None, number: str | None) -> tuple[str, bool]:
    """ที่: the unit's code and the memo's number; True when the number is left to be filled."""
    if code and number:
        return f"{code}/{number}", False
    return (f"{code}/" if code else (number or "")), not number


@functools.cache
def _fonts_css(folder: str | None) -> str:
    """Sarabun (OFL), from ``folder`` or inside the file. The Thai and Latin subsets are two
    families, not one split by unicode-range: WeasyPrint mixes up the glyphs of such subsets."""
    faces = []
    for family, subset in (("OIT Sarabun Latin", "latin"), ("OIT Sarabun Thai", "thai")):
        for weight in (400, 700):
            name = f"sarabun-{subset}-{weight}-normal.woff2"
            url = f"{folder}/{name}" if folder else \
                "data:font/woff2;base64," + base64.b64encode((FONT_DIR / name).read_bytes()).decode()
            faces.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                         f'src: url({url}) format("woff2"); }}')
    return "\n".join(faces)


def _digits(context: Any, value: object) -> str:
    text = str(value)
    return thai.to_thai_digits(text) if context["options"].thai_digits else text


def _date(context: Any, day: datetime.date, style: str = "full") -> str:
    return thai.thai_date(day, style, thai_digits=context["options"].thai_digits)


def memo_environment(theme_dir: Path | None,
                     cache: TemplateCache | None = None) -> jinja2.Environment:
    """The memo's templates (site_theme/oit/ first), HTML-escaping every value."""
    env = jinja2.Environment(loader=template_loader(theme_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True,
                             bytecode_cache=cache.of("memo") if cache else None)
    env.filters.update({"n": jinja2.pass_context(_digits), "date": jinja2.pass_context(_date),
                        "place": finding_place, "reference": _reference})
    # The stylesheets, read once with the templates (site_theme/oit/ may replace them too).
    assert env.loader is not None
    env.globals.update({f"{media}_css": env.loader.get_source(env, name)[0] for media, name
                        in (("print", "memo.css"), ("screen", "memo-screen.css"))})
    return env


def _reference(finding: Finding, year: int) -> str:
    return finding.rule.reference_for(year)
