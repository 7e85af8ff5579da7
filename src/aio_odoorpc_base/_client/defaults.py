"""The HTTP client the client object makes when it is given none.

Sync: the built-in client (standard library, keep-alive, no dependency). Async: the
built-in client on asyncio (no dependency, and about twice the calls per second of raw
aiohttp in bench/ S4). Owned clients keep no cookies: the external API needs none.
"""

from __future__ import annotations

from typing import Any

from .._transport.socket_client import BuiltinClient

__all__ = ["default_async_client", "default_client"]


def default_client(timeout: float) -> BuiltinClient:
    return BuiltinClient(timeout=timeout)


def default_async_client(timeout: float) -> Any:
    """Call from a running event loop (its connections belong to it)."""
    from .._transport.aio_client import AsyncBuiltinClient  # asyncio: only for async

    return AsyncBuiltinClient(timeout=timeout)
