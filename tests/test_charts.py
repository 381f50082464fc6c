"""Tests for generator.charts.topics: which charts each topic has, their alt texts and figures."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.charts.topics import Chart, site_charts, topic_charts
from generator.model.load import load_dataset
from generator.model.dataset import Dataset, FiscalYearData
from generator.model.topics import TOPIC_MODELS, ProcurementPlan
from generator.topics import Topic

REPO = Path(__file__).resolve().parent.parent
NS = {"svg": "http://www.w3.org/2000/svg"}
D = Decimal


@pytest.fixture(scope="module")
def example() -> Dataset:
    return load_dataset(REPO / "data", REPO)


def _year(topic: Topic, data: dict[str, Any], year: int = 2569) -> FiscalYearData:
    model = TOPIC_MODELS[topic].model_validate(data, context={"fiscal_year": year})
    return FiscalYearData(year=year, topics={topic: model}, sources={})


def _texts(chart: Chart) -> list[str]:
    return [t.text or "" for t in ET.fromstring(chart.svg()).iterfind(".//svg:text", NS)]


def _bars(chart: Chart) -> list[Decimal]:
    return [D(r.get("width") or 0)
            for r in ET.fromstring(chart.svg()).iterfind(".//svg:rect[@class='bar']", NS)]


def test_the_example_has_a_chart_for_each_table_worth_a_look(example: Dataset) -> None:
    assert [c.asset_path for c in site_charts(example)] == [
        "2569/charts/01-budget-plan-schedule.svg",
        "2569/charts/02-budget-monitoring-cumulative.svg",
        "2569/charts/03-budget-report-projects.svg",
        "2569/charts/04-procurement-plan-by-method.svg",
        "2569/charts/04-procurement-plan-by-quarter.svg",
        "2570/charts/01-budget-plan-schedule.svg",
        "2570/charts/02-budget-monitoring-cumulative.svg",
        "2570/charts/04-procurement-plan-by-method.svg",
        "2570/charts/04-procurement-plan-by-quarter.svg",
    ]
    assert topic_charts(example.years[2570], Topic.BUDGET_REPORT) == {}   # no data file yet


def test_a_chart_is_linked_from_its_page_in_the_same_year_folder(example: Dataset) -> None:
    chart = topic_charts(example.years[2569], Topic.BUDGET_PLAN)["schedule"]
    assert chart.href == "charts/01-budget-plan-schedule.svg"


def test_schedule_chart_alt_text_and_labels_state_the_figures(example: Dataset) -> None:
    chart = topic_charts(example.years[2569], Topic.BUDGET_PLAN)["schedule"]
    assert chart.alt.startswith("แผนการใช้จ่ายงบประมาณรายไตรมาส ปีงบประมาณ พ.ศ. 2569: ")
    assert "ไตรมาส 1 7.75 ล้านบาท (สะสมร้อยละ 20.39), ไตรมาส 2 11.66 ล้านบาท" in chart.alt
    assert chart.alt.endswith("ไตรมาส 4 8.35 ล้านบาท (สะสมร้อยละ 100.00); รวมทั้งปี 38.02 ล้านบาท")
    texts = _texts(chart)
    assert {"7.75", "7.75 · 20.39%", "11.66", "19.41 · 51.06%", "38.02 · 100.00%"} <= set(texts)
    assert "หน่วย: ล้านบาท" in " ".join(texts)


def test_schedule_bars_are_proportional_to_the_plan(example: Dataset) -> None:
    chart = topic_charts(example.years[2569], Topic.BUDGET_PLAN)["schedule"]
    widths = _bars(chart)
    plan = [D("7753278.00"), D("7753278.00"), D("11661012.00"), D("19414290.00"),
            D("10257746.00"), D("29672036.00"), D("8352700.50"), D("38024736.50")]
    for width, figure in zip(widths, plan, strict=True):
        assert abs(width / widths[-1] - figure / plan[-1]) < D("0.0005")


def test_monthly_schedule_lists_every_month_in_the_alt_text(example: Dataset) -> None:
    chart = topic_charts(example.years[2570], Topic.BUDGET_PLAN)["schedule"]
    assert chart.alt.startswith("แผนการใช้จ่ายงบประมาณรายเดือน ปีงบประมาณ พ.ศ. 2570: ต.ค. 69 2.51 ล้านบาท, ")
    assert "มี.ค. 70 4.61 ล้านบาท" in chart.alt and chart.alt.endswith("รวมทั้งปี 39.18 ล้านบาท")
    assert len(_bars(chart)) == 24


def test_monitoring_chart_states_the_latest_report(example: Dataset) -> None:
    chart = topic_charts(example.years[2569], Topic.BUDGET_MONITORING)["cumulative"]
    assert chart.alt == (
        "แผนและผลการเบิกจ่ายงบประมาณสะสม ปีงบประมาณ พ.ศ. 2569 จากรายงาน 12 ฉบับ: "
        "ณ 30 กันยายน 2569 แผนการเบิกจ่ายสะสม 38.02 ล้านบาท เบิกจ่ายจริงสะสม 37.42 ล้านบาท "
        "(ร้อยละ 98.40 ของแผน และร้อยละ 98.40 ของงบประมาณที่ได้รับ 38.02 ล้านบาท)")
    root = ET.fromstring(chart.svg())
    assert len(list(root.iterfind(".//svg:circle", NS))) == 12 + 1   # a point per report + legend
    assert {"38.02", "37.42"} <= set(_texts(chart))


def test_monitoring_points_sit_at_their_report_dates(example: Dataset) -> None:
    chart = topic_charts(example.years[2569], Topic.BUDGET_MONITORING)["cumulative"]
    xs = [D(c.get("cx") or 0) for c in ET.fromstring(chart.svg()).iterfind(".//svg:circle", NS)
          if c.find("svg:title", NS) is not None]
    left, right = xs[-1] - (xs[-1] - xs[0]) * 365 / (365 - 31), xs[-1]   # 31 Oct .. 30 Sep
    assert abs((xs[0] - left) / (right - left) - D(31) / 365) < D("0.0001")


def test_projects_chart_names_each_project_and_its_share_spent(example: Dataset) -> None:
    chart = topic_charts(example.years[2569], Topic.BUDGET_REPORT)["projects"]
    assert "10 โครงการ ได้รับรวม 38.02 ล้านบาท ใช้จ่ายจริงรวม 37.42 ล้านบาท (ร้อยละ 98.40)" in chart.alt
    assert "ใช้จ่ายต่ำสุด โครงการสำรวจและเฝ้าระวังพฤติกรรมสุขภาพประชาชน ร้อยละ 93.46" in chart.alt
    assert {"18.46", "18.39 · 99.62%", "0.16 · 99.07%"} <= set(_texts(chart))
    root = ET.fromstring(chart.svg())
    full_names = {t.findtext("svg:title", namespaces=NS) for t in root.iterfind(".//svg:text", NS)}
    assert "โครงการพัฒนาศักยภาพอาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) ด้านการส่งเสริมสุขภาพ" in full_names


def test_procurement_charts_by_method_and_by_quarter(example: Dataset) -> None:
    charts = topic_charts(example.years[2570], Topic.PROCUREMENT_PLAN)
    assert list(charts) == ["by-method", "by-quarter"]
    assert ("เฉพาะเจาะจง 4.98 ล้านบาท (28 รายการ), e-bidding 2.39 ล้านบาท (4 รายการ)"
            in charts["by-method"].alt)
    assert "ไตรมาส 1 (ต.ค.–ธ.ค. 69) 3.43 ล้านบาท (12 รายการ)" in charts["by-quarter"].alt
    assert "ยังไม่ระบุ 0.90 ล้านบาท (2 รายการ); รวม 8.97 ล้านบาท" in charts["by-quarter"].alt
    widths = _bars(charts["by-method"])
    assert abs(widths[1] / widths[0] - D("2388000") / D("4975800")) < D("0.0005")


def test_small_budgets_are_charted_in_baht() -> None:
    fy = _year(Topic.PROCUREMENT_PLAN, {"items": [
        {"name": "ซื้อวัสดุ", "budget": "45,000", "method": "เฉพาะเจาะจง", "expected_month": "ต.ค."},
        {"name": "จ้างซ่อม", "budget": "120,500.50", "method": "e-market", "expected_month": "ม.ค."}]})
    charts = topic_charts(fy, Topic.PROCUREMENT_PLAN)
    assert "เฉพาะเจาะจง 45,000.00 บาท (1 รายการ)" in charts["by-method"].alt
    assert "120,500.50 · 72.81%" in _texts(charts["by-method"])
    assert "หน่วย: บาท" in " ".join(_texts(charts["by-quarter"]))


@pytest.mark.parametrize("topic, data", [
    (Topic.BUDGET_PLAN, {"projects": [{"project": "ก", "budget": {"งบลงทุน": "500"}}]}),
    (Topic.BUDGET_PLAN, {"planned_spending": {"ไตรมาส 1": "0"}}),
    (Topic.BUDGET_MONITORING, {"reports": []}),
    (Topic.BUDGET_MONITORING, {"reports": [{"title": "ร", "as_of": "2025-10-31",
                                             "projects": [{"project": "ก", "allocated": "100"}]}]}),
    (Topic.BUDGET_REPORT, {"projects": [{"project": "ก"}]}),
    (Topic.PROCUREMENT_PLAN, {"no_procurement": "ไม่มีการจัดซื้อจัดจ้างในปีนี้"}),
    (Topic.OPINION_CHANNELS, {"channels": [{"kind": "phone", "name": "โทรศัพท์"}]}),
], ids=["no-schedule", "zero-schedule", "no-reports", "reports-without-figures",
        "projects-without-figures", "no-procurement", "channels-have-no-chart"])
def test_a_topic_without_figures_has_no_chart(topic: Topic, data: dict[str, Any]) -> None:
    assert topic_charts(_year(topic, data), topic) == {}


def test_items_without_method_or_month_get_no_chart_of_that_kind() -> None:
    fy = _year(Topic.PROCUREMENT_PLAN, {"items": [{"name": "ซื้อวัสดุ", "budget": "45,000"}]})
    assert topic_charts(fy, Topic.PROCUREMENT_PLAN) == {}


def test_by_quarter_puts_months_outside_the_year_apart() -> None:
    plan = ProcurementPlan.model_validate({"items": [
        {"name": "ก", "budget": "100", "expected_month": "ส.ค. 68"},
        {"name": "ข", "budget": "200", "expected_month": "พ.ย. 68"},
        {"name": "ค", "budget": "300"}]}, context={"fiscal_year": 2569})
    assert plan.by_quarter(2569) == [
        ("ไตรมาส 1 (ต.ค.–ธ.ค. 68)", 1, D("200.00")), ("ไตรมาส 2 (ม.ค.–มี.ค. 69)", 0, D("0.00")),
        ("ไตรมาส 3 (เม.ย.–มิ.ย. 69)", 0, D("0.00")), ("ไตรมาส 4 (ก.ค.–ก.ย. 69)", 0, D("0.00")),
        ("นอกปีงบประมาณ พ.ศ. 2569", 1, D("100.00")), ("ยังไม่ระบุ", 1, D("300.00"))]


def test_charts_are_deterministic(example: Dataset) -> None:
    again = load_dataset(REPO / "data", REPO)
    assert [c.svg() for c in site_charts(example)] == [c.svg() for c in site_charts(again)]
    assert [c.alt for c in site_charts(example)] == [c.alt for c in site_charts(again)]

