"""The `oit` command: parse arguments, call one function, turn UserError into exit 1."""
from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import build as pipeline
from .errors import UserError
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
    commands.add_parser("validate", help="only check the data files; change nothing")
    return parser


def run_build(project: Project, args: argparse.Namespace) -> str:
    report = pipeline.build(project, args.build_date or today_in_thailand())
    written = report.written
    changed = f"{len(written.written)} written, {len(written.unchanged)} unchanged" if written else ""
    removed = f", {len(written.removed)} removed" if written and written.removed else ""
    total = sum(report.seconds.values())
    return (f"Built {project.site_dir.name}/ from {project.data_dir.name}/: {report.pages} pages "
            f"({changed}{removed}); internal links OK; {total:.1f} s")


def run_validate(project: Project, _args: argparse.Namespace) -> str:
    dataset = pipeline.validate(project)
    topics = sum(len(fy.topics) for fy in dataset.years.values())
    return (f"Data OK: {dataset.unit.name_th}, {len(dataset.years)} fiscal year(s) "
            f"({', '.join(map(str, sorted(dataset.years)))}), {topics} topic file(s)")


COMMANDS = {"build": run_build, "validate": run_validate}


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    project = Project.at(args.project)
    try:
        print(COMMANDS[args.command](project, args))
    except UserError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
