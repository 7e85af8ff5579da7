"""Hints the /web/database errors carry when the server fails with HTTP 500."""

from __future__ import annotations

import pytest

from aio_odoorpc_base import errors
from aio_odoorpc_base._protocol.base import Reply
from aio_odoorpc_base._protocol.webdb import form_request, judge


def test_a_500_after_a_database_change_says_it_may_be_done() -> None:
    fields = {"master_pwd": "secret-master", "name": "prod", "new_name": "copy"}
    request = form_request("http://odoo.test", "duplicate", fields, ("master_pwd",))
    reply = Reply(500, "text/html", b"<h1>Internal Server Error</h1>")
    with pytest.raises(errors.HTTPStatusError, match="may have completed") as info:
        judge(request, reply)
    assert "secret-master" not in str(info.value)


def test_a_500_on_a_listing_has_no_such_hint() -> None:
    request = form_request("http://odoo.test", "change_password", {"master_pwd": "m"}, ())
    with pytest.raises(errors.HTTPStatusError) as info:
        judge(request, Reply(500, "text/html", b"boom"))
    assert "may have completed" not in str(info.value)
