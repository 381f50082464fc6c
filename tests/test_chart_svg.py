"""Tests for generator.charts.svg: the SVG document, amount scales, ticks and colours."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from chart_samples import QUARTERS, bar_chart, line_chart, parse
from generator.charts import svg as chart_svg
from generator.charts.bars import draw_bar_chart
from generator.charts.lines import draw_line_chart
from generator.charts.svg import amount_scale, nice_ticks

D = Decimal
SAMPLES = {"bars": draw_bar_chart(bar_chart(QUARTERS)), "lines": draw_line_chart(line_chart())}


@pytest.mark.parametrize("kind", SAMPLES)
def test_chart_is_an_accessible_svg_image_that_needs_no_script(kind: str) -> None:
    svg = SAMPLES[kind]
    root = parse(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "th"
    assert [child.tag.split("}")[1] for child in root[:2]] == ["title", "desc"]
    assert root[0].text and root[1].text
    fonts = root.get("font-family") or ""
    assert fonts.startswith("Sarabun, 'Noto Sans Thai'") and "Tahoma" in fonts
    assert not re.search(r"<script|\son[a-z]+=|href=|@import|url\((?!#)", svg)


@pytest.mark.parametrize("kind", SAMPLES)
def test_chart_scales_from_its_view_box(kind: str) -> None:
    root = parse(SAMPLES[kind])
    x, y, width, height = (D(v) for v in (root.get("viewBox") or "").split())
    assert (x, y, width) == (0, 0, chart_svg.WIDTH)
    assert D(root.get("width") or 0) == 480
    assert abs(D(root.get("height") or 0) - height * 4 / 3) <= D("0.01")


def test_drawing_is_deterministic() -> None:
    assert draw_bar_chart(bar_chart(QUARTERS)) == SAMPLES["bars"]
    assert draw_line_chart(line_chart()) == SAMPLES["lines"]


@pytest.mark.parametrize("largest, ticks", [
    (D("38024736.50"), ["0", "10000000", "20000000", "30000000", "40000000"]),
    (D("11661012"), ["0", "5000000", "10000000", "15000000"]),
    (D("9000000"), ["0", "2500000", "5000000", "7500000", "10000000"]),
    (D("450000"), ["0", "200000", "400000", "600000"]),
    (D("4"), ["0", "1", "2", "3", "4"]),
    (D("0"), ["0", "1"])])
def test_nice_ticks(largest: Decimal, ticks: list[str]) -> None:
    assert [f"{t:f}" for t in nice_ticks(largest)] == ticks


def test_amount_scale_switches_to_millions_at_a_million() -> None:
    millions, baht = amount_scale(D("1000000")), amount_scale(D("999999.99"))
    assert (millions.unit, millions.label(D("7753278")), millions.spoken(D("7753278"))) == \
        ("ล้านบาท", "7.75", "7.75 ล้านบาท")
    assert [millions.tick(D(v)) for v in ("0", "2500000", "40000000")] == ["0", "2.5", "40"]
    assert (baht.unit, baht.label(D("420000")), baht.spoken(D("45000.5"))) == \
        ("บาท", "420,000.00", "45,000.50 บาท")
    assert [baht.tick(D(v)) for v in ("0", "200000", "1000")] == ["0", "200,000", "1,000"]


# --- colours ---------------------------------------------------------------------------

def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("kind", SAMPLES)
def test_text_has_4_5_to_1_and_marks_3_to_1_against_the_background(kind: str) -> None:
    for element in parse(SAMPLES[kind]).iter():
        tag = element.tag.split("}")[1]
        for attribute in ("fill", "stroke"):
            colour = element.get(attribute)
            if not colour or not colour.startswith("#") or colour == chart_svg.BACKGROUND:
                continue
            if tag == "text":
                assert contrast(colour, chart_svg.BACKGROUND) >= 4.5, colour
            elif colour != chart_svg.GRID:   # gridlines are decoration: values are written out
                assert contrast(colour, chart_svg.BACKGROUND) >= 3, (tag, colour)


def test_palette_contrast_figures() -> None:
    white = chart_svg.BACKGROUND
    assert round(contrast(chart_svg.TEXT, white), 2) == 16.10
    assert round(contrast(chart_svg.MUTED_TEXT, white), 2) == 7.57
    assert round(contrast(chart_svg.PRIMARY, white), 2) == 6.86
    assert round(contrast(chart_svg.SECONDARY, white), 2) == 4.72
    assert round(contrast(chart_svg.REFERENCE, white), 2) == 6.05
