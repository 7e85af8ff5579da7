"""The real-Odoo fixtures of aio_odoorpc_base.testing (``real_odoo``, ``odoo_backend``), run
as a user runs them: an inner pytest session (pytester, in a subprocess) on a test module
that uses them, against each real server of the suite, named by its URL and master
password, then started from its Odoo tree by the fixture itself. Afterwards the server
must be as it was: the module's database and the template the fixture made are gone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aio_odoorpc_base import sync
from aio_odoorpc_base.builtin import BuiltinClient

from ..support.live_server import _HARNESS, OdooTarget

INNER = """
import json, os
from pathlib import Path


def test_the_same_answer_on_both(odoo_backend):
    with odoo_backend.client() as odoo:
        partners = odoo["res.partner"]
        company = partners.create({"name": "Inner Co", "is_company": True})
        person = partners.create({"name": "Ann", "parent_id": company})
        [row] = partners.read([person], ["display_name", "commercial_partner_id"])
        assert row["display_name"] == "Inner Co, Ann"
        assert row["commercial_partner_id"] == [company, "Inner Co"]
    seen = {"db": odoo_backend.database, "version": str(odoo_backend.version)}
    Path(os.environ["AIOTEST_INNER_OUT"], odoo_backend.kind).write_text(json.dumps(seen))


def test_one_database_per_module(real_odoo):
    with real_odoo.client() as odoo:  # the other test's partner is here
        assert odoo["res.partner"].search_count([["name", "=", "Inner Co"]]) == 1
"""


def _inner(pytester: pytest.Pytester, out: Path, *options: str) -> dict[str, dict[str, str]]:
    pytester.makepyfile(test_inner=INNER)
    saved = dict(os.environ)
    os.environ["AIOTEST_INNER_OUT"] = str(out)
    if "COV_CORE_DATAFILE" in os.environ:  # the outer run measures the inner session,
        os.environ["COV_CORE_BRANCH"] = "enabled"  # with branches, as its own data
    try:
        result = pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:pytest_cov", *options,
            timeout=900,
        )  # fmt: skip
    finally:
        os.environ.clear()
        os.environ.update(saved)
    result.assert_outcomes(passed=3)
    return {kind: json.loads((out / kind).read_text()) for kind in ("fake", "real")}


def _databases(url: str) -> list[str]:
    with BuiltinClient() as http:
        return sync.list_databases(http, url)


def test_a_named_server_and_template(pytester: pytest.Pytester, odoo: OdooTarget,
                                     tmp_path: Path) -> None:  # fmt: skip
    master = odoo.need_master()
    seen = _inner(pytester, tmp_path, "--odoo-url", odoo.root, "--odoo-master-password",
                  master, "--odoo-template", odoo.db, "--odoo-login", odoo.login,
                  "--odoo-password", odoo.password)  # fmt: skip
    assert seen["real"]["db"].startswith("aiotest_test_inner_")
    assert int(seen["fake"]["version"].split(".")[0]) == odoo.version  # the fake follows
    left = _databases(odoo.url)
    assert seen["real"]["db"] not in left
    assert odoo.db in left  # the template, untouched
    assert not [d for d in left if d.startswith("aiotest_template_")]


def test_a_server_started_from_its_tree(pytester: pytest.Pytester, odoo: OdooTarget,
                                        tmp_path: Path) -> None:  # fmt: skip
    if not odoo.owned:
        pytest.skip("starts Odoo on the suite's own PostgreSQL: only for the suite's servers")
    flavour = _HARNESS.FLAVOURS[odoo.version]
    if odoo.version in _HARNESS.TREE_VERSIONS:
        odoo_bin = flavour.src() / "odoo-bin"
    else:  # Odoo 11 from PyPI: an odoo-bin is these two lines
        odoo_bin = tmp_path / "odoo-bin"
        odoo_bin.write_text("import odoo\nodoo.cli.main()\n")
    before = _databases(odoo.url)
    env = {"PGHOST": "127.0.0.1", "PGPORT": str(flavour.pg_port), "PGUSER": flavour.pg_role,
           "PGPASSWORD": flavour.pg_role}  # fmt: skip
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        seen = _inner(pytester, tmp_path, "--odoo-bin", str(odoo_bin), "--odoo-python",
                      str(flavour.python), "--odoo-addons", flavour.addons_path())  # fmt: skip
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert int(seen["fake"]["version"].split(".")[0]) == odoo.version
    assert _databases(odoo.url) == before  # its template and module database dropped
