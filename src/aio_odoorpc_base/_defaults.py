"""The HTTP client the client object makes when it is given none.

Sync: the built-in client (standard library, keep-alive, no dependency). Async: aiohttp when
installed (the fastest async client measured), else httpx, else the built-in client in
worker threads. Owned clients keep no cookies: the external API needs none.
"""

from __future__ import annotations

from typing import Any

from .builtin import AsyncBuiltinClient, BuiltinClient

__all__ = ["default_async_client", "default_client"]


def default_client(timeout: float) -> BuiltinClient:
    return BuiltinClient(timeout=timeout)


def default_async_client(timeout: float) -> Any:
    """Call from a running event loop (aiohttp sessions belong to one)."""
    try:
        import aiohttp
    except ImportError:
        pass
    else:
        return aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=timeout), cookie_jar=aiohttp.DummyCookieJar()
        )
    try:
        import httpx
    except ImportError:
        return AsyncBuiltinClient(timeout=timeout)
    return httpx.AsyncClient(timeout=timeout)
