"""What Thai search costs the visitor's browser: build a synthetic site, time the search worker.

    .venv/bin/python benchmarks/search.py --years 85 --items 50    # ~600 generated pages

Thai words are cut in the browser (site_theme/assets/javascripts/workers/oit-thai-search.js),
so the build does no extra work; the cost is in the worker, once per page load, when it
builds the index. In Debian's Chromium this prints the size of search_index.json, then
for Material's worker alone and for the Thai wrapper: the milliseconds from the index
message to "ready", and for one Thai query (median of 3 runs).
"""
from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from pipeline import make_project  # noqa: E402

from generator.commands.build import build  # noqa: E402
from generator.links.linkchecker import serve  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
QUERY = "จัดซื้อวัสดุสำนักงาน"
RUNS = 3   # runs of each worker; the median is printed

# Runs in the page: one worker, the index sent as Material sends it, times to READY and RESULT.
TIME_WORKER = """async ([url, query]) => {
  const index = await (await fetch("search/search_index.json")).json()
  const worker = new Worker(url)
  const answer = () => new Promise(done => worker.onmessage = ev => done(ev.data))
  let start = performance.now()
  worker.postMessage({type: 0, data: {...index, options: {suggest: false}}})
  await answer()
  const setup = performance.now() - start
  start = performance.now()
  worker.postMessage({type: 2, data: query})
  const result = await answer()
  const search = performance.now() - start
  worker.terminate()
  return {setup, search, results: result.data.items.length}
}"""


def time_workers(site: Path) -> list[tuple[str, dict[str, Any]]]:
    from playwright.sync_api import sync_playwright

    workers = site / "assets" / "javascripts" / "workers"
    material = next(workers.glob("search.*.min.js")).name
    urls = [("Material's worker", f"assets/javascripts/workers/{material}"),
            ("with Thai words", f"assets/javascripts/workers/oit-thai-search.js?material={material}")]
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base)
        runs = [[page.evaluate(TIME_WORKER, [url, QUERY]) for _ in range(RUNS)] for _, url in urls]
        browser.close()
    return [(name, _median(timings)) for (name, _), timings in zip(urls, runs)]


def _median(timings: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: statistics.median(t[key] for t in timings) for key in timings[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=85, help="fiscal years (7 pages each)")
    parser.add_argument("--items", type=int, default=50, help="rows per topic table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), args.years, args.items)
        report = build(project, datetime.date(2026, 11, 23), check_links=False)
        index = project.site_dir / "search" / "search_index.json"
        print(f"{report.pages} generated pages; search_index.json {index.stat().st_size / 1e6:.1f} MB")
        print(f"{'worker':<20}{'setup ms':>10}{'query ms':>10}{'results':>9}   query {QUERY}")
        for name, timing in time_workers(project.site_dir):
            print(f"{name:<20}{timing['setup']:>10.0f}{timing['search']:>10.0f}{timing['results']:>9}")


if __name__ == "__main__":
    main()
