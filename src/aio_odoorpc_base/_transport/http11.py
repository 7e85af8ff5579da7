"""HTTP/1.1 on one socket, for the built-in client: a request written in one send, a
response read with a small buffer of our own.

Every receive waits at most for the time left to the call (``Wire.deadline``), so a
server that trickles its headers or body cannot hold a call past its timeout. Bodies
are framed by Content-Length, chunked encoding or the end of the connection; gzip and
deflate bodies are decoded (a proxy may compress although nothing asked it to). Every
error is an ``OSError``: :class:`WireError` when the server breaks HTTP/1.1.
(:mod:`http.client` is not used: it costs more to import than all of this.)
"""

from __future__ import annotations

import socket
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .base import CHUNK, NO_DEADLINE

__all__ = [
    "CHUNKED",
    "MAX_HEAD",
    "MAX_LINE",
    "Decoder",
    "Disconnected",
    "Headers",
    "Wire",
    "WireError",
    "framing",
    "joined",
    "parse_head",
    "read_response",
    "request_head",
    "tunnel_request",
    "write_request",
]

MAX_HEAD = 64 * 1024  # status line and headers
MAX_LINE = 8 * 1024  # a chunk-size line or a trailer
CHUNKED = -1  # framing(): a chunked body
_NO_BODY_STATUS = frozenset({204, 304})


class WireError(OSError):
    """The server's answer is not valid HTTP/1.1 (or ended too soon)."""


class Disconnected(WireError, ConnectionResetError):
    """The server closed the connection without answering."""


class Headers(dict[str, str]):
    """Response headers, looked up without regard to case."""

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())


# lookups of names known to be lower case, as parse_head stores them: no .lower() per call
_get = dict.get


class Wire:
    """A connected socket and the bytes received on it but not used yet."""

    __slots__ = ("buffer", "deadline", "sock")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.deadline = NO_DEADLINE

    def close(self) -> None:
        self.sock.close()

    def send(self, data: bytes) -> None:
        self.sock.settimeout(self.deadline.left())
        self.sock.sendall(data)

    def fill(self) -> bool:
        """Receive once more; False at the end of the connection."""
        self.sock.settimeout(self.deadline.left())
        data = self.sock.recv(CHUNK)
        self.buffer += data
        return bool(data)

    def take(self, size: int) -> bytes:
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def head(self) -> bytes:
        """The status line and headers, up to the empty line that ends them."""
        searched = 0
        while True:
            end = self.buffer.find(b"\r\n\r\n", max(searched - 3, 0))
            if end >= 0:
                return self.take(end + 4)
            bare = self.buffer.find(b"\n\n", max(searched - 1, 0))
            if bare >= 0:  # a server that ends lines with \n only
                return self.take(bare + 2)
            if len(self.buffer) > MAX_HEAD:
                raise WireError("the response headers are longer than 64 KiB")
            searched = len(self.buffer)
            if not self.fill():
                if self.buffer:
                    raise WireError(f"the response headers ended early: {self.excerpt()!r}")
                raise Disconnected("the server closed the connection without a response")

    def line(self) -> bytes:
        searched = 0
        while (end := self.buffer.find(b"\n", searched)) < 0:
            if len(self.buffer) > MAX_LINE:
                raise WireError("a chunk size or trailer line is longer than 8 KiB")
            searched = len(self.buffer)
            if not self.fill():
                raise WireError("the chunked body ended early")
        return self.take(end + 1)

    def excerpt(self) -> str:
        return bytes(self.buffer[:100]).decode("latin-1")

    def some(self, limit: int) -> bytes:
        """At most ``limit`` bytes, what one receive brings; b"" at the end."""
        if not self.buffer and not self.fill():
            return b""
        return self.take(limit)


def write_request(
    wire: Wire,
    method: str,
    target: str,
    host: str,
    headers: Mapping[str, str],
    body: bytes | Iterable[bytes] | None,
) -> None:
    head = request_head(method, target, host, headers, body)
    if isinstance(body, bytes):
        wire.send(head + body if len(body) <= CHUNK else head)
        if len(body) > CHUNK:
            wire.send(body)
        return
    wire.send(head)
    for chunk in body or ():  # a streamed body of known length (multipart uploads)
        wire.send(chunk)


def request_head(
    method: str, target: str, host: str, headers: Mapping[str, str], body: object
) -> bytes:
    """The request line and headers (with Content-Length for a bytes body)."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    has_length = False
    for name, value in headers.items():
        if "\r" in value or "\n" in value or "\r" in name or "\n" in name or ":" in name:
            # a database name or key with a line break would inject headers
            raise ValueError(f"the HTTP header {name!r} has a line break or a colon in it")
        has_length = has_length or name.lower() == "content-length"
        lines.append(f"{name}: {value}")
    if isinstance(body, bytes) and not has_length:
        lines.append(f"Content-Length: {len(body)}")
    lines.append("\r\n")
    return "\r\n".join(lines).encode("latin-1")


def read_response(
    wire: Wire, method: str, whole: bool = False
) -> tuple[int, Headers, bool, Iterator[bytes]]:
    """Status, headers, whether the connection closes after it, and the body chunks;
    ``whole``: a body of known length comes as one chunk, received into one buffer."""
    while True:
        status, keep_alive, headers = parse_head(wire.head())
        if not 100 <= status < 200 or status == 101:
            break  # 100 Continue and other interim answers come before the real one
    size = framing(method, status, headers)
    chunks: Iterator[bytes]
    if size == 0:
        chunks = iter(())
    elif size == CHUNKED:
        chunks = _chunked(wire)
    elif size is not None:
        chunks = _whole(wire, size) if whole and size > CHUNK else _sized(wire, size)
    else:  # the body ends when the server closes the connection
        keep_alive = False
        chunks = _until_closed(wire)
    if (decoder := Decoder.of(headers)) is not None:
        chunks = _decoded(chunks, decoder)
    return status, headers, not keep_alive, chunks


def framing(method: str, status: int, headers: Headers) -> int | None:
    """How the body of a final response is delimited: its length (0: no body),
    :data:`CHUNKED`, or None: it ends when the server closes the connection."""
    if method in ("HEAD", "CONNECT") or status in _NO_BODY_STATUS or status < 200:
        return 0
    if _get(headers, "transfer-encoding", "").lower().endswith("chunked"):
        return CHUNKED
    length = _get(headers, "content-length")
    if length is None:
        return None
    try:
        size = int(length)
    except ValueError:
        raise WireError(f"invalid Content-Length {length[:40]!r}") from None
    if size < 0:
        raise WireError(f"invalid Content-Length {length[:40]!r}")
    return size


class Decoder:
    """A gzip or deflate body, decoded chunk by chunk (a proxy may compress although
    nothing asked it to): zlib detects a gzip or zlib header (47); a deflate body with
    neither is raw deflate (-15), as some servers send it."""

    __slots__ = ("coding", "first", "zlib")

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.zlib = zlib.decompressobj(47)
        self.first = True

    @classmethod
    def of(cls, headers: Headers) -> Decoder | None:
        coding = _get(headers, "content-encoding", "").lower().strip()
        return cls(coding) if coding in ("gzip", "x-gzip", "deflate") else None

    def decode(self, chunk: bytes) -> bytes:
        try:
            try:
                data: bytes = self.zlib.decompress(chunk)
            except zlib.error:
                if self.coding != "deflate" or not self.first:
                    raise
                self.zlib = zlib.decompressobj(-15)
                data = self.zlib.decompress(chunk)
        except zlib.error:
            raise WireError(f"the {self.coding} body is corrupt") from None
        self.first = False
        return data

    def flush(self) -> bytes:
        tail: bytes = self.zlib.flush()
        return tail


def tunnel_request(host: str, port: int) -> tuple[str, bytes]:
    """The ``host:port`` of a CONNECT through a proxy, and its request."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return where, f"CONNECT {where} HTTP/1.1\r\nHost: {where}\r\n\r\n".encode("latin-1")


def joined(chunks: Iterable[bytes]) -> bytes:
    """The body as one object; a body received whole (``read_response(whole=True)``) is
    not copied again."""
    parts = list(chunks)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def parse_head(head: bytes) -> tuple[int, bool, Headers]:
    text = head.decode("latin-1")
    lines = text.split("\n")
    status_line = lines[0].rstrip("\r")
    version, _, rest = status_line.partition(" ")
    code = rest[:3]
    if not version.startswith("HTTP/1.") or not code.isdigit() or len(rest) > 3 and rest[3] != " ":
        raise WireError(f"not an HTTP/1.x status line: {status_line[:100]!r}")
    fields: dict[str, str] = {}  # a plain dict while parsing: names are lower case
    name = ""
    for raw in lines[1:]:
        line = raw.rstrip("\r")
        if not line:
            continue
        if line[0] in " \t" and name:  # an obsolete folded continuation line
            fields[name] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        name = name.strip().lower()
        if not sep or not name:
            raise WireError(f"invalid header line {line[:100]!r}")
        value = value.strip()
        fields[name] = f"{fields[name]}, {value}" if name in fields else value
    connection = fields.get("connection", "").lower()
    # HTTP/1.0 closes unless asked to keep alive; HTTP/1.1 keeps alive unless told
    old = version == "HTTP/1.0"
    keep_alive = "keep-alive" in connection if old else "close" not in connection
    headers = Headers(fields)
    return int(code), keep_alive, headers


def _sized(wire: Wire, size: int) -> Iterator[bytes]:
    left = size
    while left:
        chunk = wire.some(min(CHUNK, left))
        if not chunk:
            raise WireError(f"the body ended {left} bytes short of its length")
        left -= len(chunk)
        yield chunk


def _whole(wire: Wire, size: int) -> Iterator[bytes]:
    """The body in one buffer, received straight into it (no chunks to join)."""
    body = bytearray(size)
    view = memoryview(body)
    done = min(len(wire.buffer), size)
    view[:done] = wire.take(done)
    while done < size:
        wire.sock.settimeout(wire.deadline.left())
        got = wire.sock.recv_into(view[done:], min(size - done, 1 << 20))
        if not got:
            raise WireError(f"the body ended {size - done} bytes short of its length")
        done += got
    view.release()
    yield body  # a bytearray: the JSON decoders take it as it is, without a copy


def _chunked(wire: Wire) -> Iterator[bytes]:
    while True:
        line = wire.line().split(b";", 1)[0].strip()
        try:
            size = int(line, 16)
        except ValueError:
            raise WireError(f"invalid chunk size {line[:40]!r}") from None
        if size == 0:
            while wire.line().strip():  # trailers, up to the empty line
                pass
            return
        yield from _sized(wire, size)
        if wire.line().strip():
            raise WireError("a chunk is longer than its size says")


def _until_closed(wire: Wire) -> Iterator[bytes]:
    while chunk := wire.some(CHUNK):
        yield chunk


def _decoded(chunks: Iterator[bytes], decoder: Decoder) -> Iterator[bytes]:
    for chunk in chunks:
        if data := decoder.decode(chunk):
            yield data
    if tail := decoder.flush():
        yield tail
