"""The six topics' data, 01–06, as validated models."""
from __future__ import annotations

import datetime
import functools
from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import Field

from .. import thai
from ..topics import Topic
from .base import Evidence, Strict, TopicData, thai_alias
from .fields import (Baht, OptionalBaht, OptionalDate, OptionalMonthSpan, OptionalPeople,
                     OptionalPercent, OptionalPositiveBaht, OptionalText, OptionalUrl, Period,
                     PeriodKey, Text, ThaiDate)

# --- 01 budget spending plan -------------------------------------------------

class BudgetCategory(Enum):
    PERSONNEL = "งบบุคลากร"
    OPERATING = "งบดำเนินงาน"
    INVESTMENT = "งบลงทุน"
    SUBSIDY = "งบเงินอุดหนุน"
    OTHER = "งบรายจ่ายอื่น"


BudgetCategoryField = Annotated[BudgetCategory, thai_alias({
    "personnel": "งบบุคลากร", "operating": "งบดำเนินงาน", "investment": "งบลงทุน",
    "subsidy": "งบเงินอุดหนุน", "other": "งบรายจ่ายอื่น"})]


class BudgetProject(Strict):
    """One line of the plan: a project or activity and its budget by category."""

    plan: OptionalText = None
    project: Text
    activity: OptionalText = None
    budget: dict[BudgetCategoryField, Baht] = Field(default_factory=dict)

    @functools.cached_property   # sums are read by the page, the open data and the charts
    def total(self) -> Decimal:
        return thai.total(self.budget.values())


class Approval(Strict):
    date: OptionalDate = None
    by: OptionalText = None


class BudgetPlan(TopicData):
    """Topic 01: the annual budget spending plan."""

    total: OptionalPositiveBaht = None
    approved: Approval | None = None
    source_document: Evidence | None = None
    projects: list[BudgetProject] = Field(default_factory=list)
    planned_spending: dict[PeriodKey, Baht] = Field(default_factory=dict)

    @functools.cached_property
    def projects_total(self) -> Decimal:
        return thai.total(p.total for p in self.projects)

    def category_total(self, category: BudgetCategory) -> Decimal:
        return thai.total(p.budget.get(category, Decimal(0)) for p in self.projects)

    @functools.cached_property   # read for every row of the budget table
    def categories(self) -> list[BudgetCategory]:
        """The budget categories used, in the order of the Budget Act."""
        used = {c for p in self.projects for c in p.budget}
        return [c for c in BudgetCategory if c in used]

    @property
    def schedule(self) -> list[tuple[Period, Decimal]]:
        return sorted(self.planned_spending.items(), key=lambda kv: kv[0].order)


# --- 02 monitoring ----------------------------------------------------------

class ProjectProgress(Strict):
    project: Text
    allocated: OptionalBaht = None
    planned: OptionalBaht = None
    disbursed: OptionalBaht = None
    percent_of_plan: OptionalPercent = None

    @functools.cached_property
    def progress(self) -> Decimal | None:
        """Disbursed as a share of the planned amount (or of the allocation)."""
        if self.percent_of_plan is not None:
            return self.percent_of_plan
        base = self.planned if self.planned is not None else self.allocated
        if base is None or self.disbursed is None:
            return None
        return thai.percent(self.disbursed, base)


class MonitoringReport(Strict):
    """One monitoring report: money disbursed so far against the plan."""

    title: Text
    as_of: ThaiDate
    round: Annotated[int | None, Field(ge=1, le=2)] = None
    published: OptionalDate = None
    projects: list[ProjectProgress] = Field(default_factory=list)
    problems: list[Text] = Field(default_factory=list)
    suggestions: list[Text] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)

    @functools.cached_property
    def allocated(self) -> Decimal:
        return thai.total(p.allocated or Decimal(0) for p in self.projects)

    @functools.cached_property
    def disbursed(self) -> Decimal:
        return thai.total(p.disbursed or Decimal(0) for p in self.projects)

    @functools.cached_property
    def planned(self) -> Decimal:
        return thai.total(p.planned or Decimal(0) for p in self.projects)


class BudgetMonitoring(TopicData):
    """Topic 02: the monitoring reports of the year."""

    reports: list[MonitoringReport] = Field(default_factory=list)

    @property
    def reports_by_date(self) -> list[MonitoringReport]:
        return sorted(self.reports, key=lambda r: r.as_of)


# --- 03 annual report --------------------------------------------------------

class ProjectResult(Strict):
    project: Text
    allocated: OptionalBaht = None
    spent: OptionalBaht = None
    outputs: OptionalText = None

    @functools.cached_property
    def percent_spent(self) -> Decimal | None:
        if self.allocated is None or self.spent is None:
            return None
        return thai.percent(self.spent, self.allocated)


class BudgetReport(TopicData):
    """Topic 03: the result of a whole fiscal year's spending."""

    summary: OptionalText = None
    projects: list[ProjectResult] = Field(default_factory=list)
    problems: list[Text] = Field(default_factory=list)
    suggestions: list[Text] = Field(default_factory=list)

    @functools.cached_property
    def allocated(self) -> Decimal:
        return thai.total(p.allocated or Decimal(0) for p in self.projects)

    @functools.cached_property
    def spent(self) -> Decimal:
        return thai.total(p.spent or Decimal(0) for p in self.projects)


# --- 04 procurement plan -----------------------------------------------------

class ProcurementMethod(Enum):
    SPECIFIC = "เฉพาะเจาะจง"
    E_BIDDING = "e-bidding"
    SELECTION = "คัดเลือก"
    E_MARKET = "e-market"


ProcurementMethodField = Annotated[ProcurementMethod, thai_alias({
    "วิธีเฉพาะเจาะจง": "เฉพาะเจาะจง", "specific": "เฉพาะเจาะจง",
    "วิธีคัดเลือก": "คัดเลือก", "selection": "คัดเลือก",
    "ประกวดราคาอิเล็กทรอนิกส์": "e-bidding", "วิธีประกวดราคาอิเล็กทรอนิกส์": "e-bidding",
    "e-bidding": "e-bidding", "ebidding": "e-bidding",
    "ตลาดอิเล็กทรอนิกส์": "e-market", "วิธีตลาดอิเล็กทรอนิกส์": "e-market",
    "e-market": "e-market", "emarket": "e-market"})]


UNSPECIFIED = "ยังไม่ระบุ"


class ProcurementItem(Strict):
    name: Text
    budget: OptionalPositiveBaht = None
    source_of_funds: OptionalText = None
    method: ProcurementMethodField | None = None
    expected_month: OptionalMonthSpan = None   # a month, a quarter or a range of months
    responsible: OptionalText = None
    note: OptionalText = None


class ProcurementPlan(TopicData):
    """Topic 04: the procurement plan and its announcement."""

    announced: OptionalDate = None
    announced_by: OptionalText = None
    egp_url: OptionalUrl = None
    no_procurement: OptionalText = None
    items: list[ProcurementItem] = Field(default_factory=list)

    @functools.cached_property
    def total(self) -> Decimal:
        return thai.total(i.budget or Decimal(0) for i in self.items)

    @functools.cached_property
    def by_method(self) -> list[tuple[str, int, Decimal]]:
        """(method, number of items, budget) per procurement method, in enum order."""
        names = [m.value for m in ProcurementMethod] + [UNSPECIFIED]
        rows = []
        for name in names:
            items = [i for i in self.items if (i.method.value if i.method else UNSPECIFIED) == name]
            if items:
                rows.append((name, len(items), thai.total(i.budget or Decimal(0) for i in items)))
        return rows

    def by_quarter(self, year: int) -> list[tuple[str, int, Decimal]]:
        """(period, number of items, budget) per quarter of the expected month of fiscal
        year ``year``: all four quarters, then months outside the year, then no month."""
        def bucket(item: ProcurementItem) -> str:
            month = item.expected_month
            if month is None:
                return UNSPECIFIED
            return quarter_label(year, month.fiscal_quarter) if month.fiscal_year == year \
                else f"นอกปีงบประมาณ พ.ศ. {year}"
        buckets: dict[str, list[ProcurementItem]] = {}
        for item in self.items:
            buckets.setdefault(bucket(item), []).append(item)
        rows = []
        for name in [*(quarter_label(year, q) for q in (1, 2, 3, 4)),
                     f"นอกปีงบประมาณ พ.ศ. {year}", UNSPECIFIED]:
            items = buckets.get(name, [])
            if items or name.startswith("ไตรมาส"):
                rows.append((name, len(items), thai.total(i.budget or Decimal(0) for i in items)))
        return rows


def quarter_label(year: int, quarter: int) -> str:
    """'ไตรมาส 1 (ต.ค.–ธ.ค. 68)' for a quarter of a BE fiscal year."""
    first, last = thai.quarter_bounds(year, quarter)
    return (f"ไตรมาส {quarter} ({thai.MONTHS_ABBR[first.month]}–"
            f"{thai.thai_month(last.year, last.month)})")


# --- 05 opinion channels -----------------------------------------------------

class ChannelKind(Enum):
    PHONE = "phone"
    CALL_CENTER = "call_center"
    EMAIL = "email"
    WEB_FORM = "web_form"
    WEBBOARD = "webboard"
    LINE = "line"
    FACEBOOK = "facebook"
    SUGGESTION_BOX = "suggestion_box"
    WALK_IN = "walk_in"
    MEETING = "meeting"
    CIRCULAR_LETTER = "circular_letter"
    LETTER = "letter"
    CORRUPTION_COMPLAINT = "corruption_complaint"
    OTHER = "other"

    @property
    def label_th(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    ChannelKind.PHONE: "โทรศัพท์", ChannelKind.CALL_CENTER: "ศูนย์บริการข้อมูลทางโทรศัพท์ (Call Center)",
    ChannelKind.EMAIL: "ไปรษณีย์อิเล็กทรอนิกส์", ChannelKind.WEB_FORM: "แบบฟอร์มบนเว็บไซต์",
    ChannelKind.WEBBOARD: "กระดานสนทนาบนเว็บไซต์", ChannelKind.LINE: "ไลน์ (LINE)",
    ChannelKind.FACEBOOK: "เฟซบุ๊ก (Facebook)", ChannelKind.SUGGESTION_BOX: "กล่องรับความคิดเห็น",
    ChannelKind.WALK_IN: "ติดต่อด้วยตนเอง", ChannelKind.MEETING: "ที่ประชุมประจำเดือน",
    ChannelKind.CIRCULAR_LETTER: "หนังสือเวียน", ChannelKind.LETTER: "หนังสือ/จดหมาย",
    ChannelKind.CORRUPTION_COMPLAINT: "ช่องทางร้องเรียนการทุจริต", ChannelKind.OTHER: "ช่องทางอื่น",
}
ChannelKindField = Annotated[ChannelKind, thai_alias(
    {label: kind.value for kind, label in CHANNEL_LABELS.items()})]


class Channel(Strict):
    kind: ChannelKindField
    name: Text
    contact: OptionalText = None
    url: OptionalUrl = None
    hours: OptionalText = None
    answered_by: OptionalText = None
    response_time: OptionalText = None
    note: OptionalText = None


class OpinionChannels(TopicData):
    """Topic 05: the ways people can ask, object, complain or give an opinion."""

    channels: list[Channel] = Field(default_factory=list)


# --- 06 participation --------------------------------------------------------

class ActivityKind(Enum):
    MEETING = "meeting"
    HEARING = "hearing"
    SURVEY = "survey"
    FORUM = "forum"
    WORKSHOP = "workshop"
    OTHER = "other"

    @property
    def label_th(self) -> str:
        return ACTIVITY_LABELS[self]


ACTIVITY_LABELS = {
    ActivityKind.MEETING: "การประชุม", ActivityKind.HEARING: "การรับฟังความคิดเห็น",
    ActivityKind.SURVEY: "การสำรวจความคิดเห็น", ActivityKind.FORUM: "เวทีสาธารณะ",
    ActivityKind.WORKSHOP: "การประชุมเชิงปฏิบัติการ", ActivityKind.OTHER: "กิจกรรมอื่น",
}
ActivityKindField = Annotated[ActivityKind, thai_alias(
    {label: kind.value for kind, label in ACTIVITY_LABELS.items()})]


class ParticipantsFrom(Enum):
    """Who took part: the national criteria ask for people from outside the unit."""

    INTERNAL = "internal"
    EXTERNAL = "external"
    BOTH = "both"

    @property
    def label_th(self) -> str:
        return PARTICIPANTS_FROM_LABELS[self]

    @property
    def outsiders(self) -> bool:
        return self is not ParticipantsFrom.INTERNAL


PARTICIPANTS_FROM_LABELS = {
    ParticipantsFrom.INTERNAL: "บุคลากรภายในหน่วยงาน",
    ParticipantsFrom.EXTERNAL: "บุคคลภายนอก/ผู้มีส่วนได้ส่วนเสีย",
    ParticipantsFrom.BOTH: "ทั้งบุคลากรภายในและบุคคลภายนอก",
}
ParticipantsFromField = Annotated[ParticipantsFrom, thai_alias({
    **{label: who.value for who, label in PARTICIPANTS_FROM_LABELS.items()},
    "ภายใน": "internal", "ภายนอก": "external", "ทั้งสอง": "both", "ทั้งภายในและภายนอก": "both"})]


class Activity(Strict):
    title: Text
    date: OptionalDate = None
    kind: ActivityKindField
    participants_from: ParticipantsFromField | None = None   # internal, external or both
    stakeholders: list[Text] = Field(default_factory=list)
    participants: OptionalPeople = None
    raised: list[Text] = Field(default_factory=list)
    actions: list[Text] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Participation(TopicData):
    """Topic 06: activities in which stakeholders took part."""

    activities: list[Activity] = Field(default_factory=list)

    @property
    def activities_by_date(self) -> list[Activity]:
        return sorted(self.activities, key=lambda a: a.date or datetime.date.max)


TOPIC_MODELS: dict[Topic, type[TopicData]] = {
    Topic.BUDGET_PLAN: BudgetPlan,
    Topic.BUDGET_MONITORING: BudgetMonitoring,
    Topic.BUDGET_REPORT: BudgetReport,
    Topic.PROCUREMENT_PLAN: ProcurementPlan,
    Topic.OPINION_CHANNELS: OpinionChannels,
    Topic.PARTICIPATION: Participation,
}


