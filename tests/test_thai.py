"""Tests for generator.thai: digits, BE years, dates, fiscal years, baht and file sizes."""
from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from generator import language, thai

D = Decimal
date = datetime.date


# --- constants and digits -------------------------------------------------------------

def test_month_tables() -> None:
    assert thai.THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"
    assert thai.BE_OFFSET == 543
    assert len(thai.MONTHS_FULL) == len(thai.MONTHS_ABBR) == 13
    assert thai.MONTHS_FULL[0] == thai.MONTHS_ABBR[0] == ""
    assert (thai.MONTHS_FULL[1], thai.MONTHS_FULL[2], thai.MONTHS_FULL[12]) == ("มกราคม", "กุมภาพันธ์", "ธันวาคม")
    assert thai.MONTHS_ABBR[1:] == ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


@pytest.mark.parametrize("thai_text, arabic_text", [
    ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
    ("ปี ๒๕๖๗ ข้อ 3", "ปี 2567 ข้อ 3"),
    ("ไม่มีตัวเลข", "ไม่มีตัวเลข"),
    ("", ""),
])
def test_to_arabic_digits(thai_text: str, arabic_text: str) -> None:
    assert thai.to_arabic_digits(thai_text) == arabic_text


@pytest.mark.parametrize("arabic_text, thai_text", [
    ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
    ("1,234.50 บาท", "๑,๒๓๔.๕๐ บาท"),
    ("ก.พ. ๖๗", "ก.พ. ๖๗"),
])
def test_to_thai_digits(arabic_text: str, thai_text: str) -> None:
    assert thai.to_thai_digits(arabic_text) == thai_text


# --- years ----------------------------------------------------------------------------

@pytest.mark.parametrize("ce, be", [(2024, 2567), (2023, 2566), (1957, 2500)])
def test_be_year(ce: int, be: int) -> None:
    assert thai.be_year(ce) == be


@pytest.mark.parametrize("year, ce", [(2567, 2024), (2400, 1857), (2024, 2024), (2399, 2399)])
def test_ce_year(year: int, ce: int) -> None:
    assert thai.ce_year(year) == ce


@pytest.mark.parametrize("value", ["2567", "๒๕๖๗", " 2567 ", "พ.ศ. 2567", "พ.ศ.๒๕๖๗", 2567, 2024, "2024"])
def test_parse_year_accepts(value: int | str) -> None:
    assert thai.parse_year(value) == 2567


@pytest.mark.parametrize("value, message", [
    ("67", "is not a year"),
    ("abc", "is not a year"),
    ("", "is not a year"),
    ("٢٥٦٧", "is not a year"),  # Arabic-Indic digits: int() would take them, we do not
    ("2567.0", "is not a year"),
    (1500, "out of range"),      # CE 1500 = BE 2043
    (2701, "out of range"),
    (9999, "out of range"),
    (True, "is not a year"),
    (2567.0, "is not a year"),
])
def test_parse_year_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        thai.parse_year(value)  # type: ignore[arg-type]


# --- dates ----------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "2024-03-05", "2567-03-05", "2567-3-5",
    "5/3/2567", "05/03/2024", "5-3-2567", "05-03-2024",
    "5 มีนาคม 2567", "5 มีนาคม 2024", "5 มี.ค. 67", "5 มี.ค. 2567", "5 มีค 67", "5 มีค 2567",
    "วันที่ 5 มีนาคม 2567", "วันที่ 5 มีนาคม พ.ศ. 2567", "5 มี.ค. พ.ศ. 67", "วันที่5มี.ค.67",
    "๕ มีนาคม ๒๕๖๗", "๐๕/๐๓/๒๕๖๗", "๒๕๖๗-๐๓-๐๕", "วันที่ ๕ มี.ค. ๖๗",
    "  5 มีนาคม 2567\n", "\t2024-03-05 ",
    date(2024, 3, 5), date(2567, 3, 5), datetime.datetime(2024, 3, 5, 23, 59),
])
def test_parse_date_accepts(value: str | date) -> None:
    assert thai.parse_date(value) == date(2024, 3, 5)


@pytest.mark.parametrize("value, expected", [
    ("1 ต.ค. 66", date(2023, 10, 1)),
    ("31 ธ.ค. 66", date(2023, 12, 31)),
    ("29 ก.พ. 67", date(2024, 2, 29)),
    ("29 กุมภาพันธ์ 2567", date(2024, 2, 29)),
    ("30 ก.ย. 2567", date(2024, 9, 30)),
    ("1 มกราคม 00", date(1957, 1, 1)),   # two digits always mean BE 25xx
    ("1 มกราคม 99", date(2056, 1, 1)),
    ("15 เม.ย. 68", date(2025, 4, 15)),
    ("15 เมย 68", date(2025, 4, 15)),
    ("7 มิถุนายน 2568", date(2025, 6, 7)),
    ("7 มิย 68", date(2025, 6, 7)),
    ("7 มิ.ย 68", date(2025, 6, 7)),
    (date(2566, 12, 31), date(2023, 12, 31)),
])
def test_parse_date_values(value: str | date, expected: date) -> None:
    assert thai.parse_date(value) == expected


def test_parse_date_returns_a_plain_date() -> None:
    assert type(thai.parse_date(datetime.datetime(2024, 3, 5, 12))) is date


@pytest.mark.parametrize("value, message", [
    ("31 ก.พ. 67", "'31 ก.พ. 67' is not a real date"),
    ("29 ก.พ. 2566", "'29 ก.พ. 2566' is not a real date"),   # 2023 is not a leap year
    ("31/4/2567", "'31/4/2567' is not a real date"),
    ("2567-13-01", "'2567-13-01' is not a real date"),
    ("0/3/2567", "'0/3/2567' is not a real date"),
    (date(2568, 2, 29), "'2568-02-29' is not a real date"),  # BE leap year, CE 2025 is not
    ("5 มีนา 2567", "unknown month name 'มีนา'"),
    ("5 March 2024", "unknown month name 'March'"),
    ("5 . 67", "unknown month name '.'"),
    ("hello", "'hello' is not a date"),
    ("5/3/67", "'5/3/67' is not a date"),                   # numeric forms need 4-digit years
    ("5.3.2567", "'5.3.2567' is not a date"),
    ("2024/03/05", "'2024/03/05' is not a date"),
    ("5/3-2567", "'5/3-2567' is not a date"),
    ("5 มีนาคม", "'5 มีนาคม' is not a date"),
    ("", "'' is not a date"),
    ("5 มีนาคม 1500", "out of range"),
    (20240305, "is not a date"),
])
def test_parse_date_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        thai.parse_date(value)  # type: ignore[arg-type]
    assert message in str(raised.value)


# --- months ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "2023-12", "2566-12", "ธ.ค. 66", "ธันวาคม 2566", "ธ.ค. 2566", "ธค 66", "ธ.ค.66",
    "ธ.ค. พ.ศ. 2566", "เดือนธันวาคม 2566", "ธ.ค. ๖๖", "๒๕๖๖-๑๒", " ธันวาคม ๒๕๖๖ ",
    date(2023, 12, 25), date(2566, 12, 1), datetime.datetime(2023, 12, 31, 8),
])
def test_parse_month_accepts(value: str | date) -> None:
    assert thai.parse_month(value) == (2023, 12)


@pytest.mark.parametrize("value, fiscal_year, expected", [
    ("ธ.ค.", 2567, (2023, 12)),
    ("ธันวาคม", 2567, (2023, 12)),
    ("มี.ค.", 2567, (2024, 3)),
    ("มีนาคม", 2567, (2024, 3)),
    ("ต.ค.", 2567, (2023, 10)),
    ("ก.ย.", 2567, (2024, 9)),
    ("ม.ค.", 2567, (2024, 1)),
    ("เดือนตุลาคม", 2568, (2024, 10)),
    ("ตค", 2568, (2024, 10)),
    ("ธ.ค. 66", 2570, (2023, 12)),   # an explicit year wins over the fiscal year
])
def test_parse_month_in_fiscal_year(value: str, fiscal_year: int, expected: tuple[int, int]) -> None:
    assert thai.parse_month(value, fiscal_year) == expected


@pytest.mark.parametrize("value, fiscal_year, message", [
    ("ธันวาคม", None, "'ธันวาคม' has no year"),
    ("ธ.ค.", None, "'ธ.ค.' has no year"),
    ("ธ.ค.", 2024, "fiscal year 2024 is not a Buddhist Era year"),
    ("2023-13", None, "'2023-13' is not a real month"),
    ("2023-00", None, "'2023-00' is not a real month"),
    ("ธันวา 2566", None, "unknown month name 'ธันวา'"),
    ("12/2566", None, "'12/2566' is not a month"),
    ("2023-12-05", None, "'2023-12-05' is not a month"),
    ("", None, "'' is not a month"),
    ("ธ.ค. 1500", None, "out of range"),
])
def test_parse_month_rejects(value: str, fiscal_year: int | None, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        thai.parse_month(value, fiscal_year)
    assert message in str(raised.value)


# --- fiscal years and quarters --------------------------------------------------------

@pytest.mark.parametrize("day, fiscal_year, quarter", [
    (date(2023, 9, 30), 2566, 4),
    (date(2023, 10, 1), 2567, 1),
    (date(2023, 12, 31), 2567, 1),
    (date(2024, 1, 1), 2567, 2),
    (date(2024, 2, 29), 2567, 2),
    (date(2024, 3, 31), 2567, 2),
    (date(2024, 4, 1), 2567, 3),
    (date(2024, 6, 30), 2567, 3),
    (date(2024, 7, 1), 2567, 4),
    (date(2024, 9, 30), 2567, 4),
    (date(2024, 10, 1), 2568, 1),
])
def test_fiscal_year_and_quarter(day: date, fiscal_year: int, quarter: int) -> None:
    assert thai.fiscal_year(day) == fiscal_year
    assert thai.fiscal_quarter(day) == quarter


@pytest.mark.parametrize("fy, start, end", [
    (2567, date(2023, 10, 1), date(2024, 9, 30)),
    (2568, date(2024, 10, 1), date(2025, 9, 30)),
])
def test_fiscal_year_bounds(fy: int, start: date, end: date) -> None:
    assert thai.fiscal_year_bounds(fy) == (start, end)
    assert thai.fiscal_year(start) == thai.fiscal_year(end) == fy
    assert thai.fiscal_year(start - datetime.timedelta(days=1)) == fy - 1
    assert thai.fiscal_year(end + datetime.timedelta(days=1)) == fy + 1


@pytest.mark.parametrize("fy", [2024, 0, 2399, 2701])
def test_fiscal_year_bounds_needs_a_be_year(fy: int) -> None:
    with pytest.raises(ValueError, match="not a Buddhist Era year"):
        thai.fiscal_year_bounds(fy)


@pytest.mark.parametrize("quarter, start, end", [
    (1, date(2023, 10, 1), date(2023, 12, 31)),
    (2, date(2024, 1, 1), date(2024, 3, 31)),
    (3, date(2024, 4, 1), date(2024, 6, 30)),
    (4, date(2024, 7, 1), date(2024, 9, 30)),
])
def test_quarter_bounds(quarter: int, start: date, end: date) -> None:
    assert thai.quarter_bounds(2567, quarter) == (start, end)
    assert thai.fiscal_quarter(start) == thai.fiscal_quarter(end) == quarter


@pytest.mark.parametrize("fy", [2566, 2567, 2568, 2571])
def test_quarters_tile_the_fiscal_year(fy: int) -> None:
    quarters = [thai.quarter_bounds(fy, q) for q in (1, 2, 3, 4)]
    assert (quarters[0][0], quarters[3][1]) == thai.fiscal_year_bounds(fy)
    for (_, end), (start, _) in zip(quarters, quarters[1:]):
        assert start - end == datetime.timedelta(days=1)


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_quarter_bounds_rejects_bad_quarter(quarter: int) -> None:
    with pytest.raises(ValueError, match="is not 1-4"):
        thai.quarter_bounds(2567, quarter)


@pytest.mark.parametrize("month, order", [(10, 1), (11, 2), (12, 3), (1, 4), (3, 6), (4, 7), (9, 12)])
def test_fiscal_month_order(month: int, order: int) -> None:
    assert thai.fiscal_month_order(month) == order


def test_fiscal_month_order_sorts_a_fiscal_year() -> None:
    months = sorted(range(1, 13), key=thai.fiscal_month_order)
    assert months == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]


@pytest.mark.parametrize("month", [0, 13, -1])
def test_fiscal_month_order_rejects_bad_month(month: int) -> None:
    with pytest.raises(ValueError, match="is not 1-12"):
        thai.fiscal_month_order(month)


# --- formatting dates and months ------------------------------------------------------

@pytest.mark.parametrize("day, style, thai_digits, expected", [
    (date(2024, 3, 5), "full", False, "5 มีนาคม 2567"),
    (date(2024, 3, 5), "short", False, "5 มี.ค. 67"),
    (date(2024, 3, 5), "long", False, "วันที่ 5 มีนาคม พ.ศ. 2567"),
    (date(2024, 3, 5), "full", True, "๕ มีนาคม ๒๕๖๗"),
    (date(2024, 3, 5), "short", True, "๕ มี.ค. ๖๗"),
    (date(2024, 3, 5), "long", True, "วันที่ ๕ มีนาคม พ.ศ. ๒๕๖๗"),
    (date(2024, 2, 29), "full", False, "29 กุมภาพันธ์ 2567"),
    (date(2024, 2, 29), "short", True, "๒๙ ก.พ. ๖๗"),
    (date(2023, 12, 31), "short", False, "31 ธ.ค. 66"),
    (date(2062, 1, 1), "short", False, "1 ม.ค. 05"),   # BE 2605: the short year keeps its zero
    (datetime.datetime(2024, 3, 5, 8, 30), "full", False, "5 มีนาคม 2567"),
])
def test_thai_date(day: date, style: str, thai_digits: bool, expected: str) -> None:
    assert thai.thai_date(day, style, thai_digits) == expected


def test_thai_date_default_style_is_full() -> None:
    assert thai.thai_date(date(2024, 10, 1)) == "1 ตุลาคม 2567"


@pytest.mark.parametrize("day", [date(2024, 3, 5), date(2024, 2, 29), date(2023, 10, 1), date(2025, 12, 31)])
@pytest.mark.parametrize("style", ["full", "short", "long"])
@pytest.mark.parametrize("thai_digits", [False, True])
def test_thai_date_round_trips(day: date, style: str, thai_digits: bool) -> None:
    assert thai.parse_date(thai.thai_date(day, style, thai_digits)) == day


def test_thai_date_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown date style 'iso'"):
        thai.thai_date(date(2024, 3, 5), "iso")


@pytest.mark.parametrize("year, month, style, thai_digits, expected", [
    (2023, 12, "short", False, "ธ.ค. 66"),
    (2023, 12, "full", False, "ธันวาคม 2566"),
    (2023, 12, "short", True, "ธ.ค. ๖๖"),
    (2023, 12, "full", True, "ธันวาคม ๒๕๖๖"),
    (2024, 1, "short", False, "ม.ค. 67"),
    (2062, 5, "short", False, "พ.ค. 05"),
])
def test_thai_month(year: int, month: int, style: str, thai_digits: bool, expected: str) -> None:
    assert thai.thai_month(year, month, style, thai_digits) == expected


@pytest.mark.parametrize("style", ["short", "full"])
@pytest.mark.parametrize("thai_digits", [False, True])
@pytest.mark.parametrize("year, month", [(2023, 10), (2023, 12), (2024, 1), (2024, 9)])
def test_thai_month_round_trips(year: int, month: int, style: str, thai_digits: bool) -> None:
    assert thai.parse_month(thai.thai_month(year, month, style, thai_digits)) == (year, month)


def test_thai_month_default_style_is_short() -> None:
    assert thai.thai_month(2024, 9) == "ก.ย. 67"


@pytest.mark.parametrize("month, style, message", [
    (0, "short", "is not 1-12"),
    (-1, "short", "is not 1-12"),   # would silently pick ธ.ค. by negative indexing
    (13, "full", "is not 1-12"),
    (12, "long", "unknown month style 'long'"),
])
def test_thai_month_rejects(month: int, style: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        thai.thai_month(2023, month, style)


# --- money ----------------------------------------------------------------------------

@pytest.mark.parametrize("amount, expected", [
    (D("0"), "0.00"),
    (D("0.5"), "0.50"),
    (D("1234567.5"), "1,234,567.50"),
    (D("-1000"), "-1,000.00"),
    (D("999.999"), "1,000.00"),
    (D("0.005"), "0.01"),           # half up, not the banker's 0.00
    (D("2.675"), "2.68"),           # the float 2.675 would round to 2.67
    (D("-0.005"), "-0.01"),
    (D("-0.004"), "0.00"),          # never "-0.00"
    (D("1E+3"), "1,000.00"),
    (D("123456789012.34"), "123,456,789,012.34"),
    (5, "5.00"),
])
def test_baht(amount: Decimal, expected: str) -> None:
    assert thai.baht(amount) == expected


@pytest.mark.parametrize("thai_digits, unit, expected", [
    (False, False, "1,234,567.50"),
    (False, True, "1,234,567.50 บาท"),
    (True, False, "๑,๒๓๔,๕๖๗.๕๐"),
    (True, True, "๑,๒๓๔,๕๖๗.๕๐ บาท"),
])
def test_baht_options(thai_digits: bool, unit: bool, expected: str) -> None:
    assert thai.baht(D("1234567.5"), thai_digits=thai_digits, unit=unit) == expected


def test_baht_refuses_float() -> None:
    with pytest.raises(TypeError, match="not a float"):
        thai.baht(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize("value, expected", [
    ("1,234,567.50", "1234567.50"),
    ("1234567.5", "1234567.50"),
    ("๑,๒๓๔.๕๐", "1234.50"),
    ("1,234.50 บาท", "1234.50"),
    ("1234บาท", "1234.00"),
    ("-0", "0.00"),
    ("0", "0.00"),
    ("999", "999.00"),
    ("1.230", "1.23"),              # a trailing zero is not a third decimal
    (1000, "1000.00"),
    (0, "0.00"),
    (D("12.5"), "12.50"),
    (D("1E+3"), "1000.00"),
])
def test_parse_amount_accepts(value: str | int | Decimal, expected: str) -> None:
    result = thai.parse_amount(value)
    assert isinstance(result, Decimal)
    assert str(result) == expected     # str, not ==, so the two decimal places are checked too


def _in_the_language_of(message: str) -> None:
    """Messages in these tables are written in the language they are said in."""
    words = re.sub(r"'[^']*'", "", message)   # a quoted value is as typed, in either
    language.use("th" if any("\u0e00" <= c <= "\u0e7f" for c in words) else "en")


@pytest.mark.parametrize("value, message", [
    (1.5, "write the amount as text or a whole number"),
    (0.0, "write the amount as text or a whole number"),
    ("1,23,4", "'1,23,4' is not an amount"),
    ("1,2345", "is not an amount"),
    ("12,34", "is not an amount"),
    (",123", "is not an amount"),
    ("1 234", "is not an amount"),
    ("1.234", "'1.234' has more than 2 decimal places"),
    ("1,234.567 บาท", "'1,234.567 บาท' has more than 2 decimal places"),
    (D("1.234"), "1.234 has more than 2 decimal places"),
    ("", "the amount is empty"),
    ("   ", "the amount is empty"),
    ("บาท", "the amount is empty"),
    ("abc", "'abc' is not an amount"),
    ("12a", "is not an amount"),
    ("1e3", "is not an amount"),
    ("1.", "is not an amount"),
    (".5", "is not an amount"),
    ("+5", "is not an amount"),
    ("--5", "is not an amount"),
    ("1.2.3", "is not an amount"),
    ("NaN", "is not an amount"),
    ("٣٠", "is not an amount"),     # Arabic-Indic digits: Decimal() would take them
    (D("NaN"), "NaN is not an amount"),
    (D("Infinity"), "is not an amount"),
    ("1" * 20, "มากเกินกว่างบประมาณใด ๆ (เกิน 10,000,000,000,000 บาท)"),
    ("10,000,000,000,000.01", "มากเกินกว่างบประมาณใด ๆ"),
    ("  -1,000  ", "'-1,000' เป็นจำนวนเงินติดลบ (งบประมาณ แผน และผลการเบิกจ่ายสะสมไม่ติดลบ)"),
    ("-552,000.00", "'-552,000.00' เป็นจำนวนเงินติดลบ"),
    (-25, "-25 เป็นจำนวนเงินติดลบ"),
    ("1e26", "'1e26' is not an amount"),
    ("NaN", "'NaN' is not an amount"),
    (D("1E+26"), "1E+26 มากเกินกว่างบประมาณใด ๆ"),
    (True, "True is not an amount"),
    (None, "None is not an amount"),
])
def test_parse_amount_rejects(value: object, message: str) -> None:
    _in_the_language_of(message)
    with pytest.raises(ValueError) as raised:
        thai.parse_amount(value)  # type: ignore[arg-type]
    assert message in str(raised.value)


def test_total_is_exact() -> None:
    # With floats this sum is 0.9999999999999999.
    result = thai.total([D("0.10")] * 10)
    assert result == D("1.00")
    assert str(result) == "1.00"


def test_total_where_floats_go_wrong() -> None:
    amounts = [thai.parse_amount("1000000000000.01"), thai.parse_amount("0.01"),
               -thai.parse_amount("1000000000000.00")]
    # With floats this sum is 0.0201416015625.
    assert str(thai.total(amounts)) == "0.02"


@pytest.mark.parametrize("amounts, expected", [
    ([], "0.00"),
    ([D("5")], "5.00"),
    ([D("1234567.50"), D("-234567.50")], "1000000.00"),
    ([D("0.10"), D("0.20")], "0.30"),
])
def test_total(amounts: list[Decimal], expected: str) -> None:
    assert str(thai.total(amounts)) == expected


def test_total_refuses_float() -> None:
    with pytest.raises(TypeError):
        thai.total([D("1.00"), 0.5])  # type: ignore[list-item]


@pytest.mark.parametrize("part, whole, expected", [
    (D("91"), D("200"), "45.50"),
    (D("1"), D("3"), "33.33"),
    (D("2"), D("3"), "66.67"),
    (D("1"), D("800"), "0.13"),       # 0.125: half up, not the banker's 0.12
    (D("-1"), D("800"), "-0.13"),
    (D("-1"), D("100000"), "0.00"),   # -0.001 rounds to 0.00, never "-0.00"
    (D("3"), D("2"), "150.00"),
    (D("0"), D("5"), "0.00"),
    (D("1234567.50"), D("1234567.50"), "100.00"),
    # 0.00499…9 (29 digits): a plain Decimal division rounds it to 0.005 first, then to 0.01
    (D("4" + "9" * 28), D("1E+33"), "0.00"),
])
def test_percent(part: Decimal, whole: Decimal, expected: str) -> None:
    assert str(thai.percent(part, whole)) == expected


@pytest.mark.parametrize("part", [D("0"), D("50"), D("-1")])
def test_percent_of_zero_is_none(part: Decimal) -> None:
    assert thai.percent(part, D("0.00")) is None


@pytest.mark.parametrize("value, thai_digits, expected", [
    (D("45.5"), False, "45.50"),
    (D("45.5"), True, "๔๕.๕๐"),
    (D("0.125"), False, "0.13"),
    (D("-0.001"), False, "0.00"),
    (D("1234.5"), False, "1,234.50"),
    (None, False, "–"),
    (None, True, "–"),
])
def test_format_percent(value: Decimal | None, thai_digits: bool, expected: str) -> None:
    assert thai.format_percent(value, thai_digits) == expected



# --- file sizes ---------------------------------------------------------------------

@pytest.mark.parametrize("size, expected", [
    (0, "0 ไบต์"),
    (1, "1 ไบต์"),
    (1023, "1,023 ไบต์"),
    (1024, "1 KB"),
    (1535, "1 KB"),                  # 1.499 KB: half-up to whole KB
    (1536, "2 KB"),
    (245 * 1024 + 100, "245 KB"),    # the example on the page: (PDF, 245 KB)
    (1023 * 1024, "1,023 KB"),
    (1024 * 1024 - 1, "1.0 MB"),     # 1023.999 KB would round to 1024 KB: show MB instead
    (1258291, "1.2 MB"),
    (25 * 1024 * 1024, "25.0 MB"),
    (3 * 1024 ** 3 // 2, "1.5 GB"),
])
def test_file_size(size: int, expected: str) -> None:
    assert thai.file_size(size) == expected


def test_file_size_with_thai_digits() -> None:
    assert thai.file_size(1258291, thai_digits=True) == "๑.๒ MB"
    assert thai.file_size(512, thai_digits=True) == "๕๑๒ ไบต์"


def test_file_size_refuses_negative() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        thai.file_size(-1)
@pytest.mark.parametrize("amount, text", [
    (D("7753278.00"), "7.75"), (D("11661012.00"), "11.66"), (D("38024736.50"), "38.02"),
    (D("5000.00"), "0.01"), (D("4999.99"), "0.00"), (D("0"), "0.00"), (D("-4999"), "0.00"),
    (D("1234567890123.45"), "1,234,567.89")])
def test_million_baht(amount: Decimal, text: str) -> None:
    assert thai.million_baht(amount) == text


def test_million_baht_thai_digits_and_no_float() -> None:
    assert thai.million_baht(D("7753278"), thai_digits=True) == "๗.๗๕"
    with pytest.raises(TypeError):
        thai.million_baht(7753278.0)  # type: ignore[arg-type]


def test_plainly_written_amounts_read_as_the_full_checks_read_them() -> None:
    import random
    rng = random.Random(2569)
    samples = ["0", "0.0", "00.50", "1,000", "9,999,999,999,999.99", "9999999999999",
               "10,000,000,000,000", "1,234,567.5", "000000000000001.25"]
    for _ in range(2000):
        whole = rng.randrange(10 ** rng.randrange(1, 14))
        text = f"{whole:,}" if rng.random() < 0.5 else str(whole).zfill(rng.randrange(1, 4))
        text += rng.choice(["", ".5", ".05", ".50", f".{rng.randrange(100):02d}"])
        samples.append(text)
    for text in samples:   # the padded copy takes the full path: it strips, then checks
        assert thai.parse_amount(text) == thai.parse_amount(f" {text} "), text
        assert str(thai.parse_amount(text)) == str(thai.parse_amount(f" {text} ")), text
    with pytest.raises(ValueError, match="is more than any budget"):
        thai.parse_amount("10,000,000,000,000.01")   # over the bound: the full checks say why


@pytest.mark.parametrize("value, expected", [
    ("95.50", "95.50"), (" 95.5 ", "95.5"), ("+5", "5"), (".5", "0.5"), ("5.", "5"),
    ("๙๕.๕", "95.5"), ("95.5 %", "95.5"), ("0", "0"), ("1000", "1000"), (120, "120"),
])
def test_parse_percent_accepts(value: str | int, expected: str) -> None:
    assert str(thai.parse_percent(value)) == expected


@pytest.mark.parametrize("value, message", [
    ("1e26", "'1e26' ไม่ใช่ร้อยละที่อ่านได้"), ("1e-3", "'1e-3' ไม่ใช่ร้อยละที่อ่านได้"),
    ("NaN", "'NaN' ไม่ใช่ร้อยละที่อ่านได้"), ("Infinity", "'Infinity' ไม่ใช่ร้อยละที่อ่านได้"),
    ("-5", "'-5' ไม่ใช่ร้อยละที่อ่านได้"), ("1,000", "'1,000' ไม่ใช่ร้อยละที่อ่านได้"),
    ("1000.01", "'1000.01' มากเกินกว่าร้อยละที่เป็นไปได้ (เกิน 1,000)"),
    ("9" * 40, "มากเกินกว่าร้อยละที่เป็นไปได้"),
])
def test_parse_percent_rejects(value: str, message: str) -> None:
    _in_the_language_of(message)
    with pytest.raises(ValueError) as raised:
        thai.parse_percent(value)
    assert message in str(raised.value)


@pytest.mark.parametrize("value, expected", [
    ("86", 86), (" 86 ", 86), ("+86", 86), ("86.0", 86), ("๘๖", 86), ("1,200", 1200),
    ("10,000,000", 10_000_000), (1, 1),
])
def test_parse_people_accepts(value: str | int, expected: int) -> None:
    assert thai.parse_people(value) == expected


@pytest.mark.parametrize("value, message", [
    ("0", "'0' น้อยกว่า 1 คน (ถ้าไม่ทราบจำนวน ให้เว้นว่าง)"), ("-3", "'-3' น้อยกว่า 1 คน"),
    ("999999999999999999999999", "'999999999999999999999999' มากเกินกว่าจำนวนคนที่เป็นไปได้ "
                                 "(เกิน 10,000,000 คน)"),
    ("1e3", "'1e3' ไม่ใช่จำนวนเต็ม"), ("86.5", "'86.5' ไม่ใช่จำนวนเต็ม"), ("ยี่สิบ", "'ยี่สิบ' ไม่ใช่จำนวนเต็ม"),
])
def test_parse_people_rejects(value: str, message: str) -> None:
    _in_the_language_of(message)
    with pytest.raises(ValueError) as raised:
        thai.parse_people(value)
    assert message in str(raised.value)


def test_parse_positive_amount_refuses_zero_only(lang: str) -> None:
    assert str(thai.parse_positive_amount("0.01")) == "0.01"
    said = {"th": "^'0.00' เป็นศูนย์ แต่ช่องนี้ต้องมากกว่า 0 บาท",
            "en": "^'0.00' is zero, but this field must be more than 0 baht"}[lang]
    with pytest.raises(ValueError, match=said):
        thai.parse_positive_amount("0.00")


def test_date_window_is_ten_years_before_to_two_years_after_the_fiscal_year() -> None:
    assert thai.date_window(2569) == (datetime.date(2015, 10, 1), datetime.date(2028, 9, 30))
