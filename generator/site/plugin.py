"""The MkDocs plugin of `oit build`: the generated files from memory, the site name as text,
the Content-Security-Policy, and the fiscal year in search (MkDocs runs in our process)."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..render.compiled import TemplateCache
from ..render.types import Asset

THEME_TEMPLATE_PREFIX = "oit/"   # page templates in site_theme/oit/ are not site files
FISCAL_YEAR_FOLDER = re.compile(r"^(\d{4})/")   # pages of a fiscal year live in 2569/, 2570/…
PLUGIN_NAME = "oit"


class SitePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds the build's generated files (open data, charts, evidence) to the site."""

    def __init__(self, assets: list[Asset], current_year: int,
                 cache: TemplateCache | None = None) -> None:
        super().__init__()
        self.assets, self.current_year, self.cache = assets, current_year, cache
        self.writing: str | None = None   # the page MkDocs writes now, to name it on a fault

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Show the site name (the unit's name, from the data) as text wherever Material
        prints it: unescaped in <title>, the drawer and aria-label, escaped in title
        attributes. Escaped once into Markup, it reads right in both."""
        config["site_name"] = as_text(config["site_name"])
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated files; keep site_theme/oit/ page templates out of the site, and
        the theme's files no page uses: source maps (1.3 MB, for a developer's browser
        tools) and the search languages other than Thai."""
        custom_dir = str(config.theme.custom_dir or "")
        for file in list(files):
            if file.src_uri.startswith(THEME_TEMPLATE_PREFIX) and not file.src_uri.endswith(
                    ".md") and custom_dir in (file.abs_src_path or ""):
                files.remove(file)
            elif file.src_uri.endswith(".map") or _UNUSED_SEARCH.match(file.src_uri):
                files.remove(file)
        for asset in self.assets:
            _replace(files, _generated(config, asset))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Give the templates ``oit_csp`` (main.html's Content-Security-Policy); read the
        theme's compiled templates from the build's cache."""
        env.globals["oit_csp"] = content_security_policy
        if self.cache is not None:
            env.bytecode_cache = self.cache.of("theme")
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Rank the current fiscal year's pages above their near-twins of earlier years.

        Both years' pages of a topic share most of their words, so a query matches them
        almost equally; visitors and assessors look for the current year first. A modest
        boost keeps a clearly better match in an earlier year first.
        """
        year = FISCAL_YEAR_FOLDER.match(page.file.src_uri)
        if year is not None and int(year.group(1)) == self.current_year:
            search = page.meta.setdefault("search", {})
            if isinstance(search, dict):
                search.setdefault("boost", CURRENT_YEAR_BOOST)
        return markdown

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.writing = page.file.abs_dest_path
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Name the fiscal year in search results, where both years' pages look alike."""
        self.writing = None
        index = Path(config["site_dir"]) / "search" / "search_index.json"
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            data["docs"] = [with_fiscal_year(doc) for doc in data["docs"]]
            index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


# Material's search languages: Thai (lunr.th, with wordcut.js for browsers without
# Intl.Segmenter) and what every language needs stay; the other 30 are never loaded.
_UNUSED_SEARCH = re.compile(r"assets/javascripts/lunr/(?:tinyseg\.js|min/lunr\."
                            r"(?!th\.|multi\.|stemmer\.support\.)[a-z]+\.min\.js)$")


def as_text(value: str) -> Markup:
    """A plain string as HTML that shows exactly its characters (Markup is not escaped again)."""
    return value if isinstance(value, Markup) else escape(value)


class _GeneratedFile(File):
    """A generated file whose write names its destination when the machine fails it (a
    full disk raises an OSError without a file name)."""

    def copy_file(self, dirty: bool = False) -> None:
        try:
            super().copy_file(dirty)
        except OSError as exc:
            if exc.filename is None:
                raise OSError(exc.errno, exc.strerror, self.abs_dest_path) from None
            raise


def _generated(config: MkDocsConfig, asset: Asset) -> File:
    """A file of the site from memory, or copied as it is from its source (evidence)."""
    if asset.content is not None:
        return _GeneratedFile.generated(config, asset.path, content=asset.content)
    return _GeneratedFile.generated(config, asset.path, abs_src_path=str(asset.source))


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)   # generated data wins over a stale copy in content/
    files.append(file)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(theme_scripts: str) -> str:
    """Scripts from the site's own files, and inline only the scripts in ``theme_scripts``
    (Material's partials as the page renders them), by their SHA-256: an inline script or
    event attribute anywhere else on the page does not run."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8"))
                                                   .digest()).decode("ascii") + "'"
                     for body in _INLINE_SCRIPT.findall(theme_scripts)})
    return f"script-src 'self' {' '.join(hashes)}; object-src 'none'; base-uri 'self'"


CURRENT_YEAR_BOOST = 1.25   # Material's per-page search boost (page.meta.search.boost)


def with_fiscal_year(doc: dict[str, Any]) -> dict[str, Any]:
    """A page's own entry in a year folder ('2569/04-procurement-plan/') gets the year in its title."""
    year = FISCAL_YEAR_FOLDER.match(doc["location"])
    if year is None or "#" in doc["location"] or year.group(1) in doc["title"]:
        return doc
    return {**doc, "title": f"{doc['title']} ปีงบประมาณ พ.ศ. {year.group(1)}"}
