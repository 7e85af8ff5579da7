"""httpx: ``httpx.Client`` and ``httpx.AsyncClient``.

httpx applies ``timeout`` to each network operation; the whole call is bounded here: the
async sender under one cancel scope, the sync one by reading the body in chunks and
checking the deadline between them (a server that drips its headers is only bounded by
httpx's per-read timeout). Redirects are never followed; web routes get their cookies
put back.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from .._protocol.base import UNDECODED, Reply, Request
from ..errors import ConnectError, ConnectTimeout, TransportError, TransportTimeout
from .base import (
    DEADLINE_ERRORS,
    AsyncSender,
    Deadline,
    DeadlineExceeded,
    Sender,
    acollect,
    async_chunks,
    bounded,
    collect,
    fail,
    kept_cookies,
    timed_out,
    timeout_kw,
)

__all__ = ["make_async", "make_sync"]


def _mapper() -> tuple[type[Exception], Callable[[Request, Exception], TransportError]]:
    import httpx

    table = [
        (httpx.ConnectTimeout, ConnectTimeout),
        (httpx.TimeoutException, TransportTimeout),
        (httpx.ConnectError, ConnectError),
    ]

    def mapped(request: Request, exc: Exception) -> TransportError:
        cls = next((ours for theirs, ours in table if isinstance(exc, theirs)), TransportError)
        return fail(cls, request, exc)

    return httpx.HTTPError, mapped


def _cookies(client: Any, request: Request) -> AbstractContextManager[None]:
    return kept_cookies(client.cookies.jar) if request.web else nullcontext()


def make_sync() -> Sender:
    http_error, mapped = _mapper()

    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        if timeout is None and request.download is None and not request.web:
            # an API call with no deadline to watch: read whole, no stream to step through
            # (h11 refuses a body shorter than its Content-Length itself)
            try:
                resp = client.request(
                    request.method,
                    request.url,
                    content=request.body,
                    headers=request.headers,
                    follow_redirects=False,
                )
            except http_error as exc:
                raise mapped(request, exc) from exc
            headers = resp.headers
            return Reply(
                resp.status_code, headers.get("content-type", ""), resp.content, UNDECODED, headers
            )
        deadline = Deadline(timeout)
        with _cookies(client, request):
            try:
                with client.stream(
                    request.method,
                    request.url,
                    content=request.body,
                    headers=request.headers,
                    follow_redirects=False,
                    **timeout_kw(timeout),
                ) as resp:
                    return collect(
                        request, resp.status_code, resp.headers, resp.iter_bytes(), deadline
                    )
            except DeadlineExceeded:
                raise timed_out(request, timeout) from None
            except http_error as exc:
                raise mapped(request, exc) from exc

    return send


def make_async() -> AsyncSender:
    http_error, mapped = _mapper()

    async def exchange(client: Any, request: Request, timeout: float | None) -> Reply:
        body = request.body
        content = body if body is None or isinstance(body, bytes) else async_chunks(body)
        async with client.stream(
            request.method,
            request.url,
            content=content,
            headers=request.headers,
            follow_redirects=False,
            **timeout_kw(timeout),
        ) as resp:
            if request.download is None:
                await resp.aread()
                return Reply(
                    resp.status_code,
                    resp.headers.get("content-type", ""),
                    resp.content,
                    headers=resp.headers,
                )
            return await acollect(request, resp.status_code, resp.headers, resp.aiter_bytes())

    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
        with _cookies(client, request):
            try:
                return await bounded(exchange(client, request, timeout), timeout)
            except http_error as exc:
                raise mapped(request, exc) from exc
            except DEADLINE_ERRORS:  # the deadline of the whole call
                raise timed_out(request, timeout) from None

    return send
