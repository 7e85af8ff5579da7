"""The async API: the source of truth; ``_sync`` is generated from this package."""

from __future__ import annotations

from ._rpc import jsonrpc
from .client import AsyncModel, AsyncOdooRPC
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
from .json2 import json2_call
from .object import execute, execute_kw
from .server_info import server_info
from .v304 import check_jsonrpc_response, rpc_call_and_check, rpc_result
from .web_database import (
    web_backup_database,
    web_change_password,
    web_create_database,
    web_drop_database,
    web_duplicate_database,
    web_list_databases,
    web_restore_database,
)

__all__ = [
    "AsyncModel",
    "AsyncOdooRPC",
    "about",
    "authenticate",
    "change_admin_password",
    "check_jsonrpc_response",
    "create_database",
    "db_exist",
    "drop_database",
    "dump_database",
    "duplicate_database",
    "execute",
    "execute_kw",
    "json2_call",
    "jsonrpc",
    "list_countries",
    "list_databases",
    "list_lang",
    "login",
    "migrate_databases",
    "rename_database",
    "restore_database",
    "rpc_call_and_check",
    "rpc_result",
    "server_info",
    "server_version",
    "set_loglevel",
    "version",
    "web_backup_database",
    "web_change_password",
    "web_create_database",
    "web_drop_database",
    "web_duplicate_database",
    "web_list_databases",
    "web_restore_database",
]
