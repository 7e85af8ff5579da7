"""Fast, typed access to Odoo's external API over JSON-RPC, async first.

``from aio_odoorpc_base import login, execute_kw`` gives the async functions (also in
``aio_odoorpc_base.aio``); ``aio_odoorpc_base.sync`` has the same names, synchronous.
Errors are in ``aio_odoorpc_base.errors``, types in ``aio_odoorpc_base.types`` (3.0.4's
names in ``aio_odoorpc_base.protocols``) and URL and kwargs helpers in
``aio_odoorpc_base.helpers``.

The async API is loaded on first use, so a program that only uses
``aio_odoorpc_base.sync`` does not pay for it.
"""

import importlib
from typing import TYPE_CHECKING, Any

from . import errors as errors, helpers as helpers, protocols as protocols, types as types
from ._version import __version__ as __version__
from .errors import BulkError as BulkError, OdooError as OdooError
from .helpers import (
    build_odoo_jsonrpc_endpoint_url as build_odoo_jsonrpc_endpoint_url,
    execute_kwargs as execute_kwargs,
    odoo_base_url2jsonrpc_endpoint as odoo_base_url2jsonrpc_endpoint,
)

if TYPE_CHECKING:
    from ._async import *  # noqa: F403
    from ._client.calls import Retry as Retry

_OWN = [
    "BulkError",
    "OdooError",
    "Retry",
    "__version__",
    "build_odoo_jsonrpc_endpoint_url",
    "errors",
    "execute_kwargs",
    "helpers",
    "odoo_base_url2jsonrpc_endpoint",
    "protocols",
    "types",
]


def __getattr__(name: str) -> Any:
    if name == "Retry":
        from ._client.calls import Retry

        return Retry
    if name.startswith("_") and name != "__all__":  # submodules being imported, dunders
        raise AttributeError(f"module 'aio_odoorpc_base' has no attribute {name!r}")
    _async = importlib.import_module("aio_odoorpc_base._async")
    if name == "__all__":
        return [*_async.__all__, *_OWN]
    if name in _async.__all__:
        value = getattr(_async, name)
        globals()[name] = value  # found directly next time
        return value
    raise AttributeError(f"module 'aio_odoorpc_base' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__")})
