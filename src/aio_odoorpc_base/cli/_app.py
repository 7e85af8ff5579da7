"""The ``aio-odoo`` commands (click), over the synchronous API and the built-in client."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NoReturn

import click
from rich.console import Console

from .. import errors, sync
from .._data.loading import ImportReport
from .._data.schema import Schema
from .._data.state import ExportProgress
from .._data.writers import FORMATS as EXPORT_FORMATS
from .._transport.socket_client import BuiltinClient
from ..sync import OdooRPC
from ..types import ServerInfo
from ._output import (
    FORMATS,
    byte_progress,
    dump_json,
    read_rows,
    record_progress,
    write_records,
    write_report,
)
from ._settings import ENV, Settings, SettingsError, config_path, save_profile

__all__ = ["EXIT", "main"]

# exit codes: 2 is click's own for a usage error
EXIT = {"odoo": 1, "usage": 2, "auth": 3, "connection": 4, "not_found": 5, "declined": 6}

_EPILOG_ENV = (
    "Settings come from options, then AIO_ODOO_URL, AIO_ODOO_DB, AIO_ODOO_LOGIN, "
    "AIO_ODOO_PROTOCOL and AIO_ODOO_TIMEOUT, then the profile (--profile or "
    "AIO_ODOO_PROFILE). Secrets: AIO_ODOO_PASSWORD, AIO_ODOO_API_KEY and "
    "AIO_ODOO_MASTER_PASSWORD, the system keyring, or a prompt on a terminal."
)


class State:
    """The settings, the consoles and the connections of one run."""

    def __init__(self, settings: Settings, debug: bool, progress: bool | None) -> None:
        self.settings = settings
        self.debug = debug
        self.via = "auto"  # db commands: "db", "web" or "auto"
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.show_progress = self.err.is_terminal if progress is None else progress
        self._http: BuiltinClient | None = None
        self._info: ServerInfo | None = None

    @property
    def http(self) -> BuiltinClient:
        if self._http is None:
            self._http = BuiltinClient()
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def info(self) -> ServerInfo:
        if self._info is None:
            self._info = sync.server_info(
                self.http, self.settings.need_url(), timeout=self.settings.timeout
            )
        return self._info

    def odoo(self) -> OdooRPC:
        """The client object for the selected database, with the API key when one is
        set (JSON-2 on Odoo 19+), else login and password."""
        s = self.settings
        url, database = s.need_url(), s.need_database()
        api_key = s.secret("api_key", required=False)
        common: dict[str, Any] = {
            "database": database,
            "http_client": self.http,
            "protocol": s.protocol,
            "timeout": s.timeout,
        }
        if api_key:
            return OdooRPC(url, api_key=api_key, login=s.login, **common)
        login = s.login or "admin"
        return OdooRPC(url, login=login, password=s.secret("password") or "", **common)


pass_state = click.make_pass_decorator(State)


def _json_arg(name: str, text: str | None, default: Any) -> Any:
    if text is None:
        return default
    try:
        return json.loads(text)
    except ValueError as exc:
        raise click.BadParameter(f"not JSON ({exc}): {text[:80]!r}", param_hint=name) from None


def _hint(exc: BaseException) -> str:
    if isinstance(exc, errors.DatabaseNotSelected):
        return f"choose a database with --database or {ENV['database']} ('aio-odoo db list')"
    if isinstance(exc, errors.ConnectError):
        return f"is the URL right and the server up? (--url or {ENV['url']})"
    if isinstance(exc, errors.HTTPStatusError) and exc.status_code == 404:
        return "give the server's root URL, such as https://odoo.example.com"
    if isinstance(exc, errors.AccessDenied):
        return (
            f"check the login and {ENV['password']}, or {ENV['api_key']} (master password "
            f"for db commands: {ENV['master_password']})"
        )
    if isinstance(exc, errors.ModelNotFound):
        return "check the model's technical name, such as res.partner"
    if isinstance(exc, errors.DatabaseNotFound):
        return f"check --database or {ENV['database']} ('aio-odoo db list' shows them)"
    if isinstance(exc, errors.ExportError | errors.ModelNotFound):
        return ""
    return ""


def _exit_code(exc: BaseException) -> int:
    if isinstance(exc, errors.AccessDenied | errors.SessionConflict):
        return EXIT["auth"]
    if isinstance(exc, errors.DatabaseNotSelected | errors.NotFound):
        return EXIT["not_found"]  # DatabaseNotFound and ModelNotFound included
    if isinstance(exc, errors.ExportError):
        return EXIT["usage"]
    if isinstance(exc, errors.TransportError):
        return EXIT["connection"]
    return EXIT["odoo"]


def fail(state: State | None, exc: BaseException) -> NoReturn:
    """One line (class and message), a hint, the server traceback with --debug."""
    console = state.err if state else Console(stderr=True, highlight=False, soft_wrap=True)
    if isinstance(exc, SettingsError):
        console.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise SystemExit(EXIT["usage"])
    text = exc.message if isinstance(exc, errors.ServerError) else str(exc)
    message = text.strip().splitlines()[0] if text.strip() else ""
    console.print(f"[bold red]error:[/] {type(exc).__name__}: ", end="", markup=True)
    console.print(message, markup=False)
    if hint := _hint(exc):
        console.print(f"hint: {hint}", markup=False)
    if state and state.debug and isinstance(exc, errors.ServerError) and exc.debug:
        console.print(exc.debug.rstrip(), markup=False)
    raise SystemExit(_exit_code(exc))


@contextmanager
def reported(state: State) -> Iterator[None]:
    try:
        yield
    except (errors.OdooError, SettingsError, ValueError, TypeError, OSError) as exc:
        if isinstance(exc, ValueError | TypeError) and state.debug:
            raise
        fail(state, exc)


def _confirm(state: State, yes: bool, question: str) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        state.err.print(f"error: {question} Pass --yes to confirm.", markup=False)
        raise SystemExit(EXIT["declined"])
    if not click.confirm(question, default=False, err=True):
        state.err.print("declined: nothing was changed", markup=False)
        raise SystemExit(EXIT["declined"])


def _log_to_stderr(verbose: int) -> None:
    """The library's log lines (retries, calls) on stderr with -v/-vv, else none: without
    a handler of its own, Python would print its warnings (retries) before every error."""
    import logging

    logger = logging.getLogger("aio_odoorpc_base")
    for old in [h for h in logger.handlers if getattr(h, "aio_odoo_cli", False)]:
        logger.removeHandler(old)
    handler: logging.Handler = logging.NullHandler()
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    handler.aio_odoo_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)


def _prompt(label: str) -> str:
    return str(click.prompt(label, hide_input=True, err=True))


# --- the group -------------------------------------------------------------------------


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_EPILOG_ENV,
)
@click.option("--url", help="The server, such as https://odoo.example.com.")
@click.option("-d", "--database", help="The database.")
@click.option("-l", "--login", help="The user's login (default admin).")
@click.option(
    "--protocol",
    type=click.Choice(["auto", "jsonrpc", "json2"]),
    help="auto: JSON-2 when an API key is set and the server has it.",
)
@click.option("--timeout", type=float, help="Seconds per call.")
@click.option("-p", "--profile", help="A profile of the config file.")
@click.option("--debug", is_flag=True, help="Show the server's traceback on errors.")
@click.option(
    "-v", "--verbose", count=True, help="Show retries (-v) and every call (-vv) on stderr."
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bars (default: on a terminal)."
)
@click.version_option(package_name="aio-odoorpc-base", prog_name="aio-odoo")
@click.pass_context
def cli(
    ctx: click.Context, /, debug: bool, progress: bool | None, verbose: int, **options: Any
) -> None:
    """Everyday Odoo work from the shell: server info, a login check, any method call,
    queries to table/JSON/CSV, and database backups, restores and copies.

    \b
    Examples:
      aio-odoo --url https://odoo.example.com info
      AIO_ODOO_PASSWORD=... aio-odoo --url URL -d prod search-read res.partner \\
          '[["is_company", "=", true]]' --fields name,email --format csv -o partners.csv
      aio-odoo -p prod db backup -o prod.zip
    """
    _log_to_stderr(verbose)
    try:
        settings = Settings.build(options, prompt=_prompt)
    except SettingsError as exc:
        fail(None, exc)
    state = State(settings, debug, progress)
    ctx.obj = state
    ctx.call_on_close(state.close)


# --- server and user ------------------------------------------------------------------


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@pass_state
def info(state: State, fmt: str) -> None:
    """The server: version, APIs (/jsonrpc, JSON-2, db service, /web/database), databases.

    \b
    Example: aio-odoo --url http://localhost:8069 info --format json
    """
    with reported(state):
        found = state.info()
    data = {
        "url": state.settings.url,
        "version": found.version,
        "jsonrpc": found.jsonrpc,
        "json2": found.json2,
        "db_service": found.db_service,
        "web_database": found.web_database,
        "list_db": found.list_db,
        "databases": list(found.databases) if found.databases is not None else None,
    }
    if fmt == "json":
        click.echo(dump_json(data))
        return
    for key, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"{key:<13} {'-' if shown is None else shown}")


@cli.command()
@pass_state
def login(state: State) -> None:
    """Check the credentials and print the user id.

    \b
    Example: AIO_ODOO_PASSWORD=... aio-odoo --url URL -d prod -l admin login
    """
    with reported(state), state.odoo() as odoo:
        click.echo(odoo.uid())


@cli.command()
@click.argument("model")
@click.argument("method")
@click.argument("args_json", required=False)
@click.option("--kw", "kw_json", help="Keyword arguments, a JSON object.")
@click.option("--ids", help="Record ids, comma-separated (record methods such as write).")
@pass_state
def call(
    state: State, model: str, method: str, args_json: str | None, kw_json: str | None,
    ids: str | None,
) -> None:  # fmt: skip
    """Call MODEL.METHOD with ARGS_JSON (a JSON list) and --kw; print the result as JSON.

    \b
    Examples:
      aio-odoo call res.partner search_count '[[["is_company", "=", true]]]'
      aio-odoo call res.partner write --ids 7,8 --kw '{"vals": {"active": false}}'
    """
    args = _json_arg("ARGS_JSON", args_json, [])
    kwargs = _json_arg("--kw", kw_json, {})
    if not isinstance(args, list):
        raise click.BadParameter("must be a JSON list", param_hint="ARGS_JSON")
    if not isinstance(kwargs, dict):
        raise click.BadParameter("must be a JSON object", param_hint="--kw")
    if ids:
        try:
            kwargs["ids"] = [int(i) for i in ids.split(",") if i.strip()]
        except ValueError:
            raise click.BadParameter("ids are integers: 7,8,9", param_hint="--ids") from None
    with reported(state), state.odoo() as odoo:
        click.echo(dump_json(odoo.call(model, method, *args, **kwargs)))


@cli.command("search-read")
@click.argument("model")
@click.argument("domain_json", required=False)
@click.option("--fields", help="Comma-separated field names (default: all).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many records.")
@click.option("--order", help="Such as 'name desc' (default: by id).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="A file.")
@click.option("--page-size", type=click.IntRange(min=1), default=500, show_default=True)
@pass_state
def search_read(
    state: State, model: str, domain_json: str | None, fields: str | None, limit: int | None,
    order: str | None, fmt: str, output: Path | None, page_size: int,
) -> None:  # fmt: skip
    """Records of MODEL matching DOMAIN_JSON, as a table, JSON, JSON lines or CSV.

    Without --order, records come page by page by id (no record missed or repeated while
    others change), with a progress bar on a terminal.

    \b
    Example:
      aio-odoo search-read res.partner '[["customer_rank", ">", 0]]' \\
          --fields name,email --format jsonl -o customers.jsonl
    """
    domain = _domain(domain_json)
    names = _names(fields)
    with reported(state), state.odoo() as odoo, _open(output) as out:
        records = odoo[model]
        schema = None
        if fmt == "csv":  # typed columns: a header also when nothing matches, many2one ids
            schema = Schema.from_fields_get(model, records.fields_get(), names)
            names = schema.fields
        if order or (limit and limit <= page_size):
            found = records.search_read(domain, names, order=order or "id asc", limit=limit)
            count = write_records(found, fmt, out, names, schema)
        else:
            total = records.search_count(domain)
            total = min(total, limit) if limit else total
            pages = records.iterate(domain, names, page_size=page_size)
            with record_progress(state.err, total, state.show_progress) as advance:
                count = write_records(_counted(pages, limit, advance), fmt, out, names, schema)
    if output is not None:
        state.err.print(f"{count} records written to {output}", markup=False)


@cli.command("export")
@click.argument("model")
@click.argument("domain_json", required=False)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="The file; its extension gives the format (.csv .jsonl .parquet .arrow .duckdb).",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), help="Instead of the extension."
)
@click.option("--fields", help="Comma-separated field names (default: every stored field).")
@click.option(
    "--since",
    help="Only what changed since: the cursor the previous run printed, or a write_date "
    "as Odoo writes it, 'YYYY-MM-DD HH:MM:SS' in UTC.",
)
@click.option("--resume", is_flag=True, help="Keep a checkpoint; run again to continue.")
@click.option("--concurrency", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True)
@click.option("--table", help="DuckDB: the table (default: the model, '.' as '_').")
@click.option("--binary", is_flag=True, help="Include binary fields (left out by default).")
@click.option(
    "--lag", type=click.FloatRange(min=0), default=300.0, show_default=True,
    help="Seconds the next cursor stays behind the newest change (slow transactions).",
)  # fmt: skip
@click.option("--max-rate", type=click.FloatRange(min=0, min_open=True), help="Requests/s.")
@pass_state
def export(
    state: State, model: str, domain_json: str | None, output: Path, fmt: str | None,
    fields: str | None, since: str | None, resume: bool, concurrency: int, batch_size: int,
    table: str | None, binary: bool, lag: float, max_rate: float | None,
) -> None:  # fmt: skip
    """Export MODEL's records matching DOMAIN_JSON to a file with typed columns, in
    batches by id (no record missed or repeated while others change), written under a
    temporary name and renamed when complete. Prints the cursor for the next --since.

    \b
    Examples:
      aio-odoo export res.partner -o partners.parquet
      aio-odoo export sale.order '[["state", "=", "sale"]]' -o orders.csv --resume
      aio-odoo export res.partner -o changed.jsonl --since "$(cat cursor)" > cursor
    """
    domain = _domain(domain_json)
    bar = record_progress(state.err, None, state.show_progress)
    with reported(state), state.odoo() as odoo, bar as advance:
        done = 0

        def progress(p: ExportProgress) -> None:
            nonlocal done
            advance(p.rows - done, p.total)
            done = p.rows

        job = odoo[model].export(
            domain, _names(fields), batch_size=batch_size, concurrency=concurrency,
            since=since, lag=lag, binary=binary, max_rate=max_rate, on_progress=progress,
        )  # fmt: skip
        result = job.to_file(output, fmt, resume=resume, table=table)
    resumed = " (resumed)" if result.resumed else ""
    state.err.print(
        f"{result.rows} records written to {output}{resumed} in {result.seconds:.1f} s",
        markup=False,
    )
    if result.cursor:
        click.echo(result.cursor)


@cli.command("import")
@click.argument("model")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--concurrency", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "--report", type=click.Path(dir_okay=False, path_type=Path),
    help="Every row's outcome: JSON lines (row, status, id, messages), or CSV by extension.",
)  # fmt: skip
@click.option(
    "--rejects", type=click.Path(dir_okay=False, path_type=Path),
    help="The refused rows as CSV, with an 'error' column: fix them and import that file.",
)  # fmt: skip
@pass_state
def import_(
    state: State, model: str, file: Path, batch_size: int, concurrency: int,
    report: Path | None, rejects: Path | None,
) -> None:  # fmt: skip
    """Import FILE (CSV with a header of field names, or JSON lines) into MODEL through
    Odoo's load, as its spreadsheet import does: 'id' for external ids, '.id' for
    database ids to update, 'partner_id' by name or 'partner_id/id' by external id.
    Rows Odoo refuses are reported with its message; the others are loaded.

    \b
    Example:
      aio-odoo import res.partner contacts.csv --rejects rejected.csv
    """
    with reported(state):
        fields, rows = read_rows(file)
        bar = record_progress(state.err, len(rows), state.show_progress)
        with state.odoo() as odoo, bar as advance:
            done = 0

            def progress(now: ImportReport) -> None:
                nonlocal done
                finished = sum(r.status != "pending" for r in now.rows)
                advance(finished - done)
                done = finished

            try:
                result = odoo[model].import_rows(
                    fields, rows, batch_size=batch_size, concurrency=concurrency,
                    on_progress=progress,
                )  # fmt: skip
            except errors.ImportInterrupted as exc:
                _import_files(exc.report, fields, rows, report, rejects)
                raise
        _import_files(result, fields, rows, report, rejects)
    state.err.print(str(result), markup=False)
    if not result.ok:
        for row in result.failed[:5]:
            state.err.print(f"row {row.row + 1}: {'; '.join(row.messages)}", markup=False)
        raise SystemExit(EXIT["odoo"])


def _import_files(
    result: ImportReport, fields: list[str], rows: list[list[Any]], report: Path | None,
    rejects: Path | None,
) -> None:  # fmt: skip
    if report is not None:
        with _open(report) as out:
            write_report(result, out, csv_format=report.suffix.lower() == ".csv")
    if rejects is not None:
        with _open(rejects) as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([*fields, "error"])
            for row in result.failed:
                writer.writerow([*rows[row.row], "; ".join(row.messages)])


def _domain(text: str | None) -> list[Any]:
    domain = _json_arg("DOMAIN_JSON", text, [])
    if not isinstance(domain, list):
        raise click.BadParameter("must be a JSON list", param_hint="DOMAIN_JSON")
    return domain


def _names(fields: str | None) -> list[str] | None:
    return [f.strip() for f in fields.split(",") if f.strip()] if fields else None


def _counted(
    records: Iterator[dict[str, Any]], limit: int | None, advance: Callable[[int], None]
) -> Iterator[dict[str, Any]]:
    for n, record in enumerate(records, 1):
        advance(1)
        yield record
        if limit and n >= limit:
            return


@contextmanager
def _open(output: Path | None) -> Iterator[IO[str]]:
    """Standard output, or ``output`` written under a temporary name and renamed when
    complete: a failure leaves no file that looks finished."""
    if output is None:
        yield sys.stdout
        return
    partial = output.with_name(output.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)


# --- profiles -------------------------------------------------------------------------


@cli.group()
def profile() -> None:
    """Named settings in the config file ($AIO_ODOO_CONFIG or ~/.config/aio-odoo)."""


@profile.command("save")
@click.argument("name")
@click.option("--store-password", is_flag=True, help="Also keep the password (in clear).")
@pass_state
def profile_save(state: State, name: str, store_password: bool) -> None:
    """Save the current --url, --database, --login, --protocol and --timeout as NAME.

    \b
    Example: aio-odoo --url https://odoo.example.com -d prod -l admin profile save prod
    """
    s = state.settings
    values = {
        k: str(v)
        for k, v in {
            "url": s.url,
            "database": s.database,
            "login": s.login,
            "protocol": s.protocol,
            "timeout": s.timeout,
        }.items()  # fmt: skip
        if v is not None
    }
    with reported(state):
        if store_password:
            values["password"] = s.secret("password") or ""
        path = save_profile(name, values)
    state.err.print(f"profile {name!r} saved in {path}", markup=False)


@profile.command("list")
def profile_list() -> None:
    """The profiles and their settings (secrets hidden).

    \b
    Example: aio-odoo profile list
    """
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config_path(), encoding="utf-8")
    for section in parser.sections():
        shown = {k: ("***" if k in ("password", "api_key", "master_password") else v)
                 for k, v in parser[section].items()}  # fmt: skip
        click.echo(f"{section}: {json.dumps(shown)}")


# --- databases ------------------------------------------------------------------------


@cli.group()
@click.option(
    "--via",
    type=click.Choice(["auto", "db", "web"]),
    default="auto",
    show_default=True,
    help="The db service of /jsonrpc or the /web/database routes (auto: the web routes "
    "when the server has them, else the db service).",
)
@click.pass_context
def db(ctx: click.Context, via: str) -> None:
    """Databases: list, exists, create, duplicate, rename, drop, backup, restore and the
    master password (AIO_ODOO_MASTER_PASSWORD, or asked on a terminal)."""
    ctx.obj.via = via


def _web(state: State) -> bool:
    via = state.via
    if via != "auto":
        return bool(via == "web")
    found = state.info()
    return found.web_database or not found.db_service


def _master(state: State) -> str:
    return state.settings.secret("master_password", label="Master password") or ""


@db.command("list")
@pass_state
def db_list(state: State) -> None:
    """The databases, one per line.

    \b
    Example: aio-odoo --url https://odoo.example.com db list
    """
    with reported(state):
        url = state.settings.need_url()
        if _web(state):
            names = sync.web_list_databases(state.http, url, timeout=state.settings.timeout)
        else:
            names = sync.list_databases(state.http, url, timeout=state.settings.timeout)
    for name in names:
        click.echo(name)


@db.command("exists")
@click.argument("name")
@pass_state
def db_exists(state: State, name: str) -> None:
    """Exit 0 when database NAME exists, 5 when not.

    \b
    Example: aio-odoo db exists staging || aio-odoo db duplicate prod staging
    """
    with reported(state):
        url = state.settings.need_url()
        if _web(state):
            found = name in sync.web_list_databases(state.http, url, timeout=state.settings.timeout)
        else:
            found = sync.db_exist(state.http, url, db_name=name, timeout=state.settings.timeout)
    click.echo("yes" if found else "no")
    if not found:
        raise SystemExit(EXIT["not_found"])


@db.command("create")
@click.argument("name")
@click.option("--admin-login", default="admin", show_default=True)
@click.option("--lang", default="en_US", show_default=True)
@click.option("--country", help="Country code, such as BE.")
@click.option("--demo", is_flag=True, help="Load demo data.")
@pass_state
def db_create(
    state: State, name: str, admin_login: str, lang: str, country: str | None, demo: bool
) -> None:
    """Create database NAME; its administrator's password is AIO_ODOO_NEW_ADMIN_PASSWORD
    (or asked on a terminal), never the password you log in with.

    \b
    Example: aio-odoo --url URL db create staging --country BE
    """
    with reported(state):
        url, master = state.settings.need_url(), _master(state)
        password = state.settings.secret(
            "new_admin_password", label="New database's admin password"
        ) or ""  # fmt: skip
        timeout = state.settings.timeout or 1800
        if _web(state):
            sync.web_create_database(
                state.http, url, master_pwd=master, name=name, login=admin_login,
                password=password, lang=lang, country_code=country, demo=demo, timeout=timeout,
            )  # fmt: skip
        else:
            sync.create_database(
                state.http, url, admin_password=master, db_name=name, demo=demo, lang=lang,
                user_password=password, login=admin_login, country_code=country,
                timeout=timeout,
            )  # fmt: skip
    state.err.print(f"database {name!r} created", markup=False)


@db.command("duplicate")
@click.argument("source")
@click.argument("new_name")
@click.option("--neutralize", is_flag=True, help="Disable mail servers, crons... (16+).")
@pass_state
def db_duplicate(state: State, source: str, new_name: str, neutralize: bool) -> None:
    """Copy database SOURCE to NEW_NAME.

    \b
    Example: aio-odoo db duplicate prod staging --neutralize
    """
    with reported(state):
        url, master = state.settings.need_url(), _master(state)
        timeout = state.settings.timeout or 1800
        if _web(state):
            sync.web_duplicate_database(
                state.http, url, master_pwd=master, name=source, new_name=new_name,
                neutralize_database=neutralize, timeout=timeout,
            )  # fmt: skip
        else:
            sync.duplicate_database(
                state.http, url, admin_password=master, db_original_name=source,
                db_name=new_name, neutralize_database=neutralize, timeout=timeout,
            )  # fmt: skip
    state.err.print(f"database {source!r} copied to {new_name!r}", markup=False)


@db.command("rename")
@click.argument("old_name")
@click.argument("new_name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def db_rename(state: State, old_name: str, new_name: str, yes: bool) -> None:
    """Rename database OLD_NAME to NEW_NAME (the db service only: Odoo 19 and older).

    \b
    Example: aio-odoo db rename staging staging-2026 --yes
    """
    _confirm(state, yes, f"Rename database {old_name!r} to {new_name!r}?")
    with reported(state):
        if state.via == "web":
            raise SettingsError("the /web/database routes cannot rename: use --via db")
        if not state.info().db_service:
            raise SettingsError("this server has no db service (Odoo 20+): it cannot rename")
        sync.rename_database(
            state.http, state.settings.need_url(), admin_password=_master(state),
            old_name=old_name, new_name=new_name, timeout=state.settings.timeout,
        )  # fmt: skip
    state.err.print(f"database {old_name!r} renamed to {new_name!r}", markup=False)


@db.command("drop")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def db_drop(state: State, name: str, yes: bool) -> None:
    """Drop database NAME (asks first, unless --yes).

    \b
    Example: aio-odoo db drop staging
    """
    _confirm(state, yes, f"Drop database {name!r}? This cannot be undone.")
    with reported(state):
        url, master = state.settings.need_url(), _master(state)
        if _web(state):
            if name not in sync.web_list_databases(state.http, url):
                raise errors.DatabaseNotFound(f"database {name!r} does not exist")
            sync.web_drop_database(state.http, url, master_pwd=master, name=name,
                                   timeout=state.settings.timeout)  # fmt: skip
        elif not sync.drop_database(state.http, url, admin_password=master, db_name=name,
                                    timeout=state.settings.timeout):  # fmt: skip
            raise errors.DatabaseNotFound(f"database {name!r} does not exist")
    state.err.print(f"database {name!r} dropped", markup=False)


@db.command("backup")
@click.argument("name", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file (default: NAME_YYYYMMDD_HHMMSS.zip or .dump here, in UTC).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["zip", "dump"]),
    default="zip",
    show_default=True,
    help="zip: with the filestore; dump: pg_dump's format.",
)
@click.option("--no-filestore", is_flag=True, help="A zip without the filestore (19+).")
@pass_state
def db_backup(
    state: State, name: str | None, output: Path | None, fmt: str, no_filestore: bool
) -> None:
    """Stream a backup of database NAME (default: --database) into a file; it is never
    held in memory, and a failed backup leaves no file.

    \b
    Example: aio-odoo --url URL db backup prod -o prod.zip
    """
    with reported(state):
        name = name or state.settings.need_database()
        if output is None:
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d_%H%M%S")
            output = Path(f"{name}_{stamp}.{fmt}")
        if state.via == "db":
            raise SettingsError(
                "the db service sends a backup in one piece (held in memory): use --via web"
            )
        url, master = state.settings.need_url(), _master(state)
        with byte_progress(state.err, f"backup {name}", None, state.show_progress) as update:
            size = sync.web_backup_database(
                state.http, url, master_pwd=master, name=name, backup_file=output,
                backup_format=fmt, filestore=False if no_filestore else None, progress=update,
                timeout=state.settings.timeout or 3600,
            )  # fmt: skip
    state.err.print(f"{size} bytes written to {output}", markup=False)


@db.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("name")
@click.option("--copy", is_flag=True, help="It is a copy: give it a new database UUID.")
@click.option("--neutralize", is_flag=True, help="Disable mail servers, crons... (16+).")
@pass_state
def db_restore(state: State, file: Path, name: str, copy: bool, neutralize: bool) -> None:
    """Restore FILE (a zip or dump backup) as database NAME, streamed from disk.

    \b
    Example: aio-odoo --url URL db restore prod.zip staging --copy --neutralize
    """
    with reported(state):
        if state.via == "db":
            raise SettingsError(
                "the db service takes a backup in one piece (held in memory): use --via web"
            )
        url, master = state.settings.need_url(), _master(state)
        total = file.stat().st_size
        with byte_progress(state.err, f"restore {name}", total, state.show_progress) as update:
            sync.web_restore_database(
                state.http, url, master_pwd=master, name=name, backup_file=file, copy=copy,
                neutralize_database=neutralize, progress=update,
                timeout=state.settings.timeout or 3600,
            )  # fmt: skip
    state.err.print(f"database {name!r} restored from {file}", markup=False)


@db.command("change-password")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def db_change_password(state: State, yes: bool) -> None:
    """Change the master password: the current one from AIO_ODOO_MASTER_PASSWORD (or
    asked), the new one from AIO_ODOO_NEW_MASTER_PASSWORD (or asked twice).

    \b
    Example: AIO_ODOO_NEW_MASTER_PASSWORD=... aio-odoo db change-password --yes
    """
    _confirm(state, yes, "Change the server's master password?")
    with reported(state):
        url, master = state.settings.need_url(), _master(state)
        new = state.settings.environ.get("AIO_ODOO_NEW_MASTER_PASSWORD")
        if not new:
            if not sys.stdin.isatty():
                raise SettingsError("no new master password: set AIO_ODOO_NEW_MASTER_PASSWORD")
            new = click.prompt("New master password", hide_input=True,
                               confirmation_prompt=True, err=True)  # fmt: skip
        if _web(state):
            sync.web_change_password(state.http, url, master_pwd=master, master_pwd_new=new,
                                     timeout=state.settings.timeout)  # fmt: skip
        else:
            sync.change_admin_password(state.http, url, admin_password=master, new_password=new,
                                       timeout=state.settings.timeout)  # fmt: skip
    state.err.print("master password changed", markup=False)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="aio-odoo")
    except KeyboardInterrupt:
        Console(stderr=True).print("interrupted")
        raise SystemExit(130) from None
