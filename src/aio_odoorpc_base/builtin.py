"""The built-in HTTP client: the standard library only, made for Odoo's external API.

``BuiltinClient`` is what :class:`~aio_odoorpc_base.OdooRPC` uses when it is given no HTTP
client, and any function accepts it as ``http_client``. ``AsyncBuiltinClient`` is its
twin on asyncio (no threads), so the async API works with no dependency installed; it
runs on the program's loop, uvloop included.

- Keep-alive connections, pooled per host (thread safe): at most ``max_connections``
  (default 100) open to a host at once, idle or in use; a call beyond waits for a free
  one within its timeout (else ``ConnectTimeout``), so many threads or tasks neither open
  and close connections nor flood the server. A connection the server closed while idle
  is noticed before reuse and replaced.
- ``timeout`` is one deadline for the whole call (connect, send, wait, read): the time
  left is applied to every socket operation and checked between the chunks of the body.
- TLS through :mod:`ssl`, verified by default: ``verify=False``, a CA bundle path, or an
  :class:`ssl.SSLContext` of your own. The context is made on the first https call.
- No cookie jar (the external API needs none, and a ``session_id`` cookie next to
  ``X-Odoo-Database`` makes JSON-2 refuse the call) and no redirects followed.
- A proxy only when given (``proxy="http://proxy:3128"``; https goes through a CONNECT
  tunnel), or from the environment with ``trust_env=True``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._transport.socket_client import BuiltinClient, BuiltinResponse, ConnectFailed

if TYPE_CHECKING:  # asyncio loads only for the async client
    from ._transport.aio_client import AsyncBuiltinClient as AsyncBuiltinClient

__all__ = ["AsyncBuiltinClient", "BuiltinClient", "BuiltinResponse", "ConnectFailed"]


def __getattr__(name: str) -> Any:
    if name == "AsyncBuiltinClient":
        from ._transport.aio_client import AsyncBuiltinClient

        return AsyncBuiltinClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
