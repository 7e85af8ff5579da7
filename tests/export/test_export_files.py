"""Export writers and their failure paths, offline against the fake Odoo: formats by
extension, an existing DuckDB file changed in one transaction, resumes of every format,
checkpoints that do not match, and clear errors for missing extras and bad targets."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from aio_odoorpc_base import errors, sync
from aio_odoorpc_base._data.writers import format_of
from aio_odoorpc_base.export import ExportProgress
from aio_odoorpc_base.testing import FakeOdoo

N = 130


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOdoo]:
    with FakeOdoo(version="17.0") as fake:
        [tag] = fake.add("res.partner.category", [{"name": "T"}])
        fake.add(
            "res.partner",
            [{"name": f"P{i}", "ref": "exp", "category_id": [tag] if i % 2 else []}
             for i in range(N)],
        )  # fmt: skip
        yield fake


@pytest.fixture
def odoo(fake: FakeOdoo) -> Iterator[sync.OdooRPC]:
    with fake.client() as client:
        yield client


FIELDS = ["name", "ref", "category_id", "parent_id", "is_company"]


class Stop(Exception):
    pass


def _stop_at(rows: int) -> Any:
    def check(p: ExportProgress) -> None:
        if p.rows >= rows:
            raise Stop

    return check


def _names(path: Path, fmt: str) -> list[str]:
    if fmt in ("parquet",):
        return [r["name"] for r in pq.read_table(path).to_pylist()]
    if fmt == "jsonl":
        return [json.loads(line)["name"] for line in path.read_text().splitlines()]
    if fmt == "csv":
        return [line.split(",")[1] for line in path.read_text().splitlines()[1:]]
    if fmt == "arrow":
        import pyarrow.ipc

        with pyarrow.memory_map(str(path)) as source:
            return [r["name"] for r in pyarrow.ipc.open_file(source).read_all().to_pylist()]
    with duckdb.connect(str(path), read_only=True) as con:
        return [r[0] for r in con.sql("SELECT name FROM res_partner ORDER BY id").fetchall()]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "arrow", "duckdb"])
def test_resume_of_every_format(odoo: sync.OdooRPC, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    model = odoo["res.partner"]
    domain = [["ref", "=", "exp"]]
    with pytest.raises(Stop):
        model.export(domain, FIELDS, batch_size=20, on_progress=_stop_at(60)).to_file(
            target, resume=True
        )
    assert not target.exists()
    assert (tmp_path / f"out.{fmt}.checkpoint").exists()
    # a second interruption, then the resume that completes
    with pytest.raises(Stop):
        model.export(domain, FIELDS, batch_size=20, on_progress=_stop_at(100)).to_file(
            target, resume=True
        )
    seen: list[ExportProgress] = []
    result = model.export(domain, FIELDS, batch_size=20, on_progress=seen.append).to_file(
        target, resume=True
    )
    assert (result.rows, result.resumed) == (N, True)
    assert (seen[-1].rows, seen[-1].total) == (N, N)  # what was written plus what was left
    assert _names(target, fmt) == [f"P{i}" for i in range(N)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_an_existing_duckdb_file_keeps_its_other_tables(odoo: sync.OdooRPC, tmp_path: Path) -> None:
    target = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(target)) as con:
        con.execute("CREATE TABLE other AS SELECT 1 AS x")
        con.execute("CREATE TABLE partners AS SELECT 'old' AS name")
    with pytest.raises(Stop):
        odoo["res.partner"].export([], ["name"], batch_size=10, on_progress=_stop_at(10)).to_file(
            target, table="partners"
        )
    with duckdb.connect(str(target), read_only=True) as con:  # rolled back: as it was
        assert con.sql("SELECT name FROM partners").fetchall() == [("old",)]
    result = (
        odoo["res.partner"]
        .export([["ref", "=", "exp"]], ["name"])
        .to_file(target, table="partners")
    )
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM partners").fetchall() == [(N,)]
        assert con.sql("SELECT x FROM other").fetchall() == [(1,)]
    assert result.rows == N
    with pytest.raises(errors.ExportError, match="letters, digits and underscores"):
        odoo["res.partner"].export().to_file(target, table="bad name; drop")


def test_formats_by_extension_and_clear_refusals(odoo: sync.OdooRPC, tmp_path: Path) -> None:
    assert [format_of(f"x.{e}") for e in ("csv", "NDJSON", "pq", "feather", "duckdb")] == [
        "csv", "jsonl", "parquet", "arrow", "duckdb",
    ]  # fmt: skip
    assert format_of("x.txt", "csv") == "csv"
    with pytest.raises(errors.ExportError, match="cannot tell the format of 'x.txt'"):
        format_of("x.txt")
    with pytest.raises(errors.ExportError, match="unknown format 'xlsx': choose one of csv"):
        format_of("x.csv", "xlsx")
    with pytest.raises(errors.ExportError, match="its folder .* does not exist"):
        odoo["res.partner"].export().to_file(tmp_path / "nope" / "x.csv")
    bads: list[dict[str, Any]] = [{"batch_size": 0}, {"concurrency": 0}, {"max_rate": 0}]
    for bad in bads:
        with pytest.raises(errors.ExportError, match="must be"):
            odoo["res.partner"].export(**bad)
    assert list(tmp_path.iterdir()) == []


def test_csv_has_its_header_when_nothing_matches(odoo: sync.OdooRPC, tmp_path: Path) -> None:
    result = (
        odoo["res.partner"]
        .export([["ref", "=", "none"]], ["name", "parent_id"])
        .to_file(tmp_path / "empty.csv")
    )
    assert result.rows == 0
    assert (tmp_path / "empty.csv").read_text() == "id,name,parent_id,parent_id_name\n"


def test_a_changed_partial_file_is_not_resumed(odoo: sync.OdooRPC, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with pytest.raises(Stop):
        odoo["res.partner"].export([], ["name"], batch_size=10, on_progress=_stop_at(20)).to_file(
            target, resume=True
        )
    partial = tmp_path / "out.jsonl.partial"
    partial.write_bytes(partial.read_bytes()[:5])
    with pytest.raises(errors.ExportError, match="shorter than its checkpoint says"):
        odoo["res.partner"].export([], ["name"], batch_size=10).to_file(target, resume=True)
    partial.unlink()
    with pytest.raises(errors.ExportError, match="which is gone: remove the checkpoint"):
        odoo["res.partner"].export([], ["name"], batch_size=10).to_file(target, resume=True)


def test_rate_limit_spaces_the_requests(odoo: sync.OdooRPC) -> None:
    import time

    export = odoo["res.partner"].export([["ref", "=", "exp"]], ["name"], batch_size=50, max_rate=20)
    began = time.monotonic()
    assert sum(len(b) for b in export.batches()) == N
    # fields_get is cached by the client; newest write_date, count, 3 pages: 5 paced calls
    assert time.monotonic() - began >= 4 / 20


def test_without_pyarrow_the_error_says_what_to_install(
    odoo: sync.OdooRPC, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "duckdb", None)
    for name in ("out.parquet", "out.duckdb"):
        with pytest.raises(errors.ExportError, match=r"pip install 'aio-odoorpc-base\["):
            odoo["res.partner"].export([], ["name"]).to_file(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_leftover_partial_file_is_not_taken_for_a_resume(
    odoo: sync.OdooRPC, tmp_path: Path
) -> None:
    """No checkpoint: a .partial from elsewhere is written over, header first."""
    (tmp_path / "out.csv.partial").write_text("junk from another run\n")
    result = (
        odoo["res.partner"]
        .export([["ref", "=", "exp"]], ["name"])
        .to_file(tmp_path / "out.csv", resume=True)
    )
    lines = (tmp_path / "out.csv").read_text().splitlines()
    assert (result.rows, lines[0], len(lines)) == (N, "id,name", N + 1)


def test_an_arrow_export_that_fails_closes_and_removes_its_file(
    odoo: sync.OdooRPC, tmp_path: Path
) -> None:
    with pytest.raises(Stop):
        odoo["res.partner"].export([], ["name"], batch_size=10, on_progress=_stop_at(10)).to_file(
            tmp_path / "out.arrow"
        )
    assert list(tmp_path.iterdir()) == []
