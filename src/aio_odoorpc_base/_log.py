"""The library's loggers, without importing :mod:`logging` until someone else has: a
program that never imports logging can have configured no handler, so nothing would be
shown anyway. ``aio_odoorpc_base`` logs calls at DEBUG (label, id, outcome class) and
``aio_odoorpc_base.client`` retries at WARNING; never arguments, results or secrets."""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["debug", "warning"]

_loggers: dict[str, Any] = {}


def _logger(name: str) -> Any:
    logger = _loggers.get(name)
    if logger is None:
        logging = sys.modules.get("logging")
        if logging is None:
            return None
        logger = _loggers[name] = logging.getLogger(name)
    return logger


def debug(message: str, *args: Any) -> None:
    logger = _loggers.get("aio_odoorpc_base") or _logger("aio_odoorpc_base")
    if logger is not None and logger.isEnabledFor(10):  # logging.DEBUG
        logger.debug(message, *args)


def warning(message: str, *args: Any) -> None:
    import logging  # a retry is worth the import

    logging.getLogger("aio_odoorpc_base.client").warning(message, *args)
