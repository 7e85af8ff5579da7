"""FakeOdoo's standard models come from the real servers' captures (tests/live/
test_fake_models.py compares them with the running servers): their fields, defaults,
computed and related fields, required columns and what the fake refuses."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from aio_odoorpc_base.errors import NotSupportedByFake, ServerError, ValidationError
from aio_odoorpc_base.sync import OdooRPC
from aio_odoorpc_base.testing import FakeOdoo
from aio_odoorpc_base.testing._models import captured_major, standard_models


@pytest.fixture(params=["11.0", "17.0", "18.0", "19.0"])
def odoo(request: pytest.FixtureRequest) -> Iterator[OdooRPC]:
    with (
        FakeOdoo(request.param) as fake,
        OdooRPC(
            fake.url, database=fake.database, login=fake.login, password=fake.password
        ) as client,
    ):
        yield client


def test_fields_are_the_captured_ones() -> None:
    with FakeOdoo("19.0") as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        fields = odoo["res.partner"].fields_get()
        assert fields == standard_models(19)["res.partner"]["fields_get"]
        assert fields["comment"]["type"] == "html"  # text before 19
        assert odoo["res.partner"].fields_get(allfields=["name"], attributes=["type"]) == {
            "name": {"type": "char"}
        }
        assert odoo["res.country"].fields_get(attributes=[])["name"] == {}  # none, from 17
    with FakeOdoo("11.0") as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        assert odoo["res.partner"].fields_get(attributes=["type"])["comment"] == {"type": "text"}
        assert odoo["res.country"].fields_get(attributes=[])["name"]["type"] == "char"  # all


def test_versions_without_a_capture_take_the_nearest() -> None:
    assert [captured_major(m) for m in (11, 12, 14, 15, 16, 17, 18, 19, 20)] == [
        11, 11, 11, 17, 17, 17, 18, 19, 19,
    ]  # fmt: skip


def test_computed_related_and_magic_fields(odoo: OdooRPC) -> None:
    partners = odoo["res.partner"]
    company = partners.create({"name": "Co", "is_company": True})
    person = partners.create({"name": "Ann", "parent_id": company})
    [row] = partners.read(
        [person],
        ["display_name", "commercial_partner_id", "company_type", "type", "color",
         "create_uid", "create_date", "write_date"],
    )  # fmt: skip
    assert row["display_name"] == "Co, Ann"
    assert row["commercial_partner_id"] == [company, "Co"]
    assert (row["company_type"], row["type"], row["color"]) == ("person", "contact", 0)
    assert row["create_uid"][0] == odoo.uid()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["create_date"])
    assert partners.read([company], ["child_ids"])[0]["child_ids"] == [person]
    # the admin's name lives on their contact, as in Odoo
    [me] = odoo["res.users"].read([odoo.uid()], ["name", "partner_id"])
    assert me["name"] == "Administrator"
    assert partners.read([me["partner_id"][0]], ["name"])[0]["name"] == "Administrator"
    odoo["res.users"].write([odoo.uid()], {"name": "Boss"})
    assert partners.read([me["partner_id"][0]], ["name"])[0]["name"] == "Boss"


def test_what_the_fake_refuses(odoo: OdooRPC) -> None:
    partners = odoo["res.partner"]
    rid = partners.create({"name": "X"})
    with pytest.raises(NotSupportedByFake, match="email_formatted"):
        partners.read([rid], ["email_formatted"])
    with pytest.raises(NotSupportedByFake, match="fields="):
        partners.read([rid])
    with pytest.raises(NotSupportedByFake, match="contact_address"):
        partners.search([["contact_address", "ilike", "x"]])
    with pytest.raises(NotSupportedByFake, match="company_type"):
        partners.write([rid], {"company_type": "company"})
    with pytest.raises(NotSupportedByFake, match="create_date"):
        partners.write([rid], {"create_date": "2024-01-01 00:00:00"})
    with pytest.raises(NotSupportedByFake, match="converts"):
        partners.write([rid], {"email": 5})
    with pytest.raises(NotSupportedByFake, match="res.country record 77"):
        partners.write([rid], {"country_id": 77})
    with pytest.raises(NotSupportedByFake, match="res.partner and more"):
        odoo["res.users"].create({"login": "new", "name": "New"})


def test_errors_as_the_server_words_them(odoo: OdooRPC) -> None:
    with pytest.raises(ServerError, match=r"Wrong value for res.partner.type: 'bogus'"):
        odoo["res.partner"].create({"name": "x", "type": "bogus"})
    with pytest.raises(ValidationError, match=r"res\.country") as info:
        odoo["res.country"].create({"code": "qx"})
    assert "Country" in info.value.message
    assert odoo["res.partner.category"].create({"name": ""})  # a NOT NULL check: "" passes
    # res.partner's name check is for contacts only
    assert odoo["res.partner"].create({"type": "invoice"})
    with pytest.raises(ValidationError, match="Contacts require a name"):
        odoo["res.partner"].create({"type": "contact"})


def test_business_rules_of_the_standard_models(odoo: OdooRPC) -> None:
    countries, partners, tags = (
        odoo["res.country"],
        odoo["res.partner"],
        odoo["res.partner.category"],
    )
    land = countries.create({"name": "Land", "code": "qx"})
    assert countries.read([land], ["code"])[0]["code"] == "QX"  # Odoo upper-cases it
    with pytest.raises(NotSupportedByFake, match="unique"):
        countries.create({"name": "Other", "code": "QX"})
    top = tags.create({"name": "top"})
    sub = tags.create({"name": "sub", "parent_id": top})
    with pytest.raises(NotSupportedByFake, match="recursive"):
        tags.write([top], {"parent_id": sub})
    company = partners.create({"name": "Co", "is_company": True, "city": "Paris"})
    with pytest.raises(NotSupportedByFake, match="copies them"):
        partners.create({"name": "Ann", "parent_id": company})
    plain = partners.create({"name": "Co2", "is_company": True})
    ann = partners.create({"name": "Ann", "parent_id": plain})
    with pytest.raises(NotSupportedByFake, match="syncs them"):
        partners.write([plain], {"city": "Lyon"})
    with pytest.raises(NotSupportedByFake, match="scheme"):
        partners.write([ann], {"website": "example.com"})
    [me] = odoo["res.users"].read([odoo.uid()], ["partner_id"])
    with pytest.raises(NotSupportedByFake, match="user"):
        partners.write([me["partner_id"][0]], {"active": False})


def test_a_tag_color_is_random_from_17() -> None:
    with FakeOdoo("17.0") as fake, OdooRPC(fake.url, database="fake", login="admin",
                                            password="admin") as odoo:  # fmt: skip
        tags = odoo["res.partner.category"]
        ids = [tags.create({"name": f"t{n}"}) for n in range(30)]
        colors = {r["color"] for r in tags.read(ids, ["color"])}
        assert colors <= set(range(1, 12))
        assert len(colors) > 1
