"""The command line: options where people type them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main


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
    return subprocess.run([str(Path(sys.executable).parent / "oit"), *argv], capture_output=True,
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
    oit = Path(sys.executable).parent / "oit"
    done = subprocess.run(["sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$@"', "sh",
                           str(gone), str(oit), *project, "validate", "--lang", "th"],
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
    program = [str(Path(sys.executable).parent / "oit")] if command == ["oit"] else \
        [sys.executable, "-m", "generator"]
    done = subprocess.run([*program, *argv], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (code, expected), done.stderr
    assert code == 1 and len(expected) > 1000   # findings, exit 1; held in stdout's buffer
