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

# one pytest-xdist worker takes both tests, so mypy runs once
pytestmark = pytest.mark.xdist_group("mypy")

ROOT = Path(__file__).resolve().parent.parent.parent
TYPING = ROOT / "tests" / "typing"


@pytest.fixture(scope="module")
def mypy_output() -> str:
    """One mypy run over both files (the cost is in loading the library and the HTTP
    libraries' types, which both share)."""
    proc = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--no-incremental",
            str(TYPING / "public_api.py"), str(TYPING / "wrong_flavour.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert "error:" in proc.stdout, proc.stdout + proc.stderr  # wrong_flavour.py has some
    return proc.stdout


def test_public_api_types(mypy_output: str) -> None:
    errors = [line for line in mypy_output.splitlines() if "public_api.py" in line]
    assert not errors, "\n".join(errors)


def test_wrong_flavour_clients_are_flagged(mypy_output: str) -> None:
    path = TYPING / "wrong_flavour.py"
    marked = {n for n, line in enumerate(path.read_text().splitlines(), 1) if "# error:" in line}
    flagged = {
        int(m.group(1)) for m in re.finditer(rf"{re.escape(path.name)}:(\d+): error:", mypy_output)
    }
    assert marked, "no line is marked"
    assert flagged == marked, mypy_output
