"""The aio-odoo command line end to end on the real Odoo 11 and 19: click's runner for
the commands and their failures (test_cli_terminal.py runs it in a real terminal)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aio_odoorpc_base.cli._app import EXIT, cli

from ..support.live_server import OdooTarget, drop_quietly


def run(odoo: OdooTarget, *args: str, env: dict[str, str] | None = None) -> Result:
    """aio-odoo against ``odoo`` as its admin; no terminal, so nothing is asked."""
    base = {
        "AIO_ODOO_URL": odoo.root,
        "AIO_ODOO_DB": odoo.db,
        "AIO_ODOO_LOGIN": odoo.login,
        "AIO_ODOO_PASSWORD": odoo.password,
        "AIO_ODOO_CONFIG": "/nonexistent/profiles.ini",
        "AIO_ODOO_API_KEY": "",
        "AIO_ODOO_MASTER_PASSWORD": odoo.master_password or "",
    }
    result = CliRunner().invoke(cli, list(args), env={**base, **(env or {})})
    secrets = [s for s in (odoo.password, odoo.master_password, odoo.api_key) if s]
    for secret in secrets:
        if len(secret) > 5:  # "admin" is also a login: only real secrets are checked
            assert secret not in result.output
            assert secret not in result.stderr
    return result


@pytest.fixture
def partners(odoo: OdooTarget) -> Iterator[tuple[str, list[int]]]:
    tag = odoo.unique("aiotest_cli")
    ids = [odoo.call("res.partner", "create", {"name": f"{tag} {n}", "ref": tag}) for n in "abc"]
    yield tag, ids
    odoo.call("res.partner", "unlink", ids)


def test_info_and_login(odoo: OdooTarget) -> None:
    result = run(odoo, "info", "--format", "json")
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["version"].startswith(f"{odoo.version}.")
    assert (info["json2"], info["db_service"]) == (odoo.version >= 19, odoo.version < 20)
    if odoo.can_list:
        assert odoo.db in info["databases"]
    result = run(odoo, "login")
    assert (result.exit_code, result.stdout.strip()) == (0, str(odoo.uid))


def test_call(odoo: OdooTarget, partners: tuple[str, list[int]]) -> None:
    tag, ids = partners
    result = run(odoo, "call", "res.partner", "search_count", json.dumps([[["ref", "=", tag]]]))
    assert (result.exit_code, json.loads(result.stdout)) == (0, 3)
    result = run(
        odoo, "call", "res.partner", "write", "--ids", f"{ids[0]},{ids[1]}",
        json.dumps([{"comment": "via the CLI"}]),
    )  # fmt: skip
    assert (result.exit_code, json.loads(result.stdout)) == (0, True)
    comments = odoo.call("res.partner", "read", ids, ["comment"])
    assert [bool(c["comment"]) for c in comments] == [True, True, False]


def test_search_read_in_every_format(
    odoo: OdooTarget, partners: tuple[str, list[int]], tmp_path: Path
) -> None:
    tag, ids = partners
    domain = json.dumps([["ref", "=", tag]])
    names = [f"{tag} {n}" for n in "abc"]
    got = run(
        odoo, "search-read", "res.partner", domain, "--fields", "name,ref", "--format", "json"
    )
    assert got.exit_code == 0, got.stderr
    expected = [{"id": i, "name": n, "ref": tag} for i, n in zip(ids, names, strict=True)]
    assert json.loads(got.stdout) == expected
    # paged by id, two per page, into a file
    out = tmp_path / "p.jsonl"
    got = run(odoo, "search-read", "res.partner", domain, "--fields", "name", "--format",
              "jsonl", "--page-size", "2", "-o", str(out))  # fmt: skip
    assert got.exit_code == 0, got.stderr
    assert [json.loads(line)["name"] for line in out.read_text().splitlines()] == names
    assert "3 records written" in got.stderr
    got = run(odoo, "search-read", "res.partner", domain, "--fields", "name", "--format", "csv",
              "--order", "name desc", "--limit", "2")  # fmt: skip
    assert list(csv.DictReader(io.StringIO(got.stdout))) == [
        {"id": str(i), "name": n} for i, n in zip(ids[::-1][:2], names[::-1][:2], strict=True)
    ]
    got = run(odoo, "search-read", "res.partner", domain, "--fields", "name")
    assert got.exit_code == 0
    assert all(n in got.stdout for n in names)  # the table


def test_export_then_what_changed_since(
    odoo: OdooTarget, partners: tuple[str, list[int]], tmp_path: Path
) -> None:
    tag, ids = partners
    domain = json.dumps([["ref", "=", tag]])
    out = tmp_path / "p.csv"
    got = run(odoo, "export", "res.partner", domain, "-o", str(out), "--fields", "name,parent_id",
              "--lag", "0")  # fmt: skip
    assert got.exit_code == 0, got.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(int(r["id"]), r["parent_id"], r["parent_id_name"]) for r in rows] == [
        (i, "", "") for i in ids
    ]
    cursor = got.stdout.strip()
    odoo.call("res.partner", "write", [ids[1]], {"name": f"{tag} changed"})
    changed = tmp_path / "c.jsonl"
    got = run(odoo, "export", "res.partner", domain, "-o", str(changed), "--fields", "name",
              "--since", cursor)  # fmt: skip
    assert got.exit_code == 0, got.stderr
    names = {json.loads(x)["id"]: x for x in changed.read_text().splitlines()}
    assert ids[1] in names  # at least the change (the cursor's own second comes again)
    assert f"{tag} changed" in names[ids[1]]


def test_an_export_killed_with_sigkill_resumes(odoo: OdooTarget, tmp_path: Path) -> None:
    """A real kill (SIGKILL, no clean-up) half-way through, then the same command again:
    every record once, in id order, as search_read gives them."""
    tag = odoo.unique("aiotest_kill")
    ids = [odoo.call("res.partner", "create", {"name": f"{tag} {i:03d}", "ref": tag})
           for i in range(120)]  # fmt: skip
    out = tmp_path / "p.jsonl"
    env = {**os.environ, "AIO_ODOO_URL": odoo.root, "AIO_ODOO_DB": odoo.db,
           "AIO_ODOO_LOGIN": odoo.login, "AIO_ODOO_PASSWORD": odoo.password,
           "AIO_ODOO_CONFIG": "/nonexistent", "AIO_ODOO_API_KEY": ""}  # fmt: skip
    command = [sys.executable, "-m", "aio_odoorpc_base", "export", "res.partner",
               json.dumps([["ref", "=", tag]]), "-o", str(out), "--fields", "name",
               "--resume", "--batch-size", "10", "--concurrency", "1"]  # fmt: skip
    checkpoint = tmp_path / "p.jsonl.checkpoint"
    try:
        slow = subprocess.Popen([*command, "--max-rate", "8"], env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if checkpoint.exists() and json.loads(checkpoint.read_text())["last_id"] > ids[30]:
                break
            time.sleep(0.05)
        slow.send_signal(signal.SIGKILL)
        slow.wait()
        assert not out.exists()
        assert (tmp_path / "p.jsonl.partial").exists()
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "(resumed)" in done.stderr
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert [r["id"] for r in rows] == ids
        assert [r["name"] for r in rows] == [f"{tag} {i:03d}" for i in range(120)]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jsonl"]
    finally:
        odoo.call("res.partner", "unlink", ids)


def test_failures_are_one_line_with_an_exit_code(odoo: OdooTarget) -> None:
    wrong = run(odoo, "login", env={"AIO_ODOO_PASSWORD": "wrong-password"})
    assert wrong.exit_code == EXIT["auth"]
    assert wrong.stderr.startswith("error: AccessDenied")
    assert "hint:" in wrong.stderr
    missing = run(odoo, "search-read", "no.such.model")
    assert missing.exit_code == EXIT["not_found"]
    assert missing.stderr.splitlines()[0].startswith("error: ModelNotFound")
    no_db = run(odoo, "login", env={"AIO_ODOO_DB": "aiotest_no_such_db"})
    assert no_db.exit_code == EXIT["not_found"]  # by the error's class, on every version
    assert no_db.stderr.startswith("error: DatabaseNotFound: ")
    bad_json = run(odoo, "search-read", "res.partner", "[not json")
    assert bad_json.exit_code == EXIT["usage"]
    assert "not JSON" in bad_json.stderr
    debug = run(odoo, "--debug", "call", "res.partner", "search", json.dumps([[["nope", "=", 1]]]))
    assert debug.exit_code == EXIT["odoo"]
    assert "Traceback" in debug.stderr or odoo.version < 12
    down = run(odoo, "info", env={"AIO_ODOO_URL": "http://127.0.0.1:9"})
    assert down.exit_code == EXIT["connection"]
    assert "ConnectError" in down.stderr


def test_db_list_and_exists(odoo: OdooTarget) -> None:
    if not odoo.can_list:
        pytest.skip("this server does not list its databases")
    for via in ("web", "db"):
        listed = run(odoo, "db", "--via", via, "list")
        assert listed.exit_code == 0, listed.stderr
        assert odoo.db in listed.stdout.split()
    assert run(odoo, "db", "exists", odoo.db).exit_code == 0
    assert run(odoo, "db", "exists", "aiotest_no_such_db").exit_code == EXIT["not_found"]


def test_backup_restore_round_trip(odoo: OdooTarget, tmp_path: Path) -> None:
    odoo.need_db_management()
    restored = odoo.unique()
    archive = tmp_path / "backup.zip"
    try:
        backup = run(odoo, "db", "backup", odoo.db, "-o", str(archive))
        assert backup.exit_code == 0, backup.stderr
        assert "dump.sql" in zipfile.ZipFile(archive).namelist()
        assert f"{archive.stat().st_size} bytes written" in backup.stderr
        restore = run(odoo, "db", "restore", str(archive), restored, "--copy")
        assert restore.exit_code == 0, restore.stderr
        assert run(odoo, "db", "exists", restored).exit_code == 0
        login = run(odoo, "login", env={"AIO_ODOO_DB": restored})
        assert login.stdout.strip() == str(odoo.uid)
        refused = run(odoo, "db", "drop", restored)  # no terminal, no --yes: nothing done
        assert refused.exit_code == EXIT["declined"]
        assert run(odoo, "db", "exists", restored).exit_code == 0
        dropped = run(odoo, "db", "drop", restored, "--yes")
        assert dropped.exit_code == 0, dropped.stderr
        assert run(odoo, "db", "exists", restored).exit_code == EXIT["not_found"]
    finally:
        drop_quietly(odoo, restored)


def test_duplicate_rename_drop_over_the_db_service(odoo: OdooTarget) -> None:
    odoo.need_db_management()
    copy, renamed = odoo.unique(), odoo.unique()
    try:
        made = run(odoo, "db", "--via", "db", "duplicate", odoo.db, copy)
        assert made.exit_code == 0, made.stderr
        moved = run(odoo, "db", "rename", copy, renamed, "--yes")
        assert moved.exit_code == 0, moved.stderr
        assert run(odoo, "db", "exists", copy).exit_code == EXIT["not_found"]
        dropped = run(odoo, "db", "--via", "db", "drop", renamed, "--yes")
        assert dropped.exit_code == 0, dropped.stderr
        gone = run(odoo, "db", "drop", renamed, "--yes")
        assert gone.exit_code == EXIT["not_found"]
    finally:
        drop_quietly(odoo, copy, renamed)


def test_a_refused_master_password(odoo: OdooTarget, tmp_path: Path) -> None:
    odoo.need_wrong_master_probe()
    out = tmp_path / "never.zip"
    result = run(odoo, "db", "backup", "-o", str(out),
                 env={"AIO_ODOO_MASTER_PASSWORD": "not-the-master-password"})  # fmt: skip
    assert result.exit_code == EXIT["auth"], result.stderr
    assert not out.exists()
    assert "not-the-master-password" not in result.stderr
