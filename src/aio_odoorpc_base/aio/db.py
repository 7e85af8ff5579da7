"""The ``db`` service, async (the module path of aio-odoorpc-base 3.0.4)."""

from .._async.db import *  # noqa: F403
from .._async.db import __all__ as __all__
from ..protocols import T_AsyncHttpClient as T_AsyncHttpClient  # as in 3.0.4
