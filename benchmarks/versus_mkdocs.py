"""`oit build` beside MkDocs' own build of the same pages, alternated, as a ratio.

    .venv/bin/python benchmarks/versus_mkdocs.py                          # the example data
    .venv/bin/python benchmarks/versus_mkdocs.py --years 85 --items 50    # 683 pages
    .venv/bin/python benchmarks/versus_mkdocs.py --runs 3                 # fewer runs each

One `oit build` first generates content/; then a flat mkdocs.yml (relative paths, no plugin
of ours) gets the same pages, theme, navigation and site details, with the generated files
(open data, charts, evidence) copied beside the pages so that MkDocs publishes them too.
Each round runs `oit build` and `mkdocs build` once, each in a fresh process, the order
swapped every round; it prints the medians, their ratio, and each command's peak memory
(the largest resident size in its process tree, from wait4's rusage).
"""
from __future__ import annotations

import argparse
import compileall
import datetime
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.pipeline import make_project  # noqa: E402
from generator.commands.build import generate, site_files  # noqa: E402
from generator.commands.check import check_all  # noqa: E402
from generator.commands.validate import load_data  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.site.builder import DEFAULT_THEME, default_pages, site_config  # noqa: E402

BUILD_DATE = datetime.date(2026, 11, 23)
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def example_project(root: Path) -> Project:
    """The repository's config, theme, hand-written pages and example data."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_theme", root / "site_theme")
    shutil.copytree(REPO / "content", root / "content",
                    ignore=shutil.ignore_patterns("index.md", "[0-9][0-9][0-9][0-9]"))
    shutil.copytree(REPO / "data", root / "data")
    return Project.at(root)


def oit_command(project: Project, oit: Path = BIN / "oit") -> list[str]:
    return [str(oit), "--project", str(project.root), "build",
            "--build-date", BUILD_DATE.isoformat()]


def flat_mkdocs(project: Project, folder: Path) -> list[str]:
    """A plain MkDocs project of the same pages; the command that builds it."""
    dataset = load_data(project)
    output = generate(project, dataset, BUILD_DATE, check_all(dataset, BUILD_DATE))
    docs = folder / "docs"
    shutil.copytree(project.content_dir, docs)
    for asset in site_files(project, dataset, output):
        target = docs / asset.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if asset.content is not None:
            target.write_bytes(asset.content)
        else:
            assert asset.source is not None
            shutil.copy(asset.source, target)
    for page in default_pages(project):   # oit's hand-written pages the project lacks
        assert page.source is not None
        shutil.copy(page.source, docs / page.path)
    # oit's theme overrides, then the project's own over them, in one folder.
    shutil.copytree(DEFAULT_THEME, folder / "site_theme")
    if project.theme_dir.is_dir():
        shutil.copytree(project.theme_dir, folder / "site_theme", dirs_exist_ok=True)
    config = site_config(project, dataset, output.pages, BUILD_DATE, folder / "site")
    config.update({"docs_dir": "docs", "site_dir": "site"})
    config["theme"]["custom_dir"] = "site_theme"
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
            "-f", str(folder / "mkdocs.yml")]


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall-clock seconds and peak resident KB of one run (which must succeed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{err}")
    return seconds, usage.ru_maxrss


def rounds(commands: dict[str, list[str]], cwd: Path, runs: int) -> dict[str, list[Any]]:
    """Each command ``runs`` times, alternated, the first one swapped every round."""
    results: dict[str, list[Any]] = {name: [] for name in commands}
    names = list(commands)
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else names[::-1]:
            results[name].append(timed(commands[name], cwd))
    return results


def report(results: dict[str, list[Any]], pages: int, label: str) -> None:
    seconds = {name: statistics.median(s for s, _ in runs) for name, runs in results.items()}
    memory = {name: max(kb for _, kb in runs) / 1024 for name, runs in results.items()}
    runs = len(next(iter(results.values())))
    print(f"{label}: {pages} pages in site/, {runs} runs each, alternated "
          f"({datetime.date.today().isoformat()}, {os.cpu_count()} cores)")
    for name, value in seconds.items():
        each = ", ".join(f"{s:.2f}" for s, _ in results[name])
        print(f"  {name:<14} median {value:6.2f} s   peak {memory[name]:6.0f} MB   ({each})")
    for name in (n for n in seconds if n != "mkdocs build"):
        print(f"  ratio {name:<9}{seconds[name] / seconds['mkdocs build']:6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=0,
                        help="synthetic fiscal years (7 pages each); 0: the example data")
    parser.add_argument("--items", type=int, default=50, help="rows per topic table")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command")
    parser.add_argument("--compare", type=Path, default=None, metavar="OIT",
                        help="also time this `oit` (another checkout's .venv/bin/oit) "
                             "on a copy of the project, in the same rounds")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # MkDocs' modules were compiled when pip installed them; ours too, as setup.sh does (an
    # edited module would otherwise be compiled on every run where bytecode is not written).
    compileall.compile_dir(str(REPO / "generator"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.years:
            (root / "project").mkdir()
            project = make_project(root / "project", args.years, args.items)
            label = f"{args.years} years x {args.items} items"
        else:
            project = example_project(root / "project")
            label = "example data"
        timed(oit_command(project), project.root)   # writes content/ for the flat project
        flat = flat_mkdocs(project, root / "flat")
        commands = {"oit build": oit_command(project), "mkdocs build": flat}
        if args.compare:
            other = Project.at(Path(shutil.copytree(project.root, root / "other")))
            shutil.rmtree(other.work_dir, ignore_errors=True)
            commands["other oit"] = oit_command(other, args.compare)
        results = rounds(commands, project.root, args.runs)
        pages = sum(1 for _ in (project.site_dir).rglob("index.html"))
        report(results, pages, label)


if __name__ == "__main__":
    main()
