"""Fast, typed access to Odoo's external API over JSON-RPC, async first.

``from aio_odoorpc_base import login, execute_kw`` gives the async functions (also in
``aio_odoorpc_base.aio``); ``aio_odoorpc_base.sync`` has the same names, synchronous.
Errors are in ``aio_odoorpc_base.errors``, types in ``aio_odoorpc_base.types`` (3.0.4's
names in ``aio_odoorpc_base.protocols``) and URL and kwargs helpers in
``aio_odoorpc_base.helpers``.
"""

from . import errors, helpers, protocols, types
from ._async import *  # noqa: F403
from ._async import __all__ as _api
from ._calls import Retry
from ._version import __version__
from .errors import BulkError, OdooError
from .helpers import build_odoo_jsonrpc_endpoint_url, execute_kwargs, odoo_base_url2jsonrpc_endpoint

__all__ = [
    *_api,
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
