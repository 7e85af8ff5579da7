"""The types of an export (see ``AsyncModel.export`` and ``Model.export``): the typed
``Schema`` and its ``Column``s, each ``Batch``, the ``ExportProgress`` given to
``on_progress``, the ``ExportResult`` of a file export, and the file ``FORMATS``."""

from ._export.schema import Column, Schema
from ._export.state import Batch, ExportProgress, ExportResult
from ._export.writers import FORMATS

__all__ = ["FORMATS", "Batch", "Column", "ExportProgress", "ExportResult", "Schema"]
