"""The low-level names of aio-odoorpc-base 3.0.4 (``rpc_result``, ``rpc_call_and_check``,
``check_jsonrpc_response``), kept for its users and built on :func:`jsonrpc`."""

from __future__ import annotations

import inspect  # async only
from collections.abc import Mapping, Sequence
from typing import Any

from .._protocol.args import need_name
from .._protocol.base import Reply, Request
from .._protocol.jsonrpc import JsonRpcRequest
from ..errors import ProtocolError
from ..types import AsyncHttpClient
from ._rpc import prepare

__all__ = ["check_jsonrpc_response", "rpc_call_and_check", "rpc_result"]


async def _call(
    http_client: AsyncHttpClient,
    url: str,
    service: str,
    method: str,
    args: Sequence[Any] | None,
    timeout: float | None,
) -> tuple[Request, Any]:
    send, request = prepare(
        http_client, url, need_name("service", service), need_name("method", method), args
    )
    return request, request.parse(await send(http_client, request, timeout))


def _no_kwargs(kwargs: Mapping[str, Any] | None) -> None:
    if kwargs is not None:
        raise TypeError(
            "Odoo's /jsonrpc route takes service, method and args only (it refuses "
            "params.kwargs): put the arguments in args; for keyword arguments of a model "
            "method use execute_kw(kwargs=...)"
        )


def _checked(label: str, result: Any, ensure_instance_of: type | None) -> Any:
    if ensure_instance_of is not None and not isinstance(result, ensure_instance_of):
        raise ProtocolError(
            f"{label}: expected a {ensure_instance_of.__name__} result, "
            f"got {type(result).__name__}"
        )
    return result


async def rpc_result(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    service: str,
    method: str,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    ensure_instance_of: type | None = None,
    timeout: float | None = None,
) -> Any:
    """:func:`jsonrpc`, with 3.0.4's check of the result's type (``ProtocolError``)."""
    _no_kwargs(kwargs)
    request, result = await _call(http_client, url, service, method, args, timeout)
    return _checked(request.label, result, ensure_instance_of)


async def rpc_call_and_check(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    service: str,
    method: str,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    ensure_instance_of: type | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """The whole reply envelope (``{"jsonrpc", "id", "result"}``) of a checked call."""
    _no_kwargs(kwargs)
    request, result = await _call(http_client, url, service, method, args, timeout)
    return _envelope(request, _checked(request.label, result, ensure_instance_of))


async def check_jsonrpc_response(
    resp: Any, req_id: Any, ensure_instance_of: type | None = None
) -> dict[str, Any]:
    """Check a reply you fetched yourself: ``resp`` is a response with ``.json()`` (maybe
    awaitable) or the decoded envelope; returns the envelope, raises the typed error."""
    data = resp if isinstance(resp, Mapping) else resp.json()
    if inspect.isawaitable(data):  # async only
        data = await data  # async only
    request = JsonRpcRequest("", None, label="check_jsonrpc_response", id=req_id)
    result = request.parse(Reply(None, data=data))
    return _envelope(request, _checked(request.label, result, ensure_instance_of))


def _envelope(request: Request, result: Any) -> dict[str, Any]:
    reply: dict[str, Any] = {"jsonrpc": "2.0", "id": request.id}
    if result is not None:
        reply["result"] = result
    return reply
