"""``AsyncBuiltinClient``: the built-in client on asyncio (no threads, no dependency).

An ``asyncio.Protocol`` moves the bytes; :class:`~.response_parser.ResponseParser` reads
them. The rules are the sync client's (:mod:`aio_odoorpc_base.builtin`): keep-alive
connections pooled per host (at most ``max_connections`` open at once: a call beyond
waits for one, within its deadline), one deadline per
call from connect to the last byte, TLS verified by default, a proxy only when given
(https through a CONNECT tunnel), no cookies, no redirects. A call that is cancelled or
times out closes its connection: a half-read one never goes back to the pool."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Iterable, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from .. import _json
from .base import DEADLINE_ERRORS, DeadlineExceeded
from .http11 import Headers, WireError, joined, request_head, tunnel_request
from .response_parser import END, Head, ResponseParser
from .socket_client import (
    BuiltinClient,
    BuiltinResponse,
    ConnectFailed,
    Key,
    dial,
    no_free_connection,
)

if TYPE_CHECKING:
    import ssl

__all__ = ["AsyncBuiltinClient"]

DEFAULT_TIMEOUT = 120.0
_PAUSE_AT = 1 << 20  # bytes buffered before reading pauses (a slow download consumer)
_SCRATCH = 64 * 1024  # a connection's receive buffer
T = TypeVar("T")
_CONNECT_ERRORS: tuple[type[BaseException], ...] = (OSError, *DEADLINE_ERRORS)


class _Connection(asyncio.BufferedProtocol):
    """One keep-alive connection: feeds the current response's parser and wakes the
    call that waits for bytes, for the drain of a write or for its deadline. The loop
    receives into its buffer (``get_buffer``): a small one of its own, or for a large
    body of known length the body's own buffer (``sink``), filled without a copy."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser: ResponseParser | None = None
        self.waiter: asyncio.Future[None] | None = None
        self.closed = False
        self.stray = False  # bytes came while idle: not reusable
        self.error: BaseException | None = None
        self.end: float | None = None  # the deadline of the call in progress (loop time)
        self.watchdog: _Watchdog | None = None
        self.writable: asyncio.Future[None] | None = None
        self.reading = True
        self.scratch: memoryview | None = None
        self.sink: memoryview | None = None  # where a large body goes
        self.sunk = 0  # bytes received into it

    # --- asyncio.BufferedProtocol -------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.lost = asyncio.get_running_loop().create_future()

    def get_buffer(self, sizehint: int) -> memoryview:
        if self.sink is not None:
            return self.sink[self.sunk :]
        if self.scratch is None:
            self.scratch = memoryview(bytearray(_SCRATCH))
        return self.scratch

    def buffer_updated(self, nbytes: int) -> None:
        if self.sink is not None:
            self.sunk += nbytes
            if self.sunk == len(self.sink):
                self.sink = None  # full: what comes next is not the body's
                self._wake()
        elif self.scratch is not None:
            self.data_received(self.scratch[:nbytes])

    def data_received(self, data: bytes | memoryview) -> None:
        parser = self.parser
        if parser is None:
            self.stray = True
            return
        parser.feed(data)
        if len(parser.buffer) > _PAUSE_AT and self.transport is not None:
            self.transport.pause_reading()
            self.reading = False
        self._wake()

    def eof_received(self) -> bool:
        if self.parser is not None:
            self.parser.feed(b"")
        self._wake()
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if not self.lost.done():
            self.lost.set_result(None)
        if self.parser is not None:
            self.parser.feed(b"")
        self._wake()
        if self.writable is not None and not self.writable.done():
            self.writable.set_result(None)  # the next write fails on the closed transport

    def pause_writing(self) -> None:
        self.writable = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self.writable is not None and not self.writable.done():
            self.writable.set_result(None)
        self.writable = None

    # --- the call -----------------------------------------------------------------------

    def _wake(self) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def arm(self, end: float | None, watchdog: _Watchdog) -> None:
        """The call's deadline (loop time), kept by ``watchdog``."""
        self.end = end
        self.watchdog = watchdog
        if end is not None:
            watchdog.watch(self)

    def expire(self) -> None:
        self.error = DeadlineExceeded("the call's timeout passed")
        for future in (self.waiter, self.writable):
            if future is not None and not future.done():
                future.set_exception(self.error)

    def disarm(self) -> None:
        if self.watchdog is not None:
            self.watchdog.busy.discard(self)
        self.end = None
        self.error = None

    async def write(self, data: bytes) -> None:
        """Write ``data``; when the write buffer is full, wait until it drains (the
        deadline still applies)."""
        if self.closed or self.transport is None or self.transport.is_closing():
            raise ConnectionResetError("the connection closed while the request was sent")
        self.transport.write(data)
        if self.writable is not None:
            if self.error is not None:
                raise self.error
            await self.writable

    async def more(self) -> None:
        """Wait until bytes (or the end of the connection, or the deadline) arrive."""
        if self.error is not None:
            raise self.error
        if not self.reading and self.transport is not None:
            self.transport.resume_reading()
            self.reading = True
        self.waiter = asyncio.get_running_loop().create_future()
        try:
            await self.waiter
        finally:
            self.waiter = None

    async def receive_whole(self, parser: ResponseParser) -> None:
        """The rest of a large plain body (``parser.left()``) received straight into the
        parser's one buffer (:meth:`~.ResponseParser.whole`)."""
        body, start = parser.whole()
        self.sink, self.sunk = memoryview(body)[start:], 0
        try:
            while self.sink is not None:  # unset once full
                if parser.eof or self.closed:
                    parser.feed(b"")  # the connection ended: received() says how short
                    break
                await self.more()
        finally:
            self.sink = None
        parser.received(self.sunk)

    async def events(self) -> AsyncIterator[Any]:
        """The parser's events, waiting for bytes as needed."""
        parser = self.parser
        assert parser is not None
        while True:
            for event in parser.events():
                yield event
                if event is END:
                    return
            await self.more()

    def usable(self) -> bool:
        """An idle connection that may carry a request: open, and nothing arrived."""
        transport = self.transport
        return not (self.closed or self.stray or transport is None or transport.is_closing())

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class _Watchdog:
    """The deadlines of the calls in flight, on one timer that ticks while there are
    some: a timer per call costs more than the call itself when many are in flight (the
    loop keeps every cancelled timer in its heap). A call expires at most TICK late."""

    TICK = 0.05

    def __init__(self) -> None:
        self.busy: set[_Connection] = set()
        self.timer: asyncio.TimerHandle | None = None

    def watch(self, conn: _Connection) -> None:
        self.busy.add(conn)
        if self.timer is None:
            self.timer = asyncio.get_running_loop().call_later(self.TICK, self.sweep)

    def sweep(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        for conn in [c for c in self.busy if c.end is not None and c.end <= now]:
            self.busy.discard(conn)
            conn.expire()
        self.timer = loop.call_later(self.TICK, self.sweep) if self.busy else None


class _Pool:
    """The connections to one host: the idle ones, how many are open (idle and in use),
    and the calls waiting for one. A connection freed goes to the first waiting call, or
    (when its connection could not be kept) the right to open one does."""

    __slots__ = ("idle", "open", "waiting")

    def __init__(self) -> None:
        self.idle: list[_Connection] = []
        self.open = 0
        self.waiting: deque[asyncio.Future[_Connection | None]] = deque()

    def hand_over(self, conn: _Connection | None) -> bool:
        """Give ``conn`` (None: the right to connect) to the first call still waiting."""
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():
                waiter.set_result(conn)
                return True
        return False


class AsyncBuiltinClient:
    """The built-in client for the async API, on asyncio; the options of
    :class:`~aio_odoorpc_base.builtin.BuiltinClient`."""

    def __init__(
        self,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        proxy: str | None = None,
        trust_env: bool = False,
        max_connections: int = 100,
    ) -> None:
        # the sync client checks the options and keeps the TLS context and proxy rules
        self.sync = BuiltinClient(timeout=timeout, verify=verify, proxy=proxy,
                                  trust_env=trust_env, max_connections=max_connections)  # fmt: skip
        self.timeout = timeout
        self.max_connections = max_connections
        self._pools: dict[Key, _Pool] = {}
        self._urls: dict[str, tuple[Key, str | None, str, str]] = {}
        self._watchdog = _Watchdog()
        self._closed = False

    def __repr__(self) -> str:
        sync = repr(self.sync).removeprefix("<BuiltinClient ")
        return f"<AsyncBuiltinClient (standard library, asyncio) {sync}"

    async def __aenter__(self) -> AsyncBuiltinClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    @property
    def closed(self) -> bool:
        return self._closed

    async def aclose(self) -> None:
        self._closed = True
        pools, self._pools = self._pools, {}
        idle = [conn for pool in pools.values() for conn in pool.idle]
        for conn in idle:
            conn.close()
        for pool in pools.values():
            for waiter in pool.waiting:
                if not waiter.done():
                    waiter.set_exception(RuntimeError("this AsyncBuiltinClient is closed"))
        self.sync.close()
        if idle:  # TLS shuts down over a few round trips: wait for it, a little
            await asyncio.wait([asyncio.ensure_future(c.lost) for c in idle], timeout=1)

    async def post(
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
        status, got, data = await self.exchange("POST", url, body, sent, timeout)
        return BuiltinResponse(status, got, data)

    async def exchange(
        self,
        method: str,
        url: str,
        body: bytes | Iterable[bytes] | AsyncIterable[bytes] | None,
        headers: Mapping[str, str],
        timeout: float | None = None,
    ) -> tuple[int, Headers, bytes]:
        """One request and its whole response: (status, headers, body)."""
        if not isinstance(body, bytes):
            async with self.stream(method, url, body, headers, timeout) as (status, got, parts):
                return status, got, joined([c async for c in parts])
        if self._closed:
            raise RuntimeError("this AsyncBuiltinClient is closed")
        key, proxy, target, host = self._prepare(url)
        head = request_head(method, target, host, headers, body)
        conn, parser = await self._acquire(key, proxy, method, timeout)
        reusable = False
        try:
            await conn.write(head + body)
            while True:  # the hot path: one wait for a small answer, no generator
                parser.advance()
                if parser.done:
                    break
                if parser.left() > _SCRATCH:
                    await conn.receive_whole(parser)
                    break
                await conn.more()
            reusable = parser.reusable
            answer = parser.head
            assert answer is not None  # a parser is done after its head
            return answer.status, answer.headers, joined(parser.chunks)
        finally:
            self._done(key, conn, reusable)

    def _prepare(self, url: str) -> tuple[Key, str | None, str, str]:
        """(pool key, proxy, request target, Host header) of ``url``; kept for the last
        URLs used (a client posts to a few)."""
        if (known := self._urls.get(url)) is not None:
            return known
        prepared = self.sync._route(url)
        if len(self._urls) < 64 and not self.sync.trust_env:  # environment proxies may change
            self._urls[url] = prepared
        return prepared

    async def _acquire(
        self, key: Key, proxy: str | None, method: str, timeout: float | None
    ) -> tuple[_Connection, ResponseParser]:
        """A connection for one call (idle, new, or freed by another call), its parser
        set and its deadline (loop time) armed."""
        limit = self.timeout if timeout is None else timeout
        end = None if limit is None else asyncio.get_running_loop().time() + limit
        conn = self._idle(key) or await self._connect(key, proxy, end)
        parser = conn.parser = ResponseParser(method)
        conn.arm(end, self._watchdog)
        return conn, parser

    def _idle(self, key: Key) -> _Connection | None:
        """An idle connection to ``key`` that may carry a request; the others closed."""
        pool = self._pools.get(key)
        if pool is not None:
            while pool.idle:
                conn = pool.idle.pop()
                if conn.usable():
                    return conn
                conn.close()
                pool.open -= 1
        return None

    def _done(self, key: Key, conn: _Connection, reusable: bool) -> None:
        conn.disarm()
        conn.parser = None
        pool = self._pools.get(key)  # None: the client was closed meanwhile
        if not reusable or pool is None:
            conn.close()
        if pool is not None:
            self._give_back(pool, conn if reusable else None)

    def _give_back(self, pool: _Pool, conn: _Connection | None) -> None:
        """A connection of ``pool`` (None: one that was closed, whose place is free)
        goes to the first waiting call, else back to the pool."""
        if conn is not None and self._closed:
            conn.close()
            conn = None
        if pool.hand_over(conn):
            return
        if conn is None:
            pool.open -= 1
        else:
            pool.idle.append(conn)

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        url: str,
        body: bytes | Iterable[bytes] | AsyncIterable[bytes] | None,
        headers: Mapping[str, str],
        timeout: float | None = None,
    ) -> AsyncIterator[tuple[int, Headers, AsyncIterator[bytes]]]:
        """Send one request; yield (status, headers, body chunks). The connection goes
        back to the pool when the body was read to its end and the server keeps it open."""
        if self._closed:
            raise RuntimeError("this AsyncBuiltinClient is closed")
        key, proxy, target, host = self._prepare(url)
        head = request_head(method, target, host, headers, body)  # checked before connecting
        conn, parser = await self._acquire(key, proxy, method, timeout)
        reusable = False
        try:
            if isinstance(body, bytes):
                await conn.write(head + body)
            else:
                await conn.write(head)
                if isinstance(body, AsyncIterable):
                    async for chunk in body:
                        await conn.write(chunk)
                else:
                    for chunk in body or ():
                        await conn.write(chunk)
            events = conn.events()
            first = await anext(events)
            assert isinstance(first, Head)
            chunks = _body(events)
            yield first.status, first.headers, chunks
            async for _ in chunks:  # whatever the caller left unread, so the connection stays
                pass
            reusable = parser.reusable
        finally:
            self._done(key, conn, reusable)

    async def _connect(self, key: Key, proxy: str | None, end: float | None) -> _Connection:
        """A new connection to ``key``, or one freed by another call when
        ``max_connections`` are open."""
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = _Pool()
        if pool.open < self.max_connections:
            pool.open += 1
        elif (conn := await self._wait(pool, end)) is not None:
            if conn.usable():
                return conn
            conn.close()  # bytes came while it was handed over: a new one in its place
        try:
            return await self._dial(key, proxy, end)
        except BaseException:
            self._give_back(pool, None)
            raise

    async def _wait(self, pool: _Pool, end: float | None) -> _Connection | None:
        """Wait for a connection of ``pool`` (or None: the right to open one)."""
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[_Connection | None] = loop.create_future()
        pool.waiting.append(waiter)
        left = None if end is None else max(end - loop.time(), 0.0)
        try:
            await asyncio.wait({waiter}, timeout=left)
        except BaseException:  # cancelled: what was handed over meanwhile goes on
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._give_back(pool, waiter.result())
            waiter.cancel()
            raise
        if not waiter.done():
            waiter.cancel()  # the next hand-over skips it
            raise no_free_connection(self.max_connections)
        return waiter.result()

    async def _dial(self, key: Key, proxy: str | None, end: float | None) -> _Connection:
        scheme, host, port = key
        loop = asyncio.get_running_loop()
        address = dial(key, proxy)
        try:
            left = None if end is None else max(end - loop.time(), 0.001)
            transport, conn = await _within(loop.create_connection(_Connection, *address), left)
            try:
                if proxy is not None and scheme == "https":
                    await _tunnel(conn, host, port, end, self._watchdog)
                if scheme == "https":  # TLS on the connection (a failed handshake closes it)
                    left = None if end is None else max(end - loop.time(), 0.001)
                    upgrading = loop.start_tls(
                        transport, conn, self.sync._context(), server_hostname=host
                    )
                    conn.transport = await _within(upgrading, left)
            except BaseException:
                transport.close()
                raise
        except _CONNECT_ERRORS as exc:
            # Python 3.10: asyncio's TimeoutError is not TimeoutError
            timed_out = isinstance(exc, DEADLINE_ERRORS)
            raise ConnectFailed(TimeoutError("connect timed out") if timed_out else exc) from exc
        return conn


async def _within(opening: Awaitable[T], timeout: float | None) -> T:
    """``await opening`` (a connection or TLS upgrade) within ``timeout``; when the call is
    cancelled or times out, what opened anyway is closed, never left behind."""
    task = asyncio.ensure_future(opening)
    try:
        done, _ = await asyncio.wait({task}, timeout=timeout)
    except asyncio.CancelledError:
        _abandon(task)
        raise
    if not done:
        _abandon(task)
        raise TimeoutError("connect timed out")
    return task.result()


def _abandon(task: asyncio.Future[Any]) -> None:
    def close(done: asyncio.Future[Any]) -> None:
        if not done.cancelled() and done.exception() is None:
            opened = done.result()
            (opened[0] if isinstance(opened, tuple) else opened).close()

    task.cancel()
    task.add_done_callback(close)


async def _body(events: AsyncIterator[Any]) -> AsyncIterator[bytes]:
    async for event in events:
        if event is END:
            return
        yield event


async def _tunnel(
    conn: _Connection, host: str, port: int, end: float | None, watchdog: _Watchdog
) -> None:
    """CONNECT through an HTTP proxy to ``host:port``, for TLS end to end."""
    where, request = tunnel_request(host, port)
    conn.parser = ResponseParser("CONNECT")
    conn.arm(end, watchdog)
    try:
        await conn.write(request)
        head = await anext(conn.events())
    finally:
        conn.disarm()
        conn.parser = None
    if not isinstance(head, Head) or head.status != 200:
        status = head.status if isinstance(head, Head) else "?"
        raise WireError(f"the proxy refused the tunnel to {where}: HTTP {status}")
