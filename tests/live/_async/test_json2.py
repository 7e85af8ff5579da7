"""JSON-2 against the real Odoo 19: json2_call through every HTTP client kind, the client
object in ``json2`` mode, and every error kind raised as the same class over JSON-2 and over
/jsonrpc for the same call."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ...support.live_server import OdooTarget, OtherUser

pytestmark = pytest.mark.anyio


def _tag() -> str:
    return f"aiojson2-{uuid.uuid4().hex[:8]}"


async def test_crud_through_every_client_kind(odoo: OdooTarget, async_http_client: Any) -> None:
    key = odoo.need_api_key()

    async def call(model: str, method: str, **kwargs: Any) -> Any:
        return await aio.json2_call(
            async_http_client,
            odoo.root,
            api_key=key,
            database=odoo.db,
            model=model,
            method=method,
            **kwargs,
        )

    tag = _tag()
    ids = await call("res.partner", "create", vals_list=[{"name": f"{tag} {n}"} for n in range(3)])
    try:
        assert len(ids) == 3
        domain = [["name", "like", tag]]
        assert await call("res.partner", "search_count", domain=domain) == 3
        rows = await call(
            "res.partner", "search_read", domain=domain, fields=["name"], order="id desc", limit=2
        )
        assert [r["id"] for r in rows] == sorted(ids, reverse=True)[:2]
        assert await call("res.partner", "write", ids=ids[:1], vals={"ref": tag}) is True
        read = await call("res.partner", "read", ids=ids[:1], fields=["ref"])
        assert read == [{"id": ids[0], "ref": tag}]
        # context travels in the body: archived records show with active_test False
        assert await call("res.partner", "action_archive", ids=ids[2:]) is None
        assert await call("res.partner", "search_count", domain=domain) == 2
        hidden = await call(
            "res.partner", "search_count", domain=domain, context={"active_test": False}
        )
        assert hidden == 3
        me = await call("res.users", "context_get")
        assert me["lang"] == "en_US"
    finally:
        assert await call("res.partner", "unlink", ids=ids) is True
    with pytest.raises(errors.MissingError):
        await call("res.partner", "write", ids=ids[:1], vals={"name": "gone"})


async def test_wrong_api_key(odoo: OdooTarget, async_http_client: Any) -> None:
    key = odoo.need_api_key()
    wrong = "0" * 40
    with pytest.raises(errors.AccessDenied) as info:
        await aio.json2_call(
            async_http_client,
            odoo.root,
            api_key=wrong,
            database=odoo.db,
            model="res.partner",
            method="search_count",
            domain=[],
        )
    assert info.value.code == 401
    assert wrong not in str(info.value)
    assert wrong not in repr(info.value)
    assert key not in repr(info.value)


async def test_unknown_database(odoo: OdooTarget, async_http_client: Any) -> None:
    key = odoo.need_api_key()
    with pytest.raises(errors.DatabaseNotSelected):
        await aio.json2_call(
            async_http_client,
            odoo.root,
            api_key=key,
            database=odoo.unique(),
            model="res.partner",
            method="search_count",
            domain=[],
        )


@pytest.fixture
async def json2_client(odoo: OdooTarget, async_http_client: Any) -> AsyncIterator[aio.AsyncOdooRPC]:
    key = odoo.need_api_key()
    async with aio.AsyncOdooRPC(
        odoo.root, database=odoo.db, api_key=key, http_client=async_http_client
    ) as client:
        yield client


async def test_client_object_over_json2(json2_client: aio.AsyncOdooRPC, odoo: OdooTarget) -> None:
    client = json2_client
    assert await client.protocol() == "json2"  # chosen by itself: a key and Odoo 19
    assert await client.uid() == odoo.uid
    partner = client["res.partner"]
    tag = _tag()
    one = await partner.create({"name": f"{tag} one"})
    rest = await partner.create([{"name": f"{tag} {n:02}"} for n in range(12)])
    ids = [one, *rest]
    try:
        assert await partner.search([["name", "like", tag]], order="id asc") == ids
        assert await partner.search_count([["name", "like", tag]]) == 13
        assert await partner.write([one], {"email": "one@example.com"}) is True
        rows = await partner.read([one], ["email"])
        assert rows == [{"id": one, "email": "one@example.com"}]
        found = await partner.search_read([["email", "=", "one@example.com"]], ["name"])
        assert [r["id"] for r in found] == [one]
        assert (await partner.fields_get())["name"]["type"] == "char"
        paged = [r["id"] async for r in partner.iterate([["name", "like", tag]], page_size=5)]
        assert paged == ids
        snapshot = [
            r["id"]
            async for r in partner.iterate([["name", "like", tag]], page_size=4, concurrency=3)
        ]
        assert snapshot == ids
        assert await partner.write_many(rest, {"ref": tag}, batch_size=5) == [True] * 12
        assert await partner.search_count([["ref", "=", tag]]) == 12
    finally:
        assert await partner.unlink_many(ids, batch_size=6) == [True] * 13
    assert await partner.search_count([["name", "like", tag]]) == 0


async def test_bulk_create_with_a_failing_batch_over_json2(json2_client: aio.AsyncOdooRPC) -> None:
    partner = json2_client["res.partner"]
    tag = _tag()
    rows: list[dict[str, Any]] = [{"name": f"{tag} {i}"} for i in range(7)]
    rows[4]["parent_id"] = 2_000_000_000  # no such partner: that batch fails as a whole
    with pytest.raises(errors.BulkError) as info:
        await partner.create_many(rows, batch_size=3, concurrency=2)
    created = [i for i in info.value.results if i is not None]
    try:
        assert [n for n, _, _ in info.value.failures] == [1]
        assert [r is None for r in info.value.results] == [False] * 3 + [True] * 3 + [False]
    finally:
        await partner.unlink(created)


# --- one error, two protocols --------------------------------------------------------

Case = tuple[str, str, list[Any], dict[str, Any], dict[str, Any]]
# (model, method, /jsonrpc args, /jsonrpc kwargs, JSON-2 named arguments with ids)
ERROR_CASES: dict[str, tuple[Case, type[errors.OdooError]]] = {
    "unknown model": (("no.such.model", "search", [[]], {}, {"domain": []}), errors.ModelNotFound),
    "unknown method": (
        ("res.partner", "no_such_method", [[]], {}, {"ids": []}),
        errors.MethodNotFound,
    ),
    "private method": (("res.partner", "_search", [[]], {}, {"domain": []}), errors.AccessError),
    "missing record": (
        (
            "res.partner",
            "write",
            [[2_000_000_000], {"name": "x"}],
            {},
            {
                "ids": [2_000_000_000],
                "vals": {"name": "x"},
            },
        ),
        errors.MissingError,
    ),
    "validation": (
        ("res.partner", "create", [{"name": False}], {}, {"vals_list": [{"name": False}]}),
        errors.ValidationError,
    ),
    "user error": (("res.users", "unlink", [[2]], {}, {"ids": [2]}), errors.UserError),
    "bad argument name": (
        (
            "res.partner",
            "search_count",
            [[]],
            {"no_such_argument": 1},
            {
                "domain": [],
                "no_such_argument": 1,
            },
        ),
        errors.InvalidArguments,
    ),
    "bad domain": (
        (
            "res.partner",
            "search",
            [[["no_such_field", "=", 1]]],
            {},
            {"domain": [["no_such_field", "=", 1]]},
        ),
        errors.ServerError,
    ),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
async def test_same_error_class_over_both_protocols(
    odoo: OdooTarget, async_httpx_client: Any, case: str
) -> None:
    key = odoo.need_api_key()
    (model, method, args, kwargs, named), expected = ERROR_CASES[case]
    named = dict(named)
    ids = named.pop("ids", None)

    async def over_jsonrpc() -> Any:
        return await aio.execute_kw(
            async_httpx_client,
            odoo.url,
            db=odoo.db,
            uid=odoo.uid,
            password=odoo.password,
            obj=model,
            method=method,
            args=args,
            kwargs=kwargs or None,
        )

    async def over_json2() -> Any:
        return await aio.json2_call(
            async_httpx_client,
            odoo.root,
            api_key=key,
            database=odoo.db,
            model=model,
            method=method,
            ids=ids,
            params=named,
        )

    raised: list[type[BaseException]] = []
    calls: list[Callable[[], Awaitable[Any]]] = [over_jsonrpc, over_json2]
    for send in calls:
        with pytest.raises(expected) as info:
            await send()
        raised.append(type(info.value))
    assert raised[0] is raised[1], f"/jsonrpc raised {raised[0]}, JSON-2 {raised[1]}"


async def test_access_error_for_a_portal_user_over_both_protocols(
    odoo: OdooTarget, async_httpx_client: Any, portal_user: OtherUser
) -> None:
    odoo.need_api_key()
    with pytest.raises(errors.AccessError):
        await aio.execute_kw(
            async_httpx_client,
            odoo.url,
            db=odoo.db,
            uid=portal_user.uid,
            password=portal_user.password,
            obj="res.partner",
            method="create",
            args=[{"name": "x"}],
        )
    # the portal user's password is no API key: JSON-2 refuses it before any access check
    with pytest.raises(errors.AccessDenied):
        await aio.json2_call(
            async_httpx_client,
            odoo.root,
            api_key=portal_user.password,
            database=odoo.db,
            model="res.partner",
            method="create",
            vals_list=[{"name": "x"}],
        )
