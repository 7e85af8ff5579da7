"""What a server offers, found with two cheap requests."""

from __future__ import annotations

from typing import Any

from .._protocol.base import Request, base_url
from .._protocol.versions import has_db_service, has_json2, major_minor
from .._transport import streams, to_async_transport, url_or_base
from ..errors import AccessDenied, HTTPStatusError, NotFound, ProtocolError
from ..types import AsyncHttpClient, ServerInfo
from .common import version
from .web_database import web_list_databases

__all__ = ["server_info"]


def _missing(exc: Exception) -> bool:
    return isinstance(exc, NotFound) or (
        isinstance(exc, HTTPStatusError) and exc.status_code in (404, 405)
    )


async def server_info(
    http_client: AsyncHttpClient, url: str = "", *, timeout: float | None = None
) -> ServerInfo:
    """The version and the APIs of the server at ``url`` (its root, or any endpoint URL;
    left out, the base URL ``http_client`` was created with).

    Two requests: ``common.version`` over /jsonrpc (``GET /web/version`` when /jsonrpc is
    gone, which needs httpx, requests or aiohttp), then ``/web/database/list``. JSON-2
    and the db service are inferred from the version (JSON-2 from saas-18.4, the db
    service until 19). httpx, requests and aiohttp clients keep no cookie from the web
    route; a generic client that keeps cookies may (and Odoo 19 would then refuse its
    JSON-2 calls with SessionConflict).
    """
    root = base_url(url_or_base(http_client, url))
    jsonrpc = True
    try:
        info: Any = await version(http_client, f"{root}/jsonrpc", timeout=timeout)
        text, parts = info["server_version"], info["server_version_info"]
    except (HTTPStatusError, NotFound) as exc:
        if not _missing(exc):
            raise
        jsonrpc = False
        text, parts = await _web_version(http_client, root, timeout)
    try:
        databases: list[str] | None = await web_list_databases(http_client, root, timeout=timeout)
        web_database, list_db = True, True
    except AccessDenied:
        databases, web_database, list_db = None, True, False
    except (HTTPStatusError, NotFound) as exc:
        if not _missing(exc):
            raise
        databases, web_database, list_db = None, False, False
    release = major_minor(parts)
    return ServerInfo(
        version=str(text),
        version_info=tuple(parts),
        jsonrpc=jsonrpc,
        json2=has_json2(release),
        db_service=has_db_service(release, jsonrpc),
        web_database=web_database,
        list_db=list_db,
        databases=None if databases is None else tuple(databases),
    )


async def _web_version(
    http_client: AsyncHttpClient, root: str, timeout: float | None
) -> tuple[str, list[Any]]:
    request = Request(
        f"{root}/web/version", method="GET", headers={}, label="web.version", web=True
    )
    if not streams(http_client):
        raise ProtocolError(
            f"{request.label}: /jsonrpc is gone from this server and the version is only "
            "at GET /web/version: use httpx, requests or aiohttp"
        )
    data = request.parse(await to_async_transport(http_client)(http_client, request, timeout))
    if not isinstance(data, dict) or "version_info" not in data:
        raise ProtocolError(f"{request.label}: unexpected answer: {str(data)[:200]!r}")
    return str(data.get("version", "")), list(data["version_info"])
