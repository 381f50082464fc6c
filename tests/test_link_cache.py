"""The link cache: results kept with their time; what a later run re-checks."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.links.cache import due_for_check, load_cache, merged, save_cache
from generator.links.status import ExternalResult, LinkStatus

NOW = datetime.datetime(2026, 11, 23, 3, 0, tzinfo=datetime.timezone.utc)
HOUR = datetime.timedelta(hours=1)


def _result(url: str, status: LinkStatus, age: datetime.timedelta = HOUR) -> ExternalResult:
    return ExternalResult(url, status, NOW - age)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / ".oit-build" / "link-cache.json"
    results = {"https://a/x": ExternalResult("https://a/x", LinkStatus.REDIRECT, NOW, 301,
                                             "301 https://a/y", "https://a/y"),
               "https://a/ก": ExternalResult("https://a/ก", LinkStatus.TIMEOUT, NOW, attempts=2)}
    save_cache(path, results)
    assert load_cache(path) == results
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema"] == "oit-link-cache/1"
    assert document["results"]["https://a/x"] == {
        "status": "redirect", "checked_at": "2026-11-23T03:00:00+00:00", "http_code": 301,
        "detail": "301 https://a/y", "new_url": "https://a/y"}


def test_no_file_is_an_empty_cache(tmp_path: Path) -> None:
    assert load_cache(tmp_path / "link-cache.json") == {}


def test_a_damaged_cache_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "link-cache.json"
    path.write_text('{"schema": "oit-link-cache/1", "results": {"u": {}}}', encoding="utf-8")
    with pytest.raises(UserError, match="the link cache is damaged"):
        load_cache(path)


def test_only_new_failed_and_old_results_are_due() -> None:
    cache = {"ok": _result("ok", LinkStatus.OK), "moved": _result("moved", LinkStatus.REDIRECT),
             "dead": _result("dead", LinkStatus.HTTP_ERROR),
             "old": _result("old", LinkStatus.OK, datetime.timedelta(days=2))}
    urls = ["ok", "moved", "dead", "old", "new"]
    assert due_for_check(urls, cache, NOW, datetime.timedelta(days=1)) == ["dead", "old", "new"]
    assert due_for_check(urls, cache, NOW, datetime.timedelta(days=3)) == ["dead", "new"]
    assert due_for_check(urls, cache, NOW, datetime.timedelta(days=3), refresh=True) == urls


def test_fresh_results_replace_cached_ones() -> None:
    cache = {"a": _result("a", LinkStatus.HTTP_ERROR), "b": _result("b", LinkStatus.OK)}
    fresh = _result("a", LinkStatus.OK, datetime.timedelta(0))
    assert merged(cache, [fresh]) == {"a": fresh, "b": cache["b"]}
