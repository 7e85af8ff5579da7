"""The /web/database functions against the fake Odoo 19 (recorded answers): the form
sent must be the recorded one (the fake finds its answer by route and fields), and the
outcome what the answer means. Also: cookies stay out of the caller's client, and the
clients that cannot stream are refused clearly.

/web/database edge paths: odd backup answers, bad restore input, a file that
shrinks during the upload, cookies put back."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ...support.recorded_odoo import Raw, RecordedOdoo, load_cases
from ...support.recorded_odoo19 import backup_chunks, backup_digest
from .recorded import HTML, KEY

pytestmark = pytest.mark.anyio

CASES = load_cases("odoo19")
RECORDED_BACKUP = CASES["I-web-database-backup-zip"]["response"]["body_binary"]["length"]


async def test_list(async_web_client: Any, fake19: RecordedOdoo) -> None:
    names = await aio.web_list_databases(async_web_client, fake19.base_url)
    assert "cap_main" in names
    assert fake19.last.json["params"] == {}


async def test_list_with_a_generic_client(async_http_client: Any, fake19: RecordedOdoo) -> None:
    assert "cap_main" in await aio.web_list_databases(async_http_client, fake19.base_url)


CREATE: dict[str, Any] = {
    "master_pwd": "admin",
    "name": "cap_web",
    "login": "admin",
    "password": "admin",
}


async def test_create(async_web_client: Any, fake19: RecordedOdoo) -> None:
    await aio.web_create_database(
        async_web_client, fake19.base_url, **CREATE, country_code="FR", phone="+33 1 55 55 01 00"
    )
    assert fake19.last.path == "/web/database/create"


@pytest.mark.parametrize(
    ("kw", "exc", "match"),
    [
        ({}, errors.DatabaseExists, "database 'cap_web' already exists"),
        ({"master_pwd": "not-the-master-password", "name": "cap_web3"}, errors.AccessDenied, ""),
    ],
)
async def test_create_fails(
    async_web_client: Any, fake19: RecordedOdoo, kw: dict[str, Any], exc: type, match: str
) -> None:
    info: Any
    with pytest.raises(exc, match=match) as info:
        await aio.web_create_database(async_web_client, fake19.base_url, **{**CREATE, **kw})
    assert "Database creation error" in str(info.value)
    assert "not-the-master-password" not in str(info.value)


async def test_create_refuses_a_bad_name_before_sending(
    async_web_client: Any, fake19: RecordedOdoo
) -> None:
    with pytest.raises(ValueError, match="not a valid database name"):
        await aio.web_create_database(
            async_web_client, fake19.base_url, **{**CREATE, "name": "bad name"}
        )
    assert fake19.requests == []


@pytest.mark.parametrize(
    ("kw", "exc"),
    [
        ({"new_name": "cap_web_dup"}, None),
        ({"new_name": "cap_web_neutral", "neutralize_database": True}, None),
        ({"new_name": "cap_web_x", "master_pwd": "not-the-master-password"}, "AccessDenied"),
    ],
)
async def test_duplicate(
    async_web_client: Any, fake19: RecordedOdoo, kw: dict[str, Any], exc: str | None
) -> None:
    args = {"master_pwd": "admin", "name": "cap_web", **kw}
    if exc is None:
        await aio.web_duplicate_database(async_web_client, fake19.base_url, **args)
    else:
        with pytest.raises(getattr(errors, exc)):
            await aio.web_duplicate_database(async_web_client, fake19.base_url, **args)
    # neutralize is sent only when asked for: Odoo reads any value as true
    assert ("neutralize_database" in fake19.last.body.decode()) is bool(
        kw.get("neutralize_database")
    )


@pytest.mark.parametrize(
    ("kw", "exc"),
    [
        ({"name": "cap_web_neutral"}, None),
        ({"name": "cap_nope"}, None),  # Odoo reports success for a missing database
        ({"name": "cap_web_dup", "master_pwd": "whatever"}, None),  # default master
        ({"name": "cap_web_dup", "master_pwd": "not-the-master-password"}, errors.AccessDenied),
    ],
)
async def test_drop(
    async_web_client: Any, fake19: RecordedOdoo, kw: dict[str, Any], exc: type | None
) -> None:
    args = {"master_pwd": "admin", **kw}
    if exc is None:
        await aio.web_drop_database(async_web_client, fake19.base_url, **args)
    else:
        with pytest.raises(exc, match="Database deletion error: Access Denied"):
            await aio.web_drop_database(async_web_client, fake19.base_url, **args)


async def test_change_password(async_web_client: Any, fake19: RecordedOdoo) -> None:
    await aio.web_change_password(
        async_web_client, fake19.base_url, master_pwd="admin", master_pwd_new="admin2"
    )
    with pytest.raises(errors.AccessDenied, match="Master password update error") as info:
        await aio.web_change_password(
            async_web_client,
            fake19.base_url,
            master_pwd="not-the-master-password",
            master_pwd_new="x",
        )
    assert "not-the-master-password" not in repr(info.value)


@pytest.mark.parametrize(
    ("kw", "case"),
    [
        ({}, "zip"),
        ({"backup_format": "dump"}, "dump"),
        ({"filestore": False}, "zip-no-filestore"),
    ],
)
async def test_backup_streams_to_a_path(
    async_web_client: Any, fake19: RecordedOdoo, tmp_path: Path, kw: dict[str, Any], case: str
) -> None:
    recorded = CASES[f"I-web-database-backup-{case}"]["response"]["body_binary"]["length"]
    target = tmp_path / "b.bin"
    seen: list[tuple[int, int | None]] = []
    size = await aio.web_backup_database(
        async_web_client,
        fake19.base_url,
        master_pwd="admin",
        name="cap_web",
        backup_file=target,
        progress=lambda done, total: seen.append((done, total)),
        **kw,
    )
    assert size == recorded
    assert target.read_bytes() == b"".join(backup_chunks(recorded))
    assert seen[-1] == (recorded, None)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


async def test_backup_to_a_file_object(async_web_client: Any, fake19: RecordedOdoo) -> None:
    sink = io.BytesIO()
    size = await aio.web_backup_database(
        async_web_client, fake19.base_url, master_pwd="admin", name="cap_web", backup_file=sink
    )
    assert size == RECORDED_BACKUP
    assert hashlib.sha256(sink.getvalue()).hexdigest() == backup_digest(size)


@pytest.mark.parametrize(
    ("kw", "exc", "match"),
    [
        ({"name": "cap_nope"}, errors.DatabaseError, "'cap_nope' is not known"),
        ({"master_pwd": "not-the-master-password"}, errors.AccessDenied, "Access Denied"),
    ],
)
async def test_backup_failure_leaves_no_file(
    async_web_client: Any,
    fake19: RecordedOdoo,
    tmp_path: Path,
    kw: dict[str, Any],
    exc: type,
    match: str,
) -> None:
    target = tmp_path / "b.zip"
    args = {"master_pwd": "admin", "name": "cap_web", **kw}
    with pytest.raises(exc, match=match):
        await aio.web_backup_database(async_web_client, fake19.base_url, backup_file=target, **args)
    assert not target.exists()


async def test_backup_cut_short_is_reported_and_removed(
    async_web_client: Any, fake19: RecordedOdoo, tmp_path: Path
) -> None:
    headers = [("Content-Type", "application/octet-stream")]
    fake19.add(Raw(200, b"PK" * 100, headers, truncated=True))  # announces 300, sends 200
    target = tmp_path / "b.zip"
    with pytest.raises(errors.TransportError):
        await aio.web_backup_database(
            async_web_client,
            fake19.base_url,
            master_pwd="admin",
            name="cap_web",
            backup_file=target,
        )
    assert not target.exists()


@pytest.mark.parametrize(
    ("kw", "exc"),
    [
        ({"name": "cap_web_restored", "copy": True}, None),
        ({"name": "cap_web_restored_dump", "copy": True}, None),
        ({"name": "cap_web_restored"}, errors.DatabaseExists),
        ({"name": "cap_web_garbage"}, errors.DatabaseError),
        ({"name": "cap_web_x", "master_pwd": "not-the-master-password"}, errors.AccessDenied),
    ],
)
async def test_restore_streams_from_a_path(
    async_web_client: Any,
    fake19: RecordedOdoo,
    tmp_path: Path,
    kw: dict[str, Any],
    exc: type | None,
) -> None:
    source = tmp_path / "cap_web.zip"
    payload = b"".join(backup_chunks(300_000))
    source.write_bytes(payload)
    seen: list[tuple[int, int | None]] = []
    args = {"master_pwd": "admin", "backup_file": source, "progress": lambda *a: seen.append(a)}
    if exc is None:
        await aio.web_restore_database(async_web_client, fake19.base_url, **{**args, **kw})
    else:
        with pytest.raises(exc, match="Database restore error"):
            await aio.web_restore_database(async_web_client, fake19.base_url, **{**args, **kw})
    upload = fake19.last.upload
    assert upload is not None
    assert upload.files["backup_file"] == (
        "cap_web.zip",
        len(payload),
        hashlib.sha256(payload).hexdigest(),
    )
    assert seen[-1] == (len(payload), len(payload))


async def test_restore_from_a_file_object_position(
    async_web_client: Any, fake19: RecordedOdoo
) -> None:
    source = io.BytesIO(b"header" + b"x" * 1000)
    source.seek(6)
    await aio.web_restore_database(
        async_web_client,
        fake19.base_url,
        master_pwd="admin",
        name="cap_web_restored",
        copy=True,
        backup_file=source,
        filename="cap_web.zip",
    )
    upload = fake19.last.upload
    assert upload is not None
    assert upload.files["backup_file"][1] == 1000


async def test_restore_needs_a_seekable_file(async_web_client: Any, fake19: RecordedOdoo) -> None:
    class Pipe:
        def read(self, n: int = -1) -> bytes:
            return b""

    with pytest.raises(TypeError, match="seekable"):
        await aio.web_restore_database(
            async_web_client,
            fake19.base_url,
            master_pwd="admin",
            name="cap_web_restored",
            backup_file=Pipe(),  # type: ignore[arg-type]
        )
    assert fake19.requests == []


async def test_cookies_from_web_routes_stay_out_of_the_client(
    async_web_client: Any, fake19: RecordedOdoo
) -> None:
    """Create logs the client into the new database with a cookie; a JSON-2 call naming
    another database would then be refused (HTML 403). The client must be left as it was."""
    await aio.web_create_database(
        async_web_client, fake19.base_url, **CREATE, country_code="FR", phone="+33 1 55 55 01 00"
    )
    context = await aio.json2_call(
        async_web_client,
        fake19.base_url,
        api_key=KEY,
        database="cap_main",
        model="res.users",
        method="context_get",
    )
    assert context["uid"] == 2
    assert "cookie" not in fake19.last.headers


async def test_without_the_guard_the_cookie_would_break_json2(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    """The same create posted by hand leaves the cookie, and JSON-2 then fails: what the
    guard above prevents is real."""
    await async_httpx_client.post(
        f"{fake19.base_url}/web/database/create",
        data={**CREATE, "lang": "en_US", "country_code": "FR", "phone": "+33 1 55 55 01 00"},
    )
    with pytest.raises(errors.SessionConflict):
        await aio.json2_call(
            async_httpx_client,
            fake19.base_url,
            api_key=KEY,
            database="cap_main",
            model="res.users",
            method="context_get",
        )


async def test_server_info(async_http_client: Any, fake19: RecordedOdoo) -> None:
    info = await aio.server_info(async_http_client, fake19.base_url)
    assert info.version_info[:2] == (19, 0)
    assert info.json2
    assert info.db_service
    assert info.jsonrpc
    assert info.web_database
    assert info.list_db
    assert info.databases is not None
    assert "cap_main" in info.databases
    assert len(fake19.requests) == 2


async def test_server_info_without_jsonrpc(async_web_client: Any, fake19: RecordedOdoo) -> None:
    """A server whose /jsonrpc is gone: the version comes from GET /web/version."""
    fake19.add(Raw(404, b"<html>Not Found</html>", [("Content-Type", "text/html")]))
    info = await aio.server_info(async_web_client, fake19.base_url + "/jsonrpc")
    assert not info.jsonrpc
    assert not info.db_service
    assert info.json2
    assert info.version.startswith("19.0")
    assert [r.path for r in fake19.requests] == ["/jsonrpc", "/web/version", "/web/database/list"]


# --- the client object ------------------------------------------------------------------


async def test_create_with_demo_sends_it(async_web_client: Any, fake19: RecordedOdoo) -> None:
    with pytest.raises(errors.HTTPStatusError):  # no recorded answer for that form
        await aio.web_create_database(
            async_web_client,
            fake19.base_url,
            master_pwd="admin",
            name="cap_demo",
            login="admin",
            password="admin",
            demo=True,
        )
    assert "demo=1" in fake19.last.body.decode()


async def test_backup_odd_answers(async_web_client: Any, fake19: RecordedOdoo) -> None:
    args: dict[str, Any] = {"master_pwd": "admin", "name": "cap_web"}
    fake19.add(Raw(303, b"", [("Location", "/web/database/manager")]))
    with pytest.raises(errors.ProtocolError, match="redirected"):
        await aio.web_backup_database(
            async_web_client, fake19.base_url, backup_file=io.BytesIO(), **args
        )
    fake19.backup_size = 0
    with pytest.raises(errors.DatabaseError, match="empty backup"):
        await aio.web_backup_database(
            async_web_client, fake19.base_url, backup_file=io.BytesIO(), **args
        )
    fake19.add(Raw(200, b"<html><p>no alert here</p></html>", HTML))
    with pytest.raises(errors.ProtocolError, match="shows no error"):
        await aio.web_backup_database(
            async_web_client, fake19.base_url, backup_file=io.BytesIO(), **args
        )
    fake19.add(Raw(405, b"<html>Method Not Allowed</html>", HTML))
    with pytest.raises(errors.HTTPStatusError) as info:
        await aio.web_backup_database(
            async_web_client, fake19.base_url, backup_file=io.BytesIO(), **args
        )
    assert "newer Odoo" not in str(info.value)


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"backup_file": 42}, "backup_file must be a path or a binary file object"),
        ({"name": 7}, "name must be a str"),
    ],
)
async def test_restore_bad_input(
    async_web_client: Any, fake19: RecordedOdoo, kw: dict[str, Any], match: str
) -> None:
    args = {"master_pwd": "admin", "name": "cap_x", "backup_file": io.BytesIO(b"x"), **kw}
    with pytest.raises(TypeError, match=match):
        await aio.web_restore_database(async_web_client, fake19.base_url, **args)
    with pytest.raises(TypeError, match="open for writing"):
        await aio.web_backup_database(
            async_web_client,
            fake19.base_url,
            master_pwd="admin",
            name="cap_x",
            backup_file=42,  # type: ignore[arg-type]
        )
    assert fake19.requests == []


async def test_a_file_that_shrinks_during_the_upload(
    async_web_client: Any, fake19: RecordedOdoo
) -> None:
    class Shrinking(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            return b""  # the size said 10 bytes, then nothing comes

    with pytest.raises((ValueError, errors.TransportError)):
        await aio.web_restore_database(
            async_web_client,
            fake19.base_url,
            master_pwd="admin",
            name="cap_web_restored",
            copy=True,
            backup_file=Shrinking(b"0123456789"),
        )


async def test_an_existing_session_cookie_is_put_back(
    async_web_client: Any, fake19: RecordedOdoo, client_kind: str
) -> None:
    if client_kind == "builtin":  # no cookie jar: a web route's cookie reaches no later call
        for _ in range(2):
            await aio.web_drop_database(
                async_web_client, fake19.base_url, master_pwd="admin", name="cap_nope"
            )
            assert "cookie" not in fake19.last.headers
        return
    if client_kind == "aiohttp":
        from yarl import URL

        async_web_client.cookie_jar.update_cookies({"session_id": "mine"}, URL(fake19.base_url))
        jar = async_web_client.cookie_jar

        def cookies() -> dict[str, str]:
            return {m.key: m.value for m in jar}
    else:
        async_web_client.cookies.set("session_id", "mine", domain="127.0.0.1")
        jar = getattr(async_web_client.cookies, "jar", async_web_client.cookies)

        def cookies() -> dict[str, str]:
            return {c.name: str(c.value) for c in jar}

    await aio.web_drop_database(
        async_web_client, fake19.base_url, master_pwd="admin", name="cap_nope"
    )
    assert "session_id=mine" in fake19.last.headers["cookie"]  # it was sent, and replaced
    assert cookies() == {"session_id": "mine"}
