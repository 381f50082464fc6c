"""Spreadsheets as data: a topic kept as .xlsx, .xls or .ods is read into the same model as
its YAML, every problem named at its cell; `oit convert` and `oit template` write them. The
workbooks read here include ones LibreOffice wrote (headless Calc), not only our own."""
from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.commands.convert import workbook_bytes
from generator.errors import UserError
from generator.model.layout import GENERAL_SHEET
from generator.model.load import load_dataset
from generator.topics import Topic

from conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"
SOFFICE = shutil.which("soffice")
PLAN = "data/2570/04-procurement-plan"
BUILD = ["build", "--build-date", "2026-11-23"]


def libreoffice(source: Path, to: str, out: Path, profile: Path) -> Path:
    """``source`` converted by LibreOffice Calc, headless (its own profile folder)."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (Debian libreoffice-calc) is needed: ./setup.sh installs it")
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", to, "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=180)
    target = out / f"{source.stem}.{to}"
    assert done.returncode == 0 and target.is_file(), done.stdout + done.stderr
    return target


def _dataset(project: Path):  # type: ignore[no-untyped-def]
    return load_dataset(project / "data", project)


def _problems(project: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        _dataset(project)
    return [str(p) for p in caught.value.problems]


def _as_workbook(project: Path, topic: Topic = Topic.PROCUREMENT_PLAN, year: int = 2570) -> Path:
    """The topic's YAML replaced by our own workbook of the same data."""
    data = _dataset(project).years[year].topics[topic]
    target = project / "data" / str(year) / f"{topic.slug}.xlsx"
    target.write_bytes(workbook_bytes(topic, data))
    (project / "data" / str(year) / f"{topic.slug}.yml").unlink()
    return target


# --- the example as workbooks ------------------------------------------------------------

def _site_text(site: Path) -> dict[str, str]:
    """Every file of a built site; the source file's name and the page mark made equal."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".svg", ".md", ".xml"):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"(\d{2}-[a-z-]+)\.xlsx", r"\1.yml", text)
            text = re.sub(r"oit-sha256=[0-9a-f]+", "oit-sha256=…", text)   # of the page's text
            # where a finding is: a YAML line, a workbook cell
            text = re.sub(r"(\d{2}-[a-z-]+\.yml)(:\d+| [^<\"]*?)(</code>|\")", r"\1\3", text)
            text = re.sub(r'"dcat:byteSize":\d+', "", text)   # the open data name their source
            files[path.relative_to(site).as_posix()] = text
        elif path.is_file():
            files[path.relative_to(site).as_posix()] = path.read_bytes().hex()[:64]
    return files


@pytest.mark.slow
def test_the_example_as_workbooks_builds_the_same_site_and_converts_back(
        example_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_copy = tmp_path / "yaml"
    shutil.copytree(example_project, yaml_copy)
    assert main(["--project", str(yaml_copy), *BUILD]) == 0
    before = _dataset(example_project)
    topic_files = sorted((example_project / "data").glob("25*/0*.yml"))
    for path in topic_files:
        assert main(["convert", str(path), "--to", "xlsx", "--project", str(example_project)]) == 0
        path.unlink()
    capsys.readouterr()
    assert main(["--project", str(example_project), *BUILD]) == 0, capsys.readouterr().err
    assert _site_text(example_project / "site") == _site_text(yaml_copy / "site")
    for path in topic_files:   # and back: the same model
        assert main(["convert", str(path.with_suffix(".xlsx")), "--to", "yml",
                     "--project", str(example_project)]) == 0
        path.with_suffix(".xlsx").unlink()
    after = _dataset(example_project)
    for year, fiscal_year in before.years.items():
        for topic, data in fiscal_year.topics.items():
            again = after.years[year].topics[topic]
            assert again.model_dump_json(exclude={"evidence"}) == data.model_dump_json(
                exclude={"evidence"}), (year, topic)
            assert [e.title for e in again.evidence] == [e.title for e in data.evidence]


# --- workbooks LibreOffice wrote -----------------------------------------------------------

@pytest.fixture(scope="session")
def typed_by_hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A procurement plan as a webmaster types it in Calc (a merged title row, an empty row,
    a ลำดับ column, long method names, amounts as numbers, a formula, dates as date cells, a
    hidden sheet), saved by LibreOffice as .xlsx and .ods."""
    out = tmp_path_factory.mktemp("libreoffice")
    source = FIXTURES / "procurement-plan-typed.fods"
    converted = {to: libreoffice(source, to, out, out / "profile") for to in ("xlsx", "ods")}
    for to in ("xlsx", "ods"):   # a monitoring report with a percent cell
        converted[f"percent.{to}"] = libreoffice(FIXTURES / "monitoring-percent.fods", to, out,
                                                 out / "profile")
    return converted


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_plan_typed_in_libreoffice_is_read_as_typed(
        suffix: str, typed_by_hand: dict[str, Path], example_project: Path) -> None:
    year = example_project / "data" / "2570"
    (year / "04-procurement-plan.yml").unlink()
    shutil.copy(typed_by_hand[suffix], year / f"04-procurement-plan.{suffix}")
    dataset = _dataset(example_project)
    plan = dataset.years[2570].topics[Topic.PROCUREMENT_PLAN]
    assert plan.responsible == "งานพัสดุ" and plan.announced == datetime.date(2026, 10, 20)
    assert [(i.name, i.budget, i.method.value if i.method else None, str(i.expected_month))
            for i in plan.items] == [
        ("จ้างเหมาบริการทำความสะอาด", Decimal("612000.00"), "e-bidding", "ต.ค. 69"),
        ("ซื้อวัสดุสำนักงาน", Decimal("61200.50"), "เฉพาะเจาะจง", "ไตรมาส 2")]   # a formula's value
    assert [q for q, count, _ in plan.by_quarter(2570) if count] == [
        "ไตรมาส 1 (ต.ค.–ธ.ค. 69)", "ไตรมาส 2 (ม.ค.–มี.ค. 70)"]
    notes = dataset.years[2570].sources[Topic.PROCUREMENT_PLAN].notes
    assert len(notes) == 1 and "'ร่าง'" in notes[0]   # the hidden sheet, said and skipped
    if suffix == "xlsx":   # and it builds as it is, the page showing what was typed
        assert main(["--project", str(example_project), *BUILD]) == 0
        page = (example_project / "site" / "2570" / "04-procurement-plan" / "index.html")
        text = page.read_text(encoding="utf-8")
        assert "จ้างเหมาบริการทำความสะอาด" in text and "ไตรมาส 2" in text


@pytest.mark.slow
def test_a_template_opens_in_libreoffice_with_its_drop_downs(
        example_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "--topic", "04", "--topic", "05", "--project", str(example_project)]) == 0
    out = capsys.readouterr().out
    template = example_project / "templates" / "2570" / "04-procurement-plan.xlsx"
    assert "templates/2570/04-procurement-plan.xlsx" in out and template.is_file()
    ods = libreoffice(template, "ods", tmp_path, tmp_path / "profile")
    import zipfile
    content = zipfile.ZipFile(ods).read("content.xml").decode()
    # The method column's drop-down: its choices on the hidden sheet ตัวเลือก
    assert 'table:condition="of:cell-content-is-in-list([$ตัวเลือก.$A$1:.$A$4])"' in content, \
        re.findall(r"table:condition=\"[^\"]*\"", content)
    assert "table:content-validation-name" in content   # attached to the cells
    book = openpyxl.load_workbook(template)
    assert [book["ตัวเลือก"].cell(r, 1).value for r in range(1, 5)] == [
        "เฉพาะเจาะจง", "e-bidding", "คัดเลือก", "e-market"]
    assert book["รายการ"]["E1"].comment.text.startswith("เฉพาะเจาะจง / คัดเลือก")
    xls = libreoffice(template, "xls", tmp_path, tmp_path / "profile")
    year = example_project / "data" / "2570"
    (year / "04-procurement-plan.yml").unlink()
    shutil.copy(xls, year / "04-procurement-plan.xls")   # an .xls LibreOffice wrote
    dataset = _dataset(example_project)
    plan = dataset.years[2570].topics[Topic.PROCUREMENT_PLAN]
    assert len(plan.items) > 30 and plan.total > 0
    assert dataset.years[2570].sources[Topic.PROCUREMENT_PLAN].notes == ()   # ตัวเลือก is ours


# --- each kind of mistake, at its cell -------------------------------------------------------

def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


CELL_MISTAKES = {
    "amount-text": ("รายการ", "C3", "หนึ่งพันบาท",
                    "data/2570/04-procurement-plan.xlsx: รายการ!C3 (วงเงิน): 'หนึ่งพันบาท' is not "
                    "an amount (expected an amount in baht such as 1,234,567.50)"),
    "satang": ("รายการ", "C2", 636000.123,
               "data/2570/04-procurement-plan.xlsx: รายการ!C2 (วงเงิน): '636000.123' has more "
               "than 2 decimal places"),
    "date-text": (GENERAL_SHEET, "B5", "เมื่อวาน",
                  "data/2570/04-procurement-plan.xlsx: ข้อมูลทั่วไป!B5 (วันที่ปรับปรุงข้อมูล): "
                  "'เมื่อวาน' is not a date"),
    "method": ("รายการ", "E2", "จ้างเอง",
               "data/2570/04-procurement-plan.xlsx: รายการ!E2 (วิธีจัดหา): 'จ้างเอง' is not one "
               "of the allowed values"),
    "unknown-heading": ("รายการ", "D1", "แหล่งเงิ",
                        "data/2570/04-procurement-plan.xlsx: รายการ!D1: unknown column heading "
                        "'แหล่งเงิ'; did you mean 'แหล่งเงิน'?"),
    "number-column": ("รายการ", "A3", 7,
                      "data/2570/04-procurement-plan.xlsx: รายการ!A3: number '7' is not row 2 of "
                      "the table (expected 2 (or leave the ลำดับ column empty))"),
    "uncalculated-formula": ("รายการ", "C4", "=C2*2",
                             "data/2570/04-procurement-plan.xlsx: รายการ!C4 (วงเงิน): the formula "
                             "in this cell was never calculated"),
    "evidence-owner": ("หลักฐาน", "B2", "รายงานที่ 9",
                       "data/2570/04-procurement-plan.xlsx: หลักฐาน!B2 (เป็นหลักฐานของ): "
                       "'รายงานที่ 9' is not "
                       "something evidence can belong to"),
    "unknown-label": (GENERAL_SHEET, "A3", "ผู้รับผิดชอบหลัก",
                      "data/2570/04-procurement-plan.xlsx: ข้อมูลทั่วไป!A3: unknown label "
                      "'ผู้รับผิดชอบหลัก'"),
}


@pytest.mark.parametrize("case", sorted(CELL_MISTAKES))
def test_a_mistake_in_a_cell_is_named_by_its_cell(case: str, example_project: Path) -> None:
    sheet, cell, value, said = CELL_MISTAKES[case]
    path = _as_workbook(example_project)
    _edit(path, sheet, cell, value)
    problems = _problems(example_project)
    assert len(problems) == 1 and problems[0].startswith(said), problems


def test_every_mistake_of_a_workbook_at_once_in_thai(example_project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = _as_workbook(example_project)
    book = openpyxl.load_workbook(path)
    book["รายการ"]["C3"] = "หนึ่งพันบาท"
    book["รายการ"]["E5"] = "จ้างเอง"
    book.create_sheet("รายการเพิ่ม")
    book.save(path)
    assert main(["validate", "--project", str(example_project), "--lang", "th"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "พบปัญหา 3 รายการในแฟ้มข้อมูล:"
    assert ("data/2570/04-procurement-plan.xlsx: รายการ!C3 (วงเงิน): 'หนึ่งพันบาท' ไม่ใช่จำนวนเงิน "
            "(ควรเป็น จำนวนเงินเป็นบาท เช่น 1,234,567.50)") in err
    assert any(line.startswith("data/2570/04-procurement-plan.xlsx: รายการ!E5 (วิธีจัดหา): "
                               "'จ้างเอง' ไม่ใช่ค่าที่ใช้ได้") for line in err), err
    assert any("แผ่นงาน 'รายการเพิ่ม': ไม่รู้จักแผ่นงานนี้; หรือหมายถึง 'รายการ'?" in line
               for line in err), err


def test_a_topic_in_both_forms_is_refused_naming_both(example_project: Path) -> None:
    year = example_project / "data" / "2570"
    data = _dataset(example_project).years[2570].topics[Topic.PROCUREMENT_PLAN]
    (year / "04-procurement-plan.xlsx").write_bytes(workbook_bytes(Topic.PROCUREMENT_PLAN, data))
    (problem,) = _problems(example_project)
    assert "topic 04 has two files: 04-procurement-plan.xlsx and 04-procurement-plan.yml" in problem


def test_a_percent_cell_and_an_excel_serial_date_read_as_meant(example_project: Path) -> None:
    path = _as_workbook(example_project, Topic.BUDGET_MONITORING)
    book = openpyxl.load_workbook(path)
    sheet = book["รายงานที่ 1"]
    sheet["F2"] = 0.955
    sheet["F2"].number_format = "0.00%"
    book[GENERAL_SHEET]["B5"] = 46000   # a date typed where Excel showed a number: 2025-12-09
    book.save(path)
    monitoring = _dataset(example_project).years[2570].topics[Topic.BUDGET_MONITORING]
    assert monitoring.reports[0].projects[0].percent_of_plan == Decimal("95.5")
    assert monitoring.last_updated == datetime.date(2025, 12, 9)


def test_long_method_names_are_accepted_in_yaml_too(example_project: Path) -> None:
    path = example_project / f"{PLAN}.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("method: e-bidding", "method: ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", 1)
    text = text.replace("method: e-market", "method: วิธีตลาดอิเล็กทรอนิกส์ (e-market)", 1)
    path.write_text(text, encoding="utf-8")
    before = _dataset(example_project).years[2570].topics[Topic.PROCUREMENT_PLAN]
    assert {i.method.value for i in before.items if i.method} >= {"e-bidding", "e-market"}


def test_hostile_cells_stay_text(example_project: Path) -> None:
    hostile = '<script>alert(1)</script> **x** {: onclick=y } | a'
    path = _as_workbook(example_project)
    _edit(path, "รายการ", "B2", hostile)
    plan = _dataset(example_project).years[2570].topics[Topic.PROCUREMENT_PLAN]
    assert plan.items[0].name == hostile   # as typed; the page escapes it as it does YAML's


def test_convert_never_writes_over_a_file(example_project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    mine = example_project / f"{PLAN}.xlsx"
    mine.write_bytes(b"mine")
    code = main(["convert", str(example_project / f"{PLAN}.yml"), "--to", "xlsx",
                 "--project", str(example_project)])
    assert code == 0 and mine.read_bytes() == b"mine"
    assert "already there, left as it is: data/2570/04-procurement-plan.xlsx" in capsys.readouterr().out


def test_template_never_writes_over_a_file(example_project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    mine = example_project / "templates" / "2570" / "04-procurement-plan.xlsx"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"mine")
    assert main(["template", "--topic", "04", "--topic", "05",
                 "--project", str(example_project)]) == 0
    out = capsys.readouterr().out
    assert mine.read_bytes() == b"mine"
    assert "already there, left as it is: templates/2570/04-procurement-plan.xlsx" in out
    assert "written: templates/2570/05-opinion-channels.xlsx" in out


def test_the_repository_example_has_every_layout_sheet_named_in_data_readme() -> None:
    from generator.model.layout import LAYOUTS

    guide = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    for layout in LAYOUTS.values():
        for table in layout.tables:
            assert f"`{table.sheet}`" in guide, table.sheet
            for column in table.columns:
                assert column.heading in guide, column.heading


def test_a_quarter_or_a_range_of_months_is_a_planned_period(example_project: Path) -> None:
    path = example_project / f"{PLAN}.yml"
    text = path.read_text(encoding="utf-8")
    months = re.findall(r"expected_month: (.+)", text)
    text = text.replace(f"expected_month: {months[0]}", "expected_month: ไตรมาส 2", 1)
    text = text.replace(f"expected_month: {months[1]}", 'expected_month: "ต.ค. - ธ.ค. 69"', 1)
    path.write_text(text, encoding="utf-8")
    plan = _dataset(example_project).years[2570].topics[Topic.PROCUREMENT_PLAN]
    first, second = plan.items[0].expected_month, plan.items[1].expected_month
    assert (str(first), first.year, first.month, first.fiscal_quarter) == ("ไตรมาส 2", 2027, 1, 2)
    assert (str(second), second.year, second.month, second.fiscal_quarter) == (
        "ต.ค. - ธ.ค. 69", 2026, 10, 1)
    path.write_text(text.replace('"ต.ค. - ธ.ค. 69"', '"ธ.ค. 69 - ต.ค. 69"'), encoding="utf-8")
    (problem,) = _problems(example_project)
    assert "'ธ.ค. 69 - ต.ค. 69' is not a range of months within one year" in problem


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_percent_cell_libreoffice_wrote_is_a_percentage(
        suffix: str, typed_by_hand: dict[str, Path], example_project: Path) -> None:
    year = example_project / "data" / "2570"
    (year / "02-budget-monitoring.yml").unlink()
    shutil.copy(typed_by_hand[f"percent.{suffix}"], year / f"02-budget-monitoring.{suffix}")
    monitoring = _dataset(example_project).years[2570].topics[Topic.BUDGET_MONITORING]
    (report,) = monitoring.reports
    assert report.as_of == datetime.date(2026, 10, 31)
    assert report.projects[0].percent_of_plan == Decimal("95.5")
    assert report.projects[0].disbursed == Decimal("1000.00")


@pytest.mark.parametrize("content", [b"", b"\x00\xff" * 500, b"PK\x03\x04 not really a zip",
                                     "ชื่อ,วงเงิน\nซื้อ,100\n".encode()])
@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_a_file_that_is_not_a_workbook_is_a_message(
        content: bytes, suffix: str, example_project: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    year = example_project / "data" / "2570"
    (year / "04-procurement-plan.yml").unlink()
    (year / f"04-procurement-plan.{suffix}").write_bytes(content)
    assert main(["validate", "--project", str(example_project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"data/2570/04-procurement-plan.{suffix}: this spreadsheet cannot be read (" in err, err
