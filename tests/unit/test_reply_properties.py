"""Properties of the reply parsers and of secret redaction, over generated inputs: any
bytes and any JSON value a server sends give a value or one of the library's exceptions,
never anything else; a secret placed anywhere in an error never shows."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import assume, given, settings, strategies as st

from aio_odoorpc_base import errors
from aio_odoorpc_base._protocol.base import Reply
from aio_odoorpc_base._protocol.json2 import json2_request
from aio_odoorpc_base._protocol.jsonrpc import JsonRpcRequest
from aio_odoorpc_base._protocol.webdb import form_request

finite = st.floats(allow_nan=False, allow_infinity=False)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | finite | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
statuses = st.sampled_from([None, 200, 200, 200, 204, 301, 400, 401, 404, 415, 500, 502])
ctypes = st.sampled_from(["", "application/json", "text/html", "text/plain; charset=utf-8"])


def _requests() -> list[Any]:
    return [
        JsonRpcRequest.call("http://odoo/jsonrpc", "object", "execute_kw", ["d", 1, "pw", "m"]),
        json2_request(
            "http://odoo",
            "res.partner",
            "read",
            api_key="k",
            database=None,
            ids=[1],
            context=None,
            params={},
        ),  # fmt: skip
        form_request("http://odoo", "drop", {"master_pwd": "pw", "name": "x"}, ("master_pwd",)),
    ]


def _parses_or_raises_ours(reply: Reply) -> None:
    for request in _requests():
        try:
            request.parse(reply)
        except errors.OdooError:
            pass


@settings(max_examples=150, deadline=None)
@given(status=statuses, ctype=ctypes, body=st.binary(max_size=300))
def test_any_bytes(status: int | None, ctype: str, body: bytes) -> None:
    _parses_or_raises_ours(Reply(status, ctype, body, headers={"location": "/x"}))


@settings(max_examples=150, deadline=None)
@given(status=statuses, ctype=ctypes, value=json_values)
def test_any_json_value(status: int | None, ctype: str, value: Any) -> None:
    _parses_or_raises_ours(Reply(status, ctype, json.dumps(value).encode()))
    _parses_or_raises_ours(Reply(status, ctype, data=value))  # decoded by the HTTP client


@settings(max_examples=150, deadline=None)
@given(status=statuses, error=json_values, rid=json_values)
def test_any_error_envelope(status: int | None, error: Any, rid: Any) -> None:
    envelope = {"jsonrpc": "2.0", "id": rid, "error": error}
    _parses_or_raises_ours(Reply(status, "application/json", json.dumps(envelope).encode()))


secrets = st.text(st.characters(blacklist_categories=["Cs"]), min_size=6, max_size=20)


def _plant(value: Any, secret: str, where: int) -> Any:
    """``value`` with the secret put into the ``where``-th string position found."""
    count = [where]

    def walk(node: Any) -> Any:
        if isinstance(node, str):
            count[0] -= 1
            return node + secret if count[0] == 0 else node
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        return node

    return walk(value)


@settings(max_examples=150, deadline=None)
@given(secret=secrets, data=json_values, where=st.integers(1, 8), wrap=st.sampled_from("rjh"))
def test_a_secret_anywhere_never_shows(secret: str, data: Any, where: int, wrap: str) -> None:
    # the secret must not be in the data by chance ("000000" in 5000000.0) or in the
    # fixed words around it: that would be found without any leak
    fixed = "failed: denied Traceback {'as sent', 'json', 'repr'} odoo.exceptions.AccessDenied"
    assume(secret not in json.dumps(data) and secret not in fixed and "***" not in secret)
    request = JsonRpcRequest.call("http://odoo/jsonrpc", "common", "login", ["d", "u", secret])
    echoed = {"as sent": secret, "json": json.dumps(secret), "repr": repr(secret)}
    shapes: dict[str, Callable[[str], str]] = {"r": repr, "j": json.dumps, "h": str}
    text = shapes[wrap](secret)
    error = {
        "code": 200,
        "message": f"failed: {text}",
        "data": {
            "name": "odoo.exceptions.AccessDenied",
            "message": f"denied {text}",
            "arguments": [f"denied {text}", _plant(data, secret, where)],
            "debug": f"Traceback {echoed}",
            "context": _plant({"x": data, "y": "z"}, secret, where),
        },
    }
    body = json.dumps({"jsonrpc": "2.0", "id": request.id, "error": error}).encode()
    try:
        request.parse(Reply(200, "application/json", body))
    except errors.ServerError as exc:
        shown = [str(exc), repr(exc), exc.debug, json.dumps([exc.arguments, exc.data])]
        for text_shown in shown:
            assert secret not in text_shown
    else:
        raise AssertionError("an error envelope must raise")
