"""Export writers: CSV and JSON lines with the standard library, Arrow IPC, Parquet and
DuckDB through pyarrow (and duckdb). Every file is written under a temporary name beside
the target (``<name>.partial``) and renamed when complete, so a failed or interrupted
export never leaves a file that looks finished. A DuckDB database that already exists is
changed in one transaction instead (the table appears whole or not at all).

A resumable export keeps its partial output: a text file is cut back to the size the
checkpoint recorded and appended to; the columnar formats spool each batch as an Arrow
IPC stream in ``<name>.partial.d/`` and write the target from the spool at the end.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ExportError
from .schema import Schema

__all__ = ["FORMATS", "Writer", "csv_rows", "format_of", "open_writer", "partial_path"]

FORMATS = ("csv", "jsonl", "parquet", "arrow", "duckdb")
_EXTENSIONS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".arrow": "arrow",
    ".feather": "arrow",
    ".ipc": "arrow",
    ".duckdb": "duckdb",
}
_COLUMNAR = ("parquet", "arrow", "duckdb")


def format_of(path: str | os.PathLike[str], given: str | None = None) -> str:
    """The format: ``given``, or from the file's extension."""
    if given is not None:
        if given not in FORMATS:
            raise ExportError(f"unknown format {given!r}: choose one of {', '.join(FORMATS)}")
        return given
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise ExportError(
            f"cannot tell the format of {os.fspath(path)!r} from its extension; name it "
            f"{', '.join(sorted(_EXTENSIONS))} or give the format ({', '.join(FORMATS)})"
        )
    return _EXTENSIONS[suffix]


def partial_path(target: Path) -> Path:
    return target.with_name(target.name + ".partial")


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.ipc
    except ImportError:
        raise ExportError(
            "Arrow, Parquet and DuckDB exports need pyarrow: pip install "
            "'aio-odoorpc-base[arrow]' (or write CSV or JSON lines, standard library only)"
        ) from None
    return pyarrow


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise ExportError(
            "DuckDB exports need duckdb: pip install 'aio-odoorpc-base[duckdb]'"
        ) from None
    return duckdb


class Writer(ABC):
    """Write batches of Odoo records (as ``search_read`` gives them) to one target."""

    format = ""

    def __init__(self, target: Path, schema: Schema) -> None:
        self.target = target
        self.schema = schema
        self.partial = partial_path(target)
        self.rows = 0

    @abstractmethod
    def write(self, records: Sequence[Mapping[str, Any]]) -> None: ...

    @abstractmethod
    def state(self) -> dict[str, Any]:
        """What a checkpoint records to resume this output."""

    @abstractmethod
    def commit(self) -> None:
        """Finish the output and give it its name."""

    def abort(self, keep: bool = False) -> None:
        """Give up: remove the partial output, or keep it for a resume."""
        if not keep:
            self.partial.unlink(missing_ok=True)


# --- text formats -----------------------------------------------------------------------


def _iso_datetime(value: str) -> str:
    return value.replace(" ", "T") + "Z"


def _csv_column(kind: str, values: list[Any]) -> list[Any]:
    """One column's raw Odoo values as CSV cells, in one pass."""
    if kind == "bool":
        return ["" if v is None else ("true" if v else "false") for v in values]
    if kind == "datetime":
        return [_iso_datetime(v) if v else "" for v in values]
    if kind == "id":
        return [v[0] if v else "" for v in values]
    if kind == "name":
        return [v[1] if v else "" for v in values]
    if kind == "ids":
        return ["[" + ",".join(map(str, v)) + "]" if v else "[]" for v in values]
    if kind == "bytes":
        return [v or "" for v in values]  # base64, as Odoo sends it
    if kind == "json":
        return ["" if v is False or v is None else json.dumps(v, sort_keys=True) for v in values]
    return ["" if v is False or v is None else v for v in values]


def _json_column(kind: str, values: list[Any]) -> list[Any]:
    """One column's raw Odoo values as JSON values, in one pass."""
    if kind == "bool":
        return [None if v is None else bool(v) for v in values]
    if kind == "datetime":
        return [_iso_datetime(v) if v else None for v in values]
    if kind == "id":
        return [v[0] if v else None for v in values]
    if kind == "name":
        return [v[1] if v else None for v in values]
    if kind == "ids":
        return [list(v) if v else [] for v in values]
    if kind == "bytes":
        return [v or None for v in values]  # base64, as Odoo sends it
    return [None if v is False else v for v in values]


def csv_rows(schema: Schema, records: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The records as CSV cells, the schema's columns in order (no header)."""
    raw = schema.raw(records)
    cells = [_csv_column(c.kind, raw[c.field]) for c in schema.columns]
    return list(zip(*cells, strict=True))


class _TextWriter(Writer):
    def __init__(self, target: Path, schema: Schema, resume: Mapping[str, Any] | None) -> None:
        super().__init__(target, schema)
        if resume and resume.get("rows") and not self.partial.exists():
            raise ExportError(
                f"the checkpoint says {resume['rows']} rows were written to {self.partial}, "
                "which is gone: remove the checkpoint to start over"
            )
        if resume and "bytes" in resume and self.partial.exists():  # continue it
            size = int(resume.get("bytes", 0))
            if self.partial.stat().st_size < size:
                raise ExportError(
                    f"{self.partial} is shorter than its checkpoint says: it was changed "
                    "since; remove it and the checkpoint to start over"
                )
            self._file: Any = open(self.partial, "r+b")  # noqa: SIM115 (closed in commit/abort)
            self._file.truncate(size)
            self._file.seek(size)
            self.rows = int(resume.get("rows", 0))
        else:
            self._file = open(self.partial, "wb")  # noqa: SIM115
            self._start()

    def _start(self) -> None:
        pass

    @abstractmethod
    def _encode(self, records: Sequence[Mapping[str, Any]]) -> bytes: ...

    def write(self, records: Sequence[Mapping[str, Any]]) -> None:
        if records:
            self._file.write(self._encode(records))
            self._file.flush()
            self.rows += len(records)

    def state(self) -> dict[str, Any]:
        return {"bytes": self._file.tell(), "rows": self.rows}

    def commit(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.partial, self.target)

    def abort(self, keep: bool = False) -> None:
        self._file.close()
        super().abort(keep)


class CsvWriter(_TextWriter):
    """A header line always (even when nothing matched); empty cells for empty values,
    ``true``/``false``, ISO 8601 UTC datetimes (``...Z``), lists of ids as ``[1,2]``."""

    format = "csv"

    def _start(self) -> None:
        self._file.write(self._lines([self.schema.names]))

    @staticmethod
    def _lines(rows: Any) -> bytes:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        return buf.getvalue().encode("utf-8")

    def _encode(self, records: Sequence[Mapping[str, Any]]) -> bytes:
        return self._lines(csv_rows(self.schema, records))


class JsonLinesWriter(_TextWriter):
    """One JSON object per line, the schema's columns with JSON types (null when
    empty, datetimes as ISO 8601 UTC text, bytes as base64)."""

    format = "jsonl"

    def _encode(self, records: Sequence[Mapping[str, Any]]) -> bytes:
        raw = self.schema.raw(records)
        names = self.schema.names
        values = [_json_column(c.kind, raw[c.field]) for c in self.schema.columns]
        lines = (
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)
            for row in zip(*values, strict=True)
        )
        return "".join(line + "\n" for line in lines).encode("utf-8")


# --- columnar formats -------------------------------------------------------------------


def arrow_schema(schema: Schema) -> Any:
    pa = _pyarrow()
    types = {
        "bool": pa.bool_(),
        "int": pa.int64(),
        "float": pa.float64(),
        "str": pa.string(),
        "date": pa.date32(),
        "datetime": pa.timestamp("s", tz="UTC"),
        "id": pa.int64(),
        "name": pa.string(),
        "ids": pa.list_(pa.int64()),
        "bytes": pa.binary(),
        "json": pa.string(),
    }
    return pa.schema([pa.field(c.name, types[c.kind]) for c in schema.columns])


def to_arrow(schema: Schema, records: Sequence[Mapping[str, Any]], target: Any = None) -> Any:
    """The records as one Arrow ``RecordBatch`` of the schema's types."""
    pa = _pyarrow()
    target = target if target is not None else arrow_schema(schema)
    columns = schema.columns_of(records)
    arrays = []
    for c, field in zip(schema.columns, target, strict=True):
        values = columns[c.name]
        if c.kind == "date":
            array = pa.array([v and v[:10] for v in values], pa.string()).cast(pa.date32())
        elif c.kind == "datetime":
            array = pa.array(values, pa.string()).cast(pa.timestamp("s")).cast(field.type)
        else:
            array = pa.array(values, field.type)
        arrays.append(array)
    return pa.RecordBatch.from_arrays(arrays, schema=target)


class _ColumnarWriter(Writer):
    """Arrow batches to a sink; in a resumable export, to a spool first."""

    def __init__(self, target: Path, schema: Schema, resume: Mapping[str, Any] | None) -> None:
        super().__init__(target, schema)
        self.arrow = arrow_schema(schema)
        self.spool: Path | None = None
        self._segments = 0
        self._sink: Any = None
        if resume is not None:
            self.spool = target.with_name(target.name + ".partial.d")
            self.spool.mkdir(exist_ok=True)
            self._segments = int(resume.get("segments", 0))
            self.rows = int(resume.get("rows", 0))
            for path in self.spool.glob("*.arrows"):
                if int(path.stem) >= self._segments:
                    path.unlink()  # written after the last checkpoint
        else:
            self._sink = self._open()

    @abstractmethod
    def _open(self) -> Any: ...

    def _put(self, batch: Any) -> None:
        self._sink.write_batch(batch)

    def _finish(self) -> None:
        self._sink.close()
        os.replace(self.partial, self.target)

    def write(self, records: Sequence[Mapping[str, Any]]) -> None:
        if not records:
            return
        batch = to_arrow(self.schema, records, self.arrow)
        if self.spool is None:
            self._put(batch)
        else:
            pa = _pyarrow()
            path = self.spool / f"{self._segments:08d}.arrows"
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_stream(sink, self.arrow) as w:
                w.write_batch(batch)
            self._segments += 1
        self.rows += len(records)

    def state(self) -> dict[str, Any]:
        return {"segments": self._segments, "rows": self.rows}

    def commit(self) -> None:
        if self.spool is not None:
            pa = _pyarrow()
            self._sink = self._open()
            for number in range(self._segments):
                path = self.spool / f"{number:08d}.arrows"
                with pa.memory_map(str(path)) as source:
                    for batch in pa.ipc.open_stream(source):
                        self._put(batch)
        self._finish()
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)

    def abort(self, keep: bool = False) -> None:
        if self._sink is not None:
            try:
                self._sink.close()
            except Exception:
                pass
        super().abort(keep=False)
        if self.spool is not None and not keep:
            shutil.rmtree(self.spool, ignore_errors=True)


class ParquetWriter(_ColumnarWriter):
    format = "parquet"

    def _open(self) -> Any:
        _pyarrow()
        import pyarrow.parquet as pq

        return pq.ParquetWriter(str(self.partial), self.arrow, compression="zstd")


class ArrowWriter(_ColumnarWriter):
    """The Arrow IPC file format (Feather v2)."""

    format = "arrow"

    def _open(self) -> Any:
        pa = _pyarrow()
        self._file = pa.OSFile(str(self.partial), "wb")
        return pa.ipc.new_file(self._file, self.arrow)

    def _finish(self) -> None:
        self._sink.close()
        self._file.close()
        os.replace(self.partial, self.target)

    def abort(self, keep: bool = False) -> None:
        if getattr(self, "_file", None) is not None:
            self._file.close()
        super().abort(keep)


_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class DuckDBWriter(_ColumnarWriter):
    """A table (by default the model's name with dots as underscores) in a DuckDB file:
    a new file is written under a temporary name; in an existing one the table is
    replaced in one transaction."""

    format = "duckdb"

    def __init__(
        self, target: Path, schema: Schema, resume: Mapping[str, Any] | None, table: str
    ) -> None:
        if not _TABLE.match(table):
            raise ExportError(
                f"table name {table!r}: use letters, digits and underscores (--table)"
            )
        self.table = table
        self._existing = target.exists()
        _duckdb()
        super().__init__(target, schema, resume)

    def _open(self) -> Any:
        duckdb = _duckdb()
        path = self.target if self._existing else self.partial
        if not self._existing:
            self.partial.unlink(missing_ok=True)
        conn = duckdb.connect(str(path))
        conn.execute("BEGIN TRANSACTION")
        empty = _pyarrow().Table.from_batches([], schema=self.arrow)
        conn.register("aio_odoo_batch", empty)
        conn.execute(f'CREATE OR REPLACE TABLE "{self.table}" AS SELECT * FROM aio_odoo_batch')
        conn.unregister("aio_odoo_batch")
        return conn

    def _put(self, batch: Any) -> None:
        table = _pyarrow().Table.from_batches([batch])  # duckdb 1.0 registers tables only
        self._sink.register("aio_odoo_batch", table)
        self._sink.execute(f'INSERT INTO "{self.table}" SELECT * FROM aio_odoo_batch')
        self._sink.unregister("aio_odoo_batch")

    def _finish(self) -> None:
        self._sink.execute("COMMIT")
        self._sink.close()
        if not self._existing:
            os.replace(self.partial, self.target)

    def abort(self, keep: bool = False) -> None:
        if self._sink is not None:
            try:
                self._sink.execute("ROLLBACK")
            except Exception:
                pass
        super().abort(keep)
        self.partial.with_name(self.partial.name + ".wal").unlink(missing_ok=True)


def open_writer(
    target: Path,
    schema: Schema,
    fmt: str,
    *,
    resume: Mapping[str, Any] | None = None,
    table: str = "",
) -> Writer:
    """A writer for ``target`` in ``fmt``; ``resume``: a checkpoint's writer state (or
    ``{}`` for a resumable export that starts now)."""
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: its folder {target.parent} does not exist")
    if fmt == "csv":
        return CsvWriter(target, schema, resume)
    if fmt == "jsonl":
        return JsonLinesWriter(target, schema, resume)
    if fmt == "parquet":
        return ParquetWriter(target, schema, resume)
    if fmt == "arrow":
        return ArrowWriter(target, schema, resume)
    if fmt == "duckdb":
        return DuckDBWriter(target, schema, resume, table)
    raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
