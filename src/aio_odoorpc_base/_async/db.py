"""The ``db`` service (odoo/service/db.py), with the predecessor's names for list, drop,
dump, rename and restore. ``admin_password`` is the master password.

Removed from Odoo 20: use the ``/web/database`` routes there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from .._protocol.args import need_bool, need_list, need_name, need_str
from .._protocol.results import dump_bytes, pairs, restore_data
from ..types import AsyncHttpClient
from ._rpc import jsonrpc

__all__ = [
    "change_admin_password",
    "create_database",
    "db_exist",
    "drop_database",
    "dump_database",
    "duplicate_database",
    "list_countries",
    "list_databases",
    "list_lang",
    "migrate_databases",
    "rename_database",
    "restore_database",
    "server_version",
]


async def _db(
    http_client: AsyncHttpClient,
    url: str,
    method: str,
    args: list[Any],
    timeout: float | None,
) -> Any:
    return await jsonrpc(http_client, url, service="db", method=method, args=args, timeout=timeout)


async def db_exist(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    db_name: str,
    timeout: float | None = None,
) -> bool:
    """Whether PostgreSQL has a database ``db_name`` (Odoo's or not)."""
    return cast(
        bool,
        await _db(http_client, url, "db_exist", [need_name("db_name", db_name)], timeout),
    )


async def list_databases(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    document: bool = False,
    timeout: float | None = None,
) -> list[str]:
    """The database names (``db.list``). Odoo ignores ``document``. A server started with
    ``list_db = False`` raises AccessDenied instead of answering."""
    args = [True] if need_bool("document", document) else []
    return cast(list[str], await _db(http_client, url, "list", args, timeout))


async def list_lang(
    http_client: AsyncHttpClient, url: str = "", *, timeout: float | None = None
) -> list[list[str]]:
    """The languages Odoo can install: ``[[code, name], ...]``, as Odoo sends them."""
    return pairs(await _db(http_client, url, "list_lang", [], timeout), "db.list_lang")


async def server_version(
    http_client: AsyncHttpClient, url: str = "", *, timeout: float | None = None
) -> str:
    """The server version string, e.g. ``"11.0"`` or ``"17.0+e"``."""
    return cast(str, await _db(http_client, url, "server_version", [], timeout))


async def list_countries(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    timeout: float | None = None,
) -> list[list[str]]:
    """The countries, ``[[code, name], ...]`` as Odoo sends them; needs the master
    password."""
    args = [need_str("admin_password", admin_password)]
    result = await _db(http_client, url, "list_countries", args, timeout)
    return pairs(result, "db.list_countries")


async def change_admin_password(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    new_password: str,
    timeout: float | None = None,
) -> bool:
    """Change the master password (Odoo rewrites its configuration file)."""
    args = [
        need_str("admin_password", admin_password),
        need_str("new_password", new_password),
    ]
    return cast(bool, await _db(http_client, url, "change_admin_password", args, timeout))


async def create_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    db_name: str,
    demo: bool,
    lang: str,
    user_password: str = "admin",
    login: str = "admin",
    country_code: str | None = None,
    phone: str | None = None,
    timeout: float | None = None,
) -> bool:
    """Create and initialise a database (25-40 s: give the HTTP client a long timeout).

    ``country_code`` and ``phone`` are sent only when given (``phone`` exists from Odoo
    12). Odoo returns True even when initialisation failed half-way; check with a login.
    """
    args: list[Any] = [
        need_str("admin_password", admin_password),
        need_name("db_name", db_name),
        need_bool("demo", demo),
        need_name("lang", lang),
        need_str("user_password", user_password),
        need_name("login", login),
    ]
    if country_code is not None or phone is not None:
        args.append(None if country_code is None else need_str("country_code", country_code))
    if phone is not None:
        args.append(need_str("phone", phone))
    return cast(bool, await _db(http_client, url, "create_database", args, timeout))


async def drop_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    db_name: str,
    timeout: float | None = None,
) -> bool:
    """Drop a database. Odoo returns False (no error) when it does not exist."""
    args = [need_str("admin_password", admin_password), need_name("db_name", db_name)]
    return cast(bool, await _db(http_client, url, "drop", args, timeout))


async def dump_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    db_name: str,
    format: str = "zip",
    timeout: float | None = None,
) -> bytes:
    """A backup of ``db_name``: ``"zip"`` gives dump.sql, manifest.json and the
    filestore; any other format a pg_dump custom archive (for pg_restore).

    The whole backup travels as one base64 JSON string; for big databases prefer the
    streaming ``/web/database/backup`` route.
    """
    args = [
        need_str("admin_password", admin_password),
        need_name("db_name", db_name),
        need_name("format", format),
    ]
    return dump_bytes(await _db(http_client, url, "dump", args, timeout), db_name)


async def duplicate_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    db_original_name: str,
    db_name: str,
    neutralize_database: bool = False,
    timeout: float | None = None,
) -> bool:
    """Copy ``db_original_name`` to ``db_name``. ``neutralize_database`` (Odoo 16+) is
    sent only when True."""
    args: list[Any] = [
        need_str("admin_password", admin_password),
        need_name("db_original_name", db_original_name),
        need_name("db_name", db_name),
    ]
    if need_bool("neutralize_database", neutralize_database):
        args.append(True)
    return cast(bool, await _db(http_client, url, "duplicate_database", args, timeout))


async def migrate_databases(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    databases: Sequence[str],
    timeout: float | None = None,
) -> bool:
    """Update the ``base`` module of each database (about 25 s each)."""
    names = need_list("databases", databases, " of database names")
    for name in names:
        need_name("databases[]", name)
    args = [need_str("admin_password", admin_password), names]
    return cast(bool, await _db(http_client, url, "migrate_databases", args, timeout))


async def rename_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    old_name: str,
    new_name: str,
    timeout: float | None = None,
) -> bool:
    """Rename a database and move its filestore."""
    args = [
        need_str("admin_password", admin_password),
        need_name("old_name", old_name),
        need_name("new_name", new_name),
    ]
    return cast(bool, await _db(http_client, url, "rename", args, timeout))


async def restore_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    admin_password: str,
    db_name: str,
    data: bytes | str,
    copy: bool = False,
    timeout: float | None = None,
) -> bool:
    """Restore a backup (bytes, or base64 text) as ``db_name``. ``copy=True`` gives the
    copy a new database UUID. On Odoo 11 a failed restore leaves an empty database."""
    args = [
        need_str("admin_password", admin_password),
        need_name("db_name", db_name),
        restore_data(data),
        need_bool("copy", copy),
    ]
    return cast(bool, await _db(http_client, url, "restore", args, timeout))
