"""The fake Odoo of aio_odoorpc_base.testing against the real one: the same scenario runs
on the real server and on a FakeOdoo of the same version, and must give the same
transcript (results with ids replaced by their creation order, and exception classes).

On a server the suite did not start it only creates and deletes its own partners, as the
other live tests do."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from aio_odoorpc_base import errors, sync
from aio_odoorpc_base.builtin import BuiltinClient
from aio_odoorpc_base.sync import OdooRPC
from aio_odoorpc_base.testing import FakeOdoo

from ..support.live_server import OdooTarget

Transcript = list[tuple[str, Any]]


def scenario(odoo: OdooRPC, url: str, database: str, tag: str, major: int) -> Transcript:
    """Each step's result or exception class, with the created ids as #0, #1..."""
    partners = odoo["res.partner"]
    mine: list[Any] = [["ref", "=like", f"{tag}%"]]
    made: list[int] = []
    out: Transcript = []

    def norm(value: Any, ids: bool) -> Any:
        if ids and isinstance(value, int) and not isinstance(value, bool) and value in made:
            return f"#{made.index(value)}"
        if isinstance(value, list | tuple):
            return [norm(v, ids) for v in value]
        if isinstance(value, dict):
            return {k: norm(v, ids or k == "id") if k == "id" else norm(v, False)
                    for k, v in value.items()}  # fmt: skip
        return value

    def step(name: str, run: Callable[[], Any], ids: bool = False) -> None:
        """``ids``: the result holds record ids (they differ between servers)."""
        try:
            out.append((name, norm(run(), ids)))
        except errors.OdooError as exc:
            out.append((name, type(exc).__name__))

    rows: list[dict[str, Any]] = [
        {"name": f"{tag} Alpha", "email": "alpha@example.com", "is_company": True},
        {"name": f"{tag} beta", "is_company": False},
        {"name": f"{tag} Gamma", "email": "gamma@example.org", "is_company": True},
        {"name": f"{tag} delta", "email": "d@example.com"},
    ]
    try:
        for n, row in enumerate(rows, 1):
            made.append(partners.create({**row, "ref": f"{tag}-{n}"}))
        step("ids", lambda: made, ids=True)
        fields = ["name", "ref", "email", "is_company"]
        step("all", lambda: partners.search_read(mine, fields, order="ref"))
        domains: list[tuple[str, list[Any]]] = [
            ("=", [["name", "=", f"{tag} beta"]]),
            ("= False", [["email", "=", False]]),
            ("!= False", [["email", "!=", False]]),
            ("!= value", [["email", "!=", "alpha@example.com"]]),
            ("in", [["ref", "in", [f"{tag}-1", f"{tag}-3", "nobody"]]]),
            ("not in", [["email", "not in", ["d@example.com"]]]),
            ("like", [["name", "like", "a"]]),
            ("ilike", [["name", "ilike", "GAMMA"]]),
            ("not ilike", [["email", "not ilike", "example.com"]]),
            ("=ilike", [["email", "=ilike", "%.ORG"]]),
            ("|", ["|", ["is_company", "=", True], ["email", "=", False]]),
            ("!", ["!", ["is_company", "=", True]]),
        ]
        for label, extra in domains:
            domain = mine + extra
            step(f"count {label}", partial(partners.search_count, domain))
            step(f"search {label}", partial(partners.search, domain, order="ref"), ids=True)
        step("order", lambda: partners.search(mine, order="name desc", limit=2, offset=1), True)
        step("read", lambda: partners.read([made[1], 999_999_999], ["name", "email"]))
        step("write", lambda: partners.write([made[1]], {"email": "beta@example.com"}))
        step("read back", lambda: partners.read([made[1]], ["email"]))
        kw = {"args": mine} if major < 19 else {"domain": mine}  # 'domain' from 19 on
        step("name_search", lambda: partners.name_search("Gamma", **kw), ids=True)
        asked = ["name", "email", "is_company"]
        attributes = ["type", "required", "string"]
        step("fields_get", partial(partners.fields_get, allfields=asked, attributes=attributes))
        step("context", lambda: sorted(odoo["res.users"].call("context_get")))
        step("no name", lambda: partners.create({"email": "x@example.com", "ref": f"{tag}-x"}))
        step("write missing", lambda: partners.write([999_999_999], {"name": "x"}))
        step("unlink missing", lambda: partners.unlink([999_999_999]))
        step("unknown model", lambda: odoo["no.such.model"].search([]))
        step("unknown method", lambda: partners.call("no_such_method"))
        step("bad field", lambda: partners.search([["no_such_field", "=", 1]]))
        # everyday calls whose rules differ per version (docs/versions.md)
        step("count=True", lambda: partners.call("search", mine, count=True))
        step("search_count limit", lambda: partners.call("search_count", mine, limit=2))
        step("read unknown field", lambda: partners.read(made[:1], ["name", "no_such"]))
        step("check_access_rights", lambda: partners.call("check_access_rights", "read"))
        step("has_access", lambda: partners.call("has_access", made[:1], "read"))
        step("private method", lambda: partners.call("_private_thing"))
        step("empty name", lambda: made.append(partners.create({"name": "", "ref": f"{tag}-e"})))
        step("read empty name", lambda: partners.search_read([["ref", "=", f"{tag}-e"]], ["name"]))
        with BuiltinClient() as client:
            step("wrong password", lambda: sync.execute_kw(
                client, f"{url}/jsonrpc", db=database, uid=odoo.uid(), password="wrong",
                obj="res.partner", method="search", args=[mine],
            ))  # fmt: skip
    finally:
        left = partners.search(mine)
        if left:
            partners.unlink(left)
    step("after", lambda: partners.search_count(mine))
    return out


@pytest.fixture
def tag(odoo: OdooTarget) -> str:
    return odoo.unique("aiotest_parity")


def _transcripts(odoo: OdooTarget, tag: str, **auth: Any) -> tuple[Transcript, Transcript]:
    with OdooRPC(odoo.root, database=odoo.db, **auth) as real:
        on_real = scenario(real, odoo.root, odoo.db, tag, odoo.version)
    fake = FakeOdoo(
        f"{odoo.version}.0",
        database=odoo.db,
        login=odoo.login,
        password=odoo.password,
        api_key=odoo.api_key,
    )
    with fake, OdooRPC(fake.url, database=odoo.db, **auth) as double:
        on_fake = scenario(double, fake.url, odoo.db, tag, odoo.version)
    return on_real, on_fake


def test_the_fake_answers_as_the_real_server(odoo: OdooTarget, tag: str) -> None:
    on_real, on_fake = _transcripts(odoo, tag, login=odoo.login, password=odoo.password)
    assert dict(on_fake) == dict(on_real)
    assert ("no name", "ValidationError") in on_real  # the scenario reached its failures


def test_the_fake_answers_as_the_real_server_over_json2(odoo: OdooTarget, tag: str) -> None:
    api_key = odoo.need_api_key()
    on_real, on_fake = _transcripts(odoo, tag, api_key=api_key)
    assert dict(on_fake) == dict(on_real)
