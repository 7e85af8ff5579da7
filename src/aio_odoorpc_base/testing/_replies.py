"""The fake Odoo's answers, shaped as each Odoo version shapes them (from real captures
of Odoo 11, 17 and 19): JSON-RPC envelopes, JSON-2 error objects with their HTTP status,
and the HTML pages Odoo sends before routing."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["KINDS", "html_page", "json2_error", "jsonrpc_error", "jsonrpc_result"]

# kind -> (Odoo's class name, Odoo 11's exception_type, JSON-2 status)
KINDS: dict[str, tuple[str, str, int]] = {
    "access_denied": ("odoo.exceptions.AccessDenied", "access_denied", 401),
    "access_error": ("odoo.exceptions.AccessError", "access_error", 403),
    "user_error": ("odoo.exceptions.UserError", "user_error", 422),
    "unknown_model": ("odoo.exceptions.UserError", "user_error", 404),
    "missing": ("odoo.exceptions.MissingError", "missing_error", 404),
    "validation": ("odoo.exceptions.ValidationError", "validation_error", 422),
    "unknown_method": ("builtins.AttributeError", "internal_error", 404),
    "attribute_error": ("builtins.AttributeError", "internal_error", 500),
    "value_error": ("builtins.ValueError", "internal_error", 500),
    "key_error": ("builtins.KeyError", "internal_error", 500),
    "type_error": ("builtins.TypeError", "internal_error", 500),
    "not_implemented": ("builtins.NotImplementedError", "internal_error", 501),
    "database": ("psycopg2.OperationalError", "internal_error", 500),
    # the fake's own refusal: what it does not model (errors.NotSupportedByFake)
    "unsupported": ("aio_odoorpc_base.testing.NotSupported", "internal_error", 501),
}
# what a test may name in FakeOdoo.fail()
PUBLIC_KINDS = {
    "UserError": "user_error",
    "ValidationError": "validation",
    "AccessError": "access_error",
    "AccessDenied": "access_denied",
    "MissingError": "missing",
}
_EXCEPT_ORM = {"access_error", "missing", "validation"}  # Odoo 11: (message, None)


def _debug(name: str, message: str) -> str:
    return (
        "Traceback (most recent call last):\n"
        '  File "aio_odoorpc_base/testing", line 1, in fake_odoo\n'
        f"{name}: {message}\n"
    )


def jsonrpc_result(rid: Any, result: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": rid, "result": result}


def jsonrpc_error(major: int, rid: Any, kind: str, message: str) -> dict[str, Any]:
    name = KINDS[kind][0]
    data: dict[str, Any] = {"name": name, "debug": _debug(name, message)}
    if major < 17:
        arguments: list[Any] = [message]
        if kind in ("user_error", "unknown_model"):
            arguments = [message, ""]
        elif kind in _EXCEPT_ORM:
            arguments = [message, None]
        data["message"] = "\n".join("None" if a is None else str(a) for a in arguments)
        data["arguments"] = arguments
        data["exception_type"] = KINDS[kind][1]
    else:
        data["message"] = message
        data["arguments"] = [message]
        data["context"] = {}
    code = 0 if major >= 19 else 200
    return {
        "jsonrpc": "2.0",
        "id": rid,
        "error": {"code": code, "message": "Odoo Server Error", "data": data},
    }


def jsonrpc_not_found(rid: Any) -> dict[str, Any]:
    """Odoo before 16: a JSON request to a path with no route (an HTTP 404)."""
    name = "werkzeug.exceptions.NotFound"
    data = {"name": name, "debug": _debug(name, "404: Not Found"), "message": "404: Not Found",
            "arguments": [], "exception_type": "internal_error"}  # fmt: skip
    return {"jsonrpc": "2.0", "id": rid,
            "error": {"code": 404, "message": "404: Not Found", "data": data}}  # fmt: skip


def json2_error(kind: str, message: str) -> tuple[int, dict[str, Any]]:
    """Odoo 19's JSON-2 failure: the status and the error object."""
    name, _, status = KINDS[kind]
    if kind in ("unknown_model", "unknown_method"):
        return werkzeug_error(404, message)
    return status, _error_object(name, message, [message])


def werkzeug_error(status: int, message: str) -> tuple[int, dict[str, Any]]:
    """A JSON-2 failure raised as a werkzeug HTTP exception (401, 404, 422, 400)."""
    name = {
        400: "BadRequest",
        401: "Unauthorized",
        404: "NotFound",
        422: "UnprocessableEntity",
    }[status]
    return status, _error_object(f"werkzeug.exceptions.{name}", message, [message, status])


def _error_object(name: str, message: str, arguments: list[Any]) -> dict[str, Any]:
    return {
        "name": name,
        "message": message,
        "arguments": arguments,
        "context": {},
        "debug": _debug(name, message),
    }


_TITLES = {
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    415: "Unsupported Media Type",
}


def html_page(status: int, text: str) -> bytes:
    """The page werkzeug renders for an error raised before Odoo's routing."""
    title = f"{status} {_TITLES.get(status, 'Error')}"
    return (
        f"<!doctype html>\n<html lang=en>\n<title>{title}</title>\n"
        f"<h1>{_TITLES.get(status, 'Error')}</h1>\n<p>{text}</p>\n"
    ).encode()


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()
