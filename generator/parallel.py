"""What keeps the generator's own stages a small part of a build: the per-year work spread
over the machine's cores, and no cyclic-garbage walks while the model is being built."""
from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cpus() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        return os.cpu_count() or 1


_PR_SET_PDEATHSIG = 1   # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """In a child of ``parent``: be killed when the parent dies, even by ``kill -9``, so no
    worker outlives its build (Linux prctl; elsewhere nothing)."""
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


def can_fork() -> bool:
    return hasattr(os, "fork")


def shares(items: Sequence[T], jobs: int, lead: float = 0.0) -> list[list[T]]:
    """``items`` dealt out in order like cards into at most ``jobs`` piles: neighbours (fiscal
    years, which grow over time) go to different piles, so the piles are alike in work.

    The first pile is this process's: ``lead`` = 0.25 gives it a quarter more items, for the
    time the other processes spend sending their results back, and this one receiving them.
    """
    count = max(1, min(jobs, len(items)))
    weights = [1.0 + lead] + [1.0] * (count - 1)
    piles: list[list[T]] = [[] for _ in range(count)]
    for item in items:
        pile = min(range(count), key=lambda i: ((len(piles[i]) + 1) / weights[i], i))
        piles[pile].append(item)
    return piles


@contextmanager
def paused_gc() -> Iterator[None]:
    """Building the model allocates a few million objects that reference counting frees; the
    cyclic collector would walk the ever larger heap again and again for almost nothing (a
    third of the load time at 600 pages, for 326 cyclic objects). Same peak memory, measured."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fork_map(work: Callable[[T], R], chunks: Sequence[T]) -> list[R]:
    """``[work(chunk) for chunk in chunks]``, every chunk but the first in a forked process.

    A forked process starts with this one's memory, so the validated data is not copied;
    only the results come back, pickled. Where fork does not exist everything runs here.
    An exception in a child is raised here, as it was (or as text if it cannot be pickled).
    """
    if len(chunks) <= 1 or not can_fork():
        return [work(chunk) for chunk in chunks]
    children = [_start(work, chunk) for chunk in chunks[1:]]
    try:
        results = [work(chunks[0])]
    finally:   # even when the work failed here: no child is left behind
        outcomes = [_collect(pid, fd) for pid, fd in children]
    for ok, value in outcomes:
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        results.append(value)   # type: ignore[arg-type]
    return results


class Background(Generic[R]):
    """``work()`` in a forked process while this one goes on with something else (MkDocs);
    ``result()`` waits for it. Where fork does not exist, or when ``here`` is asked, the work
    is done at once, in this process."""

    def __init__(self, work: Callable[[], R], *, here: bool = False) -> None:
        self._outcome: tuple[bool, object] | None = None
        self._child: tuple[int, int] | None = None
        if here or not can_fork():
            self._outcome = _outcome(work)
        else:
            self._child = _start(lambda _: work(), None)

    @property
    def pid(self) -> int | None:
        """The process doing the work, or None when it was done here."""
        return None if self._child is None else self._child[0]

    def result(self) -> R:
        """Its result, once it is done; its exception is raised here."""
        if self._outcome is None:
            assert self._child is not None
            self._outcome = _collect(*self._child)
        ok, value = self._outcome
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[return-value]


def _outcome(work: Callable[[], R]) -> tuple[bool, object]:
    try:
        return True, work()
    except Exception as exc:  # noqa: BLE001 - kept, to be raised by result() as in a child
        return False, exc


def _start(work: Callable[[T], R], chunk: T) -> tuple[int, int]:
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)   # the child: do the work, send the result, and leave without cleanup
    try:
        die_with_parent(parent)
        payload = _payload(work, chunk)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(0)


def _payload(work: Callable[[T], R], chunk: T) -> bytes:
    try:
        return pickle.dumps((True, work(chunk)), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        try:
            return pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an exception that does not pickle, as text
            return pickle.dumps((False, RuntimeError(traceback.format_exc())))


def _collect(pid: int, fd: int) -> tuple[bool, object]:
    with os.fdopen(fd, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        return False, RuntimeError(f"a build process ended without a result ({status=})")
    ok, value = pickle.loads(payload)
    return bool(ok), value
