"""The ``object`` service (odoo/service/model.py): execute_kw and execute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._protocol.args import need_int, need_list, need_mapping, need_name, need_str
from ..types import AsyncHttpClient
from ._rpc import jsonrpc

__all__ = ["execute", "execute_kw"]

_ARGS_HINT = (
    " of positional arguments, e.g. [[('is_company', '=', True)]] for search; "
    "keyword arguments go in kwargs"
)


def _head(db: Any, uid: Any, password: Any, obj: Any, method: Any) -> list[Any]:
    return [
        need_name("db", db),
        need_int("uid", uid),
        need_str("password", password),
        need_name("obj", obj),
        need_name("method", method),
    ]


async def execute_kw(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    db: str,
    uid: int,
    password: str,
    obj: str,
    method: str,
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    kw: Mapping[str, Any] | None = None,
    timeout: float | None = None,
) -> Any:
    """Call ``obj.method(*args, **kwargs)`` as user ``uid``; the result as Odoo sends it.

    ``kw`` is Odoo's own name for ``kwargs`` and is accepted as an alias. ``context``
    goes inside kwargs. A method returning nothing gives ``None``.
    """
    if kw is not None:
        if kwargs is not None:
            raise TypeError("pass keyword arguments as kwargs or as kw, not both")
        kwargs = kw
    params = _head(db, uid, password, obj, method)
    params.append(need_list("args", args, _ARGS_HINT))
    if kwargs is not None:
        params.append(dict(need_mapping("kwargs", kwargs)))
    return await jsonrpc(
        http_client, url, service="object", method="execute_kw", args=params, timeout=timeout
    )


async def execute(
    http_client: AsyncHttpClient,
    url: str,
    *args: Any,
    db: str,
    uid: int,
    password: str,
    obj: str,
    method: str,
    timeout: float | None = None,
) -> Any:
    """Call ``obj.method(*args)``: positional arguments only, no context."""
    params = _head(db, uid, password, obj, method)
    params.extend(args)
    return await jsonrpc(
        http_client, url, service="object", method="execute", args=params, timeout=timeout
    )
