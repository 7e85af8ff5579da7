"""The real-Odoo fixtures without a real Odoo: what a user sees when none is set up, the
backend marker, and the rules that keep a server as it was found
(tests/live/test_real_fixture.py runs them against the real servers)."""

from __future__ import annotations

import pytest

from aio_odoorpc_base.testing import FakeOdoo, RealOdoo, RealOdooError
from aio_odoorpc_base.testing._real import RealServer, settings_from

INNER = """
import pytest


def test_both(odoo_backend):
    with odoo_backend.client() as odoo:
        assert odoo["res.partner"].search_count([]) >= 0


@pytest.mark.odoo_backends("fake")
@pytest.mark.fake_odoo(version="17.0")
def test_fake_only(odoo_backend):
    assert (odoo_backend.kind, odoo_backend.version) == ("fake", "17.0")


def test_real_only(real_odoo):
    raise AssertionError("not reached without a real Odoo")
"""


def test_without_a_real_odoo_the_real_side_skips_and_says_how(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("AIO_ODOO_TEST_URL", "AIO_ODOO_TEST_BIN"):
        monkeypatch.delenv(variable, raising=False)
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_inprocess(
        "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:pytest_cov", "-rs"
    )
    result.assert_outcomes(passed=2, skipped=2)
    result.stdout.fnmatch_lines(["*no real Odoo for this test: name a server (--odoo-url*"])


def test_a_wrong_backend_name_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_inner="""
import pytest

@pytest.mark.odoo_backends("staging")
def test_x(odoo_backend):
    pass
"""
    )
    result = pytester.runpytest_inprocess(
        "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:pytest_cov"
    )
    assert "odoo_backends: ['staging'] (use 'fake' and/or 'real')" in result.stdout.str()
    assert result.ret != 0


def test_settings_come_from_options_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AIO_ODOO_TEST_URL", "http://env:8069")
    monkeypatch.setenv("AIO_ODOO_TEST_MASTER_PASSWORD", "from-env")
    got = settings_from({"odoo_url": "http://option:8069", "odoo_login": None})
    assert got == {"odoo_url": "http://option:8069", "odoo_master_password": "from-env"}


def test_a_named_server_needs_its_master_password() -> None:
    with pytest.raises(RealOdooError, match="master password too"):
        RealServer({"odoo_url": "http://127.0.0.1:1"}).start()
    with pytest.raises(RealOdooError, match="no such file"):
        RealServer({"odoo_bin": "/nonexistent/odoo-bin"}).start()


def test_it_drops_only_its_own_databases_and_keeps_secrets() -> None:
    server = RealServer({"odoo_url": "http://127.0.0.1:1", "odoo_master_password": "m4ster"})
    with pytest.raises(RealOdooError, match="not a test database"):
        server.drop("production")
    odoo = RealOdoo("http://x", "aiotest_a_1", "admin", "s3cret", 2, "17.0", api_key="k3y")
    assert "s3cret" not in repr(odoo)
    assert "k3y" not in repr(odoo)
    assert "m4ster" not in repr(server)
    assert odoo.jsonrpc_url == "http://x/jsonrpc"


def test_the_fake_has_the_same_client_factories() -> None:
    with FakeOdoo("19.0") as fake, fake.client() as odoo:
        assert fake.kind == "fake"
        assert odoo.uid() == fake.uid


def test_the_plugin_module_loads_on_its_own() -> None:
    """pytest imports the plugin (an entry point) before coverage starts: import it again
    here, so that its options and markers are the ones its module defines."""
    import importlib

    from aio_odoorpc_base.testing import pytest_plugin

    module = importlib.reload(pytest_plugin)
    assert set(module.__all__) == {"fake_odoo", "odoo_backend", "real_odoo"}
    assert "odoo_master_password" in module._OPTIONS
