"""Result conversions and argument checks that no recorded exchange reaches."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from aio_odoorpc_base import errors, sync
from aio_odoorpc_base._protocol import results as _results
from aio_odoorpc_base._protocol.args import (
    need_bool,
    need_header,
    need_int,
    need_list,
    need_mapping,
    need_name,
    need_str,
)

from ..support.clients import urllib_poster
from ..support.recorded_odoo import Raw, RecordedOdoo


def test_unexpected_result_shapes_are_protocol_errors() -> None:
    with pytest.raises(errors.ProtocolError, match="expected \\[text, version\\]"):
        _results.about_pair("just text")
    with pytest.raises(errors.ProtocolError, match="expected base64 text"):
        _results.dump_bytes(None, "db")
    with pytest.raises(errors.ProtocolError, match="not valid base64"):
        _results.dump_bytes("%%%", "db")
    with pytest.raises(errors.ProtocolError, match="expected a list"):
        _results.pairs({"en_US": "English"}, "db.list_lang")
    with pytest.raises(errors.ProtocolError, match="expected \\[code, name\\] pairs"):
        _results.pairs([["en_US", "English"], "fr_FR"], "db.list_lang")
    assert _results.pairs([("en_US", "English")], "db.list_lang") == [["en_US", "English"]]
    assert _results.dump_bytes(base64.b64encode(b"PGDMP").decode(), "db") == b"PGDMP"


def test_restore_data_accepts_bytes_or_base64_text() -> None:
    assert _results.restore_data(b"\x00zip") == "AHppcA=="
    assert _results.restore_data("AHppcA==") == "AHppcA=="
    with pytest.raises(TypeError, match="bytes or base64 str"):
        _results.restore_data(123)


def test_argument_checks() -> None:
    with pytest.raises(TypeError, match="extended must be a bool, got str"):
        need_bool("extended", "yes")
    with pytest.raises(TypeError, match="user_agent_env must be a dict, got list"):
        need_mapping("user_agent_env", [])


def test_argument_checks_take_subclasses_of_the_builtin_types() -> None:
    """The checks try the exact type first (every call runs them); subclasses, such as a
    StrEnum of model names or an IntEnum of user ids, pass the slower full check."""
    import collections
    import enum

    class Model(str, enum.Enum):  # StrEnum is 3.11+
        PARTNER = "res.partner"

    class Uid(enum.IntEnum):
        ADMIN = 2

    assert need_str("login", Model.PARTNER) == "res.partner"
    assert need_name("obj", Model.PARTNER) == "res.partner"
    assert need_header("api_key", Model.PARTNER) == "res.partner"
    assert need_int("uid", Uid.ADMIN) == 2
    assert need_list("args", collections.UserList([1])) == [1]
    assert need_mapping("kwargs", collections.OrderedDict(a=1)) == {"a": 1}
    with pytest.raises(TypeError, match="uid must be an int, got bool"):
        need_int("uid", True)
    with pytest.raises(ValueError, match="obj must not be empty"):
        need_name("obj", "")
    with pytest.raises(TypeError, match="args must be a list"):
        need_list("args", "text")


def test_set_loglevel_sends_the_logger_only_when_given(fake: RecordedOdoo) -> None:
    seen: list[Any] = []

    def poster(url: str, payload: dict[str, Any]) -> Any:
        seen.append(payload["params"]["args"])
        return {"jsonrpc": "2.0", "id": payload["id"], "result": True}

    assert sync.set_loglevel(poster, fake.url, loglevel="debug", logger="odoo.sql_db")
    assert sync.set_loglevel(poster, fake.url, loglevel="info")
    assert seen == [["debug", "odoo.sql_db"], ["info"]]
    fake.add(
        Raw(
            200,
            b'{"jsonrpc": "2.0", "id": 1, "error": {"code": 100, '
            b'"message": "Odoo Session Expired", "data": {"name": '
            b'"odoo.http.SessionExpiredException", "arguments": []}}}',
            [("Content-Type", "application/json")],
        )
    )
    with pytest.raises(errors.SessionExpired, match="Odoo Session Expired"):
        sync.version(urllib_poster, fake.url)


def _modern_error_cases() -> list[tuple[str, str]]:
    from ..support.recorded_odoo import DATA

    return [
        (version, path.name)
        for version in ("odoo17", "odoo19")
        for path in sorted((DATA / version).glob("D-error-*.json"))
    ]


@pytest.mark.parametrize(("version", "name"), _modern_error_cases())
def test_odoo_17_and_19_error_envelopes(version: str, name: str) -> None:
    """Odoo 14+ sends `context` instead of `exception_type`, Odoo 19 error code 0: the
    same classes and clean messages come out."""
    import json

    from aio_odoorpc_base._protocol.base import Reply
    from aio_odoorpc_base._protocol.jsonrpc import JsonRpcRequest as Request

    from ..support.recorded_odoo import DATA
    from ..support.replay_cases import ERROR_CLASSES

    case = json.loads((DATA / version / name).read_text(encoding="utf-8"))
    body = case["response"]["body"].encode()
    reply = case["response"]["body_json"]
    request = Request("http://odoo/jsonrpc", {}, id=reply["id"], label=name)
    if "error" not in reply:
        assert request.parse(Reply(200, "application/json", body)) == reply.get("result")
        return
    data = reply["error"]["data"]
    with pytest.raises(errors.ServerError) as info:
        request.parse(Reply(200, "application/json", body))
    expected = ERROR_CLASSES.get(data["name"], errors.ServerError)
    if data["name"] in ("builtins.AttributeError", "builtins.NameError") and (
        "The method '" in data["message"] or "Method not available" in data["message"]
    ):
        expected = errors.MethodNotFound
    expected = {
        "D-error-bad-kwarg.json": errors.InvalidArguments,
        "D-error-unknown-model.json": errors.ModelNotFound,
        "D-error-missing-db.json": errors.DatabaseNotFound,
    }.get(name, expected)
    assert type(info.value) is expected
    assert info.value.message == data["message"].rstrip()
    assert info.value.code == reply["error"]["code"]
    assert "Traceback" not in str(info.value)
