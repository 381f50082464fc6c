"""The no-overwrite rule: generated pages replace only files that carry the GENERATED mark."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.site.content import PageState, is_generated, page_state, write_pages
from generator.render.types import GENERATED_MARK, Page


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


def test_the_mark_line_carries_the_hash_of_the_rest_of_the_page(tmp_path: Path) -> None:
    write_pages([_page("index.md", "# หน้า {#top}\n")], tmp_path)
    head, _, rest = (tmp_path / "index.md").read_bytes().partition(b"\n")
    assert head == (f"{GENERATED_MARK}: test oit-sha256="
                    f"{hashlib.sha256(rest).hexdigest()} -->").encode()
    assert rest == "# หน้า {#top}\n".encode()
    assert page_state(tmp_path / "index.md") is PageState.OURS


def test_a_hand_edited_page_is_reported_and_neither_overwritten_nor_deleted(
        tmp_path: Path, lang: str) -> None:
    write_pages([_page("index.md"), _page("2568/index.md")], tmp_path)
    for name in ("index.md", "2568/index.md"):
        page = tmp_path / name
        page.write_bytes(page.read_bytes() + "แก้เอง\n".encode())
    edited = {name: (tmp_path / name).read_bytes() for name in ("index.md", "2568/index.md")}
    with pytest.raises(UserError) as caught:   # 2568/index.md is no longer generated
        write_pages([_page("index.md", "# ใหม่ {#top}\n")], tmp_path, tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in edited} == edited
    assert caught.value.render().splitlines() == {"th": [
        "ไม่ได้เขียนหน้าใดเลย: หน้าที่ oit สร้างจะไปแทนที่ไฟล์ที่เขียนเองหรือสิ่งที่แก้ไขด้วยมือ",
        "2568/index.md: แก้ไขด้วยมือหลังจาก oit สร้างไว้ (เนื้อหาไม่ตรงกับที่ oit เขียน) "
        "จึงไม่เขียนทับและไม่ลบ (ควรเป็น ลบไฟล์นี้ (oit ไม่สร้างหน้านี้แล้ว) "
        "หรือลบบรรทัดแรก (GENERATED) เพื่อเก็บไว้เป็นหน้าที่เขียนเอง)",
        "index.md: แก้ไขด้วยมือหลังจาก oit สร้างไว้ (เนื้อหาไม่ตรงกับที่ oit เขียน) "
        "จึงไม่เขียนทับและไม่ลบ (ควรเป็น ย้ายสิ่งที่แก้ไปไว้ในไฟล์ข้อมูลใน data/ "
        "แล้วลบไฟล์นี้ เพื่อให้ oit เขียนใหม่)"], "en": [
        "no page was written: oit's pages would replace hand-written files or hand edits",
        "2568/index.md: edited by hand after oit wrote it (it differs from what oit wrote), "
        "so it is neither overwritten nor deleted (expected this file deleted (oit no longer "
        "makes this page), or its first line (GENERATED) deleted to keep it as a "
        "hand-written page)",
        "index.md: edited by hand after oit wrote it (it differs from what oit wrote), "
        "so it is neither overwritten nor deleted (expected the edit moved into the data "
        "files in data/ and this file deleted, for oit to write it again)"]}[lang]


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: data[:-2], id="cut mid-character"),   # ๆ is 3 bytes
    pytest.param(lambda data: data.split(b"\n")[0][:40], id="cut inside the mark"),
    pytest.param(lambda data: data.replace(b" oit-sha256=", b" x=") + b"\xff", id="not UTF-8"),
])
def test_a_damaged_generated_page_is_written_again_not_trusted(
        tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    page = _page("index.md", "# หน้า {#top}\n\nๆ\n")
    write_pages([page], tmp_path)
    target = tmp_path / "index.md"
    whole = target.read_bytes()
    target.write_bytes(damage(whole))
    result = write_pages([page], tmp_path)
    assert result.written == ["index.md"]
    assert target.read_bytes() == whole


def test_a_page_written_before_the_hash_is_replaced_once(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(f"{GENERATED_MARK}: test -->\n# เก่า\n", encoding="utf-8")
    assert write_pages([_page("index.md")], tmp_path).written == ["index.md"]
    assert write_pages([_page("index.md")], tmp_path).unchanged == ["index.md"]


@pytest.mark.parametrize("link", ["index.md", "2569", "2569/index.md"])
def test_a_symbolic_link_on_a_pages_way_is_refused_and_its_target_untouched(
        tmp_path: Path, link: str, lang: str) -> None:
    docs, outside = tmp_path / "content", tmp_path / "outside"
    docs.mkdir()
    outside.mkdir()
    victim = outside / "index.md"
    victim.write_text(f"{GENERATED_MARK}: test -->\nไฟล์นอกโครงการ\n", encoding="utf-8")
    (docs / link).parent.mkdir(parents=True, exist_ok=True)
    (docs / link).symlink_to(victim if link.endswith(".md") else outside)
    with pytest.raises(UserError) as caught:
        write_pages([_page("index.md"), _page("2569/index.md")], docs, tmp_path)
    assert victim.read_text(encoding="utf-8") == f"{GENERATED_MARK}: test -->\nไฟล์นอกโครงการ\n"
    target = victim if link.endswith(".md") else outside
    assert [str(p) for p in caught.value.problems] == [{
        "th": f"content/{link}: เป็นลิงก์สัญลักษณ์ (symbolic link) ไปยัง '{target}' "
              "oit จึงไม่เขียนผ่านลิงก์นี้ (จะไปเขียนทับไฟล์ที่ลิงก์ชี้ไป) "
              "(ควรเป็น ลบลิงก์นี้ออก แล้วสั่ง oit build อีกครั้ง: oit สร้างหน้านี้จากไฟล์ข้อมูล)",
        "en": f"content/{link}: is a symbolic link to '{target}', so oit does not write "
              "through it (it would overwrite the file it points to) (expected the link "
              "removed, then oit build again: oit makes this page from the data files)",
    }[lang]]


def test_a_linked_markdown_file_is_never_read_or_removed_as_stale(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(f"{GENERATED_MARK}: test -->\nไฟล์นอกโครงการ\n", encoding="utf-8")
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "old.md").symlink_to(outside)
    write_pages([_page("index.md")], docs)
    assert (docs / "old.md").is_symlink() and outside.is_file()


def test_temporary_files_of_a_killed_build_are_removed_and_never_pages(tmp_path: Path) -> None:
    (tmp_path / "2569").mkdir()
    left = tmp_path / "2569" / ".index.md.0badf00d.oit-tmp"
    left.write_bytes(GENERATED_MARK.encode()[:10])
    result = write_pages([_page("2569/index.md")], tmp_path)
    assert not left.exists()
    assert result.written == ["2569/index.md"] and result.removed == []
    assert sorted(p.name for p in (tmp_path / "2569").iterdir()) == ["index.md"]
