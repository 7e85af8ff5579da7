"""The real Odoo server for the ``odoo`` tests.

Without ``ODOO_URL`` the session starts the local Odoo 11 of ``scripts/odoo_server.py``
(installing it on first use) and stops it at the end if it started it. With ``ODOO_URL``
(and ``ODOO_DB``, ``ODOO_LOGIN``, ``ODOO_PASSWORD``, optionally ``ODOO_MASTER_PASSWORD``)
the same tests run against that server, skipping only what it cannot do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import errors, sync

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "scripts" / "odoo_server.py"
SESSION_DB = "aiotest"


def plain_poster(url: str, payload: dict[str, Any]) -> Any:
    req = urllib.request.Request(
        url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=600) as resp:
        return json.loads(resp.read())


@dataclass
class OdooTarget:
    url: str
    db: str
    login: str
    password: str
    uid: int
    master_password: str | None
    version: int
    can_list: bool

    def need_master(self) -> str:
        if self.master_password is None:
            pytest.skip("no master password for this server (set ODOO_MASTER_PASSWORD)")
        return self.master_password

    def need_db_management(self) -> str:
        if not self.can_list:
            pytest.skip("this server refuses database management (list_db = False)")
        return self.need_master()

    def unique(self, prefix: str = "aiotest") -> str:
        return f"{prefix}_{uuid.uuid4().hex[:10]}"

    def call(self, obj: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """A sync execute_kw as the admin user, for fixtures."""
        return sync.execute_kw(
            plain_poster,
            self.url,
            db=self.db,
            uid=self.uid,
            password=self.password,
            obj=obj,
            method=method,
            args=list(args),
            kwargs=kwargs or None,
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).name.startswith("test_live"):
            item.add_marker(pytest.mark.odoo)


def _harness(*args: str) -> None:
    subprocess.run([sys.executable, str(HARNESS), *args], check=True)


@pytest.fixture(scope="session")
def odoo() -> Iterator[OdooTarget]:
    url = os.environ.get("ODOO_URL")
    started = False
    if url:
        db = os.environ["ODOO_DB"]
        login = os.environ.get("ODOO_LOGIN", "admin")
        password = os.environ["ODOO_PASSWORD"]
        master = os.environ.get("ODOO_MASTER_PASSWORD")
    else:
        proc = subprocess.run([sys.executable, str(HARNESS), "status"], capture_output=True)
        if proc.returncode != 0:
            _harness("up", "--db", SESSION_DB)
            started = not os.environ.get("ODOO_KEEP")
        else:
            _harness("up", "--db", SESSION_DB)
        url = "http://127.0.0.1:{}/jsonrpc".format(os.environ.get("ODOO_TEST_HTTP_PORT", "8069"))
        db, login, password, master = SESSION_DB, "admin", "admin", "admin"
    info = sync.version(plain_poster, url)
    uid = sync.login(plain_poster, url, db=db, login=login, password=password)
    assert uid, f"cannot log in to {db} as {login}"
    try:
        sync.list_databases(plain_poster, url)
        can_list = True
    except errors.AccessDenied:
        can_list = False
    target = OdooTarget(
        url,
        db,
        login,
        password,
        uid,
        master,
        int(info["server_version_info"][0]),
        can_list,
    )
    try:
        yield target
    finally:
        if started:
            _harness("down")


@dataclass
class OtherUser:
    login: str
    password: str
    uid: int


@pytest.fixture(scope="session")
def portal_user(odoo: OdooTarget) -> Iterator[OtherUser]:
    """A portal user (no back-office rights), created for this session."""
    login = odoo.unique("portal")
    group = odoo.call(
        "ir.model.data",
        "search_read",
        [["module", "=", "base"], ["name", "=", "group_portal"]],
        fields=["res_id"],
    )[0]["res_id"]
    user_fields = odoo.call("res.users", "fields_get", attributes=["type"])
    groups_field = "group_ids" if "group_ids" in user_fields else "groups_id"
    uid = odoo.call(
        "res.users",
        "create",
        {
            "name": f"Portal {login}",
            "login": login,
            "password": login,
            groups_field: [[6, 0, [group]]],
        },
    )
    try:
        yield OtherUser(login, login, uid)
    finally:
        odoo.call("res.users", "write", [uid], {"active": False})
