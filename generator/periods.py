"""The ITA calendar: assessment rounds and reporting deadlines inside a fiscal year."""
from __future__ import annotations

import calendar
import datetime

from . import thai

ROUND_MONTHS = {1: (10, 2), 2: (3, 7)}   # round 1 = Oct–Feb, round 2 = Mar–Jul (seeds 000–002)
REPORT_DAY = 10                          # monthly reports are due by the 10th of the next month


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def report_due(year: int, month: int) -> datetime.date:
    """A report on (year, month) is due by the 10th of the following month."""
    due_year, due_month = next_month(year, month)
    return datetime.date(due_year, due_month, REPORT_DAY)


def fiscal_months(fy: int) -> list[tuple[int, int]]:
    """The twelve (CE year, month) of a fiscal year, October first."""
    start, _ = thai.fiscal_year_bounds(fy)
    months = []
    year, month = start.year, start.month
    for _ in range(12):
        months.append((year, month))
        year, month = next_month(year, month)
    return months


def round_bounds(fy: int, round_no: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of an ITA round of a fiscal year."""
    first, last = ROUND_MONTHS[round_no]
    months = fiscal_months(fy)
    start = next(datetime.date(y, m, 1) for y, m in months if m == first)
    end_year, end_month = next((y, m) for y, m in months if m == last)
    return start, month_end(end_year, end_month)


def round_of(day: datetime.date) -> int | None:
    """The ITA round a day falls in, or None for August and September."""
    for round_no in ROUND_MONTHS:
        start, end = round_bounds(thai.fiscal_year(day), round_no)
        if start <= day <= end:
            return round_no
    return None


def last_month_due(fy: int, as_of: datetime.date) -> tuple[int, int] | None:
    """The latest month of ``fy`` whose monthly report is due on ``as_of``."""
    due = [ym for ym in fiscal_months(fy) if report_due(*ym) <= as_of]
    return due[-1] if due else None


def reported_round(fy: int, as_of: datetime.date) -> int | None:
    """The round a working group reports on when it checks fiscal year ``fy`` on ``as_of``:
    the round the day falls in, the second in August and September (just ended), the first
    before the year starts; None once the year is over (the whole year is reported)."""
    start, end = thai.fiscal_year_bounds(fy)
    if as_of > end:
        return None
    if as_of < start:
        return 1
    return round_of(as_of) or 2
