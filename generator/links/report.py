"""The `oit links` report: text for people, JSON for scripts (schema oit-links/1)."""
from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..language import current, tr
from .internal import SiteLinkReport
from .refs import LinkProblem, LinkRef
from .status import ExternalResult, LinkStatus

JSON_SCHEMA = "oit-links/1"


@dataclass
class ExternalRun:
    """What `oit links --external` did: every unique address, checked now or from the cache."""

    results: dict[str, ExternalResult]   # by address, for every external address of the data
    checked_now: list[str]
    max_age: datetime.timedelta
    seconds: float = 0.0
    unanswered: bool = False   # nothing answered this run: its results were not kept

    @property
    def retried(self) -> int:
        return sum(1 for url in self.checked_now if self.results[url].attempts > 1)


@dataclass
class LinksReport:
    unit_name: str
    refs: list[LinkRef]
    problems: list[LinkProblem]
    internal: SiteLinkReport | None = None
    internal_note: str = ""              # why the built site was not checked
    external: ExternalRun | None = None
    cached: dict[str, ExternalResult] = field(default_factory=dict)   # when not --external

    @property
    def ok(self) -> bool:
        """No broken link (warnings allowed): the exit code is 0."""
        return not any(p.is_error for p in self.problems)

    @property
    def sorted_problems(self) -> list[LinkProblem]:
        order = {"offline": 0, "internal": 1, "external": 2}
        return sorted(self.problems, key=lambda p: (
            not p.is_error, order.get(p.check, 3), p.ref.file if p.ref else "",
            p.ref.line or 0 if p.ref else 0, p.page or "", p.url))


# --- text ---------------------------------------------------------------------------------

def as_text(report: LinksReport) -> str:
    """A summary line per kind of check, then each problem traced to its data file and line."""
    unique = len({r.url for r in report.refs})
    lines = [tr(f"ลิงก์ของหน้า OIT: {report.unit_name}: ที่อยู่เว็บในแฟ้มข้อมูล {len(report.refs)} "
                f"รายการ (ไม่ซ้ำกัน {unique})",
                f"OIT links: {report.unit_name}: {len(report.refs)} web address(es) in the data "
                f"({unique} unique)"), ""]
    offline = [p for p in report.problems if p.check == "offline"]
    lines.append(tr("  ตรวจโดยไม่ใช้เครือข่าย:  ", "  offline checks:  ") + _count(offline))
    lines.append(tr("  ลิงก์ภายในเว็บไซต์:  ", "  internal links:  ") + _internal_line(report))
    lines.append(tr("  ลิงก์ภายนอก:  ", "  external links:  ") + _external_line(report))
    if report.external is not None and report.external.unanswered:
        lines += ["", tr(
            "ไม่มีที่อยู่ใดตอบกลับเลย: เครื่องนี้อาจไม่ได้ต่ออินเทอร์เน็ต หรือต้องตั้งค่า proxy "
            "(http_proxy, https_proxy) ก่อน จึงไม่ได้เก็บผลครั้งนี้ไว้ oit build และ oit check "
            "ยังใช้ผลตรวจครั้งก่อน เมื่อต่อเครือข่ายได้แล้วให้สั่ง oit links --external อีกครั้ง",
            "Nothing answered: this computer may be off the network, or need its proxy set "
            "(http_proxy, https_proxy), so this run's results were not kept; oit build and "
            "oit check still use the earlier ones. Run oit links --external again once the "
            "network is back.")]
    problems = report.sorted_problems
    if problems:
        lines += ["", tr("ปัญหา:", "Problems:")]
        for problem in problems:
            lines += [""] + [f"  {line}" for line in problem_lines(problem)]
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        result = tr(f"ผลการตรวจ: ลิงก์เสีย {errors} รายการ คำเตือน {warnings} รายการ",
                    f"Result: {errors} broken link(s), {warnings} warning(s)")
    elif warnings:
        result = tr(f"ผลการตรวจ: ไม่มีลิงก์เสีย (คำเตือน {warnings} รายการ)",
                    f"Result: no broken links ({warnings} warning(s))")
    else:
        result = tr("ผลการตรวจ: ลิงก์ใช้ได้ทั้งหมด", "Result: all links OK")
    lines += ["", result]
    return "\n".join(lines) + "\n"


def problem_lines(problem: LinkProblem) -> list[str]:
    """One problem: what kind, where in the data (or the site), the URL, what, the fix."""
    mark = (tr("ผิดพลาด", "ERROR  ") if problem.is_error else tr("คำเตือน", "warning"))
    where = problem.ref.where if problem.ref else tr(f"หน้า {problem.page}",
                                                     f"site page {problem.page}")
    lines = [f"{mark} [{problem.code}] {where}"]
    if problem.ref:
        lines.append(f"        {problem.ref.location}  {problem.ref.shown or problem.ref.field}")
    lines.append(f"        URL:  {problem.url}")
    lines.append(tr(f"        ปัญหา: {problem.message}", f"        what: {problem.message}"))
    if problem.suggestion:
        lines.append(tr(f"        แก้เป็น: {problem.suggestion}", f"        fix:  {problem.suggestion}"))
    return lines


def warning_line(problem: LinkProblem) -> str:
    """A warning on one line, as `oit build` and `oit validate` print it."""
    ref = problem.ref
    where = (f"{ref.location}: {ref.shown or ref.field}: {ref.where}" if ref
             else tr(f"หน้า {problem.page}", f"site page {problem.page}"))
    fix = tr(f" (ควรเป็น: {problem.suggestion})", f" (suggested: {problem.suggestion})") \
        if problem.suggestion else ""
    return tr(f"คำเตือน: {where}: {problem.message}: {problem.url}{fix}",
              f"warning: {where}: {problem.message}: {problem.url}{fix}")


def _count(problems: list[LinkProblem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    return tr(f"ผิดพลาด {errors} รายการ คำเตือน {len(problems) - errors} รายการ",
              f"{errors} error(s), {len(problems) - errors} warning(s)")


def _internal_line(report: LinksReport) -> str:
    site = report.internal
    if site is None:
        return tr(f"ยังไม่ได้ตรวจ: {report.internal_note}", f"not checked: {report.internal_note}")
    broken = len(site.broken)
    if current() == "en":
        state = "OK" if not broken else f"{broken} broken"
        return (f"{site.pages} pages, {site.links:,} links, {site.targets} unique targets: "
                f"{state} ({site.seconds:.1f} s)")
    state = "ใช้ได้ทั้งหมด" if not broken else f"เสีย {broken} รายการ"
    return (f"{site.pages} หน้า {site.links:,} ลิงก์ ปลายทางไม่ซ้ำกัน {site.targets}: {state} "
            f"({site.seconds:.1f} วินาที)")


def _external_line(report: LinksReport) -> str:
    run = report.external
    if run is None:
        cached = report.cached
        if not cached:
            return tr("ยังไม่ได้ตรวจ (เพิ่ม --external; ยังไม่มีผลตรวจครั้งก่อน)",
                      "not checked (add --external; no earlier results)")
        newest = max(r.checked_at for r in cached.values()).date().isoformat()
        broken = sum(1 for r in cached.values() if r.status.broken)
        return tr(f"ยังไม่ได้ตรวจ (เพิ่ม --external); ผลตรวจครั้งก่อน {len(cached)} รายการ "
                  f"ล่าสุด {newest} เสีย {broken} รายการ",
                  f"not checked (add --external); the cache holds {len(cached)} result(s), "
                  f"latest {newest}, {broken} broken")
    counts = Counter(r.status for r in run.results.values())
    parts = [f"{counts[status]} {status.said}" for status in LinkStatus if counts[status]]
    from_cache = len(run.results) - len(run.checked_now)
    return tr(f"ไม่ซ้ำกัน {len(run.results)}: {', '.join(parts) or 'ไม่มี'}; ตรวจครั้งนี้ "
              f"{len(run.checked_now)} (ตรวจซ้ำ {run.retried}) ใช้ผลเดิม {from_cache} "
              f"(อายุไม่เกิน {_age(run.max_age)}); {run.seconds:.1f} วินาที",
              f"{len(run.results)} unique: {', '.join(parts) or 'none'}; "
              f"{len(run.checked_now)} checked now ({run.retried} retried), {from_cache} from "
              f"the cache (max age {_age(run.max_age)}); {run.seconds:.1f} s")


def _age(age: datetime.timedelta) -> str:
    seconds = int(age.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


# --- JSON ---------------------------------------------------------------------------------

def as_json(report: LinksReport) -> str:
    """The stable machine-readable form; documented in README (schema oit-links/1)."""
    problems = report.sorted_problems
    errors = sum(1 for p in problems if p.is_error)
    document = {
        "schema": JSON_SCHEMA, "unit": report.unit_name, "ok": report.ok,
        "summary": {"urls": len(report.refs), "unique_urls": len({r.url for r in report.refs}),
                    "errors": errors, "warnings": len(problems) - errors},
        "internal": _internal_json(report),
        "external": _external_json(report),
        "problems": [_problem_json(p) for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _internal_json(report: LinksReport) -> dict[str, Any]:
    site = report.internal
    if site is None:
        return {"checked": False, "reason": report.internal_note}
    return {"checked": True, "pages": site.pages, "links": site.links, "targets": site.targets,
            "broken": len(site.broken), "seconds": round(site.seconds, 2)}


def _external_json(report: LinksReport) -> dict[str, Any]:
    run = report.external
    if run is None:
        return {"checked": False, "cached_results": len(report.cached),
                "cached_broken": sum(1 for r in report.cached.values() if r.status.broken)}
    counts = Counter(r.status.value for r in run.results.values())
    return {"checked": True, "unique_urls": len(run.results),
            "checked_now": len(run.checked_now), "from_cache": len(run.results) - len(run.checked_now),
            "retried": run.retried, "max_age_seconds": int(run.max_age.total_seconds()),
            "nothing_answered": run.unanswered,
            "seconds": round(run.seconds, 2),
            "counts": {s.value: counts.get(s.value, 0) for s in LinkStatus},
            "results": [_result_json(r, r.url in run.checked_now)
                        for _, r in sorted(run.results.items())]}


def _result_json(result: ExternalResult, fresh: bool) -> dict[str, Any]:
    return {"url": result.url, "status": result.status.value, "broken": result.status.broken,
            "http_code": result.http_code, "new_url": result.new_url, "detail": result.detail,
            "checked_at": result.checked_at.isoformat(timespec="seconds"),
            "from_cache": not fresh, "attempts": result.attempts}


def _problem_json(problem: LinkProblem) -> dict[str, Any]:
    ref = problem.ref
    return {"check": problem.check, "severity": problem.severity.value, "code": problem.code,
            "url": problem.url, "message": problem.message, "suggestion": problem.suggestion,
            "topic": ref.topic.value if ref and ref.topic else None,
            "fiscal_year": ref.year if ref else None, "item": ref.item if ref else None,
            "file": ref.file if ref else None, "line": ref.line if ref else None,
            "field": ref.field if ref else None, "page": problem.page}
