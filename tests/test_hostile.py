"""No markup from data, ever: hostile strings in every text field of the model.

Every text field (found by walking the pydantic models, tests/hostile_data.py) of the
example data gets a value made of strings that would be markup in Markdown, attribute
lists, HTML, entities or Jinja. The pages must have exactly the elements and attributes of
a build whose values are plain text, and every value must read back as typed. The fast
tests render the Markdown and convert it with Python-Markdown and the extensions of
mkdocs.yml; the slow ones build the real site and read it in Chromium.
"""
from __future__ import annotations

from collections import Counter

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import pytest
import yaml

from conftest import REPO, copy_project
from hostile_data import (PLAIN, RECIPES, WHOLE_VALUES, Filled, HostileData, PageShape,
                          all_text_fields, dangerous, documents, fill_model, fill_project,
                          problems_of, read_back, recipe_maker, shape, whole_maker,
                          write_documents)
from generator.commands.build import build
from generator.commands.check import check_year
from generator.model.load import load_dataset
from generator.links.linkchecker import serve
from generator.project import Project
from generator.render.memo import memo_html
from generator.render.pages import make_environment, render_site
from generator.site.builder import DEFAULT_CONFIG

BUILD_DATE = datetime.date(2026, 11, 23)
NOT_SHOWN = {"Unit.domains[]"}   # read by the link checks only, never printed
# Shown only by the theme (header, footer, <title>), not in the generated Markdown.
THEME_ONLY = {"Unit.website", "Unit.email", "Unit.phone", "Unit.colour", "Unit.site_url"}
RECIPE_IDS = ["heading-script-attrlist", "list-img-braces", "number-link-backslash",
              "html-block-multiline"]


def _project(tmp_path: Path, recipe: tuple[str, str, str] | None) -> tuple[Path, HostileData]:
    root = copy_project(tmp_path / "project", REPO / "data")
    make = recipe_maker(recipe, [0]) if recipe is not None else whole_maker(WHOLE_VALUES)
    return root, fill_project(root / "data", make)


# --- render level: Python-Markdown with the extensions of the default mkdocs.yml---------------

def _markdown() -> markdown.Markdown:
    config = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    names: list[str] = ["toc", "tables", "fenced_code"]   # MkDocs always adds these
    configs: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)


def _converted(root: Path) -> dict[str, tuple[PageShape, list[PageShape]]]:
    """Each generated page as HTML, and its table of contents entries as Material prints them;
    and each year's memo."""
    dataset = load_dataset(root / "data", root)
    reports = {year: check_year(dataset, year, BUILD_DATE) for year in dataset.years}
    pages = render_site(dataset, build_date=BUILD_DATE, intro="", reports=reports,
                        env=make_environment(root / "site_theme"), show_findings=True).pages
    md = _markdown()
    converted = {}
    for page in pages:
        body = md.reset().convert(page.text)
        toc = [shape(token["name"]) for token in _tokens(getattr(md, "toc_tokens", []))]
        converted[page.path] = (shape(body), toc)
    for year, report in reports.items():   # the working group's memo is HTML from a template
        converted[f"{year}/memo.html"] = (shape(memo_html(report, theme_dir=root / "site_theme")), [])
    return converted


def _tokens(tokens: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _tokens(token["children"])


@pytest.fixture(scope="module")
def plain_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[PageShape, list[PageShape]]]:
    root, _ = _project(tmp_path_factory.mktemp("plain"), PLAIN)
    return _converted(root)


def test_the_walk_finds_the_text_fields_of_every_model() -> None:
    fields = all_text_fields()
    # Spot checks that the walk reaches nested models, lists of texts and every file.
    for expected in ("Unit.name_th", "Unit.domains[]", "Evidence.title", "Evidence.url",
                     "Approval.by", "ProcurementItem.responsible", "Activity.stakeholders[]",
                     "MonitoringReport.problems[]", "Channel.contact", "BudgetProject.activity"):
        assert expected in fields
    assert len(fields) >= 55


# The fast loop renders the first recipe; the full suite renders all four.
@pytest.mark.parametrize("recipe", [RECIPES[0], *(pytest.param(r, marks=pytest.mark.slow)
                                                  for r in RECIPES[1:])], ids=RECIPE_IDS)
def test_hostile_text_renders_as_text(tmp_path: Path, recipe: tuple[str, str, str],
                                      plain_pages: dict[str, tuple[PageShape, list[PageShape]]]) -> None:
    root, hostile = _project(tmp_path, recipe)
    assert hostile.fields() == set(all_text_fields()), "a text field was not filled"
    pages = _converted(root)
    assert sorted(pages) == sorted(plain_pages)
    texts: list[str] = []
    hrefs: list[str] = []
    for path, (body, toc) in pages.items():
        _assert_same_kind(path, body, plain_pages[path][0])
        assert not dangerous(body), path
        for entry in toc:
            assert not entry.elements, f"{path}: markup in the table of contents"
        texts.append("".join(body.text))
        texts += ["".join(entry.text) for entry in toc]
        texts += [value for tag, name, value in body.attributes if name in ("alt", "title")]
        hrefs += [value for tag, name, value in body.attributes if name == "href"]
    found, wrong = read_back(texts, hostile)
    assert not wrong, "\n".join(wrong[:20])
    _assert_links_hold(hostile, hrefs)
    shown = {hostile.by_marker()[m].field for m in found} | _linked(hostile, hrefs)
    assert set(all_text_fields()) - shown <= NOT_SHOWN | THEME_ONLY


def _is_memo(path: str) -> bool:
    """The working group's memo: rendered here as <year>/memo.html, built as oit-check-<year>."""
    return path.endswith("memo.html") or path.split("/")[-1].startswith("oit-check-")


def _assert_same_kind(path: str, body: PageShape, plain: PageShape) -> None:
    """The same elements as the plain build's page; in a memo, whose findings differ with the
    values, no element of a kind the plain memo lacks."""
    if _is_memo(path):
        assert set(body.elements) <= set(plain.elements), path
    else:
        assert body.elements == plain.elements, f"{path}: elements differ"


def _linked(hostile: HostileData, hrefs: list[str]) -> set[str]:
    decoded = {unquote(h) for h in hrefs}
    return {f.field for f in hostile.filled if f.marker and f.value in decoded}


def _assert_links_hold(hostile: HostileData, hrefs: list[str]) -> None:
    """A web address that holds hostile text still links to exactly that address."""
    decoded = [unquote(h) for h in hrefs]
    for f in hostile.filled:
        if f.marker and f.value.startswith("https://"):
            linked = [h for h in decoded if f.marker in h]
            assert linked and all(h == f.value for h in linked), (f.path, f.value, linked[:2])


def test_whole_values_that_are_markup_render_as_text(
        tmp_path: Path, plain_pages: dict[str, tuple[PageShape, list[PageShape]]]) -> None:
    root, _ = _project(tmp_path, None)
    for path, (body, toc) in _converted(root).items():
        _assert_same_kind(path, body, plain_pages[path][0])
        assert not dangerous(body), path
        assert not any(entry.elements for entry in toc), path


def test_refused_values_are_named_with_file_and_line(tmp_path: Path) -> None:
    _, hostile = _project(tmp_path, RECIPES[0])
    assert hostile.refused, "the URL fields should refuse text that is not a web address"
    for filled, message in hostile.refused:
        assert message.startswith(f"data/{filled.file}:"), message
        assert f": {filled.path.split('.')[0].split('[')[0]}" in message, message


# --- the real build, in Chromium ------------------------------------------------------

READ_PAGE = """() => {
  const values = []
  for (const el of document.querySelectorAll('*'))
    for (const a of el.attributes)
      if (!['href', 'src', 'class', 'id', 'style', 'd', 'viewBox'].includes(a.name)) values.push(a.value)
  return {text: document.body.innerText, title: document.title, values,
          hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))}
}"""


def _site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _built(tmp_path: Path, recipe: tuple[str, str, str] | None) -> tuple[Path, HostileData]:
    root, hostile = _project(tmp_path, recipe)
    build(Project.at(root), BUILD_DATE)
    return root / "site", hostile


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("plain-site"), PLAIN)[0]


def _html_shapes(site: Path) -> dict[str, PageShape]:
    return {path: shape((site / path).read_text(encoding="utf-8")) for path in _site_pages(site)}


def _assert_same_elements(site: Path, plain_site: Path) -> None:
    plain = _html_shapes(plain_site)
    hostile = _html_shapes(site)
    assert sorted(hostile) == sorted(plain)
    for path, page in hostile.items():
        # Nothing added; the theme may leave out a link the value cannot make (a tel: link
        # from a phone number without digits).
        # A canonical <link> is the theme's, when a filled site_url validated.
        added = page.elements - plain[path].elements - Counter({("link", ("href", "rel")): 1})
        if _is_memo(path):
            added = Counter(set(page.elements) - set(plain[path].elements))
        assert not added, f"{path}: elements added"
        assert not dangerous(page), path


def _assert_search_index_is_text(site: Path) -> None:
    """Material shows search results' titles and texts as HTML: they must hold no markup
    but the few tags its index keeps."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    kept = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
    for doc in docs:
        for part in (doc["title"], doc["text"]):
            found = shape(part)
            assert {tag for tag, _ in found.elements} <= kept, (doc["location"], part[:200])
            assert not any(attrs for _, attrs in found.elements), doc["location"]


def _search_results(page: Any, url: str, query: str) -> list[str]:
    """The texts of Material's search results for ``query``, which it shows as HTML."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")   # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    found = shape(page.inner_html(".md-search-result__list"))
    tags = {tag for tag, _ in found.elements}
    assert tags <= {"li", "a", "article", "div", "h1", "h2", "p", "mark", "nav", "span",
                    "code", "ul", "ol", "details", "summary", "svg", "path"}, tags
    assert not dangerous(found)
    texts = page.eval_on_selector_all(".md-search-result__item", "els => els.map(e => e.innerText)")
    # The Thai search worker shows results with its word breaks (zero-width spaces) in them.
    return [text.replace("\u200b", "") for text in texts]


def _assert_charts_are_text(site: Path) -> None:
    """The chart images name projects from the data: as SVG text, never as elements."""
    charts = sorted(site.rglob("charts/*.svg"))
    assert charts
    for chart in charts:
        found = shape(chart.read_text(encoding="utf-8"))
        assert not {tag for tag, _ in found.elements} & {"script", "img", "b", "foreignobject",
                                                          "a", "iframe"}, chart
        assert not dangerous(found), chart


def _read_in_chromium(browser: Any, site: Path,
                      query: str | None = "QM0001Q") -> tuple[list[str], list[str], list[str]]:
    """Every page opened in Chromium: texts and attribute values, links, and any dialog."""
    dialogs: list[str] = []
    texts: list[str] = []
    hrefs: list[str] = []
    context = browser.new_context(locale="th-TH")
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    with serve(site) as url:
        for path in _site_pages(site):
            page.goto(url + path.removesuffix("index.html"))
            page.wait_for_load_state("load")
            read = page.evaluate(READ_PAGE)
            texts += [read["text"], read["title"], *read["values"]]
            hrefs += read["hrefs"]
        if query:
            texts += _search_results(page, url, query)
    context.close()
    return texts, hrefs, dialogs


@pytest.mark.slow
@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
def test_hostile_text_is_text_in_the_built_site_and_in_chromium(
        tmp_path: Path, browser: Any, plain_site: Path, recipe: tuple[str, str, str]) -> None:
    site, hostile = _built(tmp_path, recipe)
    _assert_same_elements(site, plain_site)
    _assert_search_index_is_text(site)
    _assert_charts_are_text(site)
    texts, hrefs, dialogs = _read_in_chromium(browser, site)
    assert not dialogs, dialogs
    found, wrong = read_back(texts, hostile)
    assert not wrong, "\n".join(wrong[:20])
    _assert_links_hold(hostile, hrefs)
    shown = {hostile.by_marker()[m].field for m in found} | _linked(hostile, hrefs)
    refused = {filled.field for filled, _ in hostile.refused}   # named by validate instead
    assert set(all_text_fields()) - shown - refused <= NOT_SHOWN


@pytest.mark.slow
def test_whole_values_that_are_markup_are_text_in_the_built_site(
        tmp_path: Path, browser: Any, plain_site: Path) -> None:
    site, _ = _built(tmp_path, None)
    _assert_same_elements(site, plain_site)
    _assert_search_index_is_text(site)
    assert not _read_in_chromium(browser, site, query=None)[2]


# --- the cases of the issue, by name ---------------------------------------------------

SCRIPT_NAME = "กองทดสอบ<script>alert(1)</script>"
QUOTE_NAME = 'กองทดสอบ" onmouseover="alert(1)'
ATTRIBUTE_LISTS = ["x{: onclick=alert(5) }", "x {: onclick=alert(5) }"]


def _edited_site(tmp_path: Path, name_th: str) -> Path:
    """The example with ``name_th`` as the unit's name and attribute lists in topic 04's
    responsible fields (the topic's and its first two items'), built for real."""
    root = copy_project(tmp_path / "project", REPO / "data")
    unit = root / "data" / "unit.yml"
    data = yaml.safe_load(unit.read_text(encoding="utf-8"))
    unit.write_text(yaml.safe_dump({**data, "name_th": name_th}, allow_unicode=True), encoding="utf-8")
    plan = root / "data" / "2570" / "04-procurement-plan.yml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["responsible"] = ATTRIBUTE_LISTS[0]
    for item, value in zip(data["items"], ATTRIBUTE_LISTS):
        item["responsible"] = value
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(Project.at(root), BUILD_DATE)
    return root / "site"


@pytest.fixture(scope="module")
def script_name_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _edited_site(tmp_path_factory.mktemp("script-name"), SCRIPT_NAME)


@pytest.fixture(scope="module")
def quote_name_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _edited_site(tmp_path_factory.mktemp("quote-name"), QUOTE_NAME)


class _Scripts(PageShape):
    """The text inside each <script> element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        if tag == "script":
            self.inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "script"

    def handle_data(self, data: str) -> None:
        super().handle_data(data)
        if self.inside:
            self.scripts[-1] += data


@pytest.mark.slow
def test_a_script_in_the_unit_name_runs_on_no_page(script_name_site: Path, browser: Any) -> None:
    pages = _site_pages(script_name_site)
    assert len(pages) >= 20
    for path in pages:
        parser = _Scripts()
        parser.feed((script_name_site / path).read_text(encoding="utf-8"))
        assert not [s for s in parser.scripts if "alert(1)" in s], path
    texts, _, dialogs = _read_in_chromium(browser, script_name_site, query=None)
    assert not dialogs, dialogs
    assert sum(SCRIPT_NAME in text for text in texts) >= len(pages)   # shown as typed


@pytest.mark.slow
def test_a_quote_in_the_unit_name_adds_no_attribute_to_the_logo_link(quote_name_site: Path) -> None:
    class Logos(PageShape):
        def __init__(self) -> None:
            super().__init__()
            self.logos: list[dict[str, str | None]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "a" and "md-logo" in (dict(attrs).get("class") or ""):
                self.logos.append(dict(attrs))

    for path in filter(lambda p: not _is_memo(p), _site_pages(quote_name_site)):
        parser = Logos()
        parser.feed((quote_name_site / path).read_text(encoding="utf-8"))
        assert len(parser.logos) == 2, path   # the header's and the navigation drawer's
        for logo in parser.logos:
            assert set(logo) <= {"href", "title", "class", "aria-label", "data-md-component"}, logo
            assert logo["aria-label"] == QUOTE_NAME


@pytest.mark.slow
def test_an_attribute_list_in_a_responsible_field_adds_no_attribute_to_its_cell(
        script_name_site: Path, browser: Any) -> None:
    page_file = script_name_site / "2570" / "04-procurement-plan" / "index.html"
    html_text = page_file.read_text(encoding="utf-8")
    assert "onclick=" not in html_text.replace("onclick=alert(5)", "")
    assert not dangerous(shape(html_text))
    context = browser.new_context()
    page = context.new_page()
    with serve(script_name_site) as url:
        page.goto(url + "2570/04-procurement-plan/")
        cells = page.eval_on_selector_all(
            "td", "els => els.map(e => [e.innerText.trim(), e.getAttributeNames()])")
    context.close()
    for typed in ATTRIBUTE_LISTS:
        shown = [attributes for text, attributes in cells if text == typed]
        assert shown, f"{typed!r} is not shown as typed"
        # align from the Markdown, data-label from oit-tables.js (its column's name): nothing else
        assert all(not [a for a in attributes if a not in ("align", "data-label")]
                   for attributes in shown), shown


# --- characters that never reach a page ------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e", "\u2067"],
                         ids=["NUL", "ESC", "RLO", "RLI"])
def test_control_and_bidi_characters_are_refused_in_every_text_field(tmp_path: Path,
                                                                     char: str) -> None:
    """NUL, an escape and the right-to-left overrides: `oit validate` names every field
    that holds one with its file and line, and the site is not built from them."""
    root = copy_project(tmp_path / "project", REPO / "data")
    counter = [0]

    def make(file: str, path: str) -> Filled:
        counter[0] += 1
        return Filled(file, path, "", f"ก{char}ข {counter[0]}")

    filled: list[Filled] = []
    raws = {}
    for path, model in documents(root / "data"):
        raws[path] = yaml.safe_load(path.read_text(encoding="utf-8"))
        fill_model(raws[path], model, path.relative_to(root / "data").as_posix(), "", make, filled)
    write_documents(raws)
    problems = problems_of(root)
    assert {f.field for f in filled} == set(all_text_fields())
    located = {(p.path, p.field) for p in problems if p.line}
    missed = [f"{f.file} {f.path}" for f in filled if (f"data/{f.file}", f.path) not in located]
    assert not missed, f"{len(missed)} field(s) took U+{ord(char):04X}: {missed[:10]}"
