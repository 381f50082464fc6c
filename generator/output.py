"""Write generated pages into the docs folder without ever touching a hand-written file."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, UserError, display_path
from .render import GENERATED_MARK, Page


def is_generated(path: Path) -> bool:
    """True when the file starts with our mark (so we wrote it and may replace it)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(GENERATED_MARK.encode())) == GENERATED_MARK.encode()
    except OSError:
        return False


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
    hand-written, remove our stale pages (and the folders that leaves empty). Writing them
    (write_page_files) may then happen in another process."""
    targets = {docs_dir / page.path: page for page in pages}
    _refuse_hand_written(targets, root)
    result = WriteResult()
    for path in sorted(_stale_generated(docs_dir, targets)):
        path.unlink()
        result.removed.append(page_name(path, docs_dir))
    _remove_emptied_dirs({docs_dir / name for name in result.removed}, docs_dir)
    return result


def write_page_files(pages: list[Page], docs_dir: Path, result: WriteResult) -> WriteResult:
    """Write each page whose text changed (after prepare_pages); note it in ``result``."""
    for folder in sorted({(docs_dir / page.path).parent for page in pages}):
        folder.mkdir(parents=True, exist_ok=True)   # once per folder, not once per page
    for page in pages:
        path = docs_dir / page.path
        if path.exists() and path.read_text(encoding="utf-8") == page.text:
            result.unchanged.append(page.path)
            continue
        path.write_text(page.text, encoding="utf-8")
        result.written.append(page.path)
    return result


def page_name(path: Path, docs_dir: Path) -> str:
    return path.relative_to(docs_dir).as_posix()


def _refuse_hand_written(targets: dict[Path, Page], root: Path | None) -> None:
    problems = [
        Problem(display_path(path, root), None, "",
                "this file was not written by oit (it has no GENERATED mark), "
                "so it is not overwritten",
                "move or rename it; oit generates this page from the data files")
        for path in sorted(targets) if path.exists() and not is_generated(path)]
    if problems:
        raise UserError(problems, "Nothing was written: generated pages would replace "
                                  "hand-written files.")


def _stale_generated(docs_dir: Path, targets: dict[Path, Page]) -> list[Path]:
    if not docs_dir.is_dir():
        return []
    return [p for p in docs_dir.rglob("*.md") if p not in targets and is_generated(p)]


def _remove_emptied_dirs(removed: set[Path], docs_dir: Path) -> None:
    """Remove the folders that removing stale pages left empty (a deleted fiscal year)."""
    for folder in sorted({p.parent for p in removed}, reverse=True):
        while folder != docs_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
