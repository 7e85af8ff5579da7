"""The client object's edge paths on the fakes: protocol choice, uid lookup, argument
naming, bulk and paging failures; plain JSON values through every client kind."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aio_odoorpc_base import BulkError, Retry, aio, errors

from ...support.recorded_odoo import Raw, RecordedOdoo, Replay

pytestmark = pytest.mark.anyio

KEY = "697af3a740bbbb16a574ba89e38fd6b1b0c8d35e"
JSON = [("Content-Type", "application/json")]
HTML = [("Content-Type", "text/html; charset=utf-8")]
NOT_FOUND = Raw(404, b"<html><p>Not Found</p></html>", HTML)
NO_RETRY = Retry(attempts=1)


def json2(http_client: Any, fake: RecordedOdoo, **kw: Any) -> aio.AsyncOdooRPC:
    return aio.AsyncOdooRPC(
        fake.base_url, database="cap_main", api_key=KEY, http_client=http_client, **kw
    )


def jsonrpc(http_client: Any, fake: RecordedOdoo, **kw: Any) -> aio.AsyncOdooRPC:
    kw.setdefault("uid", 1)
    return aio.AsyncOdooRPC(
        fake.url, database="cap_main", password="admin", http_client=http_client, **kw
    )


async def drain(records: Any) -> list[Any]:
    return [r async for r in records]


# --- the client object ------------------------------------------------------------------


async def test_auto_without_jsonrpc_means_json2(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    fake19.add(NOT_FOUND)
    client = json2(async_httpx_client, fake19)
    assert await client.protocol() == "json2"
    assert await client["res.partner"].search_count([]) == 9


async def test_auto_on_an_old_server_means_jsonrpc(
    async_httpx_client: Any, fake: RecordedOdoo
) -> None:
    client = aio.AsyncOdooRPC(
        fake.url, database="cap_main", api_key="key", uid=1, http_client=async_httpx_client
    )
    assert await client.protocol() == "jsonrpc"
    assert await client.server_major() == 11


async def test_auto_reports_other_failures(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    fake19.add(Raw(502, b"<html>Bad Gateway</html>", HTML))
    with pytest.raises(errors.HTTPStatusError) as info:
        await json2(async_httpx_client, fake19).protocol()
    assert info.value.status_code == 502


async def test_uid_over_jsonrpc(async_httpx_client: Any, fake: RecordedOdoo) -> None:
    client = jsonrpc(async_httpx_client, fake, uid=None, login="admin")
    fake.add(Replay("common-login"))
    assert await client.uid() == fake.cases["common-login"]["response"]["body_json"]["result"]
    refused = jsonrpc(async_httpx_client, fake, uid=None, login="admin")
    fake.add(Replay("common-login-bad-password"))
    with pytest.raises(errors.AccessDenied, match="refused"):
        await refused.uid()
    keyed = aio.AsyncOdooRPC(
        fake.url, database="d", api_key="k", protocol="jsonrpc", http_client=async_httpx_client
    )
    with pytest.raises(TypeError, match="login= or uid="):
        await keyed.uid()


async def test_ids_keyword_over_jsonrpc(async_httpx_client: Any, fake: RecordedOdoo) -> None:
    fake.add(Raw(200, b'{"jsonrpc": "2.0", "id": null, "result": null}', JSON))
    client = jsonrpc(async_httpx_client, fake)
    with pytest.raises(errors.ProtocolError):  # the id does not match: the request is what counts
        await client.call("res.partner", "action_archive", ids=[7])
    args = fake.last.json["params"]["args"]
    assert args[3:] == ["res.partner", "action_archive", [[7]]]


async def test_model_helpers_without_optional_arguments(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2")["res.partner"]
    assert repr(partner) == f"<{type(partner).__name__} res.partner>"
    assert (await partner.read([13]))[0]["id"] == 13
    assert json.loads(fake19.last.body) == {"ids": [13]}
    fields = await partner.fields_get(attributes=["string", "type", "required"])
    assert fields["id"]["type"] == "integer"
    assert await partner.fields_get(attributes=["string", "type", "required"]) == fields
    assert len(fake19.requests) == 3  # calls with arguments are not cached
    fake19.add(Raw(200, b"[]", JSON))
    assert await partner.search_read() == []
    assert json.loads(fake19.last.body) == {"domain": []}


async def test_create_list_on_odoo_11_failing_first(
    async_httpx_client: Any, fake: RecordedOdoo
) -> None:
    client = jsonrpc(async_httpx_client, fake)
    fake.add(Replay("common-version"), Replay("error-validation-python-constraint"))
    with pytest.raises(errors.ValidationError):  # nothing was created: the error itself
        await client["res.partner"].create([{"email": "a@b.c"}, {"name": "x"}])


async def test_bad_sizes(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2")["res.partner"]
    with pytest.raises(ValueError, match="page_size"):
        await drain(partner.iterate(page_size=0))
    with pytest.raises(ValueError, match="batch_size"):
        await partner.unlink_many([1], batch_size=0)
    assert fake19.requests == []


async def test_concurrent_paging_reports_a_failed_page(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2", retry=NO_RETRY)["res.partner"]
    bad_gateway = Raw(
        502, b"<html><body>Bad Gateway</body></html>", [("Content-Type", "text/html")]
    )
    fake19.add(Raw(200, b"[1, 2, 3]", JSON), Raw(200, b'[{"id": 1}, {"id": 2}]', JSON), bad_gateway)
    with pytest.raises(errors.HTTPStatusError, match="Bad Gateway"):
        await drain(partner.iterate(page_size=2, concurrency=2))
    assert [json.loads(r.body)["domain"] for r in fake19.requests[1:]] in (
        [[["id", "in", [1, 2]]], [["id", "in", [3]]]],
        [[["id", "in", [3]]], [["id", "in", [1, 2]]]],
    )


async def test_bulk_error_says_which_batch(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2", retry=NO_RETRY)["res.partner"]
    fake19.add(Raw(200, b"true", JSON), NOT_FOUND)
    with pytest.raises(BulkError, match=r"1 of the batches failed \(first: batch 1, items 2-3"):
        await partner.unlink_many([1, 2, 3, 4], batch_size=2, concurrency=1)


async def test_argument_naming_errors(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2")
    with pytest.raises(TypeError, match="multiple values for 'domain'"):
        await client.call("res.partner", "search_count", [], domain=[])
    fake19.add(Raw(200, b"[]", JSON))
    await client.call("res.partner", "name_search", "J2", args=[["id", ">", 0]])
    assert json.loads(fake19.last.body) == {"name": "J2", "domain": [["id", ">", 0]]}


# --- server_info ----------------------------------------------------------------------


async def test_dates_and_bytes_reach_odoo_as_text(
    async_http_client: Any, fake: RecordedOdoo
) -> None:
    """Every client kind, generic ones included (they encode json= themselves)."""
    import datetime as dt

    fake.add(Replay("object-execute_kw-write"))
    vals = {"date": dt.date(2024, 2, 29), "at": dt.datetime(2024, 1, 1, 12), "image": b"\x00\x01"}
    await aio.execute_kw(
        async_http_client,
        fake.url,
        db="cap_main",
        uid=1,
        password="admin",
        obj="res.partner",
        method="write",
        args=[[1], vals],
    )
    assert fake.last.json["params"]["args"][5][1] == {
        "date": "2024-02-29",
        "at": "2024-01-01 12:00:00",
        "image": "AAE=",
    }
