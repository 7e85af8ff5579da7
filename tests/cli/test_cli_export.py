"""aio-odoo export, and the command-line fixes found when it was tried as a new user
would: CSV's header and many2one ids, write-then-rename for -o, --limit by id, retry
lines only with --verbose, tables not cut when piped, db backup's default file name."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aio_odoorpc_base.cli._app import EXIT, cli
from aio_odoorpc_base.testing import FakeOdoo


@pytest.fixture
def fake() -> Iterator[FakeOdoo]:
    with FakeOdoo("17.0") as odoo, odoo.client() as client:
        partners = client["res.partner"]
        company = partners.create({"name": "Zed Co", "is_company": True})
        partners.create([{"name": "Adam", "parent_id": company, "email": "x" * 150}])
        yield odoo


def run(fake: FakeOdoo, *args: str, **env: str) -> Result:
    base = {"AIO_ODOO_CONFIG": "/nonexistent/profiles.ini", "AIO_ODOO_URL": fake.url,
            "AIO_ODOO_DB": fake.database, "AIO_ODOO_PASSWORD": fake.password,
            "AIO_ODOO_API_KEY": "", "AIO_ODOO_PROFILE": "", "AIO_ODOO_LOGIN": ""}  # fmt: skip
    return CliRunner().invoke(cli, list(args), env={**base, **env})


def test_export_to_a_file_prints_the_next_cursor(fake: FakeOdoo, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    got = run(fake, "export", "res.partner", '[["id", ">", 1]]', "-o", str(out),
              "--fields", "name,parent_id", "--lag", "0")  # fmt: skip
    assert got.exit_code == 0, got.stderr
    with out.open(newline="") as f:
        assert list(csv.reader(f)) == [
            ["id", "name", "parent_id", "parent_id_name"],
            ["2", "Zed Co", "", ""],
            ["3", "Adam", "2", "Zed Co"],
        ]
    newest = max(r.get("write_date") or "" for r in fake.records("res.partner"))
    assert got.stdout.strip() == newest  # the cursor, alone on stdout
    assert "2 records written to" in got.stderr
    again = run(fake, "export", "res.partner", "-o", str(tmp_path / "c.jsonl"),
                "--fields", "name", "--since", got.stdout.strip())  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert [json.loads(x)["name"] for x in (tmp_path / "c.jsonl").read_text().splitlines()] == [
        "Administrator", "Zed Co", "Adam",
    ]  # every record was written just now, the admin's contact too  # fmt: skip


@pytest.mark.parametrize(
    ("args", "says", "code"),
    [
        (["-o", "x.txt"], "cannot tell the format of", EXIT["usage"]),
        (
            ["-o", "x.csv", "--fields", "name,nope"],
            "res.partner has no field 'nope'",
            EXIT["usage"],
        ),
        (["-o", "x.csv", "--since", "last week"], "since='last week' is not a cursor", 2),
    ],
)
def test_export_refusals(
    fake: FakeOdoo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
    says: str, code: int,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    got = run(fake, "export", "res.partner", *args)
    assert got.exit_code == code
    assert got.stderr.startswith(f"error: ExportError: {says}")
    assert list(tmp_path.iterdir()) == []


def test_search_read_csv_has_typed_columns_and_a_header_when_empty(
    fake: FakeOdoo, tmp_path: Path
) -> None:
    got = run(fake, "search-read", "res.partner", '[["name", "=", "Adam"]]', "--fields",
              "name,parent_id", "--format", "csv")  # fmt: skip
    assert got.stdout.splitlines() == ["id,name,parent_id,parent_id_name", "3,Adam,2,Zed Co"]
    none = run(fake, "search-read", "res.partner", '[["name", "=", "Nobody"]]', "--fields",
               "name", "--format", "csv")  # fmt: skip
    assert none.stdout == "id,name\n"


def test_limit_without_order_is_by_id(fake: FakeOdoo) -> None:
    # res.partner's own order is by name: Adam would come first
    got = run(fake, "search-read", "res.partner", '[["id", ">", 1]]', "--fields", "name",
              "--limit", "1", "--format", "jsonl")  # fmt: skip
    assert [json.loads(x)["name"] for x in got.stdout.splitlines()] == ["Zed Co"]


def test_a_failed_search_read_leaves_no_file(fake: FakeOdoo, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    out.write_text("yesterday's file\n")
    fake.fail("res.partner", "search_read", "AccessError", "not for you", times=1)
    got = run(fake, "search-read", "res.partner", "--format", "jsonl", "-o", str(out))
    assert got.exit_code == EXIT["odoo"]
    assert got.stderr.startswith("error: AccessError: not for you\n")
    assert out.read_text() == "yesterday's file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jsonl"]


def test_a_piped_table_is_not_cut(fake: FakeOdoo) -> None:
    got = run(fake, "search-read", "res.partner", '[["name", "=", "Adam"]]', "--fields",
              "name,email")  # fmt: skip
    assert "x" * 150 in got.stdout


class _Busy(BaseHTTPRequestHandler):
    """Logs in, then answers every call with a proxy's 503 (retried, Retry-After: 0)."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if body["params"]["method"] == "login":
            data = json.dumps({"jsonrpc": "2.0", "id": body["id"], "result": 2}).encode()
            self.send_response(200)
        else:
            data = b"busy"
            self.send_response(503)
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def test_retry_lines_only_with_verbose() -> None:
    """A real process: Python prints a library's warnings when nobody set up logging."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    env = {**os.environ, "AIO_ODOO_URL": url, "AIO_ODOO_DB": "x", "AIO_ODOO_PASSWORD": "p",
           "AIO_ODOO_CONFIG": "/nonexistent"}  # fmt: skip
    command = [sys.executable, "-m", "aio_odoorpc_base", "call", "res.partner", "search_count"]
    try:
        quiet = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        loud = subprocess.run(
            [*command[:3], "-v", *command[3:]], env=env, capture_output=True, text=True, timeout=60
        )
    finally:
        server.shutdown()
        server.server_close()
    assert quiet.returncode == loud.returncode == EXIT["connection"]
    assert quiet.stderr.startswith("error: HTTPStatusError: ")
    assert "retry" not in quiet.stderr
    assert loud.stderr.count("WARNING aio_odoorpc_base.client: res.partner.search_count") == 2
    assert "retry 2 of 2" in loud.stderr


def test_import_input_files_and_their_refusals(fake: FakeOdoo, tmp_path: Path) -> None:
    from aio_odoorpc_base.cli._output import read_rows

    good = tmp_path / "in.jsonl"
    good.write_text('{"name": "a", "ref": "r"}\n\n{"name": "b", "is_company": true}\n')
    assert read_rows(good) == (["name", "ref", "is_company"], [["a", "r", None], ["b", None, True]])
    cases = {
        "bad.jsonl": ("[1]\n", "line 1: not a JSON object"),
        "worse.jsonl": ("{nope\n", "line 1: not JSON"),
        "empty.csv": ("", "is empty: its first line must name the fields"),
        "short.csv": ("name,ref\na\n", "line 2: 1 values for 2 columns"),
        "data.xlsx": ("", "import a .csv (with a header) or a .jsonl file"),
    }
    for name, (text, says) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        got = run(fake, "import", "res.partner", str(path))
        assert got.exit_code == EXIT["usage"], got.stderr
        assert says in got.stderr
    # the fake does not model load: a loud refusal, as for anything it does not model
    csv_file = tmp_path / "ok.csv"
    csv_file.write_text("name\nx\n\n")
    refused = run(fake, "import", "res.partner", str(csv_file), "--report", str(tmp_path / "r.csv"))
    assert refused.exit_code == EXIT["odoo"]
    assert "ImportInterrupted" in refused.stderr
    assert (tmp_path / "r.csv").read_text() == "row,status,id,messages\n1,pending,,\n"
