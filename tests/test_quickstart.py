"""README's Thai quick start, run as written (steps 2–5: init answering its Thai questions at
a terminal, serve, build), with this checkout's `oit` for `.venv/bin/oit`."""
from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import OIT, REPO



def quick_start_commands() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## เริ่มต้นใช้งาน"):text.index("## In English")]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [shlex.split(line.strip()) for block in blocks for line in block.splitlines()
            if line.strip()]


def _run_at_a_terminal(command: list[str], cwd: Path, answers: list[str]) -> str:
    """The command with a terminal as its input, answering each question in turn."""
    leader, follower = os.openpty()
    proc = subprocess.Popen(command, cwd=cwd, stdin=follower, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    os.close(follower)
    with os.fdopen(leader, "w", encoding="utf-8") as terminal:
        for answer in answers:
            terminal.write(answer + "\n")
            terminal.flush()
        out = proc.communicate(timeout=60)[0]
    assert proc.returncode == 0, out
    return out


@pytest.mark.slow
def test_the_thai_quick_start_works_as_written(tmp_path: Path) -> None:
    commands = quick_start_commands()
    assert [c[:2] for c in commands] == [["./setup.sh", "--install-only"],
                                         [".venv/bin/oit", "init"], [".venv/bin/oit", "serve"],
                                         [".venv/bin/oit", "build"]]
    clone = tmp_path / "clone"   # where the commands are typed; the project goes beside it
    clone.mkdir()
    init, serve, build = ([str(OIT), *c[1:]] for c in commands[1:])
    out = _run_at_a_terminal(init, clone, ["กองทดลองเริ่มต้น", "", "", "", "", "", ""])
    assert "oit build" in out
    project = (clone / init[-1]).resolve()
    assert (project / "data" / "unit.yml").is_file()

    port = _free_port()
    server = subprocess.Popen([*serve, "--port", str(port)], cwd=clone,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body = _get_when_up(port)
        assert "กองทดลองเริ่มต้น" in body
    finally:
        server.terminate()
        assert "Traceback" not in server.communicate(timeout=30)[0]

    done = subprocess.run(build, cwd=clone, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "index.html").is_file()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get_when_up(port: int) -> str:
    import urllib.request
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
