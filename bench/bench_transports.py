"""The built-in client against the raw standard library, and the other clients against
their own raw floors, on a keep-alive loopback stub (run on demand, never in the tests).

    .venv/bin/python bench/bench_transports.py [--calls 2000] [--repeat 3] [--quick]

S1: small sequential ``search_count`` calls through ``sync.execute_kw`` (and the client
object), each path interleaved with its floor: the same HTTP library posting prebuilt
bytes on a kept-alive connection and decoding the JSON, nothing else. S5: a fresh
process to its first call (import included), built-in client against httpx. The stub runs
in its own process (asyncio, precomputed replies that echo the request id), so it shares
no interpreter lock with the client. Reported as medians and ratios to the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

ID = re.compile(rb'"id":\s*(\d+)')


def serve(port: int) -> None:
    """The stub: every POST gets ``{"jsonrpc": "2.0", "id": <its id>, "result": 42}``."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
                body = await reader.readexactly(length)
                rid = ID.search(body)
                reply = b'{"jsonrpc": "2.0", "id": %s, "result": 42}' % (
                    rid.group(1) if rid else b"null"
                )
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(reply), reply)
                )
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


PAYLOAD = {
    "jsonrpc": "2.0",
    "method": "call",
    "id": 7,
    "params": {
        "service": "object",
        "method": "execute_kw",
        "args": ["db", 2, "pw", "res.partner", "search_count", [[]]],
    },
}
BODY = json.dumps(PAYLOAD).encode()


def paths(url: str) -> dict[str, tuple[Callable[[], Any], Callable[[], Any]]]:
    """label -> (floor, library path)."""
    import httpx
    import requests

    from aio_odoorpc_base import sync
    from aio_odoorpc_base.builtin import BuiltinClient

    host, port = url.split("//")[1].split("/")[0].split(":")
    raw = http.client.HTTPConnection(host, int(port))
    headers = {"Content-Type": "application/json"}

    def raw_stdlib() -> Any:
        raw.request("POST", "/jsonrpc", BODY, headers)
        return json.loads(raw.getresponse().read())

    builtin = BuiltinClient()
    hx = httpx.Client()
    rq = requests.Session()
    odoo = sync.OdooRPC(url, database="db", uid=2, password="pw", protocol="jsonrpc")
    partner = odoo["res.partner"]

    def call(client: Any) -> Callable[[], Any]:
        return lambda: sync.execute_kw(
            client, url, db="db", uid=2, password="pw", obj="res.partner",
            method="search_count", args=[[]],
        )  # fmt: skip

    return {
        "built-in: sync.execute_kw": (raw_stdlib, call(builtin)),
        "built-in: OdooRPC (no client given)": (raw_stdlib, lambda: partner.search_count([])),
        "httpx.Client: sync.execute_kw": (
            lambda: hx.post(url, content=BODY, headers=headers).json(),
            call(hx),
        ),
        "requests.Session: sync.execute_kw": (
            lambda: rq.post(url, data=BODY, headers=headers).json(),
            call(rq),
        ),
    }


def timed(func: Callable[[], Any], calls: int) -> float:
    func()
    start = time.perf_counter()
    for _ in range(calls):
        func()
    return (time.perf_counter() - start) / calls


FIRST_CALL = """
import time; t0 = time.perf_counter()
import sys; sys.path.insert(0, {src!r})
from aio_odoorpc_base import sync
{make}
t1 = time.perf_counter()
sync.execute_kw(client, {url!r}, db="db", uid=2, password="pw", obj="res.partner",
                method="search_count", args=[[]])
t2 = time.perf_counter()
print(t1 - t0, t2 - t0)
"""


def first_call(url: str, make: str) -> tuple[float, float]:
    code = FIRST_CALL.format(src=str(ROOT / "src"), url=url, make=make)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, called = map(float, out.stdout.split())
    return imported, called


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="500 calls, 3 repeats")
    parser.add_argument("--port", type=int, default=18069)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port)
        return
    calls = 500 if args.quick else args.calls
    url = f"http://127.0.0.1:{args.port}/jsonrpc"
    stub = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(args.port)])
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).connect()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        table = paths(url)
        results: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in table}
        for _ in range(args.repeat):  # interleaved: floor, path, next floor, ...
            for label, (floor, path) in table.items():
                results[label][0].append(timed(floor, calls))
                results[label][1].append(timed(path, calls))
        print(f"S1: {calls} sequential search_count calls, median of {args.repeat}, keep-alive")
        print(f"  {'path':<38}{'floor us':>9}{'path us':>9}{'ratio':>7}")
        for label, (floors, measured) in results.items():
            f, m = statistics.median(floors), statistics.median(measured)
            print(f"  {label:<38}{f * 1e6:9.0f}{m * 1e6:9.0f}{m / f:7.2f}x")
        print("S5: a fresh process to its first call (median of 5)")
        for label, make in (
            ("built-in client", "from aio_odoorpc_base.builtin import BuiltinClient\n"
             "client = BuiltinClient()"),
            ("httpx.Client", "import httpx\nclient = httpx.Client()"),
        ):  # fmt: skip
            runs = [first_call(url, make) for _ in range(5)]
            imp = statistics.median(r[0] for r in runs)
            total = statistics.median(r[1] for r in runs)
            print(f"  {label:<20} ready {imp * 1e3:6.1f} ms, first call done {total * 1e3:6.1f} ms")
    finally:
        stub.terminate()
        stub.wait()


if __name__ == "__main__":
    main()
