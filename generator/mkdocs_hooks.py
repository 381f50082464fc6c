"""MkDocs hooks used by `oit build` (loaded through the generated config)."""
from __future__ import annotations

import json
import pickle
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

THEME_TEMPLATE_PREFIX = "oit/"   # page templates in site_theme/oit/ are not site files
FISCAL_YEAR_FOLDER = re.compile(r"^(\d{4})/")   # pages of a fiscal year live in 2569/, 2570/…


def on_files(files: Files, config: Any) -> Files:
    """Add the build's generated assets; keep site_theme/oit/ page templates out of the site."""
    for file in list(files):
        if file.src_uri.startswith(THEME_TEMPLATE_PREFIX) and not file.src_uri.endswith(".md") \
                and str(config["theme"].custom_dir or "") in (file.abs_src_path or ""):
            files.remove(file)
    bundle = config["extra"].get("oit", {}).get("assets")
    if bundle:
        _add_assets(files, Path(bundle), config)
    return files


def _add_assets(files: Files, bundle: Path, config: Any) -> None:
    """The files that `oit build` generated (site_build.write_assets) or publishes as they are."""
    for uri, content, source in pickle.loads(bundle.read_bytes()):
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)   # generated data wins over a stale copy in content/
        if content is not None:
            files.append(File.generated(config, uri, content=content))
        else:
            files.append(File.generated(config, uri, abs_src_path=source))


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
