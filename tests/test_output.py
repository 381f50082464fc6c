"""The no-overwrite rule: generated pages replace only files that carry the GENERATED mark."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import UserError
from generator.output import is_generated, write_pages
from generator.render import GENERATED_MARK, Page


def _page(path: str, body: str = "# หน้า {#top}\n") -> Page:
    return Page(path=path, title="หน้า", text=f"{GENERATED_MARK}: test -->\n{body}")


def test_writes_new_pages_with_the_mark(tmp_path: Path) -> None:
    result = write_pages([_page("2569/index.md")], tmp_path)
    assert result.written == ["2569/index.md"]
    assert is_generated(tmp_path / "2569" / "index.md")


def test_refuses_to_overwrite_a_hand_written_file_and_writes_nothing(tmp_path: Path) -> None:
    hand = tmp_path / "index.md"
    hand.write_text("# หน้าแรกที่เขียนเอง\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        write_pages([_page("2569/index.md"), _page("index.md")], tmp_path, tmp_path)
    assert hand.read_text(encoding="utf-8") == "# หน้าแรกที่เขียนเอง\n"
    assert not (tmp_path / "2569").exists()
    assert [str(p) for p in caught.value.problems] == [
        "index.md: this file was not written by oit (it has no GENERATED mark), so it is not "
        "overwritten (expected move or rename it; oit generates this page from the data files)"]


def test_replaces_its_own_pages_and_removes_stale_ones_only(tmp_path: Path) -> None:
    write_pages([_page("2568/index.md"), _page("2569/index.md")], tmp_path)
    hand = tmp_path / "2568" / "notes.md"
    hand.write_text("บันทึกของผู้ดูแลเว็บ\n", encoding="utf-8")
    result = write_pages([_page("2569/index.md", "# ใหม่ {#top}\n")], tmp_path)
    assert result.removed == ["2568/index.md"]
    assert result.written == ["2569/index.md"]
    assert hand.read_text(encoding="utf-8") == "บันทึกของผู้ดูแลเว็บ\n"
    assert "# ใหม่" in (tmp_path / "2569" / "index.md").read_text(encoding="utf-8")


def test_a_fiscal_year_folder_emptied_of_generated_pages_is_removed(tmp_path: Path) -> None:
    write_pages([_page("2568/index.md"), _page("2568/01-budget-plan.md")], tmp_path)
    write_pages([_page("index.md")], tmp_path)
    assert not (tmp_path / "2568").exists()


def test_unchanged_pages_are_not_rewritten(tmp_path: Path) -> None:
    write_pages([_page("index.md")], tmp_path)
    before = (tmp_path / "index.md").stat().st_mtime_ns
    result = write_pages([_page("index.md")], tmp_path)
    assert result.unchanged == ["index.md"] and result.written == []
    assert (tmp_path / "index.md").stat().st_mtime_ns == before


def test_mark_must_be_at_the_very_start(tmp_path: Path) -> None:
    quoted = tmp_path / "quote.md"
    quoted.write_text(f"# คู่มือ\n\n{GENERATED_MARK} appears here as an example\n", encoding="utf-8")
    assert not is_generated(quoted)
