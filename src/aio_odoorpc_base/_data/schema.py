"""Typed columns for an export, from ``fields_get``; no I/O.

Odoo answers ``False`` for an empty value of most field types; here it becomes ``None``
(a boolean field keeps ``False``). A many2one gives two columns, its id (``partner_id``)
and its display name (``partner_id_name``); many2many and one2many give a list of ids;
``date`` a :class:`datetime.date`; ``datetime`` a UTC :class:`datetime.datetime`;
``selection`` its key; ``binary`` (left out unless asked for) the decoded bytes. The
schema is made once per export, so every batch has the same columns, even one where a
field has no value at all.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ExportError

__all__ = ["Column", "Schema"]

# Odoo field type -> column kind
_KINDS = {
    "boolean": "bool",
    "integer": "int",
    "many2one_reference": "int",
    "float": "float",
    "monetary": "float",
    "char": "str",
    "text": "str",
    "html": "str",
    "selection": "str",
    "reference": "str",
    "date": "date",
    "datetime": "datetime",
    "many2one": "id",
    "many2many": "ids",
    "one2many": "ids",
    "binary": "bytes",
    "image": "bytes",
    "json": "json",
    "properties": "json",
    "properties_definition": "json",
}
_UTC = dt.timezone.utc
NAME_SUFFIX = "_name"  # the display-name column of a many2one


@dataclass(frozen=True)
class Column:
    """One output column: ``name``, the Odoo ``field`` it comes from, its ``kind``
    (bool, int, float, str, date, datetime, id, name, ids, bytes, json)."""

    name: str
    field: str
    kind: str


class Schema:
    """The columns of one export, in order: ``id`` first, then the fields as asked."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self.fields = list(dict.fromkeys(c.field for c in self.columns))

    def __repr__(self) -> str:
        return f"<Schema {', '.join(f'{c.name}:{c.kind}' for c in self.columns)}>"

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @classmethod
    def from_fields_get(
        cls,
        model: str,
        described: Mapping[str, Mapping[str, Any]],
        fields: Sequence[str] | None = None,
        *,
        binary: bool = False,
    ) -> Schema:
        """``described`` is ``fields_get()``'s answer. ``fields`` None: every stored
        field (binary ones only with ``binary=True``); named fields must exist."""
        if fields is None:
            chosen = [
                name
                for name, spec in described.items()
                if spec.get("store", True)
                and spec.get("type") in _KINDS
                and (binary or _KINDS[str(spec.get("type"))] != "bytes")
            ]
        else:
            unknown = [f for f in fields if f not in described]
            if unknown:
                raise ExportError(
                    f"{model} has no field {', '.join(map(repr, unknown))}; "
                    f"see its fields with fields_get() (or 'aio-odoo call {model} fields_get')"
                )
            chosen = list(dict.fromkeys(fields))
        columns = [Column("id", "id", "int")]
        for name in chosen:
            if name == "id":
                continue
            kind = _KINDS.get(str(described[name].get("type")), "json")
            if kind == "id":
                columns.append(Column(name, name, "id"))
                columns.append(Column(name + NAME_SUFFIX, name, "name"))
            else:
                columns.append(Column(name, name, kind))
        names = [c.name for c in columns]
        clash = sorted({n for n in names if names.count(n) > 1})
        if clash:
            raise ExportError(
                f"{model}: the columns {clash} would appear twice (a many2one's "
                f"'{NAME_SUFFIX}' column has the name of another field); leave one out"
            )
        return cls(columns)

    def rows(self, records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """The records as typed rows (one dict per record, the schema's columns)."""
        plan = [(c.name, c.field, _TO_PYTHON[c.kind]) for c in self.columns]
        return [{name: conv(r.get(field)) for name, field, conv in plan} for r in records]

    def raw(self, records: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
        """Field -> its values as Odoo sent them, one list per field read."""
        return {field: [r.get(field) for r in records] for field in self.fields}

    def columns_of(self, records: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
        """Column name -> values, for the columnar writers: as :meth:`rows` gives them,
        except that dates and datetimes stay Odoo's text (converted in bulk by Arrow)."""
        raw = self.raw(records)
        out: dict[str, list[Any]] = {}
        for c in self.columns:
            values = raw[c.field]
            if c.kind in _PLAIN:
                out[c.name] = [None if v is False else v for v in values]
            elif c.kind == "id":
                out[c.name] = [v[0] if v else None for v in values]
            elif c.kind == "name":
                out[c.name] = [v[1] if v else None for v in values]
            elif c.kind == "ids":
                out[c.name] = [v or [] for v in values]
            else:
                out[c.name] = list(map(_TO_PYTHON[c.kind], values))
        return out


_PLAIN = frozenset({"int", "float", "str", "date", "datetime"})  # False -> None, else as is


def _none(value: Any) -> Any:
    return None if value is False or value is None else value


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _datetime(value: Any) -> dt.datetime | None:
    if not value:
        return None
    return dt.datetime.fromisoformat(value).replace(tzinfo=_UTC)


def _m2o_id(value: Any) -> int | None:
    return value[0] if value else None


def _m2o_name(value: Any) -> str | None:
    return value[1] if value else None


def _ids(value: Any) -> list[int]:
    return list(value) if value else []


def _bytes(value: Any) -> bytes | None:
    return base64.b64decode(value) if value else None


def _json(value: Any) -> str | None:
    return None if value is False or value is None else json.dumps(value, sort_keys=True)


_TO_PYTHON = {
    "bool": _bool,
    "int": _none,
    "float": _none,
    "str": _none,
    "date": _date,
    "datetime": _datetime,
    "id": _m2o_id,
    "name": _m2o_name,
    "ids": _ids,
    "bytes": _bytes,
    "json": _json,
}
