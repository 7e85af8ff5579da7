"""``BuiltinClient``: the sync built-in HTTP client on sockets (public as
:mod:`aio_odoorpc_base.builtin`, which says what it does and does not do).

It drives :class:`~.response_parser.ResponseParser`, as the asyncio client does: a
request written in one send, the response received in pieces the parser reads. Every
receive waits at most for the time left to the call (``Wire.deadline``), so a server
that trickles its headers or body cannot hold a call past its timeout."""

from __future__ import annotations

import select
import socket
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import _json
from .base import CHUNK, NO_DEADLINE, Deadline
from .http11 import Headers, joined, request_head, tunnel_request
from .response_parser import ResponseParser

if TYPE_CHECKING:  # ssl and urllib.request load when first needed
    import ssl

__all__ = [
    "BuiltinClient",
    "BuiltinResponse",
    "ConnectFailed",
    "Wire",
    "dial",
    "read_response",
    "write_request",
]

DEFAULT_TIMEOUT = 120.0


class ConnectFailed(OSError):
    """The connection (TCP, proxy tunnel or TLS handshake) could not be made: nothing was
    sent. ``timed_out`` tells a timeout from a refusal."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause) or type(cause).__name__)
        self.timed_out = isinstance(cause, TimeoutError)


class BuiltinResponse:
    """What :meth:`BuiltinClient.post` returns: ``status_code``, ``headers``, ``content``
    and ``json()``, like the responses of requests and httpx."""

    __slots__ = ("content", "headers", "status_code")

    def __init__(self, status_code: int, headers: Mapping[str, str], content: bytes) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content

    def json(self) -> Any:
        return _json.loads(self.content)

    def __repr__(self) -> str:
        return f"<BuiltinResponse [{self.status_code}]>"


Key = tuple[str, str, int]


class BuiltinClient:
    """A keep-alive HTTP/1.1 client on :mod:`socket`; see the module's docstring.

    Use it as a context manager, or call :meth:`close`, to close its idle connections.
    """

    def __init__(
        self,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        proxy: str | None = None,
        trust_env: bool = False,
        max_connections: int = 100,
    ) -> None:
        if max_connections < 1:
            raise ValueError(f"max_connections must be at least 1, got {max_connections}")
        if proxy is not None and urlsplit(proxy).scheme not in ("http", "https"):
            raise ValueError(f"proxy must be an http:// or https:// URL, got {proxy!r}")
        self.timeout = timeout
        self.verify = verify
        self.proxy = proxy
        self.trust_env = trust_env
        self.max_connections = max_connections
        self._idle: dict[Key, list[Wire]] = {}
        self._open: dict[Key, int] = {}  # connections per host, idle and in use
        self._lock = threading.Condition(threading.Lock())
        self._ssl: ssl.SSLContext | None = None if isinstance(verify, bool | str) else verify
        self._closed = False

    def __repr__(self) -> str:
        return (
            f"<BuiltinClient (standard library) timeout={self.timeout} "
            f"verify={self.verify if isinstance(self.verify, bool | str) else 'custom'}"
            f"{' proxy' if self.proxy or self.trust_env else ''}>"
        )

    def __enter__(self) -> BuiltinClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._lock:
            pools, self._idle = self._idle, {}
            self._closed = True
            self._lock.notify_all()  # the calls waiting for a connection fail
        for pool in pools.values():
            for conn in pool:
                conn.close()

    # --- the generic client interface: post(url, json=...) ----------------------------

    def post(
        self,
        url: str,
        json: Any = None,
        *,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> BuiltinResponse:
        """POST ``json`` (encoded here) or raw ``content``; the whole response."""
        body = _json.dumps(json) if content is None else content
        sent = {"Content-Type": "application/json", **(headers or {})}
        with self.stream("POST", url, body, sent, timeout, whole=True) as (status, got, chunks):
            return BuiltinResponse(status, got, joined(chunks))

    # --- the core ---------------------------------------------------------------------

    @contextmanager
    def stream(
        self,
        method: str,
        url: str,
        body: bytes | Iterable[bytes] | None,
        headers: Mapping[str, str],
        timeout: float | None = None,
        *,
        whole: bool = False,
    ) -> Iterator[tuple[int, Headers, Iterator[bytes]]]:
        """Send one request; yield (status, headers, body chunks). The connection goes
        back to the pool when the body was read to its end and the server keeps it open.
        ``whole``: the caller joins the chunks anyway, so a body of known length is
        received into one buffer and comes as one chunk."""
        if self._closed:
            raise RuntimeError("this BuiltinClient is closed")
        deadline = Deadline(self.timeout if timeout is None else timeout)
        key, proxy, target, host = self._route(url)
        wire = self._acquire(key, proxy, deadline)
        wire.deadline = deadline
        reusable = False
        try:
            write_request(wire, method, target, host, headers, body)
            parser, chunks = read_response(wire, method, whole)
            assert parser.head is not None  # read_response returns once it has one
            yield parser.head.status, parser.head.headers, chunks
            # whatever the caller left unread is read now, so the connection stays usable
            for _ in chunks:
                pass
            reusable = parser.reusable
        finally:
            if reusable:
                self._release(key, wire)
            else:
                wire.close()
                self._forget(key)

    def _route(self, url: str) -> tuple[Key, str | None, str, str]:
        """(pool key, proxy, request target, Host header) of ``url``."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an absolute http(s) URL: {url!r}")
        port = parts.port or _default_port(parts.scheme)
        key: Key = (parts.scheme, parts.hostname, port)
        proxy = self._proxy_for(parts.scheme, parts.hostname)
        target = url if proxy and parts.scheme == "http" else _path(parts)
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        if port != _default_port(parts.scheme):
            host = f"{host}:{port}"
        return key, proxy, target, host

    def _proxy_for(self, scheme: str, host: str) -> str | None:
        if self.proxy is not None:
            return self.proxy
        if not self.trust_env:
            return None
        import urllib.request

        if urllib.request.proxy_bypass(host):
            return None
        return urllib.request.getproxies().get(scheme)

    def _context(self) -> ssl.SSLContext:
        if self._ssl is None:
            import ssl

            if self.verify is False:
                context = ssl.create_default_context()
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            elif isinstance(self.verify, str):
                context = ssl.create_default_context(cafile=self.verify)
            else:
                context = ssl.create_default_context()
            self._ssl = context
        return self._ssl

    def _acquire(self, key: Key, proxy: str | None, deadline: Deadline) -> Wire:
        """An idle connection to ``key``, or a new one: at most ``max_connections`` are
        open to a host, and a call beyond waits for one within its deadline."""
        with self._lock:
            while True:
                pool = self._idle.get(key)
                while pool:
                    idle = pool.pop()
                    if _alive(idle):
                        return idle
                    idle.close()
                    self._open[key] -= 1
                if self._closed:
                    raise RuntimeError("this BuiltinClient is closed")
                if self._open.get(key, 0) < self.max_connections:
                    self._open[key] = self._open.get(key, 0) + 1
                    break
                try:
                    left = deadline.left()
                except TimeoutError:
                    left = 0.0
                if left == 0.0 or not self._lock.wait(left):
                    raise no_free_connection(self.max_connections)
        try:
            return self._dial(key, proxy, deadline)
        except BaseException:
            self._forget(key)
            raise

    def _dial(self, key: Key, proxy: str | None, deadline: Deadline) -> Wire:
        scheme, host, port = key
        address = dial(key, proxy)
        sock: socket.socket | None = None
        try:
            sock = socket.create_connection(address, timeout=deadline.left())
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if proxy is not None and scheme == "https":
                _tunnel(Wire(sock), host, port, deadline)
            if scheme == "https":
                sock.settimeout(deadline.left())
                sock = self._context().wrap_socket(sock, server_hostname=host)
        except OSError as exc:  # nothing was sent: a connection error
            if sock is not None:
                sock.close()
            raise ConnectFailed(exc) from exc
        return Wire(sock)

    def _release(self, key: Key, wire: Wire) -> None:
        with self._lock:
            if not self._closed:
                self._idle.setdefault(key, []).append(wire)
                self._lock.notify_all()  # waiters may be for other hosts
                return
        wire.close()
        self._forget(key)

    def _forget(self, key: Key) -> None:
        """A connection to ``key`` was closed: a waiting call may open one instead."""
        with self._lock:
            self._open[key] -= 1
            self._lock.notify_all()


class Wire:
    """A connected socket and the deadline of the call it carries."""

    __slots__ = ("deadline", "sock")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.deadline = NO_DEADLINE

    def close(self) -> None:
        self.sock.close()

    def send(self, data: bytes) -> None:
        self.sock.settimeout(self.deadline.left())
        self.sock.sendall(data)

    def receive(self) -> bytes:
        """What one receive brings (b"": the connection ended)."""
        self.sock.settimeout(self.deadline.left())
        return self.sock.recv(CHUNK)


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


def read_response(
    wire: Wire, method: str, whole: bool = False
) -> tuple[ResponseParser, Iterator[bytes]]:
    """The parser once it has the head (status, headers), and the body's chunks, read as
    they are taken; ``whole``: a large body of known length comes as one chunk, received
    straight into one buffer."""
    parser = ResponseParser(method)
    while parser.head is None:
        parser.feed(wire.receive())
        parser.advance()
    return parser, _body(wire, parser, whole)


def _body(wire: Wire, parser: ResponseParser, whole: bool) -> Iterator[bytes]:
    while True:
        if whole and parser.left() > CHUNK:
            _receive_whole(wire, parser)
        yield from parser.take()
        if parser.done:
            return
        parser.feed(wire.receive())
        parser.advance()


def _receive_whole(wire: Wire, parser: ResponseParser) -> None:
    """The rest of a large plain body received straight into the parser's one buffer."""
    body, done = parser.whole()
    start = done
    with memoryview(body) as view:
        while done < len(body):
            wire.sock.settimeout(wire.deadline.left())
            got = wire.sock.recv_into(view[done:], min(len(body) - done, 1 << 20))
            if not got:
                parser.feed(b"")  # the connection ended: received() says how short
                break
            done += got
    parser.received(done - start)


def _tunnel(wire: Wire, host: str, port: int, deadline: Deadline) -> None:
    """CONNECT through an HTTP proxy to ``host:port``, for TLS end to end."""
    wire.deadline = deadline
    where, request = tunnel_request(host, port)
    wire.send(request)
    parser, _ = read_response(wire, "CONNECT")
    status = parser.head.status if parser.head is not None else 0
    if status != 200:
        raise OSError(f"the proxy refused the tunnel to {where}: HTTP {status}")


def _alive(wire: Wire) -> bool:
    """An idle keep-alive connection is usable when nothing is waiting to be read on it:
    readable means the server closed it (or sent something it should not have)."""
    try:
        readable, _, _ = select.select([wire.sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


def no_free_connection(limit: int) -> ConnectFailed:
    """A call waited for one of the ``limit`` connections to a host past its deadline."""
    return ConnectFailed(TimeoutError(
        f"none of the {limit} connections to this host (max_connections) became free "
        "within the timeout"))  # fmt: skip


def dial(key: Key, proxy: str | None) -> tuple[str, int]:
    """Where to connect for ``key``: the server, or the proxy."""
    if proxy is None:
        return key[1], key[2]
    p = urlsplit(proxy)
    return p.hostname or "", p.port or _default_port(p.scheme)


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _path(parts: Any) -> str:
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path
