"""The MkDocs plugin's pure parts (the plugin itself runs in every end-to-end build)."""
from __future__ import annotations

from generator.site.plugin import with_fiscal_year


def test_a_year_page_gets_its_fiscal_year_in_its_search_title() -> None:
    doc = {"location": "2569/04-procurement-plan/", "title": "04 แผนการจัดซื้อจัดจ้าง", "text": ""}
    assert with_fiscal_year(doc) == {**doc, "title": "04 แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2569"}


def test_sections_pages_outside_years_and_titles_with_the_year_are_left_alone() -> None:
    for doc in ({"location": "2569/04-procurement-plan/#items", "title": "รายการ", "text": ""},
                {"location": "about/", "title": "เกี่ยวกับ", "text": ""},
                {"location": "", "title": "หน้าแรก", "text": ""},
                {"location": "2569/", "title": "ปีงบประมาณ พ.ศ. 2569", "text": ""}):
        assert with_fiscal_year(doc) == doc
