"""One build at a time per project: an exclusive lock on .oit-build/build.lock.

``fcntl.flock`` belongs to the open file, so the kernel releases it when its holder dies,
even by ``kill -9``: a killed build's lock is taken over without anyone deleting a file.
The holder writes its process id and start time into the file so that a second build can
say who it is waiting for.
"""
from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Problem, UserError, display_path
from ..language import tr

try:
    import fcntl
except ImportError:   # Windows: a byte-range lock, also released when its holder dies
    fcntl = None  # type: ignore[assignment]
    import msvcrt

LOCK_FILE = "build.lock"
DEFAULT_WAIT = 600.0   # seconds: a large site builds in about a minute here
_POLL = 0.1


@contextmanager
def build_lock(work_dir: Path, root: Path, *, wait: float = DEFAULT_WAIT,
               notify: Callable[[str], None] = lambda _: None) -> Iterator[None]:
    """Hold the project's build lock for the block; wait up to ``wait`` seconds for another
    build to finish (``notify`` hears once whom we wait for), then a UserError."""
    if work_dir.is_symlink():   # the site is staged there and renamed into the project
        raise UserError(Problem(
            display_path(work_dir, root), None, "",
            tr(f"เป็นลิงก์สัญลักษณ์ (symbolic link) ไปยัง '{os.readlink(work_dir)}' "
               "oit จึงไม่เขียนผ่านลิงก์นี้ (ต้องอยู่บนดิสก์เดียวกับ site/ จึงสลับเว็บไซต์ได้ในครั้งเดียว)",
               f"is a symbolic link to '{os.readlink(work_dir)}', so oit does not write "
               "through it (it must be on the same disk as site/ for the site to be swapped "
               "in one step)"),
            tr("ลบลิงก์นี้ออก: oit สร้างโฟลเดอร์ .oit-build/ ขึ้นใหม่เอง",
               "the link removed: oit makes the folder .oit-build/ again by itself")))
    work_dir.mkdir(exist_ok=True)
    path = work_dir / LOCK_FILE
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    try:
        _acquire(fd, path, root, wait, notify)
        _write_holder(fd, path)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)   # no stale name for the next one to show
    finally:
        os.close(fd)   # releases the lock


def _acquire(fd: int, path: Path, root: Path, wait: float,
             notify: Callable[[str], None]) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        if _try_lock(fd):
            return
        holder = describe_holder(path)
        if not told:
            notify(tr(f"รอ: {holder} กำลังสร้างเว็บไซต์ของโครงการนี้อยู่ "
                      f"จะเริ่มเมื่องานนั้นเสร็จ (รอได้ไม่เกิน {wait:g} วินาที)",
                      f"waiting: {holder} is building this project's site; this one starts "
                      f"when it ends (waiting at most {wait:g} s)"))
            told = True
        if time.monotonic() >= deadline:
            raise UserError(Problem(
                display_path(path, root), None, "",
                tr(f"{holder} ยังสร้างเว็บไซต์ของโครงการนี้อยู่หลังจากรอ {wait:g} วินาที",
                   f"{holder} is still building this project's site after {wait:g} s"),
                tr("ให้งานนั้นเสร็จก่อนแล้วสั่ง oit build อีกครั้ง หรือหยุดงานนั้น (kill ตามหมายเลข PID)",
                   "let it finish and run oit build again, or stop it (kill its PID)")))
        time.sleep(_POLL)


def _try_lock(fd: int) -> bool:
    if fcntl is None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)   # the first byte (untested here)
        except PermissionError:   # how Windows says it is locked
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _write_holder(fd: int, path: Path) -> None:
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, _holder_line().encode(), 0)
    except OSError as exc:   # a full disk: name the file, as every other write does
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def _holder_line() -> str:
    started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    return f"pid={os.getpid()} started={started}\n"


def describe_holder(path: Path) -> str:
    """Who holds the lock, from what it wrote (it writes just after taking it)."""
    for _ in range(20):
        fields = dict(part.split("=", 1) for part in _read(path).split() if "=" in part)
        if "pid" in fields:
            started = fields.get("started", "")
            when = tr(" เริ่มเมื่อ ", ", started ") + started.replace("T", " ") if started else ""
            return tr(f"oit build อีกงานหนึ่ง (PID {fields['pid']}{when})",
                      f"another oit build (PID {fields['pid']}{when})")
        time.sleep(0.01)
    return tr("oit build อีกงานหนึ่ง", "another oit build")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
