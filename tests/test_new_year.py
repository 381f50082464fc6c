"""`oit new-year`: the next fiscal year opened from the last one; leftovers of a hand copy are
flagged by the check."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.check import check_year
from generator.commands.init import FIRST_YEAR_TOPICS
from generator.commands.new_year import new_year
from generator.errors import UsageError
from generator.model.load import load_dataset
from generator.model.topics import OpinionChannels
from generator.project import Project
from generator.topics import Topic

AS_OF = datetime.date(2027, 11, 23)


def _new_year(project: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["new-year", "--project", str(project), *argv])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_next_year_carries_what_stays_and_starts_the_rest_empty(
        example_project: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    unit_before = (example_project / "data" / "unit.yml").read_text(encoding="utf-8")
    code, out = _new_year(example_project, capsys, "--lang", lang)
    assert code == 0, out
    changed = {"th": "  แก้ current_fiscal_year ใน data/unit.yml จาก 2570 เป็น 2571",
               "en": "  current_fiscal_year in data/unit.yml changed from 2570 to 2571"}
    assert changed[lang] in out.splitlines(), out
    unit_after = (example_project / "data" / "unit.yml").read_text(encoding="utf-8")
    assert unit_after == unit_before.replace("current_fiscal_year: 2570", "current_fiscal_year: 2571")
    dataset = load_dataset(example_project / "data", example_project)
    assert dataset.current_year == 2571
    last, new = dataset.years[2570], dataset.years[2571]
    assert set(new.topics) == set(FIRST_YEAR_TOPICS)
    for topic, data in new.topics.items():
        assert data.fiscal_year == 2571
        old = last.get(topic)
        assert old is not None
        assert (data.responsible, data.contact_person) == (old.responsible, old.contact_person)
        assert data.evidence == [] and data.last_updated is None
    channels = new.get(Topic.OPINION_CHANNELS)
    old_channels = last.get(Topic.OPINION_CHANNELS)
    assert isinstance(channels, OpinionChannels) and isinstance(old_channels, OpinionChannels)
    assert channels.channels == old_channels.channels and channels.channels
    plan = new.get(Topic.PROCUREMENT_PLAN)
    assert plan is not None and not plan.items and plan.announced is None   # type: ignore[attr-defined]
    assert main(["--project", str(example_project), "validate"]) == 0


def test_a_file_of_the_new_year_that_exists_is_kept(
        example_project: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    mine = example_project / "data" / "2571" / "04-procurement-plan.yml"
    mine.parent.mkdir()
    mine.write_text("fiscal_year: 2571\nno_procurement: ยังไม่มี\n", encoding="utf-8")
    code, out = _new_year(example_project, capsys, "2571", "--lang", lang)
    assert code == 0, out
    kept = {"th": "  มีอยู่แล้ว ไม่ได้แก้ไข: data/2571/04-procurement-plan.yml",
            "en": "  already there, left as it is: data/2571/04-procurement-plan.yml"}
    assert kept[lang] in out.splitlines(), out
    assert mine.read_text(encoding="utf-8") == "fiscal_year: 2571\nno_procurement: ยังไม่มี\n"


def test_a_year_with_nothing_before_it_is_a_usage_error(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _new_year(example_project, capsys, "2560")
    assert code == 2 and "2560" in out
    assert not (example_project / "data" / "2560").exists()


def test_an_earlier_year_opened_again_leaves_the_current_year(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(example_project / "data" / "2570")
    (example_project / "data" / "unit.yml").write_text(
        (example_project / "data" / "unit.yml").read_text(encoding="utf-8").replace(
            "current_fiscal_year: 2570", "current_fiscal_year: 2569"), encoding="utf-8")
    code, out = _new_year(example_project, capsys, "2570")
    assert code == 0, out
    assert load_dataset(example_project / "data", example_project).current_year == 2570


def test_a_year_copied_by_hand_is_flagged_as_a_leftover(example_project: Path) -> None:
    """The issue's case: a 2571 plan copied from 2570, only its fiscal year changed."""
    source = example_project / "data" / "2570" / "04-procurement-plan.yml"
    target = example_project / "data" / "2571" / "04-procurement-plan.yml"
    target.parent.mkdir()
    target.write_text(source.read_text(encoding="utf-8").replace(
        "fiscal_year: 2570", "fiscal_year: 2571"), encoding="utf-8")
    dataset = load_dataset(example_project / "data", example_project)
    report = check_year(dataset, 2571, AS_OF)
    ids = {f.rule.id for f in report.result(Topic.PROCUREMENT_PLAN).findings}
    assert {"04-announced-in-year", "04-evidence-names-year", "04-evidence-in-year"} <= ids


HOSTILE = 'กลุ่ม "ก": <script>alert(1)</script> {: onclick=x } #1 &a *b'


def test_carried_values_are_written_so_that_they_read_back_exactly(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = example_project / "data" / "2570" / "04-procurement-plan.yml"
    lines = plan.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("responsible:"))
    lines[at] = "responsible: " + '"' + HOSTILE.replace('"', '\\"') + '"'
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_dataset(example_project / "data", example_project).years[2570].get(
        Topic.PROCUREMENT_PLAN).responsible == HOSTILE   # type: ignore[union-attr]
    code, out = _new_year(example_project, capsys)
    assert code == 0, out
    carried = load_dataset(example_project / "data", example_project).years[2571]
    assert carried.get(Topic.PROCUREMENT_PLAN).responsible == HOSTILE   # type: ignore[union-attr]


def test_a_second_run_by_mistake_does_not_open_a_year_that_has_not_begun(
        example_project: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    project, today = Project.at(example_project), datetime.date(2026, 12, 1)   # FY 2570
    assert new_year(project, today=today).year == 2571   # the next one, ahead: fine
    files = sorted(p.relative_to(example_project) for p in example_project.rglob("*"))
    with pytest.raises(UsageError) as refused:
        new_year(project, today=today)
    said = {"th": "ถ้าตั้งใจเปิดปี 2572 จริง ให้ระบุปี: oit new-year 2572",
            "en": "to open 2572 all the same, name it: oit new-year 2572"}
    assert said[lang] in str(refused.value)
    assert sorted(p.relative_to(example_project) for p in example_project.rglob("*")) == files
    assert new_year(project, 2572, today=today).year == 2572   # named: as asked
