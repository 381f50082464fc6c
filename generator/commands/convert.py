"""`oit convert FILE --to xlsx|yml`: a topic file into the other form, without loss; and the
workbook writer that `oit template` uses.

A workbook is written from the validated model (amounts as number cells, dates as date
cells), laid out as model/layout.py says; YAML is written from what a workbook read into,
with the Thai comments of the topic's skeleton above it.
"""
from __future__ import annotations

import datetime
import io
import itertools
import re
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError, display_path
from ..language import tr
from ..model.base import Evidence, TopicData
from ..model.documents import LocalDocument
from ..model.fields import Month, Period
from ..model.layout import (CATEGORIES, EVIDENCE, EVIDENCE_SHEET, GENERAL_SHEET, LABEL_HEADING,
                            LAYOUTS, LISTS_SHEET, OWNER, PROGRESS, SIGNED_PLAN, VALUE_HEADING, Column, Kind,
                            report_sheet)
from ..model.load import TOPIC_STEMS, load_dataset
from ..model.workbook import SUFFIXES
from ..project import Project
from ..topics import Topic
from .init import NewFiles

AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "d mmm yyyy"
HEADING_FILL = "DDEBF7"
FORMATS = ("xlsx", "yml")


def _value(model: Any, key: str) -> Any:
    for part in key.split("."):
        model = getattr(model, part, None) if model is not None else None
    return model


def cell_value(value: Any, kind: Kind) -> Any:
    """A model value as a cell holds it: numbers and dates typed, the rest as text."""
    if value is None:
        return None
    if isinstance(value, Enum):   # a kind of channel or activity by its Thai name
        return getattr(value, "label_th", value.value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime.date, int, float)):
        return value
    if isinstance(value, (Month, Period)):
        return value.label if isinstance(value, Period) else str(value)
    if isinstance(value, list):
        return "\n".join(str(cell_value(v, Kind.TEXT)) for v in value) or None
    if isinstance(value, LocalDocument):
        return value.path
    return str(value)


def workbook_bytes(topic: Topic, data: TopicData | None, hints: bool = False) -> bytes:
    """The topic's workbook as an .xlsx file's bytes: its sheets, headings, formats; the
    data's rows when given."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.properties import PageSetupProperties

    layout = LAYOUTS[topic]
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    general = book.create_sheet(GENERAL_SHEET)
    _heading_row(general, [LABEL_HEADING, VALUE_HEADING], Font, PatternFill)
    for column in layout.general:
        value = cell_value(_value(data, column.key), column.kind) if data else None
        if column.kind is Kind.LINES and isinstance(value, str):
            for line in value.split("\n"):
                general.append([column.heading, line])
            continue
        general.append([column.heading, value])
        _format(general.cell(general.max_row, 2), column.kind)
    general.column_dimensions["A"].width = 34
    general.column_dimensions["B"].width = 60
    for table in layout.tables:
        sheet = book.create_sheet(table.sheet)
        columns = list(table.columns)
        rows = _value(data, table.key) if data else None
        if table.key == "planned_spending":
            rows = [{"period": p, "amount": a} for p, a in getattr(data, "schedule", [])]
        headings = [c.heading for c in columns]
        categories = CATEGORIES if layout.budget_columns and table.key == "projects" else ()
        _heading_row(sheet, ["ลำดับ", *headings, *categories], Font, PatternFill)
        for number, row in enumerate(rows or [], 1):
            budget = getattr(row, "budget", {}) if categories else {}
            values = [number, *(cell_value(_get(row, c.key), c.kind) for c in columns),
                      *(cell_value(_category(budget, name), Kind.AMOUNT) for name in categories)]
            sheet.append(values)
            kinds = [Kind.COUNT, *(c.kind for c in columns), *(Kind.AMOUNT for _ in categories)]
            for col, kind in enumerate(kinds, 1):
                _format(sheet.cell(sheet.max_row, col), kind, Alignment)
        _widths(sheet, [6, *(_width(c) for c in columns), *(16 for _ in categories)])
    if layout.report_projects:
        for number, report in enumerate(getattr(data, "reports", []) or [], 1):
            sheet = book.create_sheet(report_sheet(number))
            _heading_row(sheet, ["ลำดับ", *(c.heading for c in PROGRESS)], Font, PatternFill)
            for n, project in enumerate(report.projects, 1):
                sheet.append([n, *(cell_value(getattr(project, c.key), c.kind) for c in PROGRESS)])
                for col, kind in enumerate([Kind.COUNT, *(c.kind for c in PROGRESS)], 1):
                    _format(sheet.cell(sheet.max_row, col), kind, Alignment)
            _widths(sheet, [6, *(_width(c) for c in PROGRESS)])
    evidence = book.create_sheet(EVIDENCE_SHEET)
    _heading_row(evidence, ["ลำดับ", OWNER.heading, *(c.heading for c in EVIDENCE)], Font,
                 PatternFill)
    for number, (owner, item) in enumerate(_evidence_rows(data), 1):
        evidence.append([number, owner, *(cell_value(_get(item, c.key), c.kind) for c in EVIDENCE)])
        _format(evidence.cell(evidence.max_row, 2 + len(EVIDENCE)), Kind.DATE)
    _widths(evidence, [6, 22, 50, 50, 40, 16])
    for sheet in book.worksheets:
        sheet.freeze_panes = "A2"   # the headings stay in view
        sheet.page_setup.orientation = "landscape"   # printed: every column on the page
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if hints:
        _hints(book, topic)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _get(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


def _category(budget: dict[Any, Decimal], name: str) -> Decimal | None:
    return next((v for k, v in budget.items() if getattr(k, "value", k) == name), None)


def _evidence_rows(data: TopicData | None) -> Iterable[tuple[str, Evidence]]:
    if data is None:
        return
    source = getattr(data, "source_document", None)
    if source is not None:
        yield SIGNED_PLAN, source
    for item in data.evidence:
        yield "", item
    for n, report in enumerate(getattr(data, "reports", []) or [], 1):
        for item in report.evidence:
            yield f"รายงานที่ {n}", item
    for n, activity in enumerate(getattr(data, "activities", []) or [], 1):
        for item in activity.evidence:
            yield f"กิจกรรมที่ {n}", item


def _heading_row(sheet: Any, headings: list[str], font: Any, fill: Any) -> None:
    sheet.append(headings)
    for cell in sheet[sheet.max_row]:
        cell.font = font(bold=True)
        cell.fill = fill("solid", fgColor=HEADING_FILL)


def _format(cell: Any, kind: Kind, alignment: Any = None) -> None:
    if kind is Kind.AMOUNT:
        cell.number_format = AMOUNT_FORMAT
    elif kind is Kind.DATE and isinstance(cell.value, datetime.date):
        cell.number_format = DATE_FORMAT
    elif kind is Kind.LINES and alignment is not None:
        cell.alignment = alignment(wrap_text=True, vertical="top")


def _width(column: Column) -> float:
    return {Kind.AMOUNT: 16, Kind.DATE: 14, Kind.MONTH: 20, Kind.PERCENT: 12,
            Kind.COUNT: 10}.get(column.kind, 40 if column.key in ("name", "title", "project")
                                  else 24)


def _widths(sheet: Any, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def _hints(book: Any, topic: Topic) -> None:
    """A template's help: drop-down lists for the coded values (their choices on a hidden
    sheet, as a list typed into the rule is limited to 255 characters), and a Thai comment
    on each heading that needs one."""
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..model.topics import ACTIVITY_LABELS, CHANNEL_LABELS, ProcurementMethod

    kinds = CHANNEL_LABELS if topic is Topic.OPINION_CHANNELS else ACTIVITY_LABELS
    lists = {"method": [m.value for m in ProcurementMethod],
             "kind": list(kinds.values()),
             "source_of_funds": ["เงินงบประมาณ", "เงินนอกงบประมาณ"]}
    choices = book.create_sheet(LISTS_SHEET)
    choices.sheet_state = "hidden"
    ranges = {}
    for col, (key, values) in enumerate(lists.items(), 1):
        letter = get_column_letter(col)
        for row, value in enumerate(values, 1):
            choices.cell(row, col, value)
        ranges[key] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"
    for table in LAYOUTS[topic].tables:
        sheet = book[table.sheet]
        for i, column in enumerate(table.columns, 2):
            letter = get_column_letter(i)
            if column.hint:
                sheet[f"{letter}1"].comment = Comment(column.hint, "oit")
            if column.key in lists:
                # A source of funds may be another one (a fund's name): offered, not enforced.
                check = DataValidation(type="list", formula1=ranges[column.key], allow_blank=True,
                                       showErrorMessage=column.key != "source_of_funds")
                check.add(f"{letter}2:{letter}1000")
                sheet.add_data_validation(check)
    evidence = book[EVIDENCE_SHEET]
    evidence["B1"].comment = Comment(OWNER.hint, "oit")


# --- the command ---------------------------------------------------------------------------

def convert(project: Project, file: Path, to: str) -> list[str]:
    """Write ``file`` (a topic of a year folder) in the other form beside it; never over an
    existing file. Returns what was written, as lines to print."""
    file = file if file.is_absolute() else Path.cwd() / file
    topic = TOPIC_STEMS.get(file.stem)
    year = file.parent.name
    if topic is None or not year.isdigit() or not file.is_file():
        raise UsageError(tr(f"{file.name} ไม่ใช่แฟ้มหัวข้อในโฟลเดอร์ปีงบประมาณ (เช่น data/2570/"
                            "04-procurement-plan.yml)",
                            f"{file.name} is not a topic file of a fiscal-year folder (e.g. "
                            "data/2570/04-procurement-plan.yml)"))
    suffix = ".xlsx" if to == "xlsx" else ".yml"
    target = file.with_suffix(suffix)
    files = NewFiles(project.root)
    if to == "xlsx":
        if target.exists():   # said without validating the data first
            files.kept.append(display_path(target, project.root))
        else:
            dataset = load_dataset(project.data_dir, project.root)   # the data, validated
            files.write(target, workbook_bytes(topic, dataset.years[int(year)].topics.get(topic)))
    else:
        if file.suffix.lower() not in SUFFIXES:
            raise UsageError(tr("แฟ้มนี้เป็น YAML อยู่แล้ว", "this file is YAML already"))
        from ..model.workbook import load_workbook
        doc = load_workbook(file, topic, project.root)
        files.write(target, _yaml_text(topic, int(year), doc.data))
    lines = files.lines()
    if files.written:
        lines.append(tr(f"ย้าย {display_path(file, project.root)} ออกจากโฟลเดอร์ปี: หัวข้อหนึ่งใช้ได้แฟ้มเดียว",
                        f"move {display_path(file, project.root)} out of the year folder: one "
                        "file per topic"))
    return lines


def _yaml_text(topic: Topic, year: int, data: dict[str, Any]) -> str:
    """The YAML of a workbook's values, under the Thai header of the topic's skeleton, each
    top-level field with the skeleton's Thai comment beside it."""
    from .init import SKELETONS, skeleton

    lines = (skeleton(topic, year).splitlines()
             if (SKELETONS / f"{topic.slug}.yml").is_file() else [])
    head = list(itertools.takewhile(lambda line: line.startswith("#"), lines)) or [
        f"# หัวข้อ {topic.value} ปีงบประมาณ {year}: แปลงจากแฟ้มตารางด้วย oit convert",
        "# รูปแบบของทุกช่องอยู่ใน data/README.md"]
    comments = {found.group(1): found.group(2) for line in lines
                if (found := _COMMENTED.match(line))}
    body = []
    for key, value in data.items():
        text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100)
        first, _, rest = text.partition("\n")
        if key in comments:
            first = f"{first}   # {comments[key]}"
        body.append(first + "\n" + rest)
    return "\n".join(head) + "\n\n" + "".join(body)


# "# announced: 27 ต.ค. 2569    # วันที่ประกาศแผน": a skeleton's field and its Thai comment
_COMMENTED = re.compile(r"^#\s?([a-z_]+):.*?\s#\s*(.+)$")


def template(project: Project, year: int | None = None, topics: Iterable[Topic] | None = None,
             out: Path | None = None) -> list[str]:
    """Workbooks ready to fill, one per topic (with drop-down lists), filled with the year's
    data where it has some; never over an existing file."""
    dataset = load_dataset(project.data_dir, project.root)
    year = year or dataset.current_year
    fiscal_year = dataset.years.get(year)
    folder = out or project.root / "templates" / str(year)
    files = NewFiles(project.root)
    for topic in topics or list(Topic):
        data = fiscal_year.topics.get(topic) if fiscal_year else None
        files.write(folder / f"{topic.slug}.xlsx", workbook_bytes(topic, data, hints=True))
    return files.lines()
