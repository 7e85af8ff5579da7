"""``AsyncOdooRPC``: a client object built once (server, database, credentials) that
speaks /jsonrpc or JSON-2, with model helpers, keyset paging, bulk work and safe retries.
``OdooRPC`` in ``aio_odoorpc_base.sync`` is generated from this file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .. import _log
from .._client.calls import READ_ONLY, Retry, merge_context, named_arguments
from .._client.concurrency import abounded_map, asleep
from .._client.defaults import default_async_client
from .._protocol.base import base_url
from .._protocol.versions import NO_JSONRPC, major_minor, preferred_protocol
from .._transport import url_or_base
from ..errors import AccessDenied, BulkError, HTTPStatusError, NotFound, ServerError
from ..types import AsyncHttpClient
from .common import login as rpc_login, version as rpc_version
from .json2 import json2_call
from .object import execute_kw

if TYPE_CHECKING:
    from .._data.loading import ImportReport
    from .export import AsyncExport

__all__ = ["AsyncModel", "AsyncOdooRPC"]

Protocol = Literal["auto", "jsonrpc", "json2"]


class AsyncOdooRPC:
    """One Odoo database, one user. Give ``login`` + ``password``, ``uid`` +
    ``password``, or ``api_key`` (with ``login`` or ``uid`` for /jsonrpc).

    ``url`` is the server (its root or any endpoint URL); it may be left out when
    ``http_client`` was created with a base URL (httpx, aiohttp).
    ``protocol="auto"`` uses JSON-2 when an API key is given and the server offers it,
    /jsonrpc otherwise. Without ``http_client`` one is made on first use, owned and closed
    by :meth:`aclose` (or ``async with``): the built-in client (standard library; async,
    on asyncio). A client passed in is never closed.
    ``context`` is merged into every call (a call's ``context=`` wins). ``timeout`` is
    the default per call (None: the HTTP client's own; 120 s for an owned one);
    ``retry`` says how to retry safe failures.
    """

    def __init__(
        self,
        url: str = "",
        *,
        database: str,
        login: str | None = None,
        password: str | None = None,
        uid: int | None = None,
        api_key: str | None = None,
        http_client: AsyncHttpClient | None = None,
        protocol: Protocol = "auto",
        context: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        retry: Retry | None = None,
    ) -> None:
        if protocol not in ("auto", "jsonrpc", "json2"):
            raise ValueError(f"protocol must be 'auto', 'jsonrpc' or 'json2', got {protocol!r}")
        if api_key is None and (password is None or (login is None and uid is None)):
            raise TypeError("give login and password, uid and password, or api_key")
        if protocol == "json2" and api_key is None:
            raise TypeError("protocol='json2' needs api_key (JSON-2 has no password login)")
        # no url: the base URL of the http_client given (httpx, aiohttp), as the functions do
        self.url = base_url(url_or_base(http_client, url))
        self.database = database
        self.login = login
        self._secret = api_key if api_key is not None else password
        self._api_key = api_key
        self._uid = uid
        self._protocol: str | None = None if protocol == "auto" else protocol
        self.context = dict(context or {})
        self.timeout = timeout
        self.retry = retry or Retry()
        self._fields: dict[str, dict[str, Any]] = {}
        self._major: int | None = None
        self._owned = http_client is None
        self._http_client: Any = http_client
        self._owned_timeout = 120.0 if timeout is None else timeout

    @property
    def http_client(self) -> Any:
        """The HTTP client: the one given, or one made on first use and owned (see
        ``_client.defaults``: aiohttp, httpx or the built-in client; sync: the built-in client)."""
        if self._http_client is None:
            self._http_client = default_async_client(self._owned_timeout)
        return self._http_client

    def __repr__(self) -> str:
        if not self._owned:
            http = type(self._http_client).__name__
        elif self._http_client is None:
            http = "its own, made on first use"
        else:
            http = f"its own {type(self._http_client).__name__}"
        return (
            f"<{type(self).__name__} {self.url} db={self.database!r} "
            f"login={self.login!r} uid={self._uid!r} protocol={self._protocol or 'auto'} "
            f"http_client={http}>"
        )

    async def __aenter__(self) -> AsyncOdooRPC:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owned and self._http_client is not None:
            client, self._http_client = self._http_client, None
            close = getattr(client, "aclose", None) or client.close  # aiohttp: close()
            await close()

    # --- who and how --------------------------------------------------------------------

    async def protocol(self) -> str:
        """``"jsonrpc"`` or ``"json2"``; asks the server once when ``auto``."""
        if self._protocol is None:
            if self._api_key is None:
                self._protocol = "jsonrpc"
            else:
                try:
                    version = major_minor(await self._version_info())
                except (HTTPStatusError, NotFound) as exc:
                    if not (isinstance(exc, NotFound) or exc.status_code == 404):
                        raise
                    version = NO_JSONRPC  # /jsonrpc is gone: JSON-2 is what is left
                self._protocol = preferred_protocol(version)
        return self._protocol

    async def _version_info(self) -> list[Any]:
        info = await rpc_version(self.http_client, f"{self.url}/jsonrpc", timeout=self.timeout)
        self._major = int(info["server_version_info"][0])
        return list(info["server_version_info"])

    async def server_major(self) -> int:
        """The server's major version (asked once, over /jsonrpc)."""
        if self._major is None:
            return int((await self._version_info())[0])
        return self._major

    async def uid(self) -> int:
        """The user id: given, or looked up once and kept."""
        if self._uid is None:
            if await self.protocol() == "json2":
                context = await self._send("res.users", "context_get", [], {}, None, None)
                self._uid = int(context["uid"])
            else:
                if self.login is None:
                    raise TypeError("/jsonrpc needs login= or uid= to find the user")
                found = await rpc_login(
                    self.http_client,
                    f"{self.url}/jsonrpc",
                    db=self.database,
                    login=self.login,
                    password=self._secret or "",
                    timeout=self.timeout,
                )
                if found is False:
                    raise AccessDenied(f"login {self.login!r} to {self.database!r} refused")
                self._uid = found
        return self._uid

    # --- calls --------------------------------------------------------------------------

    async def call(
        self,
        model: str,
        method: str,
        *args: Any,
        context: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        idempotent: bool = False,
        **kwargs: Any,
    ) -> Any:
        """``model.method(*args, **kwargs)``, the same over /jsonrpc and JSON-2.

        Over JSON-2 positional arguments are named from the standard ORM signatures; for
        other methods pass keywords (``ids=`` for the records). Failures that are safe
        to retry are retried (read-only methods, or ``idempotent=True``).
        """
        safe = idempotent or method in READ_ONLY
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._send(model, method, args, kwargs, context, timeout)
            except Exception as exc:
                if not self.retry.should_retry(exc, attempt, safe):
                    raise
                delay = self.retry.delay(attempt, exc)
                _log.warning(
                    "%s.%s failed (%s), retry %d of %d in %.2fs",
                    model,
                    method,
                    type(exc).__name__,
                    attempt,
                    self.retry.attempts - 1,
                    delay,
                )
                await asleep(delay)

    async def _send(
        self,
        model: str,
        method: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any],
        context: Mapping[str, Any] | None,
        timeout: float | None,
    ) -> Any:
        ctx = merge_context(self.context, context)
        timeout = self.timeout if timeout is None else timeout
        # known after the first call: no coroutine per call to look them up again
        if (self._protocol or await self.protocol()) == "json2":
            ids, params = named_arguments(model, method, args, kwargs)
            return await json2_call(
                self.http_client,
                self.url,
                api_key=self._api_key or "",
                database=self.database,
                model=model,
                method=method,
                ids=ids,
                context=ctx,
                params=params,
                timeout=timeout,
            )
        kw = dict(kwargs)
        positional = list(args)
        if "ids" in kw:
            positional.insert(0, kw.pop("ids"))
        if ctx is not None:
            kw["context"] = ctx
        return await execute_kw(
            self.http_client,
            f"{self.url}/jsonrpc",
            db=self.database,
            uid=self._uid if self._uid is not None else await self.uid(),
            password=self._secret or "",
            obj=model,
            method=method,
            args=positional,
            kw=kw or None,
            timeout=timeout,
        )

    def model(self, name: str) -> AsyncModel:
        """Helpers for one model: ``client.model("res.partner").search([...])``."""
        return AsyncModel(self, name)

    def __getitem__(self, name: str) -> AsyncModel:
        return self.model(name)


class AsyncModel:
    """The everyday methods of one model, bound to a client."""

    def __init__(self, client: AsyncOdooRPC, name: str) -> None:
        self.client = client
        self.name = name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Any other method; see :meth:`AsyncOdooRPC.call`."""
        return await self.client.call(self.name, method, *args, **kwargs)

    async def search(self, domain: Sequence[Any] = (), **kwargs: Any) -> list[int]:
        return await self.call("search", list(domain), **kwargs)  # type: ignore[no-any-return]

    async def search_count(self, domain: Sequence[Any] = (), **kwargs: Any) -> int:
        return await self.call("search_count", list(domain), **kwargs)  # type: ignore[no-any-return]

    async def read(
        self, ids: Sequence[int], fields: Sequence[str] | None = None, **kwargs: Any
    ) -> list[dict[str, Any]]:
        if fields is not None:
            kwargs["fields"] = list(fields)
        return await self.call("read", list(ids), **kwargs)  # type: ignore[no-any-return]

    async def search_read(
        self, domain: Sequence[Any] = (), fields: Sequence[str] | None = None, **kwargs: Any
    ) -> list[dict[str, Any]]:
        if fields is not None:
            kwargs["fields"] = list(fields)
        return await self.call("search_read", list(domain), **kwargs)  # type: ignore[no-any-return]

    async def create(
        self, vals: Mapping[str, Any] | Sequence[Mapping[str, Any]], **kwargs: Any
    ) -> Any:
        """One dict gives one id; a list of dicts gives a list of ids (both protocols).

        Odoo 11 creates one record per call: a list is sent as one call per dict there,
        so a failure part-way raises BulkError with the ids created before it.
        """
        if isinstance(vals, Mapping):
            ids = await self.call("create", dict(vals), **kwargs)
            return ids[0] if isinstance(ids, list) else ids
        vals_list = [dict(v) for v in vals]
        if await self._lists():
            return await self.call("create", vals_list, **kwargs)
        created: list[int] = []
        for number, one in enumerate(vals_list):
            try:
                created.append(await self.call("create", one, **kwargs))
            except Exception as exc:
                if not created:
                    raise
                results: list[Any] = [*created, *[None] * (len(vals_list) - number)]
                raise BulkError(results, [(number, range(number, number + 1), exc)]) from exc
        return created

    async def _lists(self) -> bool:
        """Whether create takes a list (JSON-2, and /jsonrpc from Odoo 12)."""
        if await self.client.protocol() == "json2":
            return True
        return await self.client.server_major() >= 12

    async def write(self, ids: Sequence[int], vals: Mapping[str, Any], **kwargs: Any) -> bool:
        return await self.call("write", list(ids), dict(vals), **kwargs)  # type: ignore[no-any-return]

    async def unlink(self, ids: Sequence[int], **kwargs: Any) -> bool:
        return await self.call("unlink", list(ids), **kwargs)  # type: ignore[no-any-return]

    async def read_group(
        self, domain: Sequence[Any], fields: Sequence[str], groupby: Sequence[str], **kwargs: Any
    ) -> list[dict[str, Any]]:
        return await self.call(  # type: ignore[no-any-return]
            "read_group", list(domain), list(fields), list(groupby), **kwargs
        )

    async def name_search(self, name: str = "", **kwargs: Any) -> list[Any]:
        return await self.call("name_search", name, **kwargs)  # type: ignore[no-any-return]

    async def fields_get(self, **kwargs: Any) -> dict[str, Any]:
        """The model's fields; the plain call (no arguments) is cached per client."""
        if kwargs:
            return await self.call("fields_get", **kwargs)  # type: ignore[no-any-return]
        cache = self.client._fields
        if self.name not in cache:
            cache[self.name] = await self.call("fields_get")
        return cache[self.name]

    # --- big reads and writes -------------------------------------------------------------

    def export(
        self, domain: Sequence[Any] = (), fields: Sequence[str] | None = None, **options: Any
    ) -> AsyncExport:
        """The matching records in typed batches, to a file or your code: see
        :class:`~aio_odoorpc_base.export.AsyncExport` for ``options`` (batch_size, concurrency,
        since, lag, binary, context, max_rate, count, on_progress)."""
        from .export import AsyncExport

        return AsyncExport(self, domain, fields, **options)

    async def import_rows(
        self,
        fields: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        batch_size: int = 200,
        concurrency: int = 1,
        context: Mapping[str, Any] | None = None,
        on_progress: Callable[[ImportReport], Any] | None = None,
    ) -> ImportReport:
        """Load ``rows`` through Odoo's ``load``, as its spreadsheet import does: one
        value per field of ``fields`` (``id`` for external ids, ``.id`` for database ids
        to update, ``partner_id`` by name, ``partner_id/id`` by external id). Batches of
        ``batch_size`` rows, ``concurrency`` at once. Rows Odoo refuses are set aside
        with its messages and the rest loaded: the report gives each row's outcome.
        A call that fails raises ``ImportInterrupted`` with the report so far."""
        from .importer import run_import

        return await run_import(
            self, fields, rows, batch_size=batch_size, concurrency=concurrency,
            context=context, on_progress=on_progress,
        )  # fmt: skip

    async def iterate(
        self,
        domain: Sequence[Any] = (),
        fields: Sequence[str] | None = None,
        *,
        page_size: int = 500,
        concurrency: int = 1,
        **kwargs: Any,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every matching record, in id order, one page at a time.

        Pages are taken by id (``id > last seen``), so no record is missed or repeated
        when others are added or deleted meanwhile (offset paging repeats records). With
        ``concurrency > 1`` the matching ids are searched first and up to that many pages
        are read at once: records created after that search are not included, records
        deleted before their page is read are skipped.
        """
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        if concurrency > 1:
            async for record in self._iterate_ids(domain, fields, page_size, concurrency, kwargs):
                yield record
            return
        last = 0
        while True:
            page = await self.search_read(
                [*domain, ["id", ">", last]],
                fields,
                limit=page_size,
                order="id asc",
                **kwargs,
            )
            for record in page:
                yield record
            if len(page) < page_size:
                return
            last = page[-1]["id"]

    async def _iterate_ids(
        self,
        domain: Sequence[Any],
        fields: Sequence[str] | None,
        page_size: int,
        concurrency: int,
        kwargs: dict[str, Any],
    ) -> AsyncIterator[dict[str, Any]]:
        ids = await self.search(domain, order="id asc", **kwargs)
        pages = [ids[i : i + page_size] for i in range(0, len(ids), page_size)]

        async def read_page(page: list[int]) -> Any:
            return await self.search_read(
                [*domain, ["id", "in", page]], fields, order="id asc", **kwargs
            )

        for start in range(0, len(pages), concurrency):
            for outcome in await abounded_map(
                read_page, pages[start : start + concurrency], concurrency
            ):
                if isinstance(outcome, BaseException):
                    raise outcome
                for record in outcome:
                    yield record

    async def _batches(
        self,
        items: Sequence[Any],
        batch_size: int,
        concurrency: int,
        one: Any,
        again_alone: str = "",
    ) -> list[Any]:
        """``one(batch)`` for each batch, ``concurrency`` at once. ``again_alone`` (an
        idempotent operation's name): a batch Odoo refused while others ran is tried
        once more with none beside it, since concurrent transactions on related rows
        can fail in PostgreSQL (Odoo rolled the refused one back)."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        spans = [
            range(i, min(i + batch_size, len(items))) for i in range(0, len(items), batch_size)
        ]

        async def run(span: range) -> Any:
            return await one([items[i] for i in span])

        outcomes = await abounded_map(run, spans, concurrency)
        if again_alone and concurrency > 1 and len(spans) > 1:
            for number, outcome in enumerate(outcomes):
                if isinstance(outcome, ServerError):
                    _log.warning(
                        "%s batch %d failed (%s) beside others, tried again alone",
                        again_alone, number, type(outcome).__name__,
                    )  # fmt: skip
                    try:
                        outcomes[number] = await run(spans[number])
                    except Exception as exc:  # reported in the BulkError below
                        outcomes[number] = exc
        results: list[Any] = [None] * len(items)
        failures = []
        for number, (span, outcome) in enumerate(zip(spans, outcomes, strict=True)):
            if isinstance(outcome, BulkError):  # Odoo 11: part of the batch was created
                for offset, i in enumerate(span):
                    results[i] = outcome.results[offset]
                failures.append((number, span, outcome.failures[0][2]))
                continue
            if isinstance(outcome, BaseException):
                failures.append((number, span, outcome))
                continue
            for offset, i in enumerate(span):
                results[i] = outcome[offset] if isinstance(outcome, list) else outcome
        if failures:
            raise BulkError(results, failures)
        return results

    async def create_many(
        self,
        vals_list: Sequence[Mapping[str, Any]],
        *,
        batch_size: int = 100,
        concurrency: int = 4,
        **kwargs: Any,
    ) -> list[int]:
        """Create in batches, at most ``concurrency`` requests in flight; the new ids in
        input order. A failed batch raises BulkError, which keeps the other ids."""

        async def one(batch: list[Any]) -> Any:
            return await self.create(batch, **kwargs)

        return await self._batches(vals_list, batch_size, concurrency, one)

    async def write_many(
        self,
        ids: Sequence[int],
        vals: Mapping[str, Any],
        *,
        batch_size: int = 500,
        concurrency: int = 4,
        **kwargs: Any,
    ) -> list[bool]:
        """Write ``vals`` on ``ids`` in batches; per id, True when its batch succeeded. A
        batch Odoo refused while others ran is tried once more alone."""

        async def one(batch: list[int]) -> Any:
            return await self.write(batch, vals, **kwargs)

        return await self._batches(ids, batch_size, concurrency, one, again_alone="write")

    async def unlink_many(
        self, ids: Sequence[int], *, batch_size: int = 500, concurrency: int = 4, **kwargs: Any
    ) -> list[bool]:
        """Delete ``ids`` in batches; per id, True when its batch succeeded. A batch Odoo
        refused while others ran (deleting related records at once can conflict in
        PostgreSQL) is tried once more alone."""

        async def one(batch: list[int]) -> Any:
            return await self.unlink(batch, **kwargs)

        return await self._batches(ids, batch_size, concurrency, one, again_alone="unlink")
