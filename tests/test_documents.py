"""Evidence files kept beside the data: what is accepted, and each refusal's exact message.

The messages that a data file alone can show are fixtures in fixtures/invalid/
(evidence_file_*.yml); these tests need a file system set up in a particular way.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.model.load import load_dataset
from generator.model.documents import DocumentFolder, document_type
from generator.errors import UserError
from generator.model.base import Evidence
from generator.model.dataset import evidence_items, local_documents
from generator.model.topics import Participation
from generator.topics import Topic

FIXTURES = Path(__file__).parent / "fixtures"
TARGET = "data/2569/06-participation.yml"
EXPECTED = ("(expected a file in data/documents/, written from the data folder, "
            "e.g. documents/2569/minutes-1.pdf)")


def _data(tmp_path: Path, participation: str, documents: bool = True) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    if documents:
        shutil.copytree(FIXTURES / "documents", data / "documents")
    (data / "2569" / "06-participation.yml").write_text(participation, encoding="utf-8")
    return data


def _evidence_file(path: str) -> str:
    return f"evidence:\n  - title: รายงานการประชุม\n    file: {path}\n"


def _problems(data: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        load_dataset(data, data.parent)
    return [str(p) for p in caught.value.problems]


def _participation(data: Path) -> Participation:
    topic = load_dataset(data, data.parent).years[2569].get(Topic.PARTICIPATION)
    assert isinstance(topic, Participation)
    return topic


def test_a_local_document_is_loaded_with_its_size_and_type(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/minutes-1.pdf")
                 + "  - title: แผน\n    url: https://test.example.go.th/plan.pdf\n")
    local, link = _participation(data).evidence
    assert local.is_local and not link.is_local
    assert local.url is None and local.file is not None
    assert local.file.path == local.file.site_path == "documents/2569/minutes-1.pdf"
    assert local.file.size == (FIXTURES / "documents/2569/minutes-1.pdf").stat().st_size
    assert local.file.type.label == "PDF" and local.file.type.opens_in_browser
    assert local.file.source == (data / "documents/2569/minutes-1.pdf").resolve()
    assert link.url == "https://test.example.go.th/plan.pdf" and link.file is None


def test_thai_file_names_and_upper_case_types_are_accepted(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/รายงาน-1.pdf")
                 + "  - title: ภาพ\n    file: ./documents//2569/Photo-1.PNG\n")
    thai, photo = _participation(data).evidence
    assert thai.file is not None and thai.file.path == "documents/2569/รายงาน-1.pdf"
    assert photo.file is not None and photo.file.path == "documents/2569/Photo-1.PNG"
    assert photo.file.type.label == "PNG"


def test_evidence_items_and_local_documents_find_every_file_once(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/minutes-1.pdf")
                 + "activities:\n  - title: ประชุม\n    kind: meeting\n    evidence:\n"
                 + "      - title: รายงาน\n        file: documents/2569/minutes-1.pdf\n"
                 + "      - title: ภาพ\n        file: documents/2569/Photo-1.PNG\n")
    dataset = load_dataset(data, tmp_path)
    topic = dataset.years[2569].get(Topic.PARTICIPATION)
    locs = [loc for loc, e in evidence_items(topic) if isinstance(e, Evidence) and e.is_local]
    assert locs == [("evidence", 0), ("activities", 0, "evidence", 0),
                    ("activities", 0, "evidence", 1)]
    assert [d.path for d in local_documents(dataset)] == [
        "documents/2569/Photo-1.PNG", "documents/2569/minutes-1.pdf"]


def test_every_document_problem_of_a_run_is_reported_at_once(tmp_path: Path) -> None:
    data = _data(tmp_path, "evidence:\n"
                 "  - title: ก\n    file: documents/2569/minute-1.pdf\n"
                 "  - title: ข\n    file: documents/2569/photo.heic\n"
                 "  - title: ค\n    file: documents/2569/empty.pdf\n"
                 "  - title: ง\n")
    problems = _problems(data)
    assert [p.split(": ", 2)[:2] for p in problems] == [
        [f"{TARGET}:3", "evidence[0].file"], [f"{TARGET}:5", "evidence[1].file"],
        [f"{TARGET}:7", "evidence[2].file"], [f"{TARGET}:8", "evidence[3]"]]


def test_without_a_documents_folder_the_message_says_so(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/minutes-1.pdf"), documents=False)
    assert _problems(data) == [
        f"{TARGET}:3: evidence[0].file: 'documents/2569/minutes-1.pdf' does not exist in the "
        f"data folder; there is no folder data/documents/ {EXPECTED}"]


def test_sara_am_typed_as_two_characters_gets_a_suggestion(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/คํา-1.pdf"))   # ํ + า, not ำ
    (data / "documents/2569/คำ-1.pdf").write_bytes(b"%PDF-1.4\n")
    assert "did you mean 'documents/2569/คำ-1.pdf'?" in _problems(data)[0]


def test_a_symbolic_link_leaving_the_documents_folder_is_refused(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/secret.pdf"))
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4\n")
    (data / "documents/2569/secret.pdf").symlink_to(tmp_path / "secret.pdf")
    assert _problems(data) == [
        f"{TARGET}:3: evidence[0].file: 'documents/2569/secret.pdf' is a link to a file "
        "outside data/documents/ (expected the file itself copied into data/documents/)"]


def test_a_symbolic_link_to_a_missing_file_is_refused(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/gone.pdf"))
    (data / "documents/2569/gone.pdf").symlink_to(data / "documents/2569/nowhere.pdf")
    assert _problems(data) == [
        f"{TARGET}:3: evidence[0].file: 'documents/2569/gone.pdf' is a link to a file that "
        "does not exist (expected the file itself copied into data/documents/)"]


def test_symbolic_links_inside_the_documents_folder_are_followed(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/latest.pdf"))
    (data / "documents/2569/latest.pdf").symlink_to("minutes-1.pdf")
    doc = _participation(data).evidence[0].file
    assert doc is not None and doc.path == "documents/2569/latest.pdf"
    assert doc.source == (data / "documents/2569/minutes-1.pdf").resolve()


def _linked_out(folder: str, target: Path, lang: str) -> str:
    return {"th": f"{TARGET}:3: เอกสารที่ 1 ไฟล์เอกสาร (evidence[0].file): โฟลเดอร์ '{folder}' "
                  f"เป็นลิงก์สัญลักษณ์ (symbolic link) ไปยัง '{target}' นอก data/ "
                  "จึงไม่เผยแพร่ไฟล์ในนั้น (ควรเป็น โฟลเดอร์จริงใน data/documents/ "
                  "ที่มีไฟล์เอกสารคัดลอกมาไว้เอง)",
            "en": f"{TARGET}:3: evidence[0].file: folder '{folder}' is a symbolic link to "
                  f"'{target}' outside data/, so its files are not published (expected a real "
                  "folder in data/documents/ with the documents copied into it)"}[lang]


def test_a_documents_folder_linked_in_from_outside_data_is_refused(
        tmp_path: Path, lang: str) -> None:
    shared = tmp_path / "shared-drive"
    shutil.copytree(FIXTURES / "documents", shared)
    data = _data(tmp_path, _evidence_file("documents/2569/minutes-1.pdf"), documents=False)
    (data / "documents").symlink_to(shared)
    assert _problems(data) == [_linked_out("documents", shared, lang)]


def test_a_year_folder_linked_in_from_outside_data_is_refused(tmp_path: Path, lang: str) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/minutes-1.pdf"))
    outside = tmp_path / "elsewhere"
    (data / "documents" / "2569").rename(outside)
    (data / "documents" / "2569").symlink_to(outside)
    assert _problems(data) == [_linked_out("documents/2569", outside, lang)]


def test_a_folder_linked_within_the_documents_folder_is_followed(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/latest/minutes-1.pdf"))
    (data / "documents" / "latest").symlink_to("2569")
    doc = _participation(data).evidence[0].file
    assert doc is not None and doc.source == (data / "documents/2569/minutes-1.pdf").resolve()


def test_a_folder_is_not_a_document(tmp_path: Path) -> None:
    data = _data(tmp_path, _evidence_file("documents/2569/scans.pdf"))
    (data / "documents/2569/scans.pdf").mkdir()
    assert _problems(data) == [
        f"{TARGET}:3: evidence[0].file: 'documents/2569/scans.pdf' is a folder, not a file "
        f"{EXPECTED}"]


def test_a_name_differing_only_in_case_is_not_found_even_on_a_case_blind_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows and macOS disks would open photo-1.png; the web server would not.
    folder = DocumentFolder(FIXTURES)
    for check in ("exists", "is_file"):
        monkeypatch.setattr(Path, check, lambda self: True)
    with pytest.raises(ValueError, match="did you mean 'documents/2569/Photo-1.PNG'"):
        folder.inspect("documents/2569/photo-1.png")


@pytest.mark.parametrize(("name", "label", "shown"), [
    ("a.pdf", "PDF", True), ("a.JPEG", "JPG", True), ("a.webp", "WebP", True),
    ("a.txt", "TXT", True), ("a.csv", "CSV", False), ("a.xlsx", "XLSX", False),
    ("a.docx", "DOCX", False), ("a.ods", "ODS", False)])
def test_document_types(name: str, label: str, shown: bool) -> None:
    doc_type = document_type(name)
    assert doc_type is not None and (doc_type.label, doc_type.opens_in_browser) == (label, shown)


@pytest.mark.parametrize("name", ["a.heic", "a.tif", "a.svg", "a.zip", "a.exe", "a.html",
                                  "a.md", "a"])
def test_refused_types(name: str) -> None:
    assert document_type(name) is None
