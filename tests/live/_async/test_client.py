"""The client object against the real Odoo servers over /jsonrpc: CRUD through the model
helpers, keyset paging while records come and go, bulk work with a failing batch, and
context merging."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from aio_odoorpc_base import BulkError, aio, errors

from ...support.live_server import OdooTarget

pytestmark = pytest.mark.anyio


@pytest.fixture
async def client(async_http_client: Any, odoo: OdooTarget) -> AsyncIterator[aio.AsyncOdooRPC]:
    async with aio.AsyncOdooRPC(
        odoo.url,
        database=odoo.db,
        login=odoo.login,
        password=odoo.password,
        http_client=async_http_client,
    ) as client:
        yield client


def _tag() -> str:
    return f"aioclient-{uuid.uuid4().hex[:8]}"


async def test_crud_through_the_model_helpers(client: aio.AsyncOdooRPC, odoo: OdooTarget) -> None:
    partner = client["res.partner"]
    tag = _tag()
    assert await client.protocol() == "jsonrpc"
    assert await client.uid() == odoo.uid
    one = await partner.create({"name": f"{tag} one", "email": "one@example.com"})
    assert isinstance(one, int)
    two, three = await partner.create([{"name": f"{tag} two"}, {"name": f"{tag} three"}])
    try:
        found = await partner.search([["name", "like", tag]], order="id asc")
        assert found == [one, two, three]
        assert await partner.search_count([["name", "like", tag]]) == 3
        rows = await partner.read([one], ["name", "email"])
        assert rows == [{"id": one, "name": f"{tag} one", "email": "one@example.com"}]
        assert await partner.write([two, three], {"email": "x@example.com"}) is True
        rows = await partner.search_read(
            [["email", "=", "x@example.com"], ["name", "like", tag]], ["name"]
        )
        assert {r["id"] for r in rows} == {two, three}
        names = await partner.name_search(tag, limit=2)
        assert len(names) == 2
        groups = await partner.read_group([["name", "like", tag]], ["email"], ["email"])
        assert {g["email"]: g["email_count"] for g in groups} == {
            "one@example.com": 1,
            "x@example.com": 2,
        }
        fields = await partner.fields_get()
        assert fields["name"]["type"] == "char"
        assert await partner.fields_get() is fields
        assert await partner.call("toggle_active", [three]) is None
        archived = await partner.search_count(
            [["name", "like", tag]], context={"active_test": False}
        )
        assert archived == 3
        assert await partner.search_count([["name", "like", tag]]) == 2
    finally:
        await partner.unlink([one, two, three])
    with pytest.raises(errors.MissingError):
        await partner.write([one], {"name": "gone"})


async def test_default_context_is_merged(async_http_client: Any, odoo: OdooTarget) -> None:
    default = {"lang": "en_US", "active_test": False}
    client = aio.AsyncOdooRPC(
        odoo.url,
        database=odoo.db,
        uid=odoo.uid,
        password=odoo.password,
        http_client=async_http_client,
        context=default,
    )
    partner = client["res.partner"]
    tag = _tag()
    pid = await partner.create({"name": tag, "active": False})
    try:
        assert await partner.search_count([["name", "=", tag]]) == 1  # active_test False
        given = {"active_test": True}
        assert await partner.search_count([["name", "=", tag]], context=given) == 0
        assert given == {"active_test": True}
        assert default == {"lang": "en_US", "active_test": False}
    finally:
        await partner.unlink([pid])


async def test_paging_survives_changes_during_the_scan(client: aio.AsyncOdooRPC) -> None:
    partner = client["res.partner"]
    tag = _tag()
    ids = await partner.create([{"name": f"{tag} {i:02}"} for i in range(25)])
    added: list[int] = []
    try:
        seen: list[int] = []
        deleted = ids[15:18]
        async for record in partner.iterate([["name", "like", tag]], ["name"], page_size=10):
            seen.append(record["id"])
            if len(seen) == 10:  # after the first page: delete ahead, add at the end
                await partner.unlink(deleted)
                added = await partner.create([{"name": f"{tag} new {i}"} for i in range(3)])
                # offset paging would now skip records: the first 10 moved
                await partner.unlink(ids[:3])
        assert len(seen) == len(set(seen))  # nothing twice
        expected = [i for i in ids if i not in deleted] + added
        assert seen == expected
    finally:
        await partner.unlink([i for i in ids + added if i not in ids[:3] + ids[15:18]])


async def test_paging_with_concurrency(client: aio.AsyncOdooRPC) -> None:
    partner = client["res.partner"]
    tag = _tag()
    ids = await partner.create([{"name": f"{tag} {i:02}"} for i in range(23)])
    try:
        seen = [
            r["id"]
            async for r in partner.iterate(
                [["name", "like", tag]], ["name"], page_size=5, concurrency=3
            )
        ]
        assert seen == ids
    finally:
        await partner.unlink(ids)


async def test_bulk_with_a_failing_batch(client: aio.AsyncOdooRPC, odoo: OdooTarget) -> None:
    partner = client["res.partner"]
    tag = _tag()
    rows: list[dict[str, Any]] = [{"name": f"{tag} {i}"} for i in range(10)]
    rows[4]["parent_id"] = 2_000_000_000  # no such partner: this batch fails
    with pytest.raises(BulkError) as info:
        await partner.create_many(rows, batch_size=3, concurrency=2)
    report = info.value
    assert [(n, list(span)) for n, span, _ in report.failures] == [(1, [3, 4, 5])]
    assert isinstance(report.failures[0][2], errors.ServerError)
    created = [i for i in report.results if isinstance(i, int)]
    try:
        if odoo.version == 11:
            # Odoo 11 creates one per call: item 3 of the failed batch was created before 4
            assert [r is None for r in report.results] == [False] * 4 + [True] * 2 + [False] * 4
        else:  # one create call per batch, in one transaction: all of it or nothing
            assert [r is None for r in report.results] == [False] * 3 + [True] * 3 + [False] * 4
        names = {r["id"]: r["name"] for r in await partner.read(created, ["name"])}
        kept = [i for i, r in enumerate(report.results) if r is not None]
        assert [names[i] for i in created] == [rows[i]["name"] for i in kept]
        assert await partner.write_many(created, {"email": "bulk@example.com"}, batch_size=3) == [
            True
        ] * len(created)
        assert await partner.search_count(
            [["email", "=", "bulk@example.com"], ["name", "like", tag]]
        ) == len(kept)
    finally:
        assert await partner.unlink_many(created, batch_size=4) == [True] * len(created)
    assert await partner.search_count([["name", "like", tag]]) == 0


async def test_auto_asks_the_version_once_and_never_fails_a_request(
    odoo: OdooTarget, async_httpx_client: Any
) -> None:
    """With an API key, protocol='auto' picks JSON-2 on 19+ and /jsonrpc below (where an
    API key is taken as the password) from one version request: no request that fails."""
    key = odoo.need_api_key() if odoo.version >= 19 else odoo.password
    seen: list[tuple[str, int]] = []

    async def poster(url: str, payload: Any, headers: dict[str, str] | None = None) -> Any:
        response = await async_httpx_client.post(url, json=payload, headers=headers)
        seen.append((url.removeprefix(odoo.root), response.status_code))
        return response

    async with aio.AsyncOdooRPC(
        odoo.url, database=odoo.db, login=odoo.login, api_key=key, http_client=poster
    ) as client:
        assert await client.uid() == odoo.uid
        assert await client["res.users"].search_count([["id", "=", odoo.uid]]) == 1
        expected = "json2" if odoo.version >= 19 else "jsonrpc"
        assert await client.protocol() == expected
    assert all(status == 200 for _, status in seen), seen
    assert seen[0][0] == "/jsonrpc"  # common.version, once
    rest = {path.partition("/json/2/")[1] or path for path, _ in seen[1:]}
    assert rest == ({"/json/2/"} if expected == "json2" else {"/jsonrpc"})
