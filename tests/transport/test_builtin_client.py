"""The built-in client on its own: TLS verified by default (a local HTTPS server with a
self-signed CA), keep-alive reuse, a connection the server closed while idle, the one
deadline per call against a server that drips its reply, and no redirect followed; the
same for the async twin on asyncio and on uvloop, and a cancellation storm."""

from __future__ import annotations

import asyncio
import json
import random
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors, sync
from aio_odoorpc_base.builtin import AsyncBuiltinClient, BuiltinClient


@pytest.fixture(
    params=[pytest.param(("asyncio", {}), id="asyncio"),
            pytest.param(("asyncio", {"use_uvloop": True}), id="uvloop")],
)  # fmt: skip
def anyio_backend(request: pytest.FixtureRequest) -> Any:
    """Every async test here runs on asyncio's own loop and on uvloop."""
    if request.param[1]:
        pytest.importorskip("uvloop", reason="uvloop is not installed: pip install uvloop")
    return request.param


VERSION = {"server_version": "19.0", "server_version_info": [19, 0, 0, "final", 0, ""]}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    connections = 0
    mode = "ok"  # ok | close-after | drip | slow | redirect
    paths: list[str]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    server: Server

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.server.paths.append(self.path)
        length = int(self.headers["Content-Length"])
        rid = json.loads(self.rfile.read(length))["id"]
        if self.server.mode == "redirect":
            self.send_response(301)
            self.send_header("Location", "https://elsewhere.example.com/jsonrpc")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"jsonrpc": "2.0", "id": rid, "result": VERSION}).encode()
        if self.server.mode == "slow":
            time.sleep(0.3)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.server.mode == "drip":
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
            return
        self.wfile.write(body)
        self.wfile.flush()
        if self.server.mode == "close-after":  # keep-alive announced, then gone while idle
            self.close_connection = True


def _serve(context: ssl.SSLContext | None = None) -> Iterator[Server]:
    server = Server(("127.0.0.1", 0), Handler)
    server.paths = []
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _url(server: Server, scheme: str = "http") -> str:
    return f"{scheme}://127.0.0.1:{server.server_address[1]}/jsonrpc"


@pytest.fixture
def plain() -> Iterator[Server]:
    yield from _serve()


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA and a server certificate for 127.0.0.1, made with the openssl command, with
    the extensions Python 3.13's strict verification asks for."""
    d = tmp_path_factory.mktemp("tls")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=aiotest CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout", "ca.key", "-out", "ca.pem")  # fmt: skip
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", "server.key", "-out", "server.csr")  # fmt: skip
    (d / "ext.cnf").write_text(
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n"
    )
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "server.pem")  # fmt: skip
    return {"ca": d / "ca.pem", "cert": d / "server.pem", "key": d / "server.key"}


@pytest.fixture
def tls(certs: dict[str, Path]) -> Iterator[Server]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certs["cert"], certs["key"])
    yield from _serve(context)


def test_tls_is_verified_by_default(tls: Server, certs: dict[str, Path]) -> None:
    url = _url(tls, "https")
    with BuiltinClient() as client, pytest.raises(errors.ConnectError, match="CERTIFICATE"):
        sync.version(client, url)
    with BuiltinClient(verify=str(certs["ca"])) as client:
        assert sync.version(client, url)["server_version"] == "19.0"
    own = ssl.create_default_context(cafile=str(certs["ca"]))
    with BuiltinClient(verify=own) as client:
        assert sync.version(client, url)["server_version"] == "19.0"
    with BuiltinClient(verify=False) as client:
        assert sync.version(client, url)["server_version"] == "19.0"


def test_connections_are_kept_alive_and_reused(plain: Server) -> None:
    with BuiltinClient() as client:
        for _ in range(5):
            assert sync.version(client, _url(plain))["server_version"] == "19.0"
    assert plain.connections == 1


def test_a_connection_closed_while_idle_is_replaced(plain: Server) -> None:
    plain.mode = "close-after"
    with BuiltinClient() as client:
        for _ in range(3):
            assert sync.version(client, _url(plain))["server_version"] == "19.0"
            time.sleep(0.05)  # the server's close reaches the idle socket
    assert plain.connections == 3


def test_connections_are_capped_per_host(plain: Server) -> None:
    """At most max_connections open to a host: 8 threads share 2 connections, a call
    that waits past its timeout is a ConnectTimeout, a refused connect frees its place."""
    from concurrent.futures import ThreadPoolExecutor

    with BuiltinClient(max_connections=2) as client:
        with ThreadPoolExecutor(8) as pool:
            versions = list(pool.map(lambda _: sync.version(client, _url(plain)), range(40)))
        assert {v["server_version"] for v in versions} == {"19.0"}
        plain.mode = "slow"
        with ThreadPoolExecutor(2) as pool:
            busy = [pool.submit(sync.version, client, _url(plain)) for _ in range(2)]
            time.sleep(0.1)
            with pytest.raises(errors.ConnectTimeout, match="max_connections"):
                sync.version(client, _url(plain), timeout=0.1)
            assert [b.result()["server_version"] for b in busy] == ["19.0", "19.0"]
    assert plain.connections == 2
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with BuiltinClient(max_connections=1, timeout=5) as client:
        for _ in range(2):  # the second is refused too: not left waiting for the first
            with pytest.raises(errors.ConnectError) as info:
                sync.version(client, f"http://127.0.0.1:{port}/jsonrpc")
            assert not isinstance(info.value, errors.ConnectTimeout)


def test_one_deadline_for_the_whole_call(plain: Server) -> None:
    plain.mode = "drip"  # one byte every 50 ms: every read is quick, the whole is not
    with BuiltinClient() as client:
        start = time.monotonic()
        with pytest.raises(errors.TransportTimeout):
            sync.version(client, _url(plain), timeout=0.5)
        assert time.monotonic() - start < 1.5
        plain.mode = "ok"
        assert sync.version(client, _url(plain))["server_version"] == "19.0"


def test_redirects_are_not_followed(plain: Server) -> None:
    plain.mode = "redirect"
    with BuiltinClient() as client, pytest.raises(errors.HTTPStatusError) as info:
        sync.version(client, _url(plain))
    assert info.value.status_code == 301
    assert "moved to https://elsewhere.example.com/jsonrpc: use that URL" in str(info.value)
    assert plain.connections == 1


def test_refused_connection_is_a_connect_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with BuiltinClient() as client, pytest.raises(errors.ConnectError):
        sync.version(client, f"http://127.0.0.1:{port}/jsonrpc")


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="max_connections"):
        BuiltinClient(max_connections=0)
    with pytest.raises(ValueError, match="proxy"):
        BuiltinClient(proxy="socks5://proxy:1080")
    client = BuiltinClient()
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.post("http://127.0.0.1:1/jsonrpc", json={})


def test_an_http_proxy_gets_the_absolute_url(plain: Server) -> None:
    proxy = f"http://127.0.0.1:{plain.server_address[1]}"
    with BuiltinClient(proxy=proxy) as client:
        assert sync.version(client, "http://odoo.invalid/jsonrpc")["server_version"] == "19.0"
    assert plain.paths == ["http://odoo.invalid/jsonrpc"]


def test_environment_proxies_only_when_asked(
    plain: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{plain.server_address[1]}")
    monkeypatch.setenv("no_proxy", "direct.invalid")
    with BuiltinClient(trust_env=True, timeout=5) as client:
        assert sync.version(client, "http://odoo.invalid/jsonrpc")["server_version"] == "19.0"
        with pytest.raises(errors.ConnectError):  # no_proxy: straight to a name that fails
            sync.version(client, "http://direct.invalid/jsonrpc")
    with BuiltinClient(timeout=5) as client, pytest.raises(errors.ConnectError):
        sync.version(client, "http://odoo.invalid/jsonrpc")  # the environment is ignored
    assert plain.paths == ["http://odoo.invalid/jsonrpc"]


# --- the async twin, on asyncio: the same rules -------------------------------------------


@pytest.mark.anyio
async def test_the_async_twin_is_on_asyncio(plain: Server, anyio_backend: Any) -> None:
    on_uvloop = type(asyncio.get_running_loop()).__module__.startswith("uvloop")
    assert on_uvloop is bool(anyio_backend[1])  # the loop this run asked for
    async with AsyncBuiltinClient() as client:
        assert "asyncio" in repr(client)
        payload = {"jsonrpc": "2.0", "method": "call", "id": 3, "params": {}}
        resp = await client.post(_url(plain), json=payload)
        assert resp.status_code == 200
        assert resp.json()["id"] == 3
        open_before = client.closed
        workers = [t.name for t in threading.enumerate() if t.name.startswith("asyncio_")]
        assert not workers  # no worker thread (asyncio.to_thread's are named asyncio_N)
    assert (open_before, client.closed) == (False, True)
    with pytest.raises(RuntimeError, match="closed"):
        await client.post(_url(plain), json=payload)


@pytest.mark.anyio
async def test_async_tls_is_verified_by_default(tls: Server, certs: dict[str, Path]) -> None:
    url = _url(tls, "https")
    async with AsyncBuiltinClient() as client:
        with pytest.raises(errors.ConnectError, match="CERTIFICATE"):
            await aio.version(client, url)
    for verify in (str(certs["ca"]), ssl.create_default_context(cafile=str(certs["ca"])), False):
        async with AsyncBuiltinClient(verify=verify) as client:
            assert (await aio.version(client, url))["server_version"] == "19.0"


@pytest.mark.anyio
async def test_async_keep_alive_and_a_connection_closed_while_idle(plain: Server) -> None:
    async with AsyncBuiltinClient() as client:
        for _ in range(5):
            assert (await aio.version(client, _url(plain)))["server_version"] == "19.0"
    assert plain.connections == 1
    plain.mode = "close-after"
    async with AsyncBuiltinClient() as client:
        for _ in range(3):
            assert (await aio.version(client, _url(plain)))["server_version"] == "19.0"
            await asyncio.sleep(0.05)  # the server's close reaches the idle connection
    assert plain.connections == 4


@pytest.mark.anyio
async def test_async_one_deadline_redirects_refusals_and_proxies(plain: Server) -> None:
    plain.mode = "drip"
    async with AsyncBuiltinClient() as client:
        start = time.monotonic()
        with pytest.raises(errors.TransportTimeout):
            await aio.version(client, _url(plain), timeout=0.5)
        assert time.monotonic() - start < 1.5
        plain.mode = "redirect"
        with pytest.raises(errors.HTTPStatusError) as info:
            await aio.version(client, _url(plain))
        assert info.value.status_code == 301
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with AsyncBuiltinClient() as client:
        with pytest.raises(errors.ConnectError):
            await aio.version(client, f"http://127.0.0.1:{port}/jsonrpc")
    plain.mode, plain.paths = "ok", []
    async with AsyncBuiltinClient(proxy=f"http://127.0.0.1:{plain.server_address[1]}") as client:
        assert (await aio.version(client, "http://odoo.invalid/jsonrpc"))[
            "server_version"
        ] == "19.0"
    assert plain.paths == ["http://odoo.invalid/jsonrpc"]


@pytest.mark.anyio
async def test_a_cancellation_storm_leaves_the_pool_sound(plain: Server) -> None:
    """Many calls cancelled at random points (connecting, sending, waiting, reading),
    then every call still works and no connection is left open beyond the pool."""
    plain.mode = "drip"  # slow answers: cancellations land mid-body
    rng = random.Random(7)
    async with AsyncBuiltinClient(max_connections=4) as client:
        tasks = [asyncio.create_task(aio.version(client, _url(plain))) for _ in range(40)]
        for task in tasks:
            await asyncio.sleep(rng.uniform(0, 0.01))
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        plain.mode = "ok"
        answers = await asyncio.gather(*[aio.version(client, _url(plain)) for _ in range(20)])
        assert {a["server_version"] for a in answers} == {"19.0"}
        [pool] = client._pools.values()
        idle = pool.idle
        assert len(idle) == pool.open <= 4  # no connection left in use
        assert not [w for w in pool.waiting if not w.done()]
        assert all(c.parser is None and c.usable() for c in idle)
    await asyncio.sleep(0.05)
    assert all(c.closed for c in idle)


@pytest.mark.anyio
async def test_async_connections_are_capped_per_host(plain: Server) -> None:
    """At most max_connections open to a host: 30 calls at once share 3 connections
    (none opened and closed again), and all of them stay open for the next calls."""
    async with AsyncBuiltinClient(max_connections=3) as client:
        for _ in range(2):
            answers = await asyncio.gather(*[aio.version(client, _url(plain)) for _ in range(30)])
            assert {a["server_version"] for a in answers} == {"19.0"}
        [pool] = client._pools.values()
        assert (pool.open, len(pool.idle)) == (3, 3)
    assert plain.connections == 3


@pytest.mark.anyio
async def test_async_waiting_for_a_connection_keeps_the_deadline(plain: Server) -> None:
    """A call that waits for a free connection past its timeout is a ConnectTimeout
    (nothing was sent); a failed connect frees its place."""
    plain.mode = "slow"
    async with AsyncBuiltinClient(max_connections=1) as client:
        busy = asyncio.create_task(aio.version(client, _url(plain)))
        await asyncio.sleep(0.05)
        with pytest.raises(errors.ConnectTimeout, match="max_connections"):
            await aio.version(client, _url(plain), timeout=0.1)
        assert (await busy)["server_version"] == "19.0"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with AsyncBuiltinClient(max_connections=1, timeout=5) as client:
        for _ in range(2):  # the second is refused too: not left waiting for the first
            with pytest.raises(errors.ConnectError) as info:
                await aio.version(client, f"http://127.0.0.1:{port}/jsonrpc")
            assert not isinstance(info.value, errors.ConnectTimeout)
        assert [p.open for p in client._pools.values()] == [0]


@pytest.mark.anyio
async def test_async_a_cancelled_waiting_call_loses_no_connection(plain: Server) -> None:
    """Cancelled while it waits, or after a connection was handed to it but before it
    ran: either way the connection stays in the pool for the next call."""
    plain.mode = "slow"
    async with AsyncBuiltinClient(max_connections=1) as client:
        busy = asyncio.create_task(aio.version(client, _url(plain)))
        waiting = asyncio.create_task(aio.version(client, _url(plain)))
        await asyncio.sleep(0.05)
        waiting.cancel()  # still waiting
        served = asyncio.create_task(aio.version(client, _url(plain)))
        await asyncio.sleep(0.05)
        await busy  # hands the connection to `served`, which has not run yet
        served.cancel()
        with pytest.raises(asyncio.CancelledError):
            await served
        with pytest.raises(asyncio.CancelledError):
            await waiting
        plain.mode = "ok"
        assert (await aio.version(client, _url(plain)))["server_version"] == "19.0"
        [pool] = client._pools.values()
        assert (pool.open, len(pool.idle)) == (1, 1)
    assert plain.connections == 1


@pytest.mark.anyio
async def test_async_streamed_bodies_both_ways(plain: Server) -> None:
    """An upload from a sync or an async iterable, a download read in small steps with
    reading paused and resumed, and a stray byte on an idle connection."""
    payload = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 5, "params": {}}).encode()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(payload))}

    async def pieces() -> Any:
        for i in range(0, len(payload), 7):
            yield payload[i : i + 7]

    async with AsyncBuiltinClient() as client:
        for body in ([payload[:10], payload[10:]], pieces()):
            status, _, data = await client.exchange("POST", _url(plain), body, headers)
            assert (status, json.loads(data)["id"]) == (200, 5)
        async with client.stream("POST", _url(plain), payload, headers) as (status, got, chunks):
            assert got["content-type"] == "application/json"
            assert json.loads(b"".join([c async for c in chunks]))["id"] == 5
        [conn] = [c for pool in client._pools.values() for c in pool.idle]
        conn.data_received(b"x")  # bytes while idle: never reused
        assert not conn.usable()
        status, _, _ = await client.exchange("POST", _url(plain), payload, headers)
        assert status == 200
    assert plain.connections == 2


@pytest.mark.anyio
@pytest.mark.parametrize(
    "fault",
    ["healthy", "chunked", "gzip", "http10-close-delimited", "100-continue", "large-reply",
     "html-502", "empty-200", "short-body", "reset-mid-body", "accepted-then-closed"],
)  # fmt: skip
async def test_async_exchange_and_stream_read_alike(fault: str) -> None:
    """The asyncio client's ``exchange`` (its fast path for API calls) and its general
    ``stream`` give the same answer, or the same error, for each way a reply can come."""
    from tests.support.fault_server import FaultServer

    payload = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 9, "params": {}}).encode()
    headers = {"Content-Type": "application/json"}

    async def both(client: AsyncBuiltinClient, url: str) -> list[Any]:
        async def via_stream() -> Any:
            async with client.stream("POST", url, payload, headers, 5) as (status, got, parts):
                return status, dict(got), b"".join([p async for p in parts])

        async def via_exchange() -> Any:
            status, got, body = await client.exchange("POST", url, payload, headers, 5)
            return status, dict(got), bytes(body)

        outcomes = []
        for path in (via_exchange, via_stream):
            try:
                outcomes.append(await path())
            except OSError as exc:
                outcomes.append((type(exc), str(exc)))
        return outcomes

    with FaultServer(record=False) as server:
        server.fault = fault
        async with AsyncBuiltinClient() as client:
            fast, general = await both(client, f"{server.url}/jsonrpc")
    if isinstance(fast[1], dict):
        for answer in (fast, general):
            answer[1].pop("date", None)  # the only header that may differ between two replies
    assert fast == general


@pytest.mark.anyio
async def test_async_a_large_body_is_received_whole() -> None:
    """A large body of known length goes straight into one buffer (one chunk, nothing
    to join), also when the server sends more after it; one that ends short is a
    WireError naming how short."""
    from aio_odoorpc_base._transport.http11 import WireError

    body = bytes(range(256)) * 1200  # 300 KiB: more than the connection's own buffer
    answers = [
        b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body),
        b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%sEXTRA" % (len(body), body),
        b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body[:100_000]),
    ]
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        for answer in answers:
            conn, _ = listener.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(answer)
                time.sleep(0.2)  # the client reads it all before the connection ends

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/jsonrpc"
    headers = {"Content-Type": "application/json"}
    try:
        async with AsyncBuiltinClient(timeout=5) as client:
            for _ in range(2):  # the server closes each connection: a new one each time
                status, _, got = await client.exchange("POST", url, b"{}", headers)
                assert (status, type(got), got) == (200, bytearray, body)
                await asyncio.sleep(0.3)
            with pytest.raises(WireError, match=f"{len(body) - 100_000} bytes short"):
                await client.exchange("POST", url, b"{}", headers)
    finally:
        thread.join(5)
        listener.close()
