"""The sync API: the same names as the async one, generated from it."""

from ._sync import *  # noqa: F403
from ._sync import __all__ as __all__
