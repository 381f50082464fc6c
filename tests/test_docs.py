"""Docs cannot drift: every data field and every command-line option is documented."""
from __future__ import annotations

import argparse
import typing
from pathlib import Path

from pydantic import BaseModel

from generator.model.dataset import Unit
from generator.model.topics import TOPIC_MODELS
from generator.cli import make_parser

REPO = Path(__file__).resolve().parent.parent


def _models(root: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if root in seen:
        return
    seen.add(root)
    for field in root.model_fields.values():
        for arg in (field.annotation, *typing.get_args(field.annotation)):
            for inner in (arg, *typing.get_args(arg)):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    _models(inner, seen)


def test_every_data_field_is_in_the_webmasters_data_reference() -> None:
    doc = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    seen: set[type[BaseModel]] = set()
    for root in (Unit, *TOPIC_MODELS.values()):
        _models(root, seen)
    missing = [f"{m.__name__}.{name}" for m in seen for name in m.model_fields
               if f"`{name}`" not in doc and f"{name}:" not in doc]
    assert missing == []


def test_every_command_and_option_is_in_the_readme() -> None:
    """In README.md or the pages it links in docs/."""
    readme = "\n".join(path.read_text(encoding="utf-8")
                       for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))])
    parser = make_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        assert f"oit {name}" in readme, name
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in readme, f"oit {name} {option}"


def test_readme_starts_in_thai_and_links_every_page_of_docs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[2] == "## เริ่มต้นใช้งาน"
    for page in sorted((REPO / "docs").glob("*.md")):
        assert f"](docs/{page.name})" in readme, page.name
