"""In Chromium: every download link of every topic page returns a file whose rows match the page."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from pagetables import mismatches, page_tables

pytestmark = pytest.mark.slow

TOPIC_PAGES = [f"2569/{slug}/" for slug in (
    "01-budget-plan", "02-budget-monitoring", "03-budget-report", "04-procurement-plan",
    "05-opinion-channels", "06-participation")] + [f"2570/{slug}/" for slug in (
        "01-budget-plan", "02-budget-monitoring", "04-procurement-plan", "05-opinion-channels",
        "06-participation")]

# The first table after a heading: its column headings, and the text of each data row
# (total rows, whose cells are bold, left out).
READ_TABLE = """(id) => {
  let el = document.getElementById(id).nextElementSibling;
  while (el && el.tagName !== 'TABLE' && !el.querySelector('table')) el = el.nextElementSibling;
  const table = el.tagName === 'TABLE' ? el : el.querySelector('table');
  const headers = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
  const rows = [...table.querySelectorAll('tbody tr')].filter(tr => !tr.querySelector('strong'))
    .map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText));
  return [headers, rows];
}"""
DOWNLOAD_LINKS = """() => [...document.querySelectorAll('#downloads ~ * a')]
  .map(a => a.href).filter(href => /\\.(csv|json)$/.test(href))"""


@pytest.fixture(scope="module")
def page(browser: Any) -> Any:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", TOPIC_PAGES)
def test_each_download_link_returns_the_rows_the_page_shows(page: Any, site_url: str,
                                                            path: str) -> None:
    page.goto(site_url + path)
    links: list[str] = page.evaluate(DOWNLOAD_LINKS)
    csv_links = [link for link in links if link.endswith(".csv")]
    json_links = [link for link in links if link.endswith(".json")]
    assert csv_links and len(json_links) == 1, links
    metadata = json.loads(_fetch(page, json_links[0]))["metadata"]
    types = {f["title_th"]: f["type"] for t in metadata["tables"] for f in t["fields"]}
    for link in csv_links:
        content = _fetch(page, link)
        assert content.startswith(b"\xef\xbb\xbf"), link
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        name = link.rsplit("/", 1)[1]
        assert rows, link
        for anchor, shown_rows in page_tables(name, rows):
            headers, data_rows = page.evaluate(READ_TABLE, anchor)
            assert mismatches(headers, data_rows, shown_rows, types) == [], f"{path}#{anchor}"


def _fetch(page: Any, url: str) -> bytes:
    response = page.request.get(url)
    assert response.status == 200, url
    body: bytes = response.body()
    return body
