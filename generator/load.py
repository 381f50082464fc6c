"""Read YAML data files into plain Python values, remembering the line of every field.

Scalars stay the text the webmaster typed (only an empty value or ``~`` becomes
None): YAML 1.1 would otherwise turn a phone number like ``021234567`` into an
octal integer and ``1234.10`` into a float. The typed model parses the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, UserError, display_path

FieldPath = tuple[str | int, ...]
# libyaml parses about ten times faster; node marks (our line numbers) are the same. The base
# loader resolves no implicit types (that is Python regex work per scalar): we only need null.
_BASE_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_DEFAULT_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode:
                 "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """The base loader with its per-node resolver calls cut to one dict access (225,000
    nodes in the 600-page benchmark): we resolve nothing implicitly anyway."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    # The composer also tells the resolver when it enters and leaves each node, for path
    # resolvers, which we have none of (the base methods return at once). Built-ins that
    # take the same arguments and do nothing cost less than those two Python calls a node
    # (0.015 s at 600 pages): descend_resolver(parent, index) and ascend_resolver().
    descend_resolver = slice
    ascend_resolver = tuple


_LOADER = _Loader
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))   # YAML 1.1 null, when not quoted


@dataclass(frozen=True)
class SourceFile:
    """Where a data file's fields are: what later stages need to point at a line."""

    path: str                         # as shown to the user, e.g. data/2569/04-procurement-plan.yml
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, loc: FieldPath) -> int | None:
        """The line of a field, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

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
    """Turns a composed YAML node tree into values and a field-path → line table."""

    def __init__(self, shown_path: str) -> None:
        self.shown_path = shown_path
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, loc: FieldPath, line: int) -> Any:
        self.lines.setdefault(loc, line)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), item.start_mark.line + 1)
                    for i, item in enumerate(node.value)]
        return None if _is_null(node) else str(node.value)

    def _mapping(self, node: yaml.MappingNode, loc: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in result:
                self.problems.append(Problem(
                    self.shown_path, key_line, _dotted((*loc, key)),
                    "this key appears twice in the same block",
                    "each key once; the second one would silently replace the first"))
                continue
            result[key] = self.build(value_node, (*loc, key), key_line)
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


def load_yaml(path: Path, root: Path | None = None) -> Document:
    """Parse one YAML file; a syntax error becomes a Problem with its line."""
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(Problem(shown, None, "", f"the file is not UTF-8 text ({exc.reason})",
                                "save the file as UTF-8")) from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "not valid YAML"
        raise UserError(Problem(shown, line, "", f"not valid YAML: {reason}",
                                "YAML like 'key: value', indented with spaces")) from None
    builder = _Builder(shown)
    data = builder.build(node, (), 1) if node is not None else None
    if builder.problems:
        raise UserError(builder.problems)
    return Document(path, data, SourceFile(shown, builder.lines))
