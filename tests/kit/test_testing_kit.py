"""aio_odoorpc_base.testing: the fake Odoo users put in their own test suites.

Its answers are checked here against what real servers send (the recorded captures in
tests/data) and through the library over every HTTP client kind; tests/live/
test_fake_parity.py runs one scenario on the real Odoo 11 and 19 and on the fake."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import aio, sync
from aio_odoorpc_base.builtin import BuiltinClient
from aio_odoorpc_base.errors import (
    AccessDenied,
    DatabaseError,
    InvalidArguments,
    Json2Unavailable,
    MethodNotFound,
    MissingError,
    ModelNotFound,
    ServerError,
    UserError,
    ValidationError,
)
from aio_odoorpc_base.sync import OdooRPC
from aio_odoorpc_base.testing import FakeOdoo, FakeRequest

DATA = Path(__file__).resolve().parent.parent / "data"
ROWS = [
    {"name": "Alpha", "ref": "a1", "email": "alpha@example.com", "is_company": True},
    {"name": "beta", "ref": "b2", "email": False, "is_company": False},
    {"name": "Gamma", "ref": "c3", "email": "gamma@example.org", "is_company": True},
    {"name": "delta_x", "ref": False, "email": "d@example.com", "is_company": False},
]


@pytest.fixture(scope="module")
def shared() -> Iterator[FakeOdoo]:
    with FakeOdoo("19.0") as fake:
        fake.add("res.partner", ROWS)
        yield fake


def users_partners(fake: FakeOdoo) -> list[int]:
    """The contacts of the fake's users (every Odoo user has one): partner 1 is the admin's."""
    return [user["partner_id"] for user in fake.records("res.users")]


def names(fake: FakeOdoo, domain: list[Any], **kw: Any) -> list[str]:
    mine = [["id", "not in", users_partners(fake)], *domain]  # ROWS only
    with BuiltinClient() as client:
        rows = sync.execute_kw(
            client, fake.jsonrpc_url, db=fake.database, uid=fake.uid, password=fake.password,
            obj="res.partner", method="search_read", args=[mine], kw={"fields": ["name"], **kw},
        )  # fmt: skip
    return [row["name"] for row in rows]


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ([], ["Alpha", "beta", "delta_x", "Gamma"]),
        ([["name", "=", "beta"]], ["beta"]),
        ([["ref", "=", False]], ["delta_x"]),
        ([["ref", "!=", False]], ["Alpha", "beta", "Gamma"]),
        ([["email", "!=", "alpha@example.com"]], ["beta", "delta_x", "Gamma"]),  # NULL too
        ([["name", "in", ["Alpha", "Gamma", "nobody"]]], ["Alpha", "Gamma"]),
        ([["email", "not in", ["d@example.com"]]], ["Alpha", "beta", "Gamma"]),
        ([["name", "in", []]], []),
        ([["id", "<", 4]], ["Alpha", "beta"]),  # 2 and 3 (1: the admin's contact)
        ([["id", ">=", 4]], ["delta_x", "Gamma"]),
        ([["name", "like", "a"]], ["Alpha", "beta", "delta_x", "Gamma"]),
        ([["name", "like", "A"]], ["Alpha"]),
        ([["name", "ilike", "ALPHA"]], ["Alpha"]),
        ([["email", "not ilike", "example.com"]], ["beta", "Gamma"]),
        ([["name", "=like", "%a"]], ["Alpha", "beta", "Gamma"]),
        ([["name", "=like", "delta_%"]], ["delta_x"]),
        ([["name", "=ilike", "g%"]], ["Gamma"]),
        (["|", ["name", "=", "Alpha"], ["ref", "=", "b2"]], ["Alpha", "beta"]),
        (["!", ["is_company", "=", True]], ["beta", "delta_x"]),
        ([["is_company", "=", True], ["email", "ilike", ".org"]], ["Gamma"]),
        (["&", "|", ["ref", "=", "a1"], ["ref", "=", "b2"], ["is_company", "=", False]], ["beta"]),
    ],
)
def test_domains_as_odoo_reads_them(
    shared: FakeOdoo, domain: list[Any], expected: list[str]
) -> None:
    assert names(shared, domain, order="name") == sorted(expected)


def test_order_limit_offset(shared: FakeOdoo) -> None:
    assert names(shared, [], order="id desc", limit=2) == ["delta_x", "Gamma"]  # not admin
    assert names(shared, [], order="id", offset=1, limit=2) == ["beta", "Gamma"]
    # unset values sort last ascending and first descending, as PostgreSQL sorts them
    assert names(shared, [], order="ref, id") == ["Alpha", "beta", "Gamma", "delta_x"]
    assert names(shared, [], order="ref desc") == ["delta_x", "Gamma", "beta", "Alpha"]


def test_bad_domains_fail_as_on_odoo(shared: FakeOdoo) -> None:
    with pytest.raises(ServerError, match="Invalid field res.partner.nope") as info:
        names(shared, [["nope", "=", 1]])
    assert info.value.name == "builtins.ValueError"
    with pytest.raises(ServerError, match="Invalid operator"):
        names(shared, [["name", "bogus", 1]])
    with pytest.raises(ServerError, match="child_of"):
        names(shared, [["id", "child_of", 1]])


def _odoo(fake: FakeOdoo, **kw: Any) -> OdooRPC:
    if "api_key" in kw:
        return OdooRPC(fake.url, database=fake.database, **kw)
    return OdooRPC(fake.url, database=fake.database, login=fake.login, password=fake.password)


@pytest.mark.parametrize("version", ["11.0", "17.0", "19.0"])
def test_crud_and_errors_per_version(version: str) -> None:
    with FakeOdoo(version) as fake, _odoo(fake) as odoo:
        partners = odoo["res.partner"]
        first, second = partners.create([{"name": "One"}, {"name": "Two", "email": "t@x.org"}])
        assert partners.read([second], ["name", "email"]) == [
            {"id": second, "name": "Two", "email": "t@x.org"}
        ]
        assert partners.write([first], {"email": "o@x.org"}) is True
        [stored] = [r for r in fake.records("res.partner") if r["id"] == first]
        assert stored["email"] == "o@x.org"
        assert partners.read([first, 999], ["name"]) == [{"id": first, "name": "One"}]
        with pytest.raises(ValidationError, match="Contacts require a name"):
            partners.create({"email": "nameless@x.org"})
        with pytest.raises(MissingError):
            partners.write([999], {"name": "x"})
        with pytest.raises(ModelNotFound, match="no.such.model"):
            odoo["no.such.model"].search([])
        with pytest.raises(MethodNotFound):
            partners.call("no_such_method")
        if version == "11.0":
            assert partners.unlink([999]) is True  # Odoo 11 ignores missing ids
            assert partners.write([first], {"no_such_field": 1}) is True  # and unknown fields
        else:
            with pytest.raises(MissingError):
                partners.unlink([999])
            with pytest.raises(ServerError, match="no_such_field"):
                partners.write([first], {"no_such_field": 1})
        assert partners.unlink([first]) is True
        assert partners.search([["id", "!=", users_partners(fake)[0]]]) == [second]
        assert odoo.uid() == fake.uid == (1 if version == "11.0" else 2)


@pytest.mark.parametrize(
    ("version", "capture"),
    [
        ("11.0", "odoo11/error-wrong-password.json"),
        ("17.0", "odoo17/D-error-wrong-password.json"),
        ("19.0", "odoo19/D-error-wrong-password.json"),
    ],
)
def test_error_envelopes_have_the_shape_of_real_ones(version: str, capture: str) -> None:
    real = json.loads(json.loads((DATA / capture).read_text())["response"]["body"])
    with FakeOdoo(version) as fake, BuiltinClient() as client:
        payload = {"jsonrpc": "2.0", "method": "call", "id": 5, "params": {
            "service": "object", "method": "execute_kw",
            "args": [fake.database, fake.uid, "wrong", "res.partner", "search", [[]]]}}  # fmt: skip
        reply = client.post(fake.jsonrpc_url, json=payload)
        got = reply.json()
    assert got.keys() == real.keys()
    assert got["error"].keys() == real["error"].keys()
    assert got["error"]["code"] == real["error"]["code"]
    assert got["error"]["data"].keys() == real["error"]["data"].keys()
    for key in ("name", "message", "arguments"):
        assert got["error"]["data"][key] == real["error"]["data"][key]
    with FakeOdoo(version) as fake, BuiltinClient() as client, pytest.raises(AccessDenied):
        sync.execute_kw(
            client, fake.jsonrpc_url, db=fake.database, uid=fake.uid, password="wrong",
            obj="res.partner", method="search", args=[[]],
        )  # fmt: skip


def test_json2_like_odoo_19() -> None:
    with FakeOdoo("19.0", databases=["other"]) as fake, _odoo(fake, api_key=fake.api_key) as odoo:
        assert odoo.protocol() == "json2"
        partners = odoo["res.partner"]
        assert partners.create({"name": "Solo"}) == 2  # 1: the admin's contact
        assert partners.create([{"name": "A"}, {"name": "B"}]) == [3, 4]
        assert partners.search_count([["name", "in", ["A", "B"]]]) == 2
        assert partners.name_search("so") == [[2, "Solo"]]
        assert odoo["res.users"].call("context_get")["uid"] == fake.uid
        with pytest.raises(ModelNotFound):
            odoo["no.such.model"].search([])
        with pytest.raises(MissingError):
            partners.write([99], {"name": "x"})
        with pytest.raises(InvalidArguments, match="bogus"):
            partners.call("search_count", domain=[], bogus=1)
    fake = FakeOdoo("19.0")
    with fake, _odoo(fake, api_key="not-the-key") as odoo, pytest.raises(AccessDenied):
        odoo["res.partner"].search([])


def test_json2_is_absent_before_19_and_jsonrpc_gone_in_20() -> None:
    with FakeOdoo("17.0") as fake, _odoo(fake, api_key=fake.api_key) as odoo:
        assert odoo.protocol() == "jsonrpc"
    with FakeOdoo("20.0") as fake, BuiltinClient() as client:
        info = sync.server_info(client, fake.url)
        assert (info.jsonrpc, info.json2, info.db_service) == (False, True, False)
    with FakeOdoo("20.0") as fake, _odoo(fake, api_key=fake.api_key) as odoo:
        assert odoo.protocol() == "json2"
        assert odoo["res.partner"].search([]) == [1]  # the admin's contact


def test_server_info_and_databases() -> None:
    with FakeOdoo("11.0", databases=["second"]) as fake, BuiltinClient() as client:
        info = sync.server_info(client, fake.url)
        assert (info.version, info.db_service, info.json2) == ("11.0", True, False)
        assert info.databases == ("fake", "second")
        assert sync.list_databases(client, fake.jsonrpc_url) == ["fake", "second"]
        with pytest.raises(DatabaseError, match="nope"):
            sync.execute_kw(
                client, fake.jsonrpc_url, db="nope", uid=1, password="admin",
                obj="res.partner", method="search", args=[[]],
            )  # fmt: skip


def test_registered_failures_and_the_request_log() -> None:
    with FakeOdoo("19.0") as fake, _odoo(fake) as odoo:
        fake.fail("res.partner", "create", "ValidationError", "VAT is wrong", times=1)
        fake.fail("res.partner", "write", "UserError", "locked",
                  when=lambda args, kwargs: args[1].get("name") == "locked")  # fmt: skip
        partners = odoo["res.partner"]
        with pytest.raises(ValidationError, match="VAT is wrong"):
            partners.create({"name": "X"})
        rid = partners.create({"name": "X"})  # once only
        assert partners.write([rid], {"name": "Y"}) is True
        with pytest.raises(UserError, match="locked"):
            partners.write([rid], {"name": "locked"})
        seen = [(q.model, q.method) for q in fake.requests if q.protocol == "jsonrpc"]
        assert ("res.partner", "create") in seen
        last = fake.requests[-1]
        assert isinstance(last, FakeRequest)
        assert (last.args, last.uid) == ([[rid], {"name": "locked"}], fake.uid)
        assert fake.password not in repr(fake.requests)
        assert fake.api_key not in repr(fake)


@pytest.mark.anyio
async def test_async_context_and_async_clients(async_http_client: Any) -> None:
    async with FakeOdoo("19.0") as fake:
        fake.add("res.partner", [{"name": "Async"}])
        count = await aio.execute_kw(
            async_http_client, fake.jsonrpc_url, db=fake.database, uid=fake.uid,
            password=fake.password, obj="res.partner", method="search_count", args=[[]],
        )  # fmt: skip
        assert count == 2  # and the admin's contact


def test_every_sync_client_kind(http_client: Any) -> None:
    with FakeOdoo("17.0") as fake:
        fake.add("res.partner", [{"name": "Sync"}])
        assert sync.execute_kw(
            http_client, fake.jsonrpc_url, db=fake.database, uid=fake.uid,
            password=fake.password, obj="res.partner", method="search_read", args=[[]],
            kw={"fields": ["name"]},
        ) == [{"id": 1, "name": "Administrator"}, {"id": 2, "name": "Sync"}]  # fmt: skip


@pytest.mark.fake_odoo(version="11.0", databases=["b"])
def test_the_pytest_fixture_and_marker(fake_odoo: FakeOdoo) -> None:
    assert (fake_odoo.version, fake_odoo.databases) == ("11.0", ["fake", "b"])
    assert fake_odoo.url.startswith("http://127.0.0.1:")


def test_bad_setup_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match=r"version must be one of .*got '9\.0'"):
        FakeOdoo("9.0")
    fake = FakeOdoo()
    with pytest.raises(RuntimeError, match="not started"):
        _ = fake.url
    with pytest.raises(ValueError, match="error must be one of"):
        fake.fail("res.partner", "create", "Oops")
    with pytest.raises(ValueError, match="unknown type 'str'"):
        fake.define("x.thing", {"name": "str"})
    fake.define(
        "x.thing", {"name": "char", "partner_id": "many2one:res.partner"}, required=["name"]
    )
    [pid] = fake.add("res.partner", {"name": "Linked"})
    fake.add("x.thing", {"name": "T", "partner_id": pid})
    with fake, _odoo(fake) as odoo:
        assert odoo["x.thing"].search_read([], ["partner_id"]) == [
            {"id": 1, "partner_id": [pid, "Linked"]}
        ]
        assert odoo["x.thing"].fields_get(attributes=["type", "relation"])["partner_id"] == {
            "type": "many2one", "relation": "res.partner"
        }  # fmt: skip
        with pytest.raises(ValidationError, match="name"):
            odoo["x.thing"].create({"partner_id": pid})


@pytest.mark.parametrize(("version", "with_unset"), [("11.0", False), ("17.0", True)])
def test_negative_operators_and_unset_values_per_version(version: str, with_unset: bool) -> None:
    """Odoo 12+ lets ``!= value`` and ``not ilike`` match unset values; Odoo 11 did not
    (``not in`` always did); tests/live/test_fake_parity.py checks both on real servers."""
    with FakeOdoo(version) as fake:
        fake.add("res.partner", ROWS)
        unset = ["beta"] if with_unset else []
        assert names(fake, [["email", "!=", "d@example.com"]], order="name") == sorted(
            ["Alpha", "Gamma", *unset]
        )
        assert names(fake, [["email", "not ilike", ".com"]], order="name") == sorted(
            ["Gamma", *unset]
        )
        assert names(fake, [["email", "not in", ["d@example.com"]]], order="name") == sorted(
            ["Alpha", "beta", "Gamma"]
        )


@pytest.mark.parametrize(
    ("version", "databases", "status"),
    [
        ("11.0", (), 404),  # a JSON-RPC 404, as the real 11 answers a JSON request
        ("15.0", (), 404),
        ("17.0", (), 404),  # werkzeug's HTML page, as the real 17
        ("18.0", (), 303),  # the login page, as the real 18 with one database
        ("18.0", ("other",), 404),  # no database chosen: the HTML page
    ],
)
def test_json2_before_19_is_refused_as_the_version_does(
    version: str, databases: tuple[str, ...], status: int
) -> None:
    with FakeOdoo(version, databases=databases) as fake, BuiltinClient() as client:
        with pytest.raises(Json2Unavailable, match="no JSON-2 API") as info:
            sync.json2_call(
                client,
                fake.url,
                api_key=fake.api_key,
                database=fake.database,
                model="res.users",
                method="context_get",
            )
        assert info.value.code == status
