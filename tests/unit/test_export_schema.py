"""The export's typed columns, cursors and checkpoints: pure functions, no I/O."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aio_odoorpc_base._data.state import Checkpoint, ExportProgress, cursor_after, parse_since
from aio_odoorpc_base.errors import ExportError
from aio_odoorpc_base.export import Column, Schema

DESCRIBED = {
    "id": {"type": "integer", "store": True},
    "name": {"type": "char", "store": True},
    "active": {"type": "boolean", "store": True},
    "parent_id": {"type": "many2one", "store": True},
    "tag_ids": {"type": "many2many", "store": True},
    "child_ids": {"type": "one2many", "store": True},
    "day": {"type": "date", "store": True},
    "stamp": {"type": "datetime", "store": True},
    "amount": {"type": "monetary", "store": True},
    "count": {"type": "integer", "store": True},
    "state": {"type": "selection", "store": True},
    "image": {"type": "binary", "store": True},
    "props": {"type": "properties", "store": True},
    "display_name": {"type": "char", "store": False},
    "odd": {"type": "a_new_type", "store": True},
}


def test_default_columns_are_the_stored_fields_without_binary() -> None:
    schema = Schema.from_fields_get("x.model", DESCRIBED)
    assert [(c.name, c.kind) for c in schema.columns] == [
        ("id", "int"), ("name", "str"), ("active", "bool"), ("parent_id", "id"),
        ("parent_id_name", "name"), ("tag_ids", "ids"), ("child_ids", "ids"), ("day", "date"),
        ("stamp", "datetime"), ("amount", "float"), ("count", "int"), ("state", "str"),
        ("props", "json"),
    ]  # fmt: skip
    assert "image" in Schema.from_fields_get("x.model", DESCRIBED, binary=True).fields
    assert "parent_id_name" not in schema.fields  # one field read, two columns


def test_named_fields_keep_their_order_and_unknown_ones_are_refused() -> None:
    schema = Schema.from_fields_get("x.model", DESCRIBED, ["stamp", "id", "odd", "stamp"])
    assert schema.names == ["id", "stamp", "odd"]
    assert schema.columns[2] == Column("odd", "odd", "json")  # unknown types: as JSON text
    with pytest.raises(ExportError, match=r"x.model has no field 'nope', 'gone'; see its"):
        Schema.from_fields_get("x.model", DESCRIBED, ["name", "nope", "gone"])
    clash = {**DESCRIBED, "parent_id_name": {"type": "char", "store": True}}
    with pytest.raises(ExportError, match=r"\['parent_id_name'\] would appear twice"):
        Schema.from_fields_get("x.model", clash, ["parent_id", "parent_id_name"])


def test_rows_are_typed_and_false_is_null_except_for_booleans() -> None:
    schema = Schema.from_fields_get("x.model", DESCRIBED, binary=True)
    empty = {f: False for f in DESCRIBED} | {"id": 7, "tag_ids": [], "child_ids": []}
    full = {
        "id": 8, "name": "N", "active": True, "parent_id": [3, "Parent"], "tag_ids": [1, 2],
        "child_ids": [9], "day": "2024-02-29", "stamp": "2024-02-29 23:59:58",
        "amount": 1.5, "count": 0, "state": "draft", "image": "aGk=", "props": {"a": 1},
    }  # fmt: skip
    rows = schema.rows([empty, full])
    assert rows[0] == {
        "id": 7, "name": None, "active": False, "parent_id": None, "parent_id_name": None,
        "tag_ids": [], "child_ids": [], "day": None, "stamp": None, "amount": None,
        "count": None, "state": None, "image": None, "props": None,
    }  # fmt: skip
    assert rows[1]["parent_id"] == 3
    assert rows[1]["parent_id_name"] == "Parent"
    assert rows[1]["day"] == dt.date(2024, 2, 29)
    assert rows[1]["stamp"] == dt.datetime(2024, 2, 29, 23, 59, 58, tzinfo=dt.timezone.utc)
    assert (rows[1]["image"], rows[1]["props"], rows[1]["count"]) == (b"hi", '{"a": 1}', 0)
    columns = schema.columns_of([full])
    assert (columns["stamp"], columns["day"]) == (["2024-02-29 23:59:58"], ["2024-02-29"])
    assert "Schema id:int, name:str" in repr(schema)


@pytest.mark.parametrize(
    ("given", "cursor"),
    [
        ("2024-05-01 10:11:12", "2024-05-01 10:11:12"),
        ("2024-05-01", "2024-05-01 00:00:00"),
        ("2024-05-01T10:11:12Z", "2024-05-01 10:11:12"),
        (" 2024-05-01T10:11:12.123456+00:00", "2024-05-01 10:11:12"),
        (dt.datetime(2024, 5, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2))),
         "2024-05-01 10:00:00"),
    ],
)  # fmt: skip
def test_since_takes_odoo_text_iso_and_aware_datetimes(given: object, cursor: str) -> None:
    assert parse_since(given) == cursor


@pytest.mark.parametrize("bad", ["yesterday", "2024-05-01 10:11", 20240501, "2024-05-01+02:00"])
def test_since_refuses_what_is_not_a_cursor(bad: object) -> None:
    with pytest.raises(ExportError, match="is not a cursor"):
        parse_since(bad)
    with pytest.raises(ExportError, match="naive datetime is ambiguous"):
        parse_since(dt.datetime(2024, 5, 1))


def test_the_next_cursor_is_the_newest_stamp_less_the_lag() -> None:
    assert cursor_after("2024-05-01 10:00:00", 300, None) == "2024-05-01 09:55:00"
    assert cursor_after("2024-05-01 10:00:00", 300, "2024-05-01 09:58:00") == "2024-05-01 09:58:00"
    assert cursor_after(None, 300, "2024-01-01 00:00:00") == "2024-01-01 00:00:00"
    assert cursor_after(None, 300, None) is None


def test_progress_rate_and_time_left() -> None:
    p = ExportProgress(rows=500, total=2000, elapsed=2.0)
    assert (p.rate, p.eta) == (250.0, 6.0)
    assert ExportProgress(0, None, 0.0).eta is None
    assert ExportProgress(0, 10, 0.0).rate == 0.0


def test_a_checkpoint_round_trips_and_refuses_another_export(tmp_path: Path) -> None:
    cp = Checkpoint("res.partner", [["a", "=", 1]], "csv", None, "2024-01-01 00:00:00",
                    [["id", "id", "int"], ["name", "name", "str"]], 42, {"bytes": 10})  # fmt: skip
    path = tmp_path / "x.checkpoint"
    cp.save(path)
    back = Checkpoint.load(path)
    assert back == cp
    assert back.schema().names == ["id", "name"]
    back.check("res.partner", (("a", "=", 1),), "csv", None, ["name"])
    back.check("res.partner", [["a", "=", 1]], "csv", None, ["id", "name", "name"])  # same
    with pytest.raises(ExportError, match=r"its model, format differ"):
        back.check("res.users", [["a", "=", 1]], "jsonl", None, None)
    with pytest.raises(ExportError, match=r"its fields differ"):
        back.check("res.partner", [["a", "=", 1]], "csv", None, ["name", "email"])
    path.write_text('{"version": 2}')
    with pytest.raises(ExportError, match="not a checkpoint this version can read"):
        Checkpoint.load(path)
    path.write_text("garbage")
    with pytest.raises(ExportError, match="remove it and its .partial output"):
        Checkpoint.load(path)
