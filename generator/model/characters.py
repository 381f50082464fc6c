"""Characters no data field may hold, and invisible ones removed from every value.

Control characters (C0 but tab and newline, DEL, C1) never belong in text on a web page, and
the bidirectional overrides and isolates make a page show text in another order than it was
typed (U+202E turns 'fdp.exe' into 'exe.pdf'). Zero-width characters arrive with Thai text
copied from Word; they are invisible, so removing them changes nothing a reader sees.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..language import Said, tr

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_NONCHARACTERS = "\ufffe\uffff"   # libyaml refuses these too
# libyaml refuses these in the file, so they are found before parsing, by line. In the file a
# carriage return ends a line (Windows files); in a value only an escape "\r" puts one.
_IN_FILE = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}]")
_IN_VALUE = re.compile(f"[\r{_CONTROLS}{_BIDI}{_NONCHARACTERS}]")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_SUSPECT = re.compile(f"[{_CONTROLS}{_BIDI}{_NONCHARACTERS}{_ZERO_WIDTH_CHARS}]")
_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BACKSPACE", "\x0b": "VERTICAL TAB",
          "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE",
          "\x85": "NEXT LINE"}
_REMOVE = ("ข้อความที่ไม่มีอักขระนี้: ลบอักขระนั้นออกแล้วพิมพ์ใหม่ (มักติดมากับข้อความที่คัดลอกจากโปรแกรมอื่น)",
           "the text without this character: delete it and type the text again (it usually "
           "comes with text copied from another program)")
CONTROL_EXPECTED = Said(_REMOVE[0] + "; ถ้าพบทุกบรรทัด แฟ้มอาจถูกบันทึกเป็น UTF-16 ให้บันทึกใหม่เป็น UTF-8",
                        _REMOVE[1] + "; if every line has one, the file may be saved as UTF-16: "
                        "save it again as UTF-8")
BIDI_EXPECTED = Said(*_REMOVE)


@dataclass(frozen=True)
class Forbidden:
    """A character no field may hold, and where it is."""

    char: str
    line: int | None = None
    others: int = 0          # more such characters further on in the file

    @property
    def is_bidi(self) -> bool:
        return _BIDI_CHARS.search(self.char) is not None

    @property
    def expected(self) -> str:
        return str(BIDI_EXPECTED if self.is_bidi else CONTROL_EXPECTED)

    @property
    def message(self) -> str:
        code = f"U+{ord(self.char):04X}"
        name = _NAMES.get(self.char) or unicodedata.name(self.char, "")
        shown = f"{code} ({name})" if name else code
        if self.is_bidi:
            text = tr(f"มีอักขระกำหนดทิศทางข้อความ {shown} ซึ่งทำให้ข้อความแสดงไม่ตรงกับที่พิมพ์",
                      f"has a text-direction character {shown}, which makes the text show "
                      "other than as typed")
        else:
            text = tr(f"มีอักขระควบคุม {shown} ซึ่งมองไม่เห็นและไม่ใช่ข้อความ",
                      f"has a control character {shown}, which is invisible and not text")
        more = tr(f" (และอีก {self.others:,} ตัวในแฟ้มนี้)",
                  f" (and {self.others:,} more in this file)")
        return text + (more if self.others else "")


_BIDI_CHARS = re.compile(f"[{_BIDI}]")
_IN_VALUES_ONLY = re.compile(f"[{_BIDI}{_ZERO_WIDTH_CHARS}]")


def scan_file(text: str) -> tuple[Forbidden | None, bool]:
    """The first character of a file's text that YAML refuses, with its line (or None), and
    whether its values need looking at (a zero-width or bidirectional character): one pass
    over a clean file."""
    if _SUSPECT.search(text) is None:
        return None, False
    found = _IN_FILE.search(text)
    values = _IN_VALUES_ONLY.search(text) is not None
    if found is None:
        return None, values
    others = len(_IN_FILE.findall(text, found.end()))
    return Forbidden(found.group(), text.count("\n", 0, found.start()) + 1, others), values


def forbidden_in_value(value: str) -> Forbidden | None:
    """The first forbidden character of a value (e.g. written as an escape "\\u0000"), or None."""
    found = _IN_VALUE.search(value)
    return None if found is None else Forbidden(found.group())


def without_zero_width(value: str) -> str:
    """The value with its zero-width characters removed."""
    return _ZERO_WIDTH.sub("", value) if _ZERO_WIDTH.search(value) else value
