"""Tests for generator.charts.bars: bars proportional to the figures, labelled, legible."""
from __future__ import annotations

from decimal import Decimal

from chart_samples import NS, QUARTERS, bar_chart, parse, texts
from generator.charts import svg as chart_svg
from generator.charts.bars import draw_bar_chart

D = Decimal


def _bars(values: list[Decimal], labels: list[str] | None = None) -> list[dict[str, str]]:
    root = parse(draw_bar_chart(bar_chart(values, labels)))
    return [dict(rect.attrib) | {"title": rect.findtext("svg:title", namespaces=NS) or ""}
            for rect in root.iterfind(".//svg:rect[@class='bar']", NS)]


def test_bar_lengths_are_proportional_to_the_figures() -> None:
    widths = [D(bar["width"]) for bar in _bars(QUARTERS)]
    figures = [figure for v in QUARTERS for figure in (v, v * 2)]
    assert len(widths) == len(figures)
    for width, figure in zip(widths, figures, strict=True):
        assert abs(width / widths[0] - figure / figures[0]) < D("0.001")


def test_all_bars_start_at_zero_and_the_second_series_is_hatched() -> None:
    bars = _bars(QUARTERS)
    assert len({bar["x"] for bar in bars}) == 1
    assert [bar["fill"] for bar in bars[:2]] == [chart_svg.PRIMARY, "url(#hatch)"]
    assert bars[1]["stroke"] == chart_svg.SECONDARY


def test_each_bar_carries_its_exact_figure_in_a_title() -> None:
    assert _bars(QUARTERS)[0]["title"] == "ไตรมาส 1: 7753278.00 บาท"


def test_value_labels_and_axis_ticks_are_thai_formatted_numbers() -> None:
    shown = texts(draw_bar_chart(bar_chart(QUARTERS)))
    assert {"7.75", "15.51", "11.66", "23.32", "8.35", "16.71"} <= set(shown)
    assert [t for t in shown if t in ("0", "10", "20", "30", "40")] == ["0", "10", "20", "30"]


def test_small_amounts_are_written_in_baht_with_thousands_separators() -> None:
    shown = texts(draw_bar_chart(bar_chart([D("45000"), D("120500.50")])))
    assert "120,500.50" in shown and "241,001.00" in shown
    assert {"0", "100,000", "200,000", "300,000"} <= set(shown)


def test_a_zero_bar_is_labelled_but_not_drawn() -> None:
    assert len(_bars([D(0), D(100)])) == 2
    assert "0.00" in texts(draw_bar_chart(bar_chart([D(0), D(100)])))


def test_long_labels_go_above_the_bars_cut_with_the_full_name_in_a_title() -> None:
    name = "โครงการพัฒนาศักยภาพอาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) ด้านการส่งเสริมสุขภาพ"
    root = parse(draw_bar_chart(bar_chart([D(1_942_850), D(1_000_000)], [name, "สั้น"])))
    label = next(t for t in root.iterfind(".//svg:text", NS)
                 if t.findtext("svg:title", namespaces=NS) == name)
    shown = label.text or ""
    assert shown.endswith("…") and name.startswith(shown[:-1])
    assert label.get("x") == str(chart_svg.PAD)


def test_short_labels_stand_in_a_column_left_of_the_bars() -> None:
    root = parse(draw_bar_chart(bar_chart(QUARTERS)))
    label = next(t for t in root.iterfind(".//svg:text", NS) if t.text == "ไตรมาส 1")
    assert label.get("text-anchor") == "end"
    assert D(label.get("x") or 0) < D(_bars(QUARTERS)[0]["x"])
