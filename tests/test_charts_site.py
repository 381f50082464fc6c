"""End to end: the example site publishes every chart, its pages show them, Chromium loads them."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.charts.topics import Chart, site_charts
from generator.model.load import load_dataset

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
CHART_PAGES = ["2569/01-budget-plan/", "2569/02-budget-monitoring/", "2569/03-budget-report/",
               "2569/04-procurement-plan/", "2570/01-budget-plan/", "2570/02-budget-monitoring/",
               "2570/04-procurement-plan/"]


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.found.append(dict(attrs))


def _images(page: Path) -> list[dict[str, str | None]]:
    parser = _Images()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def _charts() -> list[Chart]:
    return site_charts(load_dataset(REPO / "data", REPO))


def test_every_chart_is_published_and_its_page_shows_it_with_its_alt_text(example_site: Path) -> None:
    for chart in _charts():
        assert (example_site / chart.asset_path).read_text(encoding="utf-8") == chart.svg()
        page = example_site / str(chart.year) / chart.topic.slug / "index.html"
        shown = [img for img in _images(page) if img.get("src") == f"../{chart.href}"]
        assert [img.get("alt") for img in shown] == [chart.alt], chart.asset_path


def test_only_charts_with_data_are_published(example_site: Path) -> None:
    published = sorted(p.relative_to(example_site).as_posix()
                       for p in example_site.glob("*/charts/*.svg"))
    assert published == sorted(c.asset_path for c in _charts())
    assert not list(example_site.glob("2570/charts/03-*"))
    assert not [img for img in _images(example_site / "2570" / "03-budget-report" / "index.html")
                if "charts/" in (img.get("src") or "")]


@pytest.mark.parametrize("width", [360, 1280], ids=["phone", "desktop"])
def test_charts_load_in_chromium_fit_the_screen_and_have_alt_text(
        site_url: str, browser: Any, width: int, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        for path in CHART_PAGES:
            page.goto(site_url + path)
            page.wait_for_load_state("load")
            images = page.eval_on_selector_all(
                'img[src*="/charts/"]',
                "els => els.map(e => ({src: e.src, ok: e.complete && e.naturalWidth > 0,"
                " alt: e.alt, right: e.getBoundingClientRect().right}))")
            assert images, path
            for image in images:
                assert image["ok"], image["src"]
                assert image["alt"].strip(), image["src"]
                assert image["right"] <= width, image["src"]   # scaled down, never overflowing
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            # the smallest text of each chart as drawn on this screen: at least 12 px
            drawn = page.evaluate("""async () => Promise.all([...document.querySelectorAll(
                'img[src*="/charts/"]')].map(async img => {
                  const svg = await (await fetch(img.src)).text()
                  const box = Number(/viewBox="0 0 ([0-9.]+)/.exec(svg)[1])
                  const sizes = [...svg.matchAll(/font-size="([0-9.]+)"/g)].map(m => Number(m[1]))
                  return Math.min(...sizes) * img.getBoundingClientRect().width / box }))""")
            assert min(drawn) >= 12, (path, width, drawn)
        chart = page.locator('img[src*="by-quarter"]')
        chart.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / f"04-procurement-plan-{width}.png"))
    finally:
        page.close()
