"""CSV and JSON bytes of a published table: BOM, RFC 4180, stable JSON, page-style figures."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from generator.opendata.formats import (Column, ColumnType, Table, csv_bytes, json_bytes, money,
                                        percent)

COLUMNS = (Column("no", "ลำดับ", ColumnType.INTEGER), Column("name", "รายการ"),
           Column("budget", "วงเงิน (บาท)", ColumnType.DECIMAL, "บาท"),
           Column("people", "ผู้มีส่วนได้ส่วนเสีย", ColumnType.TEXT_LIST))
TABLE = Table("", "รายการทดสอบ", COLUMNS, (
    {"no": 1, "name": 'ซื้อวัสดุ, "ด่วน"', "budget": "1234.50", "people": ["ก", "ข"]},
    {"no": 2, "name": "จ้างพิมพ์", "budget": None, "people": []},
))


def test_csv_starts_with_a_bom_so_excel_reads_thai() -> None:
    assert csv_bytes(TABLE).startswith("\ufeffลำดับ,".encode("utf-8"))


def test_csv_is_rfc_4180_with_crlf_and_quotes_only_where_needed() -> None:
    text = csv_bytes(TABLE).decode("utf-8-sig")
    assert text == ('ลำดับ,รายการ,วงเงิน (บาท),ผู้มีส่วนได้ส่วนเสีย\r\n'
                    '1,"ซื้อวัสดุ, ""ด่วน""",1234.50,"ก\nข"\r\n'
                    '2,จ้างพิมพ์,,\r\n')


def test_csv_reads_back_with_the_csv_module() -> None:
    rows = list(csv.DictReader(io.StringIO(csv_bytes(TABLE).decode("utf-8-sig"), newline="")))
    assert rows == [
        {"ลำดับ": "1", "รายการ": 'ซื้อวัสดุ, "ด่วน"', "วงเงิน (บาท)": "1234.50",
         "ผู้มีส่วนได้ส่วนเสีย": "ก\nข"},
        {"ลำดับ": "2", "รายการ": "จ้างพิมพ์", "วงเงิน (บาท)": "", "ผู้มีส่วนได้ส่วนเสีย": ""}]


def test_json_has_sorted_keys_thai_text_no_bom_and_a_final_newline() -> None:
    data = json_bytes({"b": "บาท", "a": [1, None]})
    assert data == '{"a":[1,null],"b":"บาท"}\n'.encode("utf-8")
    assert json.loads(data) == {"a": [1, None], "b": "บาท"}


@pytest.mark.parametrize(("amount", "text"), [
    (Decimal("1234567.5"), "1234567.50"), (Decimal("0"), "0.00"), (None, None)])
def test_amounts_are_written_like_the_page_without_separators(
        amount: Decimal | None, text: str | None) -> None:
    assert money(amount) == text


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("45.5"), "45.50"), (Decimal("95.555"), "95.56"), (Decimal("1234.5"), "1234.50"),
    (None, None)])
def test_percentages_round_like_the_page(value: Decimal | None, text: str | None) -> None:
    assert percent(value) == text


def test_a_row_must_have_exactly_the_columns() -> None:
    with pytest.raises(ValueError, match="are not the columns"):
        Table("", "ผิด", COLUMNS[:2], ({"name": "x", "no": 1},))


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                                   "\tทดสอบ"])
def test_a_text_cell_a_spreadsheet_would_take_as_a_formula_starts_with_a_quote(typed: str) -> None:
    table = Table("", "รายการทดสอบ", COLUMNS, (
        {"no": 1, "name": typed, "budget": "-552000.00", "people": [typed, "ข"]},))
    row = next(csv.DictReader(io.StringIO(csv_bytes(table).decode("utf-8-sig"), newline="")))
    assert row["รายการ"] == "'" + typed
    assert row["ผู้มีส่วนได้ส่วนเสีย"] == "'" + typed + "\nข"
    assert row["วงเงิน (บาท)"] == "-552000.00"   # a figure is a figure: no quote


def test_only_cells_starting_with_a_formula_sign_get_the_quote() -> None:
    table = Table("", "รายการทดสอบ", COLUMNS, (
        {"no": 1, "name": "ซื้อ = 2 ชุด - ด่วน", "budget": None, "people": ["ก", "-ข"]},))
    row = next(csv.DictReader(io.StringIO(csv_bytes(table).decode("utf-8-sig"), newline="")))
    assert row["รายการ"] == "ซื้อ = 2 ชุด - ด่วน"
    assert row["ผู้มีส่วนได้ส่วนเสีย"] == "ก\n-ข"
