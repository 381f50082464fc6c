"""Phone numbers and e-mail addresses: every form written today is read, others are refused."""
from __future__ import annotations

import pytest

from generator.model import contacts


@pytest.mark.parametrize("value", [
    "0 2123 4567", "02-123-4567", "๐ ๒๑๒๓ ๔๕๖๗", "0 2590 4000-9", "0 2123 4567 ต่อ 101",
    "0 2123 4567, 0 2123 4568", "021234567", "081 234 5678", "081-234-5678", "+66 2 123 4567",
    "+66 (0) 2123 4567", "(02) 123 4567", "1422", "0 2123 4567 ต่อ 101, 102",
    "0 2123 4567 ต่อ 101 หรือ 102", "0 2123 4567 / 0 2123 4568", "โทร. 0 2123 4567",
    "0 2123 4567 โทรสาร 0 2123 4568", "0 2123 4567-8 ต่อ 12",
])
def test_parse_phone_accepts_thai_numbers_as_written(value: str) -> None:
    assert contacts.parse_phone(value) == value


@pytest.mark.parametrize("value", [
    "1e30", "yes", "0", "12345", "0 2123", "0 2123 4567 8901 2345", "๑๒๓", "0 2123 4567 ต่อ",
    "00 2123 4567", "0 2123 4567 0 2123 4568", "021234567," * 25,
])
def test_parse_phone_rejects(value: str, lang: str) -> None:
    said = {"th": "ไม่ใช่หมายเลขโทรศัพท์$", "en": "is not a phone number$"}[lang]
    with pytest.raises(ValueError, match=said):
        contacts.parse_phone(value)


@pytest.mark.parametrize("value", ["saraban@chpb.example.go.th", "a.b+oit@x-y.go.th", "อีเมล@ไทย.ไทย"])
def test_parse_email_accepts_one_address(value: str) -> None:
    assert contacts.parse_email(f" {value} ") == value


@pytest.mark.parametrize("value", ["yes", "saraban", "saraban@localhost", "a@b@c.go.th",
                                   "mailto:saraban@chpb.example.go.th", "a b@c.go.th",
                                   "a@c.go.th, b@c.go.th"])
def test_parse_email_rejects(value: str, lang: str) -> None:
    said = {"th": "ไม่ใช่ที่อยู่อีเมล", "en": "is not an e-mail address"}[lang]
    with pytest.raises(ValueError, match=f"^'{value}' {said}$"):
        contacts.parse_email(value)
