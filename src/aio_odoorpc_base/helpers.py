"""Pure helpers: keyword arguments for execute_kw, and URL builders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ._protocol.jsonrpc import jsonrpc_url

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
    count: bool | None = None,
    context: Mapping[str, Any] | None = None,
) -> dict[str, Any] | None:
    """The kwargs of ``search``/``search_read``/``read`` calls with what is set (``count``
    too when False), or None when nothing is: as in aio-odoorpc-base 3.0.4."""
    kwargs: dict[str, Any] = {}
    if offset is not None:
        kwargs["offset"] = offset
    if limit is not None:
        kwargs["limit"] = limit
    if order is not None:
        kwargs["order"] = order
    if fields is not None:
        if isinstance(fields, str):
            raise TypeError("fields must be a list of field names, not a str")
        kwargs["fields"] = list(fields)
    if count is not None:
        kwargs["count"] = count
    if context is not None:
        kwargs["context"] = dict(context)
    return kwargs or None


def build_odoo_base_url(
    *, host: str, port: int | None = None, ssl: bool = True, base_url: str = ""
) -> str:
    """``http[s]://host[:port]/[base_url/]``, e.g. ``https://odoo.example.com/``; the
    scheme's default port (443, 80) is left out."""
    if not host or "/" in host:
        raise ValueError(f"host must be a host name such as 'odoo.example.com', got {host!r}")
    default = 443 if ssl else 80
    port = default if port is None else int(port)
    netloc = host if port == default else f"{host}:{port}"
    path = "/".join(part for part in base_url.split("/") if part)
    return f"{'https' if ssl else 'http'}://{netloc}/{path + '/' if path else ''}"


def build_odoo_jsonrpc_endpoint_url(
    *,
    host: str,
    port: int | None = None,
    ssl: bool = True,
    base_url: str = "",
    custom_odoo_jsonrpc_suffix: str | None = None,
) -> str:
    """The /jsonrpc endpoint of a server, e.g. ``https://odoo.example.com/jsonrpc``."""
    return odoo_base_url2jsonrpc_endpoint(
        build_odoo_base_url(host=host, port=port, ssl=ssl, base_url=base_url),
        custom_odoo_jsonrpc_suffix,
    )


def odoo_base_url2jsonrpc_endpoint(
    odoo_base_url: str = "", custom_odoo_jsonrpc_suffix: str | None = None
) -> str:
    """``https://odoo.example.com[/prefix]`` -> ``https://odoo.example.com[/prefix]/jsonrpc``
    (or another suffix); a URL that ends with the suffix already is kept."""
    suffix = "jsonrpc" if custom_odoo_jsonrpc_suffix is None else custom_odoo_jsonrpc_suffix
    suffix = suffix.strip("/")
    base = odoo_base_url.rstrip("/")
    if not base:
        return suffix
    if base.endswith(suffix):
        return base
    return f"{base}/{suffix}"


def jsonrpc_endpoint2odoo_base_url(jsonrpc_endpoint: str) -> str:
    """``https://odoo.example.com/jsonrpc`` -> ``https://odoo.example.com``."""
    parts = urlsplit(jsonrpc_url(jsonrpc_endpoint))
    path = parts.path.rstrip("/")
    if path.endswith("/jsonrpc"):
        path = path[: -len("/jsonrpc")]
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
