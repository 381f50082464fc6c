"""OIT disclosure pages from a unit's data: the library behind the `oit` command.

    import generator

    project = generator.Project.at("path/to/unit")
    print(generator.validate(project).as_text())       # raises generator.UserError if wrong
    print(generator.build(project).as_text())          # site/ built, checked and published
    print(generator.check(project, 2570).complete)      # every topic there and current?
    print(generator.links(project).ok)                  # no broken link?

Each call raises UserError, whose ``problems`` name the file, line and what to write, when
the user's files are wrong, and OSError when the machine fails (a full disk).
"""
from .commands.build import BuildReport, build
from .commands.check import check
from .commands.links import links
from .commands.validate import Validation, validate
from .errors import Problem, UsageError, UserError
from .project import Project

__all__ = ["BuildReport", "Problem", "Project", "UsageError", "UserError", "Validation",
           "build", "check", "links", "validate"]
