"""Test helper: read a topic page's tables and compare their rows with a downloaded CSV.

Used on the generated Markdown (tests/test_opendata.py) and on the pages a browser shows
(tests/test_browser_opendata.py), so both check the same rule: a CSV has one row per data
row of the page's table, and every column the page shows (same heading) holds the same value.
"""
from __future__ import annotations

import re

from generator import thai

# The page table(s) that show each CSV's rows, by heading id.
ANCHORS = {
    "01-budget-plan.csv": "budget-by-project",
    "01-budget-plan-spending-schedule.csv": "planned-spending",
    "03-budget-report.csv": "spending-by-project",
    "04-procurement-plan.csv": "items",
    "05-opinion-channels.csv": "channels",
    "06-participation.csv": "activities-summary",
}
REPORT_DATE = "ข้อมูล ณ วันที่"   # 02: one page table per report, its id report-<ISO date>

CsvRow = dict[str, str]


def page_tables(csv_name: str, rows: list[CsvRow]) -> list[tuple[str, list[CsvRow]]]:
    """(heading id of a page table, the CSV rows that table shows), for one CSV file."""
    if csv_name == "02-budget-monitoring.csv":
        reports: dict[str, list[CsvRow]] = {}
        for row in rows:
            reports.setdefault(row[REPORT_DATE], []).append(row)
        return [(f"report-{day}", report_rows) for day, report_rows in reports.items()]
    return [(ANCHORS[csv_name], rows)]


_LINK = re.compile(r"(?<!\\)\[(.*?)(?<!\\)\]\([^)]*\)")
_ESCAPED = re.compile(r"\\([\\`*_\[\]<>#|])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def markdown_table(page: str, anchor: str) -> tuple[list[str], list[list[str]]]:
    """Headings and rows (cells as plain text, <br> as a newline) of the first table after
    the heading with id ``anchor``."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#")
                 and line.endswith(f"{{#{anchor}}}"))
    table: list[list[str]] = []
    for line in lines[start + 1:]:
        if line.startswith("|"):
            table.append([_plain(cell) for cell in _CELL_SPLIT.split(line.strip())[1:-1]])
        elif table or line.startswith("#"):
            break
    headers, rows = table[0], table[2:]
    return headers, rows


def _plain(cell: str) -> str:
    text = _LINK.sub(r"\1", cell.strip()).replace("<br>", "\n")
    return _ESCAPED.sub(r"\1", text)


def is_data_row(cells: list[str]) -> bool:
    """In Markdown, total rows are bold; data never is (the pages escape * in data)."""
    return not any(cell.startswith("**") for cell in cells)


def mismatches(headers: list[str], data_rows: list[list[str]], csv_rows: list[CsvRow],
               types: dict[str, str]) -> list[str]:
    """What differs between a page table's data rows (no total row) and the CSV rows."""
    if len(data_rows) != len(csv_rows):
        return [f"{len(data_rows)} rows on the page, {len(csv_rows)} in the CSV"]
    shared = [h for h in headers if h in types]
    problems = [] if len(shared) >= 3 else [f"only columns {shared} are shared"]
    for number, (cells, row) in enumerate(zip(data_rows, csv_rows), 1):
        shown = dict(zip(headers, cells))
        problems += [f"row {number}, {name}: page {shown[name]!r}, CSV {row[name]!r}"
                     for name in shared if not same_value(shown[name], row[name], types[name])]
    return problems


def same_value(page_text: str, value: str, kind: str) -> bool:
    """Whether a page cell shows a CSV value of the given column type."""
    first = page_text.strip().split("\n")[0].strip()
    if first == "–":
        return value == ""
    if kind == "decimal":
        return first.replace(",", "") == value
    if kind == "date":
        return thai.parse_date(first).isoformat() == value
    if kind == "month":
        year, month = thai.parse_month(first)
        return f"{year:04d}-{month:02d}" == value
    if kind == "integer":
        return first == value
    return _starts(page_text, value)


def _starts(page_text: str, value: str) -> bool:
    """A text cell shows the value first; the page may add more (a note, a link) after it."""
    return " ".join(page_text.split()).startswith(" ".join(value.split()))
