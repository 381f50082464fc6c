"""The `oit` command: parse arguments, call one function, turn UserError into exit 1."""
from __future__ import annotations

import argparse
import datetime
import difflib
import importlib.metadata
import io
import os
import platform
import re
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import language, thai
from .commands import check as checking
from .commands import links as linking
from .commands.build import build
from .commands.check import check
from .commands.convert import FORMATS, convert, template
from .commands.init import UNIT_FIELDS, UnitDetails, init
from .commands.links import links
from .commands.new_year import new_year
from .commands.serve import DEFAULT_PORT, serve
from .commands.validate import validate
from .errors import UsageError, UserError, display_path, environment_error
from .language import tr
from .links.cache import DEFAULT_MAX_AGE
from .links.external import DEFAULT_THREADS, DEFAULT_TIMEOUT
from .project import Project
from .render.memo import MemoOptions
from .site.lock import DEFAULT_WAIT
from .topics import Topic


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr(f"'{text}' ไม่ใช่วันที่แบบ 2026-11-23 (ปี ค.ศ.-เดือน-วัน)",
                                            f"'{text}' is not a date like 2026-11-23")) from None


class _Formatter(argparse.HelpFormatter):
    """argparse's help in the language in use: its headings and its own -h."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups,
                          tr("วิธีใช้: ", "usage: ") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_HEADINGS.get(heading or "", heading) if language.current() == "th"
                              else heading)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Lines broken at spaces only: Thai writes no space between words, and a break
        anywhere else could part a vowel or tone mark from its consonant."""
        return textwrap.wrap(" ".join(text.split()), width, break_long_words=False,
                             break_on_hyphens=False)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if isinstance(action, argparse._HelpAction):
            return tr("แสดงวิธีใช้นี้แล้วจบ", "show this help message and exit")
        return action.help


_HEADINGS = {"options": "ตัวเลือก", "positional arguments": "ค่าที่ต้องระบุ"}


class _Versions(argparse.Action):
    """--version: oit's and its tools', looked up only when asked (each lookup reads an
    installed package's metadata)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(versions())
        parser.exit()


def versions() -> str:
    """One line, e.g. oit 0.1.0 (MkDocs 1.6.1, Material for MkDocs …, LinkChecker …, Python …)."""
    def of(package: str) -> str:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return tr("ไม่ได้ติดตั้ง", "not installed")
    tools = ", ".join(f"{name} {of(package)}" for name, package in (
        ("MkDocs", "mkdocs"), ("Material for MkDocs", "mkdocs-material"),
        ("LinkChecker", "linkchecker")))
    return f"oit {of('oit-site')} ({tools}, Python {platform.python_version()})"


class _Parser(argparse.ArgumentParser):
    """argparse in the language in use (Python's own words are English), naming the nearest
    command or option to a slip of the keyboard."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {tr('ใช้คำสั่งไม่ถูก', 'error')}: "
                     f"{usage_error(message, self._option_names())}\n")

    def _option_names(self) -> list[str]:
        """Every option of this command and of the commands below it."""
        names = [o for a in self._actions for o in a.option_strings]
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                names += [o for sub in action.choices.values() for a in sub._actions
                          for o in a.option_strings]
        return sorted(set(names))


_ARGUMENT = r"^argument (?P<argument>[^:]+): "
_USAGE_ERRORS = [(re.compile(pattern), said) for pattern, said in [
    (_ARGUMENT + r"invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)$",
     "{argument}: ไม่มี '{value}'{nearest} (เลือกได้: {choices})"),
    (r"^unrecognized arguments: (?P<value>.*)$", "ไม่รู้จัก {value}{nearest}"),
    (r"^the following arguments are required: command$",
     "ต้องระบุคำสั่ง เช่น oit build (คำสั่งทั้งหมด: oit --help)"),
    (r"^the following arguments are required: (?P<argument>.*)$", "ต้องระบุ {argument}"),
    (_ARGUMENT + r"invalid int value: '(?P<value>.*)'$", "{argument}: '{value}' ไม่ใช่ตัวเลข"),
    (_ARGUMENT + r"invalid \w+ value: '(?P<value>.*)'$", "{argument}: ใช้ค่า '{value}' ไม่ได้"),
    (_ARGUMENT + r"expected one argument$", "{argument}: ต้องมีค่าตามหลัง"),
    (_ARGUMENT + r"(?P<rest>.*)$", "{argument}: {rest}"),   # our own, already in Thai
]]


def usage_error(message: str, options: Sequence[str] = ()) -> str:
    """argparse's usage error in the language in use (an unknown form stays as argparse wrote
    it), with the nearest command or option to what was typed (``options``: the ones there are)."""
    for pattern, said in _USAGE_ERRORS:
        found = pattern.search(message)
        if found is not None:
            break
    else:
        return message
    parts = found.groupdict()
    typed = (parts.get("value") or "").split()[:1]
    # The choices as argparse lists them: quoted up to Python 3.12, bare in later ones.
    choices = [c.strip(" '") for c in (parts.get("choices") or "").split(",") if c.strip(" '")]
    known = choices or list(options)
    nearest = [m for t in typed for m in difflib.get_close_matches(t, known, 1, 0.6)]
    if language.current() != "th":
        return message + (f" (did you mean {nearest[0]}?)" if nearest else "")
    if parts.get("argument") == "command":
        parts["argument"] = "คำสั่ง"
    parts["nearest"] = f" หมายถึง {nearest[0]} หรือไม่" if nearest else ""
    return said.format(**parts)


def make_parser() -> argparse.ArgumentParser:
    # --project is read before or after the command: `oit --project DIR build` and
    # `oit build --project DIR` are the same (the command's own copy wins when both are given).
    project = _Parser(add_help=False)
    project.add_argument("--project", type=Path, default=argparse.SUPPRESS, help=tr(
        "โฟลเดอร์โครงการที่มี data/ (และ content/, mkdocs.yml ถ้ามี) (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน)",
        "project folder with data/, content/, mkdocs.yml (default: here)"))
    project.add_argument("--lang", choices=language.LANGUAGES, default=argparse.SUPPRESS,
                         help=tr("ภาษาของข้อความ: th (ค่าเริ่มต้น) หรือ en (หรือตั้ง OIT_LANG=en)",
                                 "language of the messages: th (default) or en "
                                 "(or set OIT_LANG=en)"))
    parser = _Parser(prog="oit", parents=[project], description=tr(
        "สร้างเว็บไซต์เปิดเผยข้อมูล OIT ของหน่วยงาน", "Build a unit's OIT disclosure site."),
        epilog=tr("วิธีใช้แต่ละคำสั่ง: oit คำสั่ง --help เช่น oit build --help",
                  "each command's options: oit COMMAND --help, e.g. oit build --help"))
    parser.add_argument("--version", action=_Versions, help=tr(
        "แสดงรุ่นของ oit และของเครื่องมือที่ใช้ (บอกเมื่อแจ้งปัญหา) แล้วจบ",
        "show the versions of oit and the tools it uses (for a problem report) and exit"))
    commands = parser.add_subparsers(dest="command", required=True, title=tr("คำสั่ง", "commands"))
    today = tr("วันนี้ตามเวลาประเทศไทย", "today in Thailand")
    build = commands.add_parser("build", parents=[project], help=tr(
        "ตรวจข้อมูล สร้างหน้าเว็บ สร้าง site/ และตรวจลิงก์",
        "validate, generate pages, build site/, check links"))
    build.add_argument("--build-date", type=_iso_date, default=None, help=tr(
        f"วันที่แสดงเป็นวันสร้างเว็บไซต์ เช่น 2026-11-23 (ค่าเริ่มต้น: {today})",
        f"date shown as the build date (default: {today})"))
    build.add_argument("--show-findings", action="store_true", help=tr(
        "แสดงผลตรวจความครบถ้วนของแต่ละหัวข้อ ไว้ในหน้าของหัวข้อนั้นด้วย (สำหรับผู้ดูแลเว็บตรวจดู "
        "หน้าสถานะแสดงผลตรวจเสมอ)",
        "also list each topic's completeness findings on its page "
        "(for the webmaster's preview; the status page always shows them)"))
    build.add_argument("--wait", type=_seconds_or_zero, default=DEFAULT_WAIT, help=tr(
        f"จำนวนวินาทีที่รอ ขณะที่อีกงานหนึ่งกำลังสร้างเว็บไซต์ของโครงการนี้อยู่ (ค่าเริ่มต้น: "
        f"{DEFAULT_WAIT:g}; 0: ไม่รอ)",
        f"seconds to wait while another build of this project runs (default: "
        f"{DEFAULT_WAIT:g}; 0: do not wait)"))
    commands.add_parser("validate", parents=[project], help=tr(
        "ตรวจเฉพาะแฟ้มข้อมูล ไม่เปลี่ยนแปลงอะไร", "only check the data files; change nothing"))
    check = commands.add_parser("check", parents=[project], help=tr(
        "ตรวจว่าทุกหัวข้อของปีงบประมาณครบถ้วนหรือไม่", "is every topic of a fiscal year complete?"))
    check.add_argument("--year", type=int, default=None, help=tr(
        "ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: current_fiscal_year ใน unit.yml)",
        "Buddhist Era fiscal year (default: the unit's current_fiscal_year)"))
    check.add_argument("--as-of", type=_any_date, default=None, help=tr(
        f"ตรวจ ณ วันที่นี้ เช่น 2026-11-23 หรือ '10 มี.ค. 2569' (ค่าเริ่มต้น: {today})",
        f"check as of this date (default: {today})"))
    check.add_argument("--format", choices=checking.FORMATS, default="text", help=tr(
        "text (ค่าเริ่มต้น), json, markdown; html หรือ pdf: บันทึกข้อความของคณะทำงาน "
        "สำหรับพิมพ์บนกระดาษ A4 เขียนลงแฟ้ม",
        "text (default), json, markdown; html or pdf: the working group's "
        "memo (บันทึกข้อความ) to print on A4, written to a file"))
    check.add_argument("--out", default=None, help=tr(
        "ใช้กับ html/pdf: แฟ้มที่จะเขียน (ค่าเริ่มต้น: oit-check-ปี.html|pdf ในโฟลเดอร์โครงการ; "
        "ใส่ - เพื่อส่งออกทาง standard output)",
        "with html/pdf: the file to write (default: oit-check-YEAR.html|pdf "
        "in the project folder; - for standard output)"))
    check.add_argument("--to", default=None, help=tr(
        "ใช้กับ html/pdf: เรียนใคร (ค่าเริ่มต้น: head.position ใน unit.yml)",
        "with html/pdf: to whom (เรียน …; default: head.position in unit.yml)"))
    check.add_argument("--number", default=None, help=tr(
        "ใช้กับ html/pdf: เลขที่หนังสือต่อจาก document_code (ที่ …/เลขที่)",
        "with html/pdf: the memo's number after document_code (ที่ …/NUMBER)"))
    check.add_argument("--thai-digits", action="store_true", help=tr(
        "ใช้กับ html/pdf: ใช้เลขไทย (๐–๙) ในเนื้อความของบันทึก",
        "with html/pdf: Thai digits (๐–๙) in the memo's text"))
    _init_parser(commands.add_parser("init", parents=[project], help=tr(
        "เริ่มโครงการใหม่: data/unit.yml และแฟ้มหัวข้อของปีงบประมาณนี้",
        "start a new project: data/unit.yml and this fiscal year's topic files")))
    serve = commands.add_parser("serve", parents=[project], help=tr(
        "ดูตัวอย่างเว็บไซต์ในเครื่องนี้ สร้างใหม่และโหลดหน้าใหม่ทุกครั้งที่แก้ไข",
        "preview the site on this computer; it rebuilds and reloads on every change"))
    serve.add_argument("--port", type=_count, default=DEFAULT_PORT, help=tr(
        f"พอร์ตบน 127.0.0.1 (ค่าเริ่มต้น: {DEFAULT_PORT})",
        f"port on 127.0.0.1 (default: {DEFAULT_PORT})"))
    serve.add_argument("--build-date", type=_iso_date, default=None, help=tr(
        f"วันที่ที่หน้าตัวอย่างใช้ตรวจ เช่น 2026-11-23 (ค่าเริ่มต้น: {today})",
        f"date the preview is checked for (default: {today})"))
    new_year = commands.add_parser("new-year", parents=[project], help=tr(
        "เปิดโฟลเดอร์ของปีงบประมาณถัดไปจากปีล่าสุด และตั้งเป็นปีปัจจุบัน",
        "open the next fiscal year's folder from the last one, and make it current"))
    new_year.add_argument("year", nargs="?", type=int, default=None, help=tr(
        "ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ปีถัดจากปีปัจจุบัน)",
        "Buddhist Era fiscal year (default: the one after current)"))
    _links_parser(commands.add_parser("links", parents=[project], help=tr(
        "ตรวจที่อยู่เว็บทุกรายการในข้อมูล และทุกลิงก์ของเว็บไซต์ที่สร้างแล้ว",
        "check every web address in the data and every link of the built site")))
    convert = commands.add_parser("convert", parents=[project], help=tr(
        "เขียนแฟ้มหัวข้อในอีกรูปแบบไว้ข้างกัน: จาก YAML เป็นสมุดงาน (workbook) หรือกลับกัน",
        "write a topic file in the other form beside it: YAML to a workbook or back"))
    convert.add_argument("file", type=Path, help=tr(
        "เช่น data/2570/04-procurement-plan.yml", "e.g. data/2570/04-procurement-plan.yml"))
    convert.add_argument("--to", choices=FORMATS, required=True, help=tr(
        "xlsx (สมุดงาน) หรือ yml (YAML)", "xlsx (a workbook) or yml (YAML)"))
    template = commands.add_parser("template", parents=[project], help=tr(
        "เขียนสมุดงานพร้อมกรอก (หัวตาราง รายการให้เลือก) พร้อมข้อมูลที่มีอยู่แล้ว",
        "write workbooks ready to fill (headings, drop-down lists), with the data so far"))
    template.add_argument("--year", type=int, default=None, help=tr(
        "ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ปีปัจจุบันของหน่วยงาน)",
        "Buddhist Era fiscal year (default: the unit's current one)"))
    template.add_argument("--topic", choices=[t.value for t in Topic], action="append",
                          default=None, help=tr(
                              "เฉพาะหัวข้อนี้ (ระบุซ้ำได้; ค่าเริ่มต้น: ทั้งหกหัวข้อ)",
                              "only this topic (repeatable; default: all six)"))
    template.add_argument("--out", type=Path, default=None, help=tr(
        "โฟลเดอร์ที่จะเขียนลง (ค่าเริ่มต้น: templates/ปี/)",
        "folder to write into (default: templates/YEAR/)"))
    return parser


def _init_parser(init: argparse.ArgumentParser) -> None:
    init.add_argument("folder", nargs="?", type=Path, default=None, help=tr(
        "โฟลเดอร์ของโครงการใหม่ (ค่าเริ่มต้น: --project หรือโฟลเดอร์ปัจจุบัน)",
        "the new project's folder (default: --project, or here)"))
    for name, label in UNIT_FIELDS:
        init.add_argument("--" + name.replace("_", "-"), default=None, help=str(label))
    init.add_argument("--domain", action="append", default=[], help=tr(
        "โดเมนที่หน่วยงานใช้เผยแพร่เอกสารหลักฐาน (ระบุซ้ำได้)",
        "a domain where the unit publishes its documents (repeatable)"))


def _links_parser(links: argparse.ArgumentParser) -> None:
    links.add_argument("--external", action="store_true", help=tr(
        "ตรวจที่อยู่ภายนอกแต่ละรายการผ่านเครือข่ายด้วย (LinkChecker)",
        "also check each external address over the network (LinkChecker)"))
    links.add_argument("--refresh", action="store_true", help=tr(
        "ใช้กับ --external: ไม่ใช้ผลที่เก็บไว้ ตรวจทุกที่อยู่ใหม่",
        "with --external: ignore the cache and check every address again"))
    links.add_argument("--max-age", type=_duration, default=DEFAULT_MAX_AGE, help=tr(
        "ใช้กับ --external: ตรวจซ้ำผลที่เก็บไว้นานกว่านี้ เช่น 30m, 12h, 1d, 2w (ค่าเริ่มต้น: 1d) "
        "ที่อยู่ที่เปิดไม่ได้จะตรวจซ้ำเสมอ",
        "with --external: re-check a cached result older than this, "
        "e.g. 30m, 12h, 1d, 2w (default: 1d); failures are always re-checked"))
    links.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, help=tr(
        f"จำนวนวินาทีที่รอแต่ละที่อยู่ (ค่าเริ่มต้น: {DEFAULT_TIMEOUT:g})",
        f"seconds to wait for each address (default: {DEFAULT_TIMEOUT:g})"))
    links.add_argument("--threads", type=_count, default=DEFAULT_THREADS, help=tr(
        f"จำนวนที่อยู่ที่ตรวจพร้อมกัน (ค่าเริ่มต้น: {DEFAULT_THREADS})",
        f"addresses checked at the same time (default: {DEFAULT_THREADS})"))
    links.add_argument("--format", choices=linking.FORMATS, default="text", help=tr(
        "text (ค่าเริ่มต้น) หรือ json", "text (default) or json"))


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def _duration(text: str) -> datetime.timedelta:
    number, unit = text.strip()[:-1], text.strip()[-1:].lower()
    try:
        if unit not in _UNITS or float(number) < 0:
            raise ValueError
        return datetime.timedelta(seconds=float(number) * _UNITS[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(tr(
            f"'{text}' ไม่ใช่ช่วงเวลาแบบ 30m, 12h, 1d หรือ 2w",
            f"'{text}' is not an age like 30m, 12h, 1d or 2w")) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(tr(f"'{text}' ไม่ใช่จำนวนวินาทีที่มากกว่า 0",
                                            f"'{text}' is not a number of seconds above 0"))
    return value


def _seconds_or_zero(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not value >= 0:
        raise argparse.ArgumentTypeError(tr(f"'{text}' ไม่ใช่จำนวนวินาทีตั้งแต่ 0 ขึ้นไป",
                                            f"'{text}' is not a number of seconds from 0"))
    return value


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(tr(f"'{text}' ไม่ใช่จำนวนเต็มตั้งแต่ 1 ขึ้นไป",
                                            f"'{text}' is not a whole number from 1"))
    return int(text)


def _any_date(text: str) -> datetime.date:
    try:
        return thai.parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run_build(project: Project, args: argparse.Namespace) -> str:
    return build(project, args.build_date, show_findings=args.show_findings, wait=args.wait,
                 notify=_tell).as_text()


def _tell(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_validate(project: Project, args: argparse.Namespace) -> str:
    return validate(project).as_text()


def run_check(project: Project, args: argparse.Namespace) -> tuple[str, int]:
    memo_only = [f"--{name.replace('_', '-')}" for name in ("out", "to", "number", "thai_digits")
                 if getattr(args, name)]
    if memo_only and args.format not in checking.DOCUMENTS:
        raise UsageError(tr(f"{', '.join(memo_only)} ใช้กับ --format html หรือ --format pdf",
                            f"{', '.join(memo_only)} go with --format html or --format pdf"))
    report = check(project, args.year, args.as_of)
    code = 0 if report.complete else 1
    if args.format not in checking.DOCUMENTS:
        return checking.formatted(report, args.format, project), code
    options = MemoOptions(args.to, args.number, args.thai_digits)
    gaps = checking.memo_gaps(report, options)
    if gaps:   # blanks to fill in by hand
        _tell(checking.memo_gaps_said(gaps))
    if args.out == "-":
        sys.stdout.buffer.write(checking.memo_document(project, report, args.format, options))
        return "", code
    path = checking.write_memo(project, report, args.format, options,
                               Path(args.out) if args.out else None)
    return tr(f"เขียนบันทึกข้อความรายงานผลการตรวจแล้ว: {display_path(path)}",
              f"wrote the working group's memo: {display_path(path)}"), code


def run_init(project: Project, args: argparse.Namespace) -> str:
    root = args.folder or project.root
    values = {name: getattr(args, name) for name, _ in UNIT_FIELDS}
    if not values["name_th"]:
        if not sys.stdin.isatty():
            raise UsageError(tr("ต้องระบุชื่อหน่วยงาน: --name-th \"ชื่อหน่วยงานภาษาไทย\"",
                                "the unit's name is needed: --name-th \"its Thai name\""))
        values = _asked(values)
    details = UnitDetails(**values, domains=tuple(args.domain))
    return init(root, details).as_text()


def _asked(values: dict[str, str | None]) -> dict[str, str | None]:
    """Each detail not given as an option, asked in Thai (Enter leaves it out)."""
    print(tr("สร้างโครงการใหม่: กรอกข้อมูลหน่วยงาน (กด Enter เพื่อข้าม ยกเว้นชื่อภาษาไทย)",
             "A new project: the unit's details (Enter skips one, except the Thai name)"))
    asked = dict(values)
    for name, label in UNIT_FIELDS:
        while not asked[name]:
            try:
                asked[name] = input(f"{label}: ").strip() or None
            except EOFError:   # Ctrl-D
                raise UsageError(tr("ยกเลิกแล้ว ยังไม่ได้สร้างแฟ้มใด",
                                    "cancelled; no file was written")) from None
            except UnicodeDecodeError:   # a terminal that does not send UTF-8
                raise UsageError(tr("อ่านข้อความที่พิมพ์ไม่ได้ (เทอร์มินัลไม่ได้ใช้ UTF-8) ให้ระบุเป็นตัวเลือกแทน "
                                    "เช่น --name-th \"ชื่อหน่วยงานภาษาไทย\"",
                                    "what was typed cannot be read (the terminal does not use "
                                    "UTF-8): give it as an option instead, e.g. --name-th "
                                    "\"its Thai name\"")) from None
            if asked[name] or name != "name_th":
                break
    return asked


def run_serve(project: Project, args: argparse.Namespace) -> str:
    serve(project, port=args.port, build_date=args.build_date, say=_say)
    return tr("หยุดหน้าตัวอย่างแล้ว", "preview stopped")


def _say(message: str) -> None:
    print(message, flush=True)


def run_new_year(project: Project, args: argparse.Namespace) -> str:
    return new_year(project, args.year).as_text()


def run_convert(project: Project, args: argparse.Namespace) -> str:
    return "\n".join(convert(project, args.file, args.to))


def run_template(project: Project, args: argparse.Namespace) -> str:
    topics = [Topic(t) for t in args.topic] if args.topic else None
    return "\n".join(template(project, args.year, topics, args.out))


def run_links(project: Project, args: argparse.Namespace) -> tuple[str, int]:
    report = links(project, external=args.external, refresh=args.refresh,
                   max_age=args.max_age, timeout=args.timeout, threads=args.threads)
    return linking.formatted(report, args.format), 0 if report.ok else 1


Command = Callable[[Project, argparse.Namespace], "str | tuple[str, int]"]
COMMANDS: dict[str, Command] = {"build": run_build, "validate": run_validate, "check": run_check,
                                "links": run_links, "init": run_init,
                                "new-year": run_new_year, "serve": run_serve,
                                "convert": run_convert, "template": run_template}


def run() -> NoReturn:
    """The `oit` command: main(), then out without the interpreter's tearing down of every
    module and object (about 45 ms of each command, measured on the example's build; mypy
    ends the same way). Every file is written and closed by then: only the standard streams
    are left to flush. argparse's exits (--help, a usage error) and a bug's traceback leave
    through Python's own exit."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a reader that has hung up; a closed stream
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    fallback = _console_language()
    language.use(_asked_language(argv) or fallback)   # the help and the usage errors too
    args = make_parser().parse_args(argv)
    language.use(getattr(args, "lang", None) or fallback)
    try:
        project = Project.at(getattr(args, "project", None) or Path.cwd())
    except OSError:   # the folder it was started in is gone (deleted, or moved away)
        print(tr("โฟลเดอร์ที่เปิดหน้าต่างคำสั่งค้างไว้ถูกลบหรือย้ายไปแล้ว: ให้ cd เข้าโฟลเดอร์โครงการอีกครั้ง "
                 "แล้วสั่งใหม่ หรือระบุ --project ด้วยที่อยู่เต็มของโฟลเดอร์โครงการ",
                 "the folder this was started in has been deleted or moved: cd into the "
                 "project folder again and run the command again, or give --project the "
                 "project folder's full path"), file=sys.stderr)
        return 1
    try:
        return _run(project, args)
    except BrokenPipeError:   # `oit check | head -1`: the reader has gone; leave quietly
        _silence_stdout()
        return 141   # what a shell shows for a tool that SIGPIPE ended
    except KeyboardInterrupt:   # Ctrl-C: the build has removed its staging folder
        print(tr("หยุดแล้ว (Ctrl-C)", "stopped (Ctrl-C)"), file=sys.stderr)
        return 130   # as a shell shows for SIGINT


def _run(project: Project, args: argparse.Namespace) -> int:
    """One command; every user error and machine fault becomes a message and an exit code."""
    try:
        result = COMMANDS[args.command](project, args)
    except UserError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    except OSError as exc:   # a read-only folder, a full disk: the path and what to do
        if isinstance(exc, BrokenPipeError):
            raise
        print(environment_error(exc, project.root).render(), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"oit {args.command}: {exc}", file=sys.stderr)
        return 2
    text, code = result if isinstance(result, tuple) else (result, 0)
    if text:   # empty: the command wrote its own output (a PDF to standard output)
        print(text.rstrip("\n"), flush=True)
    return code


def _asked_language(argv: Sequence[str]) -> str | None:
    """The --lang given anywhere in ``argv``, read before the parser is made: the help and
    argparse's errors are in that language."""
    for before, argument in zip(["", *argv], argv):
        value = argument.removeprefix("--lang=") if argument.startswith("--lang=") else \
            argument if before == "--lang" else None
        if value in language.LANGUAGES:
            return value
    return None


def _console_language() -> str | None:
    """English where the console cannot show Thai at all (an ASCII or Western locale, a
    Windows redirect in cp1252) and no language was asked for; None otherwise. Either way a
    character the console cannot show becomes '?' (cp874 has Thai but not '…'), never a
    traceback."""
    shows_thai = True
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            if stream.errors == "strict":
                stream.reconfigure(errors="replace")
            shows_thai = shows_thai and _encodes(stream.encoding, "ภาษาไทย")
    return None if shows_thai or os.environ.get("OIT_LANG") else "en"


def _encodes(encoding: str, text: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's last flush at exit finds no broken pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

