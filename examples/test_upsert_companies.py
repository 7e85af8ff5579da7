"""How to test an Odoo integration without Odoo: the ``fake_odoo`` pytest fixture of
aio_odoorpc_base.testing (installed with the package) gives a fresh fake server per test."""

from __future__ import annotations

import pytest

from aio_odoorpc_base.errors import ValidationError
from aio_odoorpc_base.sync import OdooRPC
from aio_odoorpc_base.testing import FakeOdoo

from .upsert_companies import upsert_companies


def connect(fake: FakeOdoo) -> OdooRPC:
    return OdooRPC(fake.url, database=fake.database, login=fake.login, password=fake.password)


def test_creates_new_and_updates_known_companies(fake_odoo: FakeOdoo) -> None:
    [acme] = fake_odoo.add("res.partner", {"name": "ACME", "ref": "C1", "is_company": True})
    with connect(fake_odoo) as odoo:
        ids = upsert_companies(odoo, [
            {"ref": "C1", "name": "Acme Inc.", "email": "hi@acme.test"},
            {"ref": "C2", "name": "Globex"},
        ])  # fmt: skip
    assert ids["C1"] == acme
    companies = [p for p in fake_odoo.records("res.partner") if p.get("ref")]  # not the admin's
    assert [(p["ref"], p["name"], p["email"]) for p in companies] == [
        ("C1", "Acme Inc.", "hi@acme.test"),
        ("C2", "Globex", False),
    ]
    assert [r.method for r in fake_odoo.requests if r.model] == ["search_read", "write", "create"]


@pytest.mark.fake_odoo(version="11.0")
def test_a_refused_company_stops_the_run(fake_odoo: FakeOdoo) -> None:
    fake_odoo.fail("res.partner", "create", "ValidationError", "The VAT number is not valid",
                   when=lambda args, kwargs: args[0]["ref"] == "BAD")  # fmt: skip
    with connect(fake_odoo) as odoo, pytest.raises(ValidationError, match="VAT number"):
        upsert_companies(odoo, [{"ref": "OK", "name": "Fine"}, {"ref": "BAD", "name": "Bad"}])
    assert [p.get("ref") for p in fake_odoo.records("res.partner")] == [None, "OK"]  # admin, OK
