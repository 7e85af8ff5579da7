"""Odoo domains and orders over plain records, as the fake Odoo evaluates them.

A domain is a list of conditions ``[field, operator, value]`` and the prefix operators
``"&"``, ``"|"`` and ``"!"``; conditions side by side are joined with ``"&"``. Unset
values (``False``/``None``) behave like SQL NULL, as in Odoo: they match ``= False``,
``not in``, and ``!= value`` and ``not like`` from Odoo 12 on (Odoo 11 left them out, as
SQL does), and no ordering comparison.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cmp_to_key
from typing import Any

__all__ = ["DomainError", "matcher", "sort"]

Record = Mapping[str, Any]
Test = Callable[[Record], bool]

OPERATORS = frozenset(
    {
        "=",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "in",
        "not in",
        "like",
        "not like",
        "ilike",
        "not ilike",
        "=like",
        "=ilike",
    }  # fmt: skip
)


class DomainError(ValueError):
    """A domain or order Odoo would refuse; ``field`` names an unknown field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _unset(value: Any) -> bool:
    return value is None or value is False


def _key(value: Any) -> Any:
    """A many2one as stored ([id, name] when read) compares by id."""
    return value[0] if isinstance(value, list | tuple) and len(value) == 2 else value


def _like(pattern: str, *, anchored: bool, fold: bool) -> re.Pattern[str]:
    if anchored:  # =like: the value is the SQL pattern itself
        body = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    else:
        body = ".*" + re.escape(pattern) + ".*"
    return re.compile(body, re.DOTALL | (re.IGNORECASE if fold else 0))


def _condition(leaf: Sequence[Any], fields: Collection[str], model: str, nulls: bool) -> Test:
    name, op, value = leaf
    if not isinstance(op, str) or op.lower() not in OPERATORS:
        if op in ("child_of", "parent_of", "any", "not any"):
            raise DomainError(f"the fake Odoo does not evaluate the operator {op!r} in {leaf!r}")
        raise DomainError(f"Invalid operator in condition {tuple(leaf)!r}")
    op = op.lower()
    if not isinstance(name, str) or (name not in fields and name != "id"):
        if isinstance(name, str) and "." in name:
            raise DomainError(f"the fake Odoo does not follow paths such as {name!r}")
        raise DomainError(
            f"Invalid field {model}.{name} in condition {tuple(leaf)!r}", field=str(name)
        )

    def get(record: Record) -> Any:
        return _key(record.get(name, False))

    if op in ("in", "not in"):
        values = list(value) if isinstance(value, list | tuple) else [value]
        wants_unset = any(_unset(v) for v in values)
        members = {v for v in values if not _unset(v)}

        def inside(record: Record) -> bool:
            got = get(record)
            return wants_unset if _unset(got) else got in members

        if op == "in":
            return inside
        return lambda record: not inside(record)  # with unset values, in every version
    if op in ("=", "!="):
        if _unset(value):
            return (
                (lambda record: _unset(get(record)))
                if op == "="
                else (lambda record: not _unset(get(record)))
            )
        value = _key(value)
        if op == "=":
            return lambda record: get(record) == value
        return lambda record: (nulls if _unset(get(record)) else get(record) != value)
    if op.endswith("like"):
        if _unset(value):
            raise DomainError(f"the fake Odoo needs a text value in {tuple(leaf)!r}")
        pattern = _like(str(value), anchored=op.startswith("="), fold="ilike" in op)
        negated = op.startswith("not")

        def like(record: Record) -> bool:
            got = get(record)
            if _unset(got):
                return negated and nulls
            found = pattern.fullmatch(str(got)) is not None
            return found != negated

        return like

    def compare(record: Record) -> bool:
        got = get(record)
        if _unset(got) or _unset(value):
            return False
        try:
            if op == "<":
                return bool(got < value)
            if op == "<=":
                return bool(got <= value)
            if op == ">":
                return bool(got > value)
            return bool(got >= value)
        except TypeError:
            return False

    return compare


def matcher(domain: Any, fields: Collection[str], model: str, nulls: bool = True) -> Test:
    """The test for one record, or DomainError for a domain Odoo would refuse. ``nulls``:
    the negative operators match unset values (Odoo 12 and later)."""
    if not isinstance(domain, list | tuple):
        raise DomainError(
            "Domains to normalize must have a 'domain' form: a list or tuple of domain "
            "components"
        )
    items = list(domain)
    pos = 0

    def term() -> Test:
        nonlocal pos
        if pos >= len(items):
            raise DomainError(f"Domain {domain!r} is syntactically not correct.")
        item = items[pos]
        pos += 1
        if item == "!":
            inner = term()
            return lambda record: not inner(record)
        if item in ("&", "|"):
            left, right = term(), term()
            if item == "&":
                return lambda record: left(record) and right(record)
            return lambda record: left(record) or right(record)
        if isinstance(item, bool):
            return lambda record: item
        if isinstance(item, list | tuple) and len(item) == 3:
            if list(item) in ([1, "=", 1], [0, "=", 1]):  # TRUE_LEAF, FALSE_LEAF
                return (lambda record: True) if item[0] else (lambda record: False)
            return _condition(item, fields, model, nulls)
        raise DomainError(f"Invalid leaf {item!r}")

    tests = []
    while pos < len(items):
        tests.append(term())
    return lambda record: all(test(record) for test in tests)


def sort(
    records: list[Record], order: str | None, default: str, fields: Collection[str], model: str
) -> list[Record]:
    """``records`` in Odoo's ``order`` ("name desc, id"); NULLs last ascending, first
    descending, as PostgreSQL sorts them; text by code point (the "C" collation); ``id``
    breaks ties."""
    spec: list[tuple[str, bool]] = []
    for part in (order or default).split(","):
        words = part.split()
        if not words:
            continue
        direction = words[1].lower() if len(words) > 1 else "asc"
        if len(words) > 2 or direction not in ("asc", "desc"):
            raise DomainError(f"Invalid order {order!r}")
        name = words[0]
        if name != "id" and name not in fields:
            raise DomainError(f"Invalid field {name!r} on model {model!r}", field=name)
        spec.append((name, direction == "desc"))
    if not any(name == "id" for name, _ in spec):
        spec.append(("id", False))

    def compare(a: Record, b: Record) -> int:
        for name, desc in spec:
            x, y = _key(a.get(name, False)), _key(b.get(name, False))
            if _unset(x) and _unset(y):
                continue
            if _unset(x) or _unset(y):  # NULLS LAST ascending, NULLS FIRST descending
                return (1 if _unset(x) else -1) * (-1 if desc else 1)
            if x == y:
                continue
            try:
                smaller = x < y
            except TypeError:
                smaller = str(x) < str(y)
            return (-1 if smaller else 1) * (-1 if desc else 1)
        return 0

    return sorted(records, key=cmp_to_key(compare))
