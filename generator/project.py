"""Where a project's folders are; every command works on one Project."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The fixed layout: data/ (all a project needs), content/, site_theme/ and mkdocs.yml
    (optional: the project's own pages, theme overrides and settings), site/."""

    root: Path

    @classmethod
    def at(cls, root: str | os.PathLike[str]) -> Project:
        """The project in folder ``root`` (absolute from here on)."""
        return cls(Path(root).resolve())

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def theme_dir(self) -> Path:
        return self.root / "site_theme"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def work_dir(self) -> Path:
        """Scratch space for a build in progress; never published."""
        return self.root / ".oit-build"

    @property
    def template_cache(self) -> Path:
        """The templates compiled by the last build (render/compiled.py)."""
        return self.work_dir / "templates"

    @property
    def link_cache(self) -> Path:
        """Results of `oit links --external`, with the time of each check."""
        return self.work_dir / "link-cache.json"

    @property
    def intro_file(self) -> Path:
        return self.content_dir / "_fragments" / "home-intro.md"
