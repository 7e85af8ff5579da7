"""The guards that keep the live suite harmless on other people's servers, checked on the
suite's own servers: the default-master-password quirk is detected, and a leftover test
database is recognised and only such names are."""

from __future__ import annotations

import pytest

from aio_odoorpc_base import sync

from ..support.live_server import TEMP_DB, OdooTarget, manager_page_says_unprotected, plain_poster


def test_default_master_password_is_detected(odoo: OdooTarget) -> None:
    if not odoo.owned:
        pytest.skip("changes the master password: only on the suite's own servers")
    master = odoo.need_master()
    was_default = master == "admin"
    assert odoo.master_is_default is was_default
    other = "admin" if not was_default else "aiotest-other"
    sync.change_admin_password(plain_poster, odoo.url, admin_password=master, new_password=other)
    try:
        assert manager_page_says_unprotected(odoo.root) is (other == "admin")
    finally:
        sync.change_admin_password(
            plain_poster, odoo.url, admin_password=other, new_password=master
        )
    assert manager_page_says_unprotected(odoo.root) is was_default


def test_only_test_databases_count_as_leftovers(odoo: OdooTarget) -> None:
    assert TEMP_DB.match(odoo.unique())
    assert not TEMP_DB.match(odoo.db)
    for name in ("aiotest_tmp_", "aiotest_tmp_ABCDEF0123", "prod_aiotest_tmp_0123456789"):
        assert not TEMP_DB.match(name)
