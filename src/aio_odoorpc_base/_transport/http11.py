"""The pieces of HTTP/1.1 the built-in clients share, with no I/O: the request head
(refusing header injection), the response head parsed, how a body is framed, gzip and
deflate decoded, and the limits. :mod:`.response_parser` reads a whole response with
them; :mod:`.socket_client` (sync) and :mod:`.aio_client` (asyncio) only move the bytes
and keep the deadline. Every error is an ``OSError``: :class:`WireError` when the server
breaks HTTP/1.1. (:mod:`http.client` is not used: it costs more to import than all of
this.)
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "CHUNKED",
    "MAX_HEAD",
    "MAX_LINE",
    "Decoder",
    "Disconnected",
    "Headers",
    "WireError",
    "framing",
    "joined",
    "parse_head",
    "request_head",
    "tunnel_request",
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
    """The body as one object; a body received whole is not copied again."""
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
