"""Public type aliases, TypedDicts and the structural types of pluggable HTTP clients.

Nothing here imports httpx, aiohttp or requests: the client types are Protocols that
describe only what this library touches.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeAlias, TypedDict

__all__ = [
    "AsyncHttpClient",
    "AsyncPayloadPoster",
    "AsyncPoster",
    "AsyncResponse",
    "HttpClient",
    "PayloadPoster",
    "Poster",
    "Response",
    "ServerInfo",
    "SupportsAsyncPost",
    "SupportsPost",
    "Uid",
    "VersionInfo",
]


class VersionInfo(TypedDict):
    """What ``common.version()`` returns on every Odoo version."""

    server_version: str
    server_version_info: list[int | str]
    server_serie: str
    protocol_version: int


Uid: TypeAlias = int | Literal[False]
"""A user id, or False when the credentials were refused."""


class Response(Protocol):
    """A response whose ``.json()`` gives the decoded body (requests, httpx)."""

    def json(self) -> Any: ...


class AsyncResponse(Protocol):
    """A response whose ``.json()`` returns an awaitable of the decoded body (aiohttp)."""

    def json(self) -> Awaitable[Any]: ...


class SupportsPost(Protocol):
    """A synchronous HTTP client: ``requests.Session``, ``httpx.Client`` or alike.

    Its ``post(url, json=payload)`` returns a response with ``.json()``.
    """

    def post(self, url: str, *args: Any, **kwargs: Any) -> Response: ...


class SupportsAsyncPost(Protocol):
    """An asynchronous HTTP client: ``httpx.AsyncClient``, ``aiohttp.ClientSession`` or alike.

    Its ``post(url, json=payload)`` returns an awaitable of a response whose ``.json()``
    may be awaitable.
    """

    def post(self, url: str, *args: Any, **kwargs: Any) -> Awaitable[Any]: ...


class PayloadPoster(Protocol):
    """A callable ``(payload) -> response`` that knows the URL itself, as in the original
    description: ``lambda payload: session.post(URL, json=payload)``. The response is an
    object with ``.json()`` or the decoded JSON-RPC envelope."""

    def __call__(self, payload: dict[str, Any], /) -> Response | Mapping[str, Any]: ...


class Poster(Protocol):
    """A callable ``(url, payload) -> response``; the response is an object with
    ``.json()`` or the decoded JSON-RPC envelope. JSON-2 calls it with ``headers=`` too."""

    def __call__(self, url: str, payload: dict[str, Any], /) -> Response | Mapping[str, Any]: ...


class AsyncPayloadPoster(Protocol):
    """The async twin of :class:`PayloadPoster`: it returns an awaitable of the response."""

    def __call__(self, payload: dict[str, Any], /) -> Awaitable[Any]: ...


class AsyncPoster(Protocol):
    """The async twin of :class:`Poster`: it returns an awaitable of the response."""

    def __call__(self, url: str, payload: dict[str, Any], /) -> Awaitable[Any]: ...


HttpClient: TypeAlias = SupportsPost | Poster | PayloadPoster
"""What the sync functions accept as ``http_client``."""

AsyncHttpClient: TypeAlias = SupportsAsyncPost | AsyncPoster | AsyncPayloadPoster
"""What the async functions accept as ``http_client``."""


@dataclass(frozen=True)
class ServerInfo:
    """What a server offers, from :func:`~aio_odoorpc_base.server_info`."""

    version: str
    """The server version text, e.g. ``"19.0+e-20251227"``."""
    version_info: tuple[int | str, ...]
    """e.g. ``(19, 0, 0, "final", 0, "")``; ``(18, 4, ...)`` for saas-18.4."""
    jsonrpc: bool
    """``/jsonrpc`` answered (scheduled to go in Odoo 22)."""
    json2: bool
    """The JSON-2 API exists (saas-18.4 and later, so 19.0+; known from the version)."""
    db_service: bool
    """The ``db`` service of ``/jsonrpc`` exists (before Odoo 20)."""
    web_database: bool
    """The ``/web/database/*`` routes answered."""
    list_db: bool
    """The server lists its databases (``list_db`` is on)."""
    databases: tuple[str, ...] | None
    """The databases, when listed."""
