"""The types of an export (see ``AsyncModel.export`` and ``Model.export``): the typed
``Schema`` and its ``Column``s, each ``Batch``, the ``ExportProgress`` given to
``on_progress``, the ``ExportResult`` of a file export, and the file ``FORMATS``; the
``ImportReport`` of ``import_rows``, a ``RowResult`` per row."""

from ._data.loading import ImportReport, RowResult
from ._data.schema import Column, Schema
from ._data.state import Batch, ExportProgress, ExportResult
from ._data.writers import FORMATS

__all__ = [
    "FORMATS", "Batch", "Column", "ExportProgress", "ExportResult", "ImportReport",
    "RowResult", "Schema",
]  # fmt: skip
