"""Fast, typed access to Odoo's external API over JSON-RPC, async first.

``from aio_odoorpc_base import login, execute_kw`` gives the async functions (also in
``aio_odoorpc_base.aio``); ``aio_odoorpc_base.sync`` has the same names, synchronous.
Errors are in ``aio_odoorpc_base.errors``, types in ``aio_odoorpc_base.types`` and URL
and kwargs helpers in ``aio_odoorpc_base.helpers``.
"""

from . import errors, helpers, types
from ._async import *  # noqa: F403
from ._async import __all__ as _api
from ._calls import Retry
from ._version import __version__
from .errors import BulkError, OdooError

__all__ = [*_api, "BulkError", "OdooError", "Retry", "__version__", "errors", "helpers", "types"]
