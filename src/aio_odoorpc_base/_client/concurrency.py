"""The few primitives the client object needs in both flavours: sleeping, and running
calls with at most N in flight (tasks in async code, threads in sync code).
``tools/unasync.py`` maps the async names to the sync. asyncio and the thread pool are
imported when first used, so that sync programs do not load them."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

__all__ = ["abounded_map", "asleep", "bounded_map", "sleep"]

T = TypeVar("T")
R = TypeVar("R")


async def asleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def abounded_map(
    func: Callable[[T], Awaitable[R]], items: Sequence[T], limit: int
) -> list[R | BaseException]:
    """``func`` over ``items`` with at most ``limit`` in flight; results (or the
    exception each call raised) in input order."""
    import asyncio

    gate = asyncio.Semaphore(max(limit, 1))

    async def one(item: T) -> R | BaseException:
        async with gate:
            try:
                return await func(item)
            except Exception as exc:
                return exc

    return list(await asyncio.gather(*(one(item) for item in items)))


def bounded_map(func: Callable[[T], R], items: Sequence[T], limit: int) -> list[R | BaseException]:
    """The sync twin of :func:`abounded_map`, in up to ``limit`` threads (the HTTP
    client must be thread-safe, as httpx.Client and requests.Session are)."""

    def one(item: T) -> R | BaseException:
        try:
            return func(item)
        except Exception as exc:
            return exc

    if limit <= 1 or len(items) <= 1:
        return [one(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(limit, len(items))) as pool:
        return list(pool.map(one, items))
