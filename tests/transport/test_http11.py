"""The sync built-in client's HTTP/1.1 reading (the shared sans-IO parser driven from a
socket), fed raw bytes through a socket pair: framing, odd but valid answers, a large
body received whole, and broken ones (each a WireError, an OSError the transport maps to
a TransportError)."""

from __future__ import annotations

import gzip
import socket
import threading
import zlib
from collections.abc import Iterator

import pytest

from aio_odoorpc_base._transport.base import Deadline, DeadlineExceeded
from aio_odoorpc_base._transport.http11 import Disconnected, Headers, WireError
from aio_odoorpc_base._transport.socket_client import Wire, read_response


@pytest.fixture
def pair() -> Iterator[tuple[Wire, socket.socket]]:
    ours, theirs = socket.socketpair()
    wire = Wire(ours)
    wire.deadline = Deadline(5)
    yield wire, theirs
    ours.close()
    theirs.close()


def answer(
    pair: tuple[Wire, socket.socket], raw: bytes, method: str = "POST"
) -> tuple[int, Headers, bool, bytes]:
    wire, server = pair
    server.sendall(raw)
    server.shutdown(socket.SHUT_WR)
    parser, chunks = read_response(wire, method)
    body = b"".join(chunks)
    assert parser.head is not None
    return parser.head.status, parser.head.headers, parser.head.closes, body


@pytest.mark.parametrize(
    ("raw", "body", "closes"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n42", b"42", False),
        (b"HTTP/1.1 200 OK\nContent-Length: 2\n\n42", b"42", False),  # bare LF line ends
        (b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\n42", b"42", False),  # no reason phrase
        (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n42", b"42", True),
        (b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n42", b"42", False),
        (b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n42", b"42", True),
        (b"HTTP/1.1 200 OK\r\n\r\nuntil the end", b"until the end", True),
        (b"HTTP/1.1 204 No Content\r\n\r\n", b"", False),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"2;x=y\r\n42\r\n1\r\n!\r\n0\r\nTrailer: t\r\n\r\n",
            b"42!",
            False,
        ),
        (
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
            b"x",
            False,
        ),
    ],
)
def test_framing(pair: tuple[Wire, socket.socket], raw: bytes, body: bytes, closes: bool) -> None:
    status, _, closing, got = answer(pair, raw)
    assert status in (200, 204)
    assert got == body
    assert closing is closes


def test_headers(pair: tuple[Wire, socket.socket]) -> None:
    raw = (
        b"HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\nX-Long: first\r\n  folded\r\n"
        b"Content-Length: 0\r\n\r\n"
    )
    _, headers, _, _ = answer(pair, raw)
    assert headers["X-A"] == "1, 2"
    assert headers.get("x-long") == "first folded"
    assert "CONTENT-LENGTH" in headers


def test_head_has_no_body(pair: tuple[Wire, socket.socket]) -> None:
    assert answer(pair, b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", "HEAD")[3] == b""


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_bodies(pair: tuple[Wire, socket.socket], coding: str) -> None:
    data = b'{"result": 42}' * 100
    if coding == "gzip":
        packed = gzip.compress(data)
    elif coding == "deflate":
        packed = zlib.compress(data)
    else:
        squeeze = zlib.compressobj(wbits=-15)
        packed = squeeze.compress(data) + squeeze.flush()
    name = coding.replace("raw-", "").encode()
    raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\nContent-Length: %d\r\n\r\n%s" % (
        name,
        len(packed),
        packed,
    )
    assert answer(pair, raw)[3] == data


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b"", "closed the connection without a response"),
        (b"HTTP/1.1 200 OK\r\nContent-Len", "headers ended early"),
        (b"SMTP ready\r\n\r\n", "not an HTTP/1.x status line"),
        (b"HTTP/1.1 2000 OK\r\n\r\n", "not an HTTP/1.x status line"),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "invalid header line"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n42", "5 bytes short|3 bytes short"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid chunk size"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n", "longer than"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n4", "short|ended early"),
        (b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc", "corrupt"),
        (b"HTTP/1.1 200 OK\r\nX: " + b"y" * 70_000, "longer than 64 KiB"),
    ],
)
def test_broken_answers(pair: tuple[Wire, socket.socket], raw: bytes, match: str) -> None:
    with pytest.raises(WireError, match=match) as info:
        answer(pair, raw)
    assert isinstance(info.value, OSError)
    if not raw:
        assert isinstance(info.value, Disconnected)


def test_the_deadline_holds_while_headers_trickle(pair: tuple[Wire, socket.socket]) -> None:
    wire, server = pair
    wire.deadline = Deadline(0.2)
    server.sendall(b"HTTP/1.1 200 OK\r\n")  # and nothing more
    with pytest.raises(TimeoutError):
        read_response(wire, "POST")
    wire.deadline = Deadline(-1)
    with pytest.raises(DeadlineExceeded):
        wire.receive()


@pytest.mark.parametrize("short", [False, True])
def test_a_large_body_is_received_whole(pair: tuple[Wire, socket.socket], short: bool) -> None:
    """``whole``: what came with the head and the rest, received into one buffer (one
    chunk, nothing to join); a body that ends short is a WireError."""
    wire, server = pair
    data = bytes(range(256)) * 1024  # 256 KiB: more than one receive
    length = len(data) + (10 if short else 0)
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (length, data)

    def send() -> None:
        server.sendall(raw)
        server.shutdown(socket.SHUT_WR)

    sender = threading.Thread(target=send)
    sender.start()
    try:
        parser, chunks = read_response(wire, "POST", whole=True)
        if short:
            with pytest.raises(WireError, match="10 bytes short"):
                list(chunks)
            return
        got = list(chunks)
    finally:
        sender.join()
    assert len(got) == 1
    assert isinstance(got[0], bytearray)
    assert got[0] == data
    assert parser.reusable
