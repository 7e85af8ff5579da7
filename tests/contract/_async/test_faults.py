"""Scripted faults: every one becomes a typed TransportError, never a bare exception or
a hang, and no secret leaks into the message.

Hostile servers: every misbehaviour of the fault server, through every client kind, on
/jsonrpc, JSON-2 and the /web/database routes. Each case must end as
``tests/support/fault_outcomes.py`` says, within the timeout (plus a margin) when it is a
timeout, show no secret of the call, and leave the client able to make the next call."""

from __future__ import annotations

import json
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
from ...support.recorded_odoo import Fault, Raw, RecordedOdoo, Replay

pytestmark = pytest.mark.anyio

HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


def _status_expected(client_kind: str) -> type[errors.TransportError]:
    # a bare callable returns only the decoded body, so it cannot report the status
    return errors.ProtocolError if client_kind.endswith("poster") else errors.HTTPStatusError


async def test_proxy_html_502(fake: RecordedOdoo, async_http_client: Any, client_kind: str) -> None:
    fake.add(Raw(502, HTML_502, [("Content-Type", "text/html")]))
    with pytest.raises(_status_expected(client_kind)) as info:
        await aio.version(async_http_client, fake.url)
    if isinstance(info.value, errors.HTTPStatusError):
        assert info.value.status_code == 502
        assert "502 Bad Gateway" in info.value.body
        assert "<html>" not in str(info.value)


async def test_odoo_html_400_does_not_echo_the_password(
    fake: RecordedOdoo, async_http_client: Any, client_kind: str
) -> None:
    fake.add(Replay("error-malformed-json"))
    with pytest.raises(_status_expected(client_kind)) as info:
        await aio.login(async_http_client, fake.url, db="d", login="u", password="pw-s3cret")
    assert "pw-s3cret" not in str(info.value)
    if isinstance(info.value, errors.HTTPStatusError):
        assert info.value.status_code == 400
        assert "Invalid JSON data" in str(info.value)


async def test_html_page_that_echoes_the_request_is_redacted(
    fake: RecordedOdoo, async_http_client: Any, client_kind: str
) -> None:
    echoed = json.dumps({"params": {"args": ["d", 1, 'pw-"s3cret', "m"]}})
    body = f"<p>Invalid JSON data: {echoed!r}</p>".replace('"', "&quot;").encode()
    fake.add(Raw(400, body, [("Content-Type", "text/html")]))
    with pytest.raises(errors.TransportError) as info:
        await aio.execute_kw(
            async_http_client,
            fake.url,
            db="d",
            uid=1,
            password='pw-"s3cret',
            obj="m",
            method="read",
            args=[[1]],
        )
    assert "s3cret" not in str(info.value)
    assert "s3cret" not in repr(info.value)


async def test_unknown_path_is_not_found(fake: RecordedOdoo, async_http_client: Any) -> None:
    # Odoo <= 15 answers an unknown path with HTTP 404 and a JSON-RPC error body
    with pytest.raises(errors.NotFound):
        await aio.version(async_http_client, fake.base_url + "/nope")


async def test_non_json_200(fake: RecordedOdoo, async_http_client: Any) -> None:
    fake.add(Raw(200, b"Hello, this is not JSON", [("Content-Type", "text/plain")]))
    with pytest.raises(errors.ProtocolError):
        await aio.version(async_http_client, fake.url)


async def test_json_that_is_not_an_envelope(fake: RecordedOdoo, async_http_client: Any) -> None:
    fake.add(Raw(200, b"[1, 2, 3]", [("Content-Type", "application/json")]))
    with pytest.raises(errors.ProtocolError, match="expected a JSON-RPC object"):
        await aio.version(async_http_client, fake.url)


async def test_wrong_reply_id(fake: RecordedOdoo, async_http_client: Any) -> None:
    body = b'{"jsonrpc": "2.0", "id": -5, "result": "11.0"}'
    fake.add(Raw(200, body, [("Content-Type", "application/json")]))
    with pytest.raises(errors.ProtocolError, match="does not match"):
        await aio.server_version(async_http_client, fake.url)


async def test_reply_without_id_or_result(fake: RecordedOdoo, async_http_client: Any) -> None:
    fake.add(Raw(200, b'{"jsonrpc": "2.0"}', [("Content-Type", "application/json")]))
    with pytest.raises(errors.ProtocolError, match="not a JSON-RPC envelope"):
        await aio.server_version(async_http_client, fake.url)


async def test_truncated_body(fake: RecordedOdoo, async_http_client: Any) -> None:
    fake.add(Fault("truncated"))
    with pytest.raises(errors.TransportError):
        await aio.version(async_http_client, fake.url)


async def test_dropped_connection(fake: RecordedOdoo, async_http_client: Any) -> None:
    fake.add(Fault("drop"))
    with pytest.raises(errors.TransportError):
        await aio.version(async_http_client, fake.url)


async def test_slow_reply_times_out(
    fake: RecordedOdoo, async_http_client: Any, client_kind: str
) -> None:
    fake.add(Fault("slow", 1.5))
    if client_kind.endswith("poster"):
        with pytest.raises(TypeError, match="set the timeout inside the callable"):
            await aio.version(async_http_client, fake.url, timeout=0.3)
        return
    with pytest.raises(errors.TransportTimeout) as info:
        await aio.version(async_http_client, fake.url, timeout=0.3)
    assert isinstance(info.value, TimeoutError)


async def test_cannot_connect(async_http_client: Any) -> None:
    with pytest.raises(errors.TransportError) as info:
        await aio.version(async_http_client, "http://127.0.0.1:9/jsonrpc")
    assert "127.0.0.1:9" in str(info.value)


async def test_misuse_is_refused_before_sending(fake: RecordedOdoo, async_http_client: Any) -> None:
    with pytest.raises(TypeError, match="uid must be an int"):
        await aio.execute_kw(
            async_http_client,
            fake.url,
            db="d",
            uid="1",  # type: ignore[arg-type]
            password="p",
            obj="res.partner",
            method="read",
            args=[[1]],
        )
    with pytest.raises(TypeError, match="args must be a list"):
        await aio.execute_kw(
            async_http_client,
            fake.url,
            db="d",
            uid=1,
            password="p",
            obj="res.partner",
            method="search",
            args={"domain": []},  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError, match="not both"):
        await aio.execute_kw(
            async_http_client,
            fake.url,
            db="d",
            uid=1,
            password="p",
            obj="res.partner",
            method="search",
            args=[],
            kw={},
            kwargs={},
        )
    with pytest.raises(ValueError, match="db must not be empty"):
        await aio.login(async_http_client, fake.url, db="", login="a", password="p")
    with pytest.raises(TypeError, match="password must be a str, got int"):
        await aio.login(async_http_client, fake.url, db="d", login="a", password=1234)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="absolute http"):
        await aio.version(async_http_client, "odoo.example.com/jsonrpc")
    with pytest.raises(ValueError, match="not valid base64"):
        await aio.restore_database(
            async_http_client,
            fake.url,
            admin_password="x",
            db_name="d",
            data="not base64 !",
        )
    assert fake.requests == []


async def test_secrets_echoed_in_an_odoo_error_are_removed(
    fake: RecordedOdoo, async_http_client: Any
) -> None:
    """A server (or a module on it) that puts the password into its JSON-RPC error: in
    the message, the arguments, the traceback and any other field."""
    secret = 'pw-"s3cret'
    echo = f"login failed for password {secret}"
    error = {
        "code": 200,
        "message": "Odoo Server Error",
        "data": {
            "name": "odoo.exceptions.AccessDenied",
            "message": echo,
            "arguments": [echo, {"password": secret}],
            "debug": f"Traceback ...\nAccessDenied: {echo}",
            "context": {"password": secret},
        },
    }

    async def call(service: str) -> Any:
        if service == "json2":
            body = json.dumps(error["data"]).encode()
            fake.add(Raw(401, body, [("Content-Type", "application/json")]))
            return await aio.json2_call(
                async_http_client,
                fake.base_url,
                api_key=secret,
                model="res.partner",
                method="search_count",
                domain=[],
            )
        body = json.dumps({"jsonrpc": "2.0", "id": None, "error": error}).encode()
        fake.add(Raw(200, body, [("Content-Type", "application/json")]))
        return await aio.login(async_http_client, fake.url, db="d", login="u", password=secret)

    for service in ("jsonrpc", "json2"):
        with pytest.raises(errors.AccessDenied) as info:
            await call(service)
        exc = info.value
        for shown in (str(exc), repr(exc), exc.message, exc.debug, repr(exc.arguments)):
            assert "s3cret" not in shown, shown
        assert "s3cret" not in json.dumps([exc.data, exc.context])
        assert "***" in exc.message


async def test_a_reply_nested_too_deeply(
    fake: RecordedOdoo, async_http_client: Any, client_kind: str
) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000  # RecursionError in json, a decode error in orjson
    fake.add(Raw(200, deep, [("Content-Type", "application/json")]))
    with pytest.raises(errors.ProtocolError) as info:
        await aio.version(async_http_client, fake.url)
    assert len(str(info.value)) < 400  # a short excerpt, not the body


async def test_a_redirect_is_not_followed(fake: RecordedOdoo, async_web_client: Any) -> None:
    """The clients whose redirects the library controls (a generic client or a callable
    follows them as its own library does)."""
    fake.add(Raw(302, b"", [("Location", "https://odoo.example.com/jsonrpc")]))
    with pytest.raises(errors.HTTPStatusError, match="moved to https://odoo.example.com"):
        await aio.version(async_web_client, fake.url)
    assert [r.method for r in fake.requests] == ["POST"]


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
