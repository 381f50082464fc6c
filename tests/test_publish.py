"""What the build promises, tried for real: `oit build` as a subprocess killed with SIGKILL at
many moments, two builds at once, and each fault of the machine as a message."""
from __future__ import annotations

import datetime
import html.parser
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, IS_ROOT, OIT, copy_project, read_only
from generator.site.content import PageState, page_state

pytestmark = pytest.mark.slow
HOOK = Path(__file__).parent / "oit_kill_hook.py"
BUILD = ["build", "--build-date", "2026-11-23"]


def _oit(project: Path, *args: str, cwd: Path | None = None,
         env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(OIT), "--project", str(project), *args], cwd=cwd or project,
                          capture_output=True, text=True, env=env, timeout=300)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class _Html(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def _parses(page: Path) -> bool:
    parser = _Html()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return {"html", "head", "body", "title"} <= set(parser.tags)


def _leftovers(project: Path) -> list[str]:
    work = project / ".oit-build"
    left = [p.name for p in work.iterdir() if p.name.startswith("site") or
            p.name.endswith((".partial", ".oit-tmp"))] if work.is_dir() else []
    return left + [p.name for p in (project / "content").rglob(".*.oit-tmp")]


def _timed_build(project: Path) -> float:
    start = time.monotonic()
    done = _oit(project, *BUILD)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


_SAME_SITE: list[bool] = []


@pytest.fixture
def reference(minimal_built: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the built minimal project: its site/ is what every later build gives."""
    site = _snapshot(minimal_built / "site")
    if not _SAME_SITE:   # once per test run: the command builds the same site
        _timed_build(minimal_built)
        _SAME_SITE.append(_snapshot(minimal_built / "site") == site)
    assert _SAME_SITE[0]
    return minimal_built, site


def _assert_whole(project: Path, site: dict[str, bytes], when: str) -> None:
    assert (project / "site").is_dir() and not (project / "site").is_symlink(), when
    assert _snapshot(project / "site") == site, when
    assert _parses(project / "site" / "index.html"), when


def _killed_run(project: Path, after: float, hook: str = "") -> int:
    """`oit build` started and killed with SIGKILL ``after`` seconds (or by its own hook)."""
    env = {**os.environ, "OIT_TEST_KILL": hook}
    command = [sys.executable, str(HOOK)] if hook else [str(OIT)]
    proc = subprocess.Popen([*command, "--project", str(project), *BUILD], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        proc.wait(timeout=after if not hook else 120)   # a hook kills it by itself
    except subprocess.TimeoutExpired:
        pass
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    return proc.returncode


def test_site_is_whole_after_a_kill_at_any_of_34_moments_and_the_next_build_cleans_up(
        reference: tuple[Path, dict[str, bytes]]) -> None:
    project, site = reference
    _timed_build(project)   # a first build writes more
    hooks = ["before-exchange", "after-exchange"] * 2   # the hook kills at the same point
    killed = 0
    # 30 moments spread over a whole build. Other tests run meanwhile and the machine's load
    # changes, so a build is timed again before each third of them, and a build that
    # finished before its moment shortens the next ones.
    for third in range(3):
        seconds = _timed_build(project)
        for i in range(third * 10 + 1, third * 10 + 11):
            after = seconds * 0.95 * i / 30
            start = time.monotonic()
            if _killed_run(project, after) == -signal.SIGKILL:
                killed += 1
            else:
                seconds = min(seconds, time.monotonic() - start)
            _assert_whole(project, site, f"killed after {after:.2f} s")
    for hook in hooks:
        assert _killed_run(project, 0, hook) == -signal.SIGKILL, hook
        _assert_whole(project, site, f"killed {hook}")
    assert killed >= 24, killed   # most fell inside a build (the rest: it had finished)
    done = _oit(project, *BUILD)
    assert done.returncode == 0, done.stderr
    _assert_whole(project, site, "the next build")
    assert _leftovers(project) == []
    assert all(page_state(p) is PageState.OURS for p in (project / "content").rglob("*.md")
               if p.read_bytes().startswith(b"<!-- GENERATED"))


def test_a_build_killed_between_the_fallbacks_two_renames_is_repaired_by_the_next(
        reference: tuple[Path, dict[str, bytes]]) -> None:
    project, site = reference
    assert _killed_run(project, 0, "between-renames") == -signal.SIGKILL
    assert not (project / "site").exists()   # the gap README admits for that fallback
    assert (project / ".oit-build" / "site.old").is_dir()
    done = _oit(project, *BUILD)
    assert done.returncode == 0, done.stderr
    _assert_whole(project, site, "after the repair")
    assert _leftovers(project) == []


@contextmanager
def _watch_site(project: Path) -> Iterator[list[str]]:
    """Poll site/ while builds run: every look must find a whole home page."""
    import threading

    seen: list[str] = []
    stop = threading.Event()

    def look() -> None:
        while not stop.is_set():
            try:
                seen.append("ok" if _parses(project / "site" / "index.html") else "bad")
            except (OSError, UnicodeDecodeError) as exc:
                seen.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.01)

    watcher = threading.Thread(target=look)
    watcher.start()
    try:
        yield seen
    finally:
        stop.set()
        watcher.join()


# When the second build starts: with the first, once the first holds the lock, this share
# of a build's time after the first, and after the first has finished.
@pytest.mark.parametrize("start", [0.0, "locked", 0.7, 1.5])
def test_two_builds_at_once_both_succeed_and_never_break_site_or_content(
        reference: tuple[Path, dict[str, bytes]], start: float | str) -> None:
    project, site = reference
    seconds = _timed_build(project)   # timed now: other tests run meanwhile
    content = _snapshot(project / "content")
    with _watch_site(project) as seen:
        first = subprocess.Popen([str(OIT), "--project", str(project), *BUILD],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = ""
        if start == "locked":   # not a time: the load of other tests moves every time
            _wait_for_lock(project, first.pid)
            first.send_signal(signal.SIGSTOP)   # it holds the lock until the second has asked
        else:
            time.sleep(float(start) * seconds)
        second = subprocess.Popen([str(OIT), "--project", str(project), *BUILD],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if start == "locked":
            resume = threading.Timer(60, first.send_signal, [signal.SIGCONT])   # at the latest
            resume.start()
            try:
                said = second.stderr.readline() if second.stderr else ""
            finally:
                first.send_signal(signal.SIGCONT)
                resume.cancel()
        (out1, err1), (out2, err2) = (proc.communicate(timeout=300) for proc in (first, second))
        results = [(first.pid, out1, err1, first.returncode),
                   (second.pid, out2, said + err2, second.returncode)]
    for _, out, err, code in results:
        assert code == 0 and "Traceback" not in err, err
        assert out.startswith("Built site/ from data/: 11 pages")
    waited = [(pid, err) for pid, _, err, _ in results if err.startswith("waiting: ")]
    if start in (0.0, "locked"):   # the second asked while the first held the lock
        assert len(waited) == 1
    for pid, err in waited:
        other = next(p for p, *_ in results if p != pid)
        assert err.startswith(f"waiting: another oit build (PID {other}, started "), err
        assert err.count("\n") == 1   # said once
    assert seen and set(seen) == {"ok"}, sorted(set(seen))
    _assert_whole(project, site, f"the second build started at {start}")
    assert _snapshot(project / "content") == content
    assert _leftovers(project) == []


# --- faults of the machine: each one message, exit 1, no traceback --------------------------

MACHINE = ("cannot go on because of the machine, not the data (the published site/ is "
           "still the previous one, complete):")
DISK_FULL = (r"(?P<path>[^ ]+): the disk is full \(No space left on device\) "
             r"\(expected free space on the disk: delete unused files and run oit build again\)")


@contextmanager
def _small_disk(tmp_path: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of ``size``, mounted for the test (a real full disk)."""
    if not IS_ROOT:
        pytest.skip("needs root to mount a small tmpfs for a real full disk "
                    "(CI runs as root; this run is not root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"mount -t tmpfs is refused here (root, but {done.stderr.strip()})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def _fill(disk: Path, leave: int) -> Path:
    """A filler file that leaves ``leave`` bytes free on ``disk``."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler = disk / "filler"
    with filler.open("wb") as out:
        out.truncate(0)
        remaining = max(0, free - leave)
        while remaining:
            chunk = min(remaining, 1 << 20)
            try:
                out.write(b"\0" * chunk)
                out.flush()
            except OSError:
                break
            remaining -= chunk
    return filler


def _pages_all_trusted(project: Path) -> bool:
    return all(page_state(p) in (PageState.OURS, PageState.HAND_WRITTEN)
               for p in (project / "content").rglob("*.md"))


# Free space at which a build runs out: the minimal site needs about 1.7 MB to stage.
@pytest.mark.parametrize("free_kb", [0, 16, 256, 1024])
def test_a_full_disk_is_a_message_and_site_and_content_stay_whole(
        tmp_path: Path, free_kb: int) -> None:
    with _small_disk(tmp_path, "24m") as disk:
        project = copy_project(disk / "project", FIXTURES / "minimal")
        assert _oit(project, *BUILD).returncode == 0
        site = _snapshot(project / "site")
        for page in (project / "content").rglob("*.md"):   # every page must be written again
            if page.read_bytes().startswith(b"<!-- GENERATED"):
                page.unlink()
        filler = _fill(disk, free_kb * 1024)
        done = _oit(project, "build", "--build-date", "2026-11-24")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        lines = done.stderr.splitlines()
        assert lines[0] == MACHINE and len(lines) == 2, done.stderr
        where = re.fullmatch(DISK_FULL, lines[1])
        assert where is not None, lines[1]
        assert not where["path"].startswith("/")   # named from the project
        _assert_whole(project, site, f"disk full with {free_kb} KB free")
        assert [p for p in _leftovers(project) if p.startswith("site-")] == []
        assert _pages_all_trusted(project)
        filler.unlink()
        again = _oit(project, *BUILD)
        assert again.returncode == 0, again.stderr
        assert _snapshot(project / "site") == site and _leftovers(project) == []


@pytest.mark.parametrize("folder, named, built_before", [
    ("content", "content/2569", False),
    ("site", "site", True),
    (".", ".oit-build", False),
])
def test_a_read_only_folder_is_a_message_naming_it(
        minimal_project: Path, folder: str, named: str, built_before: bool) -> None:
    if built_before:
        assert _oit(minimal_project, *BUILD).returncode == 0
    before = _snapshot(minimal_project / "site") if built_before else None
    with read_only(minimal_project / folder) as expected:
        done = _oit(minimal_project, *BUILD)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines() == [MACHINE, f"{named}: {expected}"]
    if before is not None:
        assert _snapshot(minimal_project / "site") == before
    assert [p for p in _leftovers(minimal_project) if p.startswith("site-")] == []


def test_a_symbolic_link_at_a_page_path_is_refused_and_what_it_points_to_untouched(
        minimal_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("<!-- GENERATED by oit build: not ours -->\nไฟล์นอกโครงการ\n",
                       encoding="utf-8")
    (minimal_project / "content" / "index.md").symlink_to(outside)
    done = _oit(minimal_project, *BUILD, "--lang", "th")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "ไม่ได้เขียนหน้าใดลงใน content/ เลย: oit ไม่เขียนผ่านลิงก์สัญลักษณ์ (symbolic link)",
        f"content/index.md: เป็นลิงก์สัญลักษณ์ (symbolic link) ไปยัง '{outside}' "
        "oit จึงไม่เขียนผ่านลิงก์นี้ (จะไปเขียนทับไฟล์ที่ลิงก์ชี้ไป) "
        "(ควรเป็น ลบลิงก์นี้ออก แล้วสั่ง oit build อีกครั้ง: oit สร้างหน้านี้จากไฟล์ข้อมูล)"]
    assert outside.read_text(encoding="utf-8").endswith("ไฟล์นอกโครงการ\n")
    assert not (minimal_project / "site").exists()


def test_a_hand_edited_generated_page_stops_the_build_and_is_kept(
        reference: tuple[Path, dict[str, bytes]]) -> None:
    project, site = reference
    page = project / "content" / "2569" / "01-budget-plan.md"
    page.write_bytes(page.read_bytes() + "\nหมายเหตุที่เพิ่มเอง\n".encode())
    edited = page.read_bytes()
    done = _oit(project, *BUILD, "--lang", "th")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "ไม่ได้เขียนหน้าใดเลย: หน้าที่ oit สร้างจะไปแทนที่ไฟล์ที่เขียนเองหรือสิ่งที่แก้ไขด้วยมือ",
        "content/2569/01-budget-plan.md: แก้ไขด้วยมือหลังจาก oit สร้างไว้ (เนื้อหาไม่ตรงกับที่ "
        "oit เขียน) จึงไม่เขียนทับและไม่ลบ (ควรเป็น ย้ายสิ่งที่แก้ไปไว้ในไฟล์ข้อมูลใน data/ "
        "แล้วลบไฟล์นี้ เพื่อให้ oit เขียนใหม่)"]
    assert page.read_bytes() == edited
    _assert_whole(project, site, "after the refusal")
    page.unlink()   # what the message says to do
    assert _oit(project, *BUILD).returncode == 0


def test_a_cut_generated_page_left_by_an_older_build_is_written_again(
        reference: tuple[Path, dict[str, bytes]]) -> None:
    project, site = reference
    page = project / "content" / "2569" / "01-budget-plan.md"
    whole = page.read_bytes()
    cut = whole.index("แผน".encode()) + 1   # inside a Thai letter: not UTF-8
    page.write_bytes(whole[:cut])
    done = _oit(project, *BUILD)
    assert done.returncode == 0, done.stderr
    assert page.read_bytes() == whole
    _assert_whole(project, site, "after rewriting the cut page")


def test_a_build_writes_nothing_outside_the_project(example_project: Path,
                                                   tmp_path: Path) -> None:
    """Home, the temporary folder and the folder the command is run from stay empty, though
    anyone may write there (LinkChecker drops root to nobody); in the project, only site/,
    the generated pages in content/ and .oit-build/ are new. A second build reads what the
    first kept (the compiled templates) from the project too."""
    outside = {name: tmp_path / name for name in ("home", "tmp", "here")}
    for folder in outside.values():
        folder.mkdir()
        folder.chmod(0o1777)
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update(HOME=str(outside["home"]), TMPDIR=str(outside["tmp"]))
    before = {p.name for p in example_project.iterdir()}
    for _ in range(2):
        done = _oit(example_project, *BUILD, cwd=outside["here"], env=env)
        assert done.returncode == 0, done.stderr
    for name, folder in outside.items():
        assert [p.relative_to(folder).as_posix() for p in folder.rglob("*")] == [], name
    assert {p.name for p in example_project.iterdir()} - before == {"site", ".oit-build"}


def test_shadowing_modules_in_the_working_folder_do_not_break_mkdocs(
        reference: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    project, site = reference
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    for folder in (project, elsewhere):
        for name in ("markdown", "yaml", "mkdocs", "linkcheck", "jinja2"):
            (folder / f"{name}.py").write_text(f"raise SystemExit('{name}.py was imported')\n",
                                               encoding="utf-8")
    for cwd in (project, elsewhere):
        done = _oit(project, "build", "--build-date", "2026-11-23", cwd=cwd)
        assert done.returncode == 0 and "was imported" not in done.stderr, done.stderr
        _assert_whole(project, site, f"run from {cwd}")


def test_linkchecker_that_cannot_start_is_a_message(
        reference: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    project, site = reference
    broken = tmp_path / "broken" / "linkcheck"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('LinkChecker is not installed')\n",
                                        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(broken.parent)}
    done = _oit(project, "build", "--build-date", "2026-11-24", "--lang", "th", env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == ("ตรวจลิงก์ไม่ได้เพราะปัญหาของเครื่อง ไม่ใช่ของข้อมูล "
                        "(site/ ที่เผยแพร่อยู่ยังเป็นชุดเดิม):")
    assert lines[1].startswith("linkchecker: เรียกใช้ LinkChecker ไม่ได้ จึงตรวจลิงก์ไม่ได้ (")
    assert "(ImportError: LinkChecker is not installed)" in lines[1]
    assert lines[1].endswith("(ควรเป็น LinkChecker 10 ในสภาพแวดล้อมเดียวกับ oit "
                             "(./setup.sh --install-only ติดตั้งให้ หรือ pip install "
                             "'LinkChecker>=10.5,<11'))")
    _assert_whole(project, site, "LinkChecker missing")
    assert [p for p in _leftovers(project) if p.startswith("site-")] == []


def test_a_build_that_cannot_get_the_lock_in_time_says_who_holds_it(
        minimal_project: Path) -> None:
    from test_lock import held_elsewhere

    with held_elsewhere(minimal_project / ".oit-build") as holder:
        start = time.monotonic()
        done = _oit(minimal_project, *BUILD, "--wait", "1")
        assert 1 <= time.monotonic() - start < 30
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    who = rf"another oit build \(PID {holder.pid}, started [0-9-]+ [0-9:+-]+\)"
    assert len(lines) == 2, lines
    assert re.fullmatch(rf"waiting: {who} is building this project's site; this one starts "
                        r"when it ends \(waiting at most 1 s\)", lines[0]), lines[0]
    assert re.fullmatch(rf"\.oit-build/build\.lock: {who} is still building this project's "
                        r"site after 1 s \(expected .*\(kill its PID\)\)", lines[1])
    assert not (minimal_project / "site").exists()


@pytest.mark.parametrize("args", [["check", "--as-of", "2026-11-23"], ["validate"],
                                  ["links", "--format", "json"]])
def test_a_reader_that_hangs_up_ends_the_command_quietly(
        example_project: Path, args: list[str]) -> None:
    proc = subprocess.Popen([str(OIT), "--project", str(example_project), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()   # as `| head -1` does once it has its line (here: before any)
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141 and err == ""


def _wait_for_lock(project: Path, pid: int) -> None:
    """Until the build ``pid`` holds the lock: its own code runs (Python prints a traceback
    for a Ctrl-C while it is still importing oit, before any code of ours runs)."""
    lock = project / ".oit-build" / "build.lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if lock.is_file() and lock.read_text(encoding="utf-8").startswith(f"pid={pid} "):
            return
        time.sleep(0.005)
    pytest.fail("the build never took the lock")


def test_ctrl_c_at_any_moment_ends_quietly_and_leaves_a_whole_site(
        reference: tuple[Path, dict[str, bytes]]) -> None:
    project, site = reference
    # A test run started in the background (`pytest … &`) ignores SIGINT, and so would the
    # builds it starts; a terminal's Ctrl-C reaches a build that handles it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)   # reset for children
    try:
        _ctrl_c_at_moments(project, site)
    finally:
        signal.signal(signal.SIGINT, previous)


def _ctrl_c_at_moments(project: Path, site: dict[str, bytes]) -> None:
    # How long a build runs once it holds the lock (the moments below count from there).
    proc = subprocess.Popen([str(OIT), "--project", str(project), *BUILD],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_lock(project, proc.pid)
    start = time.monotonic()
    assert proc.wait(timeout=120) == 0
    seconds = time.monotonic() - start
    codes: list[int] = []
    for i in range(0, 7):   # other tests run meanwhile: a build that ended first shortens the rest
        after = seconds * i / 8
        proc = subprocess.Popen([str(OIT), "--project", str(project), *BUILD],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        _wait_for_lock(project, proc.pid)
        start = time.monotonic()
        time.sleep(after)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)   # what Ctrl-C sends: the whole group
        out, err = proc.communicate(timeout=120)
        # The build had finished and Python was ending (its handler already gone): the
        # shell shows 130 and the new site is published whole.
        ending = proc.returncode == -signal.SIGINT and out.startswith("Built site/") and not err
        assert ending or (proc.returncode, err) in ((130, "stopped (Ctrl-C)\n"), (0, "")), \
            (after, proc.returncode, err)
        codes.append(proc.returncode)
        if proc.returncode != 130:
            seconds = min(seconds, time.monotonic() - start)
        _assert_whole(project, site, f"Ctrl-C after {after:.2f} s")
        assert [p for p in _leftovers(project) if p.startswith("site-")] == []
    assert codes.count(130) >= 5, codes   # most moments fell inside the build


def test_a_ctrl_c_the_moment_the_staging_folder_is_made_leaves_no_folder(
        reference: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the Ctrl-C test's first moment can fall under load: made, and then interrupted.
    from generator.commands.build import build
    from generator.project import Project

    project, site = reference
    make = Path.mkdir

    def interrupted(path: Path, *args: Any, **kwargs: Any) -> None:
        make(path, *args, **kwargs)
        if path.name.startswith("site-"):
            raise KeyboardInterrupt

    monkeypatch.setattr(Path, "mkdir", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(Project.at(project), datetime.date(2026, 11, 23))
    monkeypatch.undo()
    assert [p for p in _leftovers(project) if p.startswith("site-")] == []
    _assert_whole(project, site, "Ctrl-C as the staging folder was made")


def test_an_old_site_file_that_cannot_be_removed_is_named_by_the_next_build(
        reference: tuple[Path, dict[str, bytes]]) -> None:
    if not IS_ROOT:
        pytest.skip("needs root: chattr +i makes a file that cannot be removed (a mode does not)")
    project, site = reference
    stuck = project / "site" / "uploaded-by-hand.txt"
    stuck.write_text("ไฟล์ที่ลบไม่ได้", encoding="utf-8")
    subprocess.run(["chattr", "+i", str(stuck)], check=True)
    try:
        done = _oit(project, *BUILD)
        assert done.returncode == 0, done.stderr   # published: only the old tree is left over
        _assert_whole(project, site, "after publishing")
        again = _oit(project, *BUILD, "--lang", "th")
        left = [p for p in (project / ".oit-build").iterdir() if p.name.startswith("site-")]
        assert len(left) == 1
        assert again.returncode == 1 and "Traceback" not in again.stderr
        assert again.stderr.splitlines()[1] == (
            f".oit-build/{left[0].name}/uploaded-by-hand.txt: ระบบไม่อนุญาตให้เขียนหรือเปลี่ยน"
            "ชื่อที่นี่ (Operation not permitted) (ควรเป็น สิทธิ์เขียนในโฟลเดอร์นี้ "
            "(ไฟล์หรือโฟลเดอร์อาจถูกล็อกไว้ เช่น chattr +i))")
        _assert_whole(project, site, "after the refusal")
    finally:
        for path in project.rglob("uploaded-by-hand.txt"):
            subprocess.run(["chattr", "-i", str(path)], check=True)
    assert _oit(project, *BUILD).returncode == 0 and _leftovers(project) == []
