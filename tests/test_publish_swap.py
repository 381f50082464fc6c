"""Publishing a staged site: one atomic exchange, a first build's one rename, the fallback,
and the leftovers of killed builds cleaned (real folders on this machine's filesystems)."""
from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from generator.site import publish as publishing
from generator.site.publish import clean_leftovers, exchange, publish, staging_name


def _tree(folder: Path, marker: str) -> Path:
    (folder / "2569").mkdir(parents=True)
    (folder / "index.html").write_text(marker, encoding="utf-8")
    (folder / "2569" / "index.html").write_text(marker, encoding="utf-8")
    return folder


def _marker(site: Path) -> str:
    return (site / "index.html").read_text(encoding="utf-8")


def test_a_new_site_replaces_the_old_in_one_exchange_and_the_old_tree_goes(
        tmp_path: Path) -> None:
    work, site = tmp_path / ".oit-build", _tree(tmp_path / "site", "old")
    inode = site.stat().st_ino
    staging = _tree(staging_name(work), "new")
    publish(staging, site, work)
    assert _marker(site) == "new" and (site / "2569" / "index.html").is_file()
    assert site.is_dir() and not site.is_symlink() and site.stat().st_ino != inode
    assert list(work.iterdir()) == []


def test_a_first_build_is_one_rename(tmp_path: Path) -> None:
    work = tmp_path / ".oit-build"
    publish(_tree(staging_name(work), "new"), tmp_path / "site", work)
    assert _marker(tmp_path / "site") == "new" and list(work.iterdir()) == []


def test_each_build_stages_into_a_folder_of_its_own(tmp_path: Path) -> None:
    first, second = staging_name(tmp_path), staging_name(tmp_path)
    assert first != second and first.parent == second.parent == tmp_path
    assert first.name.startswith(f"site-{os.getpid()}-")


def test_exchange_works_on_tmpfs_too(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a tmpfs (CI runs as root)")
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        a, b = _tree(mount / "a", "a"), _tree(mount / "b", "b")
        exchange(a, b)
        assert (_marker(a), _marker(b)) == ("b", "a")
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_where_the_filesystem_refuses_the_exchange_two_renames_are_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(first: Path, second: Path) -> None:   # as on a filesystem without exchange
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL), str(second))

    monkeypatch.setattr(publishing, "exchange", refuse)
    work, site = tmp_path / ".oit-build", _tree(tmp_path / "site", "old")
    publish(_tree(staging_name(work), "new"), site, work)
    assert _marker(site) == "new" and list(work.iterdir()) == []


def test_the_next_build_puts_back_a_site_left_between_two_renames(tmp_path: Path) -> None:
    work = tmp_path / ".oit-build"
    _tree(work / "site.old", "previous")   # killed after site/ → .oit-build/site.old
    _tree(work / "site-123-abcdef01", "half")
    assert clean_leftovers(tmp_path / "site", work) == ["site-123-abcdef01"]
    assert _marker(tmp_path / "site") == "previous" and list(work.iterdir()) == []


def test_leftovers_of_killed_builds_are_removed_and_nothing_else(tmp_path: Path) -> None:
    work, site = tmp_path / ".oit-build", _tree(tmp_path / "site", "current")
    for name in ("site-1-00000000", "site.new", "site.old"):
        _tree(work / name, name)
    for name in ("assets.pickle.partial", ".mkdocs.generated.yml.1a2b3c4d.oit-tmp"):
        (work / name).write_bytes(b"half")
    keep = ["build.lock", "link-cache.json",
            ".link-cache.json.5e6f7a8b.tmp"]   # `oit links` may be writing that one now
    for name in keep:
        (work / name).write_text("{}", encoding="utf-8")
    clean_leftovers(site, work)
    assert sorted(p.name for p in work.iterdir()) == sorted(keep)
    assert _marker(site) == "current"


def test_the_files_older_builds_handed_to_their_mkdocs_process_are_removed(tmp_path: Path) -> None:
    work = tmp_path / ".oit-build"
    work.mkdir()
    for name in ("assets.json", "assets.pickle", "pages.ready", "mkdocs.generated.yml"):
        (work / name).write_text("old", encoding="utf-8")
    _tree(work / "assets", "copied files")
    (work / "link-cache.json").write_text("{}", encoding="utf-8")   # still ours to keep
    assert clean_leftovers(tmp_path / "site", work) == [
        "assets", "assets.json", "assets.pickle", "mkdocs.generated.yml", "pages.ready"]
    assert [p.name for p in work.iterdir()] == ["link-cache.json"]
