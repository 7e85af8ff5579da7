"""The fake Odoo's answers to odd and wrong requests, as raw HTTP (what any client would
see), and the ORM corners a user's code may reach; test_testing_kit.py has the main
behaviour and tests/live/test_fake_parity.py holds it to the real servers."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest

from aio_odoorpc_base.errors import (
    AccessError,
    MethodNotFound,
    MissingError,
    NotSupportedByFake,
    ServerError,
)
from aio_odoorpc_base.sync import OdooRPC
from aio_odoorpc_base.testing import FakeOdoo


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
