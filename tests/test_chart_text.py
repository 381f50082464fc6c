"""Tests for generator.charts.text: coordinates, estimated widths, fitting Thai labels."""
from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest

from generator.charts.text import ELLIPSIS, attrs, fit, number, text_width, wrap, xml_text

D = Decimal
LONG_PROJECT = "โครงการพัฒนาศักยภาพอาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) ด้านการส่งเสริมสุขภาพ"


@pytest.mark.parametrize("value, text", [
    (D("12.50"), "12.5"), (D("40.00"), "40"), (D("0.125"), "0.13"), (D("-0.001"), "0"),
    (Fraction(1, 3), "0.33"), (7, "7"), (D("1E+2"), "100")])
def test_number_has_at_most_two_decimals_and_no_trailing_zeros(value: Decimal, text: str) -> None:
    assert number(value) == text


def test_attrs_keep_their_order_skip_none_and_escape() -> None:
    assert attrs(x=D("1.50"), font_size=13, fill=None, title_='a"<b') == \
        ' x="1.5" font-size="13" title="a&quot;&lt;b"'
    assert xml_text("ก & ข <ค>") == "ก &amp; ข &lt;ค&gt;"


def test_thai_marks_above_and_below_take_no_width() -> None:
    assert text_width("ที่", 10) == text_width("ท", 10)
    assert text_width("กุ้ง", 10) == text_width("กง", 10)
    assert text_width("", 10) == 0


def test_short_text_is_not_cut() -> None:
    assert fit("ไตรมาส 1", D(200), 13) == "ไตรมาส 1"


def test_long_text_is_cut_to_fit_with_an_ellipsis() -> None:
    cut = fit(LONG_PROJECT, D(200), 13)
    assert cut.endswith(ELLIPSIS) and len(cut) < len(LONG_PROJECT)
    assert text_width(cut, 13) <= 200
    assert LONG_PROJECT.startswith(cut.removesuffix(ELLIPSIS))


def test_a_cut_keeps_vowels_and_tone_marks_with_their_consonant() -> None:
    for width in range(40, 300, 7):
        kept = fit(LONG_PROJECT, D(width), 13).removesuffix(ELLIPSIS)
        following = LONG_PROJECT[len(kept):len(kept) + 1]
        assert not following or unicodedata.category(following) != "Mn", (width, kept)


def test_a_cut_never_ends_in_a_leading_vowel() -> None:
    text = "ก" * 10 + "เกา" * 10
    for width in range(20, 200, 3):
        assert not fit(text, D(width), 13).removesuffix(ELLIPSIS).endswith(tuple("เแโใไ"))


def test_a_cut_prefers_a_nearby_space() -> None:
    assert fit("งบประมาณที่ได้รับ และใช้จ่ายจริง", text_width("งบประมาณที่ได้รับ และใช้", 13), 13) \
        == "งบประมาณที่ได้รับ…"


def test_wrap_breaks_between_parts_and_cuts_the_last_line() -> None:
    text = "ปีงบประมาณ พ.ศ. 2570 · ข้อมูล ณ 31 ต.ค. 69 · หน่วย: ล้านบาท"
    lines = wrap(text, text_width("ปีงบประมาณ พ.ศ. 2570 · ข้อมูล ณ 31 ต.ค. 69", 12), 12, sep=" · ")
    assert lines == ["ปีงบประมาณ พ.ศ. 2570 · ข้อมูล ณ 31 ต.ค. 69", "หน่วย: ล้านบาท"]
    assert wrap("ก ข ค", D(1000), 12) == ["ก ข ค"]
    assert len(wrap(" ".join(["คำยาวมาก"] * 20), D(100), 12, max_lines=2)) == 2
