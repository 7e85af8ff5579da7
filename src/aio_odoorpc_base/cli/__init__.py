"""``aio-odoo``, the command line (also ``python -m aio_odoorpc_base``). It needs the
``[cli]`` extra (click and rich); the library itself needs neither."""

from __future__ import annotations

import sys

__all__ = ["main"]

MISSING = (
    "aio-odoo needs click and rich, which the library itself does not install:\n"
    "    pip install 'aio-odoorpc-base[cli]'\n"
)


def main(argv: list[str] | None = None) -> None:
    try:
        from ._app import main as run
    except ImportError as exc:
        if exc.name not in ("click", "rich") and not str(exc.name).startswith("rich."):
            raise
        sys.stderr.write(MISSING)
        raise SystemExit(2) from None
    run(argv)
