"""The offline test suite (unit, contract, examples) on the other supported Pythons and
against the oldest and the newest releases of the HTTP libraries. The main Python (3.11,
with the pins of requirements-dev.txt) runs the whole suite, real servers included, from
scripts/test; scripts/test also runs these sessions.

    .venv/bin/nox            # every session
    .venv/bin/nox -s "offline(3.13(newest))"
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|venv"  # uv installs in seconds
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
# the lowest versions pyproject.toml accepts (orjson before 3.9.15 decodes JSON nested
# 100,000 deep), and whatever is newest today
# (and the export extras: pyarrow and duckdb)
HTTP = {
    "oldest": ["httpx==0.24.0", "aiohttp==3.8.0", "requests==2.25.0", "orjson==3.9.15",
               "pyarrow==16.0.0", "duckdb==1.0.0"],
    "pinned": ["httpx", "aiohttp", "requests", "orjson", "pyarrow", "duckdb"],  # the pins
    "newest": ["httpx", "aiohttp", "requests", "orjson", "pyarrow", "duckdb"],
}  # fmt: skip
TOOLS = ["pytest", "anyio", "hypothesis", "pytest-xdist", "click", "rich", "ruff", "uvloop"]


def interpreter(version: str) -> str:
    """``python3.X`` that runs: on PATH, else pyenv's (whose shims only run the versions
    pyenv has selected)."""
    name = f"python{version}"
    try:
        subprocess.run([name, "-c", ""], check=True, capture_output=True)
        return name
    except (OSError, subprocess.CalledProcessError):
        pass
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(root.glob(f"{version}.*/bin/{name}"))
    return str(found[-1]) if found else name


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "requirements-dev.txt").read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line):
            found[match.group(1).lower()] = match.group(2)
    return found


def pinned(names: list[str]) -> list[str]:
    versions = pins()
    return [f"{n}=={versions[n]}" if n in versions else n for n in names]


@nox.session(name="offline")
@nox.parametrize(
    ("python", "http"),
    [
        (interpreter("3.10"), "oldest"),
        (interpreter("3.12"), "pinned"),
        (interpreter("3.13"), "newest"),
    ],  # fmt: skip
    ids=["3.10(oldest)", "3.12(pinned)", "3.13(newest)"],
)
def offline(session: nox.Session, http: str) -> None:
    """Unit, contract and example tests, two workers; packaging and typing tests run on
    the main Python only."""
    libs = HTTP[http] if http == "oldest" else (
        pinned(HTTP[http]) if http == "pinned" else HTTP[http]
    )  # fmt: skip
    session.install(*pinned(TOOLS), *libs, "-e", ".", silent=True)
    session.run("python", "-c", _VERSIONS, silent=False)
    session.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
        "tests/unit", "tests/contract", "tests/transport", "tests/cli", "tests/kit",
        "tests/export", "tests/packaging/test_no_extras.py", "examples",
        "--ignore=tests/unit/test_typing.py",
        *session.posargs,
    )  # fmt: skip


_VERSIONS = (
    "import sys, importlib.metadata as m; print(sys.version.split()[0], *(f'{n} '"
    "f'{m.version(n)}' for n in ('httpx', 'aiohttp', 'requests', 'orjson', 'pyarrow',"
    " 'duckdb')))"
)
