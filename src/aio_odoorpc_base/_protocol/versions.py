"""Which API a server version has: the one place the version rules live."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["has_db_service", "has_json2", "major_minor", "preferred_protocol"]

JSON2_SINCE = (18, 4)  # saas-18.4, so 19.0 and later
DB_SERVICE_UNTIL = (20, 0)  # the db service of /jsonrpc is gone in Odoo 20
NO_JSONRPC = (22, 0)  # what to assume when /jsonrpc does not answer (it goes in Odoo 22)


def major_minor(version_info: Sequence[Any]) -> tuple[int, ...]:
    """``(19, 0)`` for ``[19, 0, 0, "final", 0, ""]``; ``(18, 4)`` for saas-18.4."""
    return tuple(p for p in version_info[:2] if isinstance(p, int))


def has_json2(version: tuple[int, ...]) -> bool:
    return version >= JSON2_SINCE


def has_db_service(version: tuple[int, ...], jsonrpc: bool = True) -> bool:
    return jsonrpc and version < DB_SERVICE_UNTIL


def preferred_protocol(version: tuple[int, ...]) -> str:
    """What the client object speaks given an API key: JSON-2 where it exists."""
    return "json2" if has_json2(version) else "jsonrpc"
