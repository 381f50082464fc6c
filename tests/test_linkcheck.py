"""Tests for generator.linkcheck's local HTTP server."""
from __future__ import annotations

import socket
import struct
import time
from pathlib import Path

import pytest

from generator.linkcheck import serve


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
