"""An HTTP/1.1 response parser with no I/O: bytes in (:meth:`ResponseParser.feed`),
a head and body chunks out (:meth:`ResponseParser.advance`). The asyncio built-in client
drives it from its ``Protocol``; framing (Content-Length, chunked, to the end of the
connection), 1xx answers, gzip/deflate and the size limits are the ones of
:mod:`.http11`, whose header parsing it shares. Every error is a
:class:`~.http11.WireError`."""

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


END = object()  # events(): the body is complete

# states: the head, a sized body, a body to the end of the connection, a chunked body
_HEAD, _SIZED, _CLOSE, _SIZE_LINE, _CHUNK, _CHUNK_END, _TRAILERS = range(7)


class ResponseParser:
    """One response. :meth:`advance` parses what was fed: ``head`` once it is complete,
    the body's chunks (decoded) appended to ``chunks``, ``done`` at its end; it stops
    where it needs more bytes (feed them, call again). ``feed(b"")`` says the connection
    ended."""

    __slots__ = ("_decoder", "_left", "_state", "_told", "_whole", "buffer", "chunks", "done",
                 "eof", "head", "method")  # fmt: skip

    def __init__(self, method: str) -> None:
        self.method = method
        self.buffer = bytearray()
        self.eof = False
        self.head: Head | None = None
        self.chunks: list[bytes] = []
        self.done = False
        self._state = _HEAD
        self._left = 0  # bytes of the body or of the current chunk still to come
        self._decoder: Decoder | None = None
        self._told = 0  # events(): 1 once the head was given, 2 once END was
        self._whole: bytearray | None = None  # whole(): the body's one buffer

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

    def advance(self) -> None:
        """Parse as far as the bytes fed allow."""
        while not self.done:
            state = self._state
            if state == _HEAD:
                if not self._head():
                    return
            elif state == _SIZED:
                if not self._sized():
                    return
            elif state == _CLOSE:
                if self.buffer:
                    self._body(self._take(len(self.buffer)))
                elif self.eof:
                    self._end()
                else:
                    return
            elif not self._chunked():
                return

    def left(self) -> int:
        """The bytes of a plain (undecoded) sized body still to come, all of it past
        the buffer; 0 otherwise. A driver may receive them itself, straight into one
        buffer (:meth:`whole`), and then say so with :meth:`received`."""
        if self._state == _SIZED and self._decoder is None and not self.buffer:
            return self._left
        return 0

    def whole(self) -> tuple[bytearray, int]:
        """One buffer for the whole of a plain sized body (see :meth:`left`), with the
        chunks parsed and not taken copied in, and the offset where the rest goes. Once
        :meth:`received` has it all, the buffer is the body's one chunk (a bytearray:
        the JSON decoders take it without a copy)."""
        parsed = b"".join(self.take())
        body = bytearray(len(parsed) + self.left())
        body[: len(parsed)] = parsed
        self._whole = body
        return body, len(parsed)

    def received(self, size: int) -> None:
        """``size`` bytes of the body (at most what :meth:`left` said) were received past
        the parser, by the driver; bytes fed since then come after them. Fed the end of
        the connection first, a body still short is a WireError saying by how much."""
        if self._state != _SIZED or self._decoder is not None or not 0 <= size <= self._left:
            raise ValueError(f"received {size} body bytes where {self._left} were left")
        self._left -= size
        if self._whole is not None and not self._left:
            self.chunks.append(self._whole)
            self._whole = None
        self.advance()

    def take(self) -> list[bytes]:
        """The body chunks parsed so far and not yet taken."""
        chunks, self.chunks = self.chunks, []
        return chunks

    def events(self) -> Iterator[Any]:
        """What :meth:`advance` parsed, as events: the :class:`Head` once, body chunks,
        then :data:`END` once."""
        self.advance()
        if self._told == 0 and self.head is not None:
            self._told = 1
            yield self.head
        yield from self.take()
        if self.done and self._told == 1:
            self._told = 2
            yield END

    # --- states -----------------------------------------------------------------------

    def _body(self, chunk: bytes) -> None:
        if self._decoder is not None:
            chunk = self._decoder.decode(chunk)
        if chunk:
            self.chunks.append(chunk)

    def _end(self) -> None:
        if self._decoder is not None and (tail := self._decoder.flush()):
            self.chunks.append(tail)
        self.done = True

    def _head(self) -> bool:
        buffer = self.buffer
        end = buffer.find(b"\r\n\r\n")
        size = end + 4
        if end < 0:
            end = buffer.find(b"\n\n")  # a server that ends lines with \n only
            size = end + 2
        if end < 0:
            if len(buffer) > MAX_HEAD:
                raise WireError("the response headers are longer than 64 KiB")
            if self.eof:
                if buffer:
                    excerpt = bytes(buffer[:100]).decode("latin-1")
                    raise WireError(f"the response headers ended early: {excerpt!r}")
                raise Disconnected("the server closed the connection without a response")
            return False
        status, keep_alive, headers = parse_head(buffer[:size])
        del buffer[:size]
        if 100 <= status < 200 and status != 101:
            return True  # 100 Continue and other interim answers: the next head
        length = framing(self.method, status, headers)
        if length == CHUNKED:
            self._state = _SIZE_LINE
        elif length is not None:
            self._state, self._left = _SIZED, length
        else:  # the body ends when the server closes the connection
            keep_alive = False
            self._state = _CLOSE
        self._decoder = Decoder.of(headers)
        self.head = Head(status, headers, not keep_alive)
        return True

    def _sized(self) -> bool:
        if not self._left:
            self._end()
            return True
        if self.buffer:
            chunk = self._take(self._left)
            self._left -= len(chunk)
            self._body(chunk)
            return True
        if self.eof:
            raise WireError(f"the body ended {self._left} bytes short of its length")
        return False

    def _chunked(self) -> bool:
        state = self._state
        if state == _CHUNK:
            if not self._left:
                self._state = _CHUNK_END
                return True
            if self.buffer:
                chunk = self._take(self._left)
                self._left -= len(chunk)
                self._body(chunk)
                return True
            if self.eof:
                raise WireError("the chunked body ended early")
            return False
        line = self._line()
        if line is None:
            return False
        if state == _SIZE_LINE:
            text = line.split(b";", 1)[0].strip()
            try:
                self._left = int(text, 16)
            except ValueError:
                raise WireError(f"invalid chunk size {text[:40]!r}") from None
            self._state = _TRAILERS if self._left == 0 else _CHUNK
        elif state == _CHUNK_END:
            if line.strip():
                raise WireError("a chunk is longer than its size says")
            self._state = _SIZE_LINE
        elif not line.strip():  # trailers, up to the empty line
            self._end()
        return True

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
        """Up to ``size`` bytes from the buffer."""
        buffer = self.buffer
        if size >= len(buffer):  # all of it (the common case): one copy
            data = bytes(buffer)
            buffer.clear()
            return data
        with memoryview(buffer) as view:
            data = bytes(view[:size])
        del buffer[:size]
        return data
