"""The built-in client (:mod:`aio_odoorpc_base.builtin`): it keeps the deadline itself,
keeps no cookies and follows no redirects. The async twin runs it in worker threads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._protocol.base import Reply, Request
from ..errors import ConnectError, ConnectTimeout, TransportError, TransportTimeout
from .base import NO_DEADLINE, AsyncSender, Sender, collect, fail
from .http11 import joined

__all__ = ["make_async", "make_sync"]


def _mapper() -> tuple[tuple[type[BaseException], ...], Callable[..., TransportError]]:
    from ..builtin import ConnectFailed

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
                    return Reply(status, headers.get("content-type", ""), body, headers=headers)
                return collect(request, status, headers, chunks, NO_DEADLINE)  # its own deadline
        except http_errors as exc:
            raise mapped(request, exc) from exc

    return send


def make_async() -> AsyncSender:
    sync_send = make_sync()

    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
        import asyncio

        # file reads, progress callbacks and download writes run in the worker thread
        return await asyncio.to_thread(sync_send, client.sync, request, timeout)

    return send
