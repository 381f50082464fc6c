"""What the build asks of processes: programs it starts die with it, the collector pauses."""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from generator.processes import paused_gc

REPO = Path(__file__).resolve().parent.parent


def test_paused_gc_restores_what_it_found() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


ORPHANS = """
import os, subprocess, sys, time
from generator.processes import die_with_parent

program = subprocess.Popen([sys.executable, "-c",
                            die_with_parent(os.getpid()) + "; import time; time.sleep(60)"])
print(program.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    """Running (a zombie that init has not reaped yet counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_programs_die_with_a_build_killed_by_sigkill() -> None:
    import signal
    import subprocess
    import sys
    import time

    parent = subprocess.Popen([sys.executable, "-c", ORPHANS], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    children: list[int] = []
    try:
        line = parent.stdout.readline()
        assert line, "the build process ended before starting its program"
        children = [int(line)]
        assert all(_alive(pid) for pid in children)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(map(_alive, children)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [pid for pid in children if _alive(pid)] == []
    finally:   # a failure must not leave them running either
        for pid in [parent.pid, *children]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.wait()


def test_starting_linkchecker_runs_no_fork_handler_here() -> None:
    """A Ctrl-C landing in a fork handler that logging registers was printed as 'Exception
    ignored … KeyboardInterrupt' and lost, the build going on (found by the Ctrl-C test under
    load): subprocess runs those handlers only for a preexec_fn, which LinkChecker's start no
    longer uses (it asks to die with the build itself, test above)."""
    from generator.links.internal import site_checker

    forks: list[int] = []
    os.register_at_fork(after_in_parent=lambda: forks.append(os.getpid()))
    site_checker().close()
    assert forks == []
