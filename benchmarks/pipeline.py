"""Time each stage of `oit build` on synthetic data of a chosen size, and print the figures.

    .venv/bin/python benchmarks/pipeline.py --years 85 --items 50    # ~680 generated pages
    .venv/bin/python benchmarks/pipeline.py --repeat 5 --no-external  # medians of 5 builds

Prints, per stage (load+validate, generate, mkdocs build, link check), the seconds and the
share of the total, and the generator's own share (load+validate + generate); then the internal
link verification in detail, and `oit links --external` run twice over the synthetic evidence
addresses (served by a local server): the first run checks every address, the second only
reads the cache.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import http.server
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.commands.build import STAGES, BuildReport, build  # noqa: E402
from generator.commands.links import links  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.topics import Topic  # noqa: E402

CATEGORIES = ["งบบุคลากร", "งบดำเนินงาน", "งบลงทุน"]
METHODS = ["เฉพาะเจาะจง", "e-bidding", "คัดเลือก", "e-market"]
MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]


EVIDENCE_BASE = "https://bench.example.go.th"


def _evidence(year: int, name: str) -> list[dict[str, str]]:
    return [{"title": f"เอกสาร{name} ปีงบประมาณ {year}",
             "url": f"{EVIDENCE_BASE}/oit/{year}/{name}.pdf", "date": f"{year - 1}-10-15"}]


def _common(year: int, name: str) -> dict[str, object]:
    return {"responsible": "กลุ่มแผนงาน", "last_updated": f"{year - 1}-11-01",
            "evidence": _evidence(year, name)}


def topic_data(topic: Topic, year: int, items: int) -> dict[str, object]:
    """Plausible, valid data for one topic with ``items`` rows in its main table."""
    projects = [f"โครงการพัฒนาระบบบริการสุขภาพที่ {i + 1}" for i in range(items)]
    if topic is Topic.BUDGET_PLAN:
        return {**_common(year, "plan"), "projects": [
            {"plan": "แผนงานพื้นฐาน", "project": p,
             "budget": {c: f"{(i + 1) * 1000 + j}.50" for j, c in enumerate(CATEGORIES)}}
            for i, p in enumerate(projects)],
            "planned_spending": {f"ไตรมาส {q}": "1,000,000.00" for q in range(1, 5)}}
    if topic is Topic.BUDGET_MONITORING:
        return {**_common(year, "monitor"), "reports": [{
            "title": f"รายงาน ณ สิ้นเดือน {m}", "as_of": f"{year - 1 if k < 3 else year}-{(k + 9) % 12 + 1:02d}-28",
            "projects": [{"project": p, "allocated": "10,000.00", "planned": "5,000.00",
                          "disbursed": "4,000.00"} for p in projects[:10]],
            "problems": ["ไม่มีปัญหาอุปสรรค"], "suggestions": ["เร่งรัดการเบิกจ่าย"]}
            for k, m in enumerate(MONTHS[:4])]}
    if topic is Topic.BUDGET_REPORT:
        return {**_common(year, "report"), "projects": [
            {"project": p, "allocated": "10,000.00", "spent": "9,500.25", "outputs": "ดำเนินการครบ"}
            for p in projects], "problems": ["ไม่มี"], "suggestions": ["ไม่มี"]}
    if topic is Topic.PROCUREMENT_PLAN:
        return {**_common(year, "procure"), "announced": f"{year - 1}-10-15", "items": [
            {"name": f"จัดซื้อวัสดุสำนักงาน ชุดที่ {i + 1}", "budget": f"{(i + 1) * 1234}.00",
             "source_of_funds": "เงินงบประมาณ", "method": METHODS[i % 4],
             "expected_month": MONTHS[i % 12], "responsible": "กลุ่มบริหารทั่วไป"}
            for i in range(items)]}
    if topic is Topic.OPINION_CHANNELS:
        return {**_common(year, "channels"), "channels": [
            {"kind": k, "name": f"ช่องทาง {k}", "contact": "0 2123 4567", "hours": "08.30–16.30 น."}
            for k in ("phone", "email", "line", "facebook", "suggestion_box", "meeting")]}
    return {**_common(year, "participation"), "activities": [
        {"title": f"ประชุมรับฟังความคิดเห็น ครั้งที่ {i + 1}", "date": f"{year - 1}-11-{i % 28 + 1:02d}",
         "kind": "meeting", "stakeholders": ["บุคลากร"], "participants": 20 + i,
         "raised": ["ขอให้เผยแพร่ข้อมูล"], "actions": ["เผยแพร่แล้ว"],
         "evidence": _evidence(year, f"minutes-{i}")} for i in range(min(items, 12))]}


def make_project(root: Path, years: int, items: int) -> Project:
    """A project folder with the repository's config and theme and synthetic data."""
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "site_theme", root / "site_theme")
    shutil.copytree(REPO / "content", root / "content",
                    ignore=shutil.ignore_patterns("index.md", "[0-9][0-9][0-9][0-9]"))
    data = root / "data"
    data.mkdir()
    last = 2570
    (data / "unit.yml").write_text(yaml.safe_dump(
        {"name_th": "หน่วยงานทดสอบความเร็ว", "current_fiscal_year": last}, allow_unicode=True),
        encoding="utf-8")
    for year in range(last - years + 1, last + 1):
        folder = data / str(year)
        folder.mkdir()
        for topic in Topic:
            text = yaml.safe_dump(topic_data(topic, year, items), allow_unicode=True, sort_keys=False)
            (folder / f"{topic.slug}.yml").write_text(text, encoding="utf-8")
    return Project.at(root)


class _EvidenceHandler(http.server.BaseHTTPRequestHandler):
    """Every evidence document exists. The LinkChecker header lifts LinkChecker's per-host
    throttle (0.1–0.6 s between requests), as for our own site: a real agency server keeps it."""

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", "4")
        self.send_header("LinkChecker", "benchmark")
        self.end_headers()
        self.wfile.write(b"%PDF")

    def log_message(self, *args: object) -> None:
        pass


class _EvidenceServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


@contextmanager
def evidence_server() -> Iterator[str]:
    server = _EvidenceServer(("127.0.0.1", 0), _EvidenceHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    global EVIDENCE_BASE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=85, help="fiscal years (7 pages each)")
    parser.add_argument("--items", type=int, default=50, help="rows per topic table")
    parser.add_argument("--repeat", type=int, default=1,
                        help="whole builds, each from scratch; the figures are their medians")
    parser.add_argument("--no-external", action="store_true",
                        help="skip the two `oit links --external` runs")
    args = parser.parse_args()
    with evidence_server() as base:
        EVIDENCE_BASE = base
        runs = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                project = make_project(Path(tmp), args.years, args.items)
                runs.append(fresh_build(project))
                if not args.no_external and len(runs) == args.repeat:
                    _print_stages(runs, args)
                    _external_runs(project)
        if args.no_external:
            _print_stages(runs, args)


def _build(project: Project) -> BuildReport:
    return build(project, datetime.date(2026, 11, 23))


def fresh_build(project: Project) -> BuildReport:
    """One `oit build` in a process of its own, as the command runs: nothing that one build
    keeps in memory (parsed addresses, model field tables) makes the next one faster."""
    with concurrent.futures.ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_build, project).result()


def _print_stages(runs: list[BuildReport], args: argparse.Namespace) -> None:
    seconds = {stage: statistics.median(r.seconds.get(stage, 0.0) for r in runs)
               for stage in STAGES}
    total = sum(seconds.values())
    print(f"{runs[0].pages} generated pages, {args.years} years x {args.items} items"
          + (f", median of {len(runs)} builds" if len(runs) > 1 else ""))
    print(f"{'stage':<16}{'seconds':>10}{'share':>9}")
    for stage in STAGES:
        print(f"{stage:<16}{seconds[stage]:>10.2f}{seconds[stage] / total:>9.1%}")
    own = seconds["load+validate"] + seconds["generate"]
    print(f"{'total':<16}{total:>10.2f}")
    print(f"generator's own stages: {own:.2f} s = {own / total:.1%} of the total")
    if len(runs) > 1:
        each = [(r.seconds["load+validate"] + r.seconds["generate"], sum(r.seconds.values()))
                for r in runs]
        print("generator's own stages in each build, in order: "
              + ", ".join(f"{mine:.2f} s = {mine / whole:.1%}" for mine, whole in each))
    site = runs[-1].internal
    if site is not None:
        print(f"link verification (internal): {site.seconds:.2f} s for {site.pages} pages, "
              f"{site.links:,} links, {site.targets} unique targets")


def _external_runs(project: Project) -> None:
    """`oit links --external` twice: every address, then only the cache."""
    now = datetime.datetime.now(datetime.timezone.utc)
    for run in ("first", "second"):
        external = links(project, now, external=True, requests_per_second=1000).external
        assert external is not None
        print(f"external links, {run} run: {len(external.results)} unique addresses, "
              f"{len(external.checked_now)} checked over the network, "
              f"{len(external.results) - len(external.checked_now)} from the cache: "
              f"{external.seconds:.2f} s")


if __name__ == "__main__":
    main()
