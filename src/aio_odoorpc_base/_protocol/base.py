"""What every protocol core shares: the request to make, the reply that came back, how a
reply is decoded and an HTTP failure described, secrets kept out of both, and URLs.

A :class:`Request` carries everything a transport needs (method, URL, headers, body, an
optional download sink) and judges its own reply with :meth:`Request.parse`; each protocol
(/jsonrpc, JSON-2, the web routes) is a subclass. No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Protocol
from urllib.parse import SplitResult, urlsplit, urlunsplit

from .. import _json
from ..errors import HTTPStatusError, ProtocolError, ServerError, lookup

__all__ = [
    "UNDECODED",
    "Download",
    "Reply",
    "Request",
    "base_url",
    "checked_url",
    "is_login_page",
    "location",
    "safe_url",
    "server_error",
    "strip_tags",
]

UNDECODED: Final = object()
_EXCERPT = 500
_DOTTED = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$")


class Reply:
    """What a transport brings back: status, content type, and the raw body or the JSON
    the HTTP library decoded already. A content type of None is looked up in the
    (case-insensitive) headers when first read: most replies never need it."""

    __slots__ = ("_content_type", "body", "data", "headers", "status")

    def __init__(
        self,
        status: int | None,
        content_type: str | None = "",
        body: bytes = b"",
        data: Any = UNDECODED,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self._content_type = content_type
        self.body = body
        self.data = data
        self.headers = headers or {}

    @property
    def content_type(self) -> str:
        if self._content_type is None:
            self._content_type = self.headers.get("Content-Type") or ""
        return self._content_type


class Download(Protocol):
    """Where a streamed reply goes when :meth:`accept` takes it (backups)."""

    def accept(self, status: int, content_type: str, headers: Mapping[str, str]) -> bool: ...

    def write(self, chunk: bytes) -> None: ...


class Request:
    """One HTTP request: method, URL, headers, body and the secrets it carries.

    ``payload`` is a JSON value sent as the body (``json_body``), unless ``body`` is
    given (a form, a streamed upload) or the method is GET. ``web`` marks the web routes:
    they set cookies, which the transports put back as they were.
    """

    __slots__ = (
        "body",
        "download",
        "headers",
        "id",
        "json_body",
        "label",
        "method",
        "payload",
        "secrets",
        "url",
        "web",
    )

    body: Any
    """The bytes to send (JSON, a form), a streamed body, or None for a GET."""
    json_body: bool
    """The body is ``payload`` as JSON: any client with ``post(url, json=...)`` can send
    it."""

    def __init__(
        self,
        url: str,
        payload: Any = None,
        *,
        method: str = "POST",
        headers: dict[str, str] | None = None,
        body: bytes | Iterable[bytes] | None = None,
        secrets: Sequence[str] = (),
        label: str = "",
        id: Any = None,
        web: bool = False,
        download: Download | None = None,
    ) -> None:
        self.url = url
        self.method = method
        self.payload = payload
        self.headers = headers if headers is not None else {"Content-Type": "application/json"}
        self.secrets = tuple(filter(None, secrets)) if secrets else ()  # no empty ones
        self.label = label
        self.id = id
        self.web = web
        self.download = download
        # encoded now, not when sent: a value JSON cannot carry fails before any I/O, and
        # the transports read a plain attribute
        self.json_body = body is None and method == "POST"
        self.body = _json.dumps(payload) if self.json_body else body

    def plain_payload(self) -> Any:
        """The payload as plain JSON types (dates as Odoo's strings, bytes as base64), for
        generic clients that encode ``json=`` themselves."""
        return _json.loads(self.body)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label} id={self.id} to {safe_url(self.url)}>"

    # --- secrets ----------------------------------------------------------------------

    def redact(self, text: str) -> str:
        """Remove every secret of this request from ``text`` (e.g. an echoed body)."""
        for secret in self.secrets:
            escaped = _json.dumps(secret).decode()[1:-1]
            # as sent, JSON-escaped, and as Odoo 11 echoes it: repr() of the JSON text
            forms = {secret, escaped, repr(escaped)[1:-1], repr(secret)[1:-1]}
            for form in sorted(forms | {_escape(f) for f in forms}, key=len, reverse=True):
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
                self.scrub(k): v
                if k == "name" and isinstance(v, str) and _DOTTED.match(v)
                else self.scrub(v)
                for k, v in value.items()
            }
        if isinstance(value, list | tuple):
            return [self.scrub(v) for v in value]
        return value

    # --- judging the reply ------------------------------------------------------------

    def parse(self, reply: Reply) -> Any:
        """The value of ``reply``: here its JSON body; protocols refine this."""
        return self.decode(reply)

    def decode(self, reply: Reply) -> Any:
        """The JSON body of ``reply``, or a TransportError when there is none to trust."""
        status = reply.status
        data = reply.data
        if data is UNDECODED:
            if status not in (None, 200) and "json" not in reply.content_type.lower():
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
        target = location(reply)
        if target and 300 <= (reply.status or 0) < 400:
            # never followed: a POST re-sent as a GET would lose its body
            where = safe_url(self.redact(target))
            excerpt = (
                f"the server sent the request to its login page ({where}): this URL is a "
                "web page that needs a browser session, not an API endpoint; check the URL"
                if is_login_page(target)
                else f"the endpoint moved to {where}: use that URL (redirects are not followed)"
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
        text = " ".join(strip_tags(text).split())
        return self.redact(text)[:_EXCERPT]


def location(reply: Reply) -> str:
    """The Location header of ``reply`` ("" when none)."""
    headers = reply.headers or {}
    return str(headers.get("location") or headers.get("Location") or "")


def is_login_page(url: str) -> bool:
    """Whether a redirect goes to Odoo's login page (``/web/login?redirect=...``)."""
    return urlsplit(url).path.rstrip("/").endswith("/web/login")


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from a Retry-After header given in seconds (HTTP dates are ignored)."""
    value = headers.get("retry-after") or headers.get("Retry-After")
    try:
        return max(float(value), 0.0) if value else None
    except ValueError:
        return None


def strip_tags(text: str) -> str:
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
    return _unescape("".join(out))


def _escape(text: str) -> str:
    import html  # loaded when first needed

    return html.escape(text)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


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
    debug = _bounded(str(data.get("debug") or ""))
    if "debug" in data:
        data = {**data, "debug": debug}
    cls = lookup(name, exception_type, lookup_code, _bounded(message, 8192))
    return cls(
        _bounded(message, 8192),
        name=name,
        arguments=list(arguments) if isinstance(arguments, list | tuple) else [],
        context=context if isinstance(context, Mapping) else None,
        debug=debug,
        code=code,
        data=data,
    )


def _bounded(text: str, limit: int = 65536) -> str:
    """``text``, or its start and end when longer than ``limit``: an exception keeps a
    traceback, not megabytes a server may send."""
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]}\n[... {len(text) - 2 * half} characters left out ...]\n{text[-half:]}"


# --- URLs ----------------------------------------------------------------------------


def safe_url(url: str) -> str:
    """``url`` without user:password@ (for messages and logs)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


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


_SUFFIXES = ("/jsonrpc", "/json/2", "/xmlrpc/2", "/web")
_BASES: dict[str, str] = {}


def base_url(url: str) -> str:
    """The server root for ``url``: ``https://odoo.example.com`` (a trailing ``/jsonrpc``,
    ``/json/2`` or ``/`` is dropped; a path prefix in front of them is kept)."""
    try:
        return _BASES[url]
    except (KeyError, TypeError):
        pass
    parts = checked_url(url, "https://odoo.example.com")
    path = parts.path.rstrip("/")
    for suffix in _SUFFIXES:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    result = urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))
    if len(_BASES) < 256:
        _BASES[url] = result
    return result
