"""What the contract tests share about the recorded servers: the API key of the
recorded Odoo 19, the reply headers and an HTML 404, and clients made for them."""

from __future__ import annotations

from typing import Any

from aio_odoorpc_base import aio

from ...support.recorded_odoo import Raw, RecordedOdoo

KEY = "697af3a740bbbb16a574ba89e38fd6b1b0c8d35e"  # the recorded Odoo 19's API key
JSON = [("Content-Type", "application/json")]
HTML = [("Content-Type", "text/html; charset=utf-8")]
NOT_FOUND = Raw(404, b"<html><p>Not Found</p></html>", HTML)


def json2(http_client: Any, fake: RecordedOdoo, **kw: Any) -> aio.AsyncOdooRPC:
    """A client of the recorded Odoo 19 by its API key."""
    return aio.AsyncOdooRPC(
        fake.base_url, database="cap_main", api_key=KEY, http_client=http_client, **kw
    )


def jsonrpc(http_client: Any, fake: RecordedOdoo, **kw: Any) -> aio.AsyncOdooRPC:
    """A client of a recorded server over /jsonrpc, as the admin (uid 1 unless given)."""
    kw.setdefault("uid", 1)
    return aio.AsyncOdooRPC(
        fake.url, database="cap_main", password="admin", http_client=http_client, **kw
    )
