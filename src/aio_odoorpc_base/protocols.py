"""The type names of aio-odoorpc-base 3.0.4, for code written against it.

They are aliases of the types in :mod:`aio_odoorpc_base.types`, so that a type checker
accepts the same HTTP clients as the functions do at run time, and tells a sync client from
an async one (3.0.4's did not).
"""

from __future__ import annotations

from typing import TypeAlias

from .types import (
    AsyncHttpClient,
    AsyncResponse,
    HttpClient,
    Response,
    SupportsAsyncPost,
    SupportsPost,
)

__all__ = [
    "ProtoAsyncHttpClient",
    "ProtoAsyncResponse",
    "ProtoHttpClient",
    "ProtoResponse",
    "T_AsyncHttpClient",
    "T_AsyncResponse",
    "T_HttpClient",
    "T_Response",
]

ProtoResponse: TypeAlias = Response
"""A response with a synchronous ``.json()`` (requests, httpx)."""
ProtoAsyncResponse: TypeAlias = AsyncResponse
"""A response whose ``.json()`` returns an awaitable (aiohttp)."""
ProtoHttpClient: TypeAlias = SupportsPost
"""A sync client object: ``post(url, json=payload)`` returns a :class:`ProtoResponse`."""
ProtoAsyncHttpClient: TypeAlias = SupportsAsyncPost
"""An async client object: ``post(url, json=payload)`` returns an awaitable."""

T_Response: TypeAlias = Response
T_AsyncResponse: TypeAlias = Response | AsyncResponse
T_HttpClient: TypeAlias = HttpClient
"""What the sync functions accept: a client object or a callable."""
T_AsyncHttpClient: TypeAlias = AsyncHttpClient
"""What the async functions accept: a client object or a callable."""
