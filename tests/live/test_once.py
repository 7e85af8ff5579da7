"""What runs once per server because it is slow and the HTTP client kind does not change
it: creating databases (db service and /web/database), migrating, the whole db-service life
cycle and changing the master password. Hand-written (no sync twin): the sync and async
transports are covered by the other live tests."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ..support.live_server import OdooTarget, cookies_of, drop_quietly

pytestmark = pytest.mark.anyio


async def test_database_lifecycle(odoo: OdooTarget, async_httpx_client: Any) -> None:
    """Duplicate, rename, dump in both formats, restore both, drop: once per flavour."""
    master = odoo.need_db_management()
    async_http_client = async_httpx_client
    url = odoo.url
    copy, renamed = odoo.unique(), odoo.unique()
    restored_zip, restored_dump = odoo.unique(), odoo.unique()
    try:
        assert await aio.duplicate_database(
            async_http_client,
            url,
            admin_password=master,
            db_original_name=odoo.db,
            db_name=copy,
        )
        assert await aio.db_exist(async_http_client, url, db_name=copy) is True
        assert copy in await aio.list_databases(async_http_client, url)
        assert await aio.rename_database(
            async_http_client,
            url,
            admin_password=master,
            old_name=copy,
            new_name=renamed,
        )
        assert await aio.db_exist(async_http_client, url, db_name=copy) is False

        archive = await aio.dump_database(
            async_http_client, url, admin_password=master, db_name=renamed, format="zip"
        )
        members = zipfile.ZipFile(io.BytesIO(archive)).namelist()
        assert "dump.sql" in members
        assert "manifest.json" in members
        pg_dump = await aio.dump_database(
            async_http_client,
            url,
            admin_password=master,
            db_name=renamed,
            format="dump",
        )
        assert pg_dump.startswith(b"PGDMP")

        assert await aio.restore_database(
            async_http_client,
            url,
            admin_password=master,
            db_name=restored_zip,
            data=archive,
            copy=True,
        )
        assert await aio.restore_database(
            async_http_client,
            url,
            admin_password=master,
            db_name=restored_dump,
            data=pg_dump,
        )
        names = await aio.list_databases(async_http_client, url)
        assert {renamed, restored_zip, restored_dump} <= set(names)
        assert (
            await aio.login(
                async_http_client,
                url,
                db=restored_dump,
                login=odoo.login,
                password=odoo.password,
            )
            == odoo.uid
        )

        for name in (renamed, restored_zip, restored_dump):
            assert (
                await aio.drop_database(async_http_client, url, admin_password=master, db_name=name)
                is True
            )
        assert (
            await aio.drop_database(async_http_client, url, admin_password=master, db_name=renamed)
            is False
        )
    finally:
        drop_quietly(odoo, copy, renamed, restored_zip, restored_dump)


async def test_create_migrate_and_master_password(
    odoo: OdooTarget, async_httpx_client: Any
) -> None:
    """The slow calls (create about 30 s, migrate about 25 s), once per flavour."""
    master = odoo.need_db_management()
    client, url = async_httpx_client, odoo.url
    name = odoo.unique()
    try:
        assert await aio.create_database(
            client,
            url,
            admin_password=master,
            db_name=name,
            demo=False,
            lang="en_US",
            user_password="pw-created",
            login="boss@example.com",
            country_code="BE",
            timeout=300,
        )
        assert await aio.db_exist(client, url, db_name=name)
        uid = await aio.login(client, url, db=name, login="boss@example.com", password="pw-created")
        assert isinstance(uid, int)
        assert uid
        company = await aio.execute_kw(
            client,
            url,
            db=name,
            uid=uid,
            password="pw-created",
            obj="res.company",
            method="search_read",
            args=[[]],
            kwargs={"fields": ["country_id"]},
        )
        assert company[0]["country_id"][1] == "Belgium"
        assert await aio.migrate_databases(
            client, url, admin_password=master, databases=[name], timeout=300
        )

        new = "pw-" + odoo.unique()
        assert await aio.change_admin_password(client, url, admin_password=master, new_password=new)
        try:
            with pytest.raises(errors.AccessDenied):
                await aio.list_countries(client, url, admin_password=master)
            assert await aio.list_countries(client, url, admin_password=new)
        finally:
            assert await aio.change_admin_password(
                client, url, admin_password=new, new_password=master
            )
        assert await aio.list_countries(client, url, admin_password=master)
    finally:
        drop_quietly(odoo, name)


async def test_create_logs_nobody_into_the_client(
    async_httpx_client: Any, odoo: OdooTarget
) -> None:
    """Odoo 11's create answers with a redirect to /web/ and a session cookie for the new
    database; the client must come out of it without that cookie."""
    master = odoo.need_db_management()
    name = odoo.unique()
    before = cookies_of(async_httpx_client)
    try:
        await aio.web_create_database(
            async_httpx_client,
            odoo.url,
            master_pwd=master,
            name=name,
            login="boss",
            password="boss-password",
            lang="en_US",
            country_code="BE",
            timeout=300,
        )
        assert cookies_of(async_httpx_client) == before
        uid = await aio.login(
            async_httpx_client, odoo.url, db=name, login="boss", password="boss-password"
        )
        assert isinstance(uid, int)
        with pytest.raises(errors.DatabaseExists):
            await aio.web_create_database(
                async_httpx_client,
                odoo.url,
                master_pwd=master,
                name=name,
                login="boss",
                password="boss-password",
            )
    finally:
        await aio.web_drop_database(async_httpx_client, odoo.url, master_pwd=master, name=name)
