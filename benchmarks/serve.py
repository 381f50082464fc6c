"""How long `oit serve` takes to show a one-line data edit: the preview rebuilt in process after
each of ten edits of the example data, median and spread, beside one whole `oit build`.

    .venv/bin/python benchmarks/serve.py [--edits 10]
"""
from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.versus_mkdocs import example_project  # noqa: E402
from generator.commands.build import build  # noqa: E402
from generator.commands.serve import Preview  # noqa: E402

BUILD_DATE = datetime.date(2026, 11, 23)
PLAN = "data/2570/01-budget-plan.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = example_project(Path(tmp) / "project")
        preview = Preview(project, BUILD_DATE, say=lambda _: None)
        preview.rebuild()   # the first build, as `oit serve` starts
        first = preview.seconds[-1]
        plan = project.root / PLAN
        original = plan.read_text(encoding="utf-8")
        for edit in range(args.edits):
            day = 10 + edit % 10
            plan.write_text(original.replace("last_updated: 2569-10-23",
                                             f"last_updated: 2569-10-{day}"), encoding="utf-8")
            preview.rebuild()
        rebuilds = preview.seconds[1:]
        start = time.perf_counter()
        build(project, BUILD_DATE)
        whole = time.perf_counter() - start
    print(f"oit serve on the example data ({datetime.date.today()}, {args.edits} one-line edits)")
    print(f"  first build            {first:6.2f} s")
    print(f"  rebuild after an edit  median {statistics.median(rebuilds):.2f} s "
          f"(min {min(rebuilds):.2f}, max {max(rebuilds):.2f}); target 1.00 s")
    print(f"  oit build (whole, with the link check)  {whole:.2f} s")


if __name__ == "__main__":
    main()
