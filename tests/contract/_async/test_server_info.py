"""server_info on servers without /jsonrpc and on odd answers."""

from __future__ import annotations

from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ...support.recorded_odoo import Raw, RecordedOdoo, Replay
from .recorded import HTML, JSON, NOT_FOUND

pytestmark = pytest.mark.anyio


# --- the client object ------------------------------------------------------------------


async def test_server_info_without_jsonrpc_needs_a_known_client(
    async_http_client: Any, fake19: RecordedOdoo, client_kind: str
) -> None:
    fake19.add(NOT_FOUND)
    if client_kind in ("builtin", "httpx", "aiohttp", "requests"):
        assert (await aio.server_info(async_http_client, fake19.base_url)).json2
    elif "poster" in client_kind:  # a callable decodes the JSON itself: no status to see
        with pytest.raises(errors.ProtocolError, match="is the reply JSON"):
            await aio.server_info(async_http_client, fake19.base_url)
    else:
        with pytest.raises(errors.ProtocolError, match="GET /web/version"):
            await aio.server_info(async_http_client, fake19.base_url)


async def test_server_info_edge_answers(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    fake19.add(NOT_FOUND, Raw(200, b'{"something": "else"}', JSON))
    with pytest.raises(errors.ProtocolError, match="unexpected answer"):
        await aio.server_info(async_httpx_client, fake19.base_url)
    access_denied = (
        b'{"jsonrpc": "2.0", "id": null, "error": {"code": 0, "message": "Odoo Server Error",'
        b' "data": {"name": "odoo.exceptions.AccessDenied", "message": "Access Denied",'
        b' "arguments": ["Access Denied"], "context": {}, "debug": ""}}}'
    )
    fake19.add(Replay("C-common-version"), Raw(200, access_denied, JSON))
    info = await aio.server_info(async_httpx_client, fake19.base_url)
    assert (info.web_database, info.list_db, info.databases) == (True, False, None)
    fake19.add(Replay("C-common-version"), NOT_FOUND)
    info = await aio.server_info(async_httpx_client, fake19.base_url)
    assert (info.web_database, info.list_db) == (False, False)
    fake19.add(Replay("C-common-version"), Raw(500, b"<html>boom</html>", HTML))
    with pytest.raises(errors.HTTPStatusError):
        await aio.server_info(async_httpx_client, fake19.base_url)
    fake19.add(Raw(500, b"<html>boom</html>", HTML))
    with pytest.raises(errors.HTTPStatusError):
        await aio.server_info(async_httpx_client, fake19.base_url)


# --- web routes -----------------------------------------------------------------------
