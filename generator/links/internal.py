"""Verify every internal link of a built site: each page read once, each target checked once.

MkDocs ``--strict`` already validates the links and anchors written in Markdown. What it cannot
see are links in raw HTML, the theme's assets and the generated assets. So: read every built
page once, collect each internal href/src and each id, check on disk that every target exists
and every #anchor is an id of the target page (fast, all links), then let LinkChecker confirm
each unique target once over HTTP, from one generated page that links them all (recursion
level 1: the targets are fetched, nothing behind them is crawled again).
Crawling the whole site with LinkChecker instead fetches every page and asset again from
every page that links it, minutes for a large site.
"""
from __future__ import annotations

import html
import posixpath
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..errors import Problem, UserError
from ..language import tr
from .linkchecker import LinkChecker, LinkCheckerRow, serve


@dataclass(frozen=True)
class BrokenLink:
    page: str      # the site page that holds the link, e.g. 2569/01-budget-plan/
    url: str       # the link as written
    result: str    # what was found
    code: str = "missing-target"   # missing-target, missing-anchor or http


@dataclass(frozen=True)
class PageLinks:
    """One built page: its address in the site, its links and its ids."""

    url: str                   # site path, e.g. /2569/01-budget-plan/
    links: tuple[str, ...]
    ids: frozenset[str]


@dataclass
class SiteLinkReport:
    pages: int = 0
    links: int = 0
    targets: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    seconds: float = 0.0


# --- reading the pages ------------------------------------------------------------------

# html.parser tokenises every tag in Python; these expressions find the same attributes at C
# speed, after dropping comments, scripts and styles, and give exactly html.parser's links and
# ids (tests/test_site_links.py compares them on every page of the example site). _CANDIDATE finds the
# tags worth reading fast but may stop at a '>' inside a quoted value: such a tag (its quotes do
# not pair up) is read again with the exact _TAG.
_SKIP = re.compile(r"<!--.*?-->|<(script|style)\b([^>]*)>.*?</\1\s*>", re.S | re.I)
_CANDIDATE = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^>]*?"
                        r"""(?:\b(?:href|src|id|name)\s*=|=\s*["'][^"']*>)[^>]*)>""", re.I)
_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+"""
                  r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def scan_page(text: str) -> tuple[list[str], set[str]]:
    """The href/src values and the ids (and <a name>) of one HTML page."""
    text = _SKIP.sub(lambda m: f"<{m.group(1)}{m.group(2)}>" if m.group(1) else "", text)
    links: list[str] = []
    ids: set[str] = set()
    for candidate in _CANDIDATE.finditer(text):
        tag: re.Match[str] | None = candidate
        attrs = candidate.group(2)
        if attrs.count('"') % 2 or attrs.count("'") % 2:
            tag = _TAG.match(text, candidate.start())
        if tag is None:
            continue
        name = tag.group(1).lower()
        for attr in _ATTR.finditer(tag.group(2)):
            key = attr.group(1).lower()
            value = next((v for v in attr.group(2, 3, 4) if v is not None), None)
            if value is None:
                continue
            if key == "id" or (key == "name" and name == "a"):
                ids.add(html.unescape(value))
            elif key in ("href", "src"):
                links.append(html.unescape(value))
    return links, ids


def site_url(relative: str) -> str:
    """The address a file is served at: a/index.html → /a/."""
    if relative == "index.html":
        return "/"
    return "/" + (relative[:-len("index.html")] if relative.endswith("/index.html") else relative)


def scan_site(site_dir: Path) -> dict[str, PageLinks]:
    """Every HTML page of the site, by its address."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        url = site_url(path.relative_to(site_dir).as_posix())
        links, ids = scan_page(path.read_text(encoding="utf-8", errors="replace"))
        pages[url] = PageLinks(url, tuple(links), frozenset(ids))
    return pages


# --- checking on disk ---------------------------------------------------------------------

_HAS_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def resolve(page_url: str, href: str) -> tuple[str, str] | None:
    """(target path with query, fragment) of an internal link, or None for any other link.

    Written out rather than with urljoin, which is slow at a large site's 100,000 links.
    """
    href = href.strip()
    if not href or _HAS_SCHEME.match(href):
        return None      # external, mailto:, tel:, javascript:, data:…
    rest, _, fragment = href.partition("#")
    path, _, query = rest.partition("?")
    if not path:
        path = page_url
    elif not path.startswith("/"):
        path = page_url[:page_url.rfind("/") + 1] + path
    if "/." in path or "//" in path:
        folder = path.endswith(("/", "/.", "/.."))
        path = posixpath.normpath(path).replace("//", "/")
        path = path if path == "/" or not folder else path + "/"
    return path + (f"?{query}" if query else ""), fragment


def target_file(site_dir: Path, target: str) -> Path | None:
    """The file that answers ``target`` (a folder answers with its index.html), if any."""
    path = unquote(urlsplit(target).path)
    candidate = site_dir / path.lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def page_label(url: str) -> str:
    """How a page is named in a report: 2569/01-budget-plan/ or (home page)."""
    return url.lstrip("/") or _home()


def _home() -> str:
    return tr("(หน้าแรก)", "(home page)")


def _below(base: str, target: str) -> str | None:
    """``target`` (a path from the server's root) as a path of the site published at
    ``base``; None when it lies outside that folder."""
    if target.startswith(base):
        return "/" + target[len(base):]
    return "/" if target == base.rstrip("/") else None


def check_on_disk(site_dir: Path, pages: Mapping[str, PageLinks], base: str = "/"
                  ) -> tuple[list[BrokenLink], dict[str, list[tuple[str, str]]]]:
    """Broken links, and every existing target with the (page, link) pairs that point to it.
    ``base``: the folder the site is published at (site_url's path, e.g. /oit/), which a
    link from the site root (404.html's) must go through."""
    broken: list[BrokenLink] = []
    targets: dict[str, list[tuple[str, str]]] = {}
    files: dict[str, Path | None] = {}
    for page in pages.values():
        for href in page.links:
            resolved = resolve(page.url, href)
            if resolved is None:
                continue
            target, fragment = resolved
            # A link from the server's root (404.html's) reaches the site through ``base``.
            in_site = target if base == "/" or not href.startswith("/") else \
                _below(base, target)
            if in_site is not None and in_site not in files:
                files[in_site] = target_file(site_dir, in_site)
            found = files[in_site] if in_site is not None else None
            if in_site is None or found is None:
                broken.append(BrokenLink(page_label(page.url), href,
                                         tr(f"ไม่มีไฟล์นี้ในเว็บไซต์: {unquote(target)}",
                                            f"no such file in the site: {unquote(target)}")))
                continue
            target = in_site
            targets.setdefault(target, []).append((page.url, href))
            anchor = unquote(fragment)
            if anchor and found.suffix == ".html":
                target_page = pages.get(site_url(found.relative_to(site_dir).as_posix()))
                if target_page is not None and anchor not in target_page.ids:
                    label = page_label(target_page.url)
                    broken.append(BrokenLink(page_label(page.url), href,
                                             tr(f"ไม่พบตำแหน่ง #{anchor} ในหน้า {label}",
                                                f"anchor #{anchor} not found on {label}"),
                                             "missing-anchor"))
    return broken, targets


# --- confirming over HTTP -----------------------------------------------------------------

TARGET_LIST = "/__oit_link_targets__.html"   # served from memory, never part of the site
_LOCAL = {"checking": {"maxrequestspersecond": "100000"}}   # our own server: no throttle


def _wire(target: str) -> str:
    """A target as written on the list page: percent-encoded, exactly as LinkChecker reports it."""
    return quote(target, safe="/?&=%:@+,;~")


def target_list_page(targets: list[str]) -> bytes:
    """One page that links each target once: LinkChecker checks it and its links, no deeper."""
    items = "".join(f'<a href="{html.escape(_wire(t))}">{i}</a>\n' for i, t in enumerate(targets))
    return f"<!doctype html>\n<html><body>\n{items}</body></html>\n".encode()


def http_failures(rows: list[LinkCheckerRow],
                  targets: Mapping[str, list[tuple[str, str]]]) -> list[BrokenLink]:
    """Each target LinkChecker could not fetch, named on every page that links to it."""
    wire = {_wire(t): t for t in targets}
    broken = []
    for row in rows:
        if row.valid:
            continue
        target = wire.get(row.url, "")
        for page, href in targets.get(target, [("", row.url)]):
            broken.append(BrokenLink(page_label(page), href, row.result or "error", "http"))
    return broken


def _by_page(link: BrokenLink) -> tuple[bool, str, str]:
    return link.page != _home(), link.page, link.url


def site_checker() -> LinkChecker:
    """LinkChecker for a site on our local server, started now: a build starts it before
    MkDocs so that its start-up runs meanwhile, on the other core."""
    return LinkChecker(["-r", "1", "--no-warnings", "--threads", "10"], _LOCAL, local=True)


def find_broken_links(site_dir: Path, checker: LinkChecker | None = None,
                      base: str = "/") -> SiteLinkReport:
    """Every broken internal link of a built site: on disk, then each target once over HTTP
    (by ``checker`` when one was started already)."""
    start = time.perf_counter()
    listing: dict[str, bytes] = {}   # filled in below; the server reads it per request
    with serve(site_dir, listing) as root, checker or site_checker() as checker:
        pages = scan_site(site_dir)     # while LinkChecker starts up
        broken, targets = check_on_disk(site_dir, pages, base)
        listing[TARGET_LIST] = target_list_page(sorted(targets))
        rows = checker.check([root.rstrip("/") + TARGET_LIST]) if targets else []
    broken += http_failures(rows, targets)
    return SiteLinkReport(pages=len(pages), links=sum(len(p.links) for p in pages.values()),
                          targets=len(targets), broken=sorted(broken, key=_by_page),
                          seconds=time.perf_counter() - start)


def check_site_links(site_dir: Path, checker: LinkChecker | None = None,
                     base: str = "/") -> SiteLinkReport:
    """Fail with every broken internal link, naming the page and the link."""
    report = find_broken_links(site_dir, checker, base)
    if report.broken:
        problems = [Problem(tr(f"หน้า {b.page}", f"site page {b.page}"), None, "",
                            tr(f"ลิงก์เสีย '{b.url}': {b.result}", f"broken link '{b.url}': {b.result}"))
                    for b in report.broken]
        raise UserError(problems, tr("ลิงก์ภายในเว็บไซต์เสีย site/ ยังเป็นชุดเดิม:",
                                     "Broken internal links; site/ was left as it was."))
    return report
