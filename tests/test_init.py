"""`oit init`: a new project from nothing but the unit's details; nothing that exists is
touched, and a wrong detail writes nothing."""
from __future__ import annotations

import datetime
import os
import pty
import select
import subprocess
import time
from pathlib import Path

import pytest

from conftest import OIT
from generator.cli import main
from generator.commands.init import FIRST_YEAR_TOPICS, UnitDetails, init
from generator.model.load import load_dataset
from generator.topics import Topic

DETAILS = ["--name-th", "กองทดลองระบบ", "--name-en", "Test Bureau", "--parent", "กรมทดลอง",
           "--address", "99 ถนนทดลอง นนทบุรี 11000", "--phone", "0 2123 4567",
           "--email", "saraban@test.example.go.th", "--website", "https://test.example.go.th",
           "--domain", "test.example.go.th", "--domain", "www.example.go.th"]
NOV_2026 = datetime.date(2026, 11, 23)


def _init(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["init", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _uncommented(path: Path) -> None:
    """The skeleton with every commented field below fiscal_year turned on."""
    lines, out, below = path.read_text(encoding="utf-8").split("\n"), [], False
    for line in lines:
        below = below or line.startswith("fiscal_year:")
        out.append(line[2:] if below and line.startswith("# ") else line)
    path.write_text("\n".join(out), encoding="utf-8")


@pytest.mark.slow
def test_init_with_options_then_build_makes_a_site_in_an_empty_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "new-unit"
    code, out, err = _init(capsys, str(root), *DETAILS)
    assert code == 0, err
    year = load_dataset(root / "data", root).current_year
    assert f"oit build --project {root}" in out.splitlines()[-1]
    assert main(["--project", str(root), "build"]) == 0, capsys.readouterr().err
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "กองทดลองระบบ" in home and f"{year}/04-procurement-plan/" in home
    assert sorted(p.name for p in root.iterdir()) == [".oit-build", "content", "data", "site"]


def test_the_fiscal_year_is_todays_in_thailand(tmp_path: Path) -> None:
    assert init(tmp_path / "a", UnitDetails("กอง"), datetime.date(2026, 9, 30)).year == 2569
    assert init(tmp_path / "b", UnitDetails("กอง"), datetime.date(2026, 10, 1)).year == 2570
    dataset = load_dataset(tmp_path / "b" / "data", tmp_path / "b")
    assert dataset.current_year == 2570
    assert set(dataset.years[2570].topics) == set(FIRST_YEAR_TOPICS)
    assert Topic.BUDGET_REPORT not in FIRST_YEAR_TOPICS   # written after the year ends


def test_every_commented_field_of_the_skeletons_is_valid_once_turned_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = init(tmp_path, UnitDetails("กองทดลอง", website="https://www.example.go.th",
                                        domains=("www.example.go.th",)), NOV_2026)
    for path in (tmp_path / "data" / str(report.year)).glob("*.yml"):
        _uncommented(path)
    assert main(["--project", str(tmp_path), "validate"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("value", ['กอง "ทดลอง": ระบบ #1', "<script>alert(1)</script>",
                                   "x{: onclick=alert(5) }", "'", "- กอง", "กอง\\nทดลอง",
                                   "null", "2570", "&a *b", "กอง\nทดลอง: สาย 2"])
def test_a_detail_is_written_so_that_it_reads_back_exactly(tmp_path: Path, value: str) -> None:
    init(tmp_path, UnitDetails(value, parent=value), NOV_2026)
    unit = load_dataset(tmp_path / "data", tmp_path).unit
    assert (unit.name_th, unit.parent) == (value, value)


def test_wrong_details_are_named_by_option_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "u"
    code, _, err = _init(capsys, str(root), "--name-th", "กอง\x01", "--phone", "abc",
                         "--email", "x@")
    assert code == 1
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines] == ["--email", "--name-th", "--phone"]
    assert "Traceback" not in err
    assert not root.exists()


def test_an_existing_project_is_refused_and_left_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    init(tmp_path, UnitDetails("กองเดิม"), NOV_2026)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, _, err = _init(capsys, str(tmp_path), "--name-th", "กองใหม่", "--lang", lang)
    said = {"th": "data/unit.yml: โฟลเดอร์นี้มีโครงการอยู่แล้ว ไม่ได้เขียนแฟ้มใด (ควรเป็น "
                  "โฟลเดอร์ใหม่ หรือใช้ oit build กับโครงการนี้)",
            "en": "data/unit.yml: this folder already holds a project; no file was written "
                  "(expected a new folder, or oit build for this project)"}
    assert code == 1 and said[lang] in err, err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_topic_file_that_exists_is_kept_and_said_so(tmp_path: Path, lang: str) -> None:
    mine = tmp_path / "data" / "2570" / "05-opinion-channels.yml"
    mine.parent.mkdir(parents=True)
    mine.write_text("fiscal_year: 2570\nresponsible: ของเดิม\n", encoding="utf-8")
    report = init(tmp_path, UnitDetails("กอง"), NOV_2026)
    assert report.files.kept == ["data/2570/05-opinion-channels.yml"]
    assert mine.read_text(encoding="utf-8") == "fiscal_year: 2570\nresponsible: ของเดิม\n"
    kept = {"th": "  มีอยู่แล้ว ไม่ได้แก้ไข: data/2570/05-opinion-channels.yml",
            "en": "  already there, left as it is: data/2570/05-opinion-channels.yml"}
    assert kept[lang] in report.as_text().splitlines()


def test_without_a_name_and_no_one_to_ask_it_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = _init(capsys, str(tmp_path / "u"))
    assert code == 2 and "--name-th" in err
    assert not (tmp_path / "u").exists()


def test_asked_in_thai_when_typed_at_a_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["", "กองถามตอบ", "Asked Bureau", "", "", "0 2123 4567", "", ""])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    code, out, err = _init(capsys, str(tmp_path), "--lang", "th")
    assert code == 0, err
    assert out.startswith("สร้างโครงการใหม่: กรอกข้อมูลหน่วยงาน")
    unit = load_dataset(tmp_path / "data", tmp_path).unit
    assert (unit.name_th, unit.name_en, unit.phone) == ("กองถามตอบ", "Asked Bureau", "0 2123 4567")


def test_ctrl_d_at_a_question_cancels_and_writes_nothing(tmp_path: Path) -> None:
    """At a real terminal (a pseudo-terminal), Ctrl-D at the first question: a Thai line and
    exit 2, not a traceback, and no folder made."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(OIT), "init",
                             str(tmp_path / "u"), "--lang", "th"],
                            stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    shown = _read_terminal(leader, until=b": ")
    os.write(leader, b"\x04")
    shown += _read_terminal(leader, until=None)
    os.close(leader)
    assert proc.wait(timeout=60) == 2, shown
    text = shown.decode("utf-8")
    assert "ยกเลิกแล้ว" in text and "Traceback" not in text, text
    assert not (tmp_path / "u").exists()


def test_what_a_terminal_sends_in_another_encoding_is_a_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def typed(prompt: str) -> str:
        raise UnicodeDecodeError("utf-8", b"\xa1", 0, 1, "invalid start byte")

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", typed)
    code, _, err = _init(capsys, str(tmp_path / "u"), "--lang", "th")
    assert code == 2 and "UTF-8" in err and "--name-th" in err
    assert not (tmp_path / "u").exists()


def _read_terminal(leader: int, until: bytes | None, seconds: float = 30) -> bytes:
    """What the program wrote to the terminal, up to ``until`` (None: until it closes)."""
    shown, end = b"", time.monotonic() + seconds
    while time.monotonic() < end and (until is None or until not in shown):
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:   # EIO: the program has closed the terminal
                break
            if not chunk:
                break
            shown += chunk
    return shown


def test_a_new_file_cut_short_by_a_full_disk_is_not_left_to_be_kept(tmp_path: Path) -> None:
    import errno

    from generator.commands.init import NewFiles
    from test_publish import _fill, _small_disk

    with _small_disk(tmp_path, "1m") as disk:
        filler = _fill(disk, 16 * 1024)
        files = NewFiles(disk)
        with pytest.raises(OSError) as caught:
            files.write(disk / "data" / "2570" / "04-procurement-plan.xlsx", b"x" * 200_000)
        assert caught.value.errno == errno.ENOSPC
        assert not (disk / "data" / "2570" / "04-procurement-plan.xlsx").exists()
        filler.unlink()
        files.write(disk / "data" / "2570" / "04-procurement-plan.xlsx", b"x" * 200_000)
        assert (files.written, files.kept) == (["data/2570/04-procurement-plan.xlsx"], [])
