"""Web-route transports: forms, streamed uploads and downloads, no redirects followed,
and the caller's cookie jar left as it was.

Odoo's web routes (``/web/database/*``, ``/web/version``) set a ``session_id`` cookie; a
cookie-keeping client would then be refused on JSON-2 calls that name a database. So every
cookie such a request adds or changes is removed again and the previous one put back.
Only httpx, requests, aiohttp and the built-in client can do all this; other clients get a
TypeError.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol, TypeAlias

from ._jsonrpc import Reply, Request
from ._transports import (
    aiohttp_mapper,
    aiohttp_timeout,
    builtin_mapper,
    httpx_mapper,
    known,
    requests_mapper,
    timeout_kw,
)
from ._webdb import CHUNK, MultipartBody

__all__ = [
    "AsyncWebSender",
    "Download",
    "WebSender",
    "need_async_web",
    "need_web",
    "to_async_web",
    "to_web",
]

Content: TypeAlias = "bytes | MultipartBody | None"


class Download(Protocol):
    def accept(self, status: int, content_type: str, headers: Mapping[str, str]) -> bool: ...

    def write(self, chunk: bytes) -> None: ...


WebSender: TypeAlias = Callable[[Any, Request, "float | None", Content, "Download | None"], Reply]
AsyncWebSender: TypeAlias = Callable[
    [Any, Request, "float | None", Content, "Download | None"], Awaitable[Reply]
]


def _collect(
    status: int, headers: Mapping[str, str], chunks: Iterable[bytes], download: Download | None
) -> Reply:
    ctype = headers.get("content-type", "")
    if download is not None and download.accept(status, ctype, headers):
        for chunk in chunks:
            download.write(chunk)
        return Reply(status, ctype, b"", headers=headers)
    return Reply(status, ctype, b"".join(chunks), headers=headers)


async def _acollect(
    status: int,
    headers: Mapping[str, str],
    chunks: AsyncIterable[bytes],
    download: Download | None,
) -> Reply:
    ctype = headers.get("content-type", "")
    if download is not None and download.accept(status, ctype, headers):
        async for chunk in chunks:
            download.write(chunk)
        return Reply(status, ctype, b"", headers=headers)
    return Reply(status, ctype, b"".join([c async for c in chunks]), headers=headers)


@contextmanager
def _kept_cookies(jar: http.cookiejar.CookieJar) -> Iterator[None]:
    before = {(c.domain, c.path, c.name): c for c in jar}
    try:
        yield
    finally:
        for cookie in list(jar):
            key = (cookie.domain, cookie.path, cookie.name)
            if before.get(key) is not cookie:
                jar.clear(*key)
                if key in before:
                    jar.set_cookie(before[key])


@contextmanager
def _kept_aiohttp_cookies(jar: Any, url: str) -> Iterator[None]:
    def key(morsel: Any) -> tuple[str, str, str]:
        return (morsel["domain"], morsel["path"], morsel.key)

    before = {key(m): m for m in jar}
    try:
        yield
    finally:
        changed = {key(m) for m in jar if before.get(key(m)) is not m}
        if changed:
            from yarl import URL

            jar.clear(lambda m: key(m) in changed)
            for k in changed & before.keys():
                jar.update_cookies({k[2]: before[k]}, URL(url))


def _method(content: Content) -> str:
    return "GET" if content is None else "POST"


def _make_httpx_sync() -> WebSender:
    http_error, mapped = httpx_mapper()

    def send(
        client: Any,
        request: Request,
        timeout: float | None,
        content: Content,
        download: Download | None,
    ) -> Reply:
        with _kept_cookies(client.cookies.jar):
            try:
                with client.stream(
                    _method(content),
                    request.url,
                    content=content,
                    headers=request.headers,
                    follow_redirects=False,
                    **timeout_kw(timeout),
                ) as resp:
                    return _collect(resp.status_code, resp.headers, resp.iter_bytes(), download)
            except http_error as exc:
                raise mapped(request, exc) from exc

    return send


def _make_httpx_async() -> AsyncWebSender:
    http_error, mapped = httpx_mapper()

    async def send(
        client: Any,
        request: Request,
        timeout: float | None,
        content: Content,
        download: Download | None,
    ) -> Reply:
        body: Any = content.__aiter__() if isinstance(content, MultipartBody) else content
        with _kept_cookies(client.cookies.jar):
            try:
                async with client.stream(
                    _method(content),
                    request.url,
                    content=body,
                    headers=request.headers,
                    follow_redirects=False,
                    **timeout_kw(timeout),
                ) as resp:
                    return await _acollect(
                        resp.status_code, resp.headers, resp.aiter_bytes(), download
                    )
            except http_error as exc:
                raise mapped(request, exc) from exc

    return send


def _make_requests() -> WebSender:
    http_error, mapped = requests_mapper()

    def send(
        client: Any,
        request: Request,
        timeout: float | None,
        content: Content,
        download: Download | None,
    ) -> Reply:
        with _kept_cookies(client.cookies):
            try:
                resp = client.request(
                    _method(content),
                    request.url,
                    data=content,
                    headers=request.headers,
                    allow_redirects=False,
                    stream=True,
                    **timeout_kw(timeout),
                )
                with resp:
                    return _collect(
                        resp.status_code, resp.headers, resp.iter_content(CHUNK), download
                    )
            except http_error as exc:
                raise mapped(request, exc) from exc

    return send


def _make_aiohttp() -> AsyncWebSender:
    http_errors, mapped = aiohttp_mapper()

    async def send(
        client: Any,
        request: Request,
        timeout: float | None,
        content: Content,
        download: Download | None,
    ) -> Reply:
        body: Any = content.__aiter__() if isinstance(content, MultipartBody) else content
        with _kept_aiohttp_cookies(client.cookie_jar, request.url):
            try:
                async with client.request(
                    _method(content),
                    request.url,
                    data=body,
                    headers=request.headers,
                    allow_redirects=False,
                    **aiohttp_timeout(timeout),
                ) as resp:
                    return await _acollect(
                        resp.status, resp.headers, resp.content.iter_chunked(CHUNK), download
                    )
            except http_errors as exc:
                raise mapped(request, exc) from exc

    return send


def _make_builtin() -> WebSender:
    http_errors, mapped = builtin_mapper()

    def send(
        client: Any,
        request: Request,
        timeout: float | None,
        content: Content,
        download: Download | None,
    ) -> Reply:
        # no cookie jar to guard; a multipart body streams chunk by chunk (its length is
        # in the request's headers)
        try:
            with client.stream(
                _method(content), request.url, content, request.headers, timeout
            ) as (
                status,
                headers,
                chunks,
            ):
                return _collect(status, headers, chunks, download)
        except http_errors as exc:
            raise mapped(request, exc) from exc

    return send


def _make_builtin_async() -> AsyncWebSender:
    sync_send = _make_builtin()

    async def send(
        client: Any,
        request: Request,
        timeout: float | None,
        content: Content,
        download: Download | None,
    ) -> Reply:
        # file reads, progress callbacks and download writes run in the worker thread
        return await asyncio.to_thread(sync_send, client.sync, request, timeout, content, download)

    return send


_SYNC: dict[tuple[str, str], Callable[[], WebSender]] = {
    ("httpx", "Client"): _make_httpx_sync,
    ("requests", "Session"): _make_requests,
    ("aio_odoorpc_base", "BuiltinClient"): _make_builtin,
}
_ASYNC: dict[tuple[str, str], Callable[[], AsyncWebSender]] = {
    ("httpx", "AsyncClient"): _make_httpx_async,
    ("aiohttp", "ClientSession"): _make_aiohttp,
    ("aio_odoorpc_base", "AsyncBuiltinClient"): _make_builtin_async,
}
_sync_cache: dict[type, WebSender | None] = {}
_async_cache: dict[type, AsyncWebSender | None] = {}

NEEDS_STREAMING = (
    "{what} needs an HTTP client that can post forms, stream files and keep its cookies "
    "apart: {clients}; got {got}"
)


def to_web(client: Any) -> WebSender | None:
    """The sync web sender for ``client``; None for a generic client."""
    cls = type(client)
    if cls not in _sync_cache:
        factory = known(cls, _SYNC)
        _sync_cache[cls] = factory() if factory else None
    return _sync_cache[cls]


def to_async_web(client: Any) -> AsyncWebSender | None:
    """The async web sender for ``client``; None for a generic client."""
    cls = type(client)
    if cls not in _async_cache:
        factory = known(cls, _ASYNC)
        _async_cache[cls] = factory() if factory else None
    return _async_cache[cls]


def need_web(client: Any, what: str) -> WebSender:
    """The sync web sender for ``client``, or a TypeError naming the clients that work."""
    if (sender := to_web(client)) is None:
        clients = "httpx.Client, requests.Session or BuiltinClient"
        raise TypeError(NEEDS_STREAMING.format(what=what, clients=clients, got=_name(client)))
    return sender


def need_async_web(client: Any, what: str) -> AsyncWebSender:
    """The async web sender for ``client``, or a TypeError naming the clients that work."""
    if (sender := to_async_web(client)) is None:
        clients = "httpx.AsyncClient, aiohttp.ClientSession or AsyncBuiltinClient"
        raise TypeError(NEEDS_STREAMING.format(what=what, clients=clients, got=_name(client)))
    return sender


def _name(client: Any) -> str:
    cls = type(client)
    return f"{cls.__module__}.{cls.__qualname__}"
