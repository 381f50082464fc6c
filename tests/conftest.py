"""Shared fixtures: throwaway copies of a project, so tests never touch the repository."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files from the current output (review the diff!)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_project(target: Path, data: Path) -> Path:
    """A project folder: the repository's config, theme and hand-written pages, and ``data``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "site_theme", target / "site_theme")
    shutil.copytree(REPO / "content", target / "content",
                    ignore=shutil.ignore_patterns("index.md", "[0-9][0-9][0-9][0-9]"))
    shutil.copytree(data, target / "data")
    return target


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """One fiscal year with one small topic file: fast to build."""
    return copy_project(tmp_path / "project", FIXTURES / "minimal")


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """The example data shipped in data/."""
    return copy_project(tmp_path / "project", REPO / "data")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once per test session with the real `oit build`."""
    import datetime

    from generator.build import build
    from generator.project import Project

    root = copy_project(tmp_path_factory.mktemp("example") / "project", REPO / "data")
    build(Project.at(root), datetime.date(2026, 11, 23))
    return root / "site"


@pytest.fixture(scope="session")
def site_url(example_site: Path) -> object:
    """The built example site served on 127.0.0.1 for the whole session."""
    from generator.linkcheck import serve

    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> object:
    """Debian's Chromium, headless, driven by Playwright (no browser download, ever)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
