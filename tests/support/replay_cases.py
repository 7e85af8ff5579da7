"""Turn a recorded exchange into the library call that makes the same request, and into
the outcome the library must give for the recorded reply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aio_odoorpc_base import errors

from .recorded_odoo import CASES


def call_for(case: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(function name, keyword arguments) that send ``case``'s recorded request."""
    params = case["request"]["body_json"]["params"]
    service, method, a = params["service"], params["method"], params["args"]
    if service == "common":
        if method == "about":
            return "about", {"extended": a[0]} if a else {}
        if method == "login":
            return "login", {"db": a[0], "login": a[1], "password": a[2]}
        if method == "authenticate":
            return "authenticate", {
                "db": a[0],
                "login": a[1],
                "password": a[2],
                "user_agent_env": a[3],
            }
        if method == "set_loglevel":
            return "set_loglevel", {"loglevel": a[0]}
        return method, {}
    if service == "db":
        master = {"admin_password": a[0]} if a else {}
        simple: dict[str, Callable[[], dict[str, Any]]] = {
            "db_exist": lambda: {"db_name": a[0]},
            "list": lambda: {"document": True} if a else {},
            "list_lang": dict,
            "server_version": dict,
            "list_countries": lambda: master,
            "change_admin_password": lambda: {**master, "new_password": a[1]},
            "drop": lambda: {**master, "db_name": a[1]},
            "dump": lambda: {**master, "db_name": a[1], "format": a[2]},
            "rename": lambda: {**master, "old_name": a[1], "new_name": a[2]},
            "migrate_databases": lambda: {**master, "databases": a[1]},
            "restore": lambda: {**master, "db_name": a[1], "data": a[2], "copy": a[3]},
            "duplicate_database": lambda: {
                **master,
                "db_original_name": a[1],
                "db_name": a[2],
            },
        }
        names = {
            "list": "list_databases",
            "drop": "drop_database",
            "dump": "dump_database",
            "rename": "rename_database",
            "restore": "restore_database",
        }
        if method == "create_database":
            keys = [
                "db_name",
                "demo",
                "lang",
                "user_password",
                "login",
                "country_code",
                "phone",
            ]
            return method, {**master, **dict(zip(keys, a[1:], strict=False))}
        return names.get(method, method), simple[method]()
    head = {"db": a[0], "uid": a[1], "password": a[2], "obj": a[3], "method": a[4]}
    if method == "execute":
        return "execute", {"*args": a[5:], **head}
    kwargs = {"args": a[5]}
    if len(a) > 6:
        kwargs["kwargs"] = a[6]
    return "execute_kw", {**head, **kwargs}


# Requests the library cannot (and must not) send as recorded: malformed envelopes,
# wrong argument shapes, unknown services, and the giant dump/restore bodies.
NOT_LIBRARY_SHAPED = {
    "common-unknown-method",
    "common-version-context-param",
    "db-unknown-method",
    "db-list_countries-no-password",
    "db-create_database-minimal-args",
    "db-dump-zip",
    "db-dump-dump",
    "db-dump-bad-format",
    "envelope-method-ignored",
    "envelope-no-id",
    "envelope-no-jsonrpc-key",
    "envelope-string-id",
    "error-params-extra-key",
    "error-params-missing-args",
    "error-unknown-path",
    "error-unknown-service",
    "error-wrong-path",
    "error-object-args-not-list",
    "error-object-too-few-params",
    "error-object-unknown-method",
    "object-execute_kw-create-list",
}

# The class each recorded Odoo error must raise, by the server's exception name.
ERROR_CLASSES: dict[str, type[errors.ServerError]] = {
    "odoo.exceptions.AccessDenied": errors.AccessDenied,
    "odoo.exceptions.AccessError": errors.AccessError,
    "odoo.exceptions.UserError": errors.UserError,
    "odoo.exceptions.ValidationError": errors.ValidationError,
    "odoo.exceptions.MissingError": errors.MissingError,
    "odoo.service.db.DatabaseExists": errors.DatabaseExists,
    "psycopg2.errors.DuplicateDatabase": errors.DatabaseExists,
    "psycopg2.OperationalError": errors.DatabaseError,
    "psycopg2.errors.InvalidCatalogName": errors.DatabaseError,
    "psycopg2.errors.InvalidTextRepresentation": errors.DatabaseError,
    "werkzeug.exceptions.NotFound": errors.NotFound,
}
# By message: an unknown method or model, or a call with wrong arguments (a TypeError
# from binding them); other builtin exceptions stay ServerError.
ERROR_CASE_CLASSES: dict[str, type[errors.ServerError]] = {
    "error-model-does-not-exist": errors.ModelNotFound,
    "error-bad-kwarg": errors.InvalidArguments,
    "db-create_database-with-phone": errors.InvalidArguments,
    "error-method-does-not-exist": errors.MethodNotFound,
    "error-object-unknown-method": errors.MethodNotFound,
    "common-unknown-method": errors.MethodNotFound,
    "db-unknown-method": errors.MethodNotFound,
    # PostgreSQL's 'database "x" does not exist'
    "common-authenticate-missing-db": errors.DatabaseNotFound,
    "common-login-missing-db": errors.DatabaseNotFound,
    "db-dump-missing-db": errors.DatabaseNotFound,
    "db-duplicate_database-missing-source": errors.DatabaseNotFound,
    "db-migrate_databases-missing-db": errors.DatabaseNotFound,
    "error-missing-db": errors.DatabaseNotFound,
}


def library_cases() -> list[str]:
    names = []
    for name, case in CASES.items():
        body = case["request"].get("body_json")
        if (
            name in NOT_LIBRARY_SHAPED
            or case["request"]["url"].rstrip("/").rsplit("/", 1)[1] != "jsonrpc"
            or not isinstance(body, dict)
            or not isinstance(body.get("params"), dict)
            or "args" not in body["params"]
            or case["response"]["body_json"] is None
        ):
            continue
        names.append(name)
    return names


def expected_error(case: dict[str, Any]) -> type[errors.ServerError]:
    name = case["response"]["body_json"]["error"]["data"]["name"]
    return ERROR_CASE_CLASSES.get(case["case"]) or ERROR_CLASSES.get(name, errors.ServerError)
