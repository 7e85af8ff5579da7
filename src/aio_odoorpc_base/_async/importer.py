"""Bulk imports through Odoo's own ``load`` (the API behind its spreadsheet import:
external ids, relational fields by name or external id), with a report for every row.
The sync twin is generated from this file.

Odoo loads a batch whole or not at all. When it refuses rows, their messages name them;
those rows are set aside with their messages and the rest of the batch is loaded again.
A batch whose messages name no row is split in two until the refused row is alone. So
every row ends loaded (with its id) or refused (with Odoo's message for it), and the
rows that passed stay committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._client.concurrency import abounded_map
from .._data.loading import ImportReport, RowResult, as_cells, row_errors
from ..errors import AccessDenied, AccessError, ExportError, ImportInterrupted

if TYPE_CHECKING:
    from .client import AsyncModel

__all__ = ["run_import"]


async def run_import(
    model: AsyncModel,
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    batch_size: int = 200,
    concurrency: int = 1,
    context: Mapping[str, Any] | None = None,
    on_progress: Callable[[ImportReport], Any] | None = None,
) -> ImportReport:
    """Load ``rows`` (one value per field of ``fields``) into ``model``; see
    :meth:`AsyncModel.import_rows`."""
    if batch_size < 1 or concurrency < 1:
        raise ExportError("batch_size and concurrency must be at least 1")
    columns = list(fields)
    if not columns or len(set(columns)) != len(columns):
        raise ExportError(f"fields must name each column once, got {columns!r}")
    report = ImportReport(columns)
    kw = {} if context is None else {"context": dict(context)}
    key = columns.index(".id") if ".id" in columns else None
    xid = columns.index("id") if "id" in columns else None

    def status(cells: list[str], known: set[str] | None) -> str:
        if key is not None:
            return "updated" if cells[key] else "created"
        if xid is None or not cells[xid]:
            return "created"
        if known is None:
            return "loaded"  # the external ids could not be looked up: created or updated
        return "updated" if full_xid(cells[xid]) in known else "created"

    async def load(positions: list[int], cells: list[list[str]]) -> None:
        known = await existing_xids(model, [c[xid] for c in cells]) if xid is not None else None
        await load_rows(positions, cells, known)

    async def load_rows(
        positions: list[int], cells: list[list[str]], known: set[str] | None
    ) -> None:
        pending = list(range(len(cells)))
        while pending:
            answer = await model.call("load", columns, [cells[p] for p in pending], **kw)
            refused, notes = row_errors(answer, len(pending))
            ids = answer.get("ids") if isinstance(answer, Mapping) else None
            if ids and not refused:
                if len(ids) != len(pending):
                    raise ExportError(
                        f"{model.name}.load gave {len(ids)} ids for {len(pending)} rows: "
                        "one line per record is supported (no one2many sub-lines)"
                    )
                for n, (p, rid) in enumerate(zip(pending, ids, strict=True)):
                    report.rows[positions[p]] = RowResult(
                        positions[p], status(cells[p], known), rid, notes.get(n, [])
                    )
                return
            if not refused:  # refused, but no row named: halve until it is alone
                if len(pending) == 1:
                    messages = notes.get(None, []) or ["refused by Odoo with no message"]
                    report.rows[positions[pending[0]]] = RowResult(
                        positions[pending[0]], "failed", None, messages
                    )
                    return
                half = len(pending) // 2
                for part in (pending[:half], pending[half:]):
                    await load_rows([positions[p] for p in part], [cells[p] for p in part], known)
                return
            for n, messages in refused.items():
                p = pending[n]
                report.rows[positions[p]] = RowResult(positions[p], "failed", None, messages)
            pending = [p for n, p in enumerate(pending) if n not in refused]

    window: list[tuple[int, list[str]]] = []

    async def flush() -> None:
        batches = [window[i : i + batch_size] for i in range(0, len(window), batch_size)]

        async def one(batch: list[tuple[int, list[str]]]) -> None:
            await load([p for p, _ in batch], [c for _, c in batch])

        for outcome in await abounded_map(one, batches, concurrency):
            if isinstance(outcome, BaseException):
                raise ImportInterrupted(report, outcome) from outcome
        window.clear()
        if on_progress is not None:
            on_progress(report)

    for number, row in enumerate(rows):
        report.rows.append(RowResult(number, "pending", None, []))
        window.append((number, as_cells(row, len(columns), number)))
        if len(window) >= batch_size * concurrency:
            await flush()
    if window:
        await flush()
    return report


def full_xid(value: str) -> str:
    """An external id as ``module.name``; without a module, ``load`` stores it under
    ``__import__`` (Odoo 17 and later) or under an empty module (Odoo 11)."""
    return value if "." in value else f".{value}"


async def existing_xids(model: AsyncModel, values: Sequence[str]) -> set[str] | None:
    """Which of these external ids exist already (so their rows update), as
    :func:`full_xid` spells them, or None when ``ir.model.data`` may not be read."""
    wanted = {full_xid(v) for v in values if v}
    if not wanted:
        return set()
    modules = {w.split(".", 1)[0] for w in wanted}
    if "" in modules:  # no module given: either default
        modules.add("__import__")
    names = sorted({w.split(".", 1)[1] for w in wanted})
    domain = [["model", "=", model.name], ["module", "in", sorted(modules)], ["name", "in", names]]
    try:
        found = await model.client.call("ir.model.data", "search_read", domain, ["module", "name"])
    except (AccessError, AccessDenied):
        return None
    known = set()
    for record in found:
        module = "" if record["module"] in ("", "__import__") else record["module"]
        known.add(f"{module}.{record['name']}")
        known.add(f"{record['module']}.{record['name']}")
    return known & wanted
