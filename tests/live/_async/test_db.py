"""The db service against a real Odoo server: the whole database life cycle."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors, sync

from ...support.live_server import OdooTarget, plain_poster

pytestmark = pytest.mark.anyio


def drop_quietly(odoo: OdooTarget, *names: str) -> None:
    for name in names:
        sync.drop_database(plain_poster, odoo.url, admin_password=odoo.need_master(), db_name=name)


async def test_dump_and_restore_through_every_client_kind(
    odoo: OdooTarget, async_http_client: Any
) -> None:
    """The large base64 payloads both ways, through each kind of HTTP client."""
    master = odoo.need_db_management()
    name = odoo.unique()
    try:
        archive = await aio.dump_database(
            async_http_client, odoo.url, admin_password=master, db_name=odoo.db, format="zip"
        )
        assert zipfile.ZipFile(io.BytesIO(archive)).testzip() is None
        assert await aio.restore_database(
            async_http_client, odoo.url, admin_password=master, db_name=name, data=archive
        )
        assert await aio.db_exist(async_http_client, odoo.url, db_name=name) is True
        assert await aio.drop_database(
            async_http_client, odoo.url, admin_password=master, db_name=name
        )
    finally:
        drop_quietly(odoo, name)


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
