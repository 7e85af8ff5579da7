"""A short tour of aio_odoorpc_base against a running Odoo, sync and async.

    python examples/demo.py http://127.0.0.1:8069/jsonrpc demo [login] [password]

Uses httpx when installed, else the standard library (a callable http_client).
"""

from __future__ import annotations

import asyncio
import json
import sys
import urllib.request
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
        **execute_kwargs(fields=["name"], order="id desc", limit=5),
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


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069/jsonrpc"
    db = sys.argv[2] if len(sys.argv) > 2 else "demo"
    login = sys.argv[3] if len(sys.argv) > 3 else "admin"
    password = sys.argv[4] if len(sys.argv) > 4 else "admin"
    sync_part(url, db, login, password)
    asyncio.run(async_part(url, db, login, password))


if __name__ == "__main__":
    main()
