"""FakeOdoo against the real servers, by generated cases: hypothesis builds domains (every
operator the fake knows and some it refuses, ``&``/``|``/``!`` nesting, values of each
field type with ``False``, ``None``, empty lists and LIKE wildcards), orders, limits,
offsets and contexts; each runs on the real Odoo and on a FakeOdoo of the same version over
the same seeded partners. The fake must give the real answer, or refuse with
``NotSupportedByFake``; a real error must be the same class on the fake.

``AIOTEST_FUZZ_EXAMPLES`` sets the number of cases per server (default 150; a long run on
demand: ``AIOTEST_FUZZ_EXAMPLES=5000 AIOTEST_FUZZ_RANDOM=1 pytest
tests/live/test_fake_differential.py``; without ``AIOTEST_FUZZ_RANDOM`` the cases are the
same every run). Every counterexample found becomes a case of ``REGRESSIONS`` below.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from aio_odoorpc_base import errors
from aio_odoorpc_base.sync import Model, OdooRPC
from aio_odoorpc_base.testing import FakeOdoo

from ..support.live_server import OdooTarget

EXAMPLES = int(os.environ.get("AIOTEST_FUZZ_EXAMPLES", "150"))
RANDOM = os.environ.get("AIOTEST_FUZZ_RANDOM") == "1"  # else the same cases every run

# the seeded partners: text with wildcards and case, unset values, archived records and
# links between them (parent: the index of another row; tags: indexes of TAGS)
TAGS = ["vip", "Lead", "old"]
ROWS: list[dict[str, Any]] = [
    {"name": "Acme", "email": "info@acme.example", "is_company": True, "tags": [0, 1]},
    {"name": "acme_b", "email": "b@acme.example", "is_company": True, "parent": 0, "tags": [1]},
    {"name": "Bob 100%", "email": False, "is_company": False, "parent": 0},
    {"name": "bob", "email": "BOB@x.example", "is_company": False, "tags": [2]},
    {"name": "Cé_line", "email": "celine@x.example", "parent": 1, "tags": [0, 2]},
    {"name": "Old", "email": False, "is_company": True, "active": False},
    {"name": "old_contact", "email": "old@x.example", "active": False, "parent": 5},
    {"name": "Z", "email": "z%@x.example", "is_company": False},
]
TEXTS = ["a", "A", "acme", "ACME", "bob", "b_b", "100%", "%", "_", "é", "x.example", "", "Z"]

# counterexamples found so far, kept as named cases: (name, domain, order, context)
REGRESSIONS: list[tuple[str, list[Any], str | None, dict[str, Any]]] = [
    ("like-wildcards", [["name", "like", "b_b"]], None, {}),
    ("like-percent-in-value", [["name", "like", "100%"]], None, {}),
    ("boolean-not-true", [["is_company", "!=", True]], None, {}),
    ("eq-question-unset", [["email", "=?", False]], None, {}),
    ("archived-in-list", [["active", "in", [True, False]]], None, {}),
    ("active-test-false", [], None, {"active_test": False}),
    ("not-ilike-unset", [["email", "not ilike", "acme"]], None, {}),
    ("parent-ids", [["parent_id", "in", [0, 1]]], None, {}),
    ("parent-unset", [["parent_id", "=", False]], None, {}),
    ("complete-name-order", [["is_company", "!=", True]], None, {}),
    ("not-eq-maybe", ["!", ["parent_id", "=?", 0]], None, {}),
    ("boolean-desc-order", [], "is_company desc, name, id", {}),
    ("null-emails-last", [], "email, id", {"active_test": False}),
    ("boolean-eq-none", [["is_company", "=", None]], None, {}),
    ("like-unset", [["name", "like", False]], None, {}),
    ("not-like-empty", [["email", "not ilike", ""]], None, {}),
    ("eq-like-unset", [["email", "=like", None]], None, {}),
    ("not-in-none", [["name", "not in", [None]]], None, {}),
    ("not-boolean-eq-maybe", ["!", ["is_company", "=?", True]], None, {}),
    ("not-less-than-unset", ["!", ["name", "<", False]], None, {}),
    ("less-or-equal-unset", [["email", "<=", None]], None, {}),
    ("not-eq-like-unset", ["!", ["name", "=like", False]], None, {}),
    ("not-eq-like-empty", ["!", ["email", "=ilike", ""]], None, {}),
    ("boolean-in-none", [["is_company", "in", [None]]], None, {}),
    ("less-than-text", [["email", "<", "a"]], None, {}),
    ("not-eq-like-text", ["!", ["email", "=like", "a"]], None, {}),
    ("eq-empty-text", [["email", "=", ""]], None, {}),
    ("not-in-empty-text", [["email", "not in", ["", "x"]]], None, {}),
    ("tags-in", [["category_id", "in", [0]]], None, {}),
    ("tags-not-in", [["category_id", "not in", [2]]], None, {}),
    ("tags-unset", [["category_id", "=", False]], None, {}),
    ("tags-none", [["category_id", "=", None]], None, {}),
    ("not-eq-empty-text", [["email", "!=", ""]], None, {}),
    ("empty-and-unset", ["&", ["email", "=", ""], ["email", "=", False]], None, {}),
    ("false-and-none", ["&", ["email", "=", False], ["email", "in", [None]]], None, {}),
    ("eq-none-and-in-none", ["&", ["email", "=", None], ["email", "in", [None]]], None, {}),
]


@dataclass
class Side:
    """One server (real or fake) with the seeded partners; ids by row index."""

    partners: Model
    ids: list[int]
    tag: str
    tags: list[int]

    def run(self, domain: list[Any], order: str | None, limit: int | None, offset: int,
            context: dict[str, Any]) -> Any:  # fmt: skip
        scoped = [["ref", "=like", f"{self.tag}-%"], *domain] if domain else [
            ["ref", "=like", f"{self.tag}-%"]
        ]  # fmt: skip
        try:
            found = self.partners.search(
                scoped, order=order, limit=limit, offset=offset, context=context
            )
            count = self.partners.search_count(scoped, context=context)
        except errors.OdooError as exc:
            return type(exc).__name__
        return [self.ids.index(i) if i in self.ids else f"other:{i}" for i in found], count


def _seed(odoo: OdooRPC, tag: str) -> Side:
    partners = odoo["res.partner"]
    tags = [odoo["res.partner.category"].create({"name": f"{tag}-{t}"}) for t in TAGS]
    ids: list[int] = []
    for n, row in enumerate(ROWS):
        vals = {k: v for k, v in row.items() if k not in ("parent", "tags")}
        if "parent" in row:
            vals["parent_id"] = ids[row["parent"]]
        if "tags" in row:
            vals["category_id"] = [(6, 0, [tags[t] for t in row["tags"]])]
        ids.append(partners.create({**vals, "ref": f"{tag}-{n}"}))
    return Side(partners, ids, tag, tags)


@pytest.fixture
def sides(odoo: OdooTarget) -> Iterator[tuple[Side, Side]]:
    tag = odoo.unique("aiotest_fuzz")
    fake = FakeOdoo(f"{odoo.version}.0", database=odoo.db, login=odoo.login,
                    password=odoo.password)  # fmt: skip
    with OdooRPC(odoo.root, database=odoo.db, login=odoo.login, password=odoo.password) as real, \
            fake, OdooRPC(fake.url, database=odoo.db, login=odoo.login,
                          password=odoo.password) as double:  # fmt: skip
        real_partners, real_tags = real["res.partner"], real["res.partner.category"]
        try:
            yield _seed(real, tag), _seed(double, tag)
        finally:
            mine = real_partners.search(
                [["ref", "=like", f"{tag}-%"]], context={"active_test": False}
            )
            if mine:
                real_partners.unlink(sorted(mine, reverse=True))
            if left := real_tags.search([["name", "=like", f"{tag}-%"]]):
                real_tags.unlink(left)


def _map_ids(value: Any, ids: list[int]) -> Any:
    """Row indexes in a value (``parent_id`` conditions) to that side's ids."""
    if isinstance(value, list):
        return [_map_ids(v, ids) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(ids):
        return ids[value]
    return value


def _on(side: Side, domain: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in domain:
        if isinstance(item, list) and item[0] in ("parent_id", "id"):
            out.append([item[0], item[1], _map_ids(item[2], side.ids)])
        elif isinstance(item, list) and item[0] == "category_id":
            out.append([item[0], item[1], _map_ids(item[2], side.tags)])
        else:
            out.append(item)
    return out


def check(real: Side, fake: Side, domain: list[Any], order: str | None = None,
          limit: int | None = None, offset: int = 0,
          context: dict[str, Any] | None = None) -> None:  # fmt: skip
    context = context or {}
    on_real = real.run(_on(real, domain), order, limit, offset, context)
    on_fake = fake.run(_on(fake, domain), order, limit, offset, context)
    if on_fake == "NotSupportedByFake":
        return  # a refusal, never a different answer
    assert on_fake == on_real, (domain, order, limit, offset, context)


# --- the strategies ----------------------------------------------------------------------

TEXT = st.sampled_from(TEXTS)
TEXT_OPS = ["=", "!=", "like", "not like", "ilike", "not ilike", "=like", "=ilike", "=?",
            "<", ">", "<=", ">="]  # fmt: skip
UNSET = st.sampled_from([False, None])


def _leaf(field: str, ops: list[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``[field, op, value]`` for one of ``ops`` and a value drawn from ``values``."""
    return st.builds(lambda op, v: [field, op, v], st.sampled_from(ops), values)


def _text_leaf(field: str) -> st.SearchStrategy[list[Any]]:
    return st.one_of(
        _leaf(field, TEXT_OPS, st.one_of(TEXT, UNSET)),
        _leaf(field, ["in", "not in"], st.lists(st.one_of(TEXT, UNSET), max_size=3)),
    )


def _bool_leaf(field: str) -> st.SearchStrategy[list[Any]]:
    value = st.sampled_from([True, False, None])
    return st.one_of(
        _leaf(field, ["=", "!=", "=?"], value),
        _leaf(field, ["in", "not in"], st.lists(value, max_size=2)),
    )


def _id_leaf(field: str) -> st.SearchStrategy[list[Any]]:
    index = st.integers(0, len(ROWS) - 1)
    return st.one_of(
        _leaf(field, ["=", "!=", "=?"], st.one_of(index, UNSET)),
        _leaf(field, ["in", "not in"], st.lists(index, max_size=3)),
        _leaf(field, ["child_of", "parent_of"], index),
    )


def _tags_leaf(field: str) -> st.SearchStrategy[list[Any]]:
    index = st.integers(0, len(TAGS) - 1)
    return st.one_of(
        _leaf(field, ["=", "!="], st.one_of(index, UNSET)),
        _leaf(field, ["in", "not in"], st.lists(index, max_size=2)),
        _leaf(field, ["ilike", "="], st.sampled_from(TAGS)),  # by name: refused
    )


LEAF = st.one_of(
    _tags_leaf("category_id"),
    _text_leaf("name"),
    _text_leaf("email"),
    _bool_leaf("is_company"),
    _bool_leaf("active"),
    _id_leaf("parent_id"),
    _leaf("parent_id.name", ["=", "ilike"], TEXT),
)


def _tree(leaves: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[list[Any]]:
    """A domain in prefix form: a leaf, or ``&``/``|`` of two, or ``!`` of one."""
    return st.recursive(
        leaves.map(lambda leaf: [leaf]),
        lambda inner: st.one_of(
            st.builds(lambda op, a, b: [op, *a, *b], st.sampled_from(["&", "|"]), inner, inner),
            inner.map(lambda a: ["!", *a]),
        ),
        max_leaves=4,
    )


DOMAIN = st.one_of(st.just([]), _tree(LEAF))
# total orders: Odoo leaves the order of ties to PostgreSQL (the fake breaks them by id)
ORDER = st.sampled_from([
    None, "id", "id desc", "name, id", "name desc, id", "email, id", "email desc, id desc",
    "is_company desc, name, id", "parent_id",
])  # fmt: skip
CONTEXT = st.sampled_from([{}, {"active_test": False}, {"active_test": True}])


@pytest.mark.parametrize(("name", "domain", "order", "context"), REGRESSIONS)
def test_regression(sides: tuple[Side, Side], name: str, domain: list[Any], order: str | None,
                    context: dict[str, Any]) -> None:  # fmt: skip
    check(*sides, domain, order, context=context)


def test_generated_cases(sides: tuple[Side, Side]) -> None:
    real, fake = sides

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(DOMAIN, ORDER, st.sampled_from([None, 1, 3]), st.sampled_from([0, 0, 2]), CONTEXT)
    def case(domain: list[Any], order: str | None, limit: int | None, offset: int,
             context: dict[str, Any]) -> None:  # fmt: skip
        check(real, fake, domain, order, limit, offset, context)

    case()


# --- x2many writes: the command tuples, on res.partner.category_id -----------------------


def _x2many_transcript(odoo: OdooRPC, tag: str) -> list[tuple[str, Any]]:
    """Each step's answer, categories shown by name (ids differ between servers)."""
    tags, partners = odoo["res.partner.category"], odoo["res.partner"]
    names: dict[int, str] = {}
    out: list[tuple[str, Any]] = []
    made: list[int] = []

    def shown() -> Any:
        ids = partners.read(made[:1], ["category_id"])[0]["category_id"]
        known = {r["id"]: r["name"] for r in tags.read(ids, ["name"])} if ids else {}
        return [known.get(i, names.get(i, "?")) for i in ids]

    def step(label: str, run: Any) -> None:
        try:
            run()
            out.append((label, shown()))
        except errors.OdooError as exc:
            out.append((label, type(exc).__name__))

    cat = {n: tags.create({"name": f"{tag}-{n}"}) for n in ("b", "a", "z")}
    try:
        made.append(partners.create({"name": f"{tag} P", "ref": f"{tag}-p",
                                     "category_id": [(6, 0, [cat["b"], cat["a"]])]}))  # fmt: skip
        out.append(("create (6)", shown()))
        write = partners.write
        step("(4) link", lambda: write(made[:1], {"category_id": [(4, cat["z"])]}))
        step("(3) unlink", lambda: write(made[:1], {"category_id": [(3, cat["a"])]}))
        step("(0) create", lambda: write(made[:1], {"category_id": [(0, 0, {"name": f"{tag}-c"})]}))
        step("(1) update", lambda: write(made[:1], {"category_id": [
            (1, cat["b"], {"name": f"{tag}-y"})]}))  # fmt: skip
        step("(2) delete", lambda: write(made[:1], {"category_id": [(2, cat["z"])]}))
        out.append(("deleted", tags.search([["id", "=", cat["z"]]])))
        step("(5) clear", lambda: write(made[:1], {"category_id": [(5,)]}))
        step("(6) set", lambda: write(made[:1], {"category_id": [(6, 0, [cat["a"], cat["b"]])]}))
        step("ids list", lambda: write(made[:1], {"category_id": [cat["b"]]}))
        step("archived tag", lambda: tags.write([cat["a"]], {"active": False}))
        scope = [["ref", "=", f"{tag}-p"]]
        out.append(("in", len(partners.search([*scope, ["category_id", "in", [cat["b"]]]]))))
        out.append(
            ("not in", len(partners.search([*scope, ["category_id", "not in", [cat["b"]]]])))
        )
        out.append(("= False", len(partners.search([*scope, ["category_id", "=", False]]))))
    finally:
        if made:
            partners.unlink(made)
        left = tags.search([["name", "=like", f"{tag}-%"]], context={"active_test": False})
        if left:
            tags.unlink(left)
    return out


def test_x2many_commands(odoo: OdooTarget) -> None:
    tag = odoo.unique("aiotest_x2m")
    login, password = odoo.login, odoo.password
    with OdooRPC(odoo.root, database=odoo.db, login=login, password=password) as real:
        on_real = _x2many_transcript(real, tag)
    fake = FakeOdoo(f"{odoo.version}.0", database=odoo.db, login=login, password=password)
    with fake, OdooRPC(fake.url, database=odoo.db, login=login, password=password) as double:
        on_fake = _x2many_transcript(double, tag)
    assert len(on_fake) == len(on_real)
    for (label, mine), (_, theirs) in zip(on_fake, on_real, strict=True):
        assert mine in (theirs, "NotSupportedByFake"), (label, mine, theirs)
