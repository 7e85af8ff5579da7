"""How an import narrows Odoo's refusals down to rows, with a scripted ``load``: rows
named by ``record`` or ``rows``, refusals that name no row (halved until alone), warnings,
a failing call (ImportInterrupted with the report), and what cannot be imported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from aio_odoorpc_base import errors
from aio_odoorpc_base._data.loading import as_cells, row_errors
from aio_odoorpc_base._sync.importer import run_import


class Model:
    """A model whose ``load`` refuses the rows ``judge`` says, as Odoo: ids False and
    one message per refused row (or one unnamed message when ``named`` is False)."""

    name = "res.partner"

    def __init__(self, judge: Callable[[list[str]], str | None], named: bool = True) -> None:
        self.judge = judge
        self.named = named
        self.calls: list[int] = []
        self.next_id = 100

    def call(self, method: str, fields: list[str], data: list[list[str]], **kw: Any) -> Any:
        assert method == "load"
        self.calls.append(len(data))
        verdicts = [self.judge(row) for row in data]
        bad = [(n, v) for n, v in enumerate(verdicts) if v]
        if bad:
            if not self.named:
                return {"ids": False, "messages": [{"type": "error", "message": bad[0][1]}]}
            return {"ids": False, "messages": [
                {"type": "error", "message": v, "rows": {"from": n, "to": n}, "record": n,
                 "field": "name"} for n, v in bad
            ]}  # fmt: skip
        ids = list(range(self.next_id, self.next_id + len(data)))
        self.next_id += len(data)
        warnings = [{"type": "warning", "message": "odd", "record": 0}] if data else []
        return {"ids": ids, "messages": warnings}


def _rows(n: int) -> list[list[Any]]:
    return [[f"p{i}", i % 2 == 0, None] for i in range(n)]


def test_named_rows_are_set_aside_and_the_batch_loaded_again() -> None:
    model = Model(lambda row: "bad name" if row[0] in ("p3", "p8") else None)
    report = run_import(model, ["name", "is_company", "ref"], _rows(10), batch_size=6)  # type: ignore[arg-type]
    assert [r.row for r in report.failed] == [3, 8]
    assert report.rows[3].messages == ["name: bad name"]
    assert [r.status for r in report.loaded] == ["created"] * 8
    assert model.calls == [6, 5, 4, 3]  # each batch: refused once, then loaded without
    assert report.rows[0].messages == ["odd"]  # a warning stays with its row
    assert report.ids[3] is None
    assert str(report) == "10 rows: 8 created, 0 updated, 2 refused"


def test_a_refusal_that_names_no_row_is_halved_until_the_row_is_alone() -> None:
    model = Model(lambda row: "constraint" if row[0] == "p5" else None, named=False)
    report = run_import(model, ["name", "is_company", "ref"], _rows(8), batch_size=8)  # type: ignore[arg-type]
    assert [(r.row, r.messages) for r in report.failed] == [(5, ["constraint"])]
    assert len(report.loaded) == 7
    assert model.calls == [8, 4, 4, 2, 1, 1, 2]  # 0-3 pass; 4-7: 4-5 (4, 5), 6-7


def test_updates_by_database_id_say_updated() -> None:
    model = Model(lambda row: None)
    report = run_import(model, [".id", "name"], [[7, "a"], ["", "b"]])  # type: ignore[arg-type]
    assert [r.status for r in report.rows] == ["updated", "created"]


def test_a_failing_call_raises_with_the_report_so_far() -> None:
    calls = 0

    def judge(row: list[str]) -> str | None:
        return None

    model = Model(judge)
    original = model.call

    def flaky(*args: Any, **kw: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise errors.ConnectError("down")
        return original(*args, **kw)

    model.call = flaky  # type: ignore[method-assign]
    with pytest.raises(errors.ImportInterrupted) as info:
        run_import(model, ["name", "is_company", "ref"], _rows(9), batch_size=3)  # type: ignore[arg-type]
    statuses = [r.status for r in info.value.report.rows]
    assert statuses == ["created"] * 3 + ["pending"] * 3  # rows 6-8 were not read yet
    assert isinstance(info.value.__cause__, errors.ConnectError)
    assert "3 rows loaded, 0 refused, 3 not loaded (see .report; later rows" in str(info.value)


def test_what_cannot_be_imported_is_refused_before_any_call() -> None:
    model = Model(lambda row: None)
    for fields, rows, says in [
        (["a", "a"], [["x", "y"]], "each column once"),
        ([], [], "each column once"),
        (["a"], ["text"], "row 0 is not a sequence"),
        (["a", "b"], [["x"]], "row 0 has 1 values for 2 fields"),
    ]:
        with pytest.raises(errors.ExportError, match=says):
            run_import(model, fields, rows)  # type: ignore[arg-type]
    with pytest.raises(errors.ExportError, match="at least 1"):
        run_import(model, ["a"], [], batch_size=0)  # type: ignore[arg-type]
    assert model.calls == []


def test_mismatched_ids_and_odd_answers() -> None:
    class Subrows(Model):
        def call(self, method: str, fields: list[str], data: list[list[str]], **kw: Any) -> Any:
            return {"ids": [1], "messages": []}

    with pytest.raises(errors.ImportInterrupted) as info:
        run_import(Subrows(lambda r: None), ["a"], [["x"], ["y"]])  # type: ignore[arg-type]
    assert "gave 1 ids for 2 rows" in str(info.value.cause)
    with pytest.raises(errors.ExportError, match="not {'ids'"):
        row_errors(["not", "a", "mapping"], 1)
    refused, notes = row_errors({"messages": ["junk", {"type": "error", "message": "x",
                                                       "rows": {"from": 0}}]}, 2)  # fmt: skip
    assert (refused, notes) == ({0: ["x"]}, {0: ["x"]})
    assert as_cells([None, True, False, [1, 2], {"a": 1}, 1.5], 6, 0) == [
        "", "1", "0", "1,2", '{"a": 1}', "1.5",
    ]  # fmt: skip


def test_a_lone_row_refused_without_message() -> None:
    class Silent(Model):
        def call(self, method: str, fields: list[str], data: list[list[str]], **kw: Any) -> Any:
            return {"ids": False, "messages": []}

    report = run_import(Silent(lambda r: None), ["a"], [["x"]])  # type: ignore[arg-type]
    assert report.rows[0].messages == ["refused by Odoo with no message"]
    assert not report.ok


def test_external_ids_say_created_or_updated_and_loaded_when_unknowable() -> None:
    class Client:
        def __init__(self, existing: list[dict[str, str]] | Exception) -> None:
            self.existing = existing
            self.asked: list[Any] = []

        def call(self, model: str, method: str, domain: Any, fields: Any) -> Any:
            self.asked.append((model, method, domain))
            if isinstance(self.existing, Exception):
                raise self.existing
            return self.existing

    model = Model(lambda row: None)
    model.client = Client([{"module": "__import__", "name": "a"}])  # type: ignore[attr-defined]
    report = run_import(model, ["id", "name"], [["a", "x"], ["mod.b", "y"], ["", "z"]])  # type: ignore[arg-type]
    assert [r.status for r in report.rows] == ["updated", "created", "created"]
    assert model.client.asked == [(  # type: ignore[attr-defined]
        "ir.model.data", "search_read",
        [["model", "=", "res.partner"], ["module", "in", ["", "__import__", "mod"]],
         ["name", "in", ["a", "b"]]],
    )]  # fmt: skip
    model.client = Client(errors.AccessError("no"))  # type: ignore[attr-defined]
    report = run_import(model, ["id", "name"], [["a", "x"]])  # type: ignore[arg-type]
    assert [r.status for r in report.rows] == ["loaded"]
    assert str(report) == "1 rows: 0 created, 0 updated, 1 loaded, 0 refused"
    assert report.ok
