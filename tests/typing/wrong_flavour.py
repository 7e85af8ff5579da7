"""Each marked line must be an error for mypy --strict (tests/unit/test_typing.py): an HTTP
client of the wrong flavour. Never imported at run time."""

from __future__ import annotations

import aiohttp
import httpx
import requests

from aio_odoorpc_base import aio, sync

URL = "https://odoo.example.com/jsonrpc"


def sync_functions(aclient: httpx.AsyncClient, asession: aiohttp.ClientSession) -> None:
    sync.version(aclient, URL)  # error: async client to a sync function
    sync.version(asession, URL)  # error: async client to a sync function


async def async_functions(client: httpx.Client, session: requests.Session) -> None:
    await aio.version(client, URL)  # error: sync client to an async function
    await aio.version(session, URL)  # error: sync client to an async function
