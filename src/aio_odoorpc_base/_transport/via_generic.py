"""Any object with ``post(url, json=...)``, and callables ``(payload)`` or
``(url, payload)``: they can send JSON bodies only, so the web routes that post forms,
stream files or send GET requests need one of the known clients.

Exceptions an HTTP library raises through such a client are recognised by the module
that defines them; anything else (a bug in the caller's code) passes through.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from .._protocol.base import UNDECODED, Reply, Request
from ..errors import (
    ConnectError,
    ConnectTimeout,
    ProtocolError,
    TransportError,
    TransportTimeout,
)
from .base import DEADLINE_ERRORS, AsyncSender, Sender, bounded, fail, timed_out, timeout_kw

__all__ = [
    "call_post",
    "call_poster",
    "carries_its_url",
    "make_async",
    "make_sync",
    "poster_arity",
    "sync_flavour_error",
]

Call = Callable[[Any, Request, "float | None"], Any]

NEEDS_STREAMING = (
    "{what} needs an HTTP client that can post forms, stream files and send GET requests: "
    "{clients}; got {got}"
)
_STREAMING_CLIENTS = {
    False: "httpx.Client, requests.Session or BuiltinClient",
    True: "httpx.AsyncClient, aiohttp.ClientSession or AsyncBuiltinClient",
}


def _status_of(resp: Any) -> int | None:
    status = getattr(resp, "status_code", None)
    if status is None:
        status = getattr(resp, "status", None)
    return status if isinstance(status, int) else None


def _generic_reply(resp: Any, data: Any) -> Reply:
    headers = getattr(resp, "headers", None)
    ctype = headers.get("content-type", "") if isinstance(headers, Mapping) else ""
    body = getattr(resp, "content", b"") if data is UNDECODED else b""
    if not isinstance(body, bytes):
        text = getattr(resp, "text", "")
        body = text.encode("utf-8", "replace") if isinstance(text, str) else b""
    # Location and Retry-After, for the messages and the retry advice
    kept = headers if isinstance(headers, Mapping) else None
    return Reply(_status_of(resp), str(ctype), body, data=data, headers=kept)


_CONNECT_ERRORS = frozenset(
    {
        "ConnectionRefusedError",
        "ConnectError",
        "ConnectTimeout",
        "ConnectTimeoutError",
        "ClientConnectorError",
        "NewConnectionError",
    }
)
_HTTP_LIBRARIES = frozenset(
    {"httpx", "httpcore", "requests", "urllib3", "aiohttp", "h11", "http", "urllib"}
)


def _foreign_error(request: Request, exc: Exception) -> TransportError | None:
    """A transport error for an OSError or an HTTP library's exception raised through a
    generic client; None for anything else (programming errors pass through)."""
    if not isinstance(exc, OSError) and not any(
        k.__module__.partition(".")[0] in _HTTP_LIBRARIES for k in type(exc).__mro__
    ):
        return None
    # urllib's URLError carries the socket error as its reason
    reason = getattr(exc, "reason", None)
    seen = [exc, reason] if isinstance(reason, BaseException) else [exc]
    names = {k.__name__ for e in seen for k in type(e).__mro__}
    timeout = any(isinstance(e, TimeoutError) for e in seen) or any("Timeout" in n for n in names)
    connect = bool(names & _CONNECT_ERRORS)
    cls = {
        (True, True): ConnectTimeout,
        (True, False): TransportTimeout,
        (False, True): ConnectError,
    }.get((timeout, connect), TransportError)
    return fail(cls, request, exc)


def _generic_failure(request: Request, client: Any, exc: Exception) -> Exception:
    if mapped := _foreign_error(request, exc):
        return mapped
    if isinstance(exc, RecursionError):  # a callable that decodes the JSON itself
        return ProtocolError(
            f"{request.label}: the http_client {type(client).__name__} could not decode "
            "the reply: it is nested too deeply"
        )
    if isinstance(exc, ValueError):
        return ProtocolError(
            f"{request.label}: the http_client {type(client).__name__} raised ValueError "
            f"(is the reply JSON?): {request.redact(str(exc))[:200]}"
        )
    return exc


def sync_flavour_error(client: Any) -> TypeError:
    return TypeError(
        f"{type(client).__name__} returned an awaitable: it is asynchronous. Use it with "
        "the async functions (aio_odoorpc_base or aio_odoorpc_base.aio), or pass a "
        "synchronous client such as requests.Session or httpx.Client to "
        "aio_odoorpc_base.sync"
    )


def _json_only(client: Any, request: Request, is_async: bool) -> None:
    if not request.json_body or request.download is not None:
        raise TypeError(
            NEEDS_STREAMING.format(
                what=request.label, clients=_STREAMING_CLIENTS[is_async], got=_name(client)
            )
        )


def _name(client: Any) -> str:
    cls = type(client)
    return f"{cls.__module__}.{cls.__qualname__}"


def make_sync(call: Call) -> Sender:
    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        _json_only(client, request, False)
        try:
            resp = call(client, request, timeout)
        except Exception as exc:
            mapped = _generic_failure(request, client, exc)
            if mapped is exc:
                raise
            raise mapped from exc
        if inspect.isawaitable(resp):
            _close(resp)
            raise sync_flavour_error(client)
        if isinstance(resp, Mapping) or not hasattr(resp, "json"):
            return Reply(None, data=resp)  # a callable that decoded the JSON itself
        try:
            data = resp.json()
        except (ValueError, RecursionError):
            return _generic_reply(resp, UNDECODED)
        if inspect.isawaitable(data):
            _close(data)
            raise sync_flavour_error(client)
        return _generic_reply(resp, data)

    return send


def make_async(call: Call) -> AsyncSender:
    async def exchange(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            resp = call(client, request, timeout)
            if inspect.isawaitable(resp):
                resp = await resp
        except Exception as exc:
            mapped = _generic_failure(request, client, exc)
            if mapped is exc:
                raise
            raise mapped from exc
        if isinstance(resp, Mapping) or not hasattr(resp, "json"):
            return Reply(None, data=resp)  # a callable that decoded the JSON itself
        try:
            data = resp.json()
            if inspect.isawaitable(data):
                data = await data
        except (ValueError, RecursionError):
            return _generic_reply(resp, UNDECODED)
        return _generic_reply(resp, data)

    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
        _json_only(client, request, True)
        try:
            return await bounded(exchange(client, request, timeout), timeout)
        except DEADLINE_ERRORS as exc:
            if isinstance(exc, TransportError):  # the client's own, mapped already
                raise
            raise timed_out(request, timeout) from None

    return send


def _close(awaitable: Any) -> None:
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()


def call_post(client: Any, request: Request, timeout: float | None) -> Any:
    payload = request.plain_payload()
    if not _needs_headers(request):
        return client.post(request.url, json=payload, **timeout_kw(timeout))
    # JSON-2 needs its headers (bearer key, database): post(url, json=, headers=)
    return client.post(request.url, json=payload, headers=request.headers, **timeout_kw(timeout))


def _needs_headers(request: Request) -> bool:
    """More than the JSON content type (which ``json=`` sets): JSON-2's key and database."""
    return any(name != "Content-Type" for name in request.headers)


_SHAPES = (
    "a callable http_client takes the payload, (payload) -> response, as in the original "
    "description (the URL lives inside it), or the URL and the payload, "
    "(url, payload) -> response"
)
_ARITY: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def _arity(client: Any) -> int:
    """1 for a callable (payload), 2 for (url, payload); TypeError for neither."""
    try:
        params = list(inspect.signature(client).parameters.values())
    except (TypeError, ValueError):  # no signature to read (some builtins): the old shape
        return 2
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return 2
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = sum(p.default is p.empty for p in positional)
    if required == 1 or (required == 0 and len(positional) == 1):
        return 1
    if required == 2 or (required < 2 <= len(positional)):
        return 2
    name = getattr(client, "__qualname__", type(client).__name__)
    raise TypeError(f"{name} takes {required} required positional arguments: {_SHAPES}")


def poster_arity(client: Any) -> int:
    """How a callable http_client is called, decided once per callable (bound methods:
    once per function)."""
    key = getattr(client, "__func__", None)
    bound = key is not None
    key = key if bound else client
    try:
        return _ARITY[key] - bound
    except (KeyError, TypeError):
        pass
    arity = _arity(client)
    try:
        _ARITY[key] = arity + bound
    except TypeError:  # not weak-referenceable: decided again next time
        pass
    return arity


def carries_its_url(client: Any) -> bool:
    """A callable (payload) -> response: it knows the URL, so ``url`` may be left out."""
    return not hasattr(client, "post") and callable(client) and poster_arity(client) == 1


def call_poster(client: Any, request: Request, timeout: float | None) -> Any:
    if timeout is not None:
        raise TypeError(
            "timeout cannot be applied to a callable http_client: set the timeout inside "
            "the callable, or pass an HTTP client object (httpx, requests, aiohttp)"
        )
    payload_only = poster_arity(client) == 1
    if not _needs_headers(request):
        if payload_only:
            return client(request.plain_payload())
        return client(request.url, request.plain_payload())
    if payload_only:
        raise TypeError(
            f"{request.label}: JSON-2 puts the model and method in the URL, so a callable "
            "http_client that takes only the payload cannot make the call: give a callable "
            "(url, payload, headers=...) -> response, or an HTTP client object"
        )
    return client(request.url, request.plain_payload(), headers=request.headers)
