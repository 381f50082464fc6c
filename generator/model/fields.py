"""Field types that accept what Thai webmasters actually type.

Each parser raises FieldError, which carries the plain-words expectation that the
error report shows after the problem.
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, PlainSerializer, ValidationInfo

from .. import thai
from ..language import Said, tr
from . import contacts


class FieldError(ValueError):
    """A value that cannot be read, with what would have been accepted."""

    def __init__(self, message: str, expected: str | Said) -> None:
        super().__init__(message)
        self.expected = str(expected)   # said in the language in use now


DATE_EXPECTED = Said("วันที่ เช่น 5 มี.ค. 2567, 5/3/2567 หรือ 2024-03-05",
                     "a date such as 2024-03-05, 5/3/2567 or 5 มี.ค. 2567")
AMOUNT_EXPECTED = Said("จำนวนเงินเป็นบาท เช่น 1,234,567.50", "an amount in baht such as 1,234,567.50")
YEAR_EXPECTED = Said("ปี พ.ศ. เช่น 2567", "a Buddhist Era year such as 2567")
MONTH_EXPECTED = Said("เดือน เช่น ธ.ค. 2566, ธันวาคม หรือ 2023-12",
                      "a month such as ธ.ค. 2566, ธันวาคม or 2023-12")
PERIOD_EXPECTED = Said("ไตรมาส (ไตรมาส 1 … ไตรมาส 4, Q1 … Q4) หรือเดือน (ต.ค., ต.ค. 2566, 2023-10)",
                       "a quarter (ไตรมาส 1 … ไตรมาส 4, Q1 … Q4) or a month (ต.ค., ต.ค. 2566, "
                       "2023-10)")
URL_EXPECTED = Said("ที่อยู่เว็บเต็มรูปแบบ ขึ้นต้นด้วย https:// หรือ http://",
                    "a full web address starting with https:// or http://")
PERCENT_EXPECTED = Said(f"ร้อยละเป็นตัวเลข 0 ถึง {thai.MAX_PERCENT:,} เช่น 95.50 (ไม่ใช้รูปแบบ 1e5)",
                        f"a percentage from 0 to {thai.MAX_PERCENT:,} such as 95.50 (not "
                        "written like 1e5)")
EMAIL_EXPECTED = Said("ที่อยู่อีเมลหนึ่งที่อยู่ เช่น saraban@chpb.example.go.th",
                      "one e-mail address such as saraban@chpb.example.go.th")
PHONE_EXPECTED = Said("หมายเลขโทรศัพท์ เช่น 0 2123 4567, 02-123-4567, 08 1234 5678, "
                      "0 2123 4567 ต่อ 101 หรือหลายหมายเลขคั่นด้วย ,",
                      "a phone number such as 0 2123 4567, 02-123-4567, 08 1234 5678, "
                      "0 2123 4567 ต่อ 101, or several separated by ,")
PEOPLE_EXPECTED = Said(f"จำนวนคนเป็นจำนวนเต็ม 1 ถึง {thai.MAX_PEOPLE:,} เช่น 58",
                       f"a number of people, a whole number from 1 to {thai.MAX_PEOPLE:,}, "
                       "such as 58")


_CONTAINERS = (list, dict)   # a tuple: ``list | dict`` would be made again on every call


def _field(parser: Any, expected: str | Said, *, nullable: bool = False) -> BeforeValidator:
    """A pydantic validator that runs ``parser`` and names the expected form on failure."""

    def parse(value: Any, info: ValidationInfo) -> Any:
        if value is None and nullable:
            return None
        if value is None or isinstance(value, _CONTAINERS):
            not_a_single_value(value)
        try:
            return parser(value, (info.context or {}).get("fiscal_year"))
        except FieldError:
            raise
        except (ValueError, TypeError) as exc:
            raise FieldError(str(exc), expected) from None
    return BeforeValidator(parse)


def not_a_single_value(value: Any) -> Any:
    """Raise the error for a list or a block of fields where one value belongs."""
    if isinstance(value, list):
        kind = tr("รายการ", "a list")
    else:
        kind = tr("ชุดของช่องข้อมูล", "a block of fields") if isinstance(value, dict) else tr(
            "ค่าว่าง", "nothing")
    raise FieldError(tr(f"พบ{kind}ตรงนี้", f"found {kind} here"), Said("ค่าเดียว", "a single value"))


def _date(value: Any, fiscal_year: int | None) -> datetime.date:
    found = thai.parse_date(value)
    _in_window(found, found, fiscal_year, str(value).strip())
    return found


def _in_window(first: datetime.date, last: datetime.date, fiscal_year: int | None,
               shown: str) -> None:
    """Refuse a date (or a month, first to last day) that no data of the year can carry."""
    if fiscal_year is None:
        return
    start, end = thai.date_window(fiscal_year)
    if last < start or first > end:
        raise FieldError(tr(f"'{shown}' อยู่ห่างจากปีงบประมาณ {fiscal_year} มากเกินไป (ปีพิมพ์ผิดหรือไม่)",
                            f"'{shown}' is too far from fiscal year {fiscal_year} (a mistyped "
                            "year?)"),
                         tr(f"วันที่ตั้งแต่ {thai.thai_date(start)} ถึง {thai.thai_date(end)} "
                            f"({thai.DATE_YEARS_BEFORE} ปีก่อนเริ่มปีงบประมาณ ถึง "
                            f"{thai.DATE_YEARS_AFTER} ปีหลังสิ้นปีงบประมาณ)",
                            f"a date from {start.isoformat()} to {end.isoformat()} "
                            f"({thai.DATE_YEARS_BEFORE} year(s) before the fiscal year starts "
                            f"to {thai.DATE_YEARS_AFTER} after it ends)"))


def _amount(value: Any, _fy: int | None) -> Decimal:
    return thai.parse_amount(value)


def _positive_amount(value: Any, _fy: int | None) -> Decimal:
    return thai.parse_positive_amount(value)


def _percent(value: Any, _fy: int | None) -> Decimal:
    return thai.parse_percent(value)


def _people(value: Any, _fy: int | None) -> int:
    return thai.parse_people(value)


def _year(value: Any, _fy: int | None) -> int:
    return thai.parse_year(value)


_money = PlainSerializer(lambda d: None if d is None else f"{d:.2f}", return_type=str | None)
ThaiDate = Annotated[datetime.date, _field(_date, DATE_EXPECTED)]
OptionalDate = Annotated[datetime.date | None, _field(_date, DATE_EXPECTED, nullable=True)]
Baht = Annotated[Decimal, _field(_amount, AMOUNT_EXPECTED), _money]
OptionalBaht = Annotated[Decimal | None, _field(_amount, AMOUNT_EXPECTED, nullable=True), _money]
OptionalPositiveBaht = Annotated[Decimal | None, _field(_positive_amount, AMOUNT_EXPECTED,
                                                        nullable=True), _money]
OptionalPercent = Annotated[Decimal | None, _field(_percent, PERCENT_EXPECTED, nullable=True)]
OptionalPeople = Annotated[int | None, _field(_people, PEOPLE_EXPECTED, nullable=True)]
FiscalYearBE = Annotated[int, _field(_year, YEAR_EXPECTED)]


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month (Gregorian year internally)."""

    year: int
    month: int

    @property
    def fiscal_year(self) -> int:
        return thai.fiscal_year(datetime.date(self.year, self.month, 1))

    @property
    def fiscal_quarter(self) -> int:
        return thai.fiscal_quarter(datetime.date(self.year, self.month, 1))

    def __str__(self) -> str:
        return thai.thai_month(self.year, self.month, "short")


def _month(value: Any, fiscal_year: int | None) -> Month:
    year, month = thai.parse_month(value, fiscal_year)
    last_day = calendar.monthrange(year, month)[1]
    _in_window(datetime.date(year, month, 1), datetime.date(year, month, last_day), fiscal_year,
               str(value).strip())
    return Month(year, month)


_month_text = PlainSerializer(lambda m: None if m is None else f"{m.year:04d}-{m.month:02d}",
                              return_type=str | None)
OptionalMonth = Annotated[Month | None, _field(_month, MONTH_EXPECTED, nullable=True), _month_text]


@dataclass(frozen=True, order=True)
class MonthSpan(Month):
    """Months written as a quarter or a range ("ไตรมาส 2", "ต.ค. - ธ.ค. 69"), as a planned
    procurement often is: a Month of its first month (what summaries by quarter use), shown
    as written."""

    last: Month = Month(1, 1)
    written: str = ""

    def __str__(self) -> str:
        return self.written


SPAN_EXPECTED = Said("เดือน ไตรมาส หรือช่วงเดือน เช่น ธ.ค. 2566, ไตรมาส 2, ต.ค. - ธ.ค. 69 หรือ 2023-12",
                     "a month, a quarter or a range of months such as ธ.ค. 2566, ไตรมาส 2, "
                     "ต.ค. - ธ.ค. 69 or 2023-12")
_SPAN = re.compile(r"^(.+?)\s*(?:-|–|—|ถึง)\s*(.+)$")


def _month_or_span(value: Any, fiscal_year: int | None) -> Month:
    """A month; else a quarter of the fiscal year; else a range of months within a year."""
    try:
        return _month(value, fiscal_year)
    except ValueError as refused:
        text = " ".join(thai.to_arabic_digits(str(value)).split())
        quarter = _QUARTER.match(text)
        if quarter and fiscal_year is not None:
            first, last = thai.quarter_bounds(fiscal_year, int(quarter.group(1)))
            return MonthSpan(first.year, first.month, Month(last.year, last.month), text)
        span = _SPAN.match(text)
        if span is None:
            raise refused
        end = _month(span.group(2), fiscal_year)
        try:
            start = _month(span.group(1), fiscal_year)
        except ValueError:   # "ต.ค. - ธ.ค. 69": the first month takes the last one's year
            start = _month(f"{span.group(1)} {thai.be_year(end.year)}", fiscal_year)
            if start > end:
                start = Month(start.year - 1, start.month)
        if not start <= end < Month(start.year + 1, start.month):
            raise FieldError(tr(f"'{text}' ไม่ใช่ช่วงเดือนที่เรียงกันภายในหนึ่งปี",
                                f"'{text}' is not a range of months within one year"),
                             SPAN_EXPECTED) from None
        return MonthSpan(start.year, start.month, end, text)


OptionalMonthSpan = Annotated[Month | None, _field(_month_or_span, SPAN_EXPECTED, nullable=True),
                              _month_text]


@dataclass(frozen=True, order=True)
class Period:
    """A planning period inside one fiscal year: a quarter, or a month."""

    order: int           # sort key within the fiscal year: quarters 1-4, months 1-12 (Oct = 1)
    quarter: int
    month: Month | None = None

    @property
    def label(self) -> str:
        return str(self.month) if self.month else f"ไตรมาส {self.quarter}"

    @property
    def key(self) -> str:
        return f"{self.month.year:04d}-{self.month.month:02d}" if self.month else f"Q{self.quarter}"


_QUARTER = re.compile(r"^(?:ไตรมาส(?:ที่)?|q)\s*([1-4])$", re.IGNORECASE)


def parse_period(value: Any, fiscal_year: int | None) -> Period:
    """'ไตรมาส 2', 'Q2', 'ม.ค.', 'ม.ค. 67' or '2024-01' → a Period of that fiscal year."""
    text = thai.to_arabic_digits(str(value)).strip()
    quarter = _QUARTER.match(text)
    if quarter:
        return Period(int(quarter.group(1)), int(quarter.group(1)))
    year, month = thai.parse_month(text, fiscal_year)
    found = Month(year, month)
    if fiscal_year is not None and found.fiscal_year != fiscal_year:
        raise ValueError(f"{found} is not in fiscal year {fiscal_year}")
    return Period(thai.fiscal_month_order(month), found.fiscal_quarter, found)


def _period(value: Any, fiscal_year: int | None) -> Period:
    return parse_period(value, fiscal_year)


PeriodKey = Annotated[Period, _field(_period, PERIOD_EXPECTED)]


def _url(value: Any, _fy: int | None) -> str:
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(tr(f"'{text}' ไม่ใช่ที่อยู่เว็บ", f"'{text}' is not a web address"))
    return text


def _text(value: Any, _fy: int | None) -> str:
    text = str(value).strip()
    if "\n" not in text:
        text = " ".join(text.split())
    if not text:
        raise ValueError(tr("ไม่มีข้อความ", "the text is empty"))
    return text


def _email(value: Any, _fy: int | None) -> str:
    return contacts.parse_email(value)


def _phone(value: Any, _fy: int | None) -> str:
    return contacts.parse_phone(value)


OptionalEmail = Annotated[str | None, _field(_email, EMAIL_EXPECTED, nullable=True)]
OptionalPhone = Annotated[str | None, _field(_phone, PHONE_EXPECTED, nullable=True)]
OptionalUrl = Annotated[str | None, _field(_url, URL_EXPECTED, nullable=True)]

SITE_URL_EXPECTED = Said("ที่อยู่เว็บสาธารณะของหน้า OIT เช่น https://www.example.go.th/oit/",
                         "the OIT pages' public address, e.g. https://www.example.go.th/oit/")


# The theme writes the site's address into every page (canonical link, sitemap) as it is:
# only the characters an address needs, Thai in a path written %-encoded as browsers send it.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9\-._~:/%]+")


def _site_url(value: Any, _fy: int | None) -> str:
    """The public address of the published site, always ending in a slash."""
    text = _url(value, _fy)
    parts = urlsplit(text)
    if parts.query or parts.fragment:
        raise FieldError(tr(f"'{text}' มีส่วน ? หรือ # ซึ่งที่อยู่ของเว็บไซต์ไม่มี",
                            f"'{text}' has a ? or # part, which a site's address has not"),
                         SITE_URL_EXPECTED)
    if not _PLAIN_ADDRESS.fullmatch(text):
        raise FieldError(tr(f"'{text}' มีอักขระที่ที่อยู่ของเว็บไซต์ไม่ใช้ (ใช้ได้เฉพาะ A-Z a-z 0-9 - . _ ~ / : "
                            "และ %; อักษรไทยให้เขียนแบบเข้ารหัส %E0%B8…)",
                            f"'{text}' has characters a site's address does not use (only A-Z "
                            "a-z 0-9 - . _ ~ / : and %; Thai written %-encoded, %E0%B8…)"),
                         SITE_URL_EXPECTED)
    return text if text.endswith("/") else text + "/"


OptionalSiteUrl = Annotated[str | None, _field(_site_url, SITE_URL_EXPECTED, nullable=True)]

# The header's text is white on the primary colour: WCAG AA asks 4.5:1 for normal text.
MIN_CONTRAST = 4.5
COLOUR_EXPECTED = Said(f"สีแบบ #RRGGBB ที่เข้มพอให้ตัวอักษรสีขาวอ่านได้ (ต่างกันอย่างน้อย {MIN_CONTRAST}:1) "
                       "เช่น #1F4E79",
                       f"a colour #RRGGBB dark enough for white text on it (at least "
                       f"{MIN_CONTRAST}:1), e.g. #1F4E79")
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def contrast_with_white(colour: str) -> float:
    """The WCAG 2 contrast ratio of white on ``colour`` (#RRGGBB)."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def _colour(value: Any, _fy: int | None) -> str:
    text = str(value).strip()
    found = _HEX.match(text)
    if found is None:
        raise ValueError(tr(f"'{text}' ไม่ใช่รหัสสี", f"'{text}' is not a colour code"))
    digits = found.group(1)
    colour = "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits)).upper()
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise FieldError(tr(f"ตัวอักษรสีขาวบนสี {colour} ต่างกันเพียง {ratio:.2f}:1 อ่านยาก",
                            f"white text on {colour} has a contrast of only {ratio:.2f}:1"),
                         COLOUR_EXPECTED)
    return colour


OptionalColour = Annotated[str | None, _field(_colour, COLOUR_EXPECTED, nullable=True)]
SOME_TEXT = Said("ข้อความ", "some text")
Text = Annotated[str, _field(_text, SOME_TEXT)]
OptionalText = Annotated[str | None, _field(_text, SOME_TEXT, nullable=True)]
