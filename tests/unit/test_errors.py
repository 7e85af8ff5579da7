"""The error tree: lookup by Odoo name, exception type, message and code; Odoo 14
error shapes; every exception pickles."""

from __future__ import annotations

import pickle

import pytest

from aio_odoorpc_base import errors
from aio_odoorpc_base._protocol import jsonrpc as _jsonrpc


@pytest.mark.parametrize(
    ("name", "etype", "code", "message", "cls"),
    [
        ("odoo.exceptions.AccessDenied", None, 200, "", errors.AccessDenied),
        ("odoo.exceptions.except_orm", None, 200, "", errors.UserError),
        ("odoo.exceptions.Warning", "warning", 200, "", errors.UserError),
        ("odoo.addons.x.MyError", "validation_error", 200, "", errors.ValidationError),
        ("odoo.addons.sale.exceptions.MissingError", None, 0, "", errors.MissingError),
        ("psycopg2.errors.UniqueViolation", None, 0, "", errors.DatabaseError),
        ("psycopg.errors.SerializationFailure", None, 0, "", errors.DatabaseError),
        ("odoo.http.SessionExpiredException", None, 100, "", errors.SessionExpired),
        ("", None, 100, "Odoo Session Expired", errors.SessionExpired),
        ("werkzeug.exceptions.NotFound", None, 404, "", errors.NotFound),
        ("builtins.KeyError", None, 200, "Method not found: x", errors.MethodNotFound),
        (
            "builtins.AttributeError",
            None,
            200,
            "The method 'x' does not exist on the model 'res.partner'",
            errors.MethodNotFound,
        ),
        ("odoo.exceptions.RedirectWarning", None, 0, "", errors.RedirectWarning),
        ("builtins.ValueError", "internal_error", 200, "bad", errors.ServerError),
    ],
)
def test_lookup(
    name: str, etype: str | None, code: int, message: str, cls: type[errors.ServerError]
) -> None:
    assert errors.lookup(name, etype, code, message) is cls


def test_odoo_14_error_shape_and_redirect_warning() -> None:
    exc = _jsonrpc.error_from_payload(
        {
            "code": 0,
            "message": "Odoo Server Error",
            "data": {
                "name": "odoo.exceptions.RedirectWarning",
                "message": "Configure it",
                "arguments": ["Configure it", 42, "Go", {}],
                "context": {"a": 1},
                "debug": "Traceback: secret internals",
            },
        }
    )
    assert type(exc) is errors.RedirectWarning
    assert (exc.action_id, exc.button_text, exc.context) == (42, "Go", {"a": 1})
    assert str(exc) == "odoo.exceptions.RedirectWarning: Configure it"
    assert "internals" not in repr(exc)
    assert type(_jsonrpc.error_from_payload("garbage")) is errors.ServerError


def test_every_error_pickles() -> None:
    classes = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.OdooError)
    ]
    for cls in classes:
        if issubclass(cls, errors.ServerError):
            exc: Exception = cls("msg", name="odoo.x", arguments=["msg"], debug="tb", code=0)
        elif cls is errors.BulkError:
            exc = cls([7, None], [(1, range(1, 2), errors.AccessDenied("no"))])
            back = pickle.loads(pickle.dumps(exc))
            assert str(back) == str(exc)
            assert back.results == [7, None]
            continue
        elif cls is errors.ImportInterrupted:
            from aio_odoorpc_base.export import ImportReport, RowResult

            report = ImportReport(
                ["name"], [RowResult(0, "created", 5), RowResult(1, "pending", None)]
            )
            exc = cls(report, errors.ConnectError("down"))
            back = pickle.loads(pickle.dumps(exc))
            assert str(back) == str(exc)
            assert back.report == report
            continue
        elif issubclass(cls, errors.HTTPStatusError):
            exc = cls("HTTP 502", status_code=502, body="Bad Gateway")
        else:
            exc = cls("msg")
        back = pickle.loads(pickle.dumps(exc))
        assert type(back) is cls
        assert str(back) == str(exc)
        assert back.__dict__ == exc.__dict__
