"""End-to-end `oit build` on a small project: real MkDocs, real LinkChecker, real site/."""
from __future__ import annotations

import datetime
import os
import posixpath
import re
import shutil
import socket
import struct
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from generator.commands import build as build_module
from generator.commands.build import build
from generator.charts.topics import Chart, site_charts
from generator.cli import main
from generator.model.load import load_dataset
from generator.errors import Problem, UserError
from generator.project import Project
from generator.links.linkchecker import serve
from generator.links.internal import find_broken_links

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures"
BUILD_DATE = ["--build-date", "2026-11-23"]


def _build(project: Path, *options: str) -> int:
    return main(["--project", str(project), "build", *BUILD_DATE, *options])


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def built(minimal_built: Path) -> Path:
    (minimal_built / "site" / "sentinel.txt").write_text("last good site", encoding="utf-8")
    return minimal_built


def test_build_produces_a_site_with_every_topic_page(built: Path) -> None:
    site = built / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "สำนักทดสอบระบบ" in home
    assert 'lang="th"' in home
    plan = (site / "2569" / "01-budget-plan" / "index.html").read_text(encoding="utf-8")
    assert "แผนการใช้จ่ายงบประมาณประจำปี" in plan
    assert "1,500.00" in plan
    for slug in ("02-budget-monitoring", "03-budget-report", "04-procurement-plan",
                 "05-opinion-channels", "06-participation"):
        assert (site / "2569" / slug / "index.html").is_file()
    assert not (built / ".oit-build" / "site.new").exists()
    year_index = (site / "2569" / "index.html").read_text(encoding="utf-8")
    assert "<title>ปีงบประมาณ พ.ศ. 2569 - " in year_index   # the page's title, not "Index"


def test_bad_data_fails_and_keeps_the_last_good_site(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    (built / "data" / "2569" / "04-procurement-plan.yml").write_text(
        "items:\n  - name: ซื้อวัสดุ\n    budget: หนึ่งพันบาท\n", encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert "data/2569/04-procurement-plan.yml:3: items[0].budget: 'หนึ่งพันบาท'" in err
    assert "Traceback" not in err
    assert _snapshot(built / "site") == before


@pytest.mark.parametrize("made", ["file", "link"])
def test_a_file_or_a_link_at_site_is_the_users_and_stays(
        made: str, minimal_project: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A file named site (notes), or a link site -> the web server's folder: never deleted
    or replaced; the message says what to do. Nothing is generated meanwhile."""
    site, web_root = minimal_project / "site", tmp_path / "www"
    web_root.mkdir()
    (web_root / "index.html").write_text("the live site", encoding="utf-8")
    if made == "file":
        site.write_text("my notes", encoding="utf-8")
    else:
        site.symlink_to(web_root)
    assert _build(minimal_project, "--lang", "th") == 1
    err = capsys.readouterr().err
    assert "site:" in err and "Traceback" not in err, err
    assert ("oit ไม่ลบไฟล์นี้" if made == "file" else f"ไปยัง '{web_root}'") in err
    if made == "file":
        assert site.read_text(encoding="utf-8") == "my notes"
    else:
        assert site.is_symlink() and os.readlink(site) == str(web_root)
    assert [p.name for p in web_root.iterdir()] == ["index.html"]
    assert not list((minimal_project / "content").rglob("index.md"))


def test_mkdocs_warning_fails_and_keeps_the_last_good_site(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    (built / "content" / "about.md").write_text(
        "# เกี่ยวกับ {#about}\n\n[แผน](2569/no-such-page.md)\n", encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert "MkDocs could not build the site; site/ was left as it was." in err
    assert "about.md" in err and "2569/no-such-page.md" in err
    assert _snapshot(built / "site") == before


def test_charts_are_in_the_site_as_drawn(minimal_project: Path) -> None:
    build(Project.at(minimal_project), datetime.date(2026, 11, 23))
    charts = site_charts(load_dataset(minimal_project / "data", minimal_project))
    assert charts
    for chart in charts:
        assert (minimal_project / "site" / chart.asset_path).read_text(encoding="utf-8") \
            == chart.svg()


def test_a_first_build_works(minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not (minimal_project / ".oit-build").exists()
    assert main(["--project", str(minimal_project), "build", *BUILD_DATE]) == 0, \
        capsys.readouterr().err
    assert (minimal_project / "site" / "2569" / "01-budget-plan" / "index.html").is_file()


def test_the_pages_are_in_content_before_mkdocs_reads_them_and_all_in_the_site(
        minimal_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = build_module.run_mkdocs
    page = minimal_project / "content" / "2569" / "01-budget-plan.md"

    def after_the_pages(*args: object) -> None:
        assert page.is_file()   # another builder could take the site over from here
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "run_mkdocs", after_the_pages)
    report = build(Project.at(minimal_project), datetime.date(2026, 11, 23))
    written = report.written
    assert written is not None and "2569/01-budget-plan.md" in written.written
    assert len(written.written) + len(written.unchanged) == report.pages
    plan = (minimal_project / "site" / "2569" / "01-budget-plan" / "index.html")
    assert "1,500.00" in plan.read_text(encoding="utf-8")   # a page new to content/


def _cannot_draw(charts: list[Chart]) -> object:
    raise UserError(Problem("site_theme/oit/chart.svg", 3, "", "cannot draw the chart"))


def _cannot_write(*args: object) -> object:
    raise UserError(Problem("content/2569/index.md", None, "", "cannot write the page"))


@pytest.mark.parametrize("step, failure, message", [
    ("drawn", _cannot_draw, "site_theme/oit/chart.svg:3: cannot draw the chart"),
    ("write_pages", _cannot_write, "content/2569/index.md: cannot write the page")])
def test_a_failure_before_mkdocs_fails_the_build_and_keeps_the_last_good_site(
        built: Path, step: str, failure: object, message: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    monkeypatch.setattr(build_module, step, failure)
    assert main(["--project", str(built), "build", *BUILD_DATE]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert _snapshot(built / "site") == before


def test_broken_internal_link_found_by_linkchecker_fails_the_build(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    # Raw HTML links are not validated by MkDocs: only the link check can catch this one.
    (built / "content" / "about.md").write_text(
        '# เกี่ยวกับ {#about}\n\n<a href="../files/plan-2569.pdf">แผน</a>\n', encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert "Broken internal links; site/ was left as it was." in err
    assert "site page about/" in err and "plan-2569.pdf" in err
    assert _snapshot(built / "site") == before


def test_raw_html_link_to_a_missing_anchor_fails_the_build(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    (built / "content" / "about.md").write_text(
        '# เกี่ยวกับ {#about}\n\n<a href="../2569/01-budget-plan/#no-such-heading">แผน</a>\n',
        encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert ("site page about/: broken link '../2569/01-budget-plan/#no-such-heading': "
            "anchor #no-such-heading not found on 2569/01-budget-plan/") in err
    assert _build(built, "--lang", "th") == 1
    err = capsys.readouterr().err
    assert err.startswith("ลิงก์ภายในเว็บไซต์เสีย site/ ยังเป็นชุดเดิม:\n"), err
    assert ("หน้า about/: ลิงก์เสีย '../2569/01-budget-plan/#no-such-heading': "
            "ไม่พบตำแหน่ง #no-such-heading ในหน้า 2569/01-budget-plan/") in err
    assert _snapshot(built / "site") == before


def test_misspelt_evidence_domain_fails_the_build_with_its_line(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built / "site")
    unit = built / "data" / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8") + "domains:\n  - test.example.go.th\n",
                    encoding="utf-8")
    plan = built / "data" / "2569" / "01-budget-plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("test.example.go.th",
                                                             "test.exmaple.go.th"),
                    encoding="utf-8")
    assert _build(built) == 1
    err = capsys.readouterr().err
    assert ("data/2569/01-budget-plan.yml:14: evidence[0].url: topic 01, FY 2569, evidence "
            "'แผนการใช้จ่ายงบประมาณ': host 'test.exmaple.go.th' is close to but not the unit's "
            "domain 'test.example.go.th'") in err
    assert err.rstrip().endswith("(expected https://test.example.go.th/plan.pdf)")
    assert _snapshot(built / "site") == before


def test_hand_written_page_in_the_way_is_not_overwritten(
        minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hand = minimal_project / "content" / "index.md"
    hand.write_text("# หน้าแรกของฉัน\n", encoding="utf-8")
    assert _build(minimal_project) == 1
    assert "content/index.md: this file was not written by oit" in capsys.readouterr().err
    assert hand.read_text(encoding="utf-8") == "# หน้าแรกของฉัน\n"
    assert not (minimal_project / "site").exists()


def test_validate_changes_nothing(minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(minimal_project), "validate"]) == 0
    assert "Data OK: สำนักทดสอบระบบ, 1 fiscal year(s) (2569), 1 topic file(s)" in capsys.readouterr().out
    assert not (minimal_project / "content" / "index.md").exists()
    assert not (minimal_project / "site").exists()


def _download_links(html: str) -> list[str]:
    """Links to the open-data files (evidence documents may be CSV files too: not these)."""
    return [h for h in re.findall(r'href="([^"#]+\.(?:csv|json))"', html) if "documents/" not in h]


def test_downloads_are_in_the_site_at_the_addresses_the_pages_link(example_site: Path) -> None:
    from generator.model.load import load_dataset
    from generator.opendata.catalogue import open_data as publish_open_data
    open_data = publish_open_data(load_dataset(example_site.parent / "data", example_site.parent))
    linked: set[str] = set()
    for d in open_data.datasets:
        page = example_site / str(d.year) / d.topic.slug / "index.html"
        links = _download_links(page.read_text(encoding="utf-8"))
        assert links == [f"../data/{f.name}" for f in d.files], page
        for link in links:
            target = (page.parent / link).resolve().relative_to(example_site.resolve())
            linked.add(target.as_posix())
    for f in open_data.files:
        assert (example_site / f.path).read_bytes() == f.content, f.path
    assert linked == {f.path for f in open_data.files if f.path != "catalogue.json"}


def test_catalogue_page_is_in_the_navigation_and_links_every_file(example_site: Path) -> None:
    catalogue = (example_site / "catalogue" / "index.html").read_text(encoding="utf-8")
    links = {(example_site / "catalogue" / link).resolve() for link in _download_links(catalogue)}
    files = {p.resolve() for p in example_site.glob("*/data/*") if p.is_file()}
    assert links == files | {(example_site / "catalogue.json").resolve()}
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'href="catalogue/"' in home
    assert "แคตตาล็อกข้อมูล" in home
THAI_NAME = "รายงานการประชุม ครั้งที่ 1 (ฉบับลงนาม).pdf"


def _document_links(page: Path, site: Path) -> list[Path]:
    """The files in site/ that the page's links to documents/ lead to."""
    page_url = page.parent.relative_to(site).as_posix() + "/"   # directory URLs: 2569/06-…/
    hrefs = re.findall(r'href="([^"]*documents/[^"]*)"', page.read_text(encoding="utf-8"))
    return [site / posixpath.normpath(posixpath.join(page_url, unquote(h))) for h in hrefs]


def test_local_documents_are_published_at_their_linked_address(
        minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_project / "data"
    shutil.copytree(FIXTURES / "documents", data / "documents")
    shutil.copy(data / "documents/2569/minutes-1.pdf", data / "documents/2569" / THAI_NAME)
    (data / "2569" / "06-participation.yml").write_text(
        f"evidence:\n  - title: รายงานการประชุม\n    file: documents/2569/{THAI_NAME}\n"
        "  - title: ภาพกิจกรรม\n    file: documents/2569/Photo-1.PNG\n", encoding="utf-8")
    assert _build(minimal_project) == 0, capsys.readouterr().err   # the link check passed too
    site = minimal_project / "site"
    page = site / "2569" / "06-participation" / "index.html"
    published = site / "documents" / "2569" / THAI_NAME
    assert _document_links(page, site) == [published, site / "documents/2569/Photo-1.PNG"]
    assert published.read_bytes() == (data / "documents/2569" / THAI_NAME).read_bytes()
    assert not (site / "documents/2569/empty.pdf").exists()   # only what the data names
    with serve(site) as base:
        url = base + quote(f"documents/2569/{THAI_NAME}")
        with urllib.request.urlopen(url) as response:   # what a browser asks for
            assert response.read() == published.read_bytes()
    published.unlink()   # the link check does follow links to documents
    assert [b.page for b in find_broken_links(site).broken] == ["2569/06-participation/"]


def test_a_reader_hanging_up_mid_download_prints_no_traceback(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 8_000_000)
    with serve(tmp_path) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        for _ in range(3):   # as LinkChecker does once it has a document's headers
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(b"GET /scan.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                client.recv(1024)
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with urllib.request.urlopen(base + "scan.pdf") as response:   # the server still serves
            assert response.status == 200
    assert "Traceback" not in capfd.readouterr().err
