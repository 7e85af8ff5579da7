"""The pytest plugin of ``aio_odoorpc_base.testing`` (registered through the ``pytest11``
entry point). It loads in every pytest run of an environment where the package is
installed, so it imports the fake and the real-Odoo helpers only when a test asks.

- ``fake_odoo``: a started :class:`FakeOdoo` per test (``@pytest.mark.fake_odoo(...)``
  passes its options).
- ``real_odoo``: a database on a real Odoo for each test module, cloned from a template
  and dropped afterwards (``--odoo-url``/``--odoo-master-password`` or ``--odoo-bin``;
  skipped with how to set it up when neither is given).
- ``odoo_backend``: the test runs once on each, ``fake`` and ``real`` (narrow it with
  ``@pytest.mark.odoo_backends("fake")``); both give ``url``, ``database``, ``login``,
  ``password``, ``uid``, ``version``, ``kind`` and the ``client()``/``aclient()``
  factories. The fake takes the real server's version when one is set up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._real import RealOdoo, RealServer
    from ._server import FakeOdoo

__all__ = ["fake_odoo", "odoo_backend", "real_odoo"]

_OPTIONS = {
    "odoo_url": "the URL of a real Odoo for the real_odoo fixture",
    "odoo_master_password": "its master password (the fixture copies and drops databases)",
    "odoo_bin": "or: an odoo-bin to start (PostgreSQL from the PG* variables)",
    "odoo_addons": "the addons path for --odoo-bin",
    "odoo_python": "the Python that runs --odoo-bin (default: this one)",
    "odoo_template": "a database to clone for each test module (default: a new one, base only)",
    "odoo_login": "the template's administrator login (default admin)",
    "odoo_password": "and password (default admin)",
}


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("aio_odoorpc_base", "aio_odoorpc_base.testing: a real Odoo")
    for name, text in _OPTIONS.items():
        flag = "--" + name.replace("_", "-")
        group.addoption(flag, dest=name, default=None, help=f"{text} ({_variable(name)})")


def _variable(name: str) -> str:
    from ._real import SETTINGS

    return SETTINGS[name]


def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers",
        "fake_odoo(**options): options of the fake_odoo fixture's FakeOdoo, such as "
        "version='11.0' or databases=['a', 'b']",
    )
    config.addinivalue_line(
        "markers", "odoo_backends(*kinds): the backends of odoo_backend ('fake', 'real')"
    )


def pytest_generate_tests(metafunc: Any) -> None:
    if "odoo_backend" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("odoo_backends")
        kinds = list(marker.args) if marker and marker.args else ["fake", "real"]
        if bad := [k for k in kinds if k not in ("fake", "real")]:
            raise pytest.UsageError(f"odoo_backends: {bad} (use 'fake' and/or 'real')")
        metafunc.parametrize("odoo_backend", kinds, indirect=True)


@pytest.fixture(scope="session")
def aio_odoo_real_server(pytestconfig: Any) -> Iterator[RealServer]:
    from ._real import HOW, RealServer, settings_from

    settings = settings_from({n: pytestconfig.getoption(n) for n in _OPTIONS})
    if "odoo_url" not in settings and "odoo_bin" not in settings:
        pytest.skip(HOW)
    server = RealServer(settings)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def real_odoo(request: pytest.FixtureRequest) -> Iterator[RealOdoo]:
    """A database on the real Odoo, fresh for this test module (a copy of the template),
    dropped after it."""
    server: RealServer = request.getfixturevalue("aio_odoo_real_server")
    with server.database(request.module.__name__.rsplit(".", 1)[-1]) as database:
        yield database


def _fake(request: pytest.FixtureRequest, version: str | None = None) -> FakeOdoo:
    from ._server import FakeOdoo

    marker = request.node.get_closest_marker("fake_odoo")
    options: dict[str, Any] = dict(marker.kwargs) if marker else {}
    if marker and marker.args:
        options.setdefault("version", marker.args[0])
    if version:
        options.setdefault("version", version)
    return FakeOdoo(**options)


@pytest.fixture
def fake_odoo(request: pytest.FixtureRequest) -> Iterator[FakeOdoo]:
    """A started :class:`FakeOdoo` (Odoo 19 unless the ``fake_odoo`` marker says
    otherwise), stopped after the test."""
    with _fake(request) as fake:
        yield fake


@pytest.fixture
def odoo_backend(request: pytest.FixtureRequest) -> Iterator[FakeOdoo | RealOdoo]:
    """The fake or the real Odoo, per the test's parameter (see the module's doc)."""
    if request.param == "real":
        yield request.getfixturevalue("real_odoo")
        return
    version = None
    from ._real import SETTINGS, settings_from

    if settings_from({n: request.config.getoption(n) for n in SETTINGS}).keys() & {
        "odoo_url", "odoo_bin"
    }:  # fmt: skip
        version = request.getfixturevalue("aio_odoo_real_server").version
    with _fake(request, version) as fake:
        yield fake
