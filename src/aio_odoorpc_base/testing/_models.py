"""The standard models FakeOdoo ships with, as the real servers define them.

``models/odooNN.json.gz`` holds, for res.partner, res.partner.category, res.users,
res.company and res.country, what ``tools/capture_models.py`` read from the real Odoo 11,
17, 18 and 19 of the test suite: ``fields_get()``, ``default_get()`` and each field's
store/compute/related flags, ``_order``, ``_rec_name`` and ``_description``."""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from typing import Any

__all__ = ["CAPTURED", "captured_major", "standard_models"]

CAPTURED = (11, 17, 18, 19)


def captured_major(major: int) -> int:
    """The captured version a fake of ``major`` uses: its own, else the nearest one
    (12-14 take 11's, 15-16 take 17's, 20+ take 19's: unverified, no such server here)."""
    if major <= 14:
        return 11
    if major <= 17:
        return 17
    return 18 if major == 18 else 19


@functools.cache
def _load(captured: int) -> dict[str, Any]:
    path = resources.files(__package__).joinpath("models", f"odoo{captured}.json.gz")
    models: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()))["models"]
    return models


def standard_models(major: int) -> dict[str, Any]:
    """model name -> {"fields_get", "defaults", "fields" (flags), "order", "rec_name",
    "description"}, as captured (shared: do not modify)."""
    return _load(captured_major(major))
