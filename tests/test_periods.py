"""The ITA calendar: rounds and monthly report deadlines, at their edges."""
from __future__ import annotations

import datetime

import pytest

from generator import periods


@pytest.mark.parametrize(("day", "expected"), [
    (datetime.date(2023, 9, 30), None), (datetime.date(2023, 10, 1), 1),
    (datetime.date(2024, 2, 29), 1), (datetime.date(2024, 3, 1), 2),
    (datetime.date(2024, 7, 31), 2), (datetime.date(2024, 8, 1), None)])
def test_round_of_day_at_the_edges(day: datetime.date, expected: int | None) -> None:
    assert periods.round_of(day) == expected


def test_round_bounds_of_fiscal_year_2567() -> None:
    assert periods.round_bounds(2567, 1) == (datetime.date(2023, 10, 1), datetime.date(2024, 2, 29))
    assert periods.round_bounds(2567, 2) == (datetime.date(2024, 3, 1), datetime.date(2024, 7, 31))


@pytest.mark.parametrize(("as_of", "expected"), [
    (datetime.date(2023, 11, 9), None), (datetime.date(2023, 11, 10), (2023, 10)),
    (datetime.date(2024, 1, 10), (2023, 12)), (datetime.date(2024, 10, 10), (2024, 9)),
    (datetime.date(2025, 6, 1), (2024, 9))])
def test_last_month_whose_report_is_due(as_of: datetime.date, expected: tuple[int, int] | None) -> None:
    assert periods.last_month_due(2567, as_of) == expected


def test_report_due_crosses_the_calendar_year() -> None:
    assert periods.report_due(2023, 12) == datetime.date(2024, 1, 10)
    assert periods.fiscal_months(2567)[0] == (2023, 10) and periods.fiscal_months(2567)[-1] == (2024, 9)
