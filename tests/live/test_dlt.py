"""The dlt source on the real servers: a pipeline into DuckDB run twice with creates,
changes and a delete in between; merge leaves one row per id with today's values."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import duckdb
import pytest

from aio_odoorpc_base import sync

from ..support.live_server import OdooTarget

dlt = pytest.importorskip("dlt")  # an extra; CI installs it (requirements-dev.txt)


def test_a_pipeline_run_twice_merges_changes(
    odoo: OdooTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aio_odoorpc_base.dlt import odoo_source

    monkeypatch.setenv("RUNTIME__DLTHUB_TELEMETRY", "false")
    monkeypatch.chdir(tmp_path)
    tag = f"aiodlt-{uuid.uuid4().hex[:8]}"
    with sync.OdooRPC(odoo.url, database=odoo.db, login=odoo.login, password=odoo.password) as c:
        partners = c["res.partner"]
        ids = partners.create_many([{"name": f"{tag} {i}", "ref": tag} for i in range(30)])
        time.sleep(1.1)  # write_date has seconds: the marker is the newest, alone
        ids += partners.create_many([{"name": f"{tag} marker", "ref": tag}])
        try:
            database = tmp_path / "warehouse.duckdb"
            pipeline = dlt.pipeline(
                pipeline_name=f"odoo_{odoo.version}",
                destination=dlt.destinations.duckdb(str(database)),
                dataset_name="odoo",
                pipelines_dir=str(tmp_path / "pipelines"),
            )

            def source() -> object:
                return odoo_source(
                    odoo.root, database=odoo.db, login=odoo.login, password=odoo.password,
                    models=["res.partner"], fields={"res.partner": ["name", "ref", "parent_id"]},
                    domains={"res.partner": [["ref", "=", tag]]}, batch_size=7, lag=0,
                )  # fmt: skip

            pipeline.run(source())
            partners.write([ids[3]], {"name": f"{tag} changed", "parent_id": ids[0]})
            new = partners.create_many([{"name": f"{tag} new", "ref": tag}])
            partners.unlink([ids[4]])
            info = pipeline.run(source())
            assert not info.has_failed_jobs
            # incremental: the marker (at the cursor's second), the change and the new one
            assert pipeline.last_trace.last_normalize_info.row_counts["res_partner"] == 3
            with duckdb.connect(str(database), read_only=True) as con:
                rows = con.sql(
                    "SELECT id, name, parent_id, parent_id_name FROM odoo.res_partner ORDER BY id"
                ).fetchall()
            got = {r[0]: r[1:] for r in rows}
            assert len(rows) == len(got) == 32  # one row per id: merged, no duplicate
            assert got[ids[3]] == (f"{tag} changed", ids[0], f"{tag} 0")
            assert got[new[0]] == (f"{tag} new", None, None)
            assert ids[4] in got  # a deletion is not seen (Odoo keeps no tombstones)
            state = pipeline.state["sources"]["odoo"]["resources"]["res_partner"]
            assert state["cursor"] >= "2000-01-01 00:00:00"
        finally:
            partners.unlink(partners.search([["ref", "=", tag]]))
            os.environ.pop("RUNTIME__DLTHUB_TELEMETRY", None)


def test_a_source_is_refused_before_it_runs_when_its_models_do_not_add_up() -> None:
    from aio_odoorpc_base import errors
    from aio_odoorpc_base.dlt import odoo_source

    with pytest.raises(errors.ExportError, match="at least one model"):
        odoo_source("http://odoo.test", database="d", login="a", password="p", models=[])
    with pytest.raises(errors.ExportError, match=r"given for \['sale.order'\], which are not"):
        odoo_source("http://odoo.test", database="d", login="a", password="p",
                    models=["res.partner"], domains={"sale.order": []})  # fmt: skip
