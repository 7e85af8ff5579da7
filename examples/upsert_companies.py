"""An integration to test: create or update companies in Odoo by their reference.

Its tests, examples/test_upsert_companies.py, run it against aio_odoorpc_base.testing's
fake Odoo: no Odoo server needed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aio_odoorpc_base.sync import OdooRPC


def upsert_companies(odoo: OdooRPC, companies: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Each company (``ref``, ``name``, maybe ``email``) written to the partner with that
    reference, or created; returns reference -> partner id."""
    partners = odoo["res.partner"]
    rows = list(companies)
    refs = [row["ref"] for row in rows]
    known = {p["ref"]: p["id"] for p in partners.search_read([["ref", "in", refs]], ["ref"])}
    for row in rows:
        vals = {"name": row["name"], "ref": row["ref"], "is_company": True,
                "email": row.get("email") or False}  # fmt: skip
        if row["ref"] in known:
            partners.write([known[row["ref"]]], vals)
        else:
            known[row["ref"]] = partners.create(vals)
    return known
