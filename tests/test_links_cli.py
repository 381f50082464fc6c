"""The link checks end to end: what `oit validate` says about the data's web addresses."""
from __future__ import annotations

from pathlib import Path

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


# --- offline ---------------------------------------------------------------------------

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
