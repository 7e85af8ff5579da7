"""A real Odoo for the tests a fake cannot answer (workflows, computed fields of installed
modules, access rules): each test module gets a fresh database cloned from a template and
dropped afterwards.

The server is one the user names (its URL and master password, e.g. Odoo in a container)
or one started here from an Odoo source tree (``odoo-bin``, with PostgreSQL from the
usual ``PG*`` variables). Only databases named ``aiotest_*`` with a random suffix are
created, and each is dropped when its module ends: the server is left as it was found."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .. import errors
from ._clients import ClientFactory

if TYPE_CHECKING:
    pass

__all__ = ["RealOdoo", "RealOdooError", "RealServer", "settings_from"]

# settings: pytest option -> environment variable
SETTINGS = {
    "odoo_url": "AIO_ODOO_TEST_URL",
    "odoo_master_password": "AIO_ODOO_TEST_MASTER_PASSWORD",
    "odoo_bin": "AIO_ODOO_TEST_BIN",
    "odoo_addons": "AIO_ODOO_TEST_ADDONS",
    "odoo_python": "AIO_ODOO_TEST_PYTHON",
    "odoo_template": "AIO_ODOO_TEST_TEMPLATE",
    "odoo_login": "AIO_ODOO_TEST_LOGIN",
    "odoo_password": "AIO_ODOO_TEST_PASSWORD",
}
HOW = (
    "no real Odoo for this test: name a server (--odoo-url and --odoo-master-password, or "
    "AIO_ODOO_TEST_URL and AIO_ODOO_TEST_MASTER_PASSWORD) or an Odoo source tree to start "
    "(--odoo-bin path/to/odoo-bin, or AIO_ODOO_TEST_BIN, with PostgreSQL from PGHOST/"
    "PGPORT/PGUSER/PGPASSWORD)"
)


class RealOdooError(errors.OdooError):
    """The real Odoo of the tests cannot be reached, started or set up (what to fix is
    in the message)."""


def settings_from(options: Mapping[str, Any]) -> dict[str, str]:
    """The settings given as pytest options, else as environment variables."""
    out = {}
    for name, variable in SETTINGS.items():
        value = options.get(name) or os.environ.get(variable)
        if value:
            out[name] = str(value)
    return out


@dataclass
class RealOdoo(ClientFactory):
    """One database on a real Odoo server, with what a client needs: the same attributes
    and client factories as :class:`FakeOdoo` (``url``, ``jsonrpc_url``, ``database``,
    ``login``, ``password``, ``uid``, ``version``, ``client()``, ``aclient()``)."""

    url: str
    database: str
    login: str
    password: str = field(repr=False)
    uid: int
    version: str
    api_key: str | None = field(default=None, repr=False)
    kind = "real"

    @property
    def jsonrpc_url(self) -> str:
        return f"{self.url}/jsonrpc"


class RealServer:
    """The server of a test session: named by the settings or started from a tree; the
    template database it clones (given, or made here with ``base`` and dropped at the
    end)."""

    def __init__(self, settings: Mapping[str, str]) -> None:
        self.settings = dict(settings)
        self.login = self.settings.get("odoo_login", "admin")
        self.password = self.settings.get("odoo_password", "admin")
        self._process: subprocess.Popen[bytes] | None = None
        self._home: str | None = None
        self._log: IO[bytes] | None = None
        self._made_template = False
        self.url = ""
        self.master = ""
        self.version = ""
        self.db_service = True
        self.template = ""

    def __repr__(self) -> str:
        return f"<RealServer {self.url or '(not started)'} template={self.template!r}>"

    # --- the session ----------------------------------------------------------------

    def start(self) -> None:
        if "odoo_url" in self.settings:
            if "odoo_master_password" not in self.settings:
                raise RealOdooError(
                    "a real Odoo named by its URL needs its master password too "
                    "(--odoo-master-password or AIO_ODOO_TEST_MASTER_PASSWORD): the fixture "
                    "copies and drops databases"
                )
            self.url = self.settings["odoo_url"].rstrip("/").removesuffix("/jsonrpc")
            self.master = self.settings["odoo_master_password"]
        elif "odoo_bin" in self.settings:
            self._launch(Path(self.settings["odoo_bin"]))
        else:
            raise RealOdooError(HOW)
        from .. import sync
        from .._transport.socket_client import BuiltinClient

        with BuiltinClient(timeout=60) as http:
            info = sync.server_info(http, self.url)
            self.version, self.db_service = info.version, info.db_service
            self.template = self.settings.get("odoo_template", "")
            if not self.template:
                self.template = f"aiotest_template_{secrets.token_hex(4)}"
                self._create(http, self.template)
                self._made_template = True

    def stop(self) -> None:
        try:
            if self._made_template:
                with contextlib.suppress(errors.OdooError, OSError):
                    self.drop(self.template)
        finally:
            if self._process is not None:
                self._process.terminate()
                try:
                    self._process.wait(30)
                except subprocess.TimeoutExpired:
                    self._process.kill()
            if self._log is not None:
                self._log.close()
            if self._home:
                shutil.rmtree(self._home, ignore_errors=True)

    def _launch(self, odoo_bin: Path) -> None:
        if not odoo_bin.is_file():
            raise RealOdooError(f"--odoo-bin {odoo_bin}: no such file (give odoo-bin)")
        self._home = tempfile.mkdtemp(prefix="aiotest_odoo_")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.master = secrets.token_urlsafe(16)
        config = Path(self._home, "odoo.conf")
        lines = [
            "[options]",
            f"admin_passwd = {self.master}",
            f"data_dir = {self._home}/data",
            "http_interface = 127.0.0.1",
            f"http_port = {port}",
            "max_cron_threads = 0",
            "without_demo = all",
            "list_db = True",
        ]
        for option, variable in (("db_host", "PGHOST"), ("db_port", "PGPORT"),
                                 ("db_user", "PGUSER"), ("db_password", "PGPASSWORD")):  # fmt: skip
            if os.environ.get(variable):
                lines.append(f"{option} = {os.environ[variable]}")
        if self.settings.get("odoo_addons"):
            lines.append(f"addons_path = {self.settings['odoo_addons']}")
        config.write_text("\n".join(lines) + "\n")
        self._log = open(Path(self._home, "odoo.log"), "wb")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            [self.settings.get("odoo_python", sys.executable), str(odoo_bin), "-c", str(config)],
            stdout=self._log, stderr=subprocess.STDOUT, cwd=odoo_bin.parent,
            # the tree may be read-only: its bytecode goes to the temporary folder
            env=dict(os.environ, PYTHONPYCACHEPREFIX=str(Path(self._home, "pycache"))),
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{port}"
        ready = urllib.request.Request(
            f"{self.url}/jsonrpc",
            b'{"jsonrpc": "2.0", "method": "call", "params": {"service": "common", '
            b'"method": "version", "args": []}}',
            {"Content-Type": "application/json"},
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RealOdooError(f"odoo-bin stopped at start:\n{self._tail()}")
            try:
                urllib.request.urlopen(ready, timeout=5).close()
                return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.5)
        raise RealOdooError(f"odoo-bin did not answer on {self.url} within 120 s:\n{self._tail()}")

    def _tail(self) -> str:
        return Path(str(self._home), "odoo.log").read_text(errors="replace")[-2000:]

    # --- databases ------------------------------------------------------------------

    def _create(self, http: Any, name: str) -> None:
        from .. import sync

        if not self.db_service:  # Odoo 20+: the web route
            sync.web_create_database(
                http, self.url, master_pwd=self.master, name=name, login=self.login,
                password=self.password, timeout=600,
            )  # fmt: skip
        else:
            sync.create_database(http, self.url, admin_password=self.master, db_name=name,
                                 demo=False, lang="en_US", login=self.login,
                                 user_password=self.password, timeout=600)  # fmt: skip

    def clone(self, prefix: str) -> str:
        """A fresh copy of the template, named ``aiotest_<prefix>_<random>``."""
        from .. import sync
        from .._transport.socket_client import BuiltinClient

        clean = "".join(c if c.isalnum() else "_" for c in prefix)[:30].lower()
        name = f"aiotest_{clean}_{secrets.token_hex(4)}"
        with BuiltinClient(timeout=600) as http:
            if self.db_service:
                sync.duplicate_database(http, self.url, admin_password=self.master,
                                        db_original_name=self.template, db_name=name)  # fmt: skip
            else:  # Odoo 20+: the web route
                sync.web_duplicate_database(http, self.url, master_pwd=self.master,
                                            name=self.template, new_name=name)  # fmt: skip
        return name

    def drop(self, name: str) -> None:
        from .. import sync
        from .._transport.socket_client import BuiltinClient

        if not name.startswith("aiotest_"):  # never anything the fixture did not make
            raise RealOdooError(f"refusing to drop {name!r}: not a test database")
        with BuiltinClient(timeout=120) as http:
            if self.db_service:
                sync.drop_database(http, self.url, admin_password=self.master, db_name=name)
            else:
                sync.web_drop_database(http, self.url, master_pwd=self.master, name=name)

    @contextlib.contextmanager
    def database(self, prefix: str) -> Iterator[RealOdoo]:
        """A cloned database for one test module, dropped afterwards."""
        from .. import sync
        from .._transport.socket_client import BuiltinClient

        name = self.clone(prefix)
        try:
            with BuiltinClient(timeout=60) as http:
                uid = sync.login(http, self.url, db=name, login=self.login,
                                 password=self.password)  # fmt: skip
            if not uid:
                raise errors.AccessDenied(
                    f"{self.login!r} cannot log in to the copy of {self.template!r}: give the "
                    "template's administrator with --odoo-login/--odoo-password"
                )
            yield RealOdoo(self.url, name, self.login, self.password, int(uid), self.version)
        finally:
            self.drop(name)
