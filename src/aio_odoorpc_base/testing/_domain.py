"""Odoo domains and orders over plain records, as the fake Odoo evaluates them.

A domain is a list of conditions ``[field, operator, value]`` and the prefix operators
``"&"``, ``"|"`` and ``"!"``; conditions side by side are joined with ``"&"``. Unset
values (``False``/``None``) behave like SQL NULL, as in Odoo: they match ``= False``,
``not in``, and ``!= value`` and ``not like`` from Odoo 12 on (Odoo 11 left them out, as
SQL does), and no ordering comparison. A boolean's ``False`` is a value, not NULL.
``like``/``ilike`` values are SQL patterns inside ``%...%`` (``%`` and ``_`` are
wildcards, as Odoo sends them unescaped). What the fake does not model (paths,
``child_of``, a relational field matched by name, ...) raises :class:`Unsupported`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cmp_to_key
from typing import Any

__all__ = ["DomainError", "Unsupported", "matcher", "sort"]

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
        "=?",
    }  # fmt: skip
)
_RELATIONAL = ("many2one", "one2many", "many2many")
_TEXTS = ("char", "text", "html", "selection")
# a type's empty value, which 19 compares an unset value as
_FALSY: dict[str, Any] = {**dict.fromkeys(_TEXTS, ""), "integer": 0, "float": 0.0,
                          "monetary": 0.0}  # fmt: skip
_X2MANY = ("one2many", "many2many")


class DomainError(ValueError):
    """A domain or order Odoo would refuse; ``field`` names an unknown field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Unsupported(Exception):
    """Something Odoo would answer that the fake does not model: it refuses instead of
    answering differently. The message says what."""


def _unset(value: Any) -> bool:
    return value is None or value is False


def _key(value: Any) -> Any:
    """A many2one as stored ([id, name] when read) compares by id."""
    return value[0] if isinstance(value, list | tuple) and len(value) == 2 else value


def _like(pattern: str, *, anchored: bool, fold: bool) -> re.Pattern[str]:
    """A SQL LIKE pattern as a regex (``\\`` escapes the next character, as in
    PostgreSQL); ``like``/``ilike`` wrap the value in ``%`` without escaping it."""
    if not anchored:
        pattern = f"%{pattern}%"
    out, chars = [], iter(pattern)
    for c in chars:
        if c == "\\":
            out.append(re.escape(next(chars, "\\")))
        else:
            out.append(".*" if c == "%" else "." if c == "_" else re.escape(c))
    return re.compile("".join(out), re.DOTALL | (re.IGNORECASE if fold else 0))


def _condition(leaf: Sequence[Any], types: Mapping[str, str], model: str, major: int) -> Test:
    name, op, value = leaf
    nulls = major >= 12  # the negative operators match unset values
    if not isinstance(op, str) or op.lower() not in OPERATORS:
        if op in ("child_of", "parent_of", "any", "not any"):
            raise Unsupported(f"the operator {op!r} (in {list(leaf)!r})")
        raise DomainError(f"Invalid operator in condition {tuple(leaf)!r}")
    op = op.lower()
    if not isinstance(name, str) or (name not in types and name != "id"):
        if isinstance(name, str) and "." in name and name.partition(".")[0] in types:
            raise Unsupported(f"a path through a relational field ({name!r})")
        raise DomainError(
            f"Invalid field {model}.{name} in condition {tuple(leaf)!r}", field=str(name)
        )
    kind = types.get(name, "integer")
    if op == "=?":  # unset: no condition at all; else "="
        if _unset(value):
            return lambda record: True
        op = "="
    if major >= 18 and kind in _TEXTS and op in ("=", "!=", "in", "not in"):
        # 18+: "" is "no value" (18 and 19 answer = "" with the rows without one)
        if value == "":
            value = False
        elif isinstance(value, list | tuple):
            value = [False if v == "" else v for v in value]
    if kind in _RELATIONAL:
        _check_relational(leaf, op, value, kind)
    if kind in _X2MANY:
        if value is None and major < 19 and op in ("=", "!="):
            if op == "=":  # before 19: no record (seen on 11, 17, 18)
                return lambda record: False
            raise Unsupported(f"'!=' None on the x2many field {name!r} before 19")
        return _x2many(name, op, value)
    if kind == "boolean":
        return _boolean(
            name, op, value, leaf, legacy=major < 12, not_none=major < 19,
            lists_skip_none=12 <= major < 18,
        )  # fmt: skip

    def get(record: Record) -> Any:
        return _key(record.get(name, False))

    if op in ("in", "not in"):
        values = list(value) if isinstance(value, list | tuple) else [value]
        if major < 12:
            return _legacy_in(op, values, get)
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
        # 12-17 add "OR IS NULL" only for a value that is true ("" and 0 are not)
        with_nulls = nulls and (bool(value) or major >= 18)
        return lambda record: (with_nulls if _unset(get(record)) else get(record) != value)
    if op.endswith("like"):
        if _unset(value) or value == "":
            return _empty_like(leaf, op, value, major, get)
        pattern = _like(str(value), anchored=op.startswith("="), fold="ilike" in op)
        negated = op.startswith("not")

        def like(record: Record) -> bool:
            got = get(record)
            if _unset(got):
                return negated and nulls
            found = pattern.fullmatch(str(got)) is not None
            return found != negated

        return like

    falsy = _FALSY.get(kind)  # 19: an unset value compares as its type's empty value
    if major >= 19 and _unset(value):
        if falsy is None:
            raise Unsupported(f"comparing the {kind} field {name!r} with {value!r} on Odoo 19+")
        value = falsy

    def compare(record: Record) -> bool:
        got = get(record)
        if _unset(got) and major >= 19:
            if falsy is None:
                raise Unsupported(f"comparing unset values of the {kind} field {name!r}")
            got = falsy
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


def _legacy_in(op: str, values: list[Any], get: Callable[[Record], Any]) -> Test:
    """Odoo 11's SQL for ``in``/``not in`` lists: values equal to False (0 too) are taken
    out and stand for NULL; None stays in the list, where SQL matches nothing with it."""
    check_null = any(v == False for v in values if v is not None)  # noqa: E712
    params = [v for v in values if v is None or v != False]  # noqa: E712
    has_none = any(v is None for v in params)
    members = {v for v in params if v is not None}

    if op == "in":
        return lambda r: (get(r) in members) if not _unset(get(r)) else check_null

    def not_in(record: Record) -> bool:
        got = get(record)
        if _unset(got):
            return not check_null  # "OR col IS NULL" unless False was in the list
        return not has_none and (not params or got not in members)

    return not_in


def _empty_like(
    leaf: Sequence[Any],
    op: str,
    value: Any,
    major: int,
    get: Callable[[Record], Any],
    negated: bool = False,
) -> Test:
    """LIKE with an unset or empty value, as each version answers it (seen on the real
    11, 17, 18 and 19; 12-16 follow 17, unverified). ``negated``: under ``!``, which
    only ``=like``/``=ilike`` reach here (the others become ``not like``)."""
    unset = _unset(value)
    if negated:
        if major >= 19 or (major == 18 and not unset):  # NOT IS NULL
            return lambda record: not _unset(get(record))
        if unset:  # NOT (LIKE NULL [OR IS NULL]): nothing
            return lambda record: False
        return lambda record: not _unset(get(record)) and get(record) != ""  # SQL NOT
    if op.startswith("="):  # =like, =ilike: no wildcards added
        if major >= 18:  # the rows without a value (unset and "" alike)
            return lambda record: _unset(get(record))
        if unset:  # LIKE NULL: nothing
            return lambda record: False
        return lambda record: get(record) == ""
    if unset and major < 12:
        raise Unsupported(f"{op} with {value!r} (Odoo 11 searches the text {str(value)!r})")
    if not op.startswith("not"):
        return lambda record: True  # every row, those without a value too
    if major >= 18:
        return lambda record: False
    return lambda record: _unset(get(record))  # only the rows without a value


def _check_relational(leaf: Sequence[Any], op: str, value: Any, kind: str) -> None:
    """Ids (or unset) only: Odoo matches text against the comodel's names (a name_search),
    which the fake does not model."""
    values = value if isinstance(value, list | tuple) and op in ("in", "not in") else [value]
    if kind == "many2one" and op == "=" and isinstance(value, list | tuple) and len(value) == 2:
        values = [value[0]]  # a read many2one pair
    for item in values:
        if isinstance(item, bool) or item is None:
            continue
        if not isinstance(item, int) or op.endswith("like") or op in ("<", "<=", ">", ">="):
            raise Unsupported(f"a {kind} field matched by name or compared ({list(leaf)!r})")


def _x2many(name: str, op: str, value: Any) -> Test:
    """one2many/many2many: ``in``/``=`` any of the ids, ``not in``/``!=`` none of them;
    ``= False`` no link at all, ``!= False`` some link."""

    def links(record: Record) -> set[int]:
        got = record.get(name) or []
        return set(got) if isinstance(got, list | tuple) else set()

    if _unset(value) and op in ("=", "!="):
        return (lambda r: not links(r)) if op == "=" else (lambda r: bool(links(r)))
    if op not in ("=", "!=", "in", "not in"):
        raise Unsupported(f"the operator {op!r} on a one2many or many2many field ({name!r})")
    wanted = set(value) if isinstance(value, list | tuple) else {value}
    if any(_unset(v) for v in wanted):
        raise Unsupported(f"False among the ids of {op!r} on the x2many field {name!r}")
    if op in ("=", "in"):
        return lambda r: bool(links(r) & wanted)
    return lambda r: not (links(r) & wanted)


def _boolean(
    name: str,
    op: str,
    value: Any,
    leaf: Sequence[Any],
    legacy: bool,
    not_none: bool,
    lists_skip_none: bool,
) -> Test:
    """A boolean, stored true or false by the ORM (never NULL): ``= False`` and ``!=
    True`` match false; ``!=``/``not in`` compare the truth value. ``legacy`` (Odoo 11):
    ``False`` in an ``in``/``not in`` list stands for NULL, so it matches no record, and
    ``None`` for false. ``not_none`` (before 19): ``= None`` is ``IS NULL``, which no
    boolean matches; ``lists_skip_none`` (12-17): a list leaves ``None`` out. 18 and 19
    take ``None`` in a list as ``False``, and 19 everywhere."""
    if op not in ("=", "!=", "in", "not in"):
        raise Unsupported(f"the operator {op!r} on the boolean field {name!r}")
    values = list(value) if isinstance(value, list | tuple) else [value]
    if not all(isinstance(v, bool) or v is None or v in (0, 1) for v in values):
        raise Unsupported(f"a boolean field compared with {value!r} ({list(leaf)!r})")
    if not_none and op in ("=", "!=") and value is None:  # IS NULL / IS NOT NULL
        return (lambda record: False) if op == "=" else (lambda record: True)
    if op in ("in", "not in") and legacy:  # 11: False means NULL, None the value false
        truths = {bool(v) for v in values if v is None or v != False}  # noqa: E712
    elif op in ("in", "not in") and lists_skip_none:  # 12-17: None is left out
        truths = {t for t in (True, False) if t in values}
    else:
        truths = {bool(v) for v in values}

    def inside(record: Record) -> bool:
        return bool(record.get(name)) in truths

    if op in ("=", "in"):
        return inside
    return lambda r: not inside(r)


def _mixed_empties(items: list[Any]) -> None:
    """19's optimizer merges the conditions on one field as sets of values, in which
    False, None and "" differ, before each means "no value": a field given two of them
    gets an answer the fake does not model."""
    empties: dict[str, set[str]] = {}
    for item in items:
        if isinstance(item, list | tuple) and len(item) == 3 and item[1] in (
            "=", "!=", "in", "not in"
        ):  # fmt: skip
            listed = isinstance(item[2], list | tuple)
            for v in item[2] if listed else [item[2]]:
                if v is None or v is False or v == "":
                    # "= None" is made "= False" first; a list keeps its None
                    kind = False if (v is None and not listed) else v
                    empties.setdefault(str(item[0]), set()).add(repr(kind))
    for name, kinds in empties.items():
        if len(kinds) > 1:
            raise Unsupported(f"{' and '.join(sorted(kinds))} together on {name!r} on Odoo 19+")


NEGATION = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "=": "!=", "!=": "=", "in": "not in",
            "not in": "in", "like": "not like", "not like": "like", "ilike": "not ilike",
            "not ilike": "ilike"}  # fmt: skip


def matcher(domain: Any, types: Mapping[str, str], model: str, major: int = 19) -> Test:
    """The test for one record, or DomainError for a domain Odoo would refuse, or
    Unsupported. ``types``: field name -> Odoo type; ``major``: the Odoo version (from
    12 the negative operators match unset values).

    ``!`` is pushed down to the conditions, as Odoo does: an operator with a negation
    becomes it (``=`` -> ``!=``, with its unset-value rule); one without (``=like``,
    ``=ilike``, and ``=?`` before 18, when 18 turns it into ``=`` first) is negated in
    SQL, where a row whose value is NULL matches neither the condition nor its negation."""
    if not isinstance(domain, list | tuple):
        raise DomainError(
            "Domains to normalize must have a 'domain' form: a list or tuple of domain "
            "components"
        )
    items = list(domain)
    pos = 0
    if major >= 19:
        _mixed_empties(items)

    def leaf(item: Sequence[Any], negated: bool) -> Test:
        if list(item) in ([1, "=", 1], [0, "=", 1]):  # TRUE_LEAF, FALSE_LEAF
            return (lambda record: True) if bool(item[0]) != negated else (lambda record: False)
        if not negated:
            return _condition(item, types, model, major)
        name, op, value = item
        if op == "=?" and major >= 18:
            if _unset(value):
                return lambda record: False  # not TRUE
            op = "="
        if isinstance(op, str) and op in NEGATION:
            return _condition([name, NEGATION[op], value], types, model, major)
        if op == "=?" and _unset(value):
            return lambda record: False  # NOT TRUE
        field = name if isinstance(name, str) else ""

        def get(record: Record) -> Any:
            return _key(record.get(field, False))

        if op in ("=like", "=ilike") and (_unset(value) or value == ""):
            return _empty_like(item, op, value, major, get, negated=True)
        test = _condition(item, types, model, major)
        if types.get(field) == "boolean" or (major >= 19 and op in ("=like", "=ilike")):
            # a boolean is never NULL; 19 negates =like with "OR IS NULL"
            return lambda record: not test(record)

        def sql_not(record: Record) -> bool:  # NOT NULL is NULL: no match
            return not _unset(get(record)) and not test(record)

        return sql_not

    def term(negated: bool = False) -> Test:
        nonlocal pos
        if pos >= len(items):
            raise DomainError(f"Domain {domain!r} is syntactically not correct.")
        item = items[pos]
        pos += 1
        if item == "!":
            return term(not negated)
        if item in ("&", "|"):
            left, right = term(negated), term(negated)
            if (item == "&") != negated:  # De Morgan under a negation
                return lambda record: left(record) and right(record)
            return lambda record: left(record) or right(record)
        if isinstance(item, bool):
            return lambda record: item != negated
        if isinstance(item, list | tuple) and len(item) == 3:
            return leaf(item, negated)
        raise DomainError(f"Invalid leaf {item!r}")

    tests = []
    while pos < len(items):
        tests.append(term())
    return lambda record: all(test(record) for test in tests)


def sort(
    records: list[Record],
    order: str | None,
    default: str,
    types: Mapping[str, str],
    model: str,
    value: Callable[[Record, str], Any] | None = None,
) -> list[Record]:
    """``records`` in Odoo's ``order`` ("name desc, id"); NULLs last ascending, first
    descending, as PostgreSQL sorts them; text by code point (the "C" collation); ``id``
    breaks ties. Odoo orders a many2one by its comodel's ``_order``: refused. ``value``
    gives a field's value (computed ones included); by default the stored one."""
    get = value or (lambda record, name: record.get(name, False))
    spec: list[tuple[str, bool]] = []
    for part in (order or default).split(","):
        words = part.split()
        if not words:
            continue
        direction = words[1].lower() if len(words) > 1 else "asc"
        if len(words) > 2 or direction not in ("asc", "desc"):
            raise DomainError(f"Invalid order {order!r}")
        name = words[0]
        if name != "id" and name not in types:
            raise DomainError(f"Invalid field {name!r} on model {model!r}", field=name)
        if types.get(name) in _RELATIONAL:
            raise Unsupported(f"ordering by the relational field {name!r}")
        spec.append((name, direction == "desc"))
    if not any(name == "id" for name, _ in spec):
        spec.append(("id", False))

    def compare(a: Record, b: Record) -> int:
        for name, desc in spec:
            x, y = _key(get(a, name)), _key(get(b, name))
            if types.get(name) == "boolean":  # false is a value (the ORM stores no NULL)
                x, y = bool(x), bool(y)
            elif _unset(x) and _unset(y):
                continue
            elif _unset(x) or _unset(y):  # NULLS LAST ascending, NULLS FIRST descending
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
