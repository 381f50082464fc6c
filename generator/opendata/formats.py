"""Tables of published data: typed columns, values as the page shows them, CSV and JSON bytes."""
from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Union

from .. import thai
from ..model.fields import Month

# A JSON value: what json.dumps writes without help.
Json = Union[None, bool, int, str, list["Json"], dict[str, "Json"]]
Row = Mapping[str, Json]
BOM = "\ufeff"   # without it Excel reads UTF-8 CSV as the ANSI code page and garbles Thai


class ColumnType(Enum):
    """What the values of a column are, with their Thai name on the catalogue page."""

    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"     # written 1234.50: two decimals, no thousands separator
    DATE = "date"           # ISO 8601, Gregorian: 2025-10-28
    MONTH = "month"         # ISO 8601 year-month: 2025-10
    URL = "url"
    TEXT_LIST = "text-list"  # several texts: a JSON array; in CSV one per line of the cell

    @property
    def label_th(self) -> str:
        return TYPE_LABELS[self]

    @property
    def csvw_datatype(self) -> str:
        """The CSV on the Web (W3C) datatype name of the column."""
        return CSVW_DATATYPES[self]


TYPE_LABELS = {
    ColumnType.STRING: "ข้อความ", ColumnType.INTEGER: "จำนวนเต็ม",
    ColumnType.DECIMAL: "ตัวเลขทศนิยม 2 ตำแหน่ง", ColumnType.DATE: "วันที่ (ค.ศ. ปปปป-ดด-วว)",
    ColumnType.MONTH: "เดือน (ค.ศ. ปปปป-ดด)", ColumnType.URL: "ลิงก์ (URL)",
    ColumnType.TEXT_LIST: "รายการข้อความ (บรรทัดละรายการ)",
}
CSVW_DATATYPES = {
    ColumnType.STRING: "string", ColumnType.INTEGER: "integer", ColumnType.DECIMAL: "decimal",
    ColumnType.DATE: "date", ColumnType.MONTH: "gYearMonth", ColumnType.URL: "anyURI",
    ColumnType.TEXT_LIST: "string",
}


@dataclass(frozen=True)
class Column:
    """One column: its JSON key, its CSV header (the page's column heading) and its type."""

    name: str
    label_th: str
    type: ColumnType = ColumnType.STRING
    unit: str | None = None   # บาท, ร้อยละ, คน

    def describe(self) -> dict[str, Json]:
        return {"name": self.name, "title_th": self.label_th, "type": self.type.value,
                "unit": self.unit}


@dataclass(frozen=True)
class TableSchema:
    """A table without its rows: what a published file and the catalogue say of it."""

    name: str                 # file-name suffix; "" for the topic's main table
    title_th: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Table:
    """One table of a topic page as data: one row per row the page shows (no total rows)."""

    name: str                 # file-name suffix; "" for the topic's main table
    title_th: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def schema(self) -> TableSchema:
        return TableSchema(self.name, self.title_th, self.columns)

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        for row in self.rows:
            if list(row) != names:
                raise ValueError(f"row keys {list(row)} are not the columns {names}")


def money(amount: Decimal | None) -> str | None:
    """An amount as the page shows it, without thousands separators: 1234567.50."""
    return None if amount is None else thai.baht(amount).replace(",", "")


def percent(value: Decimal | None) -> str | None:
    """A percentage as the page shows it, without thousands separators: 45.50."""
    return None if value is None else thai.format_percent(value).replace(",", "")


def iso_date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def iso_month(value: Month | None) -> str | None:
    return None if value is None else f"{value.year:04d}-{value.month:02d}"


def texts(values: Sequence[str]) -> list[Json]:
    return list(values)


def csv_bytes(table: Table) -> bytes:
    """The table as RFC 4180 CSV, UTF-8 with a BOM, the header row in Thai."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")   # RFC 4180: CRLF, quotes only where needed
    writer.writerow(column.label_th for column in table.columns)
    for row in table.rows:
        writer.writerow(_csv_cell(row[column.name], column.type) for column in table.columns)
    return (BOM + buffer.getvalue()).encode("utf-8")


# A spreadsheet takes a cell that starts with one of these as a formula (CSV injection):
# a text cell that does gets a leading ' , which Excel and LibreOffice show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_TYPES = (ColumnType.STRING, ColumnType.TEXT_LIST, ColumnType.URL)


def _csv_cell(value: Json, kind: ColumnType = ColumnType.STRING) -> str:
    if value is None:
        return ""
    text = "\n".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return "'" + text if kind in _TEXT_TYPES and text.startswith(FORMULA_START) else text


def json_bytes(value: Json) -> bytes:
    """Stable JSON: sorted keys, Thai as UTF-8 text (no BOM, as RFC 8259 asks), one final newline.

    Compact: with ``indent`` Python falls back from its C encoder to a much slower one; any
    JSON viewer indents it for reading.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")
