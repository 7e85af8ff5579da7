"""How the command line shows things: records as a table, JSON, JSON lines or CSV; values
as JSON; progress bars (bytes, rate and time left; records) on standard error, so that
standard output carries only the data."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from .._export.schema import Schema
from .._export.writers import csv_rows

__all__ = ["FORMATS", "byte_progress", "dump_json", "record_progress", "write_records"]

FORMATS = ("table", "json", "jsonl", "csv")


def dump_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def _cell(value: Any) -> str:
    if value is False or value is None:
        return ""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
        return value[1]  # a many2one: its name
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_records(
    records: Iterable[dict[str, Any]],
    fmt: str,
    out: IO[str],
    fields: Sequence[str] | None,
    schema: Schema | None = None,
) -> int:
    """Write records as they come (a table waits for all of them); return how many.
    CSV needs the ``schema`` (typed columns, as an export writes them)."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    if fmt == "json":
        out.write("[")
        for count, record in enumerate(records, 1):
            out.write(
                ("\n  " if count == 1 else ",\n  ")
                + json.dumps(record, ensure_ascii=False, default=str)
            )
        out.write("\n]\n" if count else "]\n")
        return count
    if fmt == "csv":
        if schema is None:
            raise ValueError("CSV output needs the model's schema")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(schema.names)  # also when nothing matched
        page: list[dict[str, Any]] = []
        for record in records:
            count += 1
            page.append(record)
            if len(page) >= 500:
                writer.writerows(csv_rows(schema, page))
                page.clear()
        writer.writerows(csv_rows(schema, page))
        return count
    rows = list(records)
    columns = list(fields) if fields else (list(rows[0]) if rows else ["id"])
    if "id" not in columns:
        columns.insert(0, "id")
    table = Table(*columns, show_lines=False)
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    for line in cells:
        table.add_row(*line)
    console = Console(file=out)
    if not console.is_terminal:  # piped: as wide as the data, nothing cut
        widest = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(columns)]
        console = Console(file=out, width=sum(widest) + 3 * len(columns) + 1)
    console.print(table)
    return len(rows)


@contextmanager
def byte_progress(console: Console, label: str, total: int | None, enabled: bool) -> Iterator[Any]:
    """A bar for a transfer: ``update(done, total)`` as bytes go; bytes, rate and time
    left (when the total is known)."""
    if not enabled:
        yield lambda done, total=None: None
        return
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn() if total else TimeElapsedColumn(),
    ]
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(label, total=total)

        def update(done: int, total: int | None = None) -> None:
            progress.update(task, completed=done, total=total or None)

        yield update


@contextmanager
def record_progress(console: Console, total: int | None, enabled: bool) -> Iterator[Any]:
    """A bar for records read page by page: ``advance(n)``, or ``advance(n, total)``
    when the total is learnt on the way."""
    if not enabled:
        yield lambda n, total=None: None
        return
    columns = [
        TextColumn("records"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("records", total=total)

        def advance(n: int, total: int | None = None) -> None:
            if total is not None:
                progress.update(task, total=total)
            progress.advance(task, n)

        yield advance
