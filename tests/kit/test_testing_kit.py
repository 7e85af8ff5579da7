"""aio_odoorpc_base.testing: the fake Odoo users put in their own test suites.

Its answers are checked here against what real servers send (the recorded captures in
tests/data) and through the library over every HTTP client kind; tests/live/
test_fake_parity.py runs one scenario on the real Odoo 11 and 19 and on the fake.

The fake Odoo's answers to odd and wrong requests, as raw HTTP (what any client would
see), and the ORM corners a user's code may reach; test_testing_kit.py has the main
behaviour and tests/live/test_fake_parity.py holds it to the real servers."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import aio, sync
from aio_odoorpc_base.builtin import BuiltinClient
from aio_odoorpc_base.errors import (
    AccessDenied,
    AccessError,
    DatabaseError,
    InvalidArguments,
    Json2Unavailable,
    MethodNotFound,
    MissingError,
    ModelNotFound,
    NotSupportedByFake,
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


@pytest.mark.parametrize("version", ["11.0", "17.0", "19.0"])
def test_added_records_read_back_as_odoo_would(version: str) -> None:
    """``add`` seeds records: a standard model's record is stamped created and written
    now (an incremental export finds it), a many2many takes ids; what the fake could
    not read back as Odoo does is refused, never stored to break a later read."""
    fake = FakeOdoo(version)
    [tag] = fake.add("res.partner.category", {"name": "Vip"})
    [pid] = fake.add("res.partner", {"name": "Acme", "category_id": [tag]})
    with pytest.raises(ValueError, match=r"takes a list of ids .* \(6, 0, ids\)"):
        fake.add(  # the first row is fine, the second refused: neither is added
            "res.partner", [{"name": "Bad"}, {"name": "Bad", "category_id": [(6, 0, [tag])]}]
        )
    with pytest.raises(ValueError, match="one2many.*set parent_id on the res.partner"):
        fake.add("res.partner", {"name": "Parent", "child_ids": [pid]})
    assert [r["name"] for r in fake.records("res.partner") if r["name"] == "Bad"] == []
    with fake, _odoo(fake) as odoo:
        [row] = odoo["res.partner"].read(
            [pid], ["category_id", "write_date", "create_date", "create_uid"]
        )
        assert row["category_id"] == [tag]
        assert row["write_date"] == row["create_date"]
        assert row["create_uid"][0] == fake.uid
        seen = odoo["res.partner"].search([("write_date", ">=", "2000-01-01 00:00:00")])
        assert pid in seen
        joe = fake.add_user("joe", "pw")  # and the contact made for him, by the same user
        [user] = odoo["res.users"].read([joe], ["partner_id", "create_uid"])
        [contact] = odoo["res.partner"].read([user["partner_id"][0]], ["create_uid"])
        assert user["create_uid"][0] == contact["create_uid"][0] == fake.uid


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


@pytest.fixture(scope="module")
def fake19() -> Iterator[FakeOdoo]:
    with FakeOdoo("19.0", databases=["second"], api_key="k3y") as fake:
        yield fake


def raw(
    fake: FakeOdoo, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, str, Any]:
    host, port = fake.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, path, body or None, headers or {})
        resp = conn.getresponse()
        data = resp.read()
    finally:
        conn.close()
    ctype = resp.getheader("Content-Type", "")
    return resp.status, ctype, json.loads(data) if "json" in ctype else data.decode()


def rpc(service: str, method: str, *args: Any) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "method": "call", "id": 3,
                       "params": {"service": service, "method": method, "args": list(args)}}
                      ).encode()  # fmt: skip


JSON = {"Content-Type": "application/json"}
BEARER = {**JSON, "Authorization": "bearer k3y", "X-Odoo-Database": "fake"}


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status", "says"),
    [
        ("GET", "/web/version", b"", {}, 200, "version_info"),
        ("GET", "/nowhere", b"", {}, 404, "not found"),
        ("POST", "/nowhere", b"{}", JSON, 404, "not found"),
        ("POST", "/jsonrpc", b"{not json", JSON, 200, "builtins.KeyError"),
        ("POST", "/jsonrpc", rpc("nope", "x"), JSON, 200, "builtins.KeyError"),
        ("POST", "/jsonrpc", rpc("object", "run", "fake"), JSON, 200, "Method not available run"),
        ("POST", "/jsonrpc", rpc("object", "execute_kw", "fake", 2), JSON, 200, "missing required"),
        (
            "POST",
            "/jsonrpc",
            rpc("object", "execute_kw", "fake", 2, "admin", "res.partner", "search", {"a": 1}),
            JSON,
            200,
            "args must be a list",
        ),  # fmt: skip
        (
            "POST",
            "/jsonrpc",
            rpc("object", "execute", "fake", 2, "admin", "res.partner", "search_count", []),
            JSON,
            200,
            '"result": 1',  # the admin's contact
        ),  # fmt: skip
        ("POST", "/jsonrpc", rpc("common", "about"), JSON, 200, "openerp"),
        ("POST", "/jsonrpc", rpc("common", "nope"), JSON, 200, "exp_nope"),
        (
            "POST",
            "/jsonrpc",
            rpc("common", "login", "fake", "admin", "k3y"),
            JSON,
            200,
            '"result": 2',
        ),  # an API key is a password over /jsonrpc from 14 on  # fmt: skip
        ("POST", "/jsonrpc", rpc("db", "server_version"), JSON, 200, '"19.0"'),
        ("POST", "/jsonrpc", rpc("db", "db_exist", "second"), JSON, 200, '"result": true'),
        ("POST", "/jsonrpc", rpc("db", "drop", "admin", "fake"), JSON, 200, "does not implement"),
        ("POST", "/json/2/res.partner", b"{}", BEARER, 404, "Did you mean"),
        (
            "POST",
            "/json/2/res.partner/search",
            b"[]",
            {**BEARER, "Content-Type": "text/plain"},
            415,
            "Unsupported Media Type",
        ),  # fmt: skip
        (
            "POST",
            "/json/2/res.partner/search_count",
            b'{"domain": [',
            BEARER,
            400,
            "could not parse",
        ),
        ("POST", "/json/2/res.partner/search_count", b"[[]]", BEARER, 422, "missing a required"),
        (
            "POST",
            "/json/2/res.partner/create",
            b'{"ids": [1], "vals_list": []}',
            BEARER,
            422,
            "with ids",
        ),  # fmt: skip
        (
            "POST",
            "/json/2/res.partner/search_count",
            b'{"domain": []}',
            JSON,
            404,
            "No database is selected",
        ),  # two databases and no header  # fmt: skip
        (
            "POST",
            "/json/2/res.partner/search_count",
            b'{"domain": []}',
            {**BEARER, "X-Odoo-Database": "nope"},
            404,
            "No database is selected",
        ),  # fmt: skip
        (
            "POST",
            "/json/2/res.partner/search_count",
            b'{"domain": []}',
            {**BEARER, "Authorization": "Basic eDp5"},
            401,
            "use an API Key",
        ),  # fmt: skip
        ("POST", "/json/2/res.partner/_search", b'{"domain": []}', BEARER, 403, "Private methods"),
        (
            "POST",
            "/json/2/res.partner/read",
            b'{"ids": [1], "fields": ["nope"]}',
            BEARER,
            500,
            "Invalid field 'nope'",
        ),  # fmt: skip
        ("POST", "/web/database/list", b"{not json", JSON, 200, '"result": ["fake", "second"]'),
    ],
)
def test_raw_answers(
    fake19: FakeOdoo, method: str, path: str, body: bytes, headers: dict[str, str],
    status: int, says: str,
) -> None:  # fmt: skip
    got_status, _, data = raw(fake19, method, path, body, headers)
    assert got_status == status
    assert says in (data if isinstance(data, str) else json.dumps(data))


def test_versions_before_16_and_after_19() -> None:
    with FakeOdoo("13.0") as fake:
        assert raw(fake, "GET", "/web/version")[0] == 404  # no such route yet
        assert raw(fake, "POST", "/json/2/res.partner/search", b"{}", BEARER)[0] == 404
    with FakeOdoo("20.0") as fake:
        assert raw(fake, "POST", "/jsonrpc", rpc("common", "version"), JSON)[0] == 404
    with FakeOdoo("saas~18.0") as fake:
        assert fake.version == "18.0"


def test_orm_corners() -> None:
    fake = FakeOdoo("11.0")
    fake.define("x.note", ["title", "body"], required=["title"], order="title desc")
    fake.define("x.note", order="id", labels={"title": "Title"})
    ids = fake.add("x.note", [{"id": 7, "title": "a"}, {"id": 7, "title": "b"},
                              {"title": "c", "n": 1, "f": 1.5, "ok": True, "tags": [1],
                               "meta": {"k": 1}}])  # fmt: skip
    assert ids == [7, 8, 9]  # a taken id is replaced by the next free one
    assert fake.records("x.nothing") == []
    with fake, OdooRPC(fake.url, database="fake", login="admin", password="admin") as odoo:
        notes = odoo["x.note"]
        types = {k: v["type"] for k, v in notes.fields_get(attributes=["type"]).items()}
        assert types == {"id": "integer", "display_name": "char", "title": "char",
                         "body": "char", "n": "integer", "f": "float", "ok": "boolean",
                         "tags": "many2many", "meta": "json"}  # fmt: skip
        assert notes.fields_get(allfields=["title"])["title"]["string"] == "Title"
        assert notes.search([], order="title desc") == [9, 8, 7]
        assert notes.call("search", [], count=True) == 3  # Odoo 11's count=
        assert notes.call("name_get", [7]) == [[7, "x.note,7"]]
        assert notes.call("check_access_rights", "read") is True
        assert notes.read([9], ["display_name", "tags"]) == [
            {"id": 9, "display_name": "x.note,9", "tags": [1]}
        ]
        with pytest.raises(ServerError, match="no attribute 'items'"):
            notes.call("create", [{"title": "x"}, {"title": "y"}])  # one dict only on 11
        with pytest.raises(ServerError, match="mandatory"):
            notes.write([7], {"title": False})
        with pytest.raises(AccessError, match="_private"):
            notes.call("_private")
        with pytest.raises(ServerError, match="ids must be a list of integers"):
            notes.call("read", ["seven"])
        with pytest.raises(ServerError, match="values must be a dict"):
            notes.call("write", [7], ["not", "a", "dict"])
        with pytest.raises(ServerError, match="Invalid order"):
            notes.search([], order="title sideways")
        with pytest.raises(ServerError, match="Invalid field 'nope'"):
            notes.search([], order="nope")
        with pytest.raises(ServerError, match="Invalid field x.note.partner_id.name"):
            notes.search([["partner_id.name", "=", "x"]])  # no such field: as Odoo says
        with pytest.raises(NotSupportedByFake, match="a path through a relational field"):
            notes.search([["title.name", "=", "x"]])
        with pytest.raises(NotSupportedByFake, match="Odoo 11 searches the text 'False'"):
            notes.search([["title", "ilike", False]])
        with pytest.raises(ServerError, match="syntactically"):
            notes.search(["|", ["title", "=", "a"]])
        with pytest.raises(ServerError, match="Invalid leaf"):
            notes.search([["title", "="]])
        with pytest.raises(ServerError, match="'domain' form"):
            notes.call("search", "not a domain")
        with pytest.raises(ServerError, match="has no attribute 'has_access'"):
            notes.call("has_access", "read")


def test_name_search_takes_domain_from_19_on() -> None:
    with FakeOdoo("19.0") as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        partners = odoo["res.partner"]
        made = partners.create({"name": "Nineteen"})
        assert partners.call("name_search", "Nine", domain=[["id", "=", made]]) == [
            [made, "Nineteen"]
        ]
        with pytest.raises(ServerError, match="unexpected keyword argument 'args'"):
            partners.call("name_search", "Nine", args=[])


def test_links_archives_and_name_search_per_version() -> None:
    with FakeOdoo("17.0") as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        partners = odoo["res.partner"]
        parent = partners.create({"name": "Parent"})
        child = partners.create({"name": "Child", "parent_id": parent})
        gone = partners.create({"name": "Gone", "active": False})
        # by complete name, as Odoo 16+: "Parent" < "Parent, Child"
        assert partners.search([["id", "in", [parent, child, gone]]]) == [parent, child]
        assert partners.read([child], ["display_name"])[0]["display_name"] == "Parent, Child"
        assert partners.search([["active", "=", False]]) == [gone]
        assert partners.read([child], ["parent_id"]) == [
            {"id": child, "parent_id": [parent, "Parent"]}
        ]
        assert partners.write([child], {"parent_id": [parent, "Parent"]}) is True
        assert partners.search([["parent_id", "=", [parent, "Parent"]]]) == [child]
        assert partners.name_search("Par", args=[["id", "=", parent]]) == [[parent, "Parent"]]
        with pytest.raises(ServerError, match="unexpected keyword argument 'domain'"):
            partners.name_search("Par", domain=[])  # 'domain' arrives in 19, as on the servers
        assert partners.search([["id", "<", "x"]]) == []  # no ordering across types
        with pytest.raises(ServerError, match="Invalid field 'nope' on model"):
            partners.create({"name": "x", "nope": 1})
        with pytest.raises(MissingError, match=r"res.partner\(998, 999\)"):
            partners.unlink([998, 999])
        assert partners.call("check_access_rights", "read") is True
        with pytest.raises(ServerError, match="search_count\\(\\) got an unexpected"):
            partners.call("search_count", [], bogus=1)


@pytest.mark.parametrize("version", ["11.0", "17.0", "18.0", "19.0"])
def test_everyday_calls_as_the_real_server_of_that_version(version: str) -> None:
    """Each answer here was seen on the real server of that version (docs/versions.md)."""
    major = int(version.split(".")[0])
    with FakeOdoo(version) as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        partners = odoo["res.partner"]
        made = partners.create({"name": ""})  # "" passes res.partner's NOT NULL check
        assert partners.read([made], ["name"]) == [{"id": made, "name": ""}]
        if major < 17:
            assert partners.call("search", [["id", "=", made]], count=True) == 1
            assert partners.read([made], ["nope"]) == [{"id": made}]
            with pytest.raises(ServerError, match="unexpected keyword argument 'limit'"):
                partners.call("search_count", [], limit=1)
        else:
            with pytest.raises(ServerError, match="unexpected keyword argument 'count'"):
                partners.call("search", [], count=True)
            with pytest.raises(ServerError, match="Invalid field 'nope'"):
                partners.read([made], ["nope"])
            assert partners.call("search_count", [], limit=1) == 1
        rights = partners.call("check_access_rights", "read")
        assert rights is (None if major >= 18 else True)
        if major >= 18:
            assert partners.call("has_access", [made], "read") is True
            with pytest.raises(MethodNotFound, match="'res.partner.nope' does not exist"):
                partners.call("nope")
        private = MethodNotFound if major == 18 else AccessError
        with pytest.raises(private):
            partners.call("_private")
