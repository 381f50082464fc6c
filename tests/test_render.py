"""Golden files of the generated Markdown for the example data, and rendering rules."""
from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from generator.commands.check import check_year
from generator.model.load import load_dataset
from generator.model.dataset import Dataset
from generator.render.markdown import link_path, link_target, md_cell, md_code, md_line, md_text
from generator.render.pages import document_assets, make_environment, render_site
from generator.render.types import GENERATED_MARK

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden" / "example"
BUILD_DATE = datetime.date(2026, 11, 23)


def _render_example(theme_dir: Path | None = None, show_findings: bool = False) -> dict[str, str]:
    dataset = load_dataset(REPO / "data", REPO)
    intro = (REPO / "content" / "_fragments" / "home-intro.md").read_text(encoding="utf-8").strip()
    reports = {year: check_year(dataset, year, BUILD_DATE) for year in dataset.years}
    pages = render_site(dataset, build_date=BUILD_DATE, intro=intro,
                        env=make_environment(theme_dir or REPO / "site_theme"), reports=reports,
                        show_findings=show_findings).pages
    return {page.path: page.text for page in pages}


def test_generated_markdown_matches_the_golden_files(update_golden: bool) -> None:
    pages = _render_example()
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    stored = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
              for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(stored), "pages added or removed: run pytest --update-golden"
    for path, text in pages.items():
        assert text == stored[path], f"{path} differs from its golden file"


def test_rendering_is_deterministic() -> None:
    assert _render_example() == _render_example()


def test_every_page_carries_the_mark_and_ascii_heading_ids() -> None:
    for path, text in _render_example().items():
        assert text.startswith(GENERATED_MARK), path
        headings = [l for l in text.splitlines() if re.match(r"#{1,6} ", l)]
        assert headings, path
        for heading in headings:
            assert re.search(r" \{#[a-z0-9][a-z0-9-]*\}$", heading), f"{path}: {heading}"


def test_heading_ids_are_unique_within_a_page() -> None:
    for path, text in _render_example().items():
        ids = re.findall(r"\{#([a-z0-9-]+)\}", text)
        assert len(ids) == len(set(ids)), path


def test_totals_on_the_budget_plan_page_are_exact() -> None:
    page = _render_example()["2569/01-budget-plan.md"]
    assert "| งบประมาณทั้งสิ้น | 38,024,736.50 บาท |" in page
    assert "**รวมทั้งสิ้น**" in page


def test_annual_report_not_yet_due_points_to_the_previous_year() -> None:
    page = _render_example()["2570/03-budget-report.md"]
    assert '!!! info "ยังไม่ถึงกำหนดเผยแพร่"' in page
    assert "ถึงกำหนดเผยแพร่ภายในวันที่ 31 ตุลาคม 2570" in page
    assert "[รายงานผลการใช้จ่ายงบประมาณประจำปี ปีงบประมาณ พ.ศ. 2569](../2569/03-budget-report.md)" in page


def test_missing_topic_that_is_due_says_so() -> None:
    dataset = load_dataset(REPO / "tests" / "fixtures" / "minimal", REPO)
    reports = {2569: check_year(dataset, 2569, BUILD_DATE)}
    pages = render_site(dataset, build_date=BUILD_DATE, intro="", reports=reports,
                        env=make_environment(REPO / "site_theme")).pages
    page = next(p.text for p in pages if p.path == "2569/05-opinion-channels.md")
    assert '!!! warning "ยังไม่มีข้อมูล"' in page
    assert "หน่วยงานยังไม่ได้เผยแพร่ข้อมูลหัวข้อ 05 ช่องทางการรับฟังความคิดเห็น" in page


def test_every_topic_page_switches_to_the_same_topic_in_other_years() -> None:
    page = _render_example()["2569/04-procurement-plan.md"]
    assert "ปีงบประมาณ: [2570](../2570/04-procurement-plan.md) (ปัจจุบัน) · **2569**" in page


def test_site_theme_template_overrides_one_block(tmp_path: Path) -> None:
    override = tmp_path / "oit"
    override.mkdir()
    (override / "05-opinion-channels.md.j2").write_text(
        '{% extends "default:05-opinion-channels.md.j2" %}\n'
        "{% block summary %}ช่องทางของเราเปิดทุกวัน{% endblock %}\n", encoding="utf-8")
    page = _render_example(tmp_path)["2569/05-opinion-channels.md"]
    assert "ช่องทางของเราเปิดทุกวัน" in page
    assert "## ช่องทางการรับฟังความคิดเห็น {#channels}" in page


@pytest.mark.parametrize(("raw", "cell"), [
    ("ก | ข", "ก &#124; ข"), ("บรรทัด 1\nบรรทัด 2", "บรรทัด 1 <br>บรรทัด 2"), (None, "–"), ("", "–")])
def test_table_cells_stay_one_cell(raw: str | None, cell: str) -> None:
    assert md_cell(raw) == cell


def test_markdown_markup_in_data_is_shown_literally() -> None:
    assert md_text("*ด่วน* [ลิงก์](x) <b>") == "&#42;ด่วน&#42; &#91;ลิงก์&#93;(x) &#60;b&#62;"


@pytest.mark.parametrize(("typed", "markdown"), [
    ("กองคลัง", "กองคลัง"),                                   # most values: as they are
    ("&lt;b&gt;", "&#38;lt;b&#38;gt;"),                        # an entity stays text
    ("x {: onclick=alert(5) }", "x &#123;: onclick=alert(5) &#125;"),
    ("\\<b>", "&#92;&#60;b&#62;"),                             # no stray backslash
    ("# หัวข้อ", "&#35; หัวข้อ"), ("- รายการ", "&#45; รายการ"), ("+ ก", "&#43; ก"),
    ("1. ข้อ", "1&#46; ข้อ"), ("2) ข้อ", "2&#41; ข้อ"), ("1.5 ล้าน", "1.5 ล้าน"),
    ("---", "&#45;--"), ("!!! note", "&#33;!! note"), ("a - b = c", "a - b = c"),
    ("ก\r\nข\nค", "ก <br>ข <br>ค")])
def test_data_becomes_text_that_markdown_leaves_alone(typed: str, markdown: str) -> None:
    assert md_text(typed) == markdown


def _to_html(text: str) -> str:
    import markdown
    return markdown.markdown(text, extensions=["toc", "tables", "attr_list", "admonition",
                                               "pymdownx.superfences"])


def test_an_address_ending_in_an_attribute_list_puts_no_attribute_on_the_link() -> None:
    url = "https://chpb.example.go.th/a.pdf){: onclick=alert(5) }"
    html = _to_html(f"- [เอกสาร]({link_target(url)})")
    assert html == ('<ul>\n<li><a href="https://chpb.example.go.th/a.pdf%29%7B:%20onclick=alert%285'
                    '%29%20%7D">เอกสาร</a></li>\n</ul>')


def test_an_address_keeps_its_query_and_its_entities_literal() -> None:
    html = _to_html(f"[x]({link_target('https://e.go.th/?a=1&b=&lt;2')})")
    assert 'href="https://e.go.th/?a=1&amp;b=&amp;lt;2"' in html


def test_a_heading_and_an_alt_text_take_a_multi_line_value_on_one_line() -> None:
    assert md_line("ประชุม\n{ครั้งที่ 2}") == "ประชุม &#123;ครั้งที่ 2&#125;"
    html = _to_html(f"## {md_line('ประชุม {ครั้งที่ 2}')} {{#activity-1}}")
    assert html.startswith('<h2 id="activity-1">ประชุม &#123;ครั้งที่ 2&#125;')


def test_a_file_name_is_code_with_escaped_text_not_a_code_span() -> None:
    assert md_code("data/2569/a_b`c.yml:3") == "<code>data/2569/a&#95;b&#96;c.yml:3</code>"


def test_home_page_shows_each_topic_status_beside_its_link() -> None:
    home = _render_example()["index.md"]
    assert ('| 04 | [แผนการจัดซื้อจัดจ้าง](2570/04-procurement-plan.md) | '
            '<span class="oit-status oit-status--incomplete">ไม่ครบถ้วน</span> |') in home
    assert '<span class="oit-status oit-status--not-due">ยังไม่ถึงกำหนด</span>' in home


def test_status_page_lists_every_finding_with_its_file_and_line() -> None:
    status = _render_example()["2570/status.md"]
    assert "<code>data/2570/04-procurement-plan.yml:120</code>" in status
    assert "<code>data/2570/06-participation.yml:21</code>" in status
    assert "[04-item-fields](../rules.md#topic-04)" in status


def test_topic_findings_appear_on_topic_pages_only_when_asked() -> None:
    assert "สถานะความครบถ้วน" not in _render_example()["2570/04-procurement-plan.md"]
    page = _render_example(show_findings=True)["2570/04-procurement-plan.md"]
    assert '!!! warning "สถานะความครบถ้วน: ไม่ครบถ้วน"' in page
    assert "`04-item-fields` รายการที่ 14" in page


def test_rules_page_lists_every_rule() -> None:
    from generator.checks.rules import RULES
    page = _render_example()["rules.md"]
    for rule in RULES:
        assert f"| `{rule.id}` |" in page


def test_each_topic_page_links_its_downloads_with_sizes_and_rows() -> None:
    page = _render_example()["2569/04-procurement-plan.md"]
    assert "## ดาวน์โหลดข้อมูล {#downloads}" in page
    assert re.search(r"\| \[รายการจัดซื้อจัดจ้าง\]\(data/04-procurement-plan\.csv\) \| CSV \| "
                     r"[0-9.]+ KB \| 43 \|", page)
    assert "[ข้อมูลทั้งหัวข้อ](data/04-procurement-plan.json) | JSON |" in page
    assert "[คำอธิบายข้อมูล](../catalogue.md#topic-04)" in page
    assert "ดาวน์โหลดข้อมูล" not in _render_example()["2570/03-budget-report.md"]


def test_catalogue_page_lists_every_dataset_with_its_files_and_fields() -> None:
    from generator.opendata.catalogue import open_data
    pages = _render_example()
    catalogue = pages["catalogue.md"]
    assert catalogue.startswith(GENERATED_MARK)
    assert "# แคตตาล็อกข้อมูล {#top}" in catalogue
    assert "https://creativecommons.org/licenses/by/4.0/" in catalogue
    for d in open_data(load_dataset(REPO / "data", REPO)).datasets:
        assert f"| [{d.title_th}]({d.page}) | {d.year} |" in catalogue
        for f in d.files:
            assert f"]({f.path})" in catalogue
            if f.table is not None:
                assert f"**โครงสร้างข้อมูล: {f.table.title_th} (CSV)**" in catalogue
    assert "[แคตตาล็อกข้อมูล](catalogue.md)" in pages["index.md"]
def _dataset_with_documents(tmp_path: Path) -> Dataset:
    """The minimal data with local evidence files: a Thai name with spaces, a 245 KB scan."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copytree(FIXTURES / "documents", data / "documents")
    (data / "documents/2569/scan.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (245 * 1024 + 91))
    shutil.copy(data / "documents/2569/รายงาน-1.pdf", data / "documents/2569/รายงานการประชุม ครั้งที่ 1.pdf")
    with (data / "2569/01-budget-plan.yml").open("a", encoding="utf-8") as plan:
        plan.write("source_document:\n  title: แผนฉบับลงนาม\n  file: documents/2569/scan.pdf\n")
    (data / "2569/06-participation.yml").write_text(
        "evidence:\n"
        "  - title: รายงานการประชุม ครั้งที่ 1\n"
        "    file: documents/2569/รายงานการประชุม ครั้งที่ 1.pdf\n"
        "    date: 2025-11-26\n"
        "  - title: ภาพกิจกรรม\n    file: documents/2569/Photo-1.PNG\n"
        "  - title: แผนการมีส่วนร่วม\n    url: https://test.example.go.th/plan.pdf\n"
        "    date: 2025-10-17\n", encoding="utf-8")
    return load_dataset(data, tmp_path)


def _render_dataset(dataset: Dataset) -> dict[str, str]:
    reports = {year: check_year(dataset, year, BUILD_DATE) for year in dataset.years}
    pages = render_site(dataset, build_date=BUILD_DATE, intro="", reports=reports,
                        env=make_environment(REPO / "site_theme")).pages
    return {page.path: page.text for page in pages}


def test_local_documents_are_linked_with_their_type_and_size(tmp_path: Path) -> None:
    dataset = _dataset_with_documents(tmp_path)
    thai_size = (tmp_path / "data/documents/2569/รายงาน-1.pdf").stat().st_size
    page = _render_dataset(dataset)["2569/06-participation.md"]
    assert ("- [รายงานการประชุม ครั้งที่ 1](../documents/2569/รายงานการประชุม%20ครั้งที่%201.pdf)"
            f" (PDF, {thai_size} ไบต์) — ลงวันที่ 26 พฤศจิกายน 2568\n") in page
    assert "- [ภาพกิจกรรม](../documents/2569/Photo-1.PNG) (PNG, 73 ไบต์)\n" in page
    # A web address keeps its form: no type, no size.
    assert ("- [แผนการมีส่วนร่วม](https://test.example.go.th/plan.pdf)"
            " — ลงวันที่ 17 ตุลาคม 2568\n") in page


def test_the_plan_document_may_be_a_local_file(tmp_path: Path) -> None:
    page = _render_dataset(_dataset_with_documents(tmp_path))["2569/01-budget-plan.md"]
    assert "| เอกสารแผน | [แผนฉบับลงนาม](../documents/2569/scan.pdf) (PDF, 245 KB) |\n" in page


def test_each_local_document_is_published_once_from_its_file(tmp_path: Path) -> None:
    assets = document_assets(_dataset_with_documents(tmp_path))
    documents = tmp_path / "data" / "documents" / "2569"
    assert [(a.path, a.source, a.content) for a in assets] == [
        ("documents/2569/Photo-1.PNG", (documents / "Photo-1.PNG").resolve(), None),
        ("documents/2569/scan.pdf", (documents / "scan.pdf").resolve(), None),
        ("documents/2569/รายงานการประชุม ครั้งที่ 1.pdf",
         (documents / "รายงานการประชุม ครั้งที่ 1.pdf").resolve(), None)]


@pytest.mark.parametrize(("path", "target"), [
    ("documents/2569/minutes-1.pdf", "documents/2569/minutes-1.pdf"),
    ("documents/2569/รายงาน (ฉบับที่ 2).pdf", "documents/2569/รายงาน%20%28ฉบับที่%202%29.pdf"),
    ("documents/a\u200bb#1?.pdf", "documents/a%E2%80%8Bb%231%3F.pdf")])
def test_link_paths_keep_thai_readable_and_the_link_whole(path: str, target: str) -> None:
    assert link_path(path) == target


def test_a_statement_of_no_procurement_says_when_it_is_accepted() -> None:
    from generator.topics import Topic

    dataset = load_dataset(REPO / "data", REPO)
    fy = dataset.years[2570]
    plan = fy.topics[Topic.PROCUREMENT_PLAN].model_copy(update={
        "items": [], "no_procurement": "ปีงบประมาณนี้ไม่มีรายการที่ต้องประกาศแผน"})
    changed = dataset.model_copy(update={"years": {**dataset.years, 2570: fy.model_copy(
        update={"topics": {**fy.topics, Topic.PROCUREMENT_PLAN: plan}})}})
    page = _render_dataset(changed)["2570/04-procurement-plan.md"]
    assert "ปีงบประมาณนี้ไม่มีรายการที่ต้องประกาศแผน" in page
    assert "คำชี้แจงนี้เป็นคำตอบที่เกณฑ์ ITA รับได้ เมื่อปีงบประมาณนี้ไม่มีรายการจัดซื้อจัดจ้างที่กฎหมายกำหนด" in page
