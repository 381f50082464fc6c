"""The completeness check engine: run the rules of rules.py on one fiscal year, as of a date."""
from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from ..model.base import TopicData
from ..model.dataset import Dataset, FiscalYearData, Unit
from ..model.source import FieldPath, field_name
from ..topics import Topic


class Severity(Enum):
    """How bad a finding is; the worst one decides the topic's status."""

    MISSING = "missing"
    INCOMPLETE = "incomplete"
    STALE = "stale"
    WARNING = "warning"

    @property
    def label_th(self) -> str:
        return {"missing": "ขาดข้อมูล", "incomplete": "ไม่ครบถ้วน", "stale": "ไม่เป็นปัจจุบัน",
                "warning": "ข้อสังเกต"}[self.value]


class Status(Enum):
    COMPLETE = "complete"
    MISSING = "missing"
    INCOMPLETE = "incomplete"
    STALE = "stale"
    NOT_DUE = "not-due"

    @property
    def label_th(self) -> str:
        return {"complete": "ครบถ้วน", "missing": "ยังไม่มีข้อมูล", "incomplete": "ไม่ครบถ้วน",
                "stale": "ไม่เป็นปัจจุบัน", "not-due": "ยังไม่ถึงกำหนด"}[self.value]

    @property
    def ok(self) -> bool:
        return self in (Status.COMPLETE, Status.NOT_DUE)


@dataclass(frozen=True)
class Hit:
    """What a rule's check found: a specific Thai message and the field it concerns."""

    message_th: str
    loc: FieldPath = ()
    url: str = ""   # the evidence address that does not open, for the report's dead links


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at: the data set, the year asked, the date, link results."""

    dataset: Dataset
    year: int
    as_of: datetime.date
    broken_links: Mapping[str, str] = field(default_factory=dict)

    @property
    def fy(self) -> FiscalYearData:
        return self.dataset.years.get(self.year) or FiscalYearData(year=self.year, topics={},
                                                                   sources={})

    def data(self, topic: Topic, year: int | None = None) -> TopicData | None:
        fy = self.dataset.years.get(self.year if year is None else year)
        return fy.get(topic) if fy else None


Check = Callable[[Any, Context], Iterable[Hit]]


class Source(Enum):
    """Where a rule comes from: the national ITA criteria, the ministry's and department's
    scheme (the seeds), or our own inference (good practice, no published text found)."""

    NATIONAL = "national"
    DEPARTMENT = "department"
    INFERENCE = "inference"

    @property
    def label_th(self) -> str:
        return {"national": "เกณฑ์ ITA ระดับประเทศ", "department": "แนวทางของกระทรวง/กรม",
                "inference": "ข้อแนะนำของโปรแกรม"}[self.value]

    @property
    def label_en(self) -> str:
        return {"national": "national ITA criteria", "department": "ministry/department scheme",
                "inference": "our inference"}[self.value]


ITA_ITEMS_FILE = Path(__file__).parent / "ita_items.yml"


@functools.cache
def ita_items() -> dict[int, dict[str, dict[str, str]]]:
    """Assessment year → topic number → {item, title}: the national item numbers (a data
    file, corrected when a new manual appears)."""
    raw = yaml.safe_load(ITA_ITEMS_FILE.read_text(encoding="utf-8")) or {}
    return {int(year): {str(topic): dict(item) for topic, item in (topics or {}).items()}
            for year, topics in raw.items()}


def ita_item(year: int, topic: Topic) -> dict[str, str] | None:
    """The national item of ``topic`` in assessment year ``year``, if known."""
    return ita_items().get(year, {}).get(topic.value)


@dataclass(frozen=True)
class Rule:
    """One line of the working group's checklist."""

    id: str
    topic: Topic
    severity: Severity
    text_th: str
    text_en: str
    source: Source
    reference_th: str          # the document and item it follows, or why we infer it
    check: Check
    needs_data: bool = True    # False: the rule also runs when the topic has no data file

    @property
    def inferred(self) -> bool:
        return self.source is Source.INFERENCE

    def reference_for(self, year: int) -> str:
        """Where the rule comes from, for the assessment of ``year`` (Thai)."""
        if self.source is not Source.NATIONAL:
            return f"{self.source.label_th}: {self.reference_th}"
        item = ita_item(year, self.topic)
        where = (f"ข้อ {item['item']} {item['title']} (ปี {year})" if item else
                 f"หมายเลขข้อของปี {year} ยังไม่ทราบ")
        return f"{self.source.label_th}: {where}" + (f"; {self.reference_th}" if self.reference_th
                                                     else "")


@dataclass(frozen=True)
class Finding:
    rule: Rule
    message_th: str
    file: str | None
    line: int | None
    field: str
    cell: str = ""   # in a workbook: where the field is, e.g. รายการ!B15 (รายการ)
    url: str = ""    # a dead evidence link's address
    responsible: str = ""   # who answers for the finding's row (an item's group), if not the topic


@dataclass(frozen=True)
class TopicResult:
    topic: Topic
    status: Status
    due: datetime.date
    has_data: bool
    findings: tuple[Finding, ...]
    responsible: str | None = None   # who answers for the topic (its data's `responsible`)


@dataclass(frozen=True)
class CheckReport:
    unit: Unit
    year: int
    as_of: datetime.date
    topics: tuple[TopicResult, ...]
    # The rule sets whose findings decide a topic's status (unit.yml rule_sets); the other
    # rules' findings are shown as advice.
    counted: tuple[Source, ...] = (Source.NATIONAL, Source.DEPARTMENT)

    def counts(self, finding: Finding) -> bool:
        return finding.rule.source in self.counted

    @property
    def unit_name(self) -> str:
        return self.unit.name_th

    @property
    def rule_sets_th(self) -> str:
        """Which rule sets decided the statuses, as the reports say it."""
        shown = ", ".join(s.label_th for s in self.counted)
        advice = [s.label_th for s in Source if s not in self.counted]
        return shown + (f" ({', '.join(advice)}: แสดงไว้เป็นข้อแนะนำ ไม่นับในสถานะ)" if advice
                        else "")

    @property
    def complete(self) -> bool:
        return all(t.status.ok for t in self.topics)

    @property
    def summary(self) -> dict[Status, int]:
        """How many topics have each status."""
        return {s: sum(1 for t in self.topics if t.status is s) for s in Status}

    @property
    def findings(self) -> list[Finding]:
        return [f for t in self.topics for f in t.findings]

    def result(self, topic: Topic) -> TopicResult:
        return next(t for t in self.topics if t.topic is topic)


def run_checks(dataset: Dataset, year: int, as_of: datetime.date, rules: Iterable[Rule],
               due_dates: Mapping[Topic, Callable[[int], datetime.date]],
               broken_links: Mapping[str, str] | None = None) -> CheckReport:
    """Run every rule on ``year`` as of ``as_of``; pure, so every result is reproducible."""
    ctx = Context(dataset, year, as_of, broken_links or {})
    by_topic: dict[Topic, list[Rule]] = {t: [] for t in Topic}
    for rule in rules:
        by_topic[rule.topic].append(rule)
    counted = tuple(Source(name.value) for name in dataset.unit.rule_sets)
    results = tuple(_check_topic(ctx, topic, by_topic[topic], due_dates[topic](year), counted)
                    for topic in Topic)
    return CheckReport(dataset.unit, year, as_of, results, counted)


def _check_topic(ctx: Context, topic: Topic, rules: list[Rule], due: datetime.date,
                 counted: tuple[Source, ...]) -> TopicResult:
    data = ctx.data(topic)
    source = ctx.fy.sources.get(topic)
    findings = []
    for rule in rules:
        if data is None and rule.needs_data:
            continue
        for hit in rule.check(data, ctx):
            # A rule about absent data (needs_data=False) points at no line of this file.
            located = source if source is not None and (rule.needs_data or hit.loc) else None
            findings.append(Finding(rule, hit.message_th, located.path if located else None,
                                    located.line_of(hit.loc) if located else None,
                                    field_name(hit.loc),
                                    located.field_of(hit.loc) if located and located.cells
                                    and hit.loc else "", hit.url, _row_responsible(data, hit.loc)))
    decisive = [f for f in findings if f.rule.source in counted]   # the rest is advice
    return TopicResult(topic, _status(decisive, data is not None, due <= ctx.as_of), due,
                       data is not None, tuple(findings), data.responsible if data else None)


def _row_responsible(data: TopicData | None, loc: FieldPath) -> str:
    """The ``responsible`` of the row a finding points into (a procurement item's group), when
    the row names one of its own."""
    found, node = "", data
    for key in loc:
        node = node[key] if isinstance(key, int) and isinstance(node, list) and \
            key < len(node) else getattr(node, str(key), None)
        if node is None:
            break
        found = getattr(node, "responsible", None) or found
    return found


_ORDER = [Severity.MISSING, Severity.INCOMPLETE, Severity.STALE]


def _status(findings: list[Finding], has_data: bool, due: bool) -> Status:
    for severity in _ORDER:
        if any(f.rule.severity is severity for f in findings):
            return Status(severity.value)
    if not has_data:
        return Status.MISSING if due else Status.NOT_DUE
    return Status.COMPLETE
