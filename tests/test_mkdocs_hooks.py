"""The MkDocs hooks' pure parts (the hooks themselves run in every end-to-end build)."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.mkdocs_hooks import wait_for, with_fiscal_year


def test_a_year_page_gets_its_fiscal_year_in_its_search_title() -> None:
    doc = {"location": "2569/04-procurement-plan/", "title": "04 แผนการจัดซื้อจัดจ้าง", "text": ""}
    assert with_fiscal_year(doc) == {**doc, "title": "04 แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2569"}


def test_sections_pages_outside_years_and_titles_with_the_year_are_left_alone() -> None:
    for doc in ({"location": "2569/04-procurement-plan/#items", "title": "รายการ", "text": ""},
                {"location": "about/", "title": "เกี่ยวกับ", "text": ""},
                {"location": "", "title": "หน้าแรก", "text": ""},
                {"location": "2569/", "title": "ปีงบประมาณ พ.ศ. 2569", "text": ""}):
        assert with_fiscal_year(doc) == doc


def test_the_hook_waits_for_the_generated_files_while_their_writer_runs(tmp_path: Path) -> None:
    bundle = tmp_path / "assets.pickle"
    writer = threading.Timer(0.3, lambda: bundle.write_bytes(b"files"))
    writer.start()
    start = time.monotonic()
    assert wait_for(bundle, os.getpid()) == bundle   # this process plays the writer
    assert time.monotonic() - start >= 0.25
    writer.join()


def test_the_hook_gives_up_at_once_when_the_writer_ended_without_the_files(
        tmp_path: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    with pytest.raises(PluginError, match="never arrived"):
        wait_for(tmp_path / "assets.pickle", int(ended.stdout), timeout=60)
    with pytest.raises(PluginError, match="never arrived"):
        wait_for(tmp_path / "assets.pickle", None)
