"""The async API: the source of truth; ``_sync`` is generated from this package."""

from __future__ import annotations

from ._rpc import jsonrpc
from .common import about, authenticate, login, set_loglevel, version
from .db import (
    change_admin_password,
    create_database,
    db_exist,
    drop_database,
    dump_database,
    duplicate_database,
    list_countries,
    list_databases,
    list_lang,
    migrate_databases,
    rename_database,
    restore_database,
    server_version,
)
from .object import execute, execute_kw

__all__ = [
    "about",
    "authenticate",
    "change_admin_password",
    "create_database",
    "db_exist",
    "drop_database",
    "dump_database",
    "duplicate_database",
    "execute",
    "execute_kw",
    "jsonrpc",
    "list_countries",
    "list_databases",
    "list_lang",
    "login",
    "migrate_databases",
    "rename_database",
    "restore_database",
    "server_version",
    "set_loglevel",
    "version",
]
