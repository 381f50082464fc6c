"""The YAML loader: what no field may hold is refused with its line, never a traceback."""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import language
from generator.errors import UserError
from generator.model.source import load_yaml

FORBIDDEN = ("(ควรเป็น ข้อความที่ไม่มีอักขระนี้: ลบอักขระนั้นออกแล้วพิมพ์ใหม่ "
             "(มักติดมากับข้อความที่คัดลอกจากโปรแกรมอื่น); ถ้าพบทุกบรรทัด แฟ้มอาจถูกบันทึกเป็น UTF-16 "
             "ให้บันทึกใหม่เป็น UTF-8)")
ALIAS = ("(ควรเป็น ค่าที่เขียนออกมาตรง ๆ ทุกแห่ง: นามแฝง (alias) คือ *ชื่อ ที่ใช้ข้อมูลซ้ำจากที่ตั้งชื่อไว้ด้วย "
         "&ชื่อ ให้ลบ *ชื่อ และ &ชื่อ แล้วเขียนค่าลงไปแทน)")
BIDI = "(ควรเป็น ข้อความที่ไม่มีอักขระนี้: ลบอักขระนั้นออกแล้วพิมพ์ใหม่ (มักติดมากับข้อความที่คัดลอกจากโปรแกรมอื่น))"
DEPTH = "(ควรเป็น ข้อมูลซ้อนกันไม่เกิน 50 ชั้น ตามรูปแบบใน data/README.md)"



@pytest.fixture(autouse=True)
def thai() -> Iterator[None]:
    """This module reads the loader's messages in Thai, as the webmaster does; the English
    of each is tested once, at the end."""
    language.use("th")
    yield
    language.use(None)


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_yaml(path, tmp_path)
    return [str(p) for p in caught.value.problems]


def _values(tmp_path: Path, text: str) -> object:
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, tmp_path).data


def test_a_nul_byte_in_the_file_is_named_with_its_line(tmp_path: Path) -> None:
    assert _problems(tmp_path, "title: a\nname: กอง\x00ทดสอบ\nnote: b\x00\n") == [
        f"data.yml:2: มีอักขระควบคุม U+0000 (NUL) ซึ่งมองไม่เห็นและไม่ใช่ข้อความ "
        f"(และอีก 1 ตัวในแฟ้มนี้) {FORBIDDEN}"]


@pytest.mark.parametrize("char, name", [("\x1b", "U+001B (ESCAPE)"), ("\x7f", "U+007F (DELETE)"),
                                        ("\x9b", "U+009B"), ("\x0c", "U+000C (FORM FEED)")])
def test_other_control_bytes_in_the_file_are_named(tmp_path: Path, char: str, name: str) -> None:
    assert _problems(tmp_path, f"# comment\ntitle: a{char}b\n") == [
        f"data.yml:2: มีอักขระควบคุม {name} ซึ่งมองไม่เห็นและไม่ใช่ข้อความ {FORBIDDEN}"]


@pytest.mark.parametrize("escape, name", [("\\u0000", "U+0000 (NUL)"), ("\\e", "U+001B (ESCAPE)"),
                                          ("\\x1b[31m", "U+001B (ESCAPE)"), ("\\r", "U+000D (CARRIAGE RETURN)"),
                                          ("\\N", "U+0085 (NEXT LINE)"), ("\\x7f", "U+007F (DELETE)")])
def test_a_control_character_written_as_an_escape_is_refused_in_its_field(
        tmp_path: Path, escape: str, name: str) -> None:
    text = f'items:\n  - name: ok\n    url: "https://a.example/{escape}x"\n'
    assert _problems(tmp_path, text) == [
        f"data.yml:3: items[0].url: มีอักขระควบคุม {name} ซึ่งมองไม่เห็นและไม่ใช่ข้อความ {FORBIDDEN}"]


def test_an_escaped_control_character_in_a_key_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, 'budget:\n  "งบลงทุน\\0": "1.00"\n') == [
        f"data.yml:2: budget: มีอักขระควบคุม U+0000 (NUL) ซึ่งมองไม่เห็นและไม่ใช่ข้อความ {FORBIDDEN}"]


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                  "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidirectional_overrides_and_isolates_are_refused(tmp_path: Path, char: str) -> None:
    import unicodedata
    name = f"U+{ord(char):04X} ({unicodedata.name(char)})"
    assert _problems(tmp_path, f"# {char} in a comment is not published\nname_th: กอง{char}ทดสอบ\n") == [
        f"data.yml:2: name_th: มีอักขระกำหนดทิศทางข้อความ {name} ซึ่งทำให้ข้อความแสดงไม่ตรงกับที่พิมพ์ {BIDI}"]


def test_a_bidirectional_override_written_as_an_escape_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, 'evidence:\n  - title: "fdp\\u202Eexe.pdf"\n') == [
        "data.yml:2: evidence[0].title: มีอักขระกำหนดทิศทางข้อความ U+202E (RIGHT-TO-LEFT OVERRIDE) "
        f"ซึ่งทำให้ข้อความแสดงไม่ตรงกับที่พิมพ์ {BIDI}"]


def test_tabs_newlines_and_windows_line_ends_stay_allowed(tmp_path: Path) -> None:
    path = tmp_path / "data.yml"
    path.write_bytes('a: "x\\ty"\r\nb: |\r\n  one\r\n  two\r\n'.encode())
    assert load_yaml(path, tmp_path).data == {"a": "x\ty", "b": "one\ntwo\n"}


def test_zero_width_characters_are_removed_from_values_and_keys(tmp_path: Path) -> None:
    text = ("name_th: กอง\u200bส่งเสริม\u200cสุขภาพ\u200d\u2060\n"
            "budget:\n  งบ\ufeffลงทุน: \"1,000\u200b.00\"\n"
            "url: \"https://a.example/\\u200bplan.pdf\"\n"
            "plain: \"\\u200b\"\n")
    assert _values(tmp_path, text) == {"name_th": "กองส่งเสริมสุขภาพ", "budget": {"งบลงทุน": "1,000.00"},
                                       "url": "https://a.example/plan.pdf", "plain": ""}


def test_a_leading_byte_order_mark_is_not_part_of_the_first_key(tmp_path: Path) -> None:
    path = tmp_path / "data.yml"
    path.write_bytes("\ufeffname_th: กอง\n".encode())
    assert load_yaml(path, tmp_path).data == {"name_th": "กอง"}


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, "title: x\nitems: &r [*r]\n") == [
        f"data.yml:2: items[0]: นามแฝง (alias) อ้างถึงกลุ่มข้อมูลที่ตัวมันเองอยู่ข้างใน จึงไม่มีที่สิ้นสุด {ALIAS}"]


def test_a_recursive_alias_in_a_block_mapping_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: &r\n  b:\n    c: *r\n") == [
        f"data.yml:3: a.b.c: นามแฝง (alias) อ้างถึงกลุ่มข้อมูลที่ตัวมันเองอยู่ข้างใน จึงไม่มีที่สิ้นสุด {ALIAS}"]


def _alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = [f"l0: &l0 [{', '.join(['ข้อความยาว'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_within_a_second(tmp_path: Path) -> None:
    text = _alias_bomb(levels=9, width=30)
    assert 1400 < len(text.encode()) < 3000   # the 1.5 KB file that grew to 4 GB
    started = time.perf_counter()
    problems = _problems(tmp_path, text)
    assert time.perf_counter() - started < 1
    assert problems == [
        f"data.yml:2: l2[0][29]: นามแฝง (alias) ในไฟล์นี้ขยายเป็นข้อมูลมากเกินกว่าที่ไฟล์ขนาดนี้จะมีได้ "
        f"(เกิน {len(text) + 100:,} ค่า) {ALIAS}"]


def test_aliases_used_as_people_use_them_still_load(tmp_path: Path) -> None:
    evidence = "title: แผนการใช้จ่ายงบประมาณ ฉบับลงนาม\n  url: https://a.example/plan.pdf"
    text = f"common: &ev\n  {evidence}\nreports:\n" + "".join(
        f"  - title: รายงานเดือนที่ {i}\n    evidence: [*ev]\n" for i in range(12))
    data = _values(tmp_path, text)
    assert isinstance(data, dict)
    assert [r["evidence"][0]["url"] for r in data["reports"]] == ["https://a.example/plan.pdf"] * 12


def test_999_nested_brackets_are_refused_without_recursing(tmp_path: Path) -> None:
    assert _problems(tmp_path, "title: x\nitems: " + "[" * 999 + "]" * 999 + "\n") == [
        f"data.yml:2: items[0][0][0]…: ข้อมูลซ้อนกันลึกเกิน 50 ชั้น {DEPTH}"]


def test_nesting_past_libyamls_own_limit_gets_the_same_message(tmp_path: Path) -> None:
    assert _problems(tmp_path, "items:\n" + "- " * 1200 + "x\n") == [
        f"data.yml:2: ข้อมูลซ้อนกันลึกเกิน 50 ชั้น {DEPTH}"]


def test_fifty_levels_of_nesting_still_load(tmp_path: Path) -> None:
    data = _values(tmp_path, "a: " + "[" * 49 + "x" + "]" * 49 + "\n")
    for _ in range(50):
        assert isinstance(data, (dict, list))
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data == "x"


def test_a_key_that_is_a_list_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, "title: x\n? [a, b]\n: c\n") == [
        "data.yml:2: ชื่อช่องข้อมูล (key) ต้องเป็นข้อความ ไม่ใช่รายการหรือกลุ่มข้อมูล "
        "(ควรเป็น ชื่อช่องข้อมูลตามด้วย : เช่น 'title: …')"]


def test_a_file_that_is_not_utf8_keeps_its_message(tmp_path: Path) -> None:
    path = tmp_path / "data.yml"
    path.write_bytes("# comment\nname_th: กอง\n".encode("cp874"))
    with pytest.raises(UserError) as caught:
        load_yaml(path, tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "data.yml:2: แฟ้มนี้ไม่ใช่ข้อความ UTF-8 (invalid start byte) (ควรเป็น บันทึกแฟ้มใหม่เป็น UTF-8 "
        "(ในโปรแกรมแก้ไขข้อความ เลือก Save As แล้วเลือก Encoding: UTF-8))"]
    language.use("en")
    with pytest.raises(UserError) as caught:
        load_yaml(path, tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "data.yml:2: the file is not UTF-8 text (invalid start byte) (expected save the file as UTF-8)"]


@pytest.mark.parametrize("text", ['a: "x\n', "a: [1,\n", "a: {b: 1,\n", "a:\n  - x\n b: 1\n"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_syntax_error_at_the_end_of_the_file_is_a_problem_with_a_line(
        tmp_path: Path, text: str, lang: str) -> None:
    """libyaml may point one line past the last one (the end of the file)."""
    from generator import language

    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    language.use(lang)
    try:
        with pytest.raises(UserError) as caught:
            load_yaml(path)
    finally:
        language.use(None)
    assert caught.value.problems[0].line is not None


ENGLISH = {
    "control": ("name: a\x1bb\n", "data.yml:1: has a control character U+001B (ESCAPE), which is "
                "invisible and not text (expected the text without this character: delete it and "
                "type the text again (it usually comes with text copied from another program); if "
                "every line has one, the file may be saved as UTF-16: save it again as UTF-8)"),
    "bidi": ("name: a\u202eb\n", "data.yml:1: name: has a text-direction character U+202E "
             "(RIGHT-TO-LEFT OVERRIDE), which makes the text show other than as typed (expected the "
             "text without this character: delete it and type the text again (it usually comes "
             "with text copied from another program))"),
    "alias-loop": ("a: &x\n  b: *x\n", "data.yml:2: a.b: an alias refers to the block it is "
                   "inside, so it never ends (expected each value written out where it is used: an "
                   "alias (*name) repeats data named with &name; delete *name and &name and write "
                   "the values instead)"),
    "depth": ("a: " + "[" * 60 + "]" * 60 + "\n", "data.yml:1: a[0][0][0]…: nested deeper than 50 "
              "levels (expected at most 50 levels of nesting, as data/README.md shows)"),
    "key-not-text": ("? [a, b]\n: c\n", "data.yml:1: a key must be text, not a list or a block "
                     "(expected a field name followed by :, e.g. 'title: …')"),
}


@pytest.mark.parametrize("case", sorted(ENGLISH))
def test_the_loaders_messages_in_english(case: str, tmp_path: Path) -> None:
    text, said = ENGLISH[case]
    language.use("en")
    assert _problems(tmp_path, text) == [said]
