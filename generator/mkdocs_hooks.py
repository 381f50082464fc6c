"""MkDocs hooks used by `oit build` (loaded through the generated config)."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import pickle
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

THEME_TEMPLATE_PREFIX = "oit/"   # page templates in site_theme/oit/ are not site files
FISCAL_YEAR_FOLDER = re.compile(r"^(\d{4})/")   # pages of a fiscal year live in 2569/, 2570/…


def on_config(config: Any) -> Any:
    """Show the site name (the unit's name, from the data) as text wherever Material prints it.

    Material prints ``config.site_name`` unescaped in <title>, the drawer and aria-label,
    and escapes it in title attributes: escaped once into Markup, it reads right in both.
    """
    config["site_name"] = as_text(config["site_name"])
    return config


def as_text(value: str) -> Markup:
    """A plain string as HTML that shows exactly its characters (Markup is not escaped again)."""
    return value if isinstance(value, Markup) else escape(value)


def on_files(files: Files, config: Any) -> Files:
    """Add the build's pages and generated files, even those still being written; keep
    site_theme/oit/ page templates out of the site."""
    for file in list(files):
        if file.src_uri.startswith(THEME_TEMPLATE_PREFIX) and not file.src_uri.endswith(".md") \
                and str(config["theme"].custom_dir or "") in (file.abs_src_path or ""):
            files.remove(file)
    _PENDING.clear()
    index = config["extra"].get("oit", {}).get("assets")
    if index:
        _add_assets(files, Path(index), config)
    return files


@dataclass
class _Pending:
    """What `oit build` is still writing while MkDocs starts (site_build.AssetIndex): the
    pages, needed from the first page MkDocs converts, and the generated files' bytes,
    needed only after it has converted every page."""

    writer: int | None
    pages_ready: Path
    bundle: Path
    files: dict[str, File]


_PENDING: list[_Pending] = []


def _add_assets(files: Files, index_file: Path, config: Any) -> None:
    """The pages and files that `oit build` writes or publishes as they are (evidence)."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for uri in index["pages"]:   # a new page may not be written yet: MkDocs did not list it
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, config["docs_dir"], config["site_dir"],
                              config["use_directory_urls"]))
    generated: dict[str, File] = {}
    for uri in index["generated"]:
        generated[uri] = _replace(files, File.generated(config, uri, content=b""))
    for uri, source in index["copied"]:
        _replace(files, File.generated(config, uri, abs_src_path=source))
    _PENDING.append(_Pending(index["writer"], Path(index["pages_ready"]),
                             Path(index["bundle"]), generated))


def _replace(files: Files, file: File) -> File:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)   # generated data wins over a stale copy in content/
    files.append(file)
    return file


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    """MkDocs is about to read the pages: wait until they are all written."""
    for pending in _PENDING:
        wait_for(pending.pages_ready, pending.writer)
    return nav


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Every page is converted; now the generated files' bytes are needed: wait for them.
    Also give the templates ``oit_csp`` (main.html's Content-Security-Policy)."""
    env.globals["oit_csp"] = content_security_policy
    for pending in _PENDING:
        contents = pickle.loads(wait_for(pending.bundle, pending.writer).read_bytes())
        missing = sorted(set(pending.files) - set(contents))
        if missing:
            raise PluginError(f"the generated files lack {', '.join(missing[:5])}")
        for uri, file in pending.files.items():
            file.content_bytes = contents[uri]
    _PENDING.clear()
    return env


def wait_for(path: Path, writer: int | None, timeout: float = 600) -> Path:
    """``path`` once it exists; a PluginError if its writer ended without making it."""
    deadline = time.monotonic() + timeout
    while not path.is_file():
        if writer is None or not _running(writer) or time.monotonic() > deadline:
            if path.is_file():   # made just before its writer ended
                break
            raise PluginError(f"the generated pages or files never arrived ({path.name}): "
                              "run `oit build` again")
        time.sleep(0.01)
    return path


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process: it exists
        return True
    return True


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


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Rank the current fiscal year's pages above their near-twins of earlier years.

    Both years' pages of a topic share most of their words, so a query matches them almost
    equally; visitors and assessors look for the current year first. A modest boost keeps
    a clearly better match in an earlier year first.
    """
    current = config["extra"].get("oit", {}).get("current_fiscal_year")
    year = FISCAL_YEAR_FOLDER.match(page.file.src_uri)
    if current is not None and year is not None and int(year.group(1)) == int(current):
        search = page.meta.setdefault("search", {})
        if isinstance(search, dict):
            search.setdefault("boost", CURRENT_YEAR_BOOST)
    return markdown


def on_post_build(config: Any) -> None:
    """Name the fiscal year in search results, where both years' pages of a topic look alike."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        data["docs"] = [with_fiscal_year(doc) for doc in data["docs"]]
        index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


def with_fiscal_year(doc: dict[str, Any]) -> dict[str, Any]:
    """A page's own entry in a year folder ('2569/04-procurement-plan/') gets the year in its title."""
    year = FISCAL_YEAR_FOLDER.match(doc["location"])
    if year is None or "#" in doc["location"] or year.group(1) in doc["title"]:
        return doc
    return {**doc, "title": f"{doc['title']} ปีงบประมาณ พ.ศ. {year.group(1)}"}
