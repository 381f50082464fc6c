"""What every SVG chart shares: colours, sizes, amount scales, axis ticks, the document.

Charts are drawn as SVG text at build time, pure functions of their input: the same chart
gives the same bytes. No script and no external file: the SVG shows in an <img> in any
browser, and in print. ``bars`` and ``lines`` draw the two kinds of chart.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

from .. import thai
from .text import attrs, number, wrap, xml_text

# Colours, as WCAG 2 contrast ratios against the white background (tests recompute them):
BACKGROUND = "#ffffff"
TEXT = "#212121"         # 16.10:1 (text needs 4.5:1)
MUTED_TEXT = "#545454"   #  7.57:1
PRIMARY = "#4051b5"      #  6.86:1 (bars and lines need 3:1; the site's indigo)
SECONDARY = "#b35c00"    #  4.72:1 (also used for text)
REFERENCE = "#5f6368"    #  6.05:1 (also used for text)
GRID = "#d9d9d9"         # decorative only: every value is written next to its bar or point
FONT_FAMILY = ("Sarabun, 'Noto Sans Thai', 'Noto Sans Thai UI', 'Leelawadee UI', Tahoma, "
               "Thonburi, Loma, Garuda, sans-serif")

# viewBox units. A 360 px phone shows the chart 328 px wide (0.91 px a unit): the smallest
# text, 14 units, is 12.8 px there; where there is room it is 480 px wide (18.7 px).
WIDTH = 360
NATURAL_SCALE = Fraction(4, 3)
PAD = 12
TITLE_SIZE, TEXT_SIZE, SMALL_SIZE = 16, 15, 14
MILLION = Decimal(1_000_000)
SUBTITLE_SEP = " · "    # a long subtitle wraps between its parts, never inside one


@dataclass(frozen=True)
class AmountScale:
    """How amounts are written on one chart: in baht, or in millions of baht."""

    divisor: Decimal
    unit: str

    def label(self, amount: Decimal) -> str:
        """An amount on the chart, e.g. '7.75' (ล้านบาท) or '420,000.00' (บาท)."""
        return thai.million_baht(amount) if self.divisor == MILLION else thai.baht(amount)

    def spoken(self, amount: Decimal) -> str:
        """An amount with its unit, for text alternatives: '7.75 ล้านบาท'."""
        return f"{self.label(amount)} {self.unit}"

    def tick(self, value: Decimal) -> str:
        """An axis tick in the chart's unit: '2.5', '40', '100,000'."""
        return f"{(value / self.divisor).normalize() + 0:,f}"


def amount_scale(largest: Decimal) -> AmountScale:
    """Millions of baht once the largest amount reaches a million, baht below that."""
    if largest >= MILLION:
        return AmountScale(MILLION, "ล้านบาท")
    return AmountScale(Decimal(1), "บาท")


_NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def nice_ticks(largest: Decimal, count: int = 4) -> list[Decimal]:
    """Round axis ticks from 0 to at least ``largest``: steps of 1, 2, 2.5 or 5 × 10^n."""
    if largest <= 0:
        return [Decimal(0), Decimal(1)]
    rough = largest / count
    magnitude = Decimal(1).scaleb(rough.adjusted())
    step = next(m * magnitude for m in _NICE_STEPS if m * magnitude >= rough)
    top = (largest / step).to_integral_value(ROUND_CEILING) * step
    return [step * i for i in range(int(top / step) + 1)]


def text_element(x: Decimal | int, y: Decimal | int, text: str, *, size: int = TEXT_SIZE,
                 anchor: str | None = None, weight: str | None = None, fill: str = TEXT,
                 title: str | None = None) -> str:
    """A <text>; ``title`` (the whole text, when this one is cut) goes in its <title>."""
    tip = f"<title>{xml_text(title)}</title>" if title and title != text else ""
    shown = attrs(x=x, y=y, font_size=size, text_anchor=anchor, font_weight=weight, fill=fill)
    return f"<text{shown}>{xml_text(text)}{tip}</text>"


def line_element(x1: Decimal | int, y1: Decimal | int, x2: Decimal | int, y2: Decimal | int,
                 stroke: str, **more: object) -> str:
    return f"<line{attrs(x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, **more)}/>"


def svg_document(title: str, description: str, height: Decimal, body: list[str],
                 defs: str = "") -> str:
    """The whole SVG: an image with a title and a description, on a white background."""
    size = attrs(viewBox=f"0 0 {WIDTH} {number(height)}", width=WIDTH * NATURAL_SCALE,
                 height=Fraction(height) * NATURAL_SCALE)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg"{size} role="img" '
            f'aria-labelledby="chart-title chart-desc" xml:lang="th"'
            f"{attrs(font_family=FONT_FAMILY, font_size=TEXT_SIZE)}>")
    return "\n".join([
        head, f'<title id="chart-title">{xml_text(title)}</title>',
        f'<desc id="chart-desc">{xml_text(description)}</desc>',
        *([f"<defs>{defs}</defs>"] if defs else []),
        f"<rect{attrs(width='100%', height='100%', fill=BACKGROUND)}/>", *body, "</svg>", ""])


def heading(title: str, subtitle: str) -> tuple[list[str], Decimal]:
    """Title and subtitle at the top, wrapped; returns the elements and the y below them."""
    width = Decimal(WIDTH - 2 * PAD)
    y = Decimal(PAD + TITLE_SIZE)
    body = []
    for line in wrap(title, width, TITLE_SIZE):
        body.append(text_element(PAD, y, line, size=TITLE_SIZE, weight="bold", title=title))
        y += 20
    for line in wrap(subtitle, width, SMALL_SIZE, sep=SUBTITLE_SEP):
        body.append(text_element(PAD, y, line, size=SMALL_SIZE, fill=MUTED_TEXT))
        y += 17
    return body, y - 7
