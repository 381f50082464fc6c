"""The package reads as the pipeline: each stage imports only the stages before it."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# In pipeline order; the modules at the top (errors, thai, topics…) are shared by all.
STAGES = ["", "model", "checks", "links", "opendata", "charts", "render", "site", "commands"]
ENTRY = {"__init__", "__main__", "cli"}   # the API and the command line: may import anything


def stage(module: str) -> int:
    """The position of a module (dotted, under generator) in the pipeline."""
    head = module.split(".")[0]
    return STAGES.index(head) if head in STAGES else 0


def imports(path: Path) -> list[str]:
    """The generator modules that a file imports, dotted under generator."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    package = list(parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)]
            module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            found += [f"{module}.{a.name}".strip(".") if not node.module else module
                      for a in node.names]
    return found


def test_each_stage_imports_only_earlier_stages() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        if name in ENTRY:
            continue
        here = stage(name)
        for module in imports(path):
            if stage(module) > here:
                wrong.append(f"{name} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_no_flat_families_of_names() -> None:
    """The top level holds only what every stage shares; each stage is a package."""
    flat = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert flat == sorted(["__init__", "__main__", "atomic", "cli", "errors", "periods",
                           "processes", "project", "thai", "topics", "language"]), flat
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()) == \
        sorted(STAGES[1:])


def test_no_private_name_is_imported_from_another_module() -> None:
    private = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                private += [f"{path.relative_to(PACKAGE)}: {a.name}" for a in node.names
                            if a.name.startswith("_")]
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                private.append(f"{path.relative_to(PACKAGE)}: import *")
    assert not private, "\n".join(private)
