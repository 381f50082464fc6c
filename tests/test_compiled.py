"""Compiled templates kept in .oit-build/templates/: read by the next build, compiled again
when a template changes, and never a reason for a build to fail."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from conftest import read_only
from generator.commands.build import build
from generator.project import Project
from test_publish import _snapshot

BUILD_DATE = datetime.date(2026, 11, 23)


def _cache(project: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in (project / ".oit-build" / "templates").iterdir()}


@pytest.mark.slow
def test_the_next_build_reads_the_compiled_templates_and_builds_the_same_site(
        minimal_project: Path) -> None:
    build(Project.at(minimal_project), BUILD_DATE)
    site, compiled = _snapshot(minimal_project / "site"), _cache(minimal_project)
    names = sorted(compiled)
    assert len(names) > 20 and all(n.startswith("__jinja2_") for n in names)   # theme and ours
    build(Project.at(minimal_project), BUILD_DATE)
    assert _cache(minimal_project) == compiled   # read, not written again
    assert _snapshot(minimal_project / "site") == site


@pytest.mark.slow
def test_a_template_changed_between_builds_is_compiled_again(minimal_built: Path) -> None:
    theme = minimal_built / "site_theme" / "partials"
    theme.mkdir(parents=True, exist_ok=True)
    footer = theme / "copyright.html"
    footer.write_text("<p>ท้ายหน้า ฉบับแรก</p>", encoding="utf-8")
    build(Project.at(minimal_built), BUILD_DATE)
    home = minimal_built / "site" / "index.html"
    assert "ท้ายหน้า ฉบับแรก" in home.read_text(encoding="utf-8")
    footer.write_text("<p>ท้ายหน้า ฉบับที่สอง</p>", encoding="utf-8")
    override = minimal_built / "site_theme" / "oit"
    override.mkdir(exist_ok=True)
    (override / "rules.md.j2").write_text(
        '{% extends "default:rules.md.j2" %}', encoding="utf-8")   # a new name: compiled
    build(Project.at(minimal_built), BUILD_DATE)
    text = home.read_text(encoding="utf-8")
    assert "ท้ายหน้า ฉบับที่สอง" in text and "ฉบับแรก" not in text


@pytest.mark.slow
def test_a_damaged_cache_is_compiled_again_and_the_site_is_the_same(minimal_built: Path) -> None:
    site = _snapshot(minimal_built / "site")
    cache = minimal_built / ".oit-build" / "templates"
    files = sorted(cache.iterdir())
    assert files
    for i, path in enumerate(files):   # cut short, emptied, or garbage after Jinja's header
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2] if i % 3 == 0 else b"" if i % 3 == 1
                         else data[:40] + b"\x00garbage" * 10)
    (cache / "__jinja2_left-by-a-kill.cache123.tmp").write_bytes(b"half")
    build(Project.at(minimal_built), BUILD_DATE)
    assert _snapshot(minimal_built / "site") == site
    assert not list(cache.glob("*.tmp"))   # a killed build's half-written file is gone


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["a file in its place", "read-only"])
def test_a_cache_that_cannot_be_written_only_slows_the_build(minimal_built: Path,
                                                             fault: str) -> None:
    site = _snapshot(minimal_built / "site")
    cache = minimal_built / ".oit-build" / "templates"
    if fault == "a file in its place":
        for path in cache.iterdir():
            path.unlink()
        cache.rmdir()
        cache.write_text("not a folder", encoding="utf-8")
        build(Project.at(minimal_built), BUILD_DATE)
        assert cache.read_text(encoding="utf-8") == "not a folder"
    else:
        for path in cache.iterdir():
            path.unlink()   # nothing to read: every template must be written, and cannot be
        with read_only(cache):
            build(Project.at(minimal_built), BUILD_DATE)
        assert not list(cache.iterdir())
    assert _snapshot(minimal_built / "site") == site


def test_a_link_in_place_of_the_cache_is_not_followed(tmp_path: Path) -> None:
    from generator.render.compiled import template_cache

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "templates").symlink_to(elsewhere)
    assert template_cache(tmp_path / "templates") is None
    assert template_cache(tmp_path / "real") is not None and (tmp_path / "real").is_dir()


def test_a_template_compiled_without_escaping_is_never_read_by_an_escaping_environment(
        tmp_path: Path) -> None:
    import jinja2

    from generator.render.compiled import template_cache

    def render(autoescape: bool, kind: str) -> str:
        cache = template_cache(tmp_path / "templates")
        assert cache is not None
        env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ value }}"}),
                                 autoescape=autoescape, bytecode_cache=cache.of(kind))
        return env.get_template("t.html").render(value="<script>alert(1)</script>")

    assert render(False, "pages") == "<script>alert(1)</script>"
    assert render(True, "memo") == "&lt;script&gt;alert(1)&lt;/script&gt;"   # not the pages'
    assert render(False, "pages") == "<script>alert(1)</script>"
    assert len(list((tmp_path / "templates").iterdir())) == 2
