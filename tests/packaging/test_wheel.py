"""The package as users get it: the sdist and the wheel are built, their metadata read,
and the installed wheel (not the source tree) makes calls in fresh virtualenvs, with no
extra and with the extras."""

from __future__ import annotations

import email.parser
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SMOKE = r"""
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import aio_odoorpc_base
from aio_odoorpc_base import sync

assert "site-packages" in aio_odoorpc_base.__file__, aio_odoorpc_base.__file__

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        reply = json.dumps({"jsonrpc": "2.0", "id": body["id"], "result": 42}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_address[1]}/jsonrpc"
with sync.OdooRPC(url, database="db", uid=2, password="pw", protocol="jsonrpc") as odoo:
    assert odoo["res.partner"].search_count([]) == 42
for name in sys.argv[1:]:
    module = __import__(name)
    if name == "httpx":
        with module.Client() as client:
            assert sync.execute_kw(client, url, db="d", uid=2, password="p", obj="m",
                                   method="search_count", args=[[]]) == 42
    if name == "requests":
        with module.Session() as client:
            assert sync.execute_kw(client, url, db="d", uid=2, password="p", obj="m",
                                   method="search_count", args=[[]]) == 42
if "aiohttp" in sys.argv[1:]:
    import asyncio
    async def main():
        async with aio_odoorpc_base.AsyncOdooRPC(url, database="db", uid=2, password="pw",
                                                 protocol="jsonrpc") as odoo:
            assert await odoo["res.partner"].search_count([]) == 42
            assert "AsyncBuiltinClient" in repr(odoo), repr(odoo)  # the default, even here
        import aiohttp
        async with aiohttp.ClientSession() as session:
            given = aio_odoorpc_base.AsyncOdooRPC(url, database="db", uid=2, password="pw",
                                                  protocol="jsonrpc", http_client=session)
            async with given as odoo:
                assert await odoo["res.partner"].search_count([]) == 42
    asyncio.run(main())
print("ok", aio_odoorpc_base.__version__)
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    for kind in ("--sdist", "--wheel"):
        subprocess.run(
            [sys.executable, "-m", "build", kind, "--outdir", str(out), str(ROOT)],
            check=True,
            capture_output=True,
        )
    return out


def test_metadata(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(archive.read(meta_name).decode())
    assert "aio_odoorpc_base/py.typed" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    assert meta["Name"] == "aio-odoorpc-base"
    assert meta["Requires-Python"] == ">=3.10"
    assert not [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r]
    extras = set(meta.get_all("Provides-Extra") or [])
    assert {"httpx", "aiohttp", "requests", "orjson", "fast", "cli"} <= extras
    entry_points = archive_text(wheel, ".dist-info/entry_points.txt")
    assert "aio-odoo = aio_odoorpc_base.cli:main" in entry_points
    assert "aio_odoorpc_base = aio_odoorpc_base.testing.pytest_plugin" in entry_points
    classifiers = meta.get_all("Classifier") or []
    for version in ("3.10", "3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert meta["License-Expression"] == "MIT" or meta["License"] == "MIT"
    assert meta.get_all("Project-URL")
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("/CHANGELOG.md") for m in members)
    assert any(m.endswith("/src/aio_odoorpc_base/__init__.py") for m in members)


def archive_text(wheel: Path, suffix: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(suffix))).decode()


@pytest.mark.parametrize(
    ("extra", "imports"),
    [
        ("", []),
        ("[fast]", ["aiohttp", "orjson"]),
        ("[httpx,requests]", ["httpx", "requests"]),
        ("[cli]", []),
    ],
    ids=["no-extra", "fast", "httpx-requests", "cli"],
)
def test_installed_wheel_works(dist: Path, tmp_path: Path, extra: str, imports: list[str]) -> None:
    (wheel,) = dist.glob("*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         f"{wheel}{extra}"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    out = subprocess.run(
        [str(python), "-c", SMOKE, *imports],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the source tree
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ok ")
    # the command line: working with [cli], a clear "how to install" without it
    cli = subprocess.run(
        [str(env / "bin" / "aio-odoo"), "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    if extra == "[cli]":
        assert (cli.returncode, cli.stdout.split()[:2]) == (0, ["aio-odoo,", "version"])
    else:
        assert cli.returncode == 2
        assert "pip install 'aio-odoorpc-base[cli]'" in cli.stderr
