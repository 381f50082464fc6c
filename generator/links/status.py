"""What a check of an external address found, named plainly; and what it means for the data (pure).

The completeness rule ``NN-links`` takes a mapping {url: reason}: ``broken_links`` builds it from
the offline errors and the external results (for the site, the reason is in Thai).
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from .. import thai
from ..language import tr
from .refs import LinkProblem, LinkRef, LinkSeverity


class LinkStatus(Enum):
    """The outcome of checking one external address."""

    OK = "ok"
    REDIRECT = "redirect"                  # permanently moved (301/308): works, update the data
    ANCHOR_MISSING = "anchor-missing"      # the page opens but has no #anchor asked for
    HTTP_ERROR = "http-error"              # the server answered 4xx/5xx
    DNS_FAILURE = "dns-failure"            # the host name does not resolve
    TLS_ERROR = "tls-error"                # https handshake or certificate failed
    TIMEOUT = "timeout"                    # no answer within the timeout
    CONNECTION_REFUSED = "connection-refused"
    CONNECTION_ERROR = "connection-error"  # any other network failure
    REDIRECT_LOOP = "redirect-loop"        # too many redirects
    ERROR = "error"                        # anything else LinkChecker reported

    @property
    def broken(self) -> bool:
        """A broken link: the assessor gets no document."""
        return self not in (LinkStatus.OK, LinkStatus.REDIRECT, LinkStatus.ANCHOR_MISSING)

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def label_th(self) -> str:
        return _LABELS[self][1]

    @property
    def said(self) -> str:
        """The label in the language in use."""
        return tr(self.label_th, self.label)


# No answer came at all: no name server, no server (a computer off the network or behind a
# proxy it was not told about looks like this), as opposed to a server that said no.
NO_ANSWER = frozenset({LinkStatus.DNS_FAILURE, LinkStatus.TIMEOUT, LinkStatus.CONNECTION_ERROR})


def nothing_answered(results: Iterable[ExternalResult]) -> bool:
    """Every address of two hosts or more went unanswered: more likely this computer cannot
    reach the network than every server gone at once."""
    results = list(results)
    hosts = {urlsplit(r.url).hostname for r in results}
    return len(hosts) >= 2 and all(r.status in NO_ANSWER for r in results)


_LABELS = {
    LinkStatus.OK: ("OK", "เปิดได้"),
    LinkStatus.REDIRECT: ("permanent redirect", "ย้ายไปที่อยู่ใหม่ถาวร"),
    LinkStatus.ANCHOR_MISSING: ("anchor not found", "ไม่พบตำแหน่งที่ลิงก์ระบุในหน้า"),
    LinkStatus.HTTP_ERROR: ("HTTP error", "เซิร์ฟเวอร์ตอบข้อผิดพลาด"),
    LinkStatus.DNS_FAILURE: ("DNS failure", "ไม่พบชื่อโดเมน (DNS)"),
    LinkStatus.TLS_ERROR: ("TLS error", "การเชื่อมต่อแบบปลอดภัย (TLS) ผิดพลาด"),
    LinkStatus.TIMEOUT: ("timeout", "เซิร์ฟเวอร์ไม่ตอบภายในเวลาที่กำหนด"),
    LinkStatus.CONNECTION_REFUSED: ("connection refused", "เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ"),
    LinkStatus.CONNECTION_ERROR: ("connection error", "เชื่อมต่อเซิร์ฟเวอร์ไม่ได้"),
    LinkStatus.REDIRECT_LOOP: ("redirect loop", "เปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด"),
    LinkStatus.ERROR: ("error", "ตรวจไม่ผ่าน"),
}
_HTTP_TH = {401: "ต้องเข้าสู่ระบบ", 403: "ไม่อนุญาตให้เข้าถึง", 404: "ไม่พบเอกสาร",
            410: "เอกสารถูกลบแล้ว"}


@dataclass(frozen=True)
class ExternalResult:
    """One external address, checked at a time (kept in the link cache)."""

    url: str
    status: LinkStatus
    checked_at: datetime.datetime      # aware, UTC
    http_code: int | None = None
    detail: str = ""                   # what LinkChecker said, for the curious
    new_url: str | None = None         # where a permanent redirect points
    attempts: int = 1

    @property
    def retryable(self) -> bool:
        """A failure that may pass on a second try: network trouble or a server error."""
        if self.status is LinkStatus.HTTP_ERROR:
            return self.http_code is not None and (self.http_code >= 500 or self.http_code == 429)
        return self.status in (LinkStatus.TIMEOUT, LinkStatus.CONNECTION_REFUSED,
                               LinkStatus.CONNECTION_ERROR, LinkStatus.DNS_FAILURE)

    def describe(self) -> str:
        """What happened, in plain words (Thai, or English on request), for `oit links`."""
        if self.status is LinkStatus.HTTP_ERROR:
            thai_label = _HTTP_TH.get(self.http_code or 0, self.status.label_th)
            return tr(f"{thai_label} (HTTP {self.detail or self.http_code})",
                      f"HTTP error {self.detail or self.http_code}")
        if self.status is LinkStatus.REDIRECT:
            return tr(f"ย้ายไปที่อยู่ใหม่ถาวร ({self.http_code}) ไปที่ {self.new_url}",
                      f"permanent redirect ({self.http_code}) to {self.new_url}")
        text = self.status.said
        return f"{text}: {self.detail}" if self.detail else text

    def reason_th(self) -> str:
        """Why the link is broken, in Thai, with the date it was checked (for the site)."""
        label = self.status.label_th
        if self.status is LinkStatus.HTTP_ERROR and self.http_code:
            label = f"{_HTTP_TH.get(self.http_code, label)} (HTTP {self.http_code})"
        checked = thai.thai_date(self.checked_at.astimezone(thai.THAILAND).date(), "short")
        return f"{label} (ตรวจเมื่อ {checked})"


def external_problems(refs: Sequence[LinkRef],
                      results: Mapping[str, ExternalResult]) -> list[LinkProblem]:
    """One problem per data reference whose address is broken, moved or misses its anchor."""
    problems = []
    for ref in refs:
        result = results.get(ref.url)
        if result is None or result.status is LinkStatus.OK:
            continue
        severity = LinkSeverity.ERROR if result.status.broken else LinkSeverity.WARNING
        problems.append(LinkProblem(severity, "external", result.status.value, ref.url,
                                    result.describe(), result.new_url, ref))
    return problems


def broken_links(offline: Iterable[LinkProblem],
                 results: Iterable[ExternalResult]) -> dict[str, str]:
    """{url: Thai reason} for every address known not to open: what the NN-links rule reads."""
    broken = {r.url: r.reason_th() for r in results if r.status.broken}
    for problem in offline:
        if problem.is_error and problem.url not in broken:
            fix = f" ควรเป็น {problem.suggestion}" if problem.suggestion else ""
            broken[problem.url] = _OFFLINE_TH.get(problem.code, "ที่อยู่ลิงก์ไม่ถูกต้อง") + fix
    return broken


_OFFLINE_TH = {"host-typo": "ชื่อโดเมนสะกดผิด", "several-urls": "มีหลายลิงก์อยู่ในช่องเดียว",
               "unparsable": "ที่อยู่ลิงก์ไม่ถูกต้อง"}
