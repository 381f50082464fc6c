"""Evidence documents kept beside the data, in data/documents/: which files, and are they usable.

A document is named from the data folder (``documents/2569/minutes-1.pdf``), the same
path it gets on the site, so what the webmaster writes is where the file is on disk and
where readers find it. Only files a browser shows or downloads sensibly are published.
"""
from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, ValidationInfo

from .. import thai
from ..errors import did_you_mean
from ..language import Said, tr
from .fields import FieldError, not_a_single_value

DOCUMENTS_DIR = "documents"
FILE_EXAMPLE = "documents/2569/minutes-1.pdf"
FILE_EXPECTED = Said(f"ไฟล์ใน data/documents/ เขียนเส้นทางนับจากโฟลเดอร์ data เช่น {FILE_EXAMPLE}",
                     f"a file in data/documents/, written from the data folder, e.g. {FILE_EXAMPLE}")


@dataclass(frozen=True)
class DocumentType:
    """A kind of file we publish, and how the page names it."""

    label: str            # shown beside the link: (PDF, 245 KB)
    opens_in_browser: bool


# Browsers show these in the tab: the assessor sees the evidence with one click.
_SHOWN = {"pdf": "PDF", "png": "PNG", "jpg": "JPG", "jpeg": "JPG", "gif": "GIF", "webp": "WebP",
          "txt": "TXT"}
# Browsers download these and every office computer opens them (Office or LibreOffice).
_DOWNLOADED = {"csv": "CSV", "xlsx": "XLSX", "xls": "XLS", "docx": "DOCX", "doc": "DOC",
               "pptx": "PPTX", "odt": "ODT", "ods": "ODS"}
DOCUMENT_TYPES: dict[str, DocumentType] = {
    **{ext: DocumentType(label, True) for ext, label in _SHOWN.items()},
    **{ext: DocumentType(label, False) for ext, label in _DOWNLOADED.items()},
}
TYPES_EXPECTED = Said("ไฟล์ที่เบราว์เซอร์เปิดได้: " + ", ".join(dict.fromkeys(_SHOWN.values()))
                      + " หรือไฟล์ที่ดาวน์โหลดไปเปิด: " + ", ".join(_DOWNLOADED.values()),
                      "a file browsers open: " + ", ".join(dict.fromkeys(_SHOWN.values()))
                      + "; or one they download: " + ", ".join(_DOWNLOADED.values()))
_COPY_IN = Said("ตัวไฟล์จริงคัดลอกมาไว้ใน data/documents/", "the file itself copied into data/documents/")

# Why common files are refused, in the words the webmaster needs to fix it.
_ARCHIVE = Said("ไฟล์บีบอัดซ่อนเอกสารไว้ ผู้ประเมินต้องเห็นหลักฐานทันที ให้เผยแพร่ทีละไฟล์",
                "an archive hides the document: the assessor must see the evidence itself; "
                "publish each file")
_PROGRAM = Said("ไฟล์โปรแกรมไม่เผยแพร่", "programs are never published")
_WEB_PAGE = Said("ไฟล์หน้าเว็บจะกลายเป็นหน้าหนึ่งของเว็บไซต์ ให้ใช้ url: แทน",
                 "a web page would become part of the site; link it with url: instead")
_REFUSED = {
    "heic": Said("รูปแบบ HEIC (รูปจาก iPhone) เปิดไม่ได้ในเบราว์เซอร์ส่วนใหญ่ ให้บันทึกรูปเป็น JPG",
                 "HEIC photos (iPhone) do not open in most browsers; save the photo as JPG"),
    "heif": Said("รูปแบบ HEIF เปิดไม่ได้ในเบราว์เซอร์ส่วนใหญ่ ให้บันทึกรูปเป็น JPG",
                 "HEIF photos do not open in most browsers; save the photo as JPG"),
    "tif": Said("ไฟล์สแกน TIFF เปิดได้เฉพาะใน Safari ให้บันทึกเป็น PDF",
                "TIFF scans open only in Safari; save the scan as PDF"),
    "svg": Said("รูป SVG ฝังสคริปต์ที่ทำงานบนเว็บไซต์ของหน่วยงานได้ ให้บันทึกเป็น PNG",
                "an SVG image can run scripts on the agency's site; save it as PNG"),
    "zip": _ARCHIVE, "rar": _ARCHIVE, "7z": _ARCHIVE,
    "exe": _PROGRAM, "msi": _PROGRAM, "bat": _PROGRAM, "cmd": _PROGRAM,
    "html": _WEB_PAGE, "htm": _WEB_PAGE,
    "md": Said("ไฟล์ Markdown จะกลายเป็นหน้าหนึ่งของเว็บไซต์ ให้แนบเป็น PDF",
               "a Markdown file would become a page of the site; attach it as PDF"),
}
_REFUSED["tiff"] = _REFUSED["tif"]
_UNKNOWN_TYPE = Said("เบราว์เซอร์เปิดไฟล์ชนิดนี้ไม่ได้", "browsers cannot open it")
_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:|\\\\)")


@dataclass(frozen=True)
class LocalDocument:
    """A checked evidence file: where it is, what it is, how big it is."""

    path: str        # from the data folder, '/'-separated: documents/2569/minutes-1.pdf
    source: Path     # the file on disk (symbolic links resolved)
    size: int        # bytes
    type: DocumentType

    @property
    def site_path(self) -> str:
        """Where the file is published, from the site root: the same path as in the data."""
        return self.path


def document_type(name: str) -> DocumentType | None:
    """The publishable type of a file name (case-insensitive: cameras write .JPG), or None."""
    return DOCUMENT_TYPES.get(PurePosixPath(name).suffix.lower().lstrip("."))


class DocumentFolder:
    """The data folder's documents as one load sees them (folder listings read once)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.root = data_dir / DOCUMENTS_DIR
        self._listings: dict[Path, set[str]] = {}
        self._inside = data_dir.resolve()
        self._documents = self.root.resolve()

    def inspect(self, written: str) -> LocalDocument:
        """The document at ``written``; FieldError says what is wrong with it."""
        parts = document_parts(written)
        shown = "/".join(parts)
        path = self.data_dir.joinpath(*parts)
        if not self._listed(parts):
            raise FieldError(tr(f"ไม่มีไฟล์ '{shown}' ในโฟลเดอร์ข้อมูล",
                                f"'{shown}' does not exist in the data folder")
                             + self._suggestion(parts), FILE_EXPECTED)
        source = path.resolve()
        self._refuse_linked_folders(parts, source)
        if not source.is_relative_to(self._documents):
            raise FieldError(tr(f"'{shown}' เป็นลิงก์ไปยังไฟล์นอก data/documents/",
                                f"'{shown}' is a link to a file outside data/documents/"), _COPY_IN)
        if not source.exists():
            raise FieldError(tr(f"'{shown}' เป็นลิงก์ไปยังไฟล์ที่ไม่มีอยู่",
                                f"'{shown}' is a link to a file that does not exist"), _COPY_IN)
        if not source.is_file():
            raise FieldError(tr(f"'{shown}' เป็นโฟลเดอร์ ไม่ใช่ไฟล์", f"'{shown}' is a folder, not a file"),
                             FILE_EXPECTED)
        size = source.stat().st_size
        if size == 0:
            raise FieldError(tr(f"'{shown}' เป็นไฟล์ว่าง (0 ไบต์)", f"'{shown}' is an empty file (0 bytes)"),
                             Said("ตัวเอกสารจริง: คัดลอกไฟล์มาใหม่",
                                  "the document itself; copy the file again"))
        doc_type = document_type(shown)
        assert doc_type is not None   # document_parts() refused every other type
        return LocalDocument(shown, source, size, doc_type)

    def _refuse_linked_folders(self, parts: tuple[str, ...], source: Path) -> None:
        """A folder on the way (data/documents/ itself, a year folder) that is a symbolic link
        out of data/ would publish files from elsewhere on the machine."""
        if source.is_relative_to(self._inside) and self._documents.is_relative_to(self._inside):
            return
        for depth in range(1, len(parts)):
            folder = self.data_dir.joinpath(*parts[:depth])
            if folder.is_symlink() and not folder.resolve().is_relative_to(self._inside):
                shown, target = "/".join(parts[:depth]), os.readlink(folder)
                raise FieldError(
                    tr(f"โฟลเดอร์ '{shown}' เป็นลิงก์สัญลักษณ์ (symbolic link) "
                       f"ไปยัง '{target}' นอก data/ จึงไม่เผยแพร่ไฟล์ในนั้น",
                       f"folder '{shown}' is a symbolic link to '{target}' outside data/, so "
                       "its files are not published"),
                    Said("โฟลเดอร์จริงใน data/documents/ ที่มีไฟล์เอกสารคัดลอกมาไว้เอง",
                         "a real folder in data/documents/ with the documents copied into it"))

    def _listed(self, parts: tuple[str, ...]) -> bool:
        """Each name exactly as on disk: a case-insensitive disk must not hide a typo
        that breaks the link on the web server."""
        folder = self.data_dir
        for name in parts:
            if name not in self._names(folder):
                return False
            folder = folder / name
        return True

    def _names(self, folder: Path) -> set[str]:
        if folder not in self._listings:
            try:
                self._listings[folder] = set(os.listdir(folder))
            except OSError:   # not a folder, or missing
                self._listings[folder] = set()
        return self._listings[folder]

    def _suggestion(self, parts: tuple[str, ...]) -> str:
        if not self.root.is_dir():
            return tr("; ไม่มีโฟลเดอร์ data/documents/", "; there is no folder data/documents/")
        written = "/".join(parts)
        files = sorted(p.relative_to(self.data_dir).as_posix()
                       for p in self.root.rglob("*") if p.is_file())
        same = [f for f in files if _loose(f) == _loose(written)]
        close = same or difflib.get_close_matches(written, files, n=1, cutoff=0.8)
        return did_you_mean(close[0] if close else None)


def _loose(path: str) -> str:
    """A path compared loosely: letter case, Thai digits, and ำ typed as ํ + า."""
    return unicodedata.normalize("NFKC", thai.to_arabic_digits(path)).casefold()


def document_parts(written: str) -> tuple[str, ...]:
    """The checked folder and file names of a path written in the data; FieldError if unusable."""
    text = written.strip()
    if "://" in text:
        raise FieldError(tr(f"'{text}' เป็นที่อยู่เว็บ", f"'{text}' is a web address"),
                         Said(f"url: สำหรับที่อยู่เว็บ, file: สำหรับเอกสารใน data/documents/ "
                              f"เช่น {FILE_EXAMPLE}",
                              f"url: for a web address, file: for a document in data/documents/, "
                              f"e.g. {FILE_EXAMPLE}"))
    if text.startswith("/") or _WINDOWS_ABSOLUTE.match(text):
        raise FieldError(tr(f"'{text}' เป็นเส้นทางเต็มจากรากของเครื่อง",
                            f"'{text}' is an absolute path"), FILE_EXPECTED)
    if "\\" in text:
        raise FieldError(tr(f"'{text}' ใช้ \\ คั่นโฟลเดอร์", f"'{text}' uses \\ between folders"),
                         Said(f"ใช้ / คั่นโฟลเดอร์ เช่น {FILE_EXAMPLE}",
                              f"/ between folders, e.g. {FILE_EXAMPLE}"))
    parts = tuple(p for p in text.split("/") if p not in ("", "."))
    if ".." in parts:
        raise FieldError(tr(f"'{text}' ออกนอกโฟลเดอร์ข้อมูล (..)",
                            f"'{text}' goes outside the data folder (..)"), FILE_EXPECTED)
    if parts[:1] == ("data",):
        raise FieldError(tr(f"'{text}' ขึ้นต้นด้วย data/", f"'{text}' starts with data/"),
                         Said(f"เส้นทางนับจากในโฟลเดอร์ data เช่น {FILE_EXAMPLE}",
                              f"the path from inside the data folder, e.g. {FILE_EXAMPLE}"))
    if parts[:1] != (DOCUMENTS_DIR,) or len(parts) < 2:
        raise FieldError(tr(f"'{text}' ไม่ได้อยู่ในโฟลเดอร์ documents",
                            f"'{text}' is not in the documents folder"), FILE_EXPECTED)
    hidden = [p for p in parts if p.startswith(".")]
    if hidden:   # MkDocs leaves out names starting with '.', and web servers refuse them
        raise FieldError(tr(f"'{text}': ชื่อ '{hidden[0]}' ขึ้นต้นด้วย '.' จึงจะไม่ถูกเผยแพร่",
                            f"'{text}': the name '{hidden[0]}' starts with '.' and would not be "
                            "published"),
                         Said("ชื่อที่ขึ้นต้นด้วยตัวอักษรหรือตัวเลข",
                              "names that start with a letter or digit"))
    _check_type("/".join(parts))
    return parts


def _check_type(path: str) -> None:
    if document_type(path) is not None:
        return
    ext = PurePosixPath(path).suffix.lower().lstrip(".")
    if not ext:
        raise FieldError(tr(f"'{path}' ไม่มีนามสกุลไฟล์ (.pdf, .jpg, …)",
                            f"'{path}' has no file type (.pdf, .jpg, …)"), TYPES_EXPECTED)
    why = _REFUSED.get(ext, _UNKNOWN_TYPE)
    raise FieldError(tr(f"'{path}': ไม่เผยแพร่ไฟล์ .{ext}: {why}",
                        f"'{path}': .{ext} files are not published: {why}"), TYPES_EXPECTED)


def _document(value: Any, info: ValidationInfo) -> LocalDocument | None:
    if value is None:
        return None
    if isinstance(value, LocalDocument):
        return value
    if isinstance(value, list | dict):
        not_a_single_value(value)
    folder = (info.context or {}).get("documents")
    if not isinstance(folder, DocumentFolder):   # a bug: load.py always passes it
        raise RuntimeError("documents can only be checked while loading a data folder")
    return folder.inspect(str(value))


OptionalDocumentFile = Annotated[
    LocalDocument | None, BeforeValidator(_document),
    PlainSerializer(lambda d: None if d is None else d.path, return_type=str | None)]
