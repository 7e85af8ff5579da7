"""The package's layers: no module imports from a layer above its own.

Leaves (errors, types, JSON) at the bottom; the sans-IO protocol cores; the transports that
move bytes; the client object's shared parts; the async source and its generated sync twin;
the public modules on top. Read from the source, so a new upward import fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import aio_odoorpc_base

ROOT = Path(aio_odoorpc_base.__file__).parent
LAYERS: dict[str, float] = {
    "_version": 0, "_json": 0, "_log": 0, "errors": 0, "types": 0,
    "protocols": 0.5,
    "_protocol": 1,
    "helpers": 2, "_transport": 2,
    "_data": 3,
    "_client": 3,
    "_async": 4, "_sync": 4,
    "__init__": 5, "__main__": 5, "aio": 5, "sync": 5, "builtin": 5, "cli": 5,
    "testing": 5, "export": 5, "dlt": 5,
}  # fmt: skip


def _unit(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, root: Path = ROOT) -> set[str]:
    """The package-level units that ``path`` imports from (relative or absolute)."""
    rel = path.relative_to(root).with_suffix("").parts
    module = ".".join(("aio_odoorpc_base", *rel)).removesuffix(".__init__")
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            if node.module:
                targets = [".".join([*base, node.module])]
            else:
                targets = [".".join([*base, alias.name]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "aio_odoorpc_base"
        ):
            targets = [node.module or ""]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names if a.name.startswith("aio_odoorpc_base")]
        found |= {_unit(t) for t in targets}
    return found - {_unit(module)}


def test_every_unit_has_a_layer() -> None:
    units = {_unit(".".join(("aio_odoorpc_base", *p.relative_to(ROOT).parts))) for p in
             ROOT.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}  # fmt: skip
    assert {u.removesuffix(".py") for u in units} == set(LAYERS)


def test_no_import_from_a_layer_above() -> None:
    upward = []
    for path in sorted(ROOT.rglob("*.py")):
        own = _unit(".".join(("aio_odoorpc_base", *path.relative_to(ROOT).parts)))
        own = own.removesuffix(".py")
        for target in _imports(path):
            top = LAYERS[own] == LAYERS[target] == 5  # public modules build on each other
            if LAYERS[target] >= LAYERS[own] and not top:
                upward.append(f"{path.relative_to(ROOT)} imports {target}")
    assert upward == []


def test_the_rule_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: relative and absolute upward imports are both seen."""
    probe = tmp_path / "_protocol" / "probe.py"
    probe.parent.mkdir()
    probe.write_text(
        "from .._transport import base\nimport aio_odoorpc_base.cli\nfrom . import args\n",
        encoding="utf-8",
    )
    assert _imports(probe, tmp_path) == {"_transport", "cli"}
