"""Pure helpers: keyword arguments for execute_kw, and URL builders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ._jsonrpc import jsonrpc_url

__all__ = [
    "build_odoo_base_url",
    "build_odoo_jsonrpc_endpoint_url",
    "execute_kwargs",
    "jsonrpc_endpoint2odoo_base_url",
    "odoo_base_url2jsonrpc_endpoint",
]


def execute_kwargs(
    *,
    fields: Sequence[str] | None = None,
    limit: int | None = None,
    offset: int | None = None,
    order: str | None = None,
    count: bool = False,
    context: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The kwargs of ``search``/``search_read``/``read`` calls, leaving out what is unset."""
    kwargs: dict[str, Any] = {}
    if fields is not None:
        if isinstance(fields, str):
            raise TypeError("fields must be a list of field names, not a str")
        kwargs["fields"] = list(fields)
    if limit is not None:
        kwargs["limit"] = limit
    if offset is not None:
        kwargs["offset"] = offset
    if order is not None:
        kwargs["order"] = order
    if count:
        kwargs["count"] = True
    if context is not None:
        kwargs["context"] = dict(context)
    return kwargs


def build_odoo_base_url(
    *, host: str, port: int | None = None, ssl: bool = True, base_url: str = ""
) -> str:
    """``http[s]://host[:port][/base_url]``, e.g. ``https://odoo.example.com``."""
    if not host or "/" in host:
        raise ValueError(f"host must be a host name such as 'odoo.example.com', got {host!r}")
    scheme = "https" if ssl else "http"
    netloc = host if port is None else f"{host}:{int(port)}"
    path = "/" + base_url.strip("/") if base_url.strip("/") else ""
    return f"{scheme}://{netloc}{path}"


def build_odoo_jsonrpc_endpoint_url(
    *, host: str, port: int | None = None, ssl: bool = True, base_url: str = ""
) -> str:
    """The /jsonrpc endpoint of a server, e.g. ``https://odoo.example.com/jsonrpc``."""
    return odoo_base_url2jsonrpc_endpoint(
        build_odoo_base_url(host=host, port=port, ssl=ssl, base_url=base_url)
    )


def odoo_base_url2jsonrpc_endpoint(odoo_base_url: str) -> str:
    """``https://odoo.example.com[/prefix]`` -> ``https://odoo.example.com[/prefix]/jsonrpc``."""
    parts = urlsplit(odoo_base_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/jsonrpc"):
        path += "/jsonrpc"
    return jsonrpc_url(urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")))


def jsonrpc_endpoint2odoo_base_url(jsonrpc_endpoint: str) -> str:
    """``https://odoo.example.com/jsonrpc`` -> ``https://odoo.example.com``."""
    parts = urlsplit(jsonrpc_url(jsonrpc_endpoint))
    path = parts.path.rstrip("/")
    if path.endswith("/jsonrpc"):
        path = path[: -len("/jsonrpc")]
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
