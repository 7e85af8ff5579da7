"""A fake Odoo for your tests: ``FakeOdoo`` answers /jsonrpc, JSON-2 and
``/web/database/list`` like a chosen Odoo version, over records kept in memory.

    from aio_odoorpc_base.testing import FakeOdoo

    with FakeOdoo("19.0") as odoo:
        odoo.add("res.partner", [{"name": "Acme"}])
        ...  # point your code at odoo.url, odoo.database, odoo.api_key

With pytest, the ``fake_odoo`` fixture (installed with the package) gives a fresh,
started one per test; ``@pytest.mark.fake_odoo(version="11.0")`` picks its version.
``real_odoo`` gives each test module a fresh database on a real Odoo, and
``odoo_backend`` runs a test on both (see ``pytest_plugin``).
The standard library only: nothing to install. The server loads on first use, so the
pytest plugin costs nothing to test runs that do not use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._real import RealOdoo, RealOdooError
    from ._server import FakeOdoo, FakeRequest

__all__ = ["FakeOdoo", "FakeRequest", "RealOdoo", "RealOdooError"]


def __getattr__(name: str) -> Any:
    if name in ("FakeOdoo", "FakeRequest"):
        from . import _server

        return getattr(_server, name)
    if name in ("RealOdoo", "RealOdooError"):
        from . import _real

        return getattr(_real, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
