"""Tables that read well, in Chromium: at 1280 px a topic page's tables fit their column (no
sideways scroll), at 360 px each row is a card of labelled cells inside the screen, and a
long table can be filtered and sorted; without script every table is still complete.
Screenshots of the home page and each topic page at both widths are kept as test
artefacts (the test's tmp folder), not committed."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.topics import Topic

pytestmark = pytest.mark.slow

PAGES = ["", *(f"2570/{t.slug}/" for t in Topic if t is not Topic.BUDGET_REPORT),
         "2569/03-budget-report/"]
ITEMS = "2570/04-procurement-plan/"

FIT = """() => ({
  page: [document.documentElement.scrollWidth, innerWidth],
  tables: [...document.querySelectorAll('.md-typeset table')].map(t => {
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement
    return {scroll: box.scrollWidth - box.clientWidth, right: Math.round(
      Math.max(...[...t.querySelectorAll('td')].map(c => c.getBoundingClientRect().right)))}
  })})"""


def _page(browser: Any, width: int, **options: Any) -> Any:
    return browser.new_context(viewport={"width": width, "height": 900}, locale="th-TH",
                               **options).new_page()


MARK_ITEMS = """() => { let e = document.getElementById('items')
  while (e && !(e.querySelector && e.querySelector('table'))) e = e.nextElementSibling
  e.querySelector('table').id = 'items-table' }"""


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", PAGES)
def test_no_table_scrolls_sideways_and_the_page_fits(
        path: str, width: int, site_url: str, browser: Any,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    page = _page(browser, width)
    page.goto(site_url + path)   # "load": the tables' script has run
    page.evaluate("document.fonts.ready.then(() => true)")   # widths are measured in Sarabun
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"{path.strip('/').replace('/', '-') or 'home'}-{width}.png"),
                    full_page=True)
    fit = page.evaluate(FIT)
    page.context.close()
    assert fit["page"][0] <= fit["page"][1], fit["page"]
    for table in fit["tables"]:
        assert table["scroll"] <= 1, (path, width, fit["tables"])
        assert table["right"] <= width, (path, width, fit["tables"])


def test_on_a_phone_each_row_is_a_card_of_labelled_cells(site_url: str, browser: Any) -> None:
    page = _page(browser, 360)
    page.goto(site_url + ITEMS)
    page.evaluate(MARK_ITEMS)
    labels = page.eval_on_selector_all(
        "#items-table[data-oit-table] tbody tr:first-child td",
        "cells => cells.map(c => [c.dataset.label, getComputedStyle(c, '::before').content])")
    page.context.close()
    assert [label for label, _ in labels] == [
        "ลำดับ", "รายการ", "วงเงิน (บาท)", "แหล่งเงิน", "วิธีการจัดหา", "ช่วงเวลาที่คาดว่าจะจัดหา",
        "ผู้รับผิดชอบ"]
    assert all(shown == f'"{label}"' for label, shown in labels), labels


def _amounts(page: Any) -> list[float]:
    cells = page.eval_on_selector_all(
        "#items-table tbody tr:not([hidden]) td:nth-child(3)",
        "cells => cells.map(c => c.textContent.trim())")
    return [float(c.replace(",", "")) for c in cells]


def test_a_long_table_sorts_by_a_column_and_filters_by_text(site_url: str, browser: Any) -> None:
    page = _page(browser, 1280)
    page.goto(site_url + ITEMS)
    page.evaluate(MARK_ITEMS)
    table = "#items-table[data-oit-table]"
    before = _amounts(page)
    page.click(f"{table} th:nth-child(3) button")
    assert _amounts(page) == sorted(before)
    assert page.get_attribute(f"{table} th:nth-child(3)", "aria-sort") == "ascending"
    page.click(f"{table} th:nth-child(3) button")
    assert _amounts(page) == sorted(before, reverse=True)
    box = page.locator("input[aria-label='กรองรายการในตาราง']").first
    box.fill("คอมพิวเตอร์")
    rows = page.eval_on_selector_all(f"{table} tbody tr:not([hidden])",
                                     "rows => rows.map(r => r.textContent)")
    status = page.inner_text(".oit-table-tools [role=status]")
    page.context.close()
    assert rows and all("คอมพิวเตอร์" in row for row in rows)
    assert status == f"แสดง {len(rows)} จาก {len(before)} รายการ"


def test_without_script_every_table_is_complete(site_url: str, browser: Any,
                                                example_site: Path) -> None:
    page = _page(browser, 360, java_script_enabled=False)
    page.goto(site_url + ITEMS)
    rows = page.eval_on_selector_all("table tbody tr", "rows => rows.length")
    page.context.close()
    html = (example_site / "2570" / "04-procurement-plan" / "index.html").read_text("utf-8")
    assert rows == html.count("<tr>") - html.count("<thead>")
