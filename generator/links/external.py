"""Check external addresses with LinkChecker: each once, concurrently, with a timeout and a retry.

The addresses go to LinkChecker on stdin (``--stdin``) with recursion level 0, so each is
fetched once and nothing behind it is followed. LinkChecker throttles each host (one request
per 0.1–0.6 s, its politeness rule), so many documents on one agency server take a while;
different hosts are checked at the same time (``--threads``). LinkChecker has no retry: the
failures that may be passing trouble (time-outs, refused or broken connections, DNS, 5xx, 429)
get a second pass of their own.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from urllib.parse import quote, urlsplit

from .linkchecker import LinkCheckerRow, run_linkchecker
from .status import ExternalResult, LinkStatus

DEFAULT_TIMEOUT = 15.0
DEFAULT_THREADS = 10
PERMANENT = (301, 308)


def check_external(urls: Sequence[str], *, now: datetime.datetime,
                   timeout: float = DEFAULT_TIMEOUT, threads: int = DEFAULT_THREADS,
                   requests_per_second: float = 10) -> list[ExternalResult]:
    """Check every address once; retry once those whose failure may be passing."""
    first = _check(urls, now, timeout, threads, requests_per_second)
    again = [r.url for r in first.values() if r.retryable]
    if again:
        second = _check(again, now, timeout, threads, requests_per_second)
        for url, result in second.items():
            first[url] = _with_attempts(result, 2)
    return [first[url] for url in urls]


def _with_attempts(result: ExternalResult, attempts: int) -> ExternalResult:
    return ExternalResult(result.url, result.status, result.checked_at, result.http_code,
                          result.detail, result.new_url, attempts)


def _check(urls: Sequence[str], now: datetime.datetime, timeout: float, threads: int,
           requests_per_second: float) -> dict[str, ExternalResult]:
    wire = {wire_form(url): url for url in urls}
    rows = run_linkchecker(
        list(wire), ["--check-extern", "-r", "0", "--timeout", f"{timeout:g}",
                     "--threads", str(threads), "--verbose"],
        config={"checking": {"maxrequestspersecond": f"{requests_per_second:g}"},
                "AnchorCheck": {}})
    results: dict[str, ExternalResult] = {}
    for row in rows:
        url = wire.get(row.url)
        if url is not None:
            results[url] = classify(row, url, now)
    for url in urls:
        results.setdefault(url, ExternalResult(url, LinkStatus.ERROR, now,
                                               detail="LinkChecker gave no result"))
    return results


def wire_form(url: str) -> str:
    """The address as sent to LinkChecker: spaces and Thai characters percent-encoded.

    LinkChecker reads whitespace-separated addresses from stdin, so a space must not reach it.
    """
    parts = urlsplit(url)
    try:
        host = parts.netloc.encode("idna").decode("ascii")
    except UnicodeError:
        host = parts.netloc
    safe = "/:@!$&'()*+,;=-._~%"
    return parts._replace(netloc=host, path=quote(parts.path, safe=safe),
                          query=quote(parts.query, safe=safe + "?"),
                          fragment=quote(parts.fragment, safe=safe + "?")).geturl()


# --- what LinkChecker's answer means ---------------------------------------------------------

_REDIRECT = re.compile(r"Redirected to `(?P<to>[^']*)' status: (?P<code>\d{3})")
_HTTP = re.compile(r"^(?P<code>\d{3})\b\s*(?P<text>.*)$")


def classify(row: LinkCheckerRow, url: str, now: datetime.datetime) -> ExternalResult:
    """Name plainly what LinkChecker found for one address."""
    result = row.result.strip()
    hops = [(m.group("to"), int(m.group("code"))) for m in _REDIRECT.finditer(row.warning)]
    http = _HTTP.match(result)
    code = int(http.group("code")) if http else None
    if row.valid:
        if hops and hops[0][1] in PERMANENT:
            moved = _after_permanent_hops(hops)
            return ExternalResult(url, LinkStatus.REDIRECT, now, hops[0][1],
                                  _chain(hops), moved)
        if "Anchor `" in row.warning:
            anchor = urlsplit(url).fragment
            return ExternalResult(url, LinkStatus.ANCHOR_MISSING, now, code,
                                  f"the page has no anchor #{anchor}")
        return ExternalResult(url, LinkStatus.OK, now, code, _chain(hops))
    if http and code is not None and code >= 400:
        return ExternalResult(url, LinkStatus.HTTP_ERROR, now, code, result)
    status, detail = _network_failure(result)
    return ExternalResult(url, status, now, None, detail)


def _after_permanent_hops(hops: list[tuple[str, int]]) -> str:
    """Where the address permanently lives: the end of the leading run of 301/308 hops."""
    moved = hops[0][0]
    for target, code in hops:
        if code not in PERMANENT:
            break
        moved = target
    return moved


def _chain(hops: list[tuple[str, int]]) -> str:
    return " → ".join(f"{code} {target}" for target, code in hops)


_FAILURES: list[tuple[re.Pattern[str], LinkStatus, str]] = [
    # Before the rest: the proxy's own failure says nothing about the server behind it.
    (re.compile(r"ProxyError|Unable to connect to proxy", re.I), LinkStatus.CONNECTION_ERROR,
     "the proxy (http_proxy, https_proxy) cannot be reached"),
    (re.compile(r"TooManyRedirects|Exceeded \d+ redirects", re.I), LinkStatus.REDIRECT_LOOP,
     "the address redirects in a loop (more than 10 redirects)"),
    (re.compile(r"NameResolution|Name or service not known|getaddrinfo|nodename nor servname"
                r"|No address associated|Temporary failure in name resolution", re.I),
     LinkStatus.DNS_FAILURE, "the host name does not resolve (no such domain)"),
    (re.compile(r"SSLError|SSL:|CERTIFICATE|TLS", re.I), LinkStatus.TLS_ERROR, ""),
    (re.compile(r"Timeout|timed out", re.I), LinkStatus.TIMEOUT, ""),
    (re.compile(r"Connection refused|Errno 111|ECONNREFUSED", re.I),
     LinkStatus.CONNECTION_REFUSED, "nothing answers on that port (connection refused)"),
    (re.compile(r"ConnectionError|Connection reset|RemoteDisconnected|Connection aborted",
                re.I), LinkStatus.CONNECTION_ERROR, ""),
]


def _network_failure(result: str) -> tuple[LinkStatus, str]:
    for pattern, status, plain in _FAILURES:
        if pattern.search(result):
            return status, plain or _reason(result)
    return LinkStatus.ERROR, result


def _reason(result: str) -> str:
    """The innermost readable reason of a requests/urllib3 error message."""
    ssl = re.search(r"\[SSL: [^\]]*\][^'\"]*|certificate verify failed[^'\"]*", result)
    if ssl:
        return ssl.group(0).strip()
    timeout = re.search(r"(Read|Connect) timed out\.?(?: \((?:read|connect) timeout=[\d.]+\))?",
                        result)
    if timeout:
        return timeout.group(0)
    return result[:200]
