"""How much the library adds to a call, as a ratio to a raw-HTTP floor in the same run.

    .venv/bin/python bench/bench_calls.py [--calls 2000] [--url http://127.0.0.1:8069/jsonrpc
                                           --db aiotest --password admin]

Without --url it runs against the loopback fake Odoo of the test suite (recorded Odoo 11
and 19 answers), so the numbers measure the client side. For each case the floor is the
same HTTP client posting the same prebuilt bytes and decoding the JSON, nothing else.
Targets: the function layer within 1.15x of the floor, the client object within 1.25x.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from aio_odoorpc_base import aio, sync  # noqa: E402

KEY = "697af3a740bbbb16a574ba89e38fd6b1b0c8d35e"


def timed(func: Callable[[], Any], calls: int) -> float:
    func()  # warm up: connections, caches
    start = time.perf_counter()
    for _ in range(calls):
        func()
    return (time.perf_counter() - start) / calls


async def atimed(func: Callable[[], Awaitable[Any]], calls: int, concurrency: int) -> float:
    await func()
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await func()

    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(calls)))
    return (time.perf_counter() - start) / calls


def best(runs: list[float]) -> float:
    return min(runs) if len(runs) < 3 else statistics.median(sorted(runs)[:3])


def report(name: str, floor: float, measured: dict[str, float]) -> None:
    print(f"\n{name}: floor {floor * 1e6:.0f} us/call")
    for label, value in measured.items():
        print(f"  {label:<32} {value * 1e6:8.0f} us/call  {value / floor:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--url")
    parser.add_argument("--db", default="cap_main")
    parser.add_argument("--uid", type=int, default=1)
    parser.add_argument("--password", default="admin")
    args = parser.parse_args()

    fakes = []
    if args.url is None:
        from tests.support.fake_odoo import FakeOdoo

        fakes = [FakeOdoo().start(), FakeOdoo("odoo19").start()]
        url, url19 = fakes[0].url, fakes[1].base_url
    else:
        url, url19 = args.url, None
    db, uid, password = args.db, args.uid, args.password
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [db, uid, password, "res.partner", "search_count", [[]]],
        },
        "id": 1,
    }
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    try:
        with httpx.Client() as client:
            odoo = sync.OdooRPC(url, database=db, uid=uid, password=password, http_client=client)

            def raw() -> Any:
                return client.post(url, content=body, headers=headers).json()["result"]

            def func() -> Any:
                return sync.execute_kw(
                    client,
                    url,
                    db=db,
                    uid=uid,
                    password=password,
                    obj="res.partner",
                    method="search_count",
                    args=[[]],
                )

            def obj() -> Any:
                return odoo["res.partner"].search_count()

            runs: dict[str, list[float]] = {"raw": [], "execute_kw": [], "OdooRPC": []}
            for _ in range(args.repeat):
                runs["raw"].append(timed(raw, args.calls))
                runs["execute_kw"].append(timed(func, args.calls))
                runs["OdooRPC"].append(timed(obj, args.calls))
            report(
                "sync /jsonrpc, httpx.Client",
                best(runs["raw"]),
                {
                    "sync.execute_kw": best(runs["execute_kw"]),
                    "OdooRPC.search_count": best(runs["OdooRPC"]),
                },
            )

            if url19 is not None:
                j2url = f"{url19}/json/2/res.partner/search_count"
                j2headers = {
                    **headers,
                    "Authorization": f"bearer {KEY}",
                    "X-Odoo-Database": "cap_main",
                }
                j2body = b'{"domain": []}'

                # a client of its own: the Odoo 11 replies above set a session cookie,
                # which Odoo 19 refuses next to X-Odoo-Database (cookies ignore ports)
                client.cookies.clear()

                def raw2() -> Any:
                    return client.post(j2url, content=j2body, headers=j2headers).json()

                def func2() -> Any:
                    return sync.json2_call(
                        client,
                        url19,
                        api_key=KEY,
                        database="cap_main",
                        model="res.partner",
                        method="search_count",
                        domain=[],
                    )

                runs2: dict[str, list[float]] = {"raw": [], "json2_call": []}
                for _ in range(args.repeat):
                    runs2["raw"].append(timed(raw2, args.calls))
                    runs2["json2_call"].append(timed(func2, args.calls))
                report(
                    "sync JSON-2, httpx.Client",
                    best(runs2["raw"]),
                    {"sync.json2_call": best(runs2["json2_call"])},
                )

        async def amain() -> None:
            async with httpx.AsyncClient() as client:

                async def raw() -> Any:
                    return (await client.post(url, content=body, headers=headers)).json()["result"]

                async def func() -> Any:
                    return await aio.execute_kw(
                        client,
                        url,
                        db=db,
                        uid=uid,
                        password=password,
                        obj="res.partner",
                        method="search_count",
                        args=[[]],
                    )

                floor, measured = [], []
                for _ in range(args.repeat):
                    floor.append(await atimed(raw, args.calls, args.concurrency))
                    measured.append(await atimed(func, args.calls, args.concurrency))
                report(
                    f"async /jsonrpc, httpx.AsyncClient, {args.concurrency} in flight",
                    best(floor),
                    {"aio.execute_kw": best(measured)},
                )

        asyncio.run(amain())
    finally:
        for fake in fakes:
            fake.stop()


if __name__ == "__main__":
    main()
