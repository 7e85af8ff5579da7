"""The sans-IO core of JSON-RPC: Odoo's ``/jsonrpc`` endpoint and the web routes of type
``json`` (such as ``/web/database/list``). Build the envelope, judge the reply."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlunsplit

from .. import _log
from ..errors import ProtocolError, ServerError
from .base import Reply, Request, checked_url, safe_url, server_error

__all__ = ["JsonRpcRequest", "error_from_payload", "jsonrpc_url", "secret_positions"]

_ids = itertools.count(1)
_NO_ID = object()

# Which positional arguments carry a password, per service and method.
_DB_NO_PASSWORD = frozenset({"db_exist", "list", "list_lang", "server_version"})
_COMMON_PASSWORD = frozenset({"login", "authenticate"})
_DB_MORE_SECRETS = {"change_admin_password": (0, 1), "create_database": (0, 4)}


def secret_positions(service: str, method: str) -> tuple[int, ...]:
    if service == "db":
        if method in _DB_NO_PASSWORD:
            return ()
        return _DB_MORE_SECRETS.get(method, (0,))
    if service == "object" or (service == "common" and method in _COMMON_PASSWORD):
        return (2,)
    return ()


class JsonRpcRequest(Request):
    """A JSON-RPC 2.0 call; its reply is an envelope with ``result`` or ``error``."""

    __slots__ = ()

    @classmethod
    def call(
        cls, url: str, service: str, method: str, args: Sequence[Any] | None
    ) -> JsonRpcRequest:
        """``service.method(*args)`` on /jsonrpc; the request keeps a list it is given."""
        if type(args) is not list:
            args = [] if args is None else list(args)
        secrets: tuple[str, ...] = ()
        for i in secret_positions(service, method):
            if i < len(args) and isinstance(args[i], str) and args[i]:
                secrets += (args[i],)
        rid = next(_ids)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
            "id": rid,
        }
        return cls(
            jsonrpc_url(url) if url else "",  # "": a callable that carries its own URL
            payload,
            secrets=secrets,
            label=f"{service}.{method}",
            id=rid,
        )

    @classmethod
    def route(cls, url: str, label: str, params: Mapping[str, Any]) -> JsonRpcRequest:
        """A call to a web route of type ``json``, such as /web/database/list."""
        rid = next(_ids)
        payload = {"jsonrpc": "2.0", "method": "call", "params": dict(params), "id": rid}
        return cls(url, payload, label=label, id=rid, web=True)

    def parse(self, reply: Reply) -> Any:
        """The ``result`` of a JSON-RPC reply; ``None`` when the server sent none."""
        envelope = self.decode(reply)
        if not isinstance(envelope, dict):
            if reply.status not in (None, 200):
                raise self.status_error(reply)
            raise ProtocolError(
                f"{self.label}: expected a JSON-RPC object from {safe_url(self.url)}, "
                f"got {type(envelope).__name__}"
            )
        if "error" in envelope:
            exc = error_from_payload(self.scrub(envelope["error"]))
            _log.debug("%s id=%s -> %s", self.label, self.id, type(exc).__name__)
            raise exc
        if reply.status not in (None, 200):
            raise self.status_error(reply)
        if envelope.get("id", _NO_ID) != self.id:
            if "id" not in envelope:
                raise ProtocolError(
                    f"{self.label}: the reply is not a JSON-RPC envelope (keys: "
                    f"{sorted(map(str, envelope))[:10]})"
                )
            raise ProtocolError(
                f"{self.label}: reply id {envelope['id']!r:.50} does not match request id "
                f"{self.id!r}"
            )
        _log.debug("%s id=%s -> ok", self.label, self.id)
        return envelope.get("result")


def error_from_payload(error: Any) -> ServerError:
    """The typed exception for the ``error`` member of a JSON-RPC reply."""
    if not isinstance(error, Mapping):
        return ServerError(f"malformed JSON-RPC error: {str(error)[:200]}")
    data = error.get("data")
    if not isinstance(data, Mapping):
        data = {}
    arguments = data.get("arguments")
    message = data.get("message") or error.get("message") or ""
    # Odoo <= 13 joins except_orm's two arguments: "text\nNone"; arguments[0] is the text.
    first = arguments[0] if isinstance(arguments, list | tuple) and arguments else None
    if isinstance(first, str) and first:
        message = first
    code = error.get("code")
    code = code if isinstance(code, int) and not isinstance(code, bool) else None
    exception_type = data.get("exception_type")
    return server_error(
        data,
        str(message).rstrip(),
        code=code,
        lookup_code=code,
        exception_type=exception_type if isinstance(exception_type, str) else None,
    )


_URLS: dict[str, str] = {}


def jsonrpc_url(url: str) -> str:
    """The /jsonrpc endpoint for ``url``: a URL with no path gets ``/jsonrpc`` appended."""
    try:
        return _URLS[url]
    except (KeyError, TypeError):
        pass
    parts = checked_url(url, "https://odoo.example.com/jsonrpc")
    path = parts.path
    if path in ("", "/"):
        path = "/jsonrpc"
    result = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    if len(_URLS) < 256:
        _URLS[url] = result
    return result
