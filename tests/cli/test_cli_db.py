"""aio-odoo's db commands down to the library call they make (the library functions are
replaced by recorders), the path each takes (db service or /web/database), and how every
kind of failure is reported; tests/live/test_cli.py runs them on the real servers."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from aio_odoorpc_base import errors, sync
from aio_odoorpc_base.cli import _app
from aio_odoorpc_base.cli._app import EXIT, cli
from aio_odoorpc_base.types import ServerInfo

INFO = ServerInfo(version="17.0", version_info=(17, 0, 0, "final", 0, ""), jsonrpc=True,
                  json2=False, db_service=True, web_database=True, list_db=True,
                  databases=("prod", "staging"))  # fmt: skip
NO_WEB = ServerInfo(version="19.0", version_info=(19, 0, 0, "final", 0, ""), jsonrpc=True,
                    json2=True, db_service=True, web_database=False, list_db=True,
                    databases=None)  # fmt: skip
ENV = {"AIO_ODOO_URL": "http://odoo.test", "AIO_ODOO_MASTER_PASSWORD": "m4ster-secret",
       "AIO_ODOO_PASSWORD": "adm1n-secret", "AIO_ODOO_CONFIG": "/nonexistent/p.ini",
       "AIO_ODOO_DB": "", "AIO_ODOO_API_KEY": "", "AIO_ODOO_PROFILE": ""}  # fmt: skip


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """The sync functions the CLI calls, replaced by recorders."""
    seen: list[tuple[str, dict[str, Any]]] = []

    def recorder(name: str, result: Any) -> Callable[..., Any]:
        def record(http: Any, url: str, **kw: Any) -> Any:
            seen.append((name, {"url": url, **kw}))
            if callable(result):
                return result(**kw)
            return result

        return record

    def backup(**kw: Any) -> int:
        kw["progress"](10, None)
        Path(kw["backup_file"]).write_bytes(b"PK" * 5)
        return 10

    results = {
        "server_info": lambda **kw: INFO,
        "web_list_databases": ["prod", "staging"],
        "list_databases": ["prod", "staging"],
        "db_exist": True,
        "web_create_database": None,
        "create_database": True,
        "web_duplicate_database": None,
        "duplicate_database": True,
        "rename_database": True,
        "web_drop_database": None,
        "drop_database": False,
        "web_backup_database": backup,
        "web_restore_database": lambda **kw: kw["progress"](4, 4),
        "web_change_password": None,
        "change_admin_password": True,
    }
    for name, result in results.items():
        monkeypatch.setattr(sync, name, recorder(name, result))
    return seen


def run(*args: str, **env: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={**ENV, **env})


def names(seen: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [n for n, _ in seen if n != "server_info"]


def test_create_both_ways(calls: list[tuple[str, dict[str, Any]]]) -> None:
    refused = run("db", "create", "new")  # never the login password (AIO_ODOO_PASSWORD)
    assert refused.exit_code == EXIT["usage"]
    assert "set AIO_ODOO_NEW_ADMIN_PASSWORD" in refused.stderr
    made = run(
        "db", "create", "new", "--country", "BE", "--demo", AIO_ODOO_NEW_ADMIN_PASSWORD="n3w"
    )
    assert made.exit_code == 0, made.stderr
    name, kw = calls[-1]
    assert name == "web_create_database"
    assert (kw["name"], kw["master_pwd"], kw["password"]) == (
        "new",
        "m4ster-secret",
        "n3w",
    )
    assert (kw["country_code"], kw["demo"], kw["timeout"]) == ("BE", True, 1800)
    assert run("db", "--via", "db", "create", "new", AIO_ODOO_NEW_ADMIN_PASSWORD="n").exit_code == 0
    assert calls[-1][0] == "create_database"
    assert calls[-1][1]["user_password"] == "n"


def test_duplicate_rename_drop(calls: list[tuple[str, dict[str, Any]]]) -> None:
    assert run("db", "duplicate", "prod", "copy", "--neutralize").exit_code == 0
    assert calls[-1][1]["neutralize_database"] is True
    assert run("db", "--via", "db", "duplicate", "prod", "copy").exit_code == 0
    assert run("db", "rename", "copy", "copy2", "--yes").exit_code == 0
    refused = run("db", "--via", "web", "rename", "a", "b", "--yes")
    assert refused.exit_code == EXIT["usage"]
    assert "cannot rename" in refused.stderr
    assert run("db", "drop", "staging", "--yes").exit_code == 0
    missing = run("db", "drop", "nope", "--yes")
    assert missing.exit_code == EXIT["not_found"]
    gone = run("db", "--via", "db", "drop", "staging", "--yes")  # drop_database said False
    assert gone.exit_code == EXIT["not_found"]
    assert names(calls) == [
        "web_duplicate_database", "duplicate_database", "rename_database",
        "web_list_databases", "web_drop_database", "web_list_databases", "drop_database",
    ]  # fmt: skip


def test_backup_restore_and_password(
    calls: list[tuple[str, dict[str, Any]]], tmp_path: Path
) -> None:
    out = tmp_path / "b.zip"
    done = run("--progress", "db", "backup", "prod", "-o", str(out), "--format", "dump",
               "--no-filestore")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert calls[-1][1]["backup_format"] == "dump"
    assert calls[-1][1]["filestore"] is False
    assert "10 bytes written" in done.stderr
    here = Path.cwd()
    try:
        os.chdir(tmp_path)
        named = run("db", "backup", "prod")  # no -o: NAME_YYYYMMDD_HHMMSS.zip, here
    finally:
        os.chdir(here)
    assert named.exit_code == 0, named.stderr
    assert re.fullmatch(r"prod_\d{8}_\d{6}\.zip", calls[-1][1]["backup_file"].name)
    assert (tmp_path / calls[-1][1]["backup_file"].name).exists()
    assert run("db", "restore", str(out), "copy", "--copy", "--neutralize").exit_code == 0
    assert (calls[-1][1]["copy"], calls[-1][1]["neutralize_database"]) == (True, True)
    assert run("db", "--via", "db", "restore", str(out), "x").exit_code == EXIT["usage"]
    no_new = run("db", "change-password", "--yes")
    assert no_new.exit_code == EXIT["usage"]
    assert "AIO_ODOO_NEW_MASTER_PASSWORD" in no_new.stderr
    changed = run("db", "change-password", "--yes", AIO_ODOO_NEW_MASTER_PASSWORD="n3w-secret")
    assert changed.exit_code == 0
    assert calls[-1][1]["master_pwd_new"] == "n3w-secret"
    for shown in (done, changed):
        assert "m4ster-secret" not in shown.stderr + shown.stdout


def test_the_db_service_when_there_are_no_web_routes(
    calls: list[tuple[str, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "server_info", lambda *a, **kw: NO_WEB)
    assert run("db", "list").stdout.split() == ["prod", "staging"]
    assert run("db", "exists", "prod").exit_code == 0
    assert run("db", "change-password", "--yes", AIO_ODOO_NEW_MASTER_PASSWORD="n").exit_code == 0
    assert names(calls) == ["list_databases", "db_exist", "change_admin_password"]


def test_info_as_a_table(calls: list[tuple[str, dict[str, Any]]]) -> None:
    shown = run("info")
    assert "version       17.0" in shown.stdout
    assert "databases     prod, staging" in shown.stdout


def _missing_db() -> errors.ServerError:
    message = 'FATAL:  database "x" does not exist\n'  # as Odoo 11 to 19 answer it
    cls = errors.lookup("psycopg2.OperationalError", message=message)
    assert cls is errors.DatabaseNotFound
    return cls(message, name="psycopg2.OperationalError")


@pytest.mark.parametrize(
    ("exc", "code", "hint"),
    [
        (errors.DatabaseNotSelected("x", status_code=404), EXIT["not_found"], "--database"),
        (errors.ConnectError("refused"), EXIT["connection"], "server up"),
        (errors.HTTPStatusError("x", status_code=404), EXIT["connection"], "root URL"),
        (errors.HTTPStatusError("x", status_code=502), EXIT["connection"], ""),
        (errors.AccessDenied("no"), EXIT["auth"], "AIO_ODOO_PASSWORD"),
        (errors.ModelNotFound("x"), EXIT["not_found"], "technical name"),
        (_missing_db(), EXIT["not_found"], "db list"),
        (errors.DatabaseError('relation "x" does not exist'), EXIT["odoo"], ""),  # by class
        (errors.ExportError("unknown format"), EXIT["usage"], ""),
        (errors.ValidationError("x"), EXIT["odoo"], ""),
        (errors.SessionConflict("x", status_code=403), EXIT["auth"], ""),
    ],
)
def test_exit_codes_and_hints(exc: Exception, code: int, hint: str) -> None:
    assert _app._exit_code(exc) == code
    assert hint in _app._hint(exc)
    assert bool(_app._hint(exc)) == bool(hint)


def test_without_the_cli_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from aio_odoorpc_base import cli as package

    monkeypatch.delitem(sys.modules, "aio_odoorpc_base.cli._app")
    monkeypatch.setitem(sys.modules, "click", None)
    with pytest.raises(SystemExit) as stop:
        package.main(["--help"])
    assert stop.value.code == 2
