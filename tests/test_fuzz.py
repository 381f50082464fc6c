"""Random single mutations of the example data: never a traceback, never a hang, every
problem located at a file and a line.

Each case changes one thing in one data file (a value, a line, a byte, an indent), runs
`oit validate` in this process (as the CLI does), and, when the data still validates, the
completeness check and the generator's every page and file (everything `oit build` does
before MkDocs). The seed is fixed, so a failure names a case that can be run again with
``pytest tests/test_fuzz.py -k <case>``; ``OIT_FUZZ_SEED`` tries other seeds.
"""
from __future__ import annotations

import contextlib
import datetime
import functools
import io
import os
import random
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import jinja2
import pytest

from generator.commands import build as pipeline
from generator.commands.check import check_all, known_broken_links
from generator.commands.validate import load_data
from generator.cli import main
from generator.project import Project
from generator.render.pages import drawn, make_environment
from generator.checks.report import as_json, as_text

from conftest import REPO, copy_project

SEED = int(os.environ.get("OIT_FUZZ_SEED", "20261201"))
CASES = 240
HANG_SECONDS = 5
BUILD_DATE = datetime.date(2026, 11, 23)

# Values a webmaster, a spreadsheet paste or an attacker might put where a value goes.
VALUES = [
    "", "~", "null", "-1", "-552,000.00", "0", "0.001", "1e26", "1E-30", "NaN", "inf",
    "999999999999999999999999", "12,34,5", "๑๒๓", "2699-01-01", "2400-01-01", "31/2/2569",
    "32 ต.ค. 2569", "ไตรมาส 5", "Q0", "yes", "no", "true", "[]", "{}", "[1, 2", "{a: 1",
    "'", '"', "'unterminated", '"\\u0000"', '"\\u001b[31m"', '"\\ud800"', "|", ">", "&a x",
    "*undefined", "&r [*r]", "!!python/object/apply:os.system ['true']", "!!binary AAAA",
    "!!int 3", "!!float 1e400", "- a", ": b", "a: b: c", "%TAG ! x", "<script>alert(1)</script>",
    "x{: onclick=alert(5) }", "javascript:alert(1)", "https://", "http://exa mple.com",
    "https://chpb.example.go.th/oit/\u202e.pdf", "ok\u200bok", "a\tb", "x" * 5000,
    "[" * 999 + "]" * 999, "documents/../../etc/passwd", "/etc/passwd", "e-bidding",
    "ต.ค. - ธ.ค. 69", "101%", "-5%", "1,000,000,000,000,000,000.00",
]
# Characters and bytes that end up inside a value or a line.
CHARACTERS = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff",
              "\t", "\r", ":", "#", "-", "'", '"', "{", "}", "[", "]", "&", "*", "!", "|",
              ">", "%", "@", "`", "\\", "\n", " "]
RAW_BYTES = [b"\xff", b"\xc0\x80", b"\xe0\xb8", b"\x00", b"\r\n\r"]
# Whole documents that attack the parser itself.
DOCUMENTS = [
    "", "# only a comment\n", "---\n", "- a list\n- at the top\n", "just text\n",
    "a: &r [*r]\n", "a: " + "[" * 999 + "]" * 999 + "\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi")),
    "a: 1\n---\nb: 2\n", "\ufeff\ufeffa: 1\n",
]
_VALUE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w]*:[ \t]*)(\S.*)?$")


@dataclass(frozen=True)
class Case:
    """One mutation of one data file."""

    number: int
    file: str             # relative to the project
    kind: str
    mutate: Callable[[bytes], bytes]

    def __str__(self) -> str:
        return f"case {self.number}: {self.kind} in {self.file}"


def _lines(text: bytes) -> list[bytes]:
    return text.split(b"\n")


def _replace_value(rng: random.Random) -> Callable[[bytes], bytes]:
    value = rng.choice(VALUES)
    pick = rng.random()

    def mutate(text: bytes) -> bytes:
        lines = _lines(text)
        candidates = [i for i, line in enumerate(lines)
                      if _VALUE_LINE.match(line.decode("utf-8", "replace"))]
        if not candidates:
            return text
        i = candidates[int(pick * len(candidates))]
        found = _VALUE_LINE.match(lines[i].decode("utf-8"))
        assert found is not None
        lines[i] = (found.group(1) + value).encode("utf-8")
        return b"\n".join(lines)
    return mutate


def _line_edit(rng: random.Random) -> tuple[str, Callable[[bytes], bytes]]:
    kind = rng.choice(["delete line", "duplicate line", "swap lines", "indent line",
                       "dedent line", "rename key"])
    pick, shift = rng.random(), rng.choice([1, 2, 3])

    def mutate(text: bytes) -> bytes:
        lines = _lines(text)
        i = int(pick * len(lines))
        if kind == "delete line":
            del lines[i]
        elif kind == "duplicate line":
            lines.insert(i, lines[i])
        elif kind == "swap lines" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif kind == "indent line":
            lines[i] = b" " * shift + lines[i]
        elif kind == "dedent line":
            lines[i] = lines[i][min(shift, len(lines[i]) - len(lines[i].lstrip())):]
        elif kind == "rename key":
            lines[i] = re.sub(rb"^(\s*(?:- )?)([A-Za-z_]\w*)(\s*:)", rb"\1\2x\3", lines[i])
        return b"\n".join(lines)
    return kind, mutate


def _insert(rng: random.Random) -> tuple[str, Callable[[bytes], bytes]]:
    if rng.random() < 0.2:
        raw = rng.choice(RAW_BYTES)
        kind = f"insert bytes {raw!r}"
    else:
        char = rng.choice(CHARACTERS)
        raw, kind = char.encode("utf-8"), f"insert U+{ord(char):04X}"
    pick = rng.random()

    def mutate(text: bytes) -> bytes:
        # Between two characters: a byte cut into a Thai letter is the truncation's case.
        chars = text.decode("utf-8")
        at = int(pick * (len(chars) + 1))
        return chars[:at].encode("utf-8") + raw + chars[at:].encode("utf-8")
    return kind, mutate


def _truncate(rng: random.Random) -> Callable[[bytes], bytes]:
    pick = rng.random()
    return lambda text: text[:int(pick * len(text))]


def make_cases(files: list[str], seed: int, count: int) -> list[Case]:
    """The same cases for the same seed and files."""
    rng = random.Random(seed)
    cases = []
    for number in range(count):
        file = rng.choice(files)
        roll = rng.random()
        if roll < 0.45:
            mutate, kind = _replace_value(rng), "replace a value"
        elif roll < 0.7:
            kind, mutate = _line_edit(rng)
        elif roll < 0.88:
            kind, mutate = _insert(rng)
        elif roll < 0.95:
            mutate, kind = _truncate(rng), "truncate"
        else:
            document = rng.choice(DOCUMENTS)
            mutate, kind = (lambda _text, d=document: d.encode("utf-8")), "replace the file"
        cases.append(Case(number, file, kind, mutate))
    return cases


class Hang(Exception):
    """A case ran longer than HANG_SECONDS."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


PROBLEM_LINE = re.compile(r"^data/[^:\n]+\.yml:\d+: ")


def run_case(root: Path) -> list[str]:
    """What is wrong with how the tool met the mutated data (nothing, for a good result)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--project", str(root), "validate"])
    if code not in (0, 1):
        return [f"exit code {code}"]
    if code == 1:
        lines = err.getvalue().splitlines()
        problems = [line for line in lines if not line.endswith(":")]   # summary lines end in ':'
        unplaced = [line for line in problems if not PROBLEM_LINE.match(line)]
        if not problems:
            return ["exit code 1 without a problem line"]
        return [f"problem without a data file and line: {line!r}" for line in unplaced]
    generate_everything(Project.at(root))
    return []


def generate_everything(project: Project) -> None:
    """Everything `oit build` makes from the data before MkDocs runs, and the check reports."""
    dataset = load_data(project)
    reports = check_all(dataset, BUILD_DATE, known_broken_links(project, dataset))
    for report in reports.values():
        as_text(report)
        as_json(report)
    output = pipeline.generate(project, dataset, BUILD_DATE, reports, env=templates(project))
    drawn(output.charts)
    assert output.assets


@functools.cache
def templates(project: Project) -> jinja2.Environment:
    """The project's templates, compiled once for all cases (no case changes a template)."""
    return make_environment(project.theme_dir)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project", REPO / "data")


def data_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*.yml"))


def test_the_unmutated_example_validates_and_generates(fuzz_project: Path) -> None:
    assert run_case(fuzz_project) == []


# The fast loop runs the first cases of the seed; the full suite runs the rest as well.
FAST_CASES = 60


@pytest.mark.parametrize("first, last", [
    (0, FAST_CASES), pytest.param(FAST_CASES, CASES, marks=pytest.mark.slow)],
    ids=["fast", "rest"])
def test_random_single_mutations_never_crash_or_hang(fuzz_project: Path, first: int,
                                                    last: int) -> None:
    failures = []
    slowest = (0.0, "")
    for case in make_cases(data_files(fuzz_project), SEED, CASES)[first:last]:
        path = fuzz_project / case.file
        original = path.read_bytes()
        path.write_bytes(case.mutate(original))
        start = time.perf_counter()
        try:
            with time_limit(HANG_SECONDS):
                found = run_case(fuzz_project)
        except Exception as exc:   # a traceback in front of the webmaster; Hang included
            found = [f"{type(exc).__name__}: {exc}"[:300]]
        finally:
            path.write_bytes(original)
        slowest = max(slowest, (time.perf_counter() - start, str(case)))
        failures += [f"{case}: {problem}" for problem in found]
    assert not failures, f"{len(failures)} failure(s), seed {SEED}:\n" + "\n".join(failures)
    assert slowest[0] < HANG_SECONDS, slowest


def test_cases_are_the_same_for_a_seed() -> None:
    files = ["data/a.yml", "data/b.yml"]
    first = [(c.file, c.kind, c.mutate(b"a: 1\nb: 2\n")) for c in make_cases(files, 7, 50)]
    again = [(c.file, c.kind, c.mutate(b"a: 1\nb: 2\n")) for c in make_cases(files, 7, 50)]
    assert first == again
    assert len({kind for _, kind, _ in first}) > 5   # the mutations are varied


def test_a_traceback_would_be_caught(fuzz_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself: a crash in the generator is a failure, not a pass."""
    def crash(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(pipeline, "generate", crash)
    with pytest.raises(ZeroDivisionError):
        run_case(fuzz_project)


def test_a_hang_would_be_caught() -> None:
    with pytest.raises(Hang), time_limit(0.2):
        while True:
            time.sleep(0.01)
