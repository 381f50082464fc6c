"""Each topic's published data: its tables (one CSV each) and its whole content (JSON).

Every value comes from the same model properties and formatting functions as the topic
page's template, so the downloads carry exactly the figures the page shows.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from .. import thai
from ..model.base import Evidence, TopicData
from ..model.topics import (BudgetCategory, BudgetMonitoring, BudgetPlan, BudgetReport,
                            MonitoringReport, OpinionChannels, Participation, ProcurementPlan)
from ..topics import Topic
from .formats import (Column, ColumnType, Json, Row, Table, iso_date, iso_month, money, percent,
                      texts)

BAHT, PERCENT, PEOPLE = "บาท", "ร้อยละ", "คน"
DEC, INT = ColumnType.DECIMAL, ColumnType.INTEGER
NO = Column("no", "ลำดับ", INT)
PROJECT = Column("project", "โครงการ/กิจกรรม")
T = TypeVar("T", bound=TopicData)
HUNDRED = "100.00"   # the pages print 100.00 in the share column of a total row


@dataclass(frozen=True)
class TopicContent:
    """What one topic publishes: its tables, and its JSON content (which includes them)."""

    tables: tuple[Table, ...]
    content: dict[str, Json]


def topic_content(topic: Topic, data: TopicData, year: int) -> TopicContent:
    """The tables and JSON content of one topic's data of fiscal year ``year``."""
    result = BUILDERS[topic](data, year)
    common: dict[str, Json] = {"evidence": [evidence(e) for e in data.evidence],
                               "note": data.note}
    return TopicContent(result.tables, {**result.content, **common})


def evidence(item: Evidence) -> dict[str, Json]:
    return {"title": item.title, "url": item.address, "date": iso_date(item.date)}


def _table(name: str, title_th: str, columns: tuple[Column, ...], rows: list[Row]) -> Table:
    return Table(name, title_th, columns, tuple(rows))


def _pct_of(part: Decimal, whole: Decimal) -> str | None:
    return percent(thai.percent(part, whole))


def _hundred(whole: Decimal) -> str | None:
    return HUNDRED if whole else None


# --- 01 -----------------------------------------------------------------------

PLAN_COLUMNS = (NO, Column("plan", "แผนงาน"), PROJECT, Column("activity", "กิจกรรม"),
                *(Column(c.name.lower(), f"{c.value} (บาท)", DEC, BAHT) for c in BudgetCategory),
                Column("total", "รวม (บาท)", DEC, BAHT))
SCHEDULE_COLUMNS = (Column("period", "รหัสช่วงเวลา"), Column("period_th", "ช่วงเวลา"),
                    Column("amount", "แผนการใช้จ่าย (บาท)", DEC, BAHT),
                    Column("cumulative", "สะสม (บาท)", DEC, BAHT),
                    Column("cumulative_percent", "ร้อยละสะสม", DEC, PERCENT))


def _budget_plan(plan: BudgetPlan) -> TopicContent:
    projects: list[Row] = [{"no": n, "plan": p.plan, "project": p.project, "activity": p.activity,
                 **{c.name.lower(): money(p.budget.get(c)) for c in BudgetCategory},
                 "total": money(p.total)} for n, p in enumerate(plan.projects, 1)]
    schedule: list[Row] = []
    cumulative = Decimal("0.00")
    for period, amount in plan.schedule:
        cumulative += amount
        schedule.append({"period": period.key, "period_th": period.label, "amount": money(amount),
                         "cumulative": money(cumulative),
                         "cumulative_percent": _pct_of(cumulative, plan.projects_total)})
    tables = (_table("", "งบประมาณจำแนกตามแผนงานและโครงการ", PLAN_COLUMNS, projects),
              _table("spending-schedule", "แผนการใช้จ่ายงบประมาณตามช่วงเวลา",
                     SCHEDULE_COLUMNS, schedule))
    total = plan.projects_total
    categories: list[Json] = [
        {"category": c.value, "amount": money(plan.category_total(c)),
         "percent": _pct_of(plan.category_total(c), total)} for c in plan.categories]
    approved = plan.approved
    return TopicContent(tables, {
        "total": money(total), "stated_total": money(plan.total),
        "approved": {"date": iso_date(approved.date if approved else None),
                     "by": approved.by if approved else None},
        "source_document": evidence(plan.source_document) if plan.source_document else None,
        "projects": [dict(r) for r in projects],
        "categories": categories,
        "categories_total": {"amount": money(total), "percent": _hundred(total)},
        "planned_spending": [dict(r) for r in schedule],
        "planned_spending_total": money(thai.total(plan.planned_spending.values())),
    })


# --- 02 -----------------------------------------------------------------------

PROGRESS_COLUMNS = (NO, PROJECT, Column("allocated", "งบประมาณที่ได้รับ (บาท)", DEC, BAHT),
                    Column("planned", "แผนการเบิกจ่ายสะสม (บาท)", DEC, BAHT),
                    Column("disbursed", "เบิกจ่ายสะสม (บาท)", DEC, BAHT),
                    Column("percent_of_plan", "ร้อยละเทียบแผน", DEC, PERCENT))
MONITORING_COLUMNS = (Column("as_of", "ข้อมูล ณ วันที่", ColumnType.DATE),
                      Column("round", "รอบการประเมิน", INT), Column("report", "รายงาน"),
                      *PROGRESS_COLUMNS)


def _progress_rows(report: MonitoringReport) -> list[Row]:
    return [{"no": n, "project": p.project, "allocated": money(p.allocated),
             "planned": money(p.planned), "disbursed": money(p.disbursed),
             "percent_of_plan": percent(p.progress)} for n, p in enumerate(report.projects, 1)]


def _report(report: MonitoringReport) -> dict[str, Json]:
    return {
        "title": report.title, "as_of": iso_date(report.as_of), "round": report.round,
        "published": iso_date(report.published),
        "allocated": money(report.allocated), "planned": money(report.planned),
        "disbursed": money(report.disbursed),
        "percent_of_plan": _pct_of(report.disbursed, report.planned),
        "percent_of_allocated": _pct_of(report.disbursed, report.allocated),
        "projects": [dict(r) for r in _progress_rows(report)],
        "problems": texts(report.problems), "suggestions": texts(report.suggestions),
        "evidence": [evidence(e) for e in report.evidence],
    }


def _budget_monitoring(monitoring: BudgetMonitoring) -> TopicContent:
    rows: list[Row] = [
        {"as_of": iso_date(r.as_of), "round": r.round, "report": r.title, **row}
        for r in monitoring.reports_by_date for row in _progress_rows(r)]
    table = _table("", "ผลการเบิกจ่ายรายโครงการทุกรอบรายงาน", MONITORING_COLUMNS, rows)
    return TopicContent((table,), {
        "report_count": len(monitoring.reports),
        "reports": [_report(r) for r in monitoring.reports_by_date],
    })


# --- 03 -----------------------------------------------------------------------

RESULT_COLUMNS = (NO, PROJECT, Column("allocated", "งบประมาณที่ได้รับ (บาท)", DEC, BAHT),
                  Column("spent", "ใช้จ่ายจริง (บาท)", DEC, BAHT),
                  Column("percent_spent", "ร้อยละ", DEC, PERCENT),
                  Column("outputs", "ผลผลิต/ผลการดำเนินงาน"))


def _budget_report(report: BudgetReport) -> TopicContent:
    rows: list[Row] = [
        {"no": n, "project": p.project, "allocated": money(p.allocated), "spent": money(p.spent),
         "percent_spent": percent(p.percent_spent), "outputs": p.outputs}
        for n, p in enumerate(report.projects, 1)]
    table = _table("", "ผลการใช้จ่ายงบประมาณรายโครงการ", RESULT_COLUMNS, rows)
    return TopicContent((table,), {
        "summary": report.summary, "allocated": money(report.allocated),
        "spent": money(report.spent), "percent_spent": _pct_of(report.spent, report.allocated),
        "projects": [dict(r) for r in rows],
        "problems": texts(report.problems), "suggestions": texts(report.suggestions),
    })


# --- 04 -----------------------------------------------------------------------

ITEM_COLUMNS = (NO, Column("name", "รายการ"), Column("budget", "วงเงิน (บาท)", DEC, BAHT),
                Column("source_of_funds", "แหล่งเงิน"), Column("method", "วิธีการจัดหา"),
                Column("expected_month", "ช่วงเวลาที่คาดว่าจะจัดหา", ColumnType.MONTH),
                Column("responsible", "ผู้รับผิดชอบ"), Column("note", "หมายเหตุ"))


def _procurement_plan(plan: ProcurementPlan, year: int) -> TopicContent:
    rows: list[Row] = [
        {"no": n, "name": i.name, "budget": money(i.budget), "source_of_funds": i.source_of_funds,
         "method": i.method.value if i.method else None,
         "expected_month": iso_month(i.expected_month), "responsible": i.responsible,
         "note": i.note} for n, i in enumerate(plan.items, 1)]
    table = _table("", "รายการจัดซื้อจัดจ้าง", ITEM_COLUMNS, rows)
    by_method: list[Json] = [
        {"method": method, "items": count, "amount": money(amount),
         "percent": _pct_of(amount, plan.total)} for method, count, amount in plan.by_method]
    return TopicContent((table,), {
        "announced": iso_date(plan.announced), "announced_by": plan.announced_by,
        "egp_url": plan.egp_url, "no_procurement": plan.no_procurement,
        "item_count": len(plan.items), "total": money(plan.total),
        "by_method": by_method,
        "by_method_total": {"items": len(plan.items), "amount": money(plan.total),
                            "percent": _hundred(plan.total)},
        "by_quarter": [{"period": period, "items": count, "amount": money(amount),
                        "percent": _pct_of(amount, plan.total)}
                       for period, count, amount in plan.by_quarter(year)],
        "items": [dict(r) for r in rows],
    })


# --- 05 -----------------------------------------------------------------------

CHANNEL_COLUMNS = (NO, Column("kind", "รหัสประเภท"), Column("kind_th", "ประเภท"),
                   Column("name", "ช่องทาง"), Column("contact", "วิธีติดต่อ"),
                   Column("url", "ลิงก์", ColumnType.URL), Column("hours", "เวลาให้บริการ"),
                   Column("answered_by", "ผู้รับผิดชอบตอบ"),
                   Column("response_time", "ระยะเวลาตอบกลับ"), Column("note", "หมายเหตุ"))


def _opinion_channels(channels: OpinionChannels) -> TopicContent:
    rows: list[Row] = [
        {"no": n, "kind": c.kind.value, "kind_th": c.kind.label_th, "name": c.name,
         "contact": c.contact, "url": c.url, "hours": c.hours, "answered_by": c.answered_by,
         "response_time": c.response_time, "note": c.note}
        for n, c in enumerate(channels.channels, 1)]
    table = _table("", "ช่องทางการรับฟังความคิดเห็น", CHANNEL_COLUMNS, rows)
    return TopicContent((table,), {"channel_count": len(rows),
                                   "channels": [dict(r) for r in rows]})


# --- 06 -----------------------------------------------------------------------

TEXTS = ColumnType.TEXT_LIST
ACTIVITY_COLUMNS = (NO, Column("date", "วันที่", ColumnType.DATE), Column("title", "กิจกรรม"),
                    Column("kind", "รหัสลักษณะ"), Column("kind_th", "ลักษณะ"),
                    Column("participants_from", "ผู้เข้าร่วมมาจาก (รหัส)"),
                    Column("stakeholders", "ผู้มีส่วนได้ส่วนเสียที่เข้าร่วม", TEXTS),
                    Column("participants", "ผู้เข้าร่วม (คน)", INT, PEOPLE),
                    Column("raised", "ประเด็นที่ผู้เข้าร่วมเสนอ", TEXTS),
                    Column("actions", "การดำเนินการของหน่วยงาน", TEXTS),
                    Column("evidence_urls", "ลิงก์หลักฐาน", TEXTS))


def _participation(participation: Participation) -> TopicContent:
    activities = participation.activities_by_date
    rows: list[Row] = [
        {"no": n, "date": iso_date(a.date), "title": a.title, "kind": a.kind.value,
         "kind_th": a.kind.label_th,
         "participants_from": a.participants_from.value if a.participants_from else None,
         "stakeholders": texts(a.stakeholders),
         "participants": a.participants, "raised": texts(a.raised), "actions": texts(a.actions),
         "evidence_urls": texts([e.address for e in a.evidence])}
        for n, a in enumerate(activities, 1)]
    table = _table("", "กิจกรรมการมีส่วนร่วม", ACTIVITY_COLUMNS, rows)
    return TopicContent((table,), {
        "activity_count": len(rows),
        "participants_total": sum(a.participants or 0 for a in activities),
        "activities": [{**row, "evidence": [evidence(e) for e in a.evidence]}
                       for row, a in zip(rows, activities)],
    })


def _as(data: TopicData, model: type[T]) -> T:
    """The topic's data as its own model (the dataset keys each topic to its model)."""
    if not isinstance(data, model):
        raise TypeError(f"expected {model.__name__}, got {type(data).__name__}")
    return data


BUILDERS: dict[Topic, Callable[[TopicData, int], TopicContent]] = {
    Topic.BUDGET_PLAN: lambda d, _: _budget_plan(_as(d, BudgetPlan)),
    Topic.BUDGET_MONITORING: lambda d, _: _budget_monitoring(_as(d, BudgetMonitoring)),
    Topic.BUDGET_REPORT: lambda d, _: _budget_report(_as(d, BudgetReport)),
    Topic.PROCUREMENT_PLAN: lambda d, year: _procurement_plan(_as(d, ProcurementPlan), year),
    Topic.OPINION_CHANNELS: lambda d, _: _opinion_channels(_as(d, OpinionChannels)),
    Topic.PARTICIPATION: lambda d, _: _participation(_as(d, Participation)),
}
