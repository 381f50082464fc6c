"""A topic kept in a spreadsheet (.xlsx, .xls or .ods), read into the same values a YAML
file gives, each field located at its cell (รายการ!C14) for the messages.

python-calamine reads all three formats, values as the spreadsheet holds them (numbers,
dates, a formula's saved value). What it does not tell, a percent cell (it holds 0.955 for
95.5 %) and a formula that was never calculated, openpyxl reads from an .xlsx and the
file's own XML from an .ods.
"""
from __future__ import annotations

import datetime
import difflib
import math
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import Problem, UserError, did_you_mean, display_path
from ..language import tr
from ..topics import Topic
from .layout import (CATEGORIES, EVIDENCE, EVIDENCE_SHEET, GENERAL_SHEET, LABEL_HEADING,
                     LAYOUTS, LISTS_SHEET, NUMBER_HEADINGS, OWNER, OWNER_LISTS, PROGRESS,
                     SIGNED_PLAN, Column, Kind, Table, plain, report_sheet)
from .source import Document, FieldPath, SourceFile

SUFFIXES = (".xlsx", ".xls", ".ods")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)   # serial 1 is 1900-01-01 (after Excel's leap bug)
_LAST_SERIAL = 2958465                       # 9999-12-31


@dataclass
class _Sheet:
    name: str
    rows: list[list[Any]]


@dataclass
class _Reading:
    """What reading one workbook gathers: values, cells, problems and notes."""

    shown: str
    percent: set[tuple[str, int, int]] = field(default_factory=set)   # (sheet, row, col)
    uncalculated: set[tuple[str, int, int]] = field(default_factory=set)
    cells: dict[FieldPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # A column that could not be read leaves every row without that field: validating the
    # rows would only repeat it, once per row.
    blocking: bool = False

    def problem(self, where: str, message: str, expected: str = "", blocking: bool = False) -> None:
        self.problems.append(Problem(self.shown, None, where, message, expected))
        self.blocking |= blocking


def cell_name(row: int, col: int) -> str:
    """C14 for the 14th row's third column (both counted from zero here)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def load_workbook(path: Path, topic: Topic, root: Path | None = None) -> Document:
    """Read one topic's workbook; every problem of it at once as a UserError."""
    document, problems = read_workbook(path, topic, root)
    if problems:
        raise UserError(problems)
    return document


def read_workbook(path: Path, topic: Topic,
                  root: Path | None = None) -> tuple[Document, list[Problem]]:
    """One topic's workbook, and the problems of its cells (its values are still worth
    validating: every problem is said at once). A UserError when it cannot be read at all or
    a column is not known."""
    reading = _Reading(display_path(path, root))
    sheets = _sheets(path, reading)
    data = _topic_data(topic, sheets, reading)
    if reading.blocking:
        raise UserError(reading.problems)
    return Document(path, data, SourceFile(reading.shown, cells=reading.cells,
                                           notes=tuple(reading.notes))), reading.problems


def _sheets(path: Path, reading: _Reading) -> dict[str, _Sheet]:
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
        visible = [m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
        hidden = [m.name for m in book.sheets_metadata if m.name not in visible]
        sheets = {name: _Sheet(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                  for name in visible if name != LISTS_SHEET}
    except (CalamineError, OSError, ValueError) as exc:
        raise UserError(Problem(reading.shown, None, "",
                                tr(f"เปิดแฟ้มตารางนี้ไม่ได้ ({exc})",
                                   f"this spreadsheet cannot be read ({exc})"),
                                tr("แฟ้ม .xlsx .xls หรือ .ods ที่เปิดได้ใน Excel หรือ LibreOffice "
                                   "Calc (บันทึกใหม่ด้วยโปรแกรมนั้น)",
                                   "an .xlsx, .xls or .ods file that Excel or LibreOffice Calc "
                                   "opens (save it again from there)"))) from None
    for name in (n for n in hidden if n != LISTS_SHEET):
        reading.notes.append(tr(f"{reading.shown}: ไม่อ่านแผ่นงาน '{name}' เพราะซ่อนไว้",
                                f"{reading.shown}: sheet '{name}' is hidden, so it is not read"))
    if path.suffix.lower() == ".xlsx":
        _xlsx_formats(path, reading, set(visible))
    elif path.suffix.lower() == ".ods":
        _ods_formats(path, reading, set(visible))
    return sheets


def _xlsx_formats(path: Path, reading: _Reading, names: set[str]) -> None:
    """Percent-formatted cells, and formulas never calculated (saved without a value)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            for sheet in book.worksheets:
                if sheet.title not in names:
                    continue
                for r, row in enumerate(sheet.iter_rows()):
                    for c, cell in enumerate(row):
                        if "%" in (getattr(cell, "number_format", "") or ""):
                            reading.percent.add((sheet.title, r, c))
                        if getattr(cell, "data_type", "") == "f":
                            reading.uncalculated.add((sheet.title, r, c))
        finally:
            book.close()
    except Exception:   # noqa: BLE001: openpyxl's errors share no base class; calamine has
        return          # read the file, and its values stand without the formats


_ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}


def _ods_formats(path: Path, reading: _Reading, names: set[str]) -> None:
    """An .ods's percent cells (office:value-type="percentage"), counting repeated rows and
    columns as Calc writes them."""
    import xml.etree.ElementTree as ElementTree

    table, office = "{%s}" % _ODS["table"], "{%s}" % _ODS["office"]
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return
    for sheet in root.iter(f"{table}table"):
        name = sheet.get(f"{table}name", "")
        if name not in names:
            continue
        r = 0
        for row in sheet.iter(f"{table}table-row"):
            c = 0
            for cell in row:
                span = int(cell.get(f"{table}number-columns-repeated", "1"))
                if cell.get(f"{office}value-type") == "percentage":
                    reading.percent.update((name, r, c + i) for i in range(min(span, 1000)))
                c += span
            r += int(row.get(f"{table}number-rows-repeated", "1"))


# --- the topic's sheets ------------------------------------------------------------------

def _topic_data(topic: Topic, sheets: dict[str, _Sheet], reading: _Reading) -> dict[str, Any]:
    layout = LAYOUTS[topic]
    data: dict[str, Any] = {}
    known = {GENERAL_SHEET, EVIDENCE_SHEET}
    tables = {plain(name): table for table in layout.tables
              for name in (table.sheet, *table.other_names)}
    known |= {t.sheet for t in layout.tables}
    for sheet in sheets.values():
        if plain(sheet.name) == plain(GENERAL_SHEET):
            _general(sheet, layout.general, data, reading)
        elif plain(sheet.name) in tables:
            table = tables[plain(sheet.name)]
            rows = _table(sheet, table.columns, (table.key,), reading,
                          budget_columns=layout.budget_columns and table.key == "projects")
            data[table.key] = _period_map(rows, table, reading) \
                if table.key == "planned_spending" else rows
    if layout.report_projects:
        for number in range(1, len(data.get("reports", [])) + 2):
            projects = _find(sheets, report_sheet(number))
            if projects is None:
                continue
            known.add(projects.name)
            if number > len(data.get("reports", [])):
                reading.problem(projects.name,
                                tr(f"มีแผ่นงาน '{projects.name}' แต่ไม่มีรายงานที่ {number} "
                                   f"ในแผ่นงาน 'รายงาน'",
                                   f"sheet '{projects.name}' has no report {number} "
                                   "in sheet 'รายงาน'"),
                                tr("แถวของรายงานนั้นในแผ่นงาน 'รายงาน'", "that report's row in "
                                   "sheet 'รายงาน'"))
                continue
            data["reports"][number - 1]["projects"] = _table(
                projects, PROGRESS, ("reports", number - 1, "projects"), reading)
    evidence = _find(sheets, EVIDENCE_SHEET)
    if evidence is not None:
        _evidence(evidence, data, reading)
    for sheet in sheets.values():
        if plain(sheet.name) not in {plain(n) for n in known} and plain(sheet.name) not in tables:
            choices = sorted(known)
            close = difflib.get_close_matches(sheet.name, choices, n=1, cutoff=0.5)
            hint = did_you_mean(close[0] if close else None)
            reading.problem(_sheet_named(sheet.name),
                            tr(f"ไม่รู้จักแผ่นงานนี้{hint}", f"unknown sheet{hint}"),
                            tr("แผ่นงานชื่อ ", "a sheet named ") + ", ".join(choices))
    return data


def _sheet_named(name: str) -> str:
    return tr(f"แผ่นงาน '{name}'", f"sheet '{name}'")


def _find(sheets: dict[str, _Sheet], name: str) -> _Sheet | None:
    return next((s for s in sheets.values() if plain(s.name) == plain(name)), None)


def _general(sheet: _Sheet, columns: tuple[Column, ...], data: dict[str, Any],
             reading: _Reading) -> None:
    """Label/value rows: the label in the first filled cell, its value in the next."""
    by_label = {plain(h): column for column in columns for h in column.headings}
    for r, row in enumerate(sheet.rows):
        filled = [(c, v) for c, v in enumerate(row) if not _empty(v)]
        if not filled:
            continue
        c, label = filled[0]
        column = by_label.get(plain(label))
        if column is None:
            if plain(label) in (plain(LABEL_HEADING), plain(sheet.name)) or len(filled) == 1 \
                    and r == 0:
                continue   # the heading row, or a title above the rows
            close = difflib.get_close_matches(plain(label), list(by_label), n=1, cutoff=0.6)
            hint = did_you_mean(close[0] if close else None)
            reading.problem(f"{sheet.name}!{cell_name(r, c)}",
                            tr(f"ไม่รู้จักหัวข้อ '{label}'{hint}", f"unknown label '{label}'{hint}"),
                            tr("หัวข้อใดหัวข้อหนึ่งต่อไปนี้: ", "one of: ")
                            + ", ".join(col.heading for col in columns))
            continue
        value_col = c + 1
        raw = row[value_col] if value_col < len(row) else None
        where = f"{sheet.name}!{cell_name(r, value_col)} ({column.heading})"
        value = _value(raw, column.kind, reading, (sheet.name, r, value_col), where)
        if value is None:
            continue
        loc: FieldPath = tuple(column.key.split("."))
        target = data
        for part in loc[:-1]:
            target = target.setdefault(str(part), {})
        if column.kind is Kind.LINES:   # several rows of one label make one list
            lines = target.setdefault(str(loc[-1]), [])
            for i in range(len(lines), len(lines) + len(value)):
                reading.cells.setdefault((*loc, i), where)
            lines.extend(value)
        else:
            target[str(loc[-1])] = value
        reading.cells.setdefault(loc, where)


def _table(sheet: _Sheet, columns: tuple[Column, ...], loc: FieldPath, reading: _Reading,
           budget_columns: bool = False) -> list[dict[str, Any]]:
    """One row per item, below the heading row; empty rows skipped. ``budget_columns``: topic
    01's projects, whose budget categories are columns of their own."""
    reading.cells.setdefault(loc, _sheet_named(sheet.name))
    by_heading = {plain(h): column for column in columns for h in column.headings}
    categories = {plain(c): c for c in CATEGORIES} if budget_columns else {}
    numbers = {plain(h) for h in NUMBER_HEADINGS}
    head = next((r for r, row in enumerate(sheet.rows)
                 if any(plain(v) in by_heading for v in row if not _empty(v))), None)
    if head is None:
        reading.problem(_sheet_named(sheet.name),
                        tr("ไม่พบแถวหัวตาราง", "no heading row found"),
                        tr("แถวหัวตารางที่มีหัวคอลัมน์ เช่น ", "a heading row with headings such as ")
                        + ", ".join(c.heading for c in columns), blocking=True)
        return []
    # Each column of the sheet by what it holds: a field, a budget category, or the ลำดับ.
    fields: dict[int, Column] = {}
    category_at: dict[int, str] = {}
    number_at: list[int] = []
    for c, heading in enumerate(sheet.rows[head]):
        if _empty(heading):
            continue
        key = plain(heading)
        if key in by_heading:
            fields[c] = by_heading[key]
        elif key in numbers:
            number_at.append(c)
        elif key in categories:
            category_at[c] = categories[key]
        else:
            _unknown_heading(sheet, head, c, heading, columns, categories, reading)
    items: list[dict[str, Any]] = []
    for r in range(head + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if all(_empty(v) for v in row):
            continue
        index = len(items)
        item: dict[str, Any] = {}
        reading.cells.setdefault((*loc, index), tr(f"แผ่นงาน '{sheet.name}' แถว {r + 1}",
                                                  f"sheet '{sheet.name}' row {r + 1}"))

        def read(c: int, kind: Kind, heading: str) -> tuple[Any, str]:
            where = f"{sheet.name}!{cell_name(r, c)} ({heading})"
            raw = row[c] if c < len(row) else None
            return _value(raw, kind, reading, (sheet.name, r, c), where), where

        for c in number_at:
            _check_number(row[c] if c < len(row) else None, index + 1,
                          f"{sheet.name}!{cell_name(r, c)}", reading)
        for c, column in fields.items():
            value, where = read(c, column.kind, column.heading)
            if value is None:
                continue
            item[column.key] = value
            reading.cells[(*loc, index, column.key)] = where
            if column.kind is Kind.LINES:
                for i in range(len(value)):
                    reading.cells[(*loc, index, column.key, i)] = where
        for c, category in category_at.items():
            value, where = read(c, Kind.AMOUNT, category)
            if value is not None:
                item.setdefault("budget", {})[category] = value
                reading.cells[(*loc, index, "budget", category)] = where
        items.append(item)
    return items


def _unknown_heading(sheet: _Sheet, head: int, c: int, heading: Any, columns: tuple[Column, ...],
                     categories: dict[str, str], reading: _Reading) -> None:
    """A heading no field has: refused with the closest known one (it blocks the file)."""
    by_heading = {plain(h): h for column in columns for h in column.headings}
    close = difflib.get_close_matches(plain(heading), [*by_heading, *categories], n=1, cutoff=0.5)
    named = (by_heading.get(close[0]) or categories.get(close[0])) if close else None
    hint = did_you_mean(named)
    choices = [col.heading for col in columns] + list(CATEGORIES if categories else ())
    reading.problem(f"{sheet.name}!{cell_name(head, c)}",
                    tr(f"ไม่รู้จักหัวคอลัมน์ '{heading}'{hint}",
                       f"unknown column heading '{heading}'{hint}"),
                    tr("หัวคอลัมน์ใดหัวคอลัมน์หนึ่งต่อไปนี้: ", "one of: ") + ", ".join(choices),
                    blocking=True)


def _period_map(rows: list[dict[str, Any]], table: Table, reading: _Reading) -> dict[str, Any]:
    """Topic 01's spending schedule: {period: amount}, as YAML writes it."""
    schedule: dict[str, Any] = {}
    for i, row in enumerate(rows):
        period, amount = row.get("period"), row.get("amount")
        if period is None:
            continue
        schedule[period] = amount
        where = reading.cells.get((table.key, i, "amount")) or reading.cells.get((table.key, i))
        if where:
            reading.cells[(table.key, period)] = where
    return schedule


def _evidence(sheet: _Sheet, data: dict[str, Any], reading: _Reading) -> None:
    """Each evidence row into its owner's list: the topic's, a numbered item's, or topic 01's
    signed plan."""
    rows = _table(sheet, (OWNER, *EVIDENCE), ("evidence",), reading)
    cells = {k: v for k, v in reading.cells.items() if k[:1] == ("evidence",)}
    for k in cells:
        del reading.cells[k]
    counts: dict[FieldPath, int] = {}
    for index, row in enumerate(rows):
        owner = str(row.pop("owner", "") or "").strip()
        loc = _owner(owner, data, reading, cells.get(("evidence", index, "owner"), ""))
        if loc is None:
            continue
        if loc == ("source_document",):
            data["source_document"] = row
            target: FieldPath = loc
        else:
            holder: Any = data
            for part in loc[:-1]:
                holder = holder[part]
            holder.setdefault(str(loc[-1]), []).append(row)
            number = counts.get(loc, 0)
            counts[loc] = number + 1
            target = (*loc, number)
        for key, where in cells.items():
            if len(key) > 2 and key[1] == index and key[2] != "owner":
                reading.cells[(*target, *key[2:])] = where
            elif len(key) == 2 and key[1] == index:
                reading.cells[target] = where


def _owner(owner: str, data: dict[str, Any], reading: _Reading, where: str) -> FieldPath | None:
    if not owner or plain(owner) in (plain("หัวข้อนี้"), plain("หัวข้อ")):
        return ("evidence",)
    if plain(owner) == plain(SIGNED_PLAN):
        return ("source_document",)
    for word, key in OWNER_LISTS.items():
        if plain(owner).startswith(plain(word)):
            number = owner[len(word):].strip()
            if number.isdigit() and 1 <= int(number) <= len(data.get(key, [])):
                return (key, int(number) - 1, "evidence")
    reading.problem(where, tr(f"ไม่รู้ว่า '{owner}' คือหลักฐานของอะไร",
                              f"'{owner}' is not something evidence can belong to"),
                    tr(f"ว่างไว้ (หลักฐานของหัวข้อนี้), {SIGNED_PLAN}, หรือ รายงานที่ N / "
                       "กิจกรรมที่ N ที่มีอยู่", f"empty (this topic's), {SIGNED_PLAN}, or "
                       "รายงานที่ N / กิจกรรมที่ N of an existing row"))
    return None


def _check_number(raw: Any, expected: int, where: str, reading: _Reading) -> None:
    """A ลำดับ cell, when filled, counts 1, 2, 3… down the filled rows."""
    if _empty(raw):
        return
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
    if text.rstrip(".") != str(expected):
        reading.problem(where, tr(f"ลำดับ '{text}' ไม่ตรงกับแถวที่ {expected} ของตาราง",
                                  f"number '{text}' is not row {expected} of the table"),
                        tr(f"{expected} (หรือเว้นว่างทั้งคอลัมน์ลำดับ)",
                           f"{expected} (or leave the ลำดับ column empty)"))


# --- cell values -------------------------------------------------------------------------

def _empty(value: Any) -> bool:
    return value is None or isinstance(value, str) and not value.strip()


def _value(raw: Any, kind: Kind, reading: _Reading, cell: tuple[str, int, int],
           where: str) -> Any:
    """A cell as the text (or list of texts) a YAML file would hold; None when empty."""
    if _empty(raw):
        if cell in reading.uncalculated:
            reading.problem(where, tr("สูตรในช่องนี้ยังไม่ได้คำนวณ (แฟ้มไม่มีค่าที่คำนวณไว้)",
                                      "the formula in this cell was never calculated (the file "
                                      "holds no value for it)"),
                            tr("เปิดแฟ้มใน Excel หรือ LibreOffice Calc แล้วบันทึกอีกครั้ง",
                               "open the file in Excel or LibreOffice Calc and save it again"))
        return None
    if isinstance(raw, str):
        text = raw.replace("\t", " ").strip()
        if kind is Kind.LINES:
            return [line.strip() for line in text.splitlines() if line.strip()]
        return text
    if isinstance(raw, bool):
        return str(raw).upper()
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        text = f"{raw.year:04d}-{raw.month:02d}" if kind is Kind.MONTH else raw.isoformat()
        return [text] if kind is Kind.LINES else text
    if isinstance(raw, (int, float)):
        return _number(float(raw), kind, cell in reading.percent)
    text = str(raw)
    return [text] if kind is Kind.LINES else text


def _number(value: float, kind: Kind, percent_cell: bool) -> Any:
    if not math.isfinite(value):
        return repr(value)
    if kind in (Kind.DATE, Kind.MONTH) and value.is_integer() and 1 <= value <= _LAST_SERIAL:
        day = _EXCEL_EPOCH + datetime.timedelta(days=int(value))   # an Excel serial date
        return f"{day.year:04d}-{day.month:02d}" if kind is Kind.MONTH else day.isoformat()
    if kind is Kind.PERCENT and percent_cell:
        value *= 100
    if kind is Kind.AMOUNT:
        return _satang(value)
    text = _plain_number(value)
    return [text] if kind is Kind.LINES else text


def _satang(value: float) -> str:
    """An amount cell exact to the satang; a float that is not is written out in full, for
    the amount field to refuse (never rounded silently). A sum's float noise (0.1 + 0.2) is
    within a millionth of a satang of a whole satang and is read as that satang."""
    cents = value * 100
    if abs(cents - round(cents)) <= 1e-9 * max(1.0, abs(cents)):
        return f"{Decimal(round(cents)) / 100:,.2f}"   # as a webmaster writes it: 612,000.00
    return _plain_number(value)


def _plain_number(value: float) -> str:
    """A number as typed: 12 not 12.0, 0.1 not 1e-01; the shortest repr otherwise."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text

