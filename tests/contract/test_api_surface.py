"""The public surface: async by default, sync generated and in step, wrong-flavour
clients refused with the fix, client kinds detected once per type."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import aio_odoorpc_base
from aio_odoorpc_base import aio, sync
from aio_odoorpc_base._transport import to_async_transport, to_transport

from ..support.recorded_odoo import RecordedOdoo

ROOT = Path(__file__).resolve().parent.parent.parent


def _sync_name(name: str) -> str:
    return name.removeprefix("Async")


def test_async_is_the_default_and_sync_mirrors_it() -> None:
    assert [_sync_name(n) for n in aio.__all__] == sync.__all__
    assert aio.__all__ == sorted(aio.__all__)
    for name in aio.__all__:
        afunc, sfunc = getattr(aio, name), getattr(sync, _sync_name(name))
        assert getattr(aio_odoorpc_base, name) is afunc
        if isinstance(afunc, type):
            amethods = {k.replace("aclose", "close") for k in vars(afunc) if k[0] != "_"}
            assert amethods == {k for k in vars(sfunc) if k[0] != "_"}, name
            continue
        assert inspect.iscoroutinefunction(afunc), name
        assert not inspect.iscoroutinefunction(sfunc), name
        aparams = inspect.signature(afunc).parameters
        sparams = inspect.signature(sfunc).parameters
        assert [(p.name, p.kind, p.default) for p in aparams.values()] == [
            (p.name, p.kind, p.default) for p in sparams.values()
        ], name


def test_generated_sync_code_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, "tools/unasync.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_wrong_flavour_clients_are_refused_with_a_fix() -> None:
    httpx = pytest.importorskip("httpx")
    requests = pytest.importorskip("requests")
    aiohttp = pytest.importorskip("aiohttp")
    with httpx.Client() as client, pytest.raises(TypeError, match="httpx.AsyncClient"):
        to_async_transport(client)
    with requests.Session() as session, pytest.raises(TypeError, match="aio_odoorpc_base.sync"):
        to_async_transport(session)
    with pytest.raises(TypeError, match="httpx.Client, or use the async"):
        to_transport(httpx.AsyncClient())

    async def sync_use_of_an_aiohttp_session() -> None:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(TypeError, match="requests.Session or httpx.Client"):
                to_transport(session)

    asyncio.run(sync_use_of_an_aiohttp_session())

    async def async_poster(url: str, payload: dict[str, Any]) -> Any:
        return {}

    with pytest.raises(TypeError, match="asynchronous"):
        to_transport(type("C", (), {"post": async_poster})())
    with pytest.raises(TypeError, match="http_client must be"):
        to_transport(42)
    with pytest.raises(TypeError, match="http_client must be"):
        to_async_transport("http://odoo")


def test_a_sync_function_given_an_async_callable(fake: RecordedOdoo) -> None:
    async def poster(url: str, payload: dict[str, Any]) -> Any:
        return {}

    with pytest.raises(TypeError, match="asynchronous"):
        sync.version(poster, fake.url)  # type: ignore[arg-type]


def test_clients_are_detected_once_per_type() -> None:
    httpx = pytest.importorskip("httpx")
    with httpx.Client() as one, httpx.Client() as two:
        assert to_transport(one) is to_transport(two)

    class MyClient(httpx.Client):  # type: ignore[misc,name-defined]
        pass

    with MyClient() as mine:
        assert to_transport(mine).__qualname__ == to_transport(one).__qualname__


def test_the_fault_table_in_the_docs_is_the_tests_rules() -> None:
    from pathlib import Path

    from ..support.fault_outcomes import table

    page = (Path(__file__).resolve().parents[2] / "docs" / "faults.md").read_text()
    assert page.endswith("## Outcomes\n" + table()), (
        "docs/faults.md is out of date: regenerate its table with "
        "'python -m tests.support.fault_outcomes'"
    )


def test_base_urls_of_the_clients_that_have_them() -> None:
    httpx = pytest.importorskip("httpx")
    requests = pytest.importorskip("requests")
    from aio_odoorpc_base._transport import client_base_url

    with httpx.Client(base_url="https://o.example.com/jsonrpc") as client:
        assert client_base_url(client) == "https://o.example.com/jsonrpc"  # httpx adds "/"
    with httpx.Client() as client, requests.Session() as session:
        assert client_base_url(client) == client_base_url(session) == ""
    assert client_base_url(lambda payload: payload) == ""


def test_an_aiohttp_session_with_a_base_url(fake: RecordedOdoo) -> None:
    aiohttp = pytest.importorskip("aiohttp")

    async def run() -> None:
        async with aiohttp.ClientSession(base_url=fake.base_url) as session:
            # url left out, and a URL on the base URL's server: both posted there
            assert (await aio.version(session))["server_version"] == "11.0"
            assert (await aio.version(session, fake.url))["server_version"] == "11.0"
        elsewhere = "http://127.0.0.1:9"  # discard port: nothing answers
        async with aiohttp.ClientSession(base_url=elsewhere) as session:
            try:
                session._build_url(fake.url)
                refused = False
            except AssertionError:  # older aiohttp: only URLs below base_url
                refused = True
            if refused:
                with pytest.raises(ValueError, match=f"base_url {elsewhere}.*posts only below"):
                    await aio.version(session, fake.url)
            else:
                assert (await aio.version(session, fake.url))["server_version"] == "11.0"

    asyncio.run(run())
    assert [r.path for r in fake.requests] in (["/jsonrpc"] * 2, ["/jsonrpc"] * 3)
