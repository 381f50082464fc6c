"""Link problems as people read them."""
from __future__ import annotations

from .links import LinkProblem


def warning_line(problem: LinkProblem) -> str:
    """A warning on one line, as `oit build` and `oit validate` print it."""
    ref = problem.ref
    where = f"{ref.location}: {ref.field}: {ref.where}" if ref else f"site page {problem.page}"
    fix = f" (suggested: {problem.suggestion})" if problem.suggestion else ""
    return f"warning: {where}: {problem.message}: {problem.url}{fix}"
