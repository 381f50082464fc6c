"""The completeness rules, one per checklist line, for the ITA working group to review.

Each rule names its topic, its severity, what it checks in Thai and English, and where it
comes from (engine.Source): the national ITA criteria (its item per year in ita_items.yml),
the ministry's and department's scheme (the seeds), or our inference
(../shared/docs/oit-criteria.md). The date a topic's data becomes due is in DUE_DATES.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from .. import periods, thai
from ..model.base import TopicData
from ..model.dataset import evidence_items
from ..model.topics import (Activity, BudgetMonitoring, BudgetPlan, BudgetReport, ChannelKind,
                            OpinionChannels, Participation, ProcurementPlan)
from ..topics import Topic
from .engine import Check, Context, Hit, Rule, Severity, Source

MISSING, INCOMPLETE, STALE, WARNING = (Severity.MISSING, Severity.INCOMPLETE, Severity.STALE,
                                       Severity.WARNING)
RULES: list[Rule] = []
MIN_CHANNEL_KINDS = 3


def rule(rule_id: str, topic: Topic, severity: Severity, th: str, en: str, *,
         source: Source = Source.NATIONAL, reference: str = "",
         needs_data: bool = True) -> Callable[[Check], Check]:
    """Register the decorated check as a rule (the decorator keeps the list readable).
    ``source`` and ``reference``: where the rule comes from (a national rule names its ITA
    item through ita_items.yml; ``reference`` adds what the item asks, or why we infer)."""
    def register(check: Check) -> Check:
        RULES.append(Rule(rule_id, topic, severity, th, en, source, reference, check, needs_data))
        return check
    return register


def _start(year: int) -> datetime.date:
    return thai.fiscal_year_bounds(year)[0]


def _end(year: int) -> datetime.date:
    return thai.fiscal_year_bounds(year)[1]


def _short(day: datetime.date) -> str:
    return thai.thai_date(day, "short")


# When each topic's data is expected for fiscal year Y (all inferred from the seeds' practice):
DUE_DATES: dict[Topic, Callable[[int], datetime.date]] = {
    Topic.BUDGET_PLAN: lambda y: datetime.date(_start(y).year, 10, 31),       # approved in October
    Topic.BUDGET_MONITORING: lambda y: periods.report_due(_start(y).year, 10),  # first report: 10 Nov
    Topic.BUDGET_REPORT: lambda y: datetime.date(_end(y).year, 10, 31),       # a month after the year
    Topic.PROCUREMENT_PLAN: lambda y: datetime.date(_start(y).year, 10, 31),  # at the start of the year
    Topic.OPINION_CHANNELS: _start,                                           # always open
    Topic.PARTICIPATION: lambda y: periods.report_due(*_ym(periods.round_bounds(y, 1)[1])),
}


DUE_DESCRIPTIONS: dict[Topic, str] = {
    Topic.BUDGET_PLAN: "31 ตุลาคม ของปีงบประมาณ (อนุมัติแผนภายในเดือนแรก) (อนุมาน)",
    Topic.BUDGET_MONITORING: "วันที่ 10 ของเดือนถัดไป สำหรับรายงานของแต่ละเดือน (อนุมาน)",
    Topic.BUDGET_REPORT: "31 ตุลาคม หลังสิ้นปีงบประมาณ ระหว่างปีต้องมีรายงานของปีก่อนหน้า (อนุมาน)",
    Topic.PROCUREMENT_PLAN: "31 ตุลาคม ของปีงบประมาณ (ประกาศแผนต้นปี) (อนุมาน)",
    Topic.OPINION_CHANNELS: "วันแรกของปีงบประมาณ (1 ตุลาคม)",
    Topic.PARTICIPATION: "วันที่ 10 หลังสิ้นรอบ: รอบ 1 (ต.ค.–ก.พ.) 10 มีนาคม "
                         "รอบ 2 (มี.ค.–ก.ค.) 10 สิงหาคม (อนุมาน)",
}


def _ym(day: datetime.date) -> tuple[int, int]:
    return day.year, day.month


# --- every topic ---------------------------------------------------------------

def _exists(topic: Topic) -> Check:
    def check(data: TopicData | None, ctx: Context) -> Iterable[Hit]:
        due = DUE_DATES[topic](ctx.year)
        if data is None and due <= ctx.as_of:
            yield Hit(f"ไม่มีแฟ้มข้อมูลของปีงบประมาณ {ctx.year} (ถึงกำหนดตั้งแต่ {_short(due)})")
    return check


def _has_evidence(data: TopicData, ctx: Context) -> Iterable[Hit]:
    if not evidence_items(data):
        yield Hit("ไม่มีเอกสารหลักฐานแม้แต่รายการเดียว", ("evidence",))


def _responsible(data: TopicData, ctx: Context) -> Iterable[Hit]:
    if not data.responsible:
        yield Hit("ไม่ระบุผู้รับผิดชอบ", ("responsible",))


def _last_updated(data: TopicData, ctx: Context) -> Iterable[Hit]:
    if data.last_updated is None:
        yield Hit("ไม่ระบุวันที่ปรับปรุงข้อมูลล่าสุด", ("last_updated",))


def _updated_not_future(data: TopicData, ctx: Context) -> Iterable[Hit]:
    if data.last_updated is not None and data.last_updated > ctx.as_of:
        yield Hit(f"วันที่ปรับปรุงข้อมูล {_short(data.last_updated)} อยู่หลังวันที่ตรวจ "
                  f"{_short(ctx.as_of)}", ("last_updated",))


def _evidence_not_future(data: TopicData, ctx: Context) -> Iterable[Hit]:
    for loc, evidence in evidence_items(data):
        if evidence.date is not None and evidence.date > ctx.as_of:
            yield Hit(f"เอกสาร '{evidence.title}' ลงวันที่ {_short(evidence.date)} อยู่หลังวันที่ตรวจ "
                      f"{_short(ctx.as_of)}", (*loc, "date"))


# A document of a fiscal year's topic is dated from about three months before the year (a plan
# approved in the summer) to two months after it (September's report); the annual report (03)
# is written in the year after.
_BEFORE_YEAR = datetime.timedelta(days=90)
_AFTER_YEAR = {Topic.BUDGET_REPORT: datetime.timedelta(days=365)}
_AFTER_YEAR_DEFAULT = datetime.timedelta(days=60)
# Documents that are the year's own (its plan, its reports, its procurement plan) name no other
# fiscal year; channels and participation may cite last year's figures.
_OWN_YEAR_TOPICS = frozenset({Topic.BUDGET_PLAN, Topic.BUDGET_MONITORING, Topic.PROCUREMENT_PLAN})
_NAMED_FISCAL_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.ศ\.\s*)?([0-9๐-๙]{4})")
_YEAR_SEGMENT = re.compile(r"/(2[4-6][0-9]{2}|2700)(?=/)")


def _evidence_in_year(topic: Topic) -> Check:
    def check(data: TopicData, ctx: Context) -> Iterable[Hit]:
        start, end = _start(ctx.year), _end(ctx.year)
        first, last = start - _BEFORE_YEAR, end + _AFTER_YEAR.get(topic, _AFTER_YEAR_DEFAULT)
        for loc, evidence in evidence_items(data):
            if evidence.date is not None and not first <= evidence.date <= last:
                yield Hit(f"เอกสาร '{evidence.title}' ลงวันที่ {_short(evidence.date)} ห่างจากปีงบประมาณ "
                          f"{ctx.year} ({_short(start)} – {_short(end)}) น่าจะคัดลอกมาจากปีอื่น",
                          (*loc, "date"))
    return check


def _evidence_names_year(topic: Topic) -> Check:
    def check(data: TopicData, ctx: Context) -> Iterable[Hit]:
        for loc, evidence in evidence_items(data):
            named = {int(thai.to_arabic_digits(y)) for y in _NAMED_FISCAL_YEAR.findall(
                evidence.title)} if topic in _OWN_YEAR_TOPICS else set()
            if named and ctx.year not in named:
                yield Hit(f"ชื่อเอกสาร '{evidence.title}' ระบุปีงบประมาณ "
                          f"{', '.join(map(str, sorted(named)))} ไม่ใช่ {ctx.year} "
                          "น่าจะคัดลอกมาจากปีอื่น", (*loc, "title"))
            folders = {int(y) for y in _YEAR_SEGMENT.findall(evidence.url or "")} - {ctx.year}
            if folders:
                yield Hit(f"ลิงก์เอกสาร '{evidence.title}' อยู่ในโฟลเดอร์ของปี "
                          f"{', '.join(map(str, sorted(folders)))} ไม่ใช่ {ctx.year} "
                          "น่าจะคัดลอกมาจากปีอื่น", (*loc, "url"))
    return check


def _links_alive(data: TopicData, ctx: Context) -> Iterable[Hit]:
    for loc, evidence in evidence_items(data):
        if evidence.url is None:   # a local file: the build's own link check covers it
            continue
        reason = ctx.broken_links.get(evidence.url)
        if reason is not None:
            yield Hit(f"ลิงก์เอกสาร '{evidence.title}' เปิดไม่ได้: {reason}", (*loc, "url"),
                      evidence.url)


def _common_rules(topic: Topic) -> None:
    """The rules every topic has: its data exists, with evidence, a responsible person,
    dates and live links."""
    n = topic.value
    rule(f"{n}-exists", topic, MISSING,
         "มีข้อมูลหัวข้อนี้ของปีงบประมาณที่ตรวจ เมื่อถึงกำหนด",
         "The topic's data exists for the fiscal year once it is due",
         needs_data=False)(_exists(topic))
    rule(f"{n}-evidence", topic, INCOMPLETE, "มีเอกสารหลักฐานอย่างน้อยหนึ่งรายการ",
         "At least one evidence document")(_has_evidence)
    rule(f"{n}-responsible", topic, INCOMPLETE, "ระบุผู้รับผิดชอบ",
         "The responsible person or group is named", source=Source.INFERENCE,
         reference="ผู้รับผิดชอบข้อมูลช่วยให้ผู้ประเมินติดต่อได้")(_responsible)
    rule(f"{n}-last-updated", topic, INCOMPLETE, "ระบุวันที่เผยแพร่หรือปรับปรุงข้อมูลล่าสุด",
         "The page says when it was published or last updated", source=Source.INFERENCE,
         reference="ไม่พบเกณฑ์ระดับประเทศที่กำหนดวันที่บนหน้าเว็บ ผู้ประเมินใช้ดูว่าข้อมูลเป็นปัจจุบัน")(
        _last_updated)
    rule(f"{n}-updated-date", topic, WARNING,
         "วันที่ปรับปรุงข้อมูลไม่อยู่หลังวันที่ตรวจ (น่าจะพิมพ์ผิด)",
         "The last-updated date is not after the check date (likely a typo)",
         source=Source.INFERENCE, reference="ตรวจวันที่พิมพ์ผิด")(_updated_not_future)
    rule(f"{n}-evidence-date", topic, WARNING,
         "เอกสารหลักฐานไม่ลงวันที่หลังวันที่ตรวจ (น่าจะพิมพ์ผิด)",
         "No evidence is dated after the check date (likely a typo)",
         source=Source.INFERENCE, reference="ตรวจวันที่พิมพ์ผิด")(_evidence_not_future)
    rule(f"{n}-links", topic, INCOMPLETE, "ลิงก์เอกสารหลักฐานทุกรายการเปิดได้",
         "Every evidence link opens (a dead link scores the item as missing)")(_links_alive)
    rule(f"{n}-evidence-in-year", topic, WARNING,
         "เอกสารหลักฐานลงวันที่ในช่วงของปีงบประมาณ (ไม่ใช่ของที่คัดลอกมาจากปีอื่น)",
         "Evidence is dated around the fiscal year (not left over from another year's file)",
         source=Source.INFERENCE, reference="ตรวจเอกสารที่คัดลอกมาจากปีอื่น")(
        _evidence_in_year(topic))
    rule(f"{n}-evidence-names-year", topic, WARNING,
         "ชื่อและลิงก์ของเอกสารหลักฐานไม่ระบุปีงบประมาณอื่น (ไม่ใช่ของที่คัดลอกมาจากปีอื่น)",
         "Evidence titles and links name no other fiscal year (not left over from another "
         "year's file)", source=Source.INFERENCE,
         reference="ตรวจเอกสารที่คัดลอกมาจากปีอื่น")(_evidence_names_year(topic))


for each_topic in Topic:
    _common_rules(each_topic)
del each_topic


# --- 01 budget spending plan ---------------------------------------------------

@rule("01-projects", Topic.BUDGET_PLAN, INCOMPLETE,
      "แสดงงบประมาณรายแผนงาน/โครงการ/กิจกรรม พร้อมจำนวนเงินจำแนกตามงบรายจ่าย",
      "Budget by plan, project or activity, with amounts by budget category")
def _plan_projects(data: BudgetPlan, ctx: Context) -> Iterable[Hit]:
    if not data.projects:
        yield Hit("ไม่มีรายการงบประมาณรายโครงการ", ("projects",))
    for i, project in enumerate(data.projects):
        if not project.budget:
            yield Hit(f"โครงการที่ {i + 1} '{project.project}' ไม่ระบุจำนวนเงินตามงบรายจ่าย",
                      ("projects", i))


@rule("01-planned-spending", Topic.BUDGET_PLAN, INCOMPLETE,
      "แสดงแผนการใช้จ่ายงบประมาณรายเดือนหรือรายไตรมาส",
      "Planned spending by month or by quarter")
def _plan_schedule(data: BudgetPlan, ctx: Context) -> Iterable[Hit]:
    if not data.planned_spending:
        yield Hit("ไม่มีแผนการใช้จ่ายรายเดือนหรือรายไตรมาส", ("planned_spending",))


@rule("01-totals", Topic.BUDGET_PLAN, INCOMPLETE,
      "ยอดรวมสอดคล้องกัน: งบประมาณที่ระบุเท่ากับผลรวมรายโครงการ และแผนการใช้จ่ายรวมเท่ากับงบประมาณ",
      "Figures add up: the stated total equals the projects' sum, and so does the planned spending")
def _plan_totals(data: BudgetPlan, ctx: Context) -> Iterable[Hit]:
    total = data.projects_total
    if data.total is not None and data.total != total:
        yield Hit(f"งบประมาณที่ระบุ {thai.baht(data.total)} บาท ไม่เท่ากับผลรวมรายโครงการ "
                  f"{thai.baht(total)} บาท", ("total",))
    planned = thai.total(data.planned_spending.values())
    if data.planned_spending and planned != total:
        yield Hit(f"แผนการใช้จ่ายรวม {thai.baht(planned)} บาท ไม่เท่ากับงบประมาณ "
                  f"{thai.baht(total)} บาท", ("planned_spending",))


@rule("01-approval", Topic.BUDGET_PLAN, INCOMPLETE,
      "ระบุวันที่หัวหน้าหน่วยงานอนุมัติแผนและผู้อนุมัติ",
      "The head of the unit's approval: date and approver",
      source=Source.DEPARTMENT, reference="แผนการใช้จ่ายผ่านการอนุมัติของหัวหน้าหน่วยงาน (แนวทางของกรมอนามัย)")
def _plan_approval(data: BudgetPlan, ctx: Context) -> Iterable[Hit]:
    if data.approved is None or data.approved.date is None:
        yield Hit("ไม่ระบุวันที่อนุมัติแผน", ("approved",))
    if data.approved is None or not data.approved.by:
        yield Hit("ไม่ระบุผู้อนุมัติแผน", ("approved",))


# --- 02 monitoring -------------------------------------------------------------

@rule("02-current", Topic.BUDGET_MONITORING, STALE,
      "มีรายงานกำกับติดตามถึงเดือนล่าสุดที่ถึงกำหนดรายงาน (ภายในวันที่ 10 ของเดือนถัดไป)",
      "A report up to the latest month whose report is due (by the 10th of the next month)",
      source=Source.DEPARTMENT, reference="รายงานผลการเบิกจ่ายทุกเดือน ภายในวันที่ 10 ของเดือนถัดไป (กรมอนามัย); เกณฑ์ระดับประเทศขอรายงานรอบ 6 เดือน (02-six-months)")
def _monitoring_current(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    due_month = periods.last_month_due(ctx.year, ctx.as_of)
    if due_month is None:
        return
    needed = periods.month_end(*due_month)
    latest = max((r.as_of for r in data.reports), default=None)
    if latest is None or latest < needed:
        have = f"รายงานล่าสุดเป็นข้อมูล ณ {_short(latest)}" if latest else "ยังไม่มีรายงาน"
        yield Hit(f"{have} แต่ควรมีรายงานข้อมูล ณ {_short(needed)} "
                  f"(กำหนดเผยแพร่ภายใน {_short(periods.report_due(*due_month))})", ("reports",))


@rule("02-six-months", Topic.BUDGET_MONITORING, INCOMPLETE,
      "มีรายงานผลการใช้จ่ายอย่างน้อยถึงรอบ 6 เดือน (1 ตุลาคม – 31 มีนาคม) เมื่อถึงกำหนด",
      "A report at least up to the six-month mark (1 October – 31 March) once it is due",
      reference="รายงานอย่างน้อยหนึ่งฉบับครอบคลุม 6 เดือนแรกของปีงบประมาณ")
def _monitoring_six_months(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    march_end = periods.month_end(_end(ctx.year).year, 3)
    if periods.report_due(march_end.year, 3) <= ctx.as_of and \
            not any(r.as_of >= march_end for r in data.reports):
        yield Hit(f"ไม่มีรายงานข้อมูล ณ {_short(march_end)} หรือหลังจากนั้น", ("reports",))


@rule("02-progress", Topic.BUDGET_MONITORING, INCOMPLETE,
      "ทุกรายงานแสดงงบประมาณที่ได้รับ ผลการเบิกจ่าย และร้อยละเทียบแผนรายโครงการ",
      "Every report shows allocated, disbursed and progress against the plan per project")
def _monitoring_progress(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    if not data.reports and DUE_DATES[Topic.BUDGET_MONITORING](ctx.year) <= ctx.as_of:
        yield Hit("ไม่มีรายงาน", ("reports",))
    for r, report in enumerate(data.reports):
        if not report.projects:
            yield Hit(f"รายงาน ณ {_short(report.as_of)} ไม่มีผลรายโครงการ", ("reports", r))
        for p, project in enumerate(report.projects):
            # Progress is given as a percentage or derived from the planned amount (a plan
            # of 0 in the first month is legitimate, even though no percentage follows).
            progress = project.percent_of_plan if project.planned is None else project.planned
            missing = [name for name, value in (("งบประมาณที่ได้รับ", project.allocated),
                                                ("ผลการเบิกจ่าย", project.disbursed),
                                                ("แผนการเบิกจ่ายหรือร้อยละเทียบแผน", progress))
                       if value is None]
            if missing:
                yield Hit(f"รายงาน ณ {_short(report.as_of)} โครงการ '{project.project}' "
                          f"ไม่ระบุ{' '.join(missing)}", ("reports", r, "projects", p))


@rule("02-figures", Topic.BUDGET_MONITORING, INCOMPLETE,
      "ตัวเลขสมเหตุผล: เบิกจ่ายไม่เกินงบประมาณที่ได้รับ และร้อยละอยู่ระหว่าง 0–100",
      "Figures are consistent: disbursed ≤ allocated, percentages within 0–100")
def _monitoring_figures(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    for r, report in enumerate(data.reports):
        for p, project in enumerate(report.projects):
            loc = ("reports", r, "projects", p)
            if project.allocated is not None and project.disbursed is not None \
                    and project.disbursed > project.allocated:
                yield Hit(f"รายงาน ณ {_short(report.as_of)} โครงการ '{project.project}' เบิกจ่าย "
                          f"{thai.baht(project.disbursed)} บาท เกินงบประมาณ "
                          f"{thai.baht(project.allocated)} บาท", (*loc, "disbursed"))
            stated = project.percent_of_plan
            if stated is not None and not Decimal(0) <= stated <= Decimal(100):
                yield Hit(f"รายงาน ณ {_short(report.as_of)} โครงการ '{project.project}' "
                          f"ร้อยละเทียบแผน {stated} อยู่นอกช่วง 0–100", (*loc, "percent_of_plan"))


@rule("02-as-of-in-year", Topic.BUDGET_MONITORING, WARNING,
      "ข้อมูล ณ วันที่ของทุกรายงานอยู่ในปีงบประมาณของแฟ้ม (น่าจะพิมพ์ผิดหรือใส่ผิดปี)",
      "Every report's as-of date falls inside the file's fiscal year (likely a typo or the "
      "wrong year's file)",
      source=Source.INFERENCE, reference="ตรวจวันที่พิมพ์ผิดหรือแฟ้มผิดปี")
def _monitoring_as_of_in_year(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    start, end = _start(ctx.year), _end(ctx.year)
    for r, report in enumerate(data.reports):
        if not start <= report.as_of <= end:
            yield Hit(f"รายงาน '{report.title}' เป็นข้อมูล ณ {_short(report.as_of)} ซึ่งอยู่นอกปีงบประมาณ "
                      f"{ctx.year} ({_short(start)} – {_short(end)})", ("reports", r, "as_of"))


@rule("02-problems", Topic.BUDGET_MONITORING, INCOMPLETE,
      "ทุกรายงานระบุปัญหา อุปสรรค และข้อเสนอแนะ (หรือระบุว่าไม่มี)",
      "Every report states problems/obstacles and suggestions, or that there were none")
def _monitoring_problems(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    for r, report in enumerate(data.reports):
        if not report.problems:
            yield Hit(f"รายงาน ณ {_short(report.as_of)} ไม่ระบุปัญหา อุปสรรค", ("reports", r))
        if not report.suggestions:
            yield Hit(f"รายงาน ณ {_short(report.as_of)} ไม่ระบุข้อเสนอแนะ", ("reports", r))


@rule("02-on-time", Topic.BUDGET_MONITORING, WARNING,
      "รายงานแต่ละฉบับเผยแพร่ภายในวันที่ 10 ของเดือนถัดไป",
      "Each report was published by the 10th of the following month",
      source=Source.DEPARTMENT, reference="เผยแพร่ภายในวันที่ 10 ของเดือนถัดไป (กรมอนามัย)")
def _monitoring_on_time(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    for r, report in enumerate(data.reports):
        due = periods.report_due(report.as_of.year, report.as_of.month)
        if report.published is not None and report.published > due:
            yield Hit(f"รายงาน ณ {_short(report.as_of)} เผยแพร่เมื่อ {_short(report.published)} "
                      f"หลังกำหนด {_short(due)}", ("reports", r, "published"))


@rule("02-matches-plan", Topic.BUDGET_MONITORING, WARNING,
      "งบประมาณที่ได้รับในรายงานเท่ากับงบประมาณในแผนการใช้จ่าย (หัวข้อ 01)",
      "The allocation in each report equals the spending plan's total (topic 01)",
      source=Source.INFERENCE, reference="งบประมาณในรายงานควรตรงกับแผนการใช้จ่าย")
def _monitoring_matches_plan(data: BudgetMonitoring, ctx: Context) -> Iterable[Hit]:
    plan = ctx.data(Topic.BUDGET_PLAN)
    if not isinstance(plan, BudgetPlan) or not plan.projects:
        return
    for r, report in enumerate(data.reports):
        if report.projects and report.allocated != plan.projects_total:
            yield Hit(f"รายงาน ณ {_short(report.as_of)} งบประมาณรวม {thai.baht(report.allocated)} "
                      f"บาท ต่างจากแผน {thai.baht(plan.projects_total)} บาท", ("reports", r))


# --- 03 annual spending report -------------------------------------------------

@rule("03-previous-year", Topic.BUDGET_REPORT, MISSING,
      "ระหว่างปีงบประมาณ มีรายงานผลการใช้จ่ายงบประมาณของปีงบประมาณก่อนหน้า",
      "While the year is under way, the previous fiscal year's annual report is published",
      needs_data=False)
def _report_previous_year(data: BudgetReport | None, ctx: Context) -> Iterable[Hit]:
    previous = ctx.year - 1
    due = DUE_DATES[Topic.BUDGET_REPORT]
    if not due(previous) <= ctx.as_of < due(ctx.year):
        return   # last year's report is not due yet, or this year's own is (03-exists)
    if ctx.data(Topic.BUDGET_REPORT, previous) is None:
        yield Hit(f"ไม่มีรายงานผลการใช้จ่ายงบประมาณของปีงบประมาณ {previous} "
                  f"(data/{previous}/{Topic.BUDGET_REPORT.slug}.yml)")


@rule("03-results", Topic.BUDGET_REPORT, INCOMPLETE,
      "แสดงงบประมาณที่ได้รับเทียบกับที่ใช้จ่ายจริงรายโครงการ และผลผลิต",
      "Allocated vs. spent per project, with its outputs")
def _report_results(data: BudgetReport, ctx: Context) -> Iterable[Hit]:
    if not data.projects:
        yield Hit("ไม่มีผลการใช้จ่ายรายโครงการ", ("projects",))
    for i, project in enumerate(data.projects):
        missing = [name for name, value in (("งบประมาณที่ได้รับ", project.allocated),
                                            ("ผลการใช้จ่าย", project.spent),
                                            ("ผลผลิต", project.outputs)) if value is None]
        if missing:
            yield Hit(f"โครงการ '{project.project}' ไม่ระบุ{' '.join(missing)}", ("projects", i))
        elif project.spent is not None and project.allocated is not None \
                and project.spent > project.allocated:
            yield Hit(f"โครงการ '{project.project}' ใช้จ่าย {thai.baht(project.spent)} บาท "
                      f"เกินงบประมาณ {thai.baht(project.allocated)} บาท", ("projects", i, "spent"))


@rule("03-suggestions", Topic.BUDGET_REPORT, INCOMPLETE,
      "ระบุปัญหา อุปสรรค และข้อเสนอแนะสำหรับปีถัดไป",
      "Problems/obstacles and suggestions for the next year")
def _report_suggestions(data: BudgetReport, ctx: Context) -> Iterable[Hit]:
    if not data.problems:
        yield Hit("ไม่ระบุปัญหา อุปสรรค", ("problems",))
    if not data.suggestions:
        yield Hit("ไม่ระบุข้อเสนอแนะสำหรับปีถัดไป", ("suggestions",))


# --- 04 procurement plan -------------------------------------------------------

@rule("04-announced", Topic.PROCUREMENT_PLAN, INCOMPLETE, "ระบุวันที่ประกาศแผนการจัดซื้อจัดจ้าง",
      "The date the procurement plan was announced")
def _procurement_announced(data: ProcurementPlan, ctx: Context) -> Iterable[Hit]:
    if data.announced is None:
        yield Hit("ไม่ระบุวันที่ประกาศแผน", ("announced",))


@rule("04-announced-in-year", Topic.PROCUREMENT_PLAN, WARNING,
      "วันที่ประกาศแผนอยู่ในช่วงของปีงบประมาณ (ไม่ใช่ของที่คัดลอกมาจากปีอื่น)",
      "The plan's announcement date falls around its fiscal year (not left over from another "
      "year's file)",
      source=Source.INFERENCE, reference="ตรวจข้อมูลที่คัดลอกมาจากปีอื่น")
def _procurement_announced_in_year(data: ProcurementPlan, ctx: Context) -> Iterable[Hit]:
    start, end = _start(ctx.year), _end(ctx.year)
    if data.announced is not None and not start - _BEFORE_YEAR <= data.announced <= end:
        yield Hit(f"ประกาศแผนเมื่อ {_short(data.announced)} ห่างจากปีงบประมาณ {ctx.year} "
                  f"({_short(start)} – {_short(end)}) น่าจะคัดลอกมาจากปีอื่น", ("announced",))


@rule("04-items", Topic.PROCUREMENT_PLAN, INCOMPLETE,
      "มีรายการจัดซื้อจัดจ้าง หรือประกาศว่าไม่มีการจัดซื้อจัดจ้างในปีนี้",
      "Procurement items, or a statement that there is no procurement",
      reference="หรือประกาศว่าไม่มีการจัดซื้อจัดจ้าง เมื่อไม่มีรายการที่ต้องประกาศตามกฎหมาย (คำตอบที่เกณฑ์รับได้)")
def _procurement_items(data: ProcurementPlan, ctx: Context) -> Iterable[Hit]:
    if not data.items and not data.no_procurement:
        yield Hit("ไม่มีรายการและไม่มีคำชี้แจงว่าไม่มีการจัดซื้อจัดจ้าง", ("items",))


@rule("04-item-fields", Topic.PROCUREMENT_PLAN, INCOMPLETE,
      "ทุกรายการระบุวงเงิน วิธีการจัดหา และเดือนที่คาดว่าจะจัดหา",
      "Every item has its budget, procurement method and expected month")
def _procurement_item_fields(data: ProcurementPlan, ctx: Context) -> Iterable[Hit]:
    for i, item in enumerate(data.items):
        for key, name, value in (("budget", "วงเงิน", item.budget),
                                 ("method", "วิธีการจัดหา", item.method),
                                 ("expected_month", "เดือนที่คาดว่าจะจัดหา", item.expected_month)):
            if value is None:
                yield Hit(f"รายการที่ {i + 1} '{item.name}' ไม่ระบุ{name}", ("items", i, key))


@rule("04-months-in-year", Topic.PROCUREMENT_PLAN, INCOMPLETE,
      "เดือนที่คาดว่าจะจัดหาอยู่ในปีงบประมาณของแผน",
      "Expected months fall inside the plan's fiscal year")
def _procurement_months(data: ProcurementPlan, ctx: Context) -> Iterable[Hit]:
    for i, item in enumerate(data.items):
        if item.expected_month is not None and item.expected_month.fiscal_year != ctx.year:
            yield Hit(f"รายการที่ {i + 1} '{item.name}' คาดว่าจะจัดหา {item.expected_month} "
                      f"ซึ่งอยู่นอกปีงบประมาณ {ctx.year}", ("items", i, "expected_month"))


@rule("04-egp", Topic.PROCUREMENT_PLAN, WARNING,
      "มีลิงก์ประกาศแผนในระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP)",
      "A link to the plan on the government e-GP system",
      source=Source.INFERENCE, reference="ระเบียบพัสดุให้ประกาศแผนในระบบ e-GP; เกณฑ์ ITA ขอการเผยแพร่บนเว็บไซต์ของหน่วยงาน")
def _procurement_egp(data: ProcurementPlan, ctx: Context) -> Iterable[Hit]:
    if data.items and not data.egp_url:
        yield Hit("ไม่มีลิงก์ประกาศแผนในระบบ e-GP", ("egp_url",))


# --- 05 opinion channels -------------------------------------------------------

@rule("05-several-kinds", Topic.OPINION_CHANNELS, INCOMPLETE,
      f"มีช่องทางอย่างน้อย {MIN_CHANNEL_KINDS} ประเภทที่แตกต่างกัน",
      f"At least {MIN_CHANNEL_KINDS} distinct kinds of channel",
      source=Source.INFERENCE, reference="หลายประเภทเป็นแนวปฏิบัติที่ดี ไม่พบเกณฑ์ระดับประเทศที่กำหนดจำนวนประเภท")
def _channels_kinds(data: OpinionChannels, ctx: Context) -> Iterable[Hit]:
    kinds = {c.kind for c in data.channels}
    if len(kinds) < MIN_CHANNEL_KINDS:
        yield Hit(f"มีช่องทางเพียง {len(kinds)} ประเภท", ("channels",))


@rule("05-how-to-reach", Topic.OPINION_CHANNELS, INCOMPLETE,
      "ทุกช่องทางบอกวิธีติดต่อ (หมายเลข ที่อยู่ หรือลิงก์)",
      "Every channel says how to reach it (number, address or link)")
def _channels_reach(data: OpinionChannels, ctx: Context) -> Iterable[Hit]:
    for i, channel in enumerate(data.channels):
        if not channel.contact and not channel.url:
            yield Hit(f"ช่องทาง '{channel.name}' ไม่ระบุวิธีติดต่อ", ("channels", i))


@rule("05-who-answers", Topic.OPINION_CHANNELS, WARNING,
      "ทุกช่องทางระบุเวลาให้บริการและผู้รับผิดชอบตอบ",
      "Every channel gives its hours and who answers", source=Source.INFERENCE,
      reference="ไม่พบเกณฑ์ระดับประเทศที่กำหนดผู้ตอบ เป็นแนวปฏิบัติที่ดี")
def _channels_who(data: OpinionChannels, ctx: Context) -> Iterable[Hit]:
    for i, channel in enumerate(data.channels):
        missing = [n for n, v in (("เวลาให้บริการ", channel.hours),
                                  ("ผู้รับผิดชอบตอบ", channel.answered_by)) if not v]
        if missing:
            yield Hit(f"ช่องทาง '{channel.name}' ไม่ระบุ{' '.join(missing)}", ("channels", i))


@rule("05-corruption-complaints", Topic.OPINION_CHANNELS, WARNING,
      "มีช่องทางร้องเรียนการทุจริตแยกต่างหากที่คุ้มครองผู้ร้องเรียน",
      "A separate corruption-complaint channel that protects the complainant",
      source=Source.DEPARTMENT, reference="ช่องทางร้องเรียนการทุจริตที่คุ้มครองผู้ร้องเรียน (แผนของกรม โครงการ 4.3.2)")
def _channels_corruption(data: OpinionChannels, ctx: Context) -> Iterable[Hit]:
    if data.channels and not any(c.kind is ChannelKind.CORRUPTION_COMPLAINT for c in data.channels):
        yield Hit("ไม่มีช่องทางร้องเรียนการทุจริต", ("channels",))


@rule("05-reviewed", Topic.OPINION_CHANNELS, STALE,
      "ข้อมูลช่องทางได้รับการทบทวนในปีงบประมาณที่ตรวจ",
      "The channels were reviewed during the fiscal year being assessed",
      source=Source.INFERENCE, reference="ข้อมูลช่องทางควรได้รับการทบทวนทุกปีงบประมาณ")
def _channels_reviewed(data: OpinionChannels, ctx: Context) -> Iterable[Hit]:
    if data.last_updated is not None and data.last_updated < _start(ctx.year):
        yield Hit(f"ปรับปรุงข้อมูลล่าสุดเมื่อ {_short(data.last_updated)} ก่อนเริ่มปีงบประมาณ "
                  f"{ctx.year}", ("last_updated",))


# --- 06 participation ----------------------------------------------------------

@rule("06-each-round", Topic.PARTICIPATION, INCOMPLETE,
      "มีกิจกรรมการมีส่วนร่วมอย่างน้อยหนึ่งกิจกรรมในแต่ละรอบที่สิ้นสุดแล้ว "
      "(รอบ 1 ต.ค.–ก.พ., รอบ 2 มี.ค.–ก.ค.)",
      "At least one participation activity in each ended round (Oct–Feb, Mar–Jul)",
      source=Source.DEPARTMENT, reference="กิจกรรมอย่างน้อยหนึ่งครั้งในแต่ละรอบ 5 เดือนของการประเมินของกรม")
def _participation_rounds(data: Participation, ctx: Context) -> Iterable[Hit]:
    for round_no in periods.ROUND_MONTHS:
        start, end = periods.round_bounds(ctx.year, round_no)
        if periods.report_due(end.year, end.month) > ctx.as_of:
            continue
        if not any(a.date is not None and start <= a.date <= end for a in data.activities):
            yield Hit(f"ไม่มีกิจกรรมในรอบที่ {round_no} ({_short(start)} – {_short(end)})",
                      ("activities",))


def _activity_gaps(activity: Activity) -> list[tuple[str, str]]:
    checks: list[tuple[str, str, Any]] = [
        ("date", "วันที่", activity.date), ("participants", "จำนวนผู้เข้าร่วม", activity.participants),
        ("evidence", "หลักฐาน (รายงานการประชุม ภาพถ่าย)", activity.evidence or None)]
    return [(key, name) for key, name, value in checks if value is None]


@rule("06-activity-details", Topic.PARTICIPATION, INCOMPLETE,
      "ทุกกิจกรรมระบุวันที่ จำนวนผู้เข้าร่วม และมีหลักฐาน",
      "Every activity has its date, number of participants and evidence")
def _participation_details(data: Participation, ctx: Context) -> Iterable[Hit]:
    for i, activity in enumerate(data.activities):
        for key, name in _activity_gaps(activity):
            yield Hit(f"กิจกรรม '{activity.title}' ไม่มี{name}", ("activities", i, key))


@rule("06-outsiders", Topic.PARTICIPATION, INCOMPLETE,
      "มีกิจกรรมในปีงบประมาณที่บุคคลภายนอกหรือผู้มีส่วนได้ส่วนเสียเข้าร่วม "
      "พร้อมประเด็นที่เสนอและสิ่งที่หน่วยงานนำไปดำเนินการ",
      "An activity of the year in which people from outside the unit took part, with what "
      "they raised and what the unit did",
      reference="ผู้มีส่วนได้ส่วนเสีย/บุคคลภายนอกเข้ามามีส่วนร่วม (การประชุมภายในหน่วยงานอย่างเดียวไม่นับ)")
def _participation_outsiders(data: Participation, ctx: Context) -> Iterable[Hit]:
    outside = [a for a in data.activities if a.participants_from is not None
               and a.participants_from.outsiders]
    if any(a.raised and a.actions for a in outside):
        return
    if outside:
        yield Hit("กิจกรรมที่บุคคลภายนอกเข้าร่วมยังไม่ระบุประเด็นที่เสนอและการดำเนินการของหน่วยงาน",
                  ("activities",))
    elif any(a.participants_from is None for a in data.activities):
        yield Hit("ไม่ระบุว่าผู้เข้าร่วมกิจกรรมเป็นบุคคลภายนอกหรือไม่ (participants_from: "
                  "internal / external / both)", ("activities",))
    else:
        yield Hit("ทุกกิจกรรมมีเฉพาะบุคลากรภายในหน่วยงาน ยังไม่มีกิจกรรมที่บุคคลภายนอกเข้าร่วม",
                  ("activities",))


@rule("06-outcome", Topic.PARTICIPATION, INCOMPLETE,
      "ทุกกิจกรรมระบุประเด็นที่ผู้เข้าร่วมเสนอและสิ่งที่หน่วยงานดำเนินการต่อ",
      "Every activity says what was raised and what the unit did about it",
      reference="แสดงผลการมีส่วนร่วมและการนำความคิดเห็นไปใช้ (ถ้าไม่มี ข้อนี้ได้ 0 คะแนน)")
def _participation_outcome(data: Participation, ctx: Context) -> Iterable[Hit]:
    for i, activity in enumerate(data.activities):
        if not activity.raised or not activity.actions:
            yield Hit(f"กิจกรรม '{activity.title}' ไม่ระบุประเด็นที่เสนอหรือการดำเนินการ",
                      ("activities", i))
