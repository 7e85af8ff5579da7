"""How the command line shows things: records as a table, JSON, JSON lines or CSV; values
as JSON; progress bars (bytes, rate and time left; records) on standard error, so that
standard output carries only the data."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
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

from .._data.loading import ImportReport
from .._data.schema import Schema
from .._data.writers import csv_rows
from ..errors import ExportError

__all__ = [
    "FORMATS", "byte_progress", "dump_json", "read_rows", "record_progress", "write_records",
    "write_report",
]  # fmt: skip

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


def read_rows(path: Path) -> tuple[list[str], list[list[Any]]]:
    """An import's input: CSV (its header names the fields) or JSON lines (the keys of
    the objects, in the order first seen; a missing key is an empty value)."""
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        objects = []
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError as exc:
                    raise ExportError(f"{path}, line {number}: not JSON ({exc})") from None
                if not isinstance(value, dict):
                    raise ExportError(f"{path}, line {number}: not a JSON object")
                objects.append(value)
        fields = list(dict.fromkeys(k for o in objects for k in o))
        return fields, [[o.get(k) for k in fields] for o in objects]
    if path.suffix.lower() != ".csv":
        raise ExportError(f"{path}: import a .csv (with a header) or a .jsonl file")
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header:
            raise ExportError(f"{path} is empty: its first line must name the fields")
        rows: list[list[Any]] = []
        for number, row in enumerate(reader, 2):
            if not row:
                continue
            if len(row) != len(header):
                raise ExportError(
                    f"{path}, line {number}: {len(row)} values for {len(header)} columns"
                )
            rows.append(list(row))
    return header, rows


def write_report(report: ImportReport, out: IO[str], *, csv_format: bool) -> None:
    """Every row's outcome, as JSON lines or CSV."""
    if csv_format:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["row", "status", "id", "messages"])
        for r in report.rows:
            writer.writerow([r.row + 1, r.status, "" if r.id is None else r.id,
                             "; ".join(r.messages)])  # fmt: skip
        return
    for r in report.rows:
        out.write(json.dumps({"row": r.row + 1, "status": r.status, "id": r.id,
                              "messages": r.messages}, ensure_ascii=False) + "\n")  # fmt: skip


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
