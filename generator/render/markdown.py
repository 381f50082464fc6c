"""Data as Markdown text: every value shows exactly as typed, nothing in it is markup."""
from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote


# Data reaches the pages as text: every ASCII character that Python-Markdown or an extension
# of mkdocs.yml may read as markup becomes a numeric character reference, which Markdown
# passes through untouched and the browser shows as the character itself. (A backslash is
# no escape for `<`, `&` or `{`: it would stay visible, and attr_list would still read
# `{: onclick=… }`.) Letters, digits, spaces and the rest of the punctuation stay as typed.
_MARKUP_CHARS = "&<>\\`*_{}[]#|~^"
_MARKUP = str.maketrans({c: f"&#{ord(c)};" for c in _MARKUP_CHARS})
_NEEDS_ESCAPE = re.compile("[" + re.escape(_MARKUP_CHARS) + "\r\n]")
# What else starts a block (list, setext line, admonition…) when a value opens a line of
# the page: its first character, or the dot of "1." and "2)" (the rest is in _MARKUP).
_BLOCK_START = frozenset("+-=!:")
_NUMBERED = re.compile(r"(\d+)([.)])(?=\s|$)")


def md_text(value: Any) -> str:
    """Any value as Markdown that shows exactly its characters: nothing in it is markup,
    and each line break of a multi-line value becomes a <br>."""
    text = str(value)
    head = ""
    first = text[:1]
    if first in _BLOCK_START:
        head, text = f"&#{ord(first)};", text[1:]
    elif first.isdigit() and (numbered := _NUMBERED.match(text)):
        head = f"{numbered.group(1)}&#{ord(numbered.group(2))};"
        text = text[numbered.end():]
    if _NEEDS_ESCAPE.search(text) is None:   # most values: translate() is slow on Thai text
        return head + text
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_MARKUP)
    # The space keeps the lines apart where <br> is dropped: the search index, copied text.
    return head + text.replace("\n", " <br>")


def md_cell(value: Any) -> str:
    """A value as the text of a table cell (one line, so a pipe never splits it); – if empty."""
    if value is None or value == "":
        return "–"
    return md_text(value)


def md_line(value: Any) -> str:
    """A value as Markdown text on one line (a heading, an image's alt text): line breaks
    become spaces."""
    return md_text(" ".join(str(value).split()))


def md_code(value: Any) -> str:
    """A value shown as code: <code> with its text escaped, since inside backticks a
    character reference would show literally."""
    return f"<code>{md_text(value)}</code>"


# What a web address may hold as it is in a Markdown link target: the other ASCII
# characters (space, quotes, brackets, braces, backslash…) would end or break the target,
# e.g. ")" followed by "{: onclick=… }", so they are percent-encoded as browsers would.
_URL_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                      "-._~:/?#@!$&'*+,;=%")


def link_target(url: str) -> str:
    """A web address as a Markdown link target that is exactly that address."""
    encoded = _percent_encoded(url, _URL_KEEP)
    # Python-Markdown keeps "&lt;" in an href as an entity: "&amp;" makes every & literal.
    return encoded.replace("&", "&amp;")


# What a Markdown link target keeps as it is; MkDocs percent-encodes the final HTML link.
_LINK_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")


def link_path(path: str) -> str:
    """A file path as a Markdown link target: Thai letters stay readable, while spaces
    (a zero-width one too), brackets and the like are percent-encoded so the link holds."""
    return _percent_encoded(path, _LINK_SAFE)


def _percent_encoded(text: str, keep: frozenset[str]) -> str:
    """``text`` with every character percent-encoded but those in ``keep`` and the visible
    non-ASCII ones (Thai stays readable; invisible spaces and controls are encoded)."""
    return "".join(c if c in keep or (ord(c) > 127 and unicodedata.category(c)[0] not in "ZC")
                   else quote(c, safe="") for c in text)
