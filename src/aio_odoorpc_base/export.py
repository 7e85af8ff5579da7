"""Exports and imports: ``AsyncExport`` and ``Export`` (what ``model.export()`` gives,
loaded on first use), the typed ``Schema`` and its ``Column``s, each ``Batch``, the
``ExportProgress`` given to ``on_progress``, the ``ExportResult`` of a file export, the
file ``FORMATS``, and the ``ImportReport`` of ``import_rows`` with a ``RowResult`` per
row."""

from typing import TYPE_CHECKING, Any

from ._data.loading import ImportReport, RowResult
from ._data.schema import Column, Schema
from ._data.state import Batch, ExportProgress, ExportResult
from ._data.writers import FORMATS

if TYPE_CHECKING:
    from ._async.export import AsyncExport as AsyncExport
    from ._sync.export import Export as Export

__all__ = [
    "FORMATS", "AsyncExport", "Batch", "Column", "Export", "ExportProgress", "ExportResult",
    "ImportReport", "RowResult", "Schema",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name == "AsyncExport":  # the engines load with the client, not with these types
        from ._async.export import AsyncExport

        return AsyncExport
    if name == "Export":
        from ._sync.export import Export

        return Export
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
