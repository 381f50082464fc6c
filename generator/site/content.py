"""Write generated pages into the docs folder without ever touching a hand-written file.

Each page's mark line carries the hash of the rest of the page as written
(``oit-sha256=…``): a page still marked but changed since is a hand edit, reported and kept.
The hash lives in the page itself, so it needs no extra file and survives a copied project.
Pages are written to a temporary file and renamed over, so a kill or a full disk never
leaves half a page; nothing is written through a symbolic link.
"""
from __future__ import annotations

import enum
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import BUILD_TEMP, write_atomic
from ..errors import Problem, UserError, display_path
from ..language import tr
from ..render.types import GENERATED_MARK, Page

_MARK = GENERATED_MARK.encode()
HASH_KEY = "oit-sha256="
_STAMP = re.compile(rb" " + re.escape(HASH_KEY.encode()) + rb"([0-9a-f]{64}) -->$")


class PageState(enum.Enum):
    """What is on disk where a generated page goes."""

    ABSENT = "absent"
    HAND_WRITTEN = "hand-written"   # no mark: never ours to replace
    OURS = "ours"                   # as we wrote it, or ours but unreadable (write again)
    EDITED = "edited"               # marked, but changed after we wrote it


def is_generated(path: Path) -> bool:
    """True when the file starts with our mark (so we wrote it and may replace it)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(_MARK)) == _MARK
    except OSError:
        return False


def stamped(text: str) -> bytes:
    """A page's bytes as written: its mark line (the first) ends with the hash of the rest."""
    mark, _, body = text.partition("\n")
    if not (mark.startswith(GENERATED_MARK) and mark.endswith("-->")):
        raise ValueError("a generated page starts with its one-line GENERATED mark")
    rest = body.encode("utf-8")
    digest = hashlib.sha256(rest).hexdigest()
    return f"{mark.removesuffix('-->').rstrip()} {HASH_KEY}{digest} -->\n".encode() + rest


def page_state(path: Path) -> PageState:
    """Is the file at ``path`` ours to replace? Cut short, not UTF-8 or written by an oit
    before the hash: ours (a full disk once cut pages mid-character)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return PageState.ABSENT
    if not data.startswith(_MARK):
        return PageState.HAND_WRITTEN
    head, newline, rest = data.partition(b"\n")
    stamp = _STAMP.search(head)
    if stamp is None or not newline or not _is_utf8(data):
        return PageState.OURS
    same = hashlib.sha256(rest).hexdigest().encode() == stamp.group(1)
    return PageState.OURS if same else PageState.EDITED


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_pages(pages: list[Page], docs_dir: Path, root: Path | None = None) -> WriteResult:
    """Write ``pages``; remove our stale pages; refuse if any target is hand-written."""
    result = prepare_pages(pages, docs_dir, root)
    write_page_files(pages, docs_dir, result)
    return result


def prepare_pages(pages: list[Page], docs_dir: Path, root: Path | None = None) -> WriteResult:
    """All that must happen before the pages are written: refuse if any target is
    hand-written, hand-edited or behind a symbolic link, remove our stale pages (and the
    folders that leaves empty) and the temporary files of a killed build; write_page_files
    then writes them."""
    targets = {docs_dir / page.path: page for page in pages}
    linked = _linked_paths(targets, docs_dir, root)
    if linked:
        raise UserError(linked, tr("ไม่ได้เขียนหน้าใดลงใน content/ เลย: "
                                   "oit ไม่เขียนผ่านลิงก์สัญลักษณ์ (symbolic link)",
                                   "no page was written into content/: oit does not write "
                                   "through a symbolic link"))
    others, temps = _scan(docs_dir, targets)
    states: dict[Path, PageState] = {path: state for path in [*targets, *others]
              if (state := page_state(path)) is not PageState.ABSENT}
    _refuse_foreign(states, targets, root)
    result = WriteResult()
    for path in sorted(p for p in others if states.get(p) is PageState.OURS):
        path.unlink()
        result.removed.append(page_name(path, docs_dir))
    for temp in temps:
        temp.unlink(missing_ok=True)
    _remove_emptied_dirs({docs_dir / name for name in result.removed}, docs_dir)
    return result


def write_page_files(pages: list[Page], docs_dir: Path, result: WriteResult) -> WriteResult:
    """Write each page whose text changed (after prepare_pages); note it in ``result``."""
    for folder in sorted({(docs_dir / page.path).parent for page in pages}):
        folder.mkdir(parents=True, exist_ok=True)   # once per folder, not once per page
    for page in pages:
        path = docs_dir / page.path
        data = stamped(page.text)
        if _read_or_none(path) == data:
            result.unchanged.append(page.path)
            continue
        write_atomic(path, data)
        result.written.append(page.path)
    return result


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def page_name(path: Path, docs_dir: Path) -> str:
    return path.relative_to(docs_dir).as_posix()


def _linked_paths(targets: dict[Path, Page], docs_dir: Path, root: Path | None) -> list[Problem]:
    """Each symbolic link where a page, or a folder on its way from content/, would be
    written: writing there would change the file the link points to, maybe outside."""
    seen: dict[Path, bool] = {}
    links: set[Path] = set()
    for path in targets:
        folders = path.relative_to(docs_dir).parents[:-1]   # without '.'
        for step in [docs_dir, *(docs_dir / f for f in reversed(folders)), path]:
            if step not in seen:
                seen[step] = step.is_symlink()
            if seen[step]:
                links.add(step)
                break
    return [Problem(display_path(link, root), None, "",
                    tr(f"เป็นลิงก์สัญลักษณ์ (symbolic link) ไปยัง '{os.readlink(link)}' "
                       "oit จึงไม่เขียนผ่านลิงก์นี้ (จะไปเขียนทับไฟล์ที่ลิงก์ชี้ไป)",
                       f"is a symbolic link to '{os.readlink(link)}', so oit does not write "
                       "through it (it would overwrite the file it points to)"),
                    tr("ลบลิงก์นี้ออก แล้วสั่ง oit build อีกครั้ง: oit สร้างหน้านี้จากไฟล์ข้อมูล",
                       "the link removed, then oit build again: oit makes this page from the "
                       "data files"))
            for link in sorted(links)]


def _scan(docs_dir: Path, targets: dict[Path, Page]) -> tuple[list[Path], list[Path]]:
    """The Markdown files that are not this build's pages, and our leftover temporary files;
    symbolic links are neither read nor followed."""
    others: list[Path] = []
    temps: list[Path] = []
    if not docs_dir.is_dir() or docs_dir.is_symlink():
        return others, temps
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            path = Path(folder, name)
            if name.startswith(".") and name.endswith(BUILD_TEMP):
                temps.append(path)
            elif name.endswith(".md") and path not in targets and not path.is_symlink():
                others.append(path)
    return others, temps


def _refuse_foreign(states: dict[Path, PageState], targets: dict[Path, Page],
                    root: Path | None) -> None:
    """A UserError if a page would replace a hand-written file, or a hand edit would be lost."""
    problems = [
        Problem(display_path(path, root), None, "",
                tr("ไฟล์นี้ไม่ได้สร้างโดย oit (ไม่มีบรรทัด GENERATED) จึงไม่เขียนทับ",
                   "this file was not written by oit (it has no GENERATED mark), "
                   "so it is not overwritten"),
                tr("ย้ายหรือเปลี่ยนชื่อไฟล์นี้: oit สร้างหน้านี้จากไฟล์ข้อมูล",
                   "move or rename it; oit generates this page from the data files"))
        for path, state in states.items()
        if state is PageState.HAND_WRITTEN and path in targets]
    problems += [_edited(path, path in targets, root)
                 for path, state in states.items() if state is PageState.EDITED]
    if problems:
        raise UserError(problems, tr("ไม่ได้เขียนหน้าใดเลย: หน้าที่ oit สร้างจะไปแทนที่"
                                     "ไฟล์ที่เขียนเองหรือสิ่งที่แก้ไขด้วยมือ",
                                     "no page was written: oit's pages would replace "
                                     "hand-written files or hand edits"))


def _edited(path: Path, wanted: bool, root: Path | None) -> Problem:
    todo = (tr("ย้ายสิ่งที่แก้ไปไว้ในไฟล์ข้อมูลใน data/ แล้วลบไฟล์นี้ เพื่อให้ oit เขียนใหม่",
               "the edit moved into the data files in data/ and this file deleted, for oit "
               "to write it again")
            if wanted else
            tr("ลบไฟล์นี้ (oit ไม่สร้างหน้านี้แล้ว) หรือลบบรรทัดแรก (GENERATED) "
               "เพื่อเก็บไว้เป็นหน้าที่เขียนเอง",
               "this file deleted (oit no longer makes this page), or its first line "
               "(GENERATED) deleted to keep it as a hand-written page"))
    return Problem(display_path(path, root), None, "",
                   tr("แก้ไขด้วยมือหลังจาก oit สร้างไว้ (เนื้อหาไม่ตรงกับที่ oit เขียน) "
                      "จึงไม่เขียนทับและไม่ลบ",
                      "edited by hand after oit wrote it (it differs from what oit wrote), "
                      "so it is neither overwritten nor deleted"), todo)


def _remove_emptied_dirs(removed: set[Path], docs_dir: Path) -> None:
    """Remove the folders that removing stale pages left empty (a deleted fiscal year)."""
    for folder in sorted({p.parent for p in removed}, reverse=True):
        while folder != docs_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
