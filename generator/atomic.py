"""Files that appear whole or not at all: written beside their place, then renamed over it."""
from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

BUILD_TEMP = ".oit-tmp"   # a build's own temporary files (removed by the next build)
_NEW_FILE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))   # the last: Windows


def temp_name(path: Path, suffix: str = BUILD_TEMP) -> Path:
    """A unique hidden name in the same folder: MkDocs leaves out names starting with '.'."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}")


def write_atomic(path: Path, data: bytes, suffix: str = BUILD_TEMP) -> None:
    """Write ``data`` to ``path`` so that readers (and a kill, or a full disk) see the old
    file or the new one, never a part; an OSError names ``path``."""
    temp = temp_name(path, suffix)
    try:
        fd = os.open(temp, _NEW_FILE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):   # never made, or the folder is read-only
            temp.unlink()
        # The webmaster knows the page, not our temporary name.
        raise OSError(exc.errno, exc.strerror, str(path)) from None
