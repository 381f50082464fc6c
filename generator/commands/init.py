"""`oit init`: a new project. Writes data/unit.yml and the current fiscal year's folder with a
commented skeleton of each topic in Thai; never touches a file that exists."""
from __future__ import annotations

import dataclasses
import datetime
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .. import thai
from ..errors import Problem, UserError, display_path
from ..language import Said, tr
from ..model.characters import forbidden_in_value
from ..model.dataset import Unit
from ..model.fields import FieldError
from ..model.load import UNIT_FILE
from ..model.source import parse_yaml
from ..topics import Topic

SKELETONS = Path(__file__).parent / "skeleton"
# The annual report (03) of a year is written after the year ends, in that year's folder.
FIRST_YEAR_TOPICS = tuple(t for t in Topic if t is not Topic.BUDGET_REPORT)
# The unit's fields, each with the Thai comment written above it and the option that sets it.
UNIT_FIELDS = (
    ("name_th", Said("ชื่อหน่วยงานภาษาไทย (แสดงเป็นชื่อเว็บไซต์)",
                     "the unit's Thai name (the site's title)")),
    ("name_en", Said("ชื่อภาษาอังกฤษ (ถ้ามี)", "its English name (if any)")),
    ("parent", Said("หน่วยงานต้นสังกัด เช่น กรม กระทรวง",
                    "the parent organisation, e.g. department, ministry")),
    ("address", Said("ที่อยู่", "address")),
    ("phone", Said("โทรศัพท์", "phone")),
    ("email", Said("อีเมล", "e-mail")),
    ("website", Said("เว็บไซต์ของหน่วยงาน", "the unit's website")),
)


@dataclass(frozen=True)
class UnitDetails:
    """What `oit init` asks about the unit."""

    name_th: str
    name_en: str | None = None
    parent: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    domains: tuple[str, ...] = ()


@dataclass
class InitReport:
    """The year `oit init` started the project with, and the files it wrote."""

    root: Path
    year: int
    files: NewFiles

    def as_text(self) -> str:
        lines = [tr(f"สร้างโครงการใหม่ที่ {self.root} (ปีงบประมาณ พ.ศ. {self.year})",
                    f"New project in {self.root} (fiscal year {self.year} BE)"),
                 *self.files.lines()]
        lines += ["", tr(f"กรอกข้อมูลในแฟ้ม data/{self.year}/*.yml (ลบ # หน้าบรรทัดที่ใช้) "
                         f"ส่วนหัวข้อ 03 รายงานผลประจำปี ให้เพิ่มเมื่อสิ้นปีงบประมาณ แล้วสั่ง:",
                         f"Fill in data/{self.year}/*.yml (remove the # before the lines you "
                         f"use; topic 03, the annual report, is added when the year ends), "
                         f"then run:"),
                  f"  oit validate --project {self.root}",
                  f"  oit build --project {self.root}"]
        return "\n".join(lines)


def init(root: Path, details: UnitDetails, today: datetime.date | None = None) -> InitReport:
    """Write a new project into ``root``: raises UserError (nothing written) when a detail is
    not valid or the folder already holds a project."""
    root = root.resolve()
    year = thai.fiscal_year(today or thai.today_in_thailand())
    unit_path = root / "data" / UNIT_FILE
    if unit_path.exists():
        raise UserError(Problem(display_path(unit_path, root), None, "",
                                tr("โฟลเดอร์นี้มีโครงการอยู่แล้ว ไม่ได้เขียนแฟ้มใด",
                                   "this folder already holds a project; no file was written"),
                                tr("โฟลเดอร์ใหม่ หรือใช้ oit build กับโครงการนี้",
                                   "a new folder, or oit build for this project")))
    _check_unit(details, year, unit_path)
    unit_text = unit_yml(details, year)
    report = InitReport(root, year, NewFiles(root))
    report.files.write(unit_path, unit_text)
    for topic in FIRST_YEAR_TOPICS:
        path = root / "data" / str(year) / f"{topic.slug}.yml"
        report.files.write(path, skeleton(topic, year))
    return report


def unit_yml(details: UnitDetails, year: int) -> str:
    """data/unit.yml with a Thai comment above each field; a detail not given is left as a
    commented line to fill in later."""
    lines = ["# ข้อมูลหน่วยงาน (ใช้ร่วมกันทุกปีงบประมาณ) สร้างโดย oit init",
             "# รูปแบบของทุกช่องอยู่ใน data/README.md", ""]
    for name, comment in UNIT_FIELDS:
        value = getattr(details, name)
        lines.append(f"# {comment.th}")
        lines.append(f"{name}: {scalar(value)}" if value else f"# {name}: ")
    lines += ["", "# โดเมนที่หน่วยงานใช้เผยแพร่เอกสารหลักฐาน"]
    if details.domains:
        lines += ["domains:", *(f"  - {scalar(d)}" for d in details.domains)]
    else:
        lines.append("# domains:\n#   - www.example.go.th")
    lines += ["", f"# ปีงบประมาณปัจจุบัน (พ.ศ.): ต้องมีโฟลเดอร์ data/{year} อยู่ด้วย",
              f"current_fiscal_year: {year}", ""]
    return "\n".join(lines)


def skeleton(topic: Topic, year: int) -> str:
    """A topic's data file for ``year``: its fiscal year set, every other field a comment."""
    template = string.Template((SKELETONS / f"{topic.slug}.yml").read_text(encoding="utf-8"))
    return template.substitute(year=year, year_start=year - 1,
                               year_end_short=str(year)[-2:])


def scalar(value: str) -> str:
    """A value as one YAML scalar that reads back as exactly that text."""
    text: str = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _check_unit(details: UnitDetails, year: int, path: Path) -> None:
    """The unit file as the build will read it; every problem at once, named by option."""
    bad = {name: found for name, _ in UNIT_FIELDS
           if (found := forbidden_in_value(getattr(details, name) or "")) is not None}
    bad_domains = [found for d in details.domains if (found := forbidden_in_value(d))]
    problems = [Problem(_option(name), None, "", found.message, found.expected)
                for name, found in bad.items()]
    problems += [Problem(_option("domain"), None, "", found.message, found.expected)
                 for found in bad_domains[:1]]
    # The rest, as the loader reads the file that would be written.
    rest = dataclasses.replace(details, **{name: None for name in bad if name != "name_th"},
                               name_th="-" if "name_th" in bad else details.name_th,
                               domains=() if bad_domains else details.domains)
    try:
        Unit.model_validate(parse_yaml(unit_yml(rest, year), path, "data/unit.yml").data,
                            context={})
    except ValidationError as exc:
        problems += [_option_problem(err) for err in exc.errors()]
    if problems:
        raise UserError(problems)


def _option(field_name: str) -> str:
    return "--" + field_name.replace("_", "-")


def _option_problem(err: Any) -> Problem:
    loc = err["loc"]
    option = _option("domain" if loc[0] == "domains" else str(loc[0]))
    error = (err.get("ctx") or {}).get("error")
    if isinstance(error, FieldError):
        return Problem(option, None, "", str(error), error.expected)
    return Problem(option, None, "", str(err["msg"]))


@dataclass
class NewFiles:
    """Files a command writes only where none exists: those written, those left as they were."""

    root: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def write(self, path: Path, content: str | bytes) -> None:
        """Write ``path`` (text as UTF-8) if it does not exist yet ("x": never over a file,
        even one that appears meanwhile); else leave it and remember it."""
        shown = display_path(path, self.root)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            out = path.open("xb")
        except FileExistsError:
            self.kept.append(shown)
            return
        try:
            with out:
                out.write(content.encode("utf-8") if isinstance(content, str) else content)
        except BaseException:
            # Ours and cut short (a full disk): left, the next run would keep it as "already there".
            path.unlink(missing_ok=True)
            raise
        self.written.append(shown)

    def lines(self) -> list[str]:
        return ([tr(f"  เขียนแล้ว: {path}", f"  written: {path}") for path in self.written]
                + [tr(f"  มีอยู่แล้ว ไม่ได้แก้ไข: {path}", f"  already there, left as it is: {path}")
                   for path in self.kept])
