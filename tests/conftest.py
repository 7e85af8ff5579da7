"""Fixtures: the loopback fake Odoo, the HTTP client matrix, and the real Odoo server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from aio_odoorpc_base.builtin import AsyncBuiltinClient, BuiltinClient

from .support.clients import AsyncGenericClient, UrllibClient, urllib_poster
from .support.recorded_odoo import RecordedOdoo, running

pytest_plugins = ["pytester", "tests.support.live_server"]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def _fake_server() -> Iterator[RecordedOdoo]:
    yield from running()


@pytest.fixture
def fake(_fake_server: RecordedOdoo) -> Iterator[RecordedOdoo]:
    _fake_server.reset()
    yield _fake_server
    _fake_server.reset()


@pytest.fixture(scope="session")
def _fake19_server() -> Iterator[RecordedOdoo]:
    yield from running("odoo19")


@pytest.fixture
def fake19(_fake19_server: RecordedOdoo) -> Iterator[RecordedOdoo]:
    """A fake Odoo 19: JSON-2, /web/database and /jsonrpc, from recorded answers."""
    _fake19_server.reset()
    yield _fake19_server
    _fake19_server.reset()


SYNC_KINDS = ["builtin", "httpx", "requests", "urllib-generic", "urllib-poster"]
ASYNC_KINDS = ["builtin", "httpx", "aiohttp", "generic", "poster"]


@pytest.fixture(params=SYNC_KINDS)
def http_client(request: pytest.FixtureRequest) -> Iterator[Any]:
    kind = request.param
    if kind == "builtin":
        with BuiltinClient(timeout=60) as builtin:
            yield builtin
    elif kind == "httpx":
        httpx = pytest.importorskip("httpx")
        with httpx.Client(timeout=60) as client:
            yield client
    elif kind == "requests":
        requests = pytest.importorskip("requests")
        with requests.Session() as session:
            yield session
    elif kind == "urllib-generic":
        yield UrllibClient()
    else:
        yield urllib_poster


@pytest.fixture(params=ASYNC_KINDS)
async def async_http_client(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    kind = request.param
    if kind == "builtin":
        async with AsyncBuiltinClient(timeout=60) as builtin:
            yield builtin
        return
    if kind == "aiohttp":
        aiohttp = pytest.importorskip("aiohttp")
        async with aiohttp.ClientSession() as session:
            yield session
        return
    httpx = pytest.importorskip("httpx")
    async with httpx.AsyncClient(timeout=60) as client:
        if kind == "httpx":
            yield client
        elif kind == "generic":
            yield AsyncGenericClient(client)
        else:

            async def poster(
                url: str, payload: dict[str, Any], headers: dict[str, str] | None = None
            ) -> Any:
                response = await client.post(url, json=payload, headers=headers)
                return response if headers is not None else response.json()

            yield poster


WEB_SYNC_KINDS = ["builtin", "httpx", "requests"]
WEB_ASYNC_KINDS = ["builtin", "httpx", "aiohttp"]


@pytest.fixture(params=WEB_SYNC_KINDS)
def web_client(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The sync clients that can use the /web/database routes."""
    if request.param == "builtin":
        with BuiltinClient(timeout=60) as builtin:
            yield builtin
    elif request.param == "httpx":
        httpx = pytest.importorskip("httpx")
        with httpx.Client(timeout=60) as client:
            yield client
    else:
        requests = pytest.importorskip("requests")
        with requests.Session() as session:
            yield session


@pytest.fixture(params=WEB_ASYNC_KINDS)
async def async_web_client(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    """The async clients that can use the /web/database routes."""
    if request.param == "builtin":
        async with AsyncBuiltinClient(timeout=60) as builtin:
            yield builtin
    elif request.param == "aiohttp":
        aiohttp = pytest.importorskip("aiohttp")
        # unsafe: keep cookies of IP hosts too (127.0.0.1), as a named host would
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            yield session
    else:
        httpx = pytest.importorskip("httpx")
        async with httpx.AsyncClient(timeout=60) as client:
            yield client


@pytest.fixture
def client_kind(request: pytest.FixtureRequest) -> str:
    """The HTTP client kind of the running test ("httpx", "poster", ...)."""
    params = request.node.callspec.params
    return str(
        params.get("async_http_client")
        or params.get("http_client")
        or params.get("async_web_client")
        or params.get("web_client")
    )


@pytest.fixture
def httpx_client() -> Iterator[Any]:
    httpx = pytest.importorskip("httpx")
    with httpx.Client(timeout=60) as client:
        yield client


@pytest.fixture
async def async_httpx_client() -> AsyncIterator[Any]:
    httpx = pytest.importorskip("httpx")
    async with httpx.AsyncClient(timeout=60) as client:
        yield client
