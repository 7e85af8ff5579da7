"""A fake Odoo for your tests: ``FakeOdoo`` answers /jsonrpc, JSON-2 and
``/web/database/list`` like a chosen Odoo version, over records kept in memory.

    from aio_odoorpc_base.testing import FakeOdoo

    with FakeOdoo("19.0") as odoo:
        odoo.add("res.partner", [{"name": "Acme"}])
        ...  # point your code at odoo.url, odoo.database, odoo.api_key

With pytest, the ``fake_odoo`` fixture (installed with the package) gives a fresh,
started one per test; ``@pytest.mark.fake_odoo(version="11.0")`` picks its version.
The standard library only: nothing to install.
"""

from __future__ import annotations

from ._server import FakeOdoo, FakeRequest

__all__ = ["FakeOdoo", "FakeRequest"]
