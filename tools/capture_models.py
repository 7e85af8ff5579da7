"""Capture the standard models FakeOdoo ships with from the real servers of the test suite.

    python tools/capture_models.py [--version 11|17|18|19|all]

For each version it starts the suite's server (scripts/odoo_server.py), then records, for
res.partner, res.partner.category, res.users, res.company and res.country:

- ``fields_get()`` and ``default_get(<every field>)`` as /jsonrpc answers them (admin, no
  context): the fake returns these answers as they are;
- what the answers do not say, read from the model class in ``odoo-bin shell``: each field's
  ``store`` / computed / related / company-dependent flags, ``_order``, ``_rec_name`` and
  ``_description``.

The result is ``src/aio_odoorpc_base/testing/models/odooNN.json.gz``. Run it again when the
suite's Odoo versions change; the differential tests compare the fake with the servers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import odoo_server  # noqa: E402

MODELS = ["res.partner", "res.partner.category", "res.users", "res.company", "res.country"]
OUT = ROOT / "src" / "aio_odoorpc_base" / "testing" / "models"
DB = "aiotest_models"

# run inside odoo-bin shell (Python 3.7 for Odoo 11): no annotations, no walrus
_SHELL = """
import json
out = {}
for name in %r:
    model = env[name]
    fields = {}
    for fname, field in model._fields.items():
        fields[fname] = {
            "store": bool(field.store),
            "computed": bool(field.compute) or bool(field.related),
            "related": ".".join(field.related) if isinstance(field.related, (list, tuple))
            else (field.related or ""),
            "company_dependent": bool(getattr(field, "company_dependent", False)),
            "inverse": bool(field.inverse),
            "inherited": bool(getattr(field, "inherited", False)),
        }
    out[name] = {"order": model._order, "rec_name": model._rec_name,
                 "description": model._description, "fields": fields}
print("MODELS=" + json.dumps(out))
"""


def capture(version: int) -> dict[str, Any]:
    flavour = odoo_server.FLAVOURS[version]
    odoo_server.up(str(version), DB, False)
    uid = flavour.rpc("common", "login", [DB, "admin", "admin"])

    def call(model: str, method: str, args: list[Any]) -> Any:
        return flavour.rpc("object", "execute_kw", [DB, uid, "admin", model, method, args, {}], 60)

    classes = json.loads(flavour.shell(DB, _SHELL % (MODELS,), "MODELS="))
    models: dict[str, Any] = {}
    for name in MODELS:
        fields_get = call(name, "fields_get", [])
        meta = classes[name]
        models[name] = {
            "description": meta["description"],
            "order": meta["order"],
            "rec_name": meta["rec_name"],
            "fields_get": fields_get,
            "defaults": call(name, "default_get", [sorted(fields_get)]),
            "fields": {f: meta["fields"][f] for f in fields_get if f in meta["fields"]},
        }
    server = flavour.rpc("common", "version", [])
    return {"server_version": server["server_version"], "models": models}  # type: ignore[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", default="all", choices=["11", "17", "18", "19", "all"])
    args = parser.parse_args()
    versions = [11, 17, 18, 19] if args.version == "all" else [int(args.version)]
    OUT.mkdir(parents=True, exist_ok=True)
    for version in versions:
        data = capture(version)
        path = OUT / f"odoo{version}.json.gz"
        text = json.dumps(data, sort_keys=True, indent=0, ensure_ascii=False)
        # mtime=0: the same capture gives the same bytes
        path.write_bytes(gzip.compress(text.encode(), mtime=0))
        print(f"{path.relative_to(ROOT)}: {len(text):,} bytes of JSON")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
