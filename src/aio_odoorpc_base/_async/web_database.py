"""Database management over the ``/web/database/*`` routes: what Odoo 20 keeps of the
``db`` service, and an alternative on older servers (11+). Field names are the routes'
own; ``master_pwd`` is the master password.

A redirect means success, the manager page means failure: its message becomes the
exception (AccessDenied for a wrong master password, DatabaseExists, DatabaseError).
These routes set a session cookie; the library puts the client's cookies back as they
were, so a JSON-2 call with the same client still works. They need httpx, requests or
aiohttp (forms, streaming, cookies); backups stream to disk and restores from it.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import IO, Any, cast

from .._protocol.args import need_bool, need_name, need_str
from .._protocol.base import Reply, Request, base_url
from .._protocol.jsonrpc import JsonRpcRequest
from .._protocol.webdb import (
    FileDownload,
    MultipartBody,
    Progress,
    form_request,
    judge,
    need_db_name,
)
from .._transport import to_async_transport, url_or_base
from ..errors import DatabaseError, ProtocolError
from ..types import AsyncHttpClient

__all__ = [
    "web_backup_database",
    "web_change_password",
    "web_create_database",
    "web_drop_database",
    "web_duplicate_database",
    "web_list_databases",
    "web_restore_database",
]


async def _exchange(http_client: AsyncHttpClient, request: Request, timeout: float | None) -> Reply:
    return await to_async_transport(http_client)(http_client, request, timeout)


async def _submit(http_client: AsyncHttpClient, request: Request, timeout: float | None) -> Any:
    return request.parse(await _exchange(http_client, request, timeout))


async def web_list_databases(
    http_client: AsyncHttpClient, url: str = "", *, timeout: float | None = None
) -> list[str]:
    """The databases the server lists (``/web/database/list``, dbfilter applied);
    AccessDenied when the server has ``list_db = False``."""
    root = base_url(url_or_base(http_client, url))
    request = JsonRpcRequest.route(f"{root}/web/database/list", "web.database.list", {})
    return cast(list[str], await _submit(http_client, request, timeout))


async def web_create_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    master_pwd: str,
    name: str,
    login: str,
    password: str,
    lang: str = "en_US",
    country_code: str | None = None,
    phone: str = "",
    demo: bool = False,
    timeout: float | None = None,
) -> None:
    """Create database ``name`` with an administrator ``login``/``password``. Takes
    minutes: pass a ``timeout`` that allows it."""
    fields = {
        "master_pwd": need_str("master_pwd", master_pwd),
        "name": need_db_name("name", name),
        "login": need_name("login", login),
        "password": need_name("password", password),
        "lang": need_name("lang", lang),
        "phone": need_str("phone", phone),
    }
    if country_code is not None:
        fields["country_code"] = need_name("country_code", country_code)
    if need_bool("demo", demo):
        fields["demo"] = "1"
    request = form_request(
        url_or_base(http_client, url), "create", fields, ("master_pwd", "password")
    )
    await _submit(http_client, request, timeout)


async def web_duplicate_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    master_pwd: str,
    name: str,
    new_name: str,
    neutralize_database: bool = False,
    timeout: float | None = None,
) -> None:
    """Copy database ``name`` to ``new_name``; ``neutralize_database`` (16+) disables
    mail servers, crons and the like in the copy."""
    fields = {
        "master_pwd": need_str("master_pwd", master_pwd),
        "name": need_name("name", name),
        "new_name": need_db_name("new_name", new_name),
    }
    # Odoo counts any value as true, and Odoo 11 fails on fields it does not know
    if need_bool("neutralize_database", neutralize_database):
        fields["neutralize_database"] = "1"
    request = form_request(url_or_base(http_client, url), "duplicate", fields, ("master_pwd",))
    await _submit(http_client, request, timeout)


async def web_drop_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    master_pwd: str,
    name: str,
    timeout: float | None = None,
) -> None:
    """Drop database ``name``. Odoo reports success for a name that does not exist."""
    fields = {"master_pwd": need_str("master_pwd", master_pwd), "name": need_name("name", name)}
    request = form_request(url_or_base(http_client, url), "drop", fields, ("master_pwd",))
    await _submit(http_client, request, timeout)


async def web_change_password(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    master_pwd: str,
    master_pwd_new: str,
    timeout: float | None = None,
) -> None:
    """Change the master password."""
    fields = {
        "master_pwd": need_str("master_pwd", master_pwd),
        "master_pwd_new": need_name("master_pwd_new", master_pwd_new),
    }
    request = form_request(
        url_or_base(http_client, url), "change_password", fields, ("master_pwd", "master_pwd_new")
    )
    await _submit(http_client, request, timeout)


async def web_backup_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    master_pwd: str,
    name: str,
    backup_file: str | os.PathLike[str] | IO[bytes],
    backup_format: str = "zip",
    filestore: bool | None = None,
    progress: Progress | None = None,
    timeout: float | None = None,
) -> int:
    """Stream a backup of ``name`` into ``backup_file`` (a path, or a binary file object
    open for writing) and return its size in bytes. ``backup_format`` is ``"zip"``
    (with the filestore) or ``"dump"`` (pg_dump custom format); ``filestore=False``
    (19+) leaves the filestore out of a zip. ``progress(done, total)`` is called per
    chunk (``total`` is None: Odoo does not announce the size). A path is removed again
    when the backup fails."""
    fields = {
        "master_pwd": need_str("master_pwd", master_pwd),
        "name": need_name("name", name),
        "backup_format": need_name("backup_format", backup_format),
    }
    if filestore is not None:
        fields["filestore"] = "true" if need_bool("filestore", filestore) else "false"
    download = FileDownload(backup_file, progress)
    request = form_request(
        url_or_base(http_client, url), "backup", fields, ("master_pwd",), download=download
    )
    ok = False
    try:
        reply = await _exchange(http_client, request, timeout)
        _check_backup(request, reply, download)
        ok = True
        return download.done
    finally:
        download.finish(ok)


def _check_backup(request: Request, reply: Reply, download: FileDownload) -> None:
    if not download.started:
        judge(request, reply)  # raises for anything but a redirect
        raise ProtocolError(f"{request.label}: the server redirected instead of sending a file")
    if download.done == 0:
        raise DatabaseError(
            f"{request.label}: the server sent an empty backup (does the database exist, "
            "and is the format 'zip' or 'dump'?)"
        )


async def web_restore_database(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    master_pwd: str,
    name: str,
    backup_file: str | os.PathLike[str] | IO[bytes],
    copy: bool = False,
    neutralize_database: bool = False,
    filename: str | None = None,
    progress: Progress | None = None,
    timeout: float | None = None,
) -> None:
    """Restore ``backup_file`` (a path, or a seekable binary file object read from its
    current position) as database ``name``, streaming it. ``copy=True`` gives the copy
    a new uuid (say "this is a copy"); ``neutralize_database`` (16+) neutralizes it.
    ``progress(done, total)`` is called as the file is sent."""
    fields = {"master_pwd": need_str("master_pwd", master_pwd), "name": need_db_name("name", name)}
    # send optional fields only when set: Odoo 11 fails on unknown fields, and Odoo reads
    # any neutralize value as true
    if need_bool("copy", copy):
        fields["copy"] = "true"
    if need_bool("neutralize_database", neutralize_database):
        fields["neutralize_database"] = "1"
    async with _reading(backup_file) as (fileobj, default_name):
        body = MultipartBody(fields, "backup_file", filename or default_name, fileobj, progress)
        request = form_request(
            url_or_base(http_client, url), "restore", fields, ("master_pwd",), upload=body
        )
        await _submit(http_client, request, timeout)


@asynccontextmanager
async def _reading(
    source: str | os.PathLike[str] | IO[bytes],
) -> AsyncIterator[tuple[IO[bytes], str]]:
    if isinstance(source, str | os.PathLike):
        # local reads are short next to the upload; the async clients read it the same way
        with open(source, "rb") as fileobj:  # noqa: ASYNC230
            yield fileobj, os.path.basename(os.fspath(source))
        return
    if not callable(getattr(source, "read", None)):
        raise TypeError(
            f"backup_file must be a path or a binary file object, got {type(source).__name__}"
        )
    yield source, os.path.basename(str(getattr(source, "name", "") or "backup.zip"))
