"""aio-odoo without a real server: settings and profiles, secrets, bad input, output
formats, over the fake Odoo of aio_odoorpc_base.testing (tests/live/test_cli*.py run it
on the real Odoo 11 and 19, and in a real terminal)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aio_odoorpc_base.cli._app import EXIT, cli
from aio_odoorpc_base.cli._settings import Settings, SettingsError
from aio_odoorpc_base.testing import FakeOdoo


@pytest.fixture
def fake() -> Iterator[FakeOdoo]:
    with FakeOdoo("19.0", password="s3cret-pass", api_key="k3y-0123456789abcdef") as odoo:
        odoo.add("res.partner", [{"name": "Alpha", "email": "a@x.org"}, {"name": "Beta"}])
        yield odoo


def run(*args: str, env: dict[str, str] | None = None, config: Path | None = None) -> Result:
    base = {"AIO_ODOO_CONFIG": str(config or "/nonexistent/profiles.ini")}
    for name in ("URL", "DB", "LOGIN", "PASSWORD", "API_KEY", "MASTER_PASSWORD", "PROFILE"):
        base[f"AIO_ODOO_{name}"] = ""
    return CliRunner().invoke(cli, list(args), env={**base, **(env or {})})


def env_of(fake: FakeOdoo, **more: str) -> dict[str, str]:
    return {"AIO_ODOO_URL": fake.url, "AIO_ODOO_DB": fake.database,
            "AIO_ODOO_PASSWORD": fake.password, **more}  # fmt: skip


def test_password_and_api_key_paths(fake: FakeOdoo) -> None:
    assert run("login", env=env_of(fake)).stdout.strip() == str(fake.uid)
    over_json2 = run("login", env=env_of(fake, AIO_ODOO_API_KEY=fake.api_key))
    assert over_json2.stdout.strip() == str(fake.uid)
    assert [r.protocol for r in fake.requests][-1] == "json2"


def test_call_and_search_read_formats(fake: FakeOdoo, tmp_path: Path) -> None:
    env = env_of(fake)
    got = run("call", "res.partner", "search_count", "[[]]", env=env)
    assert json.loads(got.stdout) == 3  # Alpha, Beta and the admin's contact (id 1)
    got = run("call", "res.partner", "write", "--ids", "2", "--kw", '{"vals": {"ref": "R"}}',
              env=env)  # fmt: skip
    assert json.loads(got.stdout) is True
    assert fake.records("res.partner")[1]["ref"] == "R"
    rows = [
        {"id": 1, "name": "Administrator", "email": False},
        {"id": 2, "name": "Alpha", "email": "a@x.org"},
        {"id": 3, "name": "Beta", "email": False},
    ]
    got = run("search-read", "res.partner", "--fields", "name,email", "--format", "json", env=env)
    assert json.loads(got.stdout) == rows
    got = run("search-read", "res.partner", "--fields", "name,email", "--format", "jsonl",
              "--page-size", "1", env=env)  # fmt: skip
    assert [json.loads(line) for line in got.stdout.splitlines()] == rows
    out = tmp_path / "p.csv"
    got = run("search-read", "res.partner", '[["email", "!=", false]]', "--fields", "name,email",
              "--format", "csv", "-o", str(out), env=env)  # fmt: skip
    assert out.read_text().splitlines() == ["id,name,email", "2,Alpha,a@x.org"]
    assert "1 records written" in got.stderr
    got = run("search-read", "res.partner", '[["id", ">", 1]]', "--fields", "name", "--limit",
              "1", env=env)  # fmt: skip
    assert "Alpha" in got.stdout
    assert "Beta" not in got.stdout


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["login"], {}, "no server URL: pass --url, set AIO_ODOO_URL"),
        (["--url", "http://x", "login"], {}, "no database selected"),
        (["--url", "http://x", "-d", "db", "login"], {}, "no password: set AIO_ODOO_PASSWORD"),
        (["--timeout", "soon", "login"], {}, "Invalid value for '--timeout'"),
        (["-p", "nope", "login"], {}, "no profile 'nope'"),
        (["call", "m", "x", "{not json"], {}, "not JSON"),
        (["call", "m", "x", '{"a": 1}'], {}, "must be a JSON list"),
        (["call", "m", "x", "--ids", "1,two"], {}, "ids are integers"),
        (["search-read", "m", '{"a": 1}'], {}, "must be a JSON list"),
        (
            ["db", "--via", "db", "backup", "x", "-o", "f"],
            {"AIO_ODOO_URL": "http://x"},
            "use --via web",
        ),  # fmt: skip
    ],
)
def test_bad_input_is_a_usage_error(args: list[str], env: dict[str, str], says: str) -> None:
    result = run(*args, env=env)
    assert result.exit_code == EXIT["usage"], result.output
    assert says in result.stderr


def test_errors_never_show_secrets(fake: FakeOdoo) -> None:
    wrong = run("login", env=env_of(fake, AIO_ODOO_PASSWORD="wrong-pass-123456"))
    assert wrong.exit_code == EXIT["auth"]
    assert "wrong-pass-123456" not in wrong.stderr + wrong.stdout
    bad_key = run("login", env=env_of(fake, AIO_ODOO_API_KEY="bad-key-0123456789"))
    assert bad_key.exit_code == EXIT["auth"]
    assert "bad-key-0123456789" not in bad_key.stderr + bad_key.stdout
    fake.fail("res.partner", "search_count", "ValidationError", "refused by a rule")
    refused = run("--debug", "call", "res.partner", "search_count", "[[]]", env=env_of(fake))
    assert refused.exit_code == EXIT["odoo"]
    assert refused.stderr.startswith("error: ValidationError: refused by a rule\n")  # once
    assert "Traceback" in refused.stderr  # --debug: the server's traceback


def test_profiles(fake: FakeOdoo, tmp_path: Path) -> None:
    config = tmp_path / "aio-odoo" / "profiles.ini"
    env = {"AIO_ODOO_PASSWORD": fake.password}
    saved = run("--url", fake.url, "-d", fake.database, "-l", "admin", "--timeout", "30",
                "profile", "save", "dev", env=env, config=config)  # fmt: skip
    assert saved.exit_code == 0, saved.stderr
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert fake.password not in config.read_text()
    assert run("-p", "dev", "login", env=env, config=config).stdout.strip() == str(fake.uid)
    # an option wins over the environment, which wins over the profile
    settings = Settings.build({"database": "opt"}, environ={"AIO_ODOO_DB": "env",
                              "AIO_ODOO_PROFILE": "dev", "AIO_ODOO_LOGIN": "envlogin"},
                              path=config)  # fmt: skip
    assert (settings.database, settings.login, settings.url) == ("opt", "envlogin", fake.url)
    assert settings.timeout == 30.0
    kept = run("-p", "dev", "profile", "save", "dev", "--store-password", env=env, config=config)
    assert kept.exit_code == 0
    assert run("-p", "dev", "login", config=config).stdout.strip() == str(fake.uid)
    listed = run("profile", "list", config=config)
    assert "dev:" in listed.stdout
    assert '"password": "***"' in listed.stdout
    assert fake.password not in listed.stdout
    with pytest.raises(SettingsError, match="protocol must be"):
        Settings.build({"protocol": "soap"}, environ={})


def test_db_list_and_exists_on_the_fake(fake: FakeOdoo) -> None:
    env = env_of(fake)
    assert run("db", "list", env=env).stdout.split() == ["fake"]
    assert run("db", "exists", "fake", env=env).exit_code == 0
    assert run("db", "exists", "other", env=env).exit_code == EXIT["not_found"]
    refused = run("db", "drop", "fake", env=env)  # not a terminal and no --yes
    assert refused.exit_code == EXIT["declined"]
    assert "Pass --yes" in refused.stderr


def test_module_entry_and_missing_extra() -> None:
    ran = subprocess.run([sys.executable, "-m", "aio_odoorpc_base", "--help"],
                         capture_output=True, text=True)  # fmt: skip
    assert ran.returncode == 0
    assert "search-read" in ran.stdout
    blocked = (
        "import sys; sys.modules['click'] = None; from aio_odoorpc_base.cli import main; main()"
    )
    ran = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True)
    assert ran.returncode == 2
    assert "pip install 'aio-odoorpc-base[cli]'" in ran.stderr


def test_every_command_has_help_with_an_example() -> None:
    import click

    def commands(group: click.Group, path: list[str]) -> Iterator[list[str]]:
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                yield from commands(command, [*path, name])
            else:
                yield [*path, name]

    found = list(commands(cli, []))
    assert len(found) >= 15
    for path in found:
        shown = run(*path, "--help")
        assert shown.exit_code == 0, path
        assert "Example" in shown.stdout, f"aio-odoo {' '.join(path)} --help has no example"
