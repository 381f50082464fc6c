"""Run MkDocs on the generated pages, into a staging folder, with a generated config."""
from __future__ import annotations

import datetime
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from . import thai
from .errors import Problem, UserError
from .model import Dataset
from .opendata import CATALOGUE_PAGE
from .project import Project
from .render import RULES_PAGE, Asset, Page, status_path
from .topics import Topic

HOOKS_FILE = Path(__file__).parent / "mkdocs_hooks.py"


def site_config(project: Project, dataset: Dataset, pages: list[Page],
                build_date: datetime.date, site_dir: Path, assets: Path) -> dict[str, Any]:
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
            "assets": str(assets),
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


def write_assets(assets: list[Asset], bundle: Path) -> None:
    """Hand the generated files to the MkDocs hook in one file: each one's site path and its
    bytes, or the source path of a file published as it is (an evidence document).

    One write instead of one per file (1,500 at 600 pages), and MkDocs writes each file into
    the site once instead of copying it from a scratch folder.
    """
    records = [(a.path, a.content, None if a.source is None else str(a.source)) for a in assets]
    bundle.parent.mkdir(parents=True, exist_ok=True)
    partial = bundle.with_name(bundle.name + ".partial")
    partial.write_bytes(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(bundle)
    old_folder = bundle.parent / "assets"   # where earlier versions copied the files
    if old_folder.is_dir():
        shutil.rmtree(old_folder)


def write_config(project: Project, config: dict[str, Any]) -> Path:
    project.work_dir.mkdir(exist_ok=True)
    path = project.work_dir / "mkdocs.generated.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


_WARNING = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")


def run_mkdocs(config_file: Path) -> None:
    """``mkdocs build --strict``; any warning fails the build with MkDocs' own words."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config_file)],
        capture_output=True, text=True, env=env, check=False)
    if proc.returncode == 0:
        return
    lines = (proc.stdout + proc.stderr).splitlines()
    found = [m.group(2) for m in map(_WARNING.match, lines) if m and "Aborted" not in m.group(2)]
    problems = [Problem("mkdocs", None, "", text) for text in found] or [
        Problem("mkdocs", None, "", "\n".join(lines[-20:]) or f"exit code {proc.returncode}")]
    raise UserError(problems, "MkDocs could not build the site; site/ was left as it was.")
