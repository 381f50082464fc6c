"""One build at a time: the lock, held by a real second process, and taken over when it dies."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.site.lock import LOCK_FILE, build_lock

REPO = Path(__file__).resolve().parent.parent
HOLD = """
import sys, time
from pathlib import Path
from generator.site.lock import build_lock
with build_lock(Path(sys.argv[1]), Path(sys.argv[1]).parent):
    print("held", flush=True)
    time.sleep(60)
"""


@contextmanager
def held_elsewhere(work_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """The lock held by another process (as a running build holds it)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(work_dir)], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def test_a_second_holder_is_told_once_who_holds_it_then_gives_up_with_a_message(
        tmp_path: Path, lang: str) -> None:
    work = tmp_path / ".oit-build"
    told: list[str] = []
    with held_elsewhere(work) as holder:
        fields = dict(p.split("=", 1) for p in (work / LOCK_FILE).read_text().split())
        start = time.monotonic()
        with pytest.raises(UserError) as caught:
            with build_lock(work, tmp_path, wait=0.5, notify=told.append):
                pytest.fail("the lock was taken while held")
        assert 0.5 <= time.monotonic() - start < 5
    started = fields["started"].replace("T", " ")
    assert fields["pid"] == str(holder.pid)
    if lang == "th":
        who = f"oit build อีกงานหนึ่ง (PID {holder.pid} เริ่มเมื่อ {started})"
        assert told == [f"รอ: {who} กำลังสร้างเว็บไซต์ของโครงการนี้อยู่ จะเริ่มเมื่องานนั้นเสร็จ "
                        "(รอได้ไม่เกิน 0.5 วินาที)"]
        assert caught.value.render() == (
            f".oit-build/{LOCK_FILE}: {who} ยังสร้างเว็บไซต์ของโครงการนี้อยู่หลังจากรอ 0.5 วินาที "
            "(ควรเป็น ให้งานนั้นเสร็จก่อนแล้วสั่ง oit build อีกครั้ง หรือหยุดงานนั้น "
            "(kill ตามหมายเลข PID))")
    else:
        who = f"another oit build (PID {holder.pid}, started {started})"
        assert told == [f"waiting: {who} is building this project's site; this one starts "
                        "when it ends (waiting at most 0.5 s)"]
        assert caught.value.render() == (
            f".oit-build/{LOCK_FILE}: {who} is still building this project's site after "
            "0.5 s (expected let it finish and run oit build again, or stop it (kill its PID))")


def test_the_lock_of_a_killed_holder_is_taken_over_at_once(tmp_path: Path) -> None:
    work = tmp_path / ".oit-build"
    told: list[str] = []
    with held_elsewhere(work) as holder:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        with build_lock(work, tmp_path, wait=5, notify=told.append):
            assert (work / LOCK_FILE).read_text().startswith(f"pid={os.getpid()} ")
    assert told == []
    assert (work / LOCK_FILE).read_text() == ""   # no stale name for the next one


def test_a_waiting_holder_goes_on_when_the_other_finishes(tmp_path: Path) -> None:
    work = tmp_path / ".oit-build"
    told: list[str] = []
    with held_elsewhere(work) as holder:
        killer = subprocess.Popen(["sh", "-c", f"sleep 0.5; kill {holder.pid}"])
        with build_lock(work, tmp_path, wait=10, notify=told.append):
            assert holder.poll() is not None
        killer.wait()
    assert len(told) == 1


def test_a_work_folder_that_is_a_symbolic_link_is_refused(tmp_path: Path, lang: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / ".oit-build").symlink_to(elsewhere)
    with pytest.raises(UserError) as caught:
        with build_lock(tmp_path / ".oit-build", tmp_path, wait=0):
            pytest.fail("built through a link")
    assert list(elsewhere.iterdir()) == []
    assert caught.value.render() == ((
        f".oit-build: เป็นลิงก์สัญลักษณ์ (symbolic link) ไปยัง '{elsewhere}' oit จึงไม่เขียนผ่าน"
        "ลิงก์นี้ (ต้องอยู่บนดิสก์เดียวกับ site/ จึงสลับเว็บไซต์ได้ในครั้งเดียว) "
        "(ควรเป็น ลบลิงก์นี้ออก: oit สร้างโฟลเดอร์ .oit-build/ ขึ้นใหม่เอง)") if lang == "th" else (
        f".oit-build: is a symbolic link to '{elsewhere}', so oit does not write through it "
        "(it must be on the same disk as site/ for the site to be swapped in one step) "
        "(expected the link removed: oit makes the folder .oit-build/ again by itself)"))
