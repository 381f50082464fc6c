"""The language of what people read: Thai unless asked otherwise (`--lang en`, or OIT_LANG=en
for developers and logs). Each message is written in both languages where it is made."""
from __future__ import annotations

import os

LANGUAGES = ("th", "en")
_chosen: list[str] = []   # set by use(); else OIT_LANG; else Thai


def current() -> str:
    """The language messages are made in now."""
    if _chosen:
        return _chosen[-1]
    wanted = os.environ.get("OIT_LANG", "").strip().lower()[:2]
    return wanted if wanted in LANGUAGES else "th"


def use(language: str | None) -> None:
    """Make messages in ``language`` from now on (None: back to OIT_LANG or Thai)."""
    _chosen.clear()
    if language is not None:
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r} is not one of {LANGUAGES}")
        _chosen.append(language)


def tr(th: str, en: str) -> str:
    """The message in the current language."""
    return en if current() == "en" else th


class Said:
    """A text in both languages, said in the current one wherever it is shown (for texts
    made once, such as what a field accepts, and shown in whichever language is in use)."""

    def __init__(self, th: str, en: str) -> None:
        self.th, self.en = th, en

    def __str__(self) -> str:
        return tr(self.th, self.en)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)
