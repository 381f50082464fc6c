"""The results of external link checks, kept with their time in .oit-build/link-cache.json.

A later ``oit links --external`` re-checks only what is new, failed, or older than
``--max-age``; ``oit check`` and ``oit build`` read the cache (never the network) so the
status page can name a dead evidence link.
"""
from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import Problem, UserError, display_path
from .status import ExternalResult, LinkStatus

SCHEMA = "oit-link-cache/1"
DEFAULT_MAX_AGE = datetime.timedelta(days=1)


def load_cache(path: Path) -> dict[str, ExternalResult]:
    """The cached results by address; an absent file is an empty cache."""
    if not path.is_file():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("schema") != SCHEMA:
            return {}   # an older or newer format: start again rather than misread it
        return {url: _result(url, entry) for url, entry in document["results"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(Problem(display_path(path), None, "", f"the link cache is damaged ({exc})",
                                "delete the file; the next `oit links --external` rebuilds it"))


def save_cache(path: Path, results: Mapping[str, ExternalResult]) -> None:
    """Write the cache atomically (a unique temporary file renamed over it: two runs at once
    never share one), sorted so that its diff stays readable."""
    document = {"schema": SCHEMA,
                "results": {url: _entry(results[url]) for url in sorted(results)}}
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text.encode("utf-8"), suffix=".tmp")   # `oit links` holds no lock


def due_for_check(urls: Sequence[str], cache: Mapping[str, ExternalResult],
                  now: datetime.datetime, max_age: datetime.timedelta,
                  refresh: bool = False) -> list[str]:
    """The addresses to check now: new, failed last time, or checked longer than max_age ago."""
    if refresh:
        return list(urls)
    return [url for url in urls
            if (cached := cache.get(url)) is None or cached.status.broken
            or now - cached.checked_at > max_age]


def merged(cache: Mapping[str, ExternalResult],
           fresh: Iterable[ExternalResult]) -> dict[str, ExternalResult]:
    """The cache with the fresh results in."""
    results = dict(cache)
    results.update((r.url, r) for r in fresh)
    return results


def _entry(result: ExternalResult) -> dict[str, Any]:
    entry: dict[str, Any] = {"status": result.status.value,
                             "checked_at": result.checked_at.isoformat(timespec="seconds")}
    if result.http_code is not None:
        entry["http_code"] = result.http_code
    if result.detail:
        entry["detail"] = result.detail
    if result.new_url:
        entry["new_url"] = result.new_url
    if result.attempts != 1:
        entry["attempts"] = result.attempts
    return entry


def _result(url: str, entry: Mapping[str, Any]) -> ExternalResult:
    checked = datetime.datetime.fromisoformat(entry["checked_at"])
    if checked.tzinfo is None:
        checked = checked.replace(tzinfo=datetime.timezone.utc)
    return ExternalResult(url, LinkStatus(entry["status"]), checked, entry.get("http_code"),
                          entry.get("detail", ""), entry.get("new_url"),
                          int(entry.get("attempts", 1)))
