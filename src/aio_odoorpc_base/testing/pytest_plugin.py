"""The pytest plugin of ``aio_odoorpc_base.testing`` (registered through the ``pytest11``
entry point): the ``fake_odoo`` fixture and the ``fake_odoo`` marker. It loads in every
pytest run of an environment where the package is installed, so it imports the fake
only when a test asks for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._server import FakeOdoo

__all__ = ["fake_odoo"]


def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers",
        "fake_odoo(**options): options of the fake_odoo fixture's FakeOdoo, such as "
        "version='11.0' or databases=['a', 'b']",
    )


@pytest.fixture
def fake_odoo(request: pytest.FixtureRequest) -> Iterator[FakeOdoo]:
    """A started :class:`FakeOdoo` (Odoo 19 unless the ``fake_odoo`` marker says
    otherwise), stopped after the test."""
    from ._server import FakeOdoo

    marker = request.node.get_closest_marker("fake_odoo")
    options: dict[str, Any] = dict(marker.kwargs) if marker else {}
    if marker and marker.args:
        options.setdefault("version", marker.args[0])
    with FakeOdoo(**options) as fake:
        yield fake
