"""Thai formatting and parsing: digits, Buddhist Era years, dates, fiscal years, baht, file sizes."""
from __future__ import annotations

import calendar
import datetime
import os
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .language import tr

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
MONTHS_FULL: tuple[str, ...] = (
    "", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_ABBR: tuple[str, ...] = (
    "", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
BE_OFFSET = 543
THAILAND = datetime.timezone(datetime.timedelta(hours=7), "Asia/Bangkok")

MIN_BE, MAX_BE = 2400, 2700
_CENT = Decimal("0.01")
_ZERO_CENTS = Decimal("0.00")
# Bounds on what a unit's figures can be: one per kind of number. The whole national budget
# is about 3.7 × 10^12 baht; a stated progress of ten times the plan is a typo ("9550" for
# 95.50); a count of people beyond the country's volunteers' networks likewise.
MAX_AMOUNT = Decimal(10) ** 13
MAX_PERCENT = Decimal(1000)
MAX_PEOPLE = 10_000_000
# Dates of a fiscal year's data lie within ten years before it starts (older documents
# re-linked as evidence) and two years after it ends (a report or an edit made later).
DATE_YEARS_BEFORE, DATE_YEARS_AFTER = 10, 2
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
# Keyed without dots, so "มี.ค.", "มีค" and a half-dotted "มี.ค" all find March.
_MONTH_NUMBERS: dict[str, int] = {
    name.replace(".", ""): number
    for number in range(1, 13)
    for name in (MONTHS_FULL[number], MONTHS_ABBR[number])
}

# Patterns use [0-9], not \d: \d also matches Thai, Arabic-Indic, ... digits.
_YEAR = re.compile(r"(?:พ\.ศ\.\s*)?([0-9]{4})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY_DATE = re.compile(r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})")
_WORD_DATE = re.compile(r"([0-9]{1,2})\s*([^\s0-9]+?)\s*(?:พ\.ศ\.\s*)?([0-9]{4}|[0-9]{2})")
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_WORD_MONTH = re.compile(r"(?:เดือน\s*)?([^\s0-9]+?)(?:\s*(?:พ\.ศ\.\s*)?([0-9]{4}|[0-9]{2}))?")
_AMOUNT = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_BAHT_UNIT = re.compile(r"\s*บาท$")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with 0-9, leaving everything else unchanged."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace 0-9 with Thai digits, leaving everything else unchanged."""
    return text.translate(_TO_THAI)


def be_year(ce: int) -> int:
    """Buddhist Era year of a Gregorian year."""
    return ce + BE_OFFSET


def ce_year(year: int) -> int:
    """Gregorian year of a year that is BE when >= 2400 and CE otherwise."""
    return year - BE_OFFSET if year >= MIN_BE else year


def parse_year(value: int | str) -> int:
    """A BE year from a BE or CE year written as a number or text."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(tr(f"{value!r} ไม่ใช่ปี พ.ศ.", f"{value!r} is not a year"))
    if isinstance(value, str):
        found = _YEAR.fullmatch(to_arabic_digits(value).strip())
        if not found:
            raise ValueError(tr(f"{value!r} ไม่ใช่ปี พ.ศ.", f"{value!r} is not a year"))
        value = int(found.group(1))
    be = be_year(ce_year(value))
    if not MIN_BE <= be <= MAX_BE:
        raise ValueError(tr(f"ปี {value} อยู่นอกช่วงปี พ.ศ. ที่ใช้ได้", f"year {value} is out of range"))
    return be


def _month_number(name: str) -> int:
    """The month number of a full or abbreviated Thai month name."""
    number = _MONTH_NUMBERS.get(name.replace(".", ""))
    if number is None:
        raise ValueError(tr(f"ไม่รู้จักชื่อเดือน {name!r}", f"unknown month name {name!r}"))
    return number


def _written_year(text: str) -> int:
    """The CE year of a written year; two digits mean BE 25xx."""
    return ce_year(parse_year(2500 + int(text) if len(text) == 2 else int(text)))


def _real_date(year: int, month: int, day: int, original: str) -> datetime.date:
    """The date, or ValueError naming the original text when it does not exist."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(tr(f"{original!r} ไม่มีวันนี้ในปฏิทิน", f"{original!r} is not a real date")) from None


def parse_date(value: str | datetime.date | datetime.datetime) -> datetime.date:
    """A Gregorian date from the ways Thai webmasters write dates."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        # PyYAML reads "2567-03-05" as date(2567, 3, 5): a BE year in a date object.
        return _real_date(ce_year(parse_year(value.year)), value.month, value.day, str(value))
    if not isinstance(value, str):
        raise ValueError(tr(f"{value!r} ไม่ใช่วันที่", f"{value!r} is not a date"))
    text = to_arabic_digits(value).strip().removeprefix("วันที่").strip()
    if found := _ISO_DATE.fullmatch(text):
        year, month, day = found.groups()
    elif found := _DMY_DATE.fullmatch(text):
        day, _, month, year = found.groups()
    elif found := _WORD_DATE.fullmatch(text):
        day, name, year = found.groups()
        month = str(_month_number(name))
    else:
        raise ValueError(tr(f"{value.strip()!r} ไม่ใช่วันที่", f"{value.strip()!r} is not a date"))
    return _real_date(_written_year(year), int(month), int(day), value.strip())


def parse_month(value: str | datetime.date, fiscal_year: int | None = None) -> tuple[int, int]:
    """A calendar month as (ce_year, month); a bare month name needs the BE fiscal year."""
    if isinstance(value, datetime.date):
        return parse_date(value).year, value.month
    if not isinstance(value, str):
        raise ValueError(tr(f"{value!r} ไม่ใช่เดือน", f"{value!r} is not a month"))
    text = to_arabic_digits(value).strip()
    if found := _ISO_MONTH.fullmatch(text):
        year, month = _written_year(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12:
            raise ValueError(tr(f"{value.strip()!r} ไม่มีเดือนนี้", f"{value.strip()!r} is not a real month"))
        return year, month
    found = _WORD_MONTH.fullmatch(text)
    if not found:
        raise ValueError(tr(f"{value.strip()!r} ไม่ใช่เดือน", f"{value.strip()!r} is not a month"))
    month = _month_number(found.group(1))
    if found.group(2):
        return _written_year(found.group(2)), month
    if fiscal_year is None:
        raise ValueError(tr(f"{value.strip()!r} ไม่ระบุปี", f"{value.strip()!r} has no year"))
    start, _ = fiscal_year_bounds(fiscal_year)
    return (start.year if month >= 10 else start.year + 1), month


# How nearly every amount is written (1,234,567.50): read without the checks' detours.
# Thirteen digits at most: under MAX_AMOUNT.
_PLAIN_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3}){0,3}|[0-9]{1,13})(?:\.[0-9]{1,2})?")


def parse_amount(value: str | int | Decimal) -> Decimal:
    """An amount of baht, exact, with two decimal places."""
    if isinstance(value, str) and _PLAIN_AMOUNT.fullmatch(value):
        return Decimal(value.replace(",", "")).quantize(_CENT)
    if isinstance(value, float):
        raise ValueError(tr("เขียนจำนวนเงินเป็นข้อความ เช่น \"1,234.50\" หรือจำนวนเต็ม", "write the amount as text or a whole number"))
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError(tr(f"{value!r} ไม่ใช่จำนวนเงิน", f"{value!r} is not an amount"))
    shown = repr(value.strip()) if isinstance(value, str) else str(value)
    amount = _amount_from_text(value) if isinstance(value, str) else Decimal(value)
    if not amount.is_finite():
        raise ValueError(tr(f"{shown} ไม่ใช่จำนวนเงิน", f"{shown} is not an amount"))
    # Checked before quantize(), which would overflow the 28-digit context (InvalidOperation).
    if amount > MAX_AMOUNT:
        raise ValueError(tr(f"{shown} มากเกินกว่างบประมาณใด ๆ (เกิน {MAX_AMOUNT:,} บาท)",
                            f"{shown} is more than any budget (over {MAX_AMOUNT:,} baht)"))
    if amount < 0:
        raise ValueError(tr(f"{shown} เป็นจำนวนเงินติดลบ (งบประมาณ แผน และผลการเบิกจ่ายสะสมไม่ติดลบ)",
                            f"{shown} is negative (budgets, plans and cumulative spending "
                            "are not)"))
    if amount != amount.quantize(_CENT):
        raise ValueError(tr(f"{shown} มีทศนิยมเกิน 2 ตำแหน่ง (สตางค์)", f"{shown} has more than 2 decimal places"))
    return _clean_zero(amount.quantize(_CENT))


def parse_positive_amount(value: str | int | Decimal) -> Decimal:
    """An amount that must be more than zero: a plan's total, an item's budget."""
    amount = parse_amount(value)
    if not amount:
        shown = repr(value.strip()) if isinstance(value, str) else str(value)
        raise ValueError(tr(f"{shown} เป็นศูนย์ แต่ช่องนี้ต้องมากกว่า 0 บาท (ถ้ายังไม่ทราบ ให้เว้นว่าง)",
                            f"{shown} is zero, but this field must be more than 0 baht (leave "
                            "it empty while it is not known)"))
    return amount


# A percentage as typed: "95.50", "95.5 %", "๙๕.๕", "+5", ".5"; no exponent, NaN or Infinity.
_PERCENT = re.compile(r"\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*%?")


def parse_percent(value: str | int | Decimal) -> Decimal:
    """A percentage from 0 to MAX_PERCENT, exact as written."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError(tr(f"{value!r} ไม่ใช่ร้อยละ", f"{value!r} is not a percentage"))
    text = to_arabic_digits(str(value)).strip()
    if not _PERCENT.fullmatch(text):
        raise ValueError(tr(f"'{str(value).strip()}' ไม่ใช่ร้อยละที่อ่านได้",
                            f"'{str(value).strip()}' is not a readable percentage"))
    percent = Decimal(text.rstrip("%").strip())
    if percent > MAX_PERCENT:
        raise ValueError(tr(f"'{str(value).strip()}' มากเกินกว่าร้อยละที่เป็นไปได้ (เกิน {MAX_PERCENT:,})",
                            f"'{str(value).strip()}' is more than any possible percentage (over "
                            f"{MAX_PERCENT:,})"))
    return percent


_COUNT = re.compile(r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0+)?")


def parse_people(value: str | int) -> int:
    """A number of people: a whole number from 1 to MAX_PEOPLE ("1,200" and Thai digits too)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(tr(f"{value!r} ไม่ใช่จำนวนเต็ม", f"{value!r} is not a whole number"))
    shown = str(value).strip()
    text = to_arabic_digits(shown)
    if not _COUNT.fullmatch(text):
        raise ValueError(tr(f"'{shown}' ไม่ใช่จำนวนเต็ม", f"'{shown}' is not a whole number"))
    count = int(Decimal(text.replace(",", "")))
    if count < 1:
        raise ValueError(tr(f"'{shown}' น้อยกว่า 1 คน (ถ้าไม่ทราบจำนวน ให้เว้นว่าง)",
                            f"'{shown}' is fewer than 1 person (leave it empty if the number "
                            "is not known)"))
    if count > MAX_PEOPLE:
        raise ValueError(tr(f"'{shown}' มากเกินกว่าจำนวนคนที่เป็นไปได้ (เกิน {MAX_PEOPLE:,} คน)",
                            f"'{shown}' is more people than possible (over {MAX_PEOPLE:,})"))
    return count


def date_window(fy: int) -> tuple[datetime.date, datetime.date]:
    """The first and last date that data of a BE fiscal year can carry (DATE_YEARS_*)."""
    start, end = fiscal_year_bounds(fy)
    return (start.replace(year=start.year - DATE_YEARS_BEFORE),
            end.replace(year=end.year + DATE_YEARS_AFTER))


def _amount_from_text(value: str) -> Decimal:
    """The number in an amount written as text, not yet checked for size or decimals."""
    text = _BAHT_UNIT.sub("", to_arabic_digits(value).strip())
    if not text:
        raise ValueError(tr("ไม่มีจำนวนเงิน", "the amount is empty"))
    if not _AMOUNT.fullmatch(text):
        raise ValueError(tr(f"{value.strip()!r} ไม่ใช่จำนวนเงิน", f"{value.strip()!r} is not an amount"))
    return Decimal(text.replace(",", ""))


def _clean_zero(amount: Decimal) -> Decimal:
    """The amount, with -0.00 turned into 0.00."""
    return amount if amount else abs(amount)


def fiscal_year(d: datetime.date) -> int:
    """The BE fiscal year containing the date (1 Oct - 30 Sep, named by its end)."""
    return be_year(d.year + 1 if d.month >= 10 else d.year)


def fiscal_quarter(d: datetime.date) -> int:
    """The fiscal quarter 1-4 of the date; Q1 is Oct-Dec."""
    return (fiscal_month_order(d.month) - 1) // 3 + 1


def fiscal_year_bounds(fy: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a BE fiscal year."""
    if not MIN_BE <= fy <= MAX_BE:
        raise ValueError(f"fiscal year {fy} is not a Buddhist Era year")
    end = ce_year(fy)
    return datetime.date(end - 1, 10, 1), datetime.date(end, 9, 30)


def quarter_bounds(fy: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a quarter of a BE fiscal year."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter {quarter} is not 1-4")
    start, _ = fiscal_year_bounds(fy)
    first = start.month + 3 * (quarter - 1)
    year, month = start.year + (first - 1) // 12, (first - 1) % 12 + 1
    last_month = month + 2
    last_day = calendar.monthrange(year, last_month)[1]
    return datetime.date(year, month, 1), datetime.date(year, last_month, last_day)


def _check_month(month: int) -> None:
    """Raise ValueError unless month is 1-12 (a negative index would pick a name)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1-12")


def fiscal_month_order(month: int) -> int:
    """Position of a calendar month within the fiscal year: Oct -> 1 ... Sep -> 12."""
    _check_month(month)
    return (month - 10) % 12 + 1


def _digits(text: str, thai_digits: bool) -> str:
    """The text, with Thai digits when asked."""
    return to_thai_digits(text) if thai_digits else text


def thai_date(d: datetime.date, style: str = "full", thai_digits: bool = False) -> str:
    """A date in Thai: full '5 มีนาคม 2567', short '5 มี.ค. 67', long 'วันที่ 5 มีนาคม พ.ศ. 2567'."""
    be = be_year(d.year)
    if style == "full":
        text = f"{d.day} {MONTHS_FULL[d.month]} {be}"
    elif style == "short":
        text = f"{d.day} {MONTHS_ABBR[d.month]} {be % 100:02d}"
    elif style == "long":
        text = f"วันที่ {d.day} {MONTHS_FULL[d.month]} พ.ศ. {be}"
    else:
        raise ValueError(f"unknown date style {style!r}")
    return _digits(text, thai_digits)


def thai_month(year: int, month: int, style: str = "short", thai_digits: bool = False) -> str:
    """A month of a CE year in Thai: short 'ธ.ค. 66', full 'ธันวาคม 2566'."""
    _check_month(month)
    be = be_year(year)
    if style == "short":
        text = f"{MONTHS_ABBR[month]} {be % 100:02d}"
    elif style == "full":
        text = f"{MONTHS_FULL[month]} {be}"
    else:
        raise ValueError(f"unknown month style {style!r}")
    return _digits(text, thai_digits)


def baht(amount: Decimal, thai_digits: bool = False, unit: bool = False) -> str:
    """An amount as '1,234,567.50', optionally with Thai digits and ' บาท'."""
    if not isinstance(amount, Decimal):
        if isinstance(amount, float):
            raise TypeError("baht() needs a Decimal, not a float")
        amount = Decimal(amount)
    rounded = _clean_zero(amount.quantize(_CENT, ROUND_HALF_UP))
    text = f"{rounded:,.2f}" + (" บาท" if unit else "")
    return to_thai_digits(text) if thai_digits else text


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """100 * part / whole rounded half-up to 0.01, or None when whole is zero."""
    if whole == 0:
        return None
    # Divide with 60 significant digits so rounding effectively happens once: for amounts
    # in satang a true quotient is either exactly a tie (then exact here) or farther from
    # one than 60 digits can blur; Fraction gives the same results, slower.
    with localcontext() as ctx:
        ctx.prec = 60
        quotient = Decimal(part) * 100 / Decimal(whole)
    return _clean_zero(quotient.quantize(_CENT, ROUND_HALF_UP))


def format_percent(value: Decimal | None, thai_digits: bool = False) -> str:
    """A percentage as '45.50', or '–' when there is none."""
    if value is None:
        return "–"
    rounded = _clean_zero(value.quantize(_CENT, ROUND_HALF_UP))
    return _digits(f"{rounded:,.2f}", thai_digits)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of the amounts; Decimal('0.00') when there are none."""
    return sum(amounts, _ZERO_CENTS)


_KIB = 1024
_SIZE_UNITS = ("KB", "MB", "GB", "TB")


def file_size(size: int, thai_digits: bool = False) -> str:
    """A file size as Windows shows it to the webmaster (1 KB = 1024 bytes):
    '512 ไบต์', '245 KB' (whole KB), '1.2 MB' (one decimal from MB up)."""
    if size < 0:
        raise ValueError("a file size cannot be negative")
    if size < _KIB:
        return _digits(f"{size:,} ไบต์", thai_digits)
    value = Decimal(size)
    for index, unit in enumerate(_SIZE_UNITS):
        value /= _KIB
        places = Decimal(1) if unit == "KB" else Decimal("0.1")
        shown = value.quantize(places, ROUND_HALF_UP)
        if shown < _KIB or index == len(_SIZE_UNITS) - 1:   # 1023.6 KB shows as 1.0 MB
            return _digits(f"{shown:,} {unit}", thai_digits)
    raise AssertionError("unreachable")
_MILLION = Decimal(1_000_000)


def million_baht(amount: Decimal, thai_digits: bool = False) -> str:
    """An amount in millions of baht, '7,753,278.00' -> '7.75' (rounded half-up)."""
    if isinstance(amount, float):
        raise TypeError("million_baht() needs a Decimal, not a float")
    rounded = _clean_zero((Decimal(amount) / _MILLION).quantize(_CENT, ROUND_HALF_UP))
    return _digits(f"{rounded:,.2f}", thai_digits)


def today_in_thailand() -> datetime.date:
    """The build date: SOURCE_DATE_EPOCH if set (reproducible builds), else today in Thailand."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), THAILAND) if epoch
              else datetime.datetime.now(THAILAND))
    return moment.date()
