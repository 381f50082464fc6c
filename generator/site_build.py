"""Run MkDocs on the generated pages, into a staging folder, with a generated config."""
from __future__ import annotations

import datetime
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import thai
from .errors import Problem, UserError
from .model import Dataset
from .opendata import CATALOGUE_PAGE
from .parallel import child_of_this_process
from .project import Project
from .render import RULES_PAGE, Asset, Page, status_path
from .topics import Topic

HOOKS_FILE = Path(__file__).parent / "mkdocs_hooks.py"


def site_config(project: Project, dataset: Dataset, pages: list[Page],
                build_date: datetime.date, site_dir: Path, asset_index: Path) -> dict[str, Any]:
    """The config that INHERITs the user's mkdocs.yml and adds what only the data knows."""
    unit = dataset.unit
    return {
        "INHERIT": str(project.mkdocs_yml),
        "site_name": unit.name_th,
        "docs_dir": str(project.content_dir),
        "site_dir": str(site_dir),
        "theme": {"custom_dir": str(project.theme_dir)},
        "hooks": [str(HOOKS_FILE)],
        "nav": navigation(dataset, pages, project),
        "extra": {"oit": {
            "unit": unit.model_dump(mode="json", include={
                "name_th", "name_en", "parent", "address", "phone", "email", "website"}),
            "build_date": thai.thai_date(build_date),
            "build_date_iso": build_date.isoformat(),
            "assets": str(asset_index),
            "current_fiscal_year": dataset.current_year,
        }},
    }


def navigation(dataset: Dataset, pages: list[Page], project: Project) -> list[Any]:
    """Home, the current year first, then earlier years, then hand-written pages."""
    titles = {page.path: page.title for page in pages}
    years = [dataset.current_year, *dataset.archive_years]
    nav: list[Any] = [{"หน้าแรก": "index.md"}]
    for year in years:
        entries = [{titles[f"{year}/index.md"]: f"{year}/index.md"}] + [
            {titles[f"{year}/{t.slug}.md"]: f"{year}/{t.slug}.md"} for t in Topic] + [
            {titles[status_path(year)]: status_path(year)}]
        label = f"ปีงบประมาณ {year}" + (" (ปัจจุบัน)" if year == dataset.current_year else "")
        nav.append({label: entries})
    nav.append({titles[RULES_PAGE]: RULES_PAGE})
    nav.append({titles[CATALOGUE_PAGE]: CATALOGUE_PAGE})
    generated = set(titles)
    for path in sorted(project.content_dir.rglob("*.md")):
        rel = path.relative_to(project.content_dir).as_posix()
        if rel not in generated and not rel.startswith("_"):
            nav.append(rel)
    return nav


@dataclass(frozen=True)
class AssetIndex:
    """What the MkDocs hook needs to know before the pages and files exist: the generated
    pages (written into content/ by ``writer``, which then makes ``pages_ready``), the
    generated files (their bytes in ``bundle``, which ``writer`` makes after the pages) and
    the files published as they are (evidence documents, copied from their ``source``).
    ``writer`` is a process id, or None when everything is written already."""

    writer: int | None
    pages: list[str]
    pages_ready: Path
    generated: list[str]
    bundle: Path
    copied: list[Asset]


def write_asset_index(path: Path, index: AssetIndex) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "writer": index.writer, "pages": index.pages, "pages_ready": str(index.pages_ready),
        "generated": index.generated, "bundle": str(index.bundle),
        "copied": [[a.path, str(a.source)] for a in index.copied if a.source is not None]},
        ensure_ascii=False), encoding="utf-8")


def write_bundle(assets: list[Asset], bundle: Path) -> None:
    """The generated files' bytes by site path, in one file that appears whole: one write
    instead of one per file (1,500 at 600 pages), and MkDocs writes each file into the site
    once instead of copying it from a scratch folder."""
    contents = {a.path: a.content for a in assets if a.content is not None}
    bundle.parent.mkdir(parents=True, exist_ok=True)
    partial = bundle.with_name(bundle.name + ".partial")
    partial.write_bytes(pickle.dumps(contents, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(bundle)


def clear_bundle(bundle: Path) -> None:
    """Remove the last build's bundle, so the hook never takes it for this build's."""
    bundle.unlink(missing_ok=True)
    old_folder = bundle.parent / "assets"   # where earlier versions copied the files
    if old_folder.is_dir():
        shutil.rmtree(old_folder)


def write_config(project: Project, config: dict[str, Any]) -> Path:
    project.work_dir.mkdir(exist_ok=True)
    path = project.work_dir / "mkdocs.generated.yml"
    # libyaml's emitter: the pure-Python one took 0.04 s for the navigation of 600 pages.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


_WARNING = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
# The last line of MkDocs' traceback when the machine failed it (a full disk, a read-only
# folder): the fault is raised here as the OSError it was, to be told as such.
_OS_ERROR = re.compile(r"^\w*Error: \[Errno (\d+)\] ([^:]+?)(?:: '(?:.*)' -> '(.*)'|: '(.*)')?$")


def run_mkdocs(config_file: Path, alongside: Callable[[], object] | None = None,
               cwd: Path | None = None) -> None:
    """``mkdocs build --strict``; any warning fails the build with MkDocs' own words.

    ``alongside`` waits for work that runs while MkDocs does (drawing the charts); if it
    fails, MkDocs is stopped and its error raised. ``cwd``: the project, where MkDocs runs.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # -P: a markdown.py (or yaml.py…) in the working folder must not replace a library.
    proc = subprocess.Popen(
        [sys.executable, "-P", "-m", "mkdocs", "build", "--strict", "--clean",
         "-f", str(config_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
        preexec_fn=child_of_this_process())
    try:
        if alongside is not None:
            alongside()
    except BaseException:
        proc.kill()
        proc.communicate()
        raise
    stdout, stderr = proc.communicate()
    if proc.returncode == 0:
        return
    lines = (stdout + stderr).splitlines()
    _raise_machine_fault(lines)
    found = [m.group(2) for m in map(_WARNING.match, lines) if m and "Aborted" not in m.group(2)]
    problems = [Problem("mkdocs", None, "", text) for text in found] or [
        Problem("mkdocs", None, "", "\n".join(lines[-20:]) or f"exit code {proc.returncode}")]
    raise UserError(problems, "MkDocs could not build the site; site/ was left as it was.")


def _raise_machine_fault(lines: list[str]) -> None:
    """Raise the OSError that ended MkDocs, if one did."""
    for line in reversed(lines[-5:]):
        fault = _OS_ERROR.match(line.strip())
        if fault:
            code, text, target, path = fault.groups()   # a copy names its target last
            raise OSError(int(code), text, target or path)
