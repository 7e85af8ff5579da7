"""Conversions of raw results into the documented return types (sans-IO)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ..errors import DatabaseError, ProtocolError

__all__ = ["about_pair", "dump_bytes", "pairs", "restore_data"]


def about_pair(result: Any) -> list[str]:
    """``[text, version]``, the list Odoo sends (and 3.0.4 returned)."""
    if not (isinstance(result, list | tuple) and len(result) == 2):
        raise ProtocolError(
            f"common.about(extended=True): expected [text, version], got "
            f"{type(result).__name__}"
        )
    return [str(result[0]), str(result[1])]


def dump_bytes(result: Any, db_name: str) -> bytes:
    """The archive from db.dump's base64 text. Odoo 11 sends "" for a database that does
    not exist (non-zip formats): that is an error, not an empty backup."""
    if not isinstance(result, str):
        raise ProtocolError(f"db.dump: expected base64 text, got {type(result).__name__}")
    if not result:
        raise DatabaseError(
            f"db.dump returned no data for database {db_name!r}: it probably does not "
            "exist (check db_exist or list_databases)",
            name="aio_odoorpc_base.EmptyDump",
        )
    try:
        return base64.b64decode(result, validate=True)
    except binascii.Error as exc:
        raise ProtocolError(f"db.dump: the result is not valid base64 ({exc})") from None


def restore_data(data: Any) -> str:
    """db.restore takes base64 text: encode bytes, check text."""
    if isinstance(data, bytes | bytearray | memoryview):
        return base64.b64encode(data).decode("ascii")
    if isinstance(data, str):
        try:
            base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError(
                "data must be the backup as bytes, or as base64 text; the str given is "
                "not valid base64"
            ) from None
        return data
    raise TypeError(f"data must be bytes or base64 str, got {type(data).__name__}")


def pairs(result: Any, what: str) -> list[list[str]]:
    """``[[code, name], ...]`` as Odoo sends it (and 3.0.4 returned), each pair checked."""
    if not isinstance(result, list):
        raise ProtocolError(f"{what}: expected a list, got {type(result).__name__}")
    out = []
    for item in result:
        if not (isinstance(item, list | tuple) and len(item) == 2):
            raise ProtocolError(f"{what}: expected [code, name] pairs, got {item!r:.60}")
        out.append([str(item[0]), str(item[1])])
    return out
