"""JSON-2 calls through every HTTP client kind against the fake Odoo 19, which answers with
a real Odoo 19 server's recorded replies: the request sent must be the recorded one, and
the result or the exception must be what that reply means."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from aio_odoorpc_base import aio, errors
from aio_odoorpc_base._version import USER_AGENT

from ...support.recorded_odoo import RecordedOdoo, load_cases
from .recorded import KEY

pytestmark = pytest.mark.anyio

CASES = load_cases("odoo19")


def _library_shaped(name: str) -> bool:
    req = CASES[name]["request"]
    headers = req["headers"]
    return (
        name.startswith("F-json2-")
        and req["method"] == "POST"
        and headers.get("Authorization") == f"bearer {KEY}"
        and headers.get("X-Odoo-Database") == "cap_main"
        and headers.get("Content-Type") == "application/json"
        and "Cookie" not in headers
        and isinstance(req.get("body_json"), dict)
        and urlsplit(req["url"]).path.count("/") == 4
        and not urlsplit(req["url"]).query
    )


SUCCESS = sorted(n for n in CASES if _library_shaped(n) and CASES[n]["response"]["status"] == 200)
FAILURE = sorted(n for n in CASES if _library_shaped(n) and CASES[n]["response"]["status"] != 200)

EXPECTED: dict[str, type[Exception]] = {
    "F-json2-error-access": errors.AccessError,
    "F-json2-error-api-private": errors.AccessError,
    "F-json2-error-private-method": errors.AccessError,
    "F-json2-error-bad-arg-name": errors.InvalidArguments,
    "F-json2-create-no-vals": errors.InvalidArguments,
    "F-json2-error-ids-on-model-method": errors.InvalidArguments,
    "F-json2-error-missing-required-arg": errors.InvalidArguments,
    "F-json2-error-positional-args": errors.InvalidArguments,
    "F-json2-error-body-array": errors.InvalidArguments,
    "F-json2-error-bad-domain": errors.ServerError,
    "F-json2-error-unknown-field": errors.ServerError,
    "F-json2-error-malformed-json": errors.ServerError,
    "F-json2-error-bad-key": errors.AccessDenied,
    "F-json2-error-basic-auth": errors.AccessDenied,
    "F-json2-error-key-of-other-db": errors.AccessDenied,
    "F-json2-error-no-auth": errors.AccessDenied,
    "F-json2-session-cookie-only": errors.AccessDenied,
    "F-json2-error-db-query-param": errors.DatabaseNotSelected,
    "F-json2-error-no-db-header-several-dbs": errors.DatabaseNotSelected,
    "F-json2-error-wrong-db-header": errors.DatabaseNotSelected,
    "F-json2-error-extra-path": errors.NotFound,
    "F-json2-error-get": errors.NotFound,
    "F-json2-error-no-method": errors.NotFound,
    "F-json2-error-root": errors.NotFound,
    "F-json2-error-missing-write": errors.MissingError,
    "F-json2-error-session-and-other-db-header": errors.SessionConflict,
    "F-json2-error-text-plain": errors.HTTPStatusError,
    "F-json2-error-unknown-method": errors.MethodNotFound,
    "F-json2-error-unknown-model": errors.ModelNotFound,
    "F-json2-error-usererror": errors.UserError,
    "F-json2-error-validation": errors.ValidationError,
    "F-json2-error-validation-recursion": errors.ValidationError,
}


def _call_args(name: str) -> dict[str, Any]:
    req = CASES[name]["request"]
    model, method = urlsplit(req["url"]).path.split("/")[3:]
    body = dict(req["body_json"])
    kw: dict[str, Any] = {"model": model, "method": method, "params": body}
    for reserved in ("ids", "context"):
        if reserved in body:
            kw[reserved] = body.pop(reserved)
    return kw


def _assert_sent_as_recorded(fake: RecordedOdoo, name: str) -> None:
    req = CASES[name]["request"]
    seen = fake.last
    assert seen.path == urlsplit(req["url"]).path
    assert json.loads(seen.body) == req["body_json"]
    assert seen.headers["authorization"] == f"bearer {KEY}"
    assert seen.headers["x-odoo-database"] == "cap_main"
    assert seen.headers["content-type"].startswith("application/json")
    assert seen.headers["user-agent"] == USER_AGENT


@pytest.mark.parametrize("name", SUCCESS)
async def test_success_as_recorded(async_http_client: Any, fake19: RecordedOdoo, name: str) -> None:
    result = await aio.json2_call(
        async_http_client,
        fake19.base_url,
        api_key=KEY,
        database="cap_main",
        **_call_args(name),
    )
    assert result == CASES[name]["response"]["body_json"]
    _assert_sent_as_recorded(fake19, name)


@pytest.mark.parametrize("name", FAILURE)
async def test_failure_as_recorded(async_http_client: Any, fake19: RecordedOdoo, name: str) -> None:
    with pytest.raises(errors.OdooError) as info:
        await aio.json2_call(
            async_http_client,
            fake19.base_url,
            api_key=KEY,
            database="cap_main",
            **_call_args(name),
        )
    assert type(info.value) is EXPECTED[name]
    recorded = CASES[name]["response"]["body_json"]
    assert info.value.message == recorded["message"].rstrip()  # type: ignore[attr-defined]
    assert info.value.name == recorded["name"]  # type: ignore[attr-defined]
    assert info.value.code == CASES[name]["response"]["status"]  # type: ignore[attr-defined]
    assert KEY not in str(info.value)
    assert KEY not in repr(info.value)
    _assert_sent_as_recorded(fake19, name)


async def test_user_agent_names_the_library(async_http_client: Any, fake19: RecordedOdoo) -> None:
    await aio.json2_call(
        async_http_client,
        fake19.base_url,
        api_key=KEY,
        database="cap_main",
        model="res.users",
        method="context_get",
    )
    assert fake19.last.headers["user-agent"].startswith("aio-odoorpc-base/")


@pytest.mark.parametrize("suffix", ["", "/", "/jsonrpc", "/json/2", "/json/2/"])
async def test_url_is_normalised(
    async_httpx_client: Any, fake19: RecordedOdoo, suffix: str
) -> None:
    result = await aio.json2_call(
        async_httpx_client,
        fake19.base_url + suffix,
        api_key=KEY,
        database="cap_main",
        model="res.partner",
        method="search_count",
        domain=[],
    )
    assert result == 9
    assert fake19.last.path == "/json/2/res.partner/search_count"


async def test_no_database_says_to_pass_one(async_http_client: Any, fake19: RecordedOdoo) -> None:
    with pytest.raises(errors.DatabaseNotSelected, match="pass database=") as info:
        await aio.json2_call(
            async_http_client,
            fake19.base_url,
            api_key=KEY,
            model="res.partner",
            method="search_count",
            domain=[],
        )
    assert info.value.status_code == 404
    assert "x-odoo-database" not in fake19.last.headers


async def test_unknown_database_is_named(async_http_client: Any, fake19: RecordedOdoo) -> None:
    with pytest.raises(errors.DatabaseNotSelected, match="'cap_nope' does not exist"):
        await aio.json2_call(
            async_http_client,
            fake19.base_url,
            api_key=KEY,
            database="cap_nope",
            model="res.partner",
            method="search_count",
            domain=[],
        )


async def test_wrong_key_is_access_denied_and_never_shown(
    async_http_client: Any, fake19: RecordedOdoo
) -> None:
    secret = "0" * 40
    with pytest.raises(errors.AccessDenied, match="Invalid apikey") as info:
        await aio.json2_call(
            async_http_client,
            fake19.base_url,
            api_key=secret,
            database="cap_main",
            model="res.partner",
            method="search_count",
            domain=[],
        )
    assert secret not in str(info.value)
    assert secret not in repr(info.value)
    assert fake19.last.headers["authorization"] == f"bearer {secret}"


async def test_session_cookie_conflict_says_what_to_do(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    async_httpx_client.cookies.set("session_id", "abc", domain="127.0.0.1")
    with pytest.raises(errors.SessionConflict, match="without cookies"):
        await aio.json2_call(
            async_httpx_client,
            fake19.base_url,
            api_key=KEY,
            database="cap_main",
            model="res.users",
            method="context_get",
        )


async def test_params_carry_names_that_clash(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    # "domain" as a keyword and as params give the same request
    result = await aio.json2_call(
        async_httpx_client,
        fake19.base_url,
        api_key=KEY,
        database="cap_main",
        model="res.partner",
        method="search_count",
        params={"domain": []},
    )
    assert result == 9
    assert json.loads(fake19.last.body) == {"domain": []}


@pytest.mark.parametrize(
    ("kw", "exc", "match"),
    [
        ({"api_key": ""}, ValueError, "api_key must not be empty"),
        ({"model": 3}, TypeError, "model must be a str"),
        ({"ids": 5}, TypeError, "ids must be a list"),
        ({"context": []}, TypeError, "context must be a dict"),
        ({"params": [1]}, TypeError, "params must be a dict"),
        ({"url": "odoo.example.com"}, ValueError, "absolute http"),
    ],
)
async def test_bad_input_is_refused_before_sending(
    async_httpx_client: Any, fake19: RecordedOdoo, kw: dict[str, Any], exc: type, match: str
) -> None:
    args: dict[str, Any] = {
        "url": fake19.base_url,
        "api_key": KEY,
        "model": "res.partner",
        "method": "search_count",
    }
    args.update(kw)
    url = args.pop("url")
    with pytest.raises(exc, match=match):
        await aio.json2_call(async_httpx_client, url, **args)
    assert fake19.requests == []
