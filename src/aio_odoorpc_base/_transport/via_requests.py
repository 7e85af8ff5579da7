"""requests: ``requests.Session``.

The body is read as it arrives (``read1``) and the deadline checked between chunks, so
``timeout`` bounds the body as a whole; connect and each read keep requests' own
per-operation timeout. Redirects are never followed; web routes get their cookies put
back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from .._protocol.base import Reply, Request
from ..errors import ConnectError, ConnectTimeout, TransportError, TransportTimeout
from .base import (
    CHUNK,
    NO_DEADLINE,
    Deadline,
    DeadlineExceeded,
    Sender,
    collect,
    fail,
    kept_cookies,
    timed_out,
    timeout_kw,
)

__all__ = ["make_sync"]


def _mapper() -> tuple[tuple[type[Exception], ...], Callable[[Request, Exception], TransportError]]:
    import requests
    import urllib3.exceptions as u3

    def mapped(request: Request, exc: Exception) -> TransportError:
        if isinstance(exc, requests.ConnectTimeout | u3.ConnectTimeoutError):
            return fail(ConnectTimeout, request, exc)
        if isinstance(exc, requests.Timeout | u3.TimeoutError) or "ReadTimeoutError" in repr(exc):
            return fail(TransportTimeout, request, exc)
        if isinstance(exc, requests.ConnectionError) and _is_connect_failure(exc):
            return fail(ConnectError, request, exc)
        return fail(TransportError, request, exc)

    return (requests.RequestException, u3.HTTPError), mapped


def _is_connect_failure(exc: BaseException) -> bool:
    # requests' ConnectionError covers both refused connections and dropped ones
    text = repr(exc)
    return "NewConnectionError" in text or "Failed to establish" in text


def _chunks(resp: Any) -> Iterator[bytes]:
    """The body as it arrives: urllib3's read(n) waits for all n bytes."""
    raw = resp.raw
    read1 = getattr(raw, "read1", None)
    if read1 is None:  # urllib3 before 2.3
        yield from raw.stream(CHUNK, decode_content=True)
        return
    while chunk := read1(CHUNK, decode_content=True):
        yield chunk


def _cookies(client: Any, request: Request) -> AbstractContextManager[None]:
    return kept_cookies(client.cookies) if request.web else nullcontext()


def make_sync() -> Sender:
    http_errors, mapped = _mapper()

    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        deadline = Deadline(timeout)
        with _cookies(client, request):
            try:
                resp = client.request(
                    request.method,
                    request.url,
                    data=request.body,
                    headers=request.headers,
                    allow_redirects=False,  # a POST re-sent as a GET would lose its body
                    stream=True,
                    **timeout_kw(timeout),
                )
                with resp:
                    if resp.is_redirect:  # requests has read its body already, unbounded
                        chunks: Iterable[bytes] = [resp.content]
                        deadline = NO_DEADLINE
                    else:
                        chunks = _chunks(resp)
                    return collect(request, resp.status_code, resp.headers, chunks, deadline)
            except DeadlineExceeded:
                raise timed_out(request, timeout) from None
            except http_errors as exc:
                raise mapped(request, exc) from exc

    return send
