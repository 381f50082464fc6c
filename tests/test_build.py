"""End-to-end `oit build` on a small project: real MkDocs, real LinkChecker, real site/."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

pytestmark = pytest.mark.slow
BUILD_DATE = ["--build-date", "2026-11-23"]


def _build(project: Path) -> int:
    return main(["--project", str(project), "build", *BUILD_DATE])


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def built(minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert _build(minimal_project) == 0, capsys.readouterr().err
    (minimal_project / "site" / "sentinel.txt").write_text("last good site", encoding="utf-8")
    return minimal_project


def test_build_produces_a_site_with_every_topic_page(built: Path) -> None:
    site = built / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "สำนักทดสอบระบบ" in home
    assert 'lang="th"' in home
    plan = (site / "2569" / "01-budget-plan" / "index.html").read_text(encoding="utf-8")
    assert "แผนการใช้จ่ายงบประมาณประจำปี" in plan
    assert "1,500.00" in plan
    for slug in ("02-budget-monitoring", "03-budget-report", "04-procurement-plan",
                 "05-opinion-channels", "06-participation"):
        assert (site / "2569" / slug / "index.html").is_file()
    assert not (built / ".oit-build" / "site.new").exists()
    year_index = (site / "2569" / "index.html").read_text(encoding="utf-8")
    assert "<title>ปีงบประมาณ พ.ศ. 2569 - " in year_index   # the page's title, not "Index"


def test_bad_data_fails_and_keeps_the_last_good_site(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    (built / "data" / "2569" / "04-procurement-plan.yml").write_text(
        "items:\n  - name: ซื้อวัสดุ\n    budget: หนึ่งพันบาท\n", encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert "data/2569/04-procurement-plan.yml:3: items[0].budget: 'หนึ่งพันบาท'" in err
    assert "Traceback" not in err
    assert _snapshot(built / "site") == before


def test_mkdocs_warning_fails_and_keeps_the_last_good_site(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    (built / "content" / "about.md").write_text(
        "# เกี่ยวกับ {#about}\n\n[แผน](2569/no-such-page.md)\n", encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert "MkDocs could not build the site; site/ was left as it was." in err
    assert "about.md" in err and "2569/no-such-page.md" in err
    assert _snapshot(built / "site") == before


def test_broken_internal_link_found_by_linkchecker_fails_the_build(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    # Raw HTML links are not validated by MkDocs: only the link check can catch this one.
    (built / "content" / "about.md").write_text(
        '# เกี่ยวกับ {#about}\n\n<a href="../files/plan-2569.pdf">แผน</a>\n', encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert "Broken internal links; site/ was left as it was." in err
    assert "site page about/" in err and "plan-2569.pdf" in err
    assert _snapshot(built / "site") == before


def test_hand_written_page_in_the_way_is_not_overwritten(
        minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hand = minimal_project / "content" / "index.md"
    hand.write_text("# หน้าแรกของฉัน\n", encoding="utf-8")
    assert _build(minimal_project) == 1
    assert "content/index.md: this file was not written by oit" in capsys.readouterr().err
    assert hand.read_text(encoding="utf-8") == "# หน้าแรกของฉัน\n"
    assert not (minimal_project / "site").exists()


def test_validate_changes_nothing(minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(minimal_project), "validate"]) == 0
    assert "Data OK: สำนักทดสอบระบบ, 1 fiscal year(s) (2569), 1 topic file(s)" in capsys.readouterr().out
    assert not (minimal_project / "content" / "index.md").exists()
    assert not (minimal_project / "site").exists()
