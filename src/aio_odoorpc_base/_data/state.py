"""What an export hands out and keeps: batches, the result, the incremental cursor and the
checkpoint of a resumable export. No network I/O."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ExportError
from .schema import Column, Schema

__all__ = ["Batch", "Checkpoint", "ExportProgress", "ExportResult", "cursor_after", "parse_since"]

_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?)?(Z|\+00:00)?$")
ODOO_FORMAT = "%Y-%m-%d %H:%M:%S"


def parse_since(since: object) -> str:
    """A cursor as Odoo writes ``write_date``: ``YYYY-MM-DD HH:MM:SS`` in UTC. Takes that,
    a date, ISO 8601 with ``T`` and ``Z``, or an aware datetime (converted to UTC)."""
    if isinstance(since, dt.datetime):
        if since.tzinfo is None:
            raise ExportError(
                "since= a naive datetime is ambiguous: give it a timezone (Odoo's "
                "write_date is UTC), or the text 'YYYY-MM-DD HH:MM:SS' in UTC"
            )
        return since.astimezone(dt.timezone.utc).strftime(ODOO_FORMAT)
    found = _STAMP.match(since.strip()) if isinstance(since, str) else None
    if not found:
        raise ExportError(
            f"since={since!r} is not a cursor: give the one the previous export returned, "
            "or a write_date as Odoo writes it, 'YYYY-MM-DD HH:MM:SS' in UTC"
        )
    return f"{found.group(1)} {found.group(2) or '00:00:00'}"


def cursor_after(latest: str | None, lag: float, since: str | None) -> str | None:
    """The next run's cursor: the newest ``write_date`` seen when this export started,
    minus ``lag`` seconds (a transaction that was running then has an older stamp and
    commits later: the next run takes it). Never before ``since``."""
    if not latest:
        return since
    start = dt.datetime.strptime(latest[:19], ODOO_FORMAT) - dt.timedelta(seconds=lag)
    cursor = start.strftime(ODOO_FORMAT)
    return max(cursor, since) if since else cursor


@dataclass
class Batch:
    """One page of an export: the ``records`` as Odoo sent them, in id order, and the
    ``schema`` that types them (:meth:`rows`, :meth:`to_arrow`)."""

    records: list[dict[str, Any]]
    schema: Schema

    def __len__(self) -> int:
        return len(self.records)

    @property
    def last_id(self) -> int:
        return int(self.records[-1]["id"]) if self.records else 0

    def rows(self) -> list[dict[str, Any]]:
        """Typed rows: None for empty values, dates and UTC datetimes, many2one split."""
        return self.schema.rows(self.records)

    def to_arrow(self) -> Any:
        """A ``pyarrow.RecordBatch`` (needs pyarrow)."""
        from .writers import to_arrow

        return to_arrow(self.schema, self.records)


@dataclass(frozen=True)
class ExportProgress:
    """Given to ``on_progress`` after each batch: ``rows`` so far, ``total`` expected
    (counted when the export started; None when not counted), ``elapsed`` seconds."""

    rows: int
    total: int | None
    elapsed: float

    @property
    def rate(self) -> float:
        return self.rows / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if self.total is None or not self.rows:
            return None
        return max(self.total - self.rows, 0) / self.rate if self.rate else None


@dataclass(frozen=True)
class ExportResult:
    """A finished export to a file: where, how many rows, and the ``cursor`` to give as
    ``since=`` next time for what changed after this run."""

    path: Path
    format: str
    rows: int
    cursor: str | None
    seconds: float
    resumed: bool = False


@dataclass
class Checkpoint:
    """Where a resumable export stands: written after every batch (under a temporary
    name, then renamed), removed when the export completes."""

    model: str
    domain: list[Any]
    format: str
    since: str | None
    cursor: str | None
    columns: list[list[str]]
    last_id: int = 0
    writer: dict[str, Any] = field(default_factory=dict)

    def schema(self) -> Schema:
        return Schema([Column(*c) for c in self.columns])

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"version": 1, **self.__dict__}), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> Checkpoint:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.pop("version") != 1:
                raise ValueError("version")
            return cls(**data)
        except (ValueError, TypeError, KeyError) as exc:
            raise ExportError(
                f"{path} is not a checkpoint this version can read ({exc}); remove it "
                "and its .partial output to start over"
            ) from None

    def check(self, model: str, domain: Sequence[Any], fmt: str, since: str | None,
              schema_fields: Sequence[str] | None) -> None:  # fmt: skip
        """Refuse to resume an export that is not the same one."""
        theirs = {"model": self.model, "domain": self.domain, "format": self.format,
                  "since": self.since}  # fmt: skip
        ours = {"model": model, "domain": _plain(domain), "format": fmt, "since": since}
        asked = (
            None
            if schema_fields is None
            else [f for f in dict.fromkeys(schema_fields) if f != "id"]
        )  # as the schema reads them: id first anyway, each field once
        if asked is not None and asked != self.fields():
            theirs["fields"], ours["fields"] = self.fields(), asked
        diff = [k for k in ours if ours[k] != theirs.get(k)]
        if diff:
            raise ExportError(
                f"the checkpoint belongs to another export (its {', '.join(diff)} differ: "
                f"{ {k: theirs.get(k) for k in diff} }); run that export again to resume it, "
                "or remove the checkpoint and the .partial output to start this one"
            )

    def fields(self) -> list[str]:
        return list(dict.fromkeys(c[1] for c in self.columns if c[1] != "id"))


def _plain(value: Any) -> Any:
    """A domain as JSON gives it back (tuples become lists)."""
    return json.loads(json.dumps(value))


def plain_domain(domain: Sequence[Any]) -> list[Any]:
    return list(_plain(list(domain)))


def column_specs(schema: Schema) -> list[list[str]]:
    return [[c.name, c.field, c.kind] for c in schema.columns]
