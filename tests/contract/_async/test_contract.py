"""Every library-shaped request recorded from a real Odoo 11, through every HTTP client:
the library sends exactly the recorded params and turns the recorded reply into the
documented value or typed error."""

from __future__ import annotations

from typing import Any

import pytest

from aio_odoorpc_base import aio, errors
from aio_odoorpc_base._protocol.jsonrpc import JsonRpcRequest

from ...support.recorded_odoo import CASES, RecordedOdoo, Replay
from ...support.replay_cases import call_for, expected_error, library_cases

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("name", library_cases())
async def test_recorded_exchange(fake: RecordedOdoo, async_http_client: Any, name: str) -> None:
    case = CASES[name]
    func_name, kwargs = call_for(case)
    func = getattr(aio, func_name)
    positional = kwargs.pop("*args", ())
    reply = case["response"]["body_json"]
    fake.add(Replay(name))
    if "error" in reply:
        with pytest.raises(errors.ServerError) as info:
            await func(async_http_client, fake.url, *positional, **kwargs)
        exc = info.value
        # what the server sent, less the call's own secrets (a password "admin" takes the
        # word "admin" out of Odoo's message too: the two cannot be told apart)
        secrets = [kwargs[k] for k in ("password", "admin_password", "new_password") if k in kwargs]
        data = JsonRpcRequest("", None, secrets=secrets).scrub(reply["error"]["data"])
        assert type(exc) is expected_error(case)
        assert exc.name == data["name"]
        assert exc.arguments == data["arguments"]
        assert exc.debug == data["debug"]
        assert exc.message == (data["arguments"] or [data["message"]])[0].rstrip()
        assert "\nNone" not in str(exc)
        assert "Traceback" not in str(exc)
    elif func_name == "dump_database" and reply["result"] == "":
        with pytest.raises(errors.DatabaseError, match="returned no data"):
            await func(async_http_client, fake.url, *positional, **kwargs)
    else:
        result = await func(async_http_client, fake.url, *positional, **kwargs)
        # Odoo's own value, lists included (about(extended=True), list_lang): 3.0.4's shapes
        assert result == reply.get("result")
    assert fake.last.json["params"] == case["request"]["body_json"]["params"]


async def test_a_method_returning_nothing_gives_none(
    fake: RecordedOdoo, async_http_client: Any
) -> None:
    case = CASES["object-execute_kw-returns-none"]
    assert "result" not in case["response"]["body_json"]
    fake.add(Replay("object-execute_kw-returns-none"))
    result = await aio.execute_kw(
        async_http_client,
        fake.url,
        db="cap_main",
        uid=1,
        password="admin",
        obj="res.partner",
        method="toggle_active",
        args=[[7]],
    )
    assert result is None


async def test_the_description_example_with_kw(fake: RecordedOdoo, async_http_client: Any) -> None:
    from aio_odoorpc_base.helpers import execute_kwargs

    kwargs = execute_kwargs(fields=["name"], limit=2, offset=0, order="id desc")
    fake.add(Replay("object-execute_kw-search_read"))
    await aio.execute_kw(
        async_http_client,
        fake.url,
        db="cap_main",
        uid=1,
        password="admin",
        obj="res.partner",
        method="search_read",
        args=[],
        kw=kwargs,
    )
    params = fake.last.json["params"]
    assert params["args"][5:] == [
        [],
        {"fields": ["name"], "limit": 2, "offset": 0, "order": "id desc"},
    ]


async def test_base_url_gets_jsonrpc_appended(fake: RecordedOdoo, async_http_client: Any) -> None:
    info = await aio.version(async_http_client, fake.base_url)
    assert info["server_serie"] == "11.0"
    assert fake.last.path == "/jsonrpc"


async def test_optional_arguments_are_sent_only_when_set(
    fake: RecordedOdoo, async_http_client: Any
) -> None:
    fake.add(Replay("db-duplicate_database"), Replay("db-duplicate_database"))
    await aio.duplicate_database(
        async_http_client,
        fake.url,
        admin_password="admin",
        db_original_name="a",
        db_name="b",
    )
    assert fake.last.json["params"]["args"] == ["admin", "a", "b"]
    await aio.duplicate_database(
        async_http_client,
        fake.url,
        admin_password="admin",
        db_original_name="a",
        db_name="b",
        neutralize_database=True,
    )
    assert fake.last.json["params"]["args"] == ["admin", "a", "b", True]
