"""Thai search in a real browser: the example site, built and served, searched in Chromium.

Each query is typed into Material's search box the way a visitor would (Thai without
spaces); the test reads the first result. Expected pages are patterns because most topics
exist for both fiscal years and either year's page is the right answer.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

pytestmark = pytest.mark.slow



def topic(number: str, year: str = "2569|2570") -> str:
    """The pattern of a topic page's path, e.g. '2569/04-procurement-plan/'."""
    return f"({year})/({number})-[a-z-]+/"


HOME = ""
NO_RESULT = "ไม่พบเอกสารที่ตรงกัน"          # site_theme/partials/languages/th.html

WORDS_INSIDE_RUNS = [
    ("งบประมาณ", topic("01|02|03")),                      # in 'แผนการใช้จ่ายงบประมาณประจำปี'
    ("จัดซื้อ", topic("04")),                             # in 'แผนการจัดซื้อจัดจ้าง'
    ("จัดจ้าง", topic("04")),
    ("คอมพิวเตอร์", topic("04") + "|" + topic("02", "2569")),  # 'ซื้อหมึกพิมพ์และวัสดุคอมพิวเตอร์'
    ("ความคิดเห็น", topic("05")),
    ("ทำความสะอาด", topic("04") + "|" + topic("03", "2569")),  # 'จ้างเหมาบริการทำความสะอาดอาคาร'
    ("รักษาความปลอดภัย", topic("04") + "|" + topic("03", "2569")),
    ("ถ่ายเอกสาร", topic("04")),                          # 'เช่าเครื่องถ่ายเอกสาร'
    ("หมึกพิมพ์", topic("04")),
    ("ร้องเรียน", topic("05")),
    ("เฟซบุ๊ก", topic("05")),
    ("น้ำมันเชื้อเพลิง", topic("04")),                    # 'ซื้อน้ำมันเชื้อเพลิงและหล่อลื่น...'
    ("ความดันโลหิต", topic("04", "2569")),                # only in 'เครื่องวัดความดันโลหิต'
    ("ประชาสัมพันธ์", topic("05")),                       # 'งานประชาสัมพันธ์'
    ("ปัญหาอุปสรรค", topic("02", "2569") + "|" + topic("03")),
    ("มีส่วนร่วม", topic("06")),
    ("เบิกจ่าย", topic("02")),
    ("ติวานนท์", HOME + "|" + topic("05")),               # 'ถนนติวานนท์' (home page contact table)
]
PHRASES_WITHOUT_SPACES = [
    ("แผนการจัดซื้อจัดจ้าง", topic("04")),
    ("ช่องทางการรับฟังความคิดเห็น", topic("05")),
    ("รายงานผลการใช้จ่ายงบประมาณ", topic("03")),
    ("รายงานการกำกับติดตาม", topic("02")),
    ("การเปิดโอกาสให้เกิดการมีส่วนร่วม", topic("06")),
    ("เกณฑ์การตรวจความครบถ้วน", "rules/"),
    ("สถานะความครบถ้วน", "(2569|2570)/status/"),
    ("ซื้อกระดาษถ่ายเอกสาร", topic("04")),
    ("เครื่องวัดความดันโลหิต", topic("04", "2569")),
]
FIGURES_AND_ENGLISH = [
    ("1,250,000.00", topic("01", "2570")),                # as printed
    ("1250000", topic("01", "2570")),                     # typed without separators
    ("10,231,300.00", topic("04", "2569")),
    ("๑๐,๒๓๑,๓๐๐.๐๐", topic("04", "2569")),               # Thai digits
    ("saraban@chpb.example.go.th", HOME + "|" + topic("05")),
    ("e-bidding", topic("04")),
    ("12/2569", topic("05", "2569")),                     # an order's number
]
QUERIES = WORDS_INSIDE_RUNS + PHRASES_WITHOUT_SPACES + FIGURES_AND_ENGLISH


@dataclass(frozen=True)
class SearchResults:
    summary: str          # Material's line above the results, e.g. 'พบ 2 เอกสารที่ตรงกัน'
    pages: list[str]      # site path of each result, best first ('' is the home page)
    html: str             # the result list as shown


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def search(page: Any, site_url: str, query: str) -> SearchResults:
    """Type ``query`` into the home page's search box and wait for its results.

    The page (and Material's search worker, with its index built) is kept from one search
    to the next: the box is emptied first, and the results are read only once Material has
    answered the empty box, so that they cannot be the previous query's."""
    if page.url.split("#")[0] != site_url:
        page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    for typed in ("", query):
        box.fill(typed)
        box.press("End")   # Material searches on keyup
        page.wait_for_function(
            """(empty) => {
                 const meta = document.querySelector('.md-search-result__meta')
                 return meta && !/กำลังเริ่มต้น/.test(meta.textContent) &&
                        /พิมพ์เพื่อ/.test(meta.textContent) === empty
               }""", arg=not typed, timeout=15_000)
    links = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)")
    return SearchResults(
        summary=page.inner_text(".md-search-result__meta").strip(),
        pages=[link.removeprefix(site_url).split("#")[0] for link in links],
        html=page.inner_html(".md-search-result__list"))


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_search_finds_the_right_page_first(page: Any, site_url: str, query: str,
                                           expected: str) -> None:
    results = search(page, site_url, query)
    assert results.pages, f"{query!r}: {results.summary}"
    assert re.fullmatch(expected, results.pages[0]), (query, results.pages[:5])


def test_there_are_enough_thai_queries() -> None:
    thai = [q for q, _ in QUERIES if re.search("[\u0e00-\u0e7f]", q)]
    assert len(thai) >= 15


def test_query_with_no_match_says_so_in_thai(page: Any, site_url: str) -> None:
    results = search(page, site_url, "ดาวเทียม")
    assert results.pages == []
    assert results.summary == NO_RESULT


def test_words_from_two_pages_typed_together_still_find_both(page: Any, site_url: str) -> None:
    # All words of a phrase are required first; when no page has them all, any word counts.
    results = search(page, site_url, "ความดันโลหิตเฟซบุ๊ก")
    assert "2569/04-procurement-plan/" in results.pages
    assert any(p.endswith("05-opinion-channels/") for p in results.pages)


def test_thai_words_are_highlighted_in_the_results(page: Any, site_url: str) -> None:
    results = search(page, site_url, "เครื่องวัดความดันโลหิต")
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    assert {"ความ", "ดัน", "โลหิต"} <= {m.replace("\u200b", "") for m in marked}, marked
    shown = re.sub(r"<[^>]+>", "", results.html).replace("\u200b", "")
    assert "เครื่องวัดความดันโลหิต" in shown


def test_results_name_the_fiscal_year_of_each_page(page: Any, site_url: str) -> None:
    search(page, site_url, "แผนการจัดซื้อจัดจ้าง")
    titles = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link h1",
                                       "els => els.map(e => e.textContent.replace(/\\u200b/g, ''))")
    assert "04 แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2570" in titles, titles
    assert "04 แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2569" in titles, titles


@pytest.mark.parametrize("query", ["แผนการจัดซื้อจัดจ้าง", "ช่องทางการรับฟังความคิดเห็น",
                                   "การเปิดโอกาสให้เกิดการมีส่วนร่วม"])
def test_the_current_fiscal_year_comes_before_its_twin_from_an_earlier_year(
        page: Any, site_url: str, query: str) -> None:
    results = search(page, site_url, query)
    years = [p.split("/")[0] for p in results.pages if re.match(r"25\d\d/0\d-", p)]
    assert years[:2] == ["2570", "2569"], results.pages[:5]
