"""The library with none of its extras: no httpx, aiohttp, requests or orjson importable.
Run in a subprocess where those imports fail, against the fake Odoo 11 and 19."""

from __future__ import annotations

import subprocess
import sys

from ..support.recorded_odoo import RecordedOdoo

SCRIPT = """
import sys
for name in ("httpx", "aiohttp", "requests", "orjson", "yarl", "pyarrow", "duckdb", "dlt"):
    sys.modules[name] = None  # import fails as if not installed
import json, urllib.request
import aio_odoorpc_base
from aio_odoorpc_base import _json, errors, sync

assert _json.dumps is _json._std_dumps, "orjson should be absent"
url, url19 = sys.argv[1:]

def poster(url, payload, headers=None):
    req = urllib.request.Request(url, json.dumps(payload).encode(),
                                 {"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(req) as resp:
        return json.loads(resp.read())

print(sync.version(poster, url)["server_version"])
import asyncio
from aio_odoorpc_base import aio
from aio_odoorpc_base.builtin import BuiltinClient
with sync.OdooRPC(url, database="d", login="a", password="p") as odoo:
    print("default client:", type(odoo.http_client).__name__)

async def main():
    async with aio.AsyncOdooRPC(url, database="d", login="a", password="p") as odoo:
        print("default async client:", type(odoo.http_client).__name__)
        print("async call:", (await aio.version(odoo.http_client, url))["server_serie"])
asyncio.run(main())
with BuiltinClient() as client:
    print("web routes:", sync.web_list_databases(client, url19)[:1])
import pathlib, tempfile
from aio_odoorpc_base.testing import FakeOdoo
with FakeOdoo(version="17.0") as fake, fake.client() as odoo:
    out = pathlib.Path(tempfile.mkdtemp()) / "p.csv"
    print("csv export:", odoo["res.partner"].export([], ["name"]).to_file(out).rows)
    try:
        odoo["res.partner"].export().to_file(out.with_suffix(".parquet"))
    except aio_odoorpc_base.errors.ExportError as exc:
        print("parquet:", str(exc).split(":")[0])
try:
    import aio_odoorpc_base.dlt
except ImportError as exc:
    print("dlt:", exc)
"""


def test_works_without_any_extra(fake: RecordedOdoo, fake19: RecordedOdoo) -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, fake.url, fake19.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split("\n")[:8] == [
        "11.0",
        "default client: BuiltinClient",
        "default async client: AsyncBuiltinClient",
        "async call: 11.0",
        "web routes: ['acc19']",
        "csv export: 1",
        "parquet: Arrow, Parquet and DuckDB exports need pyarrow",
        "dlt: the dlt source needs dlt: pip install 'aio-odoorpc-base[dlt]'",
    ]
