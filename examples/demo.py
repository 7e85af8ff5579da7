"""A short tour of aio_odoorpc_base against a running Odoo: the function layer sync and
async, then the client object, server_info and a streamed backup over /web/database.

    python examples/demo.py http://127.0.0.1:8069/jsonrpc demo [login] [password]

With ODOO_API_KEY set (Odoo 19+), the tour is the modern one: the client object over
JSON-2 with that key, then a streamed backup. ODOO_MASTER_PASSWORD is the master password
for the backup (default "admin"). Uses httpx when installed, else the standard library (a
callable http_client).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from aio_odoorpc_base import aio, errors, sync
from aio_odoorpc_base.helpers import execute_kwargs


def stdlib_poster(url: str, payload: dict[str, Any]) -> Any:
    req = urllib.request.Request(
        url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def sync_part(url: str, db: str, login: str, password: str) -> None:
    print("== sync (aio_odoorpc_base.sync) ==")
    try:
        import httpx
    except ImportError:
        client: Any = stdlib_poster
        print("http client: a plain callable over urllib")
    else:
        client = httpx.Client(timeout=60)
        print("http client: httpx.Client (one connection pool for every call)")
    info = sync.version(client, url)
    print(f"server version: {info['server_version']}")
    uid = sync.login(client, url, db=db, login=login, password=password)
    if not uid:
        sys.exit(f"login refused for {login!r} on {db!r}")
    print(f"logged in to {db!r} as {login!r}: uid {uid}")

    def partner(method: str, *args: Any, **kwargs: Any) -> Any:
        return sync.execute_kw(
            client,
            url,
            db=db,
            uid=uid,
            password=password,
            obj="res.partner",
            method=method,
            args=list(args),
            kwargs=kwargs or None,
        )

    names = ["Demo Sync Alpha", "Demo Sync Beta", "Demo Sync Gamma"]
    ids = [partner("create", {"name": name, "ref": "aio-demo"}) for name in names]
    print(f"created partners {ids}")
    found = partner(
        "search_read",
        [["ref", "=", "aio-demo"]],
        **(execute_kwargs(fields=["name"], order="id desc", limit=5) or {}),
    )
    for row in found:
        print(f"  search_read -> {row['id']}: {row['name']}")
    try:
        partner("write", [max(ids) + 10_000], {"name": "nobody"})
    except errors.MissingError as exc:
        print(f"caught {type(exc).__name__}: {exc.message}")
    partner("unlink", ids)
    print(f"deleted partners {ids}")


async def async_part(url: str, db: str, login: str, password: str) -> None:
    print("== async (aio_odoorpc_base / aio_odoorpc_base.aio) ==")
    try:
        import httpx
    except ImportError:
        print("httpx is not installed: skipping the async part")
        return
    async with httpx.AsyncClient(timeout=60) as client:
        uid = await aio.login(client, url, db=db, login=login, password=password)
        assert uid

        async def partner(method: str, *args: Any, **kwargs: Any) -> Any:
            return await aio.execute_kw(
                client,
                url,
                db=db,
                uid=uid,
                password=password,
                obj="res.partner",
                method=method,
                args=list(args),
                kwargs=kwargs or None,
            )

        names = [f"Demo Async {n}" for n in range(5)]
        ids = await asyncio.gather(
            *(partner("create", {"name": n, "ref": "aio-demo"}) for n in names)
        )
        print(f"created {len(ids)} partners concurrently: {sorted(ids)}")
        rows = await partner("read", ids, fields=["name"])
        print(f"read back: {', '.join(r['name'] for r in rows)}")
        count = await partner("search_count", [["ref", "=", "aio-demo"]])
        print(f"search_count(ref = aio-demo) = {count}")
        try:
            await aio.execute_kw(
                client,
                url,
                db=db,
                uid=uid,
                password="wrong password",
                obj="res.partner",
                method="search",
                args=[[]],
            )
        except errors.AccessDenied as exc:
            print(f"caught {type(exc).__name__}: {exc.message} (odoo name {exc.name})")
        await partner("unlink", ids)
        print(f"deleted {len(ids)} partners")


async def client_part(url: str, db: str, login: str, password: str) -> None:
    print("== the client object (AsyncOdooRPC) ==")
    try:
        import httpx
    except ImportError:
        print("httpx is not installed: skipping the client object part")
        return
    async with httpx.AsyncClient(timeout=120) as http:
        info = await aio.server_info(http, url)
        print(
            f"server {info.version}: jsonrpc={info.jsonrpc} json2={info.json2} "
            f"db service={info.db_service} /web/database={info.web_database}"
        )
        async with aio.AsyncOdooRPC(
            url, database=db, login=login, password=password, http_client=http
        ) as odoo:
            partner = odoo["res.partner"]
            ids = await partner.create_many(
                [{"name": f"Demo Bulk {i:03}", "ref": "aio-demo"} for i in range(120)],
                batch_size=25,
                concurrency=4,
            )
            print(f"create_many: {len(ids)} partners in batches of 25, 4 in flight")
            names = [
                row["name"]
                async for row in partner.iterate([["ref", "=", "aio-demo"]], ["name"], page_size=50)
            ]
            print(f"iterate (keyset paging, 50 per page): {len(names)} rows, last {names[-1]!r}")
            await partner.unlink_many(ids, batch_size=60)
            print(f"unlink_many: {len(ids)} partners deleted")
        if info.list_db:
            await backup(http, url, db)


async def json2_part(url: str, db: str, api_key: str) -> None:
    print("== the client object over JSON-2 (Odoo 19+, API key) ==")
    import httpx

    async with httpx.AsyncClient(timeout=120) as http:
        info = await aio.server_info(http, url)
        print(f"server {info.version}: json2={info.json2} jsonrpc={info.jsonrpc}")
        async with aio.AsyncOdooRPC(url, database=db, api_key=api_key, http_client=http) as odoo:
            print(f"protocol chosen: {await odoo.protocol()}, uid {await odoo.uid()}")
            partner = odoo["res.partner"]
            ids = await partner.create(
                [{"name": f"Demo JSON-2 {i}", "ref": "aio-demo"} for i in range(3)]
            )
            print(f"create (one call, a list of ids): {ids}")
            rows = await partner.search_read([["ref", "=", "aio-demo"]], ["name"], order="id")
            print(f"search_read: {[r['name'] for r in rows]}")
            try:
                await partner.write([max(ids) + 10_000], {"name": "nobody"})
            except errors.MissingError as exc:
                print(
                    f"caught {type(exc).__name__} (HTTP {exc.code}): {exc.message.splitlines()[0]}"
                )
            await partner.unlink(ids)
            print(f"unlink: {len(ids)} partners deleted")
        await backup(http, url, db)


async def backup(http: Any, url: str, db: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"{db}.zip"
        size = await aio.web_backup_database(
            http,
            url,
            master_pwd=os.environ.get("ODOO_MASTER_PASSWORD", "admin"),
            name=db,
            backup_file=target,
            progress=lambda done, total: None,
        )
        print(f"web_backup_database streamed {size:,} bytes to {target.name}")


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069/jsonrpc"
    db = sys.argv[2] if len(sys.argv) > 2 else "demo"
    login = sys.argv[3] if len(sys.argv) > 3 else "admin"
    password = sys.argv[4] if len(sys.argv) > 4 else "admin"
    if api_key := os.environ.get("ODOO_API_KEY"):
        asyncio.run(json2_part(url, db, api_key))
        return
    sync_part(url, db, login, password)
    asyncio.run(async_part(url, db, login, password))
    asyncio.run(client_part(url, db, login, password))


if __name__ == "__main__":
    main()
