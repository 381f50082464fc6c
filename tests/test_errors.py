"""generator/errors.py: how problems name the user's files."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import display_path


def test_a_path_made_from_the_project_is_shown_relative_to_it(tmp_path: Path) -> None:
    assert display_path(tmp_path / "data" / "2569" / "01-budget-plan.yml", tmp_path) == \
        "data/2569/01-budget-plan.yml"


def test_a_linked_year_folder_is_shown_where_the_user_sees_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "2569").symlink_to(elsewhere)
    assert display_path(tmp_path / "data" / "2569" / "x.yml", tmp_path) == "data/2569/x.yml"


def test_a_path_through_a_linked_root_is_compared_resolved(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "project")
    assert display_path(tmp_path / "link" / "data" / "unit.yml", tmp_path / "project") == \
        "data/unit.yml"


def test_a_relative_path_is_shown_relative_to_the_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(Path("data/unit.yml")) == "data/unit.yml"
    assert display_path(tmp_path / "data" / ".." / "unit.yml") == "unit.yml"


def test_a_path_outside_the_project_is_shown_whole(tmp_path: Path) -> None:
    outside = tmp_path.parent / "somewhere.yml"
    assert display_path(outside, tmp_path) == str(outside)
