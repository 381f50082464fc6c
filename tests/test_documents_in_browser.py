"""The example site's evidence files, opened as a reader would: real build, real Chromium."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import pytest

pytestmark = pytest.mark.slow
PAGE = "2569/06-participation/"
PHOTO_TITLE = "ภาพกิจกรรมการประชุมประจำเดือน ครั้งที่ 2/2569"
PHOTO = "documents/2569/06/ภาพการประชุม-ครั้งที่-2-2569.png"


def test_example_documents_are_in_the_site(example_site: Path) -> None:
    folder = example_site / "documents" / "2569" / "06"
    assert sorted(p.name for p in folder.iterdir()) == [
        "ผู้เข้าประชุม-ครั้งที่-2-2569.csv", "ภาพการประชุม-ครั้งที่-2-2569.png",
        "รายงานการประชุม-ครั้งที่-2-2569.pdf"]


def test_a_thai_named_photo_opens_in_chromium(site_url: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + PAGE)
        link = page.get_by_role("link", name=PHOTO_TITLE)
        href = link.get_attribute("href")
        assert unquote(urljoin(site_url + PAGE, href)) == site_url + PHOTO
        assert "(PNG, 22 KB)" in link.locator("xpath=..").inner_text()
        response = page.goto(urljoin(site_url + PAGE, href))
        assert response is not None and response.status == 200
        assert response.headers["content-type"] == "image/png"
        assert page.evaluate("document.querySelector('img').naturalWidth") == 640
    finally:
        page.close()
