"""Tests for generator.charts.lines: points where the figures put them, last values labelled."""
from __future__ import annotations

from decimal import Decimal

from dataclasses import replace

from chart_samples import NS, line_chart, parse, texts
from generator.charts import svg as chart_svg
from generator.charts.lines import PLAN_LINE, SQUARE_HALF, draw_line_chart

SVG = NS["svg"]

D = Decimal


def _baseline() -> Decimal:
    """The y of the value 0: the one solid horizontal line in the reference colour."""
    root = parse(draw_line_chart(line_chart()))
    return next(D(line.get("y1") or 0) for line in root.iterfind(".//svg:line", NS)
                if line.get("stroke") == chart_svg.REFERENCE and line.get("y1") == line.get("y2")
                and line.get("x1") != line.get("x2") and line.get("stroke-dasharray") is None)


def test_line_points_are_proportional_to_the_figures() -> None:
    root, zero = parse(draw_line_chart(line_chart())), _baseline()
    circles = [zero - D(c.get("cy") or 0) for c in root.iterfind(".//svg:circle", NS)
               if c.find("svg:title", NS) is not None]
    squares = [zero - D(r.get("y") or 0) - SQUARE_HALF for r in root.iterfind(".//svg:rect", NS)
               if r.find("svg:title", NS) is not None]
    assert abs(circles[1] / circles[0] - 5) < D("0.01")     # 5 million against 1 million
    assert abs(squares[1] / squares[0] - 3) < D("0.01")     # 6 million against 2 million
    assert abs(squares[0] / circles[0] - 2) < D("0.01")


def test_points_sit_at_their_position_along_the_year() -> None:
    root = parse(draw_line_chart(line_chart()))
    xs = [D(c.get("cx") or 0) for c in root.iterfind(".//svg:circle", NS)
          if c.find("svg:title", NS) is not None]
    left = xs[0] - (xs[1] - xs[0])     # the points are at 1/12 and 2/12 of the axis
    assert xs[0] - left == xs[1] - xs[0]
    assert left > chart_svg.PAD


def test_cumulative_lines_start_from_zero_at_the_start_of_the_year() -> None:
    root, zero = parse(draw_line_chart(line_chart())), _baseline()
    starts = [(line.get("points") or "").split()[0] for line in root.iterfind(".//svg:polyline", NS)]
    reference, plan, actual = (tuple(D(v) for v in s.split(",")) for s in starts)
    assert plan[1] == actual[1] == zero and plan[0] == actual[0] == reference[0]
    assert reference[1] < zero


def test_each_line_differs_in_dash_and_marker_not_only_colour() -> None:
    root = parse(draw_line_chart(line_chart()))
    dashes = [line.get("stroke-dasharray") for line in root.iterfind(".//svg:polyline", NS)]
    assert dashes == ["2 3", "7 4", None]
    assert root.find(".//svg:circle", NS) is not None
    assert root.find(f".//svg:rect[@width='{2 * SQUARE_HALF}']", NS) is not None


def test_a_plan_point_equal_to_the_actual_one_is_seen_around_it() -> None:
    """A fully disbursed year ends with both lines on one point: the plan's hollow square
    is drawn after the actual figure's circle, and its outline clears the circle's rim."""
    chart = line_chart()
    plan, actual = chart.lines[1], chart.lines[2]
    same = replace(chart, lines=(chart.lines[0], plan, replace(actual, points=plan.points)))
    marks = [m for m in parse(draw_line_chart(same)).iter()
             if m.tag in (f"{{{SVG}}}rect", f"{{{SVG}}}circle") and m.find("svg:title", NS) is not None]
    kinds = [m.tag.split("}")[1] for m in marks]
    assert kinds == ["circle", "circle", "rect", "rect"]
    for circle, square in zip(marks[:2], marks[2:]):
        assert square.get("fill") == "none" and square.get("stroke") == PLAN_LINE.colour
        centre_x = D(square.get("x") or 0) + SQUARE_HALF
        centre_y = D(square.get("y") or 0) + SQUARE_HALF
        assert (centre_x, centre_y) == (D(circle.get("cx") or 0), D(circle.get("cy") or 0))
        inner_edge = SQUARE_HALF - D(square.get("stroke-width") or 0) / 2
        assert inner_edge >= D(circle.get("r") or 0) + D("0.5")   # the rim is half outside r


def test_line_chart_writes_each_last_value_beside_its_line() -> None:
    assert {"38.00", "6.00", "5.00"} <= set(texts(draw_line_chart(line_chart())))
