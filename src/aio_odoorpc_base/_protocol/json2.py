"""The sans-IO core of Odoo's JSON-2 API (19+): ``POST /json/2/<model>/<method>``.

Build the request (bearer key, database header, one JSON object of named arguments) and
judge the reply: the body is the result itself; errors are ``{"name", "message", ...}``
objects, except those Odoo raises before routing, which are HTML pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from .. import _json
from .._version import USER_AGENT
from ..errors import (
    DatabaseNotSelected,
    HTTPStatusError,
    Json2Unavailable,
    ServerError,
    SessionConflict,
)
from .base import (
    UNDECODED,
    Reply,
    Request,
    base_url,
    is_login_page,
    location,
    safe_url,
    server_error,
)

__all__ = ["Json2Request", "json2_error", "json2_request", "parse_json2"]


class Json2Request(Request):
    """A JSON-2 call; its reply is the result itself, or an error object or page."""

    __slots__ = ()

    def parse(self, reply: Reply) -> Any:
        return parse_json2(self, reply)


def json2_request(
    url: str,
    model: str,
    method: str,
    *,
    api_key: str,
    database: str | None,
    ids: Sequence[int] | None,
    context: Mapping[str, Any] | None,
    params: Mapping[str, Any],
) -> Json2Request:
    body: dict[str, Any] = dict(params)
    if ids is not None:
        body["ids"] = list(ids)
    if context is not None:
        body["context"] = dict(context)
    headers = {
        "Content-Type": "application/json",
        "Authorization": f"bearer {api_key}",
        "User-Agent": USER_AGENT,
    }
    if database is not None:
        headers["X-Odoo-Database"] = database
    target = f"{base_url(url)}/json/2/{quote(model, safe='.')}/{quote(method, safe='')}"
    return Json2Request(target, body, headers=headers, secrets=[api_key], label=f"{model}.{method}")


def json2_error(request: Request, data: Mapping[str, Any], status: int | None) -> ServerError:
    """The typed exception for a JSON-2 error object (``code`` is the HTTP status)."""
    data = request.scrub(data)
    message = str(data.get("message") or "").rstrip()
    return server_error(data, message, code=status)


def parse_json2(request: Request, reply: Reply) -> Any:
    """The result of a JSON-2 call, or the typed exception for its failure."""
    if reply.status in (None, 200):
        return request.decode(reply)
    data = reply.data
    if data is UNDECODED and "json" in reply.content_type.lower():
        try:
            data = _json.loads(reply.body)
        except ValueError:
            data = UNDECODED
    if isinstance(data, Mapping) and "name" in data and "message" in data:
        raise json2_error(request, data, reply.status)
    if no_json2(request, reply, data):
        raise Json2Unavailable(
            f"{request.label}: the server at {safe_url(request.url.partition('/json/2/')[0])} "
            "has no JSON-2 API; JSON-2 needs Odoo 19 or later. Use /jsonrpc: execute_kw, or "
            "OdooRPC/AsyncOdooRPC with protocol='auto' or 'jsonrpc'",
            code=reply.status,
        )
    raise html_error(request, reply)


def no_json2(request: Request, reply: Reply, data: Any) -> bool:
    """Whether an answer to /json/2/<model>/<method> is an older Odoo's way of saying it
    has no such route. Odoo 19 answers every failure there with a JSON error object."""
    status = reply.status or 0
    if status == 404:
        # up to 15: a JSON-RPC 404; 16 and 17 (and 18 with no database chosen): werkzeug's
        # HTML page ("No database is selected" is Odoo 19's, see html_error)
        return (isinstance(data, Mapping) and "jsonrpc" in data) or (
            "No database is selected" not in request.excerpt(reply.body)
        )
    if 300 <= status < 400:
        # 18: /json/<path> is an auth='user' page, which sends a visitor to the login page
        return is_login_page(location(reply))
    # 18 with a session cookie: that page refuses a POST without a CSRF token
    return status == 400 and "CSRF" in request.excerpt(reply.body)


def html_error(request: Request, reply: Reply) -> HTTPStatusError:
    """An HTTP error without an Odoo error object; the ones Odoo raises before routing get
    a class and a message that say what to fix."""
    text = request.excerpt(reply.body)
    where = f"HTTP {reply.status} from {safe_url(request.url)}"

    def error(cls: type[HTTPStatusError], message: str) -> HTTPStatusError:
        return cls(
            message, status_code=reply.status or 0, body=text, content_type=reply.content_type
        )

    database = request.headers.get("X-Odoo-Database")
    if reply.status == 404 and "No database is selected" in text:
        if database is None:
            hint = (
                "the server hosts several databases: pass database='<name>' "
                "(sent as the X-Odoo-Database header)"
            )
        else:
            hint = (
                f"the database {database!r} does not exist on this server or its "
                "dbfilter does not allow it"
            )
        return error(
            DatabaseNotSelected,
            f"{request.label}: Odoo could not tell which database to use ({where}): {hint}",
        )
    if reply.status == 403 and "session_id cookie" in text:
        return error(
            SessionConflict,
            f"{request.label}: Odoo refuses a session_id cookie together with the "
            f"X-Odoo-Database header ({where}). The HTTP client keeps a session cookie "
            "(from a web login or a web route): use a client without cookies for JSON-2, "
            "or clear its session_id cookie",
        )
    if reply.status == 415:
        return error(
            HTTPStatusError,
            f"{request.label}: the server refused the request's Content-Type ({where}); "
            "JSON-2 needs 'Content-Type: application/json': check that no proxy or "
            "HTTP client hook rewrites it",
        )
    return request.status_error(reply)
