"""aiohttp: ``aiohttp.ClientSession``.

aiohttp's own ``ClientTimeout(total=...)`` bounds the whole call. Redirects are never
followed; web routes get the session's cookies put back. A session made with ``base_url``
is given the path of URLs on that origin (older aiohttp refuses absolute ones).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .._protocol.base import UNDECODED, Reply, Request
from ..errors import ConnectError, ConnectTimeout, TransportError, TransportTimeout
from .base import CHUNK, AsyncSender, acollect, async_chunks, fail

__all__ = ["make_async"]


def _mapper() -> tuple[tuple[type[BaseException], ...], Callable[..., TransportError]]:
    import aiohttp

    connect_timeout = getattr(aiohttp, "ConnectionTimeoutError", None)

    def mapped(request: Request, exc: BaseException) -> TransportError:
        if connect_timeout is not None and isinstance(exc, connect_timeout):
            return fail(ConnectTimeout, request, exc)
        if isinstance(exc, asyncio.TimeoutError | TimeoutError):
            return fail(TransportTimeout, request, exc)
        if isinstance(exc, aiohttp.ClientConnectorError):
            return fail(ConnectError, request, exc)
        return fail(TransportError, request, exc)

    return (asyncio.TimeoutError, TimeoutError, aiohttp.ClientError), mapped


def _below(base: Any, url: str) -> str:
    """``url`` relative to the session's ``base_url`` when it is on the same origin."""
    origin = str(base.origin())
    rest = url[len(origin) :]
    if url.startswith(origin) and rest[:1] in ("/", "?", ""):
        return rest if rest.startswith("/") else f"/{rest}"
    return url


@contextmanager
def _kept_cookies(jar: Any, url: str) -> Iterator[None]:
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


def make_async() -> AsyncSender:
    import aiohttp

    http_errors, mapped = _mapper()
    timeouts: dict[float, Any] = {}
    no_options: dict[str, Any] = {}

    def options(timeout: float | None) -> dict[str, Any]:
        if timeout is None:
            return no_options
        if (value := timeouts.get(timeout)) is None:
            value = aiohttp.ClientTimeout(total=timeout)
            if len(timeouts) < 64:
                timeouts[timeout] = value
        return {"timeout": value}

    async def exchange(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            body = request.body
            data: Any = body
            if type(body) is not bytes:
                if body is not None:
                    data = async_chunks(body)
            elif len(body) > 1_000_000:
                # aiohttp warns about large raw bytes bodies; a file-like body streams instead
                data = io.BytesIO(body)
            url = request.url
            if (base := client._base_url) is not None:
                url = _below(base, url)
            async with client.request(
                request.method,
                url,
                data=data,
                headers=request.headers,
                allow_redirects=False,
                **options(timeout),
            ) as resp:
                if request.download is None:
                    # the content type: read from the headers if ever needed
                    return Reply(resp.status, None, await resp.read(), UNDECODED, resp.headers)
                return await acollect(
                    request, resp.status, resp.headers, resp.content.iter_chunked(CHUNK)
                )
        except http_errors as exc:
            raise mapped(request, exc) from exc
        except AssertionError:
            if client._base_url is None:
                raise
            raise ValueError(
                f"this aiohttp.ClientSession has base_url {client._base_url}: aiohttp "
                f"{aiohttp.__version__} posts only below it; give a URL on that server, or "
                "a session without base_url"
            ) from None

    async def web_exchange(client: Any, request: Request, timeout: float | None) -> Reply:
        with _kept_cookies(client.cookie_jar, request.url):
            return await exchange(client, request, timeout)

    def send(client: Any, request: Request, timeout: float | None) -> Awaitable[Reply]:
        # an API call is the exchange itself: one coroutine deep (the hot path)
        if request.web:
            return web_exchange(client, request, timeout)
        return exchange(client, request, timeout)

    return send
