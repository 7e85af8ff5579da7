"""Checked by mypy --strict (tests/unit/test_typing.py): the public API accepts the right
HTTP clients, and its results have the documented types. Never imported at run time."""

from __future__ import annotations

from typing import Any, Literal, assert_type

import aiohttp
import httpx
import requests

import aio_odoorpc_base
from aio_odoorpc_base import aio, sync
from aio_odoorpc_base.protocols import (
    ProtoAsyncHttpClient,
    ProtoHttpClient,
    T_AsyncHttpClient,
    T_HttpClient,
)
from aio_odoorpc_base.types import Uid, VersionInfo

URL = "https://odoo.example.com/jsonrpc"


def sync_clients(session: requests.Session, client: httpx.Client) -> None:
    assert_type(sync.version(session, URL), VersionInfo)
    assert_type(sync.version(client, URL), VersionInfo)
    assert_type(sync.login(session, URL, db="d", login="l", password="p"), Uid)
    assert_type(sync.about(client, URL), str)
    assert_type(sync.about(client, URL, extended=True), list[str])
    assert_type(
        sync.execute_kw(session, URL, db="d", uid=2, password="p", obj="o", method="m"), Any
    )
    # the description's callable: the payload only, the URL inside it
    assert_type(sync.version(lambda payload: session.post(URL, json=payload)), VersionInfo)
    # and this library's (url, payload)
    assert_type(
        sync.version(lambda url, payload: session.post(url, json=payload), URL), VersionInfo
    )
    as_proto: ProtoHttpClient = session
    as_alias: T_HttpClient = client
    sync.list_databases(as_proto, URL)
    sync.list_databases(as_alias, URL)


async def async_clients(session: aiohttp.ClientSession, client: httpx.AsyncClient) -> None:
    assert_type(await aio.version(session, URL), VersionInfo)
    assert_type(await aio_odoorpc_base.version(client, URL), VersionInfo)
    uid = await aio.login(client, URL, db="d", login="l", password="p")
    assert_type(uid, int | Literal[False])
    assert_type(await aio.about(session, URL, extended=True), list[str])
    assert_type(await aio.list_databases(lambda payload: client.post(URL, json=payload)), list[str])
    as_proto: ProtoAsyncHttpClient = client
    as_alias: T_AsyncHttpClient = session
    await aio.list_databases(as_proto, URL)
    await aio.list_databases(as_alias, URL)
