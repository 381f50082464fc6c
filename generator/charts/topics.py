"""Which charts each topic page shows, with their text alternatives (pure: data in, charts out).

A chart summarises a table of its page; the page shows it as a Markdown image beside that
table, and the build publishes the SVG at ``<year>/charts/<topic slug>-<name>.svg``.
A chart without data is not made, so it is neither published nor linked.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .. import thai
from ..model.base import TopicData
from ..model.dataset import Dataset, FiscalYearData
from ..model.fields import Period
from ..model.topics import (BudgetMonitoring, BudgetPlan, BudgetReport, MonitoringReport,
                            ProcurementPlan, ProjectResult)
from ..periods import fiscal_months
from ..topics import Topic
from .bars import Bar, BarChart, BarGroup, Series, draw_bar_chart
from .lines import (ACTUAL_LINE, PLAN_LINE, REFERENCE_LINE, Line, LineChart, LinePoint,
                    draw_line_chart)
from .svg import SUBTITLE_SEP, AmountScale, amount_scale

CHARTS_FOLDER = "charts"


@dataclass(frozen=True)
class Chart:
    """One chart of a topic page: where it is published, its alt text and its drawing."""

    year: int
    topic: Topic
    name: str
    alt: str
    drawing: BarChart | LineChart

    @property
    def file_name(self) -> str:
        return f"{self.topic.slug}-{self.name}.svg"

    @property
    def href(self) -> str:
        """The link from the topic page, which is in the same year folder."""
        return f"{CHARTS_FOLDER}/{self.file_name}"

    @property
    def asset_path(self) -> str:
        return f"{self.year}/{CHARTS_FOLDER}/{self.file_name}"

    def svg(self) -> str:
        if isinstance(self.drawing, BarChart):
            return draw_bar_chart(self.drawing)
        return draw_line_chart(self.drawing)


def topic_charts(fy: FiscalYearData, topic: Topic) -> dict[str, Chart]:
    """The charts of one topic page, by name, in the order they appear on it."""
    data = fy.get(topic)
    if data is None:
        return {}
    found = (make(fy.year, data) for make in _MAKERS.get(topic, ()))
    return {chart.name: chart for chart in found if chart is not None}


PageCharts = dict[tuple[int, Topic], dict[str, Chart]]


def charts_by_page(dataset: Dataset, years: Iterable[int] | None = None) -> PageCharts:
    """The charts of every topic page (of ``years``, or all), keyed by (year, topic), years
    and topics in order."""
    chosen = sorted(dataset.years) if years is None else years
    return {(year, topic): topic_charts(dataset.years[year], topic)
            for year in chosen for topic in Topic}


def site_charts(dataset: Dataset, by_page: PageCharts | None = None) -> list[Chart]:
    """Every chart of the site, in a stable order (from ``by_page`` when already made)."""
    pages = charts_by_page(dataset) if by_page is None else by_page
    return [chart for charts in pages.values() for chart in charts.values()]


def _subtitle(year: int, scale: AmountScale, *middle: str) -> str:
    return SUBTITLE_SEP.join([f"ปีงบประมาณ พ.ศ. {year}", *middle, f"หน่วย: {scale.unit}"])


def _percent_note(part: Decimal, whole: Decimal) -> str:
    share = thai.percent(part, whole)
    return "" if share is None else f" · {thai.format_percent(share)}%"


# --- 01 planned spending by period -------------------------------------------------------------

def schedule_chart(year: int, data: TopicData) -> Chart | None:
    """Planned spending in each month or quarter, with the running total beside it."""
    assert isinstance(data, BudgetPlan)
    schedule = data.schedule
    if not schedule or thai.total(amount for _, amount in schedule) <= 0:
        return None
    running, cumulative = Decimal(0), []
    for _, amount in schedule:
        running += amount
        cumulative.append(running)
    scale = amount_scale(running)
    title = "แผนการใช้จ่ายงบประมาณ" + _period_kind([period for period, _ in schedule])
    groups = tuple(
        BarGroup(period.label, (
            Bar(amount, scale.label(amount), f"{period.label}: {thai.baht(amount)} บาท"),
            Bar(total, scale.label(total) + _percent_note(total, data.projects_total),
                f"สะสมถึง{period.label}: {thai.baht(total)} บาท")))
        for (period, amount), total in zip(schedule, cumulative, strict=True))
    # Quarters are few enough to say each running share too; twelve months would drown it.
    parts = [f"{period.label} {scale.spoken(amount)}"
             + (_running_share(total, data.projects_total) if len(schedule) <= 4 else "")
             for (period, amount), total in zip(schedule, cumulative, strict=True)]
    alt = (f"{title} ปีงบประมาณ พ.ศ. {year}: {', '.join(parts)}; "
           f"รวมทั้งปี {scale.spoken(running)}")
    series = (Series("แผนการใช้จ่ายในช่วงเวลา"), Series("แผนการใช้จ่ายสะสม", hatched=True))
    drawing = BarChart(title, _subtitle(year, scale), alt, scale, series, groups)
    return Chart(year, Topic.BUDGET_PLAN, "schedule", alt, drawing)


def _period_kind(periods: Sequence[Period]) -> str:
    if all(period.month is None for period in periods):
        return "รายไตรมาส"
    if all(period.month is not None for period in periods):
        return "รายเดือน"
    return "ตามช่วงเวลา"


def _running_share(total: Decimal, whole: Decimal) -> str:
    share = thai.percent(total, whole)
    return "" if share is None else f" (สะสมร้อยละ {thai.format_percent(share)})"


# --- 02 planned and disbursed, cumulative, over the year's reports ----------------------------

def monitoring_chart(year: int, data: TopicData) -> Chart | None:
    """Cumulative plan and disbursement at each report, against the allocation."""
    assert isinstance(data, BudgetMonitoring)
    reports = [r for r in data.reports_by_date if r.planned > 0 or r.disbursed > 0]
    if not reports:
        return None
    last = reports[-1]
    scale = amount_scale(max(max(r.allocated, r.planned, r.disbursed) for r in reports))
    position = _year_position(year)
    as_of = thai.thai_date(last.as_of, "short")

    def points(figure: Callable[[MonitoringReport], Decimal], what: str) -> tuple[LinePoint, ...]:
        return tuple(LinePoint(position(r.as_of), figure(r),
                               f"{what} ณ {thai.thai_date(r.as_of)}: {thai.baht(figure(r))} บาท")
                     for r in reports)
    lines = (
        Line(f"งบประมาณที่ได้รับ {scale.label(last.allocated)}", REFERENCE_LINE,
             points(lambda r: r.allocated, "งบประมาณที่ได้รับ"), scale.label(last.allocated),
             from_zero=False),
        Line(f"แผนการเบิกจ่ายสะสม {scale.label(last.planned)}", PLAN_LINE,
             points(lambda r: r.planned, "แผนการเบิกจ่ายสะสม"), scale.label(last.planned)),
        Line(f"เบิกจ่ายจริงสะสม {scale.label(last.disbursed)}", ACTUAL_LINE,
             points(lambda r: r.disbursed, "เบิกจ่ายจริงสะสม"), scale.label(last.disbursed)))
    title = "แผนและผลการเบิกจ่ายงบประมาณสะสม"
    alt = (f"{title} ปีงบประมาณ พ.ศ. {year} จากรายงาน {len(reports)} ฉบับ: "
           + _latest_report(last, scale))
    months = tuple(thai.MONTHS_ABBR[month] for _, month in fiscal_months(year))
    drawing = LineChart(title, _subtitle(year, scale, f"ข้อมูล ณ {as_of}"), alt, scale, months,
                        lines)
    return Chart(year, Topic.BUDGET_MONITORING, "cumulative", alt, drawing)


def _latest_report(report: MonitoringReport, scale: AmountScale) -> str:
    """The figures of a report in words, with the shares that can be computed."""
    shares = [f"ร้อยละ {thai.format_percent(share)} {of}" for share, of in (
        (thai.percent(report.disbursed, report.planned), "ของแผน"),
        (thai.percent(report.disbursed, report.allocated),
         f"ของงบประมาณที่ได้รับ {scale.spoken(report.allocated)}")) if share is not None]
    return (f"ณ {thai.thai_date(report.as_of)} แผนการเบิกจ่ายสะสม {scale.spoken(report.planned)} "
            f"เบิกจ่ายจริงสะสม {scale.spoken(report.disbursed)}"
            + (f" ({' และ'.join(shares)})" if shares else ""))


def _year_position(year: int) -> Callable[[datetime.date], Fraction]:
    """Where a day falls along the fiscal year: 0 at its start, 1 at the end of its last day."""
    start, end = thai.fiscal_year_bounds(year)
    days = (end - start).days + 1

    def position(day: datetime.date) -> Fraction:
        return Fraction(min(max((day - start).days + 1, 0), days), days)
    return position


# --- 03 allocated and spent per project ---------------------------------------------------------

def projects_chart(year: int, data: TopicData) -> Chart | None:
    """Each project's allocation and actual spending, side by side."""
    assert isinstance(data, BudgetReport)
    projects = [p for p in data.projects if p.allocated is not None or p.spent is not None]
    if not projects or data.allocated + data.spent <= 0:
        return None
    zero = Decimal(0)
    scale = amount_scale(max(max(p.allocated or zero, p.spent or zero) for p in projects))
    groups = tuple(_project_bars(p, scale) for p in projects)
    title = "งบประมาณที่ได้รับและใช้จ่ายจริงรายโครงการ"
    alt = f"{title} ปีงบประมาณ พ.ศ. {year}: " + _projects_summary(data, scale)
    drawing = BarChart(title, _subtitle(year, scale), alt, scale,
                       (Series("งบประมาณที่ได้รับ"), Series("ใช้จ่ายจริง", hatched=True)), groups)
    return Chart(year, Topic.BUDGET_REPORT, "projects", alt, drawing)


def _project_bars(project: ProjectResult, scale: AmountScale) -> BarGroup:
    allocated, spent = project.allocated or Decimal(0), project.spent or Decimal(0)
    return BarGroup(project.project, (
        Bar(allocated, scale.label(allocated),
            f"{project.project} งบประมาณที่ได้รับ: {thai.baht(allocated)} บาท"),
        Bar(spent, scale.label(spent) + _percent_note(spent, allocated),
            f"{project.project} ใช้จ่ายจริง: {thai.baht(spent)} บาท")))


def _projects_summary(data: BudgetReport, scale: AmountScale) -> str:
    share = thai.percent(data.spent, data.allocated)
    text = (f"{len(data.projects)} โครงการ ได้รับรวม {scale.spoken(data.allocated)} "
            f"ใช้จ่ายจริงรวม {scale.spoken(data.spent)}"
            + ("" if share is None else f" (ร้อยละ {thai.format_percent(share)})"))
    rated = [p for p in data.projects if p.percent_spent is not None]
    if len(rated) > 1:
        low = min(rated, key=lambda p: (p.percent_spent, p.project))
        high = max(rated, key=lambda p: (p.percent_spent, p.project))
        text += (f"; ใช้จ่ายต่ำสุด {low.project} ร้อยละ {thai.format_percent(low.percent_spent)}"
                 f"; สูงสุด {high.project} ร้อยละ {thai.format_percent(high.percent_spent)}")
    return text


# --- 04 procurement budget by method and by quarter ---------------------------------------------

def _procurement_chart(year: int, name: str, title: str, rows: Sequence[tuple[str, int, Decimal]],
                       total: Decimal) -> Chart:
    scale = amount_scale(max(amount for _, _, amount in rows))
    groups = tuple(BarGroup(f"{label} · {count} รายการ", (
        Bar(amount, scale.label(amount) + _percent_note(amount, total),
            f"{label}: {count} รายการ {thai.baht(amount)} บาท"),)) for label, count, amount in rows)
    parts = ", ".join(f"{label} {scale.spoken(amount)} ({count} รายการ)"
                      for label, count, amount in rows)
    alt = f"{title} ปีงบประมาณ พ.ศ. {year}: {parts}; รวม {scale.spoken(total)}"
    drawing = BarChart(title, _subtitle(year, scale), alt, scale, (Series("วงเงิน"),), groups)
    return Chart(year, Topic.PROCUREMENT_PLAN, name, alt, drawing)


def method_chart(year: int, data: TopicData) -> Chart | None:
    """The procurement budget by procurement method."""
    assert isinstance(data, ProcurementPlan)
    if data.total <= 0 or all(i.method is None for i in data.items):
        return None
    return _procurement_chart(year, "by-method", "วงเงินจัดซื้อจัดจ้างตามวิธีการจัดหา",
                              data.by_method, data.total)


def quarter_chart(year: int, data: TopicData) -> Chart | None:
    """The procurement budget by the quarter of the month it is expected."""
    assert isinstance(data, ProcurementPlan)
    if data.total <= 0 or all(i.expected_month is None for i in data.items):
        return None
    return _procurement_chart(year, "by-quarter", "วงเงินจัดซื้อจัดจ้างตามไตรมาสที่คาดว่าจะจัดหา",
                              data.by_quarter(year), data.total)


_MAKERS: dict[Topic, tuple[Callable[[int, TopicData], Chart | None], ...]] = {
    Topic.BUDGET_PLAN: (schedule_chart,),
    Topic.BUDGET_MONITORING: (monitoring_chart,),
    Topic.BUDGET_REPORT: (projects_chart,),
    Topic.PROCUREMENT_PLAN: (method_chart, quarter_chart),
}
