"""``url=''`` with an HTTP client created with a base URL, the spelling of aio-odoorpc-base
3.0.4's own tests: every function posts to that URL, and the functions that need the
server root (JSON-2, the web routes, the client object) derive it from it."""

from __future__ import annotations

from typing import Any

import pytest

from aio_odoorpc_base import aio

from ...support.live_server import OdooTarget

pytestmark = pytest.mark.anyio


async def test_the_3_0_4_spelling_posts_to_the_base_url(
    odoo: OdooTarget, async_base_url_client: Any
) -> None:
    client = async_base_url_client
    uid = await aio.login(client, db=odoo.db, login=odoo.login, password=odoo.password)
    assert uid == odoo.uid
    count = await aio.execute_kw(
        client,
        db=odoo.db,
        uid=uid,
        password=odoo.password,
        obj="res.partner",
        method="search_count",
        args=[[]],
    )
    assert count == odoo.call("res.partner", "search_count", [])
    info = await aio.version(client)
    assert info["server_version_info"][0] == odoo.version
    assert await aio.about(client, extended=True) == [
        await aio.about(client),
        info["server_version"],
    ]
    assert await aio.db_exist(client, db_name=odoo.db) is True


async def test_the_server_root_comes_from_the_base_url(
    odoo: OdooTarget, async_base_url_client: Any
) -> None:
    client = async_base_url_client
    info = await aio.server_info(client)
    assert info.version_info[0] == odoo.version
    if odoo.can_list:
        assert set(await aio.web_list_databases(client)) <= set(odoo.databases())
    async with aio.AsyncOdooRPC(
        database=odoo.db, login=odoo.login, password=odoo.password, http_client=client
    ) as rpc:
        assert rpc.url == odoo.root
        assert await rpc.uid() == odoo.uid
        assert await rpc["res.users"].read([odoo.uid], ["login"]) == [
            {"id": odoo.uid, "login": odoo.login}
        ]


async def test_base_url_json2(odoo: OdooTarget, async_base_url_client: Any) -> None:
    key = odoo.need_api_key()
    context = await aio.json2_call(
        async_base_url_client,
        api_key=key,
        database=odoo.db,
        model="res.users",
        method="context_get",
    )
    assert context["uid"] == odoo.uid
