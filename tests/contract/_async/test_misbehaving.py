"""Hostile servers: every misbehaviour of the fault server, through every client kind, on
/jsonrpc, JSON-2 and the /web/database routes. Each case must end as
``tests/support/fault_outcomes.py`` says, within the timeout (plus a margin) when it is a
timeout, show no secret of the call, and leave the client able to make the next call."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ...support.fault_outcomes import (
    LATE,
    NEEDS_TIMEOUT,
    OK,
    SURFACES,
    TIMEOUT,
    late,
    outcome,
    web_form,
)
from ...support.fault_server import FAULTS, KEY, SECRET, FaultServer

pytestmark = pytest.mark.anyio

MARGIN = 1.5  # seconds over the timeout that a timed-out call may take on a busy machine
ROOMY = 10.0  # seconds: the timeout of calls whose case is not about timing out
HEALTHY = {"jsonrpc": {"server_version": "19.0"}, "json2": 42}


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


async def _call(
    client: Any, server: FaultServer, surface: str, kind: str, timeout: float | None = TIMEOUT
) -> Any:
    if kind.endswith("poster"):
        timeout = None  # a callable takes no timeout: it is the caller's to set
    if surface == "jsonrpc":
        return await aio.jsonrpc(
            client,
            f"{server.url}/jsonrpc",
            service="common",
            method="login",
            args=["db1", "admin", SECRET],
            timeout=timeout,
        )
    if surface == "json2":
        return await aio.json2_call(
            client,
            server.url,
            api_key=KEY,
            model="res.partner",
            method="search_count",
            domain=[],
            timeout=timeout,
        )
    if web_form(surface, kind):
        return await aio.web_drop_database(
            client, server.url, master_pwd=SECRET, name="db1", timeout=timeout
        )
    return await aio.web_list_databases(client, server.url, timeout=timeout)


def _healthy(surface: str, kind: str) -> Any:
    if surface == "web":
        return None if web_form(surface, kind) else ["db1"]
    return HEALTHY[surface]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("case", list(FAULTS))
async def test_fault(
    server: FaultServer,
    async_http_client: Any,
    client_kind: str,
    case: str,
    surface: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="aio_odoorpc_base")
    if client_kind.endswith("poster") and case in NEEDS_TIMEOUT:
        # these need a timeout, and a callable refuses one before sending anything
        with pytest.raises(TypeError, match="timeout cannot be applied to a callable"):
            await aio.jsonrpc(
                async_http_client, server.url, service="common", method="version", timeout=1
            )
        return
    is_async = aio.__name__.endswith(".aio")
    expected = outcome(case, surface, client_kind, is_async)
    # the short timeout only where the case is about it: a prompt answer on a busy CI
    # machine may take longer than 0.3 s to come back (it must still be back in time)
    timeout = TIMEOUT if case in NEEDS_TIMEOUT else ROOMY
    server.fault = case
    start = time.monotonic()
    try:
        if expected in (OK, LATE):
            result = await _call(async_http_client, server, surface, client_kind, timeout)
            if case not in ("large-reply", "not-an-object-200"):  # those send other values
                assert result == _healthy(surface, client_kind)
        else:
            assert not isinstance(expected, str)
            with pytest.raises(expected) as info:
                await _call(async_http_client, server, surface, client_kind, timeout)
            exc = info.value
            # the call's secret (the JSON route /web/database/list sends none)
            secret = KEY if surface == "json2" else SECRET
            sent = surface != "web" or web_form(surface, client_kind)
            for shown in (str(exc), repr(exc), *map(str, exc.args)):
                assert not sent or secret not in shown
                assert len(shown) < 2_000  # an excerpt, never a whole body
            if isinstance(exc, errors.ServerError) and sent:
                assert secret not in exc.debug + repr(exc.data) + repr(exc.arguments)
            if isinstance(exc, errors.ServerError):  # a 2 MB traceback is not kept whole
                assert len(exc.debug) < 70_000
                assert len(repr(exc.data)) < 80_000
            if case in ("html-502", "html-503") and isinstance(exc, errors.HTTPStatusError):
                assert exc.retry_after == (7 if case == "html-502" else 30)
            if "redirect" in case and isinstance(exc, errors.HTTPStatusError):
                assert "/moved" in str(exc)
    finally:
        elapsed = time.monotonic() - start
        server.fault = "healthy"
    limit = 2.5 if expected == LATE or late(case, client_kind, is_async) else TIMEOUT + MARGIN
    assert elapsed < limit, f"{case} took {elapsed:.1f} s"
    for secret in (SECRET, KEY):  # nor in the logs
        assert secret not in caplog.text
    # the same client still works: nothing poisoned in its pool (a roomy timeout: this
    # checks the pool, not speed, and a busy machine may need a new connection)
    assert await _call(async_http_client, server, surface, client_kind, ROOMY) == _healthy(
        surface, client_kind
    )


async def test_refused(async_http_client: Any, client_kind: str) -> None:
    with FaultServer() as closed:
        url = closed.url
    with pytest.raises(errors.ConnectError):
        await aio.version(async_http_client, f"{url}/jsonrpc")
