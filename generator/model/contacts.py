"""How the public reaches the unit: a Thai phone number and an e-mail address, as written."""
from __future__ import annotations

import re

from ..language import tr
from ..thai import to_arabic_digits

# A Thai phone number as the footer's tel: link reads it: landline 0X XXX XXXX, mobile
# 0XX XXX XXXX, +66 without the 0, separated by spaces, dashes or dots; a range "4000-9";
# a hotline 1XXX; an extension "ต่อ 101"; several numbers separated by "," "/" or "หรือ".
_PHONE_LABEL = r"(?:(?:โทร(?:ศัพท์|สาร)?|แฟกซ์|มือถือ|fax|tel)\.?\s*:?\s*)?"
_PHONE_START = r"(?:\+66[\s.-]*(?:0[\s.-]*)?|0\s*[.-]?\s*)"   # +66 (0) or the leading 0
_PHONE_DIGITS = (rf"(?:{_PHONE_START}[1-9](?:\s*[.-]?\s*[0-9]){{7,8}}(?:\s*[-–]\s*[0-9]{{1,4}})?"
                 r"|1[0-9]{3})")
_PHONE_EXTENSION = r"(?:\s*(?:ต่อ|ext\.?|x)\s*[0-9]{1,6}(?:\s*(?:[-–,]|หรือ)\s*[0-9]{1,6})*)?"
_ONE_PHONE = _PHONE_LABEL + _PHONE_DIGITS + _PHONE_EXTENSION
_PHONE_SEPARATOR = r"(?:\s*(?:[,/;]|หรือ|และ)\s*|\s+(?=โทร|แฟกซ์|มือถือ|fax|tel))"
_PHONE = re.compile(f"{_ONE_PHONE}(?:{_PHONE_SEPARATOR}{_ONE_PHONE})*", re.IGNORECASE)
_PHONE_MAX_LENGTH = 200   # a few numbers; longer text is no phone field (and costs the regex)


def parse_phone(value: str) -> str:
    """A Thai phone number (or several) as written; ValueError when it is not one."""
    text = " ".join(str(value).split())
    digits = to_arabic_digits(text).replace("(", " ").replace(")", " ").strip()
    if len(text) > _PHONE_MAX_LENGTH or not _PHONE.fullmatch(digits):
        raise ValueError(tr(f"'{text}' ไม่ใช่หมายเลขโทรศัพท์", f"'{text}' is not a phone number"))
    return text


# One address (the footer makes it a mailto: link); Thai letters are allowed (Thai e-mail).
_EMAIL = re.compile(r"[\w\u0e00-\u0e7f.!#$%&'*+=?^`{|}~/-]+@[\w\u0e00-\u0e7f-]+(?:\.[\w\u0e00-\u0e7f-]+)+")


def parse_email(value: str) -> str:
    """One e-mail address as written; ValueError when it is not one."""
    text = str(value).strip()
    if not _EMAIL.fullmatch(text):
        raise ValueError(tr(f"'{text}' ไม่ใช่ที่อยู่อีเมล", f"'{text}' is not an e-mail address"))
    return text
