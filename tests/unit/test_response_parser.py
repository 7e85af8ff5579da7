"""The sans-IO HTTP/1.1 response parser of the asyncio built-in client: every framing,
fed whole and one byte at a time, and each way a server can break HTTP/1.1."""

from __future__ import annotations

import gzip
import zlib
from typing import Any

import pytest

from aio_odoorpc_base._transport.http11 import Disconnected, WireError
from aio_odoorpc_base._transport.response_parser import END, Head, ResponseParser


def parse(raw: bytes, method: str = "POST", step: int = 0, eof: bool = True) -> tuple[Any, ...]:
    """(status, body, reusable) from ``raw`` fed in pieces of ``step`` bytes (0: whole)."""
    parser = ResponseParser(method)
    head: Head | None = None
    body = b""
    pieces = [raw] if not step else [raw[i : i + step] for i in range(0, len(raw), step)]
    ended = False
    for piece in [*pieces, b""] if eof else pieces:
        parser.feed(piece)
        for event in parser.events():
            if isinstance(event, Head):
                head = event
            elif event is END:
                ended = True
            else:
                body += event
    assert head is not None
    assert ended
    return head.status, body, parser.reusable


SIZED = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: x\r\n\r\nhello"
CHUNKED = (
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"3;ext=1\r\nhel\r\n2\r\nlo\r\n0\r\nTrailer: x\r\n\r\n"
)


@pytest.mark.parametrize("step", [0, 1, 7])
def test_framings(step: int) -> None:
    assert parse(SIZED, step=step, eof=False) == (200, b"hello", True)
    assert parse(CHUNKED, step=step, eof=False) == (200, b"hello", True)
    until_close = b"HTTP/1.1 200 OK\r\n\r\nhello"
    assert parse(until_close, step=step) == (200, b"hello", False)
    interim = b"HTTP/1.1 100 Continue\r\n\r\n" + SIZED
    assert parse(interim, step=step, eof=False) == (200, b"hello", True)
    bare = b"HTTP/1.1 200 OK\nContent-Length: 5\n\nhello"  # lines ended by \n only
    assert parse(bare, step=step, eof=False) == (200, b"hello", True)


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_bodies_are_decoded(coding: str) -> None:
    data = b'{"result": 1}' * 50
    if coding == "gzip":
        packed = gzip.compress(data)
    elif coding == "deflate":
        packed = zlib.compress(data)
    else:
        packer = zlib.compressobj(wbits=-15)
        packed = packer.compress(data) + packer.flush()
    name = coding.removeprefix("raw-").encode()
    raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\nContent-Length: %d\r\n\r\n" % (
        name, len(packed))  # fmt: skip
    assert parse(raw + packed, step=5, eof=False) == (200, data, True)
    broken = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnope"
    with pytest.raises(WireError, match="corrupt"):
        parse(broken)


def test_what_keeps_a_connection() -> None:
    closing = SIZED.replace(b"Content-Type: x", b"Connection: close")
    assert parse(closing, eof=False)[2] is False
    old = SIZED.replace(b"HTTP/1.1", b"HTTP/1.0")
    assert parse(old, eof=False)[2] is False  # 1.0 closes unless asked to keep alive
    assert parse(SIZED + b"extra", eof=False)[2] is False  # bytes after the body
    assert parse(b"HTTP/1.1 204 No Content\r\n\r\n", eof=False) == (204, b"", True)
    assert parse(SIZED, method="HEAD", eof=False)[1] == b""
    assert parse(b"HTTP/1.1 200 Connection established\r\n\r\n", "CONNECT", eof=False)[0] == 200


@pytest.mark.parametrize(
    ("raw", "error", "message"),
    [
        (b"", Disconnected, "without a response"),
        (b"HTTP/1.1 200 OK\r\nContent-Le", WireError, "ended early"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", WireError, "4 bytes short"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", WireError, "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", WireError, "invalid Content-Length"),
        (b"SMTP ready\r\n\r\n", WireError, "not an HTTP/1.x status line"),
        (b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n", WireError, "invalid header line"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", WireError,
         "invalid chunk size"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", WireError,
         "longer than its size"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", WireError, "ended early"),
        (b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 20000, WireError, "longer than 64 KiB"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"1" * 9000, WireError,
         "longer than 8 KiB"),
    ],
)  # fmt: skip
def test_broken_answers(raw: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        parse(raw, step=4096)


def test_a_driver_may_receive_a_plain_body_itself() -> None:
    """``left`` says how much of a plain sized body is still to come (0 for any other
    framing, or while bytes wait in the buffer); ``received`` takes the driver's word,
    and bytes fed after it come after the body."""
    parser = ResponseParser("POST")
    parser.feed(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
    parser.advance()
    assert (parser.take(), parser.left()) == ([b"abc"], 7)
    with pytest.raises(ValueError, match="received 8 body bytes where 7 were left"):
        parser.received(8)
    parser.received(7)
    assert (parser.done, parser.reusable) == (True, True)
    extra = ResponseParser("POST")
    extra.feed(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n")
    extra.advance()
    extra.feed(b"more")  # the next response's bytes, after the 4 the driver received
    assert extra.left() == 0
    extra.received(4)
    assert (extra.done, extra.reusable) == (True, False)
    for raw in (CHUNKED, SIZED.replace(b"Content-Type: x", b"Content-Encoding: gzip")):
        other = ResponseParser("POST")
        other.feed(raw[: raw.index(b"\r\n\r\n") + 4])
        other.advance()
        assert other.left() == 0
        with pytest.raises(ValueError):
            other.received(1)
