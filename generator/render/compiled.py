"""Compiled templates kept between builds, in the project's .oit-build/templates/.

Compiling the templates (MkDocs' theme and our own) is about a fifth of the example's build
(docs/benchmarks.md). Jinja's file cache writes each template's code once and reads it on the
next build; a template whose source changed (site_theme/ edited, oit or the theme upgraded)
has another checksum and is compiled again, and files of another Jinja or Python version are
ignored. A cache that cannot be read or written only makes a build slower, never fails it.

Jinja's key for a compiled template is its name and file, not the environment that compiled
it: each kind of environment (MkDocs' theme, our Markdown pages, the HTML-escaping memo) has
keys of its own, so that code compiled without escaping is never read by the memo's.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket


class TemplateCache(jinja2.FileSystemBytecodeCache):
    def __init__(self, directory: str, kind: str = "") -> None:
        super().__init__(directory)
        self.kind = kind

    def of(self, kind: str) -> TemplateCache:
        """The same folder, for the environments of one kind ("theme", "pages", "memo")."""
        return TemplateCache(self.directory, kind)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.kind}|{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:   # a file cut short or damaged: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:     # a full disk or a read-only folder: keep building
            pass


def template_cache(folder: Path) -> TemplateCache | None:
    """The cache in ``folder`` (made if missing), rid of the half-written files of a killed
    build (call it under the build lock); None where it cannot be a real folder of its own
    (a file, or a link that would write elsewhere)."""
    try:
        folder.mkdir(exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            return None
        for left in folder.glob("*.tmp"):
            left.unlink(missing_ok=True)
    except OSError:
        return None
    return TemplateCache(str(folder))
