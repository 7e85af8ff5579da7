"""Code written against aio-odoorpc-base 3.0.4 keeps working: every public module and name
of 3.0.4 exists, every parameter it took is accepted, and the helpers give its results
(tests/data/v304/ was recorded from the 3.0.4 package on PyPI)."""

from __future__ import annotations

import importlib
import inspect
import json
from pathlib import Path
from typing import Any

import pytest

from aio_odoorpc_base import helpers

DATA = Path(__file__).resolve().parent.parent / "data" / "v304"
SURFACE: dict[str, dict[str, Any]] = json.loads((DATA / "surface.json").read_text())["modules"]
CASES: list[list[Any]] = json.loads((DATA / "helpers.json").read_text())["cases"]
# 3.0.4 parameters that are gone on purpose (docs/migrating.md says why)
DROPPED = {("jsonrpc", "kwargs")}


@pytest.mark.parametrize("module", sorted(SURFACE))
def test_every_name_of_3_0_4_is_there(module: str) -> None:
    mod = importlib.import_module(module)
    for name, old in SURFACE[module].items():
        assert hasattr(mod, name), f"{module}.{name} is gone"
        if not isinstance(old, dict) or name.startswith("T_"):  # a class or a type alias
            continue
        new = inspect.signature(getattr(mod, name)).parameters
        for pname in old["params"]:
            if (name, pname) not in DROPPED:
                assert pname in new, f"{module}.{name} lost its parameter {pname!r}"


def test_helpers_give_the_results_of_3_0_4() -> None:
    for case in CASES:
        kind, *given, expected = case
        got: Any
        if kind == "b":
            host, port, ssl, base, suffix = given
            got = helpers.build_odoo_jsonrpc_endpoint_url(
                host=host, port=port, ssl=ssl, base_url=base, custom_odoo_jsonrpc_suffix=suffix
            )
        elif kind == "base":
            host, port, ssl, base = given
            got = helpers.build_odoo_base_url(host=host, port=port, ssl=ssl, base_url=base)
        elif kind == "e":
            got = helpers.odoo_base_url2jsonrpc_endpoint(*given)
        else:
            got = helpers.execute_kwargs(**given[0])
        assert got == expected, case
