"""Every kind of data error, with its exact message; and the valid data loading cleanly."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.model.load import load_dataset
from generator.errors import UserError
from generator.model.topics import BudgetPlan, ProcurementPlan
from generator.topics import Topic

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))


def _header(path: Path, lang: str = "en") -> tuple[str, list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    target = next(l.split(":", 1)[1].strip() for l in lines if l.startswith("# target:"))
    mark = "# expect:" if lang == "en" else "# expect-th:"
    expected = [l.split(":", 1)[1].strip() for l in lines if l.startswith(mark)]
    return target, expected


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_each_data_error_is_reported_with_file_line_field_and_expectation(
        fixture: Path, tmp_path: Path, lang: str) -> None:
    """Each fixture says its problems in both languages (# expect: and # expect-th:)."""
    data = _minimal_data(tmp_path)
    target, expected = _header(fixture, lang)
    assert expected, f"{fixture.name} has no {lang} expectation"
    shutil.copy(fixture, data / target)
    with pytest.raises(UserError) as caught:
        load_dataset(data, tmp_path)
    assert [str(p) for p in caught.value.problems] == expected


def _minimal_data(tmp_path: Path) -> Path:
    """The minimal data folder, with the fixture documents in data/documents/."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copytree(FIXTURES / "documents", data / "documents")
    return data


def test_all_problems_of_a_run_are_reported_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    for name in ("date_not_real", "procurement_item_without_name", "duplicate_key"):
        target, _ = _header(FIXTURES / "invalid" / f"{name}.yml")
        if name == "duplicate_key":
            target = "2569/06-participation.yml"
        shutil.copy(FIXTURES / "invalid" / f"{name}.yml", data / target)
    with pytest.raises(UserError) as caught:
        load_dataset(data, tmp_path)
    assert len(caught.value.problems) == 3
    assert caught.value.render().startswith("3 problem(s) in the data files:")


def test_missing_data_folder_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="the data folder does not exist"):
        load_dataset(tmp_path / "nowhere", tmp_path)


def test_minimal_data_loads_into_typed_objects(tmp_path: Path) -> None:
    dataset = load_dataset(FIXTURES / "minimal", FIXTURES.parent.parent)
    plan = dataset.years[2569].get(Topic.BUDGET_PLAN)
    assert isinstance(plan, BudgetPlan)
    assert plan.total == Decimal("1500.00")
    assert plan.projects_total == Decimal("1500.00")
    assert [p.label for p, _ in plan.schedule] == ["ไตรมาส 1", "ไตรมาส 2"]
    assert dataset.years[2569].get(Topic.PROCUREMENT_PLAN) is None


def test_thai_aliases_and_thai_digits_are_accepted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "2569" / "04-procurement-plan.yml").write_text(
        "announced: ๑๕ ต.ค. ๒๕๖๘\n"
        "items:\n"
        "  - name: จ้างพิมพ์เอกสาร\n"
        "    budget: ๑๒,๕๐๐.๕๐ บาท\n"
        "    method: วิธีประกวดราคาอิเล็กทรอนิกส์\n"
        "    expected_month: ธ.ค.\n", encoding="utf-8")
    plan = load_dataset(data, tmp_path).years[2569].get(Topic.PROCUREMENT_PLAN)
    assert isinstance(plan, ProcurementPlan)
    item = plan.items[0]
    assert item.budget == Decimal("12500.50")
    assert item.method is not None and item.method.value == "e-bidding"
    assert (item.expected_month.year, item.expected_month.month) == (2025, 12)
    assert plan.announced is not None and plan.announced.isoformat() == "2025-10-15"


def test_a_copy_with_changed_fields_does_not_keep_the_old_cached_sums() -> None:
    plan = load_dataset(Path(__file__).resolve().parent.parent / "data").years[2569] \
        .topics[Topic.BUDGET_PLAN]
    assert isinstance(plan, BudgetPlan)
    assert plan.projects_total > 0 and plan.categories   # computed, so cached
    emptied = plan.model_copy(update={"projects": []})
    assert emptied.projects_total == Decimal("0.00")
    assert emptied.categories == []
    assert plan.model_copy().projects_total == plan.projects_total


@pytest.mark.parametrize("name", ["2026", "2800", "0001"])
def test_a_year_folder_not_named_by_a_buddhist_era_year_is_one_problem(
        name: str, tmp_path: Path, lang: str) -> None:
    data = _minimal_data(tmp_path)
    shutil.copytree(data / "2569", data / name)
    with pytest.raises(UserError) as caught:
        load_dataset(data, tmp_path)
    assert [str(p) for p in caught.value.problems] == [{
        "th": f"data/{name}: ชื่อโฟลเดอร์ {name} ไม่ใช่ปี พ.ศ. "
              "(ควรเป็น โฟลเดอร์ปีงบประมาณชื่อตามปี พ.ศ. 2400–2700 เช่น 2567 (ปี ค.ศ. + 543))",
        "en": f"data/{name}: folder name {name} is not a Buddhist Era year (expected a "
              "fiscal-year folder named by its Buddhist Era year 2400–2700, e.g. 2567 (the "
              "CE year + 543))"}[lang]]
