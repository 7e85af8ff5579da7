"""Clients that cannot post forms, stream or keep cookies apart are refused with a
message naming the ones that can, before anything is sent."""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from aio_odoorpc_base import aio, sync

from ..support.clients import UrllibClient, urllib_poster
from ..support.recorded_odoo import RecordedOdoo


@pytest.mark.parametrize("client", [UrllibClient(), urllib_poster], ids=["generic", "poster"])
def test_sync_generic_clients(client: Any, fake19: RecordedOdoo) -> None:
    with pytest.raises(TypeError, match=r"httpx\.Client, requests\.Session or BuiltinClient; got"):
        sync.web_drop_database(client, fake19.base_url, master_pwd="admin", name="cap_x")
    assert fake19.requests == []


def test_async_functions_refuse_sync_clients(fake19: RecordedOdoo, tmp_path: Any) -> None:
    httpx = pytest.importorskip("httpx")
    target = tmp_path / "x.zip"

    async def main() -> None:
        with httpx.Client() as client:
            await aio.web_backup_database(
                client, fake19.base_url, master_pwd="admin", name="cap_x", backup_file=target
            )

    with pytest.raises(TypeError, match=r"httpx\.Client is synchronous; pass httpx\.AsyncClient"):
        anyio.run(main)
    assert fake19.requests == []
    assert not target.exists()


@pytest.mark.parametrize("client", [UrllibClient(), urllib_poster], ids=["generic", "poster"])
def test_generic_clients_cannot_back_up(client: Any, fake19: RecordedOdoo, tmp_path: Any) -> None:
    target = tmp_path / "x.zip"
    with pytest.raises(TypeError, match=r"web\.database\.backup needs an HTTP client"):
        sync.web_backup_database(
            client, fake19.base_url, master_pwd="admin", name="cap_x", backup_file=target
        )
    assert fake19.requests == []
    assert not target.exists()
