"""An HTTP/1.1 response parser with no I/O: bytes in (:meth:`ResponseParser.feed`),
events out (:meth:`ResponseParser.events`). The asyncio built-in client drives it from
its ``Protocol``; framing (Content-Length, chunked, to the end of the connection), 1xx
answers, gzip/deflate and the size limits are the ones of :mod:`.http11`, whose header
parsing it shares. Every error is a :class:`~.http11.WireError`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .http11 import (
    CHUNKED,
    MAX_HEAD,
    MAX_LINE,
    Decoder,
    Disconnected,
    Headers,
    WireError,
    framing,
    parse_head,
)

__all__ = ["END", "Head", "ResponseParser"]


class Head:
    """The status line and headers; ``closes``: the connection ends after this body."""

    __slots__ = ("closes", "headers", "status")

    def __init__(self, status: int, headers: Headers, closes: bool) -> None:
        self.status = status
        self.headers = headers
        self.closes = closes


END = object()  # the body is complete


class ResponseParser:
    """One response. ``events()`` yields a :class:`Head`, then body chunks (``bytes``),
    then :data:`END`; it stops early when it needs more bytes (feed them, call again).
    ``feed(b"")`` says the connection ended."""

    def __init__(self, method: str) -> None:
        self.method = method
        self.buffer = bytearray()
        self.eof = False
        self.head: Head | None = None
        self.done = False
        self._state = "head"
        self._left = 0  # bytes of the body or of the current chunk still to come
        self._decoder: Decoder | None = None

    def feed(self, data: bytes) -> None:
        if data:
            self.buffer += data
        else:
            self.eof = True

    @property
    def reusable(self) -> bool:
        """The connection may carry another request: the body ended where it should and
        nothing else came."""
        return self.done and self.head is not None and not self.head.closes and not self.buffer

    def events(self) -> Iterator[Any]:
        while not self.done:
            event = self._step()
            if event is None:
                return  # needs more bytes
            if type(event) is bytes and self._decoder is not None:
                event = self._decoder.decode(event)
                if not event:
                    continue
            if event is END and self._decoder is not None and (tail := self._decoder.flush()):
                yield tail
            if event is END:
                self.done = True
            yield event

    # --- states -----------------------------------------------------------------------

    def _step(self) -> Any:
        state = self._state
        if state == "head":
            return self._head()
        if state == "sized":
            return self._sized()
        if state == "close":
            if self.buffer:
                return self._take(len(self.buffer))
            return END if self.eof else None
        return self._chunked()

    def _head(self) -> Any:
        end = self.buffer.find(b"\r\n\r\n")
        size = end + 4
        if end < 0:
            end = self.buffer.find(b"\n\n")  # a server that ends lines with \n only
            size = end + 2
        if end < 0:
            if len(self.buffer) > MAX_HEAD:
                raise WireError("the response headers are longer than 64 KiB")
            if self.eof:
                if self.buffer:
                    excerpt = bytes(self.buffer[:100]).decode("latin-1")
                    raise WireError(f"the response headers ended early: {excerpt!r}")
                raise Disconnected("the server closed the connection without a response")
            return None
        status, keep_alive, headers = parse_head(self._take(size))
        if 100 <= status < 200 and status != 101:
            return self._head()  # 100 Continue and other interim answers: the next one
        length = framing(self.method, status, headers)
        if length == CHUNKED:
            self._state = "size-line"
        elif length is not None:
            self._state, self._left = "sized", length
        else:  # the body ends when the server closes the connection
            keep_alive = False
            self._state = "close"
        self._decoder = Decoder.of(headers)
        self.head = Head(status, headers, not keep_alive)
        return self.head

    def _sized(self) -> Any:
        if not self._left:
            return END
        if self.buffer:
            chunk = self._take(min(self._left, len(self.buffer)))
            self._left -= len(chunk)
            return chunk
        if self.eof:
            raise WireError(f"the body ended {self._left} bytes short of its length")
        return None

    def _chunked(self) -> Any:
        state = self._state
        if state == "chunk":
            if not self._left:
                self._state = "chunk-end"
                return self._chunked()
            if self.buffer:
                chunk = self._take(min(self._left, len(self.buffer)))
                self._left -= len(chunk)
                return chunk
            if self.eof:
                raise WireError("the chunked body ended early")
            return None
        line = self._line()
        if line is None:
            return None
        if state == "size-line":
            text = line.split(b";", 1)[0].strip()
            try:
                self._left = int(text, 16)
            except ValueError:
                raise WireError(f"invalid chunk size {text[:40]!r}") from None
            self._state = "trailers" if self._left == 0 else "chunk"
        elif state == "chunk-end":
            if line.strip():
                raise WireError("a chunk is longer than its size says")
            self._state = "size-line"
        elif not line.strip():  # trailers, up to the empty line
            return END
        return self._chunked()

    def _line(self) -> bytes | None:
        end = self.buffer.find(b"\n")
        if end < 0:
            if len(self.buffer) > MAX_LINE:
                raise WireError("a chunk size or trailer line is longer than 8 KiB")
            if self.eof:
                raise WireError("the chunked body ended early")
            return None
        return self._take(end + 1)

    def _take(self, size: int) -> bytes:
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data
