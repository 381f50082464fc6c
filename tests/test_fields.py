"""Field types: what each accepts and the exact problem for what it refuses."""
from __future__ import annotations

import datetime

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.model.fields import OptionalDate, OptionalEmail, OptionalMonth, OptionalPercent


def _error(adapter: TypeAdapter[object], value: str, year: int | None = 2569) -> str:
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value, context={"fiscal_year": year})
    error = caught.value.errors()[0]["ctx"]["error"]
    return f"{error} (expected {error.expected})"


EMAIL: TypeAdapter[object] = TypeAdapter(OptionalEmail)


def test_a_field_that_is_not_an_email_address_names_the_expected_form(lang: str) -> None:
    assert EMAIL.validate_python(" saraban@chpb.example.go.th ") == "saraban@chpb.example.go.th"
    assert _error(EMAIL, "yes") == {
        "th": "'yes' ไม่ใช่ที่อยู่อีเมล (expected ที่อยู่อีเมลหนึ่งที่อยู่ เช่น saraban@chpb.example.go.th)",
        "en": "'yes' is not an e-mail address (expected one e-mail address such as "
              "saraban@chpb.example.go.th)"}[lang]


DATE: TypeAdapter[object] = TypeAdapter(OptionalDate)
# (the refusal, what is accepted) of a date too far from fiscal year 2569
WINDOW = {"th": ("อยู่ห่างจากปีงบประมาณ 2569 มากเกินไป (ปีพิมพ์ผิดหรือไม่)",
                 "(expected วันที่ตั้งแต่ 1 ตุลาคม 2558 ถึง 30 กันยายน 2571 "
                 "(10 ปีก่อนเริ่มปีงบประมาณ ถึง 2 ปีหลังสิ้นปีงบประมาณ))"),
          "en": ("is too far from fiscal year 2569 (a mistyped year?)",
                 "(expected a date from 2015-10-01 to 2028-09-30 (10 year(s) before the fiscal "
                 "year starts to 2 after it ends))")}


@pytest.mark.parametrize("value, expected", [
    ("1 ต.ค. 2558", datetime.date(2015, 10, 1)), ("30 ก.ย. 2571", datetime.date(2028, 9, 30)),
    ("2017-08-23", datetime.date(2017, 8, 23))])
def test_dates_at_the_edges_of_the_window_are_accepted(value: str, expected: datetime.date) -> None:
    assert DATE.validate_python(value, context={"fiscal_year": 2569}) == expected


@pytest.mark.parametrize("value", ["30 ก.ย. 2558", "1 ต.ค. 2571", "2699-01-01", "2400-10-01",
                                   "5/3/2596"])
def test_dates_outside_the_window_are_refused(value: str, lang: str) -> None:
    refused, accepted = WINDOW[lang]
    assert _error(DATE, value) == f"'{value}' {refused} {accepted}"


def test_without_a_fiscal_year_only_the_buddhist_era_range_applies() -> None:
    assert DATE.validate_python("2699-01-01", context={}) == datetime.date(2156, 1, 1)


MONTH: TypeAdapter[object] = TypeAdapter(OptionalMonth)


def test_a_month_partly_inside_the_window_is_accepted_and_one_outside_refused(lang: str) -> None:
    assert str(MONTH.validate_python("ก.ย. 2571", context={"fiscal_year": 2569})) == "ก.ย. 71"
    refused, accepted = WINDOW[lang]
    assert _error(MONTH, "ต.ค. 2571") == f"'ต.ค. 2571' {refused} {accepted}"


PERCENT: TypeAdapter[object] = TypeAdapter(OptionalPercent)


def test_a_percentage_in_exponent_form_is_refused_with_the_expected_form(lang: str) -> None:
    assert _error(PERCENT, "1e26") == {
        "th": "'1e26' ไม่ใช่ร้อยละที่อ่านได้ (expected ร้อยละเป็นตัวเลข 0 ถึง 1,000 เช่น 95.50 "
              "(ไม่ใช้รูปแบบ 1e5))",
        "en": "'1e26' is not a readable percentage (expected a percentage from 0 to 1,000 such "
              "as 95.50 (not written like 1e5))"}[lang]
