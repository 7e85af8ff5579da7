"""The few primitives the client object needs in both flavours: sleeping, and running
calls with at most N in flight (tasks in async code, threads in sync code).
``tools/unasync.py`` maps the async names to the sync. asyncio and the thread pool are
imported when first used, so that sync programs do not load them."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

__all__ = ["Ahead", "AsyncAhead", "abounded_map", "asleep", "bounded_map", "sleep"]

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


class AsyncAhead(Generic[R]):
    """``func(*args)`` started now (a task), its result awaited later: the next page is
    fetched while the caller works on this one."""

    def __init__(self, func: Callable[..., Awaitable[R]], *args: Any) -> None:
        import asyncio

        self._task = asyncio.ensure_future(func(*args))

    async def result(self) -> R:
        return await self._task

    def cancel(self) -> None:
        """Not wanted any more: stop it; a failure it had is dropped."""
        self._task.cancel()
        self._task.add_done_callback(_consume)


def _consume(task: Any) -> None:
    if not task.cancelled():
        task.exception()  # retrieved: no "exception was never retrieved" warning


class Ahead(Generic[R]):
    """The sync twin of :class:`AsyncAhead`: ``func(*args)`` in a thread of its own."""

    def __init__(self, func: Callable[..., R], *args: Any) -> None:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=1)
        self._future = pool.submit(func, *args)
        pool.shutdown(wait=False)

    def result(self) -> R:
        return self._future.result()

    def cancel(self) -> None:
        """Not wanted any more: a thread cannot be stopped, so wait for it (its work is
        bounded) and drop what it gave, so it does not outlive its HTTP client."""
        if not self._future.cancel():
            self._future.exception()
