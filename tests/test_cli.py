"""The command line: options where people type them."""
from __future__ import annotations

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
