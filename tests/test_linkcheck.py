"""Tests for generator.links.linkchecker's local HTTP server."""
from __future__ import annotations

import inspect
import socket
import struct
import time
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.links.linkchecker import LinkChecker, linkchecker_command, serve


def test_a_client_hanging_up_early_is_not_reported(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "large.bin").write_bytes(b"x" * 20_000_000)
    with serve(tmp_path) as url:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        for _ in range(3):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(b"GET /large.bin HTTP/1.0\r\n\r\n")
            client.recv(100)
            # Close with a reset, as a client does that stops reading: the server's next write fails.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        time.sleep(0.5)
    assert capsys.readouterr().err == ""


def test_the_linkchecker_settings_the_command_tunes_still_exist() -> None:
    import linkcheck.configuration as configuration
    import linkcheck.director.aggregator as aggregator
    import linkcheck.director.checker as checker

    # Set from outside, an attribute LinkChecker renamed would be ignored without a word.
    assert isinstance(checker.QUEUE_POLL_INTERVALL_SECS, float)
    assert isinstance(aggregator.Aggregate.wait_time_min_default, float)
    assert isinstance(aggregator.Aggregate.wait_time_max_default, float)
    # Replaced (not set): what the configuration calls for its plugin folders.
    assert "get_plugin_folders()" in inspect.getsource(configuration.Configuration.__init__)


def test_only_our_local_server_is_spared_linkcheckers_politeness() -> None:
    local, external = linkchecker_command(local=True), linkchecker_command(local=False)
    assert "wait_time_min_default" in local[-1] and "wait_time_min_default" not in external[-1]
    assert "QUEUE_POLL_INTERVALL_SECS" in external[-1] and local[1] == external[1] == "-P"


def test_linkchecker_reads_its_config_from_a_pipe_not_a_file(tmp_path: Path) -> None:
    """Nothing is written outside the project: the config reaches LinkChecker through a pipe,
    and it does read it (a value it cannot take stops it)."""
    (tmp_path / "index.html").write_text("<a href='gone.html'>x</a>", encoding="utf-8")
    with serve(tmp_path) as url:
        with LinkChecker(["-r", "1"], {"checking": {"maxrequestspersecond": "100000"}},
                         local=True) as checker:
            assert [row.url for row in checker.check([url + "index.html"])] == ["gone.html"]
        with pytest.raises(UserError, match="LinkChecker"):
            with LinkChecker(["-r", "1"], {"checking": {"threads": "many"}}, local=True) as bad:
                bad.check([url + "index.html"])


def test_a_linkchecker_plugin_in_the_users_home_is_not_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LinkChecker would import every module in ~/.linkchecker/plugins/: one of the machine's
    must not change (or break) what a build finds."""
    home, site = tmp_path / "home", tmp_path / "site"
    plugins = home / ".linkchecker" / "plugins"
    plugins.mkdir(parents=True)
    site.mkdir()
    for folder in (home, home / ".linkchecker", plugins):
        folder.chmod(0o1777)   # LinkChecker drops root to nobody: it could write here
    imported = home / "imported"
    (plugins / "spy.py").write_text(f"open({str(imported)!r}, 'w').close()\n", encoding="utf-8")
    (site / "index.html").write_text("<a href='gone.html'>x</a>", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    with serve(site) as url, LinkChecker(["-r", "1"], {}, local=True) as checker:
        assert [row.url for row in checker.check([url + "index.html"])] == ["gone.html"]
    assert not imported.exists()
