"""The async API, spelled explicitly: ``from aio_odoorpc_base.aio import login``."""

from ._async import *  # noqa: F403
from ._async import __all__ as __all__
