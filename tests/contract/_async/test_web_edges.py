"""/web/database edge paths: odd backup answers, bad restore input, a file that
shrinks during the upload, cookies put back."""

from __future__ import annotations

import io
from typing import Any

import pytest

from aio_odoorpc_base import aio, errors

from ...support.recorded_odoo import Raw, RecordedOdoo

pytestmark = pytest.mark.anyio

KEY = "697af3a740bbbb16a574ba89e38fd6b1b0c8d35e"
HTML = [("Content-Type", "text/html; charset=utf-8")]


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
