"""An import's rows and its report; reading Odoo's ``load`` answer. No network I/O."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ExportError

__all__ = ["ImportReport", "RowResult", "as_cells", "row_errors"]

_LOADED = ("created", "updated", "loaded")


@dataclass
class RowResult:
    """One input row: its ``row`` number (from 0), ``status`` (``created``, ``updated``,
    ``loaded`` when an external id's record could not be looked up to tell which,
    ``failed``, or ``pending`` in an interrupted import), the record's ``id`` when loaded,
    and Odoo's ``messages`` for it (the reasons it was refused, or warnings)."""

    row: int
    status: str
    id: int | None
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Every row of an import, in input order."""

    fields: list[str]
    rows: list[RowResult] = field(default_factory=list)

    @property
    def loaded(self) -> list[RowResult]:
        return [r for r in self.rows if r.status in _LOADED]

    @property
    def failed(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "failed"]

    @property
    def ok(self) -> bool:
        return all(r.status in _LOADED for r in self.rows)

    @property
    def ids(self) -> list[int | None]:
        """Per row, the record's id (None where refused)."""
        return [r.id for r in self.rows]

    def __str__(self) -> str:
        counts = {s: sum(r.status == s for r in self.rows) for s in _LOADED}
        loaded = f", {counts['loaded']} loaded" if counts["loaded"] else ""
        return (
            f"{len(self.rows)} rows: {counts['created']} created, {counts['updated']} "
            f"updated{loaded}, {len(self.failed)} refused"
        )


def as_cells(row: Sequence[Any], width: int, number: int) -> list[str]:
    """A row as ``load`` takes it, text only: None is empty, True/False are 1/0, a list
    is comma-separated, a dict is JSON."""
    if isinstance(row, str | bytes) or not isinstance(row, Sequence):
        raise ExportError(f"row {number} is not a sequence of values: {row!r:.80}")
    if len(row) != width:
        raise ExportError(f"row {number} has {len(row)} values for {width} fields")
    return [_cell(v) for v in row]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def row_errors(answer: Any, rows: int) -> tuple[dict[int, list[str]], dict[int | None, list[str]]]:
    """From ``load``'s answer: the refused rows (index in the batch -> messages), and
    every message by row (None: a message that names no row)."""
    if not isinstance(answer, Mapping) or not isinstance(answer.get("messages"), list):
        raise ExportError(f"load answered {answer!r:.200}, not {{'ids': ..., 'messages': ...}}")
    refused: dict[int, list[str]] = {}
    notes: dict[int | None, list[str]] = {}
    for message in answer["messages"]:
        if not isinstance(message, Mapping):
            continue
        text = str(message.get("message", "")).strip()
        if message.get("field"):
            text = f"{message['field']}: {text}"
        named: list[int | None] = list(_rows_of(message, rows)) or [None]
        for n in named:
            notes.setdefault(n, []).append(text)
            if message.get("type") == "error" and n is not None:
                refused.setdefault(n, []).append(text)
    return refused, notes


def _rows_of(message: Mapping[str, Any], rows: int) -> list[int]:
    span = message.get("rows")
    start = span.get("from") if isinstance(span, Mapping) else None
    if isinstance(start, int) and isinstance(span, Mapping):
        end = span.get("to")
        last = end if isinstance(end, int) else start
        return [n for n in range(start, last + 1) if 0 <= n < rows]
    record = message.get("record")
    return [record] if isinstance(record, int) and 0 <= record < rows else []
