"""``sumber serve``: starts on 127.0.0.1 by default, refuses a missing store or a busy port in one line."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from sumber.cli import main
from sumber.commands.serve import is_loopback


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_loopback_names():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.5") and not is_loopback("example.org")


def test_missing_store_is_one_line(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "absent.db")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("sumber: E400") and "no such store" in err and "\n" not in err


def test_busy_port_is_one_line(store_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        assert main(["serve", "--db", store_path, "--port", str(port)]) == 1
    err = capsys.readouterr().err.strip()
    assert "cannot listen on 127.0.0.1" in err and "\n" not in err


def test_bad_limits_are_refused(store_path, capsys):
    assert main(["serve", "--db", store_path, "--max-body", "0"]) == 1
    assert "--max-body" in capsys.readouterr().err


def test_serve_runs_on_loopback_and_answers(store_path):
    port = _free_port()
    env = {**os.environ, "SUMBER_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "sumber.cli", "serve", "--db", store_path, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2) as r:
                    body = json.load(r)
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"server exited: {proc.stderr.read()}")
                time.sleep(0.2)
        assert body and body["read_only"] is True and body["counts"]["articles"] > 0
        # it listens on 127.0.0.1 only (from /proc: no wildcard listener on that port)
        listening = open("/proc/net/tcp").read().split("\n")[1:]
        local = [line.split()[1] for line in listening if line.strip() and line.split()[3] == "0A"]
        assert f"0100007F:{port:04X}" in local and f"00000000:{port:04X}" not in local
        # a DNS-rebinding Host is refused on a loopback server
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/stats", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 400
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, stderr = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, stderr = proc.communicate()
    assert f"http://127.0.0.1:{port}/" in stderr and "read-only" in stderr
    assert "Traceback" not in stderr
