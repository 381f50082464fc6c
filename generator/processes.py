"""What the build asks of the processes it runs: LinkChecker dies with the build, and no
cyclic-garbage walks while the model is being built."""
from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1   # linux/prctl.h


def die_with_parent(parent: int) -> str:
    """Python code for a child to run first: be killed when ``parent`` dies, even by
    ``kill -9``, so no program started by a build outlives it (Linux prctl; elsewhere nothing).

    The child runs it itself rather than as subprocess's ``preexec_fn``: with a preexec_fn,
    Python runs the fork handlers that logging registers in this process, and a Ctrl-C landing
    in one is printed as 'Exception ignored … KeyboardInterrupt' and lost (the build went on;
    tests/test_parallel.py)."""
    if not sys.platform.startswith("linux"):
        return "pass"
    return (f"import ctypes, os, signal; "
            f"ctypes.CDLL(None).prctl({_PR_SET_PDEATHSIG}, signal.SIGKILL, 0, 0, 0); "
            f"os.getppid() == {parent} or os._exit(1)")   # the parent died before it took hold


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
