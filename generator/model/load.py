"""Load the data folder, validate every file, and report every problem at once."""
from __future__ import annotations

import difflib
import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import thai
from ..errors import Problem, UserError, display_path
from ..language import tr
from ..topics import Topic
from .base import TopicData
from .dataset import Dataset, FiscalYearData, Unit
from .documents import DOCUMENTS_DIR, DocumentFolder
from .fields import FieldError
from .labels import label
from .source import Document, FieldPath, SourceFile, load_yaml
from .topics import TOPIC_MODELS
from .workbook import SUFFIXES, read_workbook

UNIT_FILE = "unit.yml"
YEAR_DIR = re.compile(r"^\d{4}$")
TOPIC_FILES = {f"{topic.slug}.yml": topic for topic in Topic}
# A topic may be a workbook instead: 04-procurement-plan.xlsx (or .xls, .ods).
TOPIC_STEMS = {topic.slug: topic for topic in Topic}


def load_dataset(data_dir: Path, root: Path | None = None) -> Dataset:
    """Read and validate ``data_dir``; raise UserError listing every problem found."""
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise UserError(Problem(display_path(data_dir, root), None, "",
                                tr("ไม่มีโฟลเดอร์ข้อมูล", "the data folder does not exist"),
                                tr(f"โฟลเดอร์ที่มีแฟ้ม {UNIT_FILE} (สร้างได้ด้วย oit init)",
                                   f"a folder with {UNIT_FILE} (oit init makes one)")))
    documents = DocumentFolder(data_dir)   # evidence files are checked while validating
    unit, unit_source = _load_unit(data_dir, root, problems, documents)
    year_dirs = []
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        if YEAR_DIR.match(folder.name):
            if _is_buddhist_era(folder.name):
                year_dirs.append(folder)
            else:
                problems.append(Problem(display_path(folder, root), None, "",
                                        tr(f"ชื่อโฟลเดอร์ {folder.name} ไม่ใช่ปี พ.ศ.",
                                           f"folder name {folder.name} is not a Buddhist Era "
                                           "year"),
                                        tr(f"โฟลเดอร์ปีงบประมาณชื่อตามปี พ.ศ. {thai.MIN_BE}–"
                                           f"{thai.MAX_BE} เช่น 2567 (ปี ค.ศ. + 543)",
                                           f"a fiscal-year folder named by its Buddhist Era "
                                           f"year {thai.MIN_BE}–{thai.MAX_BE}, e.g. 2567 "
                                           "(the CE year + 543)")))
        elif not folder.name.startswith((".", "_")) and folder.name != DOCUMENTS_DIR:
            problems.append(Problem(display_path(folder, root), None, "",
                                    tr("โฟลเดอร์ที่ไม่รู้จักในโฟลเดอร์ข้อมูล",
                                       "unknown folder in the data folder"),
                                    tr("โฟลเดอร์ปีงบประมาณชื่อตามปี พ.ศ. เช่น 2567",
                                       "a fiscal-year folder named by its Buddhist Era year, "
                                       "e.g. 2567")))
    years: dict[int, FiscalYearData] = {}
    for fy, found in _load_years(year_dirs, documents, root):
        years[fy.year] = fy
        problems.extend(found)
    years = dict(sorted(years.items()))
    if unit is not None and unit.current_fiscal_year not in years:
        problems.append(Problem(display_path(data_dir / UNIT_FILE, root), None,
                                "current_fiscal_year",
                                tr(f"ไม่มีโฟลเดอร์ data/{unit.current_fiscal_year}",
                                   f"there is no folder data/{unit.current_fiscal_year}"),
                                tr("โฟลเดอร์ของปีงบประมาณปัจจุบัน (oit new-year สร้างให้ได้)",
                                   "a folder for the current fiscal year (oit new-year makes "
                                   "one)")))
    if problems or unit is None:
        valid = None if unit is None else Dataset(unit=unit, years=years, unit_source=unit_source)
        raise DataProblems(problems, valid)
    return Dataset(unit=unit, years=years, unit_source=unit_source)


def _is_buddhist_era(name: str) -> bool:
    """True for a folder named by a BE year the program can work with (2026 is CE)."""
    return thai.MIN_BE <= int(name) <= thai.MAX_BE


class DataProblems(UserError):
    """The problems of the data files, and what did validate: later checks can still look
    at that (a misspelt web address in a good file is reported in the same run)."""

    def __init__(self, problems: list[Problem], valid: Dataset | None) -> None:
        super().__init__(problems, tr(f"พบปัญหา {len(problems)} รายการในแฟ้มข้อมูล:",
                                      f"{len(problems)} problem(s) in the data files:"))
        self.valid = valid


def _load_unit(data_dir: Path, root: Path | None, problems: list[Problem],
               documents: DocumentFolder) -> tuple[Unit | None, SourceFile | None]:
    path = data_dir / UNIT_FILE
    if not path.is_file():
        problems.append(Problem(display_path(path, root), None, "",
                                tr("ไม่มีแฟ้มข้อมูลหน่วยงาน", "the unit file is missing"),
                                tr("แฟ้มข้อมูลหน่วยงาน: name_th, current_fiscal_year, … "
                                   "(oit init สร้างให้ได้)",
                                   "a file describing the unit: name_th, current_fiscal_year, … "
                                   "(oit init makes one)")))
        return None, None
    doc = _load(path, root, problems)
    if doc is None:
        return None, None
    result = _validate(doc, Unit, {"documents": documents}, problems)
    return (result if isinstance(result, Unit) else None), doc.source


def _load_years(year_dirs: list[Path], documents: DocumentFolder,
                root: Path | None) -> list[tuple[FiscalYearData, list[Problem]]]:
    loaded = []
    for year_dir in year_dirs:
        problems: list[Problem] = []
        loaded.append((_load_year(year_dir, root, documents, problems), problems))
    return loaded


def _load_year(year_dir: Path, root: Path | None, documents: DocumentFolder,
               problems: list[Problem]) -> FiscalYearData:
    year = int(year_dir.name)
    topics: dict[Topic, TopicData] = {}
    sources: dict[Topic, SourceFile] = {}
    found: dict[Topic, Path] = {}
    for path in sorted(year_dir.iterdir()):
        topic = _topic_of(path)
        if topic is None:
            if not path.name.startswith((".", "_", "~$")):   # hidden; an office lock file
                problems.append(_unknown_file(path, root))
            continue
        if topic in found:
            problems.append(Problem(display_path(path, root), None, "",
                                    tr(f"หัวข้อ {topic.value} มีสองแฟ้ม: {found[topic].name} และ "
                                       f"{path.name}", f"topic {topic.value} has two files: "
                                       f"{found[topic].name} and {path.name}"),
                                    tr("แฟ้มเดียวต่อหัวข้อ: ลบหรือย้ายแฟ้มหนึ่งออกจากโฟลเดอร์",
                                       "one file per topic: delete or move one of them")))
            topics.pop(topic, None)
            sources.pop(topic, None)
            continue
        found[topic] = path
        context = {"fiscal_year": year, "documents": documents}
        result, source = _validate_topic(path, root, topic, context, problems)
        if isinstance(result, TopicData) and source is not None:
            if result.fiscal_year not in (None, year):
                problems.append(Problem(display_path(path, root), None, "fiscal_year",
                                        tr(f"ระบุปี {result.fiscal_year} แต่แฟ้มอยู่ในโฟลเดอร์ {year}",
                                           f"says {result.fiscal_year} but the file is in "
                                           f"folder {year}"),
                                        tr(f"{year} หรือย้ายแฟ้มไปไว้ในโฟลเดอร์ของปีนั้น",
                                           f"{year}, or move the file")))
            topics[topic] = result
            sources[topic] = source
    return FiscalYearData(year=year, topics=topics, sources=sources)


def _topic_of(path: Path) -> Topic | None:
    """The topic a file of a year folder holds, by its name: NN-….yml, .xlsx, .xls or .ods."""
    if path.name in TOPIC_FILES:
        return TOPIC_FILES[path.name]
    if path.suffix.lower() in SUFFIXES and not path.name.startswith("~$"):
        return TOPIC_STEMS.get(path.stem)
    return None


def _unknown_file(path: Path, root: Path | None) -> Problem:
    close = difflib.get_close_matches(path.name, TOPIC_FILES, n=1, cutoff=0.8)
    hint = tr(f"หรือหมายถึง {close[0]}? ", f"did you mean {close[0]}? ") if close else ""
    return Problem(display_path(path, root), None, "",
                   tr(f"ไม่รู้จักแฟ้มข้อมูลนี้; {hint}", f"unknown data file; {hint}").rstrip("; "),
                   tr("ชื่อใดชื่อหนึ่งต่อไปนี้: ", "one of ") + ", ".join(TOPIC_FILES))


def _validate_topic(path: Path, root: Path | None, topic: Topic, context: dict[str, Any],
                    problems: list[Problem]) -> tuple[BaseModel | None, SourceFile | None]:
    doc = _load(path, root, problems, topic)
    if doc is None:
        return None, None
    return _validate(doc, TOPIC_MODELS[topic], context, problems), doc.source


def _load(path: Path, root: Path | None, problems: list[Problem],
          topic: Topic | None = None) -> Document | None:
    try:
        if topic is not None and path.suffix.lower() in SUFFIXES:
            document, found = read_workbook(path, topic, root)
            problems.extend(found)
            return document
        return load_yaml(path, root)
    except UserError as exc:
        problems.extend(exc.problems)
        return None


def _validate(doc: Document, model: type[BaseModel], context: dict[str, Any],
              problems: list[Problem]) -> BaseModel | None:
    data = doc.data
    if data is None or data == {}:
        # Accepted as if the topic had data, an empty file would hide that it has none.
        problems.append(Problem(doc.shown_path, 1, "",
                                tr("แฟ้มนี้ไม่มีข้อมูล (ว่างเปล่าหรือมีแต่หมายเหตุ)",
                                   "this file has no data (it is empty or only comments)"),
                                tr("ช่องข้อมูลตามรูปแบบใน data/README.md เช่น 'responsible: …' "
                                   "หรือลบแฟ้มนี้ถ้ายังไม่มีข้อมูล",
                                   "fields as data/README.md shows, e.g. 'responsible: …', or "
                                   "this file deleted while there is no data")))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(doc.shown_path, 1, "",
                                tr("แฟ้มต้องเป็นชุดของช่องข้อมูล", "the file must be a block of fields"),
                                tr("บรรทัดแบบ 'name_th: …'", "lines like 'name_th: …'")))
        return None
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems.extend(_problem(doc, model, err) for err in exc.errors())
        return None


def _problem(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    loc: FieldPath = tuple(p for p in err["loc"] if p != "[key]")
    kind = err["type"]
    line = doc.line_of(loc)
    where = doc.source.field_of(loc)
    if kind == "missing":
        return Problem(doc.shown_path, line, where,
                       tr("ต้องมีช่องนี้แต่ยังไม่มี", "this field is required but missing"),
                       tr(f"ค่าของ '{loc[-1]}'", f"a value for '{loc[-1]}'"))
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = tr(f"; หรือหมายถึง {_named(loc[:-1], close[0])}?",
                  f"; did you mean '{close[0]}'?") if close else ""
        return Problem(doc.shown_path, line, where,
                       tr(f"ไม่รู้จักช่อง '{loc[-1]}'{hint}", f"unknown field '{loc[-1]}'{hint}"),
                       tr("ช่องใดช่องหนึ่งต่อไปนี้: ", "one of: ") + ", ".join(
                           _named(loc[:-1], key).replace("'", "") for key in allowed))
    error = (err.get("ctx") or {}).get("error")
    if isinstance(error, FieldError):
        return Problem(doc.shown_path, line, where, str(error), error.expected)
    return Problem(doc.shown_path, line, where, *_plain_words(kind, err))


def _plain_words(kind: str, err: Any) -> tuple[str, str]:
    value = err.get("input")
    shown = f"'{value}'" if isinstance(value, str) else tr("ค่านี้", "this value")
    ctx = err.get("ctx") or {}
    if kind == "enum":
        expected = ctx.get("expected", "")
        return (tr(f"{shown} ไม่ใช่ค่าที่ใช้ได้", f"{shown} is not one of the allowed values"),
                tr("ค่าใดค่าหนึ่งต่อไปนี้: " + expected.replace("' or '", "' หรือ '"),
                   "one of: " + expected))
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = (tr("รายการ (บรรทัดที่ขึ้นต้นด้วย '- ')", "a list (lines starting with '- ')")
                  if kind == "list_type" else tr("ชุดของช่องข้อมูล", "a block of fields"))
        return tr(f"พบ {shown}", f"found {shown}"), wanted
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return (tr(f"{shown} ไม่ใช่จำนวนเต็ม", f"{shown} is not a whole number"),
                tr("จำนวนเต็ม เช่น 25", "a whole number such as 25"))
    if kind in ("decimal_parsing", "decimal_type"):
        return (tr(f"{shown} ไม่ใช่ตัวเลข", f"{shown} is not a number"),
                tr("ตัวเลข เช่น 45.50", "a number such as 45.50"))
    if kind.startswith(("greater_than", "less_than")):
        bounds = {"gt": ("มากกว่า", "greater than"), "ge": ("ไม่น้อยกว่า", "at least"),
                  "lt": ("น้อยกว่า", "less than"), "le": ("ไม่เกิน", "at most")}
        limits = [tr(f"{th} {ctx[key]}", f"{en} {ctx[key]}")
                  for key, (th, en) in bounds.items() if key in ctx]
        return (tr(f"{shown} อยู่นอกช่วงที่รับได้", f"{shown} is out of range"),
                tr("ค่าที่", "a value ") + tr(" และ", " and ").join(limits))
    return tr(f"{shown} ใช้ไม่ได้ที่ช่องนี้ ({err['msg']})", err["msg"]), ""


def _named(parents: FieldPath, key: str) -> str:
    """A key with its Thai name beside it, in Thai (``budget (วงเงิน)``)."""
    within = [p for p in parents if isinstance(p, str)]
    name = label(within[-1] if within else "", key)
    return tr(f"'{key}' ({name})" if name else f"'{key}'", key)


def _allowed_fields(model: type[BaseModel], loc: FieldPath) -> list[str]:
    """The field names allowed at ``loc``, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _inner_model(annotation: Any) -> Any:
    """The model class inside list[...] / X | None / Annotated[...]."""
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
