"""`oit check`: the three output formats, the JSON schema and the exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.checks.report import display_width
from generator.topics import Topic

REPO = Path(__file__).resolve().parent.parent
AS_OF = ["--as-of", "2026-11-23"]


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--project", str(REPO), "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_complete_year_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, "--year", "2569", *AS_OF)
    assert code == 0
    assert out.rstrip().endswith("Result: complete")
    assert out.count("ครบถ้วน (complete)") == 6


def test_current_year_lists_exactly_what_the_example_leaves_out(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, *AS_OF)
    assert code == 1
    assert "fiscal year 2570, as of 2026-11-23 (23 พฤศจิกายน 2569)" in out
    assert "03 รายงานผลการใช้จ่ายงบประมาณประจำปี" in out and "ยังไม่ถึงกำหนด (not-due)" in out
    findings = [l.strip() for l in out.splitlines() if l.strip().startswith("data/")]
    assert findings == ["data/2570/04-procurement-plan.yml:120 items[13].expected_month",
                        "data/2570/04-procurement-plan.yml:199 items[25].expected_month",
                        "data/2570/06-participation.yml:21 activities[0].evidence",
                        "data/2570/06-participation.yml:17 activities"]
    assert "Result: NOT complete: 2 of 6 topics need work" in out


def test_topic_lines_line_up_in_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _check(capsys, *AS_OF)
    columns = set()
    for topic in Topic:
        line = next(l for l in out.splitlines() if f" {topic.value} {topic.info.title_th}" in l)
        head, rest = line.split(topic.info.title_th, 1)
        padding = len(rest) - len(rest.lstrip(" "))
        columns.add(display_width(head + topic.info.title_th) + padding)
    assert len(columns) == 1, columns


def test_json_follows_the_documented_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, "--format", "json", *AS_OF)
    doc = json.loads(out)
    assert code == 1
    assert list(doc) == ["schema", "unit", "fiscal_year", "as_of", "complete", "summary",
                         "topics", "rule_sets", "findings"]
    assert doc["rule_sets"] == ["national", "department"]
    assert doc["schema"] == "oit-check/1" and doc["fiscal_year"] == 2570
    assert doc["complete"] is False
    assert doc["summary"] == {"complete": 3, "missing": 0, "incomplete": 2, "stale": 0,
                              "not-due": 1}
    assert [t["status"] for t in doc["topics"]] == [
        "complete", "complete", "not-due", "incomplete", "complete", "incomplete"]
    assert set(doc["topics"][0]) == {"topic", "title_th", "status", "status_th", "due",
                                     "has_data", "findings", "responsible"}
    first = doc["findings"][0]
    assert first == {"rule": "04-item-fields", "topic": "04", "severity": "incomplete",
                     "message_th": "รายการที่ 14 'ซื้อชุดอุปกรณ์คัดกรองสุขภาพสำหรับ อสม. จำนวน 400 ชุด' "
                                   "ไม่ระบุเดือนที่คาดว่าจะจัดหา",
                     "rule_th": "ทุกรายการระบุวงเงิน วิธีการจัดหา และเดือนที่คาดว่าจะจัดหา",
                     "rule_en": "Every item has its budget, procurement method and expected month",
                     "file": "data/2570/04-procurement-plan.yml", "line": 120,
                     "field": "items[13].expected_month", "source": "national",
                     "source_th": "เกณฑ์ ITA ระดับประเทศ: หมายเลขข้อของปี 2570 ยังไม่ทราบ",
                     "url": None, "responsible": "กลุ่มพัฒนาระบบสุขภาพชุมชน", "counted": True}


def test_markdown_report_for_the_director(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, "--format", "markdown", *AS_OF)
    assert code == 1
    assert out.startswith("# รายงานผลการตรวจความครบถ้วนของการเปิดเผยข้อมูลสาธารณะ (OIT)")
    assert "| 04 | แผนการจัดซื้อจัดจ้าง | ไม่ครบถ้วน | 31 ตุลาคม 2569 | 2 |" in out
    assert "| 04-item-fields | ไม่ครบถ้วน | รายการที่ 26" in out
    assert "<code>data/2570/06-participation.yml:21</code>" in out


def test_as_of_accepts_a_thai_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, "--year", "2569", "--as-of", "10 มี.ค. 2569")
    assert "as of 2026-03-10" in out
    assert code == 1   # as of 10 March 2026 the FY 2568 annual report is missing from data/


@pytest.mark.parametrize("args", [["--year", "2599"], ["--format", "docx"], ["--as-of", "เมื่อวาน"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    try:
        code = main(["--project", str(REPO), "check", *args])
    except SystemExit as exc:   # argparse's own usage errors
        code = int(exc.code or 0)
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_invalid_data_exits_1_with_the_problems(
        minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_project / "data" / "2569" / "05-opinion-channels.yml").write_text(
        "channels: ไม่มี\n", encoding="utf-8")
    assert main(["--project", str(minimal_project), "check"]) == 1
    assert "data/2569/05-opinion-channels.yml:1: channels:" in capsys.readouterr().err


def test_the_report_frame_in_thai_and_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    from generator import language

    code, thai, _ = _check(capsys, *AS_OF, "--lang", "th")
    assert code == 1
    assert thai.startswith("ความครบถ้วนของหัวข้อ OIT: กองส่งเสริมสุขภาพชุมชน ปีงบประมาณ 2570 "
                           "ณ วันที่ 23 พฤศจิกายน 2569")
    assert "  ไม่ผ่าน  04 แผนการจัดซื้อจัดจ้าง" in thai and "ข้อสังเกต 2 รายการ" in thai
    assert "[04-item-fields] ไม่ครบถ้วน: รายการที่ 14" in thai
    assert thai.rstrip().endswith("ผลการตรวจ: ยังไม่ครบถ้วน ต้องแก้ 2 จาก 6 หัวข้อ")
    code, complete, _ = _check(capsys, "--year", "2569", *AS_OF, "--lang", "th")
    assert code == 0 and complete.rstrip().endswith("ผลการตรวจ: ครบถ้วนทุกหัวข้อ")
    _, english, _ = _check(capsys, *AS_OF, "--lang", "en")
    assert "  FAIL   04 แผนการจัดซื้อจัดจ้าง" in english and "2 finding(s)" in english
    assert "[04-item-fields] incomplete: รายการที่ 14" in english
    language.use(None)
    for text in (thai, english):   # the status column lines up in both languages
        columns = {display_width(line[:line.index(" 0")]) for line in text.splitlines()
                   if line.startswith("  ") and " 0" in line[:14]}
        assert len(columns) == 1, columns
