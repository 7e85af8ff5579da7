"""Adapters from the caller's HTTP client to one internal contract, for both flavours.

A *sender* takes ``(client, request, timeout)`` and returns a :class:`Reply`, or raises a
:class:`~aio_odoorpc_base.errors.TransportError`. The sender for a client is chosen once
per client type (by module and class name along the MRO, so nothing is imported until
such a client is passed) and cached.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import weakref
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeAlias

from ._jsonrpc import UNDECODED, Reply, Request, safe_url
from .errors import (
    ConnectError,
    ConnectTimeout,
    ProtocolError,
    TransportError,
    TransportTimeout,
)

__all__ = ["AsyncSender", "Sender", "to_async_transport", "to_transport"]

Sender: TypeAlias = Callable[[Any, Request, "float | None"], Reply]
AsyncSender: TypeAlias = Callable[[Any, Request, "float | None"], Awaitable[Reply]]


def _fail(cls: type[TransportError], request: Request, exc: BaseException) -> TransportError:
    detail = request.redact(str(exc)) or type(exc).__name__
    return cls(f"{request.label}: {detail} ({safe_url(request.url)})")


def timeout_kw(timeout: float | None) -> dict[str, Any]:
    return {} if timeout is None else {"timeout": timeout}


# --- httpx ---------------------------------------------------------------------------


def httpx_mapper() -> tuple[type[Exception], Callable[[Request, Exception], TransportError]]:
    import httpx

    table = [
        (httpx.ConnectTimeout, ConnectTimeout),
        (httpx.TimeoutException, TransportTimeout),
        (httpx.ConnectError, ConnectError),
    ]

    def mapped(request: Request, exc: Exception) -> TransportError:
        cls = next((ours for theirs, ours in table if isinstance(exc, theirs)), TransportError)
        return _fail(cls, request, exc)

    return httpx.HTTPError, mapped


def _httpx_reply(resp: Any) -> Reply:
    return Reply(
        resp.status_code,
        resp.headers.get("content-type", ""),
        resp.content,
        headers=resp.headers,
    )


def _make_httpx_sync() -> Sender:
    http_error, mapped = httpx_mapper()

    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            resp = client.post(
                request.url, content=request.body, headers=request.headers, **timeout_kw(timeout)
            )
        except http_error as exc:
            raise mapped(request, exc) from exc
        return _httpx_reply(resp)

    return send


def _make_httpx_async() -> AsyncSender:
    http_error, mapped = httpx_mapper()

    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            resp = await client.post(
                request.url, content=request.body, headers=request.headers, **timeout_kw(timeout)
            )
        except http_error as exc:
            raise mapped(request, exc) from exc
        return _httpx_reply(resp)

    return send


# --- requests ------------------------------------------------------------------------


def requests_mapper() -> tuple[type[Exception], Callable[[Request, Exception], TransportError]]:
    import requests

    def mapped(request: Request, exc: Exception) -> TransportError:
        if isinstance(exc, requests.ConnectTimeout):
            return _fail(ConnectTimeout, request, exc)
        if isinstance(exc, requests.Timeout):
            return _fail(TransportTimeout, request, exc)
        if isinstance(exc, requests.ConnectionError):
            # ConnectionError covers both refused connections and dropped ones
            cls = ConnectError if _is_connect_failure(exc) else TransportError
            return _fail(cls, request, exc)
        return _fail(TransportError, request, exc)

    return requests.RequestException, mapped


def _make_requests() -> Sender:
    http_error, mapped = requests_mapper()

    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            resp = client.post(
                request.url,
                data=request.body,
                headers=request.headers,
                allow_redirects=False,  # a POST re-sent as a GET would lose its body
                **timeout_kw(timeout),
            )
        except http_error as exc:
            raise mapped(request, exc) from exc
        return Reply(
            resp.status_code,
            resp.headers.get("content-type", ""),
            resp.content,
            headers=resp.headers,
        )

    return send


def _is_connect_failure(exc: BaseException) -> bool:
    text = repr(exc)
    return "NewConnectionError" in text or "Failed to establish" in text


# --- aiohttp -------------------------------------------------------------------------


def aiohttp_mapper() -> tuple[tuple[type[BaseException], ...], Any]:
    import aiohttp

    connect_timeout = getattr(aiohttp, "ConnectionTimeoutError", None)

    def mapped(request: Request, exc: BaseException) -> TransportError:
        if connect_timeout is not None and isinstance(exc, connect_timeout):
            return _fail(ConnectTimeout, request, exc)
        if isinstance(exc, asyncio.TimeoutError | TimeoutError):
            return _fail(TransportTimeout, request, exc)
        if isinstance(exc, aiohttp.ClientConnectorError):
            return _fail(ConnectError, request, exc)
        return _fail(TransportError, request, exc)

    return (asyncio.TimeoutError, TimeoutError, aiohttp.ClientError), mapped


def aiohttp_timeout(timeout: float | None) -> dict[str, Any]:
    import aiohttp

    return {} if timeout is None else {"timeout": aiohttp.ClientTimeout(total=timeout)}


def _make_aiohttp() -> AsyncSender:
    http_errors, mapped = aiohttp_mapper()

    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
        # aiohttp warns about large raw bytes bodies; a file-like body streams instead
        body = request.body
        data: Any = io.BytesIO(body) if len(body) > 1_000_000 else body
        kw = aiohttp_timeout(timeout)
        try:
            async with client.post(
                request.url, data=data, headers=request.headers, allow_redirects=False, **kw
            ) as resp:
                body = await resp.read()
                return Reply(
                    resp.status,
                    resp.headers.get("Content-Type", ""),
                    body,
                    headers=resp.headers,
                )
        except http_errors as exc:
            raise mapped(request, exc) from exc

    return send


# --- the built-in client (standard library) ------------------------------------------


def builtin_mapper() -> tuple[tuple[type[BaseException], ...], Any]:
    import http.client

    from .builtin import ConnectFailed

    def mapped(request: Request, exc: BaseException) -> TransportError:
        if isinstance(exc, ConnectFailed):
            return _fail(ConnectTimeout if exc.timed_out else ConnectError, request, exc)
        if isinstance(exc, TimeoutError):
            return _fail(TransportTimeout, request, exc)
        return _fail(TransportError, request, exc)

    return (OSError, http.client.HTTPException), mapped


def _make_builtin() -> Sender:
    http_errors, mapped = builtin_mapper()

    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            with client.stream("POST", request.url, request.body, request.headers, timeout) as (
                status,
                headers,
                chunks,
            ):
                body = b"".join(chunks)
        except http_errors as exc:
            raise mapped(request, exc) from exc
        return Reply(status, headers.get("content-type", ""), body, headers=headers)

    return send


def _make_builtin_async() -> AsyncSender:
    sync_send = _make_builtin()

    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
        return await asyncio.to_thread(sync_send, client.sync, request, timeout)

    return send


# --- any object with post(url, json=...), or a callable (url, payload) -----------------


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
    return Reply(_status_of(resp), str(ctype), body, data=data)


_HTTP_LIBRARIES = frozenset(
    {"httpx", "httpcore", "requests", "urllib3", "aiohttp", "h11", "http", "urllib"}
)


def _foreign_error(request: Request, exc: Exception) -> TransportError | None:
    """A transport error for an OSError or an HTTP library's exception raised through a
    generic client; None for anything else (programming errors pass through)."""
    names = [k.__name__ for k in type(exc).__mro__]
    if not isinstance(exc, OSError) and not any(
        k.__module__.partition(".")[0] in _HTTP_LIBRARIES for k in type(exc).__mro__
    ):
        return None
    timeout = isinstance(exc, TimeoutError) or any("Timeout" in n for n in names)
    connect = isinstance(exc, ConnectionRefusedError) or any(
        n.startswith(("Connect", "ClientConnector", "NewConnection")) for n in names
    )
    cls = {
        (True, True): ConnectTimeout,
        (True, False): TransportTimeout,
        (False, True): ConnectError,
    }.get((timeout, connect), TransportError)
    return _fail(cls, request, exc)


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


def _sync_flavour_error(client: Any) -> TypeError:
    return TypeError(
        f"{type(client).__name__} returned an awaitable: it is asynchronous. Use it with "
        "the async functions (aio_odoorpc_base or aio_odoorpc_base.aio), or pass a "
        "synchronous client such as requests.Session or httpx.Client to "
        "aio_odoorpc_base.sync"
    )


def _generic_sync(call: Callable[[Any, Request, float | None], Any]) -> Sender:
    def send(client: Any, request: Request, timeout: float | None) -> Reply:
        try:
            resp = call(client, request, timeout)
        except Exception as exc:
            mapped = _generic_failure(request, client, exc)
            if mapped is exc:
                raise
            raise mapped from exc
        if inspect.isawaitable(resp):
            _close(resp)
            raise _sync_flavour_error(client)
        if isinstance(resp, Mapping) or not hasattr(resp, "json"):
            return Reply(None, data=resp)  # a callable that decoded the JSON itself
        try:
            data = resp.json()
        except (ValueError, RecursionError):
            return _generic_reply(resp, UNDECODED)
        if inspect.isawaitable(data):
            _close(data)
            raise _sync_flavour_error(client)
        return _generic_reply(resp, data)

    return send


def _generic_async(call: Callable[[Any, Request, float | None], Any]) -> AsyncSender:
    async def send(client: Any, request: Request, timeout: float | None) -> Reply:
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

    return send


def _close(awaitable: Any) -> None:
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()


def _call_post(client: Any, request: Request, timeout: float | None) -> Any:
    payload = request.plain_payload()
    if request.kind == "jsonrpc":
        return client.post(request.url, json=payload, **timeout_kw(timeout))
    # JSON-2 needs its headers (bearer key, database): post(url, json=, headers=)
    return client.post(request.url, json=payload, headers=request.headers, **timeout_kw(timeout))


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


def _call_poster(client: Any, request: Request, timeout: float | None) -> Any:
    if timeout is not None:
        raise TypeError(
            "timeout cannot be applied to a callable http_client: set the timeout inside "
            "the callable, or pass an HTTP client object (httpx, requests, aiohttp)"
        )
    payload_only = poster_arity(client) == 1
    if request.kind == "jsonrpc":
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


# --- choosing a sender ---------------------------------------------------------------

_WRONG_FOR_ASYNC = {
    ("aio_odoorpc_base", "BuiltinClient"): "BuiltinClient is synchronous; pass "
    "AsyncBuiltinClient, or use aio_odoorpc_base.sync",
    ("httpx", "Client"): "httpx.Client is synchronous; pass httpx.AsyncClient, or use "
    "aio_odoorpc_base.sync",
    (
        "requests",
        "Session",
    ): "requests.Session is synchronous; pass httpx.AsyncClient or "
    "aiohttp.ClientSession, or use aio_odoorpc_base.sync",
}
_WRONG_FOR_SYNC = {
    ("aio_odoorpc_base", "AsyncBuiltinClient"): "AsyncBuiltinClient is asynchronous; pass "
    "BuiltinClient, or use the async functions (aio_odoorpc_base or aio_odoorpc_base.aio)",
    (
        "httpx",
        "AsyncClient",
    ): "httpx.AsyncClient is asynchronous; pass httpx.Client, or "
    "use the async functions (aio_odoorpc_base or aio_odoorpc_base.aio)",
    ("aiohttp", "ClientSession"): "aiohttp.ClientSession is asynchronous; pass "
    "requests.Session or httpx.Client, or use the async functions (aio_odoorpc_base or "
    "aio_odoorpc_base.aio)",
}
_KNOWN_ASYNC: dict[tuple[str, str], Callable[[], AsyncSender]] = {
    ("httpx", "AsyncClient"): _make_httpx_async,
    ("aiohttp", "ClientSession"): _make_aiohttp,
    ("aio_odoorpc_base", "AsyncBuiltinClient"): _make_builtin_async,
}
_KNOWN_SYNC: dict[tuple[str, str], Callable[[], Sender]] = {
    ("httpx", "Client"): _make_httpx_sync,
    ("requests", "Session"): _make_requests,
    ("aio_odoorpc_base", "BuiltinClient"): _make_builtin,
}

_async_cache: dict[type, AsyncSender] = {}
_sync_cache: dict[type, Sender] = {}

_NOT_A_CLIENT = (
    "http_client must be an HTTP client with a post(url, json=...) method (httpx, requests, "
    "aiohttp) or a callable (payload) -> response or (url, payload) -> response; got {}"
)


def known(cls: type, table: Mapping[tuple[str, str], Any]) -> Any:
    for klass in cls.__mro__:
        key = (klass.__module__.partition(".")[0], klass.__name__)
        if key in table:
            return table[key]
    return None


def to_async_transport(client: Any) -> AsyncSender:
    """The async sender for ``client``; TypeError for a synchronous or unusable client."""
    cls = type(client)
    try:
        return _async_cache[cls]
    except KeyError:
        pass
    if wrong := known(cls, _WRONG_FOR_ASYNC):
        raise TypeError(wrong)
    if factory := known(cls, _KNOWN_ASYNC):
        sender: AsyncSender = factory()
    elif callable(getattr(cls, "post", None)):
        sender = _generic_async(_call_post)
    elif callable(client):
        sender = _generic_async(_call_poster)
    else:
        raise TypeError(_NOT_A_CLIENT.format(cls.__name__))
    _async_cache[cls] = sender
    return sender


def to_transport(client: Any) -> Sender:
    """The sync sender for ``client``; TypeError for an asynchronous or unusable client."""
    cls = type(client)
    try:
        return _sync_cache[cls]
    except KeyError:
        pass
    if wrong := known(cls, _WRONG_FOR_SYNC):
        raise TypeError(wrong)
    if factory := known(cls, _KNOWN_SYNC):
        sender: Sender = factory()
    elif callable(getattr(cls, "post", None)):
        if inspect.iscoroutinefunction(cls.post):
            raise _sync_flavour_error(client)
        sender = _generic_sync(_call_post)
    elif callable(client):
        if inspect.iscoroutinefunction(client):
            raise _sync_flavour_error(client)
        sender = _generic_sync(_call_poster)
    else:
        raise TypeError(_NOT_A_CLIENT.format(cls.__name__))
    _sync_cache[cls] = sender
    return sender
