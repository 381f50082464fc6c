"""Messages in Thai by default and in English with --lang en / OIT_LANG=en: each translated
message tested in both languages, as the webmaster and a developer see them."""
from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator import language
from generator.cli import main
from generator.model.dataset import Unit
from generator.model.labels import label
from generator.model.source import field_shown
from generator.model.topics import TOPIC_MODELS

PLAN = "data/2569/01-budget-plan.yml"


def _validate(project: Path, capsys: pytest.CaptureFixture[str], *lang: str) -> tuple[int, str, str]:
    code = main(["validate", "--project", str(project), *lang])
    out, err = capsys.readouterr()
    language.use(None)
    return code, out, err


def _replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_thai_is_the_default_without_oit_lang(
        example_project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OIT_LANG")
    code, out, _ = _validate(example_project, capsys)
    assert code == 0 and out.startswith("ข้อมูลถูกต้อง: กองส่งเสริมสุขภาพชุมชน 2 ปีงบประมาณ")
    monkeypatch.setenv("OIT_LANG", "en")
    assert _validate(example_project, capsys)[1].startswith("Data OK: ")
    assert _validate(example_project, capsys, "--lang", "th")[1].startswith("ข้อมูลถูกต้อง")


# (change to the plan, Thai line, English line): the lines oit validate prints.
CASES = {
    "unknown-field": (
        ("\nresponsible:", "\nresponsibel:"),
        "data/2569/01-budget-plan.yml:9: responsibel: ไม่รู้จักช่อง 'responsibel'; "
        "หรือหมายถึง 'responsible' (ผู้รับผิดชอบ)? (ควรเป็น ช่องใดช่องหนึ่งต่อไปนี้: "
        "fiscal_year (ปีงบประมาณ), responsible (ผู้รับผิดชอบ), ",
        "data/2569/01-budget-plan.yml:9: responsibel: unknown field 'responsibel'; "
        "did you mean 'responsible'? (expected one of: "),
    "unknown-field-in-an-item": (
        ("\n  - plan: ", "\n  - no: 1\n    plan: "),
        "โครงการที่ 1 (projects[0].no): ไม่รู้จักช่อง 'no'",
        "projects[0].no: unknown field 'no'"),
    "colon-in-value": (
        ("\nresponsible: ", "\nresponsible: กลุ่ม: แผนงาน "),
        "มีเครื่องหมาย ': ' (ทวิภาคตามด้วยเว้นวรรค) อยู่ในค่า (ควรเป็น ใส่ค่านั้นในเครื่องหมายคำพูด",
        "not valid YAML: mapping values are not allowed"),
    "tab": (
        ("\n  - plan:", "\n\t- plan:"),
        "ย่อหน้าด้วยปุ่ม Tab (ควรเป็น ย่อหน้าด้วยการเว้นวรรค (space) เท่านั้น",
        "not valid YAML: found character that cannot start any token"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_data_problem_in_thai_and_in_english(
        case: str, example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (old, new), thai_line, english_line = CASES[case]
    _replace(example_project, PLAN, old, new)
    code, _, thai = _validate(example_project, capsys, "--lang", "th")
    assert code == 1
    assert thai.splitlines()[0].startswith("พบปัญหา 1 รายการในแฟ้มข้อมูล:"), thai
    assert thai_line in thai, thai
    code, _, english = _validate(example_project, capsys, "--lang", "en")
    assert code == 1 and english.splitlines()[0] == "1 problem(s) in the data files:"
    assert english_line in english, english
    assert "Traceback" not in thai + english


def test_an_unclosed_quote_names_the_line_it_opens_on(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (example_project / PLAN).read_text(encoding="utf-8")
    line = text[:text.index("\nresponsible:")].count("\n") + 2
    _replace(example_project, PLAN, "\nresponsible: ", "\nresponsible: 'กลุ่ม")
    _, _, thai = _validate(example_project, capsys, "--lang", "th")
    assert f"{PLAN}:{line}: เครื่องหมายคำพูดที่เปิดในบรรทัดนี้ไม่ได้ปิด" in thai, thai


def test_item_numbers_count_from_one_in_thai(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rel = "data/2570/04-procurement-plan.yml"
    text = (example_project / rel).read_text(encoding="utf-8")
    third = [i for i, line in enumerate(text.splitlines()) if "    budget: " in line][2]
    lines = text.splitlines()
    lines[third] = '    budget: "หนึ่งพันบาท"'
    (example_project / rel).write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, _, thai = _validate(example_project, capsys, "--lang", "th")
    assert f"{rel}:{third + 1}: รายการที่ 3 วงเงิน (items[2].budget): " in thai, thai
    _, _, english = _validate(example_project, capsys, "--lang", "en")
    assert f"{rel}:{third + 1}: items[2].budget: " in english, english


def test_the_build_summary_in_both_languages(tmp_path: Path) -> None:
    from generator.commands.build import BuildReport
    from generator.site.content import WriteResult

    report = BuildReport(tmp_path / "site", tmp_path / "data", pages=19,
                         written=WriteResult(written=["a"], unchanged=["b", "c"]),
                         seconds={"x": 1.0})
    language.use("th")
    assert report.as_text().startswith("สร้าง site/ จาก data/ แล้ว: 19 หน้า (เขียนใหม่ 1 คงเดิม 2); "
                                       "ลิงก์ภายในใช้ได้ทั้งหมด; 1.0 วินาที")
    language.use("en")
    assert report.as_text().startswith("Built site/ from data/: 19 pages (1 written, 2 unchanged)")
    language.use(None)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        language.use("fr")
    with pytest.raises(SystemExit):
        main(["validate", "--lang", "fr"])


# (line of the plan, new value, Thai problem, English problem): a value the field refuses.
VALUES = {
    "amount": ('total: "38,024,736.50"', 'total: "หนึ่งพันบาท"',
               "14: งบประมาณทั้งสิ้น (total): 'หนึ่งพันบาท' ไม่ใช่จำนวนเงิน (ควรเป็น จำนวนเงินเป็นบาท เช่น 1,234,567.50)",
               "14: total: 'หนึ่งพันบาท' is not an amount (expected an amount in baht such as "
               "1,234,567.50)"),
    "satang": ('total: "38,024,736.50"', 'total: "38,024,736.505"',
               "มีทศนิยมเกิน 2 ตำแหน่ง (สตางค์)", "has more than 2 decimal places"),
    "date": ("last_updated: 2568-10-20", "last_updated: 31/2/2569",
             "11: วันที่ปรับปรุงข้อมูล (last_updated): '31/2/2569' ไม่มีวันนี้ในปฏิทิน (ควรเป็น วันที่ เช่น",
             "11: last_updated: '31/2/2569' is not a real date (expected a date such as"),
    "year": ("fiscal_year: 2569", "fiscal_year: สองห้าหกเก้า",
             "8: ปีงบประมาณ (fiscal_year): 'สองห้าหกเก้า' ไม่ใช่ปี พ.ศ. (ควรเป็น ปี พ.ศ. เช่น 2567)",
             "8: fiscal_year: 'สองห้าหกเก้า' is not a year (expected a Buddhist Era year such as "
             "2567)"),
    "url": ("    url: https://chpb.example.go.th/oit/2569/01/budget-plan-2569-signed.pdf",
            "    url: ftp://chpb.example.go.th/x.pdf",
            "เอกสารที่ 1 ลิงก์เอกสาร (evidence[0].url): 'ftp://chpb.example.go.th/x.pdf' ไม่ใช่ที่อยู่เว็บ "
            "(ควรเป็น ที่อยู่เว็บเต็มรูปแบบ ขึ้นต้นด้วย https:// หรือ http://)",
            "evidence[0].url: 'ftp://chpb.example.go.th/x.pdf' is not a web address (expected a "
            "full web address starting with https:// or http://)"),
    "list-for-a-value": ("last_updated: 2568-10-20", "last_updated: [2568-10-20]",
                         "วันที่ปรับปรุงข้อมูล (last_updated): พบรายการตรงนี้ (ควรเป็น ค่าเดียว)",
                         "last_updated: found a list here (expected a single value)"),
}


@pytest.mark.parametrize("case", sorted(VALUES))
def test_a_refused_value_in_thai_and_in_english(
        case: str, example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new, thai_problem, english_problem = VALUES[case]
    _replace(example_project, PLAN, old, new)
    _, _, thai = _validate(example_project, capsys, "--lang", "th")
    assert thai_problem in thai, thai
    _, _, english = _validate(example_project, capsys, "--lang", "en")
    assert english_problem in english, english


EVIDENCE_URL = "    url: https://chpb.example.go.th/oit/2569/01/budget-plan-2569-signed.pdf"
DOCUMENTS = {
    "backslash": ("    file: documents\\\\2569\\\\plan.pdf",
                  "ใช้ \\ คั่นโฟลเดอร์ (ควรเป็น ใช้ / คั่นโฟลเดอร์ เช่น documents/2569/minutes-1.pdf)",
                  "uses \\ between folders (expected / between folders, e.g. "
                  "documents/2569/minutes-1.pdf)"),
    "missing": ("    file: documents/2569/no-such-file.pdf",
                "ไม่มีไฟล์ 'documents/2569/no-such-file.pdf' ในโฟลเดอร์ข้อมูล (ควรเป็น ไฟล์ใน "
                "data/documents/",
                "'documents/2569/no-such-file.pdf' does not exist in the data folder (expected a "
                "file in data/documents/"),
}


@pytest.mark.parametrize("case", ["backslash", "missing"])
def test_an_evidence_file_problem_in_thai_and_in_english(
        case: str, example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, thai_problem, english_problem = DOCUMENTS[case]
    _replace(example_project, PLAN, EVIDENCE_URL, line)
    _, _, thai = _validate(example_project, capsys, "--lang", "th")
    assert thai_problem in thai, thai
    _, _, english = _validate(example_project, capsys, "--lang", "en")
    assert english_problem in english, english


def test_evidence_with_both_url_and_file_in_thai_and_in_english(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = sorted((example_project / "data" / "documents").rglob("*.pdf"))[0]
    rel = first.relative_to(example_project / "data").as_posix()
    _replace(example_project, PLAN, EVIDENCE_URL, f"{EVIDENCE_URL}\n    file: {rel}")
    _, _, thai = _validate(example_project, capsys, "--lang", "th")
    assert "มีทั้ง url และ file (ควรเป็น อย่างใดอย่างหนึ่ง: url: กับที่อยู่เว็บ" in thai, thai
    _, _, english = _validate(example_project, capsys, "--lang", "en")
    assert "has both url and file (expected one of them: url: with a web address" in english


LINKS = {
    "http-warning": ("https://chpb.example.go.th/oit/2569/01/budget-plan-2569-signed.pdf",
                     "http://chpb.example.go.th/oit/2569/01/budget-plan-2569-signed.pdf",
                     "คำเตือน: data/2569/01-budget-plan.yml:24: ลิงก์เอกสารแผน "
                     "(source_document.url): หัวข้อ 01 "
                     "ปีงบประมาณ 2569 เอกสาร '", "ใช้ 'http://' แต่ chpb.example.go.th ใช้ https",
                     "warning: data/2569/01-budget-plan.yml:24: source_document.url: topic 01, "
                     "FY 2569, evidence '",
                     "'http://' but chpb.example.go.th uses https"),
    "space-warning": ("budget-plan-2569-signed.pdf", "budget plan.pdf", "คำเตือน: ",
                      "ที่อยู่เว็บมีช่องว่าง ซึ่งต้องเขียนเป็น %20", "warning: ",
                      "the address has a space: it must be written %20"),
    "host-typo": ("https://chpb.example.go.th/oit/2569/01/budget-plan-2569-signed.pdf",
                  "https://chpb.exampel.go.th/oit/2569/01/budget-plan-2569-signed.pdf",
                  "ที่อยู่เว็บในแฟ้มข้อมูล", "คล้ายแต่ไม่ใช่โดเมนของหน่วยงาน 'chpb.example.go.th'",
                  "web address(es) in the data files cannot work:",
                  "is close to but not the unit's domain 'chpb.example.go.th'"),
}


@pytest.mark.parametrize("case", sorted(LINKS))
def test_a_web_address_problem_in_thai_and_in_english(
        case: str, example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new, thai_start, thai_problem, english_start, english_problem = LINKS[case]
    _replace(example_project, PLAN, old, new)
    for lang, start, problem in (("th", thai_start, thai_problem),
                                 ("en", english_start, english_problem)):
        _, out, err = _validate(example_project, capsys, "--lang", lang)
        assert start in out + err and problem in out + err, (lang, out + err)


def test_the_links_report_in_thai_and_in_english(
        example_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(example_project, PLAN, "https://chpb.example.go.th/oit/2569/01/budget-plan-2569-signed.pdf",
             "https://chpb.exampel.go.th/oit/2569/01/budget-plan-2569-signed.pdf")
    assert main(["links", "--project", str(example_project), "--lang", "th"]) == 1
    thai = capsys.readouterr().out
    assert thai.startswith("ลิงก์ของหน้า OIT: กองส่งเสริมสุขภาพชุมชน: ที่อยู่เว็บในแฟ้มข้อมูล")
    assert "ลิงก์ภายในเว็บไซต์:  ยังไม่ได้ตรวจ: ยังไม่มี site/ ให้สั่ง `oit build` ก่อน" in thai
    assert "ผิดพลาด [host-typo] หัวข้อ 01 ปีงบประมาณ 2569 เอกสาร '" in thai
    assert "        แก้เป็น: https://chpb.example.go.th/" in thai
    assert thai.rstrip().endswith("ผลการตรวจ: ลิงก์เสีย 1 รายการ คำเตือน 0 รายการ")
    assert main(["links", "--project", str(example_project), "--lang", "en"]) == 1
    english = capsys.readouterr().out
    assert english.startswith("OIT links: กองส่งเสริมสุขภาพชุมชน: ")
    assert "ERROR   [host-typo] topic 01, FY 2569, evidence '" in english
    assert english.rstrip().endswith("Result: 1 broken link(s), 0 warning(s)")
    language.use(None)


def _fields(model: type[BaseModel], parent: str = "") -> Iterator[tuple[str, str]]:
    """(the list or block a key is in, the key) for every field of a model, nested ones too."""
    for key, field in model.model_fields.items():
        yield parent, key
        for inner in _models_in(field.annotation):
            yield from _fields(inner, key)


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def test_every_field_has_a_thai_name() -> None:
    """A message points at a field by its Thai name as well as its key: a new field without
    a name would be shown by its key alone."""
    unnamed = sorted({f"{parent}.{key}" for model in (Unit, *TOPIC_MODELS.values())
                      for parent, key in _fields(model) if not label(parent, key)})
    assert not unnamed, unnamed


def test_a_key_that_depends_on_its_list_is_named_by_its_list() -> None:
    assert label("items", "budget") == "วงเงิน"
    assert label("projects", "budget") == "งบประมาณตามงบรายจ่าย"
    language.use("th")
    try:
        assert field_shown(("activities", 1, "evidence", 0, "title")) == \
            "กิจกรรมที่ 2 เอกสารที่ 1 ชื่อเอกสาร (activities[1].evidence[0].title)"
        assert field_shown(("planned_spending", "ต.ค. 69")) == \
            "แผนการใช้จ่าย (planned_spending.ต.ค. 69)"
        assert field_shown(("items", 4)) == "รายการที่ 5 (items[4])"
        assert field_shown(("items", 0, "nme")) == "รายการที่ 1 (items[0].nme)"
    finally:
        language.use(None)
    assert field_shown(("items", 0, "method")) == "items[0].method"


def test_a_fault_of_the_machine_in_both_languages(lang: str) -> None:
    import errno

    from generator.errors import environment_error

    error = environment_error(OSError(errno.ENOSPC, "No space left on device", "site/a.html"))
    said = {"th": ["ทำงานต่อไม่ได้เพราะปัญหาของเครื่อง ไม่ใช่ของข้อมูล (site/ ที่เผยแพร่อยู่ยังเป็นชุดเดิม"
                   "ครบทุกไฟล์):",
                   "site/a.html: ดิสก์เต็ม เขียนไฟล์ต่อไม่ได้ (No space left on device) (ควรเป็น "
                   "พื้นที่ว่างบนดิสก์: ลบไฟล์ที่ไม่ใช้แล้วสั่ง oit build อีกครั้ง)"],
            "en": ["cannot go on because of the machine, not the data (the published site/ is "
                   "still the previous one, complete):",
                   "site/a.html: the disk is full (No space left on device) (expected free space "
                   "on the disk: delete unused files and run oit build again)"]}
    assert error.render().splitlines() == said[lang]
    other = environment_error(OSError(errno.EIO, "Input/output error", "x")).render()
    assert other.splitlines()[1] == {
        "th": "x: ระบบไฟล์ทำงานนี้ไม่ได้ (Input/output error) (ควรเป็น ตรวจสอบไฟล์หรือโฟลเดอร์นี้ "
              "แล้วสั่งอีกครั้ง)",
        "en": "x: the file system cannot do this (Input/output error) (expected check this file "
              "or folder, then run again)"}[lang]


def test_linkchecker_that_does_not_start_in_both_languages(lang: str) -> None:
    from generator.links.linkchecker import linkchecker_missing

    lines = linkchecker_missing("Traceback…\nImportError: no module linkcheck\n").render()
    assert lines.splitlines() == {
        "th": ["ตรวจลิงก์ไม่ได้เพราะปัญหาของเครื่อง ไม่ใช่ของข้อมูล (site/ ที่เผยแพร่อยู่ยังเป็นชุดเดิม):",
               "linkchecker: เรียกใช้ LinkChecker ไม่ได้ จึงตรวจลิงก์ไม่ได้ (ImportError: no module "
               "linkcheck) (ควรเป็น LinkChecker 10 ในสภาพแวดล้อมเดียวกับ oit (./setup.sh "
               "--install-only ติดตั้งให้ หรือ pip install 'LinkChecker>=10.5,<11'))"],
        "en": ["the links cannot be checked because of the machine, not the data (the published "
               "site/ is still the previous one):",
               "linkchecker: LinkChecker cannot be run, so the links are not checked (ImportError: "
               "no module linkcheck) (expected LinkChecker 10 in the same environment as oit "
               "(./setup.sh --install-only installs it, or pip install 'LinkChecker>=10.5,<11'))"],
    }[lang]


def test_an_external_result_in_both_languages(lang: str) -> None:
    import datetime

    from generator.links.status import ExternalResult, LinkStatus

    now = datetime.datetime(2026, 11, 23, tzinfo=datetime.timezone.utc)
    gone = ExternalResult("https://a.example/x.pdf", LinkStatus.HTTP_ERROR, now, 404, "404 Not Found")
    moved = ExternalResult("https://a.example/x.pdf", LinkStatus.REDIRECT, now, 301,
                           new_url="https://a.example/y.pdf")
    slow = ExternalResult("https://a.example/x.pdf", LinkStatus.TIMEOUT, now)
    assert [gone.describe(), moved.describe(), slow.describe()] == {
        "th": ["ไม่พบเอกสาร (HTTP 404 Not Found)",
               "ย้ายไปที่อยู่ใหม่ถาวร (301) ไปที่ https://a.example/y.pdf",
               "เซิร์ฟเวอร์ไม่ตอบภายในเวลาที่กำหนด"],
        "en": ["HTTP error 404 Not Found", "permanent redirect (301) to https://a.example/y.pdf",
               "timeout"]}[lang]
    assert gone.reason_th() == "ไม่พบเอกสาร (HTTP 404) (ตรวจเมื่อ 23 พ.ย. 69)"   # the site's, always Thai


def test_new_year_without_an_earlier_year_in_both_languages(
        example_project: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code = main(["new-year", "2569", "--project", str(example_project), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2
    assert {"th": "ไม่มีข้อมูลปีงบประมาณก่อน 2569 ให้ยกมา (มี: 2569, 2570)",
            "en": "there is no fiscal year before 2569 to carry over (there is: 2569, 2570)"}[lang] in err


def test_init_without_a_name_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code = main(["init", str(tmp_path / "u"), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2
    assert {"th": 'ต้องระบุชื่อหน่วยงาน: --name-th "ชื่อหน่วยงานภาษาไทย"',
            "en": 'the unit\'s name is needed: --name-th "its Thai name"'}[lang] in err
