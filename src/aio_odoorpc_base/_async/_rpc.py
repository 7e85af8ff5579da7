"""The one function that talks to /jsonrpc; every other function goes through it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._protocol.args import need_name
from .._protocol.jsonrpc import JsonRpcRequest
from .._transport import NO_URL, AsyncSender, carries_its_url, client_base_url, to_async_transport
from ..types import AsyncHttpClient

__all__ = ["jsonrpc"]

_NO_URL = f"{NO_URL}, or a callable http_client that takes the payload alone"


async def jsonrpc(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    service: str,
    method: str,
    args: Sequence[Any] | None = None,
    timeout: float | None = None,
) -> Any:
    """Call ``service.method(*args)`` on Odoo's /jsonrpc endpoint and return the result.

    ``url`` is the endpoint (``https://odoo.example.com/jsonrpc``); a URL without a path
    gets ``/jsonrpc`` appended. Left out, it is the base URL ``http_client`` was created
    with (httpx, aiohttp), or a callable ``(payload) -> response`` knows it. ``timeout``
    (seconds) overrides the HTTP client's own setting for this call. A method that
    returns nothing gives ``None``.
    """
    send, request = prepare(
        http_client, url, need_name("service", service), need_name("method", method), args
    )
    return request.parse(await send(http_client, request, timeout))


def prepare(
    http_client: AsyncHttpClient, url: str, service: str, method: str, args: Sequence[Any] | None
) -> tuple[AsyncSender, JsonRpcRequest]:
    """The sender for ``http_client`` and the request for ``service.method(*args)``."""
    send = to_async_transport(http_client)
    if not url:
        url = client_base_url(http_client)
        if not url and not carries_its_url(http_client):
            raise ValueError(_NO_URL)
    return send, JsonRpcRequest.call(url, service, method, args)
