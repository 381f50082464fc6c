"""Read YAML data files into plain Python values, remembering the line of every field.

Scalars stay the text the webmaster typed (only an empty value or ``~`` becomes
None): YAML 1.1 would otherwise turn a phone number like ``021234567`` into an
octal integer and ``1234.10`` into a float. The typed model parses the text.

What no field may hold is refused here, once for every field: control characters and
bidirectional overrides (see characters.py), nesting deeper than MAX_DEPTH, aliases that
expand past the file's own size or refer to themselves. Zero-width characters are removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, UserError, display_path
from ..language import Said, current, tr
from . import characters
from .labels import label

FieldPath = tuple[str | int, ...]
# libyaml parses much faster than pure Python; node marks (our line numbers) are the same. The base
# loader resolves no implicit types (that is Python regex work per scalar): we only need null.
_BASE_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_DEFAULT_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode:
                 "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """The base loader with its per-node resolver calls cut to one dict access (a large
    project has hundreds of thousands of nodes): we resolve nothing implicitly anyway."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    # The composer also tells the resolver when it enters and leaves each node, for path
    # resolvers, which we have none of (the base methods return at once). Built-ins that
    # take the same arguments and do nothing cost less than those two Python calls a node:
    # descend_resolver(parent, index) and ascend_resolver().
    descend_resolver = slice
    ascend_resolver = tuple


_LOADER = _Loader
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))   # YAML 1.1 null, when not quoted
# The deepest data is about six levels (reports[0].projects[0].disbursed); libyaml's own limit
# is 1,000, past Python's recursion limit for the builder.
MAX_DEPTH = 50
SHOWN_DEPTH = 4   # the field path of a too-deep value is shown to this depth, then "…"
# Without aliases a file has fewer values than characters (each value takes at least two):
# more than that can only come from aliases expanding, as an alias bomb does.
EXTRA_VALUES = 100
ALIAS_EXPECTED = Said("ค่าที่เขียนออกมาตรง ๆ ทุกแห่ง: นามแฝง (alias) คือ *ชื่อ ที่ใช้ข้อมูลซ้ำจากที่ตั้งชื่อไว้ด้วย "
                      "&ชื่อ ให้ลบ *ชื่อ และ &ชื่อ แล้วเขียนค่าลงไปแทน",
                      "each value written out where it is used: an alias (*name) repeats data "
                      "named with &name; delete *name and &name and write the values instead")
DEPTH_EXPECTED = Said(f"ข้อมูลซ้อนกันไม่เกิน {MAX_DEPTH} ชั้น ตามรูปแบบใน data/README.md",
                      f"at most {MAX_DEPTH} levels of nesting, as data/README.md shows")
TOO_DEEP = Said(f"ข้อมูลซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น", f"nested deeper than {MAX_DEPTH} levels")


@dataclass(frozen=True)
class SourceFile:
    """Where a data file's fields are: what later stages need to point at a line."""

    path: str                         # as shown to the user, e.g. data/2569/04-procurement-plan.yml
    lines: dict[FieldPath, int] = field(default_factory=dict)
    # A workbook's fields are at cells, not lines: "รายการ!C14 (วงเงิน)".
    cells: dict[FieldPath, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()       # what reading it skipped, said but not an error

    def line_of(self, loc: FieldPath) -> int | None:
        """The line of a field, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def field_of(self, loc: FieldPath) -> str:
        """The field as a message names it: its cell in a workbook (or its nearest
        ancestor's), else its key path with its Thai name."""
        if not self.cells:
            return field_shown(loc)
        for end in range(len(loc), 0, -1):
            cell = self.cells.get(tuple(loc[:end]))
            if cell is not None:
                return cell if end == len(loc) else f"{cell} {_dotted(loc)}"
        return _dotted(loc)

    def __str__(self) -> str:
        return self.path


@dataclass
class Document:
    """One data file: its values, and where each field is."""

    path: Path
    data: Any
    source: SourceFile

    @property
    def shown_path(self) -> str:
        return self.source.path

    def line_of(self, loc: FieldPath) -> int | None:
        return self.source.line_of(loc)


class _Builder:
    """Turns a composed YAML node tree into values and a field-path → line table.

    An alias is the same node met again: only a file with a ``*`` can have one, and only
    then are nodes tracked (recursion, and the value budget against alias bombs).
    """

    def __init__(self, shown_path: str, text: str, check_all: bool) -> None:
        self.shown_path = shown_path
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self.aliases = "*" in text
        self.limit = len(text) + EXTRA_VALUES
        self.budget = self.limit
        self.open: set[int] = set()          # collections being built, to catch *r inside &r
        self.built: set[int] = set()
        self.alias_line: int | None = None   # where the outermost alias being expanded is
        # A value can hold a character the raw text does not only through an escape ("\u0000")
        # in a double-quoted scalar: without a backslash, a zero-width or a bidirectional
        # character in the file (nearly always), no value needs looking at.
        self.clean_all = check_all
        self.check = check_all or "\\" in text

    def build(self, node: yaml.Node, loc: FieldPath, line: int, depth: int = 0) -> Any:
        self.lines.setdefault(loc, line)
        if isinstance(node, yaml.ScalarNode):
            return None if _is_null(node) else self._text(node, loc, line)
        if depth >= MAX_DEPTH:
            shown = _dotted(loc[:SHOWN_DEPTH]) + ("…" if len(loc) > SHOWN_DEPTH else "")
            raise UserError(Problem(self.shown_path, line, shown, str(TOO_DEEP),
                                    str(DEPTH_EXPECTED)))
        if self.aliases:
            return self._tracked(node, loc, line, depth)
        return self._children(node, loc, depth)

    def _tracked(self, node: yaml.Node, loc: FieldPath, line: int, depth: int) -> Any:
        key = id(node)
        if key in self.open:
            raise UserError(Problem(self.shown_path, line, _dotted(loc),
                                    tr("นามแฝง (alias) อ้างถึงกลุ่มข้อมูลที่ตัวมันเองอยู่ข้างใน "
                                       "จึงไม่มีที่สิ้นสุด",
                                       "an alias refers to the block it is inside, so it never "
                                       "ends"), str(ALIAS_EXPECTED)))
        outermost = key in self.built and self.alias_line is None
        if outermost:
            self.alias_line = line
        self.open.add(key)
        try:
            return self._collection(node, loc, depth)
        finally:
            self.open.discard(key)
            self.built.add(key)
            if outermost:
                self.alias_line = None

    def _collection(self, node: yaml.Node, loc: FieldPath, depth: int) -> Any:
        self._spend(len(node.value), loc)
        return self._children(node, loc, depth)

    def _children(self, node: yaml.Node, loc: FieldPath, depth: int) -> Any:
        """A mapping's or a sequence's values, built one level deeper."""
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        return [self.build(item, (*loc, i), item.start_mark.line + 1, depth + 1)
                for i, item in enumerate(node.value)]

    def _spend(self, values: int, loc: FieldPath) -> None:
        """Count the values built; past one per character of the file, aliases made them."""
        self.budget -= values
        if self.budget < 0:
            raise UserError(Problem(
                self.shown_path, self.alias_line, _dotted(loc),
                tr("นามแฝง (alias) ในไฟล์นี้ขยายเป็นข้อมูลมากเกินกว่าที่ไฟล์ขนาดนี้จะมีได้ "
                   f"(เกิน {self.limit:,} ค่า)",
                   "the aliases in this file expand to more data than a file of this size can "
                   f"hold (over {self.limit:,} values)"), str(ALIAS_EXPECTED)))

    def _clean(self, value: str, loc: FieldPath, line: int) -> str:
        """The value without zero-width characters; a forbidden character is an error (every
        value that holds one is named, not only the first)."""
        found = characters.forbidden_in_value(value)
        if found is not None:
            self.problems.append(Problem(self.shown_path, line, _dotted(loc), found.message,
                                         found.expected))
        return characters.without_zero_width(value)

    def _key(self, key_node: yaml.Node, loc: FieldPath, line: int) -> str | None:
        if not isinstance(key_node, yaml.ScalarNode):
            self.problems.append(Problem(self.shown_path, line, _dotted(loc),
                                         tr("ชื่อช่องข้อมูล (key) ต้องเป็นข้อความ ไม่ใช่รายการหรือกลุ่มข้อมูล",
                                            "a key must be text, not a list or a block"),
                                         tr("ชื่อช่องข้อมูลตามด้วย : เช่น 'title: …'",
                                            "a field name followed by :, e.g. 'title: …'")))
            return None
        return self._text(key_node, loc, line)

    def _text(self, node: yaml.ScalarNode, loc: FieldPath, line: int) -> str:
        """A scalar's text, looked at for forbidden characters where one can hide in it."""
        if self.check and (self.clean_all or node.style == '"'):
            return self._clean(str(node.value), loc, line)
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, loc: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            plain = not self.check and isinstance(key_node, yaml.ScalarNode)
            key = str(key_node.value) if plain else self._key(key_node, loc, key_line)
            if key is None:
                continue
            if key in result:
                self.problems.append(Problem(
                    self.shown_path, key_line, _dotted((*loc, key)),
                    tr("ชื่อช่องข้อมูลนี้ซ้ำกันในกลุ่มเดียวกัน", "this key appears twice in the same block"),
                    tr("แต่ละชื่อครั้งเดียว (ค่าที่สองจะแทนค่าแรกโดยไม่มีใครเห็น)",
                       "each key once; the second one would silently replace the first")))
                continue
            result[key] = self.build(value_node, (*loc, key), key_line, depth + 1)
        return result


def _is_null(node: yaml.Node) -> bool:
    """An unquoted null word, or an explicit !!null."""
    plain = isinstance(node, yaml.ScalarNode) and not node.style
    return node.tag == NULL_TAG or plain and node.value in NULL_WORDS and node.tag == STR_TAG


def _dotted(loc: FieldPath) -> str:
    """items[3].budget: the field path as the user reads it."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def field_name(loc: FieldPath) -> str:
    """Public form of the dotted field path."""
    return _dotted(loc)


# The lists whose items a webmaster counts, and the Thai word for one of their items.
_ITEM_WORDS = {"items": "รายการที่", "reports": "รายงานที่", "projects": "โครงการที่",
               "activities": "กิจกรรมที่", "channels": "ช่องทางที่", "evidence": "เอกสารที่",
               "stakeholders": "ผู้มีส่วนได้ส่วนเสียรายที่", "raised": "ความคิดเห็นที่",
               "actions": "การดำเนินการที่", "problems": "ปัญหาข้อที่", "suggestions": "ข้อเสนอแนะข้อที่",
               "domains": "โดเมนที่"}


def field_shown(loc: FieldPath) -> str:
    """The field as a webmaster finds it. In Thai: each item counted from one as on the
    page, the field's Thai name, then the key path, e.g. ``รายการที่ 3 วิธีจัดหา
    (items[2].method)``; in English the key path alone."""
    path = _dotted(loc)
    if current() == "en" or not loc:
        return path
    words = [f"{_ITEM_WORDS.get(str(key), 'ลำดับที่')} {index + 1}"
             for key, index in zip(loc, loc[1:])
             if isinstance(index, int) and not isinstance(key, int)]
    names = [part for part in loc if isinstance(part, str)]
    if isinstance(loc[-1], str):
        name = label(names[-2] if len(names) > 1 else "", names[-1])
        if not name and len(loc) > 1 and isinstance(loc[-2], str):
            # a key the data chooses (a period, a budget category): the name of its block
            name = label(names[-3] if len(names) > 2 else "", names[-2])
        words += [name] if name else []
    return f"{' '.join(words)} ({path})" if words else path


def load_yaml(path: Path, root: Path | None = None) -> Document:
    """Parse one YAML file; a syntax error becomes a Problem with its line."""
    shown = display_path(path, root)
    raw_bytes = path.read_bytes()
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1   # where the first bad byte is
        raise UserError(Problem(shown, line, "",
                                tr(f"แฟ้มนี้ไม่ใช่ข้อความ UTF-8 ({exc.reason})",
                                   f"the file is not UTF-8 text ({exc.reason})"),
                                tr("บันทึกแฟ้มใหม่เป็น UTF-8 (ในโปรแกรมแก้ไขข้อความ เลือก "
                                   "Save As แล้วเลือก Encoding: UTF-8)",
                                   "save the file as UTF-8"))) from None
    return parse_yaml(text, path, shown)


def parse_yaml(text: str, path: Path, shown: str) -> Document:
    """Parse the text of a YAML file (``path``, shown to the user as ``shown``) as the
    loader reads every data file: the same characters refused, the same problems."""
    raw, check_values = characters.scan_file(text)
    if raw is not None:
        raise UserError(Problem(shown, raw.line, "", raw.message, raw.expected))
    node = _compose(text, shown)
    builder = _Builder(shown, text, check_values)
    data = builder.build(node, (), 1) if node is not None else None
    if builder.problems:
        raise UserError(builder.problems)
    return Document(path, data, SourceFile(shown, builder.lines))


def _compose(text: str, shown: str) -> yaml.Node | None:
    """The file's node tree; libyaml's errors become a Problem with their line."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise UserError(yaml_problem(exc, text, shown)) from None
    except yaml.YAMLError as exc:   # a reader error: scan_file should have found its character
        raise UserError(Problem(shown, None, "", *syntax_error(str(exc), ""))) from None


def yaml_problem(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    """libyaml's error in ``text`` (the file ``shown``) in plain words, at its line."""
    reason = " ".join(filter(None, (exc.context, exc.problem))) or "not valid YAML"
    # An unclosed quote is found at the end of the file: name the line it opens on.
    quoted = "quoted scalar" in reason and exc.context_mark is not None
    mark = exc.context_mark if quoted else (exc.problem_mark or exc.context_mark)
    line = mark.line + 1 if mark else None
    lines = text.splitlines()   # libyaml may point past the last line: the end of the file
    typed = lines[line - 1] if line and line <= len(lines) else ""
    if "maximum nesting depth" in reason:
        return Problem(shown, line, "", str(TOO_DEEP), str(DEPTH_EXPECTED))
    return Problem(shown, line, "", *syntax_error(
        exc.problem or exc.context or "not valid YAML", typed, reason))


# libyaml's reasons for the mistakes people make, each with what to do: (part of the reason,
# Thai message, Thai fix).
_SYNTAX = (
    ("mapping values are not allowed", "มีเครื่องหมาย ': ' (ทวิภาคตามด้วยเว้นวรรค) อยู่ในค่า",
     "ใส่ค่านั้นในเครื่องหมายคำพูด เช่น title: \"ประชุมครั้งที่ 1: วางแผน\""),
    ("quoted scalar", "เครื่องหมายคำพูดที่เปิดในบรรทัดนี้ไม่ได้ปิด",
     "ปิดเครื่องหมายคำพูดให้ครบคู่ในบรรทัดเดียวกัน หรือเอาเครื่องหมายคำพูดออก"),
    ("did not find expected key", "ย่อหน้าของบรรทัดนี้ไม่ตรงกับช่องข้อมูลระดับเดียวกัน",
     "ย่อหน้าช่องข้อมูลระดับเดียวกันให้ตรงกัน (เว้นวรรคเท่ากัน)"),
    ("expected <block end>", "ย่อหน้าของบรรทัดนี้ไม่ตรงกับช่องข้อมูลระดับเดียวกัน",
     "ย่อหน้าช่องข้อมูลระดับเดียวกันให้ตรงกัน (เว้นวรรคเท่ากัน)"),
    ("could not find expected ':'", "บรรทัดนี้ไม่มีเครื่องหมาย : หลังชื่อช่องข้อมูล",
     "ชื่อช่องข้อมูลตามด้วย : และเว้นวรรค เช่น 'responsible: กลุ่มอำนวยการ'"),
)
_TAB = ("ย่อหน้าด้วยปุ่ม Tab", "ย่อหน้าด้วยการเว้นวรรค (space) เท่านั้น ระดับละ 2 ช่อง")
_RESERVED = ("ค่าที่ขึ้นต้นด้วย @ หรือ ` ต้องอยู่ในเครื่องหมายคำพูด",
             "ใส่ค่านั้นในเครื่องหมายคำพูด เช่น contact: \"@line-id\"")


def syntax_error(reason: str, typed: str, context: str = "") -> tuple[str, str]:
    """(message, what to write instead) for a YAML syntax error at the line ``typed``, in
    plain words; ``context`` is libyaml's fuller account of it, when there is one."""
    english = (f"not valid YAML: {reason}", "YAML like 'key: value', indented with spaces")
    told = context or reason
    found = next(((message, fix) for part, message, fix in _SYNTAX if part in told), None)
    if found is None and "cannot start any token" in told:
        found = _TAB if "\t" in typed else _RESERVED if re.search(r":\s*[@`]", typed) else None
    if found is not None:
        return tr(found[0], english[0]), tr(found[1], english[1])
    return tr(f"รูปแบบ YAML ไม่ถูกต้อง ({reason})", english[0]), tr(
        "บรรทัดแบบ 'ชื่อช่อง: ค่า' ย่อหน้าด้วยการเว้นวรรค", english[1])
