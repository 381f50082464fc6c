"""The internal link check: pages read once, targets and anchors on disk, each target over HTTP."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.links.linkchecker import LinkCheckerRow
from generator.links.internal import (BrokenLink, check_on_disk, find_broken_links, http_failures,
                                      resolve, scan_page, scan_site, site_url)


def test_scan_page_reads_links_and_ids_like_a_browser() -> None:
    text = ('<p>text that says href="not-a-link"</p>'
            '<a title="a > b" href="../x.pdf">x</a><a href=\'q.pdf\' title="it\'s">q</a>'
            '<img src=i.png><div id="top"></div><a name="old"></a>'
            '<!-- <a href="commented.html"> -->'
            '<script src="app.js">var s = "<a href=\'in-script.html\'>";</script>'
            '<a href="?a=1&amp;b=2#top">same page</a>')
    links, ids = scan_page(text)
    assert links == ["../x.pdf", "q.pdf", "i.png", "app.js", "?a=1&b=2#top"]
    assert ids == {"top", "old"}


@pytest.mark.parametrize(("page", "href", "expected"), [
    ("/2569/01-budget-plan/", "../02-budget-monitoring/", ("/2569/02-budget-monitoring/", "")),
    ("/2569/01-budget-plan/", "#evidence", ("/2569/01-budget-plan/", "evidence")),
    ("/about/", "../../../assets/oit.css", ("/assets/oit.css", "")),
    ("/", ".", ("/", "")),
    ("/a/", "..", ("/", "")),
    ("/a/b/", "../c/./d/?x=1#y", ("/a/c/d/?x=1", "y")),
    ("/404.html", "/assets/x.css", ("/assets/x.css", "")),
    ("/a/", "https://example.go.th/x", None),
    ("/a/", "//cdn.example.com/x.js", None),
    ("/a/", "mailto:saraban@example.go.th", None),
    ("/a/", "tel:021234567", None),
    ("/a/", "", None),
])
def test_resolve(page: str, href: str, expected: tuple[str, str] | None) -> None:
    assert resolve(page, href) == expected


def test_site_url() -> None:
    assert [site_url(p) for p in ("index.html", "about/index.html", "404.html")] == [
        "/", "/about/", "/404.html"]


def _site(root: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return root


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    return _site(tmp_path / "site", {
        "index.html": '<link href="assets/site.css"><a href="about/">about</a>'
                      '<a href="about/#team">team</a><a href="files/plan.pdf">plan</a>'
                      '<a href="https://example.go.th/">out</a>',
        "about/index.html": '<h1 id="about">about</h1><a href="../#top">home</a>'
                            '<a href="../files/%E0%B8%81.pdf">thai</a>',
        "assets/site.css": "body {}",
        "files/plan.pdf": "%PDF",
        "files/ก.pdf": "%PDF",
    })


def test_missing_targets_and_anchors_are_found_on_disk(small_site: Path) -> None:
    pages = scan_site(small_site)
    broken, targets = check_on_disk(small_site, pages)
    assert broken == [
        BrokenLink("about/", "../#top", "anchor #top not found on (home page)", "missing-anchor"),
        BrokenLink("(home page)", "about/#team", "anchor #team not found on about/",
                   "missing-anchor"),
    ]
    assert sorted(targets) == ["/", "/about/", "/assets/site.css", "/files/%E0%B8%81.pdf",
                               "/files/plan.pdf"]
    assert targets["/about/"] == [("/", "about/"), ("/", "about/#team")]


@pytest.mark.slow
def test_the_whole_check_over_http(small_site: Path) -> None:
    (small_site / "about" / "index.html").write_text(
        '<h1 id="about">about</h1><a href="../missing.html">gone</a><a href="../#">top</a>',
        encoding="utf-8")
    report = find_broken_links(small_site)
    assert (report.pages, report.links, report.targets) == (2, 7, 4)
    assert [(b.page, b.url, b.code) for b in report.broken] == [
        ("(home page)", "about/#team", "missing-anchor"),
        ("about/", "../missing.html", "missing-target")]
    assert report.broken[1].result == "no such file in the site: /missing.html"


def test_an_office_proxy_is_not_asked_for_our_own_server(small_site: Path, closed_port: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Offices set http_proxy; the internal check must reach 127.0.0.1 directly all the same.
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{closed_port}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    report = find_broken_links(small_site)
    assert report.targets == 5 and [b.code for b in report.broken] == ["missing-anchor"] * 2


def test_an_http_failure_names_every_page_that_links_the_target() -> None:
    rows = [LinkCheckerRow("/files/a.pdf", "http://127.0.0.1:1/__oit_link_targets__.html", False,
                           "403 Forbidden", "", ""),
            LinkCheckerRow("/", "http://127.0.0.1:1/__oit_link_targets__.html", True, "200 OK",
                           "", "")]
    targets = {"/files/a.pdf": [("/", "files/a.pdf"), ("/about/", "../files/a.pdf")], "/": []}
    assert http_failures(rows, targets) == [
        BrokenLink("(home page)", "files/a.pdf", "403 Forbidden", "http"),
        BrokenLink("about/", "../files/a.pdf", "403 Forbidden", "http")]


class _Reference(HTMLParser):
    """What html.parser (slow, exact) finds: href/src outside scripts and styles, and ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value is None:
                continue
            if key == "id" or (key == "name" and tag == "a"):
                self.ids.add(value)
            elif key in ("href", "src"):
                self.links.append(value)

    handle_startendtag = handle_starttag


@pytest.mark.slow
def test_scan_page_finds_what_html_parser_finds_on_every_built_page(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        text = page.read_text(encoding="utf-8")
        reference = _Reference()
        reference.feed(text)
        assert scan_page(text) == (reference.links, reference.ids), page
