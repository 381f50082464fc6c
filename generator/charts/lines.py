"""Line charts as SVG: cumulative figures over a fiscal year, against a reference figure.

Each line differs in dash and marker as well as colour; the latest figure of each is in
the legend and beside the line's last point.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .svg import (BACKGROUND, GRID, MUTED_TEXT, PAD, PRIMARY, REFERENCE, SECONDARY, SMALL_SIZE,
                  WIDTH, AmountScale, heading, line_element, nice_ticks, svg_document, text_element)
from .text import attrs, fit, number, text_width, xml_text

PLOT_HEIGHT = 190
CIRCLE_RADIUS = Decimal("4.5")   # with a 1-unit rim in the background colour
SQUARE_HALF = 6                  # its 2-unit outline runs from 5 to 7: clear of the circle's rim
END_LABEL_GAP = SQUARE_HALF + 4  # from the last point to its label: 3 units past the square


@dataclass(frozen=True)
class LineStyle:
    """How a line looks: dash and marker differ too, so colour is not the only cue."""

    colour: str
    dash: str | None
    marker: str | None      # "square" (hollow, drawn over the others), "circle" or none
    width: str
    steps: bool = False     # a reference figure holds until the next point, then to the end


PLAN_LINE = LineStyle(PRIMARY, "7 4", "square", "2.5")
ACTUAL_LINE = LineStyle(SECONDARY, None, "circle", "2.5")
REFERENCE_LINE = LineStyle(REFERENCE, "2 3", None, "1.5", steps=True)


@dataclass(frozen=True)
class LinePoint:
    position: Fraction   # 0 = start of the x axis, 1 = its end
    value: Decimal
    tooltip: str


@dataclass(frozen=True)
class Line:
    name: str             # the legend text, with the latest figure
    style: LineStyle
    points: tuple[LinePoint, ...]
    end_label: str        # written beside the last point
    from_zero: bool = True   # a cumulative figure is 0 at the start of the axis


@dataclass(frozen=True)
class LineChart:
    title: str
    subtitle: str
    description: str
    scale: AmountScale
    x_labels: tuple[str, ...]   # one per equal slot along the x axis (the months of a year)
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class _Frame:
    left: Decimal
    right: Decimal
    top: Decimal
    bottom: Decimal
    ticks: tuple[Decimal, ...]

    def x(self, position: Fraction) -> Decimal:
        return self.left + (self.right - self.left) * position.numerator / position.denominator

    def y(self, value: Decimal) -> Decimal:
        share = max(value, Decimal(0)) / self.ticks[-1]
        return self.bottom - (self.bottom - self.top) * share


def draw_line_chart(chart: LineChart) -> str:
    """The chart as SVG text."""
    body, y = heading(chart.title, chart.subtitle)
    for line in chart.lines:
        body += _legend(line, y)
        y += 20
    ticks = nice_ticks(max(p.value for line in chart.lines for p in line.points))
    left = PAD + max(text_width(chart.scale.tick(t), SMALL_SIZE) for t in ticks) + 6
    right = WIDTH - PAD - max(text_width(line.end_label, SMALL_SIZE)
                              for line in chart.lines) - END_LABEL_GAP - 1
    frame = _Frame(left, right, y + 8, y + 8 + PLOT_HEIGHT, tuple(ticks))
    body += _value_axis(chart.scale, frame) + _time_axis(chart.x_labels, frame)
    for line in chart.lines:
        body += _line(line, frame)
    # Every line before any point, and the hollow squares last: where the plan and the actual
    # figure are the same (a fully disbursed year), the square is seen around the circle.
    for line in sorted(chart.lines, key=lambda line: line.style.marker == "square"):
        body += _points(line, frame)
    body += _end_labels(chart.lines, frame)
    return svg_document(chart.title, chart.description, frame.bottom + 32, body)


def _legend(line: Line, y: Decimal) -> list[str]:
    style = line.style
    name = fit(line.name, Decimal(WIDTH - 2 * PAD - 34), SMALL_SIZE)
    return [line_element(PAD, y + 7, PAD + 26, y + 7, style.colour, stroke_width=2,
                         stroke_dasharray=style.dash),
            *_marker(style, Decimal(PAD + 13), y + 7, None),
            text_element(PAD + 34, y + 12, name, size=SMALL_SIZE, title=line.name)]


def _marker(style: LineStyle, x: Decimal, y: Decimal, tooltip: str | None) -> list[str]:
    tip = f"<title>{xml_text(tooltip)}</title>" if tooltip else ""
    if style.marker == "square":
        box = attrs(x=x - SQUARE_HALF, y=y - SQUARE_HALF, width=2 * SQUARE_HALF,
                    height=2 * SQUARE_HALF)
        return [f"<rect{box}{attrs(fill='none', stroke=style.colour, stroke_width=2)}>{tip}</rect>"]
    if style.marker == "circle":
        paint = attrs(fill=style.colour, stroke=BACKGROUND)
        return [f"<circle{attrs(cx=x, cy=y, r=CIRCLE_RADIUS)}{paint}>{tip}</circle>"]
    return []


def _value_axis(scale: AmountScale, frame: _Frame) -> list[str]:
    body = []
    for tick in frame.ticks:
        y = frame.y(tick)
        body.append(line_element(frame.left, y, frame.right, y, REFERENCE if tick == 0 else GRID))
        body.append(text_element(frame.left - 6, y + 4, scale.tick(tick), size=SMALL_SIZE,
                                 anchor="end", fill=MUTED_TEXT))
    return body


def _time_axis(labels: Sequence[str], frame: _Frame) -> list[str]:
    """A tick between slots; every slot's label when they fit, else every 2nd, 3rd, …"""
    slot = (frame.right - frame.left) / len(labels)
    widest = max(text_width(label, SMALL_SIZE) for label in labels)
    every = next(k for k in (1, 2, 3, 4, 6, 12) if widest + 2 <= slot * k or k == 12)
    body = []
    for i, label in enumerate(labels):
        x = frame.left + slot * i
        body.append(line_element(x, frame.bottom, x, frame.bottom + 4, REFERENCE))
        if i % every == 0:
            body.append(text_element(x + slot / 2, frame.bottom + 17, label, size=SMALL_SIZE,
                                     anchor="middle", fill=MUTED_TEXT))
    return body


def _line(line: Line, frame: _Frame) -> list[str]:
    style = line.style
    points = [(frame.x(p.position), frame.y(p.value)) for p in line.points]
    if style.steps:
        corners = [(frame.left, points[0][1])]
        for x, y in points[1:]:
            corners += [(x, corners[-1][1]), (x, y)]
        points = [*corners, (frame.right, corners[-1][1])]
    elif line.from_zero:
        points = [(frame.left, frame.bottom), *points]
    path = " ".join(f"{number(x)},{number(y)}" for x, y in points)
    return [f"<polyline{attrs(points=path, fill='none', stroke=style.colour)}"
            f"{attrs(stroke_width=style.width, stroke_dasharray=style.dash)}"
            f"{attrs(stroke_linejoin='round')}/>"]


def _points(line: Line, frame: _Frame) -> list[str]:
    return [mark for point in line.points
            for mark in _marker(line.style, frame.x(point.position), frame.y(point.value),
                                point.tooltip)]


def _end_labels(lines: Sequence[Line], frame: _Frame) -> list[str]:
    """The last value of each line beside its last point, moved apart when they would overlap."""
    wanted = sorted(
        (frame.y(line.points[-1].value) + 4,
         frame.right if line.style.steps else frame.x(line.points[-1].position),
         index) for index, line in enumerate(lines))
    ys: list[Decimal] = []
    for y, _, _ in wanted:
        ys.append(max(y, ys[-1] + SMALL_SIZE + 2) if ys else y)
    # Labels pushed below the axis move up together, keeping their order.
    shift = max(ys[-1] - (frame.bottom - 3), Decimal(0)) if ys else Decimal(0)
    return [text_element(x + END_LABEL_GAP, y - shift, lines[index].end_label, size=SMALL_SIZE,
                         fill=lines[index].style.colour, weight="bold")
            for y, (_, x, index) in zip(ys, wanted, strict=True)]
