"""The benchmark: this library against raw HTTP floors, and against other Odoo clients.

    .venv/bin/python bench/bench.py            # full run (a few minutes)
    .venv/bin/python bench/bench.py --quick    # under 2 minutes
    .venv/bin/python bench/bench.py --compare  # also odoorpc, odooly, aio-odoorpc-base
                                               # 3.0.4 (installed into .bench/ venvs)

A loopback stub in its own process answers /jsonrpc and the routes other clients use
with precomputed replies (echoing the request id), so the numbers measure the client
side. Each path runs interleaved with its floor (the same HTTP library posting prebuilt
bytes on a kept-alive connection and decoding the JSON with the same JSON library,
nothing else); medians of the repeats, and their ratio to the floor.

S1 small sequential search_count calls; S2 search_read of 100 records; S3 one
search_read of 50,000 records in a fresh process (time, and peak RSS growth); S4 async
calls with 64 in flight (64 workers), the floor's client and the path's open side by
side, in bursts of 500 calls that alternate between them, the ratio the median of the
bursts' ratios; S5 a fresh process to its first call (import time apart).
Never a timed assertion in the test suite: run this on demand.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
BENCH_VENVS = ROOT / ".bench"

ID = re.compile(rb'"id":\s*(\d+)')
FIELDS = ["name", "email", "is_company", "write_date"]


def records(count: int) -> bytes:
    rows = [
        {
            "id": i,
            "name": f"Partner {i}",
            "email": f"p{i}@example.com",
            "is_company": i % 7 == 0,
            "write_date": "2026-11-29 10:00:00",
        }
        for i in range(1, count + 1)
    ]
    return json.dumps(rows).encode()


VERSION = (
    b'{"server_version": "17.0", "server_version_info": [17, 0, 0, "final", 0, ""], '
    b'"server_serie": "17.0", "protocol_version": 1}'
)


def serve(port: int) -> None:
    """The stub: every POST gets an envelope with the request's id and a result chosen by
    what the body asks (version, search_read of 100 or 50,000 records, else 42)."""
    small, large = records(100), records(50_000)

    def result(head: bytes, body: bytes) -> tuple[bytes, float]:
        if b"version_info" in head or b'"version"' in body:
            return VERSION, 0.0
        if b"search_read" in body:
            return (large if b"50000" in body else small), 0.0
        return b"42", 0.0

    serve_jsonrpc(port, result)


def serve_jsonrpc(port: int, answer: Callable[[bytes, bytes], tuple[bytes, float]]) -> None:
    """A loopback JSON-RPC stub on ``port``: each POST gets an envelope with its id and
    the result ``answer(head, body)`` gives, after the delay it gives (other requests are
    answered meanwhile). Also serves bench/export.py."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                found = re.search(rb"(?i)content-length:\s*(\d+)", head)
                body = await reader.readexactly(int(found.group(1)) if found else 0)
                result, delay = answer(head, body)
                if delay:
                    await asyncio.sleep(delay)
                rid = ID.search(body)
                reply = b'{"jsonrpc": "2.0", "id": %s, "result": %s}' % (
                    rid.group(1) if rid else b"null",
                    result,
                )
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(reply), reply)
                )
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=256)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def payload(method: str, args: list[Any], kw: dict[str, Any] | None = None) -> bytes:
    call = ["db", 2, "pw", "res.partner", method, args] + ([kw] if kw else [])
    params = {"service": "object", "method": "execute_kw", "args": call}
    return json.dumps({"jsonrpc": "2.0", "method": "call", "id": 7, "params": params}).encode()


S1_BODY = payload("search_count", [[]])
S2_KW = {"fields": FIELDS, "limit": 100}
S2_BODY = payload("search_read", [[]], S2_KW)
JSON_HEADERS = {"Content-Type": "application/json"}


def loads() -> Callable[[bytes], Any]:
    try:
        import orjson
    except ImportError:
        return json.loads
    return orjson.loads


# --- S1 and S2: sequential calls ------------------------------------------------------


def sequential_paths(url: str, body: bytes, method: str, kw: Any) -> dict[str, Any]:
    """label -> (floor, path) for one scenario."""
    import httpx
    import requests

    from aio_odoorpc_base import sync
    from aio_odoorpc_base.builtin import BuiltinClient

    decode = loads()
    host, port = url.split("//")[1].split("/")[0].split(":")
    raw = http.client.HTTPConnection(host, int(port))

    def raw_stdlib() -> Any:
        raw.request("POST", "/jsonrpc", body, JSON_HEADERS)
        return decode(raw.getresponse().read())

    builtin, hx, rq = BuiltinClient(), httpx.Client(), requests.Session()
    odoo = sync.OdooRPC(url, database="db", uid=2, password="pw", protocol="jsonrpc")
    partner = odoo["res.partner"]

    def call(client: Any) -> Callable[[], Any]:
        return lambda: sync.execute_kw(
            client, url, db="db", uid=2, password="pw", obj="res.partner",
            method=method, args=[[]], kw=kw,
        )  # fmt: skip

    def model() -> Any:
        if method == "search_count":
            return partner.search_count([])
        return partner.search_read([], **kw)

    return {
        "built-in, sync.execute_kw": (raw_stdlib, call(builtin)),
        "built-in, OdooRPC (no client given)": (raw_stdlib, model),
        "httpx.Client, sync.execute_kw": (
            lambda: decode(hx.post(url, content=body, headers=JSON_HEADERS).content),
            call(hx),
        ),
        "requests.Session, sync.execute_kw": (
            lambda: decode(rq.post(url, data=body, headers=JSON_HEADERS).content),
            call(rq),
        ),
    }


def timed(func: Callable[[], Any], calls: int) -> float:
    func()
    start = time.perf_counter()
    for _ in range(calls):
        func()
    return (time.perf_counter() - start) / calls


def interleaved(
    table: dict[str, Any], calls: int, repeat: int
) -> dict[str, tuple[float, float, float]]:
    """label -> (floor, path, ratio): medians; the ratio is the median of each round's own
    path/floor ratio, so a slow spell of the machine weighs on both sides of it."""
    runs: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in table}
    for _ in range(repeat):  # floor, path, next floor, ...
        for label, (floor, path) in table.items():
            runs[label][0].append(timed(floor, calls))
            runs[label][1].append(timed(path, calls))
    return {
        k: (
            statistics.median(f),
            statistics.median(p),
            statistics.median(b / a for a, b in zip(f, p, strict=True)),
        )
        for k, (f, p) in runs.items()
    }


# --- other clients, each in its own venv ------------------------------------------------

OWN_DEFAULTS = "aio-odoorpc-base 4, no extras (own venv)"
OTHERS = {
    # this checkout, installed as a user would with no extra: no orjson, no HTTP library
    OWN_DEFAULTS: ("own", [str(ROOT)]),
    "odoorpc 0.10.1": ("others", ["odoorpc==0.10.1", "orjson"]),
    "odooly 2.6.7": ("others", ["odooly==2.6.7"]),
    "aio-odoorpc-base 3.0.4 + httpx": ("v304", ["aio-odoorpc-base==3.0.4", "httpx"]),
}
OTHER_CALL = {
    OWN_DEFAULTS: (
        "from aio_odoorpc_base.sync import OdooRPC\n"
        "odoo = OdooRPC({url!r}, database='db', uid=2, password='pw', protocol='jsonrpc')\n"
        "partner = odoo['res.partner']\n"
        "def call(method, kw):\n"
        "    return partner.call(method, [], **(kw or {{}}))\n"
    ),
    "odoorpc 0.10.1": (
        "import odoorpc\nodoo = odoorpc.ODOO({host!r}, port={port})\n"
        "def call(method, kw):\n"
        "    return odoo.json('/jsonrpc', {{'service': 'object', 'method': 'execute_kw',"
        " 'args': ['db', 2, 'pw', 'res.partner', method, [[]]] + ([kw] if kw else [])}})"
        "['result']\n"
    ),
    "odooly 2.6.7": (
        "import odooly\nclient = odooly.Client({url!r})\n"
        "def call(method, kw):\n"
        "    return client._object.execute_kw('db', 2, 'pw', 'res.partner', method, [[]],"
        " *([kw] if kw else []))\n"
    ),
    "aio-odoorpc-base 3.0.4 + httpx": (
        "import httpx\nfrom aio_odoorpc_base.sync.object import execute_kw\n"
        "http = httpx.Client()\n"
        "def call(method, kw):\n"
        "    return execute_kw(http, {url!r}, db='db', uid=2, password='pw',"
        " obj='res.partner', method=method, args=[[]], kw=kw)\n"
    ),
}
OTHER_RUN = """
import time
t0 = time.perf_counter()
import sys, json, resource
{setup}
t1 = time.perf_counter()
call('search_count', None)
t2 = time.perf_counter()
out = {{"ready": t1 - t0, "first": t2 - t0}}
for label, method, kw, n in {scenarios!r}:
    call(method, kw)
    start = time.perf_counter()
    for _ in range(n):
        call(method, kw)
    out[label] = (time.perf_counter() - start) / n
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
rows = call('search_read', {{"fields": {fields!r}, "limit": 50000}})
out["S3"] = time.perf_counter() - start
out["S3 rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
assert len(rows) == 50000
print(json.dumps(out))
"""


def other_python(venv: str, packages: list[str]) -> Path | None:
    path = BENCH_VENVS / venv
    python = path / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    done = path / "installed.txt"
    if str(ROOT) in packages:  # this checkout: reinstalled every run, it changes
        done.unlink(missing_ok=True)
        packages = ["--force-reinstall", *packages]
    wanted = sorted(set(packages) | set(done.read_text().split() if done.exists() else []))
    if not done.exists() or set(wanted) != set(done.read_text().split()):
        result = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *wanted], capture_output=True, text=True
        )
        if result.returncode:
            print(f"  (could not install {' '.join(wanted)}: {result.stderr.strip()[:200]})")
            return None
        done.write_text(" ".join(wanted))
    return python


def run_other(
    label: str, url: str, calls: int, s2_calls: int, repeat: int
) -> dict[str, float] | None:
    """Medians of ``repeat`` fresh processes of the other client (one sample of a fresh
    process's first call, or of a 50,000-record decode, says little on a shared VM)."""
    runs = []
    for _ in range(repeat):
        got = _run_other_once(label, url, calls, s2_calls)
        if got is None:
            return None
        runs.append(got)
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def _run_other_once(label: str, url: str, calls: int, s2_calls: int) -> dict[str, float] | None:
    venv, packages = OTHERS[label]
    python = other_python(venv, packages)
    if python is None:
        return None
    host, port = url.split("//")[1].split("/")[0].split(":")
    setup = OTHER_CALL[label].format(url=url, host=host, port=port)
    scenarios = [("S1", "search_count", None, calls), ("S2", "search_read", S2_KW, s2_calls)]
    code = OTHER_RUN.format(setup=setup, scenarios=scenarios, fields=FIELDS)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, env=env, cwd="/"
    )
    if out.returncode:
        print(f"  ({label} failed: {out.stderr.strip()[-300:]})")
        return None
    return dict(json.loads(out.stdout))


# --- S3: a large result in a fresh process ---------------------------------------------

S3_RUN = """
import sys, time, json, resource
sys.path.insert(0, {src!r})
{setup}
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
rows = fetch()
took = time.perf_counter() - start
assert len(rows) == 50000, len(rows)
print(json.dumps({{"time": took, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss}}))
"""
S3_PATHS = {
    "raw http.client + same JSON library": (
        "import http.client\n"
        "try:\n    from orjson import loads\nexcept ImportError:\n    from json import loads\n"
        "conn = http.client.HTTPConnection({host!r}, {port})\n"
        "conn.request('POST', '/jsonrpc', {small!r}, {{'Content-Type': 'application/json'}})\n"
        "conn.getresponse().read()  # warm up with a small call, as the library path does\n"
        "def fetch():\n"
        "    conn.request('POST', '/jsonrpc', {body!r}, {{'Content-Type': 'application/json'}})\n"
        "    return loads(conn.getresponse().read())['result']\n"
    ),
    "built-in, sync.execute_kw": (
        "from aio_odoorpc_base import sync\nfrom aio_odoorpc_base.builtin import BuiltinClient\n"
        "client = BuiltinClient()\n"
        "sync.version(client, {url!r})\n"
        "def fetch():\n"
        "    return sync.execute_kw(client, {url!r}, db='db', uid=2, password='pw',"
        " obj='res.partner', method='search_read', args=[[]],"
        " kw={{'fields': {fields!r}, 'limit': 50000}})\n"
    ),
    "built-in (asyncio), aio.execute_kw": (
        "import asyncio\nfrom aio_odoorpc_base import aio\n"
        "from aio_odoorpc_base.builtin import AsyncBuiltinClient\n"
        "loop = asyncio.new_event_loop()\nclient = AsyncBuiltinClient()\n"
        "loop.run_until_complete(aio.version(client, {url!r}))\n"
        "def fetch():\n"
        "    return loop.run_until_complete(aio.execute_kw(client, {url!r}, db='db', uid=2,"
        " password='pw', obj='res.partner', method='search_read', args=[[]],"
        " kw={{'fields': {fields!r}, 'limit': 50000}}))\n"
    ),
}


def s3(url: str, repeat: int) -> dict[str, tuple[float, float]]:
    host, port = url.split("//")[1].split("/")[0].split(":")
    body = payload("search_read", [[]], {"fields": FIELDS, "limit": 50000})
    results: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in S3_PATHS}
    for _ in range(repeat):
        for label, setup in S3_PATHS.items():
            code = S3_RUN.format(
                src=str(ROOT / "src"),
                setup=setup.format(
                    url=url, host=host, port=port, body=body, small=S1_BODY, fields=FIELDS
                ),
            )
            out = json.loads(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True
                ).stdout
            )
            results[label][0].append(out["time"])
            results[label][1].append(out["rss"])
    return {k: (statistics.median(t), statistics.median(r)) for k, (t, r) in results.items()}


# --- S4: async calls, 64 in flight ----------------------------------------------------

ON_UVLOOP = ", on uvloop"
BURST = 500  # calls per burst: S4 alternates bursts of the floor and of the path


@asynccontextmanager
async def s4_client(url: str, label: str) -> AsyncIterator[Callable[[], Awaitable[Any]]]:
    """One call of ``label``, on a client kept open for the whole pairing."""
    import aiohttp
    import httpx

    from aio_odoorpc_base import aio
    from aio_odoorpc_base.builtin import AsyncBuiltinClient

    decode = loads()

    def lib(client: Any) -> Callable[[], Awaitable[Any]]:
        return lambda: aio.execute_kw(
            client, url, db="db", uid=2, password="pw", obj="res.partner",
            method="search_count", args=[[]],
        )  # fmt: skip

    if label == "raw asyncio streams, prebuilt bytes":
        host, port = url.split("//")[1].split("/")[0].split(":")
        request = (
            f"POST /jsonrpc HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json"
            f"\r\nContent-Length: {len(S1_BODY)}\r\n\r\n"
        ).encode() + S1_BODY
        pool: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

        async def raw_asyncio() -> Any:
            reader, writer = pool.pop() if pool else await asyncio.open_connection(host, port)
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            size = int(head[head.index(b"Content-Length: ") + 16 :].split(b"\r\n", 1)[0])
            body = await reader.readexactly(size)
            pool.append((reader, writer))
            return decode(body)

        yield raw_asyncio
        for _, writer in pool:
            writer.close()
    elif label == "raw asyncio, minimal JSON-RPC":
        yield await minimal_jsonrpc(url)
    elif label == "raw aiohttp + orjson":
        async with aiohttp.ClientSession() as session:

            async def raw() -> Any:
                async with session.post(url, data=S1_BODY, headers=JSON_HEADERS) as resp:
                    return decode(await resp.read())

            yield raw
    elif label == "aiohttp, aio.execute_kw":
        async with aiohttp.ClientSession() as session:
            yield lib(session)
    elif label == "AsyncOdooRPC (no client given)":
        async with aio.AsyncOdooRPC(
            url, database="db", uid=2, password="pw", protocol="jsonrpc"
        ) as odoo:
            partner = odoo["res.partner"]
            yield lambda: partner.search_count([])
    elif label == "raw httpx.AsyncClient":
        async with httpx.AsyncClient() as client:

            async def raw_httpx() -> Any:
                return decode(
                    (await client.post(url, content=S1_BODY, headers=JSON_HEADERS)).content
                )

            yield raw_httpx
    elif label == "httpx.AsyncClient, aio.execute_kw":
        async with httpx.AsyncClient() as client:
            yield lib(client)
    else:
        async with AsyncBuiltinClient() as builtin:
            yield lib(builtin)


async def minimal_jsonrpc(url: str) -> Callable[[], Awaitable[Any]]:
    """The least a correct JSON-RPC client does per call, by hand on asyncio streams: the
    request encoded with the same JSON library (a fresh id), the status and length read,
    the body decoded, the id and the error checked. No deadline, no redirect or chunked
    handling, no argument checks: a floor, not a client."""
    dumps: Callable[[Any], bytes]
    try:
        import orjson

        dumps = orjson.dumps
    except ImportError:
        dumps = lambda value: json.dumps(value).encode()  # noqa: E731

    decode = loads()
    host, port = url.split("//")[1].split("/")[0].split(":")
    prefix = f"POST /jsonrpc HTTP/1.1\r\nHost: {host}:{port}\r\n".encode()
    pool: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    ids = iter(range(1, 1 << 62))

    async def call() -> Any:
        rid = next(ids)
        body = dumps({"jsonrpc": "2.0", "method": "call", "id": rid, "params": {
            "service": "object", "method": "execute_kw",
            "args": ["db", 2, "pw", "res.partner", "search_count", [[]]]}})  # fmt: skip
        reader, writer = pool.pop() if pool else await asyncio.open_connection(host, port)
        writer.write(b"%sContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                     % (prefix, len(body), body))  # fmt: skip
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200 "):
            raise RuntimeError(head[:40])
        size = int(head[head.index(b"Content-Length: ") + 16 :].split(b"\r\n", 1)[0])
        reply = decode(await reader.readexactly(size))
        pool.append((reader, writer))
        if reply.get("id") != rid or "error" in reply:
            raise RuntimeError(reply)
        return reply["result"]

    return call


async def burst(one: Callable[[], Awaitable[Any]], calls: int) -> float:
    """Seconds for ``calls`` calls made by 64 workers: 64 in flight, and no thousands of
    waiting tasks whose upkeep would weigh on the floor and the path alike."""
    left = iter(range(calls))

    async def worker() -> None:
        for _ in left:
            await one()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(64)))
    return time.perf_counter() - start


async def s4_pair(url: str, path: str, floor: str, calls: int) -> tuple[float, float, float]:
    """(floor rate, path rate, ratio): both clients open side by side, bursts of the
    floor and of the path alternating (ABBA), so a slow spell of the machine (frequent
    on a shared VM) falls on both; the ratio is the median of the bursts' ratios."""
    async with s4_client(url, floor) as raw, s4_client(url, path) as ours:
        await burst(raw, 128)  # warm up: 64 connections each
        await burst(ours, 128)
        ratios, spent_raw, spent_ours = [], 0.0, 0.0
        for i in range(max(calls // BURST, 4)):
            if i % 2:
                a, b = await burst(raw, BURST), await burst(ours, BURST)
            else:
                b, a = await burst(ours, BURST), await burst(raw, BURST)
            ratios.append(a / b)
            spent_raw += a
            spent_ours += b
    done = BURST * len(ratios)
    return done / spent_raw, done / spent_ours, statistics.median(ratios)


S4_PAIRS = [
    ("raw aiohttp + orjson", "raw asyncio streams, prebuilt bytes"),  # the stub's headroom
    ("aiohttp, aio.execute_kw", "raw aiohttp + orjson"),
    ("AsyncOdooRPC (no client given)", "raw aiohttp + orjson"),
    ("AsyncBuiltinClient (asyncio), aio.execute_kw", "raw asyncio streams, prebuilt bytes"),
    ("AsyncBuiltinClient (asyncio), aio.execute_kw", "raw asyncio, minimal JSON-RPC"),
    ("AsyncOdooRPC (no client given)", "raw asyncio, minimal JSON-RPC"),
    ("httpx.AsyncClient, aio.execute_kw", "raw httpx.AsyncClient"),
    # the same two on uvloop, when installed (both sides on it)
    ("AsyncBuiltinClient (asyncio), aio.execute_kw" + ON_UVLOOP,
     "raw asyncio streams, prebuilt bytes" + ON_UVLOOP),
    ("AsyncOdooRPC (no client given)" + ON_UVLOOP, "raw aiohttp + orjson" + ON_UVLOOP),
]  # fmt: skip


def s4(url: str, calls: int) -> dict[tuple[str, str], tuple[float, float, float]]:
    """(path, floor) -> (floor rate, path rate, ratio); the uvloop rows only when it is
    installed."""
    rates = {}
    for p, f in S4_PAIRS:
        if not p.endswith(ON_UVLOOP):
            rates[p, f] = asyncio.run(s4_pair(url, p, f, calls))
            continue
        try:
            import uvloop
        except ImportError:
            continue
        path, floor = p.removesuffix(ON_UVLOOP), f.removesuffix(ON_UVLOOP)
        rates[p, f] = uvloop.run(s4_pair(url, path, floor, calls))
    return rates


S1_ASYNC = [
    ("AsyncOdooRPC (no client given)", "raw asyncio streams, prebuilt bytes"),
    ("AsyncBuiltinClient (asyncio), aio.execute_kw", "raw asyncio streams, prebuilt bytes"),
    ("AsyncBuiltinClient (asyncio), aio.execute_kw", "raw asyncio, minimal JSON-RPC"),
]


async def s1_async_pair(url: str, path: str, floor: str, calls: int, repeat: int) -> Any:
    """Sequential calls, one at a time: (floor µs, path µs, ratio), rounds alternating."""
    async with s4_client(url, floor) as raw, s4_client(url, path) as ours:

        async def timed_async(one: Callable[[], Awaitable[Any]]) -> float:
            await one()
            start = time.perf_counter()
            for _ in range(calls):
                await one()
            return (time.perf_counter() - start) / calls

        f, p = [], []
        for _ in range(repeat):
            f.append(await timed_async(raw))
            p.append(await timed_async(ours))
    ratio = statistics.median(b / a for a, b in zip(f, p, strict=True))
    return statistics.median(f), statistics.median(p), ratio


# --- S5: a fresh process to its first call ---------------------------------------------

FIRST_CALL = """
import time; t0 = time.perf_counter()
import sys; sys.path.insert(0, {src!r})
{make}
t1 = time.perf_counter()
{call}
t2 = time.perf_counter()
print(t1 - t0, t2 - t0)
"""
LIB_CALL = (
    "sync.execute_kw(client, {url!r}, db='db', uid=2, password='pw', obj='res.partner',"
    " method='search_count', args=[[]])"
)
S5_PATHS = {
    "raw http.client + same JSON library": (
        "import http.client\n"
        "try:\n    from orjson import loads\nexcept ImportError:\n    from json import loads",
        "c = http.client.HTTPConnection({host!r}, {port})\n"
        "c.request('POST', '/jsonrpc', {body!r}, {{'Content-Type': 'application/json'}})\n"
        "loads(c.getresponse().read())",
    ),
    "built-in client": (
        "from aio_odoorpc_base import sync\nfrom aio_odoorpc_base.builtin import BuiltinClient\n"
        "client = BuiltinClient()",
        LIB_CALL,
    ),
    "OdooRPC (no client given)": (
        "from aio_odoorpc_base.sync import OdooRPC\n"
        "odoo = OdooRPC({url!r}, database='db', uid=2, password='pw', protocol='jsonrpc')",
        "odoo['res.partner'].search_count([])",
    ),
    "AsyncOdooRPC (no client given)": (
        "import asyncio\nfrom aio_odoorpc_base import AsyncOdooRPC\n"
        "odoo = AsyncOdooRPC({url!r}, database='db', uid=2, password='pw', protocol='jsonrpc')",
        "asyncio.run(odoo['res.partner'].search_count([]))",
    ),
    "httpx.Client": (
        "from aio_odoorpc_base import sync\nimport httpx\nclient = httpx.Client()",
        LIB_CALL,
    ),
}


def s5(url: str, runs: int) -> dict[str, tuple[float, float]]:
    host, port = url.split("//")[1].split("/")[0].split(":")
    out: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in S5_PATHS}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(runs):
        for label, (make, call) in S5_PATHS.items():
            fmt = {"url": url, "host": host, "port": port, "body": S1_BODY}
            code = FIRST_CALL.format(
                src=str(ROOT / "src"), make=make.format(**fmt), call=call.format(**fmt)
            )
            res = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            )
            ready, first = map(float, res.stdout.split())
            out[label][0].append(ready)
            out[label][1].append(first)
    return {k: (statistics.median(r), statistics.median(f)) for k, (r, f) in out.items()}


# --- the report ------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer calls: under 2 minutes")
    parser.add_argument("--compare", action="store_true", help="odoorpc, odooly and 3.0.4 too")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--port", type=int, default=18069)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port)
        return
    s1_calls, s2_calls, s4_calls = (500, 100, 4000) if args.quick else (2000, 300, 10000)
    url = f"http://127.0.0.1:{args.port}/jsonrpc"
    stub = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(args.port)])
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) >= 2:  # the stub on one core, the clients on the others: less noise
        os.sched_setaffinity(stub.pid, cpus[-1:])
        os.sched_setaffinity(0, cpus[:-1])
    try:
        _wait_for(args.port)
        print(f"# {time.strftime('%Y-%m-%d')}, {platform.python_implementation()} "
              f"{platform.python_version()}, {os.cpu_count()} cores (stub pinned to one), "
              f"JSON: {'orjson' if loads() is not json.loads else 'json'}; "
              f"medians of {args.repeat}")  # fmt: skip
        print("\n| scenario | path | floor | path | ratio |\n|---|---|---|---|---|")
        ours: dict[str, float] = {}
        for name, body, method, kw, calls in (
            ("S1 search_count", S1_BODY, "search_count", None, s1_calls),
            ("S2 search_read 100", S2_BODY, "search_read", S2_KW, s2_calls),
        ):
            table = sequential_paths(url, body, method, kw)
            for label, (f, m, ratio) in interleaved(table, calls, args.repeat).items():
                print(f"| {name} | {label} | {f * 1e6:.0f} µs | {m * 1e6:.0f} µs | {ratio:.2f}x |")
                if label.startswith("built-in, OdooRPC"):
                    ours[name[:2]] = m
        for path, floor in S1_ASYNC:
            f, m, ratio = asyncio.run(s1_async_pair(url, path, floor, s1_calls, args.repeat))
            print(f"| S1 async search_count, sequential | {path} (floor: {floor}) "
                  f"| {f * 1e6:.0f} µs | {m * 1e6:.0f} µs | {ratio:.2f}x |")  # fmt: skip
        big = s3(url, args.repeat)
        ours["S3"], ours["S3 rss"] = big["built-in, sync.execute_kw"]
        for label, (took, rss) in big.items():
            print(f"| S3 search_read 50,000 | {label} | | {took * 1e3:.0f} ms, "
                  f"+{rss / 1024:.0f} MB | |")  # fmt: skip
        for setup in ("pinned", "shared"):
            if setup == "shared":  # client and stub on every core, as on most machines
                os.sched_setaffinity(stub.pid, cpus)
                os.sched_setaffinity(0, cpus)
            rates = s4(url, s4_calls)
            for (path, floor), (f, p, ratio) in rates.items():
                print(f"| S4 async, 64 in flight, {setup} | {path} (floor: {floor}) "
                      f"| {f:.0f}/s | {p:.0f}/s | {ratio:.2f}x |")  # fmt: skip
        first = s5(url, 5 if args.quick else 9)
        raw_first = first["raw http.client + same JSON library"][1]
        ours["first"] = first["OdooRPC (no client given)"][1]
        for label, (ready, done) in first.items():
            print(f"| S5 fresh process | {label} | import {ready * 1e3:.0f} ms "
                  f"| first call {done * 1e3:.0f} ms | {done / raw_first:.2f}x |")  # fmt: skip
        if args.compare:
            print("\nOther clients, each on its own defaults, against the same stub:\n")
            print("| client | S1 µs | S2 µs | S3 | S5 first call |\n|---|---|---|---|---|")
            this = "aio-odoorpc-base 4, this venv (OdooRPC, no client given)"
            for label in [this, *OTHERS]:
                got = ours if label == this else None
                got = got or run_other(label, url, s1_calls, s2_calls, args.repeat)
                if got:
                    print(f"| {label} | {got['S1'] * 1e6:.0f} | {got['S2'] * 1e6:.0f} "
                          f"| {got['S3'] * 1e3:.0f} ms, +{got['S3 rss'] / 1024:.0f} MB "
                          f"| {got['first'] * 1e3:.0f} ms |")  # fmt: skip
    finally:
        stub.terminate()
        stub.wait()


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


if __name__ == "__main__":
    main()
