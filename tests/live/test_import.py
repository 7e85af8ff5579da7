"""Imports through Odoo's load on the real servers: good rows loaded, each bad row named
with Odoo's message, the batches around it still committed; updates by database id and
by external id; the CLI's import with its report and rejects files."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from aio_odoorpc_base import aio, errors
from aio_odoorpc_base.cli._app import EXIT, cli

from ..support.live_server import OdooTarget

pytestmark = pytest.mark.anyio


@pytest.fixture
async def client(odoo: OdooTarget) -> AsyncIterator[aio.AsyncOdooRPC]:
    async with aio.AsyncOdooRPC(
        odoo.url, database=odoo.db, login=odoo.login, password=odoo.password
    ) as client:
        yield client


async def test_bad_rows_are_named_and_the_rest_is_loaded(
    client: aio.AsyncOdooRPC, odoo: OdooTarget
) -> None:
    tag = f"aioimp-{uuid.uuid4().hex[:8]}"
    partners = client["res.partner"]
    bad = {7: "bogus-type", 23: "no-such-company", 24: "bogus-type", 41: "bogus-type"}
    rows = []
    for i in range(50):
        rows.append([
            f"{tag} {i}", tag,
            "bogus" if bad.get(i) == "bogus-type" else "contact",
            "No Such Company " + tag if bad.get(i) == "no-such-company" else "",
        ])  # fmt: skip
    try:
        report = await partners.import_rows(
            ["name", "ref", "type", "parent_id"], rows, batch_size=20, concurrency=2
        )
        assert [r.row for r in report.failed] == sorted(bad)
        assert len(report.loaded) == 50 - len(bad)
        assert all(r.status == "created" and isinstance(r.id, int) for r in report.loaded)
        for r in report.failed:
            assert r.messages
            assert r.id is None
        refused_type = report.rows[7].messages[0]
        assert "type" in refused_type.lower() or "bogus" in refused_type
        assert "No Such Company" in " ".join(report.rows[23].messages)
        found = await partners.search_read([["ref", "=", tag]], ["name"], order="id asc")
        assert sorted(r["id"] for r in found) == sorted(r.id for r in report.loaded if r.id)
        assert str(report) == f"50 rows: 46 created, 0 updated, {len(bad)} refused"
        # updates: by database id, and by external id
        first = report.rows[0].id
        assert first is not None
        again = await partners.import_rows([".id", "name"], [[first, f"{tag} renamed"]])
        assert [(r.status, r.id) for r in again.rows] == [("updated", first)]
        row = [f"{tag.replace('-', '_')}", f"{tag} x", tag]  # module __import__ by default
        xml = await partners.import_rows(["id", "name", "ref"], [row])
        again = await partners.import_rows(["id", "name", "ref"], [[row[0], f"{tag} y", tag]])
        made = xml.rows[0].id
        assert made is not None
        assert [(r.status, r.id) for r in xml.rows + again.rows] == [
            ("created", made), ("updated", made),
        ]  # fmt: skip
        assert (await partners.read([made], ["name"]))[0]["name"] == f"{tag} y"
        assert (await partners.read([first], ["name"]))[0]["name"] == f"{tag} renamed"
    finally:
        await partners.unlink(await partners.search([["ref", "=", tag]]))


async def test_a_row_of_the_wrong_length_is_refused_before_anything_is_sent(
    client: aio.AsyncOdooRPC,
) -> None:
    with pytest.raises(errors.ExportError, match="row 1 has 1 values for 2 fields"):
        await client["res.partner"].import_rows(["name", "ref"], [["a", "b"], ["c"]])


def test_the_cli_import_writes_a_report_and_the_rejects(odoo: OdooTarget, tmp_path: Path) -> None:
    tag = f"aioimpcli-{uuid.uuid4().hex[:8]}"
    source = tmp_path / "in.csv"
    with source.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "ref", "type"])
        writer.writerows([[f"{tag} {i}", tag, "bogus" if i == 3 else "contact"] for i in range(6)])
    env = {"AIO_ODOO_URL": odoo.root, "AIO_ODOO_DB": odoo.db, "AIO_ODOO_LOGIN": odoo.login,
           "AIO_ODOO_PASSWORD": odoo.password, "AIO_ODOO_CONFIG": "/nonexistent",
           "AIO_ODOO_API_KEY": ""}  # fmt: skip
    try:
        got = CliRunner().invoke(
            cli,
            ["import", "res.partner", str(source), "--report", str(tmp_path / "report.jsonl"),
             "--rejects", str(tmp_path / "rejects.csv"), "--batch-size", "4"],
            env=env,
        )  # fmt: skip
        assert got.exit_code == EXIT["odoo"], got.stderr
        assert "6 rows: 5 created, 0 updated, 1 refused" in got.stderr
        report = [json.loads(x) for x in (tmp_path / "report.jsonl").read_text().splitlines()]
        assert [r["status"] for r in report] == ["created"] * 3 + ["failed"] + ["created"] * 2
        with (tmp_path / "rejects.csv").open(newline="") as f:
            rejects = list(csv.DictReader(f))
        assert [(r["name"], r["type"]) for r in rejects] == [(f"{tag} 3", "bogus")]
        assert rejects[0]["error"]
    finally:
        ids = odoo.call("res.partner", "search", [["ref", "=", tag]])
        odoo.call("res.partner", "unlink", ids)
