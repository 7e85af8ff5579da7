"""The public API under mypy --strict: right clients accepted with the documented result
types (tests/typing/public_api.py), wrong-flavour clients flagged (wrong_flavour.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")
pytest.importorskip("aiohttp")
pytest.importorskip("httpx")
pytest.importorskip("requests")

ROOT = Path(__file__).resolve().parent.parent.parent
TYPING = ROOT / "tests" / "typing"


def _mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_public_api_types() -> None:
    proc = _mypy(TYPING / "public_api.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_wrong_flavour_clients_are_flagged() -> None:
    path = TYPING / "wrong_flavour.py"
    marked = {n for n, line in enumerate(path.read_text().splitlines(), 1) if "# error:" in line}
    proc = _mypy(path)
    flagged = {
        int(m.group(1)) for m in re.finditer(rf"{re.escape(path.name)}:(\d+): error:", proc.stdout)
    }
    assert marked, "no line is marked"
    assert flagged == marked, proc.stdout
