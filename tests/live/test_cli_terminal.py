"""aio-odoo in a real pseudo-terminal: the master password prompt (hidden input), the
backup's progress bar, and the confirmation before a drop."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..support.live_server import OdooTarget

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Terminal:
    """``python -m aio_odoorpc_base ARGS`` with a pseudo-terminal as its stdin, stdout
    and stderr, 100 columns wide."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        full = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        full.pop("AIO_ODOO_MASTER_PASSWORD", None)  # asked for unless the test sets it
        full.update(env)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "aio_odoorpc_base", *args],
            stdin=slave, stdout=slave, stderr=slave, env=full, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        self.seen = b""

    def expect(self, pattern: bytes, timeout: float = 60) -> bytes:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.seen):
            left = deadline - time.monotonic()
            if left <= 0 or (self.proc.poll() is not None and not self._read(0.1)):
                raise AssertionError(f"{pattern!r} never came; the terminal shows {self.seen!r}")
            self._read(min(left, 0.5))
        return self.seen

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the other side is closed
            return False
        self.seen += chunk
        return bool(chunk)

    def send(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.1):
            pass
        os.close(self.master)
        if self.proc.poll() is None:
            self.proc.kill()
            raise AssertionError(f"still running; the terminal shows {self.seen!r}")
        return self.proc.returncode


def _env(odoo: OdooTarget) -> dict[str, str]:
    return {
        "AIO_ODOO_URL": odoo.root,
        "AIO_ODOO_DB": odoo.db,
        "AIO_ODOO_PASSWORD": odoo.password,
        "AIO_ODOO_CONFIG": "/nonexistent/profiles.ini",
    }


def test_prompt_and_progress_bar(odoo: OdooTarget, tmp_path: Path) -> None:
    master = odoo.need_db_management()
    out = tmp_path / "backup.zip"
    term = Terminal(["db", "backup", "-o", str(out)], _env(odoo))
    term.expect(rb"Master password: ")
    term.send(master + "\r")
    assert term.finish() == 0, term.seen
    screen = term.seen.decode(errors="replace")
    assert master not in screen  # the input was hidden
    assert f"backup {odoo.db}" in screen
    # rich's bar: the bytes so far and the rate, redrawn in place with cursor moves
    assert re.search(r"\d+(\.\d+)? (kB|MB|GB)", screen), screen
    assert re.search(r"\d+(\.\d+)? (kB|MB|GB)/s", screen), screen
    assert "\x1b[" in screen
    assert f"{out.stat().st_size} bytes written" in screen


def test_a_drop_asks_first(odoo: OdooTarget) -> None:
    odoo.need_destructive()
    term = Terminal(["db", "drop", "aiotest_never_there"], _env(odoo))
    term.expect(rb"Drop database 'aiotest_never_there'\? This cannot be undone\. \[y/N\]: ")
    term.send("n\r")
    assert term.finish() == 6
    assert b"declined: nothing was changed" in term.seen
