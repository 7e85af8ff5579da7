"""Argument checks run before anything is sent. Messages name the argument and the
expected type, never the value (it may be a password)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "need_bool",
    "need_int",
    "need_list",
    "need_mapping",
    "need_name",
    "need_str",
]


def _type_error(name: str, expected: str, value: Any) -> TypeError:
    return TypeError(f"{name} must be {expected}, got {type(value).__name__}")


def need_str(name: str, value: Any) -> str:
    if type(value) is str:  # the common case, checked first: every call runs these
        return value
    if not isinstance(value, str):
        raise _type_error(name, "a str", value)
    return value


def need_name(name: str, value: Any) -> str:
    """A non-empty str: database, model, method or login names."""
    if type(value) is str and value:
        return value
    if not need_str(name, value):
        raise ValueError(f"{name} must not be empty")
    return value  # type: ignore[no-any-return]


def need_header(name: str, value: Any) -> str:
    """A non-empty str that can travel in an HTTP header: printable ASCII, no spaces
    (API keys; a database name sent as X-Odoo-Database). Its value is never shown."""
    if not need_name(name, value).isascii() or not value.isprintable() or " " in value:
        raise ValueError(
            f"{name} can only hold printable ASCII characters without spaces (it is sent "
            "in an HTTP header): check that it was copied whole and nothing else with it"
        )
    return value  # type: ignore[no-any-return]


def need_int(name: str, value: Any) -> int:
    if type(value) is int:
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise _type_error(name, "an int", value)
    return value


def need_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _type_error(name, "a bool", value)
    return value


def need_list(name: str, value: Any, hint: str = "") -> list[Any]:
    if type(value) is list or type(value) is tuple:
        return list(value)
    if isinstance(value, Mapping | str | bytes) or not isinstance(value, Sequence):
        raise _type_error(name, "a list" + hint, value)
    return list(value)


def need_mapping(name: str, value: Any) -> Mapping[str, Any]:
    if type(value) is dict:
        return value
    if not isinstance(value, Mapping):
        raise _type_error(name, "a dict", value)
    return value
