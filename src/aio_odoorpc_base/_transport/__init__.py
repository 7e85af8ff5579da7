"""The transports: one module per HTTP library, chosen here once per client type.

``to_transport(client)`` / ``to_async_transport(client)`` give the sender for a client:
``send(client, request, timeout) -> Reply``. Known clients are recognised by module and
class name along the MRO, so no HTTP library is imported until such a client is passed.
Adding a library is one ``via_<name>.py`` with ``make_sync``/``make_async`` and one line
in ``_SYNC``/``_ASYNC``.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
from typing import Any

from . import via_generic
from .base import AsyncSender, Sender
from .via_generic import carries_its_url

__all__ = [
    "AsyncSender",
    "Sender",
    "carries_its_url",
    "client_base_url",
    "url_or_base",
    "streams",
    "to_async_transport",
    "to_transport",
]

_SYNC = {
    ("httpx", "Client"): "via_httpx",
    ("requests", "Session"): "via_requests",
    ("aio_odoorpc_base", "BuiltinClient"): "via_builtin",
}
_ASYNC = {
    ("httpx", "AsyncClient"): "via_httpx",
    ("aiohttp", "ClientSession"): "via_aiohttp",
    ("aio_odoorpc_base", "AsyncBuiltinClient"): "via_builtin",
}

_WRONG_FOR_ASYNC = {
    ("aio_odoorpc_base", "BuiltinClient"): "BuiltinClient is synchronous; pass "
    "AsyncBuiltinClient, or use aio_odoorpc_base.sync",
    ("httpx", "Client"): "httpx.Client is synchronous; pass httpx.AsyncClient, or use "
    "aio_odoorpc_base.sync",
    ("requests", "Session"): "requests.Session is synchronous; pass httpx.AsyncClient or "
    "aiohttp.ClientSession, or use aio_odoorpc_base.sync",
}
_WRONG_FOR_SYNC = {
    ("aio_odoorpc_base", "AsyncBuiltinClient"): "AsyncBuiltinClient is asynchronous; pass "
    "BuiltinClient, or use the async functions (aio_odoorpc_base or aio_odoorpc_base.aio)",
    ("httpx", "AsyncClient"): "httpx.AsyncClient is asynchronous; pass httpx.Client, or "
    "use the async functions (aio_odoorpc_base or aio_odoorpc_base.aio)",
    ("aiohttp", "ClientSession"): "aiohttp.ClientSession is asynchronous; pass "
    "requests.Session or httpx.Client, or use the async functions (aio_odoorpc_base or "
    "aio_odoorpc_base.aio)",
}
_NOT_A_CLIENT = (
    "http_client must be an HTTP client with a post(url, json=...) method (httpx, requests, "
    "aiohttp) or a callable (payload) -> response or (url, payload) -> response; got {}"
)

# the attribute that holds a client's base URL, for the clients that have the notion
_BASE_URL = {
    ("httpx", "Client"): "base_url",
    ("httpx", "AsyncClient"): "base_url",
    ("aiohttp", "ClientSession"): "_base_url",  # aiohttp 3.8+; no public name
}
NO_URL = (
    "url is missing: give the URL (such as 'https://odoo.example.com/jsonrpc'), or an HTTP "
    "client created with a base URL (httpx.Client(base_url=...), httpx.AsyncClient(base_url="
    "...), aiohttp.ClientSession(base_url=...)), which is then used"
)

_sync_cache: dict[type, Sender] = {}
_async_cache: dict[type, AsyncSender] = {}


def _known(cls: type, table: Mapping[tuple[str, str], Any]) -> Any:
    for klass in cls.__mro__:
        key = (klass.__module__.partition(".")[0], klass.__name__)
        if key in table:
            return table[key]
    return None


def _module(name: str) -> Any:
    return importlib.import_module(f"{__name__}.{name}")


def streams(client: Any) -> bool:
    """``client`` is one of the known clients, which can also post forms, stream files
    and send GET requests (the web routes); generic clients post JSON only."""
    cls = type(client)
    return _known(cls, _SYNC) is not None or _known(cls, _ASYNC) is not None


def client_base_url(client: Any) -> str:
    """The base URL ``client`` was created with ("" when it has none), without the trailing
    ``/`` httpx adds: ``url=''`` then means that URL, as in 3.0.4."""
    attr = _known(type(client), _BASE_URL)
    base = getattr(client, attr, None) if attr else None
    text = str(base) if base is not None else ""
    return text.rstrip("/")


def url_or_base(client: Any, url: str) -> str:
    """``url``, or else the client's base URL; ValueError when there is neither."""
    if url:
        return url
    if base := client_base_url(client):
        return base
    raise ValueError(NO_URL)


def to_async_transport(client: Any) -> AsyncSender:
    """The async sender for ``client``; TypeError for a synchronous or unusable client."""
    cls = type(client)
    try:
        return _async_cache[cls]
    except KeyError:
        pass
    if wrong := _known(cls, _WRONG_FOR_ASYNC):
        raise TypeError(wrong)
    if name := _known(cls, _ASYNC):
        sender: AsyncSender = _module(name).make_async()
    elif callable(getattr(cls, "post", None)):
        sender = via_generic.make_async(via_generic.call_post)
    elif callable(client):
        sender = via_generic.make_async(via_generic.call_poster)
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
    if wrong := _known(cls, _WRONG_FOR_SYNC):
        raise TypeError(wrong)
    if name := _known(cls, _SYNC):
        sender: Sender = _module(name).make_sync()
    elif callable(getattr(cls, "post", None)):
        if inspect.iscoroutinefunction(cls.post):
            raise via_generic.sync_flavour_error(client)
        sender = via_generic.make_sync(via_generic.call_post)
    elif callable(client):
        if inspect.iscoroutinefunction(client):
            raise via_generic.sync_flavour_error(client)
        sender = via_generic.make_sync(via_generic.call_poster)
    else:
        raise TypeError(_NOT_A_CLIENT.format(cls.__name__))
    _sync_cache[cls] = sender
    return sender
