"""The `oit` command: parse arguments, call one function, turn UserError into exit 1."""
from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import build as pipeline
from . import links_report, thai
from .errors import UserError
from .links import LinkProblem
from .render import make_environment, render_check_markdown
from .report import as_json, as_text
from .project import Project

THAILAND = datetime.timezone(datetime.timedelta(hours=7), "Asia/Bangkok")


def today_in_thailand() -> datetime.date:
    """The build date: SOURCE_DATE_EPOCH if set (reproducible builds), else today in Thailand."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), THAILAND) if epoch
              else datetime.datetime.now(THAILAND))
    return moment.date()


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-23") from None


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="oit", description="Build a unit's OIT disclosure site.")
    parser.add_argument("--project", type=Path, default=Path.cwd(),
                        help="project folder with data/, content/, mkdocs.yml (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate, generate pages, build site/, check links")
    build.add_argument("--build-date", type=_iso_date, default=None,
                       help="date shown as the build date (default: today in Thailand)")
    build.add_argument("--show-findings", action="store_true",
                       help="also list each topic's completeness findings on its page "
                            "(for the webmaster's preview; the status page always shows them)")
    commands.add_parser("validate", help="only check the data files; change nothing")
    check = commands.add_parser("check", help="is every topic of a fiscal year complete?")
    check.add_argument("--year", type=int, default=None,
                       help="Buddhist Era fiscal year (default: the unit's current_fiscal_year)")
    check.add_argument("--as-of", type=_any_date, default=None,
                       help="check as of this date (default: today in Thailand)")
    check.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    return parser


def _any_date(text: str) -> datetime.date:
    try:
        return thai.parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run_build(project: Project, args: argparse.Namespace) -> str:
    report = pipeline.build(project, args.build_date or today_in_thailand(),
                            show_findings=args.show_findings)
    written = report.written
    changed = f"{len(written.written)} written, {len(written.unchanged)} unchanged" if written else ""
    removed = f", {len(written.removed)} removed" if written and written.removed else ""
    total = sum(report.seconds.values())
    return "\n".join([f"Built {project.site_dir.name}/ from {project.data_dir.name}/: "
                      f"{report.pages} pages ({changed}{removed}); internal links OK; "
                      f"{total:.1f} s", *_warnings(report.link_warnings)])


def run_validate(project: Project, _args: argparse.Namespace) -> str:
    dataset = pipeline.validate(project)
    warnings = pipeline.require_valid_links(dataset)
    topics = sum(len(fy.topics) for fy in dataset.years.values())
    return "\n".join([f"Data OK: {dataset.unit.name_th}, {len(dataset.years)} fiscal year(s) "
                      f"({', '.join(map(str, sorted(dataset.years)))}), {topics} topic file(s)",
                      *_warnings(warnings)])


def _warnings(problems: list[LinkProblem]) -> list[str]:
    return [links_report.warning_line(p) for p in problems if not p.is_error]


class UsageError(Exception):
    """A command line that cannot be carried out (exit code 2)."""


def run_check(project: Project, args: argparse.Namespace) -> tuple[str, int]:
    dataset = pipeline.validate(project)
    year = args.year or dataset.current_year
    if year not in dataset.years:
        known = ", ".join(map(str, sorted(dataset.years)))
        raise UsageError(f"no data for fiscal year {year} (data/{year}/ does not exist; "
                         f"years with data: {known})")
    report = pipeline.check(dataset, year, args.as_of or today_in_thailand())
    if args.format == "markdown":
        text = render_check_markdown(report, make_environment(project.theme_dir))
    else:
        text = as_json(report) if args.format == "json" else as_text(report)
    return text.rstrip("\n"), 0 if report.complete else 1


Command = Callable[[Project, argparse.Namespace], "str | tuple[str, int]"]
COMMANDS: dict[str, Command] = {"build": run_build, "validate": run_validate, "check": run_check}


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    project = Project.at(args.project)
    try:
        result = COMMANDS[args.command](project, args)
    except UserError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"oit {args.command}: {exc}", file=sys.stderr)
        return 2
    text, code = result if isinstance(result, tuple) else (result, 0)
    print(text)
    return code


if __name__ == "__main__":
    sys.exit(main())
