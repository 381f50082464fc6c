"""The command line: options where people type them."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import unicodedata
from pathlib import Path

import mkdocs
import pytest

from conftest import OIT
from generator.cli import main, make_parser, usage_error


@pytest.mark.parametrize("where", ["before", "after"])
def test_project_is_read_before_or_after_the_command(
        where: str, example_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)   # no data/ here: only --project can find the data
    option = ["--project", str(example_project)]
    argv = [*option, "validate"] if where == "before" else ["validate", *option]
    assert main(argv) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("Data OK: ")


def test_the_commands_own_project_wins_over_one_before_it(
        example_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(tmp_path), "validate", "--project", str(example_project)]) == 0
    assert main(["validate", "--project", str(tmp_path)]) == 1
    assert "data" in capsys.readouterr().err


def test_without_project_the_folder_is_the_current_one(
        example_project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(example_project)
    assert main(["validate"]) == 0, capsys.readouterr().err


def _oit_in(encoding: str, *argv: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`oit` run with a console in ``encoding`` (what a locale or a Windows redirect gives)."""
    return subprocess.run([str(OIT), *argv], capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": encoding, **env}, timeout=120)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_a_console_that_cannot_show_thai_gets_english_not_a_traceback(
        encoding: str, example_project: Path) -> None:
    project = ["--project", str(example_project), "validate"]
    done = _oit_in(encoding, *project, OIT_LANG="")
    assert done.returncode == 0 and done.stdout.decode(encoding).startswith("Data OK: ")
    # Asked for Thai, it gets Thai: what the console cannot show becomes '?'.
    done = _oit_in(encoding, *project, "--lang", "th")
    assert done.returncode == 0 and done.stdout.decode(encoding).startswith("???"), done.stderr
    (example_project / "data" / "unit.yml").write_text("name_th: [\n", encoding="utf-8")
    for lang in ([], ["--lang", "th"]):   # on stderr, Python's own \u0e01 escapes
        done = _oit_in(encoding, *project, *lang, OIT_LANG="")
        err = done.stderr.decode(encoding)
        assert done.returncode == 1 and "data/unit.yml:" in err and "Traceback" not in err, err


def test_a_thai_console_in_cp874_gets_thai(example_project: Path) -> None:
    done = _oit_in("cp874", "--project", str(example_project), "validate", OIT_LANG="")
    assert done.returncode == 0
    assert done.stdout.decode("cp874").startswith("ข้อมูลถูกต้อง: ")


@pytest.mark.parametrize("project", [[], ["--project", "."]])
def test_a_working_folder_deleted_under_the_command_is_a_message(
        project: list[str], tmp_path: Path) -> None:
    """A terminal left in a project folder that was then deleted (unzipped again, cloned
    again): the command says so instead of a traceback."""
    gone = tmp_path / "gone"
    gone.mkdir()
    done = subprocess.run(["sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$@"', "sh",
                           str(gone), str(OIT), *project, "validate", "--lang", "th"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "ถูกลบหรือย้ายไปแล้ว" in done.stderr and "--project" in done.stderr


@pytest.mark.parametrize("command", [["oit"], ["python", "-m", "generator"]])
def test_the_command_delivers_all_its_output_and_its_exit_code(
        command: list[str], example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`oit` leaves without the interpreter's tear-down (os._exit): what it printed, and its
    exit code, are still all there, through a pipe."""
    argv = ["--project", str(example_project), "check", "--format", "json", "--as-of",
            "2026-11-23"]
    code = main(argv)
    expected = capsys.readouterr().out
    program = [str(OIT)] if command == ["oit"] else \
        [sys.executable, "-m", "generator"]
    done = subprocess.run([*program, *argv], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (code, expected), done.stderr
    assert code == 1 and len(expected) > 1000   # findings, exit 1; held in stdout's buffer


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as ended:
        main([*argv, "--help"])
    assert ended.value.code == 0
    return capsys.readouterr().out


def test_the_help_is_in_thai_unless_english_is_asked_for(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OIT_LANG", raising=False)
    thai = _help(capsys)
    assert thai.startswith("วิธีใช้: oit ") and "แสดงวิธีใช้นี้แล้วจบ" in thai
    assert "คำสั่ง:" in thai and "ตรวจข้อมูล สร้างหน้าเว็บ สร้าง site/ และตรวจลิงก์" in thai
    assert "show this help" not in thai and "options:" not in thai
    for asked in (["--lang", "en"], ["--lang=en"]):
        english = _help(capsys, "build", *asked)
        assert english.startswith("usage: oit build") and "options:" in english
        assert "date shown as the build date" in english
    monkeypatch.setenv("OIT_LANG", "en")
    assert _help(capsys, "check").startswith("usage: oit check")


def test_no_help_line_starts_with_a_mark_parted_from_its_letter(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Thai has no spaces between words: the help breaks lines at spaces only."""
    commands = next(a for a in make_parser()._actions if hasattr(a, "choices") and
                    isinstance(a.choices, dict))
    for command in ["", *commands.choices]:
        for line in _help(capsys, *([command] if command else []), "--lang", "th").splitlines():
            text = line.strip()
            assert not text or unicodedata.category(text[0]) != "Mn", (command, line)


@pytest.mark.parametrize("argv, said", [
    (["biuld"], "คำสั่ง: ไม่มี 'biuld' หมายถึง build หรือไม่"),
    (["chekc", "--year", "2570"], "หมายถึง check หรือไม่"),
    (["check", "--yaer", "2570"], "ไม่รู้จัก --yaer 2570 หมายถึง --year หรือไม่"),
    (["check", "--year", "abc"], "--year: 'abc' ไม่ใช่ตัวเลข"),
    (["check", "--format", "docx"], "--format: ไม่มี 'docx' (เลือกได้: 'text', 'json'"),
    ([], "ต้องระบุคำสั่ง เช่น oit build"),
    (["convert", "data/2570/04-procurement-plan.yml"], "ต้องระบุ --to"),
    (["build", "--build-date", "23/11/2569"], "'23/11/2569' ไม่ใช่วันที่แบบ 2026-11-23"),
    (["build", "--wait"], "--wait: ต้องมีค่าตามหลัง"),
    (["links", "--max-age", "forever"], "'forever' ไม่ใช่ช่วงเวลาแบบ 30m, 12h, 1d หรือ 2w"),
    (["serve", "--port", "0"], "'0' ไม่ใช่จำนวนเต็มตั้งแต่ 1 ขึ้นไป"),
    (["--lang", "en", "biuld"], "invalid choice: 'biuld' (choose from 'build', "),
    (["--lang", "en", "biuld"], "(did you mean build?)"),
    (["--lang", "en", "check", "--yaer", "1"], "unrecognized arguments: --yaer 1 (did you mean --year?)"),
])
def test_a_usage_error_says_what_is_wrong_in_the_language_in_use(
        argv: list[str], said: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OIT_LANG", raising=False)
    with pytest.raises(SystemExit) as ended:
        main(argv)
    err = capsys.readouterr().err
    assert ended.value.code == 2 and said in err, err
    assert err.startswith("usage: " if "en" in argv else "วิธีใช้: ")


@pytest.mark.parametrize("choices", ["'build', 'validate'", "build, validate"])
def test_the_nearest_command_is_found_however_argparse_lists_the_choices(
        choices: str, lang: str) -> None:
    """Python 3.12 quotes the choices in its message, later ones do not."""
    said = usage_error(f"argument command: invalid choice: 'biuld' (choose from {choices})")
    assert ("หมายถึง build หรือไม่" if lang == "th" else "(did you mean build?)") in said


def test_version_names_oit_and_the_tools_it_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["--version"])
    out = capsys.readouterr().out
    assert ended.value.code == 0 and out.startswith("oit 0.")
    assert f"MkDocs {mkdocs.__version__}," in out and f"Python {platform.python_version()})" in out
    assert "Material for MkDocs 9." in out and "LinkChecker 10." in out
