"""The completeness rules (generator/checks/rules.py), every one of them both ways.

1. The example data passes: FY 2569 has no finding at all, FY 2570 only its three
   deliberate gaps.
2. A small change to the example data breaks exactly one rule, at the right file and line.
3. Date-dependent rules at their edges, with explicit check dates.
4. How findings decide a topic's status and the report's completeness.
5. The rules' ids and texts.

A change is made either to the text of one data file (a copy of data/ in tmp_path, loaded like
the generator loads it) or, for structural changes, to the loaded model with model_copy: the
data file (and so every line number) is then the unchanged original.
"""
from __future__ import annotations

import datetime
from decimal import Decimal
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from pydantic import BaseModel

from generator import periods
from generator.checks.engine import (CheckReport, Context, Finding, Hit, Rule, Severity, Source,
                                     Status, run_checks)
from generator.model.load import load_dataset
from generator.model.base import Evidence, TopicData
from generator.model.dataset import Dataset, FiscalYearData, RuleSet, evidence_items
from generator.checks.rules import DUE_DATES, RULES
from generator.topics import Topic

M = TypeVar("M", bound=BaseModel)
REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
D = datetime.date
AS_OF = D(2026, 11, 23)           # the example's "today": FY 2569 is over, FY 2570 under way
MISSING, INCOMPLETE, STALE, WARNING = (Severity.MISSING, Severity.INCOMPLETE, Severity.STALE,
                                       Severity.WARNING)

PLAN, MONITORING, REPORT, PROCUREMENT, CHANNELS, PARTICIPATION = Topic

# The severity each rule is meant to have (the checklist's intent, written down independently).
GENERIC_SEVERITY = {"exists": MISSING, "evidence": INCOMPLETE, "responsible": INCOMPLETE,
                    "last-updated": INCOMPLETE, "updated-date": WARNING, "links": INCOMPLETE,
                    "evidence-date": WARNING, "evidence-in-year": WARNING,
                    "evidence-names-year": WARNING}
SEVERITY: dict[str, Severity] = {
    **{f"{t.value}-{name}": s for t in Topic for name, s in GENERIC_SEVERITY.items()},
    "01-projects": INCOMPLETE, "01-planned-spending": INCOMPLETE, "01-totals": INCOMPLETE,
    "01-approval": INCOMPLETE,
    "02-current": STALE, "02-six-months": INCOMPLETE, "02-progress": INCOMPLETE,
    "02-figures": INCOMPLETE, "02-problems": INCOMPLETE, "02-on-time": WARNING,
    "02-matches-plan": WARNING, "02-as-of-in-year": WARNING,
    "03-previous-year": MISSING, "03-results": INCOMPLETE, "03-suggestions": INCOMPLETE,
    "04-announced": INCOMPLETE, "04-items": INCOMPLETE, "04-item-fields": INCOMPLETE,
    "04-months-in-year": INCOMPLETE, "04-egp": WARNING, "04-announced-in-year": WARNING,
    "05-several-kinds": INCOMPLETE, "05-how-to-reach": INCOMPLETE, "05-who-answers": WARNING,
    "05-corruption-complaints": WARNING, "05-reviewed": STALE,
    "06-each-round": INCOMPLETE, "06-activity-details": INCOMPLETE, "06-outcome": INCOMPLETE,
    "06-outsiders": INCOMPLETE,
}

# When each topic of FY 2570 becomes due, as a date and as the rules write it (short Thai date).
DUE_2570 = {PLAN: D(2026, 10, 31), MONITORING: D(2026, 11, 10), REPORT: D(2027, 10, 31),
            PROCUREMENT: D(2026, 10, 31), CHANNELS: D(2026, 10, 1), PARTICIPATION: D(2027, 3, 10)}
DUE_2570_TH = {PLAN: "31 ต.ค. 69", MONITORING: "10 พ.ย. 69", REPORT: "31 ต.ค. 70",
               PROCUREMENT: "31 ต.ค. 69", CHANNELS: "1 ต.ค. 69", PARTICIPATION: "10 มี.ค. 70"}
DUE_2569_TH = {PLAN: "31 ต.ค. 68", MONITORING: "10 พ.ย. 68", REPORT: "31 ต.ค. 69",
               PROCUREMENT: "31 ต.ค. 68", CHANNELS: "1 ต.ค. 68", PARTICIPATION: "10 มี.ค. 69"}


# --- comparing findings -----------------------------------------------------------------

@dataclass(frozen=True)
class Seen:
    """A finding as the tests compare it: rule, severity, where, and the Thai message."""

    rule: str
    severity: Severity
    file: str | None
    line: int | None
    field: str
    message: str


def seen(finding: Finding) -> Seen:
    return Seen(finding.rule.id, finding.rule.severity, finding.file, finding.line, finding.field,
                finding.message_th)


def expect(rule_id: str, rel: str | None, line: int | None, field_path: str, message: str) -> Seen:
    """The finding a test expects; ``rel`` is the data file below data/, e.g. 2569/01-…yml."""
    return Seen(rule_id, SEVERITY[rule_id], f"data/{rel}" if rel else None, line, field_path,
                message)


def check(dataset: Dataset, year: int, as_of: datetime.date = AS_OF,
          broken_links: dict[str, str] | None = None) -> CheckReport:
    return run_checks(dataset, year, as_of, RULES, DUE_DATES, broken_links)


def found(report: CheckReport, *rule_ids: str) -> list[Seen]:
    """The report's findings, only those of ``rule_ids`` if given."""
    return [seen(f) for f in report.findings if not rule_ids or f.rule.id in rule_ids]


def rule_ids(report: CheckReport, topic: Topic) -> list[str]:
    return [f.rule.id for f in report.result(topic).findings]


# --- the example data, and changes to it -------------------------------------------------

@cache
def example() -> Dataset:
    """The example data of the repository, loaded once."""
    return load_dataset(DATA, REPO)


@cache
def example_findings(year: int, as_of: datetime.date) -> frozenset[Seen]:
    return frozenset(found(check(example(), year, as_of)))


def topic_file(topic: Topic, year: int = 2569) -> str:
    return f"{year}/{topic.slug}.yml"


@cache
def original_yaml(rel: str) -> Any:
    """A data file as plain YAML, read independently of the generator."""
    return yaml.safe_load((DATA / rel).read_text(encoding="utf-8"))


def key_pattern(key: str) -> str:
    return rf"^\s*(- )?{re.escape(key)}:(\s|$)"


def find_line(path: Path, pattern: str, *, after: str | None = None) -> int:
    """The 1-based number of the first line matching ``pattern`` below the first one matching
    ``after``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = 0
    if after is not None:
        start = next(i for i, text in enumerate(lines) if re.search(after, text)) + 1
    for number in range(start, len(lines)):
        if re.search(pattern, lines[number]):
            return number + 1
    raise AssertionError(f"{path.name}: no line matches {pattern!r} after {after!r}")


def original_line(rel: str, pattern: str, *, after: str | None = None) -> int:
    return find_line(DATA / rel, pattern, after=after)


class Project:
    """A throwaway copy of data/: change one file's text, then load it like the generator."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(DATA, root / "data")

    def file(self, rel: str) -> Path:
        return self.root / "data" / rel

    def _edit(self, rel: str, change: Callable[[list[str]], None]) -> None:
        path = self.file(rel)
        lines = path.read_text(encoding="utf-8").split("\n")
        change(lines)
        path.write_text("\n".join(lines), encoding="utf-8")

    def set_value(self, rel: str, key: str, value: str | None, *, after: str | None = None) -> int:
        """Give the first ``key:`` below ``after`` a new value (None: leave it empty).

        Returns the line number, which the change does not move.
        """
        number = find_line(self.file(rel), key_pattern(key), after=after)

        def change(lines: list[str]) -> None:
            prefix = re.match(r"^\s*(- )?", lines[number - 1])
            assert prefix is not None
            lines[number - 1] = f"{prefix.group(0)}{key}:" + ("" if value is None else f" {value}")
        self._edit(rel, change)
        return number

    def insert(self, rel: str, number: int, *new_lines: str) -> int:
        """Insert lines so that the first becomes line ``number``; return ``number``."""
        self._edit(rel, lambda lines: lines.__setitem__(slice(number - 1, number - 1),
                                                        list(new_lines)))
        return number

    def remove(self, rel: str) -> None:
        self.file(rel).unlink()

    def dataset(self) -> Dataset:
        return load_dataset(self.root / "data", self.root)


def with_topic(dataset: Dataset, year: int, topic: Topic, data: TopicData | None) -> Dataset:
    """``dataset`` with one topic's data replaced (None: removed); sources stay the original."""
    fy = dataset.years[year]
    topics = {t: d for t, d in fy.topics.items() if t is not topic}
    if data is not None:
        topics[topic] = data
    return dataset.model_copy(update={"years": {**dataset.years,
                                                 year: fy.model_copy(update={"topics": topics})}})


def changed(year: int, topic: Topic, **update: Any) -> Dataset:
    """The example with some fields of one topic's data replaced."""
    data = example().years[year].topics[topic]
    return with_topic(example(), year, topic, data.model_copy(update=update))


def data_of(year: int, topic: Topic) -> Any:
    return example().years[year].topics[topic]


def without_evidence(model: M) -> M:
    """The model with every evidence document removed, however deeply nested."""
    update: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Evidence):
            update[name] = None
        elif isinstance(value, list) and value and all(isinstance(v, Evidence) for v in value):
            update[name] = []
        elif isinstance(value, list):
            update[name] = [without_evidence(v) if isinstance(v, BaseModel) else v for v in value]
        elif isinstance(value, BaseModel):
            update[name] = without_evidence(value)
    return model.model_copy(update=update)


# === 1. the example data passes ==========================================================

def test_fiscal_year_2569_is_complete_without_a_single_finding() -> None:
    report = check(example(), 2569)
    assert found(report) == []
    assert {t.topic: t.status for t in report.topics} == {t: Status.COMPLETE for t in Topic}
    assert report.complete


EXPECTED_2570 = [
    expect("04-item-fields", "2570/04-procurement-plan.yml", 120, "items[13].expected_month",
           "รายการที่ 14 'ซื้อชุดอุปกรณ์คัดกรองสุขภาพสำหรับ อสม. จำนวน 400 ชุด' "
           "ไม่ระบุเดือนที่คาดว่าจะจัดหา"),
    expect("04-item-fields", "2570/04-procurement-plan.yml", 199, "items[25].expected_month",
           "รายการที่ 26 'จ้างผลิตสื่อวิดีโอสั้นสร้างความรอบรู้ด้านสุขภาพ จำนวน 10 ตอน' "
           "ไม่ระบุเดือนที่คาดว่าจะจัดหา"),
    expect("06-activity-details", "2570/06-participation.yml", 21, "activities[0].evidence",
           "กิจกรรม 'ประชุมประจำเดือนกองส่งเสริมสุขภาพชุมชน ครั้งที่ 2/2570 "
           "ชี้แจงแผนการใช้จ่ายงบประมาณและแผนการจัดซื้อจัดจ้าง ปี 2570 และเปิดให้สอบถาม ทักท้วง' "
           "ไม่มีหลักฐาน (รายงานการประชุม ภาพถ่าย)"),
    # a monthly staff meeting alone: the national criteria ask for outsiders
    expect("06-outsiders", "2570/06-participation.yml", 17, "activities",
           "ทุกกิจกรรมมีเฉพาะบุคลากรภายในหน่วยงาน ยังไม่มีกิจกรรมที่บุคคลภายนอกเข้าร่วม"),
]


def test_fiscal_year_2570_has_exactly_its_three_deliberate_gaps() -> None:
    report = check(example(), 2570)
    assert found(report) == EXPECTED_2570
    assert {t.topic: t.status for t in report.topics} == {
        PLAN: Status.COMPLETE, MONITORING: Status.COMPLETE, REPORT: Status.NOT_DUE,
        PROCUREMENT: Status.INCOMPLETE, CHANNELS: Status.COMPLETE,
        PARTICIPATION: Status.INCOMPLETE}
    assert not report.complete


def test_the_first_gap_is_an_item_without_the_key_the_second_an_empty_value() -> None:
    """Line 120 is the item's first line (no expected_month key), 199 the empty key itself."""
    rel = "2570/04-procurement-plan.yml"
    assert original_line(rel, r"^  - name: ซื้อชุดอุปกรณ์คัดกรองสุขภาพสำหรับ อสม\.") == 120
    assert original_line(rel, r"^    expected_month:\s*$") == 199


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_example_data_passes_the_rule(rule: Rule) -> None:
    assert not [s for s in example_findings(2569, AS_OF) if s.rule == rule.id]
    assert sorted((s for s in example_findings(2570, AS_OF) if s.rule == rule.id),
                  key=lambda s: s.line or 0) == [s for s in EXPECTED_2570 if s.rule == rule.id]


# === 2. a small change breaks exactly one rule ===========================================

@dataclass
class Break:
    """A changed data set, and every finding it must cause beyond the example's own."""

    dataset: Dataset
    expected: list[Seen]
    year: int = 2569
    as_of: datetime.date = AS_OF
    broken_links: dict[str, str] = field(default_factory=dict)


Scenario = Callable[[Project], Break]
BREAKS: list[tuple[str, str, Scenario]] = []   # (rule id, what the change is, scenario)


def breaks(rule_id: str) -> Callable[[Scenario], Scenario]:
    """Register a scenario that breaks ``rule_id``; its expected findings are all it may cause
    (only that rule's, except where a scenario lists and explains another)."""
    def register(scenario: Scenario) -> Scenario:
        BREAKS.append((rule_id, scenario.__name__, scenario))
        return scenario
    return register


# --- the generic rules of every topic (FY 2569, as of 23 Nov 2026) ---

def file_is_missing(topic: Topic, p: Project) -> Break:
    p.remove(topic_file(topic))
    return Break(p.dataset(), [expect(
        f"{topic.value}-exists", None, None, "",
        f"ไม่มีแฟ้มข้อมูลของปีงบประมาณ 2569 (ถึงกำหนดตั้งแต่ {DUE_2569_TH[topic]})")])


def no_evidence_anywhere(topic: Topic, p: Project) -> Break:
    # In 2569 every activity has evidence, so taking it away would also break
    # 06-activity-details; FY 2570's only activity has none already.
    year = 2570 if topic is PARTICIPATION else 2569
    data = without_evidence(data_of(year, topic))
    assert evidence_items(data) == []
    rel = topic_file(topic, year)
    return Break(with_topic(example(), year, topic, data), [expect(
        f"{topic.value}-evidence", rel, original_line(rel, r"^evidence:"), "evidence",
        "ไม่มีเอกสารหลักฐานแม้แต่รายการเดียว")], year=year)


def responsible_left_empty(topic: Topic, p: Project) -> Break:
    line = p.set_value(topic_file(topic), "responsible", None)
    return Break(p.dataset(), [expect(f"{topic.value}-responsible", topic_file(topic), line,
                                      "responsible", "ไม่ระบุผู้รับผิดชอบ")])


def last_updated_left_empty(topic: Topic, p: Project) -> Break:
    line = p.set_value(topic_file(topic), "last_updated", None)
    return Break(p.dataset(), [expect(f"{topic.value}-last-updated", topic_file(topic), line,
                                      "last_updated", "ไม่ระบุวันที่ปรับปรุงข้อมูลล่าสุด")])


def last_updated_after_the_check(topic: Topic, p: Project) -> Break:
    line = p.set_value(topic_file(topic), "last_updated", "2026-11-24")
    return Break(p.dataset(), [expect(
        f"{topic.value}-updated-date", topic_file(topic), line, "last_updated",
        "วันที่ปรับปรุงข้อมูล 24 พ.ย. 69 อยู่หลังวันที่ตรวจ 23 พ.ย. 69")])


def first_evidence_dated_after_the_check(topic: Topic, p: Project) -> Break:
    rel = topic_file(topic)
    title = original_yaml(rel)["evidence"][0]["title"]
    line = p.set_value(rel, "date", "2026-11-24", after=r"^evidence:")
    return Break(p.dataset(), [expect(
        f"{topic.value}-evidence-date", rel, line, "evidence[0].date",
        f"เอกสาร '{title}' ลงวันที่ 24 พ.ย. 69 อยู่หลังวันที่ตรวจ 23 พ.ย. 69")])


def first_evidence_copied_from_an_earlier_year(topic: Topic, p: Project) -> Break:
    rel = topic_file(topic)
    title = original_yaml(rel)["evidence"][0]["title"]
    line = p.set_value(rel, "date", "2025-01-01", after=r"^evidence:")
    return Break(p.dataset(), [expect(
        f"{topic.value}-evidence-in-year", rel, line, "evidence[0].date",
        f"เอกสาร '{title}' ลงวันที่ 1 ม.ค. 68 ห่างจากปีงบประมาณ 2569 (1 ต.ค. 68 – 30 ก.ย. 69) "
        "น่าจะคัดลอกมาจากปีอื่น")])


def first_evidence_link_in_an_earlier_years_folder(topic: Topic, p: Project) -> Break:
    rel = topic_file(topic)
    first = original_yaml(rel)["evidence"][0]
    line = p.set_value(rel, "url", first["url"].replace("/2569/", "/2568/", 1),
                       after=r"^evidence:")
    return Break(p.dataset(), [expect(
        f"{topic.value}-evidence-names-year", rel, line, "evidence[0].url",
        f"ลิงก์เอกสาร '{first['title']}' อยู่ในโฟลเดอร์ของปี 2568 ไม่ใช่ 2569 "
        "น่าจะคัดลอกมาจากปีอื่น")])


def last_evidence_link_is_dead(topic: Topic, p: Project) -> Break:
    rel = topic_file(topic)
    items = original_yaml(rel)["evidence"]
    last = items[-1]
    line = original_line(rel, rf"^\s+url: {re.escape(last['url'])}$", after=r"^evidence:")
    return Break(example(), [expect(
        f"{topic.value}-links", rel, line, f"evidence[{len(items) - 1}].url",
        f"ลิงก์เอกสาร '{last['title']}' เปิดไม่ได้: HTTP 404")],
        broken_links={last["url"]: "HTTP 404"})


for _topic in Topic:
    for _kind, _scenario in (("exists", file_is_missing), ("evidence", no_evidence_anywhere),
                             ("responsible", responsible_left_empty),
                             ("last-updated", last_updated_left_empty),
                             ("updated-date", last_updated_after_the_check),
                             ("evidence-date", first_evidence_dated_after_the_check),
                             ("evidence-in-year", first_evidence_copied_from_an_earlier_year),
                             ("evidence-names-year", first_evidence_link_in_an_earlier_years_folder),
                             ("links", last_evidence_link_is_dead)):
        BREAKS.append((f"{_topic.value}-{_kind}", _scenario.__name__, partial(_scenario, _topic)))


@breaks("01-links")
def plan_document_link_is_dead_where_it_appears_twice(p: Project) -> Break:
    """The signed plan is both evidence[0] and source_document: both places are reported."""
    rel = topic_file(PLAN)
    url = "https://chpb.example.go.th/oit/2569/01/budget-plan-2569-signed.pdf"
    message = ("ลิงก์เอกสาร 'แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2569 (ฉบับลงนาม)' "
               "เปิดไม่ได้: timeout")
    return Break(example(), [
        expect("01-links", rel, 99, "evidence[0].url", message),
        expect("01-links", rel, 24, "source_document.url", message)], broken_links={url: "timeout"})


@breaks("02-links")
def monthly_report_link_is_dead(p: Project) -> Break:
    rel = topic_file(MONITORING)
    url = "https://chpb.example.go.th/oit/2569/02/disbursement-2568-10-signed.pdf"
    return Break(example(), [expect(
        "02-links", rel, 78, "reports[0].evidence[0].url",
        "ลิงก์เอกสาร 'รายงานผลการเบิกจ่ายงบประมาณ ประจำเดือนตุลาคม 2568 (ลงนามแล้ว)' "
        "เปิดไม่ได้: HTTP 500")], broken_links={url: "HTTP 500"})


@breaks("06-links")
def activity_photo_link_is_dead(p: Project) -> Break:
    rel = topic_file(PARTICIPATION)
    url = "https://chpb.example.go.th/oit/2569/06/hearing-2569-photos.pdf"
    return Break(example(), [expect(
        "06-links", rel, 81, "activities[1].evidence[1].url",
        "ลิงก์เอกสาร 'ภาพกิจกรรมการรับฟังความคิดเห็น (ห้องประชุมและออนไลน์)' เปิดไม่ได้: HTTP 404")],
        broken_links={url: "HTTP 404"})


# --- 01 budget spending plan ---

PLAN_2569 = topic_file(PLAN)


@breaks("01-projects")
def project_without_amounts(p: Project) -> Break:
    """An added project with no budget lines: the totals still add up."""
    line = p.insert(PLAN_2569, original_line(PLAN_2569, r"^planned_spending:"),
                    "  - project: โครงการทดสอบที่ไม่ระบุงบ")
    return Break(p.dataset(), [expect("01-projects", PLAN_2569, line, "projects[10]",
                                      "โครงการที่ 11 'โครงการทดสอบที่ไม่ระบุงบ' "
                                      "ไม่ระบุจำนวนเงินตามงบรายจ่าย")])


@breaks("01-projects")
def plan_without_projects(p: Project) -> Break:
    """No projects at all: the totals no longer add up either."""
    return Break(changed(2569, PLAN, projects=[]), [
        expect("01-projects", PLAN_2569, 30, "projects", "ไม่มีรายการงบประมาณรายโครงการ"),
        expect("01-totals", PLAN_2569, 14, "total",
               "งบประมาณที่ระบุ 38,024,736.50 บาท ไม่เท่ากับผลรวมรายโครงการ 0.00 บาท"),
        expect("01-totals", PLAN_2569, 90, "planned_spending",
               "แผนการใช้จ่ายรวม 38,024,736.50 บาท ไม่เท่ากับงบประมาณ 0.00 บาท")])


@breaks("01-planned-spending")
def plan_without_schedule(p: Project) -> Break:
    return Break(changed(2569, PLAN, planned_spending={}), [expect(
        "01-planned-spending", PLAN_2569, 90, "planned_spending",
        "ไม่มีแผนการใช้จ่ายรายเดือนหรือรายไตรมาส")])


@breaks("01-totals")
def stated_total_differs_from_projects(p: Project) -> Break:
    line = p.set_value(PLAN_2569, "total", '"38,024,737.50"')
    return Break(p.dataset(), [expect(
        "01-totals", PLAN_2569, line, "total",
        "งบประมาณที่ระบุ 38,024,737.50 บาท ไม่เท่ากับผลรวมรายโครงการ 38,024,736.50 บาท")])


@breaks("01-totals")
def planned_quarters_differ_from_projects(p: Project) -> Break:
    p.set_value(PLAN_2569, "ไตรมาส 4", '"8,352,701.50"')
    return Break(p.dataset(), [expect(
        "01-totals", PLAN_2569, 90, "planned_spending",
        "แผนการใช้จ่ายรวม 38,024,737.50 บาท ไม่เท่ากับงบประมาณ 38,024,736.50 บาท")])


@breaks("01-approval")
def approval_without_date(p: Project) -> Break:
    p.set_value(PLAN_2569, "date", None, after=r"^approved:")
    return Break(p.dataset(), [expect("01-approval", PLAN_2569, 17, "approved",
                                      "ไม่ระบุวันที่อนุมัติแผน")])


@breaks("01-approval")
def approval_without_approver(p: Project) -> Break:
    p.set_value(PLAN_2569, "by", None, after=r"^approved:")
    return Break(p.dataset(), [expect("01-approval", PLAN_2569, 17, "approved",
                                      "ไม่ระบุผู้อนุมัติแผน")])


@breaks("01-approval")
def no_approval_at_all(p: Project) -> Break:
    return Break(changed(2569, PLAN, approved=None), [
        expect("01-approval", PLAN_2569, 17, "approved", "ไม่ระบุวันที่อนุมัติแผน"),
        expect("01-approval", PLAN_2569, 17, "approved", "ไม่ระบุผู้อนุมัติแผน")])


# --- 02 monitoring ---

MONITORING_2569 = topic_file(MONITORING)
FIRST_REPORT = r"^    as_of: 2025-10-31"     # the October 2568 report; its first project follows


def reports_2569(keep: Callable[[Any], bool]) -> Dataset:
    return changed(2569, MONITORING, reports=[r for r in data_of(2569, MONITORING).reports
                                              if keep(r)])


def first_report(**update: Any) -> Dataset:
    reports = data_of(2569, MONITORING).reports
    return changed(2569, MONITORING, reports=[reports[0].model_copy(update=update), *reports[1:]])


@breaks("02-current")
def september_report_missing(p: Project) -> Break:
    return Break(reports_2569(lambda r: r.as_of < D(2026, 9, 1)), [expect(
        "02-current", MONITORING_2569, 25, "reports",
        "รายงานล่าสุดเป็นข้อมูล ณ 31 ส.ค. 69 แต่ควรมีรายงานข้อมูล ณ 30 ก.ย. 69 "
        "(กำหนดเผยแพร่ภายใน 10 ต.ค. 69)")])


@breaks("02-six-months")
def reports_stop_before_march(p: Project) -> Break:
    """Without the six-month report the later ones are missing too: 02-current fires as well."""
    return Break(reports_2569(lambda r: r.as_of < D(2026, 3, 1)), [
        expect("02-current", MONITORING_2569, 25, "reports",
               "รายงานล่าสุดเป็นข้อมูล ณ 28 ก.พ. 69 แต่ควรมีรายงานข้อมูล ณ 30 ก.ย. 69 "
               "(กำหนดเผยแพร่ภายใน 10 ต.ค. 69)"),
        expect("02-six-months", MONITORING_2569, 25, "reports",
               "ไม่มีรายงานข้อมูล ณ 31 มี.ค. 69 หรือหลังจากนั้น")])


@breaks("02-progress")
def project_without_disbursement(p: Project) -> Break:
    p.set_value(MONITORING_2569, "disbursed", None, after=FIRST_REPORT)
    return Break(p.dataset(), [expect(
        "02-progress", MONITORING_2569, 32, "reports[0].projects[0]",
        "รายงาน ณ 31 ต.ค. 68 โครงการ 'รายการค่าใช้จ่ายบุคลากรภาครัฐ' "
        "ไม่ระบุผลการเบิกจ่าย")])


@breaks("02-progress")
def project_without_allocation_or_plan(p: Project) -> Break:
    """Without a planned amount or a stated percentage, progress cannot be given."""
    p.set_value(MONITORING_2569, "allocated", None, after=FIRST_REPORT)
    p.set_value(MONITORING_2569, "planned", None, after=FIRST_REPORT)
    return Break(p.dataset(), [
        expect("02-progress", MONITORING_2569, 32, "reports[0].projects[0]",
               "รายงาน ณ 31 ต.ค. 68 โครงการ 'รายการค่าใช้จ่ายบุคลากรภาครัฐ' "
               "ไม่ระบุงบประมาณที่ได้รับ แผนการเบิกจ่ายหรือร้อยละเทียบแผน"),
        expect("02-matches-plan", MONITORING_2569, 27, "reports[0]",
               "รายงาน ณ 31 ต.ค. 68 งบประมาณรวม 19,568,016.50 บาท ต่างจากแผน "
               "38,024,736.50 บาท")])


@breaks("02-progress")
def report_without_projects(p: Project) -> Break:
    return Break(first_report(projects=[]), [expect(
        "02-progress", MONITORING_2569, 27, "reports[0]",
        "รายงาน ณ 31 ต.ค. 68 ไม่มีผลรายโครงการ")])


@breaks("01-evidence-names-year")
def plan_title_names_the_previous_fiscal_year(p: Project) -> Break:
    """A 2569 plan whose document title still says 2568: a copy of last year's file."""
    rel = topic_file(PLAN)
    title = original_yaml(rel)["evidence"][0]["title"]
    copied = title.replace("2569", "2568")
    assert copied != title
    line = p.set_value(rel, "title", f'"{copied}"', after=r"^evidence:")
    return Break(p.dataset(), [expect(
        "01-evidence-names-year", rel, line, "evidence[0].title",
        f"ชื่อเอกสาร '{copied}' ระบุปีงบประมาณ 2568 ไม่ใช่ 2569 น่าจะคัดลอกมาจากปีอื่น")])


@breaks("04-announced-in-year")
def procurement_plan_announced_on_last_years_date(p: Project) -> Break:
    line = p.set_value(topic_file(PROCUREMENT), "announced", "28 ต.ค. 2567")
    return Break(p.dataset(), [expect(
        "04-announced-in-year", topic_file(PROCUREMENT), line, "announced",
        "ประกาศแผนเมื่อ 28 ต.ค. 67 ห่างจากปีงบประมาณ 2569 (1 ต.ค. 68 – 30 ก.ย. 69) "
        "น่าจะคัดลอกมาจากปีอื่น")])


@breaks("02-figures")
def disbursed_more_than_allocated(p: Project) -> Break:
    line = p.set_value(MONITORING_2569, "disbursed", '"18,456,720.01"', after=FIRST_REPORT)
    return Break(p.dataset(), [expect(
        "02-figures", MONITORING_2569, line, "reports[0].projects[0].disbursed",
        "รายงาน ณ 31 ต.ค. 68 โครงการ 'รายการค่าใช้จ่ายบุคลากรภาครัฐ' เบิกจ่าย "
        "18,456,720.01 บาท เกินงบประมาณ 18,456,720.00 บาท")])


@breaks("02-figures")
def percentage_above_100(p: Project) -> Break:
    line = p.insert(MONITORING_2569, 36, '        percent_of_plan: "100.01"')
    return Break(p.dataset(), [expect(
        "02-figures", MONITORING_2569, line, "reports[0].projects[0].percent_of_plan",
        "รายงาน ณ 31 ต.ค. 68 โครงการ 'รายการค่าใช้จ่ายบุคลากรภาครัฐ' ร้อยละเทียบแผน 100.01 "
        "อยู่นอกช่วง 0–100")])


@breaks("02-as-of-in-year")
def last_report_as_of_after_the_fiscal_year(p: Project) -> Break:
    line = p.set_value(MONITORING_2569, "as_of", "2026-10-01", after=r"^    as_of: ๓๑ สิงหาคม")
    return Break(p.dataset(), [expect(
        "02-as-of-in-year", MONITORING_2569, line, "reports[11].as_of",
        "รายงาน 'รายงานผลการเบิกจ่ายงบประมาณ ณ วันที่ 30 กันยายน 2569' เป็นข้อมูล ณ 1 ต.ค. 69 "
        "ซึ่งอยู่นอกปีงบประมาณ 2569 (1 ต.ค. 68 – 30 ก.ย. 69)")])


@breaks("02-problems")
def report_without_problems(p: Project) -> Break:
    return Break(first_report(problems=[]), [expect(
        "02-problems", MONITORING_2569, 27, "reports[0]",
        "รายงาน ณ 31 ต.ค. 68 ไม่ระบุปัญหา อุปสรรค")])


@breaks("02-problems")
def report_without_suggestions(p: Project) -> Break:
    return Break(first_report(suggestions=[]), [expect(
        "02-problems", MONITORING_2569, 27, "reports[0]", "รายงาน ณ 31 ต.ค. 68 ไม่ระบุข้อเสนอแนะ")])


@breaks("02-on-time")
def report_published_on_the_11th(p: Project) -> Break:
    line = p.set_value(MONITORING_2569, "published", "11 พฤศจิกายน 2568", after=FIRST_REPORT)
    return Break(p.dataset(), [expect(
        "02-on-time", MONITORING_2569, line, "reports[0].published",
        "รายงาน ณ 31 ต.ค. 68 เผยแพร่เมื่อ 11 พ.ย. 68 หลังกำหนด 10 พ.ย. 68")])


@breaks("02-matches-plan")
def report_allocation_differs_from_plan(p: Project) -> Break:
    p.set_value(MONITORING_2569, "allocated", '"18,456,721.00"', after=FIRST_REPORT)
    return Break(p.dataset(), [expect(
        "02-matches-plan", MONITORING_2569, 27, "reports[0]",
        "รายงาน ณ 31 ต.ค. 68 งบประมาณรวม 38,024,737.50 บาท ต่างจากแผน 38,024,736.50 บาท")])


# --- 03 annual spending report ---

REPORT_2569 = topic_file(REPORT)


@breaks("03-previous-year")
def previous_years_report_missing(p: Project) -> Break:
    p.remove(REPORT_2569)
    return Break(p.dataset(), [expect(
        "03-previous-year", None, None, "",
        "ไม่มีรายงานผลการใช้จ่ายงบประมาณของปีงบประมาณ 2569 (data/2569/03-budget-report.yml)")],
        year=2570)


@breaks("03-results")
def project_without_outputs(p: Project) -> Break:
    p.set_value(REPORT_2569, "outputs", None)
    return Break(p.dataset(), [expect(
        "03-results", REPORT_2569, 22, "projects[0]",
        "โครงการ 'รายการค่าใช้จ่ายบุคลากรภาครัฐ' ไม่ระบุผลผลิต")])


@breaks("03-results")
def project_spent_more_than_allocated(p: Project) -> Break:
    line = p.set_value(REPORT_2569, "spent", '"18,456,720.01"')
    return Break(p.dataset(), [expect(
        "03-results", REPORT_2569, line, "projects[0].spent",
        "โครงการ 'รายการค่าใช้จ่ายบุคลากรภาครัฐ' ใช้จ่าย 18,456,720.01 บาท "
        "เกินงบประมาณ 18,456,720.00 บาท")])


@breaks("03-results")
def annual_report_without_projects(p: Project) -> Break:
    return Break(changed(2569, REPORT, projects=[]), [expect(
        "03-results", REPORT_2569, 21, "projects", "ไม่มีผลการใช้จ่ายรายโครงการ")])


@breaks("03-suggestions")
def annual_report_without_problems(p: Project) -> Break:
    return Break(changed(2569, REPORT, problems=[]), [expect(
        "03-suggestions", REPORT_2569, 63, "problems", "ไม่ระบุปัญหา อุปสรรค")])


@breaks("03-suggestions")
def annual_report_without_suggestions(p: Project) -> Break:
    return Break(changed(2569, REPORT, suggestions=[]), [expect(
        "03-suggestions", REPORT_2569, 70, "suggestions", "ไม่ระบุข้อเสนอแนะสำหรับปีถัดไป")])


# --- 04 procurement plan ---

PROCUREMENT_2569 = topic_file(PROCUREMENT)
FIRST_ITEM = "จ้างเหมาบริการทำความสะอาดอาคาร ระยะเวลา 12 เดือน"


@breaks("04-announced")
def plan_not_announced(p: Project) -> Break:
    line = p.set_value(PROCUREMENT_2569, "announced", None)
    return Break(p.dataset(), [expect("04-announced", PROCUREMENT_2569, line, "announced",
                                      "ไม่ระบุวันที่ประกาศแผน")])


@breaks("04-items")
def no_items_and_no_statement(p: Project) -> Break:
    return Break(changed(2569, PROCUREMENT, items=[]), [expect(
        "04-items", PROCUREMENT_2569, 32, "items",
        "ไม่มีรายการและไม่มีคำชี้แจงว่าไม่มีการจัดซื้อจัดจ้าง")])


def item_field_empty(key: str, name_th: str, p: Project) -> Break:
    line = p.set_value(PROCUREMENT_2569, key, None, after=r"^items:")
    return Break(p.dataset(), [expect("04-item-fields", PROCUREMENT_2569, line, f"items[0].{key}",
                                      f"รายการที่ 1 '{FIRST_ITEM}' ไม่ระบุ{name_th}")])


for _key, _name in (("budget", "วงเงิน"), ("method", "วิธีการจัดหา"),
                    ("expected_month", "เดือนที่คาดว่าจะจัดหา")):
    BREAKS.append(("04-item-fields", f"item_without_{_key}", partial(item_field_empty, _key, _name)))


@breaks("04-months-in-year")
def item_expected_before_the_year(p: Project) -> Break:
    line = p.set_value(PROCUREMENT_2569, "expected_month", "2025-09", after=r"^items:")
    return Break(p.dataset(), [expect(
        "04-months-in-year", PROCUREMENT_2569, line, "items[0].expected_month",
        f"รายการที่ 1 '{FIRST_ITEM}' คาดว่าจะจัดหา ก.ย. 68 ซึ่งอยู่นอกปีงบประมาณ 2569")])


@breaks("04-egp")
def plan_without_egp_link(p: Project) -> Break:
    line = p.set_value(PROCUREMENT_2569, "egp_url", None)
    return Break(p.dataset(), [expect("04-egp", PROCUREMENT_2569, line, "egp_url",
                                      "ไม่มีลิงก์ประกาศแผนในระบบ e-GP")])


# --- 05 opinion channels ---

CHANNELS_2569 = topic_file(CHANNELS)
PHONE = "โทรศัพท์ กลุ่มอำนวยการ (งานประชาสัมพันธ์)"


def channels_of_kinds(*kinds: str) -> Dataset:
    """FY 2569's channels, only the first one of each of ``kinds`` (in that order)."""
    channels = data_of(2569, CHANNELS).channels
    return changed(2569, CHANNELS, channels=[next(c for c in channels if c.kind.value == k)
                                             for k in kinds])


@breaks("05-several-kinds")
def only_two_kinds_of_channel(p: Project) -> Break:
    return Break(channels_of_kinds("phone", "corruption_complaint"), [expect(
        "05-several-kinds", CHANNELS_2569, 27, "channels", "มีช่องทางเพียง 2 ประเภท")])


@breaks("05-several-kinds")
def three_channels_of_two_kinds(p: Project) -> Break:
    """Kinds are counted, not channels."""
    return Break(channels_of_kinds("phone", "phone", "corruption_complaint"), [expect(
        "05-several-kinds", CHANNELS_2569, 27, "channels", "มีช่องทางเพียง 2 ประเภท")])


@breaks("05-several-kinds")
def no_channels_at_all(p: Project) -> Break:
    """Nothing to say about a corruption channel among no channels: one finding, not two."""
    return Break(changed(2569, CHANNELS, channels=[]), [expect(
        "05-several-kinds", CHANNELS_2569, 27, "channels", "มีช่องทางเพียง 0 ประเภท")])


@breaks("05-how-to-reach")
def phone_without_number(p: Project) -> Break:
    p.set_value(CHANNELS_2569, "contact", None, after=r"^channels:")
    return Break(p.dataset(), [expect("05-how-to-reach", CHANNELS_2569, 29, "channels[0]",
                                      f"ช่องทาง '{PHONE}' ไม่ระบุวิธีติดต่อ")])


@breaks("05-who-answers")
def phone_without_hours(p: Project) -> Break:
    p.set_value(CHANNELS_2569, "hours", None, after=r"^channels:")
    return Break(p.dataset(), [expect("05-who-answers", CHANNELS_2569, 29, "channels[0]",
                                      f"ช่องทาง '{PHONE}' ไม่ระบุเวลาให้บริการ")])


@breaks("05-who-answers")
def phone_without_hours_or_answerer(p: Project) -> Break:
    p.set_value(CHANNELS_2569, "hours", None, after=r"^channels:")
    p.set_value(CHANNELS_2569, "answered_by", None, after=r"^channels:")
    return Break(p.dataset(), [expect(
        "05-who-answers", CHANNELS_2569, 29, "channels[0]",
        f"ช่องทาง '{PHONE}' ไม่ระบุเวลาให้บริการ ผู้รับผิดชอบตอบ")])


@breaks("05-corruption-complaints")
def no_corruption_channel(p: Project) -> Break:
    channels = data_of(2569, CHANNELS).channels
    return Break(changed(2569, CHANNELS, channels=[c for c in channels
                                                    if c.kind.value != "corruption_complaint"]),
                 [expect("05-corruption-complaints", CHANNELS_2569, 27, "channels",
                         "ไม่มีช่องทางร้องเรียนการทุจริต")])


@breaks("05-reviewed")
def channels_last_reviewed_before_the_year(p: Project) -> Break:
    line = p.set_value(CHANNELS_2569, "last_updated", "2025-09-30")
    return Break(p.dataset(), [expect(
        "05-reviewed", CHANNELS_2569, line, "last_updated",
        "ปรับปรุงข้อมูลล่าสุดเมื่อ 30 ก.ย. 68 ก่อนเริ่มปีงบประมาณ 2569")])


# --- 06 participation ---

PARTICIPATION_2569 = topic_file(PARTICIPATION)
FIRST_ACTIVITY = ("ประชุมประจำเดือนกองส่งเสริมสุขภาพชุมชน ครั้งที่ 2/2569 "
                  "ชี้แจงแผนการใช้จ่ายงบประมาณและแผนการจัดซื้อจัดจ้าง ปี 2569 "
                  "และเปิดให้สอบถาม ทักท้วง")


def activities_2569(keep: Callable[[Any], bool]) -> Dataset:
    return changed(2569, PARTICIPATION, activities=[
        a for a in data_of(2569, PARTICIPATION).activities if keep(a)])


@breaks("06-each-round")
def no_activity_in_round_1(p: Project) -> Break:
    return Break(activities_2569(lambda a: a.date >= D(2026, 3, 1)), [expect(
        "06-each-round", PARTICIPATION_2569, 28, "activities",
        "ไม่มีกิจกรรมในรอบที่ 1 (1 ต.ค. 68 – 28 ก.พ. 69)")])


@breaks("06-each-round")
def no_activity_in_round_2(p: Project) -> Break:
    return Break(activities_2569(lambda a: a.date < D(2026, 3, 1)), [expect(
        "06-each-round", PARTICIPATION_2569, 28, "activities",
        "ไม่มีกิจกรรมในรอบที่ 2 (1 มี.ค. 69 – 31 ก.ค. 69)")])


@breaks("06-activity-details")
def activity_without_participants(p: Project) -> Break:
    line = p.set_value(PARTICIPATION_2569, "participants", None, after=r"^activities:")
    return Break(p.dataset(), [expect(
        "06-activity-details", PARTICIPATION_2569, line, "activities[0].participants",
        f"กิจกรรม '{FIRST_ACTIVITY}' ไม่มีจำนวนผู้เข้าร่วม")])


@breaks("06-activity-details")
def activity_without_date(p: Project) -> Break:
    """Round 1 keeps two other activities, so only the details are incomplete."""
    line = p.set_value(PARTICIPATION_2569, "date", None, after=r"^activities:")
    return Break(p.dataset(), [expect(
        "06-activity-details", PARTICIPATION_2569, line, "activities[0].date",
        f"กิจกรรม '{FIRST_ACTIVITY}' ไม่มีวันที่")])


@breaks("06-outsiders")
def only_staff_took_part(p: Project) -> Break:
    activities = data_of(2569, PARTICIPATION).activities
    staff = data_of(2570, PARTICIPATION).activities[0].participants_from
    return Break(changed(2569, PARTICIPATION, activities=[
        a.model_copy(update={"participants_from": staff}) for a in activities]), [expect(
            "06-outsiders", PARTICIPATION_2569, 28, "activities",
            "ทุกกิจกรรมมีเฉพาะบุคลากรภายในหน่วยงาน ยังไม่มีกิจกรรมที่บุคคลภายนอกเข้าร่วม")])


@breaks("06-outcome")
def activity_without_what_was_raised(p: Project) -> Break:
    activities = data_of(2569, PARTICIPATION).activities
    return Break(changed(2569, PARTICIPATION, activities=[
        activities[0].model_copy(update={"raised": []}), *activities[1:]]), [expect(
            "06-outcome", PARTICIPATION_2569, 30, "activities[0]",
            f"กิจกรรม '{FIRST_ACTIVITY}' ไม่ระบุประเด็นที่เสนอหรือการดำเนินการ")])


@pytest.mark.parametrize(("rule_id", "scenario"), [(r, s) for r, _, s in BREAKS],
                         ids=[f"{r}:{name}" for r, name, _ in BREAKS])
def test_a_small_change_breaks_exactly_that_rule(rule_id: str, scenario: Scenario,
                                                 tmp_path: Path) -> None:
    case = scenario(Project(tmp_path))
    report = check(case.dataset, case.year, case.as_of, case.broken_links)
    new = [s for s in found(report) if s not in example_findings(case.year, case.as_of)]
    assert new == case.expected
    assert rule_id in {s.rule for s in new}


def test_every_rule_has_a_change_that_breaks_it() -> None:
    assert {rule_id for rule_id, _, _ in BREAKS} == {rule.id for rule in RULES}


# --- the other side of some of those changes: just inside the rule ---

def test_a_copied_data_folder_loads_to_the_same_findings(tmp_path: Path) -> None:
    """The scenarios rely on the copy behaving exactly like the repository's data."""
    copy = Project(tmp_path).dataset()
    for year in (2569, 2570):
        assert frozenset(found(check(copy, year))) == example_findings(year, AS_OF)


@pytest.mark.parametrize("topic", Topic, ids=lambda t: t.value)
def test_last_updated_on_the_check_date_itself_is_fine(topic: Topic, tmp_path: Path) -> None:
    p = Project(tmp_path)
    p.set_value(topic_file(topic), "last_updated", "2026-11-23")
    assert found(check(p.dataset(), 2569)) == []


def test_evidence_anywhere_in_the_topic_counts(tmp_path: Path) -> None:
    """Only the monthly reports' own evidence is left: topic 02 still has evidence."""
    assert found(check(changed(2569, MONITORING, evidence=[]), 2569)) == []


def test_channels_reviewed_on_the_first_day_of_the_year_are_current(tmp_path: Path) -> None:
    p = Project(tmp_path)
    p.set_value(CHANNELS_2569, "last_updated", "2025-10-01")
    assert found(check(p.dataset(), 2569)) == []


@pytest.mark.parametrize(("disbursed", "percent"), [("18,456,720.00", None), (None, "100"),
                                                    (None, "0")])
def test_figures_at_their_limits_are_consistent(disbursed: str | None, percent: str | None,
                                                tmp_path: Path) -> None:
    p = Project(tmp_path)
    if disbursed:
        p.set_value(MONITORING_2569, "disbursed", f'"{disbursed}"', after=FIRST_REPORT)
    if percent:
        p.insert(MONITORING_2569, 36, f'        percent_of_plan: "{percent}"')
    assert found(check(p.dataset(), 2569)) == []


def test_a_report_published_on_the_10th_is_on_time(tmp_path: Path) -> None:
    p = Project(tmp_path)
    p.set_value(MONITORING_2569, "published", "10 พฤศจิกายน 2568", after=FIRST_REPORT)
    assert found(check(p.dataset(), 2569)) == []


def test_a_statement_of_no_procurement_replaces_the_items() -> None:
    dataset = changed(2569, PROCUREMENT, items=[],
                      no_procurement="ปีงบประมาณนี้ไม่มีการจัดซื้อจัดจ้าง")
    assert found(check(dataset, 2569)) == []


@pytest.mark.parametrize(("month", "outside"), [("2025-10", False), ("2026-09", False),
                                                ("2025-09", True), ("2026-10", True)])
def test_expected_months_at_the_ends_of_the_fiscal_year(month: str, outside: bool,
                                                        tmp_path: Path) -> None:
    p = Project(tmp_path)
    p.set_value(PROCUREMENT_2569, "expected_month", month, after=r"^items:")
    assert bool(found(check(p.dataset(), 2569), "04-months-in-year")) is outside


# === 3. date-dependent rules at their edges ==============================================

def test_due_dates_of_fiscal_year_2570() -> None:
    assert {topic: DUE_DATES[topic](2570) for topic in Topic} == DUE_2570


@pytest.mark.parametrize("topic", Topic, ids=lambda t: t.value)
def test_a_topic_without_data_is_missing_from_its_due_date_not_the_day_before(
        topic: Topic, tmp_path: Path) -> None:
    p = Project(tmp_path)
    if p.file(topic_file(topic, 2570)).exists():
        p.remove(topic_file(topic, 2570))
    dataset, due = p.dataset(), DUE_2570[topic]

    before = check(dataset, 2570, due - datetime.timedelta(days=1)).result(topic)
    assert (before.status, before.findings) == (Status.NOT_DUE, ())

    on_the_day = check(dataset, 2570, due).result(topic)
    assert on_the_day.status is Status.MISSING
    assert [seen(f) for f in on_the_day.findings] == [expect(
        f"{topic.value}-exists", None, None, "",
        f"ไม่มีแฟ้มข้อมูลของปีงบประมาณ 2570 (ถึงกำหนดตั้งแต่ {DUE_2570_TH[topic]})")]


NOVEMBER_REPORT_LATE = expect(
    "02-current", "2570/02-budget-monitoring.yml", 17, "reports",
    "รายงานล่าสุดเป็นข้อมูล ณ 31 ต.ค. 69 แต่ควรมีรายงานข้อมูล ณ 30 พ.ย. 69 "
    "(กำหนดเผยแพร่ภายใน 10 ธ.ค. 69)")


@pytest.mark.parametrize(("as_of", "expected", "status"), [
    (D(2026, 12, 9), [], Status.COMPLETE),
    (D(2026, 12, 10), [NOVEMBER_REPORT_LATE], Status.STALE)])
def test_the_november_report_is_due_on_10_december(as_of: datetime.date, expected: list[Seen],
                                                   status: Status) -> None:
    report = check(example(), 2570, as_of)
    assert found(report, "02-current") == expected
    assert report.result(MONITORING).status is status


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2026, 11, 9), []),
    (D(2026, 11, 10), [expect("02-current", "2570/02-budget-monitoring.yml", 17, "reports",
                              "ยังไม่มีรายงาน แต่ควรมีรายงานข้อมูล ณ 31 ต.ค. 69 "
                              "(กำหนดเผยแพร่ภายใน 10 พ.ย. 69)")])])
def test_the_first_report_is_due_on_10_november(as_of: datetime.date,
                                                expected: list[Seen]) -> None:
    assert found(check(changed(2570, MONITORING, reports=[]), 2570, as_of), "02-current") == expected


@pytest.mark.parametrize(("as_of", "rules"), [
    (D(2027, 4, 9), ["02-current"]),
    (D(2027, 4, 10), ["02-current", "02-six-months"])])
def test_the_six_month_report_is_due_on_10_april(as_of: datetime.date, rules: list[str]) -> None:
    """FY 2570 has only its October report: by April it is stale, from 10 April incomplete."""
    report = check(example(), 2570, as_of)
    assert rule_ids(report, MONITORING) == rules
    if "02-six-months" in rules:
        assert found(report, "02-six-months") == [expect(
            "02-six-months", "2570/02-budget-monitoring.yml", 17, "reports",
            "ไม่มีรายงานข้อมูล ณ 31 มี.ค. 70 หรือหลังจากนั้น")]
        assert report.result(MONITORING).status is Status.INCOMPLETE


@pytest.mark.parametrize(("as_of", "rules"), [
    (D(2026, 4, 10), []),                 # the report as of 31 March is the six-month report
    (D(2026, 5, 9), []),
    (D(2026, 5, 10), ["02-current"])])    # April's is now due; the six months are still covered
def test_a_report_as_of_31_march_covers_the_six_months(as_of: datetime.date,
                                                       rules: list[str]) -> None:
    dataset = reports_2569(lambda r: r.as_of <= D(2026, 3, 31))
    report = check(dataset, 2569, as_of)   # (in spring, FY 2569's last_updated is in the future)
    assert [s.rule for s in found(report, "02-current", "02-six-months")] == rules


def _without_report_2569(tmp_path: Path) -> Dataset:
    p = Project(tmp_path)
    p.remove(REPORT_2569)
    return p.dataset()


PREVIOUS_REPORT_MISSING = expect(
    "03-previous-year", None, None, "",
    "ไม่มีรายงานผลการใช้จ่ายงบประมาณของปีงบประมาณ 2569 (data/2569/03-budget-report.yml)")


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2026, 10, 31), [PREVIOUS_REPORT_MISSING]),   # FY 2569's report is due: 31 Oct 2026
    (AS_OF, [PREVIOUS_REPORT_MISSING]),
    (D(2027, 10, 30), [PREVIOUS_REPORT_MISSING]),   # the last day before FY 2570's own is due
    (D(2027, 10, 31), [expect("03-exists", None, None, "",
                              "ไม่มีแฟ้มข้อมูลของปีงบประมาณ 2570 (ถึงกำหนดตั้งแต่ 31 ต.ค. 70)")])])
def test_the_previous_years_report_is_needed_while_the_year_is_under_way(
        as_of: datetime.date, expected: list[Seen], tmp_path: Path) -> None:
    report = check(_without_report_2569(tmp_path), 2570, as_of)
    assert found(report, "03-exists", "03-previous-year") == expected
    assert report.result(REPORT).status is Status.MISSING


def test_the_previous_years_report_is_not_missing_before_its_own_due_date(
        tmp_path: Path) -> None:
    dataset = _without_report_2569(tmp_path)
    as_of = D(2026, 10, 30)
    assert DUE_DATES[REPORT](2569) == D(2026, 10, 31)   # FY 2569's report is not due yet
    report = check(dataset, 2570, as_of)
    assert found(report, "03-previous-year") == []
    assert report.result(REPORT).status is Status.NOT_DUE


def test_the_missing_previous_report_points_at_no_line_of_this_years_report(
        tmp_path: Path) -> None:
    """FY 2570 publishes its report early, but FY 2569's is missing: the finding is about
    another year's file, so it names no file or line of FY 2570's."""
    p = Project(tmp_path)
    shutil.move(p.file(REPORT_2569), p.file(topic_file(REPORT, 2570)))
    p.set_value(topic_file(REPORT, 2570), "fiscal_year", "2570")
    report = check(p.dataset(), 2570)
    assert report.result(REPORT).has_data
    # (The moved file is a copy of another year's: the leftover rules say so as well.)
    leftovers = {"03-evidence-in-year", "03-evidence-names-year"}
    assert found(report, *(r.id for r in RULES if r.topic is REPORT
                           and r.id not in leftovers)) == [PREVIOUS_REPORT_MISSING]


def test_the_previous_years_report_present_leaves_topic_03_not_due(tmp_path: Path) -> None:
    report = check(example(), 2570, D(2027, 10, 30))
    assert found(report, "03-exists", "03-previous-year") == []
    assert report.result(REPORT).status is Status.NOT_DUE


def participation_on(year: int, day: datetime.date) -> Dataset:
    """The example with a fiscal year ``year`` whose only data is one activity on ``day``."""
    source = example().years[2570].sources[PARTICIPATION]
    data = data_of(2570, PARTICIPATION)
    data = data.model_copy(update={"activities": [
        data.activities[0].model_copy(update={"date": day})]})
    fy = FiscalYearData(year=year, topics={PARTICIPATION: data}, sources={PARTICIPATION: source})
    return example().model_copy(update={"years": {**example().years, year: fy}})


NO_ACTIVITY_IN_ROUND = {
    (2570, 1): "ไม่มีกิจกรรมในรอบที่ 1 (1 ต.ค. 69 – 28 ก.พ. 70)",
    (2570, 2): "ไม่มีกิจกรรมในรอบที่ 2 (1 มี.ค. 70 – 31 ก.ค. 70)",
    (2571, 1): "ไม่มีกิจกรรมในรอบที่ 1 (1 ต.ค. 70 – 29 ก.พ. 71)",
    (2571, 2): "ไม่มีกิจกรรมในรอบที่ 2 (1 มี.ค. 71 – 31 ก.ค. 71)",
}


def round_messages(report: CheckReport) -> list[str]:
    return [s.message for s in found(report, "06-each-round")]


@pytest.mark.parametrize(("day", "as_of", "missing"), [
    (D(2027, 3, 1), D(2027, 3, 9), []),        # round 1 has no activity, but is not due yet
    (D(2027, 3, 1), D(2027, 3, 10), [1]),
    (D(2026, 11, 18), D(2027, 8, 9), []),      # round 2 has no activity, but is not due yet
    (D(2026, 11, 18), D(2027, 8, 10), [2])])
def test_each_round_is_due_on_the_10th_after_it_ends(day: datetime.date, as_of: datetime.date,
                                                     missing: list[int]) -> None:
    assert round_messages(check(participation_on(2570, day), 2570, as_of)) == [
        NO_ACTIVITY_IN_ROUND[2570, n] for n in missing]


@pytest.mark.parametrize(("year", "day", "round_no"), [
    (2570, D(2026, 9, 30), None), (2570, D(2026, 10, 1), 1),
    (2570, D(2027, 2, 28), 1), (2570, D(2027, 3, 1), 2),
    (2571, D(2028, 2, 29), 1), (2571, D(2028, 3, 1), 2),
    (2570, D(2027, 7, 31), 2), (2570, D(2027, 8, 1), None)])
def test_an_activity_counts_for_the_round_its_date_falls_in(year: int, day: datetime.date,
                                                            round_no: int | None) -> None:
    assert periods.round_of(day) == round_no
    after_both_rounds = D(year - 543, 8, 10)
    report = check(participation_on(year, day), year, after_both_rounds)
    assert round_messages(report) == [NO_ACTIVITY_IN_ROUND[year, n] for n in (1, 2)
                                      if n != round_no]


# === 4. status ===========================================================================

def always(severity: Severity, topic: Topic = PLAN) -> Rule:
    """A rule that always finds something, of the given severity."""
    return Rule(f"{topic.value}-always-{severity.value}", topic, severity, "พบเสมอ",
                "Always finds something", Source.NATIONAL, "ทดสอบ",
                lambda data, ctx: [Hit("พบ")])


@pytest.mark.parametrize(("severities", "status"), [
    ([], Status.COMPLETE),
    ([WARNING], Status.COMPLETE),
    ([WARNING, STALE], Status.STALE),
    ([STALE, INCOMPLETE], Status.INCOMPLETE),
    ([INCOMPLETE, STALE, WARNING], Status.INCOMPLETE),
    ([STALE, INCOMPLETE, MISSING], Status.MISSING),
    ([MISSING, WARNING], Status.MISSING)])
def test_a_topic_has_the_status_of_its_worst_finding(severities: list[Severity],
                                                     status: Status) -> None:
    report = run_checks(example(), 2569, AS_OF, [always(s) for s in severities], DUE_DATES)
    assert report.result(PLAN).status is status
    assert len(report.result(PLAN).findings) == len(severities)
    assert report.complete is (status is Status.COMPLETE)   # the other topics have no rules


@pytest.mark.parametrize(("as_of", "missing"), [
    (D(2027, 9, 30), []),                       # FY 2571 has not begun: nothing is due
    (D(2027, 10, 1), [CHANNELS]),               # the channels are due on its first day
    (D(2027, 10, 31), [PLAN, CHANNELS, PROCUREMENT])])
def test_a_topic_without_data_is_not_due_until_its_due_date(as_of: datetime.date,
                                                            missing: list[Topic]) -> None:
    report = run_checks(example(), 2571, as_of, [], DUE_DATES)
    assert {t.topic: t.status for t in report.topics} == {
        t: Status.MISSING if t in missing else Status.NOT_DUE for t in Topic}
    assert all(not t.has_data for t in report.topics)
    assert report.complete is (not missing)


def test_warnings_alone_leave_the_topic_and_the_report_complete(tmp_path: Path) -> None:
    p = Project(tmp_path)
    p.set_value(PROCUREMENT_2569, "egp_url", None)
    p.set_value(CHANNELS_2569, "hours", None, after=r"^channels:")
    report = check(p.dataset(), 2569)
    assert [s.rule for s in found(report)] == ["04-egp", "05-who-answers"]
    assert report.result(PROCUREMENT).status is Status.COMPLETE
    assert report.result(CHANNELS).status is Status.COMPLETE
    assert report.complete


def test_a_stale_topic_makes_the_report_incomplete(tmp_path: Path) -> None:
    report = check(example(), 2570, D(2026, 12, 10))   # November's report is due: none yet
    assert rule_ids(report, MONITORING) == ["02-current"]
    assert report.result(MONITORING).status is Status.STALE
    assert not report.complete
    # Channels not reviewed this year is our advice: said, but the topic stays complete.
    p = Project(tmp_path)
    p.set_value(CHANNELS_2569, "last_updated", "2025-09-30")
    report = check(p.dataset(), 2569)
    assert rule_ids(report, CHANNELS) == ["05-reviewed"]
    assert report.result(CHANNELS).status is Status.COMPLETE


def test_incomplete_outranks_stale_in_one_topic() -> None:
    reports = data_of(2570, MONITORING).reports
    dataset = changed(2570, MONITORING, reports=[reports[0].model_copy(update={"problems": []})])
    report = check(dataset, 2570, D(2026, 12, 10))
    assert rule_ids(report, MONITORING) == ["02-current", "02-problems"]
    assert report.result(MONITORING).status is Status.INCOMPLETE


def test_missing_outranks_not_due(tmp_path: Path) -> None:
    """FY 2570 has no report of its own yet (not due), but the previous year's is missing."""
    report = check(_without_report_2569(tmp_path), 2570)
    assert report.result(REPORT).has_data is False
    assert report.result(REPORT).status is Status.MISSING


def test_fiscal_year_2570_is_complete_once_its_gaps_are_filled(tmp_path: Path) -> None:
    """Every topic complete but 03, which is not due: the report is complete."""
    p = Project(tmp_path)
    rel = "2570/04-procurement-plan.yml"
    p.insert(rel, original_line(rel, r"^    responsible:", after=r"อสม\. จำนวน 400 ชุด$"),
             "    expected_month: ม.ค. 70")
    p.set_value(rel, "expected_month", "มี.ค. 70", after=r"วิดีโอสั้น.*จำนวน 10 ตอน$")
    activities = p.file("2570/06-participation.yml")
    text = activities.read_text(encoding="utf-8").replace(
        "participants_from: internal", "participants_from: both", 1)   # people from outside too
    activities.write_text(text.rstrip("\n") + "\n" + (
        "    evidence:\n"
        "      - title: รายงานการประชุมประจำเดือน ครั้งที่ 2/2570\n"
        "        url: https://chpb.example.go.th/oit/2570/06/meeting-minutes-2-2570.pdf\n"),
        encoding="utf-8")
    report = check(p.dataset(), 2570)
    assert found(report) == []
    assert {t.topic: t.status for t in report.topics} == {
        t: Status.NOT_DUE if t is REPORT else Status.COMPLETE for t in Topic}
    assert report.complete


def test_no_report_before_the_first_is_due_is_not_a_finding() -> None:
    report = check(changed(2570, MONITORING, reports=[]), 2570, D(2026, 11, 9))
    assert found(report, *(r.id for r in RULES if r.topic is MONITORING)) == []
    assert report.result(MONITORING).status is Status.COMPLETE


# === 5. the rules themselves =============================================================

def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert sorted(ids) == sorted(set(ids))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_well_formed(rule: Rule) -> None:
    assert re.fullmatch(r"0[1-6]-[a-z0-9-]+", rule.id)
    assert rule.id.startswith(f"{rule.topic.value}-")
    assert rule.text_th.strip() and re.search(r"[\u0e01-\u0e5b]", rule.text_th)
    assert rule.text_en.strip() and re.search(r"[A-Za-z]", rule.text_en)
    assert not re.search(r"[\u0e01-\u0e5b]", rule.text_en)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_its_intended_severity(rule: Rule) -> None:
    assert rule.severity is SEVERITY[rule.id]


def test_every_rule_has_an_intended_severity() -> None:
    assert set(SEVERITY) == {rule.id for rule in RULES}


def test_only_the_rules_about_absent_data_run_without_it() -> None:
    assert {rule.id for rule in RULES if not rule.needs_data} == {
        *(f"{t.value}-exists" for t in Topic), "03-previous-year"}


def test_a_project_planned_at_zero_in_the_first_month_is_not_a_gap() -> None:
    """Nothing planned yet is a legitimate plan: progress is then simply not a percentage."""
    monitoring = data_of(2570, MONITORING)
    first = monitoring.reports[0]
    project = first.projects[0].model_copy(update={"planned": Decimal(0), "disbursed": Decimal(0),
                                                   "percent_of_plan": None})
    report_0 = first.model_copy(update={"projects": [project, *first.projects[1:]]})
    dataset = with_topic(example(), 2570, MONITORING,
                         monitoring.model_copy(update={"reports": [report_0]}))
    assert found(check(dataset, 2570), "02-progress") == []


@pytest.mark.parametrize("topic", Topic, ids=lambda t: t.value)
def test_evidence_dated_on_the_check_date_itself_is_fine(topic: Topic, tmp_path: Path) -> None:
    p = Project(tmp_path)
    p.set_value(topic_file(topic), "date", "2026-11-23", after=r"^evidence:")
    assert found(check(p.dataset(), 2569)) == []


def test_every_rule_says_where_it_comes_from_and_national_items_resolve() -> None:
    """Each rule has a source and a reference; a national rule's topic has its item in
    ita_items.yml for at least one assessment year, and unknown years are said, not guessed."""
    from generator.checks.engine import ita_items

    items = ita_items()
    assert set(items) >= {2564, 2565, 2566, 2570}
    for r in RULES:
        assert isinstance(r.source, Source), r.id
        assert r.source is Source.NATIONAL or r.reference_th, r.id   # why, when not national
        text = r.reference_for(2566)
        assert text.startswith(r.source.label_th + ": "), (r.id, text)
    national = {r.topic for r in RULES if r.source is Source.NATIONAL}
    known = {t for topics in items.values() for t in topics}
    assert {t.value for t in national} - known <= {"06"}, "a national topic with no item ever"
    procurement = next(r for r in RULES if r.id == "04-items")
    assert "ข้อ O19" in procurement.reference_for(2566) and "ข้อ O21" in procurement.reference_for(2565)
    assert "หมายเลขข้อของปี 2570 ยังไม่ทราบ" in procurement.reference_for(2570)



def test_outsiders_count_only_with_what_they_raised_and_what_was_done() -> None:
    """The national text: outsiders took part, and the results and their use are shown;
    a staff meeting alone, or outsiders without results, leaves the topic incomplete."""
    from generator.checks.rules import _participation_outsiders
    from generator.model.topics import ParticipantsFrom

    activities = data_of(2569, PARTICIPATION).activities
    outside = [a for a in activities if a.participants_from and a.participants_from.outsiders]
    assert outside
    silent = [a.model_copy(update={"actions": []}) for a in outside]
    data = data_of(2569, PARTICIPATION).model_copy(update={"activities": silent})
    ctx = Context(example(), 2569, AS_OF)
    assert [h.message_th for h in _participation_outsiders(data, ctx)] == [
        "กิจกรรมที่บุคคลภายนอกเข้าร่วมยังไม่ระบุประเด็นที่เสนอและการดำเนินการของหน่วยงาน"]
    unknown = data.model_copy(update={"activities": [
        a.model_copy(update={"participants_from": None}) for a in activities]})
    assert [h.message_th for h in _participation_outsiders(unknown, ctx)][0].startswith(
        "ไม่ระบุว่าผู้เข้าร่วมกิจกรรมเป็นบุคคลภายนอกหรือไม่")
    both = data.model_copy(update={"activities": [
        activities[0].model_copy(update={"participants_from": ParticipantsFrom.BOTH})]})
    assert list(_participation_outsiders(both, ctx)) == []



def test_advice_is_shown_but_decides_the_status_only_when_its_set_is_counted() -> None:
    """unit.yml rule_sets: by default the national criteria and the department's decide a
    topic's status; our inferences are listed as advice."""
    advice = Rule("01-advice", PLAN, Severity.INCOMPLETE, "ข้อแนะนำ", "Advice", Source.INFERENCE,
                  "ทดสอบ", lambda data, ctx: [Hit("แนะนำ")])
    dataset = example()
    report = run_checks(dataset, 2569, AS_OF, [advice], DUE_DATES)
    assert [f.rule.id for f in report.findings] == ["01-advice"]
    assert report.result(PLAN).status is Status.COMPLETE and not report.counts(report.findings[0])
    counting = dataset.model_copy(update={"unit": dataset.unit.model_copy(update={
        "rule_sets": [*dataset.unit.rule_sets, RuleSet.INFERENCE]})})
    report = run_checks(counting, 2569, AS_OF, [advice], DUE_DATES)
    assert report.result(PLAN).status is Status.INCOMPLETE


def test_a_six_month_report_alone_meets_the_national_rule_not_the_departments() -> None:
    """The national item asks for one report covering at least the first six months; the
    monthly reports by the 10th are the department's rhythm."""
    six_months = [r for r in data_of(2569, MONITORING).reports if r.as_of == D(2026, 3, 31)]
    assert six_months
    dataset = changed(2569, MONITORING, reports=six_months)
    as_of = D(2026, 6, 15)   # May's report was due on 10 June
    report = check(dataset, 2569, as_of)
    department = [f for f in report.findings if f.rule.topic is MONITORING and report.counts(f)]
    assert {f.rule.id for f in department} == {"02-current"}
    assert all(f.rule.source is Source.DEPARTMENT for f in department)
    assert report.result(MONITORING).status is Status.STALE
    national_only = dataset.model_copy(update={"unit": dataset.unit.model_copy(update={
        "rule_sets": [RuleSet.NATIONAL]})})
    report = run_checks(national_only, 2569, as_of, RULES, DUE_DATES)
    assert report.result(MONITORING).status is Status.COMPLETE
    assert "02-current" in {f.rule.id for f in report.findings}   # still said, as advice
