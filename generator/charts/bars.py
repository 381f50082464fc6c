"""Horizontal bar charts as SVG: one row per group, each bar labelled with its value.

Rows suit a phone: labels stay horizontal and a long Thai project name gets its own line
above the bars, cut to fit with the whole name in its <title>.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .svg import (BACKGROUND, GRID, MUTED_TEXT, PAD, PRIMARY, REFERENCE, SECONDARY, SMALL_SIZE,
                  TEXT_SIZE, WIDTH, AmountScale, heading, line_element, nice_ticks, svg_document,
                  text_element)
from .text import attrs, fit, text_width, xml_text

BAR, BAR_GAP, GROUP_GAP = 16, 3, 12
LABEL_COLUMN_SHARE = Decimal("0.3")   # short labels left of the bars, longer ones above
HATCH_ID = "hatch"
HATCH = (f"<pattern{attrs(id=HATCH_ID, patternUnits='userSpaceOnUse', width=6, height=6)}"
         f"{attrs(patternTransform='rotate(45)')}>"
         f"<rect{attrs(width=6, height=6, fill=BACKGROUND)}/>"
         f"<rect{attrs(width=3, height=6, fill=SECONDARY)}/></pattern>")


@dataclass(frozen=True)
class Series:
    """One kind of value; the second is hatched, so colour is not the only cue."""

    name: str
    hatched: bool = False

    @property
    def paint(self) -> str:
        if self.hatched:
            return attrs(fill=f"url(#{HATCH_ID})", stroke=SECONDARY, stroke_width="1.5")
        return attrs(fill=PRIMARY)


@dataclass(frozen=True)
class Bar:
    value: Decimal
    label: str     # written at the end of the bar
    tooltip: str   # the exact figure, in the bar's <title>


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]   # one per series


@dataclass(frozen=True)
class BarChart:
    title: str
    subtitle: str
    description: str
    scale: AmountScale
    series: tuple[Series, ...]
    groups: tuple[BarGroup, ...]


@dataclass(frozen=True)
class _Frame:
    left: Decimal          # where bars start (the value 0)
    width: Decimal         # the length of a bar at the last tick
    ticks: tuple[Decimal, ...]
    labels_left: bool      # short labels in a column left of the bars, long ones above them

    def length(self, value: Decimal) -> Decimal:
        return max(value, Decimal(0)) / self.ticks[-1] * self.width


def draw_bar_chart(chart: BarChart) -> str:
    """The chart as SVG text."""
    body, y = heading(chart.title, chart.subtitle)
    legend, y = _legend(chart.series, y)
    body += legend
    frame = _frame(chart)
    rows, spans = [], []
    for group in chart.groups:
        row, span, y = _group(chart, group, frame, y)
        rows += row
        spans.append(span)
    if frame.labels_left:   # one grid behind all rows; otherwise none behind the labels above
        spans = [(spans[0][0], spans[-1][1])]
    body += _axis(chart.scale, frame, spans)
    return svg_document(chart.title, chart.description, y + 30, body + rows, HATCH)


def _legend(series: Sequence[Series], y: Decimal) -> tuple[list[str], Decimal]:
    if len(series) < 2:
        return [], y + 6
    body, x = [], Decimal(PAD)
    for item in series:
        width = 20 + text_width(item.name, SMALL_SIZE)
        if x > PAD and x + width > WIDTH - PAD:
            x, y = Decimal(PAD), y + 20
        body.append(f"<rect{attrs(x=x, y=y, width=14, height=14)}{item.paint}/>")
        body.append(text_element(x + 20, y + 12, item.name, size=SMALL_SIZE))
        x += width + 16
    return body, y + 28


def _frame(chart: BarChart) -> _Frame:
    label_width = max(text_width(g.label, TEXT_SIZE) for g in chart.groups)
    labels_left = label_width <= LABEL_COLUMN_SHARE * WIDTH
    left = PAD + label_width + 8 if labels_left else Decimal(PAD)
    values_width = max(text_width(b.label, TEXT_SIZE) for g in chart.groups for b in g.bars)
    ticks = nice_ticks(max(b.value for g in chart.groups for b in g.bars))
    return _Frame(left, WIDTH - PAD - left - values_width - 6, tuple(ticks), labels_left)


def _group(chart: BarChart, group: BarGroup, frame: _Frame,
           y: Decimal) -> tuple[list[str], tuple[Decimal, Decimal], Decimal]:
    """The group's label and bars; returns them, the bars' top and bottom, and the next y."""
    height = len(group.bars) * (BAR + BAR_GAP) - BAR_GAP
    if frame.labels_left:
        body = [text_element(frame.left - 8, y + Decimal(height) / 2 + 4, group.label,
                             anchor="end")]
    else:
        shown = fit(group.label, Decimal(WIDTH - 2 * PAD), TEXT_SIZE)
        body = [text_element(PAD, y + TEXT_SIZE, shown, title=group.label)]
        y += 22
    top = y
    body.append("<g>")
    for series, bar in zip(chart.series, group.bars, strict=True):
        length = frame.length(bar.value)
        if length > 0:
            body.append(f'<rect class="bar"{attrs(x=frame.left, y=y, width=length, height=BAR)}'
                        f"{series.paint}><title>{xml_text(bar.tooltip)}</title></rect>")
        body.append(text_element(frame.left + length + 5, y + BAR - 4, bar.label))
        y += BAR + BAR_GAP
    body.append("</g>")
    return body, (top, top + height), top + height + GROUP_GAP


def _axis(scale: AmountScale, frame: _Frame, spans: list[tuple[Decimal, Decimal]]) -> list[str]:
    """Gridlines behind the bars and tick labels under the last row."""
    body = []
    for tick in frame.ticks:
        x = frame.left + frame.length(tick)
        colour = REFERENCE if tick == 0 else GRID
        body += [line_element(x, top - 4, x, bottom + 4, colour) for top, bottom in spans]
        body.append(text_element(x, spans[-1][1] + 20, scale.tick(tick), size=SMALL_SIZE,
                                 anchor="middle", fill=MUTED_TEXT))
    return body
