"""The completeness report as text for people and JSON for scripts (schema oit-check/1)."""
from __future__ import annotations

import json
import unicodedata
from typing import Any

from .. import thai
from ..language import tr
from .engine import CheckReport, Finding, Status, TopicResult

JSON_SCHEMA = "oit-check/1"
STATUS_MARK = {Status.COMPLETE: ("ผ่าน", "OK"), Status.NOT_DUE: ("--", "--"),
               Status.INCOMPLETE: ("ไม่ผ่าน", "FAIL"), Status.MISSING: ("ไม่ผ่าน", "FAIL"),
               Status.STALE: ("ไม่ผ่าน", "FAIL")}


def display_width(text: str) -> int:
    """Terminal columns: Thai vowel and tone marks above/below a letter take none."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def finding_place(finding: Finding) -> str:
    """The data file and its line (or the workbook's cell) a finding is about."""
    where = finding.file or tr("(ไม่มีแฟ้มข้อมูล)", "(no data file)")
    if finding.line:
        where += f":{finding.line}"
    if finding.cell:
        where += f" {finding.cell}"
    return where


def finding_location(finding: Finding) -> str:
    return f"{finding_place(finding)} {finding.field}".rstrip()


def as_text(report: CheckReport) -> str:
    """One line per topic with its status, then every finding with rule id and location.

    The topics, statuses and findings are Thai in both languages (they are the assessment's
    words); the frame is in the language in use."""
    lines = [tr(f"ความครบถ้วนของหัวข้อ OIT: {report.unit_name} ปีงบประมาณ {report.year} "
                f"ณ วันที่ {thai.thai_date(report.as_of)}",
                f"OIT completeness: {report.unit_name}, fiscal year {report.year}, "
                f"as of {report.as_of.isoformat()} ({thai.thai_date(report.as_of)})"),
             tr("เกณฑ์ที่ใช้ตัดสินสถานะ: ", "rule sets deciding the status: ") + tr(
                 report.rule_sets_th, ", ".join(s.label_en for s in report.counted)), ""]
    width = max(display_width(t.topic.info.title_th) for t in report.topics) + 2
    marks = {status: _pad(tr(*mark), 7) for status, mark in STATUS_MARK.items()}
    for t in report.topics:
        count = tr(f"  ข้อสังเกต {len(t.findings)} รายการ", f"  {len(t.findings)} finding(s)") \
            if t.findings else ""
        lines.append(f"  {marks[t.status]}{t.topic.value} {_pad(t.topic.info.title_th, width)}"
                     f"{t.status.label_th} ({t.status.value}){count}")
    findings = report.findings
    if findings:
        lines += ["", tr("ข้อสังเกต:", "Findings:")]
        for f in findings:
            severity = tr(f.rule.severity.label_th, f.rule.severity.value) if report.counts(f) \
                else tr("ข้อแนะนำ (ไม่นับ)", "advice (not counted)")
            lines.append(f"  [{f.rule.id}] {severity}: {f.message_th}")
            lines.append(f"      {finding_location(f)}")
            lines.append(tr("      ที่มา: ", "      source: ") + f.rule.reference_for(report.year))
    bad = sum(1 for t in report.topics if not t.status.ok)
    if report.complete:
        result = tr("ผลการตรวจ: ครบถ้วนทุกหัวข้อ", "Result: complete")
    else:
        result = tr(f"ผลการตรวจ: ยังไม่ครบถ้วน ต้องแก้ {bad} จาก {len(report.topics)} หัวข้อ",
                    f"Result: NOT complete: {bad} of {len(report.topics)} topics need work")
    return "\n".join([*lines, "", result]) + "\n"


def _topic_json(t: TopicResult) -> dict[str, Any]:
    return {"topic": t.topic.value, "title_th": t.topic.info.title_th, "status": t.status.value,
            "status_th": t.status.label_th, "due": t.due.isoformat(), "has_data": t.has_data,
            "findings": len(t.findings), "responsible": t.responsible}


def _finding_json(f: Finding, year: int) -> dict[str, Any]:
    return {"rule": f.rule.id, "topic": f.rule.topic.value, "severity": f.rule.severity.value,
            "message_th": f.message_th, "rule_th": f.rule.text_th, "rule_en": f.rule.text_en,
            "file": f.file, "line": f.line, "field": f.field, "source": f.rule.source.value,
            "source_th": f.rule.reference_for(year), "url": f.url or None,
            "responsible": f.responsible or None}


def as_json(report: CheckReport) -> str:
    """The stable machine-readable form; documented in README (schema oit-check/1)."""
    counts = {s.value: count for s, count in report.summary.items()}
    document = {"schema": JSON_SCHEMA, "unit": report.unit_name, "fiscal_year": report.year,
                "as_of": report.as_of.isoformat(), "complete": report.complete,
                "summary": counts, "topics": [_topic_json(t) for t in report.topics],
                "rule_sets": [s.value for s in report.counted],
                "findings": [{**_finding_json(f, report.year), "counted": report.counts(f)}
                             for f in report.findings]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
