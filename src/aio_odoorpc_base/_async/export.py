"""``AsyncExport``: one model's records out of Odoo in typed batches, to a file or to your
code, incremental and resumable. ``Export`` in ``aio_odoorpc_base.sync`` is generated
from this file.

Pages are taken by id (``id > last``): no record is missed or repeated while others are
created or deleted. With ``concurrency > 1`` the next ids are searched a few windows of
``batch_size * concurrency`` ahead and each window's pages read at once, so memory holds
those windows, never the model.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._client.concurrency import AsyncAhead, abounded_map, asleep
from .._data.schema import Schema
from .._data.state import (
    Batch,
    Checkpoint,
    ExportProgress,
    ExportResult,
    column_specs,
    cursor_after,
    parse_since,
    plain_domain,
)
from .._data.writers import format_of, open_writer, partial_path
from ..errors import ExportError

if TYPE_CHECKING:
    import datetime as dt

    from .client import AsyncModel

__all__ = ["AsyncExport"]

_SEARCH_AHEAD = 4  # with concurrency, ids are searched for this many windows at once


class AsyncExport:
    """An export of ``model``'s records matching ``domain`` (see
    :meth:`AsyncModel.export`). Iterate :meth:`batches`, or write :meth:`to_file`."""

    def __init__(
        self,
        model: AsyncModel,
        domain: Sequence[Any] = (),
        fields: Sequence[str] | None = None,
        *,
        batch_size: int = 1000,
        concurrency: int = 2,
        since: str | dt.datetime | None = None,
        lag: float = 300.0,
        binary: bool = False,
        context: Mapping[str, Any] | None = None,
        max_rate: float | None = None,
        count: bool = True,
        on_progress: Callable[[ExportProgress], Any] | None = None,
    ) -> None:
        if batch_size < 1:
            raise ExportError("batch_size must be at least 1")
        if concurrency < 1:
            raise ExportError("concurrency must be at least 1")
        if max_rate is not None and max_rate <= 0:
            raise ExportError("max_rate (requests per second) must be more than 0")
        self.model = model
        self.domain = plain_domain(domain)
        self._fields = None if fields is None else list(fields)
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.since = None if since is None else parse_since(since)
        self.lag = lag
        self.binary = binary
        self.context = context
        self.max_rate = max_rate
        self.count = count
        self.on_progress = on_progress
        self.schema: Schema | None = None
        self.cursor: str | None = None
        """The ``since=`` of the next run, known once the export has started."""
        self.total: int | None = None
        self.rows = 0
        self._next_slot = 0.0
        self._slot_lock = threading.Lock()
        self._started = 0.0
        self._ids: list[int] = []  # searched, not read yet (concurrency > 1)
        self._ids_end = False
        self._after = 0  # a resumed export: the last id already written

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.model.name} domain={self.domain!r}>"

    @property
    def _kw(self) -> dict[str, Any]:
        return {} if self.context is None else {"context": dict(self.context)}

    def _window(self) -> list[Any]:
        if self.since is None:
            return list(self.domain)
        return [*self.domain, ["write_date", ">=", self.since]]

    async def start(self) -> Schema:
        """Describe the columns, note the cursor and count: done by the first batch."""
        if self.schema is None:
            described = await self.model.fields_get()
            self.schema = Schema.from_fields_get(
                self.model.name, described, self._fields, binary=self.binary
            )
            await self._pace()
            newest = await self.model.search_read(
                [["write_date", "!=", False]],
                ["write_date"],
                limit=1,
                order="write_date desc",
                context={**(self.context or {}), "active_test": False},
            )
            latest = newest[0]["write_date"] if newest else None
            self.cursor = cursor_after(latest, self.lag, self.since)
        if self.count and self.total is None:
            await self._pace()
            left = [*self._window(), ["id", ">", self._after]] if self._after else self._window()
            self.total = self.rows + await self.model.search_count(left, **self._kw)
        return self.schema

    async def _pace(self) -> None:
        """At most ``max_rate`` requests per second."""
        if self.max_rate is None:
            return
        with self._slot_lock:  # the sync twin paces from several threads
            now = time.monotonic()
            slot = max(self._next_slot, now)
            self._next_slot = slot + 1.0 / self.max_rate
        if slot > now:
            await asleep(slot - now)

    async def _page(self, domain: list[Any], **kw: Any) -> list[dict[str, Any]]:
        assert self.schema is not None
        await self._pace()
        return await self.model.search_read(
            domain, self.schema.fields, order="id asc", **kw, **self._kw
        )

    async def _fetch(self, window: list[Any], last: int) -> tuple[list[Any], bool, int]:
        """The next pages after id ``last``: (pages, whether they are the last, the last
        id they cover). With concurrency, ids are searched several windows at a time
        (``_SEARCH_AHEAD``) and their pages read ``concurrency`` at once."""
        if self.concurrency == 1:
            page = await self._page([*window, ["id", ">", last]], limit=self.batch_size)
            return [page], len(page) < self.batch_size, page[-1]["id"] if page else last
        span = self.batch_size * self.concurrency
        if len(self._ids) < span and not self._ids_end:
            await self._pace()
            want = span * _SEARCH_AHEAD
            after = self._ids[-1] if self._ids else last
            found = await self.model.search(
                [*window, ["id", ">", after]], limit=want, order="id asc", **self._kw
            )
            self._ids += found
            self._ids_end = len(found) < want
        ids, self._ids = self._ids[:span], self._ids[span:]
        chunks = [ids[i : i + self.batch_size] for i in range(0, len(ids), self.batch_size)]

        async def read(chunk: list[int]) -> list[dict[str, Any]]:
            return await self._page([*window, ["id", "in", chunk]])

        pages = []
        for outcome in await abounded_map(read, chunks, self.concurrency):
            if isinstance(outcome, BaseException):
                raise outcome
            pages.append(outcome)
        done = self._ids_end and not self._ids
        return pages, done, ids[-1] if ids else last

    async def batches(self, after_id: int = 0) -> AsyncIterator[Batch]:
        """The matching records with an id above ``after_id``, in id order, one batch
        of at most ``batch_size`` at a time. The next pages are fetched while the
        caller works on these (at most ``concurrency`` requests in flight)."""
        schema = await self.start()
        if not self._started:
            self._started = time.monotonic()
        window = self._window()
        self._ids, self._ids_end = [], False
        ahead = AsyncAhead(self._fetch, window, after_id)
        try:
            while True:
                pages, done, last = await ahead.result()
                if not done:
                    ahead = AsyncAhead(self._fetch, window, last)
                    for _ in range(2):  # two turns of the loop: its task, then the reads it
                        await asleep(0)  # starts, send their requests before these are written
                for page in pages:
                    if not page:
                        continue
                    self.rows += len(page)
                    yield Batch(page, schema)
                    if self.on_progress is not None:
                        elapsed = time.monotonic() - self._started
                        self.on_progress(ExportProgress(self.rows, self.total, elapsed))
                if done:
                    return
        finally:
            ahead.cancel()

    async def to_file(
        self,
        path: str | os.PathLike[str],
        format: str | None = None,
        *,
        resume: bool = False,
        checkpoint: str | os.PathLike[str] | None = None,
        table: str | None = None,
    ) -> ExportResult:
        """Write every batch to ``path`` (format from its extension, or ``format``:
        csv, jsonl, parquet, arrow, duckdb) under a temporary name, renamed when complete.

        ``resume=True`` keeps a checkpoint (``checkpoint``, by default ``<path>.checkpoint``)
        after every batch: a failed or killed export run again with the same arguments
        continues after the last batch written, with no duplicate and no gap. ``table``:
        the DuckDB table (default: the model's name with ``_`` for ``.``).
        """
        target = Path(path)
        fmt = format_of(target, format)
        marker = Path(checkpoint) if checkpoint is not None else None
        if resume and marker is None:
            marker = target.with_name(target.name + ".checkpoint")
        found = Checkpoint.load(marker) if resume and marker and marker.exists() else None
        after = 0
        if found is not None:
            found.check(self.model.name, self.domain, fmt, self.since, self._fields)
            self.schema = found.schema()
            self.cursor = found.cursor
            self.rows = int(found.writer.get("rows", 0))
            after = self._after = found.last_id
        schema = await self.start()
        state = found.writer if found is not None else ({} if resume else None)
        writer = open_writer(
            target, schema, fmt, resume=state, table=table or self.model.name.replace(".", "_")
        )
        began = time.monotonic()
        try:
            async for batch in self.batches(after):
                writer.write(batch.records)
                if marker is not None:
                    Checkpoint(
                        self.model.name, self.domain, fmt, self.since, self.cursor,
                        column_specs(schema), batch.last_id, writer.state(),
                    ).save(marker)  # fmt: skip
            writer.commit()
        except BaseException:
            writer.abort(keep=resume)
            raise
        if marker is not None:
            marker.unlink(missing_ok=True)
        partial_path(target).unlink(missing_ok=True)
        return ExportResult(
            target, fmt, writer.rows, self.cursor, time.monotonic() - began, found is not None
        )
