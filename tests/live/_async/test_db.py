"""The db service against a real Odoo server: the whole database life cycle."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ...support.live_server import OdooTarget

pytestmark = pytest.mark.anyio


# a dump takes Odoo seconds: two client kinds here, all of them on the recorded fakes
@pytest.mark.parametrize("async_http_client", ["builtin", "httpx"], indirect=True)
async def test_dump_through_client_kinds(odoo: OdooTarget, async_http_client: Any) -> None:
    """The large base64 reply, through the built-in client and httpx (restore:
    test_once.py)."""
    master = odoo.need_db_management()
    archive = await aio.dump_database(
        async_http_client, odoo.url, admin_password=master, db_name=odoo.db, format="zip"
    )
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        assert zipped.testzip() is None
        assert "dump.sql" in zipped.namelist()


async def test_database_listings(odoo: OdooTarget, async_http_client: Any) -> None:
    langs = dict(await aio.list_lang(async_http_client, odoo.url))
    assert langs["en_US"].startswith("English")
    countries = dict(
        await aio.list_countries(async_http_client, odoo.url, admin_password=odoo.need_master())
    )
    assert "Belgium" in countries.values()
    assert odoo.db in await aio.list_databases(async_http_client, odoo.url, document=True)


async def test_wrong_master_password(odoo: OdooTarget, async_http_client: Any) -> None:
    odoo.need_wrong_master_probe(web_routes=False)  # the db service has no default quirk
    url = odoo.url
    wrong = "not-the-master-password"
    with pytest.raises(errors.AccessDenied):
        await aio.list_countries(async_http_client, url, admin_password=wrong)
    with pytest.raises(errors.AccessDenied):
        await aio.drop_database(async_http_client, url, admin_password=wrong, db_name=odoo.db)
    with pytest.raises(errors.AccessDenied) as info:
        await aio.dump_database(async_http_client, url, admin_password=wrong, db_name=odoo.db)
    assert wrong not in str(info.value)
    assert wrong not in repr(info.value)


async def test_database_failures(odoo: OdooTarget, async_httpx_client: Any) -> None:
    async_http_client = async_httpx_client
    url = odoo.url
    master = odoo.need_db_management()
    with pytest.raises(errors.DatabaseExists):
        await aio.create_database(
            async_http_client,
            url,
            admin_password=master,
            db_name=odoo.db,
            demo=False,
            lang="en_US",
        )
    with pytest.raises(errors.DatabaseExists):
        await aio.duplicate_database(
            async_http_client,
            url,
            admin_password=master,
            db_original_name=odoo.db,
            db_name=odoo.db,
        )
    with pytest.raises(errors.DatabaseError):
        await aio.dump_database(
            async_http_client,
            url,
            admin_password=master,
            db_name=odoo.unique(),
            format="dump",
        )
    with pytest.raises(errors.DatabaseError):
        await aio.dump_database(
            async_http_client,
            url,
            admin_password=master,
            db_name=odoo.unique(),
            format="zip",
        )
    assert (
        await aio.drop_database(
            async_http_client,
            url,
            admin_password=master,
            db_name=odoo.unique(),
        )
        is False
    )
