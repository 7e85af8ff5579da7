"""Exports on the real servers: every format read back and compared with search_read, an
incremental run after creates, writes and deletes (also during the export), an export
killed half-way and resumed, and a failed export that leaves no file."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.ipc
import pyarrow.parquet as pq
import pytest

from aio_odoorpc_base import aio, errors, sync
from aio_odoorpc_base.export import ExportProgress

from ..support.live_server import OdooTarget

COUNT = 2500  # a few thousand
BASE_FIELDS = [
    "name", "ref", "is_company", "parent_id", "category_id", "color", "type", "comment",
    "active", "child_ids", "create_date", "write_date",
]  # fmt: skip


def _date_and_float(version: int) -> tuple[str | None, str]:
    """res.partner's date field is gone from 18; partner_latitude came after 11."""
    number = "credit_limit" if version < 12 else "partner_latitude"
    return ("date" if version < 18 else None), number


def _fields(version: int) -> list[str]:
    date, number = _date_and_float(version)
    return [*BASE_FIELDS, number, *([date] if date else [])]


UTC = dt.timezone.utc


def _client(odoo: OdooTarget) -> sync.OdooRPC:
    return sync.OdooRPC(odoo.url, database=odoo.db, login=odoo.login, password=odoo.password)


@pytest.fixture(scope="module")
def seeded(odoo: OdooTarget) -> Iterator[tuple[str, list[int]]]:
    """COUNT partners of one ``ref``, with empty and set values of every column kind."""
    tag = f"aioexport-{uuid.uuid4().hex[:8]}"
    with _client(odoo) as client:
        partners = client["res.partner"]
        [category] = client["res.partner.category"].create([{"name": tag}])
        date, number = _date_and_float(odoo.version)
        vals = [
            {
                "name": f"{tag} {i:05d}" + (' Ünïcødé, "quoted"' if i % 11 == 0 else ""),
                "ref": tag,
                "is_company": i % 3 == 0,
                "category_id": [(6, 0, [category])] if i % 4 == 0 else [],
                number: i / 8 if i % 5 else 0.0,
                "color": i % 12,
                "type": "invoice" if i % 9 == 0 else "contact",
                "comment": f"line one\nline, two {i}" if i % 10 == 0 else False,
            }
            for i in range(COUNT)
        ]
        if date:
            for i, v in enumerate(vals):
                v[date] = f"2024-01-{i % 28 + 1:02d}" if i % 2 == 0 else False
        ids = partners.create_many(vals, batch_size=200, concurrency=2)
        partners.write_many([i for n, i in enumerate(ids) if n % 7 == 1], {"parent_id": ids[0]})
        try:
            yield tag, ids
        finally:
            partners.unlink_many(ids)  # parents and children at once: see unlink_many
            client["res.partner.category"].unlink([category])


def _expected(odoo: OdooTarget, tag: str) -> list[dict[str, Any]]:
    """The typed rows, written out here from search_read by the documented rules."""
    with _client(odoo) as client:
        found = client["res.partner"].search_read(
            [["ref", "=", tag]],
            _fields(odoo.version),
            order="id asc",
            context={"active_test": False},
        )
    rows = []
    for r in found:
        row: dict[str, Any] = {"id": r["id"]}
        for f in _fields(odoo.version):
            v = r[f]
            if f == "parent_id":
                row["parent_id"], row["parent_id_name"] = (v[0], v[1]) if v else (None, None)
            elif f in ("category_id", "child_ids"):
                row[f] = list(v)
            elif f in ("is_company", "active"):
                row[f] = bool(v)
            elif f == "date":
                row[f] = dt.date.fromisoformat(v) if v else None
            elif f in ("create_date", "write_date"):
                row[f] = dt.datetime.fromisoformat(v).replace(tzinfo=UTC) if v else None
            else:
                row[f] = None if v is False else v
        rows.append(row)
    return rows


def _as_text(row: dict[str, Any]) -> dict[str, Any]:
    """A typed row as CSV cells."""
    out = {}
    for k, v in row.items():
        if v is None:
            out[k] = ""
        elif isinstance(v, bool):
            out[k] = "true" if v else "false"
        elif isinstance(v, dt.datetime):
            out[k] = v.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif isinstance(v, dt.date):
            out[k] = v.isoformat()
        elif isinstance(v, list):
            out[k] = json.dumps(v, separators=(",", ":"))
        else:
            out[k] = str(v)
    return out


def _as_json(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, dt.datetime):
            out[k] = v.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif isinstance(v, dt.date):
            out[k] = v.isoformat()
        else:
            out[k] = v
    return out


def _read_back(path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]
    if fmt == "arrow":
        with pyarrow.memory_map(str(path)) as source:
            return pyarrow.ipc.open_file(source).read_all().to_pylist()  # type: ignore[no-any-return]
    with duckdb.connect(str(path), read_only=True) as con:
        found = con.sql("SELECT * FROM res_partner ORDER BY id").to_arrow_table()
        return found.to_pylist()  # type: ignore[no-any-return]


def _typed(rows: list[dict[str, Any]], fmt: str) -> list[dict[str, Any]]:
    return [_as_text(r) for r in rows] if fmt == "csv" else (
        [_as_json(r) for r in rows] if fmt == "jsonl" else rows
    )  # fmt: skip


@pytest.fixture
async def aclient(odoo: OdooTarget) -> AsyncIterator[aio.AsyncOdooRPC]:
    async with aio.AsyncOdooRPC(
        odoo.url, database=odoo.db, login=odoo.login, password=odoo.password
    ) as client:
        yield client


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("fmt", "concurrency"),
    [("csv", 1), ("jsonl", 3), ("parquet", 3), ("arrow", 2), ("duckdb", 4)],
)
async def test_every_format_reads_back_as_search_read(
    aclient: aio.AsyncOdooRPC, odoo: OdooTarget, seeded: tuple[str, list[int]],
    tmp_path: Path, fmt: str, concurrency: int,
) -> None:  # fmt: skip
    tag, ids = seeded
    seen: list[ExportProgress] = []
    export = aclient["res.partner"].export(
        [["ref", "=", tag]], _fields(odoo.version), batch_size=250, concurrency=concurrency,
        on_progress=seen.append,
    )  # fmt: skip
    result = await export.to_file(tmp_path / f"partners.{fmt}")
    assert (result.rows, result.format, result.path.exists()) == (COUNT, fmt, True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"partners.{fmt}"]
    assert [p.rows for p in seen] == list(range(250, COUNT + 1, 250))
    assert seen[-1].total == COUNT
    got = _read_back(result.path, fmt)
    assert got == _typed(_expected(odoo, tag), fmt)
    assert [int(r["id"]) for r in got] == sorted(ids)  # each record once, in id order


def test_the_sync_export_and_its_batches(odoo: OdooTarget, seeded: tuple[str, list[int]]) -> None:
    tag, ids = seeded
    with _client(odoo) as client:
        fields = _fields(odoo.version)
        export = client["res.partner"].export([["ref", "=", tag]], fields, batch_size=500)
        batches = list(export.batches())
        assert [len(b) for b in batches] == [500] * (COUNT // 500) + (
            [COUNT % 500] if COUNT % 500 else []
        )
        rows = [row for b in batches for row in b.rows()]
        assert rows == _expected(odoo, tag)
        table = batches[0].to_arrow()
        assert table.num_rows == 500
        assert str(table.schema.field("create_date").type) == "timestamp[s, tz=UTC]"
        assert str(table.schema.field("category_id").type) == "list<item: int64>"


@pytest.mark.anyio
async def test_incremental_runs_miss_no_change(
    aclient: aio.AsyncOdooRPC, odoo: OdooTarget, tmp_path: Path
) -> None:
    """Run 1 exports; meanwhile a record it already wrote and one it has not reached are
    changed. Then records are created, changed and deleted. Run 2 (since run 1's cursor)
    has every change, with today's values, and not the deleted record."""
    tag = f"aioinc-{uuid.uuid4().hex[:8]}"
    partners = aclient["res.partner"]
    ids = await partners.create_many([{"name": f"{tag} {i}", "ref": tag} for i in range(60)])
    new: list[int] = []
    try:
        first = partners.export([["ref", "=", tag]], ["name"], batch_size=20, concurrency=1, lag=0)
        seen = []
        async for batch in first.batches():
            seen += batch.records
            if len(seen) == 20:  # during the run: one written already, one still ahead
                await partners.write([ids[5], ids[50]], {"name": f"{tag} changed during"})
        assert len(seen) == len({r["id"] for r in seen}) == 60
        assert first.cursor is not None
        new = await partners.create_many([{"name": f"{tag} new {i}", "ref": tag} for i in range(3)])
        await partners.write([ids[10], ids[11]], {"name": f"{tag} changed after"})
        await partners.unlink([ids[12]])
        second = partners.export([["ref", "=", tag]], ["name"], since=first.cursor, lag=0)
        result = await second.to_file(tmp_path / "changes.jsonl")
        rows = {r["id"]: r["name"] for r in _read_back(result.path, "jsonl")}
        for i in (ids[5], ids[50]):
            assert rows[i] == f"{tag} changed during"
        assert rows[ids[10]] == rows[ids[11]] == f"{tag} changed after"
        assert set(new) <= set(rows)
        assert ids[12] not in rows
        assert result.cursor is not None
        assert result.cursor >= first.cursor
        assert await partners.search_count([["ref", "=", tag]]) == 62
    finally:
        await partners.unlink(await partners.search([["ref", "=", tag]]))


class Killed(Exception):
    pass


@pytest.mark.anyio
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
async def test_a_killed_export_resumes_with_no_gap_and_no_duplicate(
    aclient: aio.AsyncOdooRPC, odoo: OdooTarget, seeded: tuple[str, list[int]],
    tmp_path: Path, fmt: str,
) -> None:  # fmt: skip
    tag, _ = seeded
    target = tmp_path / f"partners.{fmt}"

    def kill_after_3(p: ExportProgress) -> None:
        if p.rows >= 600:
            raise Killed

    options: dict[str, Any] = {"batch_size": 200, "concurrency": 2}
    export = aclient["res.partner"].export(
        [["ref", "=", tag]], _fields(odoo.version), on_progress=kill_after_3, **options
    )
    with pytest.raises(Killed):
        await export.to_file(target, resume=True)
    assert not target.exists()
    checkpoint = json.loads((tmp_path / f"partners.{fmt}.checkpoint").read_text())
    assert checkpoint["writer"]["rows"] == 600
    again = aclient["res.partner"].export([["ref", "=", tag]], _fields(odoo.version), **options)
    result = await again.to_file(target, resume=True)
    assert (result.rows, result.resumed) == (COUNT, True)
    assert _read_back(target, fmt) == _typed(_expected(odoo, tag), fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    other = aclient["res.partner"].export([["ref", "=", "other"]], _fields(odoo.version), **options)
    with pytest.raises(Killed):
        await (
            aclient["res.partner"]
            .export([["ref", "=", tag]], _fields(odoo.version), on_progress=kill_after_3, **options)
            .to_file(target, resume=True)
        )
    with pytest.raises(errors.ExportError, match="belongs to another export .*domain"):
        await other.to_file(target, resume=True)


@pytest.mark.anyio
@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "duckdb"])
async def test_a_failed_export_leaves_no_file(
    aclient: aio.AsyncOdooRPC, odoo: OdooTarget, seeded: tuple[str, list[int]],
    tmp_path: Path, fmt: str,
) -> None:  # fmt: skip
    tag, _ = seeded

    def fail(p: ExportProgress) -> None:
        raise Killed

    fields = _fields(odoo.version)
    export = aclient["res.partner"].export([["ref", "=", tag]], fields, on_progress=fail)
    with pytest.raises(Killed):
        await export.to_file(tmp_path / f"out.{fmt}")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(errors.ExportError, match="no field 'nope'"):
        await aclient["res.partner"].export([], ["name", "nope"]).to_file(tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []
