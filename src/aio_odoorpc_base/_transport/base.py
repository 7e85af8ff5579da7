"""What every transport shares: the sender contract, one deadline per call, collecting a
(possibly streamed) body, putting cookies back, and wrapping a library's exception.

A *sender* takes ``(client, request, timeout)`` and returns a
:class:`~aio_odoorpc_base._protocol.base.Reply`, or raises a
:class:`~aio_odoorpc_base.errors.TransportError`. Everything about the request (method,
headers, body, where a download goes, whether it is a web route) is on the request.
"""

from __future__ import annotations

import sys
import time
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from contextlib import contextmanager
from typing import Any, TypeAlias, TypeVar

from .._protocol.base import Reply, Request, safe_url
from ..errors import TransportError, TransportTimeout

__all__ = [
    "CHUNK",
    "DEADLINE_ERRORS",
    "NO_DEADLINE",
    "AsyncSender",
    "Deadline",
    "DeadlineExceeded",
    "Sender",
    "acollect",
    "async_chunks",
    "bounded",
    "collect",
    "fail",
    "kept_cookies",
    "timeout_kw",
]

Sender: TypeAlias = Callable[[Any, Request, "float | None"], Reply]
AsyncSender: TypeAlias = Callable[[Any, Request, "float | None"], Awaitable[Reply]]
T = TypeVar("T")
CHUNK = 64 * 1024
if sys.version_info >= (3, 11):
    DEADLINE_ERRORS: tuple[type[BaseException], ...] = (TimeoutError,)
else:  # pragma: no cover - Python 3.10's asyncio.TimeoutError is not TimeoutError
    import asyncio

    DEADLINE_ERRORS = (TimeoutError, asyncio.TimeoutError)


class DeadlineExceeded(TimeoutError):
    """The call's deadline passed (a TransportTimeout once mapped)."""


class Deadline:
    """The end of one call: ``left()`` is the time that remains, or raises."""

    __slots__ = ("end",)

    def __init__(self, timeout: float | None) -> None:
        self.end = None if timeout is None else time.monotonic() + timeout

    def left(self) -> float | None:
        if self.end is None:
            return None
        left = self.end - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded("the call's timeout passed")
        return left


NO_DEADLINE = Deadline(None)  # for a caller that keeps the deadline itself


def fail(cls: type[TransportError], request: Request, exc: BaseException) -> TransportError:
    detail = request.redact(str(exc)) or type(exc).__name__
    return cls(f"{request.label}: {detail} ({safe_url(request.url)})")


def timed_out(request: Request, timeout: float | None) -> TransportTimeout:
    return TransportTimeout(
        f"{request.label}: no complete reply within the timeout of {timeout} s "
        f"({safe_url(request.url)})"
    )


def timeout_kw(timeout: float | None) -> dict[str, Any]:
    return {} if timeout is None else {"timeout": timeout}


def collect(
    request: Request,
    status: int,
    headers: Mapping[str, str],
    chunks: Iterable[bytes],
    deadline: Deadline,
) -> Reply:
    """The reply, its body read chunk by chunk within the deadline, or written to the
    request's download when that takes it. A body shorter than its Content-Length is a
    TransportError (urllib3 1.x, under older requests, does not check)."""
    ctype = headers.get("content-type", "")
    download = request.download
    received = 0
    if download is not None and download.accept(status, ctype, headers):
        for chunk in chunks:
            deadline.left()
            received += len(chunk)
            download.write(chunk)
        _check_length(request, headers, received)
        return Reply(status, ctype, b"", headers=headers)
    parts = []
    for chunk in chunks:
        deadline.left()
        parts.append(chunk)
    body = b"".join(parts)
    _check_length(request, headers, len(body))
    return Reply(status, ctype, body, headers=headers)


def _check_length(request: Request, headers: Mapping[str, str], received: int) -> None:
    announced = headers.get("content-length")
    if announced is None or headers.get("content-encoding", "identity") != "identity":
        return  # a decoded body has another length than the one sent
    try:
        expected = int(announced)
    except ValueError:
        return
    if received < expected:
        raise TransportError(
            f"{request.label}: the connection closed after {received} of {expected} bytes "
            f"of the answer from {safe_url(request.url)}"
        )


async def acollect(
    request: Request, status: int, headers: Mapping[str, str], chunks: AsyncIterable[bytes]
) -> Reply:
    """The async twin of :func:`collect` (the deadline is the caller's cancel scope)."""
    ctype = headers.get("content-type", "")
    download = request.download
    if download is not None and download.accept(status, ctype, headers):
        async for chunk in chunks:
            download.write(chunk)
        return Reply(status, ctype, b"", headers=headers)
    return Reply(status, ctype, b"".join([c async for c in chunks]), headers=headers)


async def async_chunks(chunks: Iterable[bytes]) -> AsyncIterator[bytes]:
    """A streamed upload (a multipart body) for the async clients, which want it async."""
    for chunk in chunks:
        yield chunk


if sys.version_info >= (3, 11):

    async def bounded(awaitable: Awaitable[T], timeout: float | None) -> T:
        """``await awaitable`` within one deadline for all of it (TimeoutError after)."""
        if timeout is None:
            return await awaitable
        import asyncio

        async with asyncio.timeout(timeout):
            return await awaitable

else:  # pragma: no cover - Python 3.10

    async def bounded(awaitable: Awaitable[T], timeout: float | None) -> T:
        if timeout is None:
            return await awaitable
        import asyncio

        return await asyncio.wait_for(awaitable, timeout)


@contextmanager
def kept_cookies(jar: Any) -> Iterator[None]:
    """Put an http.cookiejar jar back as it was: web routes set a session cookie."""
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
