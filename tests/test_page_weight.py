"""What a page view costs, measured in Chromium's network log: every topic page with all it
loads (the self-hosted Thai font included) stays under 500,000 bytes, because the search index waits for the first search and
Material's dictionary word-cutter (wordcut.js) is never fetched; source maps and the unused
search languages are not in site/."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.topics import Topic

PAGE_BUDGET = 500_000   # bytes, uncompressed, everything the page loads
PAGES = ["", *(f"2570/{topic.slug}/" for topic in Topic if topic is not Topic.BUDGET_REPORT),
         "2569/03-budget-report/"]


def _loaded(browser: Any, url: str, search: str | None = None) -> dict[str, int]:
    """Each URL the page loaded and its body's size; after typing ``search``, if given."""
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, int] = {}

    def on_response(response: Any) -> None:
        try:
            sizes[response.url] = len(response.body())
        except Exception:   # a redirect has no body
            sizes[response.url] = 0

    page.on("response", on_response)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if search is not None:
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(search)
        box.press("End")   # Material searches on keyup
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
    context.close()
    return sizes


@pytest.mark.slow
@pytest.mark.parametrize("path", PAGES)
def test_a_page_view_loads_less_than_half_a_megabyte(
        path: str, site_url: str, browser: Any) -> None:
    sizes = _loaded(browser, site_url + path)
    total = sum(sizes.values())
    listing = "\n".join(f"{size:>9,} {url}" for url, size in sorted(sizes.items(),
                                                                     key=lambda kv: -kv[1]))
    assert total <= PAGE_BUDGET, f"{total:,} bytes:\n{listing}"
    assert not any("search_index" in url or "wordcut" in url for url in sizes), listing
    # the Thai web font is part of the weight: the Thai text is drawn in Sarabun
    assert any(url.endswith("/assets/fonts/sarabun-thai-400-normal.woff2") for url in sizes), listing


@pytest.mark.slow
def test_the_search_index_comes_with_the_first_search_and_wordcut_never(
        site_url: str, browser: Any) -> None:
    sizes = _loaded(browser, site_url + "2570/04-procurement-plan/", search="จัดซื้อ")
    assert any(url.endswith("/search/search_index.json") for url in sizes), sorted(sizes)
    assert not any("wordcut" in url for url in sizes), sorted(sizes)


def test_no_source_maps_or_unused_search_languages_are_published(example_site: Path) -> None:
    assert not list(example_site.rglob("*.map"))
    lunr = example_site / "assets" / "javascripts" / "lunr"
    assert sorted(p.name for p in (lunr / "min").iterdir()) == [
        "lunr.multi.min.js", "lunr.stemmer.support.min.js", "lunr.th.min.js"]
    assert (lunr / "wordcut.js").is_file()   # for browsers without Intl.Segmenter
