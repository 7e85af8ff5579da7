"""The export benchmark: records per second of ``Model.export(...).to_file`` against a raw
floor, the share of the Arrow conversion, and peak memory.

    .venv/bin/python bench/export.py              # 200,000 records (about 3 minutes)
    .venv/bin/python bench/export.py --quick      # 50,000 records
    .venv/bin/python bench/export.py --rss        # also 1,000,000 records to Parquet
    .venv/bin/python bench/export.py --odoo-url http://localhost:8069 --odoo-db prod \
        --odoo-password ...                       # a real server's res.partner (CSV)

A loopback stub in its own process (pinned to one core) plays an Odoo whose pages take
``--latency`` seconds each to compute (default 30 ms for 1,000 records), answering
several at once as a server with workers does: it serves ``fields_get``,
``search_count``, ``search`` and ``search_read`` by id (``id > n`` with a limit, or
``id in [...]``) over N generated partners. The floor is a hand-written loop on one
``http.client`` connection: ``search_read`` by id page by page, decoded with the same
JSON library, written with the same writer (the standard csv module, or pyarrow for
Parquet). Medians of the repeats; never a timed assertion in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench import serve_jsonrpc  # noqa: E402 - the same stub loop as bench.py

FIELDS = ["name", "email", "is_company", "parent_id", "category_id", "credit", "write_date"]
DESCRIBED = {
    "id": {"type": "integer", "store": True},
    "name": {"type": "char", "store": True},
    "email": {"type": "char", "store": True},
    "is_company": {"type": "boolean", "store": True},
    "parent_id": {"type": "many2one", "store": True},
    "category_id": {"type": "many2many", "store": True},
    "credit": {"type": "monetary", "store": True},
    "write_date": {"type": "datetime", "store": True},
}
PAGE = 1000
# what is exported: the stub's, or a real server's with --odoo-url
TARGET: dict[str, Any] = {"db": "db", "uid": 2, "password": "pw", "model": "res.partner",
                          "fields": FIELDS}  # fmt: skip


def record(i: int) -> bytes:
    parent = b'[%d, "Company %d"]' % (i // 10 + 1, i // 10 + 1) if i % 3 else b"false"
    tags = b"[1, 2]" if i % 4 == 0 else b"[]"
    email = b'"p%d@example.com"' % i if i % 5 else b"false"
    return (
        b'{"id": %d, "name": "Partner %d", "email": %s, "is_company": %s, "parent_id": %s, '
        b'"category_id": %s, "credit": %d.5, "write_date": "2026-11-%02d 10:00:%02d"}'
        % (i, i, email, b"true" if i % 7 == 0 else b"false", parent, tags, i % 1000,
           i % 28 + 1, i % 60)
    )  # fmt: skip


def serve(port: int, count: int, latency: float) -> None:
    """The stub: each page costs ``latency`` seconds (sleeping, so several overlap); the
    records are made once, so that pages asked at once are answered at once."""
    made = [b""] + [record(i) for i in range(1, count + 1)]

    def answer(head: bytes, raw: bytes) -> tuple[bytes, float]:
        args = json.loads(raw)["params"]["args"]
        method, positional = args[4], args[5]
        kw = args[6] if len(args) > 6 else {}
        if method == "fields_get":
            return json.dumps(DESCRIBED).encode(), 0.0
        if method == "search_count":
            return str(count).encode(), latency / 10
        domain = positional[0] if positional else []
        limit = kw.get("limit") or count
        if kw.get("order") == "write_date desc":
            return b"[" + made[count] + b"]", latency / 10
        ids: Any = range(1, count + 1)  # a range: slicing it costs nothing
        for term in domain:
            if isinstance(term, list) and term[0] == "id" and term[1] == ">":
                ids = range(term[2] + 1, count + 1)
            elif isinstance(term, list) and term[0] == "id" and term[1] == "in":
                ids = [i for i in term[2] if 1 <= i <= count]
        ids = ids[:limit]
        if method == "search":
            return json.dumps(list(ids)).encode(), latency / 10 * len(ids) / PAGE
        return b"[" + b", ".join([made[i] for i in ids]) + b"]", latency * len(ids) / PAGE

    serve_jsonrpc(port, answer)


def loads() -> Callable[[bytes], Any]:
    try:
        import orjson
    except ImportError:
        return json.loads
    return orjson.loads


def floor(url: str, path: Path, fmt: str) -> int:
    """The hand-written loop: search_read by id on one connection, the same writer."""
    decode = loads()
    host, port = url.split("//")[1].split("/")[0].split(":")
    conn = http.client.HTTPConnection(host, int(port))
    last, rows = 0, 0
    writer: Any = None
    out: Any = open(path, "w", newline="", encoding="utf-8") if fmt == "csv" else None  # noqa: SIM115
    while True:
        t = TARGET
        kw = {"fields": t["fields"], "limit": PAGE, "order": "id asc"}
        call = [t["db"], t["uid"], t["password"], t["model"], "search_read",
                [[["id", ">", last]]], kw]  # fmt: skip
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                           "params": {"service": "object", "method": "execute_kw",
                                      "args": call}}).encode()  # fmt: skip
        conn.request("POST", "/jsonrpc", body, {"Content-Type": "application/json"})
        page = decode(conn.getresponse().read())["result"]
        if fmt == "csv":
            if writer is None:
                writer = csv.writer(out)
                writer.writerow(["id", *TARGET["fields"]])
            writer.writerows([r[f] for f in ("id", *TARGET["fields"])] for r in page)
        else:
            import pyarrow.parquet as pq

            table = _floor_table(page)
            if writer is None:
                writer = pq.ParquetWriter(str(path), table.schema, compression="zstd")
            writer.write_table(table)
        rows += len(page)
        if len(page) < PAGE:
            break
        last = page[-1]["id"]
    if out is not None:
        out.close()
    elif writer is not None:
        writer.close()
    return rows


def _floor_table(page: list[dict[str, Any]]) -> Any:
    """What a user writes by hand for Parquet: Odoo's False as null, the many2one split,
    each column typed (from_pylist fails on a column of text and False)."""
    import pyarrow as pa

    def col(name: str) -> list[Any]:
        return [r[name] for r in page]

    parents = col("parent_id")
    return pa.table({
        "id": pa.array(col("id"), pa.int64()),
        "name": pa.array([v or None for v in col("name")], pa.string()),
        "email": pa.array([v or None for v in col("email")], pa.string()),
        "is_company": pa.array(col("is_company"), pa.bool_()),
        "parent_id": pa.array([v[0] if v else None for v in parents], pa.int64()),
        "parent_id_name": pa.array([v[1] if v else None for v in parents], pa.string()),
        "category_id": pa.array(col("category_id"), pa.list_(pa.int64())),
        "credit": pa.array(col("credit"), pa.float64()),
        "write_date": pa.array(col("write_date"), pa.string()).cast(pa.timestamp("s"))
        .cast(pa.timestamp("s", tz="UTC")),
    })  # fmt: skip


def ours(url: str, path: Path, concurrency: int) -> int:
    from aio_odoorpc_base.sync import OdooRPC

    t = TARGET
    with OdooRPC(url, database=t["db"], uid=t["uid"], password=t["password"],
                 protocol="jsonrpc") as odoo:  # fmt: skip
        export = odoo[t["model"]].export(
            [], t["fields"], batch_size=PAGE, concurrency=concurrency, count=False
        )
        return export.to_file(path).rows


def ours_async(url: str, path: Path, concurrency: int) -> int:
    from aio_odoorpc_base import AsyncOdooRPC

    async def run() -> int:
        t = TARGET
        async with AsyncOdooRPC(url, database=t["db"], uid=t["uid"], password=t["password"],
                                protocol="jsonrpc") as o:  # fmt: skip
            export = o[t["model"]].export(
                [], t["fields"], batch_size=PAGE, concurrency=concurrency, count=False
            )
            return (await export.to_file(path)).rows

    return asyncio.run(run())


def arrow_share(url: str) -> tuple[float, float]:
    """(seconds of to_arrow over every batch, seconds of the Parquet export)."""
    from aio_odoorpc_base.sync import OdooRPC

    with OdooRPC(url, database="db", uid=2, password="pw", protocol="jsonrpc") as odoo:
        export = odoo["res.partner"].export([], FIELDS, batch_size=PAGE, concurrency=4)
        batches = list(export.batches())
        batches[0].to_arrow()  # pyarrow's first cast loads its kernels: warm, as the export is
        start = time.perf_counter()
        for batch in batches:
            batch.to_arrow()
        converting = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            odoo["res.partner"].export([], FIELDS, batch_size=PAGE, concurrency=4).to_file(
                Path(tmp) / "x.parquet"
            )
            total = time.perf_counter() - start
    return converting, total


RSS_RUN = """
import sys, tempfile, pathlib
sys.path.insert(0, {src!r})

def hwm():  # the peak resident size of this process (ru_maxrss survives exec on Linux)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

from aio_odoorpc_base.sync import OdooRPC
import pyarrow, pyarrow.parquet
before = hwm()
with OdooRPC({url!r}, database="db", uid=2, password="pw", protocol="jsonrpc") as odoo, \\
        tempfile.TemporaryDirectory() as tmp:
    rows = odoo["res.partner"].export([], {fields!r}, batch_size=1000, concurrency=4).to_file(
        pathlib.Path(tmp) / "x.parquet").rows
print(rows, hwm(), before)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="50,000 records, 3 repeats")
    parser.add_argument("--rss", action="store_true", help="also 1,000,000 to Parquet")
    parser.add_argument("--latency", type=float, default=0.03, help="seconds per 1,000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--port", type=int, default=18169)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--odoo-url", help="a real server instead of the stub (CSV only)")
    parser.add_argument("--odoo-db")
    parser.add_argument("--odoo-login", default="admin")
    parser.add_argument("--odoo-password", default="admin")
    parser.add_argument("--odoo-model", default="res.partner")
    args = parser.parse_args()
    if args.odoo_url:
        real_server(args)
        return
    count, repeat = (50_000, 3) if args.quick else (args.records, args.repeat)
    if args.serve:
        serve(args.port, args.records, args.latency)
        return
    stub = _stub(args.port, count, args.latency)
    url = f"http://127.0.0.1:{args.port}/jsonrpc"
    try:
        _wait_for(args.port)
        print(f"# export of {count:,} records, stub pages {args.latency * 1e3:.0f} ms per "
              f"1,000 (searches a tenth of it); medians of {repeat}\n")  # fmt: skip
        print("| format | path | floor (one connection) | path | ratio |\n|---|---|---|---|---|")
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("csv", "parquet"):
                for flavour, run in (("sync", ours), ("async", ours_async)):
                    for concurrency in (1, 4):
                        floors, paths = [], []
                        for _ in range(repeat):  # floor, path, floor, ...
                            start = time.perf_counter()
                            assert floor(url, Path(tmp) / f"f.{fmt}", fmt) == count
                            floors.append(count / (time.perf_counter() - start))
                            start = time.perf_counter()
                            assert run(url, Path(tmp) / f"o.{fmt}", concurrency) == count
                            paths.append(count / (time.perf_counter() - start))
                        f, p = statistics.median(floors), statistics.median(paths)
                        print(f"| {fmt} | {flavour} export, {concurrency} in flight "
                              f"| {f:,.0f} rec/s | {p:,.0f} rec/s | {p / f:.2f}x |")  # fmt: skip
        converting, total = arrow_share(url)
        print(f"\nArrow conversion: {converting:.2f} s of a {total:.2f} s Parquet export "
              f"({converting / total:.0%})")  # fmt: skip
    finally:
        stub.terminate()
        stub.wait()
    if args.rss:
        big = _stub(args.port + 1, 1_000_000, args.latency / 10)
        try:
            _wait_for(args.port + 1)
            code = RSS_RUN.format(src=str(ROOT / "src"), fields=FIELDS,
                                  url=f"http://127.0.0.1:{args.port + 1}/jsonrpc")  # fmt: skip
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout.split()  # fmt: skip
            rows, peak, before = map(int, out)
            print(f"1,000,000 records to Parquet: {rows:,} rows, peak RSS {peak / 1024:.0f} MB "
                  f"(after its imports, pyarrow included: {before / 1024:.0f} MB)")  # fmt: skip
        finally:
            big.terminate()
            big.wait()


def real_server(args: argparse.Namespace) -> None:
    """The same table against a real Odoo (on demand: it reads, never writes)."""
    from aio_odoorpc_base.sync import OdooRPC

    url = args.odoo_url.rstrip("/") + "/jsonrpc"
    with OdooRPC(url, database=args.odoo_db, login=args.odoo_login,
                 password=args.odoo_password, protocol="jsonrpc") as odoo:  # fmt: skip
        model = odoo[args.odoo_model]
        skip = ("binary", "one2many")
        stored = [n for n, f in model.fields_get().items()
                  if f.get("store") and f.get("type") not in skip][:12]  # fmt: skip
        TARGET.update(db=args.odoo_db, uid=odoo.uid(), password=args.odoo_password,
                      model=args.odoo_model, fields=[f for f in stored if f != "id"])  # fmt: skip
        count = model.search_count([])
    print(f"# {args.odoo_model} on {args.odoo_url}: {count:,} records, "
          f"{len(TARGET['fields'])} fields; medians of {args.repeat}\n")  # fmt: skip
    print("| path | floor (one connection) | path | ratio |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for flavour, run in (("sync", ours), ("async", ours_async)):
            for concurrency in (1, 4):
                floors, paths = [], []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    floor(url, Path(tmp) / "f.csv", "csv")
                    floors.append(count / (time.perf_counter() - start))
                    start = time.perf_counter()
                    run(url, Path(tmp) / "o.csv", concurrency)
                    paths.append(count / (time.perf_counter() - start))
                f, p = statistics.median(floors), statistics.median(paths)
                print(f"| {flavour} export, {concurrency} in flight | {f:,.0f} rec/s "
                      f"| {p:,.0f} rec/s | {p / f:.2f}x |")  # fmt: skip


def _stub(port: int, count: int, latency: float) -> subprocess.Popen[bytes]:
    stub = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(port),
                             "--records", str(count), "--latency", str(latency)])  # fmt: skip
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) >= 2:  # the stub on one core, the clients on the others: less noise
        os.sched_setaffinity(stub.pid, cpus[-1:])
        os.sched_setaffinity(0, cpus[:-1])
    return stub


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the stub did not start")


if __name__ == "__main__":
    main()
