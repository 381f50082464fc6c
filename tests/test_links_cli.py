"""`oit links` end to end, and what its results do to `oit validate`, `oit check` and `oit build`.

Every network test talks to servers on 127.0.0.1 started by the test itself.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

PLAN = "data/2569/01-budget-plan.yml"
SEED_TYPO = ("https://planning.ana.mai.moph.go.th/web-upload/20xa4d80079fdd38ace9fb48a050e5b52e4"
             "/filecenter/PA/2567/2-1/R1/R1_2.1_1.1_ITA.pdf")


def _with_evidence(project: Path, *urls: str, unit: str = "") -> Path:
    """The minimal project, its plan's evidence replaced by one document per address."""
    plan = project / PLAN
    text = plan.read_text(encoding="utf-8").split("evidence:")[0] + "evidence:\n"
    for i, url in enumerate(urls):
        text += f"  - title: เอกสารที่ {i + 1}\n    url: {url}\n"
    plan.write_text(text, encoding="utf-8")
    if unit:
        with (project / "data" / "unit.yml").open("a", encoding="utf-8") as f:
            f.write(unit)
    return project


def _run(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--project", str(project), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _line_of(project: Path, url: str) -> int:
    lines = (project / PLAN).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f"url: {url}")


SEED_UNIT = "website: https://planning.anamai.moph.go.th\ndomains:\n  - planning.anamai.moph.go.th\n"


# --- offline ------------------------------------------------------------------------------

def test_oit_links_finds_the_seeds_typo_offline(
        minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _with_evidence(minimal_project, SEED_TYPO, unit=SEED_UNIT)
    code, out, _ = _run(capsys, project, "links")
    assert code == 1
    line = _line_of(project, SEED_TYPO)
    assert "ERROR   [host-typo] topic 01, FY 2569, evidence 'เอกสารที่ 1'" in out
    assert f"{PLAN}:{line}  evidence[0].url" in out
    assert f"URL:  {SEED_TYPO}" in out
    assert "fix:  https://planning.anamai.moph.go.th/web-upload/" in out
    assert "internal links:  not checked: site/ does not exist yet: run `oit build`" in out
    assert out.rstrip().endswith("Result: 1 broken link(s), 0 warning(s)")


def test_oit_links_json(minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _with_evidence(minimal_project, SEED_TYPO,
                             "http://planning.anamai.moph.go.th/a b.pdf", unit=SEED_UNIT)
    code, out, _ = _run(capsys, project, "links", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["schema"] == "oit-links/1" and document["ok"] is False
    assert document["summary"] == {"urls": 3, "unique_urls": 3, "errors": 1, "warnings": 2}
    assert document["internal"] == {"checked": False,
                                    "reason": "site/ does not exist yet: run `oit build`"}
    assert document["external"] == {"checked": False, "cached_results": 0, "cached_broken": 0}
    typo, http, space = document["problems"]
    assert typo == {
        "check": "offline", "severity": "error", "code": "host-typo", "url": SEED_TYPO,
        "message": "host 'planning.ana.mai.moph.go.th' is close to but not the unit's domain "
                   "'planning.anamai.moph.go.th' (declared in unit.yml): most likely a typing slip",
        "suggestion": SEED_TYPO.replace("ana.mai", "anamai"), "topic": "01", "fiscal_year": 2569,
        "item": "evidence 'เอกสารที่ 1'", "file": PLAN, "line": _line_of(project, SEED_TYPO),
        "field": "evidence[0].url", "page": None}
    assert (http["code"], space["code"]) == ("http", "space")
    assert http["suggestion"] == "https://planning.anamai.moph.go.th/a%20b.pdf"


def test_validate_fails_on_a_misspelt_domain_and_prints_warnings(
        minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _with_evidence(minimal_project, SEED_TYPO, unit=SEED_UNIT)
    code, _, err = _run(capsys, project, "validate")
    assert code == 1
    line = _line_of(project, SEED_TYPO)
    assert err.splitlines()[0] == "1 web address(es) in the data files cannot work:"
    assert err.splitlines()[1].startswith(
        f"{PLAN}:{line}: evidence[0].url: topic 01, FY 2569, evidence 'เอกสารที่ 1': host "
        "'planning.ana.mai.moph.go.th' is close to but not the unit's domain")
    assert err.rstrip().endswith(f"(expected {SEED_TYPO.replace('ana.mai', 'anamai')})")
    _with_evidence(project, "http://planning.anamai.moph.go.th/a.pdf")
    code, out, _ = _run(capsys, project, "validate")
    assert code == 0
    assert out.splitlines()[1] == (
        f"warning: {PLAN}:{_line_of(project, 'http://planning.anamai.moph.go.th/a.pdf')}: "
        "evidence[0].url: topic 01, FY 2569, evidence 'เอกสารที่ 1': 'http://' but "
        "planning.anamai.moph.go.th uses https: browsers may warn, and the assessor may not "
        "follow: http://planning.anamai.moph.go.th/a.pdf (suggested: "
        "https://planning.anamai.moph.go.th/a.pdf)")


def test_a_data_error_and_a_misspelt_domain_elsewhere_are_reported_in_the_same_run(
        minimal_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _with_evidence(minimal_project, SEED_TYPO, unit=SEED_UNIT)
    broken = project / "data" / "2569" / "05-opinion-channels.yml"
    broken.write_text("last_updated: 31 ก.พ. 69\n", encoding="utf-8")
    code, _, err = _run(capsys, project, "validate")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "2 problem(s) in the data files:"
    assert lines[1].startswith(f"{PLAN}:{_line_of(project, SEED_TYPO)}: evidence[0].url: ")
    assert "host 'planning.ana.mai.moph.go.th' is close to but not the unit's domain" in lines[1]
    assert lines[2].startswith("data/2569/05-opinion-channels.yml:1: last_updated: "
                               "'31 ก.พ. 69' is not a real date")
    broken.unlink()   # the data error fixed: the misspelt address is still refused
    code, _, err = _run(capsys, project, "validate")
    assert code == 1 and err.splitlines()[0] == "1 web address(es) in the data files cannot work:"


@pytest.mark.parametrize("args", [["--max-age", "5"], ["--timeout", "0"], ["--threads", "0"],
                                  ["--format", "xml"]])
def test_usage_errors_exit_2(minimal_project: Path, args: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--project", str(minimal_project), "links", *args])
    assert exc.value.code == 2


# --- external, with the cache -------------------------------------------------------------

@pytest.mark.slow
def test_external_report_names_each_problem_and_where_it_is(
        minimal_project: Path, link_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    s = link_server
    project = _with_evidence(minimal_project, s("/ok"), s("/missing"), s("/moved"),
                             s("/ok#absent"), f"{s('/doc.pdf')} {s('/ok')}")
    code, out, _ = _run(capsys, project, "links", "--external", "--timeout", "2")
    assert code == 1
    assert "ERROR   [several-urls]" in out and "/doc.pdf" not in s.counts   # not fetched
    assert "4 unique: 1 OK, 1 permanent redirect, 1 anchor not found, 1 HTTP error; " \
           "4 checked now (0 retried), 0 from the cache (max age 1d)" in out
    assert ("ERROR   [http-error] topic 01, FY 2569, evidence 'เอกสารที่ 2'\n"
            f"          {PLAN}:{_line_of(project, s('/missing'))}  evidence[1].url\n"
            f"          URL:  {s('/missing')}\n"
            "          what: HTTP error 404 Not Found") in out
    assert (f"what: permanent redirect (308) to {s('/ok')}\n"
            f"          fix:  {s('/ok')}") in out
    assert "warning [anchor-missing]" in out and "the page has no anchor #absent" in out
    document = json.loads(_run(capsys, project, "links", "--external", "--format", "json")[1])
    external = document["external"]
    assert (external["checked"], external["unique_urls"], external["from_cache"]) == (True, 4, 3)
    assert external["counts"]["http-error"] == 1 and external["counts"]["redirect"] == 1
    missing = next(r for r in external["results"] if r["url"] == s("/missing"))
    assert (missing["status"], missing["http_code"], missing["from_cache"]) == ("http-error", 404,
                                                                               False)


@pytest.mark.slow
def test_a_second_run_rechecks_only_what_failed(
        minimal_project: Path, link_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    s = link_server
    project = _with_evidence(minimal_project, s("/ok"), s("/doc.pdf"), s("/chain"), s("/missing"))
    assert _run(capsys, project, "links", "--external")[0] == 1
    assert (project / ".oit-build" / "link-cache.json").is_file()
    first = dict(s.counts)
    code, out, _ = _run(capsys, project, "links", "--external")
    assert code == 1
    assert "1 checked now (0 retried), 3 from the cache" in out
    assert {p: n - first.get(p, 0) for p, n in s.counts.items() if n != first.get(p, 0)} == {
        "/missing": 1}
    _run(capsys, project, "links", "--external", "--refresh")
    assert s.counts["/ok"] == first["/ok"] + 1 + 1    # /ok is also where /chain ends


@pytest.mark.slow
def test_a_second_run_with_every_link_alive_asks_the_network_nothing(
        minimal_project: Path, link_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    s = link_server
    project = _with_evidence(minimal_project, s("/ok"), s("/doc.pdf"), s("/เอกสาร.pdf"))
    assert _run(capsys, project, "links", "--external")[0] == 0
    before = s.requests
    code, out, _ = _run(capsys, project, "links", "--external")
    assert code == 0
    assert "0 checked now (0 retried), 3 from the cache" in out
    assert s.requests == before
    assert _run(capsys, project, "links", "--external", "--max-age", "0s")[0] == 0
    assert s.requests == before + 3


@pytest.mark.slow
def test_a_run_where_nothing_answers_keeps_the_earlier_results(
        minimal_project: Path, link_server: Any, closed_port: int,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Off the network (here: an office proxy that is not there), every address fails: the
    run says so and keeps nothing, so the next build does not call every document dead."""
    s = link_server
    other_host = s("/doc.pdf").replace("127.0.0.1", "localhost")
    project = _with_evidence(minimal_project, s("/ok"), other_host)
    assert _run(capsys, project, "links", "--external")[0] == 0
    cache = project / ".oit-build" / "link-cache.json"
    kept = cache.read_bytes()
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{closed_port}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    code, out, _ = _run(capsys, project, "links", "--external", "--refresh", "--lang", "th")
    assert code == 1 and "2 เชื่อมต่อเซิร์ฟเวอร์ไม่ได้" in out, out
    assert "ไม่มีที่อยู่ใดตอบกลับเลย" in out and "proxy" in out
    assert cache.read_bytes() == kept
    code, out, _ = _run(capsys, project, "links", "--external", "--refresh", "--format", "json")
    assert json.loads(out)["external"]["nothing_answered"] is True
    assert cache.read_bytes() == kept
    monkeypatch.delenv("http_proxy")
    code, out, _ = _run(capsys, project, "links", "--external", "--refresh", "--format", "json")
    assert code == 0 and json.loads(out)["external"]["nothing_answered"] is False


@pytest.mark.slow
def test_check_and_build_read_the_cache_and_the_status_page_names_the_dead_link(
        minimal_project: Path, link_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    s = link_server
    project = _with_evidence(minimal_project, s("/ok"), s("/missing"))
    _run(capsys, project, "links", "--external")
    requests = s.requests
    code, out, _ = _run(capsys, project, "check", "--as-of", "2026-11-23", "--format", "json")
    assert code == 1
    (finding,) = [f for f in json.loads(out)["findings"] if f["rule"] == "01-links"]
    assert finding["message_th"].startswith(
        "ลิงก์เอกสาร 'เอกสารที่ 2' เปิดไม่ได้: ไม่พบเอกสาร (HTTP 404) (ตรวจเมื่อ ")
    assert (finding["file"], finding["line"], finding["field"]) == (
        PLAN, _line_of(project, s("/missing")), "evidence[1].url")
    code, out, _ = _run(capsys, project, "build", "--build-date", "2026-11-23")
    assert code == 0
    assert "1 evidence address(es) known broken (`oit links --external`)" in out
    status = (project / "site" / "2569" / "status" / "index.html").read_text(encoding="utf-8")
    assert "ลิงก์เอกสาร 'เอกสารที่ 2' เปิดไม่ได้: ไม่พบเอกสาร (HTTP 404)" in status
    assert s.requests == requests     # neither check nor build touched the network
    code, out, _ = _run(capsys, project, "links")
    assert code == 0                  # without --external: offline and internal only
    assert "the cache holds 2 result(s)" in out and "1 broken" in out
    assert "internal links:  " in out and "unique targets: OK" in out
