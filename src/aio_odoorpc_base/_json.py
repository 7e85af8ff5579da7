"""JSON encoding and decoding: orjson when installed, the standard library otherwise.

Both paths give the same bytes for the same value: dates become Odoo's
``"YYYY-MM-DD[ HH:MM:SS]"`` strings (UTC) and ``bytes`` become base64 text, which is what
Odoo expects for date and binary fields.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

__all__ = ["dumps", "loads"]


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, set | frozenset):
        return list(value)
    raise TypeError(
        f"Object of type {type(value).__name__} is not JSON serializable; "
        "Odoo takes str, int, float, bool, None, lists and dicts"
    )


_stdlib_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default)


def _std_dumps(value: Any) -> bytes:
    return _stdlib_encoder.encode(value).encode("utf-8")


def _std_loads(data: bytes) -> Any:
    return json.loads(data)


loads: Callable[[bytes], Any]

try:
    import orjson
except ImportError:  # pragma: no cover - exercised in the no-extras CI job
    dumps = _std_dumps
    loads = _std_loads
else:
    _OPTIONS = (
        orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
    )

    def dumps(value: Any) -> bytes:
        try:
            return orjson.dumps(value, default=_default, option=_OPTIONS)
        except TypeError:
            # integers beyond 64 bits and other values orjson refuses
            return _std_dumps(value)

    loads = orjson.loads  # no wrapper: one call less on every reply
