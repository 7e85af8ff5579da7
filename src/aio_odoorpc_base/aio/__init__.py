"""The async API, spelled explicitly: ``from aio_odoorpc_base.aio import login``.

Its submodules ``common``, ``db``, ``object`` and ``rpc`` are those of aio-odoorpc-base 3.0.4.
"""

from .._async import *  # noqa: F403
from .._async import __all__ as __all__
