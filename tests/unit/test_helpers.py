"""The URL and kwargs helpers, and the values Odoo cannot take in JSON."""

from __future__ import annotations

import pytest

from aio_odoorpc_base import helpers
from aio_odoorpc_base._protocol import base as _jsonrpc


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
