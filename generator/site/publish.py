"""Put a finished site in place of site/ so that site/ is never absent and never partial.

On Linux ``renameat2(RENAME_EXCHANGE)`` swaps the new tree with site/ in one step: at every
moment site/ is a whole real folder, the old one or the new one (a real folder, not a
symbolic link, because webmasters upload it and not every web server or upload tool follows
links). Where the filesystem refuses the exchange, two renames are used; a build killed
between them leaves the old tree in .oit-build/site.old, which the next build puts back.
Every build stages into a fresh .oit-build/site-<pid>-<random>; what a killed or failed
build left there is removed by the next build, under the build lock.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import Problem, UserError, display_path
from ..language import tr

STAGING_PREFIX = "site-"
OLD_SITE = "site.old"
_LEGACY_LEFTOVERS = ("site.new", OLD_SITE)   # what the two-rename publish may leave
# What builds before MkDocs ran in-process wrote for their MkDocs process: no longer read.
_OLD_HANDOVER = ("assets.json", "assets.pickle", "pages.ready", "mkdocs.generated.yml", "assets")
_PARTIAL_SUFFIXES = (".partial", ".oit-tmp")   # a build's temporary files never renamed
_OTHER_TEMP = ".tmp"   # `oit links` writes without the lock: only when surely abandoned
_ABANDONED_AFTER = 3600.0

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# The filesystem or kernel cannot exchange: fall back to two renames.
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def staging_name(work_dir: Path) -> Path:
    """A fresh name for this build's site folder, never another build's."""
    return work_dir / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"


def require_site_folder(site_dir: Path, root: Path) -> None:
    """site/ may be absent or a folder: a file or a link there is the user's, never replaced."""
    if not os.path.lexists(site_dir) or (site_dir.is_dir() and not site_dir.is_symlink()):
        return
    shown = display_path(site_dir, root)
    if site_dir.is_symlink():
        target = os.readlink(site_dir)
        raise UserError(Problem(
            shown, None, "",
            tr(f"เป็นลิงก์สัญลักษณ์ (symbolic link) ไปยัง '{target}' oit ไม่แทนที่ลิงก์นี้ "
               "(site/ ต้องเป็นโฟลเดอร์จริงในโครงการ จึงสลับเว็บไซต์ใหม่เข้าที่ได้ในครั้งเดียว)",
               f"is a symbolic link to '{target}'; oit does not replace it (site/ must be a "
               "real folder in the project for the new site to be swapped in in one step)"),
            tr(f"ลบลิงก์นี้ออก (oit สร้างโฟลเดอร์ site/ เอง) แล้วให้เว็บเซิร์ฟเวอร์ชี้มาที่ site/ "
               f"หรือคัดลอก site/ ไปไว้ที่ '{target}' หลังสร้างเสร็จ",
               f"the link removed (oit makes site/ itself); then point the web server at "
               f"site/, or copy site/ to '{target}' after each build")))
    raise UserError(Problem(
        shown, None, "",
        tr("เป็นไฟล์ ไม่ใช่โฟลเดอร์ของเว็บไซต์ oit ไม่ลบไฟล์นี้",
           "is a file, not the site's folder; oit does not delete it"),
        tr("ย้ายหรือเปลี่ยนชื่อไฟล์นี้ แล้วสั่งอีกครั้ง (oit สร้างโฟลเดอร์ site/ เอง)",
           "the file moved or renamed, then the command run again (oit makes site/ itself)")))


def publish(staging: Path, site_dir: Path, work_dir: Path) -> None:
    """Make ``staging`` the site: one atomic step when possible; remove the old tree."""
    if not os.path.lexists(site_dir):
        os.rename(staging, site_dir)   # a first build: one rename
        return
    try:
        exchange(staging, site_dir)
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
        _two_renames(staging, site_dir, work_dir / OLD_SITE)
        return
    _remove_old(staging)   # now the previous site


def _remove_old(tree: Path) -> None:
    """The previous site, once the new one is published: what cannot be removed now (a
    read-only file in it) is the next build's to remove, and this build still succeeded."""
    with contextlib.suppress(OSError):
        remove_tree(tree)


def exchange(first: Path, second: Path) -> None:
    """Swap two paths atomically (Linux renameat2); OSError with the errno otherwise."""
    rename = _renameat2()
    if rename is None:
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS), str(second))
    if rename(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
              _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(second))


_Rename = Callable[[int, bytes, int, bytes, int], int]


@functools.cache
def _renameat2() -> _Rename | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2   # libc is in the process
    except (OSError, AttributeError):   # not glibc 2.28+ (musl has it since 1.2.3)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    rename: _Rename = function
    return rename


def _two_renames(staging: Path, site_dir: Path, old: Path) -> None:
    """site/ → .oit-build/site.old, new → site/: a gap between the two that
    recover_site() closes at the next build if this one is killed there."""
    remove_tree(old)
    os.rename(site_dir, old)
    os.rename(staging, site_dir)
    _remove_old(old)


def recover_site(site_dir: Path, work_dir: Path) -> None:
    """Put the previous site back if a build was killed between two renames."""
    old = work_dir / OLD_SITE
    if not os.path.lexists(site_dir) and old.is_dir() and not old.is_symlink():
        os.rename(old, site_dir)


def clean_leftovers(site_dir: Path, work_dir: Path) -> list[str]:
    """Remove what killed or failed builds left in .oit-build/ (under the build lock);
    the names removed."""
    recover_site(site_dir, work_dir)
    if not work_dir.is_dir():
        return []
    removed = []
    for entry in sorted(os.scandir(work_dir), key=lambda e: e.name):
        if _left_over(entry):
            remove_tree(Path(entry.path))
            removed.append(entry.name)
    return removed


def _left_over(entry: os.DirEntry[str]) -> bool:
    name = entry.name
    if name.startswith(STAGING_PREFIX) or name in _LEGACY_LEFTOVERS + _OLD_HANDOVER:
        return True
    if name.endswith(_PARTIAL_SUFFIXES):
        return True
    return name.endswith(_OTHER_TEMP) and \
        time.time() - entry.stat(follow_symlinks=False).st_mtime > _ABANDONED_AFTER


def remove_tree(path: Path) -> None:
    """Remove a folder of ours (or a file, or a link itself); nothing if it is absent."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, onerror=_name_the_file)


def _name_the_file(function: object, path: str, info: tuple[type, BaseException, object]) -> None:
    """rmtree removes by folder handle, so its error names only the file: name its path."""
    error = info[1]
    if isinstance(error, OSError):
        raise OSError(error.errno, error.strerror, path) from None
    raise error
