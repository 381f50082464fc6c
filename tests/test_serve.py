"""`oit serve` in Chromium: the preview is served, a data edit shows without a reload by hand,
a broken edit shows the Thai error page, and the fix brings the page back; site/ untouched."""
from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import OIT
from generator.commands.serve import error_page

UNIT = "data/unit.yml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(example_project: Path) -> Iterator[tuple[Path, str]]:
    port = _free_port()
    proc = subprocess.Popen([str(OIT), "serve", "--project", str(example_project),
                             "--port", str(port), "--build-date", "2026-11-23", "--lang", "th"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, proc.communicate()[0]
            time.sleep(0.1)
    try:
        yield example_project, url
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
        assert "Traceback" not in output, output


def _edit(project: Path, old: str, new: str) -> None:
    path = project / UNIT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_the_preview_follows_every_edit_and_shows_data_errors_in_thai(
        served: tuple[Path, str], browser: Any) -> None:
    project, url = served
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "2570/04-procurement-plan/")
    assert "กองส่งเสริมสุขภาพชุมชน" in page.title()
    _edit(project, "name_th: กองส่งเสริมสุขภาพชุมชน", "name_th: กองทดลองแก้สด")
    page.wait_for_function("() => document.title.includes('กองทดลองแก้สด')", timeout=30_000)
    _edit(project, "current_fiscal_year: 2570", "current_fiscal_year: สองพัน")
    page.wait_for_selector("text=ยังแสดงหน้าเว็บไม่ได้: ข้อมูลมีปัญหา", timeout=30_000)
    assert "data/unit.yml:" in page.inner_text("body")
    _edit(project, "current_fiscal_year: สองพัน", "current_fiscal_year: 2570")
    page.wait_for_function("() => document.title.includes('กองทดลองแก้สด')", timeout=30_000)
    assert "2570" in page.inner_text("body")
    assert not dialogs
    assert not (project / "site").exists()   # the preview never touches site/
    page.close()


def test_the_error_page_shows_each_problem_as_text(lang: str) -> None:
    body = error_page(["data/unit.yml:3: name_th: <script>alert(1)</script>"]).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>" not in body
    assert f'<html lang="{lang}">' in body
    assert {"th": "<h1>ยังแสดงหน้าเว็บไม่ได้: ข้อมูลมีปัญหา</h1>",
            "en": "<h1>The site cannot be shown: the data has problems</h1>"}[lang] in body


def test_a_busy_port_is_said_before_any_build(
        example_project: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    from generator.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--project", str(example_project), "--port", str(port),
                     "--lang", lang])
    err = capsys.readouterr().err
    said = {"th": f"พอร์ต {port} มีโปรแกรมอื่นใช้อยู่ ให้เลือกพอร์ตอื่น เช่น --port {port + 1}",
            "en": f"port {port} is in use by another program: choose another, e.g. "
                  f"--port {port + 1}"}
    assert code == 2 and said[lang] in err and "Traceback" not in err
    assert not (example_project / ".oit-build" / "preview").exists()
