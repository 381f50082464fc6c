"""Text for SVG charts: XML escaping, coordinates, estimated widths, fitting Thai labels."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from xml.sax.saxutils import escape

ELLIPSIS = "…"
_HUNDREDTH = Decimal("0.01")
_QUOTE = {'"': "&quot;"}   # attribute values are always in double quotes
# Thai leading vowels are written before the consonant they follow in speech: a label cut
# right after one would end in a vowel that belongs to the next, missing, syllable.
_THAI_LEADING_VOWELS = "เแโใไ"
# Advance widths in em, a little wider than Sarabun, Noto Sans Thai and Tahoma, so that
# an estimate errs towards room to spare rather than text running into a bar.
_NARROW = ".,:;'!|ํ"
_BRACKETS = "()[]-/"
_EM = {"space": Decimal("0.30"), "narrow": Decimal("0.30"), "bracket": Decimal("0.38"),
       "digit": Decimal("0.58"), "thai": Decimal("0.64"), "upper": Decimal("0.68"),
       "lower": Decimal("0.56"), "wide": Decimal("0.90"), "other": Decimal("0.64")}


@lru_cache(maxsize=65536)   # charts repeat the same coordinates many times over
def number(value: Decimal | Fraction | int) -> str:
    """A coordinate for an SVG attribute: at most two decimals, no trailing zeros."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = Decimal(value).quantize(_HUNDREDTH, ROUND_HALF_UP).normalize()
    return f"{rounded + 0:f}"   # + 0 turns -0 into 0


def attrs(**values: object) -> str:
    """Attributes in the order given; a trailing underscore is dropped, '_' becomes '-'."""
    return "".join([f' {_attr_name(name)}="{_attr_value(value)}"'
                    for name, value in values.items() if value is not None])


def _attr_value(value: object) -> str:
    if type(value) is str:   # the common case first: isinstance(Fraction) is an ABC check
        return _attr_text(value)
    if isinstance(value, (Decimal, int, Fraction)):
        return number(value)              # digits, a point and a sign: nothing to escape
    return _attr_text(str(value))


@lru_cache(maxsize=4096)   # colours, anchors and class names come back again and again
def _attr_text(text: str) -> str:
    return escape(text, _QUOTE)


@lru_cache(maxsize=256)
def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def xml_text(text: str) -> str:
    """Text content escaped for XML."""
    return escape(text)


@lru_cache(maxsize=4096)
def _em(char: str) -> Decimal:
    if unicodedata.category(char) in ("Mn", "Me"):
        return Decimal(0)          # Thai vowels and tone marks above or below take no width
    if char == " ":
        return _EM["space"]
    if char in _NARROW:
        return _EM["narrow"]
    if char in _BRACKETS:
        return _EM["bracket"]
    if char.isdigit():
        return _EM["digit"]
    if "\u0e00" <= char <= "\u0e7f":
        return _EM["thai"]
    if char.isascii() and char.isupper():
        return _EM["upper"]
    if char.isascii() and char.islower():
        return _EM["lower"]
    if char in "%…—–":
        return _EM["wide"]
    return _EM["other"]


@lru_cache(maxsize=8192)   # axis labels and names recur on every chart of a kind
def text_width(text: str, size: int) -> Decimal:
    """The estimated width of a line of text at a font size (no font is measured)."""
    return sum((_em(char) for char in text), Decimal(0)) * size


def _clusters(text: str) -> list[str]:
    """The text split before each spacing character, keeping marks with their base."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.category(char) in ("Mn", "Me"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def fit(text: str, width: Decimal, size: int) -> str:
    """The text, or as much of it as fits followed by '…' (cut at a space when one is near)."""
    if text_width(text, size) <= width:
        return text
    room = width - text_width(ELLIPSIS, size)
    kept, used = "", Decimal(0)
    for cluster in _clusters(text):
        used += text_width(cluster, size)
        if used > room:
            break
        kept += cluster
    space = kept.rfind(" ")
    if space >= len(kept) * 0.7:
        kept = kept[:space]
    kept = kept.rstrip(" (-/").rstrip(_THAI_LEADING_VOWELS).rstrip()
    return kept + ELLIPSIS


def wrap(text: str, width: Decimal, size: int, max_lines: int = 2, sep: str = " ") -> list[str]:
    """The text broken at ``sep`` into lines that fit; the last line is cut if need be."""
    lines: list[str] = []
    current = ""
    for word in text.split(sep):
        candidate = f"{current}{sep}{word}" if current else word
        if current and text_width(candidate, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], sep.join(lines[max_lines - 1:])]
    return [fit(line, width, size) for line in lines]
