"""External addresses checked with the real LinkChecker against servers on 127.0.0.1 only."""
from __future__ import annotations

import datetime
from typing import Any

import pytest

from generator.links.external import check_external, classify, wire_form
from generator.links.status import ExternalResult, LinkStatus, nothing_answered
from generator.links.linkchecker import LinkCheckerRow

NOW = datetime.datetime(2026, 11, 23, 3, 0, tzinfo=datetime.timezone.utc)


def _check(*urls: str, timeout: float = 1) -> dict[str, ExternalResult]:
    results = check_external(urls, now=NOW, timeout=timeout, requests_per_second=1000)
    assert [r.url for r in results] == list(urls)
    return {r.url: r for r in results}


@pytest.mark.slow
def test_each_way_a_link_fails_is_named(link_server: Any, closed_port: int) -> None:
    s = link_server
    tls = s("/ok").replace("http://", "https://")
    refused = f"http://127.0.0.1:{closed_port}/doc.pdf"
    dns = "http://nonexistent.invalid/doc.pdf"
    r = _check(s("/ok"), s("/missing"), s("/broken"), s("/chain"), s("/moved"), s("/loop"),
               s("/slow"), s("/ok#absent"), s("/ok#present"), tls, refused, dns)
    assert (r[s("/ok")].status, r[s("/ok")].http_code) == (LinkStatus.OK, 200)
    assert (r[s("/missing")].status, r[s("/missing")].http_code) == (LinkStatus.HTTP_ERROR, 404)
    assert r[s("/missing")].describe() == "HTTP error 404 Not Found"
    assert (r[s("/broken")].status, r[s("/broken")].http_code) == (LinkStatus.HTTP_ERROR, 500)
    chain = r[s("/chain")]   # 301 → 302 → 200: moved for good to /chain-2, which is temporary
    assert (chain.status, chain.http_code, chain.new_url) == (LinkStatus.REDIRECT, 301, s("/chain-2"))
    assert chain.describe() == f"permanent redirect (301) to {s('/chain-2')}"
    assert chain.detail == f"301 {s('/chain-2')} → 302 {s('/ok')}"
    assert (r[s("/moved")].status, r[s("/moved")].new_url) == (LinkStatus.REDIRECT, s("/ok"))
    assert r[s("/loop")].status is LinkStatus.REDIRECT_LOOP
    assert r[s("/slow")].status is LinkStatus.TIMEOUT
    assert "timed out" in r[s("/slow")].detail
    assert r[s("/ok#absent")].status is LinkStatus.ANCHOR_MISSING
    assert r[s("/ok#absent")].detail == "the page has no anchor #absent"
    assert r[s("/ok#present")].status is LinkStatus.OK
    assert r[tls].status is LinkStatus.TLS_ERROR and "SSL" in r[tls].detail
    assert r[refused].status is LinkStatus.CONNECTION_REFUSED
    assert r[dns].status is LinkStatus.DNS_FAILURE
    broken = {url for url, result in r.items() if result.status.broken}
    assert broken == {s("/missing"), s("/broken"), s("/loop"), s("/slow"), tls, refused, dns}


@pytest.mark.slow
def test_passing_failures_are_retried_once(link_server: Any) -> None:
    s = link_server
    r = _check(s("/flaky"), s("/missing"), s("/slow"))
    assert (r[s("/flaky")].status, r[s("/flaky")].attempts) == (LinkStatus.OK, 2)
    assert r[s("/missing")].attempts == 1          # a 404 is an answer: not retried
    assert (r[s("/slow")].status, r[s("/slow")].attempts) == (LinkStatus.TIMEOUT, 2)
    assert s.counts["/flaky"] == 2 and s.counts["/missing"] == 1


@pytest.mark.slow
def test_thai_characters_and_spaces_reach_the_server_encoded(link_server: Any) -> None:
    thai = link_server("/เอกสาร.pdf")
    spaced = link_server("/no such file.pdf")
    r = _check(thai, spaced)
    assert r[thai].status is LinkStatus.OK
    assert (r[spaced].status, r[spaced].http_code) == (LinkStatus.HTTP_ERROR, 404)


@pytest.mark.slow
def test_external_links_go_through_the_offices_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    import http.server
    import threading

    asked: list[str] = []

    class Proxy(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)   # a proxy is asked for the whole address
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.server_address[1]}")
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        url = "http://www.example-agency.invalid/doc.pdf"   # resolvable only by the proxy
        assert _check(url)[url].status is LinkStatus.OK
        assert asked == [url]
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_wire_form_has_no_whitespace_and_keeps_escapes() -> None:
    assert wire_form("https://a.go.th/ก ข.pdf?q=%20x#ค") == (
        "https://a.go.th/%E0%B8%81%20%E0%B8%82.pdf?q=%20x#%E0%B8%84")


def _row(result: str, valid: bool, warning: str = "") -> LinkCheckerRow:
    return LinkCheckerRow("http://x/a", "", valid, result, warning, "http://x/a")


@pytest.mark.parametrize(("result", "status"), [
    ("ConnectionError: HTTPConnectionPool(host='x', port=80): Max retries exceeded with url: /a "
     "(Caused by NameResolutionError(\"HTTPConnection(host='x', port=80): Failed to resolve 'x' "
     "([E...", LinkStatus.DNS_FAILURE),
    ("SSLError: HTTPSConnectionPool(host='x', port=443): Max retries exceeded with url: /a (Caused "
     "by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
     "failed: unable to get local issuer certificate (_ssl.c:1006)')))", LinkStatus.TLS_ERROR),
    ("ReadTimeout: HTTPConnectionPool(host='x', port=80): Read timed out. (read timeout=15)",
     LinkStatus.TIMEOUT),
    ("ConnectTimeout: HTTPConnectionPool(host='x', port=80): Max retries exceeded (Caused by "
     "ConnectTimeoutError(<urllib3.connection.HTTPConnection object>, 'Connection to x timed out. "
     "(connect timeout=15)'))", LinkStatus.TIMEOUT),
    ("ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection "
     "without response'))", LinkStatus.CONNECTION_ERROR),
    ("ProxyError: HTTPConnectionPool(host='127.0.0.1', port=9): Max retries exceeded with url: "
     "http://a/b.pdf (Caused by ProxyError('Unable to connect to proxy', NewConnectionError("
     "\"HTTPConnection(host='127.0.0.1', port=9): Failed to establish a new connection: [Errno "
     "111] Connection refused\")))", LinkStatus.CONNECTION_ERROR),
    ("TooManyRedirects: Exceeded 10 redirects.", LinkStatus.REDIRECT_LOOP),
    ("403 Forbidden", LinkStatus.HTTP_ERROR),
    ("something new", LinkStatus.ERROR),
])
def test_linkchecker_results_are_classified(result: str, status: LinkStatus) -> None:
    assert classify(_row(result, False), "http://x/a", NOW).status is status


def test_a_certificate_failure_says_why() -> None:
    row = _row("SSLError: … (Caused by SSLError(SSLCertVerificationError(1, '[SSL: "
               "CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer "
               "certificate (_ssl.c:1006)')))", False)
    assert classify(row, "http://x/a", NOW).describe() == (
        "TLS error: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get "
        "local issuer certificate (_ssl.c:1006)")


def test_a_temporary_redirect_is_ok() -> None:
    row = _row("200 OK", True, "Redirected to `http://x/b' status: 302 Found.")
    assert classify(row, "http://x/a", NOW).status is LinkStatus.OK


def test_thai_reasons_for_the_status_page() -> None:
    result = ExternalResult("http://x/a", LinkStatus.HTTP_ERROR, NOW, 404, "404 Not Found")
    assert result.reason_th() == "ไม่พบเอกสาร (HTTP 404) (ตรวจเมื่อ 23 พ.ย. 69)"
    dns = ExternalResult("http://x/a", LinkStatus.DNS_FAILURE, NOW)
    assert dns.reason_th() == "ไม่พบชื่อโดเมน (DNS) (ตรวจเมื่อ 23 พ.ย. 69)"


def test_nothing_answered_takes_two_hosts_and_not_one_answer() -> None:
    def result(url: str, status: LinkStatus) -> ExternalResult:
        return ExternalResult(url, status, NOW)

    dns, timeout = LinkStatus.DNS_FAILURE, LinkStatus.TIMEOUT
    assert nothing_answered([result("http://a.go.th/x", dns), result("http://b.go.th/y", timeout)])
    # One host down is that host's problem: its results are kept.
    assert not nothing_answered([result("http://a.go.th/x", dns), result("http://a.go.th/y", dns)])
    # A server that said no (404, refused) answered.
    assert not nothing_answered([result("http://a.go.th/x", dns),
                                 result("http://b.go.th/y", LinkStatus.HTTP_ERROR)])
    assert not nothing_answered([result("http://a.go.th/x", LinkStatus.CONNECTION_REFUSED),
                                 result("http://b.go.th/y", dns)])
    assert not nothing_answered([])
