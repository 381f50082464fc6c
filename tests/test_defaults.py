"""A project needs only data/: oit ships the MkDocs settings, the theme overrides and the
hand-written pages; a project's own mkdocs.yml, site_theme/ and content/ override them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.site.builder import DEFAULT_PAGES, DEFAULT_THEME, merged

from conftest import REPO

BUILD = ["build", "--build-date", "2026-11-23"]


def _data_only(tmp_path: Path) -> Path:
    root = tmp_path / "unit"
    shutil.copytree(REPO / "data", root / "data")
    return root


def _build(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--project", str(root), *BUILD])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.slow
def test_a_folder_with_only_data_builds_the_whole_site(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _data_only(tmp_path)
    assert _build(root, capsys).startswith("Built site/ from data/: ")
    site = root / "site"
    for path in ("index.html", "about/index.html", "2570/04-procurement-plan/index.html",
                 "assets/oit.css", "assets/javascripts/oit-accessibility.js"):
        assert (site / path).is_file(), path
    home = (site / "index.html").read_text(encoding="utf-8")
    intro = (DEFAULT_PAGES / "_fragments" / "home-intro.md").read_text(encoding="utf-8").strip()
    assert intro in home
    assert "Content-Security-Policy" in home
    assert "about/" in home   # the default about page is in the navigation
    # Nothing of the defaults was copied into the project: only the generated pages.
    assert sorted(p.name for p in root.iterdir()) == [".oit-build", "content", "data", "site"]
    assert not (root / "content" / "about.md").exists()


@pytest.mark.slow
def test_the_projects_own_files_override_the_defaults_one_by_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _data_only(tmp_path)
    (root / "site_theme" / "partials").mkdir(parents=True)
    (root / "site_theme" / "partials" / "copyright.html").write_text(
        '<div class="md-copyright">ท้ายหน้าของหน่วยงานเอง</div>\n', encoding="utf-8")
    (root / "mkdocs.yml").write_text('site_description: "คำอธิบายของหน่วยงาน"\n'
                                     "theme:\n  features:\n    - navigation.top\n",
                                     encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "about.md").write_text("# เกี่ยวกับเรา {#about}\n\nหน้าของหน่วยงานเอง\n",
                                               encoding="utf-8")
    _build(root, capsys)
    site = root / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "ท้ายหน้าของหน่วยงานเอง" in home                   # the project's partial
    assert (site / "assets" / "oit.css").read_bytes() == \
        (DEFAULT_THEME / "assets" / "oit.css").read_bytes()      # oit's, not replaced
    assert '<meta name="description" content="คำอธิบายของหน่วยงาน">' in home
    assert "navigation.top" in home and "navigation.prune" not in home   # a list replaces
    assert 'lang="th"' in home   # the rest of the theme mapping stays oit's
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "หน้าของหน่วยงานเอง" in about


def test_merging_is_by_key_for_mappings_and_whole_for_everything_else() -> None:
    base = {"theme": {"name": "material", "features": ["a", "b"], "palette": {"x": 1}},
            "plugins": ["search"], "strict": True}
    over = {"theme": {"features": ["c"], "palette": {"y": 2}}, "plugins": ["tags"]}
    assert merged(base, over) == {
        "theme": {"name": "material", "features": ["c"], "palette": {"x": 1, "y": 2}},
        "plugins": ["tags"], "strict": True}
    assert merged(base, {"theme": "mkdocs"})["theme"]["name"] == "mkdocs"
    assert base["theme"]["features"] == ["a", "b"]   # the defaults are not changed


# (the project's mkdocs.yml, Thai line, English line): a setting MkDocs refuses is named by
# the file, its line and key; a YAML mistake is said as in a data file.
BROKEN_CONFIG = {
    "theme": ("site_name: x\ntheme:\n  name: materiall\n",
              "mkdocs.yml:2: theme: MkDocs ใช้ค่านี้ไม่ได้: Unrecognised theme name: 'materiall'.",
              "mkdocs.yml:2: theme: MkDocs cannot use this value: Unrecognised theme name: "
              "'materiall'."),
    "plugin": ("plugins:\n  - nosuch\n",
               "mkdocs.yml:1: plugins: MkDocs ใช้ค่านี้ไม่ได้: The \"nosuch\" plugin is not installed "
               "(ควรเป็น ค่าที่ MkDocs และ Material for MkDocs รับได้",
               "mkdocs.yml:1: plugins: MkDocs cannot use this value: The \"nosuch\" plugin is not "
               "installed (expected a value MkDocs and Material for MkDocs accept"),
    "unclosed-quote": ("site_name: 'x\ntheme:\n  name: material\n",
                       "mkdocs.yml:1: เครื่องหมายคำพูดที่เปิดในบรรทัดนี้ไม่ได้ปิด",
                       "mkdocs.yml:1: not valid YAML: "),
    "yaml": ("site_name: x\nextra: a: b\n",
             "mkdocs.yml:2: มีเครื่องหมาย ': ' (ทวิภาคตามด้วยเว้นวรรค) อยู่ในค่า",
             "mkdocs.yml:2: not valid YAML: mapping values are not allowed here"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_CONFIG))
def test_a_broken_mkdocs_yml_is_named_by_line_in_both_languages(
        case: str, minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, thai, english = BROKEN_CONFIG[case]
    (minimal_project / "mkdocs.yml").write_text(text, encoding="utf-8")
    for lang, summary, line in (("th", "MkDocs สร้างเว็บไซต์ไม่ได้ site/ ยังเป็นชุดเดิม:", thai),
                                ("en", "MkDocs could not build the site; site/ was left as it was.",
                                 english)):
        code = main(["--project", str(minimal_project), *BUILD, "--lang", lang])
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err, err
        assert err.splitlines()[0] == summary, err
        assert err.splitlines()[1].startswith(line), err
    assert not (minimal_project / "site").exists()
