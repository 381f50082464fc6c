"""The offline link checks: every web address in the data, traced to its line, and its mistakes."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.load import load_dataset
from generator.links.offline import (Domains, check_offline, check_url, edit_distance, near_miss,
                                     unit_domains)
from generator.links.refs import LinkRef, LinkSeverity, link_refs, topic_link_refs
from generator.model.source import SourceFile
from generator.model.base import Evidence
from generator.model.dataset import Unit
from generator.model.topics import Participation
from generator.topics import Topic

REPO = Path(__file__).resolve().parent.parent
PLANNING = "planning.anamai.moph.go.th"
SEED = Domains((PLANNING, "finance.anamai.moph.go.th"),
               frozenset({PLANNING, "finance.anamai.moph.go.th"}))
UPLOAD = "/web-upload/20xa4d80079fdd38ace9fb48a050e5b52e4/filecenter/PA/2567/2-1/R1/"


def _problems(url: str, domains: Domains = SEED) -> list[tuple[str, str, str | None]]:
    ref = LinkRef(url, "data/2567/06-participation.yml", 12, "evidence[0].url", "evidence 'x'",
                  Topic.PARTICIPATION, 2567)
    return [(p.severity.value, p.code, p.suggestion) for p in check_url(ref, domains)]


# --- the seed's misspelt hosts ---------------------------------------------------------------

@pytest.mark.parametrize("typed", ["planning.ana.mai.moph.go.th", "planning.anam.ai.moph.go.th",
                                   "planning.ana.moph.go.th"])
def test_the_seeds_misspelt_hosts_are_errors_with_the_declared_domain(typed: str) -> None:
    url = f"https://{typed}{UPLOAD}R1_2.1_1.1_ITA.pdf"
    assert _problems(url) == [("error", "host-typo", f"https://{PLANNING}{UPLOAD}R1_2.1_1.1_ITA.pdf")]


def test_host_typo_message_names_both_hosts() -> None:
    ref = LinkRef("https://planning.ana.mai.moph.go.th/a.pdf", "f.yml", 3, "url", "evidence 'x'")
    (problem,) = check_url(ref, SEED)
    assert problem.message == ("host 'planning.ana.mai.moph.go.th' is close to but not the "
                               "unit's domain 'planning.anamai.moph.go.th' (declared in unit.yml): "
                               "most likely a typing slip")


@pytest.mark.parametrize("host", [
    PLANNING,                              # the declared domain itself
    "www.planning.anamai.moph.go.th",      # a subdomain of it
    "doc.anamai.moph.go.th",               # a sibling site of the department (seed 001)
    "line.me", "process3.gprocurement.go.th",
])
def test_hosts_that_are_not_slips_pass(host: str) -> None:
    assert _problems(f"https://{host}/x") == []


def test_numbered_sibling_sites_are_not_slips() -> None:
    assert near_miss("hpc2.anamai.moph.go.th", ["hpc1.anamai.moph.go.th"]) is None


@pytest.mark.parametrize(("host", "declared"), [
    ("chbp.example.go.th", "chpb.example.go.th"),      # two letters swapped
    ("chpb.exmple.go.th", "chpb.example.go.th"),       # a letter dropped
    ("chpb.example.go.th.", "chpbexample.go.th"),      # a dot added
])
def test_other_slips(host: str, declared: str) -> None:
    assert near_miss(host, [declared]) == declared


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert edit_distance("chpb", "chbp") == 1
    assert edit_distance("ana", "anamai") == 3
    assert edit_distance("", "abc") == 3


# --- https, spaces, Thai characters ---------------------------------------------------------

def test_the_seeds_thai_digit_file_name_gets_the_percent_encoded_form_and_https() -> None:
    url = "http://finance.anamai.moph.go.th/download/article/article_๒๐๒๑๕๐๗๑๓๓๑๔๖.pdf"
    fixed = ("https://finance.anamai.moph.go.th/download/article/article_"
             "%E0%B9%92%E0%B9%90%E0%B9%92%E0%B9%91%E0%B9%95%E0%B9%90%E0%B9%97%E0%B9%91"
             "%E0%B9%93%E0%B9%93%E0%B9%91%E0%B9%94%E0%B9%96.pdf")
    assert _problems(url) == [("warning", "http", fixed), ("warning", "unencoded", fixed)]
    ref = LinkRef(url, "f.yml", 1, "url", "x")
    unencoded = check_url(ref, SEED)[1]
    assert ("if the file's real name has Arabic digits the address is "
            "https://finance.anamai.moph.go.th/download/article/article_2021507133146.pdf"
            in unencoded.message)


def test_space_in_a_file_name() -> None:
    url = f"https://{PLANNING}/web-upload/PA/2567/meeting/Meeting Planning 2-67.pdf"
    assert _problems(url) == [
        ("warning", "space", f"https://{PLANNING}/web-upload/PA/2567/meeting/Meeting%20Planning%202-67.pdf")]


def test_existing_escapes_are_kept() -> None:
    assert _problems(f"https://{PLANNING}/a/Meeting%20Planning%205-67.pdf?x=1&y=%E0%B8%81") == []


def test_http_is_fine_where_no_https_is_known() -> None:
    assert _problems("http://line.me/R/ti/p/@x") == []


def test_http_is_a_warning_where_the_same_host_is_met_with_https() -> None:
    domains = Domains((), frozenset({"egp.example.go.th"}))
    assert _problems("http://egp.example.go.th/a", domains) == [
        ("warning", "http", "https://egp.example.go.th/a")]


# --- addresses that cannot work -----------------------------------------------------------

def test_two_addresses_pasted_into_one_field() -> None:
    url = f"https://{PLANNING}/a.pdf ครั้งที่ 2 https://{PLANNING}/b.pdf"
    assert _problems(url) == [("error", "several-urls", f"https://{PLANNING}/a.pdf")]


@pytest.mark.parametrize(("url", "message"), [
    ("https://exa mple.go.th/x", "host 'exa mple.go.th' is not a valid host name"),
    ("https://example.go.th:80a/x", "the port after ':' is not a number from 0 to 65535"),
    ("https://[::1/x", "this is not a valid web address"),
])
def test_addresses_that_do_not_parse(url: str, message: str) -> None:
    (problem,) = check_url(LinkRef(url, "f.yml", 1, "url", "x"), SEED)
    assert (problem.severity, problem.code) == (LinkSeverity.ERROR, "unparsable")
    assert problem.message.startswith(message)
    assert problem.suggestion is None


def test_declared_domains_may_be_written_as_addresses() -> None:
    unit = Unit(name_th="หน่วยงาน", current_fiscal_year=2569,
                domains=["https://Planning.Anamai.moph.go.th/", "doc.anamai.moph.go.th/th"])
    domains = unit_domains(unit, [])
    assert domains.declared == (PLANNING, "doc.anamai.moph.go.th")
    assert _problems("https://planning.ana.moph.go.th/a", domains)[0][1] == "host-typo"


# --- where the links are --------------------------------------------------------------------

def test_every_address_of_the_example_is_found_with_its_line() -> None:
    dataset = load_dataset(REPO / "data", REPO)
    refs = link_refs(dataset)
    assert refs[0].file == "data/unit.yml" and refs[0].field == "website"
    assert refs[0].line == 13 and refs[0].topic is None
    egp = next(r for r in refs if r.field == "egp_url" and r.year == 2569)
    assert (egp.file, egp.line, egp.topic) == ("data/2569/04-procurement-plan.yml", 19,
                                             Topic.PROCUREMENT_PLAN)
    hearing = next(r for r in refs if r.field == "activities[1].evidence[0].url" and r.year == 2569)
    assert hearing.line == 78 and hearing.item.startswith("evidence 'สรุปผลการรับฟังความคิดเห็น")
    # Meeting 2/2569 keeps its evidence as files beside the data: no web address to check.
    assert not [r for r in refs if r.field.startswith("activities[0].") and r.year == 2569
                and r.topic is Topic.PARTICIPATION]
    channel = next(r for r in refs if r.url == "https://line.me/R/ti/p/@chpb-example")
    assert (channel.line, channel.field) == (61, "channels[4].url")
    assert channel.item.startswith("channel '")
    assert check_offline(dataset, refs) == []


def test_evidence_without_a_url_is_skipped() -> None:
    # A document kept beside the data (no URL) is checked by another stage, not here.
    local = Evidence.model_construct(title="ภาพถ่ายการประชุม", url=None, date=None)
    linked = Evidence.model_construct(title="รายงาน", url="https://a.example.go.th/r.pdf", date=None)
    data = Participation.model_construct(evidence=[local, linked], activities=[])
    refs = topic_link_refs(data, SourceFile("data/2569/06-participation.yml", {("evidence", 1): 9}))
    assert [(r.url, r.field, r.line) for r in refs] == [
        ("https://a.example.go.th/r.pdf", "evidence[1].url", 9)]


def test_the_characters_left_as_they_are_are_exactly_those_quote_leaves() -> None:
    from urllib.parse import quote

    from generator.links.offline import _AS_IS, _SAFE
    for code in [*range(0x00, 0x250), *range(0x0E00, 0x0E80), 0x3000, 0xFF0F, 0x1F600]:
        char = chr(code)
        assert (char in _AS_IS) == (quote(char, safe=_SAFE + "?#") == char), repr(char)
