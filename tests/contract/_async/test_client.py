"""The client object against the fakes: JSON-2 model helpers on the fake Odoo 19 (the
requests must be the recorded ones), retries with scripted failures, context merging,
argument naming, and secrets kept out of reprs and logs.

The client object's edge paths on the fakes: protocol choice, uid lookup, argument
naming, bulk and paging failures; plain JSON values through every client kind."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import pytest

from aio_odoorpc_base import BulkError, Retry, aio, errors

from ...support.recorded_odoo import Fault, Raw, RecordedOdoo, Replay
from .recorded import HTML, JSON, KEY, NOT_FOUND, json2, jsonrpc

pytestmark = pytest.mark.anyio

FAST = Retry(attempts=3, backoff=0.001, jitter=0.0)
UNAVAILABLE = Raw(503, b"<html>Service Unavailable</html>", [("Content-Type", "text/html")])


def bodies(fake: RecordedOdoo, path_part: str) -> list[Any]:
    return [json.loads(r.body) for r in fake.requests if path_part in r.path]


async def test_auto_picks_json2_and_finds_the_uid(
    async_http_client: Any, fake19: RecordedOdoo
) -> None:
    client = json2(async_http_client, fake19)
    assert await client.protocol() == "json2"
    assert await client.uid() == 2
    assert await client.uid() == 2  # looked up once
    assert [r.path for r in fake19.requests] == ["/jsonrpc", "/json/2/res.users/context_get"]


async def test_model_helpers_send_the_recorded_calls(
    async_http_client: Any, fake19: RecordedOdoo
) -> None:
    client = json2(async_http_client, fake19, protocol="json2")
    partner = client["res.partner"]
    assert await partner.search_count([]) == 9
    assert await partner.search([["name", "like", "J2"]]) == [14, 13, 15]
    rows = await partner.search_read(
        [["active", "=", True]],
        ["name", "email", "is_company", "create_date", "parent_id"],
        limit=3,
        order="id desc",
    )
    assert [r["id"] for r in rows] == [12, 11, 9]
    rows = await partner.read([13, 14], ["name", "email", "is_company", "parent_id"])
    assert rows[0]["name"] == "J2 Partner"
    created = await partner.create(
        [
            {"name": "J2 Partner", "email": "j2@example.com", "is_company": True},
            {"name": "J2 Contact"},
        ]
    )
    assert created == [13, 14]
    assert await partner.create({"name": "J2 Single"}) == 15
    assert await partner.write([13], {"phone": "+32 2 555 01 01"}) is True
    assert await partner.unlink([14]) is True
    groups = await partner.read_group([], ["is_company"], ["is_company"])
    assert {g["is_company"] for g in groups} == {True, False}
    assert await partner.name_search("J2", limit=5) == [
        [14, "J2 Contact"],
        [13, "J2 Partner"],
        [15, "J2 Single"],
    ]
    assert await partner.call("action_archive", ids=[14]) is None
    assert bodies(fake19, "/write") == [{"ids": [13], "vals": {"phone": "+32 2 555 01 01"}}]


async def test_positional_arguments_are_named_for_json2(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2")
    assert await client.call("res.partner", "search_count", []) == 9
    assert "email" in await client.call("res.partner", "fields_get", ["name", "email"])
    assert bodies(fake19, "/fields_get") == [{"allfields": ["name", "email"]}]
    with pytest.raises(TypeError, match="pass its arguments as keywords"):
        await client.call("res.partner", "action_archive", [14])
    with pytest.raises(TypeError, match="at most 2 positional"):
        await client.call("res.partner", "search_count", [], 1, 2)


async def test_fields_get_is_cached(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2")
    fake19.add(Raw(200, b'{"name": {"type": "char"}}', [("Content-Type", "application/json")]))
    first = await client.model("res.partner").fields_get()
    assert first == {"name": {"type": "char"}}
    assert await client.model("res.partner").fields_get() is first
    assert len(fake19.requests) == 1


async def test_context_is_merged_not_mutated(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    default = {"active_test": True}
    client = json2(async_httpx_client, fake19, protocol="json2", context=default)
    given = {"active_test": False}
    assert await client["res.partner"].search_count([], context=given) == 12
    assert bodies(fake19, "/search_count") == [{"domain": [], "context": {"active_test": False}}]
    assert default == {"active_test": True}
    assert given == {"active_test": False}
    assert client.context == {"active_test": True}


async def test_read_only_calls_are_retried(
    async_httpx_client: Any, fake19: RecordedOdoo, caplog: pytest.LogCaptureFixture
) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2", retry=FAST)
    retry_after = Raw(429, b"slow down", [("Content-Type", "text/plain"), ("Retry-After", "0")])
    fake19.add(UNAVAILABLE, retry_after)
    with caplog.at_level(logging.WARNING, "aio_odoorpc_base"):
        assert await client["res.partner"].search_count([]) == 9
    assert len(fake19.requests) == 3
    assert "retry 2 of 2" in caplog.text
    assert KEY not in caplog.text


async def test_retries_give_up_after_the_attempts(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2", retry=FAST)
    fake19.add(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE)
    with pytest.raises(errors.HTTPStatusError) as info:
        await client["res.partner"].search_count([])
    assert info.value.status_code == 503
    assert len(fake19.requests) == 3


async def test_writes_are_not_retried(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2", retry=FAST)
    fake19.add(UNAVAILABLE)
    with pytest.raises(errors.HTTPStatusError):
        await client["res.partner"].write([13], {"phone": "+32 2 555 01 01"})
    assert len(fake19.requests) == 1


async def test_idempotent_calls_are_retried(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2", retry=FAST)
    fake19.add(UNAVAILABLE)
    result = await client["res.partner"].write([13], {"phone": "+32 2 555 01 01"}, idempotent=True)
    assert result is True
    assert len(fake19.requests) == 2


async def test_server_errors_are_never_retried(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2", retry=FAST)
    with pytest.raises(errors.MissingError):
        await client["res.partner"].write([13], {"name": "x"})
    assert len(fake19.requests) == 1


async def test_refused_connections_are_retried_for_any_method(
    async_httpx_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = aio.AsyncOdooRPC(
        f"http://127.0.0.1:{port}",
        database="db",
        api_key=KEY,
        protocol="json2",
        http_client=async_httpx_client,
        retry=FAST,
    )
    with caplog.at_level(logging.WARNING, "aio_odoorpc_base"), pytest.raises(errors.ConnectError):
        await client["res.partner"].unlink([1])
    assert caplog.text.count("ConnectError") == 2
    assert KEY not in caplog.text


async def test_jsonrpc_retries_on_the_odoo_11_fake(
    async_httpx_client: Any, fake: RecordedOdoo
) -> None:
    client = aio.AsyncOdooRPC(
        fake.url,
        database="cap_main",
        uid=1,
        password="admin",
        http_client=async_httpx_client,
        retry=FAST,
    )
    fake.add(UNAVAILABLE, Replay("object-execute_kw-search_count"))
    count = await client["res.partner"].search_count()
    assert count == fake.cases["object-execute_kw-search_count"]["response"]["body_json"]["result"]
    assert [r.json["params"]["args"] for r in fake.requests] == [
        ["cap_main", 1, "admin", "res.partner", "search_count", [[]]]
    ] * 2


async def test_secrets_stay_out_of_repr(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    client = json2(async_httpx_client, fake19)
    assert KEY not in repr(client)
    assert "cap_main" in repr(client)
    secret = "s3cret-password"
    other = aio.AsyncOdooRPC(
        fake19.base_url,
        database="d",
        login="admin",
        password=secret,
        http_client=async_httpx_client,
    )
    assert secret not in repr(other)


@pytest.mark.parametrize(
    ("kw", "exc", "match"),
    [
        ({}, TypeError, "give login and password"),
        ({"login": "admin"}, TypeError, "give login and password"),
        ({"password": "x", "protocol": "json2"}, TypeError, "give login and password"),
        ({"login": "a", "password": "x", "protocol": "json2"}, TypeError, "needs api_key"),
        ({"api_key": KEY, "protocol": "soap"}, ValueError, "protocol must be"),
    ],
)
async def test_bad_construction(
    async_httpx_client: Any, kw: dict[str, Any], exc: type, match: str
) -> None:
    with pytest.raises(exc, match=match):
        aio.AsyncOdooRPC("http://odoo.test", database="d", http_client=async_httpx_client, **kw)


async def test_owns_and_closes_its_own_http_client(fake19: RecordedOdoo) -> None:
    async with json2(None, fake19, protocol="json2") as client:
        assert await client["res.partner"].search_count([]) == 9
        owned = client.http_client
        assert not owned.closed
    assert owned.closed  # aiohttp's session when installed (sync: the built-in client)


async def test_never_closes_a_client_it_was_given(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    async with json2(async_httpx_client, fake19, protocol="json2") as client:
        await client["res.partner"].search_count([])
    assert not async_httpx_client.is_closed


async def test_timeouts_per_client_and_per_call(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2", timeout=0.3, retry=FAST)
    fake19.add(Fault("slow", 1.0))
    with pytest.raises(errors.TransportTimeout):
        await client["res.partner"].search_count([])
    assert len(fake19.requests) == 1  # a timeout is not retried: the call may have run
    fake19.add(Fault("slow", 0.5))
    assert await client["res.partner"].search_count([], timeout=5) == 9


async def test_bulk_keeps_at_most_n_requests_in_flight(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2")["res.partner"]
    fake19.add(*[Fault("slow", 0.2)] * 6)
    vals = {"phone": "+32 2 555 01 01"}
    results = await partner.write_many([13] * 6, vals, batch_size=1, concurrency=2)
    assert results == [True] * 6
    assert fake19.max_in_flight == 2
    assert bodies(fake19, "/write") == [{"ids": [13], "vals": vals}] * 6


async def test_timeouts_are_retried_only_when_asked(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    retry = Retry(attempts=2, backoff=0.001, jitter=0.0, timeouts=True)
    client = json2(async_httpx_client, fake19, protocol="json2", timeout=0.3, retry=retry)
    fake19.add(Fault("slow", 1.0))
    assert await client["res.partner"].search_count([]) == 9  # read-only: tried again
    assert len(fake19.requests) == 2
    fake19.reset()
    fake19.add(Fault("slow", 1.0))
    with pytest.raises(errors.TransportTimeout):  # a write may have run: never again
        await client["res.partner"].write([13], {"phone": "+32 2 555 01 01"})
    assert len(fake19.requests) == 1


NO_RETRY = Retry(attempts=1)


async def drain(records: Any) -> list[Any]:
    return [r async for r in records]


# --- the client object ------------------------------------------------------------------


async def test_auto_without_jsonrpc_means_json2(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    fake19.add(NOT_FOUND)
    client = json2(async_httpx_client, fake19)
    assert await client.protocol() == "json2"
    assert await client["res.partner"].search_count([]) == 9


async def test_auto_on_an_old_server_means_jsonrpc(
    async_httpx_client: Any, fake: RecordedOdoo
) -> None:
    client = aio.AsyncOdooRPC(
        fake.url, database="cap_main", api_key="key", uid=1, http_client=async_httpx_client
    )
    assert await client.protocol() == "jsonrpc"
    assert await client.server_major() == 11


async def test_auto_reports_other_failures(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    fake19.add(Raw(502, b"<html>Bad Gateway</html>", HTML))
    with pytest.raises(errors.HTTPStatusError) as info:
        await json2(async_httpx_client, fake19).protocol()
    assert info.value.status_code == 502


async def test_uid_over_jsonrpc(async_httpx_client: Any, fake: RecordedOdoo) -> None:
    client = jsonrpc(async_httpx_client, fake, uid=None, login="admin")
    fake.add(Replay("common-login"))
    assert await client.uid() == fake.cases["common-login"]["response"]["body_json"]["result"]
    refused = jsonrpc(async_httpx_client, fake, uid=None, login="admin")
    fake.add(Replay("common-login-bad-password"))
    with pytest.raises(errors.AccessDenied, match="refused"):
        await refused.uid()
    keyed = aio.AsyncOdooRPC(
        fake.url, database="d", api_key="k", protocol="jsonrpc", http_client=async_httpx_client
    )
    with pytest.raises(TypeError, match="login= or uid="):
        await keyed.uid()


async def test_ids_keyword_over_jsonrpc(async_httpx_client: Any, fake: RecordedOdoo) -> None:
    fake.add(Raw(200, b'{"jsonrpc": "2.0", "id": null, "result": null}', JSON))
    client = jsonrpc(async_httpx_client, fake)
    with pytest.raises(errors.ProtocolError):  # the id does not match: the request is what counts
        await client.call("res.partner", "action_archive", ids=[7])
    args = fake.last.json["params"]["args"]
    assert args[3:] == ["res.partner", "action_archive", [[7]]]


async def test_model_helpers_without_optional_arguments(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2")["res.partner"]
    assert repr(partner) == f"<{type(partner).__name__} res.partner>"
    assert (await partner.read([13]))[0]["id"] == 13
    assert json.loads(fake19.last.body) == {"ids": [13]}
    fields = await partner.fields_get(attributes=["string", "type", "required"])
    assert fields["id"]["type"] == "integer"
    assert await partner.fields_get(attributes=["string", "type", "required"]) == fields
    assert len(fake19.requests) == 3  # calls with arguments are not cached
    fake19.add(Raw(200, b"[]", JSON))
    assert await partner.search_read() == []
    assert json.loads(fake19.last.body) == {"domain": []}


async def test_create_list_on_odoo_11_failing_first(
    async_httpx_client: Any, fake: RecordedOdoo
) -> None:
    client = jsonrpc(async_httpx_client, fake)
    fake.add(Replay("common-version"), Replay("error-validation-python-constraint"))
    with pytest.raises(errors.ValidationError):  # nothing was created: the error itself
        await client["res.partner"].create([{"email": "a@b.c"}, {"name": "x"}])


async def test_bad_sizes(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2")["res.partner"]
    with pytest.raises(ValueError, match="page_size"):
        await drain(partner.iterate(page_size=0))
    with pytest.raises(ValueError, match="batch_size"):
        await partner.unlink_many([1], batch_size=0)
    assert fake19.requests == []


async def test_concurrent_paging_reports_a_failed_page(
    async_httpx_client: Any, fake19: RecordedOdoo
) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2", retry=NO_RETRY)["res.partner"]
    bad_gateway = Raw(
        502, b"<html><body>Bad Gateway</body></html>", [("Content-Type", "text/html")]
    )
    fake19.add(Raw(200, b"[1, 2, 3]", JSON), Raw(200, b'[{"id": 1}, {"id": 2}]', JSON), bad_gateway)
    with pytest.raises(errors.HTTPStatusError, match="Bad Gateway"):
        await drain(partner.iterate(page_size=2, concurrency=2))
    assert [json.loads(r.body)["domain"] for r in fake19.requests[1:]] in (
        [[["id", "in", [1, 2]]], [["id", "in", [3]]]],
        [[["id", "in", [3]]], [["id", "in", [1, 2]]]],
    )


async def test_bulk_error_says_which_batch(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    partner = json2(async_httpx_client, fake19, protocol="json2", retry=NO_RETRY)["res.partner"]
    fake19.add(Raw(200, b"true", JSON), NOT_FOUND)
    with pytest.raises(BulkError, match=r"1 of the batches failed \(first: batch 1, items 2-3"):
        await partner.unlink_many([1, 2, 3, 4], batch_size=2, concurrency=1)


CLOSED_CURSOR = Raw(
    500,
    json.dumps({"name": "psycopg2.OperationalError", "message": "Unable to use a closed cursor.",
                "arguments": ["Unable to use a closed cursor."], "context": {}}).encode(),
    JSON,
)  # fmt: skip
TRUE = Raw(200, b"true", JSON)


async def test_a_batch_refused_beside_others_is_tried_alone(
    async_httpx_client: Any, fake19: RecordedOdoo, caplog: pytest.LogCaptureFixture
) -> None:
    """unlink_many and write_many: a batch Odoo refused while others ran (related rows
    deleted at once conflict in PostgreSQL; seen on Odoo 11 and 18) is tried once more
    alone; refused again, it is reported. One at a time, nothing is tried again."""
    partner = json2(async_httpx_client, fake19, protocol="json2", retry=NO_RETRY)["res.partner"]
    fake19.add(CLOSED_CURSOR, TRUE, TRUE)
    with caplog.at_level(logging.WARNING, logger="aio_odoorpc_base.client"):
        assert await partner.unlink_many([1, 2, 3, 4], batch_size=2, concurrency=2) == [True] * 4
    assert len(fake19.requests) == 3
    assert re.search(r"unlink batch [01] failed \(DatabaseError\) beside others, tried again alone",
                     caplog.text)  # fmt: skip
    fake19.reset()
    fake19.add(CLOSED_CURSOR, TRUE, CLOSED_CURSOR)
    with pytest.raises(BulkError, match=r"1 of the batches failed") as info:
        await partner.write_many([1, 2, 3, 4], {"ref": "x"}, batch_size=2, concurrency=2)
    assert info.value.results.count(True) == 2
    assert len(fake19.requests) == 3
    fake19.reset()
    fake19.add(CLOSED_CURSOR, TRUE)
    with pytest.raises(BulkError):
        await partner.unlink_many([1, 2, 3, 4], batch_size=2, concurrency=1)
    assert len(fake19.requests) == 2


async def test_argument_naming_errors(async_httpx_client: Any, fake19: RecordedOdoo) -> None:
    client = json2(async_httpx_client, fake19, protocol="json2")
    with pytest.raises(TypeError, match="multiple values for 'domain'"):
        await client.call("res.partner", "search_count", [], domain=[])
    fake19.add(Raw(200, b"[]", JSON))
    await client.call("res.partner", "name_search", "J2", args=[["id", ">", 0]])
    assert json.loads(fake19.last.body) == {"name": "J2", "domain": [["id", ">", 0]]}


# --- server_info ----------------------------------------------------------------------


async def test_dates_and_bytes_reach_odoo_as_text(
    async_http_client: Any, fake: RecordedOdoo
) -> None:
    """Every client kind, generic ones included (they encode json= themselves)."""
    import datetime as dt

    fake.add(Replay("object-execute_kw-write"))
    vals = {"date": dt.date(2024, 2, 29), "at": dt.datetime(2024, 1, 1, 12), "image": b"\x00\x01"}
    await aio.execute_kw(
        async_http_client,
        fake.url,
        db="cap_main",
        uid=1,
        password="admin",
        obj="res.partner",
        method="write",
        args=[[1], vals],
    )
    assert fake.last.json["params"]["args"][5][1] == {
        "date": "2024-02-29",
        "at": "2024-01-01 12:00:00",
        "image": "AAE=",
    }
