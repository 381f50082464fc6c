"""`oit new-year`: the next fiscal year's folder opened from the last one. What normally stays
is carried forward (the opinion channels; each topic's responsible group and contact); what
must be new (items, reports, activities, evidence, dates) starts as the commented skeleton.
No file that exists is overwritten; the unit's current_fiscal_year moves on, said so."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import thai
from ..atomic import write_atomic
from ..errors import Problem, UsageError, UserError, display_path
from ..language import tr
from ..model.base import TopicData
from ..model.load import UNIT_FILE
from ..model.topics import OpinionChannels
from ..project import Project
from ..topics import Topic
from .init import FIRST_YEAR_TOPICS, NewFiles, scalar, skeleton
from .validate import load_data

CARRIED = ("responsible", "contact_person")   # of every topic
_CURRENT_YEAR = re.compile(r"^(current_fiscal_year:[ \t]*)[\"']?([0-9๐-๙]{4})[\"']?([ \t]*(#.*)?)$",
                           re.M)


@dataclass
class NewYearReport:
    """What `oit new-year` wrote, kept and changed."""

    year: int
    source: int
    files: NewFiles
    current_changed: tuple[int, int] | None = None

    def as_text(self) -> str:
        lines = [tr(f"เปิดปีงบประมาณ พ.ศ. {self.year} จากข้อมูลปี {self.source}: ยกผู้รับผิดชอบ "
                    "ผู้ติดต่อ และช่องทางรับฟังความคิดเห็นมาให้ ส่วนรายการ รายงาน กิจกรรม "
                    "เอกสารหลักฐาน และวันที่ เริ่มใหม่ว่างไว้",
                    f"Fiscal year {self.year} opened from {self.source}: the responsible groups, "
                    "contacts and opinion channels carried over; items, reports, activities, "
                    "evidence and dates start empty")]
        lines += self.files.lines()
        if self.current_changed:
            before, after = self.current_changed
            lines.append(tr(f"  แก้ current_fiscal_year ใน data/{UNIT_FILE} จาก {before} เป็น {after}",
                            f"  current_fiscal_year in data/{UNIT_FILE} changed from {before} "
                            f"to {after}"))
        report = f"data/{self.source}/{Topic.BUDGET_REPORT.slug}.yml"
        lines += ["", tr("กรอกข้อมูลของปีใหม่ (ลบ # หน้าบรรทัดที่ใช้) แล้วสั่ง oit validate และ oit build",
                         "Fill in the new year (remove the # before the lines you use), then "
                         "run oit validate and oit build"),
                  tr(f"รายงานผลการใช้จ่ายประจำปี {self.source} (หัวข้อ 03) ให้เพิ่มเป็นแฟ้ม "
                     f"{report} เมื่อสิ้นปีงบประมาณ (ตัวอย่างรูปแบบอยู่ใน data/README.md)",
                     f"The annual spending report of {self.source} (topic 03) goes in {report} "
                     "when the year ends (its format is in data/README.md)")]
        return "\n".join(lines)


def new_year(project: Project, year: int | None = None,
             today: datetime.date | None = None) -> NewYearReport:
    """Open fiscal year ``year`` (default: the one after the unit's current year, unless that
    is more than a year ahead of ``today``'s, default today in Thailand: a second run by
    mistake would open a year that has not begun)."""
    dataset = load_data(project)
    if year is None:
        now = thai.fiscal_year(today or thai.today_in_thailand())
        year = dataset.current_year + 1
        if year > now + 1:
            raise UsageError(tr(
                f"ไม่ได้เปิดปี {year}: ปีงบประมาณปัจจุบันใน data/{UNIT_FILE} คือ {dataset.current_year} "
                f"ซึ่งเปิดล่วงหน้าไว้แล้ว (วันนี้อยู่ในปีงบประมาณ {now}) ถ้าตั้งใจเปิดปี {year} จริง "
                f"ให้ระบุปี: oit new-year {year}",
                f"fiscal year {year} not opened: the current year in data/{UNIT_FILE} is "
                f"{dataset.current_year}, opened ahead already (today is in fiscal year {now}); "
                f"to open {year} all the same, name it: oit new-year {year}"))
    earlier = [y for y in dataset.years if y < year]
    if not earlier:
        years = ', '.join(map(str, sorted(dataset.years)))
        raise UsageError(tr(f"ไม่มีข้อมูลปีงบประมาณก่อน {year} ให้ยกมา (มี: {years})",
                            f"there is no fiscal year before {year} to carry over (there is: "
                            f"{years})"))
    source = dataset.years[max(earlier)]
    report = NewYearReport(year, source.year, NewFiles(project.root))
    for topic in FIRST_YEAR_TOPICS:
        path = project.data_dir / str(year) / f"{topic.slug}.yml"
        report.files.write(path, carried_forward(topic, year, source.get(topic)))
    if year > dataset.current_year:
        report.current_changed = (dataset.current_year, year)
        _set_current_year(project.data_dir / UNIT_FILE, year, project.root)
    return report


def carried_forward(topic: Topic, year: int, last: TopicData | None) -> str:
    """The topic's skeleton for ``year`` with what stays from last year's data filled in."""
    text = skeleton(topic, year)
    if last is None:
        return text
    for key in CARRIED:
        value = getattr(last, key)
        if value:
            text = _filled(text, key, f"{key}: {scalar(value)}")
    if isinstance(last, OpinionChannels) and last.channels:
        channels: list[dict[str, Any]] = [c.model_dump(mode="json", exclude_none=True)
                                          for c in last.channels]
        block = yaml.safe_dump({"channels": channels}, allow_unicode=True, sort_keys=False,
                               width=1_000_000)
        text = _filled(text, "channels", block.rstrip("\n"))
    return text


def _filled(text: str, key: str, replacement: str) -> str:
    """``text`` with the commented ``# key:`` line and its commented block below replaced."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"# {key}:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("#  "):
        end += 1
    return "\n".join([*lines[:start], replacement, *lines[end:]])


def _set_current_year(path: Path, year: int, root: Path) -> None:
    """current_fiscal_year in the unit file set to ``year``; the rest of the file as it was."""
    text = path.read_text(encoding="utf-8")
    changed, count = _CURRENT_YEAR.subn(lambda m: f"{m.group(1)}{year}{m.group(3)}", text, 1)
    if count != 1:
        raise UserError(Problem(display_path(path, root), None, "current_fiscal_year",
                                tr("หาบรรทัด current_fiscal_year ไม่พบ จึงไม่ได้แก้",
                                   "no current_fiscal_year line found, so it was not changed"),
                                tr(f"บรรทัด 'current_fiscal_year: {year}' ในแฟ้มนี้ (แก้เองได้)",
                                   f"a line 'current_fiscal_year: {year}' in this file (you can "
                                   "write it yourself)")))
    write_atomic(path, changed.encode("utf-8"))
