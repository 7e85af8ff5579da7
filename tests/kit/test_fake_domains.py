"""FakeOdoo's domains per version, offline: each expectation below is what the real Odoo
of that version answered (tests/live/test_fake_differential.py checks them against the
real servers on every run; these keep the rules in view without one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from aio_odoorpc_base.errors import MethodNotFound, NotSupportedByFake
from aio_odoorpc_base.sync import Model, OdooRPC
from aio_odoorpc_base.testing import FakeOdoo

VERSIONS = ["11.0", "17.0", "18.0", "19.0"]


@pytest.fixture(params=VERSIONS)
def partners(request: pytest.FixtureRequest) -> Iterator[tuple[int, Model, dict[str, int]]]:
    with FakeOdoo(request.param) as fake, OdooRPC(fake.url, database="fake", login="admin",
                                                  password="admin") as odoo:  # fmt: skip
        model = odoo["res.partner"]
        ids = {
            "A": model.create({"name": "Acme 100%", "email": "a@x", "is_company": True}),
            "B": model.create({"name": "bob_b", "is_company": False}),
        }
        ids["C"] = model.create({"name": "Carl", "parent_id": ids["A"], "email": "c@x"})
        yield int(request.param.split(".")[0]), model, ids


def _names(model: Model, ids: dict[str, int], domain: list[Any]) -> str:
    found = set(model.search(domain))
    return "".join(k for k, v in sorted(ids.items()) if v in found)


# domain -> the answer per version (11, 17, 18, 19)
CASES: list[tuple[list[Any], tuple[str, str, str, str]]] = [
    ([["name", "like", "100%"]], ("A", "A", "A", "A")),  # % is a wildcard
    ([["name", "like", "b_b"]], ("B", "B", "B", "B")),  # _ is a wildcard
    ([["email", "!=", "a@x"]], ("C", "BC", "BC", "BC")),  # NULL rows from 12
    ([["email", "not ilike", ""]], ("B", "B", "", "")),
    ([["email", "ilike", ""]], ("ABC", "ABC", "ABC", "ABC")),
    ([["email", "=like", False]], ("", "", "B", "B")),
    (["!", ["email", "=like", False]], ("", "", "", "AC")),
    (["!", ["email", "=?", "a@x"]], ("C", "C", "BC", "BC")),
    ([["email", "<=", False]], ("", "", "", "B")),
    ([["email", "<", "b"]], ("A", "A", "A", "AB")),
    ([["is_company", "in", [True, False]]], ("A", "ABC", "ABC", "ABC")),
    ([["is_company", "in", [None]]], ("BC", "", "BC", "BC")),
    ([["is_company", "=", None]], ("", "", "", "BC")),
    ([["is_company", "!=", True]], ("BC", "BC", "BC", "BC")),
    ([["parent_id", "=?", False]], ("ABC", "ABC", "ABC", "ABC")),
    ([["email", "=", ""]], ("", "", "B", "B")),  # 18+: "" is "no value"
    ([["email", "!=", ""]], ("AC", "AC", "AC", "AC")),  # no NULL rows for a false value
]


@pytest.mark.parametrize(("domain", "answers"), CASES, ids=[str(c[0]) for c in CASES])
def test_the_answer_of_each_version(
    partners: tuple[int, Model, dict[str, int]], domain: list[Any], answers: tuple[str, ...]
) -> None:
    major, model, ids = partners
    assert _names(model, ids, domain) == answers[VERSIONS.index(f"{major}.0")]


REFUSED = [
    [["parent_id", "ilike", "acme"]],
    [["parent_id.name", "=", "Acme"]],
    [["id", "child_of", 1]],
    [["id", "parent_of", 1]],
    [["display_name", "=", "Acme"]],
]


@pytest.mark.parametrize("domain", REFUSED, ids=[str(d) for d in REFUSED])
def test_what_the_fake_does_not_model_is_refused(
    partners: tuple[int, Model, dict[str, int]], domain: list[Any]
) -> None:
    _, model, _ = partners
    with pytest.raises(NotSupportedByFake, match="FakeOdoo .* does not model"):
        model.search(domain)
    with pytest.raises(NotSupportedByFake, match="ordering by the relational field"):
        model.search([], order="parent_id")


def test_active_test_and_the_display_name_order(
    partners: tuple[int, Model, dict[str, int]],
) -> None:
    major, model, ids = partners
    gone = model.create({"name": "Zed", "active": False})
    assert gone not in model.search([])
    assert gone in model.search([], context={"active_test": False})
    # "Acme 100%, Carl" sorts before "bob_b" (code points), by display name
    assert model.search([["id", "in", list(ids.values())]]) == [ids["A"], ids["C"], ids["B"]]
    assert model.read([ids["C"]], ["display_name"])[0]["display_name"] == "Acme 100%, Carl"


def test_19_refuses_two_kinds_of_no_value_on_one_field() -> None:
    with FakeOdoo("19.0") as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        partners = odoo["res.partner"]
        with pytest.raises(NotSupportedByFake, match="False and None together on 'email'"):
            partners.search(["&", ["email", "=", False], ["email", "in", [None]]])
        admin = odoo["res.users"].read([fake.uid], ["partner_id"])[0]["partner_id"][0]
        assert partners.search(["|", ["email", "=", False], ["email", "=", "x"]]) == [admin]


def test_json2_refusal_is_the_same_class() -> None:
    with FakeOdoo("19.0") as fake, OdooRPC(fake.url, database=fake.database,
                                            api_key=fake.api_key) as odoo:  # fmt: skip
        with pytest.raises(NotSupportedByFake) as info:
            odoo["res.partner"].search([["id", "child_of", 1]])
        assert info.value.code == 501


@pytest.mark.parametrize("version", VERSIONS)
def test_many2many_commands(version: str) -> None:
    """The command tuples on res.partner.category_id, with the answers of the real
    servers (tests/live/test_fake_differential.py::test_x2many_commands)."""
    major = int(version.split(".")[0])
    with FakeOdoo(version) as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        tags, partners = odoo["res.partner.category"], odoo["res.partner"]
        b, a, z = (tags.create({"name": n}) for n in ("b", "a", "z"))

        def names(pid: int) -> list[str]:
            ids = partners.read([pid], ["category_id"])[0]["category_id"]
            return [r["name"] for r in tags.read(ids, ["name"])]

        p = partners.create({"name": "P", "category_id": [(6, 0, [b, a])]})
        assert names(p) == (["b", "a"] if major < 12 else ["a", "b"])  # 11: creation order
        partners.write([p], {"category_id": [(4, z), (3, a), (0, 0, {"name": "c"})]})
        assert sorted(names(p)) == ["b", "c", "z"]
        partners.write([p], {"category_id": [(1, b, {"name": "y"}), (2, z)]})
        assert sorted(names(p)) == ["c", "y"]
        assert not tags.search([["id", "=", z]])
        partners.write([p], {"category_id": [(5,)]})
        assert names(p) == []
        partners.write([p], {"category_id": [a]})  # a bare list: 11 ignores it, 17+ set
        assert names(p) == ([] if major < 12 else ["a"])
        tags.write([a], {"active": False})
        assert names(p) == []  # archived tags are not read
        with pytest.raises(NotSupportedByFake, match="not there"):
            partners.write([p], {"category_id": [(4, 999)]})
        with pytest.raises(NotSupportedByFake, match="several records"):
            partners.write([p, partners.create({"name": "Q"})],
                           {"category_id": [(0, 0, {"name": "d"})]})  # fmt: skip


@pytest.mark.parametrize("version", ["11.0", "19.0"])
def test_orm_methods_the_fake_does_not_model_are_refused(version: str) -> None:
    with FakeOdoo(version) as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        partners = odoo["res.partner"]
        with pytest.raises(NotSupportedByFake, match="the method res.partner.name_create"):
            partners.call("name_create", "Acme")
        with pytest.raises(MethodNotFound):  # not an ORM method: as Odoo says
            partners.call("no_such_method")
