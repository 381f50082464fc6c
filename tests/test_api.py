"""The library API: `import generator` gives the four commands, Project and the errors, and
README's example runs as written."""
from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

import generator
from generator.commands.build import BuildReport
from generator.commands.validate import Validation

from conftest import REPO


def test_the_api_names_what_readme_promises() -> None:
    assert {"build", "validate", "check", "links", "Project", "UserError"} <= set(generator.__all__)
    assert all(hasattr(generator, name) for name in generator.__all__)


def test_validate_returns_the_data_and_raises_user_error_with_every_problem(
        example_project: Path) -> None:
    project = generator.Project.at(str(example_project))
    validation = generator.validate(project)
    assert isinstance(validation, Validation)
    assert validation.dataset.unit.name_th in validation.as_text()
    plan = example_project / "data" / "2569" / "01-budget-plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("fiscal_year: 2569", "fiscal_year: x", 1),
                    encoding="utf-8")
    with pytest.raises(generator.UserError) as caught:
        generator.validate(project)
    assert [p.path for p in caught.value.problems] == ["data/2569/01-budget-plan.yml"]


def test_check_of_a_year_without_data_is_a_usage_error(example_project: Path) -> None:
    with pytest.raises(generator.UsageError, match="2599"):
        generator.check(generator.Project.at(example_project), 2599)


def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Library"):]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "README's Library section has a Python example"
    return found.group(1)


@pytest.mark.slow
def test_readme_example_runs_as_written(example_project: Path) -> None:
    code = readme_example()
    assert len([line for line in code.splitlines() if line.strip()]) <= 6
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(example_project)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})   # noqa: S102 - our own README
    finally:
        os.chdir(cwd)
    assert (example_project / "site" / "index.html").is_file()
    assert "Built site/ from data/" in out.getvalue()


def test_build_report_says_what_was_built(tmp_path: Path) -> None:
    report = BuildReport(tmp_path / "site", tmp_path / "data", pages=3, seconds={"x": 1.25})
    assert report.as_text().startswith("Built site/ from data/: 3 pages")
