"""The built-in client (:mod:`aio_odoorpc_base.builtin`): it keeps the deadline itself,
keeps no cookies and follows no redirects; its async twin is on asyncio."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._protocol.base import Reply, Request
from ..errors import ConnectError, ConnectTimeout, TransportError, TransportTimeout
from .base import NO_DEADLINE, AsyncSender, Sender, acollect, collect, fail
from .http11 import joined

__all__ = ["make_async", "make_sync"]


def _mapper() -> tuple[tuple[type[BaseException], ...], Callable[..., TransportError]]:
    from .socket_client import ConnectFailed

    def mapped(request: Request, exc: BaseException) -> TransportError:
        if isinstance(exc, ConnectFailed):
            return fail(ConnectTimeout if exc.timed_out else ConnectError, request, exc)
        if isinstance(exc, TimeoutError):
            return fail(TransportTimeout, request, exc)
        return fail(TransportError, request, exc)

    return (OSError,), mapped


def make_sync() -> Sender:
    http_errors, mapped = _mapper()

    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            whole = request.download is None
            with client.stream(
                request.method, request.url, request.body, request.headers, timeout, whole=whole
            ) as (status, headers, chunks):
                if whole:
                    body = joined(chunks)
                    return Reply(status, None, body, headers=headers)  # its type looked up if read
                return collect(request, status, headers, chunks, NO_DEADLINE)  # its own deadline
        except http_errors as exc:
            raise mapped(request, exc) from exc

    return send


def make_async() -> AsyncSender:
    http_errors, mapped = _mapper()

    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            if request.download is None:
                status, headers, body = await client.exchange(
                    request.method, request.url, request.body, request.headers, timeout
                )
                return Reply(status, None, body, headers=headers)  # its type looked up if read
            async with client.stream(
                request.method, request.url, request.body, request.headers, timeout
            ) as (status, headers, chunks):
                return await acollect(request, status, headers, chunks)
        except http_errors as exc:
            raise mapped(request, exc) from exc

    return send
