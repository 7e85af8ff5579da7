"""Odoo's JSON-2 API (19+): ``POST /json/2/<model>/<method>`` with a bearer API key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._protocol.args import need_header, need_list, need_mapping, need_name
from .._protocol.json2 import json2_request
from .._transport import to_async_transport, url_or_base
from ..types import AsyncHttpClient

__all__ = ["json2_call"]


async def json2_call(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    api_key: str,
    model: str,
    method: str,
    ids: Sequence[int] | None = None,
    context: Mapping[str, Any] | None = None,
    database: str | None = None,
    params: Mapping[str, Any] | None = None,
    timeout: float | None = None,
    **kwargs: Any,
) -> Any:
    """Call ``model.method`` over JSON-2 and return the result as Odoo sends it.

    ``url`` is the server root (``https://odoo.example.com``; a trailing ``/jsonrpc`` or
    ``/json/2`` is dropped; left out, the base URL ``http_client`` was created with). The
    method's arguments are named: pass them as keyword
    arguments, or in ``params`` when a name clashes with this function's own (``model``,
    ``method``, ``timeout``, ...). ``ids`` are the records a record method runs on (leave
    it out for ``@api.model`` methods such as ``search`` or ``create``). ``database`` is
    sent as ``X-Odoo-Database``; a server with several databases needs it.

    Generic clients are called as ``post(url, json=body, headers=headers)`` and callables
    as ``client(url, body, headers=headers)``; both must return the HTTP response.
    """
    send = to_async_transport(http_client)
    arguments = dict(need_mapping("params", params)) if params is not None else {}
    arguments.update(kwargs)
    request = json2_request(
        url_or_base(http_client, url),
        need_name("model", model),
        need_name("method", method),
        api_key=need_header("api_key", api_key),
        database=None if database is None else need_header("database", database),
        ids=None if ids is None else need_list("ids", ids, " of record ids"),
        context=None if context is None else need_mapping("context", context),
        params=arguments,
    )
    return request.parse(await send(http_client, request, timeout))
