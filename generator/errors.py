"""The one kind of user error: problems in the user's files, all reported at once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a user's file, located as precisely as we know it."""

    path: str
    line: int | None
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        expected = f" (expected {self.expected})" if self.expected else ""
        return f"{where}:{field} {self.message}{expected}"


class UserError(Exception):
    """Raised with every problem of a run; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem] | Problem, summary: str = "") -> None:
        self.problems = sorted(problems) if isinstance(problems, list) else [problems]
        self.summary = summary
        super().__init__(self.render())

    def __reduce__(self) -> tuple[type[UserError], tuple[list[Problem], str]]:
        # Raised in a build process and re-raised in the parent: keep the problems.
        return UserError, (self.problems, self.summary)

    def render(self) -> str:
        """All problems, one per line, with an optional summary line first."""
        lines = [str(p) for p in self.problems]
        if self.summary:
            lines.insert(0, self.summary)
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user would type it: relative to the project when possible.

    A path made from the project's own path is shown as it was made, without asking the
    disk (resolving both took 0.04 s of the 600-page load, 510 data files); any other is
    compared with symbolic links resolved.
    """
    base = root or Path.cwd()
    if path.is_absolute() == base.is_absolute() and ".." not in path.parts:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
