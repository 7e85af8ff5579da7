"""The sans-IO core of the /jsonrpc protocol: build a request, judge a reply. No I/O here.

The async and sync function layers only do "build, send through a transport, parse".
"""

from __future__ import annotations

import html
import itertools
import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final
from urllib.parse import SplitResult, urlsplit, urlunsplit

from . import _json
from .errors import HTTPStatusError, ProtocolError, ServerError, lookup

__all__ = [
    "UNDECODED",
    "Reply",
    "Request",
    "error_from_payload",
    "jsonrpc_url",
    "safe_url",
]

log = logging.getLogger("aio_odoorpc_base")

UNDECODED: Final = object()
_ids = itertools.count(1)
_EXCERPT = 500

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


class Reply:
    """What a transport brings back: status, content type, and the raw body or the JSON
    the HTTP library decoded already."""

    __slots__ = ("body", "content_type", "data", "headers", "status")

    def __init__(
        self,
        status: int | None,
        content_type: str = "",
        body: bytes = b"",
        data: Any = UNDECODED,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.content_type = content_type
        self.body = body
        self.data = data
        self.headers = headers or {}


_DOTTED = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$")


class Request:
    """One HTTP request to make: URL, headers, JSON payload and the secrets it carries."""

    __slots__ = ("_body", "headers", "id", "kind", "label", "payload", "secrets", "url")

    def __init__(
        self,
        url: str,
        payload: Any,
        *,
        headers: dict[str, str] | None = None,
        secrets: Sequence[str] = (),
        label: str = "",
        id: Any = None,
        kind: str = "jsonrpc",
    ) -> None:
        self.url = url
        self.payload = payload
        self.headers = headers if headers is not None else {"Content-Type": "application/json"}
        self.secrets = tuple(s for s in secrets if s)
        self.label = label
        self.id = id
        self.kind = kind  # or "json2", "web": how generic clients are called
        self._body: bytes | None = None

    @classmethod
    def jsonrpc(cls, url: str, service: str, method: str, args: Sequence[Any] | None) -> Request:
        args = [] if args is None else list(args)
        secrets = [
            args[i]
            for i in secret_positions(service, method)
            if i < len(args) and isinstance(args[i], str)
        ]
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
    def route(cls, url: str, label: str, params: Mapping[str, Any]) -> Request:
        """A JSON-RPC call to a web route (``type='json'``), such as /web/database/list."""
        rid = next(_ids)
        payload = {"jsonrpc": "2.0", "method": "call", "params": dict(params), "id": rid}
        return cls(url, payload, label=label, id=rid)

    @property
    def body(self) -> bytes:
        if self._body is None:
            self._body = _json.dumps(self.payload)
        return self._body

    def plain_payload(self) -> Any:
        """The payload as plain JSON types (dates as Odoo's strings, bytes as base64), for
        generic clients that encode ``json=`` themselves."""
        return _json.loads(self.body)

    def __repr__(self) -> str:
        return f"<Request {self.label} id={self.id} to {safe_url(self.url)}>"

    def redact(self, text: str) -> str:
        """Remove every secret of this request from ``text`` (e.g. an echoed body)."""
        for secret in self.secrets:
            escaped = _json.dumps(secret).decode()[1:-1]
            # as sent, JSON-escaped, and as Odoo 11 echoes it: repr() of the JSON text
            forms = {secret, escaped, repr(escaped)[1:-1], repr(secret)[1:-1]}
            for form in sorted(forms | {html.escape(f) for f in forms}, key=len, reverse=True):
                text = text.replace(form, "***")
        return text

    def scrub(self, value: Any) -> Any:
        """``value`` (an error object from the server) with this request's secrets removed
        from every string in it, however deep: a server may echo them anywhere."""
        if not self.secrets:
            return value
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, Mapping):
            # Odoo's exception class (``name``) picks the exception: keep dotted names
            return {
                k: v if k == "name" and isinstance(v, str) and _DOTTED.match(v) else self.scrub(v)
                for k, v in value.items()
            }
        if isinstance(value, list | tuple):
            return [self.scrub(v) for v in value]
        return value

    # --- judging the reply ------------------------------------------------------------

    def decode(self, reply: Reply) -> Any:
        """The JSON body of ``reply``, or a TransportError when there is none to trust."""
        status = reply.status
        data = reply.data
        if data is UNDECODED:
            ctype = reply.content_type.lower()
            if status not in (None, 200) and "json" not in ctype:
                raise self.status_error(reply)
            try:
                data = _json.loads(reply.body)
            except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
                if status not in (None, 200):
                    raise self.status_error(reply) from None
                deep = "nested too deeply to decode; " if isinstance(exc, RecursionError) else ""
                raise ProtocolError(
                    f"{self.label}: the reply from {safe_url(self.url)} is not JSON "
                    f"({deep}content type {reply.content_type or 'none'!r}): "
                    f"{self.excerpt(reply.body)[:100]!r}"
                ) from None
        return data

    def status_error(self, reply: Reply) -> HTTPStatusError:
        excerpt = self.excerpt(reply.body)
        headers = reply.headers or {}
        location = headers.get("location") or headers.get("Location")
        if location and 300 <= (reply.status or 0) < 400:
            # never followed: a POST re-sent as a GET would lose its body
            excerpt = (
                f"the endpoint moved to {safe_url(self.redact(location))}: use that URL "
                "(redirects are not followed)"
            )
        return HTTPStatusError(
            f"{self.label}: HTTP {reply.status} from {safe_url(self.url)}"
            + (f": {excerpt}" if excerpt else ""),
            status_code=reply.status or 0,
            body=excerpt,
            content_type=reply.content_type,
            retry_after=_retry_after(reply.headers),
        )

    def excerpt(self, body: bytes) -> str:
        text = body[: _EXCERPT * 4].decode("utf-8", "replace")
        text = " ".join(_strip_tags(text).split())
        return self.redact(text)[:_EXCERPT]

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
            if log.isEnabledFor(logging.DEBUG):
                log.debug("%s id=%s -> %s", self.label, self.id, type(exc).__name__)
            raise exc
        if reply.status not in (None, 200):
            raise self.status_error(reply)
        if "id" not in envelope:
            raise ProtocolError(
                f"{self.label}: the reply is not a JSON-RPC envelope (keys: "
                f"{sorted(envelope)[:10]})"
            )
        if envelope["id"] != self.id:
            raise ProtocolError(
                f"{self.label}: reply id {envelope['id']!r} does not match request id "
                f"{self.id!r}"
            )
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s id=%s -> ok", self.label, self.id)
        return envelope.get("result")


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from a Retry-After header given in seconds (HTTP dates are ignored)."""
    value = headers.get("retry-after") or headers.get("Retry-After")
    try:
        return max(float(value), 0.0) if value else None
    except ValueError:
        return None


def _strip_tags(text: str) -> str:
    out: list[str] = []
    inside = False
    for char in text:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
            out.append(" ")
        elif not inside:
            out.append(char)
    return html.unescape("".join(out))


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
    code = code if isinstance(code, int) else None
    exception_type = data.get("exception_type")
    return server_error(
        data,
        str(message).rstrip(),
        code=code,
        lookup_code=code,
        exception_type=exception_type if isinstance(exception_type, str) else None,
    )


def server_error(
    data: Mapping[str, Any],
    message: str,
    *,
    code: int | None,
    lookup_code: int | None = None,
    exception_type: str | None = None,
) -> ServerError:
    """The typed exception for an exception Odoo serialized (``name``, ``arguments``,
    ``context``, ``debug``), from /jsonrpc's error data or a JSON-2 error body."""
    name = str(data.get("name") or "")
    arguments = data.get("arguments")
    context = data.get("context")
    cls = lookup(name, exception_type, lookup_code, message)
    return cls(
        message,
        name=name,
        arguments=list(arguments) if isinstance(arguments, list | tuple) else [],
        context=context if isinstance(context, Mapping) else None,
        debug=str(data.get("debug") or ""),
        code=code,
        data=data,
    )


def safe_url(url: str) -> str:
    """``url`` without user:password@ (for messages and logs)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


_URLS: dict[str, str] = {}


def checked_url(url: Any, example: str) -> SplitResult:
    """``url`` split, or a TypeError/ValueError that shows a URL like ``example``."""
    if not isinstance(url, str):
        raise TypeError(f"url must be a str such as {example!r}, got {type(url).__name__}")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"url must be an absolute http(s) URL such as {example!r}, got {safe_url(url)!r}"
        )
    return parts


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
