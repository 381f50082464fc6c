"""`oit validate`: the data read and checked, nothing written."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Problem, UserError
from ..language import tr
from ..links.offline import check_offline
from ..links.refs import LinkProblem, LinkRef
from ..links.report import warning_line
from ..model.dataset import Dataset
from ..model.load import DataProblems, load_dataset
from ..project import Project


@dataclass(frozen=True)
class Validation:
    """Valid data, and what is worth tidying in its web addresses."""

    dataset: Dataset
    warnings: list[LinkProblem]

    def as_text(self) -> str:
        dataset = self.dataset
        topics = sum(len(fy.topics) for fy in dataset.years.values())
        years = ", ".join(map(str, sorted(dataset.years)))
        summary = tr(f"ข้อมูลถูกต้อง: {dataset.unit.name_th} {len(dataset.years)} ปีงบประมาณ "
                     f"({years}) {topics} แฟ้มหัวข้อ",
                     f"Data OK: {dataset.unit.name_th}, {len(dataset.years)} fiscal year(s) "
                     f"({years}), {topics} topic file(s)")
        return "\n".join([summary, *reading_notes(dataset), *warning_lines(self.warnings)])


def reading_notes(dataset: Dataset) -> list[str]:
    """What reading the workbooks skipped (a hidden sheet), said after the summary."""
    return [tr("หมายเหตุ: ", "note: ") + note for fy in dataset.years.values()
            for source in fy.sources.values() for note in source.notes]


def validate(project: Project) -> Validation:
    """The project's data, valid; raises UserError with every problem at once."""
    dataset = load_data(project)
    return Validation(dataset, require_valid_links(dataset))


def load_data(project: Project) -> Dataset:
    """Load and validate the data; raises UserError with every problem, the unusable web
    addresses among them once the rest of the data is valid."""
    try:
        return load_dataset(project.data_dir, project.root)
    except DataProblems as exc:   # every problem of a run at once: add the unusable addresses
        if exc.valid is None:
            raise
        unusable = [_as_problem(p) for p in check_offline(exc.valid) if p.is_error]
        if not unusable:
            raise
        raise DataProblems(exc.problems + unusable, exc.valid) from None


def require_valid_links(dataset: Dataset,
                        refs: Sequence[LinkRef] | None = None) -> list[LinkProblem]:
    """The offline link checks: raise UserError with every error (file:line); the warnings.

    ``refs`` are the data's addresses (link_refs) when the caller already has them.
    """
    problems = check_offline(dataset, refs)
    errors = [_as_problem(p) for p in problems if p.is_error]
    if errors:
        raise UserError(errors, tr(f"ที่อยู่เว็บในแฟ้มข้อมูล {len(errors)} รายการใช้งานไม่ได้:",
                                   f"{len(errors)} web address(es) in the data files cannot "
                                   "work:"))
    return problems


def warning_lines(problems: Sequence[LinkProblem]) -> list[str]:
    """One line per warning (errors stop a command before it prints)."""
    return [warning_line(p) for p in problems if not p.is_error]


def _as_problem(link: LinkProblem) -> Problem:
    ref = link.ref
    assert ref is not None, "offline problems always come from the data"
    return Problem(ref.file, ref.line, ref.shown or ref.field, f"{ref.where}: {link.message}: {link.url}",
                   link.suggestion or "")
