"""Backups and restores stream: a payload far larger than what the client process may
grow by goes to disk and back. Measured as the peak RSS growth of a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..support.recorded_odoo import RecordedOdoo
from ..support.recorded_odoo19 import backup_digest

PAYLOAD = 64 * 1024 * 1024
LIMIT = 16 * 1024 * 1024  # far below the payload

SCRIPT = """
import asyncio, json, resource, sys
kind, url, path = sys.argv[1:]
def peak(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
args = dict(master_pwd="admin")
if kind in ("httpx", "requests"):
    from aio_odoorpc_base import sync
    if kind == "httpx":
        import httpx; client = httpx.Client(timeout=120)
    else:
        import requests; client = requests.Session()
    sync.web_list_databases(client, url)
    base = peak()
    size = sync.web_backup_database(client, url, name="cap_web", backup_file=path, **args)
    sync.web_restore_database(client, url, name="cap_web_restored", copy=True,
                              backup_file=path, **args)
else:
    from aio_odoorpc_base import aio
    async def main():
        if kind == "httpx-async":
            import httpx; client = httpx.AsyncClient(timeout=120)
        else:
            import aiohttp; client = aiohttp.ClientSession()
        async with client:
            await aio.web_list_databases(client, url)
            base = peak()
            size = await aio.web_backup_database(client, url, name="cap_web",
                                                 backup_file=path, **args)
            await aio.web_restore_database(client, url, name="cap_web_restored", copy=True,
                                           backup_file=path, **args)
        return base, size
    base, size = asyncio.run(main())
print(json.dumps({"growth": peak() - base, "size": size}))
"""


@pytest.mark.parametrize("kind", ["httpx", "requests", "httpx-async", "aiohttp"])
def test_backup_and_restore_keep_memory_flat(
    kind: str, fake19: RecordedOdoo, tmp_path: Path
) -> None:
    fake19.backup_size = PAYLOAD
    path = tmp_path / "big.zip"
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, kind, fake19.base_url, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert result["size"] == PAYLOAD
    assert path.stat().st_size == PAYLOAD
    upload = fake19.last.upload
    assert upload is not None
    assert upload.files["backup_file"][1:] == (PAYLOAD, backup_digest(PAYLOAD))
    assert result["growth"] < LIMIT, f"peak RSS grew by {result['growth'] / 2**20:.1f} MiB"
