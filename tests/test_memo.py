"""The working group's memo (oit check --format html|pdf): laid out as their บันทึกข้อความ,
every finding in it, Thai digits on request, printable on A4 without a cut row, and a PDF
whose Thai is shaped (read back with pdftotext, looked at with pdftoppm)."""
from __future__ import annotations

import datetime
import logging
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import read_only
from generator import language, periods
from generator.checks.engine import CheckReport
from generator.cli import main
from generator.commands.check import check_year, memo_gaps, memo_gaps_said
from generator.model.load import load_dataset
from generator.render.memo import MemoOptions, memo_html, subject

REPO = Path(__file__).resolve().parent.parent
AS_OF = datetime.date(2026, 12, 1)   # fiscal year 2570, round 1; 04 and 06 need work
BROKEN = "https://chpb.example.go.th/oit/2570/01/budget-plan-2570-signed.pdf"


class _Text(HTMLParser):
    """The text a reader sees, and the text outside <code> and .url (file names, addresses)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.all: list[str] = []
        self.prose: list[str] = []
        self._skip: list[str] = []   # open elements whose text is not prose
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._between(tag)
        if tag in ("style", "code", "title") or "url" in (dict(attrs).get("class") or "").split():
            self._skip.append(tag)
        elif self._skip and tag == self._skip[-1]:
            self._skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._between(tag)
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def _between(self, tag: str) -> None:
        """A block's edge parts words as a browser shows it; an inline element's does not."""
        if tag not in ("b", "span", "code", "a"):
            self.all.append(" ")
            self.prose.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip or self._skip[-1] not in ("style", "title"):
            self.all.append(data)
        if not self._skip:
            self.prose.append(data)


def _read(html: str) -> _Text:
    reader = _Text()
    reader.feed(html)
    return reader


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(html: str) -> str:
    return _flat("".join(_read(html).all))


def _report(as_of: datetime.date = AS_OF, broken: dict[str, str] | None = None,
            data: Path = REPO / "data") -> CheckReport:
    dataset = load_dataset(data, data.parent)
    return check_year(dataset, 2570, as_of, broken)


# --- the round and the layout -----------------------------------------------------------

@pytest.mark.parametrize(("day", "expected"), [
    (datetime.date(2026, 9, 30), 1),    # before fiscal year 2570: its first round is next
    (datetime.date(2026, 10, 1), 1), (datetime.date(2027, 2, 28), 1),
    (datetime.date(2027, 3, 1), 2), (datetime.date(2027, 7, 31), 2),
    (datetime.date(2027, 8, 15), 2), (datetime.date(2027, 9, 30), 2),   # round 2 just ended
    (datetime.date(2027, 10, 1), None),  # the year is over: the whole year
])
def test_the_round_is_the_one_the_check_date_reports_on(day: datetime.date,
                                                        expected: int | None) -> None:
    assert periods.reported_round(2570, day) == expected


def test_the_subject_names_the_fiscal_year_and_the_round() -> None:
    assert subject(_report()).endswith("ประจำปีงบประมาณ พ.ศ. 2570 (รอบ 5 เดือนแรก)")
    assert subject(_report(datetime.date(2027, 4, 20))).endswith("(รอบ 5 เดือนหลัง)")
    assert subject(_report(datetime.date(2027, 11, 1))).endswith("(ทั้งปีงบประมาณ)")


def test_the_memo_is_laid_out_as_the_working_groups_memo() -> None:
    text = _text(memo_html(_report()))
    parts = ["บันทึกข้อความ", "ส่วนราชการ กองส่งเสริมสุขภาพชุมชน โทร. 0 2123 4567",
             "ที่ สธ 0999.05/", "วันที่ 1 ธันวาคม 2569",
             "เรื่อง รายงานผลการตรวจความครบถ้วนของการเปิดเผยข้อมูลสาธารณะ (OIT) "
             "ประจำปีงบประมาณ พ.ศ. 2570 (รอบ 5 เดือนแรก)",
             "เรียน ผู้อำนวยการกองส่งเสริมสุขภาพชุมชน",
             "ตามที่คณะทำงานขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส (ITA) กองส่งเสริมสุขภาพชุมชน",
             "ตามเกณฑ์ ITA ระดับประเทศ และแนวทางของกระทรวง/กรม",
             "ยังไม่ครบถ้วนต้องแก้ไข 2 หัวข้อ", "หัวข้อ 04 แผนการจัดซื้อจัดจ้าง: ไม่ครบถ้วน",
             "จึงเรียนมาเพื่อโปรดทราบ", "(นางสาวสมใจ ใฝ่โปร่งใส)",
             "นักวิเคราะห์นโยบายและแผนปฏิบัติการ", "คณะทำงานและเลขานุการ",
             "- ทราบ", "(นายสมชาย ตัวอย่างดี)", "เอกสารแนบ: รายละเอียดผลการตรวจ",
             "แนบท้ายบันทึกข้อความ เรื่อง รายงานผลการตรวจ"]
    at = [text.find(part) for part in parts]
    assert -1 not in at, [p for p, i in zip(parts, at) if i == -1]
    assert at == sorted(at), "the memo's parts are out of order"


def test_every_finding_is_in_the_memo_with_what_to_do_where_and_who() -> None:
    report = _report()
    html = memo_html(report)
    text = _text(html)
    assert report.findings
    for t in report.topics:
        assert f"{t.topic.value} {t.topic.info.title_th} {t.status.label_th}" in text
        for f in t.findings:
            assert _flat(f.message_th) in text
            assert _flat(f.rule.text_th) in text
            assert _flat(f.rule.reference_for(report.year)) in text
            assert f"{f.file}:{f.line}" in text
        if t.findings:
            assert t.responsible and _flat(t.responsible) in text
    for source in ("เกณฑ์ ITA ระดับประเทศ: ใช้ตัดสินสถานะ", "แนวทางของกระทรวง/กรม: ใช้ตัดสินสถานะ",
                   "ข้อแนะนำของโปรแกรม: แสดงเป็นข้อแนะนำ ไม่นับในสถานะ",
                   "ยังไม่ทราบหมายเลขข้อของปี 2570"):
        assert source in text


def test_a_rule_set_left_out_is_marked_as_advice(tmp_path: Path) -> None:
    data = shutil.copytree(REPO / "data", tmp_path / "data")
    unit = data / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8") + "rule_sets: [department]\n", encoding="utf-8")
    report = _report(data=data)
    advice = [f for f in report.findings if not report.counts(f)]
    assert advice, "the national findings should be advice now"
    text = _text(memo_html(report))
    assert text.count("ข้อแนะนำ (ไม่นับในสถานะ)") == len(advice)
    assert "เกณฑ์ ITA ระดับประเทศ: แสดงเป็นข้อแนะนำ ไม่นับในสถานะ" in text


def test_to_and_number_come_from_the_command_line() -> None:
    options = MemoOptions(to="อธิบดีกรมส่งเสริมสุขภาพประชาชน", number="4321")
    text = _text(memo_html(_report(), options))
    assert "เรียน อธิบดีกรมส่งเสริมสุขภาพประชาชน" in text
    assert "ที่ สธ 0999.05/4321" in text


def test_thai_digits_in_the_text_but_not_in_addresses_and_file_names() -> None:
    report = _report(broken={BROKEN: "HTTP 404"})
    html = memo_html(report, MemoOptions(number="123", thai_digits=True))
    reader = _read(html)
    prose = _flat("".join(reader.prose))
    assert "วันที่ ๑ ธันวาคม ๒๕๖๙" in prose
    assert "ที่ สธ ๐๙๙๙.๐๕/๑๒๓" in prose
    assert "พ.ศ. ๒๕๗๐ (รอบ ๕ เดือนแรก)" in prose
    assert not re.findall(r"[0-9]", prose), re.findall(r".{20}[0-9].{20}", prose)[:5]
    code = " ".join(reader.all)
    assert "data/2570/04-procurement-plan.yml:" in code and BROKEN in code
    assert ("a", {"href": BROKEN}) in reader.tags


def test_dead_links_are_listed_with_their_address() -> None:
    text = _text(memo_html(_report()))
    assert "ไม่พบลิงก์ที่เปิดไม่ได้" in text
    report = _report(broken={BROKEN: "HTTP 404"})
    reader = _read(memo_html(report))
    text = _flat("".join(reader.all))
    dead = [f for f in report.findings if f.url]
    assert dead and all(f.url == BROKEN for f in dead)
    assert "ไม่พบลิงก์ที่เปิดไม่ได้" not in text
    assert text.count(BROKEN) == len(dead)
    assert "เปิดไม่ได้: HTTP 404" in text


def _without_memo_details(tmp_path: Path) -> Path:
    data = shutil.copytree(REPO / "data", tmp_path / "data")
    unit = data / "unit.yml"
    raw = yaml.safe_load(unit.read_text(encoding="utf-8"))
    for key in ("head", "working_group", "document_code"):
        raw.pop(key)
    unit.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return data


def test_what_unit_yml_lacks_is_a_dotted_line_and_said(tmp_path: Path) -> None:
    report = _report(data=_without_memo_details(tmp_path))
    reader = _read(memo_html(report))
    blanks = sum(1 for tag, attrs in reader.tags if "blank" in (attrs.get("class") or ""))
    # ที่, เรียน, the two signature lines, and name and position of each signer
    assert blanks == 8
    text = _flat("".join(reader.all))
    assert "ตามที่คณะทำงาน ได้ตรวจ" in text and "คณะทำงานและเลขานุการ" in text
    gaps = memo_gaps(report, MemoOptions())
    assert gaps == ["head.position", "head.name", "working_group.secretary.name",
                    "working_group.secretary.position"]
    language.use("th")
    assert memo_gaps_said(gaps).startswith(
        "data/unit.yml ยังไม่มี ตำแหน่งหัวหน้าหน่วยงาน (head.position), ชื่อหัวหน้าหน่วยงาน (head.name), ")
    assert len(memo_gaps(report, MemoOptions(to="ผู้อำนวยการ"))) == 3


def test_a_value_from_the_data_is_text_in_the_memo(tmp_path: Path) -> None:
    data = shutil.copytree(REPO / "data", tmp_path / "data")
    unit = data / "unit.yml"
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    raw = yaml.safe_load(unit.read_text(encoding="utf-8"))
    raw["head"]["name"] = hostile
    raw["working_group"]["secretary"]["role"] = hostile
    unit.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    html = memo_html(_report(data=data), MemoOptions(to=hostile, number=hostile))
    reader = _read(html)
    assert {tag for tag, _ in reader.tags} <= {"html", "head", "meta", "title", "style", "body",
                                               "main", "header", "h1", "h2", "h3", "h4", "p",
                                               "b", "span", "table", "colgroup", "col", "thead",
                                               "tbody", "tr", "th", "td", "ol", "ul", "li",
                                               "code", "section", "div", "a"}
    assert not [a for _, attrs in reader.tags for a in attrs if a.startswith("on")]
    assert _flat("".join(reader.all)).count(hostile) == 4   # เรียน, ที่, the head's name, role


# --- the command --------------------------------------------------------------------

def _check(project: Path, *args: str) -> int:
    return main(["check", "--project", str(project), "--as-of", AS_OF.isoformat(),
                 "--lang", "th", *args])


def test_the_memo_is_written_in_the_project_folder_and_replaced_next_time(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(example_project, "--format", "html") == 1   # 04 and 06 need work
    out, err = capsys.readouterr()
    memo = example_project / "oit-check-2570.html"
    assert out.strip() == "เขียนบันทึกข้อความรายงานผลการตรวจแล้ว: oit-check-2570.html" or \
        out.strip().endswith("oit-check-2570.html")
    assert err == ""   # the example's unit.yml has every detail
    first = memo.read_text(encoding="utf-8")
    assert _check(example_project, "--format", "html", "--to", "อธิบดี") == 1
    assert "อธิบดี" in memo.read_text(encoding="utf-8") and memo.read_text(encoding="utf-8") != first


def test_a_file_oit_did_not_write_is_never_replaced(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = example_project / "oit-check-2570.html"
    mine.write_text("<!DOCTYPE html><p>บันทึกที่พิมพ์เอง</p>", encoding="utf-8")
    assert _check(example_project, "--format", "html") == 2
    _, err = capsys.readouterr()
    assert "ไม่ได้สร้างโดย oit จึงไม่เขียนทับ" in err and "--out" in err
    assert mine.read_text(encoding="utf-8") == "<!DOCTYPE html><p>บันทึกที่พิมพ์เอง</p>"
    assert _check(example_project, "--format", "html", "--out", str(example_project)) == 2
    assert "เป็นโฟลเดอร์" in capsys.readouterr().err


def test_the_memo_to_standard_output(example_project: Path,
                                     capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert _check(example_project, "--format", "html", "--out", "-") == 1
    out = capsysbinary.readouterr().out
    assert out.startswith(b"<!DOCTYPE html>") and "บันทึกข้อความ".encode() in out
    assert not (example_project / "oit-check-2570.html").exists()


def test_memo_options_without_a_memo_format_are_a_usage_error(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(example_project, "--to", "อธิบดี", "--thai-digits") == 2
    assert "--to, --thai-digits ใช้กับ --format html หรือ --format pdf" in capsys.readouterr().err


def test_a_read_only_project_folder_is_said_plainly(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with read_only(example_project) as expected:
        assert _check(example_project, "--format", "html", "--lang", "en") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == f"oit-check-2570.html: {expected}"
    assert not (example_project / "oit-check-2570.html").exists()


def test_a_full_disk_loses_nothing_and_is_said_plainly(
        example_project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from generator import atomic

    assert _check(example_project, "--format", "html") == 1
    memo = example_project / "oit-check-2570.html"
    before = memo.read_bytes()
    capsys.readouterr()

    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    assert _check(example_project, "--format", "html", "--to", "อธิบดี") == 1
    err = capsys.readouterr().err
    assert "oit-check-2570.html" in err and "Traceback" not in err
    assert memo.read_bytes() == before
    assert [p.name for p in example_project.iterdir() if p.name.startswith(".oit-check")] == []


def test_the_json_report_names_who_is_responsible_and_the_dead_link(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert _check(example_project, "--format", "json") == 1
    document = json.loads(capsys.readouterr().out)
    assert document["topics"][3]["responsible"].startswith("กลุ่มอำนวยการ (งานพัสดุ)")
    assert all(f["url"] is None for f in document["findings"])


# --- the site ----------------------------------------------------------------------------

@pytest.mark.slow
def test_the_status_page_links_to_the_memo_that_prints_on_a4(example_site: Path) -> None:
    status = (example_site / "2570" / "status" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+)">บันทึกข้อความรายงานผลการตรวจ ปีงบประมาณ พ.ศ. 2570</a>'
                     r'(.{0,80})', status)
    assert link and "A4" in link.group(2)
    memo = (example_site / "2570" / "status" / link.group(1)).resolve()
    assert memo == (example_site / "2570" / "oit-check-2570.html").resolve()
    html = memo.read_text(encoding="utf-8")
    assert "ประจำปีงบประมาณ พ.ศ. 2570 (รอบ 5 เดือนแรก)" in html   # as of the build date
    fonts = re.findall(r"url\((\.\./assets/fonts/[^)]+)\)", html)
    assert len(fonts) == 4 and all((memo.parent / f).is_file() for f in fonts)
    assert "base64" not in html   # the site's copy uses the site's fonts


# --- PDF and print ---------------------------------------------------------------------

def _comparable(text: str) -> str:
    """Text as pdftotext gives it back: no spaces or line ends, no marks above or below a
    letter, SARA AM as SARA AA (the PDF's text layer maps the shaped glyphs so)."""
    text = text.replace("ำ", "า")
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Mn")


def _pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    return [_run("pdftotext", "-raw", "-f", str(n), "-l", str(n), str(pdf), "-")
            for n in range(1, count + 1)]


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _many_findings(project: Path) -> None:
    """Every procurement item without its month: a findings table over several pages."""
    plan = project / "data" / "2570" / "04-procurement-plan.yml"
    plan.write_text(re.sub(r"\n +expected_month: .*", "", plan.read_text(encoding="utf-8")),
                    encoding="utf-8")


def _assert_no_row_is_cut(pages: list[str], report: CheckReport) -> None:
    texts = [_comparable(p) for p in pages]
    for f in report.findings:
        message = _comparable(f.message_th)
        assert sum(message in t for t in texts) == 1, f"cut or missing: {f.message_th}"
    heading = _comparable("ข้อค้นพบ และตำแหน่งที่ต้องแก้")
    assert sum(heading in t for t in texts) >= 2, "the table's heading repeats on each page"


@pytest.mark.slow
def test_the_pdf_memo_has_every_finding_in_shaped_thai(
        example_project: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    _many_findings(example_project)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        assert _check(example_project, "--format", "pdf") == 1
    assert not caplog.records, [r.getMessage() for r in caplog.records]   # CSS it understands
    pdf = example_project / "oit-check-2570.pdf"
    info = _run("pdfinfo", str(pdf))
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    assert re.search(r"Sarabun", _run("pdffonts", str(pdf)))
    pages = _pages(pdf)
    assert len(pages) >= 3
    report = _report(data=example_project / "data")
    assert len(report.findings) > 30
    text = _comparable("".join(pages))
    for expected in [report.unit_name, subject(report), "จึงเรียนมาเพื่อโปรดทราบ",
                     *(f.rule.text_th for f in report.findings)]:
        assert _comparable(expected) in text, expected
    _assert_no_row_is_cut(pages, report)
    # The first page as an image: there is ink on it (looked at by eye once: tone marks sit
    # above their vowels, lines break between words).
    _run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page"))
    image = next(tmp_path.glob("page*.png")).read_bytes()
    assert len(image) > 5000
    # Run again: our own PDF is replaced (its identifier says it is ours).
    before = pdf.stat().st_mtime_ns
    assert _check(example_project, "--format", "pdf", "--thai-digits") == 1
    assert pdf.stat().st_mtime_ns != before
    assert "๒๕๗๐" in _run("pdftotext", str(pdf), "-")


@pytest.mark.slow
def test_the_html_memo_prints_on_a4_in_chromium_without_a_cut_row(
        example_project: Path, browser: Any, tmp_path: Path) -> None:
    _many_findings(example_project)
    assert _check(example_project, "--format", "html") == 1
    page = browser.new_page()
    try:
        page.goto((example_project / "oit-check-2570.html").as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.fonts.check('12pt \"OIT Sarabun Thai\"', 'ก')")
        page.pdf(path=str(tmp_path / "printed.pdf"), prefer_css_page_size=True)
    finally:
        page.close()
    assert "(A4)" in _run("pdfinfo", str(tmp_path / "printed.pdf"))
    pages = _pages(tmp_path / "printed.pdf")
    assert len(pages) >= 3
    _assert_no_row_is_cut(pages, _report(data=example_project / "data"))


def test_a_project_may_restyle_the_memo(tmp_path: Path) -> None:
    theme = tmp_path / "site_theme"
    (theme / "oit").mkdir(parents=True)
    (theme / "oit" / "memo.css").write_text("h1 { color: #123456; }\n", encoding="utf-8")
    html = memo_html(_report(), theme_dir=theme)
    assert "h1 { color: #123456; }" in html and "margin: 2.5cm 2cm 2cm 3cm" not in html
    assert "บันทึกข้อความ" in html


def test_a_finding_in_an_item_names_the_items_own_group(tmp_path: Path) -> None:
    data = shutil.copytree(REPO / "data", tmp_path / "data")
    plan = data / "2570" / "04-procurement-plan.yml"
    text = plan.read_text(encoding="utf-8")
    item = "  - name: ซื้อชุดอุปกรณ์คัดกรองสุขภาพสำหรับ อสม. จำนวน 400 ชุด\n"
    assert item in text
    start = text.index(item)
    end = text.index("\n  - name:", start + 1)
    row = re.sub(r"responsible: .*", "responsible: กลุ่มส่งเสริมสุขภาพชุมชน (ทดสอบ)",
                 text[start:end])
    plan.write_text(text[:start] + row + text[end:], encoding="utf-8")
    report = _report(data=data)
    finding = next(f for f in report.findings if f.field == "items[13].expected_month")
    assert finding.responsible == "กลุ่มส่งเสริมสุขภาพชุมชน (ทดสอบ)"
    others = [f for f in report.findings if f.rule.topic.value == "06"]
    assert others and all(f.responsible == "" for f in others)   # their topic's group answers
    text = _text(memo_html(report))
    assert "ไม่ระบุเดือนที่คาดว่าจะจัดหา" in text and "กลุ่มส่งเสริมสุขภาพชุมชน (ทดสอบ)" in text
