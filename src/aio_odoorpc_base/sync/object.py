"""The ``object`` service, sync (the module path of aio-odoorpc-base 3.0.4)."""

from .._sync.object import *  # noqa: F403
from .._sync.object import __all__ as __all__
from ..protocols import T_HttpClient as T_HttpClient  # as in 3.0.4
