"""The example site as built by the real `oit build`: every topic's title and the right totals."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.topics import Topic

pytestmark = pytest.mark.slow


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("topic", list(Topic), ids=lambda t: t.slug)
def test_each_topic_page_has_its_thai_title(example_site: Path, topic: Topic) -> None:
    for year in (2569, 2570):
        html = _html(example_site, f"{year}/{topic.slug}")
        assert f"{topic.info.title_th} ปีงบประมาณ พ.ศ. {year}" in _text(html)
        assert '<h1 id="top">' in html


@pytest.mark.parametrize(("page", "figures"), [
    ("2569/01-budget-plan", ["งบประมาณทั้งสิ้น 38,024,736.50 บาท", "รวมทั้งสิ้น",
                             "งบบุคลากร 18,456,720.00"]),
    ("2569/02-budget-monitoring", ["30 กันยายน 2569 – 38,024,736.50 38,024,736.50 37,415,101.41 98.40"]),
    ("2569/03-budget-report", ["ใช้จ่ายจริงทั้งสิ้น 37,415,101.41 บาท (ร้อยละ 98.40)"]),
    ("2569/04-procurement-plan", ["จำนวนรายการ 43 รายการ", "วงเงินรวม 10,231,300.00 บาท"]),
    ("2570/04-procurement-plan", ["จำนวนรายการ 35 รายการ", "วงเงินรวม 8,971,800.00 บาท"]),
    ("2570/01-budget-plan", ["งบประมาณทั้งสิ้น 39,184,485.25 บาท"]),
])
def test_totals_on_the_built_pages(example_site: Path, page: str, figures: list[str]) -> None:
    text = _text(_html(example_site, page))
    for figure in figures:
        assert figure in text


def test_home_page_lists_current_year_topics_with_status_and_the_archive(example_site: Path) -> None:
    text = _text(_html(example_site, "."))
    assert "การเปิดเผยข้อมูลสาธารณะ ปีงบประมาณ พ.ศ. 2570" in text
    assert "แผนการจัดซื้อจัดจ้าง ไม่ครบถ้วน" in text
    assert "ปีงบประมาณ พ.ศ. 2569" in text
    assert "0 2123 4567" in text   # the unit's phone, in the footer


def test_status_page_of_the_current_year(example_site: Path) -> None:
    text = _text(_html(example_site, "2570/status"))
    assert "data/2570/04-procurement-plan.yml:120" in text
    assert "data/2570/06-participation.yml:21" in text
