"""Every recorded Odoo 19 JSON-2 failure, fed to the sans-IO parser as it came off the
wire (status, content type, body): the exception class and message users rely on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import errors
from aio_odoorpc_base._protocol.base import Reply
from aio_odoorpc_base._protocol.json2 import json2_request, parse_json2
from aio_odoorpc_base._protocol.jsonrpc import JsonRpcRequest

from ..contract._async.test_json2 import CASES, EXPECTED

KEY = "697af3a740bbbb16a574ba89e38fd6b1b0c8d35e"
RECORDED_FAILURES = sorted(
    n
    for n in CASES
    if n.startswith(("F-json2", "A-json2")) and CASES[n]["response"]["status"] != 200
)


def _request(database: str | None = "db") -> Any:
    return json2_request(
        "http://odoo.test",
        "res.partner",
        "search_count",
        api_key=KEY,
        database=database,
        ids=None,
        context=None,
        params={},
    )


def _reply(name: str) -> Reply:
    resp = CASES[name]["response"]
    headers = {k.lower(): v for k, v in resp["headers"]}
    return Reply(
        resp["status"], headers.get("content-type", ""), resp["body"].encode(), headers=headers
    )


def test_every_recorded_failure_has_an_expectation() -> None:
    assert {n for n in RECORDED_FAILURES if n.startswith("F-")} == set(EXPECTED) - {
        n for n in EXPECTED if CASES[n]["response"]["status"] == 200
    }


@pytest.mark.parametrize("name", RECORDED_FAILURES)
def test_recorded_failure(name: str) -> None:
    db = CASES[name]["request"]["headers"].get("X-Odoo-Database")
    request = _request(db)
    with pytest.raises(errors.OdooError) as info:
        parse_json2(request, _reply(name))
    expected = EXPECTED.get(name) or (
        errors.AccessDenied if "no-auth" in name else errors.DatabaseNotSelected
    )
    assert type(info.value) is expected
    text = str(info.value)
    assert "<p>" not in text
    assert "<!doctype" not in text.lower()
    if isinstance(info.value, errors.ServerError):
        assert info.value.debug.startswith("Traceback")
        assert "Traceback" not in text


def test_html_errors_say_what_to_fix() -> None:
    request = _request(None)
    with pytest.raises(errors.HTTPStatusError, match="application/json") as info:
        parse_json2(request, _reply("F-json2-error-text-plain"))
    assert info.value.status_code == 415
    with pytest.raises(errors.DatabaseNotSelected, match="pass database="):
        parse_json2(request, _reply("F-json2-error-no-db-header-several-dbs"))


def test_a_proxy_error_page_stays_an_http_error() -> None:
    request = _request("db")
    reply = Reply(502, "text/html", b"<html><body>Bad Gateway</body></html>")
    with pytest.raises(errors.HTTPStatusError) as info:
        parse_json2(request, reply)
    assert type(info.value) is errors.HTTPStatusError
    assert info.value.status_code == 502
    assert "Bad Gateway" in str(info.value)


def test_a_200_that_is_not_json_is_a_protocol_error() -> None:
    request = _request("db")
    with pytest.raises(errors.ProtocolError, match="not JSON"):
        parse_json2(request, Reply(200, "text/html", b"<html>login</html>"))


DATA = Path(__file__).resolve().parent.parent / "data"


def _recorded(version: str, name: str) -> Reply:
    resp = json.loads((DATA / version / f"{name}.json").read_text())["response"]
    headers = {k.lower(): v for k, v in resp["headers"]}
    return Reply(
        resp["status"], headers.get("content-type", ""), resp["body"].encode(), headers=headers
    )


NO_JSON2 = {
    # Odoo up to 15: a JSON-RPC 404 for a JSON request to a route it lacks
    "jsonrpc 404 (11-15)": Reply(
        404,
        "application/json",
        b'{"jsonrpc": "2.0", "id": null, "error": {"code": 404, "message": "404: Not Found",'
        b' "data": {"name": "werkzeug.exceptions.NotFound", "debug": "", "message": "",'
        b' "arguments": [], "exception_type": "internal_error"}}}',
    ),
    "html 404 (16, 17)": _recorded("odoo17", "A-json2-absent"),
    "login page (18)": _recorded("odoo18", "A-json2-absent"),
    "csrf refusal (18 with a session)": Reply(
        400, "text/html", b"<h1>Bad Request</h1><p>Session expired (invalid CSRF token)</p>"
    ),
}


@pytest.mark.parametrize("answer", sorted(NO_JSON2))
def test_no_json2_is_one_error_whatever_the_older_server_answers(answer: str) -> None:
    with pytest.raises(errors.Json2Unavailable) as info:
        parse_json2(_request("db"), NO_JSON2[answer])
    assert str(info.value) == (
        "res.partner.search_count: the server at http://odoo.test has no JSON-2 API; JSON-2 "
        "needs Odoo 19 or later. Use /jsonrpc: execute_kw, or OdooRPC/AsyncOdooRPC with "
        "protocol='auto' or 'jsonrpc'"
    )
    assert isinstance(info.value, errors.NotFound)
    assert info.value.code == NO_JSON2[answer].status
    assert "moved" not in str(info.value)


def test_a_redirect_to_the_login_page_is_never_called_a_move() -> None:
    request = JsonRpcRequest.call("http://odoo.test/odoo/jsonrpc", "common", "version", [])
    login = Reply(303, "text/html", b"", headers={"location": "/web/login?redirect=%2Fx"})
    with pytest.raises(errors.HTTPStatusError, match="its login page") as info:
        request.parse(login)
    assert "moved" not in str(info.value)
    elsewhere = Reply(301, "text/html", b"", headers={"Location": "https://new.test/jsonrpc"})
    with pytest.raises(errors.HTTPStatusError, match="moved to https://new.test/jsonrpc"):
        request.parse(elsewhere)
