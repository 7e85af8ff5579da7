"""The public surface: async/sync parity, the generator's drift check, client flavour
checks, the error registry, URL helpers and secret hygiene."""

from __future__ import annotations

import inspect
import logging
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import aio_odoorpc_base
from aio_odoorpc_base import _jsonrpc, aio, errors, helpers, sync
from aio_odoorpc_base._transports import to_async_transport, to_transport

from ..support.fake_odoo import FakeOdoo, Replay

ROOT = Path(__file__).resolve().parent.parent.parent


def _sync_name(name: str) -> str:
    return name.removeprefix("Async")


def test_async_is_the_default_and_sync_mirrors_it() -> None:
    assert [_sync_name(n) for n in aio.__all__] == sync.__all__
    assert aio.__all__ == sorted(aio.__all__)
    for name in aio.__all__:
        afunc, sfunc = getattr(aio, name), getattr(sync, _sync_name(name))
        assert getattr(aio_odoorpc_base, name) is afunc
        if isinstance(afunc, type):
            amethods = {k.replace("aclose", "close") for k in vars(afunc) if k[0] != "_"}
            assert amethods == {k for k in vars(sfunc) if k[0] != "_"}, name
            continue
        assert inspect.iscoroutinefunction(afunc), name
        assert not inspect.iscoroutinefunction(sfunc), name
        aparams = inspect.signature(afunc).parameters
        sparams = inspect.signature(sfunc).parameters
        assert [(p.name, p.kind, p.default) for p in aparams.values()] == [
            (p.name, p.kind, p.default) for p in sparams.values()
        ], name


def test_generated_sync_code_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, "tools/unasync.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_wrong_flavour_clients_are_refused_with_a_fix() -> None:
    httpx = pytest.importorskip("httpx")
    requests = pytest.importorskip("requests")
    aiohttp = pytest.importorskip("aiohttp")
    with httpx.Client() as client, pytest.raises(TypeError, match="httpx.AsyncClient"):
        to_async_transport(client)
    with requests.Session() as session, pytest.raises(TypeError, match="aio_odoorpc_base.sync"):
        to_async_transport(session)
    with pytest.raises(TypeError, match="httpx.Client, or use the async"):
        to_transport(httpx.AsyncClient())
    session_cls = aiohttp.ClientSession
    fake_session = session_cls.__new__(session_cls)  # no event loop needed to check the type
    with pytest.raises(TypeError, match="requests.Session or httpx.Client"):
        to_transport(fake_session)

    async def async_poster(url: str, payload: dict[str, Any]) -> Any:
        return {}

    with pytest.raises(TypeError, match="asynchronous"):
        to_transport(type("C", (), {"post": async_poster})())
    with pytest.raises(TypeError, match="http_client must be"):
        to_transport(42)
    with pytest.raises(TypeError, match="http_client must be"):
        to_async_transport("http://odoo")


def test_a_sync_function_given_an_async_callable(fake: FakeOdoo) -> None:
    async def poster(url: str, payload: dict[str, Any]) -> Any:
        return {}

    with pytest.raises(TypeError, match="asynchronous"):
        sync.version(poster, fake.url)  # type: ignore[arg-type]


def test_clients_are_detected_once_per_type() -> None:
    httpx = pytest.importorskip("httpx")
    with httpx.Client() as one, httpx.Client() as two:
        assert to_transport(one) is to_transport(two)

    class MyClient(httpx.Client):  # type: ignore[misc,name-defined]
        pass

    with MyClient() as mine:
        assert to_transport(mine).__qualname__ == to_transport(one).__qualname__


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
        elif issubclass(cls, errors.HTTPStatusError):
            exc = cls("HTTP 502", status_code=502, body="Bad Gateway")
        else:
            exc = cls("msg")
        back = pickle.loads(pickle.dumps(exc))
        assert type(back) is cls
        assert str(back) == str(exc)
        assert back.__dict__ == exc.__dict__


def test_url_helpers() -> None:
    assert helpers.build_odoo_base_url(host="odoo.example.com") == "https://odoo.example.com/"
    assert helpers.build_odoo_base_url(host="o", port=80, ssl=False) == "http://o/"
    assert helpers.build_odoo_jsonrpc_endpoint_url(
        host="localhost", port=8069, ssl=False, base_url="/erp/"
    ) == ("http://localhost:8069/erp/jsonrpc")
    assert helpers.odoo_base_url2jsonrpc_endpoint("https://o.example.com/") == (
        "https://o.example.com/jsonrpc"
    )
    for base in ("https://o.example.com", "http://localhost:8069/erp"):
        endpoint = helpers.odoo_base_url2jsonrpc_endpoint(base)
        assert endpoint == base + "/jsonrpc"
        assert helpers.jsonrpc_endpoint2odoo_base_url(endpoint) == base
    assert helpers.odoo_base_url2jsonrpc_endpoint("https://o.example.com/jsonrpc") == (
        "https://o.example.com/jsonrpc"
    )
    with pytest.raises(ValueError, match="host"):
        helpers.build_odoo_base_url(host="https://x")
    assert helpers.execute_kwargs() is None  # as 3.0.4
    assert helpers.execute_kwargs(fields=("a",), count=False, context={"lang": "fr_FR"}) == {
        "fields": ["a"],
        "count": False,
        "context": {"lang": "fr_FR"},
    }
    with pytest.raises(TypeError, match="list of field names"):
        helpers.execute_kwargs(fields="name")
    assert _jsonrpc.safe_url("https://me:pw@o.example.com:8443/jsonrpc") == (
        "https://o.example.com:8443/jsonrpc"
    )


def test_values_odoo_cannot_take_are_converted_or_refused() -> None:
    import datetime as dt

    from aio_odoorpc_base import _json

    value = {
        "d": dt.date(2024, 2, 29),
        "t": dt.datetime(2024, 1, 1, 12, 30),
        "z": dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "b": b"\x00\x01",
        1: {2, 3},
        "big": 2**70,
    }
    assert _json.loads(_json.dumps(value)) == {
        "d": "2024-02-29",
        "t": "2024-01-01 12:30:00",
        "z": "2024-01-01 10:00:00",
        "b": "AAE=",
        "1": [2, 3],
        "big": 2**70,
    }
    with pytest.raises(TypeError, match="not JSON serializable"):
        _json.dumps({"x": object()})


def test_secrets_stay_out_of_logs_and_reprs(
    fake: FakeOdoo, caplog: pytest.LogCaptureFixture
) -> None:
    from ..support.clients import urllib_poster

    caplog.set_level(logging.DEBUG, logger="aio_odoorpc_base")
    fake.add(Replay("error-wrong-password"))
    with pytest.raises(errors.AccessDenied) as info:
        sync.execute_kw(
            urllib_poster,
            fake.url,
            db="cap_main",
            uid=1,
            password="pw-s3cret",
            obj="res.partner",
            method="search",
            args=[[]],
        )
    request = _jsonrpc.Request.jsonrpc(
        fake.url, "db", "change_admin_password", ["old-s3cret", "new-s3cret"]
    )
    assert "s3cret" not in repr(request)
    assert request.redact("old-s3cret then new-s3cret") == "*** then ***"
    text = caplog.text + str(info.value) + repr(info.value)
    assert "object.execute_kw" in caplog.text
    assert "s3cret" not in text
