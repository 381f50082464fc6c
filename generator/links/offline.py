"""Every web address in the data, where it is, and the checks that need no network (pure).

A link is only as good as the assessor's click on it. These checks catch, before anything is
published, the mistakes the seeds show: a host name that is one slip away from the unit's own
domain (``planning.ana.mai.moph.go.th`` for ``planning.anamai.moph.go.th``), a file name with
spaces or Thai characters typed into the address, ``http://`` where the site uses ``https://``.

Severity, as a webmaster would expect it:

- **error** (``oit build`` and ``oit validate`` fail, naming file:line): the link cannot work as
  written: an address that does not parse (``unparsable``), two addresses pasted into one field
  (``several-urls``), a host close to but not one of the unit's declared domains (``host-typo``).
- **warning** (reported, the build goes on): the link most likely works in a browser but should
  be tidied: ``http`` where the host uses https, a ``space`` or other ``unencoded`` character
  (Thai letters or digits) in the path.
"""
from __future__ import annotations

import functools
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urlsplit

from ..language import current, tr
from ..model.dataset import Dataset, Unit
from .refs import LinkProblem, LinkRef, LinkSeverity, link_refs


@dataclass(frozen=True)
class Domains:
    """What the data says about the unit's hosts."""

    declared: tuple[str, ...]      # unit.domains and the website's host
    https_hosts: frozenset[str]    # hosts known to serve https

    def uses_https(self, host: str) -> bool:
        """A host met with https, or the unit's own (sub)domain when the unit's site is https."""
        return host in self.https_hosts or any(
            host.endswith("." + d) for d in self.declared if d in self.https_hosts)


def unit_domains(unit: Unit, refs: Sequence[LinkRef]) -> Domains:
    """The declared domains, and the hosts that use https (the unit's, and any met with https)."""
    declared = [_domain(d) for d in unit.domains if _domain(d)]
    site = urlsplit(unit.website) if unit.website else None
    if site is not None and site.hostname:
        declared.append(site.hostname.rstrip("."))
    https = {p.hostname for p, _ in map(_split, (r.url for r in refs))
             if p is not None and p.scheme == "https" and p.hostname}
    if site is not None and site.scheme == "https":
        https.update(declared)   # the unit's site is on https: its own domains are too
    return Domains(tuple(dict.fromkeys(declared)), frozenset(https))


def _domain(text: str) -> str:
    """A declared domain as a bare host name, even when written as an address."""
    text = text.strip().lower()
    parts, _ = _split(text) if "://" in text else (None, "")
    host = parts.hostname if parts is not None else text.split("://")[-1].split("/")[0]
    return (host or "").rstrip(".")


UNFETCHABLE = ("unparsable", "several-urls")   # not worth asking the network about


def check_offline(dataset: Dataset, refs: Sequence[LinkRef] | None = None) -> list[LinkProblem]:
    """Every offline problem of every link of the data set."""
    refs = link_refs(dataset) if refs is None else refs
    domains = unit_domains(dataset.unit, refs)
    problems = [problem for ref in refs for problem in check_url(ref, domains)]
    if dataset.unit.site_url:
        problems += [p for ref in refs if (p := inside_site(ref, dataset.unit.site_url))]
    return problems


# An evidence document's address, wherever the evidence is (evidence[0].url,
# reports[1].evidence[0].url, source_document.url).
_DOCUMENT_FIELD = re.compile(r"(?:^|\.)(?:evidence\[\d+\]|source_document)\.url$")


def inside_site(ref: LinkRef, site_url: str) -> LinkProblem | None:
    """A document kept inside the folder the site is published to: uploading a new site/
    in its place would delete it (``inside-site``, a warning)."""
    site, parts = urlsplit(site_url), urlsplit(ref.url)
    if not _DOCUMENT_FIELD.search(ref.field):
        return None   # not a document (a channel's form belongs to the site)
    if (parts.hostname or "").lower() != (site.hostname or "").lower() \
            or not (parts.path or "/").startswith(site.path or "/"):
        return None
    return _problem(ref, LinkSeverity.WARNING, "inside-site",
                    tr(f"เอกสารอยู่ในโฟลเดอร์ที่เผยแพร่เว็บไซต์นี้ ({site_url}) การอัปโหลด site/ "
                       "ชุดใหม่แทนที่โฟลเดอร์นั้นจะลบเอกสารนี้ไป ให้เก็บไฟล์ไว้ใน data/documents/ "
                       "(ใช้ file:) หรือที่อื่นนอกโฟลเดอร์นั้น",
                       f"the document is inside the folder this site is published to "
                       f"({site_url}): uploading a new site/ in its place would delete it; keep "
                       "the file in data/documents/ (with file:) or elsewhere"), None)


def check_url(ref: LinkRef, domains: Domains) -> list[LinkProblem]:
    """The offline problems of one address; each carries the fully corrected address."""
    url = ref.url
    several = _several_urls(url)
    if several is not None:
        return [_problem(ref, LinkSeverity.ERROR, "several-urls",
                         tr("ช่องนี้มีที่อยู่เว็บมากกว่าหนึ่งที่อยู่ ให้แยกเป็นรายการละหนึ่งที่อยู่",
                            "this field holds more than one web address; give each its own entry"),
                         several)]
    parts, parse_error = _split(url)
    if parts is None or parse_error:
        return [_problem(ref, LinkSeverity.ERROR, "unparsable", parse_error, None)]
    host = (parts.hostname or "").rstrip(".")
    meant = near_miss(host, domains.declared)
    to_https = parts.scheme == "http" and domains.uses_https(meant or host)
    problems: list[tuple[LinkSeverity, str, str]] = []
    if meant:
        problems.append((LinkSeverity.ERROR, "host-typo",
                         tr(f"ชื่อเครื่อง '{host}' คล้ายแต่ไม่ใช่โดเมนของหน่วยงาน '{meant}' "
                            "(ที่ระบุใน unit.yml) น่าจะพิมพ์ผิด",
                            f"host '{host}' is close to but not the unit's domain '{meant}' "
                            "(declared in unit.yml): most likely a typing slip")))
    if to_https:
        problems.append((LinkSeverity.WARNING, "http",
                         tr(f"ใช้ 'http://' แต่ {meant or host} ใช้ https: เบราว์เซอร์อาจเตือน "
                            "และผู้ประเมินอาจไม่เปิดต่อ",
                            f"'http://' but {meant or host} uses https: browsers may warn, "
                            "and the assessor may not follow")))
    problems.extend(_encoding_problems(parts, meant, to_https))
    fixed = corrected(parts, meant, to_https) if problems else None
    return [_problem(ref, severity, code, message, fixed) for severity, code, message in problems]


def _problem(ref: LinkRef, severity: LinkSeverity, code: str, message: str,
             suggestion: str | None) -> LinkProblem:
    return LinkProblem(severity, "offline", code, ref.url, message, suggestion, ref)


def _split(url: str) -> tuple[SplitResult | None, str]:
    """The parts of an address, or why it does not parse (in the language in use)."""
    return _split_in(url, current())


@functools.lru_cache(maxsize=8192)
def _split_in(url: str, language: str) -> tuple[SplitResult | None, str]:
    """_split, kept per language: each address is split for the unit's https hosts and again
    for its own checks."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return None, tr(f"ที่อยู่เว็บนี้ไม่ถูกต้อง ({exc})", f"this is not a valid web address ({exc})")
    try:
        parts.port   # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return None, tr("หมายเลขพอร์ตหลัง ':' ไม่ใช่ตัวเลข 0 ถึง 65535",
                        "the port after ':' is not a number from 0 to 65535")
    return parts, _host_error(parts.hostname, language)


_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


@functools.lru_cache(maxsize=1024)
def _host_error(host: str | None, language: str) -> str:
    """Why the host cannot be a host name, or '' when it can (IDN hosts are fine). Kept
    (per language): a unit's links are on a few hosts."""
    if not host:
        return tr("ที่อยู่เว็บนี้ไม่มีชื่อเครื่อง (host)", "the address has no host name")
    if ":" in host or _IPV4.match(host):
        return ""   # an IP address literal
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return tr(f"'{host}' ไม่ใช่ชื่อเครื่อง (host) ที่ใช้ได้", f"host '{host}' is not a valid host name")
    if not all(_LABEL.match(label) for label in ascii_host.split(".")):
        return tr(f"'{host}' ไม่ใช่ชื่อเครื่อง (host) ที่ใช้ได้ (ใช้ได้เฉพาะตัวอักษร ตัวเลข '-' และ '.')",
                  f"host '{host}' is not a valid host name (only letters, digits, '-' and '.')")
    return ""


_SECOND_URL = re.compile(r"\s+\S*(?:https?://|www\.)", re.IGNORECASE)


def _several_urls(url: str) -> str | None:
    """The first address when a second one follows a space (seed 001 pastes several per cell)."""
    return url.split()[0] if _SECOND_URL.search(url) else None


# Characters a URL may carry as they are (RFC 3986 unreserved and reserved, and '%' escapes).
_SAFE = "/:@!$&'()*+,;=-._~%"
# The same as a set with the letters and digits: what quote(c, safe=_SAFE + "?#") leaves
# alone, looked up instead of quoting each character (35,000 calls at 600 pages).
_AS_IS = frozenset(string.ascii_letters + string.digits + _SAFE + "?#")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _encoding_problems(parts: SplitResult, host: str | None,
                       to_https: bool) -> list[tuple[LinkSeverity, str, str]]:
    rest = parts.path + parts.query + parts.fragment
    problems = []
    if " " in rest:
        problems.append((LinkSeverity.WARNING, "space",
                         tr("ที่อยู่เว็บมีช่องว่าง ซึ่งต้องเขียนเป็น %20",
                            "the address has a space: it must be written %20 in a web address")))
    other = sorted({c for c in rest if c != " " and c not in _AS_IS})
    if other:
        shown = "".join(other[:10])
        hint = ""
        if any("๐" <= c <= "๙" for c in other):
            arabic = corrected(parts._replace(path=parts.path.translate(_THAI_DIGITS)), host,
                               to_https)
            hint = tr("; เลขไทยในชื่อไฟล์มักเกิดจากโปรแกรมพิมพ์เอกสารแปลงให้: "
                      f"ถ้าชื่อไฟล์จริงเป็นเลขอารบิก ที่อยู่ที่ถูกคือ {arabic}",
                      "; Thai digits in a file name are often a word processor's conversion: "
                      f"if the file's real name has Arabic digits the address is {arabic}")
        problems.append((LinkSeverity.WARNING, "unencoded",
                         tr(f"ที่อยู่เว็บมีอักขระที่ต้องเข้ารหัสแบบ % ({shown}){hint}",
                            f"the address has characters that must be percent-encoded "
                            f"({shown}){hint}")))
    return problems


def corrected(parts: SplitResult, host: str | None = None, to_https: bool = False) -> str:
    """The address with the declared host, https if asked, and its path percent-encoded."""
    netloc = parts.netloc
    if host and parts.hostname:
        userinfo, _, hostport = parts.netloc.rpartition("@")
        old = parts.hostname
        start = hostport.lower().find(old)
        hostport = hostport[:start] + host + hostport[start + len(old):] if start >= 0 else host
        netloc = f"{userinfo}@{hostport}" if userinfo else hostport
    return parts._replace(
        scheme="https" if to_https else parts.scheme, netloc=netloc,
        path=quote(parts.path, safe=_SAFE), query=quote(parts.query, safe=_SAFE + "?"),
        fragment=quote(parts.fragment, safe=_SAFE + "?")).geturl()


# --- close to a declared domain ---------------------------------------------------------

def near_miss(host: str, declared: Sequence[str]) -> str | None:
    """The declared domain that ``host`` is a slip of the keyboard away from, if any.

    The same host or a subdomain of a declared domain is fine. A slip is: the same letters
    with dots added, moved or dropped (``planning.ana.mai…``, ``planning.anam.ai…``), or the
    same labels but one, which is one or two keystrokes off or cut short (``planning.ana.moph…``
    for ``planning.anamai.moph…``). Labels that differ only in their digits (``hpc1``, ``hpc2``)
    are numbered sibling sites, not slips.
    """
    host = host.lower().rstrip(".")
    if any(host == d or host.endswith("." + d) for d in declared):
        return None
    for domain in declared:
        if host.replace(".", "") == domain.replace(".", ""):
            return domain
    for domain in declared:
        if _one_label_slip(host.split("."), domain.split(".")):
            return domain
    return None


def _one_label_slip(host: list[str], domain: list[str]) -> bool:
    if len(host) != len(domain):
        return False
    differing = [(a, b) for a, b in zip(host, domain) if a != b]
    if len(differing) != 1:
        return False
    typed, meant = differing[0]
    if _strip_digits(typed) == _strip_digits(meant):
        return False
    if edit_distance(typed, meant) <= (1 if len(meant) <= 4 else 2):
        return True
    shorter, longer = sorted((typed, meant), key=len)
    return len(shorter) >= 3 and len(shorter) * 2 >= len(longer) and (
        longer.startswith(shorter) or longer.endswith(shorter))


def _strip_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def edit_distance(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of two neighbours (optimal alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]
