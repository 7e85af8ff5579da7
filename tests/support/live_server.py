"""The real Odoo servers of the ``odoo`` tests, and the guards that keep other servers safe.

Without ``ODOO_URL`` every live test runs against each local server of
``scripts/odoo_server.py``: Odoo 11, 17, 18 and 19 (installed and started on first use,
stopped at the end if this session started them; ``ODOO_VERSIONS=11,19`` picks some). Odoo
17, 18 and 19 run from the source trees in ``ODOO17_SRC``, ``ODOO18_SRC`` and ``ODOO19_SRC``
(default ``../shared/odooNN/src``); without one, that version's tests skip and say how to
get a tree, except under CI, where that is an error.

With ``ODOO_URL`` (and ``ODOO_DB``, ``ODOO_LOGIN``, ``ODOO_PASSWORD``, optionally
``ODOO_MASTER_PASSWORD`` and ``ODOO_API_KEY``) the same tests run against that server and
leave it as they found it: tests that create, drop or restore databases, change the master
password or send a wrong master password run there only with ``ODOO_DESTRUCTIVE=1``, and
never send a wrong master password to a server whose master password is still the default
(Odoo 14+ would take it as the new one). Every database a test creates is named
``aiotest_tmp_<hex>``; a session that may manage databases drops such leftovers of a killed
run first, and checks at its end that the server's databases and master password are those
it found.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import errors, sync

ROOT = Path(__file__).resolve().parent.parent.parent
HARNESS = ROOT / "scripts" / "odoo_server.py"
SESSION_DB = "aiotest"
TEMP_DB = re.compile(r"^aiotest_tmp_[0-9a-f]{10}$")
LIVE_DIR = Path(__file__).resolve().parent.parent / "live"
JSON2_LESS = {"odoo11", "odoo17", "odoo18"}  # local servers without JSON-2 (19+ has it)


def plain_poster(url: str, payload: dict[str, Any]) -> Any:
    req = urllib.request.Request(
        url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=600) as resp:
        return json.loads(resp.read())


def manager_page_says_unprotected(root: str) -> bool | None:
    """Whether the database manager warns that the master password is the default one
    (Odoo's ``insecure`` flag); None when the page cannot be read."""
    try:
        with urllib.request.urlopen(f"{root}/web/database/manager", timeout=30) as resp:
            page = resp.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return None
    return "database manager is not protected" in page


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
    api_key: str | None = None
    owned: bool = False  # started by this suite: anything goes
    destructive: bool = False  # may create, drop and restore databases
    master_is_default: bool | None = None  # Odoo 14+ then takes any master password
    found_databases: list[str] = field(default_factory=list)

    @property
    def root(self) -> str:
        return self.url.removesuffix("/jsonrpc")

    def need_master(self) -> str:
        if self.master_password is None:
            pytest.skip("no master password for this server (set ODOO_MASTER_PASSWORD)")
        return self.master_password

    def need_destructive(self) -> None:
        if not self.destructive:
            pytest.skip(
                "changes databases or the master password: runs only on the suite's own "
                "servers, or with ODOO_DESTRUCTIVE=1"
            )

    def need_db_management(self) -> str:
        """Create/drop/restore databases: on the suite's servers or with the opt-in."""
        self.need_destructive()
        if not self.can_list:
            pytest.skip("this server refuses database management (list_db = False)")
        return self.need_master()

    def need_wrong_master_probe(self, web_routes: bool = True) -> None:
        """Sending a wrong master password: never to a server whose /web/database routes
        would make it the new master password (Odoo 14+ with the default one)."""
        self.need_destructive()
        if web_routes and self.version >= 14 and self.master_is_default is not False:
            pytest.skip(
                "the master password is (or may be) the default 'admin': Odoo 14+ would take "
                "a wrong one as the new master password"
            )

    def need_api_key(self) -> str:
        if not self.api_key:
            pytest.skip("no API key for this server (set ODOO_API_KEY; JSON-2 is Odoo 19+)")
        return self.api_key

    def unique(self, prefix: str = "aiotest_tmp") -> str:
        """A fresh name; with the default prefix, one the leftover clean-up recognises."""
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

    def databases(self) -> list[str]:
        return sorted(sync.list_databases(plain_poster, self.url))


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the live tests; leave out the JSON-2 ones for local servers older than 19."""
    kept, dropped = [], []
    for item in items:
        path = Path(str(item.fspath))
        if LIVE_DIR in path.parents:
            item.add_marker(pytest.mark.odoo)
            params = getattr(getattr(item, "callspec", None), "params", {})
            # with pytest-xdist (--dist loadgroup) one worker runs every test of a server,
            # so each server starts once (the servers spread over the workers)
            item.add_marker(pytest.mark.xdist_group(str(params.get("odoo", "odoo"))))
            json2 = path.name == "test_json2.py" or item.name.partition("[")[0].endswith("json2")
            if json2 and params.get("odoo") in JSON2_LESS:
                dropped.append(item)
                continue
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _harness(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(HARNESS), *args], check=True, stdout=subprocess.PIPE, text=True
    )
    return proc.stdout


def _params() -> list[str]:
    if os.environ.get("ODOO_URL"):
        return ["external"]
    wanted = os.environ.get("ODOO_VERSIONS", "11,17,18,19").replace(" ", "").split(",")
    return [f"odoo{v}" for v in wanted if v]


class _Servers:
    """The local servers, each started on first use and stopped at the end if started here."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.targets: dict[str, OdooTarget] = {}

    def local(self, version: str) -> OdooTarget:
        if version in self.targets:
            return self.targets[version]
        major = int(version)
        if major in _HARNESS.TREE_VERSIONS and not _has_tree(major):
            howto = f"no Odoo {major} source tree: {_HARNESS.howto(major)}"
            if os.environ.get("CI"):
                pytest.fail(f"CI must run the Odoo {major} tests, but there is {howto}")
            pytest.skip(howto)
        was_up = subprocess.run(
            [sys.executable, str(HARNESS), "status", "--version", version], capture_output=True
        )
        spec = json.loads(_harness("up", "--version", version, "--db", SESSION_DB, "--json"))
        if was_up.returncode != 0 and not os.environ.get("ODOO_KEEP"):
            self.started.append(version)
        target = _connect(
            spec["url"],
            spec["db"],
            spec["login"],
            spec["password"],
            spec["master_password"],
            spec["api_key"],
            owned=True,
        )
        self.targets[version] = target
        return target

    def stop(self) -> None:
        for version in self.started:
            _harness("down", "--version", version)


def _load_harness() -> Any:
    """scripts/odoo_server.py as a module, for its settings (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("odoo_server", HARNESS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_HARNESS = _load_harness()


def _has_tree(version: int) -> bool:
    """The harness's own lookup: ODOO<v>_SRC, else ../shared/odoo<v>/src when present."""
    try:
        return _HARNESS.odoo_src(version) is not None
    except _HARNESS.HarnessError as exc:  # ODOO19_SRC names no tree: a mistake, not a skip
        pytest.fail(str(exc))


def _connect(
    url: str,
    db: str,
    login: str,
    password: str,
    master: str | None,
    api_key: str | None,
    *,
    owned: bool,
) -> OdooTarget:
    info = sync.version(plain_poster, url)
    uid = sync.login(plain_poster, url, db=db, login=login, password=password)
    if not uid:
        pytest.fail(f"cannot log in to {db} as {login} on {url}")
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
        api_key=api_key,
        owned=owned,
        destructive=owned or os.environ.get("ODOO_DESTRUCTIVE") == "1",
    )
    target.master_is_default = manager_page_says_unprotected(target.root)
    if target.destructive and can_list and master is not None:
        for name in target.databases():
            if TEMP_DB.match(name):  # left by a killed run
                sync.drop_database(plain_poster, url, admin_password=master, db_name=name)
    if can_list:
        target.found_databases = target.databases()
    return target


def check_left_as_found(target: OdooTarget) -> None:
    """The databases and the master password are those the session found."""
    if target.can_list:
        now = target.databases()
        assert now == target.found_databases, (
            f"the live tests left {sorted(set(now) - set(target.found_databases))} and removed "
            f"{sorted(set(target.found_databases) - set(now))}"
        )
    if target.master_password is not None and target.version < 20:
        # the db service checks the master password without the web routes' quirk
        sync.list_countries(plain_poster, target.url, admin_password=target.master_password)


@pytest.fixture(scope="session")
def live_servers() -> Iterator[_Servers]:
    servers = _Servers()
    try:
        yield servers
    finally:
        try:
            for target in servers.targets.values():
                check_left_as_found(target)
        finally:
            servers.stop()


@pytest.fixture(scope="session", params=_params())
def odoo(request: pytest.FixtureRequest, live_servers: _Servers) -> Iterator[OdooTarget]:
    if request.param != "external":
        yield live_servers.local(request.param.removeprefix("odoo"))
        return
    target = _connect(
        os.environ["ODOO_URL"],
        os.environ["ODOO_DB"],
        os.environ.get("ODOO_LOGIN", "admin"),
        os.environ["ODOO_PASSWORD"],
        os.environ.get("ODOO_MASTER_PASSWORD"),
        os.environ.get("ODOO_API_KEY"),
        owned=False,
    )
    yield target
    check_left_as_found(target)


def drop_quietly(odoo: OdooTarget, *names: str) -> None:
    """Drop these databases when they exist (clean-up after database tests)."""
    for name in names:
        sync.drop_database(plain_poster, odoo.url, admin_password=odoo.need_master(), db_name=name)


def cookies_of(client: Any) -> list[tuple[str, str, str]]:
    """An httpx client's cookies, to check that the web routes left them as they were."""
    return sorted((c.domain, c.name, c.value) for c in client.cookies.jar)


@dataclass
class OtherUser:
    login: str
    password: str
    uid: int


@pytest.fixture(scope="session")
def portal_user(odoo: OdooTarget) -> Iterator[OtherUser]:
    """A portal user (no back-office rights), created for this session and removed after."""
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
        partner = odoo.call("res.users", "read", [uid], ["partner_id"])[0]["partner_id"][0]
        try:
            odoo.call("res.users", "unlink", [uid])
            odoo.call("res.partner", "unlink", [partner])
        except errors.ServerError:  # referenced somewhere: at least make it unusable
            odoo.call("res.users", "write", [uid], {"active": False})


# An HTTP client created with a base URL, used with url='' as aio-odoorpc-base 3.0.4
# allowed: the /jsonrpc endpoint (3.0.4's own tests) or the server root (older aiohttp
# takes nothing else).
SYNC_BASE_URL_KINDS = ["httpx-endpoint", "httpx-root"]
ASYNC_BASE_URL_KINDS = ["httpx-endpoint", "httpx-root", "aiohttp-root"]


@pytest.fixture(params=SYNC_BASE_URL_KINDS)
def base_url_client(request: pytest.FixtureRequest, odoo: OdooTarget) -> Iterator[Any]:
    httpx = pytest.importorskip("httpx")
    base = odoo.url if request.param == "httpx-endpoint" else odoo.root
    with httpx.Client(base_url=base, timeout=60) as client:
        yield client


@pytest.fixture(params=ASYNC_BASE_URL_KINDS)
async def async_base_url_client(
    request: pytest.FixtureRequest, odoo: OdooTarget
) -> AsyncIterator[Any]:
    if request.param == "aiohttp-root":
        aiohttp = pytest.importorskip("aiohttp")
        async with aiohttp.ClientSession(base_url=odoo.root) as session:
            yield session
        return
    httpx = pytest.importorskip("httpx")
    base = odoo.url if request.param == "httpx-endpoint" else odoo.root
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        yield client
