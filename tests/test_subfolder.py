"""Published under a folder (https://unit.example.go.th/oit/, the usual case): with site_url in
unit.yml, every page, asset and download is found there, 404.html too (served for any
missing address, as Apache's ErrorDocument or Nginx's error_page do), sitemap.xml lists every
page, each page names its canonical address; a document kept inside that folder is warned
about."""
from __future__ import annotations

import datetime
import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.cli import main
from generator.commands.build import build
from generator.links.internal import scan_page
from generator.project import Project

from conftest import REPO, copy_project

PUBLIC = "https://chpb.example.go.th/oit/"


class _Folder(http.server.SimpleHTTPRequestHandler):
    """The site at /oit/ of a server; 404.html for anything missing under it."""

    def __init__(self, *args: object, site: Path, **kwargs: object) -> None:
        self.site = site
        super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith("/oit/"):
            return str(self.site / "\0missing")
        return super().translate_path(path[len("/oit"):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = copy_project(tmp_path_factory.mktemp("subfolder") / "project", REPO / "data")
    unit = root / "data" / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8") + f"\nsite_url: {PUBLIC}\n", encoding="utf-8")
    build(Project.at(root), datetime.date(2026, 11, 23))
    site = root / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Folder, site=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}/oit/"
    finally:
        server.shutdown()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _links(page_url: str, html: str) -> set[str]:
    """The page's own links (pages, assets, downloads), absolute; none outside the site."""
    links, _ = scan_page(html)
    found = set()
    for href in links:
        target = urljoin(page_url, href).partition("#")[0]
        if target.startswith(page_url.split("/oit/")[0] + "/"):
            found.add(target)
    return found


@pytest.mark.slow
def test_every_page_asset_and_download_is_found_under_the_folder(
        published: tuple[Path, str]) -> None:
    site, base = published
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    seen: dict[str, int] = {}
    for page in pages:
        url = base + page.removesuffix("index.html")
        status, body = _get(url)
        assert status == 200, url
        for link in _links(url, body.decode("utf-8")) - set(seen):
            seen[link] = _get(link)[0]
    broken = sorted(link for link, status in seen.items() if status != 200)
    assert not broken, broken
    assert any(link.endswith(".csv") for link in seen) and any("/assets/" in l for l in seen)


@pytest.mark.slow
def test_the_404_page_works_for_a_missing_address_deep_in_the_folder(
        published: tuple[Path, str]) -> None:
    _, base = published
    missing = base + "2570/no-such-page/at/all/"
    status, body = _get(missing)
    html = body.decode("utf-8")
    assert status == 404 and "404" in html
    links = _links(missing, html)
    assert any("/assets/stylesheets/" in link for link in links)   # it keeps its style
    broken = sorted(link for link in links if _get(link)[0] != 200)
    assert not broken, broken


@pytest.mark.slow
def test_the_sitemap_lists_every_page_and_pages_name_their_canonical_address(
        published: tuple[Path, str]) -> None:
    site, _ = published
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8")))
    pages = {PUBLIC + p.relative_to(site).as_posix().removesuffix("index.html")
             for p in site.rglob("index.html")}
    assert listed == pages
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text("utf-8")))
    assert dates == {"2026-11-23"}   # the build date, not the day the build ran
    page = (site / "2570" / "04-procurement-plan" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLIC}2570/04-procurement-plan/">' in page


def test_a_document_inside_the_published_folder_is_warned_about(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = example_project / "data" / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8") + f"\nsite_url: {PUBLIC}\n", encoding="utf-8")
    assert main(["validate", "--project", str(example_project)]) == 0
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if "inside the folder this site is published" in line]
    assert warned and all(unquote(PUBLIC) in line for line in warned)
    assert "data/2569/01-budget-plan.yml:" in warned[0]
    # and a web form of a channel, which belongs to the site, is not a document
    assert not any("05-opinion-channels.yml" in line and "channels[" in line for line in warned)


@pytest.mark.parametrize("colour, said", [
    ("#FFD700", "white text on #FFD700 has a contrast of only 1.40:1"),
    ("1f3a68", None), ("#abc", "white text on #AABBCC has a contrast of only 1.96:1"),
    ("navy blue", "'navy blue' is not a colour code"),
])
def test_the_units_colour_is_checked_for_contrast(
        colour: str, said: str | None, example_project: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    unit = example_project / "data" / "unit.yml"
    text = unit.read_text(encoding="utf-8")
    assert 'colour: "#1E5631"' in text
    unit.write_text(text.replace('colour: "#1E5631"', f'colour: "{colour}"'), encoding="utf-8")
    code = main(["validate", "--project", str(example_project)])
    err = capsys.readouterr().err
    if said is None:
        assert code == 0, err
    else:
        assert code == 1 and f"colour: {said} (expected a colour #RRGGBB dark enough" in err, err


def test_a_root_link_outside_the_published_folder_is_broken(tmp_path: Path) -> None:
    from generator.links.internal import check_on_disk, scan_site

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="/oit/a/">in</a> <a href="/other/a/">out</a>'
                                     '<a href="/oit">home</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    broken, targets = check_on_disk(site, scan_site(site), "/oit/")
    assert [(b.url, b.result) for b in broken] == [
        ("/other/a/", "no such file in the site: /other/a/")]
    assert sorted(targets) == ["/", "/a/"]
