"""The description's callable contract: a callable http_client is called with the payload
alone (it carries the URL, so ``url`` may be left out); a callable ``(url, payload)`` keeps
working; anything else gets a TypeError naming the accepted shapes. Also the low-level
names of aio-odoorpc-base 3.0.4 (rpc_result, rpc_call_and_check, check_jsonrpc_response)."""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ...support.recorded_odoo import RecordedOdoo

pytestmark = pytest.mark.anyio


async def test_the_description_s_callable(fake: RecordedOdoo, async_httpx_client: Any) -> None:
    url = fake.url

    def poster(payload: dict[str, Any]) -> Any:
        return async_httpx_client.post(url, json=payload)

    info = await aio.version(poster)
    assert info["server_version_info"][0] == 11
    uid = await aio.login(poster, db="cap_main", login="admin", password="admin")
    assert isinstance(uid, int)
    assert json.loads(fake.last.body)["params"]["method"] == "login"
    assert await aio.rpc_result(poster, service="common", method="version") == info


async def test_payload_callable_returning_the_decoded_reply(
    fake: RecordedOdoo, async_httpx_client: Any
) -> None:
    url = fake.url

    async def poster(payload: dict[str, Any]) -> Any:
        return (await async_httpx_client.post(url, json=payload)).json()

    assert (await aio.version(poster))["server_serie"] == "11.0"


class Poster:
    """A callable object and a bound method, both (payload) -> response."""

    def __init__(self, client: Any, url: str) -> None:
        self.client = client
        self.url = url

    def __call__(self, payload: dict[str, Any]) -> Any:
        return self.client.post(self.url, json=payload)

    def send(self, payload: dict[str, Any]) -> Any:
        return self.client.post(self.url, json=payload)

    def send_to(self, url: str, payload: dict[str, Any]) -> Any:
        return self.client.post(url, json=payload)


async def test_every_kind_of_callable(fake: RecordedOdoo, async_httpx_client: Any) -> None:
    poster = Poster(async_httpx_client, fake.url)
    for payload_only in (
        poster,
        poster.send,
        Poster(async_httpx_client, fake.url).send,  # another bound method, same function
        functools.partial(_post_json, async_httpx_client, fake.url),
    ):
        assert (await aio.version(payload_only))["protocol_version"] == 1
    # (url, payload): the URL is given to it
    assert (await aio.version(poster.send_to, fake.url))["protocol_version"] == 1
    assert (await aio.version(lambda *a: poster.send_to(*a), fake.url))["protocol_version"] == 1


def _post_json(client: Any, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, json=payload)


async def test_callables_of_no_known_shape_are_refused(fake: RecordedOdoo) -> None:
    def no_args() -> Any:
        raise AssertionError("never called")

    def three(a: Any, b: Any, c: Any) -> Any:
        raise AssertionError("never called")

    for bad in (no_args, three):
        with pytest.raises(TypeError, match=r"\(payload\) -> response.*\(url, payload\)"):
            await aio.version(bad, fake.url)  # type: ignore[arg-type]
    assert fake.requests == []


async def test_a_client_object_needs_the_url(async_httpx_client: Any) -> None:
    # no url and no base URL: the error names both ways to give one
    with pytest.raises(ValueError, match="url is missing.*base_url=") as info:
        await aio.version(async_httpx_client)
    assert "callable" in str(info.value)
    with pytest.raises(ValueError, match="url is missing"):
        await aio.version(lambda url, payload: async_httpx_client.post(url, json=payload))
    with pytest.raises(ValueError, match="url is missing.*base_url="):
        await aio.server_info(async_httpx_client)
    with pytest.raises(ValueError, match="url is missing.*base_url="):
        await aio.web_list_databases(async_httpx_client)
    with pytest.raises(ValueError, match="url is missing.*base_url="):
        await aio.json2_call(async_httpx_client, api_key="k", model="res.users", method="a")
    with pytest.raises(ValueError, match="url is missing.*base_url="):
        aio.AsyncOdooRPC(database="d", login="a", password="p", http_client=async_httpx_client)
    with pytest.raises(ValueError, match="url is missing"):
        aio.AsyncOdooRPC(database="d", login="a", password="p")


async def test_a_base_url_client_is_posted_to_its_base_url(fake: RecordedOdoo) -> None:
    httpx = pytest.importorskip("httpx")
    # 3.0.4's spelling: the endpoint as base URL (httpx keeps it as ".../jsonrpc/")
    for base in (fake.url, fake.base_url, f"{fake.base_url}/"):
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await aio.version(client))["server_version"] == "11.0"
            rpc = aio.AsyncOdooRPC(database="d", login="a", password="p", http_client=client)
            assert rpc.url == fake.base_url
            assert await rpc.server_major() == 11
    assert [r.path for r in fake.requests] == ["/jsonrpc"] * 6


async def test_json2_needs_a_callable_that_takes_the_url(fake19: RecordedOdoo) -> None:
    def poster(payload: dict[str, Any]) -> Any:
        raise AssertionError("never called")

    with pytest.raises(TypeError, match="JSON-2 puts the model and method in the URL"):
        await aio.json2_call(
            poster,
            fake19.base_url,
            api_key="k" * 40,
            model="res.partner",
            method="search_count",
            domain=[],
        )


async def test_low_level_names_of_3_0_4(fake: RecordedOdoo, async_httpx_client: Any) -> None:
    url = fake.url
    envelope = await aio.rpc_call_and_check(
        async_httpx_client, url, service="common", method="version", ensure_instance_of=dict
    )
    assert envelope["jsonrpc"] == "2.0"
    assert envelope["result"]["server_serie"] == "11.0"
    with pytest.raises(errors.ProtocolError, match="expected a str result, got dict"):
        await aio.rpc_result(
            async_httpx_client, url, service="common", method="version", ensure_instance_of=str
        )
    with pytest.raises(TypeError, match="params.kwargs"):
        await aio.rpc_result(
            async_httpx_client, url, service="common", method="version", kwargs={"a": 1}
        )
    assert fake.requests[-1].path == "/jsonrpc"  # the refused call sent nothing
    count = len(fake.requests)

    # check_jsonrpc_response: a reply fetched by the caller, checked against its id
    payload = {"jsonrpc": "2.0", "method": "call", "id": 42}
    payload["params"] = {"service": "common", "method": "version", "args": []}
    resp = await async_httpx_client.post(url, json=payload)
    checked = await aio.check_jsonrpc_response(resp, 42)
    assert checked["result"]["protocol_version"] == 1
    assert (await aio.check_jsonrpc_response(resp.json(), 42))["id"] == 42
    with pytest.raises(errors.ProtocolError):
        await aio.check_jsonrpc_response(resp, 43)
    assert len(fake.requests) == count + 1
