"""Hostile strings in every text field of the example data, found by walking the models."""
from __future__ import annotations

import copy
import re
import types
import typing
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any, Callable

import yaml
from pydantic import BaseModel

from generator.commands.validate import load_data
from generator.errors import UserError
from generator.model.dataset import Unit
from generator.project import Project
from generator.model.topics import TOPIC_MODELS

# Each recipe puts a string that acts at the start of a line first, then the field's
# marker, then strings that act anywhere, then one that acts at the end (attr_list, a
# heading's braces, a trailing backslash): value = start + " " + marker + " " + middle + " " + end.
RECIPES: list[tuple[str, str, str]] = [
    ("# หัวข้อ", "<script>alert(1)</script> &lt;b&gt; {{ 7*7 }} *a* _b_ `c`",
     "x {: onclick=alert(5) }"),
    ("- รายการ", '"><img src=x onerror=alert(2)> &amp; {% raw %} a|b x{: onclick=alert(9) }',
     "{ครั้งที่ 2}"),
    ("1. ข้อ", "[x](javascript:alert(3)) <b> &#60;i&#62; \\\\ ~~s~~ ^t^ <!-- c -->", "\\"),
    ("<script>alert(6)</script>", "บรรทัดแรก\n---\n# หัวข้อ\n- รายการ\n1. ข้อ\n"
     "x {: onclick=alert(7) }\n\n!!! note\n    ข้อความ", "\\\\"),
]
# Values whose whole text is markup: they carry no marker, so only the page's elements are compared.
WHOLE_VALUES = ["---", "# หัวข้อ", "- รายการ", "1. ข้อ", "<b>", "&amp;", "{ครั้งที่ 2}", "\\",
                "x {: onclick=alert(8) }", "{: .md-button }", "***", "> อ้างอิง", "| a | b |",
                "=== ", "    โค้ด"]
PLAIN = ("ข้อความ", "ทดสอบ ธรรมดา", "ท้าย")   # the clean build's start, middle and end
MARKER = "QM{:04d}Q"
EXAMPLE_SITE_URL = "https://chpb.example.go.th/"


# --- walking the models -------------------------------------------------------

def _unwrap(annotation: Any) -> Any:
    """``X`` out of ``Annotated[X, …]`` and ``X | None``."""
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _unwrap(args[0])
    return annotation


def _is_text(annotation: Any) -> bool:
    return _unwrap(annotation) is str


def _is_model(annotation: Any) -> bool:
    inner = _unwrap(annotation)
    return isinstance(inner, type) and issubclass(inner, BaseModel)


def _list_item(annotation: Any) -> Any | None:
    inner = _unwrap(annotation)
    return typing.get_args(inner)[0] if typing.get_origin(inner) is list else None


def _dict_types(annotation: Any) -> tuple[Any, Any] | None:
    inner = _unwrap(annotation)
    if typing.get_origin(inner) is dict:
        key, value = typing.get_args(inner)
        return key, value
    return None


def text_fields(model: type[BaseModel], seen: frozenset[type] = frozenset()) -> list[str]:
    """Every text field inside ``model`` as 'Model.field' ('Model.field[]' for a list of
    texts, 'Model.field{}' for text dict keys), found by walking ``model_fields``."""
    found: list[str] = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        item = _list_item(annotation)
        pair = _dict_types(annotation)
        if _is_text(annotation):
            found.append(f"{model.__name__}.{name}")
        elif item is not None and _is_text(item):
            found.append(f"{model.__name__}.{name}[]")
        elif pair is not None and _is_text(pair[0]):
            found.append(f"{model.__name__}.{name}{{}}")
        for inner in ([annotation] + ([item] if item is not None else [])
                      + (list(pair) if pair is not None else [])):
            if _is_model(inner) and _unwrap(inner) not in seen:
                found += text_fields(_unwrap(inner), seen | {model})
    return sorted(set(found))


def all_text_fields() -> list[str]:
    """The text fields of unit.yml and of every topic file."""
    models: list[type[BaseModel]] = [Unit, *TOPIC_MODELS.values()]
    return sorted({f for m in models for f in text_fields(m)})


# --- filling the data -----------------------------------------------------------

@dataclass
class Filled:
    """One value put into a data file: where, what was typed, and where it came from."""

    file: str            # data-relative, e.g. 2569/04-procurement-plan.yml
    path: str            # as the loader names it, e.g. items[3].responsible
    field: str           # Model.field as text_fields() names it
    value: str
    start: str = ""      # the text before and after the marker, as typed
    end: str = ""
    marker: str = ""
    created: bool = False   # the example had no value here


@dataclass
class HostileData:
    """The data of a project with every text field filled, and what happened to each."""

    filled: list[Filled] = field(default_factory=list)
    refused: list[tuple[Filled, str]] = field(default_factory=list)   # and validate's message

    def by_marker(self) -> dict[str, Filled]:
        return {f.marker: f for f in self.filled if f.marker}

    def fields(self) -> set[str]:
        return {f.field for f in self.filled}


Maker = Callable[[str, str], Filled]   # (file, path) -> a value


def fill_model(raw: dict[str, Any], model: type[BaseModel], file: str, prefix: str,
                make: Maker, out: list[Filled]) -> None:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = info.annotation
        item = _list_item(annotation)
        label = f"{model.__name__}.{name}"
        if _is_text(annotation):
            out.append(_put(raw, name, make(file, path), label))
        elif item is not None and _is_text(item):
            count = max(1, len(raw.get(name) or []))
            values = [make(file, f"{path}[{i}]") for i in range(count)]
            raw[name] = [v.value for v in values]
            out += [_labelled(v, label + "[]") for v in values]
        elif _is_model(annotation):
            inner = _unwrap(annotation)
            raw[name] = raw.get(name) if isinstance(raw.get(name), dict) else {}
            fill_model(raw[name], inner, file, f"{path}.", make, out)
        elif item is not None and _is_model(item):
            items = raw.get(name) or []
            if items:
                for i, entry in enumerate(items):
                    fill_model(entry, _unwrap(item), file, f"{path}[{i}].", make, out)


def _put(raw: dict[str, Any], name: str, filled: Filled, label: str) -> Filled:
    filled.created = raw.get(name) is None
    raw[name] = filled.value
    return _labelled(filled, label)


def _labelled(filled: Filled, label: str) -> Filled:
    filled.field = label
    return filled


def documents(data: Path) -> list[tuple[Path, type[BaseModel]]]:
    """unit.yml and every topic file with its model."""
    by_name = {f"{topic.slug}.yml": model for topic, model in TOPIC_MODELS.items()}
    found: list[tuple[Path, type[BaseModel]]] = [(data / "unit.yml", Unit)]
    for path in sorted(data.glob("[0-9][0-9][0-9][0-9]/*.yml")):
        found.append((path, by_name[path.name]))
    return found


def fill_project(data: Path, make: Maker) -> HostileData:
    """Every text field of every data file in ``data`` set by ``make``; then whatever
    ``oit validate`` refuses goes back to a web address holding the value (for URL fields),
    and what it still refuses back to the example's value."""
    originals = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path, _ in documents(data)}
    result = HostileData()
    raws: dict[Path, dict[str, Any]] = {}
    for path, model in documents(data):
        raws[path] = copy.deepcopy(originals[path])
        fill_model(raws[path], model, path.relative_to(data).as_posix(), "", make, result.filled)
    for attempt in ("url", "original"):
        write_documents(raws)
        problems = problems_of(data.parent)
        if not problems:
            return result
        retried: set[int] = set()
        for problem in problems:
            assert problem.line is not None, f"no line: {problem}"
            hits = _find(result.filled, problem.path, problem.field)
            assert hits, f"a problem no value explains: {problem}"
            for hit in hits:
                result.refused.append((copy.copy(hit), str(problem)))
                if id(hit) not in retried:
                    retried.add(id(hit))
                    _retry(raws, data, hit, "original" if len(hits) > 1 else attempt, originals)
    write_documents(raws)
    leftover = problems_of(data.parent)
    assert not leftover, "\n".join(map(str, leftover))
    return result


def problems_of(root: Path) -> list[Any]:
    try:
        load_data(Project.at(root))
    except UserError as exc:
        return list(exc.problems)
    return []


def _find(filled: list[Filled], shown: str, path: str) -> list[Filled]:
    """The value a problem is about; for a problem of a whole block (a model's own rule,
    such as an evidence with both url and file), the values this test added to it."""
    mine = [f for f in filled if shown.endswith(f.file)]
    exact = [f for f in mine if f.path == path or path.startswith(f.path + ".")
             or path.startswith(f.path + "[")]
    if exact:
        return exact[:1]
    return [f for f in mine if f.created and f.path.startswith(path + ".")]


def _retry(raws: dict[Path, dict[str, Any]], data: Path, hit: Filled, attempt: str,
           originals: dict[Path, Any]) -> None:
    raw = raws[data / hit.file]
    keys = [int(k) if k.isdigit() else k for k in
            hit.path.replace("]", "").replace("[", ".").split(".")]
    parent: Any = raw
    for key in keys[:-1]:
        parent = parent[key]
    if attempt == "url":
        rest = hit.value.split(hit.marker, 1)[-1].strip() if hit.marker else "x"
        hit.value = f"{EXAMPLE_SITE_URL}{hit.marker}/{rest}"
        # The footer shows a web address without its scheme.
        hit.start, hit.end = EXAMPLE_SITE_URL.split("://")[1], "/" + rest
        parent[keys[-1]] = hit.value
        return
    original: Any = originals[data / hit.file]
    try:
        for key in keys:
            original = original[key]
    except (KeyError, IndexError, TypeError):
        original = None
    if original is None:
        parent.pop(keys[-1]) if isinstance(parent, dict) else None
    else:
        parent[keys[-1]] = original
    hit.marker = ""   # no longer in the data: nothing to read back


def write_documents(raws: dict[Path, dict[str, Any]]) -> None:
    for path, raw in raws.items():
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def recipe_maker(recipe: tuple[str, str, str], counter: list[int]) -> Maker:
    """Values 'start marker middle end', each with its own marker."""
    start, middle, end = recipe

    def make(file: str, path: str) -> Filled:
        counter[0] += 1
        marker = MARKER.format(counter[0])
        return Filled(file, path, "", f"{start} {marker} {middle} {end}", start,
                      f"{middle} {end}", marker)
    return make


def whole_maker(values: list[str]) -> Maker:
    """Values that are markup as a whole, one after the other: no marker."""
    counter = [0]

    def make(file: str, path: str) -> Filled:
        counter[0] += 1
        return Filled(file, path, "", values[counter[0] % len(values)])
    return make


# --- reading the pages back -------------------------------------------------------

def normalised(text: str) -> str:
    return " ".join(text.split())


class PageShape(HTMLParser):
    """A page's elements with their attribute names, its visible text and attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.attributes: list[tuple[str, str, str]] = []   # tag, name, value
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "br":   # a multi-line value legitimately adds line breaks
            self.elements[(tag, tuple(sorted(name for name, _ in attrs)))] += 1
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "br":
            self.text.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.elements[("!--", ())] += 1


def shape(html: str) -> PageShape:
    parser = PageShape()
    parser.feed(html)
    parser.close()
    return parser


def dangerous(page: PageShape) -> list[str]:
    """Event handler attributes and javascript: links."""
    return [f"<{tag} {name}={value!r}>" for tag, name, value in page.attributes
            if name.startswith("on") or value.strip().lower().startswith("javascript:")]


def read_back(texts: list[str], hostile: HostileData) -> tuple[set[str], list[str]]:
    """The markers found in ``texts``, and every place where a value does not read as typed.

    Around each occurrence, only a window of the text is normalised: the normalised window is a
    suffix (before) or prefix (after) of the normalised whole, so a window too short could only
    report a value as wrong, never hide one. Normalising the whole page text for each marker
    took a second a site.
    """
    by_marker = hostile.by_marker()
    found: set[str] = set()
    wrong: list[str] = []
    for text in texts:
        places: dict[str, list[tuple[int, int]]] = {}
        for hit in _MARKER.finditer(text):
            if hit.group() in by_marker:
                places.setdefault(hit.group(), []).append(hit.span())
        for marker, spans in places.items():
            filled = by_marker[marker]
            found.add(marker)
            reach = 4 * len(filled.value) + 256
            bounds = [0, *(e for _, e in spans)], [*(s for s, _ in spans[1:]), len(text)]
            for (start, end), previous, following in zip(spans, *bounds):
                before = normalised(text[max(previous, start - reach):start])
                after = normalised(text[end:min(following, end + reach)])
                if not before.endswith(normalised(filled.start)) or \
                        not after.startswith(normalised(filled.end)):
                    wrong.append(f"{filled.file} {filled.path}: typed {filled.value!r}, "
                                 f"shown {before[-60:]!r} {marker} {after[:80]!r}")
    return found, wrong


_MARKER = re.compile(r"QM\d{4}Q")   # MARKER's values
