"""`oit` with a kill point inside publishing, used only by tests/test_publish.py.

OIT_TEST_KILL=before-exchange|after-exchange kills this process with SIGKILL right before
or right after the atomic exchange of site/; between-renames makes the exchange refused (as
on a filesystem without it) and kills the process between the fallback's two renames.
"""
from __future__ import annotations

import errno
import os
import signal
import sys
from pathlib import Path

from generator import cli
from generator.site import publish

WHERE = os.environ.get("OIT_TEST_KILL", "")
_exchange, _rename = publish.exchange, os.rename


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def exchange(first: Path, second: Path) -> None:
    if WHERE == "before-exchange":
        _die()
    if WHERE == "between-renames":
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL), str(second))
    _exchange(first, second)
    if WHERE == "after-exchange":
        _die()


def rename(source: str | Path, target: str | Path) -> None:
    _rename(source, target)
    if WHERE == "between-renames" and Path(target).name == publish.OLD_SITE:
        _die()


publish.exchange = exchange   # type: ignore[assignment]
publish.os.rename = rename    # type: ignore[assignment]
sys.exit(cli.main())
