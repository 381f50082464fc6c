"""The pages' Content-Security-Policy: Material's own inline scripts run, no other inline
script or event attribute does (site_theme/main.html, generator/site/plugin.py)."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.links.linkchecker import serve
from generator.site.plugin import content_security_policy

CHECK_PAGE = """() => [typeof __md_scope, typeof document$,
  document.querySelectorAll('.md-typeset__scrollwrap').length,
  document.querySelectorAll('.md-typeset__scrollwrap[tabindex]').length]"""


def _pages(site: Path) -> list[str]:
    """The site's pages (Material's), not the working group's memos beside them."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.name.startswith("oit-check-"))


def _open_all(browser: Any, site: Path, paths: list[str] | None = None,
              ) -> tuple[list[str], list[str], list[list[Any]]]:
    """Every page (or those of ``paths``) in Chromium: its CSP violations and errors, its
    dialogs, what ran."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    dialogs: list[str] = []
    ran: list[list[Any]] = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            problems.append(message.text)

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    def on_error(error: Any) -> None:
        # Leaving a page while its search worker still loads its scripts fails the load:
        # the first page waits for them (a policy that blocked them would say so above).
        if not (ran and "importScripts" in str(error) and "failed to load" in str(error)):
            problems.append(str(error))

    page.on("pageerror", on_error)
    page.on("dialog", on_dialog)
    with serve(site) as url:
        for number, path in enumerate(paths or _pages(site)):
            page.goto(url + path.removesuffix("index.html"))
            # The first page waits for its search worker's scripts too.
            page.wait_for_load_state("networkidle" if number == 0 else "load")
            ran.append(page.evaluate(CHECK_PAGE))
    context.close()
    return problems, dialogs, ran


@pytest.mark.slow
def test_every_page_has_the_policy_and_material_runs_under_it(example_site: Path,
                                                              browser: Any) -> None:
    for path in _pages(example_site):
        text = (example_site / path).read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="script-src &#39;self&#39; ' \
               in text, path
        assert text.index("Content-Security-Policy") < text.index("<script"), path
    problems, dialogs, ran = _open_all(browser, example_site)
    assert problems == [] and dialogs == []
    for scope, observable, boxes, focusable in ran:
        # Material's inline scripts and its bundle ran; so did our accessibility script.
        assert (scope, observable, boxes) == ("object", "object", focusable)


@pytest.mark.slow
def test_the_memo_runs_no_script_and_loads_its_fonts_under_its_policy(
        example_site: Path, browser: Any) -> None:
    memos = sorted(example_site.glob("*/oit-check-*.html"))
    assert len(memos) == 2
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    with serve(example_site) as url:
        for memo in memos:
            text = memo.read_text(encoding="utf-8")
            policy = text.find("content=\"default-src 'none'; style-src 'unsafe-inline';")
            assert "<script" not in text and 0 < policy < text.index("<style"), memo
            page.goto(f"{url}{memo.relative_to(example_site).as_posix()}")
            page.wait_for_load_state("load")
            assert page.evaluate("document.fonts.ready.then(() => "
                                 "document.fonts.check('12pt \"OIT Sarabun Thai\"', 'ก'))")
            assert page.evaluate("[...document.fonts].filter(f => f.status == 'loaded').length") >= 2
    page.close()
    assert problems == []


@pytest.mark.slow
def test_an_inline_script_that_got_into_a_page_does_not_run(example_site: Path, browser: Any,
                                                            tmp_path: Path) -> None:
    site = shutil.copytree(example_site, tmp_path / "site")
    page = site / "2570" / "04-procurement-plan" / "index.html"
    text = page.read_text(encoding="utf-8")
    injected = ('<script>alert("inline")</script><img src="x" onerror="alert(&quot;attr&quot;)">'
                '<a id="oit-injected" href="#" onclick="alert(&quot;click&quot;)">x</a>')
    page.write_text(text.replace("<article", injected + "<article", 1), encoding="utf-8")
    problems, dialogs, _ = _open_all(browser, site, [page.relative_to(site).as_posix()])
    assert dialogs == []
    assert len([p for p in problems if "Content Security Policy" in p]) >= 2   # script, onerror


def test_the_policy_lists_exactly_the_theme_scripts() -> None:
    policy = content_security_policy('<script>a()</script>\n<script>b()</script>'
                                     '<script src="x.js"></script>')
    assert policy.startswith("script-src 'self' 'sha256-")
    assert policy.count("'sha256-") == 2
    assert "'unsafe-inline'" not in policy and "object-src 'none'" in policy
