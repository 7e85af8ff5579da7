"""Soak test, run on demand: many calls through the client objects on their defaults,
watching open file descriptors and resident memory (they must stay flat) and errors
(there must be none).

    .venv/bin/python bench/soak.py                       # against the fault server's healthy path
    .venv/bin/python bench/soak.py --url http://127.0.0.1:8069 --db aiotest --password admin

20,000 sync calls (``OdooRPC``, the built-in client) and 20,000 async calls with 64 in
flight (``AsyncOdooRPC``, aiohttp when installed). Exit status 1 when descriptors grow by
more than 5 or memory by more than 20 MB after the first fifth of the calls, or on any
error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from aio_odoorpc_base import aio, sync  # noqa: E402


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Watch:
    def __init__(self, label: str, total: int) -> None:
        self.label, self.total = label, total
        self.samples: list[tuple[int, int, float]] = []
        self.start = time.perf_counter()

    def sample(self, done: int) -> None:
        self.samples.append((done, fds(), rss_mb()))

    def verdict(self) -> bool:
        settled = [s for s in self.samples if s[0] >= self.total // 5]
        fd_growth = settled[-1][1] - settled[0][1]
        rss_growth = settled[-1][2] - settled[0][2]
        took = time.perf_counter() - self.start
        print(
            f"{self.label}: {self.total} calls in {took:.1f} s; descriptors "
            f"{[s[1] for s in self.samples]}, RSS MB {[round(s[2], 1) for s in self.samples]}"
        )
        ok: bool = fd_growth <= 5 and rss_growth <= 20
        print(f"  growth after warm-up: {fd_growth} descriptors, {rss_growth:.1f} MB: "
              f"{'flat' if ok else 'NOT FLAT'}")  # fmt: skip
        return ok


def soak_sync(url: str, kw: dict[str, Any], calls: int) -> bool:
    watch = Watch("sync OdooRPC (built-in client)", calls)
    with sync.OdooRPC(url, **kw) as odoo:
        partner = odoo["res.partner"]
        for done in range(calls + 1):
            if done % (calls // 10) == 0:
                watch.sample(done)
            if done < calls:
                partner.search_count([])
        print(f"  {odoo!r}")
    return watch.verdict()


async def soak_async(url: str, kw: dict[str, Any], calls: int) -> bool:
    watch = Watch("async AsyncOdooRPC (its default client), 64 in flight", calls)
    gate = asyncio.Semaphore(64)
    async with aio.AsyncOdooRPC(url, **kw) as odoo:
        partner = odoo["res.partner"]
        step = calls // 10

        async def one() -> None:
            async with gate:
                await partner.search_count([])

        for start in range(0, calls, step):
            watch.sample(start)
            await asyncio.gather(*(one() for _ in range(step)))
        watch.sample(calls)
        print(f"  {odoo!r}")
    return watch.verdict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url")
    parser.add_argument("--db", default="aiotest")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--calls", type=int, default=20_000)
    args = parser.parse_args()
    if args.url:
        kw = {"database": args.db, "login": args.login, "password": args.password}
        kw["protocol"] = "jsonrpc"
        ok = soak_sync(args.url, kw, args.calls) & asyncio.run(soak_async(args.url, kw, args.calls))
    else:
        from tests.support.fault_server import FaultServer

        with FaultServer(record=False) as server:
            kw = {"database": "db1", "uid": 2, "password": "pw", "protocol": "jsonrpc"}
            url = f"{server.url}/jsonrpc"
            ok = soak_sync(url, kw, args.calls) & asyncio.run(soak_async(url, kw, args.calls))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
