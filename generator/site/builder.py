"""Build the site with MkDocs in this process: oit's default settings, theme overrides and
pages (defaults/), under the project's own mkdocs.yml, site_theme/ and content/ where it has
them, with the unit's details as overrides; the generated files added by the plugin; every
warning a failure."""
from __future__ import annotations

import contextlib
import datetime
import functools
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from .. import thai
from ..errors import Problem, UserError, display_path
from ..language import Said, tr
from ..model.dataset import Dataset
from ..model.source import yaml_problem
from ..opendata.catalogue import CATALOGUE_PAGE
from ..project import Project
from ..render.compiled import TemplateCache
from ..render.pages import RULES_PAGE, status_path
from ..render.types import Asset, Page
from ..topics import Topic
from .plugin import PLUGIN_NAME, SitePlugin

FAILED = Said("MkDocs สร้างเว็บไซต์ไม่ได้ site/ ยังเป็นชุดเดิม:",
              "MkDocs could not build the site; site/ was left as it was.")
# MkDocs' own account of a setting it refuses (a project's mkdocs.yml): the key, and why.
_CONFIG_VALUE = re.compile(r"Config value '([^']+)': (.*)", re.DOTALL)
DEFAULTS = Path(__file__).parent / "defaults"
DEFAULT_CONFIG = DEFAULTS / "mkdocs.yml"
DEFAULT_THEME = DEFAULTS / "theme"
DEFAULT_PAGES = DEFAULTS / "pages"
FRAGMENTS = "_fragments"   # content/_fragments/: parts of pages, not pages
# The header's colour when unit.yml names none: a government dark blue (white on it 11.3:1).
DEFAULT_COLOUR = "#1F3A68"


def site_config(project: Project, dataset: Dataset, pages: list[Page],
                build_date: datetime.date, site_dir: Path) -> dict[str, Any]:
    """The whole MkDocs configuration: the defaults, the project's mkdocs.yml over them, and
    what only the data and the project's folders know."""
    config = merged(_yaml_file(DEFAULT_CONFIG), _yaml_file(project.mkdocs_yml)
                    if project.mkdocs_yml.is_file() else {})
    unit = dataset.unit
    theme: dict[str, Any] = {"custom_dir": str(project.theme_dir if project.theme_dir.is_dir()
                                               else DEFAULT_THEME)}
    if unit.logo is not None:   # the unit's emblem in the header and as the favicon
        theme.update(logo=unit.logo.site_path, favicon=unit.logo.site_path)
    identity = {"site_url": unit.site_url} if unit.site_url else {}
    return merged(config, {
        "site_name": unit.name_th,
        **identity,
        "docs_dir": str(project.content_dir),
        "site_dir": str(site_dir),
        "strict": True,
        "theme": theme,
        "nav": navigation(dataset, pages, project),
        "extra": {"oit": {
            "unit": unit.model_dump(mode="json", include={
                "name_th", "name_en", "parent", "address", "phone", "email", "website"}),
            "build_date": thai.thai_date(build_date),
            "build_date_iso": build_date.isoformat(),
            "current_fiscal_year": dataset.current_year,
            "colour": unit.colour or DEFAULT_COLOUR,
        }},
    })


def merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on ``base`` as MkDocs' INHERIT does it: mappings merge key by key, anything
    else (a list, a value) replaces."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        elif key == "theme" and isinstance(value, str):   # theme: material
            result[key] = merged(result.get(key) or {}, {"name": value})
        else:
            result[key] = value
    return result


def _yaml_file(path: Path) -> dict[str, Any]:
    """A mkdocs.yml as MkDocs reads it (INHERIT and !ENV included); {} when it holds none."""
    with _mkdocs_problems(path), path.open("rb") as source:
        config = yaml_load(source)
    return config if isinstance(config, dict) else {}


def default_pages(project: Project) -> list[Asset]:
    """oit's hand-written pages (about.md…) that the project's content/ does not replace."""
    return [Asset(rel, source=path) for rel, path in _default_pages()
            if not (project.content_dir / rel).exists()]


@functools.cache   # the package's own files: read once per process, not on every rebuild
def _default_pages() -> tuple[tuple[str, Path], ...]:
    return tuple((path.relative_to(DEFAULT_PAGES).as_posix(), path)
                 for path in sorted(DEFAULT_PAGES.rglob("*.md"))
                 if path.relative_to(DEFAULT_PAGES).parts[0] != FRAGMENTS)


def intro_text(project: Project) -> str:
    """The home page's introduction: the project's fragment, else oit's."""
    path = project.intro_file if project.intro_file.is_file() else (
        DEFAULT_PAGES / FRAGMENTS / project.intro_file.name)
    return path.read_text(encoding="utf-8").strip()


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
    hand_written = {path.relative_to(project.content_dir).as_posix()
                    for path in project.content_dir.rglob("*.md")} if project.content_dir.is_dir() else set()
    hand_written |= {rel for rel, _ in _default_pages()}
    nav += [rel for rel in sorted(hand_written - generated) if not rel.startswith("_")]
    return nav


def run_mkdocs(project: Project, overrides: dict[str, Any], assets: list[Asset],
               current_year: int, cache: TemplateCache | None = None) -> None:
    """Load the config and build the site; any MkDocs warning fails the build, named.

    An OSError (a full disk while MkDocs writes) is raised naming the file it was writing.
    """
    plugin = SitePlugin(assets + default_pages(project), current_year, cache)
    # Relative paths in the project's mkdocs.yml (hooks, INHERIT) are its folder's.
    config_file = project.mkdocs_yml if project.mkdocs_yml.is_file() else DEFAULT_CONFIG
    with _mkdocs_problems(config_file):
        config = load_config(config_file=str(config_file), **overrides)
        if Path(config.theme.custom_dir or "") != DEFAULT_THEME:
            config.theme.dirs.insert(1, str(DEFAULT_THEME))   # the project's, then oit's
        config.plugins[PLUGIN_NAME] = plugin
        try:
            with _environ("SOURCE_DATE_EPOCH", _build_epoch(overrides)):
                mkdocs_build(config)   # sitemap.xml dates its pages with the build date
        except OSError as exc:
            raise _named(exc, plugin.writing or config.site_dir) from None
        except jinja2.TemplateError as exc:   # a broken override in site_theme/
            raise UserError(_template_problem(exc, project), str(FAILED)) from None


def _build_epoch(overrides: dict[str, Any]) -> str:
    """SOURCE_DATE_EPOCH for MkDocs: the one given, else midnight UTC of the build date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    day = datetime.date.fromisoformat(overrides["extra"]["oit"]["build_date_iso"])
    moment = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
    return str(int(moment.timestamp()))


def _template_problem(exc: jinja2.TemplateError, project: Project) -> Problem:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "site_theme/"
    return Problem(display_path(Path(name), project.root), getattr(exc, "lineno", None), "",
                   tr(f"แม่แบบหน้าเว็บผิดพลาด: {exc}", f"broken page template: {exc}"),
                   tr("แม่แบบ Jinja2 ที่ถูกต้อง", "a valid Jinja2 template"))


def _named(exc: OSError, writing: str) -> OSError:
    """The fault naming the file written: a copy's target, else what MkDocs was writing."""
    if exc.filename2 is not None:
        return OSError(exc.errno, exc.strerror, exc.filename2)
    if exc.filename is None:
        return OSError(exc.errno, exc.strerror, writing)
    return exc


class _Collected(logging.Handler):
    """MkDocs' warnings and errors, each one a Problem; a setting of ``config`` it refuses
    is named by its file, line and key."""

    def __init__(self, config: Path) -> None:
        super().__init__(logging.WARNING)
        self.config = config
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.append(mkdocs_problem(record.getMessage(), self.config))


def mkdocs_problem(message: str, config: Path) -> Problem:
    """One thing MkDocs said, as a Problem: a refused setting in the webmaster's words, with
    MkDocs' own reason (English, as its manual is); anything else as MkDocs said it."""
    found = _CONFIG_VALUE.match(message)
    if found is None:
        return Problem("mkdocs", None, "", message)
    key, reason = found.groups()
    top = key.split(".")[0]
    line = None
    if config.is_file() and config != DEFAULT_CONFIG:
        lines = config.read_text(encoding="utf-8", errors="replace").splitlines()
        line = next((n for n, text in enumerate(lines, 1)
                     if re.match(rf"{re.escape(top)}\s*:", text)), None)
    return Problem(_config_shown(config), line, key,
                   tr(f"MkDocs ใช้ค่านี้ไม่ได้: {reason}", f"MkDocs cannot use this value: {reason}"),
                   tr("ค่าที่ MkDocs และ Material for MkDocs รับได้ (ดูคู่มือของทั้งสอง) "
                      "หรือลบช่องนี้ออกเพื่อใช้ค่าเริ่มต้นของ oit",
                      "a value MkDocs and Material for MkDocs accept (see their manuals), or "
                      "the key removed for oit's default"))


@contextlib.contextmanager
def _mkdocs_problems(config: Path) -> Iterator[None]:
    """MkDocs' log collected (not printed) and its aborts raised as a UserError with every
    warning; Material's end-of-life notice silenced; both restored after. A YAML mistake in
    ``config`` is said as one in a data file is, with its line."""
    logger = logging.getLogger("mkdocs")
    collected, propagate = _Collected(config), logger.propagate
    logger.addHandler(collected)
    logger.propagate = False
    try:
        with _environ("NO_MKDOCS_2_WARNING", "1"):
            yield
    except MkDocsException as exc:   # Abort, ConfigurationError, PluginError…
        problems = collected.problems or [_yaml_problem(exc, config) or
                                          Problem("mkdocs", None, "", str(exc))]
        raise UserError(problems, str(FAILED)) from None
    finally:
        logger.removeHandler(collected)
        logger.propagate = propagate
    if collected.problems:   # strict as MkDocs is: a warning it only logged fails the build
        raise UserError(collected.problems, str(FAILED))


def _yaml_problem(exc: Exception, config: Path) -> Problem | None:
    """A syntax mistake in a mkdocs.yml (MkDocs wraps the YAML error it caught), said as
    one in a data file is."""
    cause = exc.__context__
    if not isinstance(cause, yaml.MarkedYAMLError):
        return None
    text = config.read_text(encoding="utf-8", errors="replace")
    return yaml_problem(cause, text, _config_shown(config))


def _config_shown(config: Path) -> str:
    """The project's mkdocs.yml by its name; oit's own by its path (a problem there is ours)."""
    return "mkdocs.yml" if config != DEFAULT_CONFIG else display_path(config)


@contextlib.contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    """``os.environ[name] = value`` while the block runs."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
