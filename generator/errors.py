"""What goes wrong on the user's side: problems in their files, all reported at once, a
request that cannot be carried out, and a fault of the machine put in words."""
from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from .language import tr


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a user's file, located as precisely as we know it."""

    path: str
    line: int | None
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        expected = tr(f" (ควรเป็น {self.expected})", f" (expected {self.expected})") \
            if self.expected else ""
        return f"{where}:{field} {self.message}{expected}"


def did_you_mean(name: str | None) -> str:
    """"; did you mean 'name'?" after a message, or nothing when no name is close."""
    return tr(f"; หรือหมายถึง '{name}'?", f"; did you mean '{name}'?") if name else ""


class UserError(Exception):
    """Raised with every problem of a run; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem] | Problem, summary: str = "") -> None:
        self.problems = sorted(problems) if isinstance(problems, list) else [problems]
        self.summary = summary
        super().__init__(self.render())

    def render(self) -> str:
        """All problems, one per line, with an optional summary line first."""
        lines = [str(p) for p in self.problems]
        if self.summary:
            lines.insert(0, self.summary)
        return "\n".join(lines)


class UsageError(Exception):
    """A request that cannot be carried out as asked (the CLI exits 2), e.g. a fiscal year
    that has no data folder."""


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user would type it: relative to the project when possible.

    A path made from the project's own path is shown as it was made, without asking the
    disk (every problem and every field's source would resolve both); any other is
    compared with symbolic links resolved.
    """
    base = root or Path.cwd()
    if path.is_absolute() == base.is_absolute() and ".." not in path.parts:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


# What the webmaster can do about each fault of the machine (not of the data), by errno:
# (what happened, what is needed), each (Thai, English).
_FAULTS: dict[int, tuple[tuple[str, str], tuple[str, str]]] = {
    errno.EACCES: (("ไม่มีสิทธิ์เขียนหรืออ่านที่นี่", "no permission to write or read here"),
                   ("สิทธิ์เขียนในโฟลเดอร์นี้ (เช่น chmod u+w) หรือย้ายโครงการไปไว้ในโฟลเดอร์ที่เขียนได้",
                    "permission to write in this folder (e.g. chmod u+w), or the project moved "
                    "to a folder you can write")),
    errno.EPERM: (("ระบบไม่อนุญาตให้เขียนหรือเปลี่ยนชื่อที่นี่",
                   "the system does not allow writing or renaming here"),
                  ("สิทธิ์เขียนในโฟลเดอร์นี้ (ไฟล์หรือโฟลเดอร์อาจถูกล็อกไว้ เช่น chattr +i)",
                   "permission to write in this folder (the file or folder may be locked, "
                   "e.g. chattr +i)")),
    errno.EROFS: (("ดิสก์นี้อ่านได้อย่างเดียว", "this disk is read-only"),
                  ("โฟลเดอร์โครงการบนดิสก์ที่เขียนได้", "the project on a disk you can write")),
    errno.ENOSPC: (("ดิสก์เต็ม เขียนไฟล์ต่อไม่ได้", "the disk is full"),
                   ("พื้นที่ว่างบนดิสก์: ลบไฟล์ที่ไม่ใช้แล้วสั่ง oit build อีกครั้ง",
                    "free space on the disk: delete unused files and run oit build again")),
    errno.EDQUOT: (("ใช้พื้นที่ดิสก์เกินโควตาแล้ว", "the disk quota is used up"),
                   ("พื้นที่ว่างในโควตา: ลบไฟล์ที่ไม่ใช้แล้วสั่ง oit build อีกครั้ง",
                    "room in the quota: delete unused files and run oit build again")),
}
_OTHER_FAULT = (("ระบบไฟล์ทำงานนี้ไม่ได้", "the file system cannot do this"),
                ("ตรวจสอบไฟล์หรือโฟลเดอร์นี้ แล้วสั่งอีกครั้ง", "check this file or folder, then run again"))


def environment_error(exc: OSError, root: Path | None = None) -> UserError:
    """A fault of the machine (read-only folder, full disk…) as a message naming the path."""
    where = display_path(Path(exc.filename), root) if exc.filename else (
        str(root) if root else "")
    message, expected = _FAULTS.get(exc.errno or 0, _OTHER_FAULT)
    detail = f" ({exc.strerror})" if exc.strerror else ""
    return UserError(Problem(where, None, "", tr(*message) + detail, tr(*expected)),
                     tr("ทำงานต่อไม่ได้เพราะปัญหาของเครื่อง ไม่ใช่ของข้อมูล "
                        "(site/ ที่เผยแพร่อยู่ยังเป็นชุดเดิมครบทุกไฟล์):",
                        "cannot go on because of the machine, not the data (the published "
                        "site/ is still the previous one, complete):"))
