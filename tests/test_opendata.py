"""Open data of the example: CSV and JSON per topic and year, equal to the model and the pages."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator import thai
from generator.model.load import load_dataset
from generator.model.licences import Licence
from generator.model.dataset import Dataset, Unit
from generator.model.topics import (BudgetMonitoring, BudgetPlan, OpinionChannels, Participation,
                                    ProcurementPlan)
from generator.opendata.catalogue import OpenData, OpenDataset
from generator.opendata import catalogue
from generator.topics import Topic
from pagetables import is_data_row, markdown_table, mismatches, page_tables
from test_render import _render_example

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(REPO / "data", REPO)


@pytest.fixture(scope="module")
def open_data(dataset: Dataset) -> OpenData:
    return catalogue.open_data(dataset)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return _render_example()


def _csv(file_content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(file_content.decode("utf-8-sig"), newline="")))


def _json(d: OpenDataset) -> Any:
    return json.loads(d.json_file.content)


def test_every_topic_with_data_has_csv_and_json_at_stable_paths(
        dataset: Dataset, open_data: OpenData) -> None:
    expected = {(year, topic) for year, fy in dataset.years.items() for topic in Topic
                if fy.get(topic) is not None}
    assert {(d.year, d.topic) for d in open_data.datasets} == expected
    assert open_data.get(2570, Topic.BUDGET_REPORT) is None
    paths = [f.path for f in open_data.files]
    assert "2569/data/04-procurement-plan.csv" in paths
    assert "2569/data/04-procurement-plan.json" in paths
    assert "2570/data/01-budget-plan-spending-schedule.csv" in paths
    assert "catalogue.json" in paths
    assert len(paths) == len(set(paths))


def test_every_csv_has_the_bom_parses_and_has_the_declared_header(open_data: OpenData) -> None:
    for d in open_data.datasets:
        for f in d.csv_files:
            assert f.content.startswith(b"\xef\xbb\xbf"), f.path
            assert b"\r\n" in f.content, f.path
            assert f.table is not None
            header = next(csv.reader(io.StringIO(f.content.decode("utf-8-sig"))))
            assert header == [c.label_th for c in f.table.columns], f.path
            assert len(_csv(f.content)) == f.rows, f.path


def test_procurement_csv_rows_and_figures_equal_the_model(
        dataset: Dataset, open_data: OpenData) -> None:
    plan = dataset.years[2569].get(Topic.PROCUREMENT_PLAN)
    assert isinstance(plan, ProcurementPlan)
    d = open_data.get(2569, Topic.PROCUREMENT_PLAN)
    assert d is not None
    rows = _csv(d.csv_files[0].content)
    assert len(rows) == len(plan.items) == 43
    assert list(rows[0]) == ["ลำดับ", "รายการ", "วงเงิน (บาท)", "แหล่งเงิน", "วิธีการจัดหา",
                             "ช่วงเวลาที่คาดว่าจะจัดหา", "ผู้รับผิดชอบ", "หมายเหตุ"]
    for row, item in zip(rows, plan.items):
        assert row["รายการ"] == item.name
        assert Decimal(row["วงเงิน (บาท)"]) == item.budget
        assert row["วิธีการจัดหา"] == (item.method.value if item.method else "")
    assert sum(Decimal(r["วงเงิน (บาท)"]) for r in rows) == plan.total
    assert rows[0]["ช่วงเวลาที่คาดว่าจะจัดหา"] == "2025-10"


def test_budget_plan_csvs_equal_the_model(dataset: Dataset, open_data: OpenData) -> None:
    plan = dataset.years[2569].get(Topic.BUDGET_PLAN)
    assert isinstance(plan, BudgetPlan)
    d = open_data.get(2569, Topic.BUDGET_PLAN)
    assert d is not None
    projects, schedule = (_csv(f.content) for f in d.csv_files)
    assert len(projects) == len(plan.projects)
    for category in plan.categories:
        column = f"{category.value} (บาท)"
        assert sum(Decimal(r[column] or "0") for r in projects) == plan.category_total(category)
    assert sum(Decimal(r["รวม (บาท)"]) for r in projects) == plan.projects_total
    assert [r["รหัสช่วงเวลา"] for r in schedule] == ["Q1", "Q2", "Q3", "Q4"]
    assert schedule[-1]["สะสม (บาท)"] == "38024736.50"
    assert schedule[-1]["ร้อยละสะสม"] == "100.00"


def test_row_counts_of_the_other_topics_equal_the_model(
        dataset: Dataset, open_data: OpenData) -> None:
    fy = dataset.years[2569]
    monitoring, channels, participation = (fy.get(Topic.BUDGET_MONITORING),
                                           fy.get(Topic.OPINION_CHANNELS),
                                           fy.get(Topic.PARTICIPATION))
    assert isinstance(monitoring, BudgetMonitoring)
    assert isinstance(channels, OpinionChannels)
    assert isinstance(participation, Participation)
    counts = {t: open_data.get(2569, t).csv_files[0].rows  # type: ignore[union-attr]
              for t in (Topic.BUDGET_MONITORING, Topic.OPINION_CHANNELS, Topic.PARTICIPATION)}
    assert counts[Topic.BUDGET_MONITORING] == sum(len(r.projects) for r in monitoring.reports)
    assert counts[Topic.OPINION_CHANNELS] == len(channels.channels)
    assert counts[Topic.PARTICIPATION] == len(participation.activities)


def test_json_carries_the_metadata(open_data: OpenData) -> None:
    d = open_data.get(2569, Topic.PROCUREMENT_PLAN)
    assert d is not None
    meta = _json(d)["metadata"]
    assert meta["publisher"]["name_th"] == "กองส่งเสริมสุขภาพชุมชน"
    assert (meta["fiscal_year"], meta["topic"], meta["topic_title_th"]) == (
        2569, "04", "แผนการจัดซื้อจัดจ้าง")
    assert meta["last_updated"] == "2025-10-28"
    assert meta["responsible"] == "กลุ่มอำนวยการ (งานพัสดุ) กองส่งเสริมสุขภาพชุมชน"
    assert meta["source_file"] == "data/2569/04-procurement-plan.yml"
    assert meta["licence"]["id"] == "CC-BY-4.0"
    assert meta["tables"][0]["csv"] == "04-procurement-plan.csv"
    assert meta["tables"][0]["rows"] == 43
    assert _json(d)["schema"] == "oit-open-data/1"


def test_json_tables_equal_the_csv_rows(open_data: OpenData) -> None:
    keys = {"": {Topic.BUDGET_PLAN: "projects", Topic.BUDGET_REPORT: "projects",
                 Topic.PROCUREMENT_PLAN: "items", Topic.OPINION_CHANNELS: "channels",
                 Topic.PARTICIPATION: "activities"},
            "spending-schedule": {Topic.BUDGET_PLAN: "planned_spending"}}
    for d in open_data.datasets:
        data = _json(d)["data"]
        for f in d.csv_files:
            assert f.table is not None
            if d.topic is Topic.BUDGET_MONITORING:
                json_rows = [{"as_of": r["as_of"], "round": r["round"], "report": r["title"], **p}
                             for r in data["reports"] for p in r["projects"]]
            else:
                json_rows = data[keys[f.table.name][d.topic]]
            csv_rows = _csv(f.content)
            assert len(json_rows) == len(csv_rows), f.path
            for json_row, csv_row in zip(json_rows, csv_rows):
                for column in f.table.columns:
                    assert _as_csv(json_row[column.name]) == csv_row[column.label_th], f.path


def _as_csv(value: Any) -> str:
    if value is None:
        return ""
    return "\n".join(value) if isinstance(value, list) else str(value)


FIGURE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]{2}")
FIGURE_CELL = re.compile(r"[0-9,.\s()*–]*")
THAI_DATE = re.compile(r"[0-9]{1,2} (?:" + "|".join(thai.MONTHS_FULL[1:]) + r") [0-9]{4}")
COUNT_CELL = re.compile(r"([0-9]+) (?:รายการ|ฉบับ|ช่องทาง|กิจกรรม|คน)")


def _page_cells(page: str) -> Iterator[str]:
    for line in page.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            yield from (cell.strip().strip("*") for cell in line.strip(" |").split(" | "))


def _json_values(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_values(item)
    else:
        yield value


def _topic_body(page: str) -> str:
    """The page without its download section (file sizes are not data)."""
    return re.sub(r"## ดาวน์โหลดข้อมูล \{#downloads\}.*?(?=\n## )", "", page, flags=re.S)


def test_every_figure_date_and_count_on_a_topic_page_is_in_its_json(
        open_data: OpenData, pages: dict[str, str]) -> None:
    for d in open_data.datasets:
        page = _topic_body(pages[d.page])
        values = set(_json_values(_json(d)))
        checked = 0
        for cell in _page_cells(page):
            words = cell.replace("บาท", "").replace("ร้อยละ", "")
            if FIGURE_CELL.fullmatch(words):
                for figure in FIGURE.findall(words):
                    assert figure.replace(",", "") in values, f"{d.page}: {figure}"
                    checked += 1
            if THAI_DATE.fullmatch(cell.split("](")[0].lstrip("[")):
                iso = thai.parse_date(cell.split("](")[0].lstrip("[")).isoformat()
                assert iso in values, f"{d.page}: {cell}"
            if count := COUNT_CELL.fullmatch(cell):
                assert int(count.group(1)) in values, f"{d.page}: {cell}"
        for evidence_date in re.findall(r"ลงวันที่ (" + THAI_DATE.pattern + ")", page):
            assert thai.parse_date(evidence_date).isoformat() in values, d.page
        if d.topic in (Topic.BUDGET_PLAN, Topic.PROCUREMENT_PLAN, Topic.BUDGET_REPORT):
            assert checked > 10, d.page


def test_every_row_of_the_json_main_table_is_on_the_page(
        open_data: OpenData, pages: dict[str, str]) -> None:
    for d in open_data.datasets:
        for f in d.csv_files:
            assert f.table is not None
            types = {c.label_th: c.type.value for c in f.table.columns}
            for anchor, rows in page_tables(f.name, _csv(f.content)):
                headers, page_rows = markdown_table(pages[d.page], anchor)
                data_rows = [r for r in page_rows if is_data_row(r)]
                assert mismatches(headers, data_rows, rows, types) == [], f"{d.page}#{anchor}"


def test_the_catalogue_json_lists_every_dataset_and_file(open_data: OpenData) -> None:
    catalogue = json.loads(open_data.catalogue.content)
    assert catalogue["@type"] == "dcat:Catalog"
    entries = {e["dct:identifier"]: e for e in catalogue["dcat:dataset"]}
    assert sorted(entries) == sorted(d.id for d in open_data.datasets)
    for d in open_data.datasets:
        entry = entries[d.id]
        assert entry["dct:title"] == d.title_th
        assert entry["dct:license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert entry["dcat:landingPage"] == f"{d.year}/{d.topic.slug}/"
        assert [(x["dcat:downloadURL"], x["dcat:byteSize"]) for x in entry["dcat:distribution"]] \
            == [(f.path, f.size) for f in d.files]
    assert entries["2569-04-procurement-plan"]["dct:modified"] == "2025-10-28"


def test_publishing_is_deterministic_and_carries_no_build_time(dataset: Dataset) -> None:
    first, second = catalogue.open_data(dataset), catalogue.open_data(dataset)
    assert [(f.path, f.content) for f in first.files] == [(f.path, f.content) for f in second.files]
    for f in first.files:
        assert b"2026-11-23" not in f.content, f.path   # the example's build date


@pytest.mark.parametrize(("written", "licence"), [
    ("CC BY 4.0", Licence.CC_BY_4_0), ("cc0", Licence.CC0_1_0),
    ("ODC-By-1.0", Licence.ODC_BY_1_0)])
def test_the_unit_may_choose_its_licence(written: str, licence: Licence) -> None:
    unit = Unit.model_validate({"name_th": "สำนักทดสอบ", "current_fiscal_year": "2569",
                                "open_data_licence": written})
    assert unit.open_data_licence is licence


def test_the_default_licence_is_cc_by_4(dataset: Dataset) -> None:
    assert dataset.unit.open_data_licence is Licence.CC_BY_4_0
