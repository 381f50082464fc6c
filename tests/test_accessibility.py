"""Accessibility and mobile, proven in Debian's Chromium: axe-core and a 360 px screen."""
from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow

PAGES = ["", "2570/", "2570/status/", "rules/", "about/", "catalogue/",
         *[f"2570/{slug}/" for slug in ("01-budget-plan", "02-budget-monitoring",
                                        "03-budget-report", "04-procurement-plan",
                                        "05-opinion-channels", "06-participation")],
         "2569/03-budget-report/", "2570/oit-check-2570.html"]   # the last: the memo


def _axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in violations]


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violation_of_any_impact(browser: Any, site_url: str, path: str) -> None:
    """At a desktop's width and a phone's, each loaded at that width (one tab for both)."""
    page = browser.new_page()
    found = {}
    try:
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site_url + path)   # "load": the page's scripts have run
            page.evaluate("document.fonts.ready.then(() => true)")   # and its fonts are in
            assert page.get_attribute("html", "lang") == "th"
            found[width] = _axe_violations(page)
    finally:
        page.close()
    assert found == {1280: [], 360: []}


@pytest.mark.parametrize("path", ["", "2569/01-budget-plan/", "2569/04-procurement-plan/",
                                  "2569/02-budget-monitoring/"])
def test_page_does_not_overflow_a_360px_screen(browser: Any, site_url: str, path: str,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 780})
    try:
        page.goto(site_url + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth,"
                               " window.innerWidth]")
        shot = tmp_path_factory.mktemp("shots") / "page-360.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 0
        assert widths[0] <= 360 and widths[1] <= 360, (widths, shot)
        # the wide tables scroll inside their own box instead
        assert page.evaluate("document.querySelectorAll('.md-typeset__scrollwrap').length") > 0
    finally:
        page.close()


THAI_FONTS = ("Sarabun", "Noto Sans Thai", "Noto Serif Thai", "Loma", "Garuda", "Kinnari",
              "Norasi", "Laksaman", "Tahoma", "Leelawadee", "Thonburi", "Waree", "Umpush",
              "Sawasdee", "Purisa", "Kanit", "TlwgTypo", "Tlwg Typist", "Tlwg Mono")


def test_thai_text_is_drawn_with_a_font_that_has_thai_glyphs(browser: Any, site_url: str) -> None:
    """Ask Chromium which platform font actually drew the Thai heading (not just the CSS)."""
    page = browser.new_page()
    try:
        page.goto(site_url + "2570/")
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
        used = [f["familyName"] for f in fonts if f["glyphCount"] > 0]
        assert used and all(any(t in name for t in THAI_FONTS) for name in used), fonts
    finally:
        page.close()


def test_print_shows_the_content_without_navigation_and_prints_link_addresses(
        browser: Any, site_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + "2569/01-budget-plan/")
        page.emulate_media(media="print")
        hidden = page.evaluate("""['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary',
            '.md-search', '.md-footer__inner'].map(s => {
              const e = document.querySelector(s);
              return e === null || getComputedStyle(e).display === 'none';})""")
        assert all(hidden), hidden
        assert page.evaluate("getComputedStyle(document.querySelector('article')).display") != "none"
        after = page.evaluate("""(() => { const a = [...document.querySelectorAll(
            'article a[href^="http"]')][0]; return getComputedStyle(a, '::after').content; })()""")
        assert "https://" in after
        rows = page.evaluate("getComputedStyle(document.querySelector('article tr')).breakInside")
        assert rows == "avoid"
    finally:
        page.close()
