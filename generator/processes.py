"""What the build asks of the processes it runs: LinkChecker dies with the build, and no
cyclic-garbage walks while the model is being built."""
from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1   # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """In a child of ``parent``: be killed when the parent dies, even by ``kill -9``, so no
    program started by a build outlives it (Linux prctl; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:   # the parent died before the request took hold
        os._exit(1)


def child_of_this_process() -> Callable[[], None] | None:
    """A ``preexec_fn`` for subprocess: the program started dies with this process
    (None where there is no such request: subprocess refuses preexec_fn on Windows)."""
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()
    return lambda: die_with_parent(parent)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Building the model allocates a few million objects that reference counting frees; the
    cyclic collector would walk the ever larger heap again and again for almost nothing
    (measured: README, Benchmarks)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
