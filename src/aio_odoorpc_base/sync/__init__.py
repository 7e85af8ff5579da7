"""The sync API: the same names as the async one, generated from it.

Its submodules ``common``, ``db``, ``object`` and ``rpc`` are those of aio-odoorpc-base 3.0.4.
"""

from .._sync import *  # noqa: F403
from .._sync import __all__ as __all__
