"""The one function that talks to /jsonrpc; every other function goes through it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._args import need_name
from .._jsonrpc import Request
from .._transports import to_async_transport
from ..types import AsyncHttpClient

__all__ = ["jsonrpc"]


async def jsonrpc(
    http_client: AsyncHttpClient,
    url: str,
    *,
    service: str,
    method: str,
    args: Sequence[Any] | None = None,
    timeout: float | None = None,
) -> Any:
    """Call ``service.method(*args)`` on Odoo's /jsonrpc endpoint and return the result.

    ``url`` is the endpoint (``https://odoo.example.com/jsonrpc``); a URL without a path
    gets ``/jsonrpc`` appended. ``timeout`` (seconds) overrides the HTTP client's own
    setting for this call. A method that returns nothing gives ``None``.
    """
    send = to_async_transport(http_client)
    request = Request.jsonrpc(url, need_name("service", service), need_name("method", method), args)
    return request.parse(await send(http_client, request, timeout))
